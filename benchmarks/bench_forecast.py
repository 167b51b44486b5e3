"""Forecasting: skseq's RecurrentForecaster against naive, linear and Keras
baselines, in the same run, on the same windows.

Two protocols, on the forecasting data of the shared data
(``../shared/data/forecasting``, or ``--data`` / ``$SKSEQ_DATA``; its README,
section "Forecasting", gives the splits and conventions followed here):

1. ``standard``: the long-horizon benchmark of Informer / Autoformer / DLinear
   / PatchTST on ETTh1, ETTh2 and exchange_rate, multivariate to multivariate,
   look-back L = 96, horizons ``--horizons`` (96 by default; 96 192 336 720
   for the whole table). Every column is z-scored with the mean and
   population std of the training rows (``StandardScaler``); MSE and MAE are
   on the z-scaled values over ALL test windows (stride 1, no ``drop_last``),
   all steps and all channels. The test windows' look-back reaches back into
   the validation rows, so the first target is the first test row. Before
   the tables, the "repeat check" scores the Repeat baseline on the standard
   split and sets it beside the README's all-window figures (and, dropping
   the last ``n_windows mod 32`` windows as Informer's test loader does,
   beside the published Repeat rows): the check of this script's windowing,
   scaling and metric.
2. ``rolling``: any univariate series: fit on the first 4/5 of its rows,
   forecast the last fifth from rolling origins (stride 1), ``horizon``
   steps ahead (the series' season unless ``--short-horizon``); MAE and MSE
   on the raw scale, and the MAE over that of the better naive forecast
   (repeat the last value, or seasonal naive). Series: airline passengers
   (monthly, season 12), the ``OT`` column of ETTh1 and ETTh2 (hourly, 24)
   and the ``OT`` column of exchange_rate (season 5: its rows are trading
   days; see ``ROLLING``). With ``--extra``, real series shipped inside the
   statsmodels package (``pip install -e .[bench]``), of other domains and
   frequencies: weekly CO2 (with gaps), yearly sunspots and Nile flow,
   monthly El Nino temperatures and euro-area equipment turnover, quarterly
   US unemployment. A series with gaps reaches the forecaster as it is (NaN);
   the baselines read it forward-filled (the last observed value); windows
   whose target has a NaN are left out of every score.

Models, every one on the same windows:

- Repeat (the last input value) and seasonal naive (the value one season
  back: 24 hourly, 12 monthly, 5 trading days, ...);
- Ridge: one linear map from the look-back to the horizon, shared by the
  channels (channel-independent), fitted in closed form on the training
  windows, its penalty chosen on the validation windows (protocol 1: the
  validation segment's; protocol 2: the last tenth of the training
  windows) and refitted with them; DLinear-style: the same on a moving
  average of the window (kernel 25, ends repeated) and the remainder, each
  with its own weights (NumPy only);
- Keras LSTM: ``LSTM(64)`` over the (L, F) window, ``Dense(H * F)``,
  reshaped to (H, F); Adam 1e-3, MSE, batch 32, at most 10 epochs (1 with
  ``--quick``), early stopping on the validation windows (patience 3, best
  weights kept); protocol 2 reads z-scored values (training rows' mean and
  std) and scores its forecasts back on the raw scale, as Ridge does;
- skseq: ``RecurrentForecaster(horizon=H, window=96,
  validation_fraction=..., random_state=0)`` fitted on the z-scaled rows of
  train + validation (protocol 1), ``RecurrentForecaster(horizon=H,
  random_state=0)`` on the raw first 4/5 (protocol 2); then
  ``historical_forecasts(test rows, stride=1, coverage=0.9)``, whose
  interval gives the coverage column (fraction of true values inside).

Each row gives MSE, MAE, the fit time (wall s) and the predict time of one
window (median ms over ``--repeats`` calls after a warm-up: skseq's
``predict`` of the last ``window`` rows, ``model(x, training=False)`` for
Keras, which runs eagerly, a matrix product for the linear models; Keras'
compiled ``predict_on_batch`` is printed beside). The baselines of protocol
2 read a look-back set per series (``ROLLING``, ``EXTRA``); skseq's is its
own ``window="auto"``. Published rows (DLinear, PatchTST, SegRNN, Repeat,
recurrent baselines of the papers) follow each dataset's rows in the
standard table, for context. Run from the repository root::

    .venv/bin/python benchmarks/bench_forecast.py --quick
    .venv/bin/python benchmarks/bench_forecast.py --horizons 96
    .venv/bin/python benchmarks/bench_forecast.py --horizons 96 192 336 720
    .venv/bin/python benchmarks/bench_forecast.py --protocols rolling --extra

``--quick`` is a smoke run: horizon 24, the standard sets cut to their first
3,000 rows (train ``[0, 2000)``, validation ``[2000, 2500)``, test
``[2500, 3000)``, so its scores are not the published protocol's), the
rolling series to their first 1,000 rows, 1 Keras epoch, 5 timed calls. The
repeat check always runs on the standard split. ``--no-skseq`` runs the
baselines alone (as when ``RecurrentForecaster`` is not importable).
"""

