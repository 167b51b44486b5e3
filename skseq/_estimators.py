"""RecurrentClassifier and RecurrentRegressor: the only module that uses scikeras.

scikeras 0.13.0 gives the fit / partial_fit / warm-start flow, the target
encoders (binary, multiclass, string and multilabel targets), the
``classes_`` bookkeeping, pickling of Keras models and seeded builds. We fix,
here and only here, what it gets wrong on current scikit-learn and what the
recurrent estimators need beyond it:

- The class hierarchy: scikeras' ``KerasClassifier`` / ``KerasRegressor``
  put ``ClassifierMixin`` / ``RegressorMixin`` after ``BaseEstimator`` in the
  MRO, so the mixins' tags are never reached and ``is_classifier`` is False
  (cross-validation then silently uses KFold). Their MRO cannot be mended by
  a subclass, so ours derive from scikeras' ``BaseWrapper`` with the
  scikit-learn mixin first, and take the target encoders scikeras provides.
- ``_get_param_names`` / ``set_params`` / ``__repr__``: scikeras takes its
  parameters from ``__dict__`` and accepts any routed ``name__x`` keyword;
  ours are the keyword-only ``__init__`` parameters, as in scikit-learn.
- ``_validate_data`` (not a documented hook): scikeras runs ``check_X_y``,
  which rejects ragged sequences, NaN padding and 3-D series of another
  length than at fit. Ours hands X to :func:`skseq._inputs.coerce`.
- ``_validate_sample_weight`` (not a documented hook): scikeras indexes X as
  an array; ours indexes the coerced sequences.
- ``_keras_build_fn``: :func:`skseq._network.build_network`, compiled here.
- ``_fit_keras_model``: trains the compiled trainer shared by every fit of
  the same architecture (:mod:`skseq._trainers`: memory stays flat across
  fits) on length-bucketed batches, with early stopping on a (stratified)
  validation split; no ``**kwargs`` routing.
- ``_predict_raw``: the trainer's traced predict function on the
  estimator's weights, in one call for small inputs and length-sorted
  batches for large ones, instead of ``keras.Model.predict`` (~50 ms a call).
- ``fit`` / ``partial_fit`` of the classifier: scikeras multiplies the
  user's ``sample_weight`` by the class weights in place.
- ``predict_proba``: scikeras squeezes a one-sample result to 1-D.
"""

import contextlib
import logging
import numbers
from collections import defaultdict

import keras
import numpy as np
from scikeras.utils.transformers import ClassifierLabelEncoder, RegressorTargetEncoder
from scikeras.wrappers import BaseWrapper
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.model_selection import train_test_split
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import (
    _check_feature_names,
    _check_sample_weight,
    check_array,
    check_consistent_length,
    check_is_fitted,
    column_or_1d,
)

from skseq._batching import predict_batches, release, training_dataset
from skseq._inputs import coerce
from skseq._network import build_network
from skseq._trainers import get_trainer

_OOV = 1


@contextlib.contextmanager
def _quiet():
    """Hide TensorFlow's retracing notices (lengths vary by design here)."""
    logger = logging.getLogger("tensorflow")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _as_units(units):
    return (units,) if isinstance(units, numbers.Integral) else tuple(units)


