import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from skseq._inputs import coerce


def test_int_2d_is_tokens_compacted_to_the_left():
    X = np.array([[0, 0, 3, 4], [5, 6, 7, 8], [0, 9, 0, 2]])
    seqs = coerce(X)
    assert seqs.kind == "tokens" and seqs.width == 4
    np.testing.assert_array_equal(seqs.lengths, [2, 4, 2])
    np.testing.assert_array_equal(
        seqs.values, [[3, 4, 0, 0], [5, 6, 7, 8], [9, 2, 0, 0]]
    )
    assert seqs.values.dtype == np.int32


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(
        np.int64,
        hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=9),
        elements=st.integers(0, 3),
    )
)
def test_token_compaction_equals_dropping_the_zeros_of_each_row(X):
    seqs = coerce(X)
    rows = [row[row != 0] for row in X]
    np.testing.assert_array_equal(seqs.lengths, [len(r) for r in rows])
    width = max([len(r) for r in rows] + [1])
    expected = np.zeros((len(X), width), dtype=np.int32)
    for i, r in enumerate(rows):
        expected[i, : len(r)] = r
    np.testing.assert_array_equal(seqs.values, expected)


def test_float_2d_is_univariate_series_with_trailing_nan_padding():
    X = np.array([[1.0, 2.0, np.nan], [3.0, 4.0, 5.0]])
    seqs = coerce(X)
    assert seqs.kind == "values" and seqs.values.shape == (2, 3, 1)
    np.testing.assert_array_equal(seqs.lengths, [2, 3])
    assert seqs.values.dtype == np.float32


def test_3d_trailing_all_nan_steps_are_padding_and_trimmed():
    X = np.ones((2, 5, 3))
    X[0, 2:] = np.nan
    X[1, 4:] = np.nan
    seqs = coerce(X)
    np.testing.assert_array_equal(seqs.lengths, [2, 4])
    assert seqs.values.shape == (2, 4, 3) and seqs.width is None


@pytest.mark.parametrize(
    "where",
    [(0, 1, slice(None)), (0, 4, 0), (1, 0, 1)],
    ids=["middle", "partial", "one"],
)
def test_nan_that_is_not_padding_is_an_error(where):
    X = np.ones((2, 5, 2))
    X[where] = np.nan
    with pytest.raises(
        ValueError, match="NaN or infinity except as padding.*in sample"
    ):
        coerce(X)


def test_ragged_forms_give_the_same_tokens():
    seqs = [[1, 2, 3], [4], []]
    expected = np.array([[1, 2, 3], [4, 0, 0], [0, 0, 0]])
    arrays = [np.asarray(s, dtype=np.int32) for s in seqs]
    obj = np.empty(3, dtype=object)
    obj[:] = arrays
    for X in (seqs, tuple(arrays), obj, pd.Series(arrays)):
        out = coerce(X)
        assert out.kind == "tokens"
        np.testing.assert_array_equal(out.values, expected)
        np.testing.assert_array_equal(out.lengths, [3, 1, 0])


def test_ragged_multivariate_values():
    X = [np.ones((3, 2)), np.zeros((1, 2))]
    out = coerce(X)
    assert out.kind == "values" and out.values.shape == (2, 3, 2)
    assert np.isnan(out.values[1, 1:]).all()
    np.testing.assert_array_equal(out.lengths, [3, 1])


def test_equal_length_lists_are_a_2d_array():
    assert coerce([[1, 2], [3, 4]]).width == 2
    assert coerce([[1.0, 2.0], [3.0, 4.0]]).kind == "values"


@pytest.mark.parametrize(
    "X", [["a text", "another"], np.array(["a", "b"]), pd.Series(["x", "y"])]
)
def test_raw_strings_point_to_the_tokenizer(X):
    with pytest.raises(TypeError, match="raw strings.*TextTokenizer.*make_text"):
        coerce(X)


def test_bare_string_is_rejected():
    with pytest.raises(TypeError, match="single string.*TextTokenizer"):
        coerce("hello")


def test_negative_ids_are_rejected():
    with pytest.raises(ValueError, match="token ids and must be >= 0.*sample 1"):
        coerce(np.array([[1, 2], [3, -1]]))


def test_sparse_and_inf_and_shape_errors():
    with pytest.raises(TypeError, match="sparse matrix"):
        coerce(sp.csr_matrix(np.ones((2, 2))))
    with pytest.raises(ValueError, match="infinity \\(inf\\) in sample"):
        coerce(np.array([[1.0, np.inf]]))
    with pytest.raises(ValueError, match="Reshape your data"):
        coerce(np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match="2-D .* or 3-D"):
        coerce(np.ones((2, 2, 2, 2)))
