"""RecurrentForecaster: the next ``horizon`` rows of a time-indexed history.

The history becomes windows of ``window`` rows (read on demand from one
array: a batch gathers its own windows, nothing is copied per window) and
the ``horizon`` rows after each; the network reads each column alone (its
weights shared by the columns), relative to the window's last value, in
segments, and emits the whole horizon at once. It trains through the
estimators' stack (:class:`~skseq._training.KerasTraining`: the shared
trainer, budget, early stopping, seeding, persistence); its "auto" choices
come from :func:`skseq._defaults.resolve_forecast`.
"""

import dataclasses
import numbers
import warnings

import keras
import numpy as np
import pandas as pd
from keras import layers
from sklearn.base import _fit_context
from sklearn.utils import check_array
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from skseq import _defaults
from skseq._base import _SequenceEstimator
from skseq._defaults import (
    Plan,
    beats_start,
    resolve_forecast,
    standardization,
    summarize_series,
)
from skseq._estimators import _CURVES_DOC
from skseq._inputs import Sequences
from skseq._network import _CELLS, layer_sizes
from skseq._training import KerasTraining

__all__ = ["RecurrentForecaster", "build_forecast_network"]


def build_forecast_network(
    *,
    window,
    horizon,
    n_targets,
    n_covariates=0,
    segment,
    cell="gru",
    units=(128,),
    dropout=0.0,
):
    """Build the uncompiled forecasting network (Keras only, no sklearn).

    Each of the ``n_targets`` columns is read alone, by the same weights:
    its last ``window`` values minus the last one, cut into segments of
    ``segment`` steps (zeros before the first when ``segment`` does not
    divide ``window``), each embedded by ``Dense(units[0], relu)``, read by
    the recurrent layers (one per entry of ``units``) -> ``Dropout`` ->
    ``Dense(horizon)``, plus a ``Dense(horizon)`` of the whole window (a
    linear forecast beside the recurrent one) and the last value. Both
    output layers start at zero: an untrained network repeats the last
    value. With ``n_covariates``, the
    input also holds the ``horizon`` rows that follow the window, whose last
    ``n_covariates`` columns (values known in advance) are flattened,
    embedded and joined to every column's state before the output layer.

    Returns
    -------
    keras.Model
        Input ``(batch, window [+ horizon], n_targets + n_covariates)``,
        output ``(batch, horizon, n_targets)``.
    """
    steps = window + (horizon if n_covariates else 0)
    inputs = keras.Input((steps, n_targets + n_covariates), name="history")
    past = inputs[:, :window, :n_targets]
    last = past[:, -1:, :]
    x = past - last
    # a linear map of each column's window beside the recurrent part (as
    # NLinear): what a linear forecast finds, the network finds too
    linear = layers.Dense(horizon, kernel_initializer="zeros", name="linear")(
        layers.Permute((2, 1), name="columns_linear")(x)
    )
    pad = (-window) % segment
    if pad:
        x = layers.ZeroPadding1D((pad, 0), name="align")(x)
    x = layers.Permute((2, 1), name="columns")(x)
    x = layers.Reshape(
        (n_targets, (window + pad) // segment, segment), name="segments"
    )(x)
    x = layers.Dense(units[0], activation="relu", name="segment_embedding")(x)
    for i, n_units in enumerate(units):
        rnn = _CELLS[cell](n_units, return_sequences=i < len(units) - 1)
        x = layers.TimeDistributed(rnn, name=f"recurrent_{i}")(x)
    if dropout:
        x = layers.Dropout(dropout, name="dropout")(x)
    if n_covariates:
        future = layers.Flatten(name="known_future")(inputs[:, window:, n_targets:])
        future = layers.Dense(units[-1], activation="relu", name="covariates")(future)
        x = layers.Concatenate(name="state")(
            [x, layers.RepeatVector(n_targets, name="per_column")(future)]
        )
    # zeros: training starts from repeating the last value, the forecast to
    # beat on a random walk
    x = layers.Dense(horizon, kernel_initializer="zeros", name="forecast")(x)
    x = layers.Add(name="with_linear")([x, linear])
    outputs = layers.Permute((2, 1), name="steps")(x) + last
    return keras.Model(inputs, outputs)


@dataclasses.dataclass(frozen=True)
class ForecastNetwork:
    """The arguments of :func:`build_forecast_network`: frozen and hashable,
    so that fits of the same network share one compiled trainer."""

    window: int
    horizon: int
    n_targets: int
    n_covariates: int
    segment: int
    cell: str
    units: tuple
    dropout: float

    # windows always have their full width: no padding to be exact about
    exact_padding = False

    def build(self):
        """The uncompiled ``keras.Model``."""
        return build_forecast_network(**dataclasses.asdict(self))

    def trainer_spec(self):
        """The network of the shared trainer: this one."""
        return self


class _Windows:
    """Windows of ``width`` rows of a 2-D array, from rows ``starts``: an
    array-like of shape ``(len(starts), width, columns)`` that gathers the
    windows it is indexed by (one batch at a time), never all of them."""

    def __init__(self, array, starts, width):
        self.array = array
        self.starts = np.asarray(starts, dtype=np.int64)
        self.width = int(width)
        self.shape = (len(self.starts), self.width) + array.shape[1:]
        self.dtype = array.dtype

    def __len__(self):
        return len(self.starts)

    def __getitem__(self, idx):
        starts = self.starts[idx]
        return self.array[np.add.outer(starts, np.arange(self.width))]

    def part(self, idx):
        """The windows at ``idx``, still read on demand."""
        return _Windows(self.array, self.starts[idx], self.width)


# -- the history ----------------------------------------------------------------


@dataclasses.dataclass
class _History:
    """A history as the forecaster reads it: ``values`` ``(T, F)`` float64
    (NaN where missing), its ``columns`` and pandas ``index`` (None for
    NumPy input) and ``kind``: "series", "frame", "vector" (a 1-D array) or
    "array"."""

    values: np.ndarray
    columns: list
    index: object
    kind: str

    @property
    def table(self):
        return self.kind in ("series", "frame")


def _read_history(X, name="X", least=1):
    """The :class:`_History` of ``X`` (at least ``least`` rows), or a clear
    error."""
    name_of_series = None
    if isinstance(X, pd.Series):
        name_of_series = X.name
        X = X.to_frame()
        kind = "series"
    elif isinstance(X, pd.DataFrame):
        kind = "frame"
    else:
        kind = "array"
    if kind != "array":
        text = [
            str(c)
            for c, t in X.dtypes.items()
            if not (pd.api.types.is_numeric_dtype(t) or pd.api.types.is_bool_dtype(t))
        ]
        if text:
            raise TypeError(
                f"{name} must hold numbers only: every column is forecast (or, "
                "in `future_covariates`, read as known in advance). Got "
                f"non-numeric column(s) {text} instead; drop or encode them."
            )
        index = X.index
        if not (index.is_monotonic_increasing and index.is_unique):
            raise ValueError(
                f"{name} must be indexed by increasing time (sorted, no "
                "duplicates). Got an index that is not; sort it with "
                f"{name}.sort_index() and drop duplicated rows."
            )
        values = X.to_numpy(dtype=np.float64, na_value=np.nan)
        columns = [name_of_series] if kind == "series" else list(X.columns)
    else:
        values = X
    # scikit-learn's checks and messages: (T,) or (T, F), not sparse, not
    # complex, not empty, finite but for NaN (a missing value)
    values = check_array(
        values,
        ensure_2d=False,
        dtype=np.float64,
        ensure_all_finite="allow-nan",
        ensure_min_samples=least,
        input_name=name,
    )
    if kind == "array":
        if values.ndim == 1:
            values, kind = values[:, None], "vector"
        index, columns = None, list(range(values.shape[1]))
    return _History(values, columns, index, kind)


def _step(index):
    """The step between the rows of a time index (a pandas offset for a
    DatetimeIndex, else a number), or None where it has none."""
    if isinstance(index, pd.DatetimeIndex):
        freq = index.freq
        if freq is None and len(index) >= 3:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # its return type changes
                freq = pd.infer_freq(index)
        return pd.tseries.frequencies.to_offset(freq) if freq is not None else None
    if isinstance(index, pd.PeriodIndex):
        return 1
    if pd.api.types.is_numeric_dtype(index.dtype) and not pd.api.types.is_bool_dtype(
        index.dtype
    ):
        steps = np.diff(np.asarray(index))
        if len(steps) and not np.all(steps == steps[0]):
            return None
        return steps[0] if len(steps) else 1
    return None


def _check_index(index, name="X"):
    if index is not None and _step(index) is None:
        raise ValueError(
            f"{name} must be indexed by regular time steps: a DatetimeIndex or "
            "PeriodIndex with a frequency, or evenly spaced numbers. Got an "
            f"index of {type(index).__name__} without one; make the steps "
            f"regular, e.g. {name}.asfreq('h') (missing rows become NaN, which "
            "the forecaster fills), or reset the index."
        )


def _following(index, step, horizon):
    """The ``horizon`` index values after the last of ``index``."""
    if isinstance(index, pd.PeriodIndex):
        return index[-1] + np.arange(1, horizon + 1)
    if isinstance(index, pd.DatetimeIndex):
        return pd.date_range(index[-1] + step, periods=horizon, freq=step)
    return pd.Index(index[-1] + step * np.arange(1, horizon + 1))


def _filled(values, before=None):
    """``values`` with gaps filled by the last value seen (in ``before``'s
    last row too, if given), and leading gaps by the first value seen."""
    frame = pd.DataFrame(values)
    if before is not None:
        frame = pd.concat([pd.DataFrame(before[-1:]), frame], ignore_index=True)
    frame = frame.ffill().bfill()
    out = frame.to_numpy(dtype=np.float64)
    return out if before is None else out[1:]


def _usable(missing_targets, window, horizon):
    """Start rows of the windows whose ``horizon`` targets were all observed
    (a filled gap is never a target)."""
    gaps = np.concatenate([[0], np.cumsum(missing_targets)])
    starts = np.arange(len(missing_targets) - window - horizon + 1)
    bad = gaps[starts + window + horizon] - gaps[starts + window]
    return starts[bad == 0]


# -- the estimator --------------------------------------------------------------


class RecurrentForecaster(KerasTraining):
    __doc__ = (
        """Recurrent network that forecasts the next ``horizon`` rows of a series.

    ``fit`` reads a history: a pandas ``Series`` or ``DataFrame`` indexed by
    time (a ``DatetimeIndex`` or ``PeriodIndex`` with a frequency, or evenly
    spaced numbers) or an array ``(T,)`` / ``(T, F)``; every numeric column
    is forecast, except those named in ``future_covariates``. ``predict``
    gives the ``horizon`` rows after the history, indexed by the timestamps
    that follow it; ``historical_forecasts`` the forecasts from every origin
    of a later stretch; ``score`` their R²; ``predict_interval`` split-
    conformal intervals. It trains as the estimators do: the same budget
    and early-stopping rules, seeding and compiled trainers.

    Parameters
    ----------
    horizon : int, default=1
        Rows forecast at once, from every origin.
    window : int or "auto", default="auto"
        Rows of history the network reads (the look-back). "auto": two
        horizons or two seasons, whichever is longer (the season is found
        in the data), within what leaves four training windows per row of
        look-back; see ``plan_``.
    segment : int or "auto", default="auto"
        Rows per segment: the recurrent layers read the window one segment
        per step. "auto" cuts the window into about 8 segments.
    cell : {"auto", "rnn", "lstm", "gru"}, default="auto"
        Recurrent cell: ``keras.layers.SimpleRNN``, ``LSTM`` or ``GRU``;
        "auto" is "gru".
    units : int or tuple of int, default=128
        Width of the segment embedding and units of the recurrent layer, or
        of each stacked layer.
    dropout : float, default=0.0
        Rate of the dropout before the output layer.
    future_covariates : list of column names (or indices), default=None
        Columns of ``X`` known in advance (calendar, planned load, ...):
        read, not forecast. The network reads their values over the
        ``horizon`` rows it forecasts: ``historical_forecasts`` and
        ``score`` take them from ``X``; ``predict`` from ``future``.
    loss : str or keras.losses.Loss, default="mae"
        Loss on the standardized columns. The mean absolute error is
        robust to the spikes of sensor data and forecasts closer than the
        squared error even when judged by it (``benchmarks/README.md``).
    optimizer : str or keras.optimizers.Optimizer, default="adam"
        Optimizer name or instance (cloned).
    learning_rate : float, default=1e-3
        Learning rate of an optimizer given by name.
    clipnorm : float or None, default=1.0
        Gradient norm clipping of an optimizer given by name.
    epochs : int or "auto", default="auto"
        Passes over the training windows: exactly this many when an int.
        "auto" sets the estimators' budget from the gradient steps an
        epoch takes, ``min(500, max(10, ceil(1000 / steps_per_epoch)))``,
        and ends it early under ``early_stopping="auto"``.
    batch_size : int, default=32
        Windows per gradient step.
    early_stopping : bool or "auto", default="auto"
        Hold out the last ``validation_fraction`` of the windows (the most
        recent history), stop once their loss has not fallen by more than
        ``tol`` for ``n_iter_no_change`` epochs and keep the best weights.
        "auto" does so with ``epochs="auto"`` (a patience of at least 100
        gradient steps); with an int ``epochs`` it trains exactly that many,
        as False does. The held-out windows also calibrate the intervals,
        so the network is never refitted on them. They also decide whether
        the trained network replaces its start, repeating the last value:
        only when its held-out loss is lower with one-sided confidence 0.9,
        or, with too few held-out windows to test, when the series has a
        season (``plan_["trained"]``; the user guide's "Defaults").
    validation_fraction : float, default=0.1
        Share of the windows held out (the last ones).
    n_iter_no_change : int, default=3
        Patience of early stopping, in epochs.
    tol : float, default=1e-4
        Least fall of the validation loss that counts as an improvement.
    random_state : int, RandomState instance or None, default=None
        Seed of the initial weights, dropout and the order of the windows.
    verbose : int, default=0
        0 is silent, 1 shows Keras' progress bar per epoch.
    callbacks : list of keras.callbacks.Callback, default=None
        Extra Keras callbacks for training.
    warm_start : bool, default=False
        When fitted already, continue training ``model_`` on the new history
        (same columns and network) instead of starting afresh.

    Attributes
    ----------
    model_ : keras.Model
        The trained network (:func:`build_forecast_network`): standardized
        windows in, standardized forecasts ``(batch, horizon, n_targets)``
        out.
    plan_ : Plan
        What the "auto" parameters resolved to (``window``, ``segment``,
        ``cell``, ``epochs``, ``early_stopping``), the history's ``season``
        and the settings derived for the fit, each with its reason in
        ``plan_.why``; ``trained``: whether the trained network forecasts
        (False: its start, the last value).
    window_ : int
        The look-back, ``plan_["window"]``.
    columns_ : list
        The columns forecast (names, or positions for arrays).
    covariates_ : list
        The columns read as known in advance.
    mean_, scale_ : ndarray of shape (n_columns,)
        Standardization of the columns (targets, then covariates), from the
        history, missing values left out.
    last_window_ : ndarray of shape (window, n_columns)
        The training history's last rows (gaps filled): what ``predict()``
        and ``historical_forecasts`` continue from.
    calibration_residuals_ : ndarray of shape (n, horizon, n_targets)
        True minus forecast values of the last held-out windows (at most
        1,000; standardized), which calibrate ``predict_interval``. Empty
        without early stopping.
    n_features_in_ : int
        Columns of the history.
    feature_names_in_ : ndarray of str
        Column names of a DataFrame history with string names.
    history_ : dict of list
        Per-epoch ``loss`` and, with early stopping, ``val_loss``.
"""
        + _CURVES_DOC
        + """    n_iter_ : int
        Epochs trained since the network was built.

    See Also
    --------
    RecurrentRegressor : One prediction per sequence; with
        :class:`~skseq.LagSequencer`, the regressor of skforecast or sktime.

    Notes
    -----
    Missing values (NaN rows of sensor gaps, or rows that
    ``X.asfreq(freq)`` inserts) are filled with the last value seen (the
    first value seen before it), as a forecast made at that time would; no
    filled value is ever a training target. Columns are standardized with
    the history's mean and standard deviation; each window is then read
    relative to its last value and the network forecasts the change from
    it, so a level the training data never reached is no extrapolation.
    Intervals are split-conformal: the quantiles of the residuals of the
    held-out last windows, per step ahead and column.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from skseq import RecurrentForecaster
    >>> t = np.arange(200)
    >>> y = pd.Series(np.sin(2 * np.pi * t / 12),
    ...               index=pd.date_range("2000-01", periods=200, freq="MS"))
    >>> f = RecurrentForecaster(horizon=3, units=8, random_state=0).fit(y)
    >>> f.plan_["season"], f.plan_["window"]
    (12, 24)
    >>> f.predict().index[0]
    Timestamp('2016-09-01 00:00:00')
    >>> lower, upper = f.predict_interval(coverage=0.9)
    >>> bool((lower <= upper).all())
    True
    """
    )

    _parameter_constraints: dict = {
        **{
            name: _SequenceEstimator._training_constraints[name]
            for name in (
                "optimizer",
                "learning_rate",
                "clipnorm",
                "epochs",
                "batch_size",
                "early_stopping",
                "validation_fraction",
                "n_iter_no_change",
                "tol",
                "random_state",
                "verbose",
                "callbacks",
                "warm_start",
            )
        },
        "horizon": [Interval(numbers.Integral, 1, None, closed="left")],
        "window": [
            Interval(numbers.Integral, 1, None, closed="left"),
            StrOptions({"auto"}),
        ],
        "segment": [
            Interval(numbers.Integral, 1, None, closed="left"),
            StrOptions({"auto"}),
        ],
        "cell": [StrOptions({"auto", "rnn", "lstm", "gru"})],
        "units": [Interval(numbers.Integral, 1, None, closed="left"), tuple, list],
        "dropout": [Interval(numbers.Real, 0, 1, closed="left")],
        "future_covariates": [list, tuple, None],
        "loss": [str, keras.losses.Loss],
    }

    def __init__(
        self,
        *,
        horizon=1,
        window="auto",
        segment="auto",
        cell="auto",
        units=128,
        dropout=0.0,
        future_covariates=None,
        loss="mae",
        optimizer="adam",
        learning_rate=1e-3,
        clipnorm=1.0,
        epochs="auto",
        batch_size=32,
        early_stopping="auto",
        validation_fraction=0.1,
        n_iter_no_change=3,
        tol=1e-4,
        random_state=None,
        verbose=0,
        callbacks=None,
        warm_start=False,
    ):
        self.horizon = horizon
        self.window = window
        self.segment = segment
        self.cell = cell
        self.units = units
        self.dropout = dropout
        self.future_covariates = future_covariates
        self.loss = loss
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.clipnorm = clipnorm
        self.epochs = epochs
        self.batch_size = batch_size
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.random_state = random_state
        self.verbose = verbose
        self.callbacks = callbacks
        self.warm_start = warm_start

    # -- fitting --------------------------------------------------------------

    def _loss(self):
        return self.loss

    def _build(self, network, *, initial):
        return self._compiled(network.build())

    def _split_columns(self, history):
        """The positions of the target and the covariate columns."""
        names = list(self.future_covariates or ())
        unknown = [c for c in names if c not in history.columns]
        if unknown:
            raise ValueError(
                f"`future_covariates` must name columns of X. Got {unknown}, "
                f"which X does not have (its columns: {history.columns})."
            )
        covariates = [history.columns.index(c) for c in names]
        targets = [i for i in range(len(history.columns)) if i not in covariates]
        if not targets:
            raise ValueError(
                "X must keep at least one column to forecast outside "
                f"`future_covariates`. Got future_covariates={names} covering "
                "every column."
            )
        return targets, covariates

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Train the network on the windows of history ``X``.

        Parameters
        ----------
        X : pandas Series or DataFrame, or array-like of shape (T,) or (T, F)
            The history, oldest row first; NaN marks missing values.
        y : None
            Ignored.

        Returns
        -------
        self : object
            The fitted forecaster.
        """
        layer_sizes(self.units, "units", allow_empty=False)
        self._check_training_params()
        history = _read_history(X, least=2)  # one window and its target
        _check_index(history.index)
        targets, covariates = self._split_columns(history)
        continuing = self.warm_start and hasattr(self, "model_")
        fitted = self.columns_ + self.covariates_ if continuing else None
        if continuing and [history.columns[i] for i in targets + covariates] != fitted:
            raise ValueError(
                "warm_start=True continues the fitted network, whose columns "
                f"are {fitted}. Got X with columns {history.columns} instead."
            )
        return self._transaction(
            lambda: self._fit_history(X, history, targets, covariates, continuing),
            continuing=continuing,
        )

    def _fit_history(self, X, history, targets, covariates, continuing):
        order = targets + covariates
        raw = history.values[:, order]
        if np.isnan(raw).all(axis=0).any():
            empty = [history.columns[order[i]] for i in np.flatnonzero(
                np.isnan(raw).all(axis=0))]  # fmt: skip
            raise ValueError(
                f"X must have at least one value in every column. Got only "
                f"missing values in column(s) {empty}."
            )
        if continuing:
            mean, scale = self.mean_, self.scale_
        else:
            mean, scale = standardization(raw)
        values = ((_filled(raw) - mean) / scale).astype(np.float32)
        n_targets = len(targets)
        params = self.get_params(deep=False)
        plan = resolve_forecast(
            params,
            summarize_series(values, n_targets=n_targets, n_covariates=len(covariates)),
        )
        window, horizon = plan["window"], self.horizon
        starts = _usable(np.isnan(raw[:, :n_targets]).any(axis=1), window, horizon)
        if len(starts) < 1 + plan["validation_size"]:
            raise ValueError(
                "X's gaps leave too few windows with every target observed: "
                f"{len(starts)} of {len(values) - window - horizon + 1}. Use a "
                "longer history or a smaller `window` or `horizon`."
            )
        network = ForecastNetwork(
            window=window,
            horizon=horizon,
            n_targets=n_targets,
            n_covariates=len(covariates),
            segment=plan["segment"],
            cell=plan["cell"],
            units=layer_sizes(self.units, "units", allow_empty=False),
            dropout=float(self.dropout),
        )
        if continuing and network != self._spec:
            changed = next(
                f.name
                for f in dataclasses.fields(network)
                if getattr(network, f.name) != getattr(self._spec, f.name)
            )
            raise ValueError(
                f"warm_start=True continues the fitted network, but `{changed}` "
                "changed since it was built. Set warm_start=False to build a new "
                "network."
            )
        if isinstance(X, pd.DataFrame) and all(isinstance(c, str) for c in X.columns):
            self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        self.n_features_in_ = len(history.columns)
        self.plan_ = plan
        self.window_ = window
        self.columns_ = [history.columns[i] for i in targets]
        self.covariates_ = [history.columns[i] for i in covariates]
        self.mean_, self.scale_ = mean, scale
        self.last_window_ = _filled(raw)[-window:]
        self._kind = history.kind
        self._table = history.table
        self._index_tail = None if history.index is None else history.index[-2:]
        self._step_of_index = None if history.index is None else _step(history.index)

        rng, restart = self._start(
            network,
            lambda seed: self._build(network, initial=True),
            continuing=continuing,
        )
        steps = window + (horizon if covariates else 0)
        inputs = _Windows(values, starts, steps)
        outputs = _Windows(values[:, :n_targets], starts + window, horizon)

        def part(idx):
            windows = inputs.part(idx)
            seqs = Sequences(windows, np.full(len(windows), steps), "values")
            return seqs, outputs.part(idx), None

        every = part(slice(None))
        split = every, None
        n_val = plan["validation_size"]
        if n_val:
            split = part(slice(None, -n_val)), part(slice(-n_val, None))
        self._train_plan(
            every, split, rng, plan, restart, continuing=continuing, bucket=False
        )
        self.calibration_residuals_ = np.zeros((0, horizon, n_targets), np.float32)
        kept, reason = True, "no held-out windows: the trained network, untested"
        if n_val:
            seqs, truth, _ = split[1]
            truth = truth[:]
            pred = self._trainer().predict(self.model_, seqs)
            if not continuing:
                # the start repeats each window's last value
                start = values[starts[-n_val:] + window - 1, None, :n_targets]
                start = np.repeat(start, horizon, axis=1)
                kept, reason = beats_start(
                    self._window_losses(truth, pred),
                    self._window_losses(truth, start),
                    horizon,
                    plan["season"],
                )
                if not kept:
                    self.model_.set_weights(restart[1])
                    pred = start
            else:
                reason = "warm_start: the continued network, untested"
            last = slice(-min(n_val, _defaults.THRESHOLDS["calibration_windows"]), None)
            self.calibration_residuals_ = truth[last] - pred[last]
        self.plan_ = Plan({**plan, "trained": kept}, {**plan.why, "trained": reason})

    def _window_losses(self, truth, pred):
        """The training loss of each window's forecast."""
        loss = self.loss
        call = (
            loss.call if isinstance(loss, keras.losses.Loss) else keras.losses.get(loss)
        )
        values = keras.ops.convert_to_numpy(call(truth, pred.astype(truth.dtype)))
        return values.reshape(len(truth), -1).mean(axis=1)

    # -- forecasting ----------------------------------------------------------

    def _read(self, X, name="X"):
        """``X``'s values in the fitted column order (targets, covariates)."""
        history = _read_history(X, name)
        fitted = self.columns_ + self.covariates_
        if not self._table:
            if history.values.shape[1] != len(fitted):
                raise ValueError(
                    f"{name} has {history.values.shape[1]} features, but "
                    f"{type(self).__name__} is expecting {len(fitted)} features "
                    "as input."
                )
            return history, history.values
        missing = [c for c in fitted if c not in history.columns]
        if missing:
            raise ValueError(
                f"{name} must have the columns the forecaster was fitted on. "
                f"Missing: {missing}."
            )
        order = [history.columns.index(c) for c in fitted]
        return history, history.values[:, order]

    def _scaled(self, values):
        return ((values - self.mean_) / self.scale_).astype(np.float32)

    def _forecast(self, rows, starts, width):
        """Forecasts, in the columns' units, of the windows of ``width``
        rows of the filled history ``rows`` from rows ``starts``."""
        windows = _Windows(self._scaled(rows), starts, width)
        seqs = Sequences(windows, np.full(len(windows), width), "values")
        pred = self._trainer().predict(self.model_, seqs)
        n_targets = len(self.columns_)
        return pred * self.scale_[:n_targets] + self.mean_[:n_targets]

    def _history_rows(self, X, future):
        """The rows the one forecast of ``predict`` reads, and the index of
        the history they end."""
        window, horizon = self.window_, self.horizon
        if X is None:
            rows, index, step = self.last_window_, self._index_tail, self._step_of_index
        else:
            history, values = self._read(X)
            if len(values) < window:
                raise ValueError(
                    f"X must have at least window_={window} rows to forecast "
                    f"from. Got {len(values)} instead."
                )
            rows = values[-window:]
            gaps = np.isnan(rows)
            if gaps.any():
                rows = _filled(rows)
                # a column missing in the whole window: its mean
                rows = np.where(np.isnan(rows), self.mean_, rows)
            index = history.index
            step = None
            if index is not None:
                _check_index(index)
                step = _step(index)
        if self.covariates_:
            if future is None:
                raise ValueError(
                    "`future` must give the covariates' values over the "
                    f"horizon: a table of {horizon} rows with the columns "
                    f"{self.covariates_}. Got None."
                )
            known = self._future(future)
            ahead = np.full((horizon, rows.shape[1]), np.nan)
            ahead[:, : len(self.columns_)] = self.mean_[: len(self.columns_)]
            ahead[:, len(self.columns_) :] = known
            rows = np.concatenate([rows, ahead])
        elif future is not None:
            raise ValueError(
                "`future` holds covariates known in advance, but the forecaster "
                "was fitted without `future_covariates`. Got a `future` table."
            )
        return rows, index, step

    def _future(self, future):
        history = _read_history(future, "future")
        if not self._table:
            values = history.values
        else:
            missing = [c for c in self.covariates_ if c not in history.columns]
            if missing:
                raise ValueError(
                    f"`future` must have the columns {self.covariates_}. "
                    f"Missing: {missing}."
                )
            values = history.values[
                :, [history.columns.index(c) for c in self.covariates_]
            ]
        if values.shape != (self.horizon, len(self.covariates_)):
            raise ValueError(
                f"`future` must be {self.horizon} rows (the horizon) by "
                f"{len(self.covariates_)} covariate columns. Got shape "
                f"{values.shape} instead."
            )
        if np.isnan(values).any():
            raise ValueError("`future` must not have missing values. Got some.")
        return values

    def _output(self, values, index, step):
        """``values`` ``(horizon, n_targets)`` in the fitted kind of table."""
        if self._kind == "vector":
            return values[:, 0]
        if self._kind == "array":
            return values
        after = (
            _following(index, step, self.horizon)
            if index is not None
            else pd.RangeIndex(self.horizon)
        )
        if self._kind == "series":
            return pd.Series(values[:, 0], index=after, name=self.columns_[0])
        return pd.DataFrame(values, index=after, columns=self.columns_)

    def predict(self, X=None, future=None):
        """The ``horizon`` rows that follow history ``X``.

        Parameters
        ----------
        X : pandas Series or DataFrame, or array-like, default=None
            A history of at least ``window_`` rows, in the fitted columns;
            None forecasts what follows the training history.
        future : pandas DataFrame or array-like, default=None
            With ``future_covariates``: their values over the ``horizon``
            rows forecast.

        Returns
        -------
        forecast : pandas Series or DataFrame, or ndarray
            ``horizon`` rows: a Series for a Series history, a DataFrame of
            the forecast columns for a DataFrame, indexed by the timestamps
            that follow the history's last one; ``(horizon,)`` or
            ``(horizon, n_targets)`` for an array.
        """
        check_is_fitted(self, "model_")
        rows, index, step = self._history_rows(X, future)
        values = self._forecast(rows, [0], len(rows))[0]
        return self._output(values, index, step)

    def _offsets(self, coverage):
        """Quantiles of the calibration residuals below and above a
        forecast, per step and column, in the columns' units."""
        if not (isinstance(coverage, numbers.Real) and 0 < coverage < 1):
            raise ValueError(
                f"`coverage` must be a float in (0, 1). Got {coverage!r} instead."
            )
        residuals = self.calibration_residuals_
        n = len(residuals)
        if not n:
            raise ValueError(
                "Intervals need the windows held out by early stopping, and "
                "this forecaster was fitted without (plan_['early_stopping'] "
                "is False). Fit it with early_stopping=True."
            )
        alpha = 1 - coverage
        low = np.floor((n + 1) * alpha / 2) / n
        high = np.ceil((n + 1) * (1 - alpha / 2)) / n
        low_q = np.quantile(residuals, np.clip(low, 0, 1), axis=0, method="lower")
        high_q = np.quantile(residuals, np.clip(high, 0, 1), axis=0, method="higher")
        scale = self.scale_[: len(self.columns_)]
        return low_q * scale, high_q * scale

    def predict_interval(self, X=None, future=None, coverage=0.9):
        """Lower and upper bounds around :meth:`predict`'s forecast.

        Split-conformal: the forecast plus the quantiles of the residuals of
        the held-out last windows (``calibration_residuals_``), per step
        ahead and column.

        Parameters
        ----------
        X, future
            As in :meth:`predict`.
        coverage : float in (0, 1), default=0.9
            Nominal share of the true values inside the interval.

        Returns
        -------
        lower, upper
            Each in :meth:`predict`'s format.
        """
        check_is_fitted(self, "model_")
        low, high = self._offsets(coverage)
        rows, index, step = self._history_rows(X, future)
        values = self._forecast(rows, [0], len(rows))[0]
        return (
            self._output(values + low, index, step),
            self._output(values + high, index, step),
        )

    def historical_forecasts(self, X, *, stride=1, coverage=None):
        """Forecasts from every origin of ``X``, which continues the
        training history.

        Origin ``i`` forecasts ``X``'s rows ``i`` to ``i + horizon - 1`` from
        the ``window_`` rows before them (the end of the training history,
        then ``X``'s own rows; gaps filled with the last value seen), so that
        a test stretch is forecast as it would have been, row by row.

        Parameters
        ----------
        X : pandas Series or DataFrame, or array-like
            The rows that follow the training history, at least ``horizon``,
            in the fitted columns (covariates included: their values are
            read over each forecast's horizon).
        stride : int, default=1
            Rows between origins.
        coverage : float in (0, 1), default=None
            Also return the bounds of :meth:`predict_interval`.

        Returns
        -------
        forecasts : ndarray of shape (n_origins, horizon, n_targets)
            ``n_origins = ceil((len(X) - horizon + 1) / stride)``.
        lower, upper : ndarray of the same shape
            Only with ``coverage``.
        """
        check_is_fitted(self, "model_")
        if not (isinstance(stride, numbers.Integral) and stride >= 1):
            raise ValueError(f"`stride` must be an int >= 1. Got {stride!r} instead.")
        offsets = None if coverage is None else self._offsets(coverage)
        _, values = self._read(X)
        if len(values) < self.horizon:
            raise ValueError(
                f"X must have at least horizon={self.horizon} rows to forecast "
                f"from one origin. Got {len(values)} instead."
            )
        rows = np.concatenate([self.last_window_, _filled(values, self.last_window_)])
        starts = np.arange(0, len(values) - self.horizon + 1, stride)
        width = self.window_ + (self.horizon if self.covariates_ else 0)
        forecasts = self._forecast(rows, starts, width)
        if offsets is None:
            return forecasts
        return forecasts, forecasts + offsets[0], forecasts + offsets[1]

    def score(self, X, y=None):
        """R² of :meth:`historical_forecasts` (stride 1) on ``X``, which
        continues the training history: over every origin, step ahead and
        forecast column (averaged over the columns), missing values left
        out. Higher is better, as model selection expects.

        Parameters
        ----------
        X : pandas Series or DataFrame, or array-like
            The rows that follow the training history, at least
            ``horizon``.
        y : None
            Ignored.

        Returns
        -------
        score : float
        """
        forecasts = self.historical_forecasts(X)
        _, values = self._read(X)
        horizon, n_targets = self.horizon, len(self.columns_)
        starts = np.arange(len(forecasts))
        truth = values[np.add.outer(starts, np.arange(horizon))][..., :n_targets]
        scores = []
        for column in range(n_targets):
            t = truth[..., column].ravel()
            p = forecasts[..., column].ravel()
            seen = ~np.isnan(t)
            if seen.sum() < 2:
                continue
            residual = ((t[seen] - p[seen]) ** 2).sum()
            total = ((t[seen] - t[seen].mean()) ** 2).sum()
            scores.append(1 - residual / total if total > 0 else 1.0 * (residual == 0))
        if not scores:
            raise ValueError(
                "X must have at least two observed values of a forecast column "
                "to score. Got fewer."
            )
        return float(np.mean(scores))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = False
        tags.input_tags.allow_nan = True
        return tags
