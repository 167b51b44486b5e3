import pickle

import keras
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import make_pipeline

from skseq import SequencePadder, TextTokenizer
from skseq._defaults import length_quantile
from skseq._padding import pad, to_sequences

SIDES = ["pre", "post"]
X_RAGGED = [[1, 2, 3], [4], [], [5, 6, 7, 8, 9]]


def keras_pad(X, **kwargs):
    return keras.utils.pad_sequences(X, **kwargs)


def assert_same(result, expected):
    np.testing.assert_array_equal(result, expected)
    assert result.dtype == expected.dtype
    assert result.shape == expected.shape


def object_array(items):
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


# -- property tests against keras.utils.pad_sequences ------------------------

ints = st.integers(-1000, 1000)
floats = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
maxlens = st.one_of(
    st.none(),
    st.integers(1, 14),
    st.floats(0.01, 1.0, exclude_min=True, allow_nan=False),
    st.just("auto"),
)
values = st.one_of(st.integers(-3, 3), st.floats(-5, 5, allow_nan=False))
dtypes = st.sampled_from(["int32", "int64", "float32", "float64"])


@st.composite
def ragged_sequences(draw):
    elements = draw(st.sampled_from([ints, floats, st.one_of(ints, floats)]))
    X = draw(st.lists(st.lists(elements, max_size=10), min_size=1, max_size=8))
    form = draw(st.sampled_from(["lists", "arrays", "tuple", "object", "series"]))
    if form == "lists":
        return X
    arrays = [np.asarray(x) for x in X]
    if form == "arrays":
        return arrays
    if form == "tuple":
        return tuple(arrays)
    if form == "object":
        return object_array(arrays)
    return pd.Series(X)


@settings(max_examples=200, deadline=None)
@given(
    X=ragged_sequences(),
    maxlen=maxlens,
    dtype=dtypes,
    padding=st.sampled_from(SIDES),
    truncating=st.sampled_from(SIDES),
    value=values,
)
def test_padder_matches_keras(X, maxlen, dtype, padding, truncating, value):
    params = dict(dtype=dtype, padding=padding, truncating=truncating, value=value)
    padder = SequencePadder(maxlen=maxlen, **params).fit(X)
    expected = keras_pad(X, maxlen=padder.maxlen_, **params)
    assert_same(padder.transform(X), expected)
    assert_same(SequencePadder(maxlen=maxlen, **params).fit_transform(X), expected)


@settings(max_examples=100, deadline=None)
@given(
    X=st.lists(st.lists(st.one_of(ints, floats), max_size=8), min_size=1, max_size=6),
    maxlen=st.one_of(st.none(), st.integers(1, 10)),
    dtype=dtypes,
    padding=st.sampled_from(SIDES),
    truncating=st.sampled_from(SIDES),
    value=values,
)
def test_pad_kernel_matches_keras(X, maxlen, dtype, padding, truncating, value):
    params = dict(
        maxlen=maxlen, dtype=dtype, padding=padding, truncating=truncating, value=value
    )
    expected = keras_pad(X, **params)
    assert_same(pad(to_sequences(X), **params), expected)
    # the kernel also takes plain lists, as keras does
    assert_same(pad(X, **params), expected)


@st.composite
def multivariate_sequences(draw):
    n_features = draw(st.integers(1, 3))
    lengths = draw(st.lists(st.integers(0, 7), min_size=1, max_size=6))
    if not any(lengths):
        lengths[0] = 1
    return [
        np.asarray(
            draw(st.lists(floats, min_size=t * n_features, max_size=t * n_features)),
            dtype=np.float64,
        ).reshape(t, n_features)
        for t in lengths
    ]


@settings(max_examples=200, deadline=None)
@given(
    X=multivariate_sequences(),
    maxlen=maxlens,
    dtype=dtypes,
    padding=st.sampled_from(SIDES),
    truncating=st.sampled_from(SIDES),
    value=values,
)
def test_padder_matches_keras_multivariate(
    X, maxlen, dtype, padding, truncating, value
):
    params = dict(dtype=dtype, padding=padding, truncating=truncating, value=value)
    padder = SequencePadder(maxlen=maxlen, **params).fit(X)
    expected = keras_pad(X, maxlen=padder.maxlen_, **params)
    assert padder.feature_dim_ == X[0].shape[1]
    assert_same(padder.transform(X), expected)
    # the same series as one NaN-padded 3-D array
    longest = max(len(x) for x in X)
    X3 = np.full((len(X), longest, X[0].shape[1]), np.nan)
    for i, x in enumerate(X):
        X3[i, : len(x)] = x
    assert_same(padder.transform(X3), expected)
    assert SequencePadder(maxlen=maxlen).fit(X3).maxlen_ == padder.maxlen_


