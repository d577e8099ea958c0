"""The normaliser keeps meaning: widths, pinyin annotations, lost characters, script."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.normalize import (
    LOST,
    fold_widths,
    normalize_newlines,
    normalize_text,
    remove_artefacts,
    remove_pinyin_annotations,
)


def _t2s(resources):
    return resources.t2s.convert


# --- widths ---------------------------------------------------------------------------


def test_fullwidth_letters_digits_and_ideographic_space_are_folded():
    assert fold_widths("Ｆ２０２５年\u3000ＡＢＣ") == "F2025年 ABC"


def test_kangxi_radical_lookalikes_from_pdfs_become_characters():
    assert fold_widths("⼀、⼯作⽬标") == "一、工作目标"


def test_chinese_punctuation_is_kept_exactly():
    text = "川卫办发〔2018〕27号（2018-2020年）：一、二；三。“四”《五》，六、"
    assert fold_widths(text) == text


def test_fullwidth_decimal_point_inside_numbers_only():
    assert fold_widths("达到３．５％。") == "达到3.5％。"
    assert fold_widths("1．加强领导") == "1．加强领导"  # a list marker stays as written


def test_newlines_and_invisible_characters():
    assert normalize_newlines("一\r\n二\r三\u2028四\u200b五\u00a0六") == "一\n二\n三\n四五 六"


def test_bookmark_artefacts_are_removed():
    assert remove_artefacts("[bookmark: _GoBack]各区卫生健康委：") == ("各区卫生健康委：", 1)


# --- pinyin ---------------------------------------------------------------------------


def test_pinyin_annotation_after_character_is_removed():
    assert remove_pinyin_annotations("公務(wù)員期刊網(wǎng)") == ("公務員期刊網", 2)


def test_fullwidth_parentheses_annotation():
    assert remove_pinyin_annotations("醫(yī)療服務（wù）") == ("醫療服務", 2)


def test_real_parentheticals_are_kept():
    for text in (
        "行动计划(2019-2021年)",
        "（市卫健委牵头）",
        "测评端(iPAD)",
        "网(nj12320.org)",
        "(一)",
    ):
        assert remove_pinyin_annotations(text) == (text, 0)


def test_toneless_pinyin_only_directly_after_a_character():
    assert remove_pinyin_annotations("服务(wu)") == ("服务", 1)
    assert remove_pinyin_annotations("Hepatitis (a) 疫苗") == ("Hepatitis (a) 疫苗", 0)
    assert remove_pinyin_annotations("服务(abc)") == ("服务(abc)", 0)  # not a syllable


def test_seed_001_title_comes_out_clean(resources):
    result = normalize_text(
        "公務(wù)員期刊網(wǎng) 精選范文 醫(yī)療服務(wù)行動方案范文", _t2s(resources)
    )
    assert result.text == "公务员期刊网 精选范文 医疗服务行动方案范文"
    assert result.converted_from_traditional
    assert result.pinyin_removed == 4


# --- mojibake and lost characters -------------------------------------------------------


def test_mojibake_fragment_before_annotation_is_replaced(resources):
    result = normalize_text("確保醫療安全?,F(xiàn)將2016年上半年工作總結如下:", _t2s(resources))
    assert result.text == f"确保医疗安全{LOST}{LOST}将2016年上半年工作总结如下:"
    assert result.mojibake_removed == 1
    assert result.lost_chars == 2
    assert "?" not in result.text and "(xiàn)" not in result.text


def test_annotation_that_lost_its_parenthesis():
    result = normalize_text("科室內?nèi)部要相互檢查。")
    assert "nèi" not in result.text
    assert result.mojibake_removed == 1


def test_question_mark_between_characters_is_a_lost_character():
    result = normalize_text("建成市級臨床重點??個以上。")
    assert result.text == f"建成市級臨床重點{LOST}{LOST}個以上。"
    assert result.lost_chars == 2
    assert any("lost" in w for w in result.warnings)


def test_real_question_marks_are_kept():
    for text in (
        "群众满意吗?我们要持续改进。",
        "是否达到目标?",
        "What is DRG?",
        "如何落实?",
        "DRG??",
        "a?b",
    ):
        result = normalize_text(text)
        assert result.text == text
        assert result.lost_chars == 0


# --- script -----------------------------------------------------------------------------


def test_simplified_text_is_never_passed_to_the_converter():
    def must_not_run(text: str) -> str:
        raise AssertionError("t2s called on a simplified document")

    result = normalize_text("各区卫生健康委：现将行动计划印发给你们。", must_not_run)
    assert not result.converted_from_traditional


def test_pinyin_is_removed_before_conversion(resources):
    result = normalize_text("醫(yī)療服務(wù)行動計劃", _t2s(resources))
    assert result.text == "医疗服务行动计划"


def test_clean_simplified_text_is_unchanged(resources):
    text = "一、总体要求\n到2025年，基层首诊率保持在95%以上。（市卫生健康委牵头）"
    result = normalize_text(text, _t2s(resources))
    assert result.text == text
    assert (result.lost_chars, result.pinyin_removed, result.mojibake_removed) == (0, 0, 0)
    assert result.warnings == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("醫療務服(wù)（）?？,F 1２　\r\nabcxiàn。吗"), max_size=80))
def test_normalize_never_raises(text):
    result = normalize_text(text)
    assert isinstance(result.text, str)
    assert result.lost_chars == result.text.count(LOST)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_normalize_never_raises_on_arbitrary_text(text):
    normalize_text(text)


def test_annotation_after_debris_of_a_broken_character_is_removed() -> None:
    result = normalize_text("加強重點專??平ㄔO(shè)、診療中心")
    assert "(shè)" not in result.text
    result = normalize_text("活動是因為槭辛⑨t(yī)院眼科感染")
    assert "(yī)" not in result.text