import argparse
import importlib
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # Keras' default backend

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from bench_predict import median_ms  # noqa: E402
from numpy.lib.stride_tricks import sliding_window_view  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from skseq.datasets import get_data_home  # noqa: E402

try:  # the baselines run (and print) without it
    from skseq import RecurrentForecaster
except ImportError as error:
    RecurrentForecaster, SKSEQ_MISSING = None, str(error)

# -- protocol 1: name -> (file, train end, validation end, test end, season) --
STANDARD = {
    "ETTh1": ("ETTh1.csv.gz", 8640, 11520, 14400, 24),
    "ETTh2": ("ETTh2.csv.gz", 8640, 11520, 14400, 24),
    "exchange_rate": ("exchange_rate.csv", 5311, 6071, 7588, 5),
}
QUICK_ROWS = (2000, 2500, 3000)  # --quick: train, validation, test ends
QUICK_SERIES = 1000  # --quick: protocol 2's rows
LOOKBACK = 96
HORIZONS = (96, 192, 336, 720)
# the data README's Repeat figures over all test windows: MSE, MAE per horizon
REPEAT_ALL = {
    "ETTh1": ((1.294, 1.325, 1.330, 1.335), (0.713, 0.733, 0.746, 0.755)),
    "ETTh2": ((0.432, 0.534, 0.597, 0.594), (0.422, 0.473, 0.511, 0.519)),
    "exchange_rate": ((0.081, 0.167, 0.306, 0.810), (0.196, 0.289, 0.398, 0.676)),
}
# published rows (data README; MSE, MAE per horizon; None: not published).
# The papers' test loaders drop the last n_windows mod 32 windows.
PUBLISHED = {
    "ETTh1": [
        (
            "Repeat (DLinear Table 2)",
            ((1.295, 1.325, 1.323, 1.339), (0.713, 0.733, 0.744, 0.756)),
        ),
        (
            "DLinear (L=336)",
            ((0.375, 0.405, 0.439, 0.472), (0.399, 0.416, 0.443, 0.490)),
        ),
        (
            "PatchTST/64 (L=512)",
            ((0.370, 0.413, 0.422, 0.447), (0.400, 0.429, 0.440, 0.468)),
        ),
        (
            "PatchTST/42 (L=336)",
            ((0.375, 0.414, 0.431, 0.449), (0.399, 0.421, 0.436, 0.466)),
        ),
        ("SegRNN (the issue's figure)", ((0.368, None, None, None), (None,) * 4)),
        (
            "LSTMa (Informer Table 2)",
            ((None, None, 1.424, 1.960), (None, None, 0.994, 1.322)),
        ),
    ],
    "ETTh2": [
        (
            "Repeat (DLinear Table 2)",
            ((0.432, 0.534, 0.591, 0.588), (0.422, 0.473, 0.508, 0.517)),
        ),
        (
            "DLinear (L=336)",
            ((0.289, 0.383, 0.448, 0.605), (0.353, 0.418, 0.465, 0.551)),
        ),
        (
            "PatchTST/64 (L=512)",
            ((0.274, 0.341, 0.329, 0.379), (0.337, 0.382, 0.384, 0.422)),
        ),
    ],
    "exchange_rate": [
        (
            "Repeat (DLinear Table 2)",
            ((0.081, 0.167, 0.305, 0.823), (0.196, 0.289, 0.396, 0.681)),
        ),
        (
            "DLinear (L=336)",
            ((0.081, 0.157, 0.305, 0.643), (0.203, 0.293, 0.414, 0.601)),
        ),
        (
            "LSTM (L=96, Autoformer Table 1)",
            ((1.453, 1.846, 2.136, 2.984), (1.049, 1.179, 1.231, 1.427)),
        ),
    ],
}

