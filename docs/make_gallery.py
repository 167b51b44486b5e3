"""Draw the figures of docs/gallery.md into docs/_static/gallery/.

One figure per example script, each on data that ships with scikit-learn
(the 8x8 digits, the text of its dataset descriptions) or is generated here,
with small networks and few epochs: no dataset folder, about a minute on two
cores. Run from the repository root (``make gallery``)::

    python docs/make_gallery.py          # every figure
    python docs/make_gallery.py cells    # only some, by name
"""

import os
import sys
import textwrap
import time
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn import datasets  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import ConfusionMatrixDisplay  # noqa: E402
from sklearn.model_selection import LearningCurveDisplay, train_test_split  # noqa: E402

from skseq import RecurrentClassifier, TextTokenizer  # noqa: E402
from skseq.plotting import plot_history  # noqa: E402

OUT = Path(__file__).parent / "_static" / "gallery"
DPI = 72
# hold out 20% for the validation curve; the patience keeps every epoch
CURVES = dict(early_stopping=True, validation_fraction=0.2, random_state=0)


def _digits(n=600):
    """The first ``n`` 8x8 digits, each image 8 steps (rows) of 8 pixels."""
    digits = datasets.load_digits()
    return digits.images[:n].astype("float32") / 16.0, digits.target[:n]


def _panels(fits, title):
    """One plot_history panel per fitted estimator, sharing the y axis."""
    fig, axes = plt.subplots(1, len(fits), figsize=(3.1 * len(fits), 2.9), sharey=True)
    for ax, (name, clf) in zip(np.atleast_1d(axes), fits.items(), strict=True):
        plot_history(clf, ax=ax)
        ax.set_title(name, fontsize=10)
        ax.legend(fontsize=8)
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return fig


def _fit_each(variants, X, y, epochs):
    return {
        name: RecurrentClassifier(
            **params, epochs=epochs, n_iter_no_change=epochs, **CURVES
        ).fit(X, y)
        for name, params in variants.items()
    }


def cells():
    """examples/imdb_rnn_lstm_gru.py: SimpleRNN, LSTM and GRU side by side."""
    X, y = _digits()
    variants = {
        f"{label}(16)": dict(cell=cell, units=16, learning_rate=0.01)
        for cell, label in (("rnn", "SimpleRNN"), ("lstm", "LSTM"), ("gru", "GRU"))
    }
    fits = _fit_each(variants, X, y, epochs=12)
    return _panels(fits, "8x8 digits read row by row: one layer of each cell")


def stacked_bidirectional():
    """examples/imdb_stacked_bidirectional.py: units=(16, 16), bidirectional."""
    X, y = _digits()
    variants = {
        "LSTM(16)": dict(units=16, learning_rate=0.01),
        "BiLSTM(16) x 2": dict(units=(16, 16), bidirectional=True, learning_rate=0.01),
    }
    fits = _fit_each(variants, X, y, epochs=12)
    return _panels(fits, "One layer against two stacked bidirectional layers")


def _pixel_tokens(X, positions=False):
    """Digits as 64 tokens, one per pixel: its grey level, and its position.

    Ids start at 1 (0 is padding): grey level + 1, or with ``positions`` one
    id per (pixel, grey level) pair, which an order-blind model also reads.
    """
    levels = np.rint(X.reshape(len(X), -1) * 16).astype("int32")
    if positions:
        levels += 17 * np.arange(levels.shape[1])
    return levels + 1


