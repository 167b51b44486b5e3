"""The estimators: any Keras network over sequences, and the built-in one.

Every fit follows the same steps, in :class:`_SequenceEstimator`:

1. check the parameters (``_parameter_constraints`` and ``_check_params``)
   and the data: X through :func:`skseq._inputs.coerce`, y through the
   task's encoder (``LabelEncoder`` semantics for classes), the sample and
   class weights — all before any Keras work;
2. describe the network by a frozen spec (:class:`skseq._network.
   RecurrentNetwork`, or :class:`_UserNetwork` for a user's ``model``) and
   build the estimator's own ``model_`` from it, seeded from
   ``random_state`` (no process-wide seeding, so fits in threads stay
   independent);
3. train the compiled trainer shared by every fit of that network
   (:mod:`skseq._trainers`: memory stays flat across fits) on
   length-bucketed batches, as the plan of :mod:`skseq._defaults` says
   (budget, early stopping, refit; :mod:`skseq._training` carries it out);
4. keep the learning curves (``history_``, ``loss_curve_``, ``n_iter_``),
   which grow across ``warm_start`` fits and ``partial_fit`` calls, as in
   scikit-learn's MLP.
"""

import numbers

import keras
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import (
    _check_feature_names,
    _check_sample_weight,
    check_consistent_length,
    check_is_fitted,
)

from skseq._defaults import Plan, resolve, summarize
from skseq._inputs import coerce
from skseq._training import KerasTraining


