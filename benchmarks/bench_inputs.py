"""Input coercion: skseq's token compaction versus a hand-written Keras one.

The estimators accept padded token arrays with the padding on either side
and right-align them once per ``fit`` / ``predict`` (``skseq._inputs``). The
baseline is what one writes by hand for the same result: drop each row's
zeros and ``keras.utils.pad_sequences(..., padding="post")``. Data: the
25,000 IMDB training reviews, ``TextTokenizer(max_tokens=10000)``,
pre-padded and pre-truncated to 500 steps as the SimpleRNN seed recipe does.
Rounds alternate; each side keeps its fastest. Run from the repository
root::

    .venv/bin/python benchmarks/bench_inputs.py [--rounds 5]
"""

import argparse
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from skseq import TextTokenizer  # noqa: E402
from skseq._inputs import coerce  # noqa: E402
from skseq.datasets import load_imdb  # noqa: E402


def hand_written(X):
    return keras.utils.pad_sequences([row[row != 0] for row in X], padding="post")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = load_imdb("train", data_home=args.data)["text"]
    ids = TextTokenizer(max_tokens=10_000, strip_html=True).fit_transform(texts)
    X = keras.utils.pad_sequences(ids, maxlen=500, padding="pre", truncating="pre")
    ours, theirs = coerce(X), hand_written(X)
    assert np.array_equal(ours.values, theirs)
    best = {"skseq": np.inf, "hand-written": np.inf}
    for _ in range(args.rounds):
        for name, fn in (("skseq", coerce), ("hand-written", hand_written)):
            start = time.perf_counter()
            fn(X)
            best[name] = min(best[name], time.perf_counter() - start)
    print(f"right-align {X.shape[0]} x {X.shape[1]} pre-padded token ids")
    for name, seconds in best.items():
        print(f"  {name:<13}{1000 * seconds:9.1f} ms")
    print(f"  skseq / hand-written: {best['skseq'] / best['hand-written']:.3f}")


if __name__ == "__main__":
    main()
