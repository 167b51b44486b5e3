"""The end of a fit: closing its tf.data iterator, with and without autotuning.

A default ``RecurrentClassifier`` fit of ``--n`` random series of
``--steps`` steps (5 classes, explicit ``--epochs`` so both runs train the
same steps), run ``--repeats`` times in each mode, alternating: skseq's
training datasets (tf.data autotuning off) and the same datasets with
autotuning on (TensorFlow's default). For each fit: the wall time of the
whole ``fit``, the time from its first epoch's start to its last epoch's end,
and the rest (building the trainer once, then mostly closing the iterator).
Run from the repository root::

    .venv/bin/python benchmarks/bench_fit_end.py [--n 500] [--steps 2000] [--epochs 63]
"""

import argparse
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import skseq._batching as batching  # noqa: E402
from skseq import RecurrentClassifier  # noqa: E402


class _Epochs(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.first = getattr(self, "first", time.perf_counter())

    def on_epoch_end(self, epoch, logs=None):
        self.last = time.perf_counter()


def series(n, steps, seed=0):
    rng = np.random.RandomState(seed)
    y = rng.randint(5, size=n)
    t = np.linspace(0, 5, steps)
    X = np.sin(2 * np.pi * (2 + 0.5 * y[:, None]) * t[None]) + 0.5 * rng.randn(n, steps)
    return X[:, :, None].astype(np.float32), y


def one_fit(X, y, epochs):
    clock = _Epochs()
    start = time.perf_counter()
    RecurrentClassifier(random_state=0, epochs=epochs, callbacks=[clock]).fit(X, y)
    end = time.perf_counter()
    return end - start, clock.last - clock.first


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--epochs", type=int, default=63)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    X, y = series(args.n, args.steps)
    autotuned = tf.data.Options()
    autotuned.autotune.enabled = True
    modes = {"skseq (autotuning off)": batching._OPTIONS, "autotuning on": autotuned}
    results = {name: [] for name in modes}
    for _ in range(args.repeats):
        for name, options in modes.items():
            batching._OPTIONS = options
            results[name].append(one_fit(X, y, args.epochs))
            print(f"# {name}: fit {results[name][-1][0]:.1f} s", flush=True)
    print(
        f"\n{args.n} series x {args.steps} steps, {args.epochs} epochs, "
        f"{args.repeats} fits each"
    )
    print("| datasets | fit (s), each | epochs (s), each | rest (s), each |")
    print("|---|---|---|---|")
    for name, runs in results.items():
        fits = ", ".join(f"{f:.1f}" for f, _ in runs)
        epochs = ", ".join(f"{e:.1f}" for _, e in runs)
        rest = ", ".join(f"{f - e:.1f}" for f, e in runs)
        print(f"| {name} | {fits} | {epochs} | {rest} |")
    mean = {name: np.mean([f for f, _ in runs]) for name, runs in results.items()}
    off, on = mean.values()
    print(f"\nmean fit time, autotuning off / on: {off / on:.2f}")


if __name__ == "__main__":
    main()
