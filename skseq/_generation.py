"""Character- and word-level language models: :class:`RecurrentTextGenerator`.

Training reads the documents as one stream of token ids, each document
preceded by id 0 (the start mark), cut into windows of ``window`` ids whose
targets are the same ids shifted by one: every token is a target, not only
one per window. The stream is cut with a reshape (a view), never a Python loop
over tokens, and ``keras.Model.fit`` runs on a ``tf.data`` pipeline of the
windows, so training costs what a hand-written Keras model of the same layers
costs on the same batches (``benchmarks/bench_generation.py``).

Generation and scoring do not re-read windows: :class:`_Runner` steps the
trained network's own cells (the very variables of ``model_``) one token at a
time inside a traced TensorFlow loop, with the recurrent state carried, so a
prompt is read once and each new token costs one recurrent step.
"""

import numbers
import os
import tempfile

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.base import BaseEstimator, _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from skseq._defaults import validation_count as _validation_count
from skseq._estimators import _CURVES_DOC, _STOPPING, _parameters
from skseq._network import ProjectedSimpleRNN
from skseq._text import (
    DEFAULT_TOKEN_PATTERN,
    OOV_ID,
    PAD_ID,
    TextTokenizer,
    _check_documents,
)

__all__ = ["RecurrentTextGenerator", "build_language_model"]

# Id 0, padding elsewhere in skseq, is read here as the start of a document:
# the network reads [0, t1, t2, ...] and predicts [t1, t2, t3, ...]. It is
# never a target (the loss ignores it) and never sampled.
START_ID = PAD_ID
_CELLS = {"rnn": layers.SimpleRNN, "lstm": layers.LSTM, "gru": layers.GRU}
_RECURRENT = (layers.RNN, ProjectedSimpleRNN)


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
    """Traced one-step loops over the layers of a trained ``model_``.

    The loops call the embedding, the recurrent layers' cells and the output
    layer of the model itself, so they read its variables as they are (no
    copy) and carry the recurrent state from one token to the next.
    """

    def __init__(self, model):
        self.model = model
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
            self._scan, input_signature=[ids, ids, states], autograph=False
        )
        self.sample = tf.function(
            self._sample,
            input_signature=[
                tf.TensorSpec((1, self.vocabulary_size), tf.float32),
                [tf.TensorSpec((1, s.shape[1]), tf.float32) for s in states],
                tf.TensorSpec((2,), tf.int64),
                tf.TensorSpec((), tf.int32),
                tf.TensorSpec((), tf.float32),
                tf.TensorSpec((), tf.int32),
            ],
            autograph=False,
        )

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

    def _scan(self, tokens, targets, states):
        """Read ``tokens`` (batch, steps) from ``states``: the summed
        log-probability of the ``targets`` that are not START_ID, the logits
        after the last step and the states after it."""
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

    def _sample(self, logits, states, seed, n, temperature, top_k):
        """``n`` token ids drawn one step at a time from ``logits`` on."""
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


class _QuietTracing:
    """Hide TensorFlow's retracing notice while inside: every fitted model
    traces its own training step and loops, by design."""

    def __enter__(self):
        self.logger = tf.get_logger()
        self.level = self.logger.level
        self.logger.setLevel("ERROR")

    def __exit__(self, *exc_info):
        self.logger.setLevel(self.level)


def _ints_from(low):
    return Interval(numbers.Integral, low, None, closed="left")


_POSITIVE = Interval(numbers.Real, 0, None, closed="neither")
_RATE = Interval(numbers.Real, 0, 1, closed="left")


def _model_to_bytes(model):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        with open(path, "rb") as f:
            return f.read()


def _model_from_bytes(data):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        with open(path, "wb") as f:
            f.write(data)
        return keras.models.load_model(path)


