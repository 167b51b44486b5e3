"""SequencePadder and the padding kernel it shares with the estimators.

:func:`to_sequences` turns every accepted input form into a list of
per-sample arrays, with clear errors for anything else; :func:`pad` pads such
a list exactly as ``keras.utils.pad_sequences`` does, in one vectorized step
instead of a Python loop per sample. Neither needs Keras.
"""

from collections.abc import Mapping, Set
from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin, _fit_context
from sklearn.utils._param_validation import Interval, RealNotInt, StrOptions
from sklearn.utils._set_output import _get_output_config
from sklearn.utils.validation import (
    _check_feature_names,
    _check_feature_names_in,
    check_is_fitted,
)

from skseq._defaults import PlanState, resolve_maxlen

_TEXT_HINT = (
    "raw text needs a TextTokenizer first, e.g. "
    "make_pipeline(TextTokenizer(), SequencePadder())"
)
# the same advice, for the estimators
ESTIMATOR_TEXT_HINT = (
    "put a TextTokenizer (and a SequencePadder) before this estimator, or use "
    "make_text_classifier / make_text_regressor"
)
_PADDER_TEXT_HINT = (
    _TEXT_HINT + "; to pad string tokens as they are, set SequencePadder(dtype=object)"
)
_SIDES = ("pre", "post")


def to_sequences(X, *, input_name="X", numeric=True):
    """Convert any accepted input to a list of per-sample arrays.

    Parameters
    ----------
    X : array-like or iterable of sequences
        One of: a list or tuple of lists or arrays; a 1-D object array or a
        pandas Series whose items are sequences; a rectangular 2-D array
        ``(n_samples, n_steps)`` whose rows are the sequences; a 3-D array
        ``(n_samples, n_steps, n_features)`` whose trailing all-NaN time
        steps are padding (the layout of unequal-length time-series
        archives); a list of ``(T_i, n_features)`` arrays. Sequences may be
        empty.
    input_name : str, default="X"
        Name of the input in error messages.
    numeric : bool, default=True
        Whether the values must be numbers. With False, sequences of strings
        (or any objects) are accepted, for padding them with ``dtype=object``.

    Returns
    -------
    sequences : list of ndarray
        One array per sample, of shape ``(T_i,)`` or ``(T_i, n_features)``
        with the same ``n_features`` for all. Arrays may be views of ``X``:
        do not write into them. Empty samples have the trailing shape and
        dtype of the first non-empty one.

    Raises
    ------
    TypeError
        If ``X`` is a string, not iterable, sparse, or (with ``numeric=True``)
        holds strings or other non-numeric values.
    ValueError
        If ``X`` has no samples, a sample is a scalar or has more than 2
        dimensions, samples differ in their number of features per step,
        values are complex, or numeric values are NaN or infinite (except
        trailing all-NaN steps of a 3-D array).
    """
    return _to_sequences(X, input_name, numeric, _TEXT_HINT)


def _to_sequences(X, name, numeric, text_hint):
    if isinstance(X, (str, bytes)):
        raise TypeError(
            f"{name} must be a collection of sequences. Got a single "
            f"{type(X).__name__} instead: {text_hint}."
        )
    if sp.issparse(X):
        raise TypeError(
            f"{name} must be dense: sparse input is not supported. Got a "
            f"{type(X).__name__} instead; convert it with X.toarray()."
        )
    if hasattr(X, "iloc") and getattr(X, "ndim", None) == 2 and X.shape[1] == 1:
        if getattr(X.dtypes.iloc[0], "kind", None) == "O":
            # a DataFrame holding one column of sequences
            X = X.iloc[:, 0]
    if isinstance(X, np.ndarray) or hasattr(X, "__array__"):
        return _from_array(np.asarray(X), name, numeric, text_hint)
    if isinstance(X, (Mapping, Set)):
        raise TypeError(
            f"{name} must be an ordered collection of sequences (list, tuple, "
            f"array or pandas Series). Got a {type(X).__name__} instead."
        )
    if not hasattr(X, "__iter__"):
        raise TypeError(
            f"{name} must be a collection of sequences (list, tuple, array or "
            f"pandas Series). Got {type(X).__name__} instead."
        )
    return _from_items(
        X if isinstance(X, (list, tuple)) else list(X), name, numeric, text_hint
    )


