"""IMDB sentiment with an embedding and average pooling, no recurrent layer.

``units=()`` builds no recurrent layer: each review becomes the mean of its
word embeddings (``pooling="mean"``, padding masked out), followed by the
output layer -- a fast bag-of-embeddings baseline (fastText-like). For
reference it also fits scikit-learn's TF-IDF + logistic regression, a strong
linear baseline on this dataset (about 0.90 accuracy on the full data).

Run from the repository root::

    python examples/imdb_embedding_pooling.py           # full data
    python examples/imdb_embedding_pooling.py --quick   # or SKSEQ_QUICK=1

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``). Quick mode
fits both models on a random 2,000 reviews, the embedding one for one epoch.
"""

# %%
import os
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from skseq import RecurrentClassifier, SequencePadder, TextTokenizer
from skseq.datasets import load_imdb

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")

train = load_imdb("train", n_samples=2000 if QUICK else None)
test = load_imdb("test", n_samples=1000 if QUICK else None)
print(f"{len(train)} training and {len(test)} test reviews")

# %%
models = {
    "embedding + mean pooling": make_pipeline(
        TextTokenizer(max_tokens=20000, strip_html=True),
        SequencePadder(maxlen=400),
        RecurrentClassifier(
            units=(),
            pooling="mean",
            embedding_dim=64,
            epochs=1 if QUICK else 20,
            early_stopping=not QUICK,
            n_iter_no_change=2,
            random_state=0,
        ),
    ),
    "TF-IDF + logistic regression": make_pipeline(
        TfidfVectorizer(max_features=20000, ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(C=4.0, max_iter=1000),
    ),
}
for name, model in models.items():
    start = time.perf_counter()
    model.fit(train["text"], train["label"])
    fit_time = time.perf_counter() - start
    accuracy = model.score(test["text"], test["label"])
    print(f"{name:>28}: test accuracy {accuracy:.3f}, fit {fit_time:.1f} s", flush=True)
