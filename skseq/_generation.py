"""Character- and word-level language models: :class:`RecurrentTextGenerator`.

Training reads the documents as one stream of token ids, each document
preceded by id 0 (the start mark), cut into windows of ``window`` ids whose
targets are the same ids shifted by one: every token is a target, not only
one per window. The stream is cut with a reshape (a view), never a Python loop
over tokens. The windows train through the estimators' stack: the budget and
early stopping of :func:`skseq._defaults.resolve_training`, and the compiled
trainer shared by every fit of the same network (:mod:`skseq._trainers`), so
repeated fits do not grow memory.

Generation and scoring do not re-read windows: :class:`_Runner` steps the
trained network's own cells (the very variables of ``model_``) one token at a
time inside a traced TensorFlow loop, with the recurrent state carried, so a
prompt is read once and each new token costs one recurrent step.
"""

import dataclasses
import functools
import numbers

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.base import _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from skseq._base import _SequenceEstimator
from skseq._defaults import DataSummary, Plan, resolve_training
from skseq._estimators import _CURVES_DOC
from skseq._inputs import Sequences
from skseq._network import _CELLS, ProjectedSimpleRNN, layer_sizes
from skseq._seeding import seeded
from skseq._text import (
    DEFAULT_TOKEN_PATTERN,
    OOV_ID,
    PAD_ID,
    TextTokenizer,
    _check_documents,
)
from skseq._trainers import quiet
from skseq._training import KerasTraining

__all__ = ["RecurrentTextGenerator", "build_language_model"]

# Id 0, padding elsewhere in skseq, is read here as the start of a document:
# the network reads [0, t1, t2, ...] and predicts [t1, t2, t3, ...]. It is
# never a target (the loss ignores it) and never sampled.
START_ID = PAD_ID
_RECURRENT = (layers.RNN, ProjectedSimpleRNN)
# the loss, and how the trainers' keys name it (a Keras loss has no stable repr)
_LOSS_KEY = f"SparseCategoricalCrossentropy(from_logits=True, ignore_class={START_ID})"


def _language_loss():
    # ignore_class: the loss is the mean over the real targets only
    return keras.losses.SparseCategoricalCrossentropy(
        from_logits=True, ignore_class=START_ID
    )


def _seeded(seed_rng, initializer):
    return keras.initializers.get(
        {
            "class_name": initializer,
            "config": {"seed": int(seed_rng.randint(2**31 - 1))},
        }
    )


def build_language_model(
    *,
    vocabulary_size,
    embedding_dim=64,
    cell="lstm",
    units=(256,),
    dropout=0.0,
    recurrent_dropout=0.0,
    seed=0,
):
    """Build the uncompiled next-token network (Keras only, no sklearn).

    ``Embedding`` -> one recurrent layer per entry of ``units``
    (``return_sequences=True``), each followed by ``Dropout`` when
    ``dropout`` > 0 -> ``Dense(vocabulary_size)`` logits at every step.
    SimpleRNN layers without recurrent dropout are
    :class:`~skseq._network.ProjectedSimpleRNN` (the weights and outputs of
    ``keras.layers.SimpleRNN``, trained faster).

    Parameters
    ----------
    vocabulary_size : int
        Number of token ids, the reserved ids 0 and 1 included.
    embedding_dim : int
        Width of the embedding.
    cell : {"rnn", "lstm", "gru"}
        Recurrent cell.
    units : tuple of int
        Units of each stacked recurrent layer.
    dropout : float
        Rate of the ``Dropout`` after each recurrent layer.
    recurrent_dropout : float
        Dropout on the recurrent state.
    seed : int
        Seed of every initializer and dropout layer: one seed, one network.

    Returns
    -------
    keras.Model
        Input ``(batch, steps)`` int32 ids, output ``(batch, steps,
        vocabulary_size)`` logits; the layers are named ``embedding``,
        ``recurrent_<i>``, ``dropout_<i>`` and ``logits``.
    """
    rng = np.random.RandomState(seed)
    inputs = keras.Input(shape=(None,), dtype="int32", name="tokens")
    x = layers.Embedding(
        vocabulary_size,
        embedding_dim,
        embeddings_initializer=_seeded(rng, "RandomUniform"),
        name="embedding",
    )(inputs)
    for i, n_units in enumerate(units):
        name = f"recurrent_{i}"
        if cell == "rnn" and not recurrent_dropout:
            rnn = ProjectedSimpleRNN(n_units, name=name)
            x = rnn(x)
            # its cell takes no initializer arguments: draw them after build
            weights = rnn.cell
            weights.kernel.assign(_seeded(rng, "GlorotUniform")(weights.kernel.shape))
            weights.recurrent_kernel.assign(
                _seeded(rng, "Orthogonal")(weights.recurrent_kernel.shape)
            )
        else:
            x = _CELLS[cell](
                n_units,
                return_sequences=True,
                recurrent_dropout=recurrent_dropout,
                kernel_initializer=_seeded(rng, "GlorotUniform"),
                recurrent_initializer=_seeded(rng, "Orthogonal"),
                seed=int(rng.randint(2**31 - 1)),
                name=name,
            )(x)
        if dropout:
            seed_i = int(rng.randint(2**31 - 1))
            x = layers.Dropout(dropout, seed=seed_i, name=f"dropout_{i}")(x)
    outputs = layers.Dense(
        vocabulary_size,
        kernel_initializer=_seeded(rng, "GlorotUniform"),
        name="logits",
    )(x)
    return keras.Model(inputs, outputs)


