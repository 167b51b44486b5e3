"""IMDB sentiment: SimpleRNN vs LSTM vs GRU.

Classifies the 50,000 IMDB movie reviews (Maas et al., 2011) as positive or
negative with a TextTokenizer -> SequencePadder -> RecurrentClassifier
pipeline straight on the pandas ``text`` column, once per recurrent cell
(``set_params(clf__cell=...)`` on the one pipeline), and prints the test
accuracy and the fit time of each.

Run from the repository root::

    python examples/imdb_rnn_lstm_gru.py            # full data
    python examples/imdb_rnn_lstm_gru.py --quick    # or SKSEQ_QUICK=1: subset, 1 epoch

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``).
"""

# %%
import os
import sys
import time

from sklearn.pipeline import Pipeline

from skseq import RecurrentClassifier, SequencePadder, TextTokenizer
from skseq.datasets import load_imdb

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")

# Quick mode: a random 2,000 training and 1,000 test reviews (the same every run).
train = load_imdb("train", n_samples=2000 if QUICK else None)
test = load_imdb("test", n_samples=1000 if QUICK else None)
words = train["text"].str.split().str.len()
print(
    f"{len(train)} training and {len(test)} test reviews; {words.mean():.0f} words "
    f"on average, {(words <= 400).mean():.0%} of them up to 400 words long"
)

# %%
# Keeping the last 400 tokens covers most reviews whole; length bucketing (on
# by default) trains on the real lengths anyway.
# The seed's network, as named: Embedding -> recurrent layer -> Dense.
model = Pipeline(
    [
        ("tokenizer", TextTokenizer(max_tokens=20000, strip_html=True)),
        ("padder", SequencePadder(maxlen=400)),
        (
            "clf",
            RecurrentClassifier(
                units=64,
                epochs=1 if QUICK else 10,
                early_stopping=not QUICK,
                n_iter_no_change=2,
                random_state=0,
            ),
        ),
    ]
)
accuracies = {}
for cell in ("rnn", "lstm", "gru"):
    start = time.perf_counter()
    model.set_params(clf__cell=cell).fit(train["text"], train["label"])
    fit_time = time.perf_counter() - start
    accuracies[cell] = model.score(test["text"], test["label"])
    print(
        f"{cell:>4}: test accuracy {accuracies[cell]:.3f}, fit {fit_time:.1f} s "
        f"({model[-1].n_iter_} epochs)",
        flush=True,
    )

# %%
print(f"best cell: {max(accuracies, key=accuracies.get)}")
