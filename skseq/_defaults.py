"""The resolver: every "auto" of the estimators, decided in one place.

:func:`summarize` reads what the rules need from the training data (a
:class:`DataSummary`); :func:`resolve` is a pure function from the
parameters and that summary to a :class:`Plan`, the frozen mapping that a
fitted estimator reports as ``plan_``. Every threshold is in
:data:`THRESHOLDS`; the user guide's "Defaults" table lists the same rules,
and ``benchmarks/README.md`` the measurements behind them.
"""

import dataclasses
import types
from numbers import Integral

import numpy as np
from scipy import stats
from sklearn.preprocessing import StandardScaler

from skseq._network import MEAN, SERIES_FLOOR, layer_sizes, ngram_codes

THRESHOLDS = types.MappingProxyType(
    {
        # epochs="auto": gradient steps asked for, within these many epochs
        "budget_steps": 1000,
        "budget_epochs": (10, 500),
        # float values of a classifier or regressor: no held-out data, the
        # training loss's plateau ends the fit: more steps, more patience
        "series_budget_steps": 2000,
        "series_patience_steps": 300,
        # float values: the epochs' forward passes through the front-end and
        # recurrent layers take at most this many multiply-adds, down to the
        # least epochs above (about 45 s of training on 2 CPU cores)
        "budget_macs": 15 * 10**10,
        # early stopping's least patience, in gradient steps
        "patience_steps": 100,
        # series longer than this are "long": max pooling, piecewise mean
        "long_steps": 128,
        # the piecewise mean is kept where the runs keep this share of variance
        "piecewise_keep": 0.95,
        # the convolutions halve the steps down to at most this many; the
        # first one strides over more than this many at once
        "conv_steps": 64,
        "conv_first_steps": 256,
        "conv_filters": 64,
        # float values: Gaussian noise of this standard deviation on the
        # standardized values at each training step, where the training set
        # has at most this many samples
        "input_noise": 0.2,
        "noise_samples": 256,
        # univariate series are scaled one by one above this log-scale spread
        "series_spread": 0.01,
        # rows of the hashed n-grams of the bag: least and most
        "ngram_buckets": (2**10, 2**18),
        # the n-grams of ngrams="auto" on token ids
        "auto_ngrams": 2,
        # maxlen="auto" (the text recipe's padder): this quantile of the
        # training lengths, at most this many tokens
        "text_length_quantile": 0.99,
        "text_maxlen": 500,
        # max_tokens="auto" (the text recipe's tokenizer): the tokens seen at
        # least this many times, at most this many ids (the 2 reserved
        # included): a power of two, as the trainer's embedding rows are
        "vocabulary_min_count": 1,
        "vocabulary_size": 2**15,
        # values sampled to measure the kept variance of the piecewise mean
        "kept_sample": 2**20,
        # forecasting: a season is the lag of the highest autocorrelation of
        # the first differences, when it is at least this high
        "season_acf": 0.2,
        # window="auto" reads this many horizons or seasons of history...
        "window_periods": 2,
        # ...leaving at least this many windows per window of history
        "window_share": 4,
        # segment="auto" cuts the window into about this many segments
        "forecast_segments": 8,
        # the held-out windows that calibrate the intervals: the last ones
        "calibration_windows": 1000,
        # the trained forecaster replaces its start (repeat the last value)
        # when its held-out loss is lower with this one-sided confidence, from
        # at least this many blocks of `horizon` consecutive windows
        "start_confidence": 0.9,
        "start_blocks": 2,
    }
)


# -- statistics of the data ------------------------------------------------


def standardization(columns):
    """Per-column mean and standard deviation (1 where it is 0) of 2-D
    ``columns``, as scikit-learn's ``StandardScaler`` computes them."""
    scaler = StandardScaler().fit(np.asarray(columns, dtype=np.float64))
    return scaler.mean_, scaler.scale_


def feature_scaling(values):
    """:func:`standardization` of the real steps of NaN-padded ``(n, T, F)``
    float values, as float32."""
    flat = values.reshape(-1, values.shape[-1])
    real = ~np.isnan(flat[:, 0])  # padding is whole NaN steps (_inputs)
    if not real.any():
        return (
            np.zeros(values.shape[-1], np.float32),
            np.ones(values.shape[-1], np.float32),
        )
    mean, scale = standardization(flat[real])
    return mean.astype(np.float32), scale.astype(np.float32)


