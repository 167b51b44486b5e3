"""Text to integer sequences: :class:`TextTokenizer`.

Tokenizing is pure Python string work, so the hot loops stay inside C-level
built-ins. With the default ``token_pattern``, consecutive ASCII documents are
joined (a ``"\\x00"`` token marks each end) and tokenized in one pass of
``str.translate`` + ``str.split``, which gives exactly what ``re.findall``
gives on each document, about three times faster; other documents and other
patterns use ``re.findall`` per document. ``fit`` counts the tokens with
``collections.Counter``, ``transform`` maps them with ``dict.get`` through
``map``, and ``fit_transform`` tokenizes once: one dict pass numbers the
tokens by first occurrence, ``np.bincount`` counts them. No Python function
is called per token.
"""

import re
import warnings
from collections import Counter
from collections.abc import Mapping
from itertools import repeat
from numbers import Integral
from operator import itemgetter

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin, _fit_context
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from skseq._defaults import Plan, PlanState, resolve_max_tokens

__all__ = ["TextTokenizer"]

DEFAULT_TOKEN_PATTERN = r"\w+(?:'\w+)*"
PAD_ID = 0
OOV_ID = 1
OOV_TOKEN = "[UNK]"

_HTML_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")
# ASCII characters that are not word characters become spaces; the apostrophe
# and the end-of-document mark "\x00" are kept for the next steps.
_ASCII_NON_WORD = str.maketrans(
    {i: " " for i in range(128) if not (chr(i).isalnum() or chr(i) in "_'\x00")}
)
# An apostrophe that does not sit between two word characters.
_LONE_APOSTROPHE = re.compile(r"'(?:(?!\w)|(?<!\w'))")
_END = "\x00"
# Documents are tokenized in blocks of about this many characters. Small
# blocks keep the short-lived token strings in cache and stop the allocator's
# free lists from scattering, which made repeated fits ~2x slower with 1 MB
# blocks; they also bound memory.
_BLOCK_CHARS = 1 << 14


def _is_missing(value):
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return bool(np.isnan(value))
    return type(value).__name__ in ("NAType", "NaTType")


def _check_documents(X):
    """Return the documents of ``X`` as a list of str, or raise a clear error."""
    if isinstance(X, str):
        raise ValueError(
            "Iterable over raw text documents expected, string object received."
        )
    if isinstance(X, (bytes, bytearray)):
        raise TypeError(
            "X must be an iterable of str documents. Got a single bytes object "
            "instead; decode it and wrap it in a list, e.g. [X.decode('utf-8')]."
        )
    if hasattr(X, "iloc") and getattr(X, "ndim", 1) == 2:
        if X.shape[1] != 1:
            columns = list(X.columns)
            raise ValueError(
                "X must be a 1-D iterable of str, a pandas Series or a DataFrame "
                f"with a single text column. Got a DataFrame with {len(columns)} "
                f"columns {columns[:5]} instead; select the text column first, "
                "e.g. X['text']."
            )
        X = X.iloc[:, 0]
    if isinstance(X, np.ndarray):
        if X.ndim == 2 and X.shape[1] == 1:
            X = X[:, 0]
        elif X.ndim != 1:
            raise ValueError(
                "X must be a 1-D array of str documents. Got an array of shape "
                f"{X.shape} instead."
            )
    if hasattr(X, "tolist"):
        docs = X.tolist()
    else:
        try:
            docs = list(X)
        except TypeError:
            raise TypeError(
                "X must be an iterable of str documents. Got "
                f"{type(X).__name__} instead."
            ) from None
    if all(isinstance(doc, str) for doc in docs):
        return docs
    missing = [i for i, doc in enumerate(docs) if _is_missing(doc)]
    if missing:
        shown = ", ".join(map(str, missing[:5])) + (", ..." if len(missing) > 5 else "")
        raise ValueError(
            f"X contains {len(missing)} missing document(s) (None or NaN) at "
            f'position(s) {shown}. Replace them first, e.g. with X.fillna("") '
            "for a pandas Series."
        )
    i, doc = next((i, d) for i, d in enumerate(docs) if not isinstance(d, str))
    raise TypeError(
        "X must contain only str documents. Got "
        f"{type(doc).__name__} {doc!r:.60} at position {i} instead."
    )


def _check_training_documents(X):
    docs = _check_documents(X)
    if not docs:
        raise ValueError(
            "Found 0 documents while a minimum of 1 is required to fit TextTokenizer."
        )
    return docs


