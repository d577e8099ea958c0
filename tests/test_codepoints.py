"""Code-point arrays and tables used for whole-text character tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.codepoints import CODE_SPACE, char_table, code_points


@given(st.text(max_size=50))
def test_code_points_are_the_characters_ords(text: str) -> None:
    assert code_points(text).tolist() == [ord(c) for c in text]


def test_lone_surrogates_and_astral_characters_keep_their_code_point() -> None:
    assert code_points("\ud800a𠀀").tolist() == [0xD800, 0x61, 0x20000]


def test_char_table_marks_exactly_the_given_characters() -> None:
    table = char_table("北京𠀀")
    assert table.shape == (CODE_SPACE,)
    assert set(table.nonzero()[0].tolist()) == {ord("北"), ord("京"), 0x20000}
    assert not char_table("").any()
