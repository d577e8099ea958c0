"""Source text and candidate units for hand annotation of the task taxonomy.

The annotation files (``corpus/annotations/labels*.jsonl``) give each unit a
``span`` into the *decoded* text of its source.  That text must be
reproducible without the rest of the pipeline (which is written in parallel
and may change), so this module defines it once:

* UTF-8 decoding of the file;
* for documents written in traditional characters (seed 001): pinyin
  annotations such as ``務(wù)`` are stripped first, then OpenCC ``t2s`` is
  applied character by character (so the conversion never changes lengths).

``split_units`` is deliberately simple (lines, long lines cut at sentence
ends): it only proposes candidate units for an annotator, it is not the
structure stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

# A pinyin syllable in parentheses directly after a CJK character: 務(wù).
_PINYIN = re.compile(
    r"(?<=[\u3400-\u9fff])\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*|[a-z]{1,6})\)"
)
_TRAD_MARKERS = "務網醫療們與這為還國說對關會見時機發"


def strip_pinyin(text: str) -> str:
    """Remove inserted pinyin like ``(wù)`` that aggregator sites add after characters."""
    return _PINYIN.sub("", text)


def looks_traditional(text: str) -> bool:
    """True when traditional-only characters are frequent (cheap check on the first 5000 chars)."""
    head = text[:5000]
    return sum(head.count(c) for c in _TRAD_MARKERS) >= 10


def to_simplified(text: str) -> str:
    """Character-wise OpenCC t2s, so that offsets keep meaning one source character each."""
    from opencc import OpenCC

    cc = OpenCC("t2s")
    table = {ch: cc.convert(ch) for ch in set(text)}
    return "".join(c if len(c := table[ch]) == 1 else ch for ch in text)


def decode_source(path: Path) -> str:
    """The text the annotation spans point into (see module docstring)."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    if looks_traditional(text):
        text = to_simplified(strip_pinyin(text))
    return text


_SENT_END = re.compile(r"(?<=[。；！？!?])")


def split_units(text: str, max_len: int = 260, min_len: int = 12) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of candidate units: non-empty lines, long ones cut at sentence ends."""
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        body = line.strip()
        if len(body) < min_len:
            continue
        s = start + line.index(body[0])
        e = s + len(body)
        if e - s <= max_len:
            yield s, e
            continue
        chunk_start = s
        cur = s
        for piece in _SENT_END.split(text[s:e]):
            if not piece:
                continue
            if cur + len(piece) - chunk_start > max_len and cur > chunk_start:
                if cur - chunk_start >= min_len:
                    yield chunk_start, cur
                chunk_start = cur
            cur += len(piece)
        if cur - chunk_start >= min_len:
            yield chunk_start, cur


def sentences(text: str, start: int, end: int, min_len: int = 12) -> Iterator[tuple[int, int]]:
    """Yield sentence spans (ending in 。；！？) inside ``text[start:end]``."""
    cur = start
    for piece in _SENT_END.split(text[start:end]):
        s, e = cur, cur + len(piece)
        cur = e
        stripped = piece.strip()
        if len(stripped) >= min_len:
            off = piece.index(stripped[0])
            yield s + off, s + off + len(stripped)
