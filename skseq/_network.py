"""Build the Keras network of the recurrent estimators (Keras, no sklearn).

One layer, :class:`ProjectedSimpleRNN`, runs its loop in TensorFlow (the
package's backend) to give it a cheaper gradient.
"""

import dataclasses
import numbers

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

from skseq._trainers import vocabulary_capacity

_CELLS = {"rnn": layers.SimpleRNN, "lstm": layers.LSTM, "gru": layers.GRU}


def layer_sizes(value, name, *, allow_empty=True):
    """``value`` (an int, or a tuple or list of ints: one per layer) as a
    tuple of ints, or a ``ValueError`` that names the parameter."""
    sizes = (value,) if isinstance(value, numbers.Integral) else tuple(value)
    valid = all(
        isinstance(u, numbers.Integral) and not isinstance(u, bool) and u > 0
        for u in sizes
    )
    if not valid or not (sizes or allow_empty):
        tuple_kind = "a tuple" if allow_empty else "a non-empty tuple"
        raise ValueError(
            f"`{name}` must be a positive int or {tuple_kind} of positive ints. "
            f"Got {value!r} instead."
        )
    return tuple(int(u) for u in sizes)


@keras.saving.register_keras_serializable(package="skseq")
class NaNMasking(layers.Layer):
    """Replace NaN by 0 and, if ``emit_mask``, mask the all-NaN time steps.

    Unequal-length time-series archives pad the end of shorter series with
    NaN, and so do the estimators when they batch float sequences of unequal
    length; this layer turns that padding into a Keras mask so that
    recurrent layers and pooling skip it. Start a network of your own for
    :class:`SequenceClassifier` / :class:`SequenceRegressor` with it.

    Parameters
    ----------
    emit_mask : bool, default=True
        Pass the mask of the real (not all-NaN) time steps to the next
        layers.
    **kwargs
        Arguments of ``keras.layers.Layer`` (``name``, ...).

    Examples
    --------
    >>> import keras
    >>> from skseq import NaNMasking
    >>> inputs = keras.Input((None, 3))
    >>> x = keras.layers.GRU(4)(NaNMasking()(inputs))
    >>> keras.Model(inputs, keras.layers.Dense(1)(x)).count_params()
    113
    """

    def __init__(self, emit_mask=True, **kwargs):
        super().__init__(**kwargs)
        self.emit_mask = emit_mask
        self.supports_masking = True

    def compute_mask(self, inputs, mask=None):
        if not self.emit_mask:
            return None
        return ops.logical_not(ops.all(ops.isnan(inputs), axis=-1))

    def call(self, inputs):
        return ops.where(ops.isnan(inputs), ops.zeros_like(inputs), inputs)

    def get_config(self):
        return {**super().get_config(), "emit_mask": self.emit_mask}


@keras.saving.register_keras_serializable(package="skseq")
class Standardize(layers.Layer):
    """``(x - mean) / scale`` per feature; NaN padding stays NaN.

    ``mean`` and ``scale`` are non-trainable weights (set from the training
    data by the estimators), so the network used directly on raw input
    gives the estimator's predictions.
    """

    def build(self, input_shape):
        n_features = input_shape[-1]
        self.mean = self.add_weight(
            shape=(n_features,), initializer="zeros", trainable=False, name="mean"
        )
        self.scale = self.add_weight(
            shape=(n_features,), initializer="ones", trainable=False, name="scale"
        )

    def call(self, inputs):
        return (inputs - self.mean) / self.scale


SERIES_FLOOR = 1e-6  # of a feature's standard deviation: a series' least scale


