"""The public estimators: siblings over one base (:mod:`skseq._base`)."""

from sklearn.base import ClassifierMixin, RegressorMixin

from skseq._base import _SequenceEstimator
from skseq._recurrent import _RecurrentNetworkMixin
from skseq._tasks import _ClassifierTask, _RegressorTask
from skseq._user_network import _UserNetworkMixin

_TRAINING_DOC = """    vocabulary_size : int, default=None
        Number of token ids the network knows (token input only): ids at or
        above it read as the out-of-vocabulary id 1. None takes the largest
        id at fit + 1 (the rows of ``embeddings`` when given). Set it to a
        tokenizer's ``vocabulary_size_`` (or ``max_tokens``) when later
        ``partial_fit`` chunks may hold larger ids.
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
    epochs : int or "auto", default="auto"
        Passes over the training data: exactly this many when an int.
        "auto" sets a budget from the number of gradient steps an epoch
        takes, ``min(500, max(10, ceil(1000 / steps_per_epoch)))`` on token
        ids (at least 1,000 steps when 500 epochs allow it) and 2,000 steps
        on float values, and ends it early under ``early_stopping="auto"``.
        On float values the budget also stays within 1.5e11 multiply-adds of
        forward passes (at least 10 epochs), so long series in many channels
        fit in bounded time. The resolved budget is ``plan_["epochs"]``; the
        rules: the user guide's "Defaults" table.
    batch_size : int, default=32
        Samples per gradient step.
    bucketing : bool, default=True
        Batch sequences of similar length together and cut each batch to
        its longest sequence (only when lengths differ). False trains on
        fixed-shape shuffled batches.
    early_stopping : bool or "auto", default="auto"
        True holds out ``validation_fraction`` of the training data
        (stratified for classifiers), stops once the validation loss has
        not fallen by more than ``tol`` for ``n_iter_no_change`` epochs, and
        restores the best weights. "auto", with ``epochs="auto"``, does so
        on token ids, waiting at least 100 gradient steps, and watches the
        training loss of float values instead, waiting at least 300 (the
        same ``tol``; the weights of the lowest loss are kept;
        ``plan_["patience"]``), at every number of samples, so the folds of
        a cross-validation train as the final fit does
        (``plan_["early_stopping"]``); with an int
        ``epochs`` it trains exactly ``epochs`` epochs, as False does.
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping.
    n_iter_no_change : int, default=3
        Patience of early stopping, in epochs.
    tol : float, default=1e-4
        Least fall of the watched loss (validation or training) that counts
        as an improvement (Keras' ``min_delta``).
    refit : bool or "auto", default="auto"
        After early stopping on a validation split, train the network anew
        (the same initial weights) on all the training data, validation
        part included, for the number of epochs whose weights early stopping
        kept; ``validation_scores_`` and ``best_loss_`` keep the
        curve that chose it, ``history_`` is the refitted network's. "auto"
        does so under ``early_stopping="auto"``; with
        ``early_stopping=True`` it keeps the early-stopped network, trained
        on the rest, with its best weights, as scikit-learn's MLP does (as
        False always does). Never on ``warm_start`` or ``partial_fit``
        continuations.
    random_state : int, RandomState instance or None, default=None
        Seed of weight initialization, dropout, shuffling and the validation
        split. An int gives identical predictions on CPU across fits,
        processes and threads; a RandomState instance is drawn from (and
        advanced) by each fit.
    verbose : int, default=0
        0 is silent, 1 shows Keras' progress bar per epoch.
    callbacks : list of keras.callbacks.Callback, default=None
        Extra Keras callbacks for training. They see the compiled network
        that trains (shared by fits of the same architecture); the
        estimator's ``model_`` receives its weights when training ends.
    warm_start : bool, default=False
        Continue training the fitted network on the next ``fit``; the
        learning curves grow. The network's parameters may not change
        between such fits.
"""

_USER_NETWORK_DOC = """    model : callable, default=None
        Returns an uncompiled ``keras.Model`` over ``(batch, time)`` int32
        token ids or ``(batch, time, features)`` float32 values, whose output
        has ``n_outputs`` units. It is called at fit with the keyword
        arguments it declares among ``vocabulary_size`` (token input),
        ``n_features`` (features per step of float input), ``n_outputs``,
        ``output_activation`` ("sigmoid", "softmax" or "linear" for the
        target) and ``loss`` (the loss to be used), plus the entries of
        ``model_params``. Padding reaches it as token id 0 (use
        ``Embedding(mask_zero=True)``) or as NaN time steps (start with
        :class:`skseq.NaNMasking`, which zeroes them and masks them).
        Required.
    model_params : dict, default=None
        More keyword arguments of ``model``; searchable as
        ``model_params`` in ``GridSearchCV``.
"""

