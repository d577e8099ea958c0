"""Script detection decides whether OpenCC runs at all."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest.script import is_traditional, script_counts, to_simplified


def test_traditional_text_is_detected():
    assert is_traditional("為進一步改善醫療服務，提高群眾看病就醫滿意度。")


def test_simplified_text_is_not_traditional():
    assert not is_traditional("为进一步改善医疗服务，提高群众看病就医满意度。")


def test_characters_shared_by_both_scripts_count_for_neither():
    # 范, 干, 面 and the digits are valid in both scripts.
    assert script_counts("范文 干部 面向 2024") == (0, 0)
    assert not is_traditional("范文 干部 面向 2024")


def test_mixed_aggregator_page_is_decided_by_majority():
    # seed 001 style: traditional text with a few simplified words of the site's own.
    text = "醫療服務行動方案精選范文，欢迎阅读。" + "進一步改善醫療服務行動計劃實施方案。" * 5
    assert is_traditional(text)


def test_simplified_plan_quoting_one_traditional_name_stays_simplified():
    text = "香港醫院管理局来访，" + "我市进一步改善医疗服务，推进分级诊疗制度建设。" * 5
    assert not is_traditional(text)


def test_converter_is_not_called_on_simplified_text():
    calls = []

    def spy(text: str) -> str:
        calls.append(text)
        return text

    text, converted = to_simplified("推进分级诊疗制度建设。", spy)
    assert (text, converted, calls) == ("推进分级诊疗制度建设。", False, [])


def test_converter_runs_on_traditional_text(resources):
    text, converted = to_simplified("推進分級診療制度建設。", resources.t2s.convert)
    assert (text, converted) == ("推进分级诊疗制度建设。", True)


def test_no_converter_means_no_conversion():
    assert to_simplified("醫療服務", None) == ("醫療服務", False)


@given(st.text(alphabet="醫務医务干范面abc 。\n", max_size=60))
def test_script_counts_count_every_occurrence(text: str) -> None:
    # script_counts counts through a numpy code-point table for speed; the totals
    # must be those of testing every character.
    from pipeline.ingest.script import _script_only_sets

    traditional, simplified = _script_only_sets()
    assert script_counts(text) == (
        sum(1 for c in text if c in traditional),
        sum(1 for c in text if c in simplified),
    )


@given(st.text(max_size=80))
def test_script_counts_agree_with_per_character_sets_on_any_text(text: str) -> None:
    # any code point (astral, lone surrogates, NUL) is counted like the set test counts it
    from pipeline.ingest.script import _script_only_sets

    traditional, simplified = _script_only_sets()
    assert script_counts(text) == (
        sum(1 for c in text if c in traditional),
        sum(1 for c in text if c in simplified),
    )


def test_script_counts_only_read_the_sample():
    assert script_counts("醫" * 5 + "务" * 5, sample=6) == (5, 1)


def test_script_counts_survive_lone_surrogates():
    assert script_counts("\ud800醫\udfff务𠀀") == (1, 1)
