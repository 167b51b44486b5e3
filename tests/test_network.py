import keras
import numpy as np
import pytest
import tensorflow as tf

from skseq import RecurrentClassifier
from skseq._defaults import ngram_buckets
from skseq._network import (
    NgramBag,
    ProjectedSimpleRNN,
    build_network,
    ngram_codes,
)


def _tokens(vocabulary_size, n=20, width=6, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.randint(1, vocabulary_size, size=(n, width))
    X[0, 0] = vocabulary_size - 1  # the learned vocabulary is largest id + 1
    return X


# The seed documents' Keras summaries: vocabulary 10, embedding 5, 5 classes
# (their networks have no n-gram bag: ngrams=0).
@pytest.mark.parametrize("cell, expected", [("rnn", 17_847), ("lstm", 69_303)])
def test_parameter_count_matches_seed_summary(cell, expected):
    X = _tokens(10)
    y = np.arange(len(X)) % 5
    clf = RecurrentClassifier(cell=cell, units=128, embedding_dim=5, epochs=1, ngrams=0)
    clf.fit(X, y)
    assert clf.vocabulary_size_ == 10
    assert clf.model_.count_params() == expected


def test_parameter_count_stacked_bidirectional_seed():
    X = _tokens(10_000, n=8)
    y = np.arange(len(X)) % 2
    clf = RecurrentClassifier(
        cell="lstm",
        units=(64, 64),
        bidirectional=True,
        embedding_dim=16,
        hidden_layer_sizes=(64,),
        epochs=1,
        ngrams=0,
    ).fit(X, y)
    assert clf.model_.count_params() == 308_609


def _hand_written(cell_layer, units, pooling=None):
    inputs = keras.Input((None,), dtype="int32")
    x = keras.layers.Embedding(10, 5, mask_zero=True)(inputs)
    x = cell_layer(units, return_sequences=pooling is not None)(x)
    if pooling is not None:
        x = pooling()(x)
    return keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(x))


@pytest.mark.parametrize("units", [7, 3])
@pytest.mark.parametrize(
    "cell, layer", [("rnn", keras.layers.SimpleRNN), ("gru", keras.layers.GRU)]
)
def test_build_network_equals_hand_written_keras(cell, layer, units):
    ours = build_network(
        vocabulary_size=10,
        embedding_dim=5,
        cell=cell,
        units=(units,),
        n_outputs=3,
        output_activation="softmax",
    )
    theirs = _hand_written(layer, units)
    assert ours.count_params() == theirs.count_params()
    assert [w.shape for w in ours.get_weights()] == [
        w.shape for w in theirs.get_weights()
    ]


def test_embedding_pooling_without_recurrent_layer():
    model = build_network(
        vocabulary_size=10, embedding_dim=5, units=(), pooling="mean", n_outputs=1
    )
    assert model.count_params() == 10 * 5 + 5 + 1


@pytest.mark.parametrize("pooling", ["last", "mean", "max"])
@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_masked_steps_do_not_change_the_output(cell, pooling):
    keras.utils.set_random_seed(0)
    model = build_network(n_features=2, cell=cell, units=(3,), pooling=pooling)
    x = np.random.RandomState(0).normal(size=(1, 4, 2)).astype("float32")
    padded = np.concatenate([x, np.full((1, 3, 2), np.nan, "float32")], axis=1)
    np.testing.assert_allclose(model(padded), model(x), rtol=1e-5, atol=1e-6)

    tokens = build_network(vocabulary_size=9, cell=cell, units=(3,), pooling=pooling)
    ids = np.array([[3, 4, 5]])
    np.testing.assert_allclose(
        tokens(np.array([[3, 4, 5, 0, 0]])), tokens(ids), rtol=1e-5, atol=1e-6
    )


def test_pretrained_embeddings_are_used_and_frozen():
    emb = np.arange(20, dtype="float32").reshape(10, 2)
    model = build_network(
        vocabulary_size=10, embeddings=emb, trainable_embeddings=False, units=(2,)
    )
    layer = model.get_layer("embedding")
    np.testing.assert_array_equal(layer.get_weights()[0], emb)
    assert not layer.trainable


