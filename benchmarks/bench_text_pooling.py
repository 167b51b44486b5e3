"""Fit time of the default text pipeline, last state against max pooling.

Beside the n-gram bag of ``make_text_classifier``, ``pooling="auto"`` takes
the max over the recurrent states of texts whose median length exceeds 128
tokens (``benchmarks/README.md``, "Rule: pooling"). This script fits
``make_text_classifier(random_state=seed)`` on IMDB reviews (median 175
tokens) with ``pooling="last"`` and with the default, one after the other
in the same process, and prints per fit the test accuracy, the fit time,
the epochs (early-stopped run on 90 % of the reviews, then the refit on
all) and the fit time per epoch: whether a longer fit comes from the cost
of an epoch or from their number. Run from the repository root::

    .venv/bin/python benchmarks/bench_text_pooling.py [--n 2000] [--seeds 2]
"""

import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # Keras' default backend

import numpy as np  # noqa: E402

from skseq import make_text_classifier  # noqa: E402
from skseq.datasets import load_imdb  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument("--n", type=int, default=2000, help="reviews per split")
    parser.add_argument("--seeds", type=int, default=2, help="random states 0..N-1")
    args = parser.parse_args()
    train = load_imdb("train", data_home=args.data, n_samples=args.n)
    test = load_imdb("test", data_home=args.data, n_samples=args.n)
    header = ["seed", "pooling", "accuracy", "fit (s)", "epochs (stopped + refit)"]
    print("| " + " | ".join([*header, "s / epoch"]) + " |")
    print("|---:|---|---:|---:|---|---:|")
    for seed in range(args.seeds):
        for pooling in ("last", "auto"):
            start = time.perf_counter()
            pipe = make_text_classifier(random_state=seed, pooling=pooling)
            pipe.fit(train["text"], train["label"])
            seconds = time.perf_counter() - start
            clf = pipe[-1]
            accuracy = np.mean(pipe.predict(test["text"]) == test["label"].to_numpy())
            stopped = len(clf.validation_scores_)
            epochs = stopped + clf.n_iter_
            print(
                f"| {seed} | {clf.plan_['pooling']} | {accuracy:.4f} | {seconds:.0f} | "
                f"{epochs} ({stopped} + {clf.n_iter_}) | {seconds / epochs:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