# -- protocol 2: name -> (season, horizon, baselines' look-back) ---------------
# exchange_rate: season 5. Its rows are trading days (LSTNet: daily rates of
# 1990-2016, 7,588 rows, about 290 a year, not 365; the csv's dates are
# synthetic consecutive days), so a week is 5 rows. Neither lag has any
# pull: the autocorrelations of the daily changes at lags 5 and 7 are within
# +-0.03 on every column; the seasonal naive is a week-old rate either way.
ROLLING = {
    "airline": (12, 12, 24),
    "ETTh1:OT": (24, 24, 96),
    "ETTh2:OT": (24, 24, 96),
    "exchange_rate:OT": (5, 5, 96),
}
# statsmodels' own series (--extra); season 1: none (seasonal naive = Repeat);
# sunspots' 11 is the solar cycle
EXTRA = {
    "co2": (52, 52, 104),  # weekly, Mauna Loa, 59 missing weeks
    "sunspots": (11, 11, 33),  # yearly
    "nile": (1, 10, 20),  # yearly flow
    "elnino": (12, 12, 36),  # monthly sea surface temperature
    "elec_equip": (12, 12, 36),  # monthly turnover index
    "unemp": (4, 4, 16),  # quarterly US unemployment (macrodata)
}
DEFAULT_DATASETS = ["ETTh1", "ETTh2", "exchange_rate", "airline"]
VALIDATION_FRACTION = 0.1  # protocol 2's held-out last windows (skseq's default)
ALPHAS = (1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0)  # penalty per training row
MA_KERNEL = 25  # DLinear's moving average


# -- data ---------------------------------------------------------------------


def read_standard(name, data):
    """``(frame of the rows, the split's row ends, season)``."""
    file, *ends, season = STANDARD[name]
    frame = pd.read_csv(get_data_home(data) / "forecasting" / file)
    frame.index = pd.to_datetime(frame.pop("date"), format="mixed")
    frame.index.name = "date"
    return frame, ends, season


def read_rolling(name, data):
    """A univariate series indexed by time."""
    if name == "airline":
        frame = pd.read_csv(get_data_home(data) / "forecasting/airline-passengers.csv")
        return pd.Series(
            frame["Passengers"].to_numpy(float),
            index=pd.to_datetime(frame["Month"]),
            name="passengers",
        )
    if name in ROLLING:
        frame, _, _ = read_standard(name.split(":")[0], data)
        return frame["OT"]
    # the bench extra, only for --extra; macrodata holds the unemployment
    module = "macrodata" if name == "unemp" else name
    frame = importlib.import_module(f"statsmodels.datasets.{module}")
    frame = frame.load_pandas().data
    if name == "co2":
        return frame["co2"]
    if name == "elec_equip":
        return frame.iloc[:, 0].rename("elec_equip")
    if name == "unemp":
        index = pd.PeriodIndex.from_fields(
            year=frame["year"].astype(int), quarter=frame["quarter"].astype(int)
        )
        return pd.Series(frame["unemp"].to_numpy(), index=index.to_timestamp())
    if name == "elnino":
        start = f"{int(frame['YEAR'].iloc[0])}-01"
        values = frame.drop(columns="YEAR").to_numpy().ravel()
        index = pd.date_range(start, periods=len(values), freq="MS")
        return pd.Series(values, index=index, name="elnino")
    year, value = frame.columns  # sunspots, nile: yearly
    index = pd.to_datetime(frame[year].astype(int).astype(str), format="%Y")
    return pd.Series(frame[value].to_numpy(float), index=index, name=name)


# -- windows and scores -------------------------------------------------------


def windows(values, start, stop, lookback, horizon):
    """Strided views ``(inputs (n, L, F), targets (n, H, F))`` of the windows
    whose targets start at rows ``start`` to ``stop - horizon``; the inputs
    reach back before ``start``."""
    inputs = sliding_window_view(values[start - lookback : stop - horizon], lookback, 0)
    targets = sliding_window_view(values[start:stop], horizon, 0)
    return inputs.transpose(0, 2, 1), targets.transpose(0, 2, 1)