@pytest.mark.parametrize("units", [(), (3,)])
@pytest.mark.parametrize("pooling", ["last", "mean", "max"])
def test_empty_sequences_give_finite_outputs(units, pooling):
    if not units and pooling == "last":
        pytest.skip("no recurrent layer: pooling only")
    model = build_network(vocabulary_size=9, units=units, pooling=pooling)
    out = np.asarray(model(np.array([[0, 0, 0], [3, 4, 0]])))
    assert np.isfinite(out).all()


def test_bidirectional_layers_run_masked():
    keras.utils.set_random_seed(0)
    model = build_network(vocabulary_size=9, units=(3,), bidirectional=True)
    np.testing.assert_allclose(
        model(np.array([[3, 4, 5, 0, 0]])), model(np.array([[3, 4, 5]])), atol=1e-6
    )


@pytest.mark.parametrize("width, steps", [(3, 6), (1, 6), (3, 1), (4, 40)])
def test_projected_simple_rnn_equals_keras_simple_rnn(width, steps):
    keras.utils.set_random_seed(0)
    x = np.random.RandomState(0).normal(size=(4, steps, width)).astype("float32")
    ours = ProjectedSimpleRNN(3)
    theirs = keras.layers.SimpleRNN(3, return_sequences=True)
    ours.build(x.shape)
    theirs.build(x.shape)
    theirs.set_weights(ours.get_weights())
    assert [w.shape for w in ours.weights] == [w.shape for w in theirs.weights]
    x = tf.constant(x)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        out_ours, out_theirs = ours(x), theirs(x)
        loss_ours = tf.reduce_sum(out_ours**2)
        loss_theirs = tf.reduce_sum(out_theirs**2)
    np.testing.assert_allclose(out_ours, out_theirs, rtol=1e-5, atol=1e-6)
    for a, b in zip(
        tape.gradient(loss_ours, [x, *ours.trainable_weights]),
        tape.gradient(loss_theirs, [x, *theirs.trainable_weights]),
        strict=True,
    ):
        # a gradient sums terms over every step and sample: float32 rounding of
        # that sum depends on the CPU's kernels, so the tolerance follows the
        # gradient's own scale (a bias entry of -0.0095 summed from terms
        # of about 3 differed by 3e-6 between two CPUs)
        atol = 1e-5 * float(np.abs(b).max())
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=atol)
    # traced and XLA-compiled, as the trainer and the small-input predict run it
    for jit_compile in (False, True):
        traced = tf.function(ours, jit_compile=jit_compile, autograph=False)
        np.testing.assert_allclose(traced(x), out_theirs, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    "kwargs, projected",
    [
        ({"vocabulary_size": 9, "embedding_dim": 4, "units": (4,)}, True),
        ({"vocabulary_size": 9, "embedding_dim": 4, "units": (8,)}, True),
        ({"vocabulary_size": 9, "embedding_dim": 4, "units": (4, 4)}, True),
        ({"n_features": 4, "units": (4,)}, True),
        ({"vocabulary_size": 9, "units": (4,), "pooling": "mean"}, True),
        ({"vocabulary_size": 9, "units": (4,), "cell": "gru"}, False),
        (
            {
                "vocabulary_size": 9,
                "embedding_dim": 4,
                "units": (4,),
                "bidirectional": True,
            },
            False,
        ),
        (
            {
                "vocabulary_size": 9,
                "embedding_dim": 4,
                "units": (4,),
                "recurrent_dropout": 0.1,
            },
            False,
        ),
        (
            {
                "vocabulary_size": 9,
                "embeddings": np.ones((9, 4), "float32"),
                "trainable_embeddings": False,
                "units": (4,),
            },
            True,
        ),
    ],
)
def test_unidirectional_simple_rnn_is_projected(kwargs, projected):
    model = build_network(**{"cell": "rnn", **kwargs})
    found = any(isinstance(layer, ProjectedSimpleRNN) for layer in model.layers)
    assert found == projected


def _bag_reference(bag, tokens):
    """NgramBag's output computed in NumPy from its weights and
    :func:`ngram_codes`."""
    unigrams = bag.unigrams.get_weights()[0]
    hashed = bag.hashed.get_weights()[0] if bag.hashed is not None else None
    out = []
    for row in tokens:
        row = row[None]
        total, count = unigrams[row[row != 0]].sum(axis=0), int((row != 0).sum())
        for n in range(2, bag.ngrams + 1):
            code, real = ngram_codes(row, n)
            total = total + hashed[code[real] % bag.buckets].sum(axis=0)
            count += int(real.sum())
        out.append(bag.gain * total / np.sqrt(max(count, 1)))
    return np.array(out)