@pytest.mark.parametrize("dtype", [object, str, "U2"])
@pytest.mark.parametrize("value", ["<pad>", "x"])
def test_string_tokens_match_keras(dtype, value):
    X = [["the", "movie"], ["great"], [], ["a", "b", "c", "d"]]
    padder = SequencePadder(maxlen=3, dtype=dtype, value=value)
    assert_same(
        padder.fit_transform(X), keras_pad(X, maxlen=3, dtype=dtype, value=value)
    )


# -- accepted input forms ------------------------------------------------------


@pytest.mark.parametrize(
    "X",
    [
        X_RAGGED,
        [np.asarray(x) for x in X_RAGGED],
        tuple(np.asarray(x) for x in X_RAGGED),
        object_array([np.asarray(x) for x in X_RAGGED]),
        pd.Series(X_RAGGED),
        pd.Series([np.asarray(x) for x in X_RAGGED], index=[10, 11, 12, 13]),
        pd.DataFrame({"tokens": X_RAGGED}),
        (x for x in X_RAGGED),
    ],
    ids=["lists", "arrays", "tuple", "object", "series", "series-index", "df", "gen"],
)
def test_ragged_input_forms(X):
    expected = keras_pad(X_RAGGED)
    assert_same(SequencePadder().fit_transform(X), expected)
    assert not hasattr(SequencePadder().fit(X_RAGGED), "n_features_in_")


def test_to_sequences_ragged():
    seqs = to_sequences(X_RAGGED)
    assert [s.tolist() for s in seqs] == X_RAGGED
    # an empty sample gets the dtype of the others
    assert {s.dtype for s in seqs} == {np.dtype(np.int64)}


def test_rectangular_2d_array():
    X = np.arange(12).reshape(3, 4)
    seqs = to_sequences(X)
    assert len(seqs) == 3 and all(np.shares_memory(s, X) for s in seqs)
    padder = SequencePadder(maxlen=3, padding="post").fit(X)
    assert padder.n_features_in_ == 4
    assert padder.feature_dim_ is None
    assert_same(padder.transform(X), keras_pad(X, maxlen=3, padding="post"))
    # a plain 2-D array keeps scikit-learn's fixed-width contract ...
    with pytest.raises(ValueError, match="X has 2 features, but SequencePadder"):
        padder.transform(X[:, :2])
    # ... while sequences of other lengths pass as a list
    assert padder.transform(list(np.ones((2, 9)))).shape == (2, 3)
    assert padder.transform([[1, 2], [3]]).shape == (2, 3)
    # a 2-D list of equal-length lists is the same array-like
    assert SequencePadder().fit(X.tolist()).n_features_in_ == 4


def test_n_features_in_removed_on_ragged_refit():
    padder = SequencePadder().fit(np.ones((2, 3)))
    assert padder.n_features_in_ == 3
    padder.fit(X_RAGGED)
    assert not hasattr(padder, "n_features_in_")


def test_dataframe_input_sets_feature_names():
    df = pd.DataFrame(np.arange(6).reshape(2, 3), columns=["a", "b", "c"])
    padder = SequencePadder().fit(df)
    np.testing.assert_array_equal(padder.feature_names_in_, ["a", "b", "c"])
    assert_same(padder.transform(df), keras_pad(df.to_numpy()))
    padder.fit(X_RAGGED)
    assert not hasattr(padder, "feature_names_in_")


