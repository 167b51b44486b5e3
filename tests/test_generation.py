import pickle
import random
import warnings

import joblib
import keras
import numpy as np
import pandas as pd
import pytest
from networks import RaiseAtEpoch as _Raise
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV, cross_val_score

from skseq import RecurrentTextGenerator
from skseq._defaults import Plan
from skseq._generation import LanguageModel, _token_stream, _windows
from skseq._trainers import Trainer
from skseq._training import best_epoch

DOCS = [
    "the cat sat on the mat. ",
    "a dog ran to the cat! ",
    "the mat is red. the cat is red. ",
    "to the dog, a cat. ",
] * 6
WORDS = ["the cat sat on the mat", "a dog sat on a log", "the dog ate the cat"] * 8
TINY = dict(units=8, embedding_dim=4, window=16, epochs=2, batch_size=16)
# the docstring's corpus: a default-budget fit learns it
ABC = ["abcabcabcabc", "abcabcab"] * 10


def make(**params):
    return RecurrentTextGenerator(**{**TINY, "random_state": 0, **params})


@pytest.fixture(scope="module")
def gen():
    return make(dropout=0.1).fit(DOCS)


@pytest.fixture(scope="module")
def word_gen():
    return make(level="word", window=6).fit(WORDS)


@pytest.fixture(scope="module")
def auto_gen():
    """The defaults' budget: epochs, early stopping and refit all "auto"."""
    return RecurrentTextGenerator(units=8, window=10, random_state=0).fit(ABC)


@pytest.fixture
def trainer_calls(monkeypatch):
    """The trainer and the arguments of every ``Trainer.fit`` call."""
    calls = []
    fit = Trainer.fit

    def recorded(self, model, train, validation=None, **kwargs):
        calls.append(dict(trainer=self, train=train, validation=validation, **kwargs))
        return fit(self, model, train, validation, **kwargs)

    monkeypatch.setattr(Trainer, "fit", recorded)
    return calls


def model_logits(gen, ids):
    """``model_`` over the whole of ``[0, *ids]``: the next-token logits at
    every step."""
    x = np.array([[0, *ids]], dtype=np.int32)
    return np.array(gen.model_(x))[0]


def log_softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


# -- data layout ---------------------------------------------------------------


def test_windows_cover_every_next_token_target():
    stream = _token_stream([np.array([5, 6, 7]), np.array([], int), np.array([8])])
    np.testing.assert_array_equal(stream, [0, 5, 6, 7, 0, 8])
    inputs, targets = _windows(stream, 2)
    np.testing.assert_array_equal(inputs, [[0, 5], [6, 7], [0, 8]])
    np.testing.assert_array_equal(targets, [[5, 6], [7, 0], [8, 0]])


# -- fit and generate ----------------------------------------------------------


def test_fit_learns_the_documented_state(gen):
    assert set(gen.vocabulary_) == set("".join(DOCS))
    assert gen.vocabulary_ == gen.tokenizer_.vocabulary_
    assert gen.vocabulary_size_ == len(gen.vocabulary_) + 2
    assert isinstance(gen.model_, keras.Model)
    out = gen.model_(np.zeros((3, 7), np.int32))
    assert tuple(out.shape) == (3, 7, gen.vocabulary_size_)
    assert gen.n_iter_ == 2
    assert list(gen.history_) == ["loss"]
    assert gen.loss_curve_ == gen.history_["loss"]
    assert gen.loss_curve_[-1] < gen.loss_curve_[0]
    assert gen.n_tokens_ == sum(map(len, DOCS))


@pytest.mark.parametrize("prompt", ["", "the ", "The Cat"])
@pytest.mark.parametrize("n", [0, 1, 37])
def test_generate_appends_n_characters_to_the_prompt(gen, prompt, n):
    out = gen.generate(prompt, n=n, random_state=0)
    assert isinstance(out, str)
    assert len(out) == len(prompt) + n
    assert out.startswith(prompt)
    assert set(out[len(prompt) :]) <= set(gen.vocabulary_)


