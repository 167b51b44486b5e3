import pickle
import re
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils import estimator_checks
from sklearn.utils._param_validation import InvalidParameterError

import skseq._text
from skseq import TextTokenizer, make_text_classifier
from skseq._text import DEFAULT_TOKEN_PATTERN

DOCS = [
    "The cat sat on the mat.",
    "The dog didn't sit; the dog ran!",
    "A cat and a dog<br />I saw them.",
]
# The same regular expression as the default, spelled differently, so that
# the tokenizer takes its general re.findall path instead of the fast one.
REGEX_PATH_PATTERN = f"(?:{DEFAULT_TOKEN_PATTERN})"


def assert_sequences_equal(a, b):
    assert isinstance(a, np.ndarray) and a.dtype == object and a.ndim == 1
    assert isinstance(b, np.ndarray) and b.dtype == object and b.ndim == 1
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert x.dtype == np.int32 and y.dtype == np.int32
        np.testing.assert_array_equal(x, y)


def ids(tokenizer, doc):
    return tokenizer.transform([doc])[0].tolist()


# -- vocabulary ------------------------------------------------------------------


def test_ids_by_descending_count_ties_by_first_occurrence():
    tok = TextTokenizer().fit(["b a c", "c b d c", "e"])
    # c: 3, b: 2, then a, d, e once each in first-occurrence order
    assert tok.vocabulary_ == {"c": 2, "b": 3, "a": 4, "d": 5, "e": 6}
    assert tok.vocabulary_size_ == 7
    assert tok.token_counts_ == Counter({"c": 3, "b": 2, "a": 1, "d": 1, "e": 1})


def test_default_pattern_keeps_short_words_and_apostrophes():
    tok = TextTokenizer().fit(["I don't like it's 'quoted' words, a-ok''x'"])
    assert list(tok.vocabulary_) == [
        "i",
        "don't",
        "like",
        "it's",
        "quoted",
        "words",
        "a",
        "ok",
        "x",
    ]


def test_max_tokens_includes_the_two_reserved_ids():
    docs = ["a a a a b b b c c d", "e"]
    tok = TextTokenizer(max_tokens=4).fit(docs)
    assert tok.vocabulary_ == {"a": 2, "b": 3}
    assert tok.vocabulary_size_ == 4
    assert len(tok.token_counts_) == 5  # counts are kept before the cut
    assert ids(tok, "a b c d e") == [2, 3, 1, 1, 1]
    assert TextTokenizer(max_tokens=2).fit(docs).vocabulary_ == {}
    assert TextTokenizer(max_tokens=100).fit(docs).vocabulary_size_ == 7


def test_min_frequency():
    tok = TextTokenizer(min_frequency=2).fit(["a a a b b c", "d b b"])
    assert tok.vocabulary_ == {"b": 2, "a": 3}
    assert tok.token_counts_["c"] == 1
    both = TextTokenizer(min_frequency=2, max_tokens=3).fit(["a a a b b c"])
    assert both.vocabulary_ == {"a": 2}


def test_max_tokens_auto_caps_the_vocabulary_at_2_to_the_15_ids():
    docs = [" ".join(f"w{i}" for i in range(40_000)), "w2 w0 w1"]
    tok = TextTokenizer(max_tokens="auto").fit(docs)
    assert tok.vocabulary_size_ == 2**15 and len(tok.token_counts_) == 40_000
    assert tok.plan_ == {"max_tokens": 2**15}
    assert tok.plan_.why["max_tokens"].startswith("40000 tokens seen at least once")
    assert list(tok.vocabulary_)[:4] == ["w0", "w1", "w2", "w3"]  # most frequent
    # a rule on the counts alone: partial_fit over chunks resolves as fit
    chunks = (
        TextTokenizer(max_tokens="auto").partial_fit(docs[:1]).partial_fit(docs[1:])
    )
    assert chunks.vocabulary_ == tok.vocabulary_ and chunks.plan_ == tok.plan_
    small = TextTokenizer(max_tokens="auto").fit(DOCS)
    assert small.vocabulary_ == TextTokenizer().fit(DOCS).vocabulary_
    assert small.plan_ == {"max_tokens": len(small.vocabulary_) + 2}
    explicit = TextTokenizer(max_tokens=100).fit(docs)
    assert (
        explicit.vocabulary_size_ == 100 and explicit.plan_.why["max_tokens"] == "set"
    )
    assert TextTokenizer().fit(docs).plan_ == {"max_tokens": None}


