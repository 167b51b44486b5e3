"""The estimators: any Keras network over sequences, and the built-in one.

Every fit follows the same steps, all in this module:

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
   length-bucketed batches, with early stopping on a (stratified)
   validation split;
4. keep the learning curves (``history_``, ``loss_curve_``, ``n_iter_``),
   which grow across ``warm_start`` fits and ``partial_fit`` calls, as in
   scikit-learn's MLP.
"""

import dataclasses
import inspect
import json
import numbers
import random
import threading
import warnings

import keras
import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, StandardScaler
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import (
    _check_partial_fit_first_call,
    check_classification_targets,
    type_of_target,
)
from sklearn.utils.validation import (
    _check_feature_names,
    _check_sample_weight,
    check_array,
    check_consistent_length,
    check_is_fitted,
    column_or_1d,
)

from skseq._inputs import coerce
from skseq._network import (
    PIECEWISE_STEPS,
    SERIES_FLOOR,
    NaNMasking,
    RecurrentNetwork,
    conv_front_end,
    ngram_buckets,
    piecewise_size,
)
from skseq._trainers import get_trainer, vocabulary_capacity

# Keras draws its default initializer and dropout seeds from Python's random
# module. A build draws them instead from its own ``random.Random``, seeded
# from ``random_state`` and private to the building thread: other threads'
# draws (a Dask worker's event loop, a server) cannot shift them, and the
# process' ``random`` is left alone. Never TensorFlow's global seed or op
# determinism, which would act on every thread of the process.
_BUILD_LOCK = threading.Lock()


class _ThreadSeeds(threading.local):
    """Stands for the ``random`` module where Keras draws its default seeds:
    the building thread's own generator while it builds, else ``random``."""

    rng = None

    def __getattr__(self, name):  # anything but randint: the module's
        return getattr(random, name)

    def randint(self, low, high):
        return (self.rng or random).randint(low, high)


def _thread_seeds():
    """The ``_ThreadSeeds`` Keras draws from, installed on first use; None
    where this Keras draws its seeds elsewhere (then builds seed ``random``
    itself, under the lock)."""
    try:
        from keras.src.random import seed_generator
    except ImportError:  # another Keras layout
        return None
    source = getattr(seed_generator, "python_random", None)
    if isinstance(source, _ThreadSeeds):
        return source
    if source is not random:
        return None
    seed_generator.python_random = _ThreadSeeds()
    return seed_generator.python_random


def _seeded(build, seed):
    with _BUILD_LOCK:
        seeds = _thread_seeds()
        if seeds is None:
            state = random.getstate()
            random.seed(seed)
        else:
            seeds.rng = random.Random(seed)
        try:
            return build()
        finally:
            if seeds is None:
                random.setstate(state)
            else:
                seeds.rng = None


def _validation_count(fraction, n, unit, hint="Use more data or turn it off."):
    """How many of ``n`` items early stopping holds out, or a clear error."""
    n_val = int(np.ceil(fraction * n))
    if n_val >= n:
        raise ValueError(
            f"early_stopping needs at least one training and one validation "
            f"{unit}; validation_fraction={fraction} of {n} {unit}(s) leaves "
            f"none. {hint}"
        )
    return n_val


# epochs="auto" (the user guide's "Defaults" section gives the measurements)
AUTO_STEPS = 1000  # gradient steps the budget asks for ...
AUTO_EPOCHS = (10, 500)  # ... within these many epochs
AUTO_VALIDATION = 1000  # samples from which early stopping holds some out
AUTO_PATIENCE_STEPS = 100  # least patience on the training loss, in steps


