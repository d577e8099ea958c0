"""Units of a plan: the smallest numbered items, or unnumbered paragraphs, that say what to do.

Rules (from the grammar of plans, see docs/ARCHITECTURE.md):

* A heading with numbered children is a *group heading*: not a unit itself.
  Substantial paragraphs between it and its first child (an intro that
  states work, or a work report's "主要预期目标是……") are unnumbered units.
* A leaf heading is one unit (heading + its body) when its body has fewer
  than three paragraphs: running text on the heading line ("（一）加强组织领导。
  各级……") and a continuation paragraph or a 责任单位 line stay together.  A
  leaf over more paragraphs is a topic heading over paragraph units
  ("（一）坚持扩大内需" in work reports); a heading line with running text is
  then a numbered unit of its own.
* Text before the first heading (title, covering notice, preamble), trailers
  (signature, 抄送, 印发, 附件, page widgets) and sections on ideology,
  principles or past work (:mod:`pipeline.structure.cues`) give no units --
  except goal statements ("今年……主要预期目标是：……"), which are goal units
  wherever they stand.  A document that is nothing but review (a summary)
  keeps its review items as units.
* A 责任单位/牵头单位 line (or a "（A牵头，B配合）" line) directly after a unit
  belongs to it: the unit's span is extended over it.
* ``kind`` comes from the nearest heading (the unit's own short title, then
  its ancestors, innermost first) whose title names one; default ``task``.
"""

from __future__ import annotations

from typing import Any

import regex

from pipeline.schema import Unit
from pipeline.structure.cues import (
    RESPONSIBILITY_LINE,
    is_excluded_title,
    is_goal_paragraph,
    is_lead_in,
    is_non_unit_paragraph,
    kind_of_title,
)
from pipeline.structure.layout import body_end
from pipeline.structure.outline import Heading, parse_outline

#: A leaf heading's own title decides its kind only when it reads like a
#: section title, not like a sentence of work.
MAX_OWN_TITLE = 15
#: A title-only leaf heading over this many paragraphs is a topic heading whose
#: paragraphs are the units (work reports); with fewer it is one numbered item.
MIN_TOPIC_PARAGRAPHS = 3
#: A heading line without running text is a title up to this length.
MAX_TITLE_ONLY = 30
#: A paragraph that ends by announcing what follows is a lead-in (not a unit)
#: when it says little else.
MAX_LEAD_IN_SENTENCES = 2
# A stage title: "第一阶段……", "深入开展阶段（2016年4月至11月）", "第二步".
_PHASE_TITLE = regex.compile(
    r"第[一二三四五六七八九十\d]+(?:[阶階]段|步)|[阶階]段\s*(?:[（(][^（()）]*[)）])?$"
)
_PHASE_PARAGRAPH = regex.compile(r"第[一二三四五六七八九十\d]+[阶階]段")
_SENTENCE_PUNCT = regex.compile(r"[。；！？!?;]")
#: At least eight Chinese characters (matched at the start; stops at the eighth
#: instead of listing every character of a long paragraph).
_EIGHT_CJK = regex.compile(r"(?:\P{Han}*\p{Han}){8}")


#: A line that stops without punctuation was cut mid-sentence (page breaks,
#: hard-wrapped text) when it is long, or shorter but with a clause break
#: inside; the next line continues its paragraph.  Titles and name lists are
#: short and have no commas.
MIN_BROKEN_LINE = 40
MIN_BROKEN_CLAUSE_LINE = 20
_OPEN_END = regex.compile(r"[\p{Han}\p{L}\p{N}、，,“]$")
_OPEN_END_CHAR = regex.compile(r"[\p{Han}\p{L}\p{N}、，,“]")
_CLAUSE_BREAK = regex.compile(r"[，,、；;]")


def _breaks_off(text: str, s: int, e: int) -> bool:
    if not _ends_open(text, s, e):
        return False
    n = e - s
    return n >= MIN_BROKEN_LINE or (
        n >= MIN_BROKEN_CLAUSE_LINE and bool(_CLAUSE_BREAK.search(text, s, e))
    )


