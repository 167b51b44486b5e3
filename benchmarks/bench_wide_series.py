"""Wide series: the compute bound of ``epochs="auto"``, with and without it.

``epochs="auto"`` on float values asks for 2,000 gradient steps within 10
to 500 epochs and keeps the epochs' forward passes within ``budget_macs``
multiply-adds (``skseq._defaults.forward_macs``, down to the least 10
epochs). Four suite sets of 181-613 series reach the bound (1.5e11), which
cuts 5-18% of their epochs; series of thousands of steps in tens to
thousands of channels reach it by far more.
This fits the defaults (``random_state=0``) on sets of the shapes of UEA
sets that the shared data lacks, with the bound and without it (the
threshold set to 1e30), in one process, and prints the planned and
trained epochs, the fit time and the test accuracy of each.

Each set is white noise in every channel, plus a sine of ``4 + class``
steps a period in the first channel: a signal the network must find among
the channels, at chance level (1 / classes) for a model that does not.
``--unbounded`` names the shapes also fitted without the bound (the fits
that take minutes); for the others the line gives the epochs it would plan.
Run from the repository root::

    .venv/bin/python benchmarks/bench_wide_series.py \
        --unbounded MotorImagery,Heartbeat,PEMS-SF
"""

import argparse
import os
import time
import types

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

import skseq._defaults as _defaults  # noqa: E402
from skseq import RecurrentClassifier  # noqa: E402

# name: training series, test series, steps, channels, classes (the UEA set
# of that shape; DuckDuckGeese has 50 / 50)
SHAPES = {
    "MotorImagery": (278, 100, 3000, 64, 2),
    "Heartbeat": (204, 205, 405, 61, 2),
    "PEMS-SF": (267, 173, 144, 963, 7),
    "DuckDuckGeese": (50, 50, 270, 1345, 5),
    "MotorImagery x1000": (1000, 100, 3000, 64, 2),
}


def wide(n, steps, features, classes, seed=0):
    """White noise in ``features`` channels, a sine of ``4 + class`` steps
    a period added to the first."""
    rng = np.random.RandomState(seed)
    y = rng.randint(classes, size=n)
    X = rng.randn(n, steps, features).astype(np.float32)
    X[:, :, 0] += np.sin(2 * np.pi * np.arange(steps) / (4 + y[:, None]))
    return X, y


def fit(X_train, y_train, X_test, y_test, budget):
    table = dict(_defaults.THRESHOLDS, budget_macs=budget)
    kept, _defaults.THRESHOLDS = _defaults.THRESHOLDS, types.MappingProxyType(table)
    try:
        model = RecurrentClassifier(random_state=0)
        start = time.perf_counter()
        model.fit(X_train, y_train)
        seconds = time.perf_counter() - start
    finally:
        _defaults.THRESHOLDS = kept
    return model, seconds, model.score(X_test, y_test)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--unbounded", default="MotorImagery,Heartbeat,PEMS-SF")
    args = parser.parse_args()
    unbounded = {name for name in args.unbounded.split(",") if name}
    budget = _defaults.THRESHOLDS["budget_macs"]
    print(
        "| set (shape of) | train / test, steps, channels, classes | mode | "
        "epochs planned / trained | fit s | accuracy |"
    )
    print("|---|---|---|---:|---:|---:|")
    for name in args.shapes.split(","):
        n_train, n_test, steps, features, classes = SHAPES[name]
        X, y = wide(n_train + n_test, steps, features, classes)
        split = X[:n_train], y[:n_train], X[n_train:], y[n_train:]
        shape = f"{n_train} / {n_test}, {steps}, {features}, {classes}"
        modes = [("bound", budget)]
        if name in unbounded:
            modes.append(("no bound", 10**30))
        for mode, value in modes:
            model, seconds, accuracy = fit(*split, value)
            plan = model.plan_
            print(
                f"| {name} | {shape} | {mode} | {plan['epochs']} / "
                f"{model.n_iter_} | {seconds:.0f} | {accuracy:.3f} |",
                flush=True,
            )
            if mode == "bound":
                print(f"<!-- {name}: {plan.why['epochs']} -->", flush=True)
        del X, split


if __name__ == "__main__":
    main()
