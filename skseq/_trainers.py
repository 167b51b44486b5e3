"""Compiled networks shared by every fit of the same architecture.

TensorFlow never frees the traced training and predict functions of a Keras
model, so building and fitting a fresh model per ``fit`` grows resident
memory by ~15 MB each time (grid searches, cross-validation). Instead, each
architecture gets ONE compiled :class:`Trainer` per process. It owns the whole
protocol: its lock, its training datasets, loading an estimator's weights
(and optimizer state) before training and copying the result back after it,
and the compiled forward pass that predicts with an estimator's weights.
Every estimator keeps its own weights in its own ``model_``.

A trainer may be wider than the estimators it serves in its first dimension
only: a built-in token network shares one trainer across the vocabulary
sizes of the same capacity (:func:`vocabulary_capacity`). Weights and
optimizer state are padded with zero rows on the way in and cut on the way
out; rows for ids an estimator never sees get no gradient, so training is
exactly that of the estimator's own network.
"""

import contextlib
import logging
import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

import keras
import numpy as np
import tensorflow as tf

from skseq._batching import release, training_dataset

_MAX_TRAINERS = 16
_trainers = OrderedDict()
_registry_lock = threading.Lock()
_MAX_NARROWER = 4


@contextlib.contextmanager
def quiet():
    """Hide TensorFlow's retracing notices (lengths vary by design here)."""
    logger = logging.getLogger("tensorflow")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def vocabulary_capacity(vocabulary_size):
    """The rows of the trainer of a token network: ``vocabulary_size``
    rounded up to a power of two, so that the folds of a cross-validation,
    whose vocabularies differ a little, share one trainer. It depends on the
    estimator's vocabulary alone, never on which fits came first: a fit
    trains the same whatever the process did before."""
    return 1 << (max(int(vocabulary_size), 2) - 1).bit_length()


def _resized(value, shape):
    """``value`` with zero rows appended, or rows cut, to ``shape``."""
    value = np.asarray(value)
    shape = tuple(shape)
    if value.shape == shape:
        return value
    if value.shape[0] >= shape[0]:
        return value[: shape[0]]
    out = np.zeros(shape, dtype=value.dtype)
    out[: value.shape[0]] = value
    return out


def _fitted(values, variables):
    """``values`` resized, one by one, to the shapes of ``variables``."""
    return [_resized(v, t.shape) for v, t in zip(values, variables, strict=True)]


def _powers_of_two(n, least):
    """Each entry of the int array ``n`` rounded up to a power of two, at
    least ``least``."""
    n = np.maximum(np.asarray(n, dtype=np.int64), least)
    return np.left_shift(1, np.frexp(n - 1)[1]).astype(np.int64)


def make_optimizer(optimizer, learning_rate, clipnorm):
    """A new Keras optimizer: ``optimizer`` by name with ``learning_rate``
    and ``clipnorm``, or a clone of an optimizer instance."""
    if isinstance(optimizer, str):
        return keras.optimizers.get(
            {
                "class_name": optimizer,
                "config": {"learning_rate": learning_rate, "clipnorm": clipnorm},
            }
        )
    return optimizer.from_config(optimizer.get_config())


class Interrupted(KeyboardInterrupt):
    """A fit interrupted by the user, with the history of its completed
    epochs (the trained weights are in the estimator's model)."""

    def __init__(self, history):
        super().__init__()
        self.history = history