_PARAMETERS = """    cell : {"rnn", "lstm", "gru"}, default="lstm"
        Recurrent cell: ``keras.layers.SimpleRNN``, ``LSTM`` or ``GRU``.
    units : int or tuple of int, default=64
        Units of the recurrent layer, or of each stacked layer. ``()`` builds
        no recurrent layer (embedding and pooling only; needs
        ``pooling="mean"`` or ``"max"``).
    bidirectional : bool, default=False
        Wrap each recurrent layer in ``keras.layers.Bidirectional``.
    dropout : float, default=0.0
        Dropout rate between and after the recurrent (and dense) layers.
    recurrent_dropout : float, default=0.0
        Dropout on the recurrent state (disables the cuDNN kernels on GPU).
    embedding_dim : int, default=64
        Width of the embedding of token-id input.
    embeddings : array of shape (vocabulary_size, dim), default=None
        Pretrained embedding matrix used as initial embedding weights.
    trainable_embeddings : bool, default=True
        False freezes the embedding weights (transfer learning).
    pooling : {"last", "mean", "max"}, default="last"
        Sequence summary: the final state, or the mean or max over the
        unmasked time steps.
    hidden_layer_sizes : tuple of int, default=()
        Dense ReLU layers between the recurrent part and the output.
    optimizer : str or keras.optimizers.Optimizer, default="adam"
        Optimizer name (e.g. "adam", "rmsprop", "sgd") or instance (cloned).
    learning_rate : float, default=1e-3
        Learning rate of an optimizer given by name.
    clipnorm : float or None, default=1.0
        Each weight's gradient is rescaled to at most this norm (Keras'
        ``clipnorm``) by an optimizer given by name; None turns it off. An
        optimizer instance keeps its own clipping. Clipping stops the
        occasional exploding gradient of recurrent networks on long
        sequences (``benchmarks/README.md``).
    loss : str or keras.losses.Loss, default=None
        None chooses from the target: binary cross-entropy (binary or
        multilabel), sparse categorical cross-entropy (multiclass), mean
        squared error (regression).
    epochs : int, default=10
        Passes over the training data.
    batch_size : int, default=32
        Samples per gradient step.
    bucketing : bool, default=True
        Batch sequences of similar length together and cut each batch to
        its longest sequence (only when lengths differ). False trains on
        fixed-shape shuffled batches.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data (stratified
        for the classifier), stop after ``n_iter_no_change`` epochs without
        improvement of the validation loss and restore the best weights.
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping.
    n_iter_no_change : int, default=3
        Patience of early stopping, in epochs.
    random_state : int, RandomState instance or None, default=None
        Seed of weight initialization, dropout, shuffling and the validation
        split. An int gives identical predictions on CPU across fits.
    verbose : int, default=0
        0 is silent, 1 shows Keras' progress bar per epoch.
    callbacks : list of keras.callbacks.Callback, default=None
        Extra Keras callbacks for training.
    warm_start : bool, default=False
        Continue training from the current weights on the next ``fit``.
"""

_ATTRIBUTES = """    model_ : keras.Model
        The trained network (``model_.save("model.keras")`` saves it). Used
        directly, it expects right-padded input.
    history_ : dict of list
        Per-epoch training metrics (``loss``, and ``val_loss`` with early
        stopping).
    loss_curve_ : list of float
        Training loss per epoch.
    validation_scores_ : list of float
        Validation loss per epoch (only with ``early_stopping``).
    best_loss_ : float
        Lowest validation loss, whose weights were kept (only with
        ``early_stopping``).
    n_iter_ : int
        Epochs run by the last ``fit``.
    n_features_in_ : int
        Columns of X when it was a plain 2-D array.
    input_kind_ : {"tokens", "values"}
        Whether the network reads token ids or float values.
    vocabulary_size_ : int
        Number of token ids the embedding knows (token input only).
"""