def test_nan_padded_3d_array():
    X3 = np.full((3, 4, 2), np.nan)
    X3[0, :2] = [[1, 2], [3, 4]]
    X3[1] = np.arange(8).reshape(4, 2)
    seqs = to_sequences(X3)
    assert [s.shape for s in seqs] == [(2, 2), (4, 2), (0, 2)]
    np.testing.assert_array_equal(seqs[0], [[1, 2], [3, 4]])
    padder = SequencePadder(dtype="float32", padding="post").fit(X3)
    assert padder.maxlen_ == 4 and padder.feature_dim_ == 2
    assert not hasattr(padder, "n_features_in_")
    out = padder.transform(X3)
    assert out.shape == (3, 4, 2) and out.dtype == np.float32
    np.testing.assert_array_equal(out[0], [[1, 2], [3, 4], [0, 0], [0, 0]])
    np.testing.assert_array_equal(out[2], 0)


def test_3d_integer_array_has_no_padding():
    X3 = np.arange(24).reshape(2, 4, 3)
    assert [s.shape for s in to_sequences(X3)] == [(4, 3), (4, 3)]
    assert_same(SequencePadder(maxlen=2).fit_transform(X3), keras_pad(X3, maxlen=2))


def test_list_of_2d_arrays():
    X = [np.ones((3, 2)), np.zeros((0, 2)), [], 2 * np.ones((1, 2))]
    seqs = to_sequences(X)
    assert [s.shape for s in seqs] == [(3, 2), (0, 2), (0, 2), (1, 2)]
    out = SequencePadder(dtype="float64").fit_transform(X)
    assert out.shape == (4, 3, 2)
    np.testing.assert_array_equal(out[3], [[0, 0], [0, 0], [2, 2]])


def test_all_empty_multivariate_keeps_feature_axis():
    # keras would drop the feature axis (n, maxlen); the padder knows F from fit
    padder = SequencePadder(maxlen=2).fit([np.ones((3, 2))])
    assert padder.transform([np.zeros((0, 2)), []]).shape == (2, 2, 2)
    assert SequencePadder().fit([[], []]).maxlen_ == 1


def test_to_sequences_numeric_false_keeps_objects():
    seqs = to_sequences([["a", 1], ["b"]], numeric=False)
    assert seqs[0].dtype == object and seqs[0].tolist() == ["a", 1]


def test_object_2d_array_of_numbers():
    X = np.arange(6).reshape(2, 3).astype(object)
    assert_same(
        SequencePadder().fit_transform(X), keras_pad(np.arange(6).reshape(2, 3))
    )


def test_input_not_mutated():
    X = [[1, 2], [3]]
    df = pd.DataFrame({"tokens": [[1, 2], [3]]})
    SequencePadder(maxlen=1).fit_transform(X)
    SequencePadder(maxlen=1).fit_transform(df)
    assert X == [[1, 2], [3]]
    assert df["tokens"].tolist() == [[1, 2], [3]]


# -- maxlen ----------------------------------------------------------------------


def test_quantile_maxlen_ignores_outlier():
    X = [[1] * 5] * 99 + [[1] * 10_000]
    padder = SequencePadder(maxlen=0.95).fit(X)
    assert padder.maxlen_ == 5
    assert padder.transform(X).shape == (100, 5)
    assert SequencePadder().fit(X).maxlen_ == 10_000
    assert SequencePadder(maxlen=1.0).fit(X).maxlen_ == 10_000


def test_quantile_rounds_up_without_float_noise():
    lengths = np.array([4, 30, 41, 37, 39, 40, 14, 1, 19, 20, 48, 23, 42])
    assert np.quantile(lengths, 0.1) > 6  # 6.000000000000002
    assert length_quantile(lengths, 0.1) == 6
    assert length_quantile(np.array([1, 2, 3, 4]), 0.5) == 3
    assert length_quantile(np.array([0, 0, 0]), 0.5) == 1


@pytest.mark.parametrize("truncating", SIDES)
def test_maxlen_auto_bounds_long_documents_and_reports_it(truncating):
    X = [[1] * 5] * 99 + [[2] * 10_000]
    padder = SequencePadder(maxlen="auto").fit(X)
    assert padder.maxlen_ == 105  # the 0.99 quantile: the outlier is cut
    assert padder.plan_ == {"maxlen": 105}
    assert padder.plan_.why["maxlen"] == (
        "the 0.99 quantile of the lengths (105), at most 500"
    )
    long = [np.arange(12_000) + 1, np.arange(700) + 1]
    padder = SequencePadder(maxlen="auto", truncating=truncating)
    Xt = padder.fit_transform(long)
    assert padder.maxlen_ == 500
    assert_same(Xt, keras_pad(long, maxlen=500, truncating=truncating))
    explicit = SequencePadder(maxlen=400).fit(long)
    assert explicit.maxlen_ == 400 and explicit.plan_.why["maxlen"] == "set"
    assert SequencePadder().fit(long).plan_ == {"maxlen": 12_000}