def scores(forecast, targets, lo=None, hi=None):
    """MSE, MAE (and the coverage of ``[lo, hi]``) over the windows whose
    target has no NaN."""
    keep = ~np.isnan(targets).any(axis=(1, 2))
    truth, error = targets[keep], np.asarray(forecast)[keep] - targets[keep]
    out = [float(np.mean(error**2)), float(np.mean(np.abs(error)))]
    if lo is not None:
        inside = (np.asarray(lo)[keep] <= truth) & (truth <= np.asarray(hi)[keep])
        out.append(float(inside.mean()))
    return out


def repeat(inputs, horizon):
    return np.broadcast_to(inputs[:, -1:, :], (len(inputs), horizon, inputs.shape[2]))


def seasonal_naive(inputs, horizon, season):
    """The value of the same phase in the last season of the look-back."""
    steps = np.arange(horizon)
    back = season * ((steps + season) // season)  # one season or more back
    return inputs[:, inputs.shape[1] + steps - back, :]


# -- linear models (closed-form ridge on strided windows) ---------------------


def moving_average(lookback, kernel=MA_KERNEL):
    """``(L, L)`` matrix of DLinear's moving average, ends repeated."""
    kernel = min(kernel, lookback - (lookback % 2 == 0))  # odd, within L
    half = kernel // 2
    rows = np.arange(lookback)[:, None]
    cols = np.clip(rows + np.arange(-half, half + 1)[None], 0, lookback - 1)
    matrix = np.zeros((lookback, lookback))
    np.add.at(matrix, (np.repeat(rows, kernel, 1), cols), 1.0 / kernel)
    return matrix


class Ridge:
    """One ridge map from features ``window @ basis`` to the horizon, shared
    by every channel; normal equations gathered over chunks of windows."""

    def __init__(self, basis):
        self.basis = basis  # (L, P)

    def features(self, inputs):
        rows = inputs.transpose(0, 2, 1).reshape(-1, inputs.shape[1])
        feats = rows @ self.basis
        return np.hstack([feats, np.ones((len(feats), 1))])

    def gram(self, inputs, targets, chunk=1024):
        size = self.basis.shape[1] + 1
        gram, cross, n = np.zeros((size, size)), 0.0, 0
        for i in range(0, len(inputs), chunk):
            feats = self.features(inputs[i : i + chunk])
            out = targets[i : i + chunk].transpose(0, 2, 1).reshape(len(feats), -1)
            gram += feats.T @ feats
            cross = cross + feats.T @ out
            n += len(feats)
        return gram, cross, n

    def solve(self, stats, alpha):
        gram, cross, n = stats
        penalty = np.full(len(gram), alpha * n)
        penalty[-1] = 0.0  # the intercept
        self.weights = np.linalg.solve(gram + np.diag(penalty), cross)
        return self

    def predict(self, inputs, chunk=1024):
        n, _, channels = inputs.shape
        out = [
            self.features(inputs[i : i + chunk]) @ self.weights
            for i in range(0, n, chunk)
        ]
        flat = np.concatenate(out)
        return flat.reshape(n, channels, -1).transpose(0, 2, 1)

    def fit(self, train, val):
        """Penalty chosen on ``val`` windows, then refitted on both."""
        stats = self.gram(*train)
        errors = [
            np.mean((self.solve(stats, a).predict(val[0]) - val[1]) ** 2)
            for a in ALPHAS
        ]
        self.alpha = ALPHAS[int(np.argmin(errors))]
        both = self.gram(*val)
        total = (stats[0] + both[0], stats[1] + both[1], stats[2] + both[2])
        return self.solve(total, self.alpha)


def linear_models(lookback):
    trend = moving_average(lookback)
    return [
        ("Ridge (window)", Ridge(np.eye(lookback))),
        (
            "DLinear-style (ridge)",
            Ridge(np.hstack([trend.T, np.eye(lookback) - trend.T])),
        ),
    ]


# -- Keras LSTM ---------------------------------------------------------------


def keras_lstm(train, val, epochs):
    """The hand-written forecaster, fitted with early stopping on ``val``."""
    keras.utils.set_random_seed(0)
    (_, lookback, channels), horizon = train[0].shape, train[1].shape[1]
    model = keras.Sequential(
        [
            keras.Input((lookback, channels)),
            keras.layers.LSTM(64),
            keras.layers.Dense(horizon * channels),
            keras.layers.Reshape((horizon, channels)),
        ]
    )
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    stop = keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)
    history = model.fit(
        *(np.asarray(a, np.float32) for a in train),
        batch_size=32,
        epochs=epochs,
        validation_data=tuple(np.asarray(a, np.float32) for a in val),
        callbacks=[stop],
        verbose=0,
    )
    return model, len(history.history["loss"])