def _ends_open(text: str, s: int, e: int) -> bool:
    """``_OPEN_END.search(text, s, e)``: text[s:e] ends in a letter, digit, 、，or “.

    (perf) The search would try every position of the line; unless the span ends
    in a newline (where ``$`` also matches before it), only its last character counts.
    """
    e = min(e, len(text))
    if e <= s:
        return False
    if text[e - 1] == "\n":
        return _OPEN_END.search(text, s, e) is not None
    return _OPEN_END_CHAR.match(text, e - 1, e) is not None


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraphs of text[start:end] as whitespace-trimmed spans: non-empty
    lines, with a long line that breaks off mid-sentence joined to the next."""
    out: list[tuple[int, int]] = []
    pos = start
    joins_next = False
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        s, e = _trim(text, pos, stop)
        if e > s:
            if joins_next and out:
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
            joins_next = _breaks_off(text, out[-1][0], e)
        pos = stop + 1
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _is_responsibility(par: str) -> bool:
    # (perf) match, not search: every alternative is anchored at ^ (the start only).
    return RESPONSIBILITY_LINE.match(par) is not None


def _is_substantial(par: str) -> bool:
    """A paragraph that can state work: real prose, not a name list or a lead-in."""
    if not _EIGHT_CJK.match(par):
        return False
    if is_goal_paragraph(par):
        return True  # "主要预期目标是：……我们将重点抓好以下工作：" is a goal first
    if (par.endswith(("：", ":")) or is_lead_in(par)) and len(
        _SENTENCE_PUNCT.findall(par)
    ) <= MAX_LEAD_IN_SENTENCES:
        return False  # lead-in: "主要做了以下工作：", "重点在以下11个方面……"
    return bool(_SENTENCE_PUNCT.search(par)) or len(par) >= 40


def _groups(text: str, pars: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Substantial paragraphs, each extended over the responsibility lines after it."""
    out: list[tuple[int, int]] = []
    attachable = False
    for s, e in pars:
        par = text[s:e]
        if _is_responsibility(par):
            if out and attachable:
                out[-1] = (out[-1][0], e)
            continue
        if is_goal_paragraph(par) or (_is_substantial(par) and not is_non_unit_paragraph(par)):
            out.append((s, e))
            attachable = True
        else:
            attachable = False
    return out


class _Section:
    """Per-heading facts used while walking the outline.

    ``excluded``: the heading's own text gives no units (goal statements
    aside); ``excludes_children``: neither do its descendants, unless their
    own titles name a kind.
    """

    def __init__(
        self,
        kind: str | None,
        excluded: bool,
        path: list[str],
        excludes_children: bool | None = None,
    ):
        self.kind = kind
        self.excluded = excluded
        self.excludes_children = excluded if excludes_children is None else excludes_children
        self.path = path


def find_units(text: str, res: Any = None) -> list[Unit]:
    """The units of ``text`` with kind, heading path, number and exact span.

    ``res`` (pipeline.resources.Resources) is accepted for the stable stage
    interface; the rules here need no loaded resources.
    """
    headings = parse_outline(text)
    if not headings:
        end = body_end(text, 0)
        spans = _groups(text, _paragraphs(text, 0, end))
        return _number_units(
            [(s, e, _paragraph_kind(text[s:e], "task"), [], None) for s, e in spans], text
        )
    raw = _collect(text, headings, review_excluded=True)
    if not raw:  # nothing but review of past work: its items are the document's units
        raw = _collect(text, headings, review_excluded=False)
    return _number_units(raw, text)


_Raw = tuple[int, int, str, list[str], str | None]