class Trainer:
    """A compiled model, trained and run with the weights of estimators.

    Parameters
    ----------
    model : keras.Model
        Compiled network.
    exact_padding : bool
        Whether more padding (token 0, NaN steps) leaves the network's
        outputs unchanged, as in the built-in networks (see :class:`_Forward`).
    """

    def __init__(self, model, *, exact_padding):
        self.model = model
        self.lock = threading.RLock()
        # training datasets, built once and reused by every fit (_batching)
        self._datasets = {}
        optimizer = model.optimizer
        optimizer.build(model.trainable_variables)
        self._fresh = [v.numpy() for v in optimizer.variables]
        self._seeds = [v for v in model.variables if v.name == "seed_generator_state"]
        self._forward = _Forward(model, exact_padding)
        # forward passes of narrower estimators (a Keras stateless call takes
        # weights of the model's own shapes only), by their weight shapes
        self._narrower = OrderedDict()

    def _load(self, model, *, warm_start, seed):
        """Take ``model``'s weights, its optimizer state (fresh unless
        ``warm_start``) and reseed every random layer (dropout)."""
        self.model.set_weights(_fitted(model.get_weights(), self.model.weights))
        state = self._fresh
        if warm_start and model.optimizer.built:
            state = [v.numpy() for v in model.optimizer.variables]
        for variable, value in zip(self.model.optimizer.variables, state, strict=True):
            variable.assign(_resized(value, variable.shape))
        for i, variable in enumerate(self._seeds):
            variable.assign(np.array([seed + i, 0], dtype=variable.dtype))

    def _save(self, model):
        """Copy the trained weights and optimizer state into ``model``."""
        model.set_weights(_fitted(self.model.get_weights(), model.weights))
        if not model.optimizer.built:
            model.optimizer.build(model.trainable_variables)
        variables = zip(
            model.optimizer.variables, self.model.optimizer.variables, strict=True
        )
        for target, source in variables:
            target.assign(_resized(source.numpy(), target.shape))

    def fit(
        self,
        model,
        train,
        validation=None,
        *,
        warm_start,
        seed,
        rng,
        batch_size,
        bucket,
        epochs,
        initial_epoch=0,
        callbacks=(),
        verbose=0,
    ):
        """Train ``model``'s weights for ``epochs`` epochs.

        ``train`` and ``validation`` are ``(Sequences, y, sample_weight)``;
        batches come from ``rng`` (see :func:`skseq._batching.training_dataset`).
        Returns the Keras history dict of this call.
        """
        batches = dict(batch_size=batch_size, rng=rng, bucket=bucket)
        fit_args = dict(
            epochs=initial_epoch + epochs,
            initial_epoch=initial_epoch,
            verbose=verbose,
            callbacks=list(callbacks),
            shuffle=False,  # the dataset shuffles, from rng
        )
        fit_args["steps_per_epoch"] = -(-len(train[0]) // batch_size)
        with self.lock, quiet():
            data = training_dataset(
                *train, **batches, cache=self._datasets, repeat=True
            )
            if validation is not None:
                fit_args["validation_data"] = training_dataset(
                    *validation, **batches, cache=self._datasets, shuffle=False
                )
            self._load(model, warm_start=warm_start, seed=seed)
            try:
                history = self.model.fit(data, **fit_args).history
            except KeyboardInterrupt:
                # as scikit-learn's MLP: the user keeps what was trained (the
                # estimator warns); the epochs completed are in the history
                history = dict(getattr(self.model.history, "history", None) or {})
                self._save(model)
                raise Interrupted(history) from None
            finally:
                release(self._datasets)
            self._save(model)
        return history

    def predict(self, model, X, batch_size=256):
        """Outputs of the network with ``model``'s weights on sequences ``X``.

        One code path for every size: the compiled forward pass, a pure
        function of ``model``'s weights (no copy, no lock), which computes
        each row alone, so that a row's output does not depend on the rows
        predicted with it (see :class:`_Forward`; ``batch_size`` is that of
        its graph fallback). Rows come back in the order of ``X``.
        """
        with quiet():
            return self._forward_of(model).predict(
                model, X.values, X.lengths, batch_size
            )

    def _forward_of(self, model):
        shapes = tuple(tuple(v.shape) for v in model.weights)
        if shapes == tuple(tuple(v.shape) for v in self.model.weights):
            return self._forward
        with self.lock:
            forward = self._narrower.get(shapes)
            if forward is None:
                clone = keras.models.clone_model(model)
                forward = _Forward(clone, self._forward.exact_padding)
                self._narrower[shapes] = forward
                while len(self._narrower) > _MAX_NARROWER:
                    self._narrower.popitem(last=False)
            return forward


class _Forward:
    """The compiled forward pass of a network, as a pure function of the
    weights of any model of the same architecture and shapes.

    XLA compiles the network for one row and loops it over the rows of a
    call (one compiled kernel for the recurrent loop: about 9x faster than
    the graph for one review). Each row is computed alone, by the same
    compiled code whatever is predicted with it, so that a row's output
    never depends on the other rows (scikit-learn's
    ``check_methods_subset_invariance``). A batched product rounds a row
    differently with the number of rows and the row's place among them (a
    matrix-vector kernel for one row, blocks and threads that change with
    the batch): 1 unit in the last place of float32, which a regressor's
    target scale magnified past the check's tolerance.

    Rows are padded in time steps to the power of two of their own length,
    at least 8 (masked padding); without exact padding, to no more than the
    input's own width (padding reaches a user's network as it is), so that
    the rows of a dense array keep their width. A call holds a fixed number
    of rows per width (:meth:`_capacity`; the loop stops at the real ones),
    so each width compiles once. Without exact padding, past ``MAX_WIDTHS``
    widths that are not powers of two, and for every width if XLA cannot
    compile the network, rows run through a traced graph in batches of
    ``batch_size``: those rows round with their batch.
    """

    MAX_WIDTHS = 8
    MAX_ROWS = 256  # rows of an XLA call, at most...
    MAX_BYTES = 1 << 22  # ...and bytes of its input

    def __init__(self, model, exact_padding):
        self.exact_padding = exact_padding
        self._xla_ok = True
        self._widths = set()  # other widths compiled, without exact padding
        self._lock = threading.Lock()

        def run(trainable, non_trainable, x):
            return model.stateless_call(trainable, non_trainable, x, training=False)[0]

        def rows(trainable, non_trainable, x, n):
            # the outputs of the first n rows of x, computed one at a time
            one = (1,) + tuple(x.shape[1:])
            # traced for its shape only (unused, so never computed)
            spec = run(trainable, non_trainable, tf.zeros(one, x.dtype))

            def body(i, out):
                begin = tf.concat([[i], tf.zeros(len(one) - 1, tf.int32)], 0)
                y = run(trainable, non_trainable, tf.slice(x, begin, one))
                return i + 1, tf.tensor_scatter_nd_update(out, [[i]], y)

            out = tf.zeros((x.shape[0],) + tuple(spec.shape[1:]), spec.dtype)
            return tf.while_loop(lambda i, _: i < n, body, (tf.constant(0), out))[1]

        self._xla = tf.function(rows, jit_compile=True, autograph=False)
        self._graph = tf.function(run, reduce_retracing=True, autograph=False)

    def predict(self, model, values, lengths, batch_size):
        """Outputs on ``values`` (rows of real ``lengths``), in row order."""
        if not len(values):  # the shape of the outputs, from one empty row
            empty = np.zeros((1,) + values.shape[1:], values.dtype)
            if values.dtype.kind == "f":
                empty[:] = np.nan
            return self.predict(model, empty, np.zeros(1, np.int64), batch_size)[:0]
        weights = (
            [v.value for v in model.trainable_variables],
            [v.value for v in model.non_trainable_variables],
        )
        widths = _powers_of_two(lengths, 8)
        if not self.exact_padding:
            widths = np.minimum(widths, values.shape[1])
        order = np.argsort(widths, kind="stable")
        calls = []
        for group in np.split(order, np.flatnonzero(np.diff(widths[order])) + 1):
            width = int(widths[group[0]])
            xla = self._route(width)
            step = self._capacity(values, width) if xla else batch_size
            calls += [
                (xla, group[i : i + step], step, width)
                for i in range(0, len(group), step)
            ]

        def call(args):
            xla, idx, rows, width = args
            return self._call(xla, weights, values[idx], rows, width)

        # an XLA call computes one row at a time, on one core: calls run on
        # as many cores as there are
        workers = min(len(calls), os.cpu_count() or 1)
        if workers > 1:
            with ThreadPoolExecutor(workers) as pool:
                preds = list(pool.map(call, calls))
        else:
            preds = [call(args) for args in calls]
        out = np.empty((len(values),) + preds[0].shape[1:], preds[0].dtype)
        for (_, idx, _, _), pred in zip(calls, preds, strict=True):
            out[idx] = pred
        return out

    def _route(self, width):
        """Whether rows of ``width`` steps run through XLA (for a width, the
        answer never changes)."""
        if not self._xla_ok:
            return False
        if self.exact_padding or width & (width - 1) == 0 or width in self._widths:
            return True  # powers of two: few, whatever the inputs
        with self._lock:
            if width not in self._widths and len(self._widths) >= self.MAX_WIDTHS:
                return False
            self._widths.add(width)
        return True

    def _capacity(self, values, width):
        """The rows of every XLA call at ``width``: a power of two."""
        row = width * values.dtype.itemsize * int(np.prod(values.shape[2:]))
        rows = max(1, min(self.MAX_ROWS, self.MAX_BYTES // row))
        return 1 << (rows.bit_length() - 1)

    def _call(self, xla, weights, values, rows, width):
        """Outputs on ``values``, cut or padded to ``width`` steps (and, for
        XLA, to ``rows`` rows)."""
        n = len(values)
        pad_value = 0 if values.dtype.kind in "iu" else np.nan
        shape = (rows if xla else n, width) + values.shape[2:]
        batch = np.full(shape, pad_value, values.dtype)
        steps = min(width, values.shape[1])
        batch[:n, :steps] = values[:, :steps]
        if xla and self._xla_ok:
            try:
                return np.asarray(self._xla(*weights, batch, tf.constant(n)))[:n]
            except (tf.errors.InvalidArgumentError, tf.errors.UnimplementedError):
                self._xla_ok = False
        return np.asarray(self._graph(*weights, batch[:n]))


def get_trainer(key, build, *, exact_padding):
    """The trainer of architecture ``key``; ``build()`` makes its compiled
    model when there is none yet."""
    with _registry_lock:
        trainer = _trainers.get(key)
        if trainer is not None:
            _trainers.move_to_end(key)
            return trainer
    trainer = Trainer(build(), exact_padding=exact_padding)
    with _registry_lock:
        trainer = _trainers.setdefault(key, trainer)
        while len(_trainers) > _MAX_TRAINERS:
            _trainers.popitem(last=False)
    return trainer
