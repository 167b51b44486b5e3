"""A Keras network of the user's own: its spec and the estimators' side."""

import dataclasses
import inspect
import json
import warnings

import keras
import numpy as np

from skseq._network import NaNMasking


def _config_key(model):
    """The architecture of ``model`` as a string, the same for two builds of
    the same network (Keras numbers its layer names per process)."""
    config = model.get_config()
    names = {}

    def collect(node):
        if isinstance(node, dict):
            if isinstance(node.get("name"), str):
                names.setdefault(node["name"], f"layer{len(names)}")
            for value in node.values():
                collect(value)
        elif isinstance(node, (list, tuple)):  # keras_history is a tuple
            for value in node:
                collect(value)

    def rename(node):
        if isinstance(node, dict):
            return {k: rename(v) for k, v in node.items()}
        if isinstance(node, (list, tuple)):
            return [rename(v) for v in node]
        return names.get(node, node) if isinstance(node, str) else node

    collect(config)
    return json.dumps(rename(config), sort_keys=True, default=repr)


@dataclasses.dataclass(frozen=True)
class _UserNetwork:
    """A user's ``model`` callable and the keyword arguments of its call."""

    build_fn: object
    kwargs: tuple

    # padding reaches a user's network as it is: more of it may change it
    exact_padding = False

    def trainer_spec(self):
        """The network of the shared trainer: this one."""
        return self

    def build(self, embeddings=None):
        model = self.build_fn(**dict(self.kwargs))
        if not isinstance(model, keras.Model):
            raise TypeError(
                "`model` must return a keras.Model. Got "
                f"{type(model).__name__} instead."
            )
        return model


class _UserNetworkMixin:
    """The network of a ``model`` callable."""

    _network_constraints = {
        "model": [callable, None],
        "model_params": [dict, None],
    }

    _KNOWN = ("vocabulary_size", "n_features", "n_outputs", "output_activation", "loss")

    def _check_network_params(self):
        if self.model is None:
            raise ValueError(
                f"{type(self).__name__} needs `model`: a function that returns a "
                "keras.Model (see the docstring). Got None instead."
            )
        if isinstance(self.model, keras.Model):
            raise TypeError(
                "`model` must be a function that builds a new keras.Model, called "
                "at each fit. Got a keras.Model instance instead; wrap the code "
                "that builds it in a function."
            )
        self._model_arguments({})

    def _model_arguments(self, known):
        params = dict(self.model_params or {})
        try:
            signature = inspect.signature(self.model)
        except (TypeError, ValueError):
            signature = None
        if signature is None:
            return params
        declared = signature.parameters
        if any(p.kind == p.VAR_KEYWORD for p in declared.values()):
            return {**known, **params}
        unknown = sorted(set(params) - set(declared))
        if unknown:
            raise ValueError(
                f"`model_params` has {unknown[0]!r}, which `model` "
                f"({getattr(self.model, '__name__', self.model)!r}) does not "
                f"accept. Got model_params keys {sorted(params)} for parameters "
                f"{list(declared)}."
            )
        return {**{k: v for k, v in known.items() if k in declared}, **params}

    def _network(self, plan):
        n_outputs, activation, loss = self._outputs()
        known = dict(n_outputs=n_outputs, output_activation=activation, loss=loss)
        if self.input_kind_ == "tokens":
            known["vocabulary_size"] = self.vocabulary_size_
        else:
            known["n_features"] = self.n_step_features_
        kwargs = self._model_arguments(known)
        return _UserNetwork(self.model, tuple(sorted(kwargs.items(), key=str)))

    def _network_params(self):
        return {"model": self.model, "model_params": dict(self.model_params or {})}

    def _architecture(self, spec):
        # the built model's configuration: two functions that build the same
        # network share a trainer
        return self._user_config_key

    def _changed(self, network):
        """What changed in the network since it was built, or None."""
        return "`model` or `model_params` changed" if network != self._spec else None

    def _build(self, network, *, initial):
        model = network.build()
        if initial:
            self._check_model(model)
            self._user_config_key = self._config_key_of(model)
        return self._compiled(model)

    @staticmethod
    def _config_key_of(model):
        try:
            return _config_key(model)
        except (NotImplementedError, TypeError):  # a subclassed model
            return repr([(w.path, tuple(w.shape)) for w in model.weights])

    def _check_model(self, model):
        rank = 2 if self.input_kind_ == "tokens" else 3
        inputs = model.inputs if model.built else None
        if inputs is not None and (len(inputs) != 1 or len(inputs[0].shape) != rank):
            raise ValueError(
                f"`model` must take one input of shape "
                f"{'(batch, time)' if rank == 2 else '(batch, time, features)'} "
                f"for this X ({self._kind_text()}). Got inputs of shape "
                f"{[tuple(i.shape) for i in inputs]} instead."
            )
        n_outputs = self._outputs()[0]
        shape = getattr(model, "output_shape", None) if model.built else None
        if shape is not None and shape[-1] != n_outputs:
            raise ValueError(
                f"`model` must output {n_outputs} unit(s) for this target (its "
                f"n_outputs argument). Got an output of shape {shape} instead."
            )

    def _kind_text(self):
        return "token ids" if self.input_kind_ == "tokens" else "float values"

    def _warn_if_nan_padding_reaches_the_network(self, X):
        if self.input_kind_ != "values" or len(np.unique(X.lengths)) == 1:
            return
        if not any(isinstance(layer, NaNMasking) for layer in self.model_.layers):
            warnings.warn(
                "X holds float sequences of unequal length: their padding reaches "
                "`model` as NaN time steps. Start the network with "
                "skseq.NaNMasking() (it zeroes and masks them), or the loss "
                "will be NaN.",
                UserWarning,
                stacklevel=4,
            )
