import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.classify.features import SparseTfidf, char_ngrams, cue_features, normalize_text


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