def _raise_text(name, where, text_hint):
    raise TypeError(
        f"{name} must hold numeric sequences. Got strings in {where} instead: "
        f"{text_hint}."
    )


def _numeric_sample(a, name, where, text_hint):
    """Return ``a`` as a real numeric array, or raise why it cannot be one."""
    kind = a.dtype.kind
    if kind in "US":
        _raise_text(name, where, text_hint)
    if kind == "c":
        raise ValueError(
            f"Complex data not supported: {name} must hold real numbers. Got "
            f"complex values in {where} instead."
        )
    if kind == "O":
        try:
            inferred = np.asarray(a.tolist())
        except (TypeError, ValueError):
            inferred = a
        if inferred.dtype.kind in "biuf":
            return inferred
        if inferred.dtype.kind != "O":
            return _numeric_sample(inferred, name, where, text_hint)
        try:
            return a.astype(np.float64)
        except (TypeError, ValueError) as e:
            raise TypeError(
                f"{name} must hold numbers. Got values in {where} that cannot be "
                f"converted ({e}) instead."
            ) from None
    raise TypeError(
        f"{name} must hold numbers. Got dtype {a.dtype} in {where} instead."
    )


def _raise_non_finite(name, step, i, t):
    what = "NaN" if np.isnan(step).any() else "infinity (inf)"
    raise ValueError(
        f"{name} must not contain NaN or infinity except as padding (whole "
        "trailing time steps of a 3-D array). Got "
        f"{what} in sample {i} at time step {t} instead; impute missing values "
        "first."
    )


def _from_array(arr, name, numeric, text_hint):
    if arr.ndim == 0:
        raise TypeError(
            f"{name} must be a collection of sequences. Got a scalar "
            f"{arr.dtype} instead."
        )
    if arr.dtype == object and arr.ndim == 1:
        return _from_items(arr, name, numeric, text_hint)
    if arr.ndim == 1:
        if arr.dtype.kind in "US":
            _raise_text(name, f"a 1-D array of dtype {arr.dtype}", text_hint)
        raise ValueError(
            f"{name} must be a collection of sequences or a 2-D array. Got a "
            f"1-D array of shape {arr.shape} instead. Reshape your data either "
            "using array.reshape(1, -1) if it holds a single sequence or "
            "array.reshape(-1, 1) if each value is a sequence of length 1."
        )
    if arr.ndim > 3:
        raise ValueError(
            f"{name} must be a 2-D (n_samples, n_steps) or 3-D (n_samples, "
            f"n_steps, n_features) array. Got an array of shape {arr.shape} "
            "instead."
        )
    if arr.shape[0] == 0:
        raise ValueError(
            f"{name} must contain at least one sequence. Got 0 samples "
            f"(shape={arr.shape}) instead."
        )
    if arr.shape[1] == 0:
        raise ValueError(
            f"{name} has 0 time steps: 0 feature(s) (shape={arr.shape}) while a "
            "minimum of 1 is required."
        )
    if arr.ndim == 3 and arr.shape[2] == 0:
        raise ValueError(
            f"{name} must have at least one feature per time step. Got shape "
            f"{arr.shape} instead."
        )
    if numeric and arr.dtype.kind not in "biuf":
        arr = _numeric_sample(arr, name, f"an array of dtype {arr.dtype}", text_hint)
    if arr.dtype.kind != "f":
        return list(arr)
    if arr.ndim == 3:
        return _strip_nan_padding(arr, name)
    finite = np.isfinite(arr)
    if not finite.all():
        i, t = np.argwhere(~finite)[0]
        _raise_non_finite(name, arr[i, t], i, t)
    return list(arr)


