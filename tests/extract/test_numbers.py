"""Numerals as plans write them: exact readings a user relies on, and round-trip properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.numbers import (
    ARABIC_NUMBER,
    CN_NUMERAL,
    NUMBER,
    parse_chinese_numeral,
    parse_number,
    parse_ratio,
    render_chinese_numeral,
    render_ratio,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三", 3),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百二十", 120),
        ("一百零五", 105),
        ("两千", 2000),
        ("一千零五", 1005),
        ("三万", 30000),
        ("十万", 100000),
        ("一亿零五百万", 105_000_000),
        ("二〇二五", 2025),
        ("贰拾", 20),
    ],
)
def test_parse_chinese_numeral(text: str, value: int) -> None:
    assert parse_chinese_numeral(text) == value


@pytest.mark.parametrize("text", ["", "一二十", "医院", "3"])
def test_parse_chinese_numeral_rejects(text: str) -> None:
    assert parse_chinese_numeral(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("95", 95.0),
        ("1,000", 1000.0),
        ("7.5", 7.5),
        ("3万", 30000.0),
        ("百分之九十", 90.0),
        ("两", 2.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_parse_number_rejects_words() -> None:
    assert parse_number("医院") is None
    assert parse_number("") is None


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numeral_round_trip(n: int) -> None:
    assert parse_chinese_numeral(render_chinese_numeral(n)) == n


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_rendered_numeral_matches_pattern(n: int) -> None:
    import regex

    assert regex.fullmatch(CN_NUMERAL, render_chinese_numeral(n))
    assert regex.fullmatch(NUMBER, render_chinese_numeral(n))


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_with_thousands_separators(n: int) -> None:
    import regex

    assert regex.fullmatch(ARABIC_NUMBER, f"{n:,}")
    assert parse_number(f"{n:,}") == n


def test_seed_ratios() -> None:
    assert parse_ratio("1:0.6") == (1.0, 0.6)  # 床护比达到1:0.6 (seed 004)
    assert parse_ratio("0.4:1") == (0.4, 1.0)  # 护床比不低于0.4:1 (seed 000)
    assert parse_ratio("1∶1.25") == (1.0, 1.25)
    assert parse_ratio("1：2") == (1.0, 2.0)
    assert parse_ratio("8点30") is None


_side = st.decimals(min_value=0, max_value=100000, places=3, allow_nan=False).map(float)


@given(_side, _side)
def test_ratio_round_trip(a: float, b: float) -> None:
    assert parse_ratio(render_ratio(a, b)) == (a, b)