def keras_predict(model, inputs):
    return model.predict(np.asarray(inputs, np.float32), batch_size=256, verbose=0)


def keras_ms(model, inputs, repeats):
    """One window's predict ms: ``model(x, training=False)`` (the table's;
    eager, so the LSTM's steps run one by one) and ``predict_on_batch``
    (a compiled call, for the note)."""
    x = np.asarray(inputs[-1:], np.float32)
    one = keras.ops.convert_to_tensor(x)
    eager = median_ms(lambda: model(one, training=False), repeats)
    return eager, median_ms(lambda: model.predict_on_batch(x), repeats)


def epochs_label(ran):
    return f"Keras LSTM(64), {ran} epoch{'s' if ran > 1 else ''}"


# -- skseq --------------------------------------------------------------------


def held_out_fraction(n_val, n_windows):
    """The ``validation_fraction`` that holds out exactly the last ``n_val``
    of ``n_windows`` windows: skseq holds out ``ceil(fraction * n_windows)``
    (``skseq._defaults.validation_count``), so step below any float round-up."""
    fraction = n_val / n_windows
    while np.ceil(fraction * n_windows) > n_val:
        fraction = np.nextafter(fraction, 0.0)
    return float(fraction)


def skseq_rows(model, history, future, repeats):
    """Fit on ``history``, forecast ``future`` from every origin: the
    forecasts, bounds, fit seconds and one window's predict ms."""
    start = time.perf_counter()
    model.fit(history)
    fit_s = time.perf_counter() - start
    start = time.perf_counter()
    forecast, lo, hi = model.historical_forecasts(future, stride=1, coverage=0.9)
    all_s = time.perf_counter() - start
    shape = (len(forecast), model.horizon, -1)
    forecast, lo, hi = (np.asarray(a, float).reshape(shape) for a in (forecast, lo, hi))
    window = int(model.plan_["window"])
    ms = median_ms(lambda: model.predict(history.iloc[-window:]), repeats)
    return forecast, lo, hi, fit_s, ms, all_s


def plan_text(model):
    keys = (
        "window",
        "season",
        "segment",
        "cell",
        "epochs",
        "validation_size",
        "trained",
    )
    return ", ".join(f"{k}={model.plan_[k]}" for k in keys if k in model.plan_)


# -- the runs -----------------------------------------------------------------


def row(dataset, horizon, model, mse, mae, fit_s=None, ms=None, cover=None, **more):
    """One table row; ``more``: extra columns (protocol 2's season and ratio)."""
    return dict(
        dataset=dataset,
        H=horizon,
        model=model,
        MSE=mse,
        MAE=mae,
        fit_s=fit_s,
        ms=ms,
        coverage=cover,
        **more,
    )


def repeat_check(names, horizons, data):
    """The Repeat baseline on the standard split against the README."""
    print("## Repeat check (standard split, z-scored on the training rows)\n")
    print(
        "| dataset | H | test windows | MSE | README (all windows) | MAE | README "
        "| MSE, drop_last | published | MAE, drop_last | published | match |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    published = {
        name: dict(PUBLISHED[name])["Repeat (DLinear Table 2)"] for name in names
    }
    for name in names:
        frame, (train_end, val_end, test_end), _ = read_standard(name, data)
        values = StandardScaler().fit(frame.iloc[:train_end]).transform(frame)
        for horizon in horizons:
            k = HORIZONS.index(horizon)
            inputs, targets = windows(values, val_end, test_end, LOOKBACK, horizon)
            mse, mae = scores(repeat(inputs, horizon), targets)
            kept = len(inputs) - len(inputs) % 32
            mse_d, mae_d = scores(repeat(inputs[:kept], horizon), targets[:kept])
            refs = (
                REPEAT_ALL[name][0][k],
                REPEAT_ALL[name][1][k],
                published[name][0][k],
                published[name][1][k],
            )
            ok = all(
                abs(round(x, 3) - r) < 1e-9
                for x, r in zip((mse, mae, mse_d, mae_d), refs, strict=True)
            )
            print(
                f"| {name} | {horizon} | {len(inputs)} | {mse:.4f} | {refs[0]:.3f} "
                f"| {mae:.4f} | {refs[1]:.3f} | {mse_d:.4f} | {refs[2]:.3f} "
                f"| {mae_d:.4f} | {refs[3]:.3f} | {'yes' if ok else '**NO**'} |"
            )
    print()


