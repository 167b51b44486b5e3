"""IMDB sentiment with two stacked bidirectional LSTMs.

``units=(64, 64)`` stacks two recurrent layers (the first returns its whole
sequence to the second) and ``bidirectional=True`` reads each review both
forwards and backwards. Prints the test accuracy, the fit time and the
number of weights, next to a single one-directional LSTM.

Run from the repository root::

    python examples/imdb_stacked_bidirectional.py           # full data
    python examples/imdb_stacked_bidirectional.py --quick   # or SKSEQ_QUICK=1

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``). Quick mode
fits each network for one epoch on a random 2,000 reviews.
"""

# %%
import os
import sys
import time

from sklearn.pipeline import make_pipeline

from skseq import RecurrentClassifier, SequencePadder, TextTokenizer
from skseq.datasets import load_imdb

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")

train = load_imdb("train", n_samples=2000 if QUICK else None)
test = load_imdb("test", n_samples=1000 if QUICK else None)
print(f"{len(train)} training and {len(test)} test reviews")

# %%
for name, params in {
    "LSTM(64)": dict(units=64),
    "BiLSTM(64) x 2": dict(units=(64, 64), bidirectional=True, dropout=0.2),
}.items():
    network = RecurrentClassifier(
        cell="lstm",
        epochs=1 if QUICK else 10,
        early_stopping=not QUICK,
        n_iter_no_change=2,
        random_state=0,
        **params,
    )
    clf = make_pipeline(
        TextTokenizer(max_tokens=20000, strip_html=True),
        SequencePadder(maxlen=400),
        network,
    )
    start = time.perf_counter()
    clf.fit(train["text"], train["label"])
    fit_time = time.perf_counter() - start
    accuracy = clf.score(test["text"], test["label"])
    print(
        f"{name:>15}: test accuracy {accuracy:.3f}, fit {fit_time:.1f} s, "
        f"{clf[-1].model_.count_params():,} weights",
        flush=True,
    )

# %%
# The network the estimator built:
clf[-1].model_.summary()