class RecurrentTextGenerator(BaseEstimator):
    __doc__ = (
        """Recurrent language model over characters or words that generates text.

    ``fit`` learns a vocabulary with a :class:`~skseq.TextTokenizer` and
    trains a recurrent network (SimpleRNN, LSTM or GRU) to predict every next
    token of the documents; ``generate`` extends a prompt by sampling one
    token at a time, ``score`` gives the mean log-likelihood per token of new
    documents (higher is better, as model selection expects).

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
        Learning rate of an optimizer given by name.
    clipnorm : float or None, default=1.0
        Norm to which an optimizer given by name rescales each weight's
        gradient when it is larger; None does not clip.
    epochs : int, default=10
        Passes over the training windows.
    batch_size : int, default=64
        Windows per gradient step.
    early_stopping : bool, default=False
        Hold out the last ``validation_fraction`` of the windows (the end of
        the token stream), stop after ``n_iter_no_change`` epochs without a
        lower validation loss and keep the weights of the best epoch.
    validation_fraction : float, default=0.1
        Share of the windows held out by ``early_stopping``.
    n_iter_no_change : int, default=3
        Epochs without improvement before ``early_stopping`` stops.
    random_state : int, RandomState instance or None, default=None
        Seed of the initial weights, dropout and the order of the windows.
        An int gives the same model on CPU from fit to fit.
    verbose : int, default=0
        0 is silent, 1 shows Keras' progress bar, 2 one line per epoch.
    callbacks : list of keras.callbacks.Callback, default=None
        Extra Keras callbacks for training (the list is not modified).
    warm_start : bool, default=False
        When fitted already, continue training ``model_`` (same vocabulary,
        optimizer state kept) instead of starting afresh; the network's
        parameters (``cell``, ``units``, ...) of the first fit stay.

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
    history_ : dict of list
        Per-epoch mean training loss per token (``loss``, in nats) and, with
        ``early_stopping``, ``val_loss``.
"""
        + _CURVES_DOC
        + """    n_iter_ : int
        Epochs run by the last ``fit``.
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
    >>> gen = RecurrentTextGenerator(
    ...     units=8, window=10, epochs=1, random_state=0
    ... ).fit(docs)
    >>> sorted(gen.vocabulary_)
    ['a', 'b', 'c']
    >>> text = gen.generate("ab", n=10, random_state=0)
    >>> len(text)
    12
    >>> text == gen.generate("ab", n=10, random_state=0)
    True
    >>> bool(gen.score(docs) < 0)
    True
    """
    )

    _parameter_constraints: dict = {
        "level": [StrOptions({"char", "word"})],
        "max_tokens": [_ints_from(3), None],
        "token_pattern": [str],
        "cell": [StrOptions({"rnn", "lstm", "gru"})],
        "units": [_ints_from(1), tuple, list],
        "optimizer": [str, keras.optimizers.Optimizer],
        "learning_rate": [_POSITIVE],
        "clipnorm": [_POSITIVE, None],
        "validation_fraction": [Interval(numbers.Real, 0, 1, closed="neither")],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
        "callbacks": [list, None],
        **dict.fromkeys(["lowercase", "early_stopping", "warm_start"], ["boolean"]),
        **dict.fromkeys(["dropout", "recurrent_dropout"], [_RATE]),
        **dict.fromkeys(
            [
                "min_frequency",
                "window",
                "embedding_dim",
                "epochs",
                "batch_size",
                "n_iter_no_change",
            ],
            [_ints_from(1)],
        ),
    }

    __init__ = _parameters(
        (
            ("level", "char"),
            ("lowercase", False),
            ("max_tokens", None),
            ("min_frequency", 1),
            ("token_pattern", DEFAULT_TOKEN_PATTERN),
            ("window", 100),
            ("cell", "lstm"),
            ("units", 256),
            ("dropout", 0.0),
            ("recurrent_dropout", 0.0),
            ("embedding_dim", 64),
            ("optimizer", "adam"),
            ("learning_rate", 2e-3),
            ("clipnorm", 1.0),
            ("epochs", 10),
            ("batch_size", 64),
        ),
        _STOPPING,
    )

    # -- fitting -----------------------------------------------------------

    def _units(self):
        units = (
            (self.units,)
            if isinstance(self.units, numbers.Integral)
            else tuple(self.units)
        )
        if not units or not all(
            isinstance(u, numbers.Integral) and not isinstance(u, bool) and u > 0
            for u in units
        ):
            raise ValueError(
                "`units` must be a positive int or a non-empty tuple of positive "
                f"ints. Got {self.units!r} instead."
            )
        return units

    def _check_callbacks(self):
        for callback in self.callbacks or []:
            if not isinstance(callback, keras.callbacks.Callback):
                raise TypeError(
                    "`callbacks` must be a list of keras.callbacks.Callback "
                    f"instances. Got {type(callback).__name__} instead."
                )

    def _new_tokenizer(self):
        return TextTokenizer(
            char_level=self.level == "char",
            lowercase=self.lowercase,
            max_tokens=self.max_tokens,
            min_frequency=self.min_frequency,
            token_pattern=self.token_pattern,
        )

    def _compiled(self, vocabulary_size, units, seed):
        model = build_language_model(
            vocabulary_size=vocabulary_size,
            embedding_dim=self.embedding_dim,
            cell=self.cell,
            units=units,
            dropout=self.dropout,
            recurrent_dropout=self.recurrent_dropout,
            seed=seed,
        )
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
        # ignore_class: the loss is the mean over the real targets only
        loss = keras.losses.SparseCategoricalCrossentropy(
            from_logits=True, ignore_class=START_ID
        )
        model.compile(optimizer=optimizer, loss=loss)
        return model

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Train the language model on documents ``X``.

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
        units = self._units()
        self._check_callbacks()
        warm = self.warm_start and hasattr(self, "model_")
        if warm:
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
        inputs, targets = _windows(stream, self.window)
        validation = None
        if self.early_stopping:
            n_val = _validation_count(
                self.validation_fraction,
                len(inputs),
                "window",
                f"Use more text, a smaller `window` (now {self.window} tokens) "
                "or early_stopping=False.",
            )
            validation = (inputs[-n_val:], targets[-n_val:])
            inputs, targets = inputs[:-n_val], targets[:-n_val]

        rng = check_random_state(self.random_state)
        model_seed, shuffle_seed = (int(s) for s in rng.randint(2**31 - 1, size=2))
        if warm:
            model = self.model_
        else:
            model = self._compiled(tokenizer.vocabulary_size_, units, model_seed)
        batch_size = min(self.batch_size, len(inputs))
        data = (
            tf.data.Dataset.from_tensor_slices((inputs, targets))
            .shuffle(len(inputs), seed=shuffle_seed, reshuffle_each_iteration=True)
            .batch(batch_size)
            .prefetch(1)
        )
        callbacks = [*(self.callbacks or [])]
        fit_args = {}
        if validation is not None:
            fit_args["validation_data"] = tf.data.Dataset.from_tensor_slices(
                validation
            ).batch(batch_size)
            callbacks.append(
                keras.callbacks.EarlyStopping(
                    monitor="val_loss",
                    patience=self.n_iter_no_change,
                    restore_best_weights=True,
                )
            )
        with _QuietTracing():
            history = model.fit(
                data,
                epochs=self.epochs,
                verbose=self.verbose,
                callbacks=callbacks,
                shuffle=False,  # the dataset shuffles, from random_state
                **fit_args,
            ).history

        if not warm:
            self.history_ = {}
        for key, values in history.items():
            self.history_[key] = self.history_.get(key, []) + [float(v) for v in values]
        self.tokenizer_ = tokenizer
        self.vocabulary_ = tokenizer.vocabulary_
        self.vocabulary_size_ = tokenizer.vocabulary_size_
        self.model_ = model
        self._runner = None
        self.loss_curve_ = list(self.history_["loss"])
        self.n_iter_ = len(history["loss"])
        self.n_tokens_ = int(np.count_nonzero(targets)) + (
            0 if validation is None else int(np.count_nonzero(validation[1]))
        )
        if self.early_stopping:
            self.validation_scores_ = list(self.history_["val_loss"])
            self.best_loss_ = float(np.min(self.validation_scores_))
        return self

    # -- inference ---------------------------------------------------------

    def _get_runner(self):
        runner = getattr(self, "_runner", None)
        if runner is None or runner.model is not self.model_:
            runner = self._runner = _Runner(self.model_)
        return runner

    def _read(self, prompt):
        """Logits (1, vocabulary_size_) of the token after ``prompt`` and the
        states after reading it, from one call of the traced loop."""
        ids = self.tokenizer_.transform([prompt])[0]
        tokens = np.concatenate([[START_ID], ids]).astype(np.int32)[None]
        runner = self._get_runner()
        with _QuietTracing():
            _, logits, states = runner.scan(
                tokens, np.zeros_like(tokens), runner.zero_states(1)
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
        with _QuietTracing():
            tokens = runner.sample(
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
            with _QuietTracing():
                summed, _, _ = runner.scan(
                    stream[:, :-1], stream[:, 1:], runner.zero_states(len(batch))
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

    def __getstate__(self):
        state = dict(super().__getstate__())  # object's is __dict__ itself
        state.pop("_runner", None)
        if "model_" in state:
            state["model_"] = _model_to_bytes(state["model_"])
        return state

    def __setstate__(self, state):
        if isinstance(state.get("model_"), bytes):
            state = {**state, "model_": _model_from_bytes(state["model_"])}
        super().__setstate__(state)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.input_tags.one_d_array = True
        tags.target_tags.required = False
        return tags
