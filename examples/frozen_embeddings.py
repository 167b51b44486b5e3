"""Transfer learning: IMDB word embeddings, frozen, on short sentences.

A GRU classifier is trained on the long IMDB reviews; its learned embedding
matrix (``model_.get_layer("embedding").get_weights()[0]``) and the fitted
tokenizer's vocabulary are then reused, frozen
(``embeddings=..., trainable_embeddings=False``), to classify the 3,000
short UCI sentiment sentences (amazon, imdb and yelp reviews). Compared with
the same network trained from scratch on the sentences alone, and with the
IMDB embeddings as a trainable starting point.

Run from the repository root::

    python examples/frozen_embeddings.py           # full data
    python examples/frozen_embeddings.py --quick   # or SKSEQ_QUICK=1

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``). Quick mode
fits the IMDB model on a random 2,000 reviews, and every model for one epoch.
"""

# %%
import os
import sys
import time

import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from skseq import RecurrentClassifier, SequencePadder, TextTokenizer
from skseq.datasets import load_imdb, load_sentences

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")


def gru_pipeline(tokenizer, **params):
    """Every model below, on IMDB and on the sentences: this GRU network."""
    network = RecurrentClassifier(cell="gru", units=64, random_state=0, **params)
    return Pipeline(
        [
            ("tokenizer", tokenizer),
            ("padder", SequencePadder(maxlen=400)),
            ("clf", network),
        ]
    )


imdb = load_imdb("train", n_samples=2000 if QUICK else None)
source = gru_pipeline(
    TextTokenizer(max_tokens=20000, strip_html=True),
    epochs=1 if QUICK else 10,
    early_stopping=not QUICK,
    n_iter_no_change=2,
)
start = time.perf_counter()
source.fit(imdb["text"], imdb["label"])
print(
    f"IMDB source model: {len(imdb)} reviews, fit {time.perf_counter() - start:.1f} s"
)

# %%
# Row i of the matrix is the vector of token id i, as the tokenizer numbers
# them; ids the matrix does not cover are read as out-of-vocabulary.
vocabulary = source["tokenizer"].vocabulary_
embeddings = source["clf"].model_.get_layer("embedding").get_weights()[0]
print(f"embedding matrix {embeddings.shape}, vocabulary of {len(vocabulary)} tokens")

sentences = load_sentences()
train, test = train_test_split(
    sentences, test_size=1000, stratify=sentences["label"], random_state=0
)
test_ids = np.concatenate(source["tokenizer"].transform(test["text"]))
print(
    f"{len(train)} training and {len(test)} test sentences; "
    f"{np.mean(test_ids == 1):.1%} of their tokens are out of the IMDB vocabulary"
)

# %%
variants = {
    "from scratch": (None, dict()),
    "IMDB embeddings, frozen": (
        vocabulary,
        dict(embeddings=embeddings, trainable_embeddings=False),
    ),
    "IMDB embeddings, fine-tuned": (
        vocabulary,
        dict(embeddings=embeddings, trainable_embeddings=True),
    ),
}
for name, (words, params) in variants.items():
    clf = gru_pipeline(
        TextTokenizer(vocabulary=words),
        epochs=1 if QUICK else 30,
        early_stopping=not QUICK,
        **params,
    )
    start = time.perf_counter()
    clf.fit(train["text"], train["label"])
    fit_time = time.perf_counter() - start
    trainable = sum(w.numpy().size for w in clf[-1].model_.trainable_weights)
    print(
        f"{name:>28}: test accuracy {clf.score(test['text'], test['label']):.3f}, "
        f"fit {fit_time:.1f} s, {trainable:,} trainable weights",
        flush=True,
    )
