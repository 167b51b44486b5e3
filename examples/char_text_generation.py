"""Character-level text generation on tiny Shakespeare.

A :class:`skseq.RecurrentTextGenerator` learns to predict every next
character of the first 90% of the text (windows of 100 characters, every
position a target), then continues a prompt one character at a time with its
recurrent state carried: the prompt is read once and each new character costs
one step. Prints the held-out loss on the last 10% in nats per character
(character LSTMs typically reach 1.5-1.6 on this text) and samples at a few
temperatures (0 is greedy).

Run from the repository root::

    python examples/char_text_generation.py           # about 20 min on 2 cores
    python examples/char_text_generation.py --quick   # or SKSEQ_QUICK=1, < 1 min

The data folder is ``$SKSEQ_DATA`` (default ``../shared/data``).
"""

# %%
import os
import sys
import time

import keras

from skseq import RecurrentTextGenerator
from skseq.datasets import load_shakespeare

QUICK = "--quick" in sys.argv or os.environ.get("SKSEQ_QUICK", "") not in ("", "0")

text = load_shakespeare()
if QUICK:
    text = text[:5_000]
split = int(0.9 * len(text))  # the last 10% is held out
train, held_out = text[:split], text[split:]
print(f"{len(train):,} training and {len(held_out):,} held-out characters")

# %%
# The recipe of benchmarks/bench_generation.py: Adam from 3e-3, decayed along
# a cosine to 3e-4 over 3,000 steps (157 steps an epoch). 16 epochs reached
# 1.52 nats/char there, in 19.4 min of training on 2 cores.
EPOCHS = 1 if QUICK else 16
schedule = keras.optimizers.schedules.CosineDecay(3e-3, decay_steps=3000, alpha=0.1)
gen = RecurrentTextGenerator(
    level="char",
    cell="lstm",
    units=32 if QUICK else 256,
    window=100,
    batch_size=64,
    optimizer=keras.optimizers.Adam(schedule, clipnorm=1.0),
    epochs=EPOCHS,
    random_state=0,
)
start = time.perf_counter()
gen.fit([train])
print(f"fit {time.perf_counter() - start:.1f} s, {gen.n_iter_} epoch(s)")
print(f"training loss {gen.loss_curve_[-1]:.3f} nats/char")
print(f"held-out loss {-gen.score([held_out]):.3f} nats/char")

# %%
prompt = held_out[:100]
for temperature in (0.0, 0.5, 1.0):
    start = time.perf_counter()
    sample = gen.generate(
        prompt, n=200 if QUICK else 500, temperature=temperature, random_state=0
    )
    elapsed = time.perf_counter() - start
    print(f"\n--- temperature {temperature} ({elapsed:.2f} s) ---\n{sample}")