@keras.saving.register_keras_serializable(package="skseq")
class SeriesStandardize(layers.Layer):
    """Each series' own standardized values and scale, beside the input.

    For each of ``features``, the output appends ``(x - m) / (s + floor)``
    (the values standardized within their own series: its shape, whatever
    its level and amplitude) and ``(log(s + floor) - log_mean) / log_scale``
    on every step (its amplitude, on a log scale), where ``m`` and ``s`` are
    the mean and standard deviation of the series' real (not NaN) steps.
    ``floor``, ``log_mean`` and ``log_scale`` are non-trainable weights set
    from the training data by the estimators. Input ``(batch, steps, F)``,
    output ``(batch, steps, F + 2 * len(features))``; padding stays NaN and
    never enters a real step's statistics, so more padding changes nothing.
    """

    def __init__(self, features, **kwargs):
        super().__init__(**kwargs)
        self.features = tuple(int(f) for f in features)

    def build(self, input_shape):
        shape = (len(self.features),)
        for name, initializer in (
            ("floor", "ones"),
            ("log_mean", "zeros"),
            ("log_scale", "ones"),
        ):
            weight = self.add_weight(
                shape=shape, initializer=initializer, trainable=False, name=name
            )
            setattr(self, name, weight)

    def call(self, inputs):
        values = ops.take(inputs, list(self.features), axis=-1)
        real = ops.logical_not(ops.isnan(values))
        count = ops.maximum(ops.sum(ops.cast(real, values.dtype), axis=1), 1.0)
        mean = ops.sum(ops.where(real, values, 0.0), axis=1) / count
        deviation = values - mean[:, None]
        centred = ops.where(real, deviation, 0.0)
        scale = ops.sqrt(ops.sum(centred * centred, axis=1) / count) + self.floor
        shape = deviation / scale[:, None]
        amplitude = (ops.log(scale) - self.log_mean) / self.log_scale
        # 0 * NaN keeps the padding NaN
        amplitude = amplitude[:, None] + 0.0 * values
        return ops.concatenate([inputs, shape, amplitude], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] + 2 * len(self.features))

    def get_config(self):
        return {**super().get_config(), "features": list(self.features)}


