"""CPU cost per time step: skseq's network versus the hand-written one.

``train_on_batch`` on 128 random token sequences at widths 25, 100 and 400
(the SimpleRNN recipe also 500), for the seed recipes of
``bench_fit_imdb.py``: the hand-written network (the recurrent layer returns
its last output) and ``skseq._network.build_network`` (the layer returns its
whole sequence and each sequence's last real step is picked). The slope of
CPU time against width is the cost per step; the intercept the cost per
batch. Rounds alternate between the two networks and each keeps its lowest
CPU time.

``--projection`` instead measures ``ProjectedSimpleRNN`` (the input times the
kernel for all steps in one product, before the loop; a backward loop with
only the recurrent product) against Keras' ``SimpleRNN`` over input widths
and units, both returning their whole sequence and picking each sequence's
last real step as skseq does, and against the hand-written network: after a
trained embedding (the input needs a gradient) and on float values (it does
not). Run from the repository root::

    .venv/bin/python benchmarks/bench_step_cost.py [--rounds 4] [--projection]
"""

import argparse
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from bench_fit_imdb import EMBEDDING, RECIPES, hand_written  # noqa: E402

from skseq._network import (  # noqa: E402
    LastRealStep,
    ProjectedSimpleRNN,
    RealSteps,
    build_network,
)

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


def cpu_ms(model, X, y, clock=time.process_time):
    start = clock()
    for _ in range(STEPS):
        model.train_on_batch(X, y)
    return 1000 * (clock() - start) / STEPS


def simple_rnn_network(kind, width, units, embedded):
    """The hand-written SimpleRNN ("keras": its last output), or Keras'
    layer ("sequence") or ProjectedSimpleRNN ("projected") returning the
    whole sequence and picking each sequence's last real step."""
    if embedded:
        inputs = keras.Input((None,), dtype="int32")
        x = keras.layers.Embedding(10_000, width)(inputs)
    else:
        inputs = keras.Input((None, width))
        x = inputs
    if kind == "keras":
        x = keras.layers.SimpleRNN(units)(x)
    else:
        if kind == "projected":
            rnn = ProjectedSimpleRNN(units)
        else:
            rnn = keras.layers.SimpleRNN(units, return_sequences=True)
        x = LastRealStep()([rnn(x), RealSteps()(inputs)])
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return model


def projection(rounds, rng, y):
    print(
        f"SimpleRNN ms per step (slope between widths 60 and 300), lowest of "
        f"{rounds}: hand-written (last output) / Keras' layer returning its "
        "sequence / projected, then projected against Keras' layer and "
        "against hand-written"
    )
    cases = [(True, 32, 32), (True, 64, 32), (True, 128, 128), (True, 32, 48)]
    cases += [(True, 32, 64), (True, 8, 8), (True, 16, 16)]
    cases += [(False, 32, 32), (False, 8, 8)]
    clocks = {"cpu": time.process_time, "wall": time.perf_counter}
    for embedded, width, units in cases:
        batches = {
            w: rng.randint(1, 10_000, size=(BATCH, w)).astype("int32")
            if embedded
            else rng.normal(size=(BATCH, w, width)).astype("float32")
            for w in (60, 300)
        }
        models = {
            kind: simple_rnn_network(kind, width, units, embedded)
            for kind in ("keras", "sequence", "projected")
        }
        for model in models.values():
            for X in batches.values():
                model.train_on_batch(X, y)
        best = {}
        for _ in range(rounds):
            for kind, model in models.items():
                for w, X in batches.items():
                    for name, clock in clocks.items():
                        ms = cpu_ms(model, X, y, clock)
                        best[kind, w, name] = min(best.get((kind, w, name), ms), ms)
        source = "embedding" if embedded else "float values"
        cells = []
        for name in clocks:
            step = [(best[k, 300, name] - best[k, 60, name]) / 240 for k in models]
            change = [100 * (step[2] / step[i] - 1) for i in (1, 0)]
            cells.append(f"{name} " + " / ".join(f"{v:.4f}" for v in step))
            cells[-1] += " ({:+.0f}%, {:+.0f}%)".format(*change)
        print(
            f"{source:<12} width {width:>3} units {units:>3}: " + ", ".join(cells),
            flush=True,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipes", nargs="*", default=list(RECIPES))
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--projection", action="store_true")
    args = parser.parse_args()
    rng = np.random.RandomState(0)
    y = rng.randint(0, 2, BATCH).astype("float32")
    if args.projection:
        return projection(args.rounds, rng, y)
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
