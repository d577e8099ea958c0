"""Splitting a written list of agencies into items with exact offsets.

Plans separate agencies with 、，,；/ and spaces, sometimes with 和/及, close the list with
等单位/等部门, and mark a role inside the list (区卫健委（牵头）、区财政局).  This module turns
such a stretch of text into ``Item`` spans; deciding whether each item *is* an agency is the
lexicon's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.extract.agency_lexicon import AgencyLexicon, AgencyName

_HARD_SEPARATORS = frozenset("、，,；;/／ \t\u3000|")
_OPEN, _CLOSE = "（(", "）)"
# Closing words of a list: "市工信局、市大数据局等单位", "等有关部门", "等3个部门".
_TRAILING = re.compile(
    r"(?:等(?:[\d一二三四五六七八九十]+个)?(?:有关|相关)?(?:单位|部门|机构)?|"
    r"[和及](?:其他)?(?:有关|相关)(?:单位|部门))$"
)
_CLASS_CLOSE = re.compile(r"等(?:有关|相关)?(?:部门|单位)$")
_LEADING = re.compile(r"(?:以及|和|及|与|由|其中|分别由)")
_NOTE = re.compile(r"[（(]([^（）()]{1,30})[）)]$")
_ALTERNATIVE_LEVELS = re.compile(r"[省市区县旗州盟乡镇街道地、，,]+")
#: Every character :func:`_raw_chunks` acts on (any other one only extends the chunk).
_CHUNK_MARK = re.compile(
    "[" + re.escape("".join(sorted(_HARD_SEPARATORS | set(_OPEN) | set(_CLOSE)))) + "]"
)


@dataclass(frozen=True)
class Item:
    """One list item: its span in the text, what the lexicon made of it, a role written in it."""

    start: int
    end: int
    agency: AgencyName
    role: str | None = None  # from a note such as （牵头） inside the list


def _raw_chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans between hard separators, never splitting inside parentheses."""
    chunks: list[tuple[int, int]] = []
    depth = 0
    s = start
    # (perf) visit only separators and parentheses, found by one regex scan, instead of a
    # Python loop over every character of what is often a long line of running text
    for m in _CHUNK_MARK.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _HARD_SEPARATORS:
            if i > s:
                chunks.append((s, i))
            s = i + 1
    if end > s:
        chunks.append((s, end))
    return chunks


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop surrounding blanks/punctuation and a list-closing 等单位."""
    while s < e and (text[s].isspace() or text[s] in "：:。．.\"“”'‘’《》"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "：:。．.\"“”'‘’"):
        e -= 1
    m = _TRAILING.search(text[s:e])
    if m and m.start() > 0:
        e = s + m.start()
    return s, e


def split_items(
    text: str, start: int, end: int, lex: AgencyLexicon, doc_level: str | None
) -> list[tuple[int, int, AgencyName | None, str | None]]:
    """Every chunk of ``text[start:end]`` as (start, end, agency or None, role note).

    A chunk joined by 和/及/与 (市卫健委和市医保局) is split only when both halves are agencies
    and the whole is not one name itself (人力资源和社会保障局 stays whole).
    """
    return list(_iter_items(text, start, end, lex, doc_level))


def _iter_items(
    text: str, start: int, end: int, lex: AgencyLexicon, doc_level: str | None
) -> Iterator[tuple[int, int, AgencyName | None, str | None]]:
    """:func:`split_items` one chunk at a time, so that a strict parse stops at its first
    non-agency without analysing the rest of a long line (perf)."""
    for cs, ce in _raw_chunks(text, start, end):
        s, e = _trim(text, cs, ce)
        if e <= s:
            continue
        role: str | None = None
        note = _NOTE.search(text[s:e])
        if note and s + note.start() > s:
            inner = note.group(1)
            if inner in lex.verb_cues:  # 区卫健委（牵头）
                role = lex.verb_cues[inner]
                e = s + note.start()
            elif not _ALTERNATIVE_LEVELS.fullmatch(inner):
                # 市卫生健康委员会（市中医药管理局）, B（列第一位者为牵头单位）: an aside
                e = s + note.start()
            s, e = _trim(text, s, e)
        whole = lex.analyse(text[s:e], doc_level)
        lead_word = _LEADING.match(text, s, e)
        if whole is None and lead_word and e - lead_word.end() >= 2:
            # 由/其中/和 before the name (其中区卫健委牵头), unless it belongs to it (和平区)
            rest = lex.analyse(text[lead_word.end() : e], doc_level)
            if rest is not None and rest.strong:
                s, whole = lead_word.end(), rest
        if whole is None or not whole.known:
            parts = _split_conjunction(text, s, e, lex, doc_level)
            if parts:
                yield from ((ps, pe, pa, role) for ps, pe, pa in parts)
                continue
        yield s, e, whole, role


def _split_conjunction(
    text: str, s: int, e: int, lex: AgencyLexicon, doc_level: str | None
) -> list[tuple[int, int, AgencyName]] | None:
    """Split ``A和B`` / ``A及B`` / ``A与B`` into two agencies when both halves are agencies."""
    for i in range(s + 2, e - 2):
        if text[i] not in "和及与":
            continue
        left = lex.analyse(text[s:i], doc_level)
        right = lex.analyse(text[i + 1 : e], doc_level)
        if left is not None and right is not None:
            return [(s, i, left), (i + 1, e, right)]
    return None


def parse_list(
    text: str,
    start: int,
    end: int,
    lex: AgencyLexicon,
    doc_level: str | None,
    strict: bool,
) -> list[Item] | None:
    """The agencies listed in ``text[start:end]``.

    ``strict``: every chunk must be an agency, else None (used where the list is inferred from
    grammar, as in ``A牵头``).  Otherwise chunks that are not agencies are dropped (used after
    an explicit field such as 责任单位：, where the text is known to be a list).
    """
    items: list[Item] = []
    closed_by_class = bool(_CLASS_CLOSE.search(text[start:end].rstrip()))
    for s, e, agency, role in _iter_items(text, start, end, lex, doc_level):
        if agency is None and closed_by_class:  # 卫生、公安等部门
            agency = lex.sector_shorthand(text[s:e], doc_level)
        if agency is None:
            if strict:
                return None
            continue
        items.append(Item(s, e, agency, role))
    if strict and not items:
        return None
    return items