_RECURRENT_NETWORK_DOC = """    cell : {"auto", "rnn", "lstm", "gru"}, default="auto"
        Recurrent cell: ``keras.layers.SimpleRNN``, ``LSTM`` or ``GRU``.
        "auto" is "lstm" for token ids, "gru" for float values of a
        classifier and "lstm" for those of a regressor (behind the
        convolutional front-end, GRU was the more accurate classifier on
        two of the six classification series sets measured and as accurate
        on three; LSTM the more accurate regressor on both regression sets;
        see the user guide's "Defaults").
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
    pooling : {"auto", "last", "mean", "max"}, default="auto"
        Sequence summary: the final state, or the mean or max over the
        unmasked time steps. "auto" is "max" for float series longer than
        128 steps and for token ids whose median length (real tokens)
        exceeds 128 when the n-gram bag is on (``ngrams``, as in
        :func:`make_text_classifier`), "last" otherwise (the recurrent
        network a Keras user names: token ids read by the plain estimator
        keep the last state, whatever their length), and "mean" without
        recurrent layers (``units=()``). See ``plan_["pooling"]``.
    hidden_layer_sizes : tuple of int, default=()
        Dense ReLU layers between the recurrent part and the output.
    scale_inputs : bool, default=True
        Standardize float values per feature with the mean and standard
        deviation of the training data's real (not padding) steps, inside
        the network (a ``Standardize`` layer, whose weights are
        ``input_mean_`` and ``input_scale_``), so ``model_`` on raw input
        predicts as the estimator does. Token ids are never scaled.
    scale_series : {"auto", True, False}, default="auto"
        Beside each float feature chosen, the network also reads it
        standardized within its own series (its shape, whatever its level
        and amplitude) and the log of the series' standard deviation (its
        amplitude), both from the series' real steps only, inside the
        network (a ``SeriesStandardize`` layer after ``Standardize``):
        series whose amplitudes span orders of magnitude (electrical
        currents of appliances that are off or on) or whose shape matters
        more than their level (spectra) are otherwise read on one scale
        that hides most of them. "auto" chooses the feature of univariate
        series that differ in amplitude (the standard deviation of their
        log scales over the training series is above 0.01), not series
        normalized one by one (as the UCR archive's univariate sets are),
        which keep the network they had, nor the features of multivariate
        series (parts of one image or motion, which scaling one by one
        would pull apart); True chooses every feature, False none. See
        ``plan_["scale_series"]``.
    front_end : {"auto", "conv", "none"}, default="auto"
        "conv" puts causal convolutions (64 filters, kernels 8, 5, then 3,
        ReLU) before the recurrent layers, each of stride 2 while more than
        64 steps of the longest training sequence would be left (lengths
        of up to 64 keep stride 1): the recurrent layers see at most 64
        steps of learned local features instead of every raw step. Series
        longer than 128 steps are first averaged piecewise (the mean of
        each run of ``ceil(length / 128)`` real steps) down to at most 128,
        so the convolutions span the same share of a series whatever its
        sampling rate, when the runs' means keep 95% of the training
        series' variance within themselves; otherwise the longest shorter
        run that does, or none (a waveform sampled a few times per period,
        as an alternating current is, would be averaged away). Where more
        than 256 steps still reach the convolutions, the first one strides
        over the power of two of steps that leaves at most 256 (kernel
        twice the stride): only the first convolution reads every step.
        Masking stays exact (a causal convolution's output at a real step
        reads no padding; a run's mean reads its real steps only). "auto"
        is "conv" for float values and "none" for token ids; "none" is the
        plain recurrent network. See ``plan_["front_end"]``. With "auto"
        and max pooling (series longer than 128 steps), the mean of the last
        convolution's output over the real steps also joins the max over
        the recurrent states before the output layer (FCN's global mean, as
        LSTM-FCN sets it beside the recurrent layer; ``plan_["conv_mean"]``);
        "conv" gives the convolutions alone.
    input_noise : float in [0, 1] or "auto", default="auto"
        Standard deviation of Gaussian noise added to the float values (after
        ``scale_inputs`` standardizes them; Keras' ``GaussianNoise``, whose
        standard deviation is at most 1) at each training step, never at
        predict time: the jitter of time-series augmentation, which acts as a
        penalty on the network's sensitivity to its inputs (Bishop 1995).
        "auto" is 0.2 for float values of at most 256 training samples (a
        few dozen series that the network would otherwise memorize) and 0
        for more, for token ids or with ``scale_inputs=False``; 0 turns it
        off. See ``plan_["input_noise"]``.
    ngrams : int in [0, 3] or "auto", default=0
        Token ids only: beside the recurrent layers, a bag of each
        sequence's n-grams of 1 to ``ngrams`` tokens (fastText's features,
        Joulin et al. 2017) joins the recurrent output before the dense
        head: the sum of 16-wide embeddings of its unigrams (one per id)
        and longer n-grams (hashed into ``plan_["ngram_buckets"]`` rows), divided
        by the square root of their count. It carries what a TF-IDF model
        sees, which a recurrent state read at the last step forgets on long
        texts. 0, the default, is the plain recurrent network (the parameter
        counts of Keras' own); "auto" is 2 for token ids and 0 for float
        values, and is what :func:`make_text_classifier` sets.
"""