def test_same_seed_same_text_and_other_seeds_differ(gen):
    texts = [gen.generate("the", n=60, temperature=2.0, random_state=s) for s in (0, 1)]
    assert gen.generate("the", n=60, temperature=2.0, random_state=0) == texts[0]
    assert texts[0] != texts[1]
    rng = np.random.RandomState(3)
    assert gen.generate(n=20, random_state=rng) != gen.generate(n=20, random_state=rng)
    # a longer text for the same seed continues the shorter one
    assert gen.generate("the", n=90, temperature=2.0, random_state=0).startswith(
        texts[0]
    )


def test_step_network_gives_the_probabilities_of_model_over_the_sequence(gen):
    prompt = "the cat sat on"
    ids = gen.tokenizer_.transform([prompt])[0]
    expected = model_logits(gen, ids)
    for i in range(len(ids) + 1):
        logits, _ = gen._read(prompt[:i])
        np.testing.assert_allclose(
            np.exp(log_softmax(logits.numpy()[0])),
            np.exp(log_softmax(expected[i])),
            rtol=1e-4,
            atol=1e-6,
        )


def test_temperature_zero_is_the_argmax_of_model(gen):
    prompt, n = "a dog", 25
    out = gen.generate(prompt, n=n, temperature=0)
    assert out == gen.generate(prompt, n=n, temperature=0, random_state=5)
    ids = list(gen.tokenizer_.transform([prompt])[0])
    itos = {i: c for c, i in gen.vocabulary_.items()}
    expected = prompt
    for _ in range(n):
        logits = model_logits(gen, ids)[-1]
        logits[:2] = -np.inf  # the start mark and OOV are never produced
        ids.append(int(np.argmax(logits)))
        expected += itos[ids[-1]]
    assert out == expected


def test_top_k_one_is_greedy_and_top_k_limits_the_choice(gen):
    greedy = gen.generate("the", n=30, temperature=0)
    assert gen.generate("the", n=30, temperature=5.0, top_k=1, random_state=0) == (
        greedy
    )
    # top_k larger than the vocabulary samples from all of it
    assert gen.generate("the", n=30, top_k=10_000, random_state=0) == gen.generate(
        "the", n=30, random_state=0
    )
    prompt = "the ca"
    logits = model_logits(gen, gen.tokenizer_.transform([prompt])[0])[-1]
    logits[:2] = -np.inf
    top2 = {c for c, i in gen.vocabulary_.items() if i in np.argsort(logits)[-2:]}
    for seed in range(10):
        out = gen.generate(prompt, n=1, temperature=100.0, top_k=2, random_state=seed)
        assert out[-1] in top2


def test_never_samples_padding_or_out_of_vocabulary():
    # 3 of the characters known: nearly every target is out-of-vocabulary
    gen = make(max_tokens=5, epochs=1).fit(DOCS)
    assert len(gen.vocabulary_) == 3
    out = gen.generate(n=200, temperature=3.0, random_state=0)
    assert len(out) == 200
    assert set(out) <= set(gen.vocabulary_)


def test_prompt_with_unknown_characters_is_kept_verbatim(gen):
    prompt = "Zoë ß€ the "
    out = gen.generate(prompt, n=10, random_state=0)
    assert out.startswith(prompt) and len(out) == len(prompt) + 10
    # they are read as the out-of-vocabulary id
    logits, _ = gen._read("€")
    expected = model_logits(gen, [1])[-1]
    np.testing.assert_allclose(logits.numpy()[0], expected, rtol=1e-4, atol=1e-5)


def test_word_level(word_gen):
    assert set(word_gen.vocabulary_) == set(" ".join(WORDS).split())
    out = word_gen.generate("the cat", n=5, random_state=0)
    words = out.split(" ")
    assert words[:2] == ["the", "cat"] and len(words) == 7
    assert set(words[2:]) <= set(word_gen.vocabulary_)
    assert len(word_gen.generate(n=4, random_state=0).split(" ")) == 4
    assert word_gen.generate("dog ", n=2, random_state=0).startswith("dog ")
    assert not word_gen.generate("dog ", n=2, random_state=0).startswith("dog  ")
    assert np.isfinite(word_gen.score(WORDS[:3]))


def test_pandas_series_input():
    docs = pd.Series(DOCS[:4], index=range(10, 14))
    gen = make(epochs=1).fit(docs)
    assert np.isfinite(gen.score(docs))


# -- score ---------------------------------------------------------------------


