import numpy as np
import pandas as pd
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.base import BaseEstimator, RegressorMixin, clone
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import make_pipeline

from skseq import LagSequencer, RecurrentRegressor

N_LAGS = 4
SERIES = np.sin(np.arange(40) / 3) + np.arange(40) / 20


def tiny_regressor():
    return RecurrentRegressor(units=4, epochs=2, random_state=0)


def windows(z, k=N_LAGS):
    """Training windows of ``z`` (n_timepoints, n_variables), oldest step first."""
    z = np.asarray(z, dtype=float).reshape(len(z), -1)
    return sliding_window_view(z, k, axis=0)[:-1].transpose(0, 2, 1)


def skforecast_table(z, extra=None, k=N_LAGS):
    """skforecast's X_train: per variable lag_1 ... lag_k, newest first; extras."""
    blocks = windows(z, k)[:, ::-1, :].transpose(0, 2, 1).reshape(len(z) - k, -1)
    return blocks if extra is None else np.hstack([blocks, extra])


def sktime_table(z, k=N_LAGS):
    """sktime's make_reduction X: per variable the window, oldest first."""
    return windows(z, k).transpose(0, 2, 1).reshape(len(z) - k, -1)


# -- layouts ------------------------------------------------------------------


def test_skforecast_newest_first_lags_come_out_in_time_order():
    X = skforecast_table(SERIES)
    assert X[0, 0] == SERIES[N_LAGS - 1]  # lag_1 of the first row
    Xt = LagSequencer(n_lags=N_LAGS).fit_transform(X)
    expected = sliding_window_view(SERIES, N_LAGS)[:-1]
    np.testing.assert_array_equal(Xt[:, :, 0], expected)
    assert Xt.shape == (len(SERIES) - N_LAGS, N_LAGS, 1)


def test_skforecast_extra_columns_repeat_at_every_step():
    exog = np.arange(2 * len(SERIES), dtype=float).reshape(-1, 2)[N_LAGS:]
    X = skforecast_table(SERIES, extra=exog)
    lagger = LagSequencer(layout="skforecast", n_lags=N_LAGS).fit(X)
    assert (lagger.n_lags_, lagger.n_variables_, lagger.n_extra_) == (N_LAGS, 1, 2)
    Xt = lagger.transform(X)
    assert Xt.shape == (len(X), N_LAGS, 3)
    np.testing.assert_array_equal(Xt[:, :, 0], windows(SERIES)[:, :, 0])
    for t in range(N_LAGS):
        np.testing.assert_array_equal(Xt[:, t, 1:], exog)


def test_skforecast_one_block_per_series_then_extras():
    z = np.column_stack([SERIES, -SERIES, 10 + SERIES])
    extra = np.ones((len(z) - N_LAGS, 1))
    X = skforecast_table(z, extra=extra)
    Xt = LagSequencer(n_lags=N_LAGS, n_variables=3).fit_transform(X)
    np.testing.assert_array_equal(Xt[:, :, :3], windows(z))
    np.testing.assert_array_equal(Xt[:, :, 3], 1.0)


def test_sktime_blocks_per_variable_come_out_as_features():
    z = np.column_stack([SERIES, SERIES**2])
    X = sktime_table(z)
    assert X[0, 0] == z[0, 0] and X[0, N_LAGS] == z[0, 1]
    lagger = LagSequencer(layout="sktime", n_lags=N_LAGS).fit(X)
    assert (lagger.n_lags_, lagger.n_variables_, lagger.n_extra_) == (N_LAGS, 2, 0)
    np.testing.assert_array_equal(lagger.transform(X), windows(z))


