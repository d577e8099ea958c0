import math

import numpy as np
import pytest
import regex
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.classify.features import (
    FeatureExtractor,
    SparseTfidf,
    char_ngrams,
    cue_features,
    normalize_text,
    word_tokens,
)


def test_char_ngrams_map_digits_and_drop_spaces():
    assert char_ngrams("２０２4 年", 1, 2) == ["0", "0", "0", "0", "年", "00", "00", "00", "0年"]


def test_tfidf_rows_are_l2_normalised_and_unknown_terms_ignored():
    tf = SparseTfidf(min_df=1).fit([["a", "b"], ["a", "c"], ["a"]])
    assert tf.vocabulary == ["a", "b", "c"]
    X = tf.transform([["a", "b", "b"], ["zzz"], []]).toarray()
    assert np.isclose(np.linalg.norm(X[0]), 1.0)
    assert X[0, 1] > X[0, 0]  # rarer and repeated
    assert not X[1].any() and not X[2].any()


def test_cue_features_count_distinct_cues_per_code():
    f = cue_features(["推行预约诊疗和分时段预约", "无关内容"], [["预约诊疗", "分时段"], ["中医"]])
    assert f.shape == (2, 3)
    assert np.isclose(f[0, 0], np.log1p(2)) and f[0, 1] == 0 and np.isclose(f[0, 2], np.log1p(2))
    assert not f[1].any()


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=100))
def test_features_never_raise(text):
    normalize_text(text)
    char_ngrams(text)
    cue_features([text], [["医"], []])


def test_tfidf_column_map_follows_a_refit() -> None:
    # (perf) transform() reuses its term -> column map; a re-fit or an edited
    # vocabulary must still give the columns of the current vocabulary.

    tfidf = SparseTfidf(min_df=1).fit([["a", "b"], ["b", "c"]])
    first = tfidf.transform([["c"]]).toarray()
    assert first[0, tfidf.vocabulary.index("c")] > 0
    tfidf.fit([["x", "c"], ["y"]])
    again = tfidf.transform([["c"]]).toarray()
    assert again.shape[1] == 3
    assert again[0, tfidf.vocabulary.index("c")] > 0
    tfidf.vocabulary[tfidf.vocabulary.index("c")] = "z"  # edited in place
    assert tfidf.transform([["c"]]).nnz == 0


# --------------------------------------------------------------------------- (perf) equivalence
# The prediction path was optimised (one normalisation per text, bucketed cue search, TF-IDF
# built from column-id counts).  These references are the straightforward per-row versions it
# replaced; the fast path must give bit-identical matrices, hence identical labels and scores.


def _reference_tfidf(tfidf: SparseTfidf, docs: list[list[str]]) -> sp.csr_matrix:
    index = {t: i for i, t in enumerate(tfidf.vocabulary)}
    rows, cols, vals = [], [], []
    for r, terms in enumerate(docs):
        counts: dict[int, int] = {}
        for t in terms:
            if t in index:
                counts[index[t]] = counts.get(index[t], 0) + 1
        if not counts:
            continue
        ids = np.fromiter(counts.keys(), dtype=np.int64)
        w = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * tfidf.idf[ids]
        w /= np.linalg.norm(w)
        rows.extend([r] * len(ids))
        cols.extend(ids.tolist())
        vals.extend(w.tolist())
    return sp.csr_matrix(
        (np.asarray(vals, dtype=np.float32), (rows, cols)),
        shape=(len(docs), len(tfidf.vocabulary)),
        dtype=np.float32,
    )


def _reference_cues(texts: list[str], cues: list[list[str]]) -> np.ndarray:
    out = np.zeros((len(texts), len(cues) + 1), dtype=np.float32)
    for r, text in enumerate(texts):
        t = normalize_text(text)
        total = 0
        for j, group in enumerate(cues):
            hits = sum(1 for c in group if normalize_text(c) and normalize_text(c) in t)
            total += hits
            out[r, j] = math.log1p(hits)
        out[r, -1] = math.log1p(total)
    return out


def _reference_transform(f: FeatureExtractor, texts: list[str], tokenize) -> sp.csr_matrix:
    w = _reference_tfidf(f.words, [word_tokens(t, tokenize) for t in texts])
    c = _reference_tfidf(f.chars, [char_ngrams(t) for t in texts])
    q = sp.csr_matrix(_reference_cues(texts, f.cues) * np.float32(f.cue_weight))
    return sp.hstack([w, c, q], format="csr", dtype=np.float32)