class _SequenceEstimator(KerasTraining):
    """fit / partial_fit / predict of a Keras network over sequences."""

    _training_constraints = {
        "vocabulary_size": [Interval(numbers.Integral, 2, None, closed="left"), None],
        "optimizer": [str, keras.optimizers.Optimizer],
        "learning_rate": [Interval(numbers.Real, 0, None, closed="neither")],
        "clipnorm": [Interval(numbers.Real, 0, None, closed="neither"), None],
        "loss": [str, keras.losses.Loss, callable, None],
        "epochs": [
            Interval(numbers.Integral, 1, None, closed="left"),
            StrOptions({"auto"}),
        ],
        "batch_size": [Interval(numbers.Integral, 1, None, closed="left")],
        "bucketing": ["boolean"],
        "early_stopping": ["boolean", StrOptions({"auto"})],
        "validation_fraction": [Interval(numbers.Real, 0, 1, closed="neither")],
        "n_iter_no_change": [Interval(numbers.Integral, 1, None, closed="left")],
        "tol": [Interval(numbers.Real, 0, None, closed="left")],
        "refit": ["boolean", StrOptions({"auto"})],
        "scale_target": ["boolean"],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
        "callbacks": [list, None],
        "warm_start": ["boolean"],
        "class_weight": [dict, StrOptions({"balanced"}), None],
    }

    def __init_subclass__(cls, **kwargs):
        # each estimator validates exactly the parameters of its signature
        super().__init_subclass__(**kwargs)
        constraints = {**cls._training_constraints, **cls._network_constraints}
        cls._parameter_constraints = {
            name: constraints[name] for name in cls._get_param_names()
        }

    _network_constraints = {}

    # -- parameters -------------------------------------------------------

    def set_params(self, **params):
        """Set the parameters of this estimator.

        Parameters
        ----------
        **params : dict
            Estimator parameters by name.

        Returns
        -------
        self : object
            The estimator.
        """
        for key in params:
            name, routed, _ = key.partition("__")
            if routed and not hasattr(getattr(self, name, None), "set_params"):
                raise ValueError(
                    f"Invalid parameter {key!r} for {type(self).__name__}: "
                    "parameters are not routed with '__'. Set the parameter "
                    "itself, e.g. learning_rate=..., or pass an optimizer object."
                )
        return super().set_params(**params)

    def _check_params(self, *, partial=False):
        self._validate_params()
        if partial and self.early_stopping is True:
            raise ValueError(
                "partial_fit trains one epoch on each chunk and cannot hold out a "
                "validation split: early_stopping=True is for fit. Got "
                "early_stopping=True; set it to False or 'auto'."
            )
        self._check_training_params()
        if isinstance(self.loss, str):
            try:
                keras.losses.get(self.loss)
            except ValueError:
                raise ValueError(
                    "`loss` must be the name of a Keras loss (e.g. 'mse', "
                    "'binary_crossentropy'), a loss instance or None. Got "
                    f"{self.loss!r} instead."
                ) from None
        self._check_network_params()

    def fit(self, X, y, sample_weight=None):
        """Fit the network to sequences ``X`` and targets ``y``.

        Parameters
        ----------
        X : array-like or collection of sequences
            ``(n, T)`` int token ids (0 = padding), ``(n, T)`` float series,
            ``(n, T, F)`` float series (trailing all-NaN steps = padding) or a
            ragged collection of 1-D int or ``(T_i, F)`` float sequences.
        y : array-like of shape (n,) or (n, n_outputs)
            Targets.
        sample_weight : array-like of shape (n,), default=None
            Non-negative weight of each sample in the loss.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        continuing = self.warm_start and hasattr(self, "model_")
        return self._fit(X, y, sample_weight, continuing=continuing)

    def _fit(self, X, y, sample_weight, *, continuing, classes=None, partial=False):
        """One fit: every fitted attribute is replaced only when it completes
        (a fit that raises leaves the estimator as it was; an interrupt
        keeps the partial model, with a warning)."""
        self._check_params(partial=partial)
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y "
                "is None."
            )
        return self._transaction(
            lambda: self._fit_steps(X, y, sample_weight, continuing, classes, partial),
            continuing=continuing,
        )

    def _fit_steps(self, X, y, sample_weight, continuing, classes, partial):
        X = self._coerce(X, reset=not continuing)
        labels = self._check_target(y, reset=not continuing, classes=classes)
        check_consistent_length(X, labels)
        weights = self._sample_weight(len(X), labels, sample_weight)
        y = self._encode(labels)
        if weights is not None:
            keep = weights != 0
            X, y, weights = X.take(keep), y[keep], weights[keep]
        plan = self._resolve(X, continuing=continuing, partial=partial)
        network = self._network(plan)
        changed = self._changed(network) if continuing else None
        if changed:
            raise ValueError(
                f"warm_start=True continues the fitted network, but {changed} "
                "since it was built. Set warm_start=False to build a new network."
            )
        self.plan_ = plan

        def prepare():
            self._spec_params = self._network_params()
            self._set_fitted_weights(X)

        rng, restart = self._start(
            network,
            lambda seed: self._build(network, initial=True),
            continuing=continuing,
            prepare=prepare,
        )
        split = (X, y, weights), None
        if plan["early_stopping"] == "validation":
            split = self._split_validation(X, y, weights, rng, plan["validation_size"])
        self._warn_if_nan_padding_reaches_the_network(X)
        bucket = self.bucketing and len(np.unique(X.lengths)) > 1
        self._train_plan(
            (X, y, weights),
            split,
            rng,
            plan,
            restart,
            continuing=continuing,
            bucket=bucket,
        )

    def _resolve(self, X, *, continuing, partial):
        """The plan of this fit (:func:`skseq._defaults.resolve`); a
        continuation keeps the network of the first fit's plan."""
        params = self.get_params(deep=False)
        if partial:
            params.update(epochs=1, early_stopping=False, refit=False)
        data = summarize(
            X,
            task=self._task,
            n_outputs=self._outputs()[0],
            params=params if not continuing else {},
        )
        plan = resolve(params, data, network=bool(self._network_keys))
        if continuing:
            kept = {k: v for k, v in self.plan_.items() if k in self._network_keys}
            plan = Plan({**plan, **kept}, {**plan.why, **self.plan_.why})
        return plan

    # the plan's entries that describe the network: resolved for a built-in
    # network only, and kept from the first fit by a continuation
    _network_keys = ()

    def _set_fitted_weights(self, X):
        """Set weights that come from the data, not from training."""

    def _sample_weight(self, n, labels, sample_weight):
        if sample_weight is not None:
            sample_weight = _check_sample_weight(
                sample_weight,
                np.empty((n, 0)),
                dtype=np.dtype(keras.backend.floatx()),
                ensure_non_negative=True,
            )
        sample_weight = self._class_weights(labels, sample_weight)
        if sample_weight is not None and not np.any(sample_weight):
            raise ValueError(
                "sample_weight must have at least one non-zero entry. Got only "
                "zeros instead."
            )
        return sample_weight

    def _class_weights(self, labels, sample_weight):
        return sample_weight

    def _split_validation(self, X, y, weights, rng, n_val):
        idx = np.arange(len(X))
        split = dict(test_size=n_val, random_state=rng)
        try:
            train, val = train_test_split(idx, stratify=self._stratify(y), **split)
        except ValueError:  # a class too rare to stratify
            train, val = train_test_split(idx, **split)

        def part(i):
            return X.take(i), y[i], None if weights is None else weights[i]

        return part(train), part(val)

    def _stratify(self, y):
        return None

    # -- data -------------------------------------------------------------

    def _coerce(self, X, *, reset):
        _check_feature_names(self, X, reset=reset)
        if reset:
            seqs = coerce(X, vocabulary_size=self.vocabulary_size)
            self.input_kind_ = seqs.kind
            self.n_step_features_ = seqs.n_features
            if seqs.width is not None:
                self.n_features_in_ = seqs.width
            else:
                self.__dict__.pop("n_features_in_", None)
            self.__dict__.pop("vocabulary_size_", None)
            if seqs.kind == "tokens":
                self.vocabulary_size_ = self._vocabulary_size(seqs)
            return seqs
        seqs = coerce(
            X,
            kind=self.input_kind_,
            vocabulary_size=getattr(self, "vocabulary_size_", None),
        )
        if seqs.kind != self.input_kind_:
            raise ValueError(
                "X must hold integer token ids as at fit. Got float values instead."
            )
        if seqs.n_features != self.n_step_features_:
            raise ValueError(
                f"X has {seqs.n_features} features per time step, but "
                f"{type(self).__name__} is expecting {self.n_step_features_} "
                "features per time step as input."
            )
        fitted_width = getattr(self, "n_features_in_", None)
        if seqs.width is not None and fitted_width is not None:
            if seqs.width != fitted_width:
                raise ValueError(
                    f"X has {seqs.width} features, but {type(self).__name__} is "
                    f"expecting {fitted_width} features as input."
                )
        return seqs

    def _vocabulary_size(self, seqs):
        if self.vocabulary_size is not None:
            return int(self.vocabulary_size)
        return max(int(seqs.values.max(initial=0)) + 1, 2)

    # -- network ----------------------------------------------------------

    def _outputs(self):
        """``(n_outputs, output_activation, loss)`` of the fitted target."""
        raise NotImplementedError

    def _loss(self):
        return self.loss or self._outputs()[2]

    def _warn_if_nan_padding_reaches_the_network(self, X):
        pass

    # -- prediction -------------------------------------------------------

    def _predict_raw(self, X):
        check_is_fitted(self, "model_")
        seqs = self._coerce(X, reset=False)
        return self._trainer().predict(self.model_, seqs).astype(np.float64)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.input_tags.allow_nan = False
        tags.target_tags.required = True
        return tags