@dataclasses.dataclass(frozen=True)
class LanguageModel:
    """The architecture of a language model: the arguments of
    :func:`build_language_model` but its seed.

    Frozen and hashable: fits whose networks (and optimizers) are equal share
    one compiled trainer (:mod:`skseq._trainers`). The trainer has this exact
    vocabulary: the logits' columns are one per id, and a trainer pads
    weights along their first dimension only.
    """

    vocabulary_size: int
    embedding_dim: int = 64
    cell: str = "lstm"
    units: tuple = (256,)
    dropout: float = 0.0
    recurrent_dropout: float = 0.0

    # windows are trained at their full width: no padding to be exact about
    exact_padding = False

    def build(self, seed=0):
        """The uncompiled ``keras.Model``, its initial weights from ``seed``."""
        return build_language_model(**dataclasses.asdict(self), seed=seed)

    def trainer_spec(self):
        """The network of the shared trainer: this one."""
        return self


def _token_stream(sequences):
    """One int32 stream: each non-empty sequence preceded by START_ID."""
    sequences = [s for s in sequences if len(s)]
    if not sequences:
        return np.zeros(0, np.int32)
    lengths = np.fromiter(map(len, sequences), np.int64, len(sequences)) + 1
    stream = np.full(int(lengths.sum()), START_ID, np.int32)
    tokens = np.ones(len(stream), bool)
    tokens[np.cumsum(lengths) - lengths] = False
    stream[tokens] = np.concatenate(sequences)
    return stream


