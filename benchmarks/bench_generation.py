"""Character language model on tiny Shakespeare: quality, training and generation.

Five parts, each printing its figures (``--parts`` picks some):

- ``quality``: :class:`skseq.RecurrentTextGenerator` (LSTM(256) by default,
  windows of 100, batch 64, Adam from ``--learning-rate`` decayed along a
  cosine to a tenth over ``--decay-steps`` steps, clipnorm 1) trained on the
  first 90% of tiny Shakespeare, one epoch per ``fit`` (``warm_start=True``)
  until ``--minutes`` of training wall time would be exceeded; after every
  epoch, the held-out loss in nats/char (``-score`` on the last 10%, read
  whole with the state carried) against the training wall time so far, then
  samples at temperatures 0, 0.5 and 1.
- ``throughput``: the estimator's ``fit`` against a hand-written Keras model
  of the same layers (Embedding, LSTM with ``return_sequences=True``, Dense
  logits; Adam with the same learning rate and clipping) fitted on the same
  windows (less the estimator's padded last one) with the same batch size,
  alternating, ``--repeats`` times each. The estimator's time includes
  tokenizing and cutting the windows; both include building and tracing.
  Also the epochs after the first (a timing callback). Wall and CPU time
  (all threads of the process): on a shared machine the CPU time is the
  steadier of the two.
- ``generation``: characters per second of ``generate`` (one recurrent step
  per character, the state carried) for an LSTM of ``--gen-units`` units, against
  the windowed approach of the earlier example: the same trained network
  re-run over the last 100 characters for every new character (``model(x)``
  and ``predict_on_batch``, the faster is kept), in the same process.
- ``rates``: the default learning rate against others (``--rates``), each
  with a named Adam (clipnorm 1): one epoch per ``fit`` (``warm_start=True``)
  for ``--rate-epochs`` epochs, the epochs that ``epochs="auto"`` gives this
  text (printed), and the held-out loss after each.
- ``memory``: resident memory (RSS) of the process after a warm-up fit and
  after each 5 of ``--fits`` more fits of a small generator (LSTM(16),
  windows of 20, 1 epoch) on 50,000 characters, each fit followed by
  ``score`` and ``generate`` with ``--memory-score``: the shared trainer
  and the shared generation loops keep it flat.

Run from the repository root (the quality part takes ``--minutes`` of
training plus about 15 s of scoring per epoch)::

    .venv/bin/python benchmarks/bench_generation.py --parts quality --minutes 20
    .venv/bin/python benchmarks/bench_generation.py --parts throughput generation
    .venv/bin/python benchmarks/bench_generation.py --parts rates
    .venv/bin/python benchmarks/bench_generation.py --parts memory --fits 20
"""

import argparse
import gc
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

from skseq import RecurrentTextGenerator  # noqa: E402
from skseq.datasets import load_shakespeare  # noqa: E402


def clocks():
    """Wall time and CPU time (all threads of the process), in seconds."""
    return np.array([time.perf_counter(), time.process_time()])


class EpochClock(keras.callbacks.Callback):
    """Wall and CPU time of every epoch."""

    def on_train_begin(self, logs=None):
        self.times = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start = clocks()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(clocks() - self._start)


def recipe(args, **extra):
    return dict(
        cell=args.cell,
        units=tuple(args.units),
        embedding_dim=64,
        dropout=args.dropout,
        window=100,
        batch_size=args.batch_size,
        **extra,
    )


def quality(train, held_out, args):
    # cosine decay of the learning rate over --decay-steps, down to 10%
    schedule = keras.optimizers.schedules.CosineDecay(
        args.learning_rate, decay_steps=args.decay_steps, alpha=0.1
    )
    gen = RecurrentTextGenerator(
        **recipe(args),
        optimizer=keras.optimizers.Adam(schedule, clipnorm=1.0),
        epochs=1,
        warm_start=True,
        random_state=np.random.RandomState(0),
    )
    print(
        f"\n## quality: {gen!r}\n{len(train):,} training / {len(held_out):,} "
        f"held-out characters, budget {args.minutes} min of training"
    )
    print("| epoch | training wall time | training loss | held-out nats/char |")
    print("|---:|---:|---:|---:|")
    trained, last, best = 0.0, 0.0, np.inf
    epoch = 0
    while trained + last <= 60 * args.minutes:
        start = time.perf_counter()
        gen.fit([train])
        last = time.perf_counter() - start
        trained += last
        epoch += 1
        start = time.perf_counter()
        loss = -gen.score([held_out])
        scored = time.perf_counter() - start
        best = min(best, loss)
        print(
            f"| {epoch} | {trained / 60:.1f} min | {gen.loss_curve_[-1]:.3f} | "
            f"{loss:.3f} |  (scoring {scored:.1f} s)",
            flush=True,
        )
    print(f"best held-out loss {best:.3f} nats/char after {trained / 60:.1f} min")
    for temperature in (0.0, 0.5, 1.0):
        sample = gen.generate("ROMEO:", n=300, temperature=temperature, random_state=0)
        print(f"\n--- temperature {temperature} ---\n{sample}")


