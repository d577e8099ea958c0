"""Section titles and paragraph cues that decide a unit's kind."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.structure.cues import (
    EXCLUDED_TITLES,
    GOAL_PARAGRAPH,
    KIND_KEYWORDS,
    KIND_PRIORITY,
    LEAD_IN_PARAGRAPH,
    NON_UNIT_PARAGRAPH,
    RESPONSIBILITY_LINE,
    REVIEW_TITLES,
    YEAR_WORK_TITLE,
    is_excluded_title,
    is_goal_paragraph,
    is_lead_in,
    is_non_unit_paragraph,
    kind_of_title,
)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("重点任务", "task"),
        ("主要措施", "task"),
        ("2024年工作安排", "task"),
        ("主要目标", "goal"),
        ("工作目标", "goal"),
        ("保障措施", "safeguard"),
        ("组织实施", "safeguard"),
        ("工作要求", "safeguard"),
        ("实施步骤", "phase"),
        ("时间安排", "phase"),
        ("2016年重点工作目标及内容", "task"),  # both named: the units are actions
        ("坚持扩大内需", None),
    ],
)
def test_kind_of_title(title, kind):
    assert kind_of_title(title) == kind


def test_suffix_only_needs_the_keyword_at_the_end():
    assert kind_of_title("（三）主要目标", suffix_only=True) == "goal"
    assert kind_of_title("完善工作目标考核", suffix_only=True) is None


@pytest.mark.parametrize("title", ["指导思想", "基本原则", "总体要求", "2023年工作回顾", "附则"])
def test_excluded_titles(title):
    assert is_excluded_title(title)


def test_review_is_excluded_only_when_asked():
    assert not is_excluded_title("2023年工作回顾", review=False)


@pytest.mark.parametrize(
    "par",
    [
        "今年经济社会发展主要预期目标是：地区生产总值增长6%左右。",
        "主要目标：到2025年，基层首诊率达到65%。",
        "综合各方面因素，建议2024年全市经济社会发展主要预期目标为：增长5%。",
    ],
)
def test_goal_paragraphs(par):
    assert GOAL_PARAGRAPH.search(par)


@pytest.mark.parametrize(
    "line",
    [
        "责任单位：区卫健委、区财政局",
        "牵头单位：市卫生健康委；配合单位：市医保局",
        "（市卫生健康委牵头，市医保局配合）",
        "完成时限：2024年底前",
    ],
)
def test_responsibility_lines(line):
    assert RESPONSIBILITY_LINE.search(line)


def test_a_sentence_is_not_a_responsibility_line():
    assert not RESPONSIBILITY_LINE.search("各责任单位要按时报送进展情况。")


# --- the substring-gated forms agree with the regexes (perf) ------------------------

_CUE_ALPHABET = "主要预期目标任务是为：:今年以下如下方面个项几1二。；，\n 工作建议总体发展"


@settings(max_examples=500)
@given(st.integers(0, 45), st.text(alphabet=_CUE_ALPHABET, max_size=60))
def test_gated_goal_and_lead_in_agree_with_their_regexes(filler, par):
    par = "甲" * filler + par  # 目标 near the 42-character limit of the early alternatives
    assert is_goal_paragraph(par) == bool(GOAL_PARAGRAPH.search(par))
    assert is_lead_in(par) == bool(LEAD_IN_PARAGRAPH.search(par))


@settings(max_examples=300)
@given(st.text(alphabet="（(责任单位牵头配合：:）)各位代表今年是20245，总体要求\n 。", max_size=40))
def test_anchored_cues_match_where_they_search(par):
    # units.py calls .match on these: every alternative is anchored at ^.
    for pattern in (NON_UNIT_PARAGRAPH, RESPONSIBILITY_LINE):
        assert bool(pattern.match(par)) == bool(pattern.search(par))


@settings(max_examples=500)
@given(
    st.sampled_from(["", "甲" * 26, "甲" * 31, "甲" * 40]),
    st.lists(
        st.sampled_from(
            ["各位代表", "同志们", "以习近平新时代中国特色社会主义思想为指导", "今年", "明年", "2024年",
             "总体要求", "总的要求", "指导思想", "基本原则", "总体思路", "是", "为", "：", "，", "\n", "甲"]
        ),
        max_size=8,
    ),
)  # fmt: skip
def test_gated_non_unit_cue_agrees_with_its_regex(filler, parts):
    for par in ("".join(parts), filler + "".join(parts)):
        assert is_non_unit_paragraph(par) == bool(NON_UNIT_PARAGRAPH.search(par))


def _title_kind_by_words(title: str, suffix_only: bool = False) -> str | None:
    """kind_of_title as it was written before the word lists became one regex each."""
    title = title.strip().rstrip("。：:；;")
    if suffix_only:
        return next(
            (k for k in KIND_PRIORITY if any(title.endswith(w) for w in KIND_KEYWORDS[k])), None
        )
    found = {k for k, words in KIND_KEYWORDS.items() if any(w in title for w in words)}
    if not found and YEAR_WORK_TITLE.search(title) and not is_excluded_title(title):
        found.add("task")
    return next((k for k in KIND_PRIORITY if k in found), None)


_TITLE_PIECES = sorted(
    {w for words in KIND_KEYWORDS.values() for w in words}
    | set(EXCLUDED_TITLES + REVIEW_TITLES)
    | {"2024年", "今年", "工作", "回顾", "甲", "。", " "}
)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_TITLE_PIECES), max_size=4), st.booleans(), st.booleans())
def test_title_cues_agree_with_the_word_by_word_tests(parts, suffix_only, review):
    title = "".join(parts)
    assert kind_of_title(title, suffix_only) == _title_kind_by_words(title, suffix_only)
    words = EXCLUDED_TITLES + REVIEW_TITLES if review else EXCLUDED_TITLES
    bare = title.strip().rstrip("。：:；;")
    expected = (
        any(bare.endswith(w) for w in words) if suffix_only else any(w in bare for w in words)
    )
    assert is_excluded_title(title, review=review, suffix_only=suffix_only) == expected