def _windows(stream, window):
    """``(inputs, targets)``, each ``(n_windows, window)``: targets shifted by
    one; the last window is padded with START_ID targets (ignored)."""
    n_windows = -(-(len(stream) - 1) // window)
    padded = np.full(n_windows * window + 1, START_ID, np.int32)
    padded[: len(stream)] = stream
    return (
        padded[:-1].reshape(n_windows, window),
        padded[1:].reshape(n_windows, window),
    )


def _documents(X):
    """The documents of ``X`` as a list of str; clear errors otherwise."""
    if isinstance(X, str | bytes):
        raise TypeError(
            "X must be an iterable of str documents. Got a single "
            f"{type(X).__name__} instead; wrap it in a list: fit([text])."
        )
    return _check_documents(X)


def _check_int(name, value, low, *, allow_none=False):
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        expected = "None or an int" if allow_none else "an int"
        raise TypeError(
            f"`{name}` must be {expected} >= {low}. Got "
            f"{type(value).__name__} {value!r} instead."
        )
    if value < low:
        raise ValueError(f"`{name}` must be >= {low}. Got {value!r} instead.")


class _Runner:
    """Traced one-step loops over the layers of a language model, as pure
    functions of the weights of any model of the same spec.

    The loops call the embedding, the recurrent layers' cells and the output
    layer of ``model`` (a template) inside a ``keras.StatelessScope`` that
    gives its variables the values of the weights passed in: a fitted
    ``model_``'s variables as they are (no copy). The recurrent state is
    carried from one token to the next. One runner serves every generator of
    its spec (:func:`_runner_of`), so fits followed by ``score`` (a
    cross-validation) trace nothing new.
    """

    def __init__(self, model):
        self.variables = list(model.weights)
        weights = [tf.TensorSpec(v.shape, v.dtype) for v in self.variables]
        self.embedding = model.get_layer("embedding")
        self.output = model.get_layer("logits")
        self.cells = [
            layer.cell for layer in model.layers if isinstance(layer, _RECURRENT)
        ]
        self.state_sizes = []
        for cell in self.cells:
            size = cell.state_size
            self.state_sizes.append(list(size) if isinstance(size, list) else [size])
        self.vocabulary_size = int(self.output.units)
        states = [
            tf.TensorSpec((None, size), tf.float32)
            for sizes in self.state_sizes
            for size in sizes
        ]
        ids = tf.TensorSpec((None, None), tf.int32)
        self.scan = tf.function(
            self._scan, input_signature=[weights, ids, ids, states], autograph=False
        )
        self.sample = tf.function(
            self._sample,
            input_signature=[
                weights,
                tf.TensorSpec((1, self.vocabulary_size), tf.float32),
                [tf.TensorSpec((1, s.shape[1]), tf.float32) for s in states],
                tf.TensorSpec((2,), tf.int64),
                tf.TensorSpec((), tf.int32),
                tf.TensorSpec((), tf.float32),
                tf.TensorSpec((), tf.int32),
            ],
            autograph=False,
        )

    @staticmethod
    def weights(model):
        """The values of ``model``'s variables, in the runner's order."""
        return [v.value for v in model.weights]

    def _values(self, weights):
        mapping = list(zip(self.variables, weights, strict=True))
        return keras.StatelessScope(state_mapping=mapping)

    def zero_states(self, batch):
        return [
            np.zeros((batch, size), np.float32)
            for sizes in self.state_sizes
            for size in sizes
        ]

    def _step(self, tokens, states):
        """Logits of the next token after ``tokens`` (batch,), new states."""
        x = self.embedding(tokens)
        new_states, i = [], 0
        for cell, sizes in zip(self.cells, self.state_sizes, strict=True):
            x, cell_states = cell(x, states[i : i + len(sizes)], training=False)
            new_states += list(cell_states)
            i += len(sizes)
        return self.output(x), new_states

    def _scan(self, weights, tokens, targets, states):
        """Read ``tokens`` (batch, steps) from ``states`` with ``weights``:
        the summed log-probability of the ``targets`` that are not START_ID,
        the logits after the last step and the states after it."""
        with self._values(weights):
            return self._scan_steps(tokens, targets, states)

    def _scan_steps(self, tokens, targets, states):
        tokens_t = tf.transpose(tokens)
        targets_t = tf.transpose(targets)
        batch = tf.shape(tokens)[0]

        def body(t, total, logits, states):
            logits, states = self._step(tokens_t[t], states)
            target = targets_t[t]
            picked = tf.gather(tf.nn.log_softmax(logits), target, batch_dims=1)
            total += tf.where(target != START_ID, picked, 0.0)
            return t + 1, total, logits, states

        start = (
            0,
            tf.zeros((batch,)),
            tf.zeros((batch, self.vocabulary_size)),
            list(states),
        )
        _, total, logits, states = tf.while_loop(
            lambda t, *_: t < tf.shape(tokens_t)[0], body, start
        )
        return total, logits, states

    def _sample(self, weights, logits, states, seed, n, temperature, top_k):
        """``n`` token ids drawn one step at a time from ``logits`` on, with
        ``weights``."""
        with self._values(weights):
            return self._sample_steps(logits, states, seed, n, temperature, top_k)

    def _sample_steps(self, logits, states, seed, n, temperature, top_k):
        allowed = tf.range(self.vocabulary_size) > OOV_ID
        n_allowed = self.vocabulary_size - OOV_ID - 1
        k = tf.minimum(top_k, n_allowed)

        def choose(logits, t):
            logits = tf.where(allowed, logits, -np.inf)
            greedy = tf.argmax(logits, axis=-1, output_type=tf.int32)
            # shifted so the best token is at 0: no overflow for a small
            # temperature
            scaled = (logits - tf.reduce_max(logits, -1, keepdims=True)) / tf.maximum(
                temperature, 1e-30
            )
            scaled = tf.cond(
                k < n_allowed,
                lambda: tf.where(
                    scaled >= tf.math.top_k(scaled, k).values[:, -1:], scaled, -np.inf
                ),
                lambda: scaled,
            )
            drawn = tf.random.stateless_categorical(
                scaled,
                1,
                seed=tf.stack([seed[0], seed[1] + tf.cast(t, tf.int64)]),
                dtype=tf.int32,
            )[:, 0]
            return tf.where(temperature > 0, drawn, greedy)

        def body(t, logits, states, out):
            token = choose(logits, t)
            logits, states = self._step(token, states)
            return t + 1, logits, states, out.write(t, token[0])

        out = tf.TensorArray(tf.int32, size=n)
        *_, out = tf.while_loop(
            lambda t, *_: t < n, body, (0, logits, list(states), out)
        )
        return out.stack()


@functools.lru_cache(maxsize=16)
def _runner_of(spec):
    """The :class:`_Runner` of the networks of ``spec``: one per process."""
    return _Runner(seeded(spec.build, 0))


def _ints_from(low):
    return Interval(numbers.Integral, low, None, closed="left")


_RATE = Interval(numbers.Real, 0, 1, closed="left")
# the training parameters it shares with the estimators, validated alike
_SHARED = (
    "optimizer",
    "learning_rate",
    "clipnorm",
    "epochs",
    "batch_size",
    "early_stopping",
    "validation_fraction",
    "n_iter_no_change",
    "tol",
    "refit",
    "random_state",
    "verbose",
    "callbacks",
    "warm_start",
)


class RecurrentTextGenerator(KerasTraining):
    __doc__ = (
        """Recurrent language model over characters or words that generates text.

    ``fit`` learns a vocabulary with a :class:`~skseq.TextTokenizer` and
    trains a recurrent network (SimpleRNN, LSTM or GRU) to predict every next
    token of the documents; ``generate`` extends a prompt by sampling one
    token at a time, ``score`` gives the mean log-likelihood per token of new
    documents (higher is better, as model selection expects). It trains as
    the estimators do: the same budget and early-stopping rules, seeding and
    compiled trainers.

    Parameters
    ----------
    level : {"char", "word"}, default="char"
        Tokens are characters (spaces and punctuation included) or words (the
        matches of ``token_pattern``).
    lowercase : bool, default=False
        Lower-case the documents before tokenizing (False keeps the capitals
        a character model should learn to write).
    max_tokens : int, default=None
        Vocabulary size, the two reserved ids 0 and 1 included, as in
        :class:`~skseq.TextTokenizer`: rarer tokens become the
        out-of-vocabulary id 1. At least 3. None keeps every token.
    min_frequency : int, default=1
        Tokens seen fewer times than this in training are out-of-vocabulary.
    token_pattern : str, default=r"\\w+(?:'\\w+)*"
        Regular expression of a word (``level="word"`` only), as in
        :class:`~skseq.TextTokenizer`. The default drops punctuation; e.g.
        ``r"\\w+|[^\\w\\s]"`` keeps every punctuation mark as a word.
    window : int, default=100
        Length of the training windows, in tokens: the steps through which
        gradients flow back (truncated backpropagation through time). Each
        window starts from a zero state.
    cell : {"rnn", "lstm", "gru"}, default="lstm"
        Recurrent cell, as in :class:`~skseq.RecurrentClassifier`:
        ``keras.layers.SimpleRNN``, ``LSTM`` or ``GRU``.
    units : int or tuple of int, default=256
        Units of the recurrent layer, or of each stacked layer.
    dropout : float, default=0.0
        Rate of the dropout after each recurrent layer.
    recurrent_dropout : float, default=0.0
        Dropout on the recurrent state (disables the cuDNN kernels on GPU).
    embedding_dim : int, default=64
        Width of the token embedding.
    optimizer : str or keras.optimizers.Optimizer, default="adam"
        Optimizer name or instance (an instance is cloned, never trained).
    learning_rate : float, default=2e-3
        Learning rate of an optimizer given by name: twice the estimators'
        1e-3, because the "auto" budget of a large corpus is short for a
        language model. On a million characters it is 10 epochs, after
        which the held-out loss at 1e-3 is markedly higher than at 2e-3;
        2e-3 reaches that loss in little more than half the epochs
        (``bench_generation.py --parts rates``).
    clipnorm : float or None, default=1.0
        Norm to which an optimizer given by name rescales each weight's
        gradient when it is larger; None does not clip.
    epochs : int or "auto", default="auto"
        Passes over the training windows: exactly this many when an int.
        "auto" sets the estimators' budget from the gradient steps an
        epoch takes, ``min(500, max(10, ceil(1000 / steps_per_epoch)))``,
        and ends it early under ``early_stopping="auto"``; see ``plan_``.
    batch_size : int, default=64
        Windows per gradient step.
    early_stopping : bool or "auto", default="auto"
        True holds out the last ``validation_fraction`` of the windows (the
        end of the token stream), stops once the validation loss has not
        fallen by more than ``tol`` for ``n_iter_no_change`` epochs and
        keeps the weights of the best epoch. "auto" does so with
        ``epochs="auto"``, with a patience of at least 100 gradient steps
        (``plan_["patience"]``); with an int ``epochs`` it trains exactly
        that many, as False does.
    validation_fraction : float, default=0.1
        Share of the windows held out by early stopping.
    n_iter_no_change : int, default=3
        Patience of early stopping, in epochs.
    tol : float, default=1e-4
        Least fall of the validation loss that counts as an improvement.
    refit : bool or "auto", default="auto"
        After early stopping, train the network anew (the same initial
        weights) on all the windows, the held-out end included, for the
        number of epochs that gave the lowest validation loss;
        ``validation_scores_`` and ``best_loss_`` keep the curve that chose
        it, ``history_`` is the refitted network's. "auto" does so under
        ``early_stopping="auto"``; with ``early_stopping=True`` it keeps the
        early-stopped network (as False always does). Never on a
        ``warm_start`` continuation.
    random_state : int, RandomState instance or None, default=None
        Seed of the initial weights, dropout and the order of the windows.
        An int gives the same model on CPU from fit to fit; a RandomState
        instance is drawn from (and advanced) by each fit.
    verbose : int, default=0
        0 is silent, 1 shows Keras' progress bar, 2 one line per epoch.
    callbacks : list of keras.callbacks.Callback, default=None
        Extra Keras callbacks for training (the list is not modified). They
        see the compiled network that trains (shared by the fits of the same
        network); ``model_`` receives its weights when training ends.
    warm_start : bool, default=False
        When fitted already, continue training ``model_`` (same vocabulary,
        optimizer state kept) instead of starting afresh; the learning
        curves grow. The network's parameters (``cell``, ``units``, ...) may
        not change between such fits.

    Attributes
    ----------
    tokenizer_ : TextTokenizer
        The fitted tokenizer.
    vocabulary_ : dict of str to int
        Token -> id (ids from 2; 0 is the start mark, 1 out-of-vocabulary).
    vocabulary_size_ : int
        Number of ids, 0 and 1 included: the width of the output.
    model_ : keras.Model
        The trained network: ``(batch, steps)`` ids in, next-token logits
        ``(batch, steps, vocabulary_size_)`` out. It reads a document as
        ``[0, t1, t2, ...]``: the output at step ``i`` is the distribution of
        token ``i + 1``. ``model_.save("model.keras")`` saves it.
    plan_ : Plan
        What the "auto" parameters resolved to (``epochs``,
        ``early_stopping``: "validation" or False, ``refit``) and the
        settings derived for the fit (``batch_size``, ``validation_size`` in
        windows, ``patience``), each with its reason in ``plan_.why``.
    history_ : dict of list
        Per-epoch mean training loss per token (``loss``, in nats) and, with
        early stopping, ``val_loss``, over every fit of a ``warm_start``
        run.
"""
        + _CURVES_DOC
        + """    n_iter_ : int
        Epochs trained since the network was built (growing over
        ``warm_start`` fits).
    n_tokens_ : int
        Training targets (tokens) of the last ``fit``.

    See Also
    --------
    TextTokenizer : The tokenizer used inside.
    RecurrentClassifier : One prediction per sequence.

    Notes
    -----
    The documents are joined into one stream, each preceded by id 0, and cut
    into windows of ``window`` tokens; every token is a target of the
    ``(batch, window)`` sequence-to-sequence loss, the first token of each
    document predicted from the start mark alone. Out-of-vocabulary tokens
    are targets too (of id 1), so ``score`` is a likelihood over the whole
    text.

    ``generate`` reads the prompt once and then takes one recurrent step per
    new token, in a loop traced by TensorFlow that calls ``model_``'s own
    cells with the state carried. It never samples the start mark (0) or the
    out-of-vocabulary id (1). ``score`` reads each document whole from its
    start, the state carried (not in windows), as generation does.

    The seed experiment, a stateful ``SimpleRNN(1024)`` with
    ``return_sequences=True`` over characters, is
    ``RecurrentTextGenerator(cell="rnn", units=1024)``: its training windows
    are ``return_sequences`` windows and its generation carries the state.

    Examples
    --------
    >>> from skseq import RecurrentTextGenerator
    >>> docs = ["abcabcabcabc", "abcabcab"] * 10
    >>> gen = RecurrentTextGenerator(units=8, window=10, random_state=0).fit(docs)
    >>> sorted(gen.vocabulary_)
    ['a', 'b', 'c']
    >>> gen.generate("ab", n=10, temperature=0)
    'abcabcabcabc'
    >>> text = gen.generate("ab", n=10, random_state=0)
    >>> text == gen.generate("ab", n=10, random_state=0)
    True
    >>> bool(gen.perplexity(docs) < 1.5)
    True
    """
    )

    _parameter_constraints: dict = {
        **{name: _SequenceEstimator._training_constraints[name] for name in _SHARED},
        "level": [StrOptions({"char", "word"})],
        "lowercase": ["boolean"],
        "max_tokens": [_ints_from(3), None],
        "min_frequency": [_ints_from(1)],
        "token_pattern": [str],
        "window": [_ints_from(1)],
        "cell": [StrOptions({"rnn", "lstm", "gru"})],
        "units": [_ints_from(1), tuple, list],
        "dropout": [_RATE],
        "recurrent_dropout": [_RATE],
        "embedding_dim": [_ints_from(1)],
    }

    def __init__(
        self,
        *,
        level="char",
        lowercase=False,
        max_tokens=None,
        min_frequency=1,
        token_pattern=DEFAULT_TOKEN_PATTERN,
        window=100,
        cell="lstm",
        units=256,
        dropout=0.0,
        recurrent_dropout=0.0,
        embedding_dim=64,
        optimizer="adam",
        learning_rate=2e-3,
        clipnorm=1.0,
        epochs="auto",
        batch_size=64,
        early_stopping="auto",
        validation_fraction=0.1,
        n_iter_no_change=3,
        tol=1e-4,
        refit="auto",
        random_state=None,
        verbose=0,
        callbacks=None,
        warm_start=False,
    ):
        self.level = level
        self.lowercase = lowercase
        self.max_tokens = max_tokens
        self.min_frequency = min_frequency
        self.token_pattern = token_pattern
        self.window = window
        self.cell = cell
        self.units = units
        self.dropout = dropout
        self.recurrent_dropout = recurrent_dropout
        self.embedding_dim = embedding_dim
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.clipnorm = clipnorm
        self.epochs = epochs
        self.batch_size = batch_size
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.refit = refit
        self.random_state = random_state
        self.verbose = verbose
        self.callbacks = callbacks
        self.warm_start = warm_start

    # -- fitting -----------------------------------------------------------

    def _new_tokenizer(self):
        return TextTokenizer(
            char_level=self.level == "char",
            lowercase=self.lowercase,
            max_tokens=self.max_tokens,
            min_frequency=self.min_frequency,
            token_pattern=self.token_pattern,
        )

    def _network(self, vocabulary_size):
        return LanguageModel(
            vocabulary_size=int(vocabulary_size),
            embedding_dim=int(self.embedding_dim),
            cell=self.cell,
            units=layer_sizes(self.units, "units", allow_empty=False),
            dropout=float(self.dropout),
            recurrent_dropout=float(self.recurrent_dropout),
        )

    def _loss(self):
        return _language_loss()

    def _loss_key(self):
        return _LOSS_KEY

    def _build(self, network, *, initial):
        return self._compiled(network.build())

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Train the language model on documents ``X``.

        Every fitted attribute is replaced only when the fit completes: a
        fit that raises leaves the generator as it was. A fit interrupted by
        the user (``KeyboardInterrupt``) keeps the network trained so far,
        with a warning.

        Parameters
        ----------
        X : iterable of str, pandas Series or single-column DataFrame
            The training documents (one long text is ``[text]``).
        y : None
            Ignored.

        Returns
        -------
        self : object
            The fitted generator.
        """
        docs = _documents(X)
        if not docs:
            raise ValueError(
                "X must contain at least one document. Got an empty collection instead."
            )
        layer_sizes(self.units, "units", allow_empty=False)
        self._check_training_params()
        continuing = self.warm_start and hasattr(self, "model_")
        return self._transaction(
            lambda: self._fit_windows(docs, continuing), continuing=continuing
        )

    def _fit_windows(self, docs, continuing):
        if continuing:
            tokenizer = self.tokenizer_
            sequences = tokenizer.transform(docs)
        else:
            tokenizer = self._new_tokenizer()
            sequences = tokenizer.fit_transform(docs)
        stream = _token_stream(sequences)
        if not tokenizer.vocabulary_ or len(stream) < 2:
            kind = "characters" if self.level == "char" else "words"
            raise ValueError(
                f"X must contain tokens ({kind} kept by the vocabulary). Got "
                f"{len(docs)} document(s) with "
                f"{max(len(stream) - 1, 0)} token(s) and a vocabulary of "
                f"{len(tokenizer.vocabulary_)} token(s) instead."
            )
        network = self._network(tokenizer.vocabulary_size_)
        if continuing and network != self._spec:
            changed = next(
                f.name
                for f in dataclasses.fields(network)
                if getattr(network, f.name) != getattr(self._spec, f.name)
            )
            raise ValueError(
                f"warm_start=True continues the fitted network, but `{changed}` "
                "changed since it was built. Set warm_start=False to build a new "
                "network."
            )
        inputs, targets = _windows(stream, self.window)
        plan = self._resolve(len(inputs), tokenizer.vocabulary_size_)

        self.plan_ = plan
        self.tokenizer_ = tokenizer
        self.vocabulary_ = tokenizer.vocabulary_
        self.vocabulary_size_ = tokenizer.vocabulary_size_
        self.n_tokens_ = int(np.count_nonzero(targets))
        rng, restart = self._start(
            network,
            lambda seed: self._compiled(network.build(seed)),
            continuing=continuing,
        )
        windows = Sequences(inputs, np.full(len(inputs), self.window), "tokens")
        every = (windows, targets, None)
        split = every, None
        if plan["early_stopping"] == "validation":
            # the end of the stream: the text that follows the training part
            keep = np.arange(len(inputs)) < len(inputs) - plan["validation_size"]
            split = (
                (windows.take(keep), targets[keep], None),
                (windows.take(~keep), targets[~keep], None),
            )
        # every window has the same width: nothing to bucket
        self._train_plan(
            every, split, rng, plan, restart, continuing=continuing, bucket=False
        )

    def _resolve(self, n_windows, vocabulary_size):
        """The plan of this fit (:func:`skseq._defaults.resolve_training`)
        for ``n_windows`` training windows."""
        names = ("epochs", "early_stopping", "refit", "validation_fraction",
                 "n_iter_no_change", "batch_size")  # fmt: skip
        params = {name: getattr(self, name) for name in names}
        data = DataSummary(
            task="language_model",
            kind="tokens",
            n_samples=n_windows,
            steps=self.window,
            median_length=float(self.window),
            n_features=1,
            n_outputs=vocabulary_size,
        )
        entries, why = resolve_training(params, data, batch_size=self.batch_size)
        return Plan(entries, why)

    # -- inference ---------------------------------------------------------

    def _get_runner(self):
        return _runner_of(self._spec)

    def _read(self, prompt):
        """Logits (1, vocabulary_size_) of the token after ``prompt`` and the
        states after reading it, from one call of the traced loop."""
        ids = self.tokenizer_.transform([prompt])[0]
        tokens = np.concatenate([[START_ID], ids]).astype(np.int32)[None]
        runner = self._get_runner()
        with quiet():
            _, logits, states = runner.scan(
                runner.weights(self.model_),
                tokens,
                np.zeros_like(tokens),
                runner.zero_states(1),
            )
        return logits, states

    def generate(
        self, prompt="", n=100, temperature=1.0, top_k=None, random_state=None
    ):
        """Extend ``prompt`` by ``n`` tokens sampled from the model.

        The prompt is read once; then each new token costs one recurrent
        step, the state carried.

        Parameters
        ----------
        prompt : str, default=""
            Text to continue; "" starts a new document. It is tokenized as
            the training documents were (lower-cased with ``lowercase=True``);
            a character or word outside the vocabulary is read as the
            out-of-vocabulary id 1. The prompt is returned verbatim, unknown
            characters and capitals included.
        n : int, default=100
            Number of new tokens: characters (``level="char"``) or words
            (``level="word"``).
        temperature : float, default=1.0
            Divides the logits before sampling: below 1 is more conservative,
            above 1 more varied. ``temperature -> 0`` is greedy, and exactly
            0 takes the most likely token at every step (argmax, no
            randomness).
        top_k : int, default=None
            Sample among the ``top_k`` most likely tokens only (tokens tied
            with the ``top_k``-th are kept too); larger than the vocabulary
            means all of it. None samples from the whole vocabulary.
        random_state : int, RandomState instance or None, default=None
            Seed of the sampling: the same seed gives the same text, and the
            text for ``n`` tokens starts with the text for fewer. None draws
            a fresh seed from NumPy's global generator.

        Returns
        -------
        str
            ``prompt`` followed by the new text: the characters appended
            as they are, or the words joined by single spaces (and separated
            from a prompt that does not end in white space by one). The start
            mark (0) and the out-of-vocabulary id (1) are never sampled.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If the generator is not fitted.
        TypeError
            If ``prompt`` is not a str or ``n``, ``top_k`` or ``temperature``
            is not a number of the right type.
        ValueError
            If ``n`` < 0, ``temperature`` < 0 (or not finite) or ``top_k`` <
            1.
        """
        check_is_fitted(self)
        if not isinstance(prompt, str):
            raise TypeError(
                f"`prompt` must be a str. Got {type(prompt).__name__} instead."
            )
        _check_int("n", n, 0)
        _check_int("top_k", top_k, 1, allow_none=True)
        if isinstance(temperature, bool) or not isinstance(temperature, numbers.Real):
            raise TypeError(
                "`temperature` must be a real number >= 0. Got "
                f"{type(temperature).__name__} {temperature!r} instead."
            )
        if not (np.isfinite(temperature) and temperature >= 0):
            raise ValueError(
                f"`temperature` must be >= 0 and finite. Got {temperature!r} instead."
            )
        seed = check_random_state(random_state).randint(np.iinfo(np.int32).max, size=2)
        if n == 0:
            return prompt
        logits, states = self._read(prompt)
        runner = self._get_runner()
        with quiet():
            tokens = runner.sample(
                runner.weights(self.model_),
                logits,
                states,
                seed.astype(np.int64),
                np.int32(n),
                np.float32(temperature),
                np.int32(min(top_k or runner.vocabulary_size, runner.vocabulary_size)),
            ).numpy()
        itos = np.empty(self.vocabulary_size_, dtype=object)
        for token, idx in self.vocabulary_.items():
            itos[idx] = token
        words = itos[tokens].tolist()
        if self.level == "char":
            return prompt + "".join(words)
        space = " " if prompt and not prompt[-1].isspace() else ""
        return prompt + space + " ".join(words)

    def _log_likelihood(self, X):
        """Summed log-likelihood of the tokens of ``X`` and their number."""
        check_is_fitted(self)
        sequences = [s for s in self.tokenizer_.transform(_documents(X)) if len(s)]
        n_tokens = sum(map(len, sequences))
        if not n_tokens:
            raise ValueError(
                "X must contain at least one token to score. Got "
                f"{len(sequences)} non-empty document(s) instead."
            )
        runner = self._get_runner()
        weights = runner.weights(self.model_)
        # similar lengths together: a batch runs as long as its longest
        order = np.argsort(np.fromiter(map(len, sequences), np.int64), kind="stable")
        total = 0.0
        rows = 256
        for start in range(0, len(order), rows):
            batch = [sequences[i] for i in order[start : start + rows]]
            width = len(batch[-1]) + 1
            stream = np.full((len(batch), width), START_ID, np.int32)
            for row, seq in enumerate(batch):
                stream[row, 1 : len(seq) + 1] = seq
            with quiet():
                summed, _, _ = runner.scan(
                    weights,
                    stream[:, :-1],
                    stream[:, 1:],
                    runner.zero_states(len(batch)),
                )
            total += float(np.sum(summed.numpy(), dtype=np.float64))
        return total, n_tokens

    def score(self, X, y=None):
        """Mean log-likelihood per token of documents ``X`` (nats; higher
        is better).

        Each document is read from its start (the start mark 0) to its end
        with the state carried; every token, out-of-vocabulary ones included
        (as id 1), counts once.

        Parameters
        ----------
        X : iterable of str, pandas Series or single-column DataFrame
            Documents.
        y : None
            Ignored.

        Returns
        -------
        float
            Mean natural log of the probability of each token given the
            tokens before it in its document.
        """
        total, n_tokens = self._log_likelihood(X)
        return total / n_tokens

    def perplexity(self, X):
        """Perplexity of documents ``X``: ``exp(-score(X))`` (lower is better).

        Parameters
        ----------
        X : iterable of str, pandas Series or single-column DataFrame
            Documents.

        Returns
        -------
        float
        """
        return float(np.exp(-self.score(X)))

    # -- persistence and tags ---------------------------------------------

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.input_tags.one_d_array = True
        tags.target_tags.required = False
        return tags