def handwritten(vocabulary_size, args):
    inputs = keras.Input(shape=(None,), dtype="int32")
    x = layers.Embedding(vocabulary_size, 64)(inputs)
    for n_units in args.units:
        x = {"rnn": layers.SimpleRNN, "lstm": layers.LSTM, "gru": layers.GRU}[
            args.cell
        ](n_units, return_sequences=True)(x)
        if args.dropout:
            x = layers.Dropout(args.dropout)(x)
    model = keras.Model(inputs, layers.Dense(vocabulary_size)(x))
    model.compile(
        optimizer=keras.optimizers.Adam(args.learning_rate, clipnorm=1.0),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    return model


def throughput(text, args):
    text = text[: args.throughput_chars]
    print(
        f"\n## throughput: {len(text):,} characters, {args.throughput_epochs} "
        f"epochs, batch {args.batch_size}, {args.cell} {tuple(args.units)}"
    )
    ours, theirs, ours_epoch, theirs_epoch = [], [], [], []
    for repeat in range(args.repeats):
        clock = EpochClock()
        gen = RecurrentTextGenerator(
            **recipe(args),
            learning_rate=args.learning_rate,
            epochs=args.throughput_epochs,
            random_state=repeat,
            callbacks=[clock],
        )
        start = clocks()
        gen.fit([text])
        ours.append(clocks() - start)
        ours_epoch += clock.times[1:]

        # the very windows the estimator trained on
        ids = gen.tokenizer_.transform([text])[0]
        stream = np.concatenate([[0], ids]).astype(np.int32)
        n = (len(stream) - 1) // 100 * 100
        X = stream[:n].reshape(-1, 100)
        Y = stream[1 : n + 1].reshape(-1, 100)
        keras.utils.set_random_seed(repeat)
        start = clocks()
        model = handwritten(gen.vocabulary_size_, args)
        model.fit(
            X,
            Y,
            batch_size=args.batch_size,
            epochs=args.throughput_epochs,
            shuffle=True,
            verbose=0,
            callbacks=[clock],
        )
        theirs.append(clocks() - start)
        theirs_epoch += clock.times[1:]
        print(
            f"repeat {repeat}: skseq {ours[-1][0]:.1f} s, Keras "
            f"{theirs[-1][0]:.1f} s (wall)",
            flush=True,
        )
    print("| measure (best) | skseq | hand-written Keras | ratio |")
    print("|---|---:|---:|---:|")
    rows = [("fit", ours, theirs), ("epoch after the first", ours_epoch, theirs_epoch)]
    for name, a, b in rows:
        if not a:
            continue
        for i, clock in enumerate(("wall", "CPU")):
            best_a, best_b = min(t[i] for t in a), min(t[i] for t in b)
            print(
                f"| {name}, {clock} | {best_a:.1f} s | {best_b:.1f} s | "
                f"{best_a / best_b:.3f} |"
            )


def old_way(gen, prompt, n_chars, call, rng):
    """The earlier example's loop: the whole last window per new character."""
    ids = list(np.concatenate([[0], gen.tokenizer_.transform([prompt])[0]]))
    for _ in range(n_chars):
        logits = np.array(call(np.array([ids[-100:]], np.int32)))[0, -1]
        logits[:2] = -np.inf
        p = np.exp(logits - logits.max())
        ids.append(int(rng.choice(len(p), p=p / p.sum())))
    return ids


def generation(text, args):
    gen = RecurrentTextGenerator(
        cell="lstm", units=args.gen_units, epochs=1, random_state=0
    ).fit([text[:50_000]])
    prompt = text[:100]
    print(f"\n## generation: LSTM({args.gen_units}), prompt of 100 characters")
    gen.generate(prompt, n=10, random_state=0)  # trace once
    rates = []
    for seed in range(3):
        start = time.perf_counter()
        gen.generate(prompt, n=args.gen_chars, random_state=seed)
        rates.append(args.gen_chars / (time.perf_counter() - start))
    print(f"skseq generate: {max(rates):,.0f} chars/s (best of 3, n={args.gen_chars})")
    baseline = {}
    calls = {"model(x)": gen.model_, "predict_on_batch": gen.model_.predict_on_batch}
    for name, call in calls.items():
        old_way(gen, prompt, 5, call, np.random.RandomState(0))  # warm up
        start = time.perf_counter()
        old_way(gen, prompt, args.old_chars, call, np.random.RandomState(0))
        baseline[name] = args.old_chars / (time.perf_counter() - start)
        print(f"windowed, {name}: {baseline[name]:,.0f} chars/s (n={args.old_chars})")
    print(f"ratio: {max(rates) / max(baseline.values()):.1f}x the faster windowed way")


def rates(train, held_out, args):
    print(
        f"\n## rates: {args.cell} {tuple(args.units)}, named Adam, clipnorm 1, "
        f"{args.rate_epochs} epochs of {len(train):,} characters"
    )
    auto = RecurrentTextGenerator(**recipe(args), epochs="auto", random_state=0)
    plan = auto._resolve(-(-len(train) // 100), 2)  # the windows of the text
    print(f"epochs='auto' on this text: {dict(plan)}")
    losses = {}
    for rate in args.rates:
        gen = RecurrentTextGenerator(
            **recipe(args),
            learning_rate=rate,
            epochs=1,
            warm_start=True,
            random_state=np.random.RandomState(0),
        )
        losses[rate] = []
        start = time.perf_counter()
        for epoch in range(args.rate_epochs):
            gen.fit([train])
            losses[rate].append(-gen.score([held_out]))
            print(
                f"learning rate {rate:g}, epoch {epoch + 1}: held-out "
                f"{losses[rate][-1]:.3f} nats/char "
                f"({(time.perf_counter() - start) / 60:.1f} min)",
                flush=True,
            )
    print("| epoch | " + " | ".join(f"learning rate {r:g}" for r in args.rates) + " |")
    print("|---:|" + "---:|" * len(args.rates))
    for epoch in range(args.rate_epochs):
        row = " | ".join(f"{losses[r][epoch]:.3f}" for r in args.rates)
        print(f"| {epoch + 1} | {row} |")


def resident_mb():
    """Resident memory of this process, in MB (after a garbage collection)."""
    gc.collect()
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory(text, args):
    text = text[:50_000]
    print(
        f"\n## memory: {args.fits} fits of LSTM(16), windows of 20, 1 epoch, "
        f"on {len(text):,} characters"
        + (", each followed by score and generate" if args.memory_score else "")
    )

    def one(seed):
        gen = RecurrentTextGenerator(units=16, window=20, epochs=1, random_state=seed)
        gen.fit([text])
        if args.memory_score:
            gen.score([text[:2000]])
            gen.generate("ROMEO:", n=20, random_state=0)

    one(0)  # warm-up: builds and traces the shared trainer and loops
    start = resident_mb()
    print(f"after the warm-up fit: {start:.1f} MB")
    for i in range(1, args.fits + 1):
        one(i)
        if i % 5 == 0 or i == args.fits:
            print(f"after {i} more fits: {resident_mb() - start:+.1f} MB", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument(
        "--parts",
        nargs="*",
        default=["quality", "throughput", "generation"],
        choices=["quality", "throughput", "generation", "rates", "memory"],
    )
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--cell", default="lstm")
    parser.add_argument("--units", type=int, nargs="+", default=[256])
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--learning-rate", type=float, default=3e-3)
    parser.add_argument("--decay-steps", type=int, default=3000)
    parser.add_argument("--throughput-chars", type=int, default=200_000)
    parser.add_argument("--throughput-epochs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--gen-units", type=int, default=256)
    parser.add_argument("--gen-chars", type=int, default=2000)
    parser.add_argument("--old-chars", type=int, default=200)
    parser.add_argument("--rates", type=float, nargs="+", default=[1e-3, 2e-3])
    parser.add_argument("--rate-epochs", type=int, default=10)
    parser.add_argument("--fits", type=int, default=20)
    parser.add_argument("--memory-score", action="store_true")
    args = parser.parse_args()

    text = load_shakespeare(data_home=args.data)
    split = int(0.9 * len(text))  # the last 10% is held out
    if "quality" in args.parts:
        quality(text[:split], text[split:], args)
    if "throughput" in args.parts:
        throughput(text[:split], args)
    if "generation" in args.parts:
        generation(text[:split], args)
    if "rates" in args.parts:
        rates(text[:split], text[split:], args)
    if "memory" in args.parts:
        memory(text[:split], args)


if __name__ == "__main__":
    main()