def test_score_is_the_mean_log_likelihood_per_token(gen):
    docs = ["the cat is red. ", "", "a dog!", "€ mat"]
    logp, n_tokens = 0.0, 0
    for doc in docs:
        ids = gen.tokenizer_.transform([doc])[0]
        if not len(ids):
            continue
        steps = log_softmax(model_logits(gen, ids)[:-1].astype(np.float64))
        logp += steps[np.arange(len(ids)), ids].sum()
        n_tokens += len(ids)
    assert n_tokens == 16 + 6 + 5
    score = gen.score(docs)
    assert score == pytest.approx(logp / n_tokens, rel=1e-5)
    assert gen.perplexity(docs) == pytest.approx(np.exp(-score), rel=1e-12)


def test_score_in_model_selection():
    scores = cross_val_score(make(cell="rnn", epochs=1), DOCS, cv=3)
    assert scores.shape == (3,) and np.all(np.isfinite(scores))
    assert np.all(scores < 0)
    grid = {"cell": ["rnn", "lstm"]}
    search = GridSearchCV(make(epochs=1), grid, cv=2, refit=False).fit(DOCS)
    assert search.best_params_["cell"] in ("rnn", "lstm")
    assert np.all(np.isfinite(search.cv_results_["mean_test_score"]))


# -- training options ----------------------------------------------------------


def test_random_state_makes_fit_reproducible(gen):
    twin = clone(gen).fit(DOCS)
    assert twin.loss_curve_ == gen.loss_curve_
    weights = zip(twin.model_.get_weights(), gen.model_.get_weights(), strict=True)
    for a, b in weights:
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "params",
    [{"cell": "rnn", "units": (6, 5)}, {"cell": "gru", "recurrent_dropout": 0.1}],
)
def test_other_cells_and_stacked_layers(params, tmp_path):
    gen = make(**params, epochs=1).fit(DOCS)
    recurrent = [layer for layer in gen.model_.layers if "recurrent" in layer.name]
    expected = params.get("units", (8,))
    assert [layer.cell.units for layer in recurrent] == list(expected)
    ids = gen.tokenizer_.transform(["the cat"])[0]
    logits, _ = gen._read("the cat")
    np.testing.assert_allclose(
        logits.numpy()[0], model_logits(gen, ids)[-1], rtol=1e-4, atol=1e-5
    )
    assert_keras_file_loads(gen, tmp_path)


def test_early_stopping_keeps_the_best_validation_loss():
    gen = make(epochs=4, early_stopping=True, n_iter_no_change=1).fit(DOCS)
    assert list(gen.history_) == ["loss", "val_loss"]
    assert gen.validation_scores_ == gen.history_["val_loss"]
    assert gen.best_loss_ == min(gen.validation_scores_)
    assert 1 <= gen.n_iter_ <= 4


def test_warm_start_continues_training():
    callbacks = []
    gen = make(epochs=1, warm_start=True, callbacks=callbacks).fit(DOCS)
    model, vocabulary = gen.model_, gen.vocabulary_
    gen.fit(DOCS + ["xyz"])
    assert gen.model_ is model and gen.vocabulary_ == vocabulary
    # epochs trained since the network was built, as the estimators count
    assert len(gen.loss_curve_) == 2 and gen.n_iter_ == 2
    assert callbacks == []


def test_warm_start_refuses_another_network():
    gen = make(epochs=1, warm_start=True).fit(DOCS)
    weights = gen.model_.get_weights()
    gen.set_params(units=6)
    with pytest.raises(ValueError, match="`units` changed since it was built"):
        gen.fit(DOCS)
    assert gen.n_iter_ == 1 and gen.units == 6
    for a, b in zip(gen.model_.get_weights(), weights, strict=True):
        np.testing.assert_array_equal(a, b)


def test_plot_history(gen):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from skseq.plotting import plot_history

    ax = plot_history(gen)
    assert ax.get_legend_handles_labels()[1] == ["training loss"]


# -- the shared training stack ----------------------------------------------


def test_the_default_budget_learns_a_tiny_corpus(auto_gen):
    assert auto_gen.loss_curve_[-1] < 0.2
    assert auto_gen.perplexity(ABC) < 1.5
    assert auto_gen.generate("ab", n=10, temperature=0) == "abcabcabcabc"