def _check_vocabulary(vocabulary, lowercase):
    """Return a fixed ``vocabulary`` as a dict token -> id (ids >= 2)."""
    if isinstance(vocabulary, set | frozenset):
        raise ValueError(
            "vocabulary must be an ordered sequence of tokens or a mapping "
            "token -> id. Got an unordered set instead; pass sorted(vocabulary)."
        )
    if isinstance(vocabulary, Mapping):
        items = list(vocabulary.items())
        for token, idx in items:
            if not isinstance(idx, Integral) or isinstance(idx, bool) or idx < 2:
                raise ValueError(
                    "vocabulary ids must be integers >= 2 (0 is padding, 1 is "
                    f"out-of-vocabulary). Got {idx!r} for token {token!r} instead."
                )
        ids = Counter(int(idx) for _, idx in items)
        dup_ids = [idx for idx, n in ids.items() if n > 1]
        if dup_ids:
            raise ValueError(
                f"vocabulary ids must be unique. Got repeated id(s) {dup_ids[:5]} "
                "instead."
            )
    else:
        tokens = vocabulary.tolist() if hasattr(vocabulary, "tolist") else vocabulary
        items = [(token, idx) for idx, token in enumerate(tokens, start=2)]
    if not items:
        raise ValueError("vocabulary must contain at least one token. Got none.")
    for token, _ in items:
        if not isinstance(token, str):
            raise ValueError(
                f"vocabulary tokens must be str. Got {type(token).__name__} "
                f"{token!r:.60} instead."
            )
    vocab = {str(token): int(idx) for token, idx in items}
    if len(vocab) != len(items):
        seen = Counter(token for token, _ in items)
        dups = [token for token, n in seen.items() if n > 1]
        raise ValueError(
            f"vocabulary tokens must be unique. Got duplicate(s) {dups[:5]} instead."
        )
    if lowercase and any(token != token.lower() for token in vocab):
        warnings.warn(
            "vocabulary contains tokens with upper-case letters, which never "
            "match because lowercase=True lower-cases the documents first.",
            UserWarning,
            stacklevel=3,
        )
    return vocab


def _ascii_run_tokens(docs, lowercase):
    """Tokens of ASCII ``docs`` (default pattern), each doc followed by _END."""
    text = " \x00 ".join(docs) + " \x00"
    if lowercase:
        text = text.lower()
    text = text.translate(_ASCII_NON_WORD)
    if "'" in text:
        text = _LONE_APOSTROPHE.sub(" ", text)
    return text.split()


