"""Multivariate forecasting: the next day of an electricity transformer's
loads and oil temperature (ETTh1, hourly, 7 columns).

:class:`skseq.RecurrentForecaster` reads the history as a time-indexed
DataFrame and forecasts every column ``horizon`` hours at once; its
forecasts of the test months (the benchmark's split: 12 months of training,
4 of validation, 4 of test) are compared with repeating the last value and
with the same hour of the day before. Errors are on the columns
standardized with the training months, as published results are.

Run from the repository root::

    python examples/forecast_weather_etth1.py           # full settings
    python examples/forecast_weather_etth1.py --quick   # or SKSEQ_QUICK=1

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``).
"""

# %%
import os
import sys
import time

import numpy as np

from skseq import RecurrentForecaster
from skseq.datasets import load_forecasting

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")
HORIZON = 24

# %% the benchmark's split, standardized with the training months
data = load_forecasting("ETTh1")
train_end, test_end = (11520, 14400) if not QUICK else (2000, 2400)
data = (data - data[:8640].mean()) / data[:8640].std(ddof=0)
history, test = data[:train_end], data[train_end:test_end]

# %% fit: every column, 24 hours at once, from the last 96 hours
forecaster = RecurrentForecaster(
    horizon=HORIZON,
    window=96,
    random_state=0,
    **({"epochs": 1, "early_stopping": True} if QUICK else {}),
)
start = time.perf_counter()
forecaster.fit(history)
print(f"fit {time.perf_counter() - start:.0f} s, {forecaster.n_iter_} epochs")
print(forecaster.plan_)

# %% the next day after the training history, indexed by its hours
print(forecaster.predict().round(2).head())

# %% every origin of the test months, against two naive forecasts
forecasts, lower, upper = forecaster.historical_forecasts(test, coverage=0.9)
origins = np.arange(len(forecasts))
truth = test.to_numpy()[np.add.outer(origins, np.arange(HORIZON))]
values = data.to_numpy()
last = values[train_end - 1 + origins][:, None, :]  # the last value seen
day_before = values[np.add.outer(train_end + origins, np.arange(HORIZON)) - 24]
for name, guess in [
    ("RecurrentForecaster", forecasts),
    ("repeat the last value", last),
    ("the day before", day_before),
]:
    print(f"{name:>22}: MSE {np.mean((guess - truth) ** 2):.3f}")
inside = np.mean((truth >= lower) & (truth <= upper))
print(f"90% intervals hold {inside:.1%} of the true values")