@pytest.mark.parametrize("truncating", SIDES)
def test_longer_sequences_truncated_at_transform(truncating):
    padder = SequencePadder(truncating=truncating).fit([[1, 2], [3]])
    assert padder.maxlen_ == 2
    out = padder.transform([[1, 2, 3, 4, 5]])
    assert out.tolist() == ([[4, 5]] if truncating == "pre" else [[1, 2]])


def test_float_values_truncated_by_int_dtype():
    out = SequencePadder(value=-1.7).fit_transform([[1.9, -2.9], [3.5]])
    assert_same(out, keras_pad([[1.9, -2.9], [3.5]], value=-1.7))
    assert out.tolist() == [[1, -2], [-1, 3]]


# -- sklearn integration ---------------------------------------------------------


def test_set_output_pandas():
    padder = SequencePadder(maxlen=3).set_output(transform="pandas")
    out = padder.fit_transform(X_RAGGED)
    assert isinstance(out, pd.DataFrame)
    assert out.columns.tolist() == ["step0", "step1", "step2"]
    np.testing.assert_array_equal(out.to_numpy(), keras_pad(X_RAGGED, maxlen=3))
    assert isinstance(padder.transform(X_RAGGED), pd.DataFrame)


def test_get_feature_names_out():
    padder = SequencePadder(maxlen=2).fit(np.ones((3, 4)))
    names = padder.get_feature_names_out()
    assert names.dtype == object and names.tolist() == ["step0", "step1"]
    assert padder.get_feature_names_out(["a", "b", "c", "d"]).tolist() == [
        "step0",
        "step1",
    ]
    with pytest.raises(ValueError, match="input_features should have length"):
        padder.get_feature_names_out(["a"])
    # ragged fit: no input width to check against
    ragged = SequencePadder().fit(X_RAGGED)
    assert len(ragged.get_feature_names_out(["x"])) == 5


def test_pipeline():
    pipe = make_pipeline(SequencePadder(maxlen=2), SequencePadder(maxlen=3))
    assert pipe.fit_transform(X_RAGGED).shape == (4, 3)


def test_after_text_tokenizer():
    docs = ["a good movie", "bad", "a very very long and boring movie"]
    ids = TextTokenizer().fit(docs).transform(docs)
    out = make_pipeline(TextTokenizer(), SequencePadder(maxlen=4)).fit_transform(docs)
    assert_same(out, keras_pad(list(ids), maxlen=4))


def test_pickle_and_clone_round_trip():
    padder = SequencePadder(maxlen=0.5, padding="post", value=-1).fit(X_RAGGED)
    restored = pickle.loads(pickle.dumps(padder))
    assert restored.maxlen_ == padder.maxlen_
    assert restored.plan_ == padder.plan_ and restored.plan_.why == padder.plan_.why
    assert_same(restored.transform(X_RAGGED), padder.transform(X_RAGGED))
    cloned = clone(padder)
    assert cloned.get_params() == padder.get_params()
    assert not hasattr(cloned, "maxlen_")
    assert_same(cloned.fit_transform(X_RAGGED), padder.transform(X_RAGGED))


# -- errors ------------------------------------------------------------------------

