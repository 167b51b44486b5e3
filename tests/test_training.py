"""One training procedure: the plan, one reset per fit, failed and
interrupted fits, ignored parameters, the seed networks' exact sizes."""

import inspect
import warnings

import keras
import numpy as np
import pytest
from networks import RaiseAtEpoch as _Raise
from networks import gru_network
from test_estimators import TINY, _tokens

from skseq import (
    RecurrentClassifier,
    RecurrentRegressor,
    SequenceClassifier,
    SequenceRegressor,
    make_text_classifier,
)
from skseq._defaults import Plan

ESTIMATORS = [RecurrentClassifier, RecurrentRegressor]


def _hand_written(cell, units, bidirectional=False):
    """The seed tutorials' networks: vocabulary 10, embedding 5, 5 classes."""
    layer = {"rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM}[cell]
    units = (units,) if isinstance(units, int) else units
    model = keras.Sequential([keras.Input((None,), dtype="int32")])
    model.add(keras.layers.Embedding(10, 5))
    for i, n in enumerate(units):
        rnn = layer(n, return_sequences=i < len(units) - 1)
        model.add(keras.layers.Bidirectional(rnn) if bidirectional else rnn)
    model.add(keras.layers.Dense(5, activation="softmax"))
    return model.count_params()


@pytest.mark.parametrize(
    "params",
    [
        dict(cell="rnn", units=128),
        dict(cell="lstm", units=128),
        dict(cell="lstm", units=(128, 64), bidirectional=True),
    ],
)
def test_the_seed_networks_have_keras_parameter_counts(params):
    X, _ = _tokens(n=20, vocab=10)
    X[0, 0] = 9
    y = np.arange(len(X)) % 5
    clf = RecurrentClassifier(**params, embedding_dim=5, epochs=1).fit(X, y)
    assert clf.model_.count_params() == _hand_written(**params)
    assert clf.plan_["ngrams"] == 0 and clf.plan_["front_end"] == ()
    assert clf.plan_["pooling"] == "last"


def _auto_parameters(estimator):
    return [
        name
        for name, p in inspect.signature(type(estimator).__init__).parameters.items()
        if p.default == "auto"
    ]


@pytest.mark.parametrize(
    "estimator",
    [
        RecurrentClassifier(**TINY),
        RecurrentRegressor(**TINY),
        SequenceClassifier(model=gru_network, epochs=1),
        SequenceRegressor(model=gru_network, epochs=1),
    ],
)
def test_every_auto_parameter_is_resolved_in_the_plan(estimator):
    X, y = _tokens()
    estimator.set_params(epochs="auto", random_state=0).fit(X[:12], y[:12])
    plan = estimator.plan_
    assert isinstance(plan, Plan)
    for name in _auto_parameters(estimator):
        assert name in plan and plan[name] != "auto", name
    with pytest.raises(TypeError, match="read-only"):
        plan["epochs"] = 3
    assert "epochs" in repr(plan) and "early_stopping" in repr(plan)


def test_the_text_recipe_adds_the_ngram_bag_and_says_so():
    texts = ["a great film", "dull and slow", "loved it", "boring"] * 5
    y = [1, 0, 1, 0] * 5
    pipe = make_text_classifier(units=4, embedding_dim=4, epochs=1, random_state=0)
    clf = pipe.fit(texts, y).named_steps["clf"]
    assert clf.plan_["ngrams"] == 2 and clf.plan_["ngram_buckets"] == 2**10
    assert "bag" in clf.plan_.why["ngrams"]


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_a_fit_that_raises_leaves_the_estimator_as_it_was(Estimator):
    X, y = _tokens()
    est = Estimator(**TINY).fit(X, y)
    before = est.predict(X)
    state = {k: v for k, v in vars(est).items() if k != "model_"}
    est.set_params(epochs=3, callbacks=[_Raise(RuntimeError("boom"), at_epoch=1)])
    with pytest.raises(RuntimeError, match="boom"):
        est.fit(X[:30], y[:30])
    np.testing.assert_array_equal(est.predict(X), before)
    assert est.n_iter_ == 1 and est.plan_["epochs"] == 1
    assert set(vars(est)) - {"model_"} == set(state)
    # a warm start that raises: the weights and optimizer state are restored
    est.set_params(warm_start=True)
    with pytest.raises(RuntimeError, match="boom"):
        est.fit(X, y)
    np.testing.assert_array_equal(est.predict(X), before)
    assert est.n_iter_ == 1


def test_an_interrupted_fit_keeps_the_partial_model_with_a_warning():
    X, y = _tokens()
    clf = RecurrentClassifier(**{**TINY, "epochs": 5})
    clf.set_params(callbacks=[_Raise(KeyboardInterrupt(), at_epoch=1)])
    with pytest.warns(UserWarning, match="interrupted"):
        clf.fit(X, y)
    assert clf.n_iter_ in (1, 2) and len(clf.loss_curve_) == clf.n_iter_
    assert clf.predict(X).shape == (len(X),)


def test_validation_state_does_not_survive_a_fit_without_validation():
    X, y = _tokens()
    clf = RecurrentClassifier(**{**TINY, "epochs": 2}, early_stopping=True).fit(X, y)
    assert hasattr(clf, "validation_scores_") and hasattr(clf, "best_loss_")
    clf.set_params(early_stopping=False).fit(X, y)
    assert not hasattr(clf, "validation_scores_")
    assert not hasattr(clf, "best_loss_")


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_partial_fit_refuses_a_validation_split(Estimator):
    X, y = _tokens()
    est = Estimator(**TINY, early_stopping=True)
    extra = {"classes": [0, 1]} if Estimator is RecurrentClassifier else {}
    with pytest.raises(ValueError, match="partial_fit.*early_stopping=True"):
        est.partial_fit(X, y, **extra)
    assert not hasattr(est, "model_")


@pytest.mark.parametrize(
    "params, ignored",
    [
        (dict(optimizer=keras.optimizers.SGD(), learning_rate=0.1), "learning_rate"),
        (dict(optimizer=keras.optimizers.SGD(), clipnorm=None), "clipnorm"),
        (dict(embeddings=np.ones((20, 3)), embedding_dim=8), "embedding_dim"),
    ],
)
def test_parameters_a_fit_ignores_get_a_warning(params, ignored):
    X, y = _tokens()
    with pytest.warns(UserWarning, match=f"`{ignored}`.*ignored"):
        RecurrentClassifier(**{**TINY, **params}).fit(X, y)


def test_default_parameters_beside_an_optimizer_instance_do_not_warn():
    X, y = _tokens()
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        RecurrentClassifier(**TINY, optimizer=keras.optimizers.SGD()).fit(X, y)


def test_no_recurrent_layer_with_the_last_state_names_pooling():
    X, y = _tokens()
    with pytest.raises(ValueError, match="pooling='last'"):
        RecurrentClassifier(**{**TINY, "units": ()}, pooling="last").fit(X, y)
    clf = RecurrentClassifier(**{**TINY, "units": ()}).fit(X, y)
    assert clf.plan_["pooling"] == "mean"


def _functional_gru(vocabulary_size, n_outputs, output_activation):
    inputs = keras.Input((None,), dtype="int32")
    x = keras.layers.Embedding(vocabulary_size, 4, mask_zero=True)(inputs)
    x = keras.layers.GRU(4)(x)
    outputs = keras.layers.Dense(n_outputs, activation=output_activation)(x)
    return keras.Model(inputs, outputs)


def test_fits_of_a_functional_own_network_share_one_trainer():
    # Keras numbers the layers of each build anew, in nested tuples of the
    # configuration too: the trainer's key must not see those names, or
    # every fit compiles a trainer of its own (memory grows by each)
    X, y = _tokens()
    fits = [
        SequenceClassifier(model=_functional_gru, epochs=1, random_state=i).fit(X, y)
        for i in range(3)
    ]
    assert len({id(fit._trainer()) for fit in fits}) == 1