def run_standard(name, horizons, args):
    """Protocol 1 on one dataset: its result rows."""
    frame, ends, season = read_standard(name, args.data)
    train_end, val_end, test_end = QUICK_ROWS if args.quick else ends
    frame = frame.iloc[:test_end]
    scaled = frame.copy()
    scaled[:] = StandardScaler().fit(frame.iloc[:train_end]).transform(frame)
    values = scaled.to_numpy()
    epochs = 1 if args.quick else 10
    rows = []
    for horizon in horizons:
        train = windows(values, LOOKBACK, train_end, LOOKBACK, horizon)
        val = windows(values, train_end, val_end, LOOKBACK, horizon)
        test_in, test_out = windows(values, val_end, test_end, LOOKBACK, horizon)
        print(
            f"# {name} H={horizon}: {len(train[0])} train / {len(val[0])} val / "
            f"{len(test_in)} test windows",
            flush=True,
        )
        rows.append(
            row(name, horizon, "Repeat", *scores(repeat(test_in, horizon), test_out))
        )
        naive = seasonal_naive(test_in, horizon, season)
        rows.append(
            row(name, horizon, f"Seasonal naive ({season})", *scores(naive, test_out))
        )
        for label, model in linear_models(LOOKBACK):
            start = time.perf_counter()
            model.fit(train, val)
            fit_s = time.perf_counter() - start
            one = test_in[-1:]
            ms = median_ms(lambda m=model, x=one: m.predict(x), args.repeats)
            mse, mae = scores(model.predict(test_in), test_out)
            label = f"{label}, alpha={model.alpha:g}/row"
            rows.append(row(name, horizon, label, mse, mae, fit_s, ms))
        if not args.no_keras:
            start = time.perf_counter()
            model, ran = keras_lstm(train, val, epochs)
            fit_s = time.perf_counter() - start
            mse, mae = scores(keras_predict(model, test_in), test_out)
            ms, compiled = keras_ms(model, test_in, args.repeats)
            print(
                f"# {name} H={horizon} Keras: predict_on_batch {compiled:.2f} "
                "ms/window",
                flush=True,
            )
            rows.append(row(name, horizon, epochs_label(ran), mse, mae, fit_s, ms))
        if not args.no_skseq:
            # The forecaster makes val_end - L - H + 1 windows of rows
            # [0, val_end) and holds out the last ones: those whose target
            # starts in the validation segment are the last
            # val_end - train_end - H + 1, the standard validation windows.
            # The H - 1 windows before them, whose targets straddle the
            # boundary, train (the papers train on none of them).
            n_windows = val_end - LOOKBACK - horizon + 1
            n_val = val_end - train_end - horizon + 1
            model = RecurrentForecaster(
                horizon=horizon,
                window=LOOKBACK,
                validation_fraction=held_out_fraction(n_val, n_windows),
                random_state=0,
            )
            forecast, lo, hi, fit_s, ms, all_s = skseq_rows(
                model, scaled.iloc[:val_end], scaled.iloc[val_end:], args.repeats
            )
            held = model.plan_.get("validation_size", n_val)
            if held != n_val:
                print(f"# WARNING: skseq held out {held} windows, not {n_val}")
            print(
                f"# {name} H={horizon} skseq: {plan_text(model)}; "
                f"historical_forecasts {all_s:.1f} s",
                flush=True,
            )
            mse, mae, cover = scores(forecast, test_out, lo, hi)
            label = "skseq RecurrentForecaster"
            rows.append(row(name, horizon, label, mse, mae, fit_s, ms, cover))
        if not args.quick:
            k = HORIZONS.index(horizon) if horizon in HORIZONS else None
            for label, (mse_p, mae_p) in PUBLISHED[name]:
                if k is not None and mse_p[k] is not None:
                    rows.append(row(name, horizon, f"*{label}*", mse_p[k], mae_p[k]))
    return rows


