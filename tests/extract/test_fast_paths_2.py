"""Fast paths of the deadline and agency extractors agree with the forms they replace.

Each (perf) gate or rewrite in pipeline/extract (second pass) is checked here against the
plain form it stands for, on random text built from the characters that matter.
"""

from __future__ import annotations

import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import agencies as ag
from pipeline.extract import agency_lists as al
from pipeline.extract import deadlines as dl
from pipeline.extract import timeexpr
from pipeline.extract.agency_lexicon import load_lexicon

_LIST_TEXT = st.text(alphabet="、，,；;/／ \t\u3000|（()）市卫健委财政局和A\n", max_size=40)
_AGENCY_TEXT = st.lists(
    st.sampled_from(
        [
            "市卫健委",
            "区财政局",
            "牵头",
            "配合",
            "负责",
            "由",
            "会同",
            "，",
            "。",
            "（",
            "）",
            "(",
            ")",
            "：",
            ":",
            "\n",
            "|",
            "\t",
            "各区县政府",
            "按职责分工负责",
            "完成",
            "工作",
        ]
    ),
    max_size=14,
).map("".join)


def _raw_chunks_reference(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The per-character loop that _raw_chunks replaced."""
    chunks: list[tuple[int, int]] = []
    depth = 0
    s = start
    for i in range(start, end):
        ch = text[i]
        if ch in al._OPEN:
            depth += 1
        elif ch in al._CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in al._HARD_SEPARATORS:
            if i > s:
                chunks.append((s, i))
            s = i + 1
    if end > s:
        chunks.append((s, end))
    return chunks


@settings(max_examples=400, deadline=None)
@given(_LIST_TEXT, st.data())
def test_raw_chunks_equals_character_loop(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert al._raw_chunks(text, start, end) == _raw_chunks_reference(text, start, end)


@settings(max_examples=300, deadline=None)
@given(_AGENCY_TEXT)
def test_gated_finders_match_ungated_premises(text: str) -> None:
    # The gates return early only where the ungated body provably yields nothing.
    lex = load_lexicon()
    if "（" not in text and "(" not in text:
        assert ag._PAREN.search(text) is None
    if "|" not in text and "\t" not in text:
        assert all("|" not in text[a:b] and "\t" not in text[a:b] for a, b in ag._lines(text))
    if "\n" not in text:
        assert len(ag._lines(text)) == 1  # only line 0, which _line_hits skips
    if "：" not in text and ":" not in text:
        assert ag._DUTY_CORE.search(text) is None
    # and the whole extractor still runs on anything
    ag.find_agencies(text, lexicon=lex)


def test_running_regexes_are_those_of_the_lexicon() -> None:
    lex = load_lexicon()
    rx = ag._running_regexes(lex)
    assert rx is ag._running_regexes(lex)  # built once
    assert rx.by_verbs is ag._verb_regex((*lex.by_cues, ag._HUITONG))
    assert rx.running_verbs is ag._verb_regex((*lex.running_cues, ag._HUITONG))
    assert (rx.any_cue, rx.cue_starts) == ag._cue_regexes((*lex.running_cues, ag._HUITONG))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0９０１5８ａ年月", max_size=12))
def test_fullwidth_digit_gate_same_on_both_engines(text: str) -> None:
    assert bool(dl._FULLWIDTH_DIGIT.search(text)) == bool(regex.search("[０-９]", text))
    assert isinstance(dl._FULLWIDTH_DIGIT, re.Pattern)


_TIME_TOKENS = st.sampled_from(
    [*"年月日内前度季每按一二三四五十至到（）()-—~用时个", "2024", "2025", "半年", "上半年",
     "今年", "明年", "次年", "本年度", "当年", "本财政年度", "年底", "年末", "季度", "年度",
     "月度", "考核", "调度", "综合", "时间", "工作日", "小时", "星期", "以内", "之内", "左右"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_TIME_TOKENS, max_size=25).map("".join))
def test_every_time_match_holds_a_word_of_each_further_group(text: str) -> None:
    for shape, groups in timeexpr._ALSO_NEEDS.items():
        if any(m.end() > m.start() for m in timeexpr.PATTERNS[shape].finditer(text)):
            assert timeexpr._has_each(text, groups), (shape, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "ab", "c"]), max_size=3), st.text("abc", max_size=6))
def test_has_each_is_all_of_any(words: list[str], text: str) -> None:
    groups = (tuple(words), ("a", "c"))
    expected = all(any(w in text for w in g) for g in groups)
    assert timeexpr._has_each(text, groups) == expected


@settings(max_examples=400, deadline=None)
@given(_AGENCY_TEXT)
def test_a_text_any_finder_yields_for_passes_the_gate(text: str) -> None:
    lex = load_lexicon()
    finders = (ag._field_hits, ag._parenthetical_hits, ag._table_hits, ag._line_hits,
               ag._running_hits)  # fmt: skip
    if any(list(f(text, lex, None, False)) for f in finders):
        assert ag._may_assign(text, lex), text


_DECLARE_TEXT = st.lists(
    st.sampled_from(["列第一位者为", "牵头", "部门", "主责", "主办", "排在首位的", "单位", "，"]),
    max_size=8,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_DECLARE_TEXT, st.data())
def test_declares_between_bounds_equals_declares_on_the_slice(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text) + 2))
    end = data.draw(st.integers(0, len(text) + 2))
    expected = ag.declares_first_listed_lead(text[start:end])
    assert ag.declares_first_listed_lead(text, start, end) == expected
    assert ag.declares_first_listed_lead(text) == bool(ag._FIRST_LISTED.search(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(_TIME_TOKENS, max_size=10).map("".join))
def test_no_time_expression_no_deadline(text: str) -> None:
    if not timeexpr.scan(text.translate(dl._FULLWIDTH_DIGITS)):
        assert dl.find_deadlines(text) == []


def _shapes_by_needs(text: str) -> list[str]:
    """The shapes whose _NEEDS words (any) and _ALSO_NEEDS groups (each) the text holds."""
    return [
        shape
        for shape in timeexpr.PATTERNS
        if any(w in text for w in timeexpr._NEEDS.get(shape, ("",)))
        and all(any(w in text for w in g) for g in timeexpr._ALSO_NEEDS.get(shape, ()))
    ]


def _shapes_by_plan(text: str) -> list[str]:
    chars = frozenset(timeexpr._GATE_CHARS.findall(text))
    return [
        shape
        for shape, _, verify, also in timeexpr._plan(chars)
        if (not verify or any(w in text for w in verify)) and timeexpr._has_each(text, also)
    ]


@settings(max_examples=500, deadline=None)
@given(st.lists(_TIME_TOKENS | st.sampled_from(["秋季", "春季", "日起", "限期", "五"]),
                max_size=20).map("".join))  # fmt: skip
def test_scan_plan_runs_the_shapes_the_needs_allow(text: str) -> None:
    assert _shapes_by_plan(text) == _shapes_by_needs(text)


@settings(max_examples=400, deadline=None)
@given(_AGENCY_TEXT)
def test_running_hits_same_without_the_last_cue_cut(text: str) -> None:
    lex = load_lexicon()
    fast = list(ag._running_hits(text, lex, None, False))
    cut = ag._clause_starts
    try:  # the plain form: every clause start is visited
        ag._clause_starts = lambda t, last=None: cut(t)  # type: ignore[assignment]
        plain = list(ag._running_hits(text, lex, None, False))
    finally:
        ag._clause_starts = cut
    assert fast == plain