TO_SEQUENCES_ERRORS = [
    (
        "good movie",
        TypeError,
        r"X must be a collection of sequences\. Got a single str",
    ),
    (b"bytes", TypeError, "Got a single bytes instead"),
    (sp.csr_array(np.ones((2, 2))), TypeError, "sparse input is not supported"),
    ({1: [1]}, TypeError, "ordered collection of sequences.*Got a dict"),
    ({1, 2}, TypeError, "Got a set instead"),
    (5, TypeError, "Got int instead"),
    (np.float64(5), TypeError, "Got a scalar float64 instead"),
    (["good movie", "bad"], TypeError, "Got a string as sample 0.*TextTokenizer"),
    (pd.Series(["good", "bad"]), TypeError, "string as sample 0.*TextTokenizer"),
    ([["good", "movie"]], TypeError, "strings in sample 0 instead.*TextTokenizer"),
    (np.array(["good", "bad"]), TypeError, "strings in a 1-D array.*TextTokenizer"),
    (np.array([["a", "b"]]), TypeError, "strings in an array of dtype <U1"),
    ([[1, 2], [1j]], ValueError, "Complex data not supported.*sample 1"),
    (np.ones((2, 2)) * 1j, ValueError, "Complex data not supported"),
    ([[1, {}]], TypeError, r"values in sample 0 that cannot be converted"),
    ([[1, None]], ValueError, "Got NaN in sample 0 at time step 1"),
    (np.array([[1, {}]], dtype=object), TypeError, "argument must be .* number"),
    ([np.array(["2020-01-01"], dtype="M8[D]")], TypeError, "Got dtype datetime64"),
    (np.arange(3.0), ValueError, "Got a 1-D array of shape.*Reshape your data"),
    (np.ones((1, 2, 2, 2)), ValueError, r"Got an array of shape \(1, 2, 2, 2\)"),
    (np.ones((0, 3)), ValueError, r"at least one sequence\. Got 0 samples"),
    ([], ValueError, r"at least one sequence\. Got 0 samples instead"),
    (np.ones((12, 0)), ValueError, r"0 feature\(s\) \(shape=\(12, 0\)\)"),
    (np.ones((2, 3, 0)), ValueError, "at least one feature per time step"),
    ([[1, 2], 3], ValueError, "sample 1 is a scalar.*Got int 3 instead"),
    ([[[1, 2], [3]]], ValueError, "sample 0 could not be converted"),
    ([np.ones((1, 1, 1))], ValueError, r"Got shape \(1, 1, 1\) for sample 0"),
    ([np.ones((2, 0))], ValueError, "sample 0 has 0 features per time step"),
    (
        [np.ones((2, 3)), [], np.ones((2, 2))],
        ValueError,
        r"Sample 0 has shape \(2, 3\) but sample 2 has shape \(2, 2\)",
    ),
    ([[1, 2], np.ones((2, 2))], ValueError, r"Sample 0 has shape \(2,\) but sample 1"),
    ([[1.0], [2.0, np.nan]], ValueError, "Got NaN in sample 1 at time step 1"),
    ([[1.0], [np.inf]], ValueError, r"Got infinity \(inf\) in sample 1 at time step 0"),
    (np.array([[1, 2], [3, np.nan]]), ValueError, "NaN in sample 1 at time step 1"),
    (np.array([[1, 2], [-np.inf, 3]]), ValueError, r"infinity \(inf\) in sample 1"),
]


@pytest.mark.parametrize(("X", "error", "match"), TO_SEQUENCES_ERRORS)
def test_to_sequences_errors(X, error, match):
    with pytest.raises(error, match=match):
        to_sequences(X)


@pytest.mark.parametrize(
    ("set_nan", "match"),
    [
        (lambda X: X.__setitem__((1, 1), np.nan), "NaN in sample 1 at time step 1"),
        (lambda X: X.__setitem__((0, 3, 0), np.nan), "NaN in sample 0 at time step 3"),
        (lambda X: X.__setitem__((2, 0, 1), np.inf), r"infinity \(inf\) in sample 2"),
    ],
    ids=["middle", "partial-trailing-step", "inf"],
)
def test_3d_array_nan_errors(set_nan, match):
    X3 = np.ones((3, 4, 2))
    X3[2, 3] = np.nan  # whole trailing step: padding, fine
    to_sequences(X3)
    set_nan(X3)
    with pytest.raises(ValueError, match=match):
        to_sequences(X3)
    with pytest.raises(ValueError, match=match):
        SequencePadder().fit(X3)


