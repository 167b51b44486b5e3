"""The default rules: epoch budget, early stopping, scaling, the front-end."""

import dataclasses
import warnings
from collections import Counter

import keras
import numpy as np
import pytest
from sklearn.model_selection import cross_validate

import skseq._training as training
from skseq import RecurrentClassifier, RecurrentRegressor
from skseq._defaults import (
    DataSummary,
    auto_epochs,
    auto_patience,
    compute_epochs,
    conv_front_end,
    feature_scaling,
    forward_macs,
    kept_variance,
    piecewise_size,
    resolve,
    resolve_max_tokens,
    resolve_maxlen,
    scaled_series,
    series_scales,
)
from skseq._network import (
    MEAN,
    SERIES_FLOOR,
    NaNMasking,
    PiecewiseMean,
    ProjectedSimpleRNN,
    RealSteps,
    SeriesStandardize,
    StridedSteps,
    build_network,
)

ESTIMATORS = [RecurrentClassifier, RecurrentRegressor]
SMALL = dict(units=2, random_state=0)


def _series(n=12, steps=10, features=2, seed=0):
    """Float series in raw units (far from 0 and 1), a third of them shorter."""
    rng = np.random.RandomState(seed)
    X = (rng.normal(size=(n, steps, features)) * [5.0, 0.1] + [300.0, -2.0]).astype(
        np.float32
    )
    X[::3, steps // 2 :] = np.nan
    y = (np.nanmean(X[:, :, 0], axis=1) > 300).astype(int)
    return X, y


def _summary(kind, n_samples):
    """The DataSummary of ``n_samples`` classification sequences of 20 steps."""
    return DataSummary(
        task="classification",
        kind=kind,
        n_samples=n_samples,
        steps=20,
        median_length=20,
        n_features=1,
        n_outputs=1,
    )


@pytest.mark.parametrize(
    "steps_per_epoch, expected",
    [(1, 500), (2, 500), (3, 334), (9, 112), (100, 10), (782, 10)],
)
def test_auto_epochs_asks_for_1000_steps_within_10_to_500_epochs(
    steps_per_epoch, expected
):
    assert auto_epochs(steps_per_epoch) == expected


@pytest.mark.parametrize(
    "steps_per_epoch, n_iter_no_change, expected",
    [(1, 3, 100), (2, 3, 50), (9, 3, 12), (100, 3, 3), (100, 7, 7)],
)
def test_auto_patience_is_at_least_100_steps(
    steps_per_epoch, n_iter_no_change, expected
):
    assert auto_patience(steps_per_epoch, n_iter_no_change) == expected


def _wide(n_samples, steps, n_features, kind="values"):
    """The DataSummary of ``n_samples`` classification series of ``steps``
    steps in ``n_features`` channels."""
    return DataSummary(
        task="classification",
        kind=kind,
        n_samples=n_samples,
        steps=steps,
        median_length=steps,
        n_features=n_features,
        n_outputs=1,
    )


@pytest.mark.parametrize(
    "front_end, cell, units, bidirectional",
    [
        (((64, 8, 2), (64, 5, 1)), "gru", (64,), False),
        (((MEAN, 3, 3), (16, 8, 4), (16, 5, 2), (16, 3, 2)), "lstm", (8, 4), True),
        ((), "rnn", (5,), False),
    ],
)
def test_forward_macs_count_the_kernels_of_the_built_network(
    front_end, cell, units, bidirectional
):
    # reference: every Conv1D's and recurrent layer's kernel weights, each
    # applied once per step that the layer outputs (or reads, for a cell)
    steps, width = 301, 3
    layers_ = dict(front_end=front_end, cell=cell, units=units)
    model = build_network(
        n_features=width, bidirectional=bidirectional, pooling="max", **layers_
    )
    expected, length = 0, steps
    for layer in model.layers:
        if isinstance(layer, PiecewiseMean):
            length = -(-length // layer.size)
        elif isinstance(layer, keras.layers.Conv1D):
            length = -(-length // layer.strides[0])
            expected += length * layer.kernel.shape.num_elements()
        elif isinstance(
            layer, (keras.layers.RNN, keras.layers.Bidirectional, ProjectedSimpleRNN)
        ):
            kernels = [w for w in layer.weights if "bias" not in w.path]
            expected += length * sum(int(np.prod(w.shape)) for w in kernels)
    assert expected > 0
    macs = forward_macs(steps, width, bidirectional=bidirectional, **layers_)
    assert macs == expected


def test_auto_epochs_stay_within_the_compute_budget_of_float_values():
    params = RecurrentClassifier().get_params()
    # EEG-like: 278 series of 3,000 steps in 64 channels
    wide = _wide(278, 3000, 64)
    plan = resolve(params, wide)
    macs = forward_macs(3000, 64, plan["front_end"], "gru", (64,), False)
    assert plan["epochs"] == compute_epochs(278, macs) == 15 * 10**10 // (278 * macs)
    assert 10 < plan["epochs"] < auto_epochs(9, 2000)
    assert "multiply-adds" in plan.why["epochs"]
    # the least epochs stay: 3,000 such series train 10 epochs
    assert resolve(params, _wide(3000, 3000, 64))["epochs"] == 10
    # a small set is not bound; token ids and an int epochs never are
    assert resolve(params, _wide(278, 150, 1))["epochs"] == auto_epochs(9, 2000)
    tokens = resolve(params, _wide(278, 3000, 64, "tokens"))
    assert "multiply-adds" not in tokens.why["epochs"]
    assert resolve({**params, "epochs": 300}, wide)["epochs"] == 300


@pytest.mark.parametrize(
    "task, kind, steps",
    [
        ("classification", "values", (2000, 300)),
        ("regression", "values", (2000, 300)),
        ("classification", "tokens", (1000, 100)),
        ("forecasting", "values", (1000, 100)),
        ("language_model", "tokens", (1000, 100)),
    ],
)
def test_float_values_of_classifiers_and_regressors_train_2000_steps(task, kind, steps):
    data = dataclasses.replace(_summary(kind, 100), task=task)
    plan = resolve(RecurrentClassifier().get_params(), data, network=False)
    # 100 samples (less those held out) in batches of 32
    per_epoch = -(-(100 - plan["validation_size"]) // 32)
    budget, patience = steps
    assert plan["epochs"] == auto_epochs(per_epoch, budget) == -(-budget // per_epoch)
    assert plan.why["epochs"].startswith(f"{budget} steps of {per_epoch} an epoch")
    assert plan["patience"] == auto_patience(per_epoch, 3, patience)
    assert plan["patience"] == -(-patience // per_epoch)


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_auto_epochs_without_early_stopping_trains_the_whole_budget(Estimator):
    X, y = _series(n=8)
    est = Estimator(**SMALL, front_end="none", early_stopping=False).fit(X, y)
    assert est.n_iter_ == auto_epochs(1) == 500
    assert not hasattr(est, "validation_scores_")


@pytest.mark.parametrize("early_stopping", ["auto", False])
def test_an_int_epochs_trains_exactly_that_many_epochs(early_stopping):
    X, y = _series()
    clf = RecurrentClassifier(**SMALL, epochs=3, early_stopping=early_stopping)
    clf.fit(X, y)
    assert clf.n_iter_ == len(clf.loss_curve_) == 3
    assert not hasattr(clf, "validation_scores_")


def test_auto_watches_the_training_loss_of_float_values():
    X, y = _series(n=8)
    # no fall of the loss is large enough: it stops after the patience
    clf = RecurrentClassifier(**SMALL, front_end="none", tol=1e3).fit(X, y)
    assert clf.n_iter_ == auto_patience(1, clf.n_iter_no_change, 300) + 1 == 301
    assert clf.plan_.why["patience"] == "n_iter_no_change, at least 300 steps"
    assert clf.plan_["early_stopping"] == "training loss"
    assert clf.plan_["validation_size"] == 0 and not clf.plan_["refit"]
    assert not hasattr(clf, "validation_scores_")


def _token_set(n=20):
    rng = np.random.RandomState(0)
    X = rng.randint(1, 9, size=(n, 6))
    return X, (X[:, 0] > 4).astype(int)


def test_auto_holds_out_a_validation_split_of_token_ids():
    X, y = _token_set()
    clf = RecurrentClassifier(**SMALL, batch_size=6)
    clf.set_params(refit=False).fit(X, y)
    # 18 training samples: 3 steps an epoch, a budget of 334 epochs
    assert len(clf.validation_scores_) == clf.n_iter_ <= auto_epochs(3)
    assert clf.best_loss_ == min(clf.validation_scores_)
    assert clf.plan_["early_stopping"] == "validation"
    assert clf.plan_["epochs"] == auto_epochs(3) and not clf.plan_["refit"]
    assert clf.plan_["patience"] == auto_patience(3, clf.n_iter_no_change)


def test_auto_refits_on_all_the_data_for_the_best_epoch_count():
    X, y = _token_set()
    params = dict(**SMALL, batch_size=6)
    clf = RecurrentClassifier(**params).fit(X, y)
    best = int(np.argmin(clf.validation_scores_)) + 1
    assert clf.n_iter_ == len(clf.loss_curve_) == best
    # the explicit fit it stands for: best epochs on all 20 sequences
    plain = RecurrentClassifier(**params, epochs=best).fit(X, y)
    np.testing.assert_array_equal(clf.predict_proba(X), plain.predict_proba(X))


@pytest.mark.parametrize(
    "kind, mode", [("values", "training loss"), ("tokens", "validation")]
)
@pytest.mark.parametrize("n_samples", [10, 880, 1100, 100_000])
def test_the_procedure_does_not_depend_on_the_number_of_samples(kind, mode, n_samples):
    # the folds of a search and its final fit differ only by the held-out
    # folds: they must train the same way (only the budget's size follows
    # the number of gradient steps)
    params = RecurrentClassifier().get_params()
    data = _summary(kind, n_samples)
    plan = resolve(params, data)
    assert plan["early_stopping"] == mode
    assert plan["refit"] == (mode == "validation")
    n_val = int(np.ceil(0.1 * n_samples)) if mode == "validation" else 0
    assert plan["validation_size"] == n_val


def test_cross_validation_folds_follow_the_final_fits_procedure():
    X, y = _series(n=20)
    # tol=1e3: each fit stops after its patience (the procedure is the point)
    est = RecurrentClassifier(**SMALL, front_end="none", batch_size=6, tol=1e3)
    folds = cross_validate(est, X, y, cv=2, return_estimator=True)["estimator"]
    final = est.fit(X, y)
    keys = ("early_stopping", "refit", "cell", "pooling", "front_end")
    for fold in folds:
        assert {k: fold.plan_[k] for k in keys} == {k: final.plan_[k] for k in keys}


def test_feature_scaling_reads_the_real_steps_only():
    X, _ = _series()
    real = X[~np.isnan(X[:, :, 0])].astype(np.float64)
    mean, scale = feature_scaling(X)
    np.testing.assert_allclose(mean, real.mean(axis=0), rtol=1e-6)
    np.testing.assert_allclose(scale, real.std(axis=0), rtol=1e-5)
    constant = np.ones((3, 4, 1), dtype=np.float32)
    np.testing.assert_array_equal(feature_scaling(constant)[1], [1.0])


@pytest.mark.parametrize("front_end", ["auto", "none"])
def test_scaled_inputs_keep_nan_padding_exact(front_end):
    X, y = _series()
    clf = RecurrentClassifier(**SMALL, epochs=2, front_end=front_end).fit(X, y)
    np.testing.assert_allclose(clf.input_mean_, feature_scaling(X)[0])
    layer = clf.model_.get_layer("standardize")
    np.testing.assert_array_equal(layer.get_weights()[0], clf.input_mean_)
    _assert_padding_exact(clf, X)


def _assert_padding_exact(clf, X):
    """More padding, the network used directly on the raw input, and the
    first series (a third are half as long) cut to its own length predict
    as ``clf`` does on ``X``."""
    proba = clf.predict_proba(X)
    longer = np.concatenate([X, np.full((len(X), 7, 2), np.nan, np.float32)], 1)
    np.testing.assert_allclose(clf.predict_proba(longer), proba, atol=1e-6)
    raw = np.asarray(clf.model_(longer))[:, 0]
    np.testing.assert_allclose(raw, proba[:, 1], atol=1e-6)
    short = X[:1, : X.shape[1] // 2]
    np.testing.assert_allclose(clf.predict_proba(short), proba[:1], atol=1e-6)


def test_a_long_waveform_strides_at_once_and_keeps_padding_exact():
    # white noise: the piecewise mean would lose it, so the first
    # convolution strides 4 (kernel 8) over the 600 steps
    X, y = _series(steps=600)
    clf = RecurrentClassifier(**SMALL, epochs=1).fit(X, y)
    assert clf.plan_["front_end"] == ((64, 8, 4), (64, 5, 2), (64, 3, 2))
    _assert_padding_exact(clf, X)


def test_scale_inputs_false_and_token_ids_build_no_scaling():
    X, y = _series()
    clf = RecurrentClassifier(**SMALL, epochs=1, scale_inputs=False).fit(X, y)
    assert not hasattr(clf, "input_mean_")
    assert "standardize" not in [layer.name for layer in clf.model_.layers]
    tokens = np.random.RandomState(0).randint(1, 9, size=(12, 5))
    clf = RecurrentClassifier(**SMALL, epochs=1).fit(tokens, y)
    assert not hasattr(clf, "input_mean_") and clf.plan_["front_end"] == ()


def _hand_written_lstm(units, features):
    inputs = keras.Input((None, features))
    x = keras.layers.LSTM(units)(inputs)
    return keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))


def test_parameter_counts_unchanged_with_the_new_options_off():
    X, y = _series()
    expected = _hand_written_lstm(3, 2).count_params()
    off = dict(
        cell="lstm",
        units=3,
        epochs=1,
        front_end="none",
        scale_inputs=False,
        scale_series=False,
    )
    clf = RecurrentClassifier(**off).fit(X, y)
    assert clf.model_.count_params() == expected
    scaled = RecurrentClassifier(**{**off, "scale_inputs": True}).fit(X, y)
    # mean and scale per feature, not trained
    assert scaled.model_.count_params() == expected + 2 * 2
    assert len(scaled.model_.trainable_weights) == len(clf.model_.trainable_weights)
    series = RecurrentClassifier(**{**off, "scale_series": True}).fit(X, y)
    # the recurrent layer reads 2 + 2 * 2 features; floor, log mean and log
    # scale per feature are not trained
    wider = _hand_written_lstm(3, 6).count_params()
    assert series.model_.count_params() == wider + 3 * 2
    assert len(series.model_.trainable_weights) == len(clf.model_.trainable_weights)


def _normalized_per_series(X):
    """Each series of ``X`` standardized over its real steps (as the UCR
    archive's univariate sets are)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(X, axis=1, keepdims=True)
        return (X - mean) / np.nanstd(X, axis=1, keepdims=True)


def test_series_scales_are_the_real_steps_std_plus_a_floor():
    X, _ = _series()
    X[5] = 7.0  # a constant series: its scale is the floor
    scales = series_scales(X)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        std = np.nanstd(X.astype(np.float64), axis=1)
    floor = SERIES_FLOOR * feature_scaling(X)[1]
    np.testing.assert_allclose(scales, std + floor, rtol=1e-6)
    assert np.all(scales[5] > 0)


def test_scale_series_auto_picks_univariate_series_that_differ_in_scale():
    X, _ = _series()
    X[:, :, 0] *= np.linspace(0.1, 10.0, len(X))[:, None]
    assert scaled_series(X[:, :, :1], "auto") == (0,)
    assert scaled_series(X[:, :, 1:], "auto") == (0,)  # 10 random steps
    normalized = _normalized_per_series(X)
    assert scaled_series(normalized[:, :, :1], "auto") == ()
    assert scaled_series(X, "auto") == ()  # multivariate: not one by one
    assert scaled_series(normalized, True) == (0, 1)
    assert scaled_series(X[:, :, :1], False) == ()


def test_series_standardize_matches_a_numpy_reference():
    rng = np.random.RandomState(0)
    X = (rng.normal(size=(4, 9, 3)) * rng.lognormal(size=(4, 1, 3))).astype(np.float32)
    X[1, 6:], X[2, 1:] = np.nan, np.nan  # a series of one step: scale 0
    layer = SeriesStandardize((0, 2))
    layer.build(X.shape)
    floor, log_mean, log_scale = [0.01, 0.02], [0.3, -0.2], [1.5, 0.5]
    layer.set_weights([np.float32(w) for w in (floor, log_mean, log_scale)])
    out = np.asarray(layer(X))
    assert out.shape == (4, 9, 3 + 2 * 2)
    np.testing.assert_array_equal(out[:, :, :3], X)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        picked = X[:, :, [0, 2]].astype(np.float64)
        mean = np.nanmean(picked, axis=1, keepdims=True)
        scale = np.nanstd(picked, axis=1, keepdims=True) + floor
    np.testing.assert_allclose(out[:, :, 3:5], (picked - mean) / scale, atol=1e-5)
    amplitude = (np.log(scale) - log_mean) / log_scale + 0 * picked
    np.testing.assert_allclose(out[:, :, 5:], amplitude, atol=1e-5)
    assert np.isnan(out[1, 6:]).all() and not np.isnan(out[1, :6]).any()


@pytest.mark.parametrize("front_end", ["auto", "none"])
def test_scaled_series_keep_nan_padding_exact(front_end):
    X, y = _series(steps=20)
    X[:, :, 1] *= np.linspace(0.1, 10.0, len(X))[:, None]
    params = dict(SMALL, epochs=2, front_end=front_end, scale_series=True)
    clf = RecurrentClassifier(**params).fit(X, y)
    assert clf.plan_["scale_series"] == (0, 1)
    univariate = RecurrentClassifier(**SMALL, epochs=1).fit(X[:, :, 1:], y)
    assert univariate.plan_["scale_series"] == (0,)
    layer = clf.model_.get_layer("series_standardize")
    floor, log_mean, log_scale = layer.get_weights()
    standardized = (X - clf.input_mean_) / clf.input_scale_
    logs = np.log(series_scales(standardized))
    np.testing.assert_allclose(floor, SERIES_FLOOR, rtol=1e-5)
    np.testing.assert_allclose(log_mean, logs.mean(axis=0), rtol=1e-5)
    np.testing.assert_allclose(log_scale, logs.std(axis=0), rtol=1e-5)
    _assert_padding_exact(clf, X)


def test_series_normalized_one_by_one_keep_their_network():
    X, y = _series(steps=20)
    normalized = _normalized_per_series(X[:, :, :1])
    clf = RecurrentClassifier(**SMALL, epochs=1).fit(normalized, y)
    plain = RecurrentClassifier(**SMALL, epochs=1, scale_series=False)
    plain.fit(normalized, y)
    assert clf.plan_["scale_series"] == ()
    assert "series_standardize" not in [layer.name for layer in clf.model_.layers]
    np.testing.assert_array_equal(
        clf.predict_proba(normalized), plain.predict_proba(normalized)
    )
    tokens = np.random.RandomState(0).randint(1, 9, size=(12, 5))
    clf = RecurrentClassifier(**SMALL, epochs=1, scale_series=True).fit(tokens, y)
    assert clf.plan_["scale_series"] == ()


def test_cell_auto_is_gru_for_float_classes_and_lstm_otherwise():
    X, y = _series()
    clf = RecurrentClassifier(**SMALL, epochs=1).fit(X, y)
    names = [type(layer).__name__ for layer in clf.model_.layers]
    assert "GRU" in names and "LSTM" not in names
    tokens = np.random.RandomState(0).randint(1, 9, size=(12, 5))
    clf = RecurrentClassifier(**SMALL, epochs=1).fit(tokens, y)
    names = [type(layer).__name__ for layer in clf.model_.layers]
    assert "LSTM" in names and "GRU" not in names
    # a regressor of float values: LSTM
    reg = RecurrentRegressor(**SMALL, epochs=1).fit(X, y.astype(float))
    names = [type(layer).__name__ for layer in reg.model_.layers]
    assert "LSTM" in names and "GRU" not in names


@pytest.mark.parametrize(
    "length, strides",
    [(1, (1, 1)), (64, (1, 1)), (65, (2, 1)), (150, (2, 2)), (286, (2, 2, 2))],
)
def test_conv_front_end_halves_the_steps_down_to_64(length, strides):
    layers = conv_front_end(length, longest=length)  # no piecewise mean
    assert tuple(s for _, _, s in layers) == strides
    assert [k for _, k, _ in layers] == [8, 5, 3][: len(layers)]
    assert -(-length // np.prod(strides)) <= 64


@pytest.mark.parametrize(
    "length, first",
    [(512, (8, 2)), (513, (8, 4)), (1024, (8, 4)), (2000, (16, 8)), (12000, (128, 64))],
)
def test_the_first_convolution_strides_down_to_256_steps(length, first):
    # a waveform the piecewise mean would lose: the first convolution leaves
    # at most 256 steps (kernel twice its stride), the rest halve down to 64
    layers = conv_front_end(length, longest=length)
    assert layers[0][1:] == first
    after = -(-length // first[1])
    assert after <= 256 and (first[1] == 2 or 2 * after > 256)
    assert [k for _, k, _ in layers[1:]] == [5] + [3] * (len(layers) - 2)
    assert all(s == 2 for _, _, s in layers[1:])
    assert 32 < -(-length // np.prod([s for _, _, s in layers])) <= 64


@pytest.mark.parametrize(
    "length, size", [(128, 1), (129, 2), (256, 2), (257, 3), (2000, 16)]
)
def test_long_series_are_averaged_piecewise_down_to_128_steps(length, size):
    layers = conv_front_end(length)
    if size == 1:
        assert all(filters != MEAN for filters, _, _ in layers)
    else:
        assert layers[0] == (MEAN, size, size)
        assert layers[1:] == conv_front_end(-(-length // size))
        assert -(-length // size) <= 128


def test_front_end_reads_the_thresholds_when_called(monkeypatch):
    # the benchmarks' --thresholds replace the table for a run: every rule,
    # the front-end's too, must read the table in force, not the one of import
    import skseq._defaults as defaults

    table = dict(defaults.THRESHOLDS, conv_steps=256, conv_filters=32, long_steps=64)
    monkeypatch.setattr(defaults, "THRESHOLDS", table)
    layers = conv_front_end(150, size=1)
    assert layers == ((32, 8, 1), (32, 5, 1))
    assert conv_front_end(150)[0] == (MEAN, 3, 3)
    smooth = np.sin(np.linspace(0, 2 * np.pi, 150))  # runs of 3 keep it all
    assert piecewise_size(np.tile(smooth[None, :, None], (4, 1, 1))) == 3


def _waves(period, steps=300, n=6):
    """Sines of ``period`` steps, random phases, a third of them shorter."""
    rng = np.random.RandomState(0)
    t = np.arange(steps)[None, :, None] + rng.uniform(0, period, size=(n, 1, 1))
    X = np.sin(2 * np.pi * t / period) * rng.uniform(1, 3, size=(n, 1, 1))
    X[::3, steps // 2 :] = np.nan
    return X


@pytest.mark.parametrize("size", [2, 3, 5])
def test_kept_variance_of_constant_runs_is_one_and_of_alternation_zero(size):
    rng = np.random.RandomState(0)
    runs = np.repeat(rng.normal(size=(4, 20, 2)), size, axis=1)
    runs[1, 7 * size :] = np.nan  # a shorter series: whole runs, then padding
    assert kept_variance(runs, size) == pytest.approx(1.0)
    alternating = np.tile([1.0, -1.0], 30)[None, :, None] * [[[1.0]], [[5.0]]]
    assert kept_variance(alternating, 2) == pytest.approx(0.0, abs=1e-12)
    # a constant series has no variance to keep and is left out
    both = np.concatenate([alternating, np.ones((1, 60, 1))])
    assert kept_variance(both, 2) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize(
    "period, steps, expected",
    [
        (200, 300, 3),  # smooth: ceil(300 / 128) steps per run
        (16, 300, 2),  # runs of 3 lose more than 5%, runs of 2 less
        (4, 300, 1),  # a few samples per period: every step is read
        (4, 128, 1),  # short enough for no runs at all
    ],
)
def test_piecewise_size_keeps_95_percent_of_the_variance(period, steps, expected):
    X = _waves(period, steps)
    size = piecewise_size(X)
    assert size == expected
    if size > 1:
        assert kept_variance(X, size) >= 0.95
    for longer in range(size + 1, -(-steps // 128) + 1):
        assert kept_variance(X, longer) < 0.95  # the longest run that keeps it
    clf = RecurrentClassifier(**SMALL, epochs=1).fit(X, np.arange(6) % 2)
    assert clf.plan_["front_end"] == conv_front_end(steps, size=size)


def test_piecewise_mean_averages_the_real_steps_of_each_run():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(3, 11, 2)).astype(np.float32)
    X[1, 7:], X[2, 2:] = np.nan, np.nan
    x, real = NaNMasking(emit_mask=False)(X), RealSteps()(X)
    out = np.asarray(PiecewiseMean(4)([x, real]))
    padded = np.full((3, 12, 2), np.nan, np.float32)
    padded[:, :11] = X
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = np.nanmean(padded.reshape(3, 3, 4, 2), axis=2)
    np.testing.assert_allclose(out, np.nan_to_num(expected), atol=1e-6)
    np.testing.assert_array_equal(
        np.asarray(StridedSteps(4)(real)), ~np.isnan(expected[:, :, 0])
    )


def test_piecewise_front_end_keeps_masking_exact():
    X, y = _series(steps=298)  # 149 real steps: a last run of two
    X = np.cumsum(X, axis=1)  # smooth: the runs' means keep the series
    clf = RecurrentClassifier(**SMALL, epochs=1).fit(X, y)
    assert clf.plan_["front_end"][0] == (MEAN, 3, 3)
    assert clf.model_.get_layer("piecewise_mean").size == 3
    assert clf.plan_["conv_mean"]  # the convolutions' mean reads no padding either
    proba = clf.predict_proba(X)
    # a shorter series (its NaN tail cut) and more padding predict the same
    short = X[:1, :149]
    np.testing.assert_allclose(clf.predict_proba(short), proba[:1], atol=1e-6)
    longer = np.concatenate([X, np.full((12, 7, 2), np.nan, np.float32)], axis=1)
    np.testing.assert_allclose(clf.predict_proba(longer), proba, atol=1e-6)


@pytest.mark.parametrize(
    "steps, params, expected",
    [
        (129, {}, "max"),  # averaged piecewise: the max over the states
        (128, {}, "last"),
        (129, {"pooling": "last"}, "last"),
        (129, {"units": ()}, "mean"),
    ],
)
def test_pooling_auto_is_max_for_series_longer_than_128_steps(steps, params, expected):
    X, y = _series(steps=steps)
    clf = RecurrentClassifier(**{**SMALL, "epochs": 1, **params}).fit(X, y)
    assert clf.plan_["pooling"] == expected
    names = [layer.name for layer in clf.model_.layers]
    assert (f"{expected}_pooling" in names) == (expected != "last")
    # the convolutions' mean joins the max over the states, and only it
    assert clf.plan_["conv_mean"] == ("conv_mean" in names) == (expected == "max")
    width = clf.model_.get_layer("output").kernel.shape[0]
    filters = clf.plan_["front_end"][-1][0]
    recurrent = 0 if params.get("units") == () else SMALL["units"]
    assert width == (recurrent or filters) + filters * (expected == "max")


@pytest.mark.parametrize(
    "lengths, expected",
    [
        ([129] * 7 + [20] * 5, "max"),  # the median text is long
        ([128] * 7 + [300] * 5, "last"),  # long texts, but not the median one
        ([500] + [20] * 11, "last"),
    ],
)
def test_pooling_auto_reads_the_median_length_of_texts_beside_the_bag(
    lengths, expected
):
    rng = np.random.RandomState(0)
    tokens = np.zeros((len(lengths), max(lengths)), dtype=int)  # post-padded
    for row, length in zip(tokens, lengths, strict=True):
        row[:length] = rng.randint(1, 9, size=length)
    y = np.arange(len(lengths)) % 2
    # the bare estimator is the named network: the last state, whatever the
    # length; the text recipe's bag (ngrams="auto") max-pools long texts
    plain = RecurrentClassifier(**SMALL, epochs=1).fit(tokens, y)
    assert plain.plan_["pooling"] == "last"
    clf = RecurrentClassifier(**SMALL, epochs=1, ngrams="auto").fit(tokens, y)
    assert clf.plan_["pooling"] == expected
    names = [layer.name for layer in clf.model_.layers]
    assert ("max_pooling" in names) == (expected == "max")


def test_front_end_auto_is_conv_for_float_values_and_keeps_masking_exact():
    X, y = _series(steps=150)  # noise: averaged runs would lose it
    clf = RecurrentClassifier(**SMALL, epochs=1).fit(X, y)
    assert clf.plan_["front_end"] == conv_front_end(150, size=1)
    assert clf.model_.get_layer("conv_0").strides == (2,)
    proba = clf.predict_proba(X)
    np.testing.assert_allclose(clf.predict_proba(X[:1, :75]), proba[:1], atol=1e-6)
    plain = RecurrentClassifier(**SMALL, epochs=1, front_end="none").fit(X, y)
    assert plain.plan_["front_end"] == ()
    tokens = np.random.RandomState(0).randint(1, 9, size=(12, 80))
    conv = RecurrentClassifier(**SMALL, epochs=1, front_end="conv").fit(tokens, y)
    assert conv.plan_["front_end"] == conv_front_end(80)
    # named, the front-end is the convolutions alone, without their mean
    named = RecurrentClassifier(**SMALL, epochs=1, front_end="conv").fit(X, y)
    assert named.plan_["pooling"] == "max" and not named.plan_["conv_mean"]
    assert "conv_mean" not in [layer.name for layer in named.model_.layers]


def test_warm_start_keeps_the_first_fits_front_end():
    X, y = _series(steps=40)
    clf = RecurrentClassifier(**SMALL, epochs=1, warm_start=True).fit(X, y)
    clf.fit(np.nan_to_num(np.concatenate([X, X], axis=1), nan=1.0), y)
    assert clf.plan_["front_end"] == conv_front_end(40) and clf.n_iter_ == 2


def test_regressor_predicts_in_the_targets_units():
    X, _ = _series()
    y = 1000.0 + 50.0 * np.nan_to_num(X[:, 0, 0] - 300.0)
    reg = RecurrentRegressor(**SMALL, epochs=1).fit(X, y)
    assert reg.target_mean_ == pytest.approx([y.mean()])
    assert reg.target_scale_ == pytest.approx([y.std()])
    pred = reg.predict(X)
    raw = np.asarray(reg.model_(X))[:, 0]
    np.testing.assert_allclose(pred, raw * y.std() + y.mean(), rtol=1e-5)
    assert abs(pred.mean() - 1000.0) < 3 * y.std()
    unscaled = RecurrentRegressor(**SMALL, epochs=1, scale_target=False).fit(X, y)
    assert not hasattr(unscaled, "target_mean_")
    assert abs(unscaled.predict(X).mean()) < 100.0  # far from the targets


def test_multi_output_targets_are_scaled_per_column():
    X, _ = _series()
    y = np.column_stack([np.arange(12.0), 100.0 + 10.0 * np.arange(12.0)])
    reg = RecurrentRegressor(**SMALL, epochs=1).fit(X, y)
    np.testing.assert_allclose(reg.target_mean_, y.mean(axis=0))
    assert reg.predict(X).shape == (12, 2)


@pytest.mark.parametrize(
    "params, name",
    [
        ({"epochs": "many"}, "epochs"),
        ({"epochs": 0}, "epochs"),
        ({"early_stopping": "yes"}, "early_stopping"),
        ({"tol": -1.0}, "tol"),
        ({"front_end": "fcn"}, "front_end"),
        ({"scale_inputs": "yes"}, "scale_inputs"),
        ({"scale_series": "yes"}, "scale_series"),
        ({"ngrams": 4}, "ngrams"),
        ({"input_noise": -0.1}, "input_noise"),
        ({"input_noise": 1.5}, "input_noise"),
        ({"input_noise": "strong"}, "input_noise"),
    ],
)
@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_bad_values_raise_naming_the_parameter(Estimator, params, name):
    X, y = _series()
    with pytest.raises(ValueError, match=f"'{name}' parameter"):
        Estimator(**params).fit(X, y)


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_ngrams_of_float_values_raise_before_any_keras_work(Estimator, monkeypatch):
    X, y = _series()
    with monkeypatch.context() as patch:
        patch.setattr(training, "seeded", None)  # no network gets built
        with pytest.raises(ValueError, match=r"`ngrams` needs token-id.*ngrams=2"):
            Estimator(ngrams=2).fit(X, y)
    assert Estimator(**SMALL, epochs=1, ngrams="auto").fit(X, y).plan_["ngrams"] == 0


def _layer_names(estimator):
    return [layer.name for layer in estimator.model_.layers]


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_input_noise_auto_is_02_for_few_standardized_float_series(Estimator):
    X, y = _series()
    est = Estimator(**SMALL, epochs=1).fit(X, y)
    assert est.plan_["input_noise"] == 0.2
    assert "at most 256 samples" in est.plan_.why["input_noise"]
    assert est.model_.get_layer("input_noise").stddev == est.plan_["input_noise"]
    raw = Estimator(**SMALL, epochs=1, scale_inputs=False).fit(X, y)
    assert raw.plan_["input_noise"] == 0.0 and "input_noise" not in _layer_names(raw)
    tokens = np.random.RandomState(0).randint(1, 9, size=(12, 5))
    ids = Estimator(**SMALL, epochs=1).fit(tokens, y)
    assert ids.plan_["input_noise"] == 0.0 and "input_noise" not in _layer_names(ids)
    off = Estimator(**SMALL, epochs=1, input_noise=0).fit(X, y)
    assert off.plan_.why["input_noise"] == "set"
    assert "input_noise" not in _layer_names(off)
    assert off.model_.count_params() == est.model_.count_params()


@pytest.mark.parametrize("n_samples, expected", [(1, 0.2), (256, 0.2), (257, 0.0)])
def test_input_noise_auto_stops_above_256_samples(n_samples, expected):
    params = RecurrentClassifier().get_params()
    data = _summary("values", n_samples)
    plan = resolve(params, data)
    assert plan["input_noise"] == expected
    set_plan = resolve({**params, "input_noise": 0.5}, data)
    assert set_plan["input_noise"] == 0.5 and set_plan.why["input_noise"] == "set"


def test_input_noise_acts_in_training_only():
    X, y = _series()
    kwargs = dict(**SMALL, epochs=3, scale_series=False)
    quiet = RecurrentClassifier(**kwargs, input_noise=0).fit(X, y)
    noisy = RecurrentClassifier(**kwargs, input_noise=1.0).fit(X, y)
    assert noisy.plan_["input_noise"] == 1.0
    # the same initial weights, trained on other values
    assert not np.allclose(noisy.predict_proba(X), quiet.predict_proba(X))
    values = X[1:3]  # two series of full length, no padding
    model = noisy.model_
    expected = keras.ops.convert_to_numpy(model(values, training=False))[:, 0]
    np.testing.assert_allclose(noisy.predict_proba(values)[:, 1], expected, rtol=1e-5)
    trained = keras.ops.convert_to_numpy(model(values, training=True))[:, 0]
    assert not np.allclose(trained, expected)
    again = RecurrentClassifier(**kwargs, input_noise=1.0).fit(X, y)
    np.testing.assert_array_equal(again.predict_proba(X), noisy.predict_proba(X))


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_input_noise_on_token_ids_raises_before_any_keras_work(Estimator, monkeypatch):
    tokens = np.random.RandomState(0).randint(1, 9, size=(12, 5))
    y = np.arange(12) % 2
    with monkeypatch.context() as patch:
        patch.setattr(training, "seeded", None)  # no network gets built
        with pytest.raises(ValueError, match=r"`input_noise` needs float.*=0.1"):
            Estimator(input_noise=0.1).fit(tokens, y)


def test_bad_scale_target_raises_naming_the_parameter():
    X, y = _series()
    with pytest.raises(ValueError, match="'scale_target' parameter"):
        RecurrentRegressor(scale_target="yes").fit(X, y)


# -- the text recipe's maxlen and vocabulary ---------------------------------------


@pytest.mark.parametrize(
    "lengths, expected",
    [
        (np.arange(1, 101), 100),  # short texts: their 0.99 quantile, 99.01
        ([5] * 99 + [10_000], 105),  # one outlier does not set the width
        (np.arange(1, 1001), 500),  # long texts: the quantile 990.01, at most 500
        ([12_000] * 3, 500),
    ],
)
def test_maxlen_auto_is_the_99_quantile_of_the_lengths_at_most_500(lengths, expected):
    plan = resolve_maxlen("auto", np.asarray(lengths))
    assert plan == {"maxlen": expected}
    assert plan.why["maxlen"].startswith("the 0.99 quantile of the lengths (")
    assert plan.why["maxlen"].endswith("), at most 500")


def test_maxlen_set_explicitly_wins_over_the_rule():
    lengths = np.arange(1, 1001)
    assert resolve_maxlen(400, lengths) == {"maxlen": 400}
    assert resolve_maxlen(400, lengths).why["maxlen"] == "set"
    assert resolve_maxlen(None, lengths) == {"maxlen": 1000}
    assert resolve_maxlen(0.5, lengths) == {"maxlen": 501}  # 500.5 rounded up
    assert resolve_maxlen(0.5, lengths).why["maxlen"].startswith("set: the 0.5")


def test_max_tokens_auto_keeps_every_token_within_2_to_the_15_ids():
    few = Counter({"a": 3, "b": 1, "c": 1})
    plan = resolve_max_tokens("auto", few)
    assert plan == {"max_tokens": 5}
    assert plan.why["max_tokens"] == (
        "3 tokens seen at least once, plus the 2 reserved ids, at most 32768"
    )
    many = Counter({f"w{i}": 1 for i in range(40_000)})
    assert resolve_max_tokens("auto", many) == {"max_tokens": 2**15}
    assert resolve_max_tokens(50, many) == {"max_tokens": 50}
    assert resolve_max_tokens(50, many).why["max_tokens"] == "set"
    assert resolve_max_tokens(None, many) == {"max_tokens": None}


def test_a_trained_forecaster_replaces_its_start_only_when_it_is_better():
    from skseq._defaults import beats_start

    rng = np.random.RandomState(0)
    start = rng.uniform(1, 2, size=40)
    # clearly lower held-out losses: kept
    kept, why = beats_start(0.5 * start, start, 4, 1)
    assert kept and why.startswith("held-out loss 0.500") and "10 blocks" in why
    # lower in some blocks, higher in others: not kept
    blocks = [0.3, -0.2, 0.1, -0.3, 0.2, -0.1, 0.05, -0.05, 0.1, -0.15]
    noise = start + np.repeat(blocks, 4)
    kept, why = beats_start(noise, start, 4, 12)
    assert not kept and why.endswith("so the forecast repeats the last value")
    # fewer than 2 blocks of horizon windows: nothing to test; a seasonal
    # series keeps the trained network, one without a season the start
    kept, why = beats_start(start[:7], 2 * start[:7], 4, 12)
    assert kept and "no test" in why and why.endswith("the trained network")
    kept, why = beats_start(start[:7], 2 * start[:7], 4, 1)
    assert not kept and why.endswith("no season: the forecast repeats the last value")
    # the blocks are the last windows
    late = np.concatenate([2 * start[:2], 0.5 * start[2:10]])
    assert beats_start(late, start[:10], 4, 1)[0]
