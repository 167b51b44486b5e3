"""skops.io round trips and the Keras files of fitted networks."""

import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
from networks import gru_network

from skseq import (
    RecurrentClassifier,
    RecurrentRegressor,
    SequenceClassifier,
    SequencePadder,
    TextTokenizer,
    make_text_classifier,
)

sio = pytest.importorskip("skops.io")

TINY = dict(units=4, embedding_dim=4, epochs=1, random_state=0)


def _texts(n=40):
    good = ["a great film", "loved it", "wonderful acting", "great fun"]
    bad = ["a terrible film", "hated it", "awful acting", "boring mess"]
    rng = np.random.RandomState(0)
    text = [f"{rng.choice(good if i % 2 else bad)} {rng.choice(bad)}" for i in range(n)]
    return pd.Series(text), np.arange(n) % 2


def _round_trip(obj):
    data = sio.dumps(obj)
    untrusted = sio.get_untrusted_types(data=data)
    return sio.loads(data, trusted=untrusted), untrusted


def test_text_tokenizer_round_trip():
    X, _ = _texts()
    tokenizer = TextTokenizer(max_tokens=10).fit(X)
    loaded, untrusted = _round_trip(tokenizer)
    # the list docs/persistence.md gives
    assert untrusted == ["collections.Counter", "skseq._text.TextTokenizer"]
    assert loaded.vocabulary_ == tokenizer.vocabulary_
    assert loaded.plan_ == tokenizer.plan_
    for a, b in zip(loaded.transform(X), tokenizer.transform(X), strict=True):
        np.testing.assert_array_equal(a, b)


def test_sequence_padder_round_trip():
    X, _ = _texts()
    sequences = TextTokenizer().fit_transform(X)
    padder = SequencePadder(maxlen=0.9).fit(sequences)
    loaded, untrusted = _round_trip(padder)
    assert untrusted == ["skseq._padding.SequencePadder"]
    assert loaded.maxlen_ == padder.maxlen_
    assert loaded.plan_ == padder.plan_ and loaded.plan_.why == padder.plan_.why
    np.testing.assert_array_equal(
        loaded.transform(sequences), padder.transform(sequences)
    )


def _fitted(kind):
    rng = np.random.RandomState(0)
    if kind == "classifier":
        X = rng.randint(1, 20, size=(40, 6))
        y = (X[:, 0] > 10).astype(int)
        return RecurrentClassifier(**TINY).fit(X, y), X, "predict_proba"
    if kind == "regressor":
        X = rng.normal(size=(40, 5, 2)).astype("float32")
        return RecurrentRegressor(**TINY).fit(X, X[:, :, 0].sum(axis=1)), X, "predict"
    if kind == "own network":
        X = rng.randint(1, 20, size=(40, 6))
        own = SequenceClassifier(model=gru_network, epochs=1, random_state=0)
        return own.fit(X, (X[:, 0] > 10).astype(int)), X, "predict_proba"
    X, y = _texts()
    pipe = make_text_classifier(max_tokens=20, maxlen=4, cell="gru", **TINY)
    return pipe.fit(X, y), X, "predict_proba"


@pytest.mark.parametrize(
    "kind",
    [
        "classifier",
        "regressor",
        "text pipeline",
        "own network",
    ],
)
def test_fitted_estimator_round_trip(kind):
    estimator, X, method = _fitted(kind)
    loaded, untrusted = _round_trip(estimator)
    assert not any(name.startswith(("builtins.eval", "os.")) for name in untrusted)
    np.testing.assert_array_equal(
        getattr(loaded, method)(X), getattr(estimator, method)(X)
    )


def test_keras_file_loads_without_custom_objects(tmp_path):
    rng = np.random.RandomState(0)
    tokens = rng.randint(1, 20, size=(40, 6))
    # more than 128 smooth steps: the front-end starts with a PiecewiseMean
    values = np.cumsum(rng.normal(size=(40, 130, 2)), axis=1).astype("float32")
    values[:5, 67:] = np.nan  # right padding, which model_ reads as such
    y = (tokens[:, 0] > 10).astype(int)
    # between them, every layer skseq adds to Keras'
    fits = {
        "tokens": (tokens, dict(cell="rnn")),
        "values": (values, dict(cell="lstm", pooling="mean", scale_series=True)),
    }
    expected = {}
    for name, (X, params) in fits.items():
        clf = RecurrentClassifier(**params, **TINY).fit(X, y)
        if name == "values":
            assert clf.model_.get_layer("piecewise_mean").size == 2
            # every feature also read within its own series
            assert clf.model_.get_layer("series_standardize").features == (0, 1)
        clf.model_.save(tmp_path / f"{name}.keras")
        np.save(tmp_path / f"{name}_X.npy", X)
        expected[name] = np.asarray(clf.model_(X, training=False))
    # a fresh process, as a user loading the file would have: `import skseq`
    # registers skseq's layers with Keras, nothing else is needed
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path

        import keras
        import numpy as np

        import skseq  # noqa: F401

        folder = Path(sys.argv[1])
        for name in ("tokens", "values"):
            model = keras.models.load_model(folder / f"{name}.keras")
            X = np.load(folder / f"{name}_X.npy")
            np.save(folder / f"{name}.npy", np.asarray(model(X, training=False)))
        """
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True)
    for name, proba in expected.items():
        np.testing.assert_array_equal(np.load(tmp_path / f"{name}.npy"), proba)
