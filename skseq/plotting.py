"""Learning curves of fitted recurrent estimators.

:func:`plot_history` draws the per-epoch training (and validation) metrics
that :class:`~skseq.RecurrentClassifier` and :class:`~skseq.RecurrentRegressor`
record in ``history_``.

For learning curves over the training-set size, use scikit-learn's
:class:`sklearn.model_selection.LearningCurveDisplay` directly: skseq's
estimators and pipelines are ordinary scikit-learn estimators, so nothing
needs wrapping::

    from sklearn.model_selection import LearningCurveDisplay
    LearningCurveDisplay.from_estimator(
        make_text_classifier(max_tokens=10000, maxlen=200, epochs=2),
        X, y, train_sizes=[0.25, 0.5, 1.0], cv=3,
    )

``n_jobs=2`` and up fits the points in worker processes, each with its
share of the cores (see the user guide, "Model selection").

matplotlib is an optional dependency: ``pip install skseq[plot]``.
"""

from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from skseq._estimators import RecurrentClassifier, RecurrentRegressor

__all__ = ["plot_history"]


def _history(estimator):
    """The ``history_`` of ``estimator`` or of a pipeline's last step."""
    while isinstance(estimator, Pipeline):
        estimator = estimator.steps[-1][1]
    history = getattr(estimator, "history_", None)
    if history is not None:
        return history
    if isinstance(estimator, RecurrentClassifier | RecurrentRegressor):
        check_is_fitted(estimator)
    hint = ""
    if hasattr(estimator, "best_estimator_"):
        hint = " For a search, pass its best_estimator_."
    raise TypeError(
        "plot_history needs a fitted estimator with a `history_` attribute "
        "(RecurrentClassifier, RecurrentRegressor or a Pipeline ending in one). "
        f"Got {type(estimator).__name__} instead.{hint}"
    )


def _metric_names(history, metrics):
    if not history:
        raise ValueError("The estimator's history_ is empty: nothing to plot.")
    if metrics is None:
        names = [key for key in history if not key.startswith("val_")]
        return names or list(history)
    names = [metrics] if isinstance(metrics, str) else list(metrics)
    unknown = [name for name in names if name not in history]
    if unknown or not names:
        raise ValueError(
            f"`metrics` must be keys of the estimator's history_ "
            f"{sorted(history)}. Got {unknown} instead."
        )
    return names


def plot_history(estimator, *, ax=None, metrics=None):
    """Plot the per-epoch learning curves of a fitted recurrent estimator.

    Draws, for each metric recorded in ``estimator.history_``, the training
    curve (solid) and, when the estimator was fitted with
    ``early_stopping=True``, the validation curve ``val_<metric>`` (dashed,
    same colour), with epochs on the x axis.

    Parameters
    ----------
    estimator : RecurrentClassifier, RecurrentRegressor or Pipeline
        A fitted estimator with a ``history_`` attribute, or a fitted
        :class:`~sklearn.pipeline.Pipeline` whose last step is one (such as
        :func:`~skseq.make_text_classifier` returns).
    ax : matplotlib.axes.Axes, default=None
        Axes to draw on. None creates a new figure.
    metrics : str or list of str, default=None
        Keys of ``history_`` to draw, e.g. ``"loss"``. The validation curve
        ``val_<key>`` is drawn with each key when present. None draws every
        training metric (every key not starting with ``"val_"``).

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes with the curves, labelled, and a legend.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    sklearn.exceptions.NotFittedError
        If the recurrent estimator is not fitted yet.
    TypeError
        If ``estimator`` has no ``history_`` (it is not a recurrent
        estimator).
    ValueError
        If ``metrics`` is empty or names a key that ``history_`` lacks.

    See Also
    --------
    sklearn.model_selection.LearningCurveDisplay : Scores against the
        training-set size.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from skseq import RecurrentClassifier
    >>> from skseq.plotting import plot_history
    >>> rng = np.random.RandomState(0)
    >>> X = rng.randint(1, 20, size=(60, 6))
    >>> y = (X[:, 0] > 10).astype(int)
    >>> clf = RecurrentClassifier(
    ...     units=4, epochs=3, early_stopping=True, random_state=0
    ... ).fit(X, y)
    >>> ax = plot_history(clf)
    >>> ax.get_legend_handles_labels()[1]
    ['training loss', 'validation loss']
    >>> ax.get_xlabel()
    'epoch'
    """
    history = _history(estimator)
    names = _metric_names(history, metrics)
    try:
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError as exc:
        raise ImportError(
            "plot_history requires matplotlib; install it with "
            "`pip install skseq[plot]`."
        ) from exc

    if ax is None:
        _, ax = plt.subplots()
    colours = {}
    for name in names:
        keys = [name]
        val = f"val_{name}"
        if val in history and val not in names:
            keys.append(val)
        for key in keys:
            validation = key.startswith("val_")
            base = key.removeprefix("val_")
            values = list(history[key])
            (line,) = ax.plot(
                range(1, len(values) + 1),
                values,
                linestyle="--" if validation else "-",
                marker="o" if len(values) == 1 else None,
                color=colours.get(base),
                label=f"{'validation' if validation else 'training'} {base}",
            )
            colours.setdefault(base, line.get_color())
    ax.set_xlabel("epoch")
    ax.set_ylabel(next(iter(colours)) if len(colours) == 1 else "value")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend()
    return ax
