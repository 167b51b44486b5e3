"""IMDB sentiment out of core: the reviews are read in chunks, never all at once.

The training file is streamed with ``pd.read_csv(..., chunksize=...)``:

1. Shuffle out of core. The file is sorted by label (12,500 positive reviews,
   then 12,500 negative), so chunks in file order would each hold one class.
   One streaming pass scatters the rows at random over a few temporary files;
   each file is then a random sample of the corpus, small enough for memory.
2. Vocabulary: ``TextTokenizer(max_tokens=...).partial_fit`` on every chunk
   (the same vocabulary as ``fit`` on the whole corpus); its
   ``vocabulary_size_`` sizes the estimator's embedding
   (``vocabulary_size=``), so that every chunk's ids have a row.
3. Training: several passes over the chunks, in a new random order each
   pass; each chunk is tokenized, padded by ``SequencePadder(maxlen=...)`` and
   given to ``RecurrentClassifier.partial_fit`` (one epoch on the chunk).
4. The test reviews are streamed too, and the accuracy is counted chunk by
   chunk. The same network fitted in memory, for as many epochs as there
   were passes, is the reference.

Run from the repository root::

    python examples/imdb_out_of_core.py           # all 25,000 + 25,000 reviews
    python examples/imdb_out_of_core.py --quick   # or SKSEQ_QUICK=1: ~8%, < 1 min
    python examples/imdb_out_of_core.py --seed 1  # another shuffle and start

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``). On the
2-core development machine, GRU(32), 4 passes, on all 25,000 test reviews:
0.860 out of core (232 s, shuffle included) against 0.869 in memory
(204 s); with ``--seed 1`` 0.871 against 0.875 (``benchmarks/README.md``,
"Out of core"). ``--quick``, GRU(16), 2 passes over 2,028 reviews: 0.738
against 0.683, in under a minute in all.
"""

# %%
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from skseq import RecurrentClassifier, SequencePadder, TextTokenizer
from skseq.datasets import get_data_home

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")
FOLDER = get_data_home() / "imdb"
CHUNK = 500 if QUICK else 2500  # reviews per chunk
KEEP = 0.08 if QUICK else 1.0  # share of the training reviews read (quick: ~2,000)
TEST_KEEP = 0.04 if QUICK else 1.0  # and of the test reviews (quick: ~1,000)
PASSES = 2 if QUICK else 4
MAX_TOKENS = 5000 if QUICK else 20000
MAXLEN = 200 if QUICK else 400
# the network measured in benchmarks/README.md
NETWORK = dict(cell="gru", units=16 if QUICK else 32, embedding_dim=32)
# --seed K: another shuffle and other initial weights (default 0)
SEED = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 0
rng = np.random.RandomState(SEED)


def read_chunks(path, keep=1.0):
    """The rows of a CSV file, ``CHUNK`` at a time (a random ``keep`` share)."""
    for chunk in pd.read_csv(path, usecols=["text", "label"], chunksize=CHUNK):
        if keep < 1.0:
            chunk = chunk[rng.uniform(size=len(chunk)) < keep]
        yield chunk


# %%
# 1. Scatter the training rows at random over temporary files, one pass.
workdir = tempfile.TemporaryDirectory()
n_parts = max(2, round(25000 * KEEP / CHUNK))
parts = [Path(workdir.name, f"part{i}.csv") for i in range(n_parts)]
start = time.perf_counter()
n_train = 0
for chunk in read_chunks(FOLDER / "train.csv.gz", keep=KEEP):
    where = rng.randint(n_parts, size=len(chunk))
    for i, part in enumerate(parts):
        rows = chunk[where == i]
        rows.to_csv(part, mode="a", header=not part.exists(), index=False)
    n_train += len(chunk)
print(f"{n_train} training reviews shuffled into {n_parts} files", flush=True)


def training_chunks():
    """Every training chunk, the files in a new random order each call."""
    for i in rng.permutation(n_parts):
        yield from read_chunks(parts[i])


# %%
# 2. The vocabulary, chunk by chunk.
tokenizer = TextTokenizer(max_tokens=MAX_TOKENS, strip_html=True)
for chunk in training_chunks():
    tokenizer.partial_fit(chunk["text"])
# an int maxlen: any chunk gives the same maxlen_
padder = SequencePadder(maxlen=MAXLEN).fit(tokenizer.transform(chunk["text"]))
print(f"vocabulary: {tokenizer.vocabulary_size_} ids", flush=True)

# The embedding needs a row for every id of every chunk. Sized from the first
# chunk alone, it would read the ids that chunk lacks as out-of-vocabulary:
# the tokenizer's vocabulary size sizes it instead.
clf = RecurrentClassifier(
    **NETWORK, vocabulary_size=tokenizer.vocabulary_size_, random_state=SEED
)

# %%
# 3. Passes over the chunks.
for n in range(1, PASSES + 1):
    for chunk in training_chunks():
        X = padder.transform(tokenizer.transform(chunk["text"]))
        clf.partial_fit(X, chunk["label"].to_numpy(), classes=[0, 1])
    print(
        f"pass {n}: training loss {clf.loss_curve_[-1]:.3f} (last chunk), "
        f"{time.perf_counter() - start:.0f} s",
        flush=True,
    )
out_of_core_time = time.perf_counter() - start


# %%
# 4. Test accuracy, chunk by chunk; then the same network in memory.
def test_accuracy(predict):
    correct = total = 0
    for chunk in read_chunks(FOLDER / "test.csv.gz", keep=TEST_KEEP):
        X = padder.transform(tokenizer.transform(chunk["text"]))
        correct += int(np.sum(predict(X) == chunk["label"].to_numpy()))
        total += len(chunk)
    return correct / total, total


rng_state = rng.get_state()
out_of_core, n_test = test_accuracy(clf.predict)

start = time.perf_counter()
train = pd.concat([pd.read_csv(part) for part in parts])  # all in memory
X_train = padder.transform(tokenizer.transform(train["text"]))
in_memory_clf = RecurrentClassifier(  # as many epochs as passes, no hold-out
    **NETWORK,
    vocabulary_size=tokenizer.vocabulary_size_,
    epochs=PASSES,
    early_stopping=False,
    random_state=SEED,
).fit(X_train, train["label"].to_numpy())
in_memory_time = time.perf_counter() - start
rng.set_state(rng_state)  # the same test reviews
in_memory, _ = test_accuracy(in_memory_clf.predict)

print(f"\n{n_test} test reviews, {PASSES} passes / epochs:")
print(f"out of core: test accuracy {out_of_core:.3f} ({out_of_core_time:.0f} s)")
print(f"in memory:   test accuracy {in_memory:.3f} ({in_memory_time:.0f} s)")
workdir.cleanup()