_TARGET_SCALING_DOC = """    scale_target : bool, default=True
        Train on targets standardized with their training mean and standard
        deviation (``target_mean_``, ``target_scale_``); ``predict`` returns
        the original units. ``model_`` outputs the standardized targets, and
        the losses in ``history_`` are on that scale.
"""

_TARGET_ATTRIBUTES_DOC = """    target_mean_ : ndarray of shape (n_outputs,)
        Mean of the first fit's targets (``scale_target=True``).
    target_scale_ : ndarray of shape (n_outputs,)
        Their standard deviation (1 where it is 0).
"""

_CLASS_WEIGHT_DOC = """    class_weight : dict, "balanced" or None, default=None
        Weights of the classes in the loss (multiplying ``sample_weight``).
"""

_CURVES_DOC = """    loss_curve_ : list of float
        Training loss per epoch.
    validation_scores_ : list of float
        Validation loss per epoch (only with ``early_stopping``), of the run
        that chose the epochs under ``refit``.
    best_loss_ : float
        Lowest validation loss (only with ``early_stopping``): its weights
        were kept, or its epoch count refitted under ``refit``.
"""

_ATTRIBUTES_DOC = (
    """    model_ : keras.Model
        The trained network (``model_.save("model.keras")`` saves it). Used
        directly, it expects right-padded input.
    history_ : dict of list
        Per-epoch training metrics (``loss``, and ``val_loss`` with early
        stopping), over every fit of a ``warm_start`` or ``partial_fit`` run.
"""
    + _CURVES_DOC
    + """    plan_ : Plan
        Every "auto" parameter's name -> what it resolved to for this fit,
        with the derived training settings (``batch_size``, ``patience``,
        ``validation_size``) and the reason of each in ``plan_.why``
        (user guide, "Defaults"). Its ``repr`` is a table.
    n_iter_ : int
        Epochs trained since the network was built.
    n_features_in_ : int
        Columns of X when it was a plain 2-D array.
    feature_names_in_ : ndarray of str
        Column names of a DataFrame X.
    input_kind_ : {"tokens", "values"}
        Whether the network reads token ids or float values.
    n_step_features_ : int
        Features per time step (1 for token ids).
    vocabulary_size_ : int
        Number of token ids the network knows (token input only).
"""
)

_RECURRENT_ATTRIBUTES_DOC = """    input_mean_ : ndarray of shape (n_step_features,)
        Per-feature mean of the real (not padding) steps of the first fit's
        float values (``scale_inputs=True``).
    input_scale_ : ndarray of shape (n_step_features,)
        Their per-feature standard deviation (1 where it is 0).
"""

_CLASSIFIER_ATTRIBUTES_DOC = """    classes_ : ndarray
        Class labels (column indices for a multilabel target).
    n_classes_ : int
        Number of classes.
"""

_REGRESSOR_ATTRIBUTES_DOC = """    n_outputs_ : int
        Number of regression targets.
"""


_BUILT_IN_ATTRIBUTES_DOC = _ATTRIBUTES_DOC + _RECURRENT_ATTRIBUTES_DOC


def _doc(summary, sections, attributes, see_also, examples):
    """A numpydoc class docstring from its parts (the classes share them)."""
    return (
        summary
        + "\n\n    Parameters\n    ----------\n"
        + "".join(sections)
        + "\n    Attributes\n    ----------\n"
        + "".join(attributes)
        + "\n    See Also\n    --------\n"
        + "".join(f"    {line}\n" for line in see_also)
        + "\n    Examples\n    --------"
        + examples
    )