class _RecurrentMixin:
    """Shared parameters, validation, network building and training."""

    model = None
    build_fn = None

    _parameter_constraints = {
        "cell": [StrOptions({"rnn", "lstm", "gru"})],
        "units": [Interval(numbers.Integral, 1, None, closed="left"), tuple, list],
        "bidirectional": ["boolean"],
        "dropout": [Interval(numbers.Real, 0, 1, closed="left")],
        "recurrent_dropout": [Interval(numbers.Real, 0, 1, closed="left")],
        "embedding_dim": [Interval(numbers.Integral, 1, None, closed="left")],
        "embeddings": ["array-like", None],
        "trainable_embeddings": ["boolean"],
        "pooling": [StrOptions({"last", "mean", "max"})],
        "hidden_layer_sizes": [tuple, list],
        "optimizer": [str, keras.optimizers.Optimizer],
        "learning_rate": [Interval(numbers.Real, 0, None, closed="neither")],
        "clipnorm": [Interval(numbers.Real, 0, None, closed="neither"), None],
        "loss": [str, keras.losses.Loss, callable, None],
        "epochs": [Interval(numbers.Integral, 1, None, closed="left")],
        "batch_size": [Interval(numbers.Integral, 1, None, closed="left")],
        "bucketing": ["boolean"],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(numbers.Real, 0, 1, closed="neither")],
        "n_iter_no_change": [Interval(numbers.Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
        "callbacks": [list, None],
        "warm_start": ["boolean"],
    }

    # -- parameters -------------------------------------------------------

    def __init__(
        self,
        *,
        cell="lstm",
        units=64,
        bidirectional=False,
        dropout=0.0,
        recurrent_dropout=0.0,
        embedding_dim=64,
        embeddings=None,
        trainable_embeddings=True,
        pooling="last",
        hidden_layer_sizes=(),
        optimizer="adam",
        learning_rate=1e-3,
        clipnorm=1.0,
        loss=None,
        epochs=10,
        batch_size=32,
        bucketing=True,
        early_stopping=False,
        validation_fraction=0.1,
        n_iter_no_change=3,
        random_state=None,
        verbose=0,
        callbacks=None,
        warm_start=False,
    ):
        self.cell = cell
        self.units = units
        self.bidirectional = bidirectional
        self.dropout = dropout
        self.recurrent_dropout = recurrent_dropout
        self.embedding_dim = embedding_dim
        self.embeddings = embeddings
        self.trainable_embeddings = trainable_embeddings
        self.pooling = pooling
        self.hidden_layer_sizes = hidden_layer_sizes
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.clipnorm = clipnorm
        self.loss = loss
        self.epochs = epochs
        self.batch_size = batch_size
        self.bucketing = bucketing
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.random_state = random_state
        self.verbose = verbose
        self.callbacks = callbacks
        self.warm_start = warm_start

    _get_param_names = classmethod(BaseEstimator._get_param_names.__func__)
    __repr__ = BaseEstimator.__repr__

    def set_params(self, **params):
        """Set the parameters of this estimator.

        Parameters
        ----------
        **params : dict
            Estimator parameters by name.

        Returns
        -------
        self
        """
        for key in params:
            name, routed, _ = key.partition("__")
            if routed and not hasattr(getattr(self, name, None), "set_params"):
                raise ValueError(
                    f"Invalid parameter {key!r} for {type(self).__name__}: "
                    "parameters are not routed with '__'. Set the parameter "
                    "itself, e.g. learning_rate=..., or pass an optimizer object."
                )
        return BaseEstimator.set_params(self, **params)

    def _check_params(self):
        self._validate_params()
        units = _as_units(self.units)
        for name, sizes in (
            ("units", units),
            ("hidden_layer_sizes", tuple(self.hidden_layer_sizes)),
        ):
            if not all(isinstance(u, numbers.Integral) and u > 0 for u in sizes):
                raise ValueError(
                    f"`{name}` must be a positive int or a tuple of positive ints. "
                    f"Got {getattr(self, name)!r} instead."
                )
        if not units and self.pooling == "last":
            raise ValueError(
                "`units=()` (no recurrent layer) needs `pooling='mean'` or "
                f"`pooling='max'`. Got pooling={self.pooling!r} instead."
            )
        if self.embeddings is not None:
            emb = np.asarray(self.embeddings)
            if emb.ndim != 2 or emb.dtype.kind not in "biuf" or emb.shape[0] < 2:
                raise ValueError(
                    "`embeddings` must be a numeric (vocabulary_size, dim) matrix "
                    f"with at least 2 rows. Got shape {emb.shape} and dtype "
                    f"{emb.dtype} instead."
                )
        if self.callbacks is not None:
            for cb in self.callbacks:
                if not isinstance(cb, keras.callbacks.Callback):
                    raise TypeError(
                        "`callbacks` must be a list of keras.callbacks.Callback "
                        f"instances. Got {type(cb).__name__} instead."
                    )

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
            Weight of each sample in the loss.

        Returns
        -------
        self
        """
        self._check_params()
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y "
                "is None."
            )
        if isinstance(self, ClassifierMixin) and not (
            self.warm_start and hasattr(self, "model_")
        ):
            self.classes_ = None
        sample_weight = self._weights(y, sample_weight)
        return BaseWrapper.fit(self, X, y, sample_weight=sample_weight)

    def _weights(self, y, sample_weight):
        return sample_weight

    # -- data -------------------------------------------------------------

    def _validate_data(self, X=None, y=None, reset=False, y_numeric=False):
        if X is not None:
            X = self._coerce(X, reset=reset)
        if y is not None:
            y = check_array(
                y,
                ensure_2d=False,
                ensure_all_finite=True,
                dtype="numeric" if y_numeric else None,
                input_name="y",
            )
            if y_numeric and y.dtype.kind not in "fc":
                y = y.astype(keras.backend.floatx())
            if y.ndim == 2 and y.shape[1] == 1 and not self._multi_output(y):
                y = column_or_1d(y, warn=True)
            if reset:
                self.target_type_ = self._type_of_target(y)
                self.y_dtype_ = y.dtype
                self.y_ndim_ = y.ndim
            elif self.y_ndim_ != y.ndim:
                raise ValueError(
                    f"y must have {self.y_ndim_} dimension(s) as at fit. Got "
                    f"{y.ndim} instead."
                )
        if X is not None and y is not None:
            check_consistent_length(X, y)
        return X, y

    def _multi_output(self, y):
        return False

    def _coerce(self, X, *, reset):
        _check_feature_names(self, X, reset=reset)
        seqs = coerce(X)
        if reset:
            self.input_kind_ = seqs.kind
            self.n_step_features_ = seqs.n_features
            if seqs.width is not None:
                self.n_features_in_ = seqs.width
            else:
                self.__dict__.pop("n_features_in_", None)
            if seqs.kind == "tokens":
                if self.embeddings is not None:
                    self.vocabulary_size_ = int(np.shape(self.embeddings)[0])
                    if seqs.values.max() >= self.vocabulary_size_:
                        raise ValueError(
                            f"`embeddings` has {self.vocabulary_size_} rows, one "
                            "per token id, but X holds token id "
                            f"{int(seqs.values.max())}. Fit the tokenizer that "
                            "made the embeddings (TextTokenizer(vocabulary=...))."
                        )
                else:
                    self.vocabulary_size_ = max(int(seqs.values.max()) + 1, 2)
            return seqs
        if seqs.kind != self.input_kind_:
            raise ValueError(
                f"X must hold {self._kind_text(self.input_kind_)} as at fit. Got "
                f"{self._kind_text(seqs.kind)} instead."
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
        if seqs.kind == "tokens":
            unseen = seqs.values >= self.vocabulary_size_
            if unseen.any():  # a new array: values may be the caller's own
                seqs.values = np.where(unseen, _OOV, seqs.values).astype(np.int32)
        return seqs

    @staticmethod
    def _kind_text(kind):
        return "integer token ids" if kind == "tokens" else "float values"

    @staticmethod
    def _validate_sample_weight(X, y, sample_weight):
        sample_weight = _check_sample_weight(
            sample_weight, np.empty(len(X)), dtype=np.dtype(keras.backend.floatx())
        )
        if np.all(sample_weight == 0):
            raise ValueError(
                "sample_weight must have at least one non-zero entry. Got only "
                "zeros instead."
            )
        keep = sample_weight != 0
        return X.take(keep), y[keep], sample_weight[keep]

    # -- network ----------------------------------------------------------

    def _network_spec(self, *, with_embeddings=True):
        n_outputs, activation, loss = self._output_spec()
        tokens = self.input_kind_ == "tokens"
        embeddings = None
        if self.embeddings is not None and with_embeddings:
            embeddings = np.asarray(self.embeddings, dtype=keras.backend.floatx())
        network = dict(
            n_features=None if tokens else self.n_step_features_,
            vocabulary_size=self.vocabulary_size_ if tokens else None,
            embedding_dim=self.embedding_dim
            if self.embeddings is None
            else int(np.shape(self.embeddings)[1]),
            embeddings=embeddings,
            trainable_embeddings=self.trainable_embeddings,
            cell=self.cell,
            units=_as_units(self.units),
            bidirectional=self.bidirectional,
            dropout=self.dropout,
            recurrent_dropout=self.recurrent_dropout,
            pooling=self.pooling,
            hidden_layer_sizes=tuple(self.hidden_layer_sizes),
            n_outputs=n_outputs,
            output_activation=activation,
        )
        return network, self.loss or loss

    def _compiled(self, network, loss):
        model = build_network(**network)
        if isinstance(self.optimizer, str):
            optimizer = keras.optimizers.get(
                {
                    "class_name": self.optimizer,
                    "config": {
                        "learning_rate": self.learning_rate,
                        "clipnorm": self.clipnorm,
                    },
                }
            )
        else:
            optimizer = self.optimizer.from_config(self.optimizer.get_config())
        model.compile(optimizer=optimizer, loss=loss)
        return model

    def _keras_build_fn(self):
        network, loss = self._network_spec()
        model = self._compiled(network, loss)
        # what makes two fits share one compiled trainer (see _trainers)
        if isinstance(self.optimizer, str):
            optimizer = (self.optimizer, float(self.learning_rate), self.clipnorm)
        else:
            optimizer = (type(self.optimizer).__name__, self.optimizer.get_config())
        network["embeddings"] = None
        self._trainer_key = repr(
            (type(self).__name__, sorted(network.items()), optimizer, loss)
        )
        return model

    def _trainer(self):
        def build():
            network, loss = self._network_spec(with_embeddings=False)
            return self._compiled(network, loss)

        return get_trainer(self._trainer_key, build)

    # -- training ---------------------------------------------------------

    def _fit_keras_model(
        self, X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
    ):
        # one rank and dtype for every fit: the shared trainer's traced step
        # cannot take y of shape (n,) in one fit and (n, 1) in the next
        y = np.asarray(y, dtype=keras.backend.floatx()).reshape(len(y), -1)
        callbacks = [*(self.callbacks or [])]
        validation = None
        if self.early_stopping:
            X, y, sample_weight, validation = self._split_validation(
                X, y, sample_weight
            )
            callbacks.append(
                keras.callbacks.EarlyStopping(
                    monitor="val_loss",
                    patience=self.n_iter_no_change,
                    restore_best_weights=True,
                )
            )
        rng = check_random_state(self._random_state)
        bucket = self.bucketing and len(np.unique(X.lengths)) > 1
        batch_size = min(self.batch_size, len(X))
        fit_args = dict(
            epochs=initial_epoch + epochs,
            initial_epoch=initial_epoch,
            verbose=self.verbose,
            callbacks=callbacks,
            shuffle=False,  # the dataset shuffles, from rng
        )
        trainer = self._trainer()
        seed = int(rng.randint(2**31 - 1 - 1000))
        # No global seeding here: the dropout seeds are set in the trainer and
        # the batches come from rng. (TensorFlow's op determinism, which a
        # global seeding context turns on, slows recurrent training ~1.5x.)
        with trainer.lock, _quiet():
            batches = dict(batch_size=batch_size, rng=rng, bucket=bucket)
            batches["cache"] = trainer.datasets  # reused across fits
            data = training_dataset(X, y, sample_weight, **batches)
            if validation is not None:
                fit_args["validation_data"] = training_dataset(
                    *validation, **batches, shuffle=False
                )
            optimizer = self.model_.optimizer
            trainer.load(
                self.model_.get_weights(),
                [v.numpy() for v in optimizer.variables]
                if warm_start and optimizer.built
                else None,
                seed=seed,
            )
            try:
                history = trainer.model.fit(data, **fit_args)
            finally:
                release(trainer.datasets)
            trainer.save(self.model_)

        if not warm_start or not hasattr(self, "history_") or initial_epoch == 0:
            self.history_ = defaultdict(list)
        for key, values in history.history.items():
            self.history_[key] += [float(v) for v in values]
        self.history_ = dict(self.history_)
        self.n_iter_ = len(history.history.get("loss", []))
        self.loss_curve_ = list(self.history_["loss"])
        if self.early_stopping:
            self.validation_scores_ = list(self.history_["val_loss"])
            self.best_loss_ = float(np.min(self.validation_scores_))

    def _split_validation(self, X, y, sample_weight):
        n_val = int(np.ceil(self.validation_fraction * len(X)))
        if n_val >= len(X):
            raise ValueError(
                "early_stopping needs at least one training and one validation "
                f"sample; validation_fraction={self.validation_fraction} of "
                f"{len(X)} samples leaves none. Use more data or turn it off."
            )
        idx = np.arange(len(X))
        try:
            train, val = train_test_split(
                idx,
                test_size=n_val,
                random_state=self._random_state,
                stratify=self._stratify(y),
            )
        except ValueError:  # a class too rare to stratify
            train, val = train_test_split(
                idx, test_size=n_val, random_state=self._random_state
            )
        w = (lambda i: None) if sample_weight is None else (lambda i: sample_weight[i])
        return X.take(train), y[train], w(train), (X.take(val), y[val], w(val))

    def _stratify(self, y):
        return None

    # -- prediction -------------------------------------------------------

    def _predict_raw(self, X, **kwargs):
        check_is_fitted(self, "model_")
        X, _ = self._validate_data(X=X, y=None)
        with _quiet():
            return predict_batches(self._trainer(), self.model_, X).astype(np.float64)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.input_tags.allow_nan = False
        tags.target_tags.required = True
        return tags


class RecurrentClassifier(ClassifierMixin, _RecurrentMixin, BaseWrapper):
    __doc__ = (
        """Recurrent neural network classifier (SimpleRNN, LSTM or GRU).

    Parameters
    ----------
"""
        + _PARAMETERS
        + """    class_weight : dict, "balanced" or None, default=None
        Weights of the classes in the loss.

    Attributes
    ----------
    classes_ : ndarray
        Class labels.
    n_classes_ : int
        Number of classes.
"""
        + _ATTRIBUTES
        + """
    See Also
    --------
    RecurrentRegressor : The same network for regression.
    make_text_classifier : TextTokenizer, SequencePadder and this estimator.

    Examples
    --------
    >>> import numpy as np
    >>> from skseq import RecurrentClassifier
    >>> rng = np.random.RandomState(0)
    >>> X = rng.randint(1, 20, size=(40, 6))
    >>> y = (X[:, 0] > 10).astype(int)
    >>> clf = RecurrentClassifier(units=8, epochs=2, random_state=0).fit(X, y)
    >>> clf.predict(X[:3]).shape
    (3,)
    >>> clf.predict_proba(X[:3]).shape
    (3, 2)
    """
    )

    _parameter_constraints = {
        **_RecurrentMixin._parameter_constraints,
        "class_weight": [dict, StrOptions({"balanced"}), None],
    }

    def __init__(
        self,
        *,
        cell="lstm",
        units=64,
        bidirectional=False,
        dropout=0.0,
        recurrent_dropout=0.0,
        embedding_dim=64,
        embeddings=None,
        trainable_embeddings=True,
        pooling="last",
        hidden_layer_sizes=(),
        optimizer="adam",
        learning_rate=1e-3,
        clipnorm=1.0,
        loss=None,
        epochs=10,
        batch_size=32,
        bucketing=True,
        early_stopping=False,
        validation_fraction=0.1,
        n_iter_no_change=3,
        class_weight=None,
        random_state=None,
        verbose=0,
        callbacks=None,
        warm_start=False,
    ):
        super().__init__(
            cell=cell,
            units=units,
            bidirectional=bidirectional,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            embedding_dim=embedding_dim,
            embeddings=embeddings,
            trainable_embeddings=trainable_embeddings,
            pooling=pooling,
            hidden_layer_sizes=hidden_layer_sizes,
            optimizer=optimizer,
            learning_rate=learning_rate,
            clipnorm=clipnorm,
            loss=loss,
            epochs=epochs,
            batch_size=batch_size,
            bucketing=bucketing,
            early_stopping=early_stopping,
            validation_fraction=validation_fraction,
            n_iter_no_change=n_iter_no_change,
            random_state=random_state,
            verbose=verbose,
            callbacks=callbacks,
            warm_start=warm_start,
        )
        self.class_weight = class_weight

    def _weights(self, y, sample_weight):
        if self.class_weight is None:
            return sample_weight
        weights = compute_sample_weight(self.class_weight, np.asarray(y))
        if sample_weight is None:
            return weights
        return np.asarray(sample_weight, dtype=float) * weights

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """Train one epoch from the current weights.

        Parameters
        ----------
        X : array-like or collection of sequences
            As in :meth:`fit`.
        y : array-like of shape (n,)
            Labels.
        classes : array-like, default=None
            All labels; needed on the first call.
        sample_weight : array-like of shape (n,), default=None
            Weight of each sample in the loss.

        Returns
        -------
        self
        """
        if not hasattr(self, "model_"):
            self._check_params()
            if classes is None:
                raise ValueError(
                    "classes must be passed on the first call to partial_fit. "
                    "Got None instead."
                )
        self.classes_ = np.asarray(classes) if classes is not None else self.classes_
        sample_weight = self._weights(y, sample_weight)
        self._fit(
            X,
            y,
            sample_weight=sample_weight,
            warm_start=True,
            epochs=1,
            initial_epoch=self.current_epoch,
        )
        return self

    def predict_proba(self, X):
        """Class probabilities of ``X``.

        Parameters
        ----------
        X : array-like or collection of sequences
            As in :meth:`fit`.

        Returns
        -------
        ndarray of shape (n, n_classes)
            Rows sum to 1 (per-label probabilities for multilabel targets).
        """
        raw = self._predict_raw(X)
        proba = self.target_encoder_.inverse_transform(raw, return_proba=True)
        return proba.reshape(len(raw), -1)

    def _output_spec(self):
        kind = self.target_encoder_._target_type
        if kind == "binary":
            return 1, "sigmoid", "binary_crossentropy"
        if kind == "multilabel-indicator":
            return self.n_classes_, "sigmoid", "binary_crossentropy"
        if kind == "multiclass-onehot":
            return self.n_classes_, "softmax", "categorical_crossentropy"
        if kind == "multiclass":
            return self.n_classes_, "softmax", "sparse_categorical_crossentropy"
        raise ValueError(
            "y must be a binary, multiclass or multilabel-indicator target. "
            f"Got {kind!r} instead."
        )

    def _stratify(self, y):
        return y if y.ndim == 1 else None

    @property
    def target_encoder(self):
        categories = "auto" if self.classes_ is None else [self.classes_]
        return ClassifierLabelEncoder(loss=self.loss, categories=categories)

    def _type_of_target(self, y):
        target_type = type_of_target(y)
        if target_type == "binary" and self.classes_ is not None:
            target_type = type_of_target(self.classes_)
        return target_type


class RecurrentRegressor(RegressorMixin, _RecurrentMixin, BaseWrapper):
    __doc__ = (
        """Recurrent neural network regressor (SimpleRNN, LSTM or GRU).

    Parameters
    ----------
"""
        + _PARAMETERS
        + """
    Attributes
    ----------
"""
        + _ATTRIBUTES
        + """
    See Also
    --------
    RecurrentClassifier : The same network for classification.

    Examples
    --------
    >>> import numpy as np
    >>> from skseq import RecurrentRegressor
    >>> rng = np.random.RandomState(0)
    >>> X = rng.normal(size=(40, 5, 2))
    >>> y = X[:, :, 0].sum(axis=1)
    >>> reg = RecurrentRegressor(units=8, epochs=2, random_state=0).fit(X, y)
    >>> reg.predict(X[:3]).shape
    (3,)
    """
    )

    def _validate_data(self, X=None, y=None, reset=False, y_numeric=False):
        return super()._validate_data(X=X, y=y, reset=reset, y_numeric=True)

    def partial_fit(self, X, y, sample_weight=None):
        """Train one epoch from the current weights.

        Parameters
        ----------
        X : array-like or collection of sequences
            As in :meth:`fit`.
        y : array-like of shape (n,) or (n, n_outputs)
            Targets.
        sample_weight : array-like of shape (n,), default=None
            Weight of each sample in the loss.

        Returns
        -------
        self
        """
        if not hasattr(self, "model_"):
            self._check_params()
        return BaseWrapper.partial_fit(self, X, y, sample_weight=sample_weight)

    def _output_spec(self):
        return self.n_outputs_, "linear", "mse"

    def _multi_output(self, y):
        return True

    @property
    def target_encoder(self):
        return RegressorTargetEncoder()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags
