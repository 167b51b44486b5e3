"""TextTokenizer vs keras.layers.TextVectorization on the IMDB training reviews.

Both learn a 20,000-token vocabulary (ids 0 and 1 reserved in both) from the
25,000 training reviews and turn every review into a ragged sequence of ids.
Each is timed end to end (wall clock, and CPU time of the process, which
counts every thread), best of ``--repeats`` rounds that alternate between
the two libraries:

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


def timed(func, *args):
    """Return (func(*args), wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


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
    from skseq._text import DEFAULT_TOKEN_PATTERN

    # The default pattern spelled differently, which skips the fast path.
    regex_path = f"(?:{DEFAULT_TOKEN_PATTERN})"

    n_chars = sum(map(len, text_list))
    print(f"data: {path} ({len(texts):,} reviews, {n_chars / 1e6:.1f} M characters)")
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"tensorflow {tf.__version__}, keras {keras.__version__}, "
        f"{os.cpu_count()} CPU cores"
    )
    print(f"max_tokens={args.max_tokens}, best of {args.repeats} rounds\n")

    def make_layer():
        return keras.layers.TextVectorization(
            max_tokens=args.max_tokens, output_mode="int", ragged=True
        )

    # Rounds alternate between the two libraries, so that both see the same
    # machine conditions; each step keeps its best (wall time) round.
    best = {}

    def record(name, wall, cpu):
        if name not in best or wall < best[name][0]:
            best[name] = (wall, cpu)

    for _ in range(args.repeats):
        tokenizer = TextTokenizer(max_tokens=args.max_tokens)
        sequences, wall, cpu = timed(tokenizer.fit_transform, texts)
        record("skseq fit_transform", wall, cpu)
        tokenizer = TextTokenizer(max_tokens=args.max_tokens)
        _, wall_fit, cpu_fit = timed(tokenizer.fit, texts)
        sequences_tr, wall_tr, cpu_tr = timed(tokenizer.transform, texts)
        record("skseq fit + transform", wall_fit + wall_tr, cpu_fit + cpu_tr)
        record("  fit", wall_fit, cpu_fit)
        record("  transform", wall_tr, cpu_tr)

        # The same tokens through re.findall on every document: what any
        # non-default token_pattern costs.
        regex = TextTokenizer(max_tokens=args.max_tokens, token_pattern=regex_path)
        _, wall, cpu = timed(regex.fit_transform, texts)
        record("skseq fit_transform, re.findall path", wall, cpu)

        layer = make_layer()
        _, wall_adapt, cpu_adapt = timed(layer.adapt, text_list)
        ragged, wall_call, cpu_call = timed(layer, text_list)
        record("keras adapt + call", wall_adapt + wall_call, cpu_adapt + cpu_call)
        record("  adapt", wall_adapt, cpu_adapt)
        record("  call", wall_call, cpu_call)

    assert all(
        np.array_equal(a, b) for a, b in zip(sequences, sequences_tr, strict=True)
    )
    print(f"{'':<38} {'wall':>7} {'CPU':>7}")
    for name, (wall, cpu) in best.items():
        print(f"{name:<38} {wall:6.2f}s {cpu:6.2f}s")
    t_keras = best["keras adapt + call"][0]
    print()
    for name in (
        "skseq fit_transform",
        "skseq fit + transform",
        "skseq fit_transform, re.findall path",
    ):
        print(f"ratio keras adapt + call / {name}: {t_keras / best[name][0]:.2f}x")

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