def nan_padding_lengths(arr, name="X"):
    """Real lengths of a NaN-right-padded ``(n, T, F)`` array.

    The one padding rule of float sequences: a time step is padding when it
    and every later step are all-NaN. Any other NaN, and any infinity, is an
    error that names the sample and the time step.
    """
    isnan = np.isnan(arr)
    isinf = np.isinf(arr)
    if isinf.any():
        i, t = np.argwhere(isinf)[0][:2]
        _raise_non_finite(name, arr[i, t], i, t)
    if not isnan.any():
        return np.full(arr.shape[0], arr.shape[1], dtype=np.int64)
    step_nan = isnan.all(axis=2)
    padding = np.flip(np.logical_and.accumulate(np.flip(step_nan, 1), axis=1), 1)
    bad = isnan.any(axis=2) & ~padding
    if bad.any():
        i, t = np.argwhere(bad)[0]
        _raise_non_finite(name, arr[i, t], i, t)
    return arr.shape[1] - padding.sum(axis=1)


def _strip_nan_padding(arr, name):
    """Split a NaN-padded ``(n, T, F)`` array into ``(T_i, F)`` samples."""
    lengths = nan_padding_lengths(arr, name)
    return [arr[i, :length] for i, length in enumerate(lengths.tolist())]


def _from_items(items, name, numeric, text_hint):
    n = len(items)
    if n == 0:
        raise ValueError(
            f"{name} must contain at least one sequence. Got 0 samples instead."
        )
    seqs = []
    tail = None  # shape of a time step, from the first non-empty sample
    first = None
    empties = []
    for i, item in enumerate(items):
        if isinstance(item, np.ndarray):
            a = item
        elif isinstance(item, (str, bytes)):
            raise TypeError(
                f"{name} must be a collection of sequences. Got a string as "
                f"sample {i} ({item[:40]!r}) instead: {text_hint}."
            )
        else:
            try:
                a = np.asarray(item) if numeric else np.asarray(item, dtype=object)
            except (TypeError, ValueError) as e:
                raise ValueError(
                    f"{name}: sample {i} could not be converted to an array: each "
                    "sample must be a sequence of numbers or of equal-length "
                    f"feature vectors. Got {type(item).__name__} ({e}) instead."
                ) from None
        if a.ndim == 0:
            raise ValueError(
                f"{name} must be a collection of sequences, but sample {i} is a "
                f"scalar. Got {type(item).__name__} {item!r} instead. Reshape "
                f"your data: wrap a single sequence in a list ([{name}])."
            )
        if a.ndim > 2:
            raise ValueError(
                f"{name}: each sample must be 1-D (n_steps,) or 2-D (n_steps, "
                f"n_features). Got shape {a.shape} for sample {i} instead."
            )
        if numeric and a.dtype.kind not in "biuf":
            a = _numeric_sample(a, name, f"sample {i}", text_hint)
        if len(a) == 0:
            empties.append(i)
        elif tail is None:
            tail, first = a.shape[1:], i
            if tail == (0,):
                raise ValueError(
                    f"{name}: sample {i} has 0 features per time step (shape "
                    f"{a.shape}). At least 1 is required."
                )
        elif a.shape[1:] != tail:
            raise ValueError(
                f"{name}: all samples must have the same number of features per "
                f"time step. Sample {first} has shape {seqs[first].shape} but "
                f"sample {i} has shape {a.shape} instead."
            )
        if numeric and a.dtype.kind == "f":
            finite = np.isfinite(a)
            if not finite.all():
                t = np.argwhere(~finite)[0][0]
                _raise_non_finite(name, a[t], i, t)
        seqs.append(a)
    if tail is not None:
        ref = seqs[first]
        for i in empties:
            if seqs[i].shape[1:] != tail or seqs[i].dtype != ref.dtype:
                seqs[i] = np.empty((0, *tail), dtype=ref.dtype)
    return seqs