def test_text_recipe_chooses_maxlen_and_vocabulary_from_the_corpus():
    docs = ["good " * 3000, "bad day", "good day"] + [f"w{i}" for i in range(40_000)]
    pipe = make_text_classifier()
    assert pipe.get_params()["tokenizer__max_tokens"] == "auto"
    assert pipe.get_params()["padder__maxlen"] == "auto"
    X = pipe[:-1].fit_transform(docs)
    assert X.shape == (len(docs), 1)  # the 0.99 quantile of the lengths
    assert pipe["tokenizer"].vocabulary_size_ == 2**15
    assert pipe["padder"].plan_.why["maxlen"].startswith("the 0.99 quantile")
    explicit = make_text_classifier(maxlen=400, max_tokens=50)
    assert explicit[:-1].fit_transform(docs).shape == (len(docs), 400)
    assert explicit["tokenizer"].vocabulary_size_ == 50


@pytest.mark.parametrize("pattern", [DEFAULT_TOKEN_PATTERN, REGEX_PATH_PATTERN])
def test_lowercase(pattern):
    tok = TextTokenizer(token_pattern=pattern).fit(["The THE the"])
    assert tok.vocabulary_ == {"the": 2}
    tok = TextTokenizer(lowercase=False, token_pattern=pattern).fit(["The THE the"])
    assert tok.vocabulary_ == {"The": 2, "THE": 3, "the": 4}
    assert ids(tok, "the tHe") == [4, 1]


def test_custom_token_pattern():
    tok = TextTokenizer(token_pattern=r"\S+").fit(["hello, world! hello,"])
    assert tok.vocabulary_ == {"hello,": 2, "world!": 3}
    # with one capturing group, the group is the token, as in CountVectorizer
    tok = TextTokenizer(token_pattern=r"#(\w+)").fit(["#a b #c #a"])
    assert tok.vocabulary_ == {"a": 2, "c": 3}


def test_char_level():
    tok = TextTokenizer(char_level=True, token_pattern="(ignored").fit(["Ab a", "b!"])
    assert tok.vocabulary_ == {"a": 2, "b": 3, " ": 4, "!": 5}
    assert ids(tok, "ab?") == [2, 3, 1]
    assert tok.inverse_transform(tok.transform(["a b!"])).tolist() == ["a b!"]


@pytest.mark.parametrize("strip_html", [False, True])
def test_strip_html(strip_html):
    tok = TextTokenizer(strip_html=strip_html).fit(["Great<br /><br />film. 2 < 3 > 1"])
    if strip_html:
        assert list(tok.vocabulary_) == ["great", "film", "2", "3", "1"]
    else:
        assert "br" in tok.vocabulary_


def test_unknown_tokens_get_one_and_empty_documents_are_empty():
    tok = TextTokenizer().fit(DOCS)
    seqs = tok.transform(["unseen words only", "", "!!!", "the cat"])
    assert seqs.dtype == object and seqs.shape == (4,)
    assert seqs[0].tolist() == [1, 1, 1]
    for empty in seqs[1:3]:
        assert empty.dtype == np.int32 and empty.shape == (0,)
    assert seqs[3].tolist() == [tok.vocabulary_["the"], tok.vocabulary_["cat"]]
    assert all(0 not in s for s in tok.transform(DOCS))
    assert tok.transform([]).shape == (0,)


def test_documents_without_a_token_are_an_empty_vocabulary():
    # as CountVectorizer: fitting on documents with no token is an error
    for fit in (TextTokenizer().fit, TextTokenizer().fit_transform):
        with pytest.raises(ValueError, match="empty vocabulary.*2 document"):
            fit(["", "..."])
    with pytest.raises(ValueError, match="empty vocabulary"):
        TextTokenizer(char_level=True).fit([""])
    # a chunk without tokens is fine for partial_fit: later chunks may have some
    tok = TextTokenizer().partial_fit(["", "..."]).partial_fit(["a"])
    assert [s.tolist() for s in tok.transform(["", "a"])] == [[], [2]]


def test_bytes_get_a_clear_error():
    with pytest.raises(TypeError, match="single bytes object.*decode"):
        TextTokenizer().fit(b"a great film")


