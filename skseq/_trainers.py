"""Compiled networks shared by every fit of the same architecture.

TensorFlow never frees the traced training and predict functions of a Keras
model, so building and fitting a fresh model per ``fit`` grows resident
memory by ~15 MB each time (grid searches, cross-validation). Instead, each
architecture gets ONE compiled "trainer" model per process: a fit loads the
estimator's own initial weights (and optimizer state) into it, trains, and
copies the result back to the estimator's ``model_``; predict loads the
estimator's weights and runs the trainer's traced predict function. Every
estimator keeps its own weights in its own ``model_``.
"""

import threading
from collections import OrderedDict

import numpy as np
import tensorflow as tf

_MAX_TRAINERS = 16
_trainers = OrderedDict()
_registry_lock = threading.Lock()


class Trainer:
    """A compiled model plus the fresh state of its optimizer."""

    def __init__(self, model):
        self.model = model
        self.lock = threading.RLock()
        # training datasets, built once and reused by every fit (_batching)
        self.datasets = {}
        optimizer = model.optimizer
        optimizer.build(model.trainable_variables)
        self._fresh = [v.numpy() for v in optimizer.variables]

        self._seeds = [v for v in model.variables if v.name == "seed_generator_state"]
        self.xla_ok = True
        self._xla = tf.function(
            lambda trainable, non_trainable, x: model.stateless_call(
                trainable, non_trainable, x, training=False
            )[0],
            jit_compile=True,
            autograph=False,
        )

    def load(self, weights, optimizer_state=None, seed=None):
        """Set the weights, the optimizer state (fresh when None) and, when
        ``seed`` is given, the state of every random layer (dropout)."""
        self.model.set_weights(weights)
        state = self._fresh if optimizer_state is None else optimizer_state
        for variable, value in zip(self.model.optimizer.variables, state, strict=True):
            variable.assign(value)
        if seed is not None:
            for i, variable in enumerate(self._seeds):
                variable.assign(np.array([seed + i, 0], dtype=variable.dtype))

    def save(self, model):
        """Copy the trained weights and optimizer state into ``model``."""
        model.set_weights(self.model.get_weights())
        if not model.optimizer.built:
            model.optimizer.build(model.trainable_variables)
        variables = zip(
            model.optimizer.variables, self.model.optimizer.variables, strict=True
        )
        for target, source in variables:
            target.assign(source)


def _next_power_of_two(n, least):
    return max(least, 1 << (int(n) - 1).bit_length())


def forward(trainer, model, values):
    """Predict a small batch with ``model``'s weights and the trainer's
    XLA-compiled forward pass (a pure function of the weights: no copy).

    XLA turns the recurrent loop into one compiled kernel (about 9x faster
    than the graph for one review). It compiles once per input shape, so the
    batch is padded to the next power of two in rows (fully masked rows) and
    time steps (masked padding), which bounds the number of compilations.
    Falls back to ``model.predict_on_batch`` if XLA cannot compile the network.
    """
    n, width = values.shape[:2]
    shape = (_next_power_of_two(n, 1), _next_power_of_two(width, 8))
    if trainer.xla_ok:
        pad_value = 0 if values.dtype.kind in "iu" else np.nan
        padded = np.full(shape + values.shape[2:], pad_value, dtype=values.dtype)
        padded[:n, :width] = values
        trainable = [v.value for v in model.trainable_variables]
        non_trainable = [v.value for v in model.non_trainable_variables]
        try:
            return np.asarray(trainer._xla(trainable, non_trainable, padded))[:n]
        except (tf.errors.InvalidArgumentError, tf.errors.UnimplementedError):
            trainer.xla_ok = False
    return np.asarray(model.predict_on_batch(values))


def get_trainer(key, build):
    """The trainer of architecture ``key``, made by ``build()`` if missing."""
    with _registry_lock:
        trainer = _trainers.get(key)
        if trainer is not None:
            _trainers.move_to_end(key)
            return trainer
    trainer = Trainer(build())
    with _registry_lock:
        trainer = _trainers.setdefault(key, trainer)
        while len(_trainers) > _MAX_TRAINERS:
            _trainers.popitem(last=False)
    return trainer
