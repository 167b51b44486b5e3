"""Input coercion of the recurrent estimators.

Everything the estimators accept becomes a :class:`Sequences` here, with
clear errors for anything else. Nothing downstream re-checks it.

Token ids come out right-padded with 0 (left-compacted: under an
``Embedding(mask_zero=True)`` mask that is exactly equivalent to any other
placement of the zeros, and right padding is what the cuDNN kernels need).
Float values come out as ``(n, T, F)`` float32, right-padded with NaN.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.utils import check_array

from skseq._padding import ESTIMATOR_TEXT_HINT as _TEXT_HINT
from skseq._padding import nan_padding_lengths, pad, to_sequences

OOV = 1  # the out-of-vocabulary id of TextTokenizer
_MAX_ID = np.iinfo(np.int32).max


@dataclass
class Sequences:
    """Padded batch of sequences.

    Attributes
    ----------
    values : ndarray
        ``(n, T)`` int32 token ids right-padded with 0, or ``(n, T, F)``
        float32 values right-padded with NaN.
    lengths : ndarray of shape (n,)
        Number of real (non-padding) steps of each sequence.
    kind : {"tokens", "values"}
        Token ids or float values.
    width : int or None
        Number of columns of a plain 2-D array input (scikit-learn's
        ``n_features_in_``), None for other inputs.
    """

    values: np.ndarray
    lengths: np.ndarray
    kind: str
    width: int | None = None

    @property
    def n_features(self):
        return 1 if self.kind == "tokens" else self.values.shape[2]

    def __len__(self):
        return len(self.lengths)

    def take(self, idx):
        """The sequences at ``idx`` (an index array or boolean mask)."""
        return Sequences(self.values[idx], self.lengths[idx], self.kind, self.width)


def _raise_if_text(X):
    if isinstance(X, (str, bytes)):
        raise TypeError(
            "X must be a collection of sequences. Got a single string instead: "
            + _TEXT_HINT
            + "."
        )
    first = None
    if isinstance(X, pd.DataFrame):
        if (
            any(
                pd.api.types.is_object_dtype(t) or pd.api.types.is_string_dtype(t)
                for t in X.dtypes
            )
            and X.shape[0]
        ):
            first = X.iloc[0, 0]
    elif isinstance(X, pd.Series):
        first = X.iloc[0] if len(X) else None
    elif isinstance(X, np.ndarray):
        if X.dtype.kind in "USO" and X.size:
            first = X.flat[0]
    elif isinstance(X, (list, tuple)) and X:
        first = X[0]
    if isinstance(first, (str, bytes)):
        raise TypeError(
            f"X must hold numeric sequences. Got raw strings instead "
            f"(e.g. {first[:40]!r}): " + _TEXT_HINT + "."
        )


def _compact_tokens(X):
    """Move the non-zero ids of each row to the left; return (ids, lengths)."""
    keep = X != 0
    lengths = keep.sum(axis=1)
    width = max(int(lengths.max(initial=0)), 1)
    if width == X.shape[1] and keep.all():
        return np.ascontiguousarray(X, dtype=np.int32), lengths
    out = np.zeros((X.shape[0], width), dtype=np.int32)
    # boolean masks keep row-major order: each row's ids, left-aligned
    out[np.arange(width) < lengths[:, None]] = X[keep]
    return out, lengths


def _as_values(X):
    X = np.asarray(X, dtype=np.float32)
    lengths = nan_padding_lengths(X)
    width = max(int(lengths.max(initial=0)), 1)
    return np.ascontiguousarray(X[:, :width]), lengths


def _check_ids(X, vocabulary_size):
    """Int64 ids as int32, ids >= ``vocabulary_size`` read as out-of-vocabulary."""
    if X.size and X.min() < 0:
        i = int(np.argwhere(X < 0)[0][0])
        raise ValueError(
            "Integer X holds token ids and must be >= 0 (0 is padding). "
            f"Got a negative id in sample {i} instead."
        )
    if vocabulary_size is not None:
        unseen = X >= vocabulary_size
        if unseen.any():  # a new array: X may be the caller's own
            X = np.where(unseen, OOV, X)
    elif X.size and X.max() > _MAX_ID:
        raise ValueError(
            f"Integer X holds token ids and must be < 2**31. Got id {int(X.max())} "
            "instead; renumber the tokens (e.g. with a TextTokenizer) or set "
            "vocabulary_size to read larger ids as out-of-vocabulary."
        )
    return X.astype(np.int32, copy=False)


def coerce(X, *, kind=None, vocabulary_size=None):
    """Turn any accepted input into a :class:`Sequences`.

    Parameters
    ----------
    X : array-like
        ``(n, T)`` int token ids, ``(n, T)`` float univariate series,
        ``(n, T, F)`` float multivariate series (trailing all-NaN steps are
        padding), or ragged: a list, tuple, object array or pandas Series of
        1-D int sequences or ``(T_i, F)`` float arrays.
    kind : {"tokens", "values"} or None
        What a fitted estimator reads. With "values", integers are read as
        float values (token ids only when None or "tokens").
    vocabulary_size : int or None
        Token ids at or above it are read as the out-of-vocabulary id 1.

    Returns
    -------
    Sequences
    """
    _raise_if_text(X)
    if sp.issparse(X):
        raise TypeError(
            "X must be a dense array or a collection of sequences. Got a sparse "
            "matrix instead; convert it with X.toarray()."
        )
    if isinstance(X, pd.DataFrame):
        X = X.to_numpy()
    elif isinstance(X, (list, tuple)):
        # equal-length lists are a 2-D array, as everywhere in scikit-learn
        try:
            dense = np.asarray(X)
        except ValueError:
            dense = None
        if dense is not None and dense.dtype.kind in "biuf" and dense.ndim > 1:
            X = dense
    elif not isinstance(X, (list, tuple, pd.Series, np.ndarray)) and hasattr(
        X, "__array__"
    ):
        X = np.asarray(X)
    if isinstance(X, np.ndarray) and X.dtype != object:
        # scikit-learn's own messages for 1-D, empty and complex arrays
        X = check_array(X, allow_nd=True, dtype=None, ensure_all_finite=False)
        if X.dtype.kind not in "biuf":
            raise TypeError(
                f"X must hold numbers. Got an array of dtype {X.dtype} instead."
            )
        if X.ndim > 3:
            raise ValueError(
                "X must be a 2-D (n_samples, n_steps) or 3-D (n_samples, n_steps, "
                f"n_features) array. Got an array of shape {X.shape} instead."
            )
        width = X.shape[1] if X.ndim == 2 else None
        if X.dtype.kind in "biu":
            if X.ndim == 3 or kind == "values":
                X = X.astype(np.float32)
            else:
                ids, lengths = _compact_tokens(_check_ids(X, vocabulary_size))
                return Sequences(ids, lengths, "tokens", width)
        if X.ndim == 2:
            X = X[:, :, None]
        values, lengths = _as_values(X)
        return Sequences(values, lengths, "values", width)

    seqs = to_sequences(X, input_name="X")
    lengths = np.fromiter((len(s) for s in seqs), dtype=np.int64, count=len(seqs))
    maxlen = max(int(lengths.max(initial=0)), 1)
    ndims = {s.ndim for s in seqs if len(s)}
    kinds = {s.dtype.kind for s in seqs if len(s)}
    if ndims <= {1} and kinds <= set("biu") and kind != "values":
        ids = pad(seqs, maxlen=maxlen, dtype="int64", padding="post", truncating="post")
        ids = _check_ids(ids, vocabulary_size)
        if (ids[np.arange(maxlen) < lengths[:, None]] == 0).any():
            ids, lengths = _compact_tokens(ids)
        return Sequences(ids, lengths, "tokens")
    n_features = max((s.shape[1] for s in seqs if s.ndim == 2), default=1)
    seqs = [s[:, None] if s.ndim == 1 and len(s) else s for s in seqs]
    seqs = [s.reshape(len(s), n_features) if not len(s) else s for s in seqs]
    values = pad(seqs, maxlen=maxlen, dtype="float32", padding="post", value=np.nan)
    values, lengths = _as_values(values)
    return Sequences(values, lengths, "values")