def _check_side(name, side):
    if side not in _SIDES:
        raise ValueError(f"`{name}` must be 'pre' or 'post'. Got {side!r} instead.")


def pad(
    sequences, *, maxlen, dtype="int32", padding="pre", truncating="pre", value=0.0
):
    """Pad sequences to the same length, as ``keras.utils.pad_sequences``.

    Returns exactly what ``keras.utils.pad_sequences`` returns for the same
    arguments (values, shape and dtype, including empty sequences and values
    cast to an integer ``dtype``), but pads in one vectorized step.

    Parameters
    ----------
    sequences : list of array-like
        Sequences of shape ``(T_i,)`` or ``(T_i, n_features)``, typically the
        output of :func:`to_sequences`.
    maxlen : int or None
        Length of the output sequences; None for the longest sequence.
    dtype : str or dtype, default="int32"
        Type of the output.
    padding : {"pre", "post"}, default="pre"
        Pad before or after each sequence.
    truncating : {"pre", "post"}, default="pre"
        Remove values from the beginning or the end of longer sequences.
    value : float or str, default=0.0
        Padding value (a string requires ``dtype=object`` or a string dtype).

    Returns
    -------
    padded : ndarray of shape (n_samples, maxlen) or (n_samples, maxlen, n_features)
        The padded sequences.
    """
    _check_side("padding", padding)
    _check_side("truncating", truncating)
    seqs = sequences if isinstance(sequences, list) else list(sequences)
    if not all(isinstance(s, np.ndarray) for s in seqs):
        as_object = np.dtype(dtype) == object
        seqs = [
            s
            if isinstance(s, np.ndarray)
            else np.asarray(s, dtype=object)
            if as_object
            else np.asarray(s)
            for s in seqs
        ]
    n = len(seqs)
    try:
        lengths = np.fromiter(map(len, seqs), dtype=np.intp, count=n)
    except TypeError:
        i = next(i for i, s in enumerate(seqs) if s.ndim == 0)
        raise ValueError(
            f"`sequences` must be a list of sequences. Got a scalar at position "
            f"{i} ({seqs[i]!r}) instead."
        ) from None
    if maxlen is None:
        if n == 0:
            raise ValueError(
                "`maxlen` must be given to pad an empty list of sequences. Got "
                "maxlen=None instead."
            )
        maxlen = int(lengths.max())
    elif isinstance(maxlen, bool) or not isinstance(maxlen, Integral) or maxlen < 0:
        raise ValueError(
            f"`maxlen` must be None or an int >= 0. Got {maxlen!r} instead."
        )
    maxlen = int(maxlen)
    nonempty = np.flatnonzero(lengths)
    sample_shape = seqs[nonempty[0]].shape[1:] if nonempty.size else ()
    is_dtype_str = np.issubdtype(dtype, np.str_) or np.issubdtype(dtype, np.bytes_)
    if isinstance(value, str) and np.dtype(dtype) != object and not is_dtype_str:
        raise ValueError(
            f"`dtype` {dtype} is not compatible with a string `value` "
            f"({value!r}). Set dtype=object to pad with a string."
        )
    if maxlen == 0 or not nonempty.size:
        return np.full((n, maxlen, *sample_shape), value, dtype=dtype)
    # np.full is what keras uses, so `value` is cast to `dtype` the same way
    fill = np.full((maxlen, *sample_shape), value, dtype=dtype)
    parts = seqs
    if lengths.max() > maxlen:
        if truncating == "pre":
            parts = [s[-maxlen:] for s in parts]
        else:
            parts = [s[:maxlen] for s in parts]
    if nonempty.size < n:
        parts = list(parts)
        for i in np.flatnonzero(lengths == 0).tolist():
            parts[i] = fill[:0]
    # One concatenate writes every sample and its padding straight into the
    # output buffer: no Python loop over samples, no mask, no second pass.
    n_pad = maxlen - np.minimum(lengths, maxlen)
    if n_pad.any():
        pads = [fill[:k] for k in n_pad.tolist()]
        pieces = [None] * (2 * n)
        if padding == "pre":
            pieces[0::2], pieces[1::2] = pads, parts
        else:
            pieces[0::2], pieces[1::2] = parts, pads
    else:
        pieces = parts
    out = np.empty((n, maxlen, *sample_shape), dtype=fill.dtype)
    try:
        np.concatenate(
            pieces, axis=0, out=out.reshape(-1, *sample_shape), casting="unsafe"
        )
    except ValueError:
        for i in nonempty.tolist():
            if seqs[i].shape[1:] != sample_shape:
                raise ValueError(
                    f"Shape of sample {seqs[i].shape[1:]} of sequence at position "
                    f"{i} is different from expected shape {sample_shape}."
                ) from None
        raise
    return out


