"""Long series: the front-end with and without its piecewise mean, same run.

``front_end="conv"`` averages series longer than 128 steps piecewise down to
at most 128 steps before its convolutions (``PIECEWISE_STEPS``) when the
runs' means keep 95% of the series' variance (``piecewise_size``). This
runs the default ``RecurrentClassifier`` with the mean always and never,
alternating, and prints which of the two the rule builds, on:

- ``sinusoids``: ``bench_fit_end.py``'s 5 classes of noisy sinusoids, 500
  training and 500 test series of 2,000 steps;
- ``periods``: 300 / 300 series of 2,000 steps whose 2 classes differ only
  by a period of 6 or 8 steps, far below a run of 16 (what the mean could
  lose);
- ``--datasets`` of the shared data stretched by linear interpolation
  (each series to ``--factor`` times its own length, so unequal lengths stay
  unequal): the same shapes sampled more finely, which 1-NN Euclidean, also
  printed, scores as on the originals.

"convolutions only" is the same estimator whose front-end never averages
(``conv_front_end(..., size=1)``), "piecewise mean" one that always does
(runs of ``ceil(length / 128)`` steps). Each cell: mean accuracy
over ``--seeds`` (random states 0 to N - 1), mean fit time; the last column
is the time ``piecewise_size`` takes on the training series over the
fastest of the fits (the rule runs once per fit). Run from the
repository root::

    .venv/bin/python benchmarks/bench_long_series.py [--seeds 3] [--factor 8]

and, for JapaneseVowels at ten times its lengths, ``--datasets
JapaneseVowels --factor 10``.

``--first-stride`` compares instead the front-end as the rule builds it
(on series where more than 256 steps reach the convolutions, the first one
strides over the power of two that leaves at most 256) with convolutions
of stride 2 only, adding a set of white noise in 64 channels of 3,000
steps (278 / 100 series, a period of 4 or 5 steps in one channel by class)::

    .venv/bin/python benchmarks/bench_long_series.py --first-stride \
        --seeds 1 --datasets ""
"""

import argparse
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
from bench_fit_end import series  # noqa: E402
from bench_quality import load, one_nn  # noqa: E402

import skseq._defaults as estimators  # noqa: E402
from skseq import RecurrentClassifier  # noqa: E402
from skseq._defaults import (  # noqa: E402
    THRESHOLDS,
    conv_front_end,
    kept_variance,
    piecewise_size,
)

PIECEWISE_STEPS = THRESHOLDS["long_steps"]

MODES = {
    "piecewise mean": lambda length, size=None: conv_front_end(length),
    "convolutions only": lambda length, size=None: conv_front_end(length, size=1),
}
# --first-stride: the rule as it is, against convolutions of stride 2 only
# (the former rule: no first stride over more than 2 steps)
FIRST_STRIDE_MODES = {
    "first stride": lambda length, size=None: conv_front_end(length, size=size),
    "stride 2 only": lambda length, size=None: conv_front_end(
        length, size=size, first=np.inf
    ),
}


def periods(n=600, steps=2000, seed=0):
    rng = np.random.RandomState(seed)
    y = rng.randint(2, size=n)
    t = np.arange(steps)[None]
    period = np.where(y == 1, 6.0, 8.0)[:, None]
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    X = np.sin(2 * np.pi * t / period + phase) + 0.5 * rng.randn(n, steps)
    return X[:, :, None].astype(np.float32), y


def stretch(X, factor):
    """Each series' real steps linearly interpolated to ``factor`` times as
    many; NaN padding after them."""
    lengths = (~np.isnan(X).all(axis=2)).sum(axis=1)
    out = np.full((len(X), lengths.max() * factor, X.shape[2]), np.nan, np.float32)
    for i, length in enumerate(lengths):
        t = np.linspace(0, length - 1, length * factor)
        for f in range(X.shape[2]):
            out[i, : length * factor, f] = np.interp(
                t, np.arange(length), X[i, :length, f]
            )
    return out


