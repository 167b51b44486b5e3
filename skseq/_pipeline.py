"""Text pipelines: TextTokenizer -> SequencePadder -> recurrent estimator."""

from sklearn.pipeline import Pipeline

from skseq._estimators import RecurrentClassifier, RecurrentRegressor
from skseq._padding import SequencePadder
from skseq._text import TextTokenizer


def _make_text_pipeline(estimator, name, params):
    pipe = Pipeline(
        [
            ("tokenizer", TextTokenizer(max_tokens="auto")),
            ("padder", SequencePadder(maxlen="auto")),
            (name, estimator),
        ]
    )
    steps = dict(pipe.steps)
    routed = {}
    for key, value in params.items():
        if "__" in key:
            routed[key] = value
            continue
        owners = [s for s, step in steps.items() if key in step.get_params(deep=False)]
        if not owners:
            raise TypeError(
                f"{key!r} is not a parameter of TextTokenizer, SequencePadder or "
                f"{type(estimator).__name__}. Got {key}={value!r}."
            )
        routed[f"{owners[0]}__{key}"] = value
    return pipe.set_params(**routed)


def make_text_classifier(**params):
    """Pipeline of TextTokenizer, SequencePadder and RecurrentClassifier.

    The recipe sets ``max_tokens="auto"`` (the tokenizer), ``maxlen="auto"``
    (the padder) and ``ngrams="auto"`` (the classifier): the vocabulary and
    the padded length follow the corpus within bounds, so that long
    documents train in bounded time and memory (the rules of the user
    guide's "Defaults"; fitted, each step reports them in ``plan_``). A value
    you pass wins.

    Parameters
    ----------
    **params
        Parameters of the steps, by step name (``tokenizer__max_tokens``,
        ``padder__maxlen``, ``clf__cell``) or by plain name when the name
        belongs to one step (``max_tokens=10000, maxlen=400, cell="gru"``).

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps ``tokenizer``, ``padder`` and ``clf``.

    Examples
    --------
    >>> from skseq import make_text_classifier
    >>> pipe = make_text_classifier(max_tokens=1000, maxlen=50, cell="gru")
    >>> [name for name, _ in pipe.steps]
    ['tokenizer', 'padder', 'clf']
    >>> pipe.get_params()["clf__cell"]
    'gru'
    >>> make_text_classifier().get_params()["padder__maxlen"]
    'auto'
    """
    return _make_text_pipeline(RecurrentClassifier(ngrams="auto"), "clf", params)


def make_text_regressor(**params):
    """Pipeline of TextTokenizer, SequencePadder and RecurrentRegressor.

    The recipe sets ``max_tokens="auto"``, ``maxlen="auto"`` and
    ``ngrams="auto"``, as :func:`make_text_classifier` does.

    Parameters
    ----------
    **params
        Parameters of the steps, by step name (``tokenizer__max_tokens``,
        ``padder__maxlen``, ``reg__cell``) or by plain name when the name
        belongs to one step.

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps ``tokenizer``, ``padder`` and ``reg``.
    """
    return _make_text_pipeline(RecurrentRegressor(ngrams="auto"), "reg", params)
