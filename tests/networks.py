"""Users' own Keras networks for the tests (module level: estimators pickle
their ``model`` function by reference)."""

import keras

from skseq import NaNMasking


def gru_network(
    n_outputs, output_activation, vocabulary_size=None, n_features=None, units=4
):
    """A GRU over token ids (masked embedding) or float values (NaNMasking)."""
    if vocabulary_size is not None:
        inputs = keras.Input((None,), dtype="int32")
        x = keras.layers.Embedding(vocabulary_size, 8, mask_zero=True)(inputs)
    else:
        inputs = keras.Input((None, n_features))
        x = NaNMasking()(inputs)
    x = keras.layers.GRU(units)(x)
    outputs = keras.layers.Dense(n_outputs, activation=output_activation)(x)
    return keras.Model(inputs, outputs)


def dense_network(n_outputs, output_activation, vocabulary_size, width=4, layers=1):
    """Embedding, average pooling and dense layers over token ids."""
    model = keras.Sequential([keras.Input((None,), dtype="int32")])
    model.add(keras.layers.Embedding(vocabulary_size, width, mask_zero=True))
    model.add(keras.layers.GlobalAveragePooling1D())
    for _ in range(layers):
        model.add(keras.layers.Dense(width, activation="relu"))
    model.add(keras.layers.Dense(n_outputs, activation=output_activation))
    return model


class RaiseAtEpoch(keras.callbacks.Callback):
    """A callback that raises ``error`` at the end of epoch ``at_epoch``."""

    def __init__(self, error, at_epoch=0):
        super().__init__()
        self.error, self.at_epoch = error, at_epoch

    def on_epoch_end(self, epoch, logs=None):
        if epoch >= self.at_epoch:
            raise self.error