def run_rolling(name, args):
    """Protocol 2 on one univariate series: its result rows."""
    series = read_rolling(name, args.data)
    season, horizon, lookback = {**ROLLING, **EXTRA}[name]
    horizon = args.short_horizon or horizon
    if args.quick:
        series = series.iloc[:QUICK_SERIES]
    n = len(series)
    n_train = n * 4 // 5
    raw = series.to_numpy(float)[:, None]
    filled = pd.DataFrame(raw).ffill().bfill().to_numpy()  # the last observed value
    scaler = StandardScaler().fit(raw[:n_train])  # NaN left out of the fit
    zed = scaler.transform(filled)
    _, targets = windows(raw, n_train, n, lookback, horizon)
    test_in = windows(filled, n_train, n, lookback, horizon)[0]
    z_test = windows(zed, n_train, n, lookback, horizon)[0]
    z_in, z_out = windows(zed, lookback, n_train, lookback, horizon)
    n_fit = len(z_in) - int(np.ceil(VALIDATION_FRACTION * len(z_in)))
    train, val = (z_in[:n_fit], z_out[:n_fit]), (z_in[n_fit:], z_out[n_fit:])
    gaps = int(np.isnan(raw).sum())
    scored = int((~np.isnan(targets).any(axis=(1, 2))).sum())
    print(
        f"# {name}: {n} rows ({gaps} missing), season {season}, H={horizon}, "
        f"look-back {lookback}; {len(train[0])} train / {len(val[0])} val / "
        f"{len(test_in)} test windows ({scored} scored)",
        flush=True,
    )

    def unscale(forecast):
        return np.asarray(forecast) * scaler.scale_ + scaler.mean_

    results = [("Repeat", scores(repeat(test_in, horizon), targets), None, None, None)]
    if season > 1:  # else the same as Repeat
        naive = seasonal_naive(test_in, horizon, season)
        label = f"Seasonal naive ({season})"
        results.append((label, scores(naive, targets), None, None, None))
    best_naive = min(score[1] for _, score, *_ in results)
    for label, model in linear_models(lookback):
        start = time.perf_counter()
        model.fit(train, val)
        fit_s = time.perf_counter() - start
        ms = median_ms(lambda m=model: m.predict(z_test[-1:]), args.repeats)
        label = f"{label}, alpha={model.alpha:g}/row"
        results.append(
            (label, scores(unscale(model.predict(z_test)), targets), fit_s, ms, None)
        )
    if not args.no_keras:
        start = time.perf_counter()
        model, ran = keras_lstm(train, val, 1 if args.quick else 10)
        fit_s = time.perf_counter() - start
        forecast = unscale(keras_predict(model, z_test))
        ms, compiled = keras_ms(model, z_test, args.repeats)
        print(f"# {name} Keras: predict_on_batch {compiled:.2f} ms/window", flush=True)
        results.append((epochs_label(ran), scores(forecast, targets), fit_s, ms, None))
    if not args.no_skseq:
        model = RecurrentForecaster(horizon=horizon, random_state=0)
        forecast, lo, hi, fit_s, ms, all_s = skseq_rows(
            model, series.iloc[:n_train], series.iloc[n_train:], args.repeats
        )
        print(
            f"# {name} skseq: {plan_text(model)}; historical_forecasts {all_s:.1f} s",
            flush=True,
        )
        mse, mae, cover = scores(forecast, targets, lo, hi)
        results.append(("skseq RecurrentForecaster", (mse, mae), fit_s, ms, cover))
    return [
        row(
            name,
            horizon,
            label,
            *score,
            fit_s,
            ms,
            cover,
            season=season,
            ratio=score[1] / best_naive,
        )
        for label, score, fit_s, ms, cover in results
    ]


# -- output -------------------------------------------------------------------


def fmt(value, spec):
    return "" if value is None else format(value, spec)