def embedding_pooling():
    """examples/imdb_embedding_pooling.py: embedding + mean pooling, no RNN."""
    X, y = _digits(1000)
    tokens = _pixel_tokens(X, positions=True)
    train_X, test_X, train_y, test_y = train_test_split(
        tokens, y, test_size=0.3, random_state=0, stratify=y
    )
    variants = {
        "embedding + mean pooling": dict(units=(), pooling="mean", learning_rate=0.01),
        "embedding + GRU(16)": dict(cell="gru", units=16, learning_rate=0.01),
    }
    scores = {}
    for name, params in variants.items():
        clf = RecurrentClassifier(**params, embedding_dim=16, epochs=10, random_state=0)
        scores[name] = clf.fit(train_X, train_y).score(test_X, test_y)
    pixels = X.reshape(len(X), -1)
    train_p, test_p = train_test_split(
        pixels, test_size=0.3, random_state=0, stratify=y
    )
    baseline = LogisticRegression(max_iter=2000).fit(train_p, train_y)
    scores["pixels + logistic regression"] = baseline.score(test_p, test_y)
    fig, ax = plt.subplots(figsize=(6.2, 2.4))
    names = list(scores)
    ax.barh(names, [scores[n] for n in names], color=["C0", "C1", "C7"])
    for i, name in enumerate(names):
        ax.text(scores[name] - 0.01, i, f"{scores[name]:.3f}", ha="right", va="center")
    ax.set_xlim(0, 1)
    ax.set_xlabel("test accuracy")
    ax.invert_yaxis()
    ax.set_title("Digits as 64 (pixel, grey level) tokens, 10 epochs", fontsize=11)
    fig.tight_layout()
    return fig


def rows_as_sequences():
    """examples/fashion_mnist_rows.py: images as sequences of rows."""
    X, y = _digits(1200)
    train_X, test_X, train_y, test_y = train_test_split(
        X, y, test_size=0.3, random_state=0, stratify=y
    )
    clf = RecurrentClassifier(cell="gru", units=32, epochs=15, learning_rate=0.01)
    clf.set_params(random_state=0).fit(train_X, train_y)
    fig, ax = plt.subplots(figsize=(4.6, 4))
    ConfusionMatrixDisplay.from_estimator(
        clf, test_X, test_y, ax=ax, colorbar=False, text_kw={"fontsize": 7}
    )
    ax.set_title(
        f"GRU(32) over 8 rows of 8 pixels: test accuracy "
        f"{clf.score(test_X, test_y):.3f}",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


def _corpus():
    """The dataset descriptions that ship with scikit-learn, as one text."""
    loaders = (datasets.load_iris, datasets.load_wine, datasets.load_diabetes)
    loaders += (datasets.load_breast_cancer, datasets.load_digits)
    text = " ".join(" ".join(loader().DESCR.split()) for loader in loaders)
    return "".join(c for c in text.lower() if c.isalpha() or c in " .,")


def char_generation():
    """examples/char_text_generation.py: a character-level model, sampled."""
    text = _corpus()
    tokenizer = TextTokenizer(char_level=True, lowercase=False).fit([text])
    ids = tokenizer.transform([text])[0]
    width = 24
    starts = np.arange(0, len(ids) - width - 1, 3)
    X = np.stack([ids[s : s + width] for s in starts])
    y = ids[starts + width]
    clf = RecurrentClassifier(
        cell="gru", units=64, embedding_dim=16, epochs=8, learning_rate=0.005
    )
    clf.set_params(**CURVES, n_iter_no_change=8).fit(X, y)
    rng = np.random.RandomState(0)
    seed = "the data set contains the "
    window = list(tokenizer.transform([seed])[0])
    generated = []
    for _ in range(90):
        proba = clf.predict_proba(np.array([window[-width:]]))[0] ** (1 / 0.5)
        nxt = clf.classes_[rng.choice(len(proba), p=proba / proba.sum())]
        window.append(nxt)
        generated.append(nxt)
    sample = tokenizer.inverse_transform([np.array(generated)])[0]
    fig, ax = plt.subplots(figsize=(6.2, 3.2))
    plot_history(clf, ax=ax)
    ax.set_title(
        f"GRU(64) on {len(text):,} characters of scikit-learn's dataset descriptions",
        fontsize=10,
    )
    lines = textwrap.wrap(f"sampled at temperature 0.5: {seed}{sample}", 100)
    fig.text(0.02, 0.02, "\n".join(lines), fontsize=7, family="monospace")
    fig.tight_layout(rect=(0, 0.04 * (len(lines) + 1), 1, 1))
    return fig


def learning_curves():
    """examples/learning_curves.py: plot_history and LearningCurveDisplay."""
    X, y = _digits()
    clf = RecurrentClassifier(
        cell="gru", units=16, epochs=12, learning_rate=0.01, n_iter_no_change=12
    )
    clf.set_params(**CURVES).fit(X, y)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.4, 3))
    plot_history(clf, ax=left)
    left.set_title("per epoch: plot_history", fontsize=10)
    small = RecurrentClassifier(
        cell="gru", units=16, epochs=5, learning_rate=0.01, random_state=0
    )
    LearningCurveDisplay.from_estimator(
        small, X, y, train_sizes=[0.3, 1.0], cv=3, ax=right, score_name="accuracy"
    )
    right.set_title("per training-set size: LearningCurveDisplay", fontsize=10)
    fig.tight_layout()
    return fig


