"""TextTokenizer vs keras.layers.TextVectorization on the IMDB training reviews.

Both learn a 20,000-token vocabulary (ids 0 and 1 reserved in both) from the
25,000 training reviews and turn every review into a ragged sequence of ids.
Each is timed end to end, best of ``--repeats`` runs:

- skseq: ``TextTokenizer(max_tokens=20000).fit_transform(texts)`` (what a
  Pipeline calls), and ``fit(texts)`` then ``transform(texts)`` separately;
- Keras: ``TextVectorization(max_tokens=20000, output_mode="int",
  ragged=True)``, ``adapt(texts)`` then ``layer(texts)``.

Both lower-case and split into words, but not identically: TextVectorization's
default standardization deletes punctuation ("don't" -> "dont", "well-made" ->
"wellmade") and splits on whitespace, while TextTokenizer's default pattern
splits on punctuation, keeping apostrophes inside words ("don't"; "well",
"made"). The vocabulary overlap printed at the end checks that both learn
nearly the same words.

Usage, from the repository root::

    python benchmarks/bench_tokenizer.py [--data ../shared/data] [--repeats 3]

The data folder defaults to $SKSEQ_DATA, else ``../shared/data`` next to the
repository; it must hold ``imdb/train.csv.gz``.
"""

import argparse
import os
import platform
import time
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def best_of(repeats, func):
    """Return (best wall time in seconds, result of the last call)."""
    best = float("inf")
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(os.environ.get("SKSEQ_DATA", REPO / ".." / "shared" / "data")),
        help="folder holding imdb/train.csv.gz (default: $SKSEQ_DATA or "
        "../shared/data next to the repository)",
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-tokens", type=int, default=20000)
    args = parser.parse_args()

    path = args.data / "imdb" / "train.csv.gz"
    if not path.exists():
        parser.error(f"{path} not found; pass --data or set SKSEQ_DATA.")
    texts = pd.read_csv(path)["text"]
    text_list = texts.tolist()

    import keras
    import tensorflow as tf

    from skseq import TextTokenizer

    n_chars = sum(map(len, text_list))
    print(f"data: {path} ({len(texts):,} reviews, {n_chars / 1e6:.1f} M characters)")
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"tensorflow {tf.__version__}, keras {keras.__version__}, "
        f"{os.cpu_count()} CPU cores"
    )
    print(f"max_tokens={args.max_tokens}, best of {args.repeats} runs\n")

    def skseq_fit_transform():
        tokenizer = TextTokenizer(max_tokens=args.max_tokens)
        return tokenizer, tokenizer.fit_transform(texts)

    def skseq_fit():
        return TextTokenizer(max_tokens=args.max_tokens).fit(texts)

    t_ft, (tokenizer, sequences) = best_of(args.repeats, skseq_fit_transform)
    t_fit, _ = best_of(args.repeats, skseq_fit)
    t_tr, sequences_tr = best_of(args.repeats, lambda: tokenizer.transform(texts))
    assert all(
        np.array_equal(a, b) for a, b in zip(sequences, sequences_tr, strict=True)
    )

    def keras_adapt_call():
        layer = keras.layers.TextVectorization(
            max_tokens=args.max_tokens, output_mode="int", ragged=True
        )
        layer.adapt(text_list)
        return layer, layer(text_list)

    t_keras, (layer, ragged) = best_of(args.repeats, keras_adapt_call)
    t_adapt, _ = best_of(
        args.repeats,
        lambda: keras.layers.TextVectorization(
            max_tokens=args.max_tokens, output_mode="int", ragged=True
        ).adapt(text_list),
    )
    t_call = t_keras - t_adapt

    rows = [
        ("skseq  fit_transform", t_ft),
        ("skseq  fit + transform", t_fit + t_tr),
        ("         fit", t_fit),
        ("         transform", t_tr),
        ("keras  adapt + call", t_keras),
        ("         adapt", t_adapt),
        ("         call (difference)", t_call),
    ]
    for name, seconds in rows:
        print(f"{name:<28} {seconds:6.2f} s")
    print()
    print(f"ratio keras / skseq fit_transform:   {t_keras / t_ft:5.2f}x")
    print(f"ratio keras / skseq fit + transform: {t_keras / (t_fit + t_tr):5.2f}x")

    ours = set(tokenizer.vocabulary_)
    theirs = {str(token) for token in layer.get_vocabulary()[2:]}
    common = len(ours & theirs)
    top = 1000
    ours_top = set(list(tokenizer.vocabulary_)[:top])
    theirs_top = {str(token) for token in layer.get_vocabulary()[2 : top + 2]}
    lengths = np.fromiter(map(len, sequences), np.int64, len(sequences))
    keras_lengths = ragged.row_lengths().numpy()
    print()
    print(
        f"vocabulary overlap: {common:,} of {len(ours):,} tokens "
        f"({common / len(ours):.1%}); top {top}: "
        f"{len(ours_top & theirs_top) / top:.1%}"
    )
    print(
        f"tokens per review: skseq mean {lengths.mean():.1f}, "
        f"keras mean {keras_lengths.mean():.1f}; "
        f"OOV share: skseq {np.mean(np.concatenate(list(sequences)) == 1):.2%}, "
        f"keras {np.mean(ragged.flat_values.numpy() == 1):.2%}"
    )
    only_ours = [t for t in tokenizer.vocabulary_ if t not in theirs][:8]
    only_theirs = [str(t) for t in layer.get_vocabulary()[2:] if str(t) not in ours][:8]
    print(f"most frequent tokens only in skseq: {only_ours}")
    print(f"most frequent tokens only in keras: {only_theirs}")


if __name__ == "__main__":
    main()
