"""Time-series classification and regression on UCR/UEA archive sets.

:func:`skseq.datasets.load_ucr` returns ``(n, length, channels)`` float
arrays in which shorter series are padded at the end with NaN;
:class:`skseq.RecurrentClassifier` and :class:`skseq.RecurrentRegressor` read
those trailing all-NaN steps as padding and mask them, so unequal-length
sets need no preprocessing. Three tasks:

- JapaneseVowels: 12 channels, lengths 7-29, 9 speakers (classification);
- GunPoint: one channel of 150 steps, 2 classes (classification);
- Covid3Month: one channel of 84 days, the death rate (regression).

Prints test accuracy (R^2 and RMSE for the regression) next to simple
baselines. Published deep-learning accuracies (Fawaz et al., 2019):
JapaneseVowels 0.99, GunPoint 1.00.

Run from the repository root::

    python examples/time_series_ucr.py           # full settings
    python examples/time_series_ucr.py --quick   # or SKSEQ_QUICK=1: 1 epoch

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``).
"""

# %%
import os
import sys
import time

import numpy as np
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.metrics import mean_squared_error

from skseq import RecurrentClassifier, RecurrentRegressor
from skseq.datasets import load_ucr

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")


def report(name, model, baseline, X_train, y_train, X_test, y_test):
    start = time.perf_counter()
    model.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    flat = np.zeros((len(y_train), 1))
    base = baseline.fit(flat, y_train).score(np.zeros((len(y_test), 1)), y_test)
    print(
        f"{name:>14}: test {model.score(X_test, y_test):.3f} "
        f"(baseline {base:.3f}), fit {fit_time:.1f} s, {model.n_iter_} epochs",
        flush=True,
    )
    return model


# %%
X_train, y_train, X_test, y_test = load_ucr("JapaneseVowels")
lengths = (~np.isnan(X_train).all(axis=2)).sum(axis=1)
print(
    f"JapaneseVowels: train {X_train.shape}, test {X_test.shape}, "
    f"lengths {lengths.min()}-{lengths.max()}, {len(np.unique(y_train))} classes"
)
report(
    "JapaneseVowels",
    RecurrentClassifier(
        cell="lstm", units=64, epochs=1 if QUICK else 60, random_state=0
    ),
    DummyClassifier(),
    X_train,
    y_train,
    X_test,
    y_test,
)

# %%
X_train, y_train, X_test, y_test = load_ucr("GunPoint")
print(f"GunPoint: train {X_train.shape}, test {X_test.shape}")
report(
    "GunPoint",
    RecurrentClassifier(
        cell="gru", units=32, batch_size=16, epochs=1 if QUICK else 150, random_state=0
    ),
    DummyClassifier(),
    X_train,
    y_train,
    X_test,
    y_test,
)

# %%
X_train, y_train, X_test, y_test = load_ucr("Covid3Month")
# Daily case counts range from 0 to ~20,000: compress them (NaN stays NaN).
X_train, X_test = np.log1p(X_train), np.log1p(X_test)
print(f"Covid3Month: train {X_train.shape}, test {X_test.shape} (score: R^2)")
reg = report(
    "Covid3Month",
    RecurrentRegressor(
        cell="gru", units=32, batch_size=16, epochs=1 if QUICK else 150, random_state=0
    ),
    DummyRegressor(),
    X_train,
    y_train,
    X_test,
    y_test,
)
rmse = mean_squared_error(y_test, reg.predict(X_test)) ** 0.5
print(f"Covid3Month RMSE {rmse:.4f} (target std {y_test.std():.4f})")
