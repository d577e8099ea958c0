from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.classify.annotate import sentences, split_units, strip_pinyin, to_simplified


def test_strip_pinyin_after_characters_only():
    assert strip_pinyin("公務(wù)員期刊網(wǎng)") == "公務員期刊網"
    assert strip_pinyin("按病种(DRG)付费") == "按病种(DRG)付费"
    assert strip_pinyin("见附件(1)") == "见附件(1)"


def test_to_simplified_keeps_length():
    src = "醫療服務行動計劃"
    out = to_simplified(src)
    assert out == "医疗服务行动计划"
    assert len(out) == len(src)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("医疗服务。；\n 　abc1"), max_size=600))
def test_split_units_spans_are_inside_the_text(text):
    for s, e in split_units(text, max_len=40, min_len=2):
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
    for s, e in sentences(text, 0, len(text), min_len=1):
        assert 0 <= s < e <= len(text)
