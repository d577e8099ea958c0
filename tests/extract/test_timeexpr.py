"""Tests for pipeline/extract/timeexpr.py: properties of the time-expression patterns."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.timeexpr import PATTERNS, scan

_LOOKAHEAD = (
    "(?=今年|明年|次年|本年|当年|本财政年度|年内|年底|年末|上半年|下半年|第?[一二三四]季度)"
)


def _spans(pattern: regex.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def test_no_pattern_stops_at_every_character() -> None:
    # scan() runs on every unit; a pattern that matches the empty string at each
    # position makes it walk the text one match object per character (a few empty
    # matches where a time word could start, here at 下, are fine).
    text = "加快建设区域医疗中心，推动优质医疗资源扩容下沉。" * 20
    for name, pattern in PATTERNS.items():
        empty = sum(1 for m in pattern.finditer(text) if m.end() == m.start())
        assert empty * 10 < len(text), name


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "今年",
                "明年",
                "本年度",
                "当年",
                "年内",
                "年底",
                "上半年",
                "第三季度",
                "一季度",
                "本财政年度",
                "当年财政年度",
                "次年",
                "年末",
                "下半年",
                "二季度",
                "第四",
                "季度",
                "本",
                "二",
                "2024",
                "十",
                "每",
                "相",
                "前",
                "年",
                "完成",
                "，",
                "内",
                "底",
            ]
        ),
        max_size=12,
    )
)
def test_relative_lookahead_keeps_every_match(parts: list[str]) -> None:
    # The lookahead in the "relative" pattern is only a speed filter: without it
    # the non-empty matches are the same.
    text = "".join(parts)
    fast = PATTERNS["relative"]
    assert _LOOKAHEAD in fast.pattern
    slow = regex.compile(fast.pattern.replace(_LOOKAHEAD, "", 1))
    assert _spans(fast, text) == _spans(slow, text)


def test_scan_finds_relative_expressions() -> None:
    shapes = [(e.start, e.end) for e in scan("今年年底前完成，上半年启动")]
    assert (0, 4) in shapes
    assert (8, 11) in shapes