def test_every_auto_parameter_is_resolved_in_the_plan(auto_gen):
    plan = auto_gen.plan_
    assert isinstance(plan, Plan)
    for name in ("epochs", "early_stopping", "refit"):
        assert name in plan and plan[name] != "auto", name
    assert plan["early_stopping"] == "validation" and plan["refit"]
    n_windows = len(_windows(_token_stream(auto_gen.tokenizer_.transform(ABC)), 10)[0])
    assert plan["validation_size"] == int(np.ceil(0.1 * n_windows))
    assert plan["batch_size"] == n_windows - plan["validation_size"]
    assert plan["patience"] >= 3
    assert "last windows" in plan.why["validation_size"]
    assert "epochs" in repr(plan)
    # refit: the validation curve's best epoch count, on every window
    assert list(auto_gen.history_) == ["loss"]
    assert auto_gen.n_iter_ == best_epoch(auto_gen.validation_scores_, auto_gen.tol)
    assert auto_gen.n_iter_ == len(auto_gen.loss_curve_)
    assert auto_gen.best_loss_ == min(auto_gen.validation_scores_)


def test_an_int_epochs_trains_exactly_that_many(gen):
    assert gen.plan_["epochs"] == 2 and gen.n_iter_ == 2
    assert not gen.plan_["early_stopping"] and not gen.plan_["refit"]
    assert gen.plan_["validation_size"] == 0


def test_early_stopping_holds_out_the_end_of_the_stream(trainer_calls):
    gen = make(epochs=2, early_stopping=True).fit(DOCS)
    assert gen.plan_["early_stopping"] == "validation"
    assert not gen.plan_["refit"]  # early_stopping=True keeps its network
    inputs, targets = _windows(_token_stream(gen.tokenizer_.transform(DOCS)), 16)
    n_val = gen.plan_["validation_size"]
    assert n_val == int(np.ceil(0.1 * len(inputs)))
    (call,) = trainer_calls
    (train, train_y, _), (val, val_y, _) = call["train"], call["validation"]
    np.testing.assert_array_equal(val.values, inputs[-n_val:])
    np.testing.assert_array_equal(val_y, targets[-n_val:])
    np.testing.assert_array_equal(train.values, inputs[:-n_val])
    np.testing.assert_array_equal(train_y, targets[:-n_val])
    assert call["bucket"] is False and call["epochs"] == 2


def test_fits_of_the_same_network_share_one_trainer(trainer_calls):
    first = make(epochs=1, random_state=1).fit(DOCS)
    second = make(epochs=1, random_state=2).fit(DOCS[::-1])  # the same vocabulary
    make(epochs=1, units=6).fit(DOCS)
    make(epochs=1, learning_rate=0.01).fit(DOCS)
    trainers = [call["trainer"] for call in trainer_calls]
    assert first._spec == second._spec and isinstance(first._spec, LanguageModel)
    assert trainers[0] is trainers[1]
    assert len({id(t) for t in trainers}) == 3
    # each generator keeps its own weights in its own model_
    assert first.model_ is not second.model_
    assert trainers[0].model not in (first.model_, second.model_)
    pairs = zip(first.model_.get_weights(), second.model_.get_weights(), strict=True)
    assert not all(np.array_equal(a, b) for a, b in pairs)


def test_generators_of_one_network_share_the_traced_loops():
    a = make(epochs=1, random_state=1).fit(DOCS)
    b = make(epochs=1, random_state=2).fit(DOCS)
    runner = a._get_runner()
    assert b._get_runner() is runner
    for gen in (a, b):  # each reads with its own weights
        gen.score(DOCS[:2])
        logits, _ = gen._read("the cat")
        expected = model_logits(gen, gen.tokenizer_.transform(["the cat"])[0])[-1]
        np.testing.assert_allclose(logits.numpy()[0], expected, rtol=1e-4, atol=1e-5)
    assert runner.scan.experimental_get_tracing_count() == 1


def test_a_fit_leaves_the_global_random_state_alone():
    state = random.getstate()
    make(cell="rnn", epochs=1).fit(DOCS)  # ProjectedSimpleRNN draws default seeds
    assert random.getstate() == state


