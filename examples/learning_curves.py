"""Learning curves: per epoch with plot_history, per training-set size with
scikit-learn's LearningCurveDisplay.

On the ItalyPowerDemand time series (24 hourly readings -> winter or
summer), a :class:`skseq.RecurrentClassifier` is fitted with early stopping
and :func:`skseq.plotting.plot_history` draws its training and validation
loss per epoch. Then :class:`sklearn.model_selection.LearningCurveDisplay`
refits it on growing training sets under cross-validation -- skseq's
estimators need no wrapper for that. Both plots go to one PNG file.

Run from the repository root (needs matplotlib: ``pip install skseq[plot]``)::

    python examples/learning_curves.py           # full settings
    python examples/learning_curves.py --quick   # or SKSEQ_QUICK=1: 1-2 epochs

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``); the figure
is written to ``build/examples/learning_curves.png``.
"""

# %%
import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.model_selection import LearningCurveDisplay, StratifiedKFold  # noqa: E402

from skseq import RecurrentClassifier  # noqa: E402
from skseq.datasets import load_ucr  # noqa: E402
from skseq.plotting import plot_history  # noqa: E402

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")
OUT = Path("build", "examples", "learning_curves.png")

X_train, y_train, X_test, y_test = load_ucr("ItalyPowerDemand")
print(f"train {X_train.shape}, test {X_test.shape}")

# %%
clf = RecurrentClassifier(
    cell="gru",
    units=16,
    batch_size=16,
    epochs=2 if QUICK else 200,
    early_stopping=True,
    validation_fraction=0.2,
    n_iter_no_change=20,
    random_state=0,
)
clf.fit(X_train, y_train)
print(
    f"{clf.n_iter_} epochs, best validation loss {clf.best_loss_:.3f}, "
    f"test accuracy {clf.score(X_test, y_test):.3f}"
)

fig, (ax_epochs, ax_sizes) = plt.subplots(1, 2, figsize=(11, 4))
plot_history(clf, ax=ax_epochs)
ax_epochs.set_title("per epoch (plot_history)")

# %%
# The small training split is too small for a learning curve: pool both.
X = np.concatenate([X_train, X_test])
y = np.concatenate([y_train, y_test])
if QUICK:
    X, y = X[:300], y[:300]
display = LearningCurveDisplay.from_estimator(
    clf.set_params(early_stopping=False, epochs=1 if QUICK else 50),
    X,
    y,
    train_sizes=[0.2, 0.5, 1.0],
    cv=StratifiedKFold(3, shuffle=True, random_state=0),
    score_type="both",
    ax=ax_sizes,
)
ax_sizes.set_title("per training-set size (LearningCurveDisplay)")
for size, score in zip(
    display.train_sizes, display.test_scores.mean(axis=1), strict=True
):
    print(f"{size:>5} training samples: cross-validated accuracy {score:.3f}")

OUT.parent.mkdir(parents=True, exist_ok=True)
fig.tight_layout()
fig.savefig(OUT, dpi=100)
print(f"saved {OUT}")
