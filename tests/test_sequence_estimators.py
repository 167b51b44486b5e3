"""The estimator core: seeding, partial_fit and warm start, bad input, and a
user's own Keras network as an estimator (SequenceClassifier/Regressor)."""

import inspect
import pickle
import random
import subprocess
import sys
import textwrap
import threading

import keras
import numpy as np
import pandas as pd
import pytest
from networks import dense_network, gru_network
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.model_selection import GridSearchCV, cross_val_score
from tensorflow.python.framework import config as tf_config

import skseq._trainers
from skseq import (
    RecurrentClassifier,
    SequenceClassifier,
    SequenceRegressor,
    make_text_classifier,
)

TINY = dict(units=4, embedding_dim=4, epochs=1, random_state=0)


def _tokens(n=40, width=6, vocab=20, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.randint(1, vocab, size=(n, width))
    return X, (X[:, 0] > vocab // 2).astype(int)


# -- no scikeras -------------------------------------------------------------


def test_skseq_imports_no_scikeras_and_leaves_keras_alone():
    code = textwrap.dedent(
        """
        import sys, keras
        reduce = keras.Model.__reduce__
        import skseq
        assert "scikeras" not in sys.modules, "scikeras imported"
        assert keras.Model.__reduce__ is reduce, "keras.Model patched"
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_predict_has_its_own_signature_and_docstring():
    for Estimator in (RecurrentClassifier, SequenceRegressor):
        assert list(inspect.signature(Estimator.predict).parameters) == ["self", "X"]
        assert "kwargs" not in Estimator.predict.__doc__
        assert "predict__" not in Estimator.predict.__doc__


# -- random_state --------------------------------------------------------------


def test_random_state_instances_seed_and_advance():
    X, y = _tokens()

    def proba(random_state):
        params = {**TINY, "random_state": random_state}
        return RecurrentClassifier(**params).fit(X, y).predict_proba(X)

    a, b = proba(np.random.RandomState(1)), proba(np.random.RandomState(2))
    assert not np.array_equal(a, b)  # scikeras: both acted as seed 0
    np.testing.assert_array_equal(a, proba(np.random.RandomState(1)))
    rng = np.random.RandomState(1)
    before = rng.get_state()[1].copy()
    proba(rng)
    assert not np.array_equal(rng.get_state()[1], before)  # drawn from


def test_fits_in_threads_equal_serial_fits():
    X, y = _tokens()

    def make():
        return [
            RecurrentClassifier(**{**TINY, "dropout": 0.2, "random_state": 1}),
            RecurrentClassifier(**{**TINY, "dropout": 0.2, "random_state": 2}),
            SequenceClassifier(model=gru_network, epochs=1, random_state=3),
        ]

    serial = [est.fit(X, y).predict_proba(X) for est in make()]
    estimators = make()
    threads = [threading.Thread(target=est.fit, args=(X, y)) for est in estimators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for est, expected in zip(estimators, serial, strict=True):
        np.testing.assert_array_equal(est.predict_proba(X), expected)


def test_random_draws_of_other_threads_leave_a_fit_alone():
    # a Dask worker's event loop, a web server... draw from Python's random
    # in their own threads while a fit builds its network
    X, y = _tokens()
    quiet = RecurrentClassifier(**TINY, cell="gru").fit(X, y).predict_proba(X)
    stop = threading.Event()

    def draw():
        while not stop.is_set():
            random.random()

    other = threading.Thread(target=draw)
    other.start()
    try:
        for _ in range(3):
            est = RecurrentClassifier(**TINY, cell="gru").fit(X, y)
            np.testing.assert_array_equal(est.predict_proba(X), quiet)
    finally:
        stop.set()
        other.join()


def test_seeding_falls_back_to_random_where_keras_draws_elsewhere(monkeypatch):
    import skseq._seeding as core

    X, y = _tokens()
    expected = RecurrentClassifier(**TINY).fit(X, y).predict_proba(X)
    monkeypatch.setattr(core, "_thread_seeds", lambda: None)
    state = random.getstate()
    got = RecurrentClassifier(**TINY).fit(X, y).predict_proba(X)
    assert random.getstate() == state
    np.testing.assert_array_equal(got, expected)  # the same seeds either way


def test_a_seeded_fit_leaves_the_process_state_alone():
    X, y = _tokens()
    state = random.getstate()
    RecurrentClassifier(**TINY).fit(X, y)
    assert not tf_config.is_op_determinism_enabled()
    assert random.getstate() == state


def test_a_fit_does_not_depend_on_what_the_process_did_before():
    X, y = _tokens()
    first = RecurrentClassifier(**TINY, cell="gru").fit(X, y).predict_proba(X)
    random.random()
    np.random.rand()  # noqa: NPY002 (the global state, on purpose)
    keras.random.normal((2,))
    RecurrentClassifier(**{**TINY, "random_state": 5}).fit(X, 1 - y)
    SequenceClassifier(model=gru_network, epochs=1).fit(X, y)
    again = RecurrentClassifier(**TINY, cell="gru").fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(first, again)


_WIDER_FIRST = textwrap.dedent(
    """
    import numpy as np
    from skseq import RecurrentClassifier
    rng = np.random.RandomState(0)
    X = rng.randint(1, 20, size=(40, 6))
    y = (X[:, 0] > 10).astype(int)
    if {wider}:  # the trainer is built for a larger vocabulary first
        RecurrentClassifier(units=4, epochs=1, random_state=9).fit(X * 3, y)
    clf = RecurrentClassifier(units=4, epochs=2, random_state=3).fit(X, y)
    print(repr(clf.predict_proba(X[:5]).tolist()))
    """
)


def test_a_wider_shared_trainer_trains_exactly_the_same():
    out = [
        subprocess.run(
            [sys.executable, "-c", _WIDER_FIRST.format(wider=wider)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]
        for wider in (False, True)
    ]
    assert out[0] == out[1]


# -- partial_fit and warm start -------------------------------------------------


def test_partial_fit_with_other_classes_raises():
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY).partial_fit(X, y, classes=[0, 1])
    with pytest.raises(ValueError, match="classes"):
        clf.partial_fit(X, y, classes=[0, 1, 2])
    with pytest.raises(ValueError, match="label 7.*not among the classes"):
        clf.partial_fit(X, np.full(len(y), 7))
    assert list(clf.classes_) == [0, 1] and clf.n_iter_ == 1


def test_partial_fit_calls_shuffle_and_seed_anew(monkeypatch):
    # chunks of an out-of-core pass must not be batched alike on every pass
    calls = []
    fit = skseq._trainers.Trainer.fit

    def spy(self, model, train, validation, *, seed, rng, **kwargs):
        calls.append((seed, tuple(rng.get_state()[1][:4])))
        return fit(self, model, train, validation, seed=seed, rng=rng, **kwargs)

    monkeypatch.setattr(skseq._trainers.Trainer, "fit", spy)
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY).partial_fit(X, y, classes=[0, 1])
    clf.partial_fit(X, y).partial_fit(X, y)
    assert len(set(calls)) == 3
    again = RecurrentClassifier(**TINY).partial_fit(X, y, classes=[0, 1])
    again.partial_fit(X, y).partial_fit(X, y)  # the same seed, the same sequence
    assert calls[3:] == calls[:3]
    np.testing.assert_array_equal(again.predict_proba(X), clf.predict_proba(X))


def test_partial_fit_learns_a_label_only_in_classes():
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY).partial_fit(X, y, classes=[0, 1, 2])
    assert clf.predict_proba(X).shape == (40, 3)


def test_warm_start_refuses_a_changed_network():
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY, warm_start=True).fit(X, y)
    clf.set_params(units=8)
    with pytest.raises(ValueError, match="`units` changed.*warm_start=False"):
        clf.fit(X, y)
    clf.set_params(units=4, cell="gru")  # "auto" was the LSTM: a new network
    with pytest.raises(ValueError, match="`cell` changed.*warm_start=False"):
        clf.fit(X, y)
    clf.set_params(cell="auto", learning_rate=0.01)  # training parameters may change
    clf.fit(X, y)
    assert clf.n_iter_ == 2


# -- bad input -----------------------------------------------------------------


@pytest.mark.parametrize(
    "params, match",
    [
        ({"optimizer": "nope"}, "`optimizer` must be the name of a Keras optimizer"),
        ({"loss": "nope"}, "`loss` must be the name of a Keras loss"),
        ({"vocabulary_size": 1}, "'vocabulary_size' parameter"),
    ],
)
def test_bad_training_parameters_raise_before_any_keras_work(params, match):
    X, y = _tokens()
    for est in (RecurrentClassifier(**params), SequenceClassifier(model=gru_network)):
        est.set_params(**params)
        with pytest.raises(ValueError, match=match):
            est.fit(X, y)
        assert not hasattr(est, "model_")


def test_bad_sample_weights():
    X, y = _tokens()
    weights = np.ones(len(y))
    weights[3] = -1
    with pytest.raises(ValueError, match="Negative values in data"):
        RecurrentClassifier(**TINY).fit(X, y, sample_weight=weights)
    with pytest.raises(ValueError, match="sample_weight.shape == \\(39,\\)"):
        RecurrentClassifier(**TINY, class_weight="balanced").fit(
            X, y, sample_weight=np.ones(39)
        )


def test_token_ids_beyond_int32_read_as_unknown():
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY).fit(X, y)
    huge = X[:3].astype(np.int64)
    huge[:, 1] = 2**31 + 5  # would wrap to a small id in int32
    oov = X[:3].copy()
    oov[:, 1] = 1
    np.testing.assert_array_equal(clf.predict_proba(huge), clf.predict_proba(oov))
    with pytest.raises(ValueError, match="must be < 2\\*\\*31"):
        RecurrentClassifier(**TINY).fit(huge, y[:3])


def test_a_float_model_reads_integers_as_values():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(30, 7)) * 3
    y = np.arange(30) % 2
    clf = RecurrentClassifier(**TINY).fit(X, y)
    ints = np.round(X).astype(int)
    assert (ints < 0).any()
    np.testing.assert_array_equal(
        clf.predict_proba(ints), clf.predict_proba(ints.astype(float))
    )


def test_vocabulary_size_bounds_the_ids():
    X, y = _tokens(vocab=20)
    clf = RecurrentClassifier(**TINY, vocabulary_size=50).fit(X, y)
    assert clf.vocabulary_size_ == 50
    embedding = clf.model_.get_layer("embedding").get_weights()[0].copy()
    clf.partial_fit(X + 25, y)  # a later chunk's new ids train their own rows
    trained = clf.model_.get_layer("embedding").get_weights()[0]
    assert not np.allclose(trained[26:45], embedding[26:45])
    small = RecurrentClassifier(**TINY, vocabulary_size=10).fit(X, y)
    assert small.vocabulary_size_ == 10  # larger ids read as 1
    np.testing.assert_array_equal(
        small.predict_proba(X), small.predict_proba(np.where(X >= 10, 1, X))
    )


# -- sharing trainers ----------------------------------------------------------


def _trainers_built(monkeypatch):
    built = []
    original = skseq._trainers.Trainer.__init__

    def count(self, model, **kwargs):
        built.append(model)
        original(self, model, **kwargs)

    monkeypatch.setattr(skseq._trainers.Trainer, "__init__", count)
    return built


def test_cross_validating_a_text_pipeline_compiles_one_trainer(monkeypatch):
    rng = np.random.RandomState(0)
    words = [f"w{i}" for i in range(120)]  # rare words: vocabularies differ by fold
    docs = [" ".join(rng.choice(words, size=6)) for _ in range(60)]
    labels = np.arange(60) % 2
    pipe = make_text_classifier(units=3, embedding_dim=3, epochs=1, random_state=0)
    sizes = []
    for train in np.array_split(np.arange(60), 5):
        fold = np.setdiff1d(np.arange(60), train)
        sizes.append(clone(pipe).fit(pd.Series(docs)[fold], labels[fold]))
    assert len({p[-1].vocabulary_size_ for p in sizes}) > 1
    built = _trainers_built(monkeypatch)
    skseq._trainers._trainers.clear()
    cross_val_score(pipe, pd.Series(docs), labels, cv=5)
    assert len(built) == 1


def test_user_networks_share_a_trainer_by_configuration(monkeypatch):
    X, y = _tokens()
    built = _trainers_built(monkeypatch)
    skseq._trainers._trainers.clear()
    for seed in range(3):
        SequenceClassifier(model=dense_network, epochs=1, random_state=seed).fit(X, y)
    wider = {"width": 6}
    SequenceClassifier(model=dense_network, model_params=wider, epochs=1).fit(X, y)
    assert len(built) == 2


# -- a user's network ----------------------------------------------------------


def test_sequence_estimators_are_classifier_and_regressor():
    assert is_classifier(SequenceClassifier()) and is_regressor(SequenceRegressor())
    assert not isinstance(RecurrentClassifier(), SequenceClassifier)  # siblings
    assert "model_params" in SequenceClassifier().get_params()
    assert "model" not in RecurrentClassifier().get_params()


def test_user_network_gets_what_it_declares_and_model_params():
    X, y = _tokens()
    seen = {}

    def network(vocabulary_size, n_outputs, output_activation, loss, width):
        seen.update(vocabulary_size=vocabulary_size, loss=loss, width=width)
        return dense_network(n_outputs, output_activation, vocabulary_size, width)

    clf = SequenceClassifier(model=network, model_params={"width": 3}, epochs=1)
    clf.fit(X, np.arange(40) % 3)
    assert seen == {"vocabulary_size": 20, "loss": "sparse_categorical_crossentropy",
                    "width": 3}  # fmt: skip
    assert clf.predict_proba(X).shape == (40, 3)


def test_model_params_are_searchable():
    X, y = _tokens()
    search = GridSearchCV(
        SequenceClassifier(model=dense_network, epochs=1, random_state=0),
        {"model_params": [{"width": 2}, {"width": 5, "layers": 2}]},
        cv=2,
    ).fit(X, y)
    assert search.best_estimator_.model_.count_params() in (
        dense_network(1, "sigmoid", 20, 2).count_params(),
        dense_network(1, "sigmoid", 20, 5, 2).count_params(),
    )


def test_same_network_same_parameter_count_as_hand_written():
    X, y = _tokens()
    clf = SequenceClassifier(model=dense_network, epochs=1).fit(X, y)
    assert clf.model_.count_params() == dense_network(1, "sigmoid", 20).count_params()


@pytest.mark.parametrize(
    "model, match",
    [
        (None, "needs `model`"),
        (dense_network(1, "sigmoid", 20), "a function that builds"),
        (lambda n_outputs: "net", "must return a keras.Model"),
    ],
)
def test_bad_models(model, match):
    X, y = _tokens()
    with pytest.raises((TypeError, ValueError), match=match):
        SequenceClassifier(model=model).fit(X, y)


def test_model_params_the_network_does_not_take():
    X, y = _tokens()
    clf = SequenceClassifier(model=dense_network, model_params={"depth": 2})
    with pytest.raises(ValueError, match="`model_params` has 'depth'"):
        clf.fit(X, y)
    assert not hasattr(clf, "model_")


def test_network_with_the_wrong_output_width():
    X, y = _tokens()

    def network(vocabulary_size, output_activation):
        return dense_network(3, output_activation, vocabulary_size)

    with pytest.raises(ValueError, match="must output 1 unit"):
        SequenceClassifier(model=network).fit(X, y)


def test_unequal_float_series_warn_without_nan_masking():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(20, 6, 2))
    X[::2, 4:] = np.nan
    y = rng.normal(size=20)

    def bare(n_features, n_outputs):
        inputs = keras.Input((None, n_features))
        outputs = keras.layers.Dense(n_outputs)(keras.layers.GRU(3)(inputs))
        return keras.Model(inputs, outputs)

    with pytest.warns(UserWarning, match="NaNMasking"):
        SequenceRegressor(model=bare, epochs=1).fit(X, y)
    masked = SequenceRegressor(model=gru_network, epochs=1, random_state=0).fit(X, y)
    longer = np.concatenate([X[:3], np.full((3, 5, 2), np.nan)], axis=1)
    np.testing.assert_allclose(masked.predict(longer), masked.predict(X[:3]), 1e-5)


def test_user_network_round_trips_and_predicts_fast_and_exactly():
    rng = np.random.RandomState(0)
    seqs = [rng.randint(1, 20, size=rng.randint(1, 30)) for _ in range(200)]
    y = np.arange(200) % 2
    clf = SequenceClassifier(model=gru_network, epochs=1, random_state=0)
    clf.fit(seqs, y, sample_weight=np.linspace(0.5, 1.5, 200))
    proba = clf.predict_proba(seqs)
    padded = keras.utils.pad_sequences(seqs, padding="post")
    reference = clf.model_.predict(padded, verbose=0)[:, 0]
    np.testing.assert_allclose(proba[:, 1], reference, atol=1e-5)
    np.testing.assert_allclose(clf.predict_proba(seqs[:5])[:, 1], reference[:5], 1e-5)
    restored = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(restored.predict_proba(seqs), proba)
    again = SequenceClassifier(model=gru_network, epochs=1, random_state=0)
    again.fit(seqs, y, sample_weight=np.linspace(0.5, 1.5, 200))
    np.testing.assert_array_equal(again.predict_proba(seqs), proba)


def test_user_network_early_stopping_and_class_weight():
    X, y = _tokens(n=80)
    clf = SequenceClassifier(
        model=dense_network,
        epochs=30,
        learning_rate=0.05,
        early_stopping=True,
        n_iter_no_change=2,
        class_weight="balanced",
        random_state=0,
    ).fit(X, np.random.RandomState(0).randint(0, 2, size=80))
    assert clf.n_iter_ < 30 and len(clf.validation_scores_) == clf.n_iter_