def auto_epochs(steps_per_epoch):
    """The epoch budget of ``epochs="auto"``: ``AUTO_STEPS`` gradient steps,
    but at least 10 and at most 500 epochs."""
    least, most = AUTO_EPOCHS
    return int(min(most, max(least, -(-AUTO_STEPS // steps_per_epoch))))


def auto_patience(steps_per_epoch, n_iter_no_change):
    """Epochs without improvement of the training loss that end an
    ``epochs="auto"`` fit: ``n_iter_no_change``, and at least 100 steps."""
    return int(max(n_iter_no_change, -(-AUTO_PATIENCE_STEPS // steps_per_epoch)))


def standardization(columns):
    """Per-column mean and standard deviation (1 where it is 0) of 2-D
    ``columns``, as scikit-learn's ``StandardScaler`` computes them."""
    scaler = StandardScaler().fit(np.asarray(columns, dtype=np.float64))
    return scaler.mean_, scaler.scale_


def feature_scaling(values):
    """:func:`standardization` of the real steps of NaN-padded ``(n, T, F)``
    float values, as float32."""
    flat = values.reshape(-1, values.shape[-1])
    real = ~np.isnan(flat[:, 0])  # padding is whole NaN steps (_inputs)
    if not real.any():
        return (
            np.zeros(values.shape[-1], np.float32),
            np.ones(values.shape[-1], np.float32),
        )
    mean, scale = standardization(flat[real])
    return mean.astype(np.float32), scale.astype(np.float32)


SERIES_SPREAD = 0.01  # "auto" scales series whose log scales spread more


def series_scales(values):
    """Per-series standard deviation of the real steps of NaN-padded
    ``(n, T, F)`` float values, plus :data:`SERIES_FLOOR` times each
    feature's standard deviation over all real steps (as
    :class:`~skseq._network.SeriesStandardize` computes them): ``(n, F)``
    float64, computed in blocks of series (bounded memory)."""
    _, spread = feature_scaling(values)
    out = np.empty(values.shape[::2])
    for start in range(0, len(values), 1024):
        block = np.asarray(values[start : start + 1024], dtype=np.float64)
        real = ~np.isnan(block)
        count = np.maximum(real.sum(axis=1), 1)
        mean = np.where(real, block, 0.0).sum(axis=1) / count
        centred = np.where(real, block - mean[:, None], 0.0)
        out[start : start + 1024] = np.sqrt((centred**2).sum(axis=1) / count)
    return out + SERIES_FLOOR * spread.astype(np.float64)


def scaled_series(values, scale_series):
    """The features of ``scale_series``: all (True), none (False), or
    ("auto") the one feature of univariate series whose log scales
    (:func:`series_scales`) have a standard deviation above
    :data:`SERIES_SPREAD`, i.e. series that differ in amplitude (not those
    normalized one by one, as the UCR archive's). The features of a
    multivariate series are parts of one thing (an image's columns, a
    motion's axes): "auto" does not scale them one by one."""
    if scale_series == "auto":
        if values.shape[-1] != 1:
            return ()
        spread = np.log(series_scales(values)).std(axis=0)
        return tuple(int(f) for f in np.flatnonzero(spread > SERIES_SPREAD))
    return tuple(range(values.shape[-1])) if scale_series else ()


def _as_units(units):
    return (units,) if isinstance(units, numbers.Integral) else tuple(units)


def _parameters(*groups):
    """An ``__init__`` storing the keyword-only parameters of ``groups``
    (``(name, default)`` pairs) verbatim, with their explicit signature (what
    ``get_params``, ``clone`` and the docs read)."""
    names = [(name, default) for group in groups for name, default in group]

    def __init__(self, **params):
        unknown = set(params) - {name for name, _ in names}
        if unknown:
            raise TypeError(
                f"{type(self).__name__}.__init__() got an unexpected keyword "
                f"argument {sorted(unknown)[0]!r}"
            )
        for name, default in names:
            setattr(self, name, params.get(name, default))

    __init__.__signature__ = inspect.Signature(
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default)
            for name, default in names
        ]
    )
    return __init__


# seeding, progress and continuation: parameters of every estimator
_RUN = (
    ("random_state", None),
    ("verbose", 0),
    ("callbacks", None),
    ("warm_start", False),
)
# RecurrentTextGenerator's early stopping
_STOPPING = (
    ("early_stopping", False),
    ("validation_fraction", 0.1),
    ("n_iter_no_change", 3),
    *_RUN,
)
_TRAINING = (
    ("vocabulary_size", None),
    ("optimizer", "adam"),
    ("learning_rate", 1e-3),
    ("clipnorm", 1.0),
    ("loss", None),
    ("epochs", "auto"),
    ("batch_size", 32),
    ("bucketing", True),
    ("early_stopping", "auto"),
    ("validation_fraction", 0.1),
    ("n_iter_no_change", 3),
    ("tol", 1e-4),
    ("refit", "auto"),
    *_RUN,
)
_USER_NETWORK = (("model", None), ("model_params", None))
_RECURRENT_NETWORK = (
    ("cell", "auto"),
    ("units", 64),
    ("bidirectional", False),
    ("dropout", 0.0),
    ("recurrent_dropout", 0.0),
    ("embedding_dim", 64),
    ("embeddings", None),
    ("trainable_embeddings", True),
    ("pooling", "auto"),
    ("hidden_layer_sizes", ()),
    ("scale_inputs", True),
    ("scale_series", "auto"),
    ("front_end", "auto"),
    ("ngrams", "auto"),
)
_TARGET_SCALING = (("scale_target", True),)
_CLASS_WEIGHT = (("class_weight", None),)

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
        takes, ``min(500, max(10, ceil(1000 / steps_per_epoch)))`` (at least
        1,000 steps when 500 epochs allow it), and ends it early under
        ``early_stopping="auto"``. The rule and the measurements behind it:
        the user guide's "Defaults" section.
    batch_size : int, default=32
        Samples per gradient step.
    bucketing : bool, default=True
        Batch sequences of similar length together and cut each batch to
        its longest sequence (only when lengths differ). False trains on
        fixed-shape shuffled batches.
    early_stopping : bool or "auto", default="auto"
        True holds out ``validation_fraction`` of the training data
        (stratified for classifiers), stops after ``n_iter_no_change``
        epochs without improvement of the validation loss and restores the
        best weights. "auto" does so with ``epochs="auto"`` and at least
        1,000 samples; with fewer samples it watches the training loss
        instead: it stops once the loss has not fallen by more than ``tol``
        for ``n_iter_no_change`` epochs and at least 100 gradient steps, and
        restores the weights of the lowest loss. With an int ``epochs``,
        "auto" trains exactly ``epochs`` epochs, as False does.
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping.
    n_iter_no_change : int, default=3
        Patience of early stopping, in epochs.
    tol : float, default=1e-4
        Least fall of the training loss that counts as an improvement when
        ``early_stopping="auto"`` watches the training loss.
    refit : bool or "auto", default="auto"
        After early stopping on a validation split, train the network anew
        (the same initial weights) on all the training data, validation
        part included, for the number of epochs that gave the lowest
        validation loss; ``validation_scores_`` and ``best_loss_`` keep the
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
        exceeds 128 (the strongest response of each recurrent unit wherever
        it occurs, as a fully convolutional network's global pooling reads
        a long series, whether or not the front-end averages it), "last"
        for shorter series and texts, and "mean" without recurrent layers
        (``units=()``). See ``pooling_``.
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
        ``series_features_``.
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
        as an alternating current is, would be averaged away). Masking
        stays exact (a causal convolution's output at a real step reads no
        padding; a run's mean reads its real steps only). "auto" is "conv"
        for float values and "none" for token ids; "none" is the plain
        recurrent network. See ``front_end_``.
    ngrams : int in [0, 3] or "auto", default="auto"
        Token ids only: beside the recurrent layers, a bag of each
        sequence's n-grams of 1 to ``ngrams`` tokens (fastText's features,
        Joulin et al. 2017) joins the recurrent output before the dense
        head: the sum of 16-wide embeddings of its unigrams (one per id)
        and longer n-grams (hashed into ``ngram_buckets_`` rows), divided
        by the square root of their count. It carries what a TF-IDF model
        sees, which a recurrent state read at the last step forgets on long
        texts. 0 is the plain recurrent network (the parameter counts of
        Keras' own); "auto" is 2 for token ids and 0 for float values. See
        the user guide's "Defaults".
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
    + """    n_iter_ : int
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
    pooling_ : str
        The sequence summary ``pooling`` resolves to.
    series_features_ : tuple of int
        The float features that the network also reads standardized within
        each series, with their log scale (``scale_series``); empty for
        none.
    front_end_ : tuple of (filters, kernel_size, stride)
        The convolutions before the recurrent layers, after a first entry
        ``("mean", size, size)`` when runs of ``size`` steps are averaged
        first (series longer than 128 steps whose runs' means keep 95% of
        their variance); empty for none.
    ngrams_ : int
        Longest n-gram of the bag beside the recurrent layers (0: none).
    ngram_buckets_ : int
        Rows of its hashed n-grams (of 2 tokens or more): the distinct ones
        that occur at least twice in the training ids, rounded up to a power
        of two, within 2**10 to 2**18 (0 when ``ngrams_`` < 2).
"""

_CLASSIFIER_ATTRIBUTES_DOC = """    classes_ : ndarray
        Class labels (column indices for a multilabel target).
    n_classes_ : int
        Number of classes.
"""

_REGRESSOR_ATTRIBUTES_DOC = """    n_outputs_ : int
        Number of regression targets.
"""


def _method_doc(summary, params, returns):
    """A numpydoc method docstring from its parts (the methods share them)."""
    return (
        f"{summary}\n\n        Parameters\n        ----------\n{params}"
        f"\n        Returns\n        -------\n{returns}"
    )


_X_PARAM = """        X : array-like or collection of sequences
            As in :meth:`fit`.
"""
_WEIGHT_PARAM = """        sample_weight : array-like of shape (n,), default=None
            Non-negative weight of each sample in the loss.
"""
_UPDATED = """        self : object
            The updated estimator.
"""
_PARTIAL_FIT = "Train one epoch from the current weights."


def _documented(doc):
    def set_doc(method):
        method.__doc__ = doc
        return method

    return set_doc


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
        elif isinstance(node, list):
            for value in node:
                collect(value)

    def rename(node):
        if isinstance(node, dict):
            return {k: rename(v) for k, v in node.items()}
        if isinstance(node, list):
            return [rename(v) for v in node]
        return names.get(node, node) if isinstance(node, str) else node

    collect(config)
    return json.dumps(rename(config), sort_keys=True, default=repr)


@dataclasses.dataclass(frozen=True)
class _UserNetwork:
    """A user's ``model`` callable and the keyword arguments of its call."""

    build_fn: object
    kwargs: tuple

    def build(self, embeddings=None):
        model = self.build_fn(**dict(self.kwargs))
        if not isinstance(model, keras.Model):
            raise TypeError(
                "`model` must return a keras.Model. Got "
                f"{type(model).__name__} instead."
            )
        return model


class _SequenceEstimator(BaseEstimator):
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

    def _check_params(self):
        self._validate_params()
        if isinstance(self.optimizer, str):
            try:
                keras.optimizers.get(self.optimizer)
            except ValueError:
                raise ValueError(
                    "`optimizer` must be the name of a Keras optimizer (e.g. "
                    "'adam', 'rmsprop', 'sgd') or an optimizer instance. Got "
                    f"{self.optimizer!r} instead."
                ) from None
        if isinstance(self.loss, str):
            try:
                keras.losses.get(self.loss)
            except ValueError:
                raise ValueError(
                    "`loss` must be the name of a Keras loss (e.g. 'mse', "
                    "'binary_crossentropy'), a loss instance or None. Got "
                    f"{self.loss!r} instead."
                ) from None
        if self.callbacks is not None:
            for cb in self.callbacks:
                if not isinstance(cb, keras.callbacks.Callback):
                    raise TypeError(
                        "`callbacks` must be a list of keras.callbacks.Callback "
                        f"instances. Got {type(cb).__name__} instead."
                    )
        self._check_network_params()

    # -- fitting ----------------------------------------------------------

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

    def _fit(self, X, y, sample_weight, *, continuing, classes=None, epochs=None):
        self._check_params()
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y "
                "is None."
            )
        X = self._coerce(X, reset=not continuing)
        labels = self._check_target(y, reset=not continuing, classes=classes)
        check_consistent_length(X, labels)
        weights = self._sample_weight(len(X), labels, sample_weight)
        y = self._encode(labels)
        if weights is not None:
            keep = weights != 0
            X, y, weights = X.take(keep), y[keep], weights[keep]
        network = self._network()
        if continuing and network != self._spec:
            raise ValueError(
                f"warm_start=True continues the fitted network, but {self._changed()} "
                "since it was built. Set warm_start=False to build a new network."
            )
        if not continuing or not hasattr(self, "_random_state"):
            # kept across warm-start and partial_fit calls, as MLP keeps it:
            # each call shuffles and seeds dropout anew
            self._random_state = check_random_state(self.random_state)
        rng = self._random_state
        if not continuing:
            build_seed = int(rng.randint(1, 2**31 - 1))
            self._spec = network
            self.model_ = _seeded(
                lambda: self._build(network, initial=True), build_seed
            )
            self._spec_params = self._network_params()
            self._set_fitted_weights(X)
            self.history_, self.n_iter_ = {}, 0
            # a refit after early stopping starts again from here
            built, initial = rng.get_state(), self.model_.get_weights()
        auto = epochs is None and self.epochs == "auto"
        explicit = not isinstance(self.early_stopping, str) and self.early_stopping
        validate = bool(explicit) or (
            auto and self.early_stopping == "auto" and len(X) >= AUTO_VALIDATION
        )
        train, validation = (X, y, weights), None
        if validate:
            train, validation = self._split_validation(X, y, weights, rng)
        batch_size = min(self.batch_size, len(train[0]))
        steps = -(-len(train[0]) // batch_size)
        if epochs is None:
            epochs = auto_epochs(steps) if auto else self.epochs
        self._warn_if_nan_padding_reaches_the_network(X)
        callbacks = [*(self.callbacks or [])]
        if validate:
            callbacks.append(
                keras.callbacks.EarlyStopping(
                    monitor="val_loss",
                    patience=self.n_iter_no_change,
                    restore_best_weights=True,
                )
            )
        elif auto and self.early_stopping == "auto":
            callbacks.append(
                keras.callbacks.EarlyStopping(
                    monitor="loss",
                    min_delta=self.tol,
                    patience=auto_patience(steps, self.n_iter_no_change),
                    restore_best_weights=True,
                )
            )
        bucket = self.bucketing and len(np.unique(X.lengths)) > 1
        self._train(train, validation, rng, continuing, epochs, callbacks, bucket)
        if not validate:
            return self
        self.validation_scores_ = list(self.history_["val_loss"])
        self.best_loss_ = float(np.min(self.validation_scores_))
        refit = self.refit if self.refit != "auto" else not explicit
        if refit and not continuing:
            # the same network trained anew on all the data, as many epochs
            # as gave the lowest validation loss
            best = int(np.argmin(self.validation_scores_)) + 1
            scores, best_loss = self.validation_scores_, self.best_loss_
            rng = np.random.RandomState()
            rng.set_state(built)
            self.model_.set_weights(initial)
            self.history_, self.n_iter_ = {}, 0
            callbacks = [*(self.callbacks or [])]
            self._train((X, y, weights), None, rng, False, best, callbacks, bucket)
            self.validation_scores_, self.best_loss_ = scores, best_loss
        return self

    def _train(self, train, validation, rng, continuing, epochs, callbacks, bucket):
        batch_size = min(self.batch_size, len(train[0]))
        history = self._trainer().fit(
            self.model_,
            train,
            validation,
            warm_start=continuing,
            seed=int(rng.randint(2**31 - 1 - 1000)),
            rng=rng,
            batch_size=batch_size,
            bucket=bucket,
            epochs=epochs,
            initial_epoch=self.n_iter_,
            callbacks=callbacks,
            verbose=self.verbose,
        )
        for key, values in history.items():
            self.history_.setdefault(key, []).extend(float(v) for v in values)
        self.n_iter_ += len(history.get("loss", []))
        self.loss_curve_ = list(self.history_["loss"])

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

    def _split_validation(self, X, y, weights, rng):
        n_val = _validation_count(self.validation_fraction, len(X), "sample")
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

    def _optimizer(self):
        if isinstance(self.optimizer, str):
            return keras.optimizers.get(
                {
                    "class_name": self.optimizer,
                    "config": {
                        "learning_rate": self.learning_rate,
                        "clipnorm": self.clipnorm,
                    },
                }
            )
        return self.optimizer.from_config(self.optimizer.get_config())

    def _compiled(self, model):
        model.compile(optimizer=self._optimizer(), loss=self._loss())
        return model

    def _trainer(self):
        """The compiled trainer of this estimator's network and optimizer."""
        spec = self._trainer_network()
        return get_trainer(
            self._trainer_key,
            # under the build lock: it draws Keras' default seeds
            lambda: _seeded(lambda: self._compiled(spec.build()), 0),
            exact_padding=isinstance(spec, RecurrentNetwork),
        )

    def _trainer_network(self):
        """The trainer's network: a token network as wide as its vocabulary's
        capacity (see :mod:`skseq._trainers`)."""
        spec = self._spec
        if isinstance(spec, RecurrentNetwork) and spec.vocabulary_size is not None:
            return spec.with_vocabulary(vocabulary_capacity(spec.vocabulary_size))
        return spec

    @property
    def _trainer_key(self):
        # what makes two fits share one compiled trainer
        if isinstance(self.optimizer, str):
            optimizer = (self.optimizer, float(self.learning_rate), self.clipnorm)
        else:
            optimizer = (type(self.optimizer).__name__, self.optimizer.get_config())
        spec = self._trainer_network()
        if isinstance(spec, _UserNetwork):
            spec = self._user_config_key
        return repr((spec, optimizer, self._loss()))

    def _warn_if_nan_padding_reaches_the_network(self, X):
        pass

    # -- prediction -------------------------------------------------------

    def _predict_raw(self, X):
        check_is_fitted(self, "model_")
        seqs = self._coerce(X, reset=False)
        return self._trainer().predict(self.model_, seqs).astype(np.float64)

    # -- persistence ------------------------------------------------------

    def __getstate__(self):
        # the network as its weights (plain arrays: pickle, joblib and
        # skops), rebuilt from its spec on loading
        state = dict(super().__getstate__())  # a copy: not the live __dict__
        model = state.pop("model_", None)
        if model is not None:
            optimizer = model.optimizer
            state["_weights"] = model.get_weights()
            state["_optimizer_state"] = (
                [v.numpy() for v in optimizer.variables] if optimizer.built else None
            )
        return state

    def __setstate__(self, state):
        state = dict(state)
        weights = state.pop("_weights", None)
        optimizer_state = state.pop("_optimizer_state", None)
        super().__setstate__(state)
        if weights is not None:
            model = self._build(self._spec, initial=False)
            model.set_weights(weights)
            if optimizer_state is not None:
                model.optimizer.build(model.trainable_variables)
                for variable, value in zip(
                    model.optimizer.variables, optimizer_state, strict=True
                ):
                    variable.assign(value)
            self.model_ = model

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.input_tags.allow_nan = False
        tags.target_tags.required = True
        return tags


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

    def _network(self):
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

    def _changed(self):
        return "`model` or `model_params` changed"

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
        "ngrams": [
            Interval(numbers.Integral, 0, 3, closed="both"),
            StrOptions({"auto"}),
        ],
    }

    def _check_network_params(self):
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
            rows = emb.shape[0]
            if self.vocabulary_size is not None and self.vocabulary_size != rows:
                raise ValueError(
                    f"`vocabulary_size` must equal the rows of `embeddings` "
                    f"({rows}) when both are given. Got {self.vocabulary_size}."
                )

    def _coerce(self, X, *, reset):
        seqs = super()._coerce(X, reset=reset)
        if reset:
            tokens = seqs.kind == "tokens"
            conv = self.front_end == "conv" or (self.front_end == "auto" and not tokens)
            self.front_end_ = (
                conv_front_end(
                    seqs.values.shape[1],
                    size=None if tokens else piecewise_size(seqs.values),
                )
                if conv
                else ()
            )
            self.pooling_ = self.pooling
            if self.pooling == "auto":
                # series: their padded width; texts: the median real length
                # (one long review among tweets does not make them long)
                long = (
                    np.median(seqs.lengths) if tokens else seqs.values.shape[1]
                ) > PIECEWISE_STEPS
                units = _as_units(self.units)
                self.pooling_ = "mean" if not units else ("max" if long else "last")
            self.series_features_ = (
                () if tokens else scaled_series(seqs.values, self.scale_series)
            )
            if self.ngrams != "auto" and self.ngrams and not tokens:
                raise ValueError(
                    "`ngrams` needs token-id input: n-grams of float values do "
                    f"not exist. Got ngrams={self.ngrams!r} with float X; set "
                    "ngrams=0."
                )
            ngrams = self.ngrams if self.ngrams != "auto" else (2 if tokens else 0)
            self.ngrams_ = int(ngrams)
            self.ngram_buckets_ = (
                ngram_buckets(seqs.values, self.ngrams_) if self.ngrams_ > 1 else 0
            )
        return seqs

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

    def _network(self):
        n_outputs, activation, _ = self._outputs()
        tokens = self.input_kind_ == "tokens"
        return RecurrentNetwork(
            n_features=None if tokens else self.n_step_features_,
            vocabulary_size=self.vocabulary_size_ if tokens else None,
            embedding_dim=self.embedding_dim
            if self.embeddings is None
            else int(np.shape(self.embeddings)[1]),
            trainable_embeddings=self.trainable_embeddings,
            cell=self.cell if self.cell != "auto" else self._auto_cell(tokens),
            units=_as_units(self.units),
            bidirectional=self.bidirectional,
            dropout=float(self.dropout),
            recurrent_dropout=float(self.recurrent_dropout),
            pooling=self.pooling_,
            hidden_layer_sizes=tuple(self.hidden_layer_sizes),
            n_outputs=n_outputs,
            output_activation=activation,
            scale_inputs=bool(self.scale_inputs) and not tokens,
            series_features=self.series_features_,
            front_end=self.front_end_,
            ngrams=self.ngrams_,
            ngram_buckets=self.ngram_buckets_,
        )

    def _auto_cell(self, tokens):
        # LSTM for token ids and regression targets, GRU for float classes
        return "lstm" if tokens or isinstance(self, RegressorMixin) else "gru"

    def _network_params(self):
        return {name: getattr(self, name) for name, _ in _RECURRENT_NETWORK}

    def _changed(self):
        now = self._network_params()
        names = [
            name
            for name, value in self._spec_params.items()
            if not _same(value, now[name])
        ]
        return f"`{names[0]}` changed" if names else "the target changed"

    def _build(self, network, *, initial):
        embeddings = None
        if initial and self.embeddings is not None:
            embeddings = np.asarray(self.embeddings, dtype=keras.backend.floatx())
        return self._compiled(network.build(embeddings))


def _same(a, b):
    try:
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    except (TypeError, ValueError):
        return a is b


class _ClassifierTask:
    """Targets of classifiers: labels, ``classes_``, probabilities."""

    def _check_target(self, y, *, reset, classes=None):
        y = check_array(y, ensure_2d=False, dtype=None, input_name="y")
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        if reset:
            check_classification_targets(y)
            kind = type_of_target(y, input_name="y")
            self._multilabel = kind == "multilabel-indicator"
            if self._multilabel:
                self.classes_ = np.arange(y.shape[1])
            else:
                self.classes_ = (
                    LabelEncoder()
                    .fit(y if classes is None else np.asarray(classes))
                    .classes_
                )
                if len(self.classes_) < 2:
                    raise ValueError(
                        f"{type(self).__name__} needs at least 2 classes in y. "
                        f"Got only one class, {self.classes_[0]!r}, instead."
                    )
            self.n_classes_ = len(self.classes_)
        if self._multilabel:
            if y.ndim != 2 or y.shape[1] != self.n_classes_:
                raise ValueError(
                    f"y must be a multilabel indicator of {self.n_classes_} "
                    f"columns as at fit. Got shape {y.shape} instead."
                )
        else:
            if y.ndim != 1:
                raise ValueError(
                    f"y must be 1-D labels as at fit. Got shape {y.shape} instead."
                )
            unseen = ~np.isin(y, self.classes_)
            if unseen.any():
                raise ValueError(
                    f"y holds label {y[unseen][0].tolist()!r}, which is not among the "
                    f"classes {self.classes_.tolist()} of the first fit. Pass "
                    "every label in `classes` on the first partial_fit call."
                )
        return y

    def _encode(self, labels):
        floatx = keras.backend.floatx()
        if self._multilabel:
            return labels.astype(floatx)
        return np.searchsorted(self.classes_, labels).astype(floatx)[:, None]

    def _outputs(self):
        if self._multilabel:
            return self.n_classes_, "sigmoid", "binary_crossentropy"
        if self.n_classes_ == 2:
            return 1, "sigmoid", "binary_crossentropy"
        return self.n_classes_, "softmax", "sparse_categorical_crossentropy"

    def _class_weights(self, labels, sample_weight):
        if self.class_weight is None:
            return sample_weight
        weights = compute_sample_weight(self.class_weight, labels)
        return weights if sample_weight is None else sample_weight * weights

    def _stratify(self, y):
        return None if self._multilabel else y[:, 0]

    @_documented(
        _method_doc(
            _PARTIAL_FIT,
            _X_PARAM
            + """        y : array-like of shape (n,) or (n, n_labels)
            Labels.
        classes : array-like, default=None
            Every label; required on the first call, and the same (or
            omitted) on later calls.
"""
            + _WEIGHT_PARAM,
            _UPDATED,
        )
    )
    def partial_fit(self, X, y, classes=None, sample_weight=None):
        first = not hasattr(self, "model_")
        if first and classes is None:
            y_kind = type_of_target(y) if y is not None else None
            if y_kind != "multilabel-indicator":
                raise ValueError(
                    "classes must be passed on the first call to partial_fit. "
                    "Got None instead."
                )
        if not first:
            _check_partial_fit_first_call(self, classes)
        return self._fit(
            X, y, sample_weight, continuing=not first, classes=classes, epochs=1
        )

    @_documented(
        _method_doc(
            "Class probabilities of ``X``.",
            _X_PARAM,
            """        proba : ndarray of shape (n, n_classes)
            Rows sum to 1 (per-label probabilities for multilabel targets).
""",
        )
    )
    def predict_proba(self, X):
        raw = self._predict_raw(X)
        if self._multilabel or self.n_classes_ > 2:
            return raw
        return np.hstack([1.0 - raw, raw])

    @_documented(
        _method_doc(
            "Predicted labels of ``X``.",
            _X_PARAM,
            """        labels : ndarray of shape (n,) or (n, n_labels)
            Most probable class, or a 0/1 indicator per label for multilabel
            targets.
""",
        )
    )
    def predict(self, X):
        proba = self.predict_proba(X)
        if self._multilabel:
            return (proba > 0.5).astype(int)
        return self.classes_[np.argmax(proba, axis=1)]


class _RegressorTask:
    """Targets of regressors: one or more real values."""

    def _check_target(self, y, *, reset, classes=None):
        y = check_array(
            y, ensure_2d=False, dtype="numeric", input_name="y", estimator=self
        )
        if reset:
            self.n_outputs_ = 1 if y.ndim == 1 else y.shape[1]
            self._y_ndim = y.ndim
            for name in ("target_mean_", "target_scale_"):
                self.__dict__.pop(name, None)
            if getattr(self, "scale_target", False):
                columns = np.reshape(y, (len(y), -1))
                self.target_mean_, self.target_scale_ = standardization(columns)
        elif (1 if y.ndim == 1 else y.shape[1]) != self.n_outputs_:
            raise ValueError(
                f"y must have {self.n_outputs_} target(s) as at fit. Got shape "
                f"{y.shape} instead."
            )
        return y

    def _encode(self, y):
        y = np.asarray(y, dtype=np.float64).reshape(len(y), -1)
        if hasattr(self, "target_mean_"):
            y = (y - self.target_mean_) / self.target_scale_
        return y.astype(keras.backend.floatx())

    def _outputs(self):
        return self.n_outputs_, "linear", "mse"

    @_documented(
        _method_doc(
            _PARTIAL_FIT,
            _X_PARAM
            + """        y : array-like of shape (n,) or (n, n_outputs)
            Targets.
"""
            + _WEIGHT_PARAM,
            _UPDATED,
        )
    )
    def partial_fit(self, X, y, sample_weight=None):
        continuing = hasattr(self, "model_")
        return self._fit(X, y, sample_weight, continuing=continuing, epochs=1)

    @_documented(
        _method_doc(
            "Predicted targets of ``X``.",
            _X_PARAM,
            """        y : ndarray of shape (n,) or (n, n_outputs)
            In the shape of the ``y`` given at fit.
""",
        )
    )
    def predict(self, X):
        raw = self._predict_raw(X)
        if hasattr(self, "target_mean_"):
            raw = raw * self.target_scale_ + self.target_mean_
        return raw[:, 0] if self._y_ndim == 1 else raw

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags


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
    __init__ = _parameters(_USER_NETWORK, _TRAINING, _CLASS_WEIGHT)


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
    __init__ = _parameters(_USER_NETWORK, _TRAINING)


class RecurrentClassifier(_RecurrentNetworkMixin, SequenceClassifier):
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
    __init__ = _parameters(_RECURRENT_NETWORK, _TRAINING, _CLASS_WEIGHT)


class RecurrentRegressor(_RecurrentNetworkMixin, SequenceRegressor):
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
    __init__ = _parameters(_RECURRENT_NETWORK, _TRAINING, _TARGET_SCALING)