@pytest.mark.parametrize(
    "params, width, resolved",
    [
        ({}, 5, (5, 1, 0)),
        ({"n_lags": 3}, 5, (3, 1, 2)),
        ({"n_variables": 2}, 6, (3, 2, 0)),
        ({"n_lags": 2, "n_variables": 2}, 7, (2, 2, 3)),
        ({"layout": "sktime"}, 5, (5, 1, 0)),
        ({"layout": "sktime", "n_lags": 3}, 9, (3, 3, 0)),
        ({"layout": "sktime", "n_variables": 3}, 9, (3, 3, 0)),
        ({"layout": "sktime", "n_lags": 4, "n_variables": 2}, 8, (4, 2, 0)),
    ],
)
def test_layout_read_from_the_width(params, width, resolved):
    X = np.arange(2.0 * width).reshape(2, width)
    lagger = LagSequencer(**params).fit(X)
    assert (lagger.n_lags_, lagger.n_variables_, lagger.n_extra_) == resolved
    assert lagger.n_features_in_ == width
    assert lagger.transform(X).shape == (2, resolved[0], resolved[1] + resolved[2])


def test_dtype_float32_kept_ints_become_float64():
    X = np.arange(8).reshape(2, 4)
    assert LagSequencer().fit_transform(X).dtype == np.float64
    assert LagSequencer().fit_transform(X.astype(np.float32)).dtype == np.float32


def test_input_not_mutated_and_dataframe_accepted():
    extra = np.arange(len(SERIES) - 3.0)[:, None]
    columns = ["lag_1", "lag_2", "lag_3", "c"]
    X = pd.DataFrame(skforecast_table(SERIES, extra, k=3), columns=columns)
    before = X.copy()
    lagger = LagSequencer(n_lags=3).fit(X)
    Xt = lagger.transform(X)
    pd.testing.assert_frame_equal(X, before)
    assert list(lagger.feature_names_in_) == ["lag_1", "lag_2", "lag_3", "c"]
    np.testing.assert_array_equal(Xt[:, -1, 0], X["lag_1"])
    np.testing.assert_array_equal(Xt[:, 0, 1], X["c"])


# -- errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, width, match",
    [
        (
            {"n_lags": 4, "n_variables": 2},
            7,
            r"`n_lags` \* `n_variables` lag columns \(4 \* 2 = 8\) must fit in the "
            r"columns of X. Got X with 7 columns",
        ),
        ({"n_variables": 2}, 5, r"must split into n_variables=2 equal blocks"),
        (
            {"layout": "sktime", "n_lags": 3, "n_variables": 2},
            7,
            r"X must have `n_lags` \* `n_variables` = 3 \* 2 = 6 columns. Got 7",
        ),
        (
            {"layout": "sktime", "n_lags": 3},
            7,
            r"blocks of `n_lags`=3. Got 7 columns, not a multiple of 3",
        ),
        (
            {"layout": "sktime", "n_variables": 2},
            7,
            r"blocks of `n_variables`=2. Got 7 columns",
        ),
    ],
)
def test_layout_that_does_not_fit_the_width_raises(params, width, match):
    X = np.zeros((3, width))
    with pytest.raises(ValueError, match=match):
        LagSequencer(**params).fit(X)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"layout": "darts"}, r"'layout' parameter of LagSequencer must be a str"),
        ({"n_lags": 0}, r"'n_lags' parameter of LagSequencer must be"),
        ({"n_lags": 2.5}, r"'n_lags' parameter of LagSequencer must be"),
        ({"n_variables": -1}, r"'n_variables' parameter of LagSequencer must be"),
    ],
)
def test_invalid_parameters_are_named(params, match):
    with pytest.raises(ValueError, match=match):
        LagSequencer(**params).fit(np.zeros((2, 4)))


def test_transform_checks_width_values_and_fit():
    X = np.zeros((3, 4))
    with pytest.raises(NotFittedError):
        LagSequencer().transform(X)
    lagger = LagSequencer(n_lags=3).fit(X)
    with pytest.raises(ValueError, match="X has 5 features, but LagSequencer is"):
        lagger.transform(np.zeros((3, 5)))
    X[1, 0] = np.nan
    with pytest.raises(ValueError, match="Input X contains NaN"):
        lagger.transform(X)
    with pytest.raises(ValueError, match="Found array with dim 3"):
        lagger.transform(np.zeros((3, 4, 1)))
    with pytest.raises(ValueError, match="could not convert string to float"):
        lagger.transform([["a", "b", "c", "d"]])


