"""Find a font that can draw Chinese, for matplotlib charts in the HTML report.

matplotlib's default DejaVu Sans has no CJK glyphs: every Chinese label would render as empty
boxes ("tofu") with only a warning.  The report therefore refuses to draw without a font that
really contains the glyphs it needs, and says which font it used.  Install one with
``apt-get install fonts-noto-cjk`` (or fonts-wqy-zenhei), or point ``PLANMINER_CJK_FONT`` at a
.ttf/.otf/.ttc file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from matplotlib import font_manager

ENV_VAR = "PLANMINER_CJK_FONT"
INSTALL_HINT = (
    "no CJK font found for the report's charts: install one (Debian/Ubuntu: "
    "`apt-get install fonts-noto-cjk`, or fonts-wqy-zenhei) or set "
    f"{ENV_VAR}=/path/to/font.ttc"
)
# Families tried first, in order of preference: simplified-Chinese faces before others.
PREFERRED = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Serif CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Droid Sans Fallback",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)
# Characters every report label uses; a font must have all of them.
PROBE = "中文医疗服务行动计划床护比远程省市县区"


class CJKFontNotFound(RuntimeError):
    """Raised when no installed font can draw Chinese (see INSTALL_HINT)."""


@dataclass(frozen=True)
class CJKFont:
    name: str  # family name as matplotlib knows it
    path: Path

    def describe(self) -> str:
        return f"{self.name} ({self.path})"


def covers(path: str | Path, chars: str = PROBE) -> bool:
    """True when the font file (face 0) has a glyph for every character in ``chars``."""
    from matplotlib.ft2font import FT2Font

    try:
        face = FT2Font(str(path))
    except Exception:
        return False
    return all(face.get_char_index(ord(ch)) for ch in chars)


def _register(path: Path) -> str:
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def _weight(weight: int | str) -> int:
    if isinstance(weight, int):
        return weight
    return font_manager.weight_dict.get(str(weight), 400)


def find_cjk_font() -> CJKFont:
    """The CJK font to use: $PLANMINER_CJK_FONT, else a preferred installed family, else any
    installed font whose file name suggests CJK and that covers the probe characters.

    Raises :class:`CJKFontNotFound` rather than silently rendering tofu.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env)
        if not path.is_file() or not covers(path):
            raise CJKFontNotFound(f"{ENV_VAR}={env} is not a font file with Chinese glyphs")
        return CJKFont(_register(path), path)
    by_name: dict[str, str] = {}
    # regular weight first: a bold face makes every label shout
    entries = sorted(font_manager.fontManager.ttflist, key=lambda e: abs(_weight(e.weight) - 400))
    for entry in entries:
        by_name.setdefault(entry.name, entry.fname)
    for family in PREFERRED:
        fname = by_name.get(family)
        if fname and covers(fname):
            return CJKFont(family, Path(fname))
    # The font cache may predate a font installed since; look at the files themselves.
    hints = (
        "cjk",
        "wqy",
        "wenquanyi",
        "sourcehan",
        "droidsansfallback",
        "uming",
        "ukai",
        "simhei",
        "hei",
        "song",
    )
    for fname in sorted(font_manager.findSystemFonts()):
        low = Path(fname).name.lower()
        if any(h in low for h in hints) and covers(fname):
            return CJKFont(_register(Path(fname)), Path(fname))
    raise CJKFontNotFound(INSTALL_HINT)


def cjk_rc(font: CJKFont) -> dict[str, object]:
    """rcParams that make matplotlib draw with ``font`` (for ``matplotlib.rc_context``)."""
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [font.name, "DejaVu Sans"],
        "axes.unicode_minus": False,  # the CJK font's minus sign may be missing
    }


def use_cjk_font() -> CJKFont:
    """Make matplotlib draw with the CJK font from now on (e.g. in a notebook)."""
    import matplotlib

    font = find_cjk_font()
    matplotlib.rcParams.update(cjk_rc(font))
    return font