def series_scales(values):
    """Per-series standard deviation of the real steps of NaN-padded
    ``(n, T, F)`` float values, plus :data:`~skseq._network.SERIES_FLOOR`
    times each feature's standard deviation over all real steps (as
    :class:`~skseq._network.SeriesStandardize` computes them): ``(n, F)``
    float64, computed in blocks of series (bounded memory)."""
    _, spread = feature_scaling(values)
    out = np.empty(values.shape[::2])
    for start in range(0, len(values), 1024):
        block = np.asarray(values[start : start + 1024], dtype=np.float64)
        real = ~np.isnan(block)
        count = np.maximum(real.sum(axis=1), 1)
        mean = np.where(real, block, 0.0).sum(axis=1) / count
        centred = np.where(real, block - mean[:, None], 0.0)
        out[start : start + 1024] = np.sqrt((centred**2).sum(axis=1) / count)
    return out + SERIES_FLOOR * spread.astype(np.float64)


def scaled_series(values, scale_series):
    """The features of ``scale_series``: all (True), none (False), or
    ("auto") the one feature of univariate series whose log scales
    (:func:`series_scales`) have a standard deviation above
    ``series_spread``, i.e. series that differ in amplitude (not those
    normalized one by one, as the UCR archive's). The features of a
    multivariate series are parts of one thing (an image's columns, a
    motion's axes): "auto" does not scale them one by one."""
    if scale_series == "auto":
        if values.shape[-1] != 1:
            return ()
        spread = np.log(series_scales(values)).std(axis=0)
        limit = THRESHOLDS["series_spread"]
        return tuple(int(f) for f in np.flatnonzero(spread > limit))
    return tuple(range(values.shape[-1])) if scale_series else ()


def kept_variance(values, size):
    """Share of the variance of each series within itself that the means of
    its runs of ``size`` steps keep, averaged over the series and features.

    ``values``: ``(n, steps, features)``, NaN after a series' end. Each
    series' feature is standardized over its real steps (constant ones are
    left out); what the run means keep is 1 minus the mean squared
    difference between the values and the mean of their run.
    """
    return _kept(*_within_series(values), size)


def _within_series(values):
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = np.nanstd(values, axis=1, keepdims=True)
        z = (values - np.nanmean(values, axis=1, keepdims=True)) / spread
    varies = (spread[:, 0] > 0) & np.isfinite(spread[:, 0])
    return z, varies


def _kept(z, varies, size):
    if not varies.any():
        return 1.0
    n, steps, features = z.shape
    extra = (-steps) % size
    z = np.concatenate([z, np.full((n, extra, features), np.nan)], axis=1)
    runs = z.reshape(n, -1, size, features)
    real = ~np.isnan(runs)
    filled = np.where(real, runs, 0.0)
    counts = real.sum(axis=2, keepdims=True)
    means = filled.sum(axis=2, keepdims=True) / np.maximum(counts, 1)
    lost = (np.where(real, filled - means, 0.0) ** 2).sum(axis=(1, 2))
    lost = lost / np.maximum(real.sum(axis=(1, 2)), 1)
    return float(1.0 - lost[varies].mean())