# -- with the recurrent estimators ---------------------------------------------


def test_pipeline_equals_the_regressor_on_windows_in_time_order():
    X, y = skforecast_table(SERIES), SERIES[N_LAGS:]
    pipe = make_pipeline(LagSequencer(n_lags=N_LAGS), tiny_regressor())
    cloned = clone(pipe)
    assert cloned.get_params()["lagsequencer__n_lags"] == N_LAGS
    pred = cloned.fit(X, y).predict(X[-3:])
    direct = tiny_regressor().fit(windows(SERIES), y).predict(windows(SERIES)[-3:])
    np.testing.assert_allclose(pred, direct, rtol=1e-6)


class _Extrapolate(RegressorMixin, BaseEstimator):
    """Continue a line from the last two steps; records the windows it predicts.

    ``fit`` learns how many steps ahead the targets are (1 for a recursive
    forecaster, the step for a direct one), so on a straight line the
    forecasts are exact when, and only when, the steps come in time order.
    """

    def fit(self, X, y):
        slope = X[:, -1, 0] - X[:, -2, 0]
        self.ahead_ = float(np.median((np.asarray(y).ravel() - X[:, -1, 0]) / slope))
        self.seen_ = []
        return self

    def predict(self, X):
        self.seen_.append(np.array(X))
        return X[:, -1, 0] + self.ahead_ * (X[:, -1, 0] - X[:, -2, 0])


LINE = pd.Series(3.0 + 0.5 * np.arange(30), name="y")
EXOG = pd.DataFrame({"a": 100.0 + np.arange(45), "b": -np.arange(45.0)})
FUTURE = 3.0 + 0.5 * np.arange(30, 33)


# -- skforecast ----------------------------------------------------------------


def test_skforecast_train_matrix_is_read_as_windows():
    pytest.importorskip("skforecast")
    from skforecast.recursive import ForecasterRecursive

    forecaster = ForecasterRecursive(tiny_regressor(), lags=N_LAGS)
    X_train, _ = forecaster.create_train_X_y(pd.Series(SERIES), exog=EXOG.iloc[:40])
    assert list(X_train.columns[:2]) == ["lag_1", "lag_2"]
    Xt = LagSequencer(n_lags=N_LAGS).fit_transform(X_train)
    np.testing.assert_array_equal(Xt[:, :, 0], sliding_window_view(SERIES, 4)[:-1])
    np.testing.assert_array_equal(Xt[:, -1, 1:], EXOG.iloc[N_LAGS:40])


@pytest.mark.parametrize("kind", ["recursive", "direct"])
def test_skforecast_forecasts_in_time_order(kind):
    pytest.importorskip("skforecast")
    from skforecast.direct import ForecasterDirect
    from skforecast.recursive import ForecasterRecursive

    pipe = make_pipeline(LagSequencer(n_lags=N_LAGS), _Extrapolate())
    if kind == "recursive":
        forecaster = ForecasterRecursive(pipe, lags=N_LAGS)
    else:
        forecaster = ForecasterDirect(pipe, lags=N_LAGS, steps=3, n_jobs=1)
    forecaster.fit(LINE, exog=EXOG.iloc[:30])
    fitted = forecaster.estimator if kind == "recursive" else forecaster.estimators_[1]
    fitted[-1].seen_.clear()  # skforecast predicts the training set in fit
    pred = forecaster.predict(3, exog=EXOG.iloc[30:33])
    np.testing.assert_allclose(pred.to_numpy(), FUTURE)
    last = fitted[-1].seen_[0][0]  # the first forecast's window
    np.testing.assert_allclose(last[:, 0], LINE.iloc[-N_LAGS:])
    # skforecast's exogenous values are those at the forecast's time step
    np.testing.assert_allclose(last[:, 1:], np.tile(EXOG.iloc[30], (N_LAGS, 1)))