_EXAMPLE_START = """
    >>> import numpy as np
    >>> from skseq import {name}
    >>> rng = np.random.RandomState(0)
"""
_EXAMPLE_NETWORK = """    >>> import keras
    >>> def network(vocabulary_size, n_outputs, output_activation, units=8):
    ...     return keras.Sequential([
    ...         keras.Input((None,), dtype="int32"),
    ...         keras.layers.Embedding(vocabulary_size, 8, mask_zero=True),
    ...         keras.layers.GRU(units),
    ...         keras.layers.Dense(n_outputs, activation=output_activation),
    ...     ])
    >>> X = rng.randint(1, 20, size=(40, 6))
"""


class SequenceClassifier(ClassifierMixin, _ClassifierTask, _UserNetworkMixin,
                         _SequenceEstimator):  # fmt: skip
    __doc__ = _doc(
        """Classifier around a user's own Keras network over sequences.

    It gets all of skseq's machinery: ragged and NaN-padded input, length
    bucketing, a compiled trainer shared by every fit of the same network
    (flat memory across fits), millisecond predict on small inputs, early
    stopping, class and sample weights, ``random_state`` and pickling.""",
        sections=(_USER_NETWORK_DOC, _TRAINING_DOC, _CLASS_WEIGHT_DOC),
        attributes=(_CLASSIFIER_ATTRIBUTES_DOC, _ATTRIBUTES_DOC),
        see_also=[
            "RecurrentClassifier : The same estimator with skseq's built-in network.",
            "SequenceRegressor : The same for regression.",
        ],
        examples=_EXAMPLE_START.format(name="SequenceClassifier")
        + _EXAMPLE_NETWORK
        + """    >>> y = (X[:, 0] > 10).astype(int)
    >>> clf = SequenceClassifier(model=network, model_params={"units": 4},
    ...                          epochs=2, random_state=0).fit(X, y)
    >>> clf.predict_proba(X[:3]).shape
    (3, 2)
    """,
    )

    def __init__(
        self,
        *,
        model=None,
        model_params=None,
        vocabulary_size=None,
        optimizer="adam",
        learning_rate=0.001,
        clipnorm=1.0,
        loss=None,
        epochs="auto",
        batch_size=32,
        bucketing=True,
        early_stopping="auto",
        validation_fraction=0.1,
        n_iter_no_change=3,
        tol=0.0001,
        refit="auto",
        random_state=None,
        verbose=0,
        callbacks=None,
        warm_start=False,
        class_weight=None,
    ):
        self.model = model
        self.model_params = model_params
        self.vocabulary_size = vocabulary_size
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
        self.tol = tol
        self.refit = refit
        self.random_state = random_state
        self.verbose = verbose
        self.callbacks = callbacks
        self.warm_start = warm_start
        self.class_weight = class_weight


class SequenceRegressor(RegressorMixin, _RegressorTask, _UserNetworkMixin,
                        _SequenceEstimator):  # fmt: skip
    __doc__ = _doc(
        """Regressor around a user's own Keras network over sequences.

    The machinery of :class:`SequenceClassifier`, for real-valued targets.""",
        sections=(_USER_NETWORK_DOC, _TRAINING_DOC),
        attributes=(_REGRESSOR_ATTRIBUTES_DOC, _ATTRIBUTES_DOC),
        see_also=(
            "RecurrentRegressor : The same estimator with skseq's built-in network.",
        ),
        examples=_EXAMPLE_START.format(name="SequenceRegressor")
        + _EXAMPLE_NETWORK
        + """    >>> y = X[:, :3].sum(axis=1) / 10.0
    >>> reg = SequenceRegressor(model=network, epochs=2, random_state=0).fit(X, y)
    >>> reg.predict(X[:3]).shape
    (3,)
    """,
    )

    def __init__(
        self,
        *,
        model=None,
        model_params=None,
        vocabulary_size=None,
        optimizer="adam",
        learning_rate=0.001,
        clipnorm=1.0,
        loss=None,
        epochs="auto",
        batch_size=32,
        bucketing=True,
        early_stopping="auto",
        validation_fraction=0.1,
        n_iter_no_change=3,
        tol=0.0001,
        refit="auto",
        random_state=None,
        verbose=0,
        callbacks=None,
        warm_start=False,
    ):
        self.model = model
        self.model_params = model_params
        self.vocabulary_size = vocabulary_size
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
        self.tol = tol
        self.refit = refit
        self.random_state = random_state
        self.verbose = verbose
        self.callbacks = callbacks
        self.warm_start = warm_start