def _collect(text: str, headings: list[Heading], review_excluded: bool) -> list[_Raw]:
    """Walk the outline and emit (start, end, kind, heading_path, number) per unit."""
    stop = body_end(text, headings[0].span[0], headings[-1].span[0])
    # Headings after the end of the body (an attachment's items) do not count;
    # parents precede children, so cutting a suffix keeps parent indices valid.
    first_start = headings[0].span[0]
    headings = [h for h in headings if h.span[0] < stop]
    n = len(headings)
    # (perf) Each heading's first child and section end, in one pass each
    # instead of a scan of the later headings per heading.
    first_children: list[int | None] = [None] * n
    for j, h in enumerate(headings):
        if h.parent is not None and first_children[h.parent] is None:
            first_children[h.parent] = j
    has_child = [c is not None for c in first_children]
    section_ends = _section_ends(headings, stop)
    sections: list[_Section] = []
    # The preamble gives no units, except a goal statement (work reports put
    # "今年……主要预期目标是：" before their first numbered heading).
    raw: list[_Raw] = [
        (s, e, "goal", [], None)
        for s, e in _groups(text, _paragraphs(text, 0, first_start))
        if is_goal_paragraph(text[s:e])
    ]

    for i, h in enumerate(headings):
        parent = sections[h.parent] if h.parent is not None else _Section(None, False, [])
        path = [*parent.path, h.title]
        # A title speaks for its section when it reads like a title (a group
        # heading, or a short one), not like a sentence of work.
        title_like = (
            has_child[i]
            or len(h.title) <= MAX_OWN_TITLE
            or (not h.inline_body and len(h.title) <= MAX_TITLE_ONLY)
        )
        # An item with running text under a section that has a kind is an item
        # of that section, whatever its title mentions ("（二）加强组织领导。……").
        item_of_kind = parent.kind is not None and h.inline_body and not has_child[i]
        own = (
            kind_of_title(h.title, suffix_only=parent.kind is not None)
            if title_like and not item_of_kind
            else None
        )
        excluded = (
            title_like
            and not item_of_kind
            and is_excluded_title(
                h.title, review=review_excluded, suffix_only=parent.kind is not None
            )
        )
        if own is not None and not (excluded and own == "goal"):
            sec = _Section(own, False, path)
        elif excluded and own == "goal":
            # "总体要求和主要目标", "总体思路和目标任务": ideology with goals inside.
            # Its own paragraphs give only the goal statements (rescued below);
            # numbered items under it are the year's work.
            sec = _Section(parent.kind, True, path, excludes_children=False)
        elif excluded:
            sec = _Section(parent.kind, True, path)
        else:
            sec = _Section(parent.kind, parent.excludes_children, path)
        sections.append(sec)
        end = min(section_ends[i], stop)
        if h.span[0] >= end:
            continue
        kind = sec.kind or "task"
        first_child = first_children[i]
        body_from = h.body_start if h.inline_body else _line_end(text, h.span[1])
        body_stop = min(headings[first_child].span[0], end) if first_child is not None else end
        # (perf) A leaf with running text on its heading line never uses the
        # groups of its whole body (only those after that line, below).
        leaf_with_text = not sec.excluded and first_child is None and h.inline_body
        groups = [] if leaf_with_text else _groups(text, _paragraphs(text, body_from, body_stop))
        if sec.excluded:
            # A goal statement keeps its place even inside 总体要求 or a review
            # ("今年……主要预期目标是：……").
            raw.extend(
                (s, e, "goal", sec.path, None) for s, e in groups if is_goal_paragraph(text[s:e])
            )
            continue
        if first_child is not None:  # group heading: its intro paragraphs only
            raw.extend((s, e, _paragraph_kind(text[s:e], kind), sec.path, None) for s, e in groups)
            continue
        leaf_kind = kind
        if sec.kind in (None, "task") and _PHASE_TITLE.search(h.title):
            leaf_kind = "phase"
        if h.inline_body:
            # The heading's own paragraph is the numbered unit; many paragraphs
            # after it (work reports) are units of their own, a few are its
            # continuation.
            own_end = _line_end(text, h.body_start)
            after = _groups(text, _paragraphs(text, own_end, end))
            if len(after) < MIN_TOPIC_PARAGRAPHS:
                own_end = end
                after = []
            s, e = _trim(text, h.span[0], min(own_end, end))
            raw.append((s, e, leaf_kind, parent.path, h.number or None))
        elif len(groups) < MIN_TOPIC_PARAGRAPHS:
            s, e = _trim(text, h.span[0], end)
            raw.append((s, e, leaf_kind, parent.path, h.number or None))
            after = []
        else:  # a title over paragraph units
            after = groups
        raw.extend((s, e, _paragraph_kind(text[s:e], leaf_kind), sec.path, None) for s, e in after)
    return raw


def _section_ends(headings: list[Heading], text_end: int) -> list[int]:
    """``outline.section_end(headings, i, text_end)`` for every heading ``i``.

    A section ends at the next heading of the same or an outer level: each
    heading closes the open headings of its level or deeper (a stack).
    """
    ends = [text_end] * len(headings)
    open_: list[int] = []
    for j, h in enumerate(headings):
        while open_ and headings[open_[-1]].level >= h.level:
            ends[open_.pop()] = min(h.span[0], text_end)
        open_.append(j)
    return ends


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _paragraph_kind(par: str, section_kind: str) -> str:
    """A paragraph's own words can name its kind: a goal statement, a numbered phase."""
    if is_goal_paragraph(par):
        return "goal"
    if _PHASE_PARAGRAPH.match(par):
        return "phase"
    return section_kind


def _number_units(raw: list[_Raw], text: str) -> list[Unit]:
    raw.sort(key=lambda r: r[0])
    units = []
    for seq, (s, e, kind, path, number) in enumerate(raw, start=1):
        units.append(
            Unit(
                seq=seq,
                kind=kind,
                heading_path=list(path),
                number=number,
                text=text[s:e],
                span=(s, e),
            )
        )
    return units