@pytest.mark.parametrize("kind", ["recursive", "direct"])
def test_skforecast_with_a_recurrent_regressor(kind):
    pytest.importorskip("skforecast")
    from skforecast.direct import ForecasterDirect
    from skforecast.recursive import ForecasterRecursive

    pipe = make_pipeline(LagSequencer(n_lags=N_LAGS), tiny_regressor())
    y = pd.Series(SERIES)
    if kind == "recursive":
        forecaster = ForecasterRecursive(pipe, lags=N_LAGS)
    else:
        forecaster = ForecasterDirect(pipe, lags=N_LAGS, steps=2, n_jobs=1)
    forecaster.fit(y, exog=EXOG.iloc[:40])
    pred = forecaster.predict(2, exog=EXOG.iloc[40:42])
    assert pred.shape == (2,) and np.isfinite(pred).all()
    fitted = forecaster.estimator if kind == "recursive" else forecaster.estimators_[2]
    assert fitted[0].n_extra_ == 2


# -- sktime --------------------------------------------------------------------

_SKTIME_WARNINGS = pytest.mark.filterwarnings("ignore:.*remember_data:FutureWarning")


@_SKTIME_WARNINGS
def test_sktime_train_matrix_is_read_as_windows():
    pytest.importorskip("sktime")
    from sktime.forecasting.base import ForecastingHorizon
    from sktime.forecasting.compose._reduce import _sliding_window_transform

    y, X = pd.Series(SERIES), EXOG.iloc[:40]
    _, Xt = _sliding_window_transform(
        y, N_LAGS, ForecastingHorizon([1], is_relative=True), X=X
    )
    seqs = LagSequencer(layout="sktime", n_lags=N_LAGS).fit_transform(Xt)
    z = np.column_stack([SERIES, X])
    np.testing.assert_array_equal(seqs, windows(z))


@_SKTIME_WARNINGS
@pytest.mark.parametrize("strategy", ["recursive", "direct"])
def test_sktime_forecasts_in_time_order(strategy):
    pytest.importorskip("sktime")
    from sktime.forecasting.compose import make_reduction

    pipe = make_pipeline(LagSequencer(layout="sktime", n_lags=N_LAGS), _Extrapolate())
    forecaster = make_reduction(pipe, strategy=strategy, window_length=N_LAGS)
    forecaster.fit(LINE, X=EXOG.iloc[:30], fh=[1, 2, 3])
    fitted = (
        forecaster.estimator_ if strategy == "recursive" else forecaster.estimators_[0]
    )
    fitted[-1].seen_.clear()
    pred = forecaster.predict(X=EXOG.iloc[30:33])
    np.testing.assert_allclose(pred.to_numpy(), FUTURE)
    last = fitted[-1].seen_[0][0]
    np.testing.assert_allclose(last[:, 0], LINE.iloc[-N_LAGS:])
    # sktime lags the exogenous variables like the target
    np.testing.assert_allclose(last[:, 1:], EXOG.iloc[30 - N_LAGS : 30])


@_SKTIME_WARNINGS
@pytest.mark.parametrize("strategy", ["recursive", "direct"])
def test_sktime_with_a_recurrent_regressor(strategy):
    pytest.importorskip("sktime")
    from sktime.forecasting.compose import make_reduction

    pipe = make_pipeline(LagSequencer(layout="sktime", n_lags=N_LAGS), tiny_regressor())
    forecaster = make_reduction(pipe, strategy=strategy, window_length=N_LAGS)
    forecaster.fit(pd.Series(SERIES), X=EXOG.iloc[:40], fh=[1, 2])
    pred = forecaster.predict(X=EXOG.iloc[40:42])
    assert pred.shape == (2,) and np.isfinite(pred.to_numpy()).all()
