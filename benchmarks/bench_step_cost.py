"""CPU cost per time step: skseq's network versus the hand-written one.

``train_on_batch`` on 128 random token sequences at widths 25, 100 and 400
(the SimpleRNN recipe also 500), for the seed recipes of
``bench_fit_imdb.py``: the hand-written network (the recurrent layer returns
its last output) and ``skseq._network.build_network`` (the layer returns its
whole sequence and each sequence's last real step is picked). The slope of
CPU time against width is the cost per step; the intercept the cost per
batch. Rounds alternate between the two networks and each keeps its lowest
CPU time. Run from the repository root::

    .venv/bin/python benchmarks/bench_step_cost.py [--rounds 4]
"""

import argparse
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from bench_fit_imdb import EMBEDDING, RECIPES, hand_written  # noqa: E402

from skseq._network import build_network  # noqa: E402

BATCH, STEPS = 128, 10


def skseq_network(recipe):
    model = build_network(
        vocabulary_size=recipe["vocab"],
        embedding_dim=EMBEDDING,
        cell=recipe["cell"],
        units=(recipe["units"],),
        dropout=recipe["dropout"],
        n_outputs=1,
        output_activation="sigmoid",
    )
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return model


def cpu_ms(model, X, y):
    start = time.process_time()
    for _ in range(STEPS):
        model.train_on_batch(X, y)
    return 1000 * (time.process_time() - start) / STEPS


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipes", nargs="*", default=list(RECIPES))
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    rng = np.random.RandomState(0)
    y = rng.randint(0, 2, BATCH).astype("float32")
    print(f"CPU ms per train_on_batch of {BATCH} sequences, lowest of {args.rounds}")
    for name in args.recipes:
        recipe = RECIPES[name]
        widths = sorted({25, 100, 400, recipe["maxlen"]})
        batches = {
            w: rng.randint(2, recipe["vocab"], size=(BATCH, w)).astype("int32")
            for w in widths
        }
        models = {
            # dynamic width, so one network serves every width
            "keras": hand_written({**recipe, "maxlen": None}, mask=False),
            "skseq": skseq_network(recipe),
        }
        for model in models.values():  # trace every width first
            for X in batches.values():
                model.train_on_batch(X, y)
        best = {(k, w): np.inf for k in models for w in widths}
        for _ in range(args.rounds):
            for k, model in models.items():
                for w, X in batches.items():
                    best[k, w] = min(best[k, w], cpu_ms(model, X, y))
        fits = {k: np.polyfit(widths, [best[k, w] for w in widths], 1) for k in models}
        cells = "  ".join(
            f"w{w} {best['keras', w]:.1f}/{best['skseq', w]:.1f}" for w in widths
        )
        (k_step, k_batch), (s_step, s_batch) = fits["keras"], fits["skseq"]
        print(
            f"{name:<5} keras/skseq ms: {cells}\n"
            f"      per step keras {k_step:.3f} ms, skseq {s_step:.3f} ms "
            f"({100 * (s_step / k_step - 1):+.0f}%); per batch keras "
            f"{k_batch:.1f} ms, skseq {s_batch:.1f} ms",
            flush=True,
        )


if __name__ == "__main__":
    main()