def frozen_embeddings():
    """examples/frozen_embeddings.py: embeddings learned on one task, reused."""
    X, y = _digits(1797)
    tokens = _pixel_tokens(X)
    big_X, small_X, big_y, small_y = train_test_split(
        tokens, y, test_size=150, random_state=0, stratify=y
    )
    source = RecurrentClassifier(
        cell="gru", units=16, embedding_dim=8, epochs=3, learning_rate=0.01
    ).fit(big_X, big_y >= 5)
    learned = source.model_.get_layer("embedding").get_weights()[0]
    variants = {
        "from scratch": dict(),
        "frozen, from the source task": dict(
            embeddings=learned, trainable_embeddings=False
        ),
    }
    base = dict(cell="gru", units=16, embedding_dim=8, learning_rate=0.01)
    fits = _fit_each(
        {k: {**base, **v} for k, v in variants.items()}, small_X, small_y, 20
    )
    return _panels(
        fits, "150 digits as pixel tokens; embeddings from digits >= 5 or not"
    )


def time_series():
    """examples/time_series_ucr.py: series of unequal length, NaN-padded."""
    rng = np.random.RandomState(0)
    n, longest = 300, 60
    lengths = rng.randint(20, longest + 1, size=n)
    y = rng.randint(0, 2, size=n)
    X = np.full((n, longest, 1), np.nan, dtype="float32")
    for i, (length, label) in enumerate(zip(lengths, y, strict=True)):
        t = np.arange(length) / 6.0 + rng.uniform(0, 6)
        wave = np.sin(t) if label else 2 * (t / np.pi % 1.0) - 1
        X[i, :length, 0] = wave + rng.normal(scale=0.15, size=length)
    clf = RecurrentClassifier(
        cell="lstm", units=16, epochs=15, learning_rate=0.01, n_iter_no_change=15
    )
    clf.set_params(**CURVES).fit(X, y)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.4, 3))
    for label, name in ((1, "sine"), (0, "sawtooth")):
        for i in np.flatnonzero(y == label)[:2]:
            left.plot(X[i, :, 0], color=f"C{label}", lw=1, label=name)
    handles, names = left.get_legend_handles_labels()
    left.legend(handles[::2], names[::2], fontsize=8)
    left.set_title("two classes of noisy waves, 20-60 steps", fontsize=10)
    left.set_xlabel("step (NaN after each series' end)")
    plot_history(clf, ax=right)
    right.set_title("LSTM(16) on the NaN-padded array", fontsize=10)
    fig.tight_layout()
    return fig


FIGURES = [
    cells,
    stacked_bidirectional,
    embedding_pooling,
    rows_as_sequences,
    char_generation,
    learning_curves,
    frozen_embeddings,
    time_series,
]


def main(names):
    OUT.mkdir(parents=True, exist_ok=True)
    chosen = [f for f in FIGURES if not names or f.__name__ in names]
    unknown = set(names) - {f.__name__ for f in FIGURES}
    if unknown:
        raise SystemExit(
            f"unknown figure(s) {sorted(unknown)}; choose from "
            f"{[f.__name__ for f in FIGURES]}"
        )
    for make in chosen:
        start = time.perf_counter()
        fig = make()
        path = OUT / f"{make.__name__}.png"
        fig.savefig(path, dpi=DPI)
        plt.close(fig)
        print(
            f"{path}: {path.stat().st_size / 1024:.0f} KB, "
            f"{time.perf_counter() - start:.1f} s",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
