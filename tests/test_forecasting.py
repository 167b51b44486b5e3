"""RecurrentForecaster: windows, horizons, pandas in and out, gaps, intervals."""

import inspect
import pickle

import keras
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
from sklearn.utils.estimator_checks import parametrize_with_checks

from skseq import RecurrentForecaster
from skseq._defaults import Plan, auto_window, seasonal_period
from skseq._forecasting import _usable, _Windows, build_forecast_network

TINY = dict(units=4, epochs=2, random_state=0)


def _series(n=80, period=12, start="2000-01", freq="MS", name="sales"):
    t = np.arange(n)
    values = np.sin(2 * np.pi * t / period) + 0.01 * t
    return pd.Series(
        values, index=pd.date_range(start, periods=n, freq=freq), name=name
    )


def _frame(n=80):
    s = _series(n)
    return pd.DataFrame({"a": s, "b": 2 * s.shift(3).bfill() + 1}, index=s.index)


# -- the rules ---------------------------------------------------------------


@pytest.mark.parametrize("period", [7, 12, 24])
def test_the_season_is_the_lag_of_the_highest_autocorrelation(period):
    t = np.arange(40 * period)
    trend = 0.05 * t  # the differences keep a trend from passing for a season
    values = np.sin(2 * np.pi * t / period) + trend
    assert seasonal_period(values[:, None], len(t) // 3) == period


def test_noise_has_no_season():
    noise = np.random.RandomState(0).normal(size=(500, 2)).cumsum(axis=0)
    assert seasonal_period(noise, 150) == 1


def test_auto_window_reads_two_periods_within_the_history():
    assert auto_window(horizon=12, season=12, n_rows=1000) == 24
    assert auto_window(horizon=96, season=24, n_rows=10_000) == 192
    # 4 windows per step of look-back: (115 - 12 + 1) // 5
    assert auto_window(horizon=12, season=12, n_rows=115) == 20


@pytest.fixture(scope="module")
def fitted():
    """A forecaster fitted with every default but its size."""
    return RecurrentForecaster(horizon=3, units=4, random_state=0).fit(_series(200))


def test_every_auto_parameter_is_resolved_in_the_plan(fitted):
    f = fitted
    autos = [
        name
        for name, p in inspect.signature(RecurrentForecaster).parameters.items()
        if p.default == "auto"
    ]
    assert isinstance(f.plan_, Plan) and autos
    for name in autos:
        assert name in f.plan_ and f.plan_[name] != "auto", name
    assert f.plan_["season"] == 12 and f.window_ == f.plan_["window"] == 24
    assert f.plan_["early_stopping"] == "validation" and f.plan_["refit"] is False
    assert "window" in repr(f.plan_)


# -- windows -------------------------------------------------------------------


def test_windows_are_the_sliding_windows_read_on_demand():
    array = np.arange(60, dtype=np.float32).reshape(20, 3)
    windows = _Windows(array, np.arange(16), 5)
    expected = np.lib.stride_tricks.sliding_window_view(array, 5, axis=0)
    expected = expected.transpose(0, 2, 1)
    assert windows.shape == (16, 5, 3) and len(windows) == 16
    np.testing.assert_array_equal(windows[np.arange(16)], expected)
    np.testing.assert_array_equal(
        windows.part(slice(-4, None))[[0, 3]], expected[[12, 15]]
    )


def test_windows_whose_targets_were_missing_are_not_trained_on():
    missing = np.zeros(12, bool)
    missing[7] = True
    # window 3, horizon 2: targets of start s are rows s+3, s+4
    np.testing.assert_array_equal(_usable(missing, 3, 2), [0, 1, 2, 5, 6, 7])


# -- the network -----------------------------------------------------------------


def test_the_columns_share_the_network():
    model = build_forecast_network(
        window=12, horizon=3, n_targets=3, segment=4, units=(5,)
    )
    x = np.random.RandomState(0).normal(size=(2, 12, 3)).astype("float32")
    out = model(x).numpy()
    swapped = model(x[:, :, ::-1]).numpy()
    assert out.shape == (2, 3, 3)
    np.testing.assert_allclose(swapped, out[:, :, ::-1], rtol=1e-5, atol=1e-6)
    # a window shifted by a constant: the same forecast shifted by it
    np.testing.assert_allclose(model(x + 10.0).numpy(), out + 10.0, atol=1e-4)


def test_segments_that_do_not_divide_the_window_are_aligned_to_its_end():
    model = build_forecast_network(
        window=10, horizon=2, n_targets=1, segment=4, units=(3,), cell="lstm"
    )
    assert model.get_layer("segments").output.shape[1:] == (1, 3, 4)
    assert isinstance(model.get_layer("recurrent_0").layer, keras.layers.LSTM)


# -- pandas in, pandas out ---------------------------------------------------------


def test_a_series_gives_a_series_indexed_by_the_following_timestamps():
    y = _series()
    f = RecurrentForecaster(horizon=3, **TINY).fit(y)
    forecast = f.predict()
    assert isinstance(forecast, pd.Series) and forecast.name == "sales"
    expected = pd.date_range(y.index[-1], periods=4, freq="MS")[1:]
    pd.testing.assert_index_equal(forecast.index, expected)
    assert np.isfinite(forecast).all()
    # from the training history itself: the same forecast
    pd.testing.assert_series_equal(f.predict(y), forecast)
    # from a later history: indexed after its end
    later = _series(100)
    assert f.predict(later).index[0] == later.index[-1] + later.index.freq


def test_a_frame_gives_a_frame_of_the_same_columns():
    X = _frame()
    forecast = RecurrentForecaster(horizon=2, **TINY).fit(X).predict()
    assert isinstance(forecast, pd.DataFrame)
    assert list(forecast.columns) == ["a", "b"] and len(forecast) == 2


@pytest.mark.parametrize(
    "index",
    [
        pd.period_range("2000-01", periods=80, freq="M"),
        pd.RangeIndex(10, 170, 2),
        pd.date_range("2020-01-01", periods=80, freq="h"),
    ],
)
def test_the_following_index_continues_every_kind_of_time_index(index):
    y = pd.Series(_series().to_numpy(), index=index)
    forecast = RecurrentForecaster(horizon=2, **TINY).fit(y).predict()
    full = y.index.append(forecast.index)
    if isinstance(index, pd.DatetimeIndex):
        assert (full[1:] - full[:-1] == pd.Timedelta("1h")).all()
    elif isinstance(index, pd.PeriodIndex):
        assert forecast.index[0] == index[-1] + 1
    else:
        assert list(forecast.index) == [170, 172]


def test_numpy_in_numpy_out():
    y = _series().to_numpy()
    f = RecurrentForecaster(horizon=4, **TINY)
    assert f.fit(y).predict().shape == (4,)
    two = np.column_stack([y, -y])
    assert clone(f).fit(two).predict().shape == (4, 2)


def test_historical_forecasts_are_predictions_from_every_origin():
    y = _series(100)
    f = RecurrentForecaster(horizon=3, **TINY).fit(y[:80])
    forecasts = f.historical_forecasts(y[80:])
    assert forecasts.shape == (20 - 3 + 1, 3, 1)
    np.testing.assert_allclose(forecasts[0, :, 0], f.predict(), rtol=1e-6)
    np.testing.assert_allclose(forecasts[5, :, 0], f.predict(y[:85]), rtol=1e-6)
    assert f.historical_forecasts(y[80:], stride=5).shape == (4, 3, 1)
    assert np.isfinite(f.score(y[80:]))


def test_a_grid_over_cells_runs_with_time_series_splits():
    y = _series(120)
    search = GridSearchCV(
        RecurrentForecaster(horizon=2, window=12, units=4, epochs=1, random_state=0),
        {"cell": ["rnn", "gru"]},
        cv=TimeSeriesSplit(3),
    ).fit(y)
    assert search.best_params_["cell"] in ("rnn", "gru")
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()
    assert search.best_estimator_.predict().shape == (2,)


def test_a_learnable_series_is_forecast_better_than_the_last_value():
    y = _series(200)
    f = RecurrentForecaster(horizon=4, units=8, epochs=40, random_state=0)
    forecasts = f.fit(y[:160]).historical_forecasts(y[160:])[..., 0]
    truth = y.to_numpy()[160:][np.add.outer(np.arange(len(forecasts)), np.arange(4))]
    last = y.to_numpy()[159:-4][:, None]
    assert np.abs(forecasts - truth).mean() < 0.5 * np.abs(last - truth).mean()


def test_a_random_walk_keeps_the_start_and_repeats_the_last_value():
    rng = np.random.RandomState(0)
    walk = pd.Series(rng.normal(size=400).cumsum())
    f = RecurrentForecaster(horizon=5, units=8, epochs=20, early_stopping=True)
    f.set_params(random_state=0).fit(walk)
    assert f.plan_["trained"] is False
    assert "repeats the last value" in f.plan_.why["trained"]
    np.testing.assert_allclose(f.predict(), walk.iloc[-1], rtol=1e-5)
    # the intervals are those of the start: its held-out residuals
    residuals = f.calibration_residuals_[-1, :, 0] * f.scale_[0]
    values = walk.to_numpy()
    np.testing.assert_allclose(residuals, values[-5:] - values[-6], atol=1e-4)


def test_a_learnable_series_keeps_the_trained_network(fitted):
    assert fitted.plan_["trained"] is True
    assert "below 0.1" in fitted.plan_.why["trained"]


# -- gaps ------------------------------------------------------------------------


def test_gaps_are_filled_and_never_a_nan_forecast():
    y = _series(100)
    y.iloc[[5, 6, 7, 40, 97]] = np.nan
    f = RecurrentForecaster(horizon=3, **TINY).fit(y)
    assert np.isfinite(f.predict()).all()
    assert np.isfinite(f.historical_forecasts(y[80:])).all()
    assert np.isfinite(f.score(y[80:]))
    gappy = y.copy()
    gappy.iloc[-5:] = np.nan  # the end of a history missing: the last value seen
    assert np.isfinite(f.predict(gappy)).all()


def test_rows_inserted_by_asfreq_are_gaps():
    y = _series(100).drop(_series(100).index[[30, 31, 60]])
    with pytest.raises(ValueError, match=r"regular time steps.*asfreq"):
        RecurrentForecaster(**TINY).fit(y)
    f = RecurrentForecaster(horizon=2, **TINY).fit(y.asfreq("MS"))
    assert np.isfinite(f.predict()).all()


# -- covariates known in advance ---------------------------------------------------


def test_future_covariates_are_read_over_the_horizon():
    rng = np.random.RandomState(0)
    plan = rng.normal(size=400)
    X = pd.DataFrame({"load": np.roll(plan, 0) * 2 + 0.1 * rng.normal(size=400),
                      "planned": plan})  # fmt: skip
    f = RecurrentForecaster(
        horizon=2,
        window=4,
        units=8,
        epochs=20,
        learning_rate=0.01,
        future_covariates=["planned"],
        random_state=0,
    ).fit(X)
    assert f.columns_ == ["load"] and f.covariates_ == ["planned"]
    future = pd.DataFrame({"planned": [2.0, -2.0]})
    forecast = f.predict(future=future)
    assert list(forecast.columns) == ["load"]
    assert forecast["load"].iloc[0] > 1 > -1 > forecast["load"].iloc[1]
    with pytest.raises(ValueError, match="`future` must give the covariates"):
        f.predict()
    with pytest.raises(ValueError, match="`future` must be 2 rows"):
        f.predict(future=future.iloc[:1])
    forecasts = f.historical_forecasts(X[300:])
    assert forecasts.shape == (99, 2, 1)
    # the load follows the plan, which only the covariate tells
    assert np.corrcoef(forecasts[:, 0, 0], plan[300:399])[0, 1] > 0.7


def test_future_covariates_must_be_columns_of_x():
    with pytest.raises(ValueError, match="`future_covariates` must name columns"):
        RecurrentForecaster(future_covariates=["x"], **TINY).fit(_frame())


# -- intervals --------------------------------------------------------------------


def test_intervals_cover_about_their_level_on_noise():
    rng = np.random.RandomState(0)
    y = pd.Series(rng.normal(size=1200))
    f = RecurrentForecaster(horizon=2, window=8, units=4, random_state=0).fit(y[:1000])
    forecasts, lower, upper = f.historical_forecasts(y[1000:], coverage=0.8)
    truth = y.to_numpy()[1000:][np.add.outer(np.arange(len(forecasts)), [0, 1])]
    inside = ((truth >= lower[..., 0]) & (truth <= upper[..., 0])).mean()
    assert 0.7 < inside < 0.9
    lo, hi = f.predict_interval(coverage=0.5)
    assert (lo < f.predict()).all() and (f.predict() < hi).all()


def test_intervals_need_the_held_out_windows():
    f = RecurrentForecaster(horizon=2, early_stopping=False, **TINY).fit(_series())
    with pytest.raises(ValueError, match="Intervals need the windows held out"):
        f.predict_interval()
    with pytest.raises(ValueError, match="`coverage` must be a float"):
        RecurrentForecaster(horizon=2, **TINY).fit(_series()).predict_interval(
            coverage=90
        )


# -- errors before any Keras work ---------------------------------------------------


@pytest.mark.parametrize(
    "X, params, error, match",
    [
        (
            _frame().assign(note="x"),
            {},
            TypeError,
            r"non-numeric column\(s\) \['note'\]",
        ),
        (_series()[::-1], {}, ValueError, "increasing time"),
        (_series(10), {"window": 8, "horizon": 3}, ValueError, "at least window"),
        (_series(), {"horizon": 0}, ValueError, "horizon"),
        (np.zeros((4, 3, 2)), {}, ValueError, "Found array with dim 3"),
        (_frame().assign(b=np.nan), {}, ValueError, r"only missing values.*'b'"),
        (np.array([1.0, np.inf] * 20), {}, ValueError, "infinity"),
    ],
)
def test_bad_input_gets_a_clear_error(X, params, error, match):
    with pytest.raises(error, match=match):
        RecurrentForecaster(**{**TINY, **params}).fit(X)


def test_predict_needs_a_history_of_a_window():
    f = RecurrentForecaster(horizon=2, window=10, **TINY).fit(_series())
    with pytest.raises(ValueError, match="at least window_=10 rows"):
        f.predict(_series()[:5])
    with pytest.raises(ValueError, match="Missing: \\['b'\\]"):
        RecurrentForecaster(**TINY).fit(_frame()).predict(_frame()[["a"]])


# -- persistence and the estimator contract ------------------------------------------


def test_pickle_round_trip_forecasts_the_same(fitted):
    f = fitted
    loaded = pickle.loads(pickle.dumps(f))
    pd.testing.assert_series_equal(loaded.predict(), f.predict())
    assert isinstance(loaded.model_, keras.Model)
    assert dict(loaded.plan_) == dict(f.plan_)


def test_skops_round_trip_forecasts_the_same():
    sio = pytest.importorskip("skops.io")
    f = RecurrentForecaster(horizon=3, **TINY).fit(_series().to_numpy())
    data = sio.dumps(f)
    loaded = sio.loads(data, trusted=sio.get_untrusted_types(data=data))
    np.testing.assert_array_equal(loaded.predict(), f.predict())


def test_warm_start_continues_and_refuses_a_new_network():
    f = RecurrentForecaster(horizon=2, window=6, warm_start=True, **TINY)
    f.fit(_series())
    n = f.n_iter_
    f.fit(_series(90))
    assert f.n_iter_ > n
    with pytest.raises(ValueError, match="`window` changed"):
        f.set_params(window=5).fit(_series())


def test_a_continued_fit_reports_its_network_as_trained_untested():
    f = RecurrentForecaster(horizon=2, window=6, early_stopping=True, **TINY)
    f.set_params(warm_start=True).fit(_series())
    assert "trained" in f.plan_ and "untested" not in f.plan_.why["trained"]
    f.fit(_series(90))
    assert f.plan_["trained"] is True
    assert f.plan_.why["trained"] == "warm_start: the continued network, untested"


def test_a_fit_without_held_out_windows_reports_its_network_as_untested():
    f = RecurrentForecaster(horizon=2, window=6, early_stopping=False, **TINY)
    f.fit(_series())
    assert f.plan_["validation_size"] == 0
    assert f.plan_["trained"] is True
    assert "untested" in f.plan_.why["trained"]


# A forecaster's predict returns the horizon after a history, not one output
# per row, and a 1-D array is a series: these checks assume otherwise.
_NOT_TABULAR = {
    "check_methods_sample_order_invariance": "predict forecasts after the "
    "history's last row: reordering the rows is another history",
    "check_methods_subset_invariance": "predict forecasts after the history's "
    "last row: a subset of the rows is another history",
    "check_fit1d": "a 1-D array is one series, the forecaster's main input",
    "check_fit2d_predict1d": "a 1-D array is one series, the forecaster's main input",
}


@parametrize_with_checks(
    [RecurrentForecaster(horizon=1, window=2, units=2, epochs=1, random_state=0)],
    expected_failed_checks=lambda estimator: _NOT_TABULAR,
)
def test_sklearn_compatible_forecaster(estimator, check):
    check(estimator)