def test_a_fit_that_raises_leaves_the_generator_as_it_was():
    gen = make(epochs=1).fit(DOCS)
    expected = gen.generate("the", n=30, random_state=0)
    params = set(gen.get_params())
    state = {k: v for k, v in vars(gen).items() if k not in params}
    weights = gen.model_.get_weights()
    optimizer = [v.numpy() for v in gen.model_.optimizer.variables]
    boom = _Raise(RuntimeError("boom"), at_epoch=1)
    for warm_start in (False, True):
        gen.set_params(epochs=3, callbacks=[boom], warm_start=warm_start)
        with pytest.raises(RuntimeError, match="boom"):
            gen.fit(DOCS if warm_start else WORDS)
        assert set(vars(gen)) - params == set(state)
        for name, value in state.items():
            assert vars(gen)[name] is value, name
        assert gen.n_iter_ == 1 and gen.history_ == {"loss": gen.loss_curve_}
        for a, b in zip(gen.model_.get_weights(), weights, strict=True):
            np.testing.assert_array_equal(a, b)
        for a, b in zip(gen.model_.optimizer.variables, optimizer, strict=True):
            np.testing.assert_array_equal(a.numpy(), b)
        assert gen.generate("the", n=30, random_state=0) == expected


def test_an_interrupted_fit_keeps_the_partial_model_with_a_warning():
    gen = make(epochs=5, callbacks=[_Raise(KeyboardInterrupt(), at_epoch=1)])
    with pytest.warns(UserWarning, match="interrupted"):
        gen.fit(DOCS)
    assert gen.n_iter_ in (1, 2) and len(gen.loss_curve_) == gen.n_iter_
    assert len(gen.generate("the", n=5, random_state=0)) == 8


@pytest.mark.parametrize(
    "params, ignored",
    [
        (dict(optimizer=keras.optimizers.SGD(), learning_rate=0.1), "learning_rate"),
        (dict(optimizer=keras.optimizers.SGD(), clipnorm=None), "clipnorm"),
    ],
)
def test_parameters_a_fit_ignores_get_a_warning(params, ignored):
    with pytest.warns(UserWarning, match=f"`{ignored}`.*ignored"):
        make(epochs=1, **params).fit(DOCS[:4])


def test_an_optimizer_instance_is_cloned_and_trains():
    optimizer = keras.optimizers.SGD(0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        gen = make(epochs=2, optimizer=optimizer).fit(DOCS)
    assert not optimizer.built
    assert gen.model_.optimizer is not optimizer
    assert gen.loss_curve_[-1] < gen.loss_curve_[0]


# -- persistence and sklearn API -----------------------------------------------


def test_pickle_and_joblib_round_trip(gen, tmp_path):
    expected = gen.generate("the", n=40, random_state=7)
    copy = pickle.loads(pickle.dumps(gen))
    assert copy.generate("the", n=40, random_state=7) == expected
    assert copy.score(DOCS[:4]) == pytest.approx(gen.score(DOCS[:4]), rel=1e-6)
    joblib.dump(gen, tmp_path / "gen.joblib")
    loaded = joblib.load(tmp_path / "gen.joblib")
    assert loaded.generate("the", n=40, random_state=7) == expected
    assert gen.generate("the", n=40, random_state=7) == expected
    # the network is stored as its spec and arrays, the optimizer state too
    state = gen.__getstate__()
    assert "model_" not in state
    assert isinstance(state["_spec"], LanguageModel)
    assert all(isinstance(w, np.ndarray) for w in state["_weights"])
    optimizers = copy.model_.optimizer, gen.model_.optimizer
    for a, b in zip(*(o.variables for o in optimizers), strict=True):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_a_loaded_generator_continues_training(gen):
    copy = pickle.loads(pickle.dumps(gen))
    copy.set_params(warm_start=True, epochs=1).fit(DOCS)
    assert copy.n_iter_ == gen.n_iter_ + 1
    assert copy.loss_curve_[:-1] == gen.loss_curve_


def test_skops_round_trip(gen):
    sio = pytest.importorskip("skops.io")
    data = sio.dumps(gen)
    untrusted = sio.get_untrusted_types(data=data)
    assert not any(name.startswith(("builtins.eval", "os.")) for name in untrusted)
    assert "skseq._generation.LanguageModel" in untrusted
    loaded = sio.loads(data, trusted=untrusted)
    assert isinstance(loaded.plan_, Plan) and loaded.plan_ == gen.plan_
    expected = gen.generate("the", n=40, random_state=7)
    assert loaded.generate("the", n=40, random_state=7) == expected


def assert_keras_file_loads(gen, tmp_path):
    path = str(tmp_path / "model.keras")
    gen.model_.save(path)
    model = keras.models.load_model(path)
    x = np.array([[0, 2, 3, 4, 5]], np.int32)
    np.testing.assert_allclose(np.asarray(model(x)), np.asarray(gen.model_(x)))


def test_keras_file_loads_without_custom_objects(gen, tmp_path):
    assert_keras_file_loads(gen, tmp_path)  # and the SimpleRNN's, above


def test_clone_get_set_params_and_repr(gen):
    gen = RecurrentTextGenerator(units=(8, 8), window=50, random_state=0)
    assert gen.get_params()["units"] == (8, 8)
    twin = clone(gen)
    assert twin.get_params() == gen.get_params() and twin is not gen
    twin.set_params(cell="gru")
    assert twin.cell == "gru" and gen.cell == "lstm"
    assert repr(gen) == (
        "RecurrentTextGenerator(random_state=0, units=(8, 8), window=50)"
    )
    assert not hasattr(clone(gen), "model_")


# -- errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "X, error, match",
    [
        ("one long text", TypeError, "wrap it in a list"),
        (["fine", 3], TypeError, "only str documents. Got int 3 at position 1"),
        (["fine", None], ValueError, "missing document"),
        ([], ValueError, "at least one document"),
        (["", ""], ValueError, "empty vocabulary"),
    ],
)
def test_bad_documents(X, error, match):
    with pytest.raises(error, match=match):
        make().fit(X)


