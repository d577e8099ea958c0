"""The prefix dictionary as integer arrays: the same words and prefixes as jieba's dict."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.structure.prefix_trie import PrefixTrie, _HashedKeys


def test_prefix_trie_walks_words_and_skips_unreachable_ones():
    freq = {"医": 5, "医院": 9, "医院长": 0, "医院长廊": 2, "孤": 0, "孤岛": 3, "断链词": 7}
    trie = PrefixTrie.build(freq, total=100)
    rows = np.array([[ord(c) for c in w] for w in ["医院", "孤岛"]])
    nodes = trie.walk(rows)
    assert (nodes >= 0).all()
    assert trie.logp[nodes].tolist() == pytest.approx(
        [np.log(9) - np.log(100), np.log(3) - np.log(100)]
    )
    # 断链词 has no prefixes in the dictionary: jieba's walk never reaches it, nor does the trie's
    assert trie.walk(np.array([[ord(c) for c in "断链词"]])).tolist() == [-1]
    # a mere prefix is a node without a probability
    assert np.isnan(trie.logp[trie.walk(np.array([[ord(c) for c in "医院长"]]))[0]])
    assert trie.max_len == 4


@settings(max_examples=60, deadline=None)
@given(
    st.sets(st.integers(0, 1 << 40), min_size=1, max_size=300),
    st.lists(st.integers(0, 1 << 40), max_size=100),
)
def test_hashed_keys_find_exactly_the_keys(keys, others):
    key_arr = np.array(sorted(keys), dtype=np.int64)
    values = np.arange(len(key_arr), dtype=np.int32) * 3
    table = _HashedKeys.build(key_arr, values)
    queries = np.array([*keys, *others], dtype=np.int64)
    expected = {int(k): int(v) for k, v in zip(key_arr, values, strict=True)}
    assert table.lookup(queries).tolist() == [expected.get(int(q), -1) for q in queries]