@pytest.mark.parametrize("ngrams, gain", [(1, 1.0), (2, 1.0), (3, 1.0), (2, 10.0)])
def test_ngram_bag_equals_numpy_reference(ngrams, gain):
    tokens = np.array([[3, 4, 5, 3, 4, 0, 0], [7, 0, 0, 0, 0, 0, 0], [0] * 7])
    tokens[0, 4] = 9
    bag = NgramBag(10, ngrams, 64, 4, gain=gain)
    out = keras.ops.convert_to_numpy(bag(tokens))
    # the tables are drawn gain times smaller: the output's scale is Keras'
    tables = [
        w
        for layer in (bag.unigrams, bag.hashed)
        if layer is not None
        for w in layer.get_weights()
    ]
    assert max(np.abs(t).max() for t in tables) <= 0.05 / gain
    if ngrams > 1:  # two tables drawn apart, not one draw twice
        rows = min(len(t) for t in tables)
        assert not np.allclose(tables[0][:rows], tables[1][:rows])
    np.testing.assert_allclose(out, _bag_reference(bag, tokens), rtol=1e-5)
    assert not out[2].any()  # no real token: zeros


def test_ngram_bag_ignores_padding_and_its_place():
    bag = NgramBag(10, 2, 64, 4)
    right = np.array([[3, 4, 5, 0, 0]])
    left = np.array([[0, 0, 3, 4, 5]])
    more = np.array([[3, 4, 5, 0, 0, 0, 0, 0]])
    out = [keras.ops.convert_to_numpy(bag(x)) for x in (right, left, more)]
    np.testing.assert_allclose(out[0], out[1], rtol=1e-6)
    np.testing.assert_allclose(out[0], out[2], rtol=1e-6)
    # a bigram is order-sensitive: 5 4 3 is another bag
    other = keras.ops.convert_to_numpy(bag(np.array([[5, 4, 3, 0, 0]])))
    assert not np.allclose(out[0], other)


def test_ngram_buckets_count_repeated_ngrams_up_to_a_power_of_two():
    tokens = np.array([[1, 2, 3, 0], [1, 2, 4, 5], [2, 4, 5, 9]])
    # bigrams: 12 and 24 and 45 twice, 23 and 59 once
    assert ngram_buckets(tokens, 2, least=1) == 4
    # trigrams: 245 twice, 123 124 459 once
    assert ngram_buckets(tokens, 3, least=1) == 4
    assert ngram_buckets(np.vstack([tokens, [[1, 2, 3, 7]]]), 3, least=1) == 8
    assert ngram_buckets(tokens, 2) == 2**10
    assert ngram_buckets(tokens, 3, least=1, most=2) == 2
    # counted over all blocks of rows: a bigram once in each of two blocks
    # counts as repeated
    split = np.zeros((2048, 4), dtype=np.int64)
    split[0, :3] = split[-1, :3] = [6, 7, 8]  # 67 and 78 in both blocks
    assert ngram_buckets(split, 2, least=1) == 2
    split[-1, :3] = [8, 7, 6]
    assert ngram_buckets(split, 2, least=1) == 1  # none repeated: the least


def test_ngrams_join_the_recurrent_state_and_zero_keeps_the_plain_network():
    X = _tokens(10)
    y = np.arange(len(X)) % 2
    params = dict(cell="lstm", units=3, embedding_dim=5, epochs=1, random_state=0)
    plain = RecurrentClassifier(**params, ngrams=0).fit(X, y)
    inputs = keras.Input((None,), dtype="int32")
    x = keras.layers.LSTM(3)(keras.layers.Embedding(10, 5)(inputs))
    hand = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))
    assert plain.model_.count_params() == hand.count_params()
    assert plain.plan_["ngrams"] == 0 and plain.plan_["ngram_buckets"] == 0
    clf = RecurrentClassifier(**params, ngrams="auto").fit(X, y)  # 2 for ids
    assert clf.plan_["ngrams"] == 2 and clf.plan_["ngram_buckets"] == 2**10
    bag = (10 + 2**10) * 16 + 16  # unigram and bigram rows, 16 more output weights
    assert clf.model_.count_params() == hand.count_params() + bag
