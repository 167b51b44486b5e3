"""LagSequencer: the lag tables of forecasting libraries as sequences.

Forecasting libraries that accept any scikit-learn regressor (skforecast,
sktime's ``make_reduction``) hand it a 2-D table of lagged values. Its
columns are not time steps in time order: skforecast puts the newest lag
first and appends exogenous and window features, sktime lays one block of
lags per variable. :class:`LagSequencer` reads such a table back into the
``(n_samples, n_steps, n_features)`` array, oldest step first, that the
recurrent estimators read.
"""

from numbers import Integral

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin, _fit_context
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

_LAYOUTS = ("skforecast", "sktime")


def _resolve_layout(layout, n_lags, n_variables, width):
    """Split ``width`` columns into (n_lags, n_variables, n_extra), or raise."""
    if layout == "skforecast":
        n_variables = 1 if n_variables is None else n_variables
        if n_lags is None:
            if width % n_variables:
                raise ValueError(
                    f"With n_lags=None every column of X is a lag, so X's {width} "
                    f"columns must split into n_variables={n_variables} equal "
                    f"blocks. Got {width} columns instead; set `n_lags` to the "
                    "number of lags per variable (skforecast's `lags`)."
                )
            n_lags = width // n_variables
        elif n_lags * n_variables > width:
            raise ValueError(
                f"`n_lags` * `n_variables` lag columns ({n_lags} * {n_variables} "
                f"= {n_lags * n_variables}) must fit in the columns of X. Got X "
                f"with {width} columns instead."
            )
        return n_lags, n_variables, width - n_lags * n_variables
    # sktime: every column is a lag, so one of the two counts gives the other
    if n_lags is None and n_variables is None:
        return width, 1, 0
    if n_lags is not None and n_variables is not None:
        if n_lags * n_variables != width:
            raise ValueError(
                "With layout='sktime' every column of X is a lag: X must have "
                f"`n_lags` * `n_variables` = {n_lags} * {n_variables} = "
                f"{n_lags * n_variables} columns. Got {width} columns instead."
            )
        return n_lags, n_variables, 0
    given, value = (
        ("n_lags", n_lags) if n_lags is not None else ("n_variables", n_variables)
    )
    if width % value:
        raise ValueError(
            "With layout='sktime' every column of X is a lag: X's columns must "
            f"split into blocks of `{given}`={value}. Got {width} columns, not a "
            f"multiple of {value}, instead."
        )
    if n_lags is not None:
        return n_lags, width // n_lags, 0
    return width // n_variables, n_variables, 0


