"""Character-level text generation on tiny Shakespeare.

A :class:`skseq.TextTokenizer` with ``char_level=True`` maps every character
to an id; windows of ``WINDOW`` characters are the samples and the character
that follows each window is its class. A :class:`skseq.RecurrentClassifier`
learns to predict that next character; text is then generated one character
at a time by sampling from ``predict_proba`` sharpened or flattened by a
temperature. Prints the held-out loss in nats per character (character LSTMs
typically reach 1.5-1.6 on this text) and samples at a few temperatures.

Run from the repository root::

    python examples/char_text_generation.py           # full text (GPU advised)
    python examples/char_text_generation.py --quick   # or SKSEQ_QUICK=1

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``).
"""

# %%
import os
import sys
import time

import numpy as np

from skseq import RecurrentClassifier, TextTokenizer
from skseq.datasets import load_shakespeare

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")
WINDOW = 40 if QUICK else 100
STEP = 3

text = load_shakespeare()
if QUICK:
    text = text[:40_000]
split = int(0.9 * len(text))  # the last 10% is held out
tokenizer = TextTokenizer(char_level=True, lowercase=False).fit([text])
ids = tokenizer.transform([text])[0]
print(f"{len(text):,} characters, {len(tokenizer.vocabulary_)} distinct")


def windows(ids, step):
    """(n, WINDOW) windows of ids and the id that follows each."""
    starts = np.arange(0, len(ids) - WINDOW, step)
    X = ids[starts[:, None] + np.arange(WINDOW)]
    return X, ids[starts + WINDOW]


X_train, y_train = windows(ids[:split], STEP)
X_val, y_val = windows(ids[split:], WINDOW)
print(f"{len(X_train):,} training windows of {WINDOW} characters")

# %%
clf = RecurrentClassifier(
    cell="lstm",
    units=128 if QUICK else 256,
    embedding_dim=32,
    batch_size=128,
    epochs=1 if QUICK else 20,
    random_state=0,
)
start = time.perf_counter()
clf.fit(X_train, y_train)
print(f"fit {time.perf_counter() - start:.1f} s")

# Held-out loss in nats per character, over the characters the model knows.
known = np.isin(y_val, clf.classes_)
proba = clf.predict_proba(X_val[known])
p_true = proba[np.arange(len(proba)), np.searchsorted(clf.classes_, y_val[known])]
print(f"held-out loss {-np.mean(np.log(np.maximum(p_true, 1e-12))):.3f} nats/char")


# %%
def generate(seed, n_chars, temperature, rng):
    """Extend ``seed`` by ``n_chars`` characters sampled from the model."""
    window = list(tokenizer.transform([seed])[0][-WINDOW:])
    out = []
    for _ in range(n_chars):
        p = clf.predict_proba(np.array([window]))[0]
        logits = np.log(np.maximum(p, 1e-12)) / temperature
        p = np.exp(logits - logits.max())
        next_id = clf.classes_[rng.choice(len(p), p=p / p.sum())]
        out.append(next_id)
        window = window[1:] + [next_id]
    return tokenizer.inverse_transform([out])[0]


rng = np.random.RandomState(0)
seed = text[split : split + WINDOW]
for temperature in (0.5, 1.0):
    start = time.perf_counter()
    sample = generate(seed, 200 if QUICK else 500, temperature, rng)
    elapsed = time.perf_counter() - start
    print(f"\n--- temperature {temperature} ({elapsed:.1f} s) ---\n{seed}{sample}")