@keras.saving.register_keras_serializable(package="skseq")
class StridedSteps(layers.Layer):
    """The real-step mask after a causal convolution of stride ``stride``.

    Output step ``j`` of a causal convolution reads input steps up to
    ``j * stride`` (and zeros before the start), so it is real exactly when
    input step ``j * stride`` is.
    """

    def __init__(self, stride, **kwargs):
        super().__init__(**kwargs)
        self.stride = stride

    def call(self, real):
        return real[:, :: self.stride]

    def compute_output_shape(self, input_shape):
        steps = input_shape[1]
        if steps is not None:
            steps = -(-steps // self.stride)
        return (input_shape[0], steps)

    def get_config(self):
        return {**super().get_config(), "stride": self.stride}


@keras.saving.register_keras_serializable(package="skseq")
class PiecewiseMean(layers.Layer):
    """The mean of each run of ``size`` steps, over its real steps only.

    Piecewise aggregate approximation (Keogh et al. 2001) of right-padded
    series: input ``[values, real]`` (``(batch, steps, features)`` with
    padding at 0, and the boolean real-step mask); output step ``j`` is the
    mean of the real steps among ``j * size`` to ``j * size + size - 1``.
    It is real exactly when input step ``j * size`` is (as after a stride
    of ``size``: :class:`StridedSteps`), so padding never enters a real
    step and more padding changes nothing.
    """

    def __init__(self, size, **kwargs):
        super().__init__(**kwargs)
        self.size = size

    def call(self, inputs):
        values, real = inputs
        steps = ops.shape(values)[1]
        extra = (-steps) % self.size
        weight = ops.cast(real, values.dtype)[..., None]
        sums = ops.pad(values * weight, [[0, 0], [0, extra], [0, 0]])
        counts = ops.pad(weight, [[0, 0], [0, extra], [0, 0]])
        shape = (-1, (steps + extra) // self.size, self.size)
        sums = ops.sum(ops.reshape(sums, (*shape, values.shape[-1])), axis=2)
        counts = ops.sum(ops.reshape(counts, (*shape, 1)), axis=2)
        return sums / ops.maximum(counts, 1.0)

    def compute_output_shape(self, input_shape):
        shape = input_shape[0]
        steps = shape[1]
        if steps is not None:
            steps = -(-steps // self.size)
        return (shape[0], steps, shape[2])

    def get_config(self):
        return {**super().get_config(), "size": self.size}


MEAN = "mean"  # first field of a front-end entry that is a PiecewiseMean


@keras.saving.register_keras_serializable(package="skseq")
class RealSteps(layers.Layer):
    """Boolean ``(batch, steps)``: token id != 0, or a step not all NaN."""

    def call(self, inputs):
        if len(inputs.shape) == 2:
            return ops.not_equal(inputs, 0)
        return ops.logical_not(ops.all(ops.isnan(inputs), axis=-1))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:2])


@keras.saving.register_keras_serializable(package="skseq")
class LastRealStep(layers.Layer):
    """The output at each sequence's last real step (zeros if it has none)."""

    def call(self, inputs):
        x, real = inputs
        steps = ops.arange(ops.shape(real)[1])
        last = ops.max(ops.where(real, steps[None, :], -1), axis=1)
        pick = ops.one_hot(last, ops.shape(real)[1], dtype=x.dtype)
        return ops.einsum("bt,btu->bu", pick, x)

    def compute_output_shape(self, input_shape):
        x_shape = input_shape[0]
        return (x_shape[0], x_shape[2])


def _tanh_recurrence(projected, recurrent_kernel):
    """``h_t = tanh(projected_t + h_{t-1} @ recurrent_kernel)`` from ``h_0 = 0``,
    over time-major ``(T, batch, units)`` input; all the states, time-major.

    Keras' loop, differentiated by TensorFlow, computes per backward step the
    tanh derivative, the recurrent kernel's gradient and the state's gradient,
    each op on its own. Here the backward loop keeps only the chain through
    the states (one product per step); the tanh derivative is taken for all
    steps before it and the recurrent kernel's gradient is one product after
    it (``benchmarks/bench_step_cost.py --projection``).
    """

    @tf.custom_gradient
    def run(projected, recurrent_kernel):
        steps = tf.shape(projected)[0]
        step_shape = projected.shape[1:]

        def array():
            return tf.TensorArray(projected.dtype, size=steps, element_shape=step_shape)

        inputs = array().unstack(projected)

        def forward(t, h, states):
            h = tf.tanh(inputs.read(t) + tf.matmul(h, recurrent_kernel))
            return t + 1, h, states.write(t, h)

        start = tf.zeros_like(projected[0])
        _, _, states = tf.while_loop(
            lambda t, *_: t < steps, forward, (0, start, array())
        )
        states = states.stack()

        def grad(d_states):
            d_states = array().unstack(d_states)
            d_tanh = array().unstack(1.0 - tf.square(states))
            transposed = tf.transpose(recurrent_kernel)

            def backward(t, d_next, d_pre):
                d = (d_states.read(t) + d_next) * d_tanh.read(t)
                return t - 1, tf.matmul(d, transposed), d_pre.write(t, d)

            _, _, d_pre = tf.while_loop(
                lambda t, *_: t >= 0, backward, (steps - 1, start, array())
            )
            d_pre = d_pre.stack()
            previous = tf.concat([start[None], states[:-1]], axis=0)
            return d_pre, tf.einsum("tbu,tbv->uv", previous, d_pre)

        return states, grad

    return run(projected, recurrent_kernel)


@keras.saving.register_keras_serializable(package="skseq")
class ProjectedSimpleRNN(layers.Layer):
    """A ``SimpleRNN`` returning its whole sequence, with less work per step.

    The same weights (a ``SimpleRNNCell``, tanh) and outputs as
    ``keras.layers.SimpleRNN(units, return_sequences=True)``, but
    ``x @ kernel + bias`` is one matrix product over all steps instead of one
    product per step inside the loop, and the backward loop does only the
    recurrent product (:func:`_tanh_recurrence`): 1-55% less CPU time per
    step than Keras' layer, on every input and width measured
    (``benchmarks/bench_step_cost.py --projection``). TensorFlow backend.
    """

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.cell = layers.SimpleRNNCell(units, name="simple_rnn_cell")

    def build(self, input_shape):
        self.cell.build((None, input_shape[-1]))

    def call(self, inputs):
        projected = ops.matmul(inputs, self.cell.kernel) + self.cell.bias
        states = _tanh_recurrence(
            tf.transpose(projected, [1, 0, 2]),
            tf.convert_to_tensor(self.cell.recurrent_kernel),
        )
        return tf.transpose(states, [1, 0, 2])

    def compute_output_shape(self, input_shape):
        return (*input_shape[:2], self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units}


@keras.saving.register_keras_serializable(package="skseq")
class MaskedGlobalPooling1D(layers.Layer):
    """Mean or max over the time steps that the mask keeps (0 if none)."""

    def __init__(self, mode="mean", **kwargs):
        super().__init__(**kwargs)
        self.mode = mode
        self.supports_masking = True

    def compute_mask(self, inputs, mask=None):
        return None

    def call(self, inputs, mask=None):
        if mask is None:
            mask = ops.ones(ops.shape(inputs)[:2], dtype="bool")
        keep = ops.expand_dims(ops.cast(mask, "bool"), -1)
        if self.mode == "max":
            pooled = ops.max(ops.where(keep, inputs, -3.0e38), axis=1)
            return ops.where(ops.any(keep, axis=1), pooled, 0.0)
        weights = ops.cast(keep, inputs.dtype)
        total = ops.sum(inputs * weights, axis=1)
        return total / ops.maximum(ops.sum(weights, axis=1), 1.0)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[2])

    def get_config(self):
        return {**super().get_config(), "mode": self.mode}