class SequencePadder(PlanState, TransformerMixin, BaseEstimator):
    """Pad or truncate sequences to a common length.

    ``keras.utils.pad_sequences`` as a scikit-learn transformer: the output
    length ``maxlen_`` is learned in :meth:`fit` (the longest training
    sequence, a quantile of the training lengths, or ``maxlen``), and
    :meth:`transform` pads every sequence to it, truncating longer ones. For
    the same ``maxlen`` the output equals ``keras.utils.pad_sequences`` value
    for value, dtype included (float values cast to an integer ``dtype`` are
    truncated, as Keras does).

    Parameters
    ----------
    maxlen : int, float, "auto" or None, default=None
        Length of the output sequences.

        - None: the longest sequence seen in :meth:`fit`.
        - int >= 1: exactly ``maxlen``.
        - float in (0, 1]: that quantile of the training lengths, rounded up,
          so that a few very long outliers do not blow up memory (e.g. 0.95
          truncates the longest 5% of the training sequences).
        - "auto": the 0.99 quantile of the training lengths, rounded up, at
          most 500 steps (the rule of the user guide's "Defaults"), so that
          long documents train in bounded time and memory. The text recipes
          (:func:`~skseq.make_text_classifier`) set it.

    dtype : str, type or numpy dtype, default="int32"
        Type of the output, as in ``keras.utils.pad_sequences``. Use a float
        dtype such as "float32" for real-valued series, and ``object`` to pad
        sequences of strings as they are.

    padding : {"pre", "post"}, default="pre"
        Pad before ("pre") or after ("post") each sequence.

    truncating : {"pre", "post"}, default="pre"
        Remove values from the beginning ("pre") or the end ("post") of
        sequences longer than ``maxlen_``.

    value : float or str, default=0.0
        Padding value. 0 is the padding id of a :class:`TextTokenizer`'s
        vocabulary. A string requires ``dtype=object`` or a string dtype.

    Attributes
    ----------
    maxlen_ : int
        Length of the output sequences.

    plan_ : Plan
        ``{"maxlen": maxlen_}`` and, in ``plan_.why``, how ``maxlen``
        resolved to it.

    feature_dim_ : int or None
        Number of features per time step of the training sequences, None for
        1-D sequences (one value per step). :meth:`transform` requires the
        same.

    n_features_in_ : int
        Number of columns of ``X`` when fitted on a 2-D array-like of
        equal-length 1-D sequences (scikit-learn's tabular convention); not
        set for ragged or 3-D input. Columns are time steps: :meth:`transform`
        accepts any number of them and pads or truncates to ``maxlen_``.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of the columns of ``X``, when fitted on a DataFrame with string
        column names. Only used to validate the ``input_features`` of
        :meth:`get_feature_names_out`.

    See Also
    --------
    TextTokenizer : Turn raw text into sequences of token ids.
    keras.utils.pad_sequences : The function this transformer wraps.

    Notes
    -----
    Accepted inputs: a list or tuple of lists or arrays, a 1-D object array
    or a pandas Series of sequences, a rectangular 2-D array whose rows are
    sequences, a list of ``(T_i, n_features)`` arrays, or a 3-D array
    ``(n_samples, n_steps, n_features)`` whose trailing all-NaN time steps are
    padding. Multivariate input gives a 3-D output
    ``(n_samples, n_steps, n_features)``; pandas output
    (``set_output(transform="pandas")``) needs the 2-D output of 1-D
    sequences, with columns ``step0`` ... ``step{maxlen_ - 1}``.

    Examples
    --------
    >>> from skseq import SequencePadder
    >>> X = [[1], [2, 3], [4, 5, 6]]
    >>> padder = SequencePadder().fit(X)
    >>> padder.maxlen_
    3
    >>> padder.transform(X)
    array([[0, 0, 1],
           [0, 2, 3],
           [4, 5, 6]], dtype=int32)
    >>> padder.transform([[7, 8, 9, 10]])
    array([[ 8,  9, 10]], dtype=int32)
    >>> SequencePadder(maxlen=2, padding="post", value=-1).fit_transform(X)
    array([[ 1, -1],
           [ 2,  3],
           [ 5,  6]], dtype=int32)
    """

    _parameter_constraints: dict = {
        "maxlen": [
            None,
            Interval(Integral, 1, None, closed="left"),
            Interval(RealNotInt, 0, 1, closed="right"),
            StrOptions({"auto"}),
        ],
        "dtype": [str, type, np.dtype],
        "padding": [StrOptions(set(_SIDES))],
        "truncating": [StrOptions(set(_SIDES))],
        "value": [Real, str],
    }

    def __init__(
        self, *, maxlen=None, dtype="int32", padding="pre", truncating="pre", value=0.0
    ):
        self.maxlen = maxlen
        self.dtype = dtype
        self.padding = padding
        self.truncating = truncating
        self.value = value

    def _out_dtype(self):
        try:
            dtype = np.dtype(self.dtype)
        except TypeError:
            raise ValueError(
                "`dtype` must be a NumPy dtype such as 'int32', 'float32' or "
                f"object. Got {self.dtype!r} instead."
            ) from None
        value = self.value
        if isinstance(value, str):
            if dtype.kind not in "OUS":
                raise ValueError(
                    f"`value` is a string ({value!r}) but `dtype` {dtype} is "
                    "numeric. Set dtype=object to pad with a string, or give a "
                    "number."
                )
        elif dtype.kind in "iu":
            info = np.iinfo(dtype)
            if not (np.isfinite(value) and info.min <= value <= info.max):
                raise ValueError(
                    f"`value` must be representable in `dtype` {dtype} (between "
                    f"{info.min} and {info.max}). Got {value!r} instead."
                )
        return dtype

    def _sequences(self, X, dtype):
        numeric = dtype.kind not in "OUS"
        return _to_sequences(X, "X", numeric, _PADDER_TEXT_HINT)

    def _fit(self, X):
        dtype = self._out_dtype()
        seqs = self._sequences(X, dtype)
        lengths = np.fromiter(map(len, seqs), dtype=np.intp, count=len(seqs))
        self.plan_ = resolve_maxlen(self.maxlen, lengths)
        self.maxlen_ = self.plan_["maxlen"]
        tail = seqs[0].shape[1:]
        self.feature_dim_ = tail[0] if tail else None
        if not tail and lengths.max() == lengths.min() > 0:
            self.n_features_in_ = int(lengths[0])
        elif hasattr(self, "n_features_in_"):
            del self.n_features_in_
        _check_feature_names(self, X, reset=True)
        return seqs, lengths, dtype

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Learn the output length ``maxlen_`` from the training sequences.

        Parameters
        ----------
        X : array-like or list of sequences
            Training sequences: see the Notes of :class:`SequencePadder` for
            the accepted forms.
        y : None
            Ignored.

        Returns
        -------
        self : SequencePadder
            The fitted transformer.
        """
        self._fit(X)
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_transform(self, X, y=None):
        """Fit to ``X`` and pad it, converting the input only once.

        Parameters
        ----------
        X : array-like or list of sequences
            Training sequences.
        y : None
            Ignored.

        Returns
        -------
        X_padded : ndarray of shape (n_samples, n_steps) or \
                (n_samples, n_steps, n_features)
            The padded sequences; ``n_steps`` is ``maxlen_``.
        """
        seqs, lengths, dtype = self._fit(X)
        return self._pad(seqs, lengths, dtype)

    def transform(self, X):
        """Pad or truncate every sequence to ``maxlen_``.

        Parameters
        ----------
        X : array-like or list of sequences
            Sequences of any length, with the number of features per step
            seen in :meth:`fit`.

        Returns
        -------
        X_padded : ndarray of shape (n_samples, n_steps) or \
                (n_samples, n_steps, n_features)
            The padded sequences; ``n_steps`` is ``maxlen_``.
        """
        check_is_fitted(self, "maxlen_")
        fitted_width = getattr(self, "n_features_in_", None)
        shape = getattr(X, "shape", ())
        if fitted_width is not None and len(shape) == 2 and shape[1] != fitted_width:
            # a plain 2-D array keeps scikit-learn's fixed-width contract
            if getattr(getattr(X, "dtype", None), "kind", "") != "O":
                raise ValueError(
                    f"X has {shape[1]} features, but SequencePadder is expecting "
                    f"{fitted_width} features as input. Pass sequences of other "
                    "lengths as a list or object array."
                )
        dtype = self._out_dtype()
        seqs = self._sequences(X, dtype)
        lengths = np.fromiter(map(len, seqs), dtype=np.intp, count=len(seqs))
        return self._pad(seqs, lengths, dtype)

    def _pad(self, seqs, lengths, dtype):
        fitted = self.feature_dim_
        if lengths.any():
            tail = seqs[0].shape[1:]
            dim = tail[0] if tail else None
            if dim != fitted:

                def describe(d):
                    return "1-D sequences" if d is None else f"{d} features per step"

                raise ValueError(
                    f"X must have the number of features per time step seen in "
                    f"fit: {describe(fitted)}. Got {describe(dim)} instead."
                )
        if fitted is not None and _get_output_config("transform", self)[
            "dense"
        ] not in ("default", None):
            raise ValueError(
                "set_output(transform='pandas' or 'polars') needs 2-D output, but "
                f"multivariate sequences ({fitted} features per step) are padded "
                f"to a 3-D array (n_samples, {self.maxlen_}, {fitted}). Use "
                "set_output(transform='default')."
            )
        if not lengths.any():
            shape = (len(seqs), self.maxlen_) + (() if fitted is None else (fitted,))
            return np.full(shape, self.value, dtype=dtype)
        return pad(
            seqs,
            maxlen=self.maxlen_,
            dtype=dtype,
            padding=self.padding,
            truncating=self.truncating,
            value=self.value,
        )

    def get_feature_names_out(self, input_features=None):
        """Output column names ``step0`` ... ``step{maxlen_ - 1}``.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Only validated against ``feature_names_in_`` / ``n_features_in_``
            when those are set: output columns are time steps, whatever the
            input columns.

        Returns
        -------
        feature_names_out : ndarray of str objects
            One name per output time step.
        """
        check_is_fitted(self, "maxlen_")
        _check_feature_names_in(self, input_features, generate_names=False)
        if self.feature_dim_ is not None:
            raise ValueError(
                "get_feature_names_out needs 2-D output, but SequencePadder was "
                f"fitted on multivariate sequences ({self.feature_dim_} features "
                f"per step) and outputs a 3-D array (n_samples, {self.maxlen_}, "
                f"{self.feature_dim_}). Got no 2-D output to name instead."
            )
        return np.asarray([f"step{i}" for i in range(self.maxlen_)], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        try:
            tags.input_tags.string = np.dtype(self.dtype).kind in "OUS"
        except TypeError:
            pass
        # the output dtype is the `dtype` parameter, not the input's
        tags.transformer_tags.preserves_dtype = []
        return tags