# -- fixed vocabulary ------------------------------------------------------------------


def test_fixed_vocabulary_list():
    vocab = ["cat", "dog", "the"]
    tok = TextTokenizer(vocabulary=vocab).fit(DOCS)
    assert tok.vocabulary_ == {"cat": 2, "dog": 3, "the": 4}
    assert tok.vocabulary_size_ == 5
    assert tok.token_counts_ == Counter()
    assert ids(tok, "The cat, the bird") == [4, 2, 4, 1]
    assert vocab == ["cat", "dog", "the"]
    assert_sequences_equal(tok.fit_transform(DOCS), tok.transform(DOCS))


def test_fixed_vocabulary_mapping_with_gaps():
    vocab = {"the": 10, "cat": 2}
    tok = TextTokenizer(vocabulary=vocab).fit(["whatever"])
    assert tok.vocabulary_ == vocab
    tok.vocabulary_["dog"] = 3
    assert vocab == {"the": 10, "cat": 2}  # never mutate what the user passed
    tok = TextTokenizer(vocabulary=vocab).partial_fit(["x"])
    assert tok.vocabulary_size_ == 11
    assert ids(tok, "the cat") == [10, 2]
    assert tok.inverse_transform([[10, 5, 2]]).tolist() == ["the [UNK] cat"]