class LagSequencer(TransformerMixin, BaseEstimator):
    """Read the lag table of a forecasting library as sequences in time order.

    skforecast's forecasters and sktime's ``make_reduction`` train any
    scikit-learn regressor on a 2-D table of lagged values, one row per
    training window. A recurrent network needs the window as a sequence,
    oldest step first, which is not how these tables are laid out:

    - ``layout="skforecast"`` (``ForecasterRecursive``, ``ForecasterDirect``,
      ``ForecasterRecursiveMultiSeries``, ``ForecasterDirectMultiVariate``):
      for each variable a block of ``n_lags`` columns ``lag_1, lag_2, ...``,
      newest first; then every other column (window features, series
      encoding, exogenous variables at the target's time step, calendar
      features), here called *extra* columns.
    - ``layout="sktime"`` (``make_reduction(..., pooling="local")`` with a
      tabular regressor, any ``strategy``): for each variable (the target,
      then each column of the exogenous ``X``) a block of ``n_lags`` columns,
      oldest first. Every column is a lag: sktime lags the exogenous
      variables like the target.

    :meth:`transform` returns ``(n_samples, n_lags, n_variables + n_extra)``:
    step ``t`` holds each variable's value at that lag, oldest step first,
    followed by the extra columns. The extra columns are the same at every
    step (broadcast along time). They describe the whole window or the
    target's time step, not one lag, so no single step is theirs; appending
    them as one more time step would put them in the feature slots of the
    lagged variables and give the network a step without the series' value.
    Repeated at every step, each step stays a real observation and the
    network reads the covariates next to the lags, including at the last
    step, from which it predicts.

    Parameters
    ----------
    layout : {"skforecast", "sktime"}, default="skforecast"
        Column layout of the lag table, as described above.

    n_lags : int or None, default=None
        Number of lag columns per variable: skforecast's ``lags`` (an int, or
        the length of a list of lags), sktime's ``window_length``.

        - None with ``layout="skforecast"``: every column is a lag, the
          table holds no extra columns.
        - None with ``layout="sktime"``: the number of columns divided by
          ``n_variables``.

    n_variables : int or None, default=None
        Number of variables whose lags are laid out as consecutive blocks.

        - None with ``layout="skforecast"``: 1 (one series;
          ``ForecasterDirectMultiVariate`` has one block per series).
        - None with ``layout="sktime"``: the number of columns divided by
          ``n_lags`` (1 + the number of exogenous columns).

    Attributes
    ----------
    n_lags_ : int
        Number of time steps of the output: lags per variable.

    n_variables_ : int
        Number of lagged variables.

    n_extra_ : int
        Number of extra columns, repeated at every time step; 0 for
        ``layout="sktime"``.

    n_features_in_ : int
        Number of columns of the lag table seen in :meth:`fit`.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of the columns seen in :meth:`fit`, when ``X`` was a DataFrame
        with string column names.

    See Also
    --------
    RecurrentRegressor : The recurrent network to put after this transformer.

    Notes
    -----
    skforecast's lags need not be contiguous (``lags=[1, 7, 14]``): their
    columns are read as steps in the same order, oldest first, so the steps
    are unevenly spaced in time. ``ForecasterDirectMultiVariate`` with
    ``window_features`` puts each series' window features inside its block
    of lags, which neither layout describes. sktime's
    ``pooling="global"`` builds its table with ``WindowSummarizer`` and is
    not covered by ``layout="sktime"``.

    Missing values are refused: a recurrent estimator reads trailing all-NaN
    steps as padding, so a NaN in the newest lags would silently shorten the
    window. Impute the series first (skforecast can drop such rows itself
    with ``dropna_from_series=True``).

    Examples
    --------
    Two skforecast rows with ``lags=3`` and one exogenous column: lags
    newest first, then the exogenous value at the target's time step.

    >>> import numpy as np
    >>> from skseq import LagSequencer
    >>> X = np.array([[3.0, 2.0, 1.0, 10.0], [4.0, 3.0, 2.0, 20.0]])
    >>> Xt = LagSequencer(layout="skforecast", n_lags=3).fit_transform(X)
    >>> Xt.shape
    (2, 3, 2)
    >>> Xt[0]
    array([[ 1., 10.],
           [ 2., 10.],
           [ 3., 10.]])

    In a pipeline, as the regressor of a forecaster:

    >>> from sklearn.pipeline import make_pipeline
    >>> from skseq import RecurrentRegressor
    >>> regressor = make_pipeline(
    ...     LagSequencer(layout="skforecast", n_lags=12),
    ...     RecurrentRegressor(units=16, random_state=0),
    ... )
    """

    _parameter_constraints: dict = {
        "layout": [StrOptions(set(_LAYOUTS))],
        "n_lags": [None, Interval(Integral, 1, None, closed="left")],
        "n_variables": [None, Interval(Integral, 1, None, closed="left")],
    }

    def __init__(self, *, layout="skforecast", n_lags=None, n_variables=None):
        self.layout = layout
        self.n_lags = n_lags
        self.n_variables = n_variables

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Check that the layout fits the table's width and record it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_columns)
            Lag table, laid out as ``layout`` says.
        y : None
            Ignored.

        Returns
        -------
        self : LagSequencer
            The fitted transformer.
        """
        X = self._validate(X, reset=True)
        self.n_lags_, self.n_variables_, self.n_extra_ = _resolve_layout(
            self.layout, self.n_lags, self.n_variables, X.shape[1]
        )
        return self

    def transform(self, X):
        """Reorder the lag table into sequences, oldest time step first.

        Parameters
        ----------
        X : array-like of shape (n_samples, `n_features_in_`)
            Lag table with the columns seen in :meth:`fit`.

        Returns
        -------
        X_seq : ndarray of shape (n_samples, `n_lags_`, `n_variables_` + `n_extra_`)
            Each row's window in time order, oldest step first; the extra
            columns repeated at every step. float64, or float32 for float32
            input.
        """
        check_is_fitted(self, "n_lags_")
        X = self._validate(X, reset=False)
        n, k, m = X.shape[0], self.n_lags_, self.n_variables_
        out = np.empty((n, k, m + self.n_extra_), dtype=X.dtype)
        blocks = X[:, : k * m].reshape(n, m, k)
        if self.layout == "skforecast":
            blocks = blocks[:, :, ::-1]
        out[:, :, :m] = blocks.transpose(0, 2, 1)
        out[:, :, m:] = X[:, None, k * m :]
        return out

    def _validate(self, X, reset):
        return validate_data(
            self, X, reset=reset, dtype=(np.float64, np.float32), ensure_min_samples=1
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