def test_to_sequences_input_name_in_errors():
    with pytest.raises(TypeError, match="^tokens must be a collection"):
        to_sequences("text", input_name="tokens")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(padding="middle"), "`padding` must be 'pre' or 'post'. Got 'middle'"),
        (dict(truncating="end"), "`truncating` must be 'pre' or 'post'. Got 'end'"),
        (dict(maxlen=-1), r"`maxlen` must be None or an int >= 0\. Got -1 instead"),
        (dict(maxlen=1.5), r"`maxlen` must be None or an int >= 0\. Got 1\.5"),
        (dict(value="pad"), "`dtype` int32 is not compatible with a string `value`"),
    ],
)
def test_pad_parameter_errors(kwargs, match):
    kwargs = {"maxlen": 2, **kwargs}
    with pytest.raises(ValueError, match=match):
        pad([np.array([1, 2])], **kwargs)


def test_pad_errors():
    with pytest.raises(ValueError, match="Got a scalar at position 1"):
        pad([[1], 2], maxlen=2)
    with pytest.raises(ValueError, match="`maxlen` must be given to pad an empty"):
        pad([], maxlen=None)
    with pytest.raises(ValueError, match=r"sequence at position 1 is different from"):
        pad([np.ones((2, 3)), np.ones((2, 2))], maxlen=2)
    assert pad([], maxlen=3).shape == (0, 3)


@pytest.mark.parametrize(
    ("params", "match"),
    [
        (dict(maxlen=0), "The 'maxlen' parameter of SequencePadder must be"),
        (dict(maxlen=-0.5), "The 'maxlen' parameter"),
        (dict(maxlen=1.5), "The 'maxlen' parameter"),
        (dict(maxlen="10"), "The 'maxlen' parameter"),
        (dict(maxlen="longest"), "The 'maxlen' parameter .* among {'auto'}"),
        (dict(padding="middle"), "The 'padding' parameter .* Got 'middle' instead"),
        (dict(truncating="both"), "The 'truncating' parameter"),
        (dict(value=None), "The 'value' parameter"),
        (dict(dtype=3), "The 'dtype' parameter"),
    ],
)
def test_padder_invalid_params(params, match):
    with pytest.raises(ValueError, match=match):
        SequencePadder(**params).fit(X_RAGGED)


@pytest.mark.parametrize(
    ("params", "match"),
    [
        (dict(dtype="int33"), "`dtype` must be a NumPy dtype .* Got 'int33' instead"),
        (dict(value="<pad>"), r"`value` is a string \('<pad>'\) but `dtype` int32"),
        (dict(value=np.nan), "`value` must be representable in `dtype` int32"),
        (dict(value=2.0**40), "`value` must be representable in `dtype` int32"),
        (dict(value=-1, dtype="uint8"), r"between 0 and 255\)\. Got -1 instead"),
    ],
)
def test_padder_dtype_value_errors(params, match):
    with pytest.raises(ValueError, match=match):
        SequencePadder(**params).fit(X_RAGGED)


def test_padder_string_tokens_need_object_dtype():
    with pytest.raises(TypeError, match="TextTokenizer.*set SequencePadder"):
        SequencePadder().fit([["good", "movie"]])
    with pytest.raises(TypeError, match="single str instead: raw text needs"):
        SequencePadder().fit("good movie")


def test_padder_unfitted():
    with pytest.raises(NotFittedError):
        SequencePadder().transform(X_RAGGED)
    with pytest.raises(NotFittedError):
        SequencePadder().get_feature_names_out()


def test_padder_feature_dimension_mismatch():
    padder = SequencePadder().fit([np.ones((2, 3))])
    with pytest.raises(ValueError, match="3 features per step. Got 2 features per"):
        padder.transform([np.ones((2, 2))])
    with pytest.raises(ValueError, match="3 features per step. Got 1-D sequences"):
        padder.transform([[1, 2]])
    univariate = SequencePadder().fit(X_RAGGED)
    with pytest.raises(ValueError, match="1-D sequences. Got 2 features per step"):
        univariate.transform(np.ones((2, 3, 2)))


def test_padder_3d_output_has_no_feature_names():
    padder = SequencePadder().fit([np.ones((2, 3))])
    with pytest.raises(ValueError, match="get_feature_names_out needs 2-D output"):
        padder.get_feature_names_out()
    padder.set_output(transform="pandas")
    with pytest.raises(ValueError, match="set_output.*needs 2-D output"):
        padder.transform([np.ones((2, 3))])
    with pytest.raises(ValueError, match="set_output.*needs 2-D output"):
        padder.fit_transform([np.ones((2, 3))])