def test_fixed_vocabulary_warnings():
    with pytest.warns(UserWarning, match="'max_tokens' is not used"):
        TextTokenizer(vocabulary=["a"], max_tokens=5).fit(["a"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the text recipe's "auto" decides nothing
        tok = TextTokenizer(vocabulary=["a"], max_tokens="auto").fit(["a"])
    assert tok.plan_ == {"max_tokens": None}
    assert tok.plan_.why["max_tokens"] == "a fixed vocabulary"
    with pytest.warns(UserWarning, match="'min_frequency' is not used"):
        TextTokenizer(vocabulary=["a"], min_frequency=2).fit(["a"])
    with pytest.warns(UserWarning, match="upper-case letters"):
        TextTokenizer(vocabulary=["Paris"]).fit(["Paris"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        TextTokenizer(vocabulary=np.array(["Paris"]), lowercase=False).fit(["a"])


# -- round trip ------------------------------------------------------------------


def test_inverse_transform_round_trip_with_padding_and_oov():
    tok = TextTokenizer(max_tokens=5).fit(["a a a b b c c d", "e"])
    seqs = tok.transform(["a b c x", "a"])
    assert tok.inverse_transform(seqs).tolist() == ["a b c [UNK]", "a"]
    padded = np.array([[2, 3, 4, 1], [0, 0, 0, 2], [2, 0, 0, 0], [0, 0, 0, 0]])
    texts = tok.inverse_transform(padded)
    assert texts.dtype == object
    assert texts.tolist() == ["a b c [UNK]", "a", "a", ""]
    frame = tok.inverse_transform(pd.DataFrame(padded))
    assert frame.tolist() == texts.tolist()
    floats = tok.inverse_transform(padded.astype(np.float32))
    assert floats.tolist() == texts.tolist()
    assert tok.inverse_transform([[], (2,)]).tolist() == ["", "a"]
    assert tok.inverse_transform([]).shape == (0,)


# -- input forms -----------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        list,
        tuple,
        np.array,
        lambda d: np.array(d, dtype=object),
        lambda d: np.array(d).reshape(-1, 1),
        pd.Series,
        lambda d: pd.Series(d, dtype="string"),
        lambda d: pd.DataFrame({"text": d}),
        lambda d: (doc for doc in d),
    ],
    ids=[
        "list",
        "tuple",
        "str-array",
        "object-array",
        "column-array",
        "series",
        "string-series",
        "dataframe",
        "generator",
    ],
)
def test_input_forms(make):
    expected = TextTokenizer().fit(DOCS)
    tok = TextTokenizer().fit(make(DOCS))
    assert tok.vocabulary_ == expected.vocabulary_
    assert_sequences_equal(tok.transform(make(DOCS)), expected.transform(DOCS))
    assert_sequences_equal(
        TextTokenizer().fit_transform(make(DOCS)), tok.transform(DOCS)
    )


def test_input_is_not_mutated():
    docs = pd.Series(DOCS)
    before = docs.copy()
    TextTokenizer(strip_html=True).fit_transform(docs)
    pd.testing.assert_series_equal(docs, before)


# -- equivalences ------------------------------------------------------------------

# Mostly ASCII documents (the tokenizer's fast path) with some others mixed in.
ASCII_PIECES = [*"aAbBz_1 '\n\t.-<>/", "br", "<br />", "n't", "''"]
OTHER_PIECES = [*"’\x00éÉİΣ", "Ünï"]
TEXT = st.one_of(
    st.lists(st.sampled_from(ASCII_PIECES), max_size=20),
    st.lists(st.sampled_from(ASCII_PIECES + OTHER_PIECES), max_size=20),
).map("".join)
CORPUS = st.lists(TEXT, min_size=1, max_size=8)


def _has_tokens(docs, **params):
    """Whether ``docs`` hold a word token (else fitting is an error)."""
    try:
        TextTokenizer(**params).fit(docs)
    except ValueError as error:
        if "empty vocabulary" not in str(error):
            raise
        return False
    return True


@settings(max_examples=60, deadline=None)
@given(docs=CORPUS, cuts=st.lists(st.integers(0, 8), max_size=4))
def test_partial_fit_over_any_chunking_equals_fit(docs, cuts):
    assume(_has_tokens(docs))
    bounds = sorted({0, len(docs), *(min(c, len(docs)) for c in cuts)})
    chunks = [docs[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    for params in ({}, {"max_tokens": 4, "min_frequency": 2}, {"char_level": True}):
        expected = TextTokenizer(**params).fit(docs)
        tok = TextTokenizer(**params)
        for chunk in chunks:
            tok.partial_fit(chunk)
        assert tok.vocabulary_ == expected.vocabulary_
        assert list(tok.vocabulary_) == list(expected.vocabulary_)
        assert tok.token_counts_ == expected.token_counts_
        assert tok.vocabulary_size_ == expected.vocabulary_size_


@settings(max_examples=60, deadline=None)
@given(docs=CORPUS, lowercase=st.booleans(), strip_html=st.booleans())
def test_fast_path_equals_regex_and_fit_transform_equals_fit_then_transform(
    docs, lowercase, strip_html
):
    params = {"lowercase": lowercase, "strip_html": strip_html, "max_tokens": 6}
    assume(_has_tokens(docs, **params))
    fast = TextTokenizer(**params)
    regex = TextTokenizer(token_pattern=REGEX_PATH_PATTERN, **params).fit(docs)
    seqs = fast.fit_transform(docs)
    assert fast.vocabulary_ == regex.vocabulary_
    assert fast.token_counts_ == regex.token_counts_
    assert_sequences_equal(seqs, regex.transform(docs))
    assert_sequences_equal(seqs, fast.transform(docs))
    assert_sequences_equal(seqs, clone(fast).fit(docs).transform(docs))
    assert_sequences_equal(regex.fit_transform(docs), regex.transform(docs))


def test_small_blocks_give_the_same_result(monkeypatch):
    docs = DOCS * 5 + ["", "naïve café"] + DOCS
    expected_vocab = TextTokenizer().fit(docs).vocabulary_
    expected = TextTokenizer().fit(docs).transform(docs)
    monkeypatch.setattr(skseq._text, "_BLOCK_CHARS", 7)
    for pattern in (DEFAULT_TOKEN_PATTERN, REGEX_PATH_PATTERN):
        tok = TextTokenizer(token_pattern=pattern)
        assert_sequences_equal(tok.fit_transform(docs), expected)
        assert tok.vocabulary_ == expected_vocab
        assert tok.fit(docs).vocabulary_ == expected_vocab
        assert_sequences_equal(tok.transform(docs), expected)


def test_fit_resets_and_partial_fit_continues_after_fit():
    tok = TextTokenizer().fit(["x y z"]).fit(["a b b"])
    assert tok.vocabulary_ == {"b": 2, "a": 3}
    tok.partial_fit(["a a a"])
    assert tok.vocabulary_ == {"a": 2, "b": 3}
    assert tok.token_counts_ == Counter({"a": 4, "b": 2})


def test_pickle_and_clone():
    tok = TextTokenizer(max_tokens=6, token_pattern=r"\w+", strip_html=True).fit(DOCS)
    restored = pickle.loads(pickle.dumps(tok))
    assert restored.vocabulary_ == tok.vocabulary_
    assert restored.plan_ == tok.plan_ and restored.plan_.why == tok.plan_.why
    assert_sequences_equal(restored.transform(DOCS), tok.transform(DOCS))
    seqs = pickle.loads(pickle.dumps(tok.transform(DOCS)))
    assert_sequences_equal(seqs, tok.transform(DOCS))
    fresh = clone(tok)
    assert fresh.get_params() == tok.get_params()
    assert not hasattr(fresh, "vocabulary_")


def test_fit_leaves_parameters_alone():
    vocab = {"cat": 2}
    tok = TextTokenizer(vocabulary=vocab, lowercase=False)
    params = tok.get_params()
    tok.fit(DOCS)
    assert tok.get_params() == params
    assert tok.get_params()["vocabulary"] is vocab
    public = {k for k in vars(tok) if not k.startswith("_") and not k.endswith("_")}
    assert public == set(params)


@pytest.mark.parametrize(
    "check",
    [
        estimator_checks.check_no_attributes_set_in_init,
        estimator_checks.check_estimator_repr,
        estimator_checks.check_do_not_raise_errors_in_init_or_set_params,
        estimator_checks.check_mixin_order,
        estimator_checks.check_valid_tag_types,
        estimator_checks.check_estimator_tags_renamed,
        estimator_checks.check_get_params_invariance,
        estimator_checks.check_set_params,
        estimator_checks.check_parameters_default_constructible,
    ],
    ids=lambda check: check.__name__,
)
def test_api_checks_that_need_no_numeric_data(check):
    # parametrize_with_checks skips estimators without 2-D input (like
    # CountVectorizer); these API checks do not depend on the input.
    check("TextTokenizer", TextTokenizer())


def test_tags():
    tags = TextTokenizer().__sklearn_tags__()
    assert tags.input_tags.string and not tags.input_tags.two_d_array
    assert tags.requires_fit


# -- errors ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["fit", "partial_fit", "fit_transform"])
def test_bare_string_is_rejected(method):
    msg = "Iterable over raw text documents expected, string object received."
    with pytest.raises(ValueError, match=re.escape(msg)):
        getattr(TextTokenizer(), method)("a single document")
    with pytest.raises(ValueError, match=re.escape(msg)):
        TextTokenizer().fit(DOCS).transform("a single document")


@pytest.mark.parametrize(
    "missing", [None, np.nan, float("nan"), pd.NA], ids=["None", "np.nan", "nan", "NA"]
)
def test_missing_documents_name_positions_and_suggest_fillna(missing):
    docs = ["ok", missing, "ok", missing]
    msg = r"2 missing document\(s\) \(None or NaN\) at position\(s\) 1, 3\. .*fillna"
    with pytest.raises(ValueError, match=msg):
        TextTokenizer().fit(docs)
    with pytest.raises(ValueError, match=msg):
        TextTokenizer().fit(DOCS).transform(pd.Series(docs, dtype=object))


def test_many_missing_documents_show_the_first_five():
    docs = [None] * 8 + ["a"]
    with pytest.raises(ValueError, match=r"8 missing .* 0, 1, 2, 3, 4, \.\.\."):
        TextTokenizer().fit(docs)


def test_non_string_documents_are_rejected():
    with pytest.raises(TypeError, match="Got int 5 at position 1 instead"):
        TextTokenizer().fit(["a", 5])
    with pytest.raises(TypeError, match="Got bytes b'a' at position 0 instead"):
        TextTokenizer().fit([b"a"])
    with pytest.raises(TypeError, match="iterable of str documents. Got int instead"):
        TextTokenizer().fit(5)


def test_bad_shapes_are_rejected():
    frame = pd.DataFrame({"title": ["a"], "text": ["b"]})
    with pytest.raises(ValueError, match=r"DataFrame with 2 columns \['title', 'text'"):
        TextTokenizer().fit(frame)
    with pytest.raises(ValueError, match=r"1-D array .* shape \(1, 2\)"):
        TextTokenizer().fit(np.array([["a", "b"]]))
    with pytest.raises(ValueError, match="Found 0 documents"):
        TextTokenizer().fit([])
    with pytest.raises(ValueError, match="Found 0 documents"):
        TextTokenizer().partial_fit(pd.Series([], dtype=object))


@pytest.mark.parametrize(
    "params, match",
    [
        (
            {"max_tokens": 1},
            "'max_tokens' parameter .* range \\[2, inf\\), a str among "
            "{'auto'} or None",
        ),
        ({"max_tokens": 2.5}, "'max_tokens' parameter"),
        ({"max_tokens": "all"}, "'max_tokens' parameter .* Got 'all' instead"),
        ({"min_frequency": 0}, "'min_frequency' parameter .* range \\[1, inf\\)"),
        ({"lowercase": "yes"}, "'lowercase' parameter"),
        ({"char_level": 1}, "'char_level' parameter"),
        ({"strip_html": None}, "'strip_html' parameter"),
        ({"token_pattern": None}, "'token_pattern' parameter"),
        ({"vocabulary": "abc"}, "'vocabulary' parameter"),
        ({"vocabulary": 3}, "'vocabulary' parameter"),
    ],
)
def test_bad_parameters(params, match):
    with pytest.raises(InvalidParameterError, match=match):
        TextTokenizer(**params).fit(DOCS)


@pytest.mark.parametrize("method", ["fit", "partial_fit", "fit_transform"])
def test_bad_token_pattern(method):
    with pytest.raises(
        ValueError, match=r"token_pattern must be a valid regular .*'\(a'"
    ):
        getattr(TextTokenizer(token_pattern="(a"), method)(DOCS)
    with pytest.raises(ValueError, match="token_pattern must have at most one capt"):
        getattr(TextTokenizer(token_pattern=r"(a)(b)"), method)(DOCS)


@pytest.mark.parametrize(
    "vocabulary, match",
    [
        (["a", "b", "a"], r"tokens must be unique. Got duplicate\(s\) \['a'\]"),
        ({"a": 1}, "ids must be integers >= 2 .* Got 1 for token 'a' instead"),
        ({"a": 0}, "ids must be integers >= 2"),
        ({"a": 2.0}, "ids must be integers >= 2 .* Got 2.0"),
        ({"a": True}, "ids must be integers >= 2"),
        ({"a": 2, "b": 2}, r"ids must be unique. Got repeated id\(s\) \[2\]"),
        ([], "vocabulary must contain at least one token"),
        ({}, "vocabulary must contain at least one token"),
        (["a", 3], "vocabulary tokens must be str. Got int 3 instead"),
        ({3: 2}, "vocabulary tokens must be str. Got int 3 instead"),
        ({"a", "b"}, "Got an unordered set instead"),
    ],
)
def test_bad_vocabulary(vocabulary, match):
    for method in ("fit", "partial_fit", "fit_transform"):
        with pytest.raises(ValueError, match=match):
            getattr(TextTokenizer(vocabulary=vocabulary), method)(DOCS)


def test_not_fitted():
    for method in ("transform", "inverse_transform"):
        with pytest.raises(NotFittedError, match="not fitted yet"):
            getattr(TextTokenizer(), method)(DOCS)
    tok = TextTokenizer()
    with pytest.raises(ValueError):
        tok.fit(["a", None])
    with pytest.raises(NotFittedError):
        tok.transform(DOCS)


def test_bad_inverse_transform_input():
    tok = TextTokenizer().fit(["a b"])
    with pytest.raises(ValueError, match=r"ids in \[0, 4\) .* Got id 4 at position 1"):
        tok.inverse_transform([[2], [3, 4]])
    with pytest.raises(ValueError, match="Got id -1 at position 0"):
        tok.inverse_transform(np.array([[-1, 2]]))
    with pytest.raises(ValueError, match="1-D sequences of integer ids. Got float64"):
        tok.inverse_transform([[2.5]])
    with pytest.raises(ValueError, match="1-D sequences of integer ids. Got <U1"):
        tok.inverse_transform([["a"]])
    with pytest.raises(ValueError, match="integer id sequences. Got a str instead"):
        tok.inverse_transform("a b")
    with pytest.raises(ValueError, match="Got a flat sequence .* wrap a single seq"):
        tok.inverse_transform(np.array([2, 3]))
    with pytest.raises(ValueError, match=r"Got int64 array of shape \(1, 1\)"):
        tok.inverse_transform([[[2]]])