class RecurrentClassifier(ClassifierMixin, _ClassifierTask, _RecurrentNetworkMixin,
                          _SequenceEstimator):  # fmt: skip
    __doc__ = _doc(
        "Recurrent neural network classifier (SimpleRNN, LSTM or GRU).",
        sections=(_RECURRENT_NETWORK_DOC, _TRAINING_DOC, _CLASS_WEIGHT_DOC),
        attributes=(_CLASSIFIER_ATTRIBUTES_DOC, _BUILT_IN_ATTRIBUTES_DOC),
        see_also=[
            "RecurrentRegressor : The same network for regression.",
            "SequenceClassifier : The same estimator around a user's Keras network.",
            "make_text_classifier : TextTokenizer, SequencePadder and this estimator.",
        ],
        examples=_EXAMPLE_START.format(name="RecurrentClassifier")
        + """    >>> X = rng.randint(1, 20, size=(40, 6))
    >>> y = (X[:, 0] > 10).astype(int)
    >>> clf = RecurrentClassifier(units=8, epochs=2, random_state=0).fit(X, y)
    >>> clf.predict(X[:3]).shape
    (3,)
    >>> clf.predict_proba(X[:3]).shape
    (3, 2)
    """,
    )

    def __init__(
        self,
        *,
        cell="auto",
        units=64,
        bidirectional=False,
        dropout=0.0,
        recurrent_dropout=0.0,
        embedding_dim=64,
        embeddings=None,
        trainable_embeddings=True,
        pooling="auto",
        hidden_layer_sizes=(),
        scale_inputs=True,
        scale_series="auto",
        front_end="auto",
        input_noise="auto",
        ngrams=0,
        vocabulary_size=None,
        optimizer="adam",
        learning_rate=0.001,
        clipnorm=1.0,
        loss=None,
        epochs="auto",
        batch_size=32,
        bucketing=True,
        early_stopping="auto",
        validation_fraction=0.1,
        n_iter_no_change=3,
        tol=0.0001,
        refit="auto",
        random_state=None,
        verbose=0,
        callbacks=None,
        warm_start=False,
        class_weight=None,
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
        self.scale_inputs = scale_inputs
        self.scale_series = scale_series
        self.front_end = front_end
        self.input_noise = input_noise
        self.ngrams = ngrams
        self.vocabulary_size = vocabulary_size
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
        self.tol = tol
        self.refit = refit
        self.random_state = random_state
        self.verbose = verbose
        self.callbacks = callbacks
        self.warm_start = warm_start
        self.class_weight = class_weight


class RecurrentRegressor(RegressorMixin, _RegressorTask, _RecurrentNetworkMixin,
                         _SequenceEstimator):  # fmt: skip
    __doc__ = _doc(
        "Recurrent neural network regressor (SimpleRNN, LSTM or GRU).",
        sections=(_RECURRENT_NETWORK_DOC, _TRAINING_DOC, _TARGET_SCALING_DOC),
        attributes=(
            _REGRESSOR_ATTRIBUTES_DOC,
            _TARGET_ATTRIBUTES_DOC,
            _BUILT_IN_ATTRIBUTES_DOC,
        ),
        see_also=[
            "RecurrentClassifier : The same network for classification.",
            "SequenceRegressor : The same estimator around a user's Keras network.",
        ],
        examples=_EXAMPLE_START.format(name="RecurrentRegressor")
        + """    >>> X = rng.normal(size=(40, 5, 2))
    >>> y = X[:, :, 0].sum(axis=1)
    >>> reg = RecurrentRegressor(units=8, epochs=2, random_state=0).fit(X, y)
    >>> reg.predict(X[:3]).shape
    (3,)
    """,
    )

    def _scales_target(self):
        return self.scale_target

    def __init__(
        self,
        *,
        cell="auto",
        units=64,
        bidirectional=False,
        dropout=0.0,
        recurrent_dropout=0.0,
        embedding_dim=64,
        embeddings=None,
        trainable_embeddings=True,
        pooling="auto",
        hidden_layer_sizes=(),
        scale_inputs=True,
        scale_series="auto",
        front_end="auto",
        input_noise="auto",
        ngrams=0,
        vocabulary_size=None,
        optimizer="adam",
        learning_rate=0.001,
        clipnorm=1.0,
        loss=None,
        epochs="auto",
        batch_size=32,
        bucketing=True,
        early_stopping="auto",
        validation_fraction=0.1,
        n_iter_no_change=3,
        tol=0.0001,
        refit="auto",
        random_state=None,
        verbose=0,
        callbacks=None,
        warm_start=False,
        scale_target=True,
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
        self.scale_inputs = scale_inputs
        self.scale_series = scale_series
        self.front_end = front_end
        self.input_noise = input_noise
        self.ngrams = ngrams
        self.vocabulary_size = vocabulary_size
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
        self.tol = tol
        self.refit = refit
        self.random_state = random_state
        self.verbose = verbose
        self.callbacks = callbacks
        self.warm_start = warm_start
        self.scale_target = scale_target