# n-gram codes: ``code = (code * _NGRAM_MULTIPLIER + id) % _NGRAM_PRIME`` per
# further token, then ``code % buckets`` is the n-gram's row (int64 never
# overflows: code < 2**31, ids < 2**31).
_NGRAM_MULTIPLIER = 1_000_003
NGRAM_DIM = 16  # width of the n-gram embeddings
NGRAM_GAIN = 10.0  # learning-rate multiplier of the n-gram tables (NgramBag)
_NGRAM_PRIME = 2**31 - 1


def ngram_codes(tokens, n):
    """The codes of the ``n``-grams of right-padded token ids (NumPy), with
    the mask of those made of real tokens only; :class:`NgramBag` hashes the
    same codes into its rows."""
    tokens = np.asarray(tokens, dtype=np.int64)
    code, real = tokens, tokens != 0
    for k in range(1, n):
        code = (code[:, :-1] * _NGRAM_MULTIPLIER + tokens[:, k:]) % _NGRAM_PRIME
        real = real[:, :-1] & (tokens[:, k:] != 0)
    return code, real


@keras.saving.register_keras_serializable(package="skseq")
class NgramBag(layers.Layer):
    """A bag of each sequence's token n-grams (fastText, Joulin et al. 2017).

    The sum of the embeddings of its real unigrams (one row per token id)
    and, for ``ngrams`` >= 2, of its n-grams of 2 to ``ngrams`` real tokens
    (hashed into ``buckets`` rows), divided by the square root of their
    count, as TF-IDF's l2 norm divides a count vector. Order-free, so
    padding anywhere leaves it unchanged.

    The tables hold their values divided by ``gain`` (drawn ``gain`` times
    smaller than Keras' default embedding, so the output starts on the same
    scale), and the output is multiplied by it back: Adam's steps, of one
    size whatever the gradient's, then move the output ``gain`` times
    faster. A row of the bag learns only at the steps whose batch holds its
    n-gram, a few times an epoch for most of them, where the recurrent
    layers learn at every step.
    """

    def __init__(self, vocabulary_size, ngrams, buckets, dim, gain=1.0, **kwargs):
        super().__init__(**kwargs)
        self.vocabulary_size = vocabulary_size
        self.ngrams = ngrams
        self.buckets = buckets
        self.dim = dim
        self.gain = float(gain)

        def table(rows, name):
            # an initializer each: an unseeded Keras initializer draws its
            # seed once, so one shared by both tables would repeat its rows
            initializer = keras.initializers.RandomUniform(-0.05 / gain, 0.05 / gain)
            return layers.Embedding(
                rows, dim, embeddings_initializer=initializer, name=name
            )

        self.unigrams = table(vocabulary_size, "unigrams")
        self.hashed = table(buckets, "hashed") if ngrams > 1 else None

    def build(self, input_shape):
        self.unigrams.build(input_shape)
        if self.hashed is not None:
            self.hashed.build(input_shape)

    def call(self, tokens):
        real = ops.cast(ops.not_equal(tokens, 0), self.compute_dtype)
        total = ops.einsum("bt,btd->bd", real, self.unigrams(tokens))
        count = ops.sum(real, axis=1)
        ids = ops.cast(tokens, "int64")
        code, kept = ids, real
        for k in range(1, self.ngrams):
            code = (code[:, :-1] * _NGRAM_MULTIPLIER + ids[:, k:]) % _NGRAM_PRIME
            kept = kept[:, :-1] * real[:, k:]
            rows = ops.cast(code % self.buckets, "int32")
            total = total + ops.einsum("bt,btd->bd", kept, self.hashed(rows))
            count = count + ops.sum(kept, axis=1)
        return total * (self.gain / ops.sqrt(ops.maximum(count, 1.0)))[:, None]

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.dim)

    def get_config(self):
        return {
            **super().get_config(),
            "vocabulary_size": self.vocabulary_size,
            "ngrams": self.ngrams,
            "buckets": self.buckets,
            "dim": self.dim,
            "gain": self.gain,
        }


