"""The heading hierarchy of a Chinese government document.

Plans number their parts with a small, fixed set of styles whose nesting order
is conventional (GB/T 9704 and common practice)::

    第一章 / 第一部分 / 第一篇  >  第一节  >  第一条  >  一、  >  （一）  >  1. 1、 1．  >  （1）  >  ①

A number is only accepted as a heading when it fits the *sequence* it would
continue: the expected next number of an open list of the same style, the
start (1) of a new list, or the number after the last one seen of that style
(numbering that runs on across parents, 1.–16. under （一）（二）（三）).  Numbers
found inside running text (a whole plan pasted on one line) are accepted only
when they continue or start a confirmed sequence, which is what separates
"。 二、重点任务" from "1.5倍", "2019.5", "一、二级医院" or a lone "(1)".
OCR damage ("-、" for "一、"/"二、", "二 、", ASCII parentheses, full-width dots)
is tolerated by the patterns and repaired from the expected number.

The outline is a flat list of :class:`Heading` in document order; ``parent``
indexes into the same list, so callers can walk it as a tree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import regex

from pipeline.codepoints import code_points
from pipeline.extract.numbers import parse_chinese_numeral
from pipeline.structure.cues import is_excluded_title, kind_of_title

CN = r"[一二三四五六七八九十百零〇两]{1,4}"
#: Styles from the outermost to the innermost; the index is the style's rank.
STYLE_RANK = {
    "unnumbered": -1,  # a short title line naming a section: "2024年工作安排", "重点任务"
    "part": 0,  # 第一章 第一部分 第一篇 第一编
    "section": 1,  # 第一节
    "article": 2,  # 第一条
    "cn": 3,  # 一、
    "paren_cn": 4,  # （一）
    "arabic": 5,  # 1. 1、 1．
    "paren_arabic": 6,  # （1） 1）
    "circled": 7,  # ①
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# One alternative per style; named groups tell which matched.  Each pattern is
# anchored by the caller at a candidate position.
_MARKER = regex.compile(
    rf"""
    (?P<part>第\s*(?P<part_n>{CN}|\d{{1,2}})\s*(?:章|部分|篇|编))
  | (?P<section>第\s*(?P<section_n>{CN}|\d{{1,2}})\s*节)
  | (?P<article>第\s*(?P<article_n>{CN}|\d{{1,3}})\s*条)
  | (?P<cn>(?P<cn_n>{CN})\s*[、])
  | (?P<cn_dot>(?P<cn_dot_n>{CN})[．](?![一二三四五六七八九十\d]))
  | (?P<cn_bad>[-－—―]\s*、)
  | (?P<paren_cn>[（(]\s*(?P<paren_cn_n>{CN})\s*[）)])
  | (?P<arabic>(?<![\d.．])(?P<arabic_n>\d{{1,2}})\s*[.．、](?![\d．.]))
  | (?P<paren_arabic>[（(]\s*(?P<paren_arabic_n>\d{{1,2}})\s*[）)])
  | (?P<half_paren>(?<![\d（(])(?P<half_paren_n>\d{{1,2}})[）)])
  | (?P<circled>[{CIRCLED}])
    """,
    regex.VERBOSE,
)
# What may precede a heading found inside a line: a sentence end, a closing
# bracket, a colon, or whitespace.
_INLINE_BOUNDARY = regex.compile(r"(?:[。；！？：:;!?）)\]】」”]|\s)\s*$")
# An item introduced by a colon or separated by semicolons/commas is part of
# a sentence, unless the whole document was flattened into very long lines.
_ENUMERATION_LEAD = regex.compile(r"[：:；;，,]\s*$")
LONG_LINE = 800


def _is_long_line(text: str, line_begin: int, cache: dict[int, bool]) -> bool:
    if line_begin not in cache:
        end = text.find("\n", line_begin)
        cache[line_begin] = (len(text) if end < 0 else end) - line_begin >= LONG_LINE
    return cache[line_begin]


# Markup left by converters before a line's first real character ([bookmark: _GoBack]).
_LINE_JUNK = regex.compile(r"^(?:\s|\[[^\]\n]{0,40}\])*$")
# Where a heading's title ends: its first sentence stop or colon, or a space
# followed by running text ("一、总体要求 以习近平……").
_TITLE_END = regex.compile(r"[。：:！？!?]|[ \t\u3000]+(?=\S)|\n|$")
# After "一、": more numerals and a measure/level word mean an enumeration of
# numbers, not a heading (一、二级医院; 一、二、三类; 三、四季度).
_NOT_HEADING_AFTER = regex.compile(
    rf"\s*(?:{CN}\s*[、，,]\s*)*[一二三四五六七八九十两]{{1,2}}\s*(?:级|类|等|季度|批|期|档|产业|个|次|月)"
)


@dataclass
class Heading:
    """One accepted heading.

    ``span`` covers the number and the title (not the stop that ends the title);
    ``body_start`` is where the text after the title begins (running text on
    the same line, or the next line); ``inline_body`` tells whether running
    text follows the title on the same line.
    """

    style: str
    value: int
    number: str  # as written, e.g. "（三）", "1.", "二、"
    title: str
    span: tuple[int, int]
    title_span: tuple[int, int]
    body_start: int
    inline_body: bool
    line_start: bool
    level: int = 0
    parent: int | None = None
    repaired: bool = False


@dataclass
class _Candidate:
    style: str
    value: int | None  # None: damaged number, to be repaired from the sequence
    start: int
    end: int
    line_start: bool

    @property
    def rank(self) -> int:
        return STYLE_RANK[self.style]


# (perf) compiled once: ``regex.sub(pattern, ...)`` looks its pattern up in a cache per call.
_WHITESPACE = regex.compile(r"\s+")


def _value(s: str) -> int | None:
    s = _WHITESPACE.sub("", s)
    if s.isdigit():
        return int(s)
    return parse_chinese_numeral(s)


# Where a heading number may start: a character that can open a marker, at the
# start of the text or after whitespace or an _INLINE_BOUNDARY character; a
# dash ("-、", damaged 一、) anywhere.
# (perf) Any other position fails the boundary test in _candidates (the only
# marker that skips it, cn_bad, starts with a dash), so it is not even tried:
# a character class alone stops at every digit and numeral of the text.
_STARTS = regex.compile(
    r"(?:^|(?<=[\s。；！？：:;!?）)\]】」”]))[第（(一二三四五六七八九十\d①-⑳]|[\-－—―]"
)

# (perf) Even so the regex module takes ~25 ns per character to scan for
# _STARTS.  A table over all code points marks, with a superset of each class,
# the characters that may open a marker (1: the literals, ASCII and full-width
# digits, and every block that has other decimal digits), that may stand before
# one (2: the boundary characters and whitespace) and the dashes (4).  numpy
# finds the positions that fit in a few passes; _STARTS confirms each one.
_MAY_OPEN, _MAY_PRECEDE, _DASH = 1, 2, 4


def _start_table() -> np.ndarray:
    table = np.zeros(0x110000, dtype=np.uint8)
    # Decimal digits (\d): ASCII, full-width, and blocks outside the CJK and
    # punctuation ranges (tests check every code point).
    for lo, hi in ((0x30, 0x3A), (0x660, 0x2000), (0xA000, 0xFF00), (0xFF10, 0xFF1A)):
        table[lo:hi] |= _MAY_OPEN
    table[0x10000:] |= _MAY_OPEN
    table[0x2460:0x2474] |= _MAY_OPEN  # ①-⑳
    # Whitespace (\s): C0 spaces, NEL, NBSP, Ogham, the general punctuation spaces, 　.
    for lo, hi in ((0x09, 0x0E), (0x1C, 0x21), (0x85, 0x86), (0xA0, 0xA1), (0x1680, 0x1681)):
        table[lo:hi] |= _MAY_PRECEDE
    table[0x2000:0x2060] |= _MAY_PRECEDE
    table[0x3000] |= _MAY_PRECEDE
    for chars, flag in (
        ("第（(一二三四五六七八九十", _MAY_OPEN),
        ("。；！？：:;!?）)]】」”", _MAY_PRECEDE),
        ("-－—―", _DASH),
    ):
        for ch in chars:
            table[ord(ch)] |= flag
    return table


_START_TABLE = _start_table()


def _start_positions(text: str) -> list[int]:
    """``[m.start() for m in _STARTS.finditer(text)]``: every match is one character."""
    if not text:
        return []
    flags = _START_TABLE[code_points(text)]
    fits = (flags & _MAY_OPEN).astype(bool)
    fits[1:] &= (flags[:-1] & _MAY_PRECEDE).astype(bool)
    fits |= (flags & _DASH).astype(bool)
    match = _STARTS.match
    return [i for i in np.flatnonzero(fits).tolist() if match(text, i)]


def _candidates(text: str) -> list[_Candidate]:
    """Every place a heading number could start, with its style and value."""
    out: list[_Candidate] = []
    pos = 0
    n = len(text)
    long_lines: dict[int, bool] = {}
    for i in _start_positions(text):
        if i < pos:
            continue
        m = _MARKER.match(text, i)
        if not m:
            continue
        line_begin = text.rfind("\n", 0, i) + 1
        # Only the last few characters matter (bounded work on very long lines).
        before = text[max(line_begin, i - 48) : i]
        line_start = i - line_begin <= 48 and bool(_LINE_JUNK.match(before))
        damaged = m.group("cn_bad") is not None
        # A damaged number may have lost its line break too ("总体要求-、重点任务");
        # the sequence check decides about it.
        if not line_start and not damaged and not _INLINE_BOUNDARY.search(before):
            continue
        if (
            not line_start
            and _ENUMERATION_LEAD.search(before)
            and not _is_long_line(text, line_begin, long_lines)
        ):
            continue  # "包括：1.……；2.……" enumerates inside a sentence of a normal paragraph
        # The alternative's own group encloses its number group, so it closes last.
        kind = m.lastgroup
        end = m.end()
        # A number followed by punctuation is a reference ("黑天鹅”（22）、"), not a
        # heading; "（一）、标题" is tolerated at a line start only.
        nxt = text[end] if end < n else ""
        reference_like = kind in ("paren_cn", "paren_arabic", "half_paren", "circled")
        if reference_like and nxt and (nxt in "，,。；;：:）)" or (nxt == "、" and not line_start)):
            continue
        # A bare number on its own line is a heading only for the 章/节/条 styles.
        if (end >= n or text[end] == "\n") and kind not in ("part", "section", "article"):
            continue
        if kind == "cn_bad":
            style, value = "cn", None
        elif kind == "cn_dot":
            if not line_start:
                continue  # "一．" is only trusted at the start of a line
            style, value = "cn", _value(m.group("cn_dot_n"))
        elif kind == "half_paren":
            style, value = "paren_arabic", _value(m.group("half_paren_n"))  # 1） reads as （1）
            if not value:
                continue
        elif kind == "circled":
            style, value = "circled", CIRCLED.index(m.group("circled")) + 1
        else:
            style, value = kind, _value(m.group(f"{kind}_n"))
            if value is None or value == 0:
                continue
        if style == "cn" and _NOT_HEADING_AFTER.match(text, end):
            continue
        out.append(_Candidate(style, value, i, end, line_start))
        pos = end
    titles = _unnumbered_titles(text)
    if len(titles) == 1 and (not out or titles[0].start < out[0].start):
        # A lone title above all numbered headings is the document's own title
        # ("2024年卫生健康工作要点"), not a part of it.
        titles = []
    out.extend(titles)
    out.sort(key=lambda c: c.start)
    return out


# A line that is only a short title: no sentence punctuation, no number, not a
# table row (cells separated by | or tabs).
_TITLE_LINE = regex.compile(
    r"^[ \t\u3000]*(?P<t>[^\s。；，,：:！？!?（(【\[|｜][^\n\t。；，,：:！？!?|｜]{1,28}?)[ \t\u3000]*$",
    regex.MULTILINE,
)
#: The longest title _TITLE_LINE accepts (the group "t": 1 + 28 characters).
MAX_TITLE_LINE = 29


def _title_lines(text: str) -> list[regex.Match[str]]:
    """The matches of ``_TITLE_LINE.finditer(text)``.

    (perf) A match lies within one line and starts at its start, and its title
    holds the line's text without the surrounding spaces and tabs: only lines
    of at most MAX_TITLE_LINE such characters are tried, at their start, instead
    of running the pattern over the whole text.
    """
    out = []
    pos = 0
    for line in text.split("\n"):
        if len(line) <= MAX_TITLE_LINE or len(line.strip(" \t\u3000")) <= MAX_TITLE_LINE:
            m = _TITLE_LINE.match(text, pos)
            if m is not None:
                out.append(m)
        pos += len(line) + 1
    return out


def _unnumbered_titles(text: str) -> list[_Candidate]:
    """Unnumbered section titles ("2024年工作安排", "二〇二三年工作回顾").

    Work reports and some plans title their main parts without a number.  A
    short line is taken as such a title only when it names a kind of section
    (task, goal, review, ideology ...), so that name lists and table cells
    are not mistaken for titles.
    """
    out = []
    for m in _title_lines(text):
        title = m.group("t")
        if _MARKER.match(title) or not (kind_of_title(title) or is_excluded_title(title)):
            continue
        out.append(_Candidate("unnumbered", 0, m.start("t"), m.start("t"), True))
    return out


def _confirmed(cands: list[_Candidate], k: int, value: int) -> bool:
    """The next number of the same style continues the sequence (value + 1).

    Damaged numbers in between ("-、") count as the numbers they stand for.
    """
    expected = value + 1
    for c in cands[k + 1 :]:
        if c.style != cands[k].style:
            continue
        if c.value is None:
            expected += 1
            continue
        return c.value == expected
    return False


# Between a heading and the first item of its list there is at most a short
# title: no sentence stop ("三、保障措施 (一)加强组织领导").
_TITLE_GAP = regex.compile(r"[^。；！？!?;\n]{0,40}")


def _accept_candidates(
    cands: list[_Candidate], text: str
) -> list[tuple[_Candidate, int, int | None, bool]]:
    """Walk the candidates with a stack of open lists; keep those that fit a sequence.

    Returns (candidate, value, parent index into the result, repaired).
    """
    stack: list[list] = []  # [style, last_value, result_index]
    last_seen: dict[str, int] = {}
    result: list[tuple[_Candidate, int, int | None, bool]] = []

    for k, c in enumerate(cands):
        pos = next((j for j, e in enumerate(stack) if e[0] == c.style), None)
        value = c.value
        repaired = False
        accept_as: str | None = None  # "continue" | "new"
        if c.style == "unnumbered":
            if not stack or stack[0][0] == "unnumbered":
                # A main part of the document ("2024年工作安排"): a new root.
                stack[:] = [["unnumbered", 0, len(result)]]
                result.append((c, 0, None, False))
            else:
                # Inside a numbered section ("二、2024年工作 / 总体要求和目标任务"):
                # a sub-title over the paragraphs up to the next numbered heading.
                result.append((c, 0, stack[-1][2], False))
            continue
        if value is None:  # damaged number: take the expected one if the sequence confirms it
            expected = stack[pos][1] + 1 if pos is not None else last_seen.get(c.style, 0) + 1
            if c.line_start or _confirmed(cands, k, expected):
                value, repaired = expected, True
                accept_as = "continue" if pos is not None else "new"
        elif pos is not None:
            last = stack[pos][1]
            if value == last + 1:
                accept_as = "continue"
            elif c.line_start and value == 1 and pos > 0 and stack[pos - 1][0] != "unnumbered":
                # The list restarts under the same parent: its own parent heading
                # was lost (damaged text), so attach it one level up.
                del stack[pos - 1 :]
                accept_as = "new"
            elif c.line_start and (value in (1, last) or last + 1 < value <= last + 3):
                accept_as = "continue"  # restart, duplicate or skipped number: damaged but clear
        else:
            seen = last_seen.get(c.style, 0)
            fits = value == 1 or value == seen + 1
            # A lost or damaged earlier number: 四、 after 二、, or a first 二、.
            skipped = seen + 1 < value <= seen + 3
            confirmed = _confirmed(cands, k, value)
            # A list starts at 1 or runs on from the last number of its style; a
            # line that opens with a number confirmed by its successor (an
            # excerpt starting at 三、) or that skips a lost number is trusted.
            after_title = (
                value == 1
                and bool(result)
                and STYLE_RANK[result[-1][0].style] < c.rank
                and _TITLE_GAP.fullmatch(text, result[-1][0].end, c.start) is not None
            )
            if ((fits or skipped) and c.line_start) or confirmed or after_title:
                accept_as = "new"
        if accept_as is None:
            continue
        if accept_as == "continue":
            assert pos is not None
            del stack[pos + 1 :]
            stack[pos][1] = value
            stack[pos][2] = len(result)
            parent = stack[pos - 1][2] if pos > 0 else None
        else:
            while stack and STYLE_RANK[stack[-1][0]] >= c.rank:
                stack.pop()
            parent = stack[-1][2] if stack else None
            stack.append([c.style, value, len(result)])
        last_seen[c.style] = value
        result.append((c, value, parent, repaired))
    return result


def parse_outline(text: str) -> list[Heading]:
    """The accepted headings of ``text`` in document order, with levels and parents."""
    accepted = _accept_candidates(_candidates(text), text)
    starts = [c.start for c, *_ in accepted] + [len(text)]
    headings: list[Heading] = []
    for idx, (c, value, parent, repaired) in enumerate(accepted):
        limit = starts[idx + 1]
        t0 = c.end
        # Skip the separator between number and title ("第1篇：标题", "一、 总体要求").
        while t0 < limit and text[t0] in " \t\u3000:：":
            t0 += 1
        m = _TITLE_END.search(text, t0, limit)
        t1 = m.start() if m else limit
        t1 = min(t1, limit)
        title = text[t0:t1].strip()
        # Body starts after the stop that ended the title.
        b = t1
        if b < limit and text[b] in "。：:！？!?":
            b += 1
        line_end = text.find("\n", b)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[b : min(line_end, limit)]
        level = 0 if parent is None else headings[parent].level + 1
        headings.append(
            Heading(
                style=c.style,
                value=value,
                number=_WHITESPACE.sub("", text[c.start : c.end]),
                title=title,
                span=(c.start, t1),
                title_span=(t0, t1),
                body_start=b,
                inline_body=bool(rest.strip()),
                line_start=c.line_start,
                level=level,
                parent=parent,
                repaired=repaired,
            )
        )
    return headings


def section_end(headings: list[Heading], i: int, text_end: int) -> int:
    """End of heading ``i``'s section: the next heading at the same or an outer level."""
    for h in headings[i + 1 :]:
        if h.level <= headings[i].level:
            return min(h.span[0], text_end)
    return text_end


def children(headings: list[Heading], i: int) -> list[int]:
    return [j for j, h in enumerate(headings) if h.parent == i]


def ancestors(headings: list[Heading], i: int) -> list[int]:
    """Indices of heading ``i``'s ancestors, outermost first."""
    out = []
    p = headings[i].parent
    while p is not None:
        out.append(p)
        p = headings[p].parent
    return out[::-1]
