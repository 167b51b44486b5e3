"""The built-in recurrent network: its parameters and fitted weights."""

import numbers

import keras
import numpy as np
from sklearn.utils._param_validation import Interval, StrOptions

from skseq._defaults import feature_scaling, series_scales, standardization
from skseq._network import SERIES_FLOOR, RecurrentNetwork, layer_sizes
from skseq._training import _same


class _RecurrentNetworkMixin:
    """The built-in recurrent network (:func:`skseq._network.build_network`)."""

    _network_constraints = {
        "cell": [StrOptions({"auto", "rnn", "lstm", "gru"})],
        "units": [Interval(numbers.Integral, 1, None, closed="left"), tuple, list],
        "bidirectional": ["boolean"],
        "dropout": [Interval(numbers.Real, 0, 1, closed="left")],
        "recurrent_dropout": [Interval(numbers.Real, 0, 1, closed="left")],
        "embedding_dim": [Interval(numbers.Integral, 1, None, closed="left")],
        "embeddings": ["array-like", None],
        "trainable_embeddings": ["boolean"],
        "pooling": [StrOptions({"auto", "last", "mean", "max"})],
        "hidden_layer_sizes": [tuple, list],
        "scale_inputs": ["boolean"],
        "scale_series": ["boolean", StrOptions({"auto"})],
        "front_end": [StrOptions({"auto", "conv", "none"})],
        "input_noise": [
            Interval(numbers.Real, 0, 1, closed="both"),
            StrOptions({"auto"}),
        ],
        "ngrams": [
            Interval(numbers.Integral, 0, 3, closed="both"),
            StrOptions({"auto"}),
        ],
    }

    def _check_network_params(self):
        units = layer_sizes(self.units, "units")
        layer_sizes(self.hidden_layer_sizes, "hidden_layer_sizes")
        if not units and self.pooling == "last":
            raise ValueError(
                "`units=()` (no recurrent layer) needs `pooling='mean'` or "
                f"`pooling='max'`. Got pooling={self.pooling!r} instead."
            )
        if self.embeddings is not None:
            self._warn_ignored(
                ("embedding_dim",), "beside `embeddings`, whose columns set the width"
            )
            emb = np.asarray(self.embeddings)
            if emb.ndim != 2 or emb.dtype.kind not in "biuf" or emb.shape[0] < 2:
                raise ValueError(
                    "`embeddings` must be a numeric (vocabulary_size, dim) matrix "
                    f"with at least 2 rows. Got shape {emb.shape} and dtype "
                    f"{emb.dtype} instead."
                )
            rows = emb.shape[0]
            if self.vocabulary_size is not None and self.vocabulary_size != rows:
                raise ValueError(
                    f"`vocabulary_size` must equal the rows of `embeddings` "
                    f"({rows}) when both are given. Got {self.vocabulary_size}."
                )

    def _set_fitted_weights(self, X):
        for name in ("input_mean_", "input_scale_"):
            self.__dict__.pop(name, None)
        if self._spec.scale_inputs:
            self.input_mean_, self.input_scale_ = feature_scaling(X.values)
            self.model_.get_layer("standardize").set_weights(
                [self.input_mean_, self.input_scale_]
            )
        features = list(self._spec.series_features)
        if not features:
            return
        # the statistics of what reaches SeriesStandardize: standardized values
        values = X.values[..., features]
        if self._spec.scale_inputs:
            values = (values - self.input_mean_[features]) / self.input_scale_[features]
        _, spread = feature_scaling(values)
        log_mean, log_scale = standardization(np.log(series_scales(values)))
        self.model_.get_layer("series_standardize").set_weights(
            [
                (SERIES_FLOOR * spread).astype(np.float32),
                log_mean.astype(np.float32),
                log_scale.astype(np.float32),
            ]
        )

    def _vocabulary_size(self, seqs):
        if self.embeddings is None:
            return super()._vocabulary_size(seqs)
        rows = int(np.shape(self.embeddings)[0])
        if seqs.values.max(initial=0) >= rows:
            raise ValueError(
                f"`embeddings` has {rows} rows, one per token id, but X holds "
                f"token id {int(seqs.values.max())}. Fit the tokenizer that made "
                "the embeddings (TextTokenizer(vocabulary=...))."
            )
        return rows

    _network_keys = ("cell", "ngrams", "ngram_buckets", "pooling", "front_end",
                     "conv_mean", "scale_series", "input_noise")  # fmt: skip

    def _network(self, plan):
        n_outputs, activation, _ = self._outputs()
        tokens = self.input_kind_ == "tokens"
        return RecurrentNetwork(
            n_features=None if tokens else self.n_step_features_,
            vocabulary_size=self.vocabulary_size_ if tokens else None,
            embedding_dim=self.embedding_dim
            if self.embeddings is None
            else int(np.shape(self.embeddings)[1]),
            trainable_embeddings=self.trainable_embeddings,
            cell=plan["cell"],
            units=layer_sizes(self.units, "units"),
            bidirectional=self.bidirectional,
            dropout=float(self.dropout),
            recurrent_dropout=float(self.recurrent_dropout),
            pooling=plan["pooling"],
            hidden_layer_sizes=tuple(self.hidden_layer_sizes),
            n_outputs=n_outputs,
            output_activation=activation,
            scale_inputs=bool(self.scale_inputs) and not tokens,
            series_features=plan["scale_series"],
            front_end=plan["front_end"],
            conv_mean=plan["conv_mean"],
            ngrams=plan["ngrams"],
            ngram_buckets=plan["ngram_buckets"],
            input_noise=plan["input_noise"],
        )

    def _network_params(self):
        return {name: getattr(self, name) for name in self._network_constraints}

    def _changed(self, network):
        """What changed in the network since it was built, or None."""
        now = self._network_params()
        names = [
            name
            for name, value in self._spec_params.items()
            if not _same(value, now[name])
        ]
        if names:
            return f"`{names[0]}` changed"
        return "the target changed" if network != self._spec else None

    def _build(self, network, *, initial):
        embeddings = None
        if initial and self.embeddings is not None:
            embeddings = np.asarray(self.embeddings, dtype=keras.backend.floatx())
        return self._compiled(network.build(embeddings))
