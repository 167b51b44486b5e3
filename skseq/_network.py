"""Build the Keras network of the recurrent estimators (pure Keras, no sklearn)."""

import keras
from keras import layers, ops

_CELLS = {"rnn": layers.SimpleRNN, "lstm": layers.LSTM, "gru": layers.GRU}


@keras.saving.register_keras_serializable(package="skseq")
class NaNMasking(layers.Layer):
    """Mask time steps whose features are all NaN and replace NaN by 0.

    Unequal-length time-series archives pad the end of shorter series with
    NaN; this layer turns that padding into a Keras mask so that recurrent
    layers and pooling skip it.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def compute_mask(self, inputs, mask=None):
        return ops.logical_not(ops.all(ops.isnan(inputs), axis=-1))

    def call(self, inputs):
        return ops.where(ops.isnan(inputs), ops.zeros_like(inputs), inputs)


@keras.saving.register_keras_serializable(package="skseq")
class MaskedGlobalMaxPooling1D(layers.Layer):
    """Global max pooling over the time steps that the mask keeps."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def compute_mask(self, inputs, mask=None):
        return None

    def call(self, inputs, mask=None):
        if mask is not None:
            keep = ops.expand_dims(ops.cast(mask, "bool"), -1)
            lowest = ops.full_like(inputs, -3.0e38)
            inputs = ops.where(keep, inputs, lowest)
        return ops.max(inputs, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[2])


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
):
    """Build an uncompiled recurrent ``keras.Model``.

    Token-id input (``vocabulary_size`` given) goes through an ``Embedding``
    with ``mask_zero=True``; float input of ``n_features`` per step goes
    through :class:`NaNMasking`. Then one recurrent layer per entry of
    ``units`` (bidirectional if asked), pooling over the unmasked steps,
    a dense head and the output layer.

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

    Returns
    -------
    keras.Model
    """
    if vocabulary_size is not None:
        inputs = keras.Input(shape=(None,), dtype="int32", name="tokens")
        if embeddings is not None:
            embedding = layers.Embedding(
                embeddings.shape[0],
                embeddings.shape[1],
                mask_zero=True,
                trainable=trainable_embeddings,
                name="embedding",
            )
            x = embedding(inputs)
            embedding.set_weights([embeddings])
        else:
            x = layers.Embedding(
                vocabulary_size,
                embedding_dim,
                mask_zero=True,
                trainable=trainable_embeddings,
                name="embedding",
            )(inputs)
    else:
        inputs = keras.Input(shape=(None, n_features), dtype="float32", name="values")
        x = NaNMasking(name="nan_masking")(inputs)

    units = tuple(units)
    for i, n_units in enumerate(units):
        last = i == len(units) - 1
        rnn = _CELLS[cell](
            n_units,
            return_sequences=not (last and pooling == "last"),
            recurrent_dropout=recurrent_dropout,
        )
        if bidirectional:
            rnn = layers.Bidirectional(rnn)
        x = rnn(x)
        if dropout:
            x = layers.Dropout(dropout)(x)

    if not units or pooling != "last":
        if pooling == "max":
            x = MaskedGlobalMaxPooling1D(name="max_pooling")(x)
        else:
            x = layers.GlobalAveragePooling1D(name="mean_pooling")(x)
    for n_units in hidden_layer_sizes:
        x = layers.Dense(n_units, activation="relu")(x)
        if dropout:
            x = layers.Dropout(dropout)(x)
    outputs = layers.Dense(n_outputs, activation=output_activation, name="output")(x)
    return keras.Model(inputs, outputs)