def _assert_same_matrix(a: sp.csr_matrix, b: sp.csr_matrix) -> None:
    assert a.shape == b.shape
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)  # bit-identical, not merely close


_CUES = [
    ["预约诊疗", "预约", "诊疗预约", "约诊"],  # nested and overlapping phrases
    ["中医", "中医药", "医"],  # a one-character cue
    ["预约", "", "ＡＢ"],  # repeated across codes, an empty cue, a full-width cue
    [],
]
_TRAIN = [
    "推行预约诊疗和分时段预约，2024年底前覆盖80%",
    "推进中医药传承创新，建设中医医院",
    "完善 AB 类医疗服务价格，ab 同比增长10%",
    "预约诊疗预约诊疗：全面推行",
]


def _split(text: str) -> list[str]:
    return [w for w in regex.split(r"[\s，：、。]+|(?<=\d)(?=\D)", text) if w]


def _fitted() -> FeatureExtractor:
    return FeatureExtractor(
        cues=_CUES, cue_weight=0.7, words=SparseTfidf(min_df=1), chars=SparseTfidf(min_df=1)
    ).fit(_TRAIN, _split)


def _split_many(texts: list[str]) -> list[list[str]]:
    return [_split(t) for t in texts]


def test_fast_transform_is_bit_identical_to_the_reference() -> None:
    f = _fitted()
    texts = [*_TRAIN, "", "   ", "无关内容", "诊疗预约约诊中医", "２０２５年预约挂号", "医医医"]
    reference = _reference_transform(f, texts, _split)
    _assert_same_matrix(f.transform(texts, _split), reference)
    # the batch path (all texts tokenised at once, terms counted by numpy) too
    _assert_same_matrix(f.transform(texts, _split, _split_many), reference)


def test_cue_counts_keep_overlaps_repeats_and_single_characters() -> None:
    f = cue_features(["诊疗预约诊疗", "中医", "ab预约"], _CUES)
    # 诊疗预约诊疗 holds 预约诊疗, 预约, 诊疗预约, 约诊 (overlapping); 预约 also counts for code 3
    assert f[0].tolist() == pytest.approx([np.log1p(4), 0, np.log1p(1), 0, np.log1p(5)])
    assert f[1].tolist() == pytest.approx([0, np.log1p(2), 0, 0, np.log1p(2)])
    assert f[2].tolist() == pytest.approx([np.log1p(1), 0, np.log1p(2), 0, np.log1p(3)])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="预约诊疗中医药 ＡＢab0１,。", max_size=30), max_size=4))
def test_fast_path_matches_reference_on_any_text(texts: list[str]) -> None:
    f = _fitted()
    reference = _reference_transform(f, texts, _split)
    _assert_same_matrix(f.transform(texts, _split), reference)
    _assert_same_matrix(f.transform(texts, _split, _split_many), reference)
    assert np.array_equal(cue_features(texts, _CUES), _reference_cues(texts, _CUES))


def test_committed_model_features_match_the_reference() -> None:
    from pipeline.classify.model import load_default_classifier

    clf = load_default_classifier()
    if clf is None:
        pytest.skip("no committed model")
    texts = [
        "到2025年底，全市二级以上公立医院全面推行预约诊疗，预约时段精确到30分钟以内。",
        "加快推进紧密型县域医共体建设，完善家庭医生签约服务。",
        "地区生产总值同比增长8%左右，固定资产投资增长10%。",
    ]
    f = clf.features
    assert f is not None
    reference = _reference_transform(f, texts, clf._tokenize)
    _assert_same_matrix(f.transform(texts, clf._tokenize), reference)
    _assert_same_matrix(f.transform(texts, clf._tokenize, clf._tokenize_many), reference)
    _assert_same_matrix(
        f.rows(texts, clf._tokenize, clf._tokenize_many, clf._word_spans()), reference
    )


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "zz", "d"]), max_size=8), max_size=5))
def test_transform_lists_equals_transform(docs: list[list[str]]) -> None:
    tfidf = SparseTfidf(min_df=1).fit([["a", "b"], ["b", "c"], ["c", "d", "a"]])
    _assert_same_matrix(tfidf.transform_lists(docs), tfidf.transform(docs))


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("ＡＢｅ１２％，：（）\u3000ﬁ㎡①⑴Ⅻ가\u1100\u1161\u0301\u0327é")),
            st.characters(),
        ),
        max_size=30,
    )
)
def test_normalize_text_is_nfkc_and_lower(text: str) -> None:
    import unicodedata

    assert normalize_text(text) == unicodedata.normalize("NFKC", text).lower()