def test_corpus_without_vocabulary():
    with pytest.raises(ValueError, match="vocabulary of 0 token"):
        make(min_frequency=1000).fit(DOCS)
    with pytest.raises(ValueError, match="empty vocabulary"):
        make(level="word").fit(["!!! ...", "?"])


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"cell": "lsmt"}, ValueError, "'cell' parameter"),
        ({"level": "byte"}, ValueError, "'level' parameter"),
        ({"window": 0}, ValueError, "'window' parameter"),
        ({"max_tokens": 2}, ValueError, "'max_tokens' parameter"),
        ({"units": (8, 0)}, ValueError, "`units` must be a positive int"),
        ({"units": ()}, ValueError, "`units` must be a positive int"),
        ({"callbacks": ["x"]}, TypeError, "keras.callbacks.Callback"),
        (
            {"early_stopping": True, "window": 1000},
            ValueError,
            "at least one training and one validation window",
        ),
    ],
)
def test_bad_parameters(params, error, match):
    with pytest.raises(error, match=match):
        make(**params).fit(DOCS)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"n": -1}, ValueError, "`n` must be >= 0. Got -1 instead."),
        ({"n": 2.5}, TypeError, "`n` must be an int >= 0. Got float 2.5"),
        ({"temperature": -1}, ValueError, "`temperature` must be >= 0"),
        ({"temperature": float("nan")}, ValueError, "`temperature` must be >= 0"),
        ({"temperature": "hot"}, TypeError, "`temperature` must be a real number"),
        ({"top_k": 0}, ValueError, "`top_k` must be >= 1. Got 0 instead."),
        ({"top_k": 1.5}, TypeError, "`top_k` must be None or an int >= 1"),
        ({"prompt": ["the"]}, TypeError, "`prompt` must be a str. Got list"),
    ],
)
def test_bad_generate_arguments(gen, kwargs, error, match):
    with pytest.raises(error, match=match):
        gen.generate(**kwargs)


def test_not_fitted():
    gen = make()
    with pytest.raises(NotFittedError):
        gen.generate("the", n=3)
    with pytest.raises(NotFittedError):
        gen.score(DOCS)
    with pytest.raises(NotFittedError):
        gen.perplexity(DOCS)


def test_score_needs_tokens(gen):
    with pytest.raises(ValueError, match="at least one token to score"):
        gen.score(["", ""])
    with pytest.raises(TypeError, match="wrap it in a list"):
        gen.score("the cat")