def build_network(
    *,
    n_features=None,
    vocabulary_size=None,
    embedding_dim=64,
    embeddings=None,
    trainable_embeddings=True,
    cell="lstm",
    units=(64,),
    bidirectional=False,
    dropout=0.0,
    recurrent_dropout=0.0,
    pooling="last",
    hidden_layer_sizes=(),
    n_outputs=1,
    output_activation="linear",
    scale_inputs=False,
    series_features=(),
    front_end=(),
    ngrams=0,
    ngram_buckets=0,
    input_noise=0.0,
    conv_mean=False,
):
    """Build an uncompiled recurrent ``keras.Model``.

    Token-id input (``vocabulary_size`` given) goes through an ``Embedding``;
    float input of ``n_features`` per step through :class:`NaNMasking`. Then
    one recurrent layer per entry of ``units`` (bidirectional if asked),
    pooling over the real steps (id != 0, or not all NaN), a dense head and
    the output layer. The network expects right-padded sequences.

    Float input may first be standardized (:class:`Standardize`) and pass
    through causal convolutions (``front_end``) before the recurrent layers;
    the real steps are then every ``stride``-th one (:class:`StridedSteps`).

    Parameters
    ----------
    n_features : int or None
        Features per time step of float input. Exactly one of ``n_features``
        and ``vocabulary_size`` is given.
    vocabulary_size : int or None
        Number of token ids (largest id + 1) of integer input.
    embedding_dim : int
        Width of the embedding (ignored when ``embeddings`` is given).
    embeddings : array of shape (vocabulary_size, dim) or None
        Initial embedding weights.
    trainable_embeddings : bool
        Whether the embedding weights are trained.
    cell : {"rnn", "lstm", "gru"}
        Recurrent cell.
    units : tuple of int
        Units of each stacked recurrent layer; empty for none (embedding and
        pooling only).
    bidirectional : bool
        Wrap every recurrent layer in ``Bidirectional``.
    dropout : float
        Rate of ``Dropout`` after each recurrent layer.
    recurrent_dropout : float
        Dropout on the recurrent state (disables the cuDNN kernels).
    pooling : {"last", "mean", "max"}
        How the last recurrent layer's sequence becomes one vector.
    hidden_layer_sizes : tuple of int
        Dense ReLU layers before the output.
    n_outputs : int
        Width of the output layer.
    output_activation : str
        Activation of the output layer.
    scale_inputs : bool
        Start float input with a :class:`Standardize` layer (its ``mean``
        and ``scale`` weights are 0 and 1 until set).
    series_features : tuple of int
        Float features whose series' own standardized values and scale
        join the input (:class:`SeriesStandardize`, after ``Standardize``);
        empty for none.
    front_end : tuple of (filters, kernel_size, stride)
        Causal ``Conv1D`` + ReLU layers before the recurrent layers, and an
        entry ``("mean", size, size)`` for a :class:`PiecewiseMean` (see
        :func:`conv_front_end`); empty for none.
    ngrams : int
        Token input only: 0 for none, else an :class:`NgramBag` of the
        n-grams up to this ``n`` whose ``NGRAM_DIM`` values join the
        recurrent part's output before the dense head.
    ngram_buckets : int
        Rows of the hashed n-grams (``ngrams`` >= 2).
    input_noise : float
        Float input only: standard deviation of a ``GaussianNoise`` layer
        after the masking of NaN padding (noise while training only); 0 for
        none.
    conv_mean : bool
        With a convolution in ``front_end``: the mean of the last
        convolution's output over the real steps joins the pooled recurrent
        output (FCN's global mean beside the recurrent layers, as in
        LSTM-FCN).

    Returns
    -------
    keras.Model
    """
    # Unidirectional layers are causal: with right padding, the output at a
    # sequence's last real step does not depend on the padding after it. They
    # run unmasked (Keras' masked loop cost 1.55x per step on CPU in
    # benchmarks/bench_fit_imdb.py) and the last real step is picked
    # afterwards; a backward direction would read the padding first, so
    # bidirectional layers run masked.
    masked = bidirectional and bool(units)
    if vocabulary_size is not None:
        inputs = keras.Input(shape=(None,), dtype="int32", name="tokens")
        embedding = layers.Embedding(
            vocabulary_size if embeddings is None else embeddings.shape[0],
            embedding_dim if embeddings is None else embeddings.shape[1],
            mask_zero=masked and not front_end,
            trainable=trainable_embeddings,
            name="embedding",
        )
        x = embedding(inputs)
        if embeddings is not None:
            embedding.set_weights([embeddings])
    else:
        inputs = keras.Input(shape=(None, n_features), dtype="float32", name="values")
        x = inputs
        if scale_inputs:
            x = Standardize(name="standardize")(x)
        if series_features:
            x = SeriesStandardize(series_features, name="series_standardize")(x)
        x = NaNMasking(emit_mask=masked and not front_end, name="nan_masking")(x)
        if input_noise:
            x = layers.GaussianNoise(input_noise, name="input_noise")(x)
    # with a front-end, the real steps follow the convolutions' strides (a
    # causal convolution's output at a real step reads no padding)
    real = RealSteps(name="real_steps")(inputs) if front_end or not masked else None
    convolved = None
    if front_end:
        convolutions = 0
        for i, (filters, kernel_size, stride) in enumerate(front_end):
            if filters == MEAN:
                x = PiecewiseMean(stride, name="piecewise_mean")([x, real])
            else:
                x = layers.Conv1D(
                    filters,
                    kernel_size,
                    strides=stride,
                    padding="causal",
                    activation="relu",
                    name=f"conv_{convolutions}",
                )(x)
                convolutions += 1
            if stride > 1:
                real = StridedSteps(stride, name=f"strided_steps_{i}")(real)
        if conv_mean and convolutions:
            convolved = (x, real)

    units = tuple(units)
    for i, n_units in enumerate(units):
        last = i == len(units) - 1
        if cell == "rnn" and not (bidirectional or recurrent_dropout):
            rnn = ProjectedSimpleRNN(n_units)
        else:
            rnn = _CELLS[cell](
                n_units,
                return_sequences=not (masked and last and pooling == "last"),
                recurrent_dropout=recurrent_dropout,
            )
            if bidirectional:
                rnn = layers.Bidirectional(rnn)
        x = rnn(x, mask=real) if masked and front_end else rnn(x)
        if last and pooling == "last" and not masked:
            # pick the last real step first: dropout on one step per sequence,
            # not on every step (the same distribution, 1/T of the work)
            x = LastRealStep(name="last_step")([x, real])
        if dropout:
            x = layers.Dropout(dropout)(x)

    if not units or pooling != "last":
        x = MaskedGlobalPooling1D(pooling, name=f"{pooling}_pooling")(x, mask=real)
    if convolved is not None:
        mean = MaskedGlobalPooling1D("mean", name="conv_mean")(
            convolved[0], mask=convolved[1]
        )
        x = layers.Concatenate(name="with_conv_mean")([x, mean])
    if ngrams:
        bag = NgramBag(
            vocabulary_size,
            ngrams,
            ngram_buckets,
            NGRAM_DIM,
            gain=NGRAM_GAIN,
            name="ngram_bag",
        )(inputs)
        x = layers.Concatenate(name="with_ngrams")([x, bag])
    for n_units in hidden_layer_sizes:
        x = layers.Dense(n_units, activation="relu")(x)
        if dropout:
            x = layers.Dropout(dropout)(x)
    outputs = layers.Dense(n_outputs, activation=output_activation, name="output")(x)
    return keras.Model(inputs, outputs)


