"""Fit time on IMDB: hand-written Keras versus skseq, same network, same run.

The seed recipes (regex word tokens, ``pad_sequences``):

- GRU(64) + dropout 0.3, vocabulary 4,000, maxlen 400, post-padded;
- LSTM(64) + dropout 0.3, vocabulary 4,000, maxlen 400, post-padded;
- SimpleRNN(32), vocabulary 10,000, maxlen 500, pre-padded.

Hand-written Keras trains on the padded arrays as the seeds did (no mask).
skseq trains ``RecurrentClassifier`` on the same padded arrays: it skips the
padding (masking, or reading each sequence's last real step) and trains on
length-bucketed batches. Both use embedding 32, Adam
1e-3, batch 128 and the same epochs, on the first 20,000 training reviews
(the seeds' validation_split=0.2 leaves those), and are scored on the 25,000
test reviews, after one small warm-up fit of each (TensorFlow's one-off
start-up). A last line times skseq with bucketing off on the last recipe's
padded arrays: the same work as the hand-written network, so the difference
is the wrapper's own overhead.

Run from the repository root::

    .venv/bin/python benchmarks/bench_fit_imdb.py [--epochs 2] [--repeats 2]
"""

import argparse
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402

from skseq import RecurrentClassifier, TextTokenizer  # noqa: E402
from skseq.datasets import load_imdb  # noqa: E402

RECIPES = {
    "gru": dict(cell="gru", units=64, dropout=0.3, vocab=4000, maxlen=400, pad="post"),
    "lstm": dict(
        cell="lstm", units=64, dropout=0.3, vocab=4000, maxlen=400, pad="post"
    ),
    "rnn": dict(cell="rnn", units=32, dropout=0.0, vocab=10000, maxlen=500, pad="pre"),
}
LAYERS = {
    "rnn": keras.layers.SimpleRNN,
    "lstm": keras.layers.LSTM,
    "gru": keras.layers.GRU,
}
EMBEDDING, BATCH = 32, 128


def hand_written(recipe, mask):
    keras.utils.set_random_seed(0)
    inputs = keras.Input((recipe["maxlen"],), dtype="int32")
    x = keras.layers.Embedding(recipe["vocab"], EMBEDDING, mask_zero=mask)(inputs)
    x = LAYERS[recipe["cell"]](recipe["units"])(x)
    if recipe["dropout"]:
        x = keras.layers.Dropout(recipe["dropout"])(x)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))
    model.compile(
        keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"]
    )
    return model


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def keras_run(recipe, data, epochs, mask=False):
    (X, y), (X_test, y_test) = data
    model = hand_written(recipe, mask)
    _, seconds = timed(
        lambda: model.fit(X, y, batch_size=BATCH, epochs=epochs, verbose=0)
    )
    accuracy = model.evaluate(X_test, y_test, batch_size=512, verbose=0)[1]
    return seconds, accuracy


def skseq_run(recipe, data, epochs, bucketing=True):
    (X, y), (X_test, y_test) = data
    clf = RecurrentClassifier(
        cell=recipe["cell"],
        units=recipe["units"],
        dropout=recipe["dropout"],
        embedding_dim=EMBEDDING,
        batch_size=BATCH,
        epochs=epochs,
        bucketing=bucketing,
        random_state=0,
    )
    _, seconds = timed(lambda: clf.fit(X, y))
    return seconds, clf.score(X_test, y_test)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--recipes", nargs="*", default=list(RECIPES))
    parser.add_argument("--n-train", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()

    train, test = (
        load_imdb("train", data_home=args.data),
        load_imdb("test", data_home=args.data),
    )
    train = train.sample(frac=1.0, random_state=0).iloc[: args.n_train]
    print(
        f"IMDB: {len(train)} train / {len(test)} test reviews, {args.epochs} epochs, "
        f"fastest of {args.repeats} alternating runs"
    )
    print(
        f"{'recipe':<8}{'keras s':>9}{'skseq s':>9}{'ratio':>7}{'limit':>7}"
        f"{'keras acc':>11}{'skseq acc':>11}"
    )
    warmed = False
    for name in args.recipes:
        recipe = RECIPES[name]
        tokenizer = TextTokenizer(max_tokens=recipe["vocab"], strip_html=True)
        ids = tokenizer.fit_transform(train["text"])
        test_ids = tokenizer.transform(test["text"])
        pad = dict(
            maxlen=recipe["maxlen"], padding=recipe["pad"], truncating=recipe["pad"]
        )
        X = keras.utils.pad_sequences(ids, **pad)
        X_test = keras.utils.pad_sequences(test_ids, **pad)
        data = (X, train["label"].to_numpy()), (X_test, test["label"].to_numpy())
        limit = (X != 0).mean()  # real steps / all steps: perfect bucketing
        if not warmed:  # TensorFlow's one-off start-up out of the timings
            small = (X[:256], data[0][1][:256]), (X_test[:256], data[1][1][:256])
            keras_run(recipe, small, 1)
            skseq_run(recipe, small, 1)
            warmed = True
        # alternate the two, keep each one's fastest: the machines are noisy
        runs = [
            (keras_run(recipe, data, args.epochs), skseq_run(recipe, data, args.epochs))
            for _ in range(args.repeats)
        ]
        k_s, k_acc = min(k for k, _ in runs)
        s_s, s_acc = min(s for _, s in runs)
        print(
            f"{name:<8}{k_s:>9.1f}{s_s:>9.1f}{s_s / k_s:>7.2f}{limit:>7.2f}"
            f"{k_acc:>11.3f}{s_acc:>11.3f}",
            flush=True,
        )
    # the last recipe's arrays once more: bucketing off, so skseq runs the
    # full padded width like the hand-written network timed just above
    s_off, acc_off = min(
        skseq_run(recipe, data, args.epochs, bucketing=False)
        for _ in range(args.repeats)
    )
    print(
        f"\nbucketing off ({name}): skseq {s_off:.1f} s against hand-written "
        f"{k_s:.1f} s on the same padded arrays, overhead "
        f"{100 * (s_off / k_s - 1):+.1f}% (test accuracy {acc_off:.3f})"
    )


if __name__ == "__main__":
    main()
