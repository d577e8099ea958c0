"""Which script (traditional or simplified) a document is written in.

Converting with OpenCC costs time on every document and can change the odd
character of a simplified text (OpenCC's tables are not an involution), so
the pipeline first asks :func:`is_traditional`, a set-membership count over a
sample, and converts only documents that are actually traditional.

The character sets come from OpenCC's own dictionaries (installed with
opencc-python-reimplemented), so they stay in step with the converter.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources as importlib_resources
from pathlib import Path

import numpy as np

from pipeline.codepoints import char_table, code_points

SAMPLE_CHARS = 30_000
# Traditional when the traditional-only characters clearly outnumber the
# simplified-only ones: aggregator pages mix scripts (see seed 001), and a
# simplified plan may quote one traditional name.
_MIN_RATIO = 0.6


def _dictionary_dir() -> Path | None:
    try:
        return Path(str(importlib_resources.files("opencc") / "dictionary"))
    except ModuleNotFoundError:
        return None


def _read_table(name: str) -> dict[str, list[str]]:
    folder = _dictionary_dir()
    if folder is None or not (folder / name).is_file():
        return {}
    table: dict[str, list[str]] = {}
    for line in (folder / name).read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            table[key] = values.split()
    return table


@functools.cache
def char_t2s_table() -> dict[str, str]:
    """Traditional character -> its usual simplified form (single characters only)."""
    return {k: v[0] for k, v in _read_table("TSCharacters.txt").items() if len(k) == 1}


@functools.cache
def _script_only_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(traditional-only, simplified-only) characters.

    A character is traditional-only when OpenCC maps it away and never keeps
    it (e.g. 醫, 務); simplified-only likewise for the reverse table (医, 务).
    Characters valid in both scripts (干, 范, 面) count for neither.
    """
    ts = _read_table("TSCharacters.txt")
    st = _read_table("STCharacters.txt")
    traditional = {k for k, v in ts.items() if len(k) == 1 and k not in v}
    simplified = {k for k, v in st.items() if len(k) == 1 and k not in v}
    both = traditional & simplified
    return frozenset(traditional - both), frozenset(simplified - both)


_TRADITIONAL, _SIMPLIFIED = 1, 2


@functools.cache
def _script_codes() -> np.ndarray:
    """Script class of every code point (0 neither, 1 traditional-only, 2 simplified-only).

    (perf) Looking characters up in a 1.1 MB table with numpy costs a tenth of
    counting them with a Counter, which makes a 1-char ``str`` per CJK character.
    """
    traditional, simplified = _script_only_sets()
    return (
        char_table(traditional, np.uint8) * _TRADITIONAL
        + char_table(simplified, np.uint8) * _SIMPLIFIED
    )


def script_counts(text: str, sample: int = SAMPLE_CHARS) -> tuple[int, int]:
    """(traditional-only, simplified-only) character counts in the first ``sample`` characters."""
    counts = np.bincount(_script_codes()[code_points(text[:sample])], minlength=3)
    return int(counts[_TRADITIONAL]), int(counts[_SIMPLIFIED])


def is_traditional(text: str) -> bool:
    """True when the text is written in traditional script (cheap; no conversion)."""
    trad, simp = script_counts(text)
    return trad > 0 and trad >= _MIN_RATIO * (trad + simp)


def to_simplified(text: str, t2s: Callable[[str], str] | None) -> tuple[str, bool]:
    """Convert only if traditional; returns (text, converted)."""
    if t2s is None or not is_traditional(text):
        return text, False
    return t2s(text), True