def print_table(title, rows, rolling):
    print(f"\n## {title}\n")
    digits = ".4g" if rolling else ".3f"
    columns = ["dataset", "H", "model", "MSE", "MAE"]
    columns[2:2] = ["season"] if rolling else []
    columns += ["MAE / best naive"] if rolling else []
    columns += ["fit s", "predict ms/window", "coverage (0.9)"]
    print("| " + " | ".join(columns) + " |")
    text = {"dataset", "model"}
    print("|" + "|".join("---" if c in text else "---:" for c in columns) + "|")
    for r in rows:
        cells = [r["dataset"], str(r["H"])]
        cells += [str(r["season"])] if rolling else []
        cells += [r["model"], fmt(r["MSE"], digits), fmt(r["MAE"], digits)]
        cells += [fmt(r["ratio"], ".3f")] if rolling else []
        cells += [
            fmt(r["fit_s"], ".1f"),
            fmt(r["ms"], ".2f"),
            fmt(r["coverage"], ".3f"),
        ]
        print("| " + " | ".join(cells) + " |")
    print(flush=True)


def dataset_names(parser, text, extra):
    """Names of ``--datasets`` (a standard set selects its ``OT`` series
    too) plus, with ``--extra``, statsmodels' series."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    known = [*STANDARD, *ROLLING, *EXTRA]
    unknown = sorted(set(names) - set(known))
    if unknown:
        parser.error(f"unknown datasets {unknown}; choose from {known}")
    if extra:
        names += [n for n in EXTRA if n not in names]
    standard = [n for n in STANDARD if n in names]
    rolling = [n for n in ROLLING if n in names or n.split(":")[0] in names]
    rolling += [n for n in EXTRA if n in names]
    return standard, rolling


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument(
        "--datasets",
        default=",".join(DEFAULT_DATASETS),
        help=f"comma-separated, of {[*STANDARD, *ROLLING, *EXTRA]}",
    )
    parser.add_argument(
        "--protocols", default="standard,rolling", help="standard and/or rolling"
    )
    parser.add_argument(
        "--horizons", type=int, nargs="+", default=[96], help="of 96 192 336 720"
    )
    parser.add_argument(
        "--short-horizon",
        type=int,
        default=None,
        help="protocol 2's horizon (default: each series' season; 12 monthly)",
    )
    parser.add_argument("--extra", action="store_true", help="statsmodels' series")
    parser.add_argument("--quick", action="store_true", help="a tiny smoke run")
    parser.add_argument("--no-keras", action="store_true", help="skip Keras' LSTM")
    parser.add_argument("--no-skseq", action="store_true", help="baselines only")
    parser.add_argument(
        "--repeats", type=int, default=None, help="predict timings (50; 5 --quick)"
    )
    args = parser.parse_args()
    args.repeats = args.repeats or (5 if args.quick else 50)
    standard, rolling = dataset_names(parser, args.datasets, args.extra)
    protocols = {p.strip() for p in args.protocols.split(",")}
    horizons = [24] if args.quick else args.horizons
    if args.extra or set(rolling) & set(EXTRA):
        try:
            import statsmodels  # noqa: F401
        except ImportError:
            print("# statsmodels is not installed (pip install -e .[bench]): no extra")
            rolling = [n for n in rolling if n not in EXTRA]

    began = time.perf_counter()
    if RecurrentForecaster is None and not args.no_skseq:
        print(f"# skseq rows left out: no RecurrentForecaster ({SKSEQ_MISSING})")
        args.no_skseq = True
    if "standard" in protocols and standard:
        checked = sorted({96, *(h for h in horizons if h in HORIZONS)})
        repeat_check(standard, checked, args.data)
        rows = [r for name in standard for r in run_standard(name, horizons, args)]
        title = "Standard protocol (z-scaled MSE / MAE, all test windows, L=96)"
        if args.quick:
            title += ", --quick: rows [0, 3000) only, not the published split"
        print_table(title, rows, rolling=False)
    if "rolling" in protocols and rolling:
        rows = [r for name in rolling for r in run_rolling(name, args)]
        title = "Rolling last fifth (raw-scale MSE / MAE, stride 1)"
        print_table(title, rows, rolling=True)
    print(f"# total {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