@dataclasses.dataclass(frozen=True)
class RecurrentNetwork:
    """The architecture of a built-in network: the arguments of
    :func:`build_network` but the initial embedding weights.

    Frozen and hashable: two fits whose networks are equal share one compiled
    trainer (:mod:`skseq._trainers`).
    """

    n_features: int | None = None
    vocabulary_size: int | None = None
    embedding_dim: int = 64
    trainable_embeddings: bool = True
    cell: str = "lstm"
    units: tuple = (64,)
    bidirectional: bool = False
    dropout: float = 0.0
    recurrent_dropout: float = 0.0
    pooling: str = "last"
    hidden_layer_sizes: tuple = ()
    n_outputs: int = 1
    output_activation: str = "linear"
    scale_inputs: bool = False
    series_features: tuple = ()
    front_end: tuple = ()
    ngrams: int = 0
    ngram_buckets: int = 0
    input_noise: float = 0.0
    conv_mean: bool = False

    def build(self, embeddings=None):
        """The uncompiled ``keras.Model``, with ``embeddings`` as initial
        embedding weights when given."""
        return build_network(**dataclasses.asdict(self), embeddings=embeddings)

    # more padding (token 0, NaN steps) leaves the outputs unchanged
    exact_padding = True

    def trainer_spec(self):
        """The network of the shared trainer: a token network over its
        vocabulary's capacity (a power of two), so that the folds of a
        cross-validation, whose vocabularies differ a little, share one."""
        if self.vocabulary_size is None:
            return self
        capacity = vocabulary_capacity(self.vocabulary_size)
        return dataclasses.replace(self, vocabulary_size=capacity)
