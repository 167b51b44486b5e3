"""Stock-style forecasting: the next five days of daily exchange rates.

Daily prices are close to a random walk: repeating the last value is the
forecast to beat, and little beats it. :class:`skseq.RecurrentForecaster`
forecasts every rate five days at once with prediction intervals; the
script compares its errors with the random walk's on the last fifth of the
series (rolling origins, the model fitted on the first four fifths) and
checks how often the 90% intervals hold the true rate.

Run from the repository root::

    python examples/forecast_stock_exchange.py           # full settings
    python examples/forecast_stock_exchange.py --quick   # or SKSEQ_QUICK=1

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``).
"""

# %%
import os
import sys

import numpy as np
import pandas as pd

from skseq import RecurrentForecaster
from skseq.datasets import load_forecasting

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")
HORIZON = 5

# %% eight daily exchange rates; the first four fifths to learn from
rates = load_forecasting("exchange_rate")
if QUICK:
    rates = rates[-1000:]
split = len(rates) * 4 // 5
history, later = rates[:split], rates[split:]

# %% fit, then the next week with 90% intervals
forecaster = RecurrentForecaster(
    horizon=HORIZON,
    random_state=0,
    **({"epochs": 1, "early_stopping": True} if QUICK else {}),
)
forecaster.fit(history)
print(forecaster.plan_)
lower, upper = forecaster.predict_interval(coverage=0.9)
week = {"low": lower["OT"], "forecast": forecaster.predict()["OT"], "high": upper["OT"]}
print(pd.DataFrame(week).round(4))

# %% rolling origins over the last fifth, against the random walk
forecasts, lower, upper = forecaster.historical_forecasts(later, coverage=0.9)
origins = np.arange(len(forecasts))
truth = later.to_numpy()[np.add.outer(origins, np.arange(HORIZON))]
last = rates.to_numpy()[split - 1 + origins][:, None, :]
mae, walk = np.abs(forecasts - truth).mean(), np.abs(last - truth).mean()
print(f"MAE {mae:.5f} vs the random walk's {walk:.5f} ({mae / walk:.3f} of it)")
print(f"90% intervals hold {np.mean((truth >= lower) & (truth <= upper)):.1%}")
