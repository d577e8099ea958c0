"""The batched HMM must decode every run exactly as ``jieba.finalseg.cut`` does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jieba import finalseg

from pipeline.structure.hmm_batch import BatchHMM


@pytest.fixture(scope="module")
def hmm() -> BatchHMM:
    return BatchHMM.from_jieba()


# Han characters common and rare, plus the digits, letters and symbols a run may hold
_ALPHABET = list("鱼咡湾菂蒫玥珺婠的一是在人有我他这中大来上国个到说们为子和你地出道也时年") + list(
    "0123456789.%abXY"
)
runs = st.text(alphabet=st.sampled_from(_ALPHABET), min_size=1, max_size=25)


@settings(max_examples=300, deadline=None)
@given(st.lists(runs, max_size=8))
def test_cut_many_is_finalseg_cut(hmm, batch):
    assert hmm.cut_many(batch) == [tuple(finalseg.cut(r)) for r in batch]


def test_names_and_mixed_runs(hmm):
    batch = ["鱼咡湾", "张三丰", "7.5%左右", "蒫玥珺婠", "x"]
    assert hmm.cut_many(batch) == [tuple(finalseg.cut(r)) for r in batch]


def test_force_split_words_are_split(hmm):
    run = "王晓明"  # the HMM keeps this name whole
    assert hmm.cut_many([run]) == [("王晓明",)]
    finalseg.add_force_split(run)
    try:
        assert hmm.cut_many([run]) == [tuple(finalseg.cut(run))] == [("王", "晓", "明")]
    finally:
        finalseg.Force_Split_Words.discard(run)
