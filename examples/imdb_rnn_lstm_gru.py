"""IMDB sentiment: SimpleRNN vs LSTM vs GRU.

Classifies the 50,000 IMDB movie reviews (Maas et al., 2011) as positive or
negative with :func:`skseq.make_text_classifier` (TextTokenizer ->
SequencePadder -> RecurrentClassifier) straight on the pandas ``text``
column, once per recurrent cell, and prints the test accuracy and the fit
time of each.

Run from the repository root::

    python examples/imdb_rnn_lstm_gru.py            # full data
    python examples/imdb_rnn_lstm_gru.py --quick    # or SKSEQ_QUICK=1: subset, 1 epoch

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``).
"""

# %%
import os
import sys
import time

from skseq import make_text_classifier
from skseq.datasets import load_imdb

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")

train, test = load_imdb("train"), load_imdb("test")
if QUICK:
    train = train.sample(2000, random_state=0)
    test = test.sample(1000, random_state=0)
print(f"{len(train)} training and {len(test)} test reviews")

# %%
# Reviews average ~230 words; keeping the last 400 tokens covers ~90% of them
# whole. Length bucketing (on by default) trains on the real lengths anyway.
results = {}
for cell in ("rnn", "lstm", "gru"):
    clf = make_text_classifier(
        max_tokens=20000,
        strip_html=True,
        maxlen=400,
        cell=cell,
        units=64,
        epochs=1 if QUICK else 10,
        early_stopping=not QUICK,
        n_iter_no_change=2,
        random_state=0,
    )
    start = time.perf_counter()
    clf.fit(train["text"], train["label"])
    fit_time = time.perf_counter() - start
    accuracy = clf.score(test["text"], test["label"])
    results[cell] = accuracy, fit_time
    print(
        f"{cell:>4}: test accuracy {accuracy:.3f}, fit {fit_time:.1f} s "
        f"({clf[-1].n_iter_} epochs)",
        flush=True,
    )

# %%
best = max(results, key=lambda cell: results[cell][0])
print(f"best cell: {best}")