def _split_at_ends(ids):
    """Split one block of ids at its 0 (end-of-document) entries."""
    ends = np.flatnonzero(ids == PAD_ID)
    starts = np.empty_like(ends)
    starts[:1] = 0
    starts[1:] = ends[:-1] + 1
    return [ids[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]


class _FirstSeenIds(dict):
    """Token -> 0, 1, 2, ... in order of first look-up."""

    def __missing__(self, token):
        self[token] = idx = len(self)
        return idx


def _as_object_array(items, n):
    return np.fromiter(items, dtype=object, count=n)


class TextTokenizer(PlanState, TransformerMixin, BaseEstimator):
    """Turn text documents into sequences of integer token ids.

    Learns a vocabulary from a corpus (ids by descending frequency) and maps
    each document to a 1-D ``int32`` array of ids, ready for
    :class:`~skseq.SequencePadder` and a recurrent network. Id 0 is kept for
    padding and never produced, id 1 is the out-of-vocabulary token, as in
    :class:`keras.layers.TextVectorization`.

    Parameters
    ----------
    max_tokens : int, "auto" or None, default=None
        Size of the vocabulary, including the two reserved ids 0 (padding)
        and 1 (out-of-vocabulary): ``max_tokens=10`` keeps the 8 most frequent
        tokens. Must be >= 2. None keeps every token. "auto" keeps every
        token up to 2**15 = 32,768 ids (the rule of the user guide's "Defaults"),
        what the text recipes (:func:`~skseq.make_text_classifier`) set.

    min_frequency : int, default=1
        Tokens seen fewer than ``min_frequency`` times in the training data
        are left out of the vocabulary.

    lowercase : bool, default=True
        Convert documents to lower case before tokenizing.

    token_pattern : str, default=r"\\w+(?:'\\w+)*"
        Regular expression whose matches (``re.findall``) are the tokens. The
        default takes runs of word characters, one-character words such as
        "a" and "I" included, joined by single apostrophes, so that "don't"
        and "it's" stay one token; every other character separates tokens.
        If the pattern has one capturing group, the group is the token.
        Ignored when ``char_level=True``.

    char_level : bool, default=False
        Make every character (spaces and punctuation included) a token.

    vocabulary : list of str or dict of str to int, default=None
        A fixed vocabulary: a list of tokens, given ids 2, 3, ... in order,
        or a mapping token -> id with unique ids >= 2. Then ``fit`` learns
        nothing and only checks its input; ``max_tokens`` and
        ``min_frequency`` are not used.

    strip_html : bool, default=False
        Replace HTML tags such as ``<br />`` (common in scraped reviews) by a
        space before tokenizing. Entities such as ``&amp;`` are left as they
        are.

    Attributes
    ----------
    vocabulary_ : dict of str to int
        Token -> id, for the tokens kept (ids from 2).

    vocabulary_size_ : int
        Largest id + 1 (with the reserved ids 0 and 1): the ``input_dim`` an
        embedding layer needs.

    token_counts_ : collections.Counter
        Training count of every token seen, before the ``max_tokens`` and
        ``min_frequency`` cuts, in order of first occurrence. Empty when
        ``vocabulary`` is given.

    plan_ : Plan
        ``{"max_tokens": ...}``, the vocabulary's size that ``max_tokens``
        resolved to (None: every token, or a fixed ``vocabulary``), and in
        ``plan_.why`` how.

    See Also
    --------
    SequencePadder : Pad the ragged sequences into a 2-D array.
    sklearn.feature_extraction.text.CountVectorizer : Bag of words counts.
    keras.layers.TextVectorization : The Keras layer, with the same reserved ids.

    Notes
    -----
    Ids are given by descending training count, ties broken by first
    occurrence in the training data, so the result is deterministic and
    ``partial_fit`` over chunks of a corpus gives the same vocabulary as
    ``fit`` on the whole of it.

    Unlike ``TextVectorization``'s default standardization, punctuation
    splits tokens instead of being deleted ("don't" stays "don't", not
    "dont"; "well-made" gives "well" and "made").

    The default ``token_pattern`` has a fast path for ASCII documents (the
    same tokens as ``re.findall``, about three times faster); any other
    pattern runs ``re.findall`` on every document.

    Examples
    --------
    >>> from skseq import TextTokenizer
    >>> docs = ["The cat sat.", "The dog didn't sit!"]
    >>> tokenizer = TextTokenizer().fit(docs)
    >>> tokenizer.vocabulary_
    {'the': 2, 'cat': 3, 'sat': 4, 'dog': 5, "didn't": 6, 'sit': 7}
    >>> sequences = tokenizer.transform(["The cat sat on the mat"])
    >>> sequences[0]
    array([2, 3, 4, 1, 2, 1], dtype=int32)
    >>> tokenizer.inverse_transform(sequences)
    array(['the cat sat [UNK] the [UNK]'], dtype=object)
    """

    _parameter_constraints: dict = {
        "max_tokens": [
            Interval(Integral, 2, None, closed="left"),
            StrOptions({"auto"}),
            None,
        ],
        "min_frequency": [Interval(Integral, 1, None, closed="left")],
        "lowercase": ["boolean"],
        "token_pattern": [str],
        "char_level": ["boolean"],
        "vocabulary": [Mapping, "array-like", None],
        "strip_html": ["boolean"],
    }

    def __init__(
        self,
        *,
        max_tokens=None,
        min_frequency=1,
        lowercase=True,
        token_pattern=DEFAULT_TOKEN_PATTERN,
        char_level=False,
        vocabulary=None,
        strip_html=False,
    ):
        self.max_tokens = max_tokens
        self.min_frequency = min_frequency
        self.lowercase = lowercase
        self.token_pattern = token_pattern
        self.char_level = char_level
        self.vocabulary = vocabulary
        self.strip_html = strip_html

    # -- fitting ---------------------------------------------------------------

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Learn the vocabulary of a corpus.

        Parameters
        ----------
        X : iterable of str, pandas Series or single-column DataFrame
            The training documents.

        y : None
            Ignored.

        Returns
        -------
        self : object
            The fitted tokenizer.
        """
        docs = _check_training_documents(X)
        fixed = self._check_params()
        return self._count(docs, fixed, Counter())

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y=None):
        """Add one chunk of a corpus to the token counts.

        Use it for corpora that do not fit in memory: calling ``partial_fit``
        on consecutive chunks gives the same vocabulary as ``fit`` on all of
        them at once.

        Parameters
        ----------
        X : iterable of str, pandas Series or single-column DataFrame
            One chunk of training documents.

        y : None
            Ignored.

        Returns
        -------
        self : object
            The updated tokenizer.
        """
        docs = _check_training_documents(X)
        first_call = not hasattr(self, "token_counts_")
        fixed = self._check_params(warn=first_call)
        counts = Counter() if first_call else self.token_counts_
        return self._count(docs, fixed, counts, partial=True)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_transform(self, X, y=None):
        """Learn the vocabulary and return the id sequences of ``X``.

        Same result as ``fit(X).transform(X)``, with ``X`` tokenized once.

        Parameters
        ----------
        X : iterable of str, pandas Series or single-column DataFrame
            The training documents.

        y : None
            Ignored.

        Returns
        -------
        sequences : ndarray of shape (n_documents,), dtype=object
            One 1-D ``int32`` array of token ids per document.
        """
        docs = _check_training_documents(X)
        fixed = self._check_params()
        if fixed is not None:
            return self._count(docs, fixed, Counter())._transform(docs)
        # One pass numbers the tokens in order of first occurrence.
        first_seen = _FirstSeenIds()
        number = first_seen.__getitem__
        ids = np.concatenate(
            [
                np.array(list(map(number, tokens)), np.int32)
                for tokens in self._token_blocks(docs)
            ]
        )
        tokens = list(first_seen)
        counts = np.bincount(ids, minlength=len(tokens))
        end = self._end_token()
        self.token_counts_ = Counter(
            {t: c for t, c in zip(tokens, counts.tolist(), strict=True) if t != end}
        )
        self._require_tokens(len(docs))
        self._set_learned_vocabulary()
        final = np.fromiter(
            map(self.vocabulary_.get, tokens, repeat(OOV_ID)), np.int32, len(tokens)
        )
        final[first_seen[end]] = PAD_ID
        return _as_object_array(_split_at_ends(final[ids]), len(docs))

    def _check_params(self, warn=True):
        """Check what ``_parameter_constraints`` cannot; return a fixed vocabulary."""
        self._compile_pattern()
        if self.vocabulary is None:
            return None
        fixed = _check_vocabulary(self.vocabulary, self.lowercase)
        # "auto" (the text recipe's) has nothing to decide either
        for name, unset in (("max_tokens", (None, "auto")), ("min_frequency", (1,))):
            if warn and getattr(self, name) not in unset:
                warnings.warn(
                    f"The parameter {name!r} is not used since 'vocabulary' is given.",
                    UserWarning,
                    stacklevel=4,
                )
        return fixed

    def _compile_pattern(self):
        if self.char_level:
            return None
        try:
            pattern = re.compile(self.token_pattern)
        except re.error as exc:
            raise ValueError(
                "token_pattern must be a valid regular expression. Got "
                f"{self.token_pattern!r} instead ({exc})."
            ) from None
        if pattern.groups > 1:
            raise ValueError(
                "token_pattern must have at most one capturing group. Got "
                f"{self.token_pattern!r} with {pattern.groups} groups instead; "
                "use (?:...) for non-capturing groups."
            )
        return pattern

    def _count(self, docs, fixed, counts, partial=False):
        if fixed is not None:
            self.token_counts_ = Counter()
            self.vocabulary_ = fixed
            self.vocabulary_size_ = max(fixed.values()) + 1
            self.plan_ = Plan(
                {"max_tokens": None}, {"max_tokens": "a fixed vocabulary"}
            )
            return self
        for tokens in self._token_blocks(docs):
            counts.update(tokens)
        counts.pop(self._end_token(), None)
        self.token_counts_ = counts
        if not partial:
            self._require_tokens(len(docs))
        return self._set_learned_vocabulary()

    def _require_tokens(self, n_docs):
        # as CountVectorizer: a corpus without a single token is an error
        if not self.token_counts_:
            raise ValueError(
                "empty vocabulary: the documents hold no token "
                f"(token_pattern={self.token_pattern!r}, "
                f"char_level={self.char_level}). Got {n_docs} document(s) "
                "without one; check the documents or the token_pattern."
            )

    def _set_learned_vocabulary(self):
        # sorted() is stable, so ties keep their first-occurrence order.
        ranked = sorted(self.token_counts_.items(), key=itemgetter(1), reverse=True)
        if self.min_frequency > 1:
            ranked = [item for item in ranked if item[1] >= self.min_frequency]
        self.plan_ = resolve_max_tokens(self.max_tokens, self.token_counts_)
        max_tokens = self.plan_["max_tokens"]
        if max_tokens is not None:
            ranked = ranked[: max_tokens - 2]
        self.vocabulary_ = {token: i for i, (token, _) in enumerate(ranked, start=2)}
        self.vocabulary_size_ = len(self.vocabulary_) + 2
        return self

    # -- tokenizing ------------------------------------------------------------

    def _fast_path(self):
        return not self.char_level and self.token_pattern == DEFAULT_TOKEN_PATTERN

    def _end_token(self):
        # The end-of-document mark can never be a token: "\x00" is no word
        # character for the default pattern; None is no str for the others.
        return _END if self._fast_path() else None

    def _token_blocks(self, docs):
        """Yield lists of tokens, each document's followed by the end mark."""
        strip = _HTML_TAG.sub if self.strip_html else None
        lowercase = self.lowercase
        fast = self._fast_path()
        end = self._end_token()
        findall = None if self.char_level else self._compile_pattern().findall
        block, run, size = [], [], 0
        for doc in docs:
            if strip is not None:
                doc = strip(" ", doc)
            size += len(doc)
            if fast and doc.isascii() and _END not in doc:
                run.append(doc)
            else:
                if run:
                    block += _ascii_run_tokens(run, lowercase)
                    run = []
                if lowercase:
                    doc = doc.lower()
                block += doc if findall is None else findall(doc)
                block.append(end)
            if size >= _BLOCK_CHARS:
                if run:
                    block += _ascii_run_tokens(run, lowercase)
                    run = []
                yield block
                block, size = [], 0
        if run:
            block += _ascii_run_tokens(run, lowercase)
        if block:
            yield block

    # -- transforming ----------------------------------------------------------

    def transform(self, X):
        """Map documents to sequences of token ids.

        Parameters
        ----------
        X : iterable of str, pandas Series or single-column DataFrame
            The documents.

        Returns
        -------
        sequences : ndarray of shape (n_documents,), dtype=object
            One 1-D ``int32`` array of token ids per document (empty for a
            document without tokens); unknown tokens get id 1.
        """
        check_is_fitted(self)
        return self._transform(_check_documents(X))

    def _transform(self, docs):
        lookup = dict(self.vocabulary_)
        lookup[self._end_token()] = PAD_ID
        get = lookup.get
        sequences = []
        for tokens in self._token_blocks(docs):
            # list() then np.array is faster than np.fromiter on a map.
            ids = np.array(list(map(get, tokens, repeat(OOV_ID))), np.int32)
            sequences += _split_at_ends(ids)
        return _as_object_array(sequences, len(docs))

    def inverse_transform(self, X):
        """Map sequences of token ids back to text.

        Parameters
        ----------
        X : array-like of shape (n_sequences,) of int sequences, or (n_sequences, \
                n_steps) int array
            Ragged sequences (as ``transform`` returns) or padded ones (as
            :class:`~skseq.SequencePadder` returns).

        Returns
        -------
        texts : ndarray of shape (n_sequences,), dtype=object
            The tokens of each sequence joined by a space (by nothing when
            ``char_level=True``), padding (id 0) dropped and out-of-vocabulary
            ids shown as ``"[UNK]"``.
        """
        check_is_fitted(self)
        if isinstance(X, str):
            raise ValueError(
                "X must be a sequence of integer id sequences. Got a str instead."
            )
        if hasattr(X, "to_numpy") and getattr(X, "ndim", 1) == 2:
            X = X.to_numpy()
        itos = np.full(self.vocabulary_size_, OOV_TOKEN, dtype=object)
        itos[PAD_ID] = ""
        for token, idx in self.vocabulary_.items():
            itos[idx] = token
        sep = "" if self.char_level else " "
        texts = []
        for i, seq in enumerate(X):
            ids = np.asarray(seq)
            if ids.ndim == 0:
                raise ValueError(
                    "X must be a sequence of id sequences. Got a flat sequence "
                    f"({ids.dtype} {ids!r:.40} at position {i}) instead; wrap a "
                    "single sequence in a list."
                )
            if ids.ndim != 1 or not (
                ids.dtype.kind in "iu"
                or (ids.dtype.kind == "f" and np.array_equal(ids, np.round(ids)))
                or ids.size == 0
            ):
                raise ValueError(
                    "X must hold 1-D sequences of integer ids. Got "
                    f"{ids.dtype} array of shape {ids.shape} at position {i} "
                    "instead."
                )
            ids = ids.astype(np.int64, copy=False)
            if ids.size and (ids.min() < 0 or ids.max() >= self.vocabulary_size_):
                bad = ids[(ids < 0) | (ids >= self.vocabulary_size_)][0]
                raise ValueError(
                    f"X must hold ids in [0, {self.vocabulary_size_}) "
                    f"(vocabulary_size_). Got id {bad} at position {i} instead."
                )
            texts.append(sep.join(itos[ids[ids != PAD_ID]].tolist()))
        return _as_object_array(texts, len(texts))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.input_tags.one_d_array = True
        tags.transformer_tags.preserves_dtype = []
        return tags