def _counter_reference(row, col, n_rows):
    from collections import Counter

    cols, counts, per_row = [], [], []
    for r in range(n_rows):
        c = Counter(int(x) for x, rr in zip(col, row, strict=True) if rr == r)
        cols += list(c.keys())
        counts += list(c.values())
        per_row.append(len(c))
    return cols, counts, per_row


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 30)), max_size=60),
    st.booleans(),
)
def test_count_in_order_is_a_counter_per_row(pairs, huge_column):
    from pipeline.classify.features import count_in_order

    # rows need not come grouped (character n-grams come size by size over all rows)
    row = np.array([r for r, _ in pairs], dtype=np.int64)
    col = np.array([c for _, c in pairs], dtype=np.int64)
    if huge_column and len(col):  # keys too big for the fast path: the general one
        col[0] = 1 << 50
    cols, counts, per_row = count_in_order(row, col, 5)
    ref_cols, ref_counts, ref_per_row = _counter_reference(row.tolist(), col.tolist(), 5)
    assert cols.tolist() == ref_cols
    assert counts.tolist() == ref_counts
    assert per_row == ref_per_row


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["a", "b", "2024", "3.5%", "１２", "b2", "%", "7\n8"]), max_size=8
        ),
        max_size=5,
    )
)
def test_transform_lists_counts_numbers_as_one_term(docs: list[list[str]]) -> None:
    from pipeline.classify.features import _word_term

    tfidf = SparseTfidf(min_df=1).fit([["a", "<num>"], ["b", "<num>"], ["b2", "a"]])
    expected = tfidf.transform([list(map(_word_term, d)) for d in docs])
    _assert_same_matrix(tfidf.transform_lists(docs, number_term="<num>"), expected)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 5), st.lists(st.integers(1, 6), min_size=1, max_size=3), st.integers(0, 10**6)
)
def test_sparse_rows_stack_like_scipy(n_rows: int, widths: list[int], seed: int) -> None:
    from pipeline.classify.features import SparseRows

    rng = np.random.default_rng(seed)
    dense = [
        (rng.random((n_rows, w)) * (rng.random((n_rows, w)) < 0.4)).astype(np.float32)
        for w in widths
    ]
    ours = SparseRows.hstack([SparseRows.from_dense(d) for d in dense])
    theirs = sp.hstack([sp.csr_matrix(d) for d in dense], format="csr", dtype=np.float32)
    _assert_same_matrix(ours, theirs)
    weights = rng.random((sum(widths), 3)).astype(np.float32)
    assert np.array_equal(ours.dot(weights), np.asarray(theirs @ weights, dtype=np.float32))


@pytest.fixture(scope="module")
def segmenter():
    from pipeline.structure.segment_batch import load_segmenter

    return load_segmenter()


_JIEBA_TRAIN = [
    *_TRAIN,
    "到2025年底，全市二级以上公立医院全面推行预约诊疗，预约率达到90%以上",
    "推进紧密型县域医共体建设，完善家庭医生签约服务制度，签约率达7.5%",
    "区域医疗中心和互联网医院建设，ABC类项目100个",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(
                list("预约诊疗中医药医院医共体建设签约率达到以上年底 ，。％%.0123456789abＡＢ\n")
            ),
            max_size=40,
        ),
        max_size=5,
    )
)
def test_word_spans_path_gives_the_same_rows(segmenter, texts: list[str]) -> None:
    def tokenize(t: str) -> list[str]:
        return segmenter.words_of_many([t])[0]

    f = FeatureExtractor(
        cues=_CUES, cue_weight=0.7, words=SparseTfidf(min_df=1), chars=SparseTfidf(min_df=1)
    ).fit(_JIEBA_TRAIN, tokenize)
    assert any(len(t) > 3 for t in f.words.vocabulary)  # long terms are looked up by string
    assert "<num>" in f.words.vocabulary
    by_lists = f.rows(texts, tokenize, segmenter.words_of_many)
    _assert_same_matrix(f.rows(texts, tokenize, word_spans=segmenter.word_spans), by_lists)
    _assert_same_matrix(by_lists, _reference_transform(f, texts, tokenize))