def channels(n=378, steps=3000, features=64, seed=0):
    """White noise in ``features`` channels, the first of which also holds a
    period of 4 or 5 steps by class: the shape of an EEG recording set."""
    rng = np.random.RandomState(seed)
    y = rng.randint(2, size=n)
    X = rng.randn(n, steps, features).astype(np.float32)
    X[:, :, 0] += np.sin(2 * np.pi * np.arange(steps) / (4 + y[:, None]))
    return X, y


def splits(args):
    X, y = series(1000, 2000)
    yield "sinusoids, 500 / 500, T=2000", (X[:500], y[:500], X[500:], y[500:])
    X, y = periods()
    yield "periods 6 / 8, 300 / 300, T=2000", (X[:300], y[:300], X[300:], y[300:])
    if args.first_stride:
        X, y = channels()
        label = "noise in 64 channels, 278 / 100, T=3000"
        yield label, (X[:278], y[:278], X[278:], y[278:])
    for name in [n for n in args.datasets.split(",") if n]:
        ((X_train, y_train, X_test, y_test),) = load(name, args.data, False)
        X_train, X_test = stretch(X_train, args.factor), stretch(X_test, args.factor)
        label = f"{name} x{args.factor}, T<={max(X_train.shape[1], X_test.shape[1])}"
        yield label, (X_train, y_train, X_test, y_test)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument("--datasets", default="GunPoint,ArrowHead,JapaneseVowels")
    parser.add_argument("--factor", type=int, default=8)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument(
        "--first-stride",
        action="store_true",
        help="the rule against stride 2 only, and a 64-channel set",
    )
    args = parser.parse_args()
    modes = FIRST_STRIDE_MODES if args.first_stride else MODES
    rows = []
    for label, (X_train, y_train, X_test, y_test) in splits(args):
        knn = np.mean(one_nn(X_train, y_train, X_test, y_test) == y_test)
        start = time.perf_counter()
        size = piecewise_size(X_train)
        choosing = time.perf_counter() - start
        default = -(-X_train.shape[1] // PIECEWISE_STEPS)
        kept = kept_variance(X_train, default)
        choice = "convolutions only" if size == 1 else f"mean of {size}"
        print(
            f"# {label}: runs of {default} keep {kept:.3f}; skseq: {choice} "
            f"(piecewise_size: {choosing:.3f} s)"
        )
        cells = {name: ([], []) for name in modes}
        for seed in range(args.seeds):
            for name, rule in modes.items():
                estimators.conv_front_end = rule
                start = time.perf_counter()
                clf = RecurrentClassifier(random_state=seed).fit(X_train, y_train)
                cells[name][1].append(time.perf_counter() - start)
                cells[name][0].append(np.mean(clf.predict(X_test) == y_test))
                print(f"# {label}, {name}, seed {seed}: {cells[name][0][-1]:.3f}")
        estimators.conv_front_end = conv_front_end
        rows.append((f"{label} (kept {kept:.3f}: {choice})", knn, cells, choosing))
    print(f"\nmean over seeds 0-{args.seeds - 1}: accuracy (fit seconds)")
    print(
        "| series | 1-NN | "
        + " | ".join(modes)
        + (
            " | fit time, first / stride 2"
            if args.first_stride
            else " | fit time, mean / only"
        )
        + " | piecewise_size / fastest fit |"
    )
    print("|---|---:|" + "---:|" * len(modes) + "---:|---:|")
    for label, knn, cells, choosing in rows:
        scores = [f"{np.mean(a):.3f} ({np.mean(s):.0f} s)" for a, s in cells.values()]
        (_, fast), (_, slow) = cells.values()
        ratio = np.mean(fast) / np.mean(slow)
        share = choosing / min(fast + slow)
        print(
            f"| {label} | {knn:.3f} | " + " | ".join(scores) + f" | {ratio:.2f} "
            f"| {share:.4f} |"
        )


if __name__ == "__main__":
    main()
