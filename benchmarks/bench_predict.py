"""Predict latency and throughput: skseq versus ``keras.Model.predict``.

Fits an LSTM(64) text classifier on 2,000 IMDB reviews (1 epoch; the weights
do not matter for timing), then measures in the same process:

- the median latency of a one-sample ``predict_proba`` of the fitted text
  pipeline (tokenize, pad, predict), of the bare RecurrentClassifier on
  padded token ids and of a SequenceClassifier around the same layers
  written as a user's Keras network, against ``model_.predict`` on the same
  padded sample;
- the throughput of ``predict_proba`` on 10,000 test reviews against
  ``model_.predict`` on the same padded array (batch 32, Keras' default, and
  256), and the largest difference between the two outputs.

Run from the repository root::

    .venv/bin/python benchmarks/bench_predict.py [--data ../shared/data] [--ngrams 2]

The text classifier has no n-gram bag (``ngrams=0``), as the user's network;
``--ngrams 2`` gives it the default text pipeline's (the user's network stays
without it).
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from skseq import SequenceClassifier, make_text_classifier  # noqa: E402
from skseq.datasets import load_imdb  # noqa: E402


def user_network(vocabulary_size, n_outputs, output_activation):
    """The recipe's layers as a user would write them."""
    return keras.Sequential(
        [
            keras.Input((None,), dtype="int32"),
            keras.layers.Embedding(vocabulary_size, 32, mask_zero=True),
            keras.layers.LSTM(64),
            keras.layers.Dense(n_outputs, activation=output_activation),
        ]
    )


def median_ms(fn, repeats):
    fn()  # warm up: trace once
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def seconds(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--ngrams", type=int, default=0, help="n-gram bag")
    args = parser.parse_args()

    train = load_imdb("train", data_home=args.data).sample(2000, random_state=0)
    test = load_imdb("test", data_home=args.data).sample(10000, random_state=0)
    pipe = make_text_classifier(
        max_tokens=10000,
        strip_html=True,
        maxlen=400,
        padding="post",
        units=64,
        embedding_dim=32,
        ngrams=args.ngrams,
        epochs=1,
        random_state=0,
    ).fit(train["text"], train["label"])
    clf = pipe[-1]
    model = clf.model_
    text = test["text"].iloc[:1]
    padded = pipe[:-1].transform(text)

    ms_pipe = median_ms(lambda: pipe.predict_proba(text), args.repeats)
    ms_bare = median_ms(lambda: clf.predict_proba(padded), args.repeats)
    own = SequenceClassifier(model=user_network, epochs=1, random_state=0)
    own.fit(pipe[:-1].transform(train["text"]), train["label"])
    ms_own = median_ms(lambda: own.predict_proba(padded), args.repeats)
    ms_keras = median_ms(lambda: model.predict(padded, verbose=0), args.repeats // 4)
    print("one-sample latency, median of repeated calls")
    print(f"  text pipeline predict_proba : {ms_pipe:7.2f} ms")
    print(f"  RecurrentClassifier         : {ms_bare:7.2f} ms")
    print(f"  SequenceClassifier (own)    : {ms_own:7.2f} ms")
    print(f"  keras Model.predict         : {ms_keras:7.2f} ms")
    print(
        "  speed-up of the bare estimator over Model.predict: "
        f"{ms_keras / ms_bare:.1f}x"
    )

    X = pipe[:-1].transform(test["text"])
    ours, s_ours = seconds(lambda: clf.predict_proba(X))
    ref32, s_32 = seconds(lambda: model.predict(X, verbose=0))
    ref256, s_256 = seconds(lambda: model.predict(X, batch_size=256, verbose=0))
    print(f"\n10,000 reviews (maxlen 400, {100 * (X != 0).mean():.0f}% real tokens)")
    print(f"  RecurrentClassifier.predict_proba : {s_ours:6.2f} s")
    print(
        f"  Model.predict batch 32            : {s_32:6.2f} s"
        f"  ratio {s_ours / s_32:.2f}"
    )
    print(
        f"  Model.predict batch 256           : {s_256:6.2f} s"
        f"  ratio {s_ours / s_256:.2f}"
    )
    print(
        "  max |difference| of probabilities : "
        f"{np.abs(ours[:, 1] - ref32[:, 0]).max():.2e}"
    )


if __name__ == "__main__":
    main()
