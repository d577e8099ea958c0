"""Heading hierarchy: numbering styles, inline lists, damaged numbers, false positives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.structure.outline import ancestors, children, parse_outline, section_end


def outline(text: str) -> list[tuple[int, str, str]]:
    return [(h.level, h.number, h.title) for h in parse_outline(text)]


def test_nested_styles_get_levels_from_their_nesting():
    text = (
        "一、重点任务\n（一）优化流程\n1.推进预约。内容。\n（1）分时段预约。\n①精确到30分钟。\n"
        "②扩大号源。\n2.推进互认。\n（二）加强急救\n二、保障措施\n"
    )
    assert outline(text) == [
        (0, "一、", "重点任务"),
        (1, "（一）", "优化流程"),
        (2, "1.", "推进预约"),
        (3, "（1）", "分时段预约"),
        (4, "①", "精确到30分钟"),
        (4, "②", "扩大号源"),
        (2, "2.", "推进互认"),
        (1, "（二）", "加强急救"),
        (0, "二、", "保障措施"),
    ]


def test_parents_and_children():
    hs = parse_outline("一、甲\n（一）乙\n（二）丙\n二、丁\n")
    assert hs[1].parent == 0 and hs[2].parent == 0 and hs[3].parent is None
    assert children(hs, 0) == [1, 2]
    assert ancestors(hs, 2) == [0]


def test_arabic_variants_and_chinese_comma():
    text = "1、第一项工作。\n2．第二项工作。\n3. 第三项工作。\n"
    assert [(h.number, h.value) for h in parse_outline(text)] == [("1、", 1), ("2．", 2), ("3.", 3)]


def test_chapters_and_articles():
    text = "第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市。\n第二章 职责\n第三条 卫健委负责。\n"
    assert outline(text) == [
        (0, "第一章", "总则"),
        (1, "第一条", "为了规范管理，制定本办法"),
        (1, "第二条", "本办法适用于全市"),
        (0, "第二章", "职责"),
        (1, "第三条", "卫健委负责"),
    ]


def test_part_headings_like_articles_of_an_anthology():
    text = "第1篇：行动方案范文\n一、工作目标\n内容。\n第2篇：行动方案范文\n一、工作目标\n"
    hs = parse_outline(text)
    assert [(h.level, h.number, h.title) for h in hs] == [
        (0, "第1篇", "行动方案范文"),
        (1, "一、", "工作目标"),
        (0, "第2篇", "行动方案范文"),
        (1, "一、", "工作目标"),
    ]


def test_heading_with_running_text_splits_title_and_body():
    text = "（一）加强组织领导。各级卫生健康部门要成立专班。\n（二）强化督导：每季度通报一次。\n"
    hs = parse_outline(text)
    assert [h.title for h in hs] == ["加强组织领导", "强化督导"]
    assert all(h.inline_body for h in hs)
    assert text[hs[0].body_start :].startswith("各级卫生健康部门")
    assert text[hs[0].span[0] : hs[0].span[1]] == "（一）加强组织领导"


def test_title_only_heading_has_no_inline_body():
    hs = parse_outline("一、主要目标\n到2025年，预约诊疗率达到60%。\n")
    assert hs[0].title == "主要目标" and not hs[0].inline_body


def test_inline_list_in_one_long_paragraph():
    text = (
        "为提高服务水平，制定本计划。 一、总体要求 以改革创新为动力，推动能力提升。 二、重点任务 "
        "(一)加快分级诊疗。建设医联体。(市卫生健康委牵头,市医保局配合) (二)加强急诊急救。"
        "推进胸痛中心建设。(市卫生健康委牵头) 三、保障措施 (一)加强组织领导。成立专班。"
    )
    assert outline(text) == [
        (0, "一、", "总体要求"),
        (0, "二、", "重点任务"),
        (1, "(一)", "加快分级诊疗"),
        (1, "(二)", "加强急诊急救"),
        (0, "三、", "保障措施"),
        (1, "(一)", "加强组织领导"),
    ]


def test_lone_inline_number_is_not_a_heading():
    text = "各单位要落实以下要求：(1)按时报送；并做好总结。\n"
    assert parse_outline(text) == []


def test_damaged_dash_for_a_chinese_numeral_is_repaired():
    text = "一、总体要求\n内容。\n-、重点任务\n内容。\n三、保障措施\n"
    hs = parse_outline(text)
    assert [(h.value, h.title, h.repaired) for h in hs] == [
        (1, "总体要求", False),
        (2, "重点任务", True),
        (3, "保障措施", False),
    ]


def test_damaged_dash_inline_after_a_title_confirmed_by_the_sequence():
    text = "一、指导思想 内容。总体要求-、重点任务 内容。三、保障措施 内容。"
    hs = parse_outline(text)
    assert [(h.value, h.title) for h in hs] == [(1, "指导思想"), (2, "重点任务"), (3, "保障措施")]


def test_spaces_ascii_parens_and_full_width_dot():
    text = "一、总体要求\n二 、重点任务\n(一)优化流程\n1．推进预约。\n"
    assert [(h.level, h.value) for h in parse_outline(text)] == [(0, 1), (0, 2), (1, 1), (2, 1)]


def test_numbering_that_runs_on_across_parents():
    text = "（一）甲\n1.任务一。\n2.任务二。\n（二）乙\n3.任务三。\n4.任务四。\n"
    hs = parse_outline(text)
    assert [(h.level, h.number) for h in hs] == [
        (0, "（一）"),
        (1, "1."),
        (1, "2."),
        (0, "（二）"),
        (1, "3."),
        (1, "4."),
    ]
    assert hs[4].parent == 3


def test_skipped_number_at_a_line_start_is_kept():
    text = "一、甲\n二、乙\n四、丁\n"
    assert [h.value for h in parse_outline(text)] == [1, 2, 4]


def test_false_positives_are_rejected():
    text = (
        "一、重点任务\n"
        "门诊量增长1.5倍。2019.5月以来，一、二级医院全部接入平台。\n"
        "三、四季度开展督导。2023年12月31日前完成。\n"
        "12.5%的患者。\n"
        "二、保障措施\n"
    )
    assert outline(text) == [(0, "一、", "重点任务"), (0, "二、", "保障措施")]


def test_number_inside_a_sentence_that_does_not_continue_a_sequence():
    text = (
        "一、重点任务\n（一）优化流程。建立（三）级转诊制度，落实（二）类要求。\n（二）加强急救。\n"
    )
    assert [h.number for h in parse_outline(text)] == ["一、", "（一）", "（二）"]


def test_unnumbered_main_titles_of_work_reports():
    text = (
        "各位代表：\n2023年工作回顾\n（一）经济运行向好。内容。\n（二）民生改善。内容。\n"
        "2024年工作安排\n今年主要预期目标是：增长5%。\n（一）扩大内需。内容。\n"
    )
    hs = parse_outline(text)
    assert [(h.level, h.style, h.title) for h in hs] == [
        (0, "unnumbered", "2023年工作回顾"),
        (1, "paren_cn", "经济运行向好"),
        (1, "paren_cn", "民生改善"),
        (0, "unnumbered", "2024年工作安排"),
        (1, "paren_cn", "扩大内需"),
    ]


def test_section_end_stops_at_the_next_heading_of_the_same_level():
    text = "一、甲\n（一）乙\n内容。\n二、丙\n"
    hs = parse_outline(text)
    assert section_end(hs, 0, len(text)) == text.index("二、")
    assert section_end(hs, 1, len(text)) == text.index("二、")


ALPHABET = "一二三十、（）()1234.．。：第章条篇 \n①②-甲乙级"


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_never_raises_and_spans_point_into_the_text(text):
    hs = parse_outline(text)
    prev = -1
    for h in hs:
        s, e = h.span
        assert 0 <= s <= e <= len(text)
        assert s > prev
        prev = s
        assert text[h.title_span[0] : h.title_span[1]].strip() == h.title
        if h.parent is not None:
            assert h.parent < hs.index(h) and hs[h.parent].level == h.level - 1


def test_enumeration_inside_a_sentence_is_not_a_list_of_headings():
    text = "（一）加强组织领导。各单位要做到：1.明确责任；2.细化分工；3.按时报送。\n（二）强化督导。定期通报。\n"
    assert [h.number for h in parse_outline(text)] == ["（一）", "（二）"]


def test_half_parenthesis_numbers_read_as_parenthesised_ones():
    text = "1.推进预约。\n1）分时段预约。\n2）精确到30分钟。\n2.推进互认。\n"
    hs = parse_outline(text)
    assert [(h.level, h.style, h.value) for h in hs] == [
        (0, "arabic", 1),
        (1, "paren_arabic", 1),
        (1, "paren_arabic", 2),
        (0, "arabic", 2),
    ]


def test_heading_title_starting_with_a_year_in_chinese_numerals():
    text = "一、二〇二三年工作回顾\n内容。\n二、二〇二四年工作安排\n内容。\n"
    assert [h.title for h in parse_outline(text)] == ["二〇二三年工作回顾", "二〇二四年工作安排"]


def test_reference_numbers_after_terms_are_not_headings():
    text = "一、防范风险\n警惕“黑天鹅”（22）、防范“灰犀牛”（23），守住底线。\n"
    assert [h.number for h in parse_outline(text)] == ["一、"]


def test_a_table_header_row_is_not_a_title():
    text = "一、重点任务\n（一）推进预约。内容。\n序号 | 重点任务 | 牵头单位\n1 | 预约诊疗 | 市卫健委\n（二）推进互认。内容。\n"
    assert [h.style for h in parse_outline(text)] == ["cn", "paren_cn", "paren_cn"]


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_text(text):
    for h in parse_outline(text):
        assert 0 <= h.span[0] <= h.span[1] <= len(text)


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET + "\r\t\u3000\xa0\x1c；）”]】:—", max_size=80))
def test_start_positions_are_the_marker_characters_that_can_pass_the_boundary_test(text):
    # (perf) _STARTS skips marker characters that _candidates would reject for
    # what precedes them; dashes (damaged 一、) are kept everywhere.
    import regex

    from pipeline.structure.outline import _INLINE_BOUNDARY, _STARTS

    marker_chars = regex.compile(r"[第（(一二三四五六七八九十\d\-－—―①-⑳]")
    expected = []
    for m in marker_chars.finditer(text):
        i = m.start()
        line_begin = text.rfind("\n", 0, i) + 1
        before = text[max(line_begin, i - 48) : i]
        if text[i] in "-－—―" or not before or _INLINE_BOUNDARY.search(before):
            expected.append(i)
    assert [m.start() for m in _STARTS.finditer(text)] == expected


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            ["重点任务", "工作回顾", "甲" * 27, "乙" * 30, " ", "\u3000", "\t", "\n", "。", "（"]
        ),
        max_size=12,
    )
)
def test_title_lines_are_the_pattern_matches(parts):
    # (perf) _title_lines tries _TITLE_LINE only at the start of short lines.
    from pipeline.structure.outline import _TITLE_LINE, _title_lines

    text = "".join(parts)
    assert [m.span("t") for m in _title_lines(text)] == [
        m.span("t") for m in _TITLE_LINE.finditer(text)
    ]


def test_start_table_covers_every_character_the_start_pattern_accepts():
    # (perf) _start_positions trusts the table to hold a superset of each class.
    import regex

    from pipeline.structure.outline import _DASH, _MAY_OPEN, _MAY_PRECEDE, _START_TABLE

    every = "".join(map(chr, range(0x110000)))
    for chars, flag in (
        (r"[第（(一二三四五六七八九十\d①-⑳]", _MAY_OPEN),
        (r"[\s。；！？：:;!?）)\]】」”]", _MAY_PRECEDE),
        (r"[\-－—―]", _DASH),
    ):
        accepted = [m.start() for m in regex.finditer(chars, every)]
        assert accepted and all(_START_TABLE[c] & flag for c in accepted)


@settings(max_examples=300)
@given(st.text(max_size=60) | st.text(alphabet=ALPHABET + "\u3000\u2003０５٣；”]", max_size=60))
def test_start_positions_are_the_start_pattern_matches(text):
    from pipeline.structure.outline import _STARTS, _start_positions

    assert _start_positions(text) == [m.start() for m in _STARTS.finditer(text)]


@pytest.mark.parametrize(
    ("marker", "kind"),
    [
        ("第一章", "part"),
        ("第二节", "section"),
        ("第3条", "article"),
        ("三、", "cn"),
        ("三．", "cn_dot"),
        ("-、", "cn_bad"),
        ("（四）", "paren_cn"),
        ("5.", "arabic"),
        ("（6）", "paren_arabic"),
        ("7）", "half_paren"),
        ("⑧", "circled"),
    ],
)
def test_the_last_group_of_a_marker_names_its_alternative(marker, kind):
    # _candidates reads the alternative from lastgroup instead of testing each group.
    from pipeline.structure.outline import _MARKER

    m = _MARKER.match(marker + "标题")
    assert m.lastgroup == kind and m.group(kind) is not None
