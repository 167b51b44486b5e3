"""Fit time on IMDB: hand-written Keras versus skseq, same network, same run.

The seed recipes (regex word tokens, ``pad_sequences``):

- GRU(64) + dropout 0.3, vocabulary 4,000, maxlen 400, post-padded;
- LSTM(64) + dropout 0.3, vocabulary 4,000, maxlen 400, post-padded;
- SimpleRNN(32), vocabulary 10,000, maxlen 500, pre-padded.

Hand-written Keras trains on the padded arrays as the seeds did (no mask).
skseq trains ``RecurrentClassifier`` on the same padded arrays: it skips the
padding (masking, or reading each sequence's last real step), trains on
length-bucketed batches and, by default, clips each gradient to norm 1. Both
use embedding 32, Adam 1e-3, batch 128 and the same epochs, on the first
20,000 training reviews (the seeds' validation_split=0.2 leaves those), and
are scored on the 25,000 test reviews, after one small warm-up fit of each
(TensorFlow's one-off start-up). A last line times skseq with bucketing off
on the last recipe's padded arrays, the same steps as the hand-written
network: the difference is the wrapper's overhead plus that of skseq's
layers (an LSTM or GRU returning its sequence to pick the last real step
costs more per step, the projected SimpleRNN less).

Repeat ``i`` seeds both sides with ``i``. Timings keep each side's fastest
wall time and lowest CPU time (all threads of the process): wall time on
these shared machines varies by up to 2x between identical fits, CPU time
much less. Accuracy is the mean (and standard deviation) over the seeds.

Run from the repository root::

    .venv/bin/python benchmarks/bench_fit_imdb.py [--epochs 2] [--repeats 3]
        [--ngrams 2]

``--ngrams 2`` adds skseq's n-gram bag (``ngrams=2``, the default text
pipeline's) to skseq's side only: the time it adds to the same network.
"""

import argparse
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

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


def hand_written(recipe, mask, seed=0):
    keras.utils.set_random_seed(seed)
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
    """Wall and CPU (all threads of the process) seconds of ``fn()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def keras_run(recipe, data, epochs, mask=False, seed=0):
    (X, y), (X_test, y_test) = data
    model = hand_written(recipe, mask, seed)
    seconds = timed(lambda: model.fit(X, y, batch_size=BATCH, epochs=epochs, verbose=0))
    accuracy = model.evaluate(X_test, y_test, batch_size=512, verbose=0)[1]
    return seconds, accuracy


def skseq_run(recipe, data, epochs, bucketing=True, seed=0, ngrams=0):
    (X, y), (X_test, y_test) = data
    clf = RecurrentClassifier(
        cell=recipe["cell"],
        units=recipe["units"],
        dropout=recipe["dropout"],
        embedding_dim=EMBEDDING,
        batch_size=BATCH,
        epochs=epochs,
        bucketing=bucketing,
        ngrams=ngrams,  # 0, the default: the hand-written network
        random_state=seed,
    )
    seconds = timed(lambda: clf.fit(X, y))
    return seconds, clf.score(X_test, y_test)


def fastest(runs):
    """The fastest wall time, the lowest CPU time, mean and sd of accuracy."""
    accuracy = np.array([acc for _, acc in runs])
    return (
        min(wall for (wall, _), _ in runs),
        min(cpu for (_, cpu), _ in runs),
        accuracy.mean(),
        accuracy.std(ddof=1) if len(runs) > 1 else 0.0,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--recipes", nargs="*", default=list(RECIPES))
    parser.add_argument("--n-train", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--ngrams",
        type=int,
        default=0,
        help="skseq's n-gram bag beside the same network (the default text "
        "pipeline's is 2), to price it against the same hand-written network",
    )
    args = parser.parse_args()

    train, test = (
        load_imdb("train", data_home=args.data),
        load_imdb("test", data_home=args.data),
    )
    train = train.sample(frac=1.0, random_state=0).iloc[: args.n_train]
    print(
        f"IMDB: {len(train)} train / {len(test)} test reviews, {args.epochs} epochs; "
        f"{args.repeats} alternating runs with seeds 0..{args.repeats - 1}: the "
        "fastest wall and CPU time of each side, mean (sd) test accuracy"
    )
    print(
        f"{'recipe':<7}{'keras s':>9}{'skseq s':>9}{'ratio':>7}{'limit':>7}"
        f"{'cpu ratio':>10}{'keras acc':>16}{'skseq acc':>16}{'skseq cold s':>14}"
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
        # alternate the two, keep each one's fastest: the machines are noisy.
        # skseq's first fit of a recipe also builds and traces its trainer,
        # which later fits of the same network reuse ("cold" is that fit).
        runs = [
            (
                keras_run(recipe, data, args.epochs, seed=seed),
                skseq_run(recipe, data, args.epochs, seed=seed, ngrams=args.ngrams),
            )
            for seed in range(args.repeats)
        ]
        k_s, k_cpu, k_acc, k_sd = fastest([k for k, _ in runs])
        s_s, s_cpu, s_acc, s_sd = fastest([s for _, s in runs])
        cold = runs[0][1][0][0]
        print(
            f"{name:<7}{k_s:>9.1f}{s_s:>9.1f}{s_s / k_s:>7.2f}{limit:>7.2f}"
            f"{s_cpu / k_cpu:>10.2f}{f'{k_acc:.3f} ({k_sd:.3f})':>16}"
            f"{f'{s_acc:.3f} ({s_sd:.3f})':>16}{cold:>14.1f}",
            flush=True,
        )
    # the last recipe's arrays once more: bucketing off, so skseq runs the
    # full padded width like the hand-written network timed just above
    off = [
        skseq_run(recipe, data, args.epochs, bucketing=False, seed=seed)
        for seed in range(args.repeats)
    ]
    s_off, cpu_off, acc_off, _ = fastest(off)
    print(
        f"\nbucketing off ({name}): skseq {s_off:.1f} s against hand-written "
        f"{k_s:.1f} s on the same padded arrays, overhead "
        f"{100 * (s_off / k_s - 1):+.1f}% (CPU {100 * (cpu_off / k_cpu - 1):+.1f}%, "
        f"mean test accuracy {acc_off:.3f})"
    )


if __name__ == "__main__":
    main()
