from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.research import fonts
from pipeline.research.fonts import CJKFontNotFound, covers, find_cjk_font


def test_finds_a_font_that_draws_chinese() -> None:
    try:
        font = find_cjk_font()
    except CJKFontNotFound as err:
        pytest.skip(f"no CJK font installed here: {err}")
    assert font.path.is_file()
    assert covers(font.path, "床护比远程医疗")
    assert font.name in font.describe()


def test_dejavu_does_not_count_as_cjk() -> None:
    from matplotlib import font_manager

    dejavu = font_manager.findfont("DejaVu Sans")
    assert not covers(dejavu)
    assert covers(dejavu, "abc")


def test_fails_clearly_without_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    monkeypatch.setattr(fonts.font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(fonts.font_manager, "findSystemFonts", lambda *a, **k: [])
    with pytest.raises(CJKFontNotFound, match="fonts-noto-cjk"):
        find_cjk_font()


def test_env_var_must_point_at_a_cjk_font(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "missing.ttf"))
    with pytest.raises(CJKFontNotFound, match=fonts.ENV_VAR):
        find_cjk_font()