def piecewise_size(
    values,
    *,
    longest=None,
    keep=None,
):
    """Run length of the piecewise mean of ``front_end="conv"``.

    Series of more than ``longest`` steps are averaged over runs of
    ``ceil(steps / longest)`` steps, or of the longest shorter run whose
    means keep at least ``keep`` of the series' variance within themselves
    (:func:`kept_variance`, on an evenly spaced sample of up to 2**20
    values): a smooth outline loses almost nothing to the means, but an
    alternating current sampled a few times per period loses its waveform,
    and then the convolutions read every step (1).
    """
    longest = THRESHOLDS["long_steps"] if longest is None else longest
    keep = THRESHOLDS["piecewise_keep"] if keep is None else keep
    values = np.asarray(values)
    n, steps = values.shape[:2]
    size = -(-steps // longest)
    if size == 1:
        return 1
    most = THRESHOLDS["kept_sample"]
    rows = max(1, min(n, most // max(1, values[0].size)))
    sample = _within_series(values[np.linspace(0, n - 1, rows).round().astype(int)])
    for run in range(size, 1, -1):
        if _kept(*sample, run) >= keep:
            return run
    return 1


def conv_front_end(
    length,
    *,
    size=None,
    target=None,
    filters=None,
    longest=None,
    first=None,
):
    """The front-end of ``front_end="conv"`` for series of ``length`` steps.

    ``(filters, kernel_size, stride)`` per convolution: kernels 8 and 5, then
    3 for every further layer; each stride 2 halves the steps until at most
    ``target`` are left for the recurrent layers (at least two layers; the
    first two keep stride 1 when the series are short enough). Where more
    than ``first`` steps reach the convolutions (a long waveform that the
    piecewise mean would lose), the first one strides over the power of two
    of steps that leaves at most ``first``, with a kernel of twice its
    stride (at least 8): its outputs overlap as those of stride 2 and kernel
    8 do, and the convolutions after it read ``first`` steps or fewer: only
    the first reads every step. Series longer
    than ``longest`` steps are first averaged piecewise over runs of
    ``size`` steps (default ``ceil(length / longest)``, down to at most
    ``longest`` steps; :func:`piecewise_size` chooses it from the data): a
    first entry ``("mean", size, size)`` (:class:`~skseq._network.
    PiecewiseMean`), so the convolutions see the same number of steps per
    shape, whatever the sampling rate.
    """
    target = THRESHOLDS["conv_steps"] if target is None else target
    filters = THRESHOLDS["conv_filters"] if filters is None else filters
    longest = THRESHOLDS["long_steps"] if longest is None else longest
    first = THRESHOLDS["conv_first_steps"] if first is None else first
    if size is None:
        size = -(-length // longest)
    pooled = () if size == 1 else ((MEAN, size, size),)
    return pooled + _convolutions(-(-length // size), target, filters, first)


def _convolutions(length, target, filters, first):
    stride = 1
    while -(-length // stride) > first:
        stride *= 2
    halvings = 0
    while -(-length // (stride * 2**halvings)) > target:
        halvings += 1
    if stride == 1 and halvings:  # the first convolution makes the first halving
        stride, halvings = 2, halvings - 1
    layers_ = [(filters, max(8, 2 * stride), stride)]
    layers_.append((filters, 5, 2 if halvings > 0 else 1))
    layers_ += [(filters, 3, 2)] * max(0, halvings - 1)
    return tuple(layers_)


def ngram_buckets(tokens, ngrams, *, least=None, most=None):
    """Rows of the hashed n-grams (2 to ``ngrams``) of the n-gram bag for
    training ids ``tokens``: the distinct n-grams that occur at least twice
    (TF-IDF's ``min_df=2``: a feature of one text alone teaches nothing
    about others), rounded up to a power of two, within ``[least, most]``
    (:data:`THRESHOLDS` ``"ngram_buckets"``)."""
    low, high = THRESHOLDS["ngram_buckets"]
    least = low if least is None else least
    most = high if most is None else most
    repeated = 0
    for n in range(2, ngrams + 1):
        # the codes of the real n-grams only, made in blocks of rows: int64
        # codes of every padded step at once would take 8 bytes per step of
        # the whole (n, T) array
        real_codes = [
            code[real]
            for code, real in (
                ngram_codes(tokens[i : i + 1024], n)
                for i in range(0, len(tokens), 1024)
            )
        ]
        _, counts = np.unique(
            np.concatenate(real_codes or [np.empty(0, np.int64)]), return_counts=True
        )
        repeated += int((counts >= 2).sum())
    return int(min(most, max(least, 1 << max(repeated - 1, 0).bit_length())))


def length_quantile(lengths, q):
    """Quantile ``q`` of ``lengths`` rounded up, at least 1.

    Floating-point noise is rounded off first: ``np.quantile`` can return
    ``6.000000000000002`` for an exact 6, which must not round up to 7.
    """
    return max(int(np.ceil(np.round(np.quantile(lengths, q), 6))), 1)


def resolve_maxlen(maxlen, lengths):
    """The plan of a :class:`~skseq.SequencePadder` fit: its output length
    ``"maxlen"`` for the ``maxlen`` parameter and the training ``lengths``.

    ``"auto"`` (what the text recipe sets): the ``text_length_quantile`` of
    the lengths, rounded up, at most ``text_maxlen`` steps. The quantile
    keeps a few outliers from setting the width; the bound keeps the steps
    a recurrent layer reads per document, and so its time and memory, at
    what Keras' text examples pad to, whatever the longest document.
    """
    if maxlen is None:
        value, reason = max(int(np.max(lengths)), 1), "the longest training sequence"
    elif isinstance(maxlen, str):  # "auto", the one string the padder accepts
        q, most = THRESHOLDS["text_length_quantile"], THRESHOLDS["text_maxlen"]
        quantile = length_quantile(lengths, q)
        value = min(most, quantile)
        reason = f"the {q} quantile of the lengths ({quantile}), at most {most}"
    elif isinstance(maxlen, Integral):
        value, reason = int(maxlen), "set"
    else:
        value = length_quantile(lengths, maxlen)
        reason = f"set: the {maxlen} quantile of the training lengths"
    return Plan({"maxlen": value}, {"maxlen": reason})


def resolve_max_tokens(max_tokens, counts):
    """The plan of a :class:`~skseq.TextTokenizer` fit: the vocabulary's
    size ``"max_tokens"`` (reserved ids included; None: every token) for
    the ``max_tokens`` parameter and the training ``counts`` (token ->
    count).

    ``"auto"`` (what the text recipe sets): the tokens seen at least
    ``vocabulary_min_count`` times plus the 2 reserved ids, at most
    ``vocabulary_size``: a bound on the embedding of a corpus of millions
    of distinct tokens, a power of two because the trainer's embedding has
    that many rows anyway (a smaller bound would save nothing). A rule on
    the counts alone, so ``partial_fit`` over chunks resolves as ``fit``.
    """
    if max_tokens != "auto":
        reason = "every token" if max_tokens is None else "set"
        return Plan({"max_tokens": max_tokens}, {"max_tokens": reason})
    least, most = THRESHOLDS["vocabulary_min_count"], THRESHOLDS["vocabulary_size"]
    seen = sum(1 for count in counts.values() if count >= least)
    times = "once" if least == 1 else f"{least} times"
    return Plan(
        {"max_tokens": min(most, seen + 2)},
        {
            "max_tokens": f"{seen} tokens seen at least {times}, plus the 2 "
            f"reserved ids, at most {most}"
        },
    )


def auto_epochs(steps_per_epoch, steps=None):
    """The epoch budget of ``epochs="auto"``: ``steps`` gradient steps
    (default ``budget_steps``), within ``budget_epochs`` epochs."""
    least, most = THRESHOLDS["budget_epochs"]
    steps = THRESHOLDS["budget_steps"] if steps is None else steps
    return int(min(most, max(least, -(-steps // steps_per_epoch))))


def forward_macs(steps, width, front_end, cell, units, bidirectional):
    """Multiply-adds of one sample's forward pass through the front-end
    (convolutions; the piecewise mean costs none) and the recurrent layers
    of a built-in network, over ``steps`` padded steps of ``width`` values:
    what the cost of a training step grows with (the dense head's are
    negligible beside them)."""
    macs = 0
    for filters, kernel_size, stride in front_end:
        steps = -(-steps // stride)
        if filters != MEAN:
            macs += steps * kernel_size * width * filters
            width = filters
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[cell]
    directions = 2 if bidirectional else 1
    for size in units:
        macs += directions * steps * gates * (width + size) * size
        width = directions * size
    return int(macs)


def compute_epochs(n_train, sample_macs):
    """The epochs of ``n_train`` samples of ``sample_macs`` multiply-adds
    each that ``budget_macs`` allows, within ``budget_epochs``: the least
    epochs stay (a large set trains at least that many passes)."""
    least, most = THRESHOLDS["budget_epochs"]
    epochs = THRESHOLDS["budget_macs"] // max(1, n_train * sample_macs)
    return int(min(most, max(least, epochs)))


def auto_patience(steps_per_epoch, n_iter_no_change, steps=None):
    """Epochs without improvement that end an early-stopped fit:
    ``n_iter_no_change``, and at least ``steps`` gradient steps (default
    ``patience_steps``)."""
    steps = THRESHOLDS["patience_steps"] if steps is None else steps
    return int(max(n_iter_no_change, -(-steps // steps_per_epoch)))


def step_rules(data):
    """The gradient steps of the budget and of the patience for ``data``:
    ``series_budget_steps`` and ``series_patience_steps`` for float values
    of a classifier or regressor (the training loss ends their fit: nothing
    held out says they over-fit, and its epoch-to-epoch noise must not end
    it), else ``budget_steps`` and ``patience_steps``."""
    if data.kind == "values" and data.task in ("classification", "regression"):
        return THRESHOLDS["series_budget_steps"], THRESHOLDS["series_patience_steps"]
    return THRESHOLDS["budget_steps"], THRESHOLDS["patience_steps"]


def seasonal_period(values, most):
    """The season of time-ordered ``values`` (``(T, F)``, NaN-free), from
    the autocorrelation of the first differences averaged over the columns
    (differences keep a trend from passing for a season): past its first
    fall below zero and up to lag ``most``, the first peak within 10% of
    the highest, when that reaches ``season_acf`` and three standard errors
    of a noise's autocorrelation (``3 / sqrt(T)``); else 1 (no season)."""
    diff = np.diff(np.asarray(values, dtype=np.float64), axis=0)
    most = min(int(most), len(diff) - 1)
    if most < 2:
        return 1
    diff = diff - diff.mean(axis=0)
    power = (diff**2).sum(axis=0)
    varies = power > 0
    if not varies.any():
        return 1
    size = 1 << (2 * len(diff) - 1).bit_length()
    spectrum = np.fft.rfft(diff[:, varies], n=size, axis=0)
    acf = np.fft.irfft(np.abs(spectrum) ** 2, n=size, axis=0)[: most + 2]
    acf = (acf / power[varies]).mean(axis=1)
    # a smooth cycle's differences correlate most at lag 1: its season is
    # the peak after the correlation has fallen away
    below = np.flatnonzero(acf[1 : most + 1] < 0)
    if not len(below):
        return 1
    start = max(2, int(below[0]) + 1)
    window = acf[start : most + 1]
    if not len(window):
        return 1
    highest = window.max()
    if highest < max(THRESHOLDS["season_acf"], 3 / np.sqrt(len(diff))):
        return 1
    # the first peak nearly as high: the season, not a multiple of it
    # (hourly data: a day, not two)
    lag = start + int(np.flatnonzero(window >= 0.9 * highest)[0])
    while lag < most and acf[lag + 1] > acf[lag]:
        lag += 1
    return lag


def auto_window(horizon, season, n_rows):
    """The look-back of ``window="auto"``: ``window_periods`` horizons or
    seasons, whichever is longer, within what leaves ``window_share``
    training windows per step of look-back in ``n_rows`` rows of history."""
    wanted = THRESHOLDS["window_periods"] * max(horizon, season)
    room = (n_rows - horizon + 1) // (THRESHOLDS["window_share"] + 1)
    return int(max(1, min(wanted, room)))


def validation_count(fraction, n, unit, hint="Use more data or turn it off."):
    """How many of ``n`` items early stopping holds out, or a clear error."""
    n_val = int(np.ceil(fraction * n))
    if n_val >= n:
        raise ValueError(
            f"early_stopping needs at least one training and one validation "
            f"{unit}; validation_fraction={fraction} of {n} {unit}(s) leaves "
            f"none. {hint}"
        )
    return n_val


# -- the summary and the plan ------------------------------------------------


@dataclasses.dataclass(frozen=True)
class DataSummary:
    """What the rules read of the training data.

    ``kind`` is "tokens" or "values"; ``steps`` the padded width (longest
    sequence); ``median_length`` the median number of real steps;
    ``task`` is "classification", "regression" or "language_model" (its
    samples are the windows of one token stream, ``steps`` wide);
    ``n_outputs`` the classes of a classifier (1 for two), the targets of
    a regressor or the vocabulary of a language model; ``series_features``
    the features that :func:`summarize` found to differ in amplitude from
    series to series (univariate only);
    ``piecewise_run`` the run of the piecewise mean that keeps the variance
    (1: none); ``ngram_buckets`` the rows the repeated n-grams need.
    """

    task: str
    kind: str
    n_samples: int
    steps: int
    median_length: float
    n_features: int
    n_outputs: int
    series_features: tuple = ()
    piecewise_run: int = 1
    ngram_buckets: int = 0


def summarize(seqs, *, task, n_outputs, params):
    """The :class:`DataSummary` of :class:`~skseq._inputs.Sequences`
    ``seqs``; the costlier statistics only where ``params`` may use them."""
    tokens = seqs.kind == "tokens"
    series_features, run, buckets = (), 1, 0
    if not tokens and params.get("scale_series") == "auto":
        series_features = scaled_series(seqs.values, "auto")
    if not tokens and params.get("front_end") in ("auto", "conv"):
        run = piecewise_size(seqs.values)
    order = _ngram_order(params.get("ngrams", 0), tokens)
    if tokens and order > 1:
        buckets = ngram_buckets(seqs.values, order)
    return DataSummary(
        task=task,
        kind=seqs.kind,
        n_samples=len(seqs),
        steps=int(seqs.values.shape[1]),
        median_length=float(np.median(seqs.lengths)) if len(seqs) else 0.0,
        n_features=seqs.n_features,
        n_outputs=int(n_outputs),
        series_features=series_features,
        piecewise_run=run,
        ngram_buckets=buckets,
    )


def _ngram_order(ngrams, tokens):
    if ngrams == "auto":
        return THRESHOLDS["auto_ngrams"] if tokens else 0
    return int(ngrams or 0)


class Plan(dict):
    """The resolved choices of a fit: each "auto" parameter's name -> what
    it resolved to, plus the derived settings of training, in the order of
    the rules; ``why`` holds the reason of each entry.

    Read-only; its ``repr`` is a table of name, value and reason.
    """

    def __init__(self, entries=(), why=None):
        super().__init__(entries)
        self.why = types.MappingProxyType(dict(why or {}))

    def _readonly(self, *args, **kwargs):
        raise TypeError("a fitted plan is read-only")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _readonly

    def __reduce__(self):
        return type(self), (dict(self), dict(self.why))

    def __repr__(self):
        if not self:
            return "Plan()"
        width = max(len(name) for name in self)
        values = {name: repr(value) for name, value in self.items()}
        value_width = min(24, max(len(v) for v in values.values()))
        lines = [
            f"  {name:<{width}} = {values[name]:<{value_width}}  # {self.why[name]}"
            if self.why.get(name)
            else f"  {name:<{width}} = {values[name]}"
            for name in self
        ]
        return "Plan(\n" + "\n".join(lines) + "\n)"


class PlanState:
    """Mixin of the transformers with a fitted ``plan_``: in the pickled
    state it is two plain dicts, which skops loads without trusting code."""

    def __getstate__(self):
        state = dict(super().__getstate__())
        if "plan_" in state:
            state["plan_"] = [dict(state["plan_"]), dict(state["plan_"].why)]
        return state

    def __setstate__(self, state):
        state = dict(state)
        if "plan_" in state:
            state["plan_"] = Plan(*state["plan_"])
        super().__setstate__(state)


def resolve_network(params, data):
    """The network entries of the plan of a built-in network: cell, pooling,
    scale_series, front_end and ngrams, each with its reason."""
    tokens = data.kind == "tokens"
    entries, why = {}, {}

    def choose(name, value, reason):
        entries[name] = value
        why[name] = reason if params[name] == "auto" else "set"

    long_steps = THRESHOLDS["long_steps"]
    if tokens:
        cell, reason = "lstm", "token ids"
    elif data.task == "regression":
        cell, reason = "lstm", "float values of a regressor"
    else:
        cell, reason = "gru", "float values of a classifier"
    choose("cell", cell if params["cell"] == "auto" else params["cell"], reason)

    if params["ngrams"] not in ("auto", 0) and not tokens:
        raise ValueError(
            "`ngrams` needs token-id input: n-grams of float values do not "
            f"exist. Got ngrams={params['ngrams']!r} with float X; set ngrams=0."
        )
    ngrams = _ngram_order(params["ngrams"], tokens)
    entries["ngrams"] = ngrams
    why["ngrams"] = (
        f"a bag of the 1- to {ngrams}-grams beside the recurrent layers"
        if ngrams
        else ("the plain recurrent network" if tokens else "float values")
    )
    entries["ngram_buckets"] = data.ngram_buckets if ngrams > 1 else 0
    why["ngram_buckets"] = "repeated n-grams, as a power of two" if ngrams > 1 else ""

    units = layer_sizes(params["units"], "units")
    if params["pooling"] != "auto":
        pooling, reason = params["pooling"], "set"
    elif not units:
        pooling, reason = "mean", "no recurrent layer"
    elif not tokens and data.steps > long_steps:
        pooling, reason = "max", f"series longer than {long_steps} steps"
    elif tokens and ngrams and data.median_length > long_steps:
        pooling, reason = (
            "max",
            f"texts beside the n-gram bag, median length > {long_steps}",
        )
    elif tokens:
        pooling, reason = "last", "token ids: the recurrent network's state"
    else:
        pooling, reason = "last", f"series of at most {long_steps} steps"
    choose("pooling", pooling, reason)

    conv = params["front_end"] == "conv" or (
        params["front_end"] == "auto" and not tokens
    )
    front_end = (
        conv_front_end(data.steps, size=None if tokens else data.piecewise_run)
        if conv
        else ()
    )
    choose(
        "front_end",
        front_end,
        "float values: causal convolutions"
        + (f", runs of {data.piecewise_run} averaged" if data.piecewise_run > 1 else "")
        if conv
        else "token ids: the plain recurrent network",
    )

    if not front_end:
        conv_mean, reason = False, "no convolutions"
    elif params["front_end"] != "auto":
        conv_mean, reason = False, "front_end set: the convolutions alone"
    elif pooling == "max":
        conv_mean, reason = True, "beside the max over the states: FCN's global mean"
    else:
        conv_mean, reason = False, f"{pooling} pooling: the recurrent output alone"
    entries["conv_mean"], why["conv_mean"] = conv_mean, reason

    if tokens:
        series, reason = (), "token ids"
    elif params["scale_series"] == "auto":
        series = data.series_features
        reason = (
            "univariate series that differ in amplitude"
            if series
            else "series on one scale, or multivariate"
        )
    else:
        series = tuple(range(data.n_features)) if params["scale_series"] else ()
        reason = "set"
    entries["scale_series"] = series
    why["scale_series"] = reason

    asked = params["input_noise"]
    if asked != "auto" and asked > 0 and tokens:
        raise ValueError(
            "`input_noise` needs float values: noise on token ids does not "
            f"exist. Got input_noise={asked!r} with token-id X; set input_noise=0."
        )
    if asked != "auto":
        noise, reason = float(asked), "set"
    elif tokens:
        noise, reason = 0.0, "token ids"
    elif not params["scale_inputs"]:
        noise, reason = 0.0, "values not standardized (scale_inputs=False)"
    elif data.n_samples > THRESHOLDS["noise_samples"]:
        noise = 0.0
        reason = f"more than {THRESHOLDS['noise_samples']} samples"
    else:
        noise = float(THRESHOLDS["input_noise"])
        reason = (
            f"at most {THRESHOLDS['noise_samples']} samples of float values: "
            "Gaussian noise while training"
        )
    entries["input_noise"], why["input_noise"] = noise, reason
    return entries, why


def resolve_training(params, data, *, batch_size, sample_macs=0):
    """The training entries of the plan: the epoch budget, how it stops
    early (``early_stopping``: "validation", "training loss" or False), its
    patience and whether the best epoch count is refitted.

    ``sample_macs``: the network's multiply-adds per sample (float values
    of a built-in network, :func:`forward_macs`); ``epochs="auto"`` then
    also stays within ``budget_macs`` (:func:`compute_epochs`), so that a
    fit of long series in many channels takes about as long as the suite's
    slowest, whatever their shape. 0: no such bound.

    The stopping mode follows the kind of input, never the number of
    samples, so the folds of a cross-validation train as the final fit."""
    entries, why = {}, {}
    auto_budget = params["epochs"] == "auto"
    asked = params["early_stopping"]
    if asked != "auto":
        mode, reason = ("validation" if asked else False), "set"
    elif not auto_budget:
        mode, reason = False, "an int epochs trains exactly that many"
    elif data.task == "forecasting":
        mode = "validation"
        reason = "forecasting: the last windows choose the epoch count"
    elif data.kind == "tokens":
        mode = "validation"
        reason = "token ids: a validation split chooses the epoch count"
    else:
        mode = "training loss"
        reason = "float values: every series trains, the loss's plateau stops"
    n_val = 0
    # samples that are windows of one stream (text, a time series): the
    # validation split is the last ones
    windows = data.task in ("language_model", "forecasting")
    hint = "Use more data or turn it off."
    if data.task == "language_model":
        hint = (
            f"Use more text, a smaller `window` (now {data.steps} tokens) or "
            "early_stopping=False."
        )
    elif data.task == "forecasting":
        hint = (
            "Use a longer history, a smaller `window` or `horizon`, or "
            "early_stopping=False."
        )
    if mode == "validation":
        n_val = validation_count(
            params["validation_fraction"],
            data.n_samples,
            "window" if windows else "sample",
            hint,
        )
    train = data.n_samples - n_val
    batch = min(batch_size, train)
    steps = -(-train // batch)
    budget_steps, patience_steps = step_rules(data)
    entries["batch_size"] = batch
    why["batch_size"] = "batch_size" if batch == batch_size else "all the samples"
    entries["epochs"] = (
        auto_epochs(steps, budget_steps) if auto_budget else int(params["epochs"])
    )
    why["epochs"] = (
        f"{budget_steps} steps of {steps} an epoch, within "
        f"{THRESHOLDS['budget_epochs']} epochs"
        if auto_budget
        else "set"
    )
    if auto_budget and sample_macs:
        most = compute_epochs(train, sample_macs)
        if most < entries["epochs"]:
            entries["epochs"] = most
            why["epochs"] = (
                f"{THRESHOLDS['budget_macs']:.3g} multiply-adds of forward passes "
                f"at {sample_macs / 1e6:.3g} million a sample (the "
                f"{budget_steps} steps would take "
                f"{auto_epochs(steps, budget_steps)} epochs)"
            )
    entries["early_stopping"], why["early_stopping"] = mode, reason
    entries["validation_size"] = n_val
    why["validation_size"] = (
        ""
        if not n_val
        else "validation_fraction: the last windows"
        if windows
        else "validation_fraction, stratified"
        if data.task == "classification"
        else "validation_fraction"
    )
    # as scikit-learn's MLP, early_stopping=True waits n_iter_no_change
    # epochs; "auto" also waits at least the gradient steps of step_rules
    entries["patience"] = (
        auto_patience(steps, params["n_iter_no_change"], patience_steps)
        if asked == "auto"
        else int(params["n_iter_no_change"])
    )
    why["patience"] = (
        "no early stopping"
        if not mode
        else f"n_iter_no_change, at least {patience_steps} steps"
        if asked == "auto"
        else "n_iter_no_change"
    )
    refit = params["refit"]
    if refit == "auto":
        refit = asked == "auto"
        why["refit"] = (
            "on all the data for the best epoch count"
            if refit
            else "early_stopping=True keeps the early-stopped network"
        )
    else:
        why["refit"] = "set"
    if mode != "validation":
        why["refit"] = "no validation split"
    if data.task == "forecasting":
        refit = False
        why["refit"] = "never: the held-out last windows calibrate the intervals"
    entries["refit"] = bool(refit) and mode == "validation"
    return entries, why


def resolve(params, data, *, network=True):
    """The :class:`Plan` of a fit: ``params`` (the estimator's parameters),
    ``data`` (its :class:`DataSummary`); ``network=False`` for a user's own
    network (the training entries only)."""
    entries, why, macs = {}, {}, 0
    if network:
        entries, why = resolve_network(params, data)
        if data.kind == "values":
            macs = forward_macs(
                data.steps,
                data.n_features + 2 * len(entries["scale_series"]),
                entries["front_end"],
                entries["cell"],
                layer_sizes(params["units"], "units"),
                params.get("bidirectional", False),
            )
    training, training_why = resolve_training(
        params, data, batch_size=params["batch_size"], sample_macs=macs
    )
    entries.update(training)
    why.update(training_why)
    return Plan(entries, why)


# -- forecasting ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SeriesSummary:
    """What the forecasting rules read of a history: its rows, the columns
    forecast (``n_targets``) and those known in advance (``n_covariates``),
    and its season (:func:`seasonal_period`, 1 for none)."""

    n_rows: int
    n_targets: int
    n_covariates: int
    season: int


def summarize_series(values, *, n_targets, n_covariates):
    """The :class:`SeriesSummary` of a gap-filled ``(T, F)`` history whose
    first ``n_targets`` columns are forecast."""
    values = np.asarray(values)
    return SeriesSummary(
        n_rows=len(values),
        n_targets=int(n_targets),
        n_covariates=int(n_covariates),
        season=seasonal_period(values[:, :n_targets], len(values) // 3),
    )


def resolve_forecast(params, series):
    """The :class:`Plan` of a forecaster's fit: the look-back ``window``,
    the ``segment`` the network reads it in, the ``cell``, and the training
    entries of :func:`resolve_training` over the history's windows."""
    entries, why = {"season": series.season}, {}
    why["season"] = (
        "autocorrelation of the first differences"
        if series.season > 1
        else f"no autocorrelation of the differences >= {THRESHOLDS['season_acf']}"
    )
    horizon = params["horizon"]
    if params["window"] == "auto":
        window = auto_window(horizon, series.season, series.n_rows)
        why["window"] = (
            f"{THRESHOLDS['window_periods']} x max(horizon, season), leaving "
            f"{THRESHOLDS['window_share']} windows per step of look-back"
        )
    else:
        window, why["window"] = int(params["window"]), "set"
    entries["window"] = window
    if params["segment"] == "auto":
        parts = THRESHOLDS["forecast_segments"]
        entries["segment"] = -(-window // parts)
        why["segment"] = f"the window in about {parts} segments"
    else:
        entries["segment"], why["segment"] = int(params["segment"]), "set"
    if params["cell"] == "auto":
        entries["cell"] = "gru"
        why["cell"] = "forecasting: a GRU over the segments of each column"
    else:
        entries["cell"], why["cell"] = params["cell"], "set"
    n_windows = series.n_rows - window - horizon + 1
    if n_windows < 1:
        raise ValueError(
            f"X must have at least window + horizon = {window + horizon} rows "
            f"to make one training window (window={window}, horizon={horizon}). "
            f"Got {series.n_rows} rows instead; use a longer history or a "
            "smaller `window`."
        )
    data = DataSummary(
        task="forecasting",
        kind="values",
        n_samples=n_windows,
        steps=window,
        median_length=float(window),
        n_features=series.n_targets,
        n_outputs=horizon * series.n_targets,
    )
    training, training_why = resolve_training(
        {**params, "refit": False}, data, batch_size=params["batch_size"]
    )
    entries.update(training)
    why.update(training_why)
    return Plan(entries, why)


def beats_start(trained, start, horizon, season):
    """Whether a trained forecaster replaces its start, and why.

    ``trained`` and ``start`` are the held-out windows' losses (in time
    order) of the trained network and of its start, repeating the last
    value. Windows ``horizon`` apart share no target step, so the
    differences are averaged over blocks of ``horizon`` consecutive windows
    (the last ones) and the blocks' mean is tested against 0 (one-sided t
    test): the trained network is kept when it is lower with confidence
    ``start_confidence``. On a random walk (exchange rates) the trained
    network wins some validation windows by chance; this keeps it from
    forecasting worse than the walk. When fewer than ``start_blocks``
    blocks leave nothing to test, a series with a ``season`` (> 1) keeps
    the trained network (repeating the last value ignores the season), a
    series without one keeps the start.
    """
    blocks = len(trained) // horizon
    least, confidence = THRESHOLDS["start_blocks"], THRESHOLDS["start_confidence"]
    ratio = float(np.mean(trained) / max(np.mean(start), 1e-12))
    if blocks < least:
        untested = (
            f"{blocks} held-out block(s) of {horizon} windows, fewer than "
            f"{least}: no test (loss {ratio:.3f} of the start's); "
        )
        if season > 1:
            return True, untested + f"a season of {season}: the trained network"
        return False, untested + "no season: the forecast repeats the last value"
    diff = (np.asarray(trained) - np.asarray(start))[len(trained) - blocks * horizon :]
    diff = diff.reshape(blocks, horizon).mean(axis=1)
    spread = diff.std(ddof=1) / np.sqrt(blocks)
    p = (
        float(stats.t.cdf(diff.mean() / spread, blocks - 1))
        if spread > 0
        else float(diff.mean() >= 0)
    )
    kept = p <= 1 - confidence
    return kept, (
        f"held-out loss {ratio:.3f} of the start's, one-sided p = {p:.3f} over "
        f"{blocks} blocks of {horizon} windows: "
        + ("below" if kept else "not below")
        + f" {1 - confidence:g}"
        + ("" if kept else ", so the forecast repeats the last value")
    )
