"""Responsible agencies of one plan unit: who leads, who cooperates, who is responsible.

Plans assign work in a handful of grammatical patterns, and an agency is extracted ONLY when it
stands in one of them (a mere mention in running text, "医院要…", is not an assignment):

1. a field:        责任单位：A、B / 牵头单位：A；配合单位：B / 【牵头部门】A (on one line or several)
2. a parenthetical that is nothing but assignment clauses, usually closing the unit:
                   （A牵头，B、C配合） （A、B按职责分工负责） （A、B负责，列第一位者为牵头部门，下同）
3. a table row:    任务 | 责任单位 | 完成时限, with or without its header
4. a bare line of agencies after the unit's first line
5. running text:   由A牵头… / A牵头负责… / A会同B… / A负责… at the start of a clause

Roles follow each clause's own verb: 牵头/主责 -> lead; 配合/参与/协助/参加 -> cooperate;
按职责分工负责/分工负责/按职责负责/共同负责/负责/落实 -> responsible, also when a lead is named
before them (（教育部牵头，国家体育总局、共青团中央按职责分工负责）): such agencies carry their
own share of the task rather than assisting the lead, which is what 配合 would say.

Canonical names, prefixes and levels come from :mod:`pipeline.extract.agency_lexicon`, list
splitting from :mod:`pipeline.extract.agency_lists`.  Earlier patterns win where two cover the
same characters.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.extract.agency_lexicon import AgencyLexicon, load_lexicon
from pipeline.extract.agency_lists import Item, parse_list
from pipeline.schema import Agency

__all__ = ["AgencyLexicon", "declares_first_listed_lead", "find_agencies", "load_lexicon"]

# "列第一位者为牵头部门", "排在首位的为牵头单位", "第一个单位为牵头单位", "排名第一的为牵头单位".
_FIRST_LISTED = re.compile(
    r"(?:列|排|排列|排名|位|列于|列在|排在|排于|位于|居)(?:在|于)?"
    r"(?:第一位|第一个|第一|首位|首|最前|前面)(?:的|者)?(?:单位|部门)?(?:为|是)?(?:牵头|主责|主办)"
    r"|(?:第一个?|首个|首位)(?:单位|部门)?(?:为|是)(?:牵头|主责|主办)"
)
_CARRY = re.compile(r"^(?:下同|以下同|后同|余同|下略)$")
_NUMBERING = re.compile(
    r"[\s\u3000]*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]"
    r"|\d+(?:\.\d+)*[、.．]?(?!\d)|[①-⑳]|第[一二三四五六七八九十百\d]+[条项])?[\s\u3000]*"
)
_CLAUSE_BREAK = "。；;！？!?\n，,：:"
_CLAUSE_END = "。；;！？!?\n"
# 负责人, 负责制 (but 负责制定), 牵头的医院, 牵头医院: the cue is part of a noun, not a verb.
_NOT_VERB_AFTER = re.compile(r"人|同志|的|制(?![定订])|医院|单位|部门|作用")
_LOOKAHEAD = 40


def declares_first_listed_lead(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` states that the first agency of each list leads
    (列第一位者为牵头部门).

    The orchestrator then passes ``first_listed_leads=True`` for this unit and, when the text
    says 下同, for the units that follow.  (perf) ``start``/``end`` spare the caller a copy
    of the stretch of the document it asks about.
    """
    if end is None:
        end = len(text)
    if start >= end:
        return False
    for word in ("牵头", "主责", "主办"):  # (perf) every match ends with one of these words
        if text.find(word, start, end) >= 0:
            break
    else:
        return False
    # the pattern has no look-around or anchor: searching between start and end is
    # searching the slice
    return bool(_FIRST_LISTED.search(text, start, end))


@dataclass(frozen=True)
class _Hit:
    """One agency found in the text (offsets relative to the unit text)."""

    item: Item
    role: str
    claim_only: bool = False  # a restated mention: its span is claimed but not reported
    by_position: bool = False  # lead only because it is listed first (列第一位者为牵头)


def find_agencies(
    text: str,
    offset: int = 0,
    doc_level: str | None = None,
    first_listed_leads: bool = False,
    *,
    lexicon: AgencyLexicon | None = None,
) -> list[Agency]:
    """Agencies assigned to work in one unit's ``text``, in text order.

    ``doc_level`` is the document's level (province/city/county…), used when a name carries no
    prefix; ``first_listed_leads`` makes the first of a plain list the lead (also switched on
    by the unit's own 列第一位者为牵头部门).  Spans are shifted by ``offset``.
    """
    if not text:
        return []
    lex = lexicon or load_lexicon()
    if not _may_assign(text, lex):
        return []  # (perf) most units hold nothing any finder needs: skip all five
    first_leads = first_listed_leads or declares_first_listed_lead(text)
    hits: list[_Hit] = []
    taken: list[tuple[int, int]] = []
    for finder in (_field_hits, _parenthetical_hits, _table_hits, _line_hits, _running_hits):
        for hit in finder(text, lex, doc_level, first_leads):
            s, e = hit.item.start, hit.item.end
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            if not hit.claim_only:
                hits.append(hit)
    hits.sort(key=lambda h: h.item.start)
    if any(h.role == "lead" and not h.by_position for h in hits):
        # A lead named in words (A牵头, 牵头单位：A) overrides the first-listed convention.
        hits = [_Hit(h.item, "responsible") if h.by_position else h for h in hits]
    return [
        Agency(
            name=h.item.agency.name,
            canonical=h.item.agency.canonical,
            role=h.role,
            level=h.item.agency.level,
            span=(h.item.start + offset, h.item.end + offset),
            prefix=h.item.agency.prefix,
        )
        for h in hits
    ]


def _assign(items: list[Item], role: str, first_leads: bool) -> Iterator[_Hit]:
    """Roles for a list: a note in the list wins, then first-listed-leads, then ``role``."""
    for i, item in enumerate(items):
        if item.role is not None:
            yield _Hit(item, item.role)
        elif role == "responsible" and first_leads and i == 0:
            yield _Hit(item, "lead", by_position=True)
        else:
            yield _Hit(item, role)


# ---------------------------------------------------------------------------- 1. fields
# Any other field (完成时限：…) ends a list; it follows a separator, unlike a known label,
# which may be glued to the list before it (牵头单位：市卫健委配合单位：市财政局).
_ANY_FIELD = re.compile(r"(?<=[\s；;，,。])[【\[]?[\u4e00-\u9fff]{2,8}[】\]]?\s*[：:]")
_FIELD_END = "\n。|\t】]）)"


def _field_hits(
    text: str, lex: AgencyLexicon, doc_level: str | None, first_leads: bool
) -> Iterator[_Hit]:
    """责任单位：A、B / 牵头单位：A；配合单位：B / 【配合部门】B."""
    if lex.label_regex.search(text) is None:  # (perf) most units name no field at all
        return
    for m in lex.field_regex.finditer(text):
        role = lex.label_cues[m.group("l1") or m.group("l2")]
        start = m.end()
        end, depth = start, 0
        while end < len(text):
            ch = text[end]
            if ch in "（(":
                depth += 1
            elif ch in "）)" and depth:
                depth -= 1
            elif ch in _FIELD_END:
                break
            end += 1
        for nxt in (_ANY_FIELD.search(text, start, end), lex.field_regex.search(text, start, end)):
            if nxt:
                end = min(end, nxt.start())
        items = parse_list(text, start, end, lex, doc_level, strict=False) or []
        yield from _assign(items, role, first_leads)


# ---------------------------------------------------------------------------- 2. parentheticals
# One level of nesting is allowed: （省卫健委牵头，各市（州）人民政府落实）.
_PAREN = re.compile(r"[（(]((?:[^（）()\n]|[（(][^（）()\n]{1,12}[）)]){2,300})[）)]")


def _parenthetical_hits(
    text: str, lex: AgencyLexicon, doc_level: str | None, first_leads: bool
) -> Iterator[_Hit]:
    """（A牵头，B、C配合）: a parenthesis made only of assignment clauses (or only agencies)."""
    if "（" not in text and "(" not in text:
        return  # (perf) every _PAREN match opens with one of them
    for m in _PAREN.finditer(text):
        closes = m.end() == len(text) or text[m.end()] in _CLAUSE_END
        hits = _clause_sequence(text, m.start(1), m.end(1), lex, doc_level, first_leads, closes)
        if hits is not None:
            yield from hits


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of ``text[start:end]``, split at ，；。 outside nested parentheses."""
    out: list[tuple[int, int]] = []
    s, depth = start, 0
    for i in range(start, end + 1):
        ch = text[i] if i < end else "。"
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif i == end or (depth == 0 and ch in "，,；;。"):
            if i > s:
                out.append((s, i))
            s = i + 1
    return out


def _verb_at_end(text: str, s: int, e: int, lex: AgencyLexicon) -> tuple[int, str] | None:
    """Start and role of the longest verb cue that ends ``text[s:e]``."""
    for cue in lex.verbs_longest_first:
        if e - s > len(cue) and text.startswith(cue, e - len(cue)):
            return e - len(cue), lex.verb_cues[cue]
    return None


def _drop_restated(hits: list[_Hit]) -> list[_Hit]:
    """（A、B负责，其中A牵头）: A is the lead; its plain 'responsible' mention is only claimed."""
    ranked = {
        (h.item.agency.canonical, h.item.agency.prefix) for h in hits if h.role != "responsible"
    }
    return [
        _Hit(h.item, h.role, claim_only=True)
        if h.role == "responsible" and (h.item.agency.canonical, h.item.agency.prefix) in ranked
        else h
        for h in hits
    ]


def _assignment_clauses(text: str, clauses: list[tuple[int, int]]) -> int:
    """Number of clauses that are not a 下同 / first-listed note."""
    return sum(
        1
        for s, e in clauses
        if not (_CARRY.match(text[s:e].strip()) or _FIRST_LISTED.search(text[s:e]))
    )


def _clause_sequence(
    text: str,
    start: int,
    end: int,
    lex: AgencyLexicon,
    doc_level: str | None,
    first_leads: bool,
    closes: bool,
) -> list[_Hit] | None:
    """Hits when every clause of ``text[start:end]`` is ``LIST + verb`` or a 下同 note.

    A parenthesis of bare names (no verb) counts only when it ``closes`` a sentence
    (…工作（区卫健委、区财政局）。); mid-sentence it is an apposition, as in
    国家区域医疗中心（省儿童医院）建设 or 乡镇（街道）.
    """
    hits: list[_Hit] = []
    verbs = 0
    clauses = _clauses(text, start, end)
    for s, e in clauses:
        chunk = text[s:e].strip()
        if _CARRY.match(chunk) or _FIRST_LISTED.search(chunk):
            continue
        verb = _verb_at_end(text, s, e, lex)
        if verb is None:
            if verbs:
                return None
            break
        vstart, role = verb
        items = parse_list(text, s, vstart, lex, doc_level, strict=True)
        if items is None:
            return None
        verbs += 1
        hits.extend(_assign(items, role, first_leads))
    if verbs:
        if not hits or verbs != _assignment_clauses(text, clauses):
            return None
        return _drop_restated(hits)
    # No verb at all: a parenthesis holding only a list of unmistakable agencies.
    if not closes:
        return None
    items = parse_list(text, start, end, lex, doc_level, strict=True)
    if items and all(i.agency.strong for i in items):
        return list(_assign(items, "responsible", first_leads))
    return None


# ---------------------------------------------------------------------------- 3. tables
def _cells(line: str, base: int) -> list[tuple[int, int]]:
    sep = "|" if "|" in line else "\t"
    cells: list[tuple[int, int]] = []
    s = 0
    for i, ch in enumerate(line + sep):
        if ch == sep:
            cells.append((base + s, base + i))
            s = i + 1
    return cells


def _lines(text: str) -> list[tuple[int, int]]:
    # (perf) str.find from line break to line break, not a Python loop over every character
    out: list[tuple[int, int]] = []
    s = 0
    while (i := text.find("\n", s)) >= 0:
        out.append((s, i))
        s = i + 1
    out.append((s, len(text)))
    return out


def _header_label(cell: str) -> str:
    """A header cell reduced to its label: 责任单位（部门） -> 责任单位, 牵头部门/单位 -> 牵头部门."""
    cell = re.sub(r"[（(][^（）()]*[）)]", "", cell).strip()
    return cell.split("/")[0].split("／")[0].strip()


def _table_hits(
    text: str, lex: AgencyLexicon, doc_level: str | None, first_leads: bool
) -> Iterator[_Hit]:
    """Rows "任务 | 责任单位 | 完成时限": the header's role per column, else cells of agencies."""
    if "|" not in text and "\t" not in text:
        return  # (perf) every line without either is skipped below
    columns: dict[int, str] = {}
    for ls, le in _lines(text):
        line = text[ls:le]
        if "|" not in line and "\t" not in line:
            continue
        cells = _cells(line, ls)
        header = {
            i: lex.label_cues[_header_label(text[s:e])]
            for i, (s, e) in enumerate(cells)
            if _header_label(text[s:e]) in lex.label_cues
        }
        if header:
            columns = header
            continue
        for i, (s, e) in enumerate(cells):
            if i in columns:
                items = parse_list(text, s, e, lex, doc_level, strict=False) or []
                yield from _assign(items, columns[i], first_leads)
            elif not columns:
                items = parse_list(text, s, e, lex, doc_level, strict=True)
                if items and all(it.agency.strong for it in items):
                    yield from _assign(items, "responsible", first_leads)


# ---------------------------------------------------------------------------- 4. bare lines
_DATE_LINE = re.compile(r"\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年")


def _line_hits(
    text: str, lex: AgencyLexicon, doc_level: str | None, first_leads: bool
) -> Iterator[_Hit]:
    """A line after the unit's first line that holds nothing but unmistakable agencies.

    A line followed by a date is a signature (临沂市人民政府办公室 / 2019年5月24日), not an
    assignment.
    """
    if "\n" not in text:
        return  # (perf) one line only: the first line is skipped below
    lines = _lines(text)
    for n, (ls, le) in enumerate(lines):
        if n == 0 or "|" in text[ls:le] or "\t" in text[ls:le]:
            continue
        following = next((text[a:b] for a, b in lines[n + 1 :] if text[a:b].strip()), "")
        if _DATE_LINE.match(following):
            continue
        items = parse_list(text, ls, le, lex, doc_level, strict=True)
        if items and all(it.agency.strong for it in items):
            yield from _assign(items, "responsible", first_leads)


# ---------------------------------------------------------------------------- 5. running text
_HUITONG = "会同"  # A会同B: A leads, B cooperates (grammar, not a cue of the data file)
_YOU = re.compile("由")


@functools.lru_cache(maxsize=16)
def _verb_regex(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """First clause break or verb cue (not followed by a noun ending such as 负责人)."""
    alts = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    return re.compile(
        rf"(?P<brk>[{re.escape(_CLAUSE_BREAK)}])|(?P<verb>{alts})(?!{_NOT_VERB_AFTER.pattern})"
    )


@functools.lru_cache(maxsize=16)
def _cue_regexes(verbs: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Any of ``verbs`` (a quick test), and every position where one begins (a zero-width
    match, so overlapping cues count too)."""
    alts = "|".join(re.escape(v) for v in verbs)
    return re.compile(alts), re.compile("(?=" + alts + ")")


@dataclass(frozen=True)
class _RunningRegexes:
    """The cue regexes of :func:`_running_hits` for one lexicon."""

    by_verbs: re.Pattern[str]  # after 由
    running_verbs: re.Pattern[str]  # after a clause start
    any_cue: re.Pattern[str]
    cue_starts: re.Pattern[str]
    any_finder_word: re.Pattern[str]  # see _may_assign


#: id(lexicon) -> (lexicon, its regexes); the lexicon is kept so that its id is not reused.
_RUNNING_REGEXES: dict[int, tuple[AgencyLexicon, _RunningRegexes]] = {}


def _running_regexes(lex: AgencyLexicon) -> _RunningRegexes:
    """(perf) Looked up by the lexicon's identity: the lru_caches behind it are keyed by the
    cue tuples, which would be rebuilt and rehashed for every text."""
    entry = _RUNNING_REGEXES.get(id(lex))
    if entry is None or entry[0] is not lex:
        any_cue_words = (*lex.running_cues, _HUITONG)
        any_cue, cue_starts = _cue_regexes(any_cue_words)
        regexes = _RunningRegexes(
            _verb_regex((*lex.by_cues, _HUITONG)),
            _verb_regex((*lex.running_cues, _HUITONG)),
            any_cue,
            cue_starts,
            # sorted, not longest first: only whether one occurs matters, and sorted
            # alternatives share their prefixes in the compiled pattern
            re.compile("|".join(re.escape(w) for w in sorted({*lex.label_cues, *any_cue_words}))),
        )
        if len(_RUNNING_REGEXES) >= 16:  # many lexicons (tests): do not grow without bound
            _RUNNING_REGEXES.clear()
        entry = _RUNNING_REGEXES[id(lex)] = (lex, regexes)
    return entry[1]


#: The characters one of which a finder other than fields and running cues needs: a
#: parenthesis (2), a table cell break (3), a second line (4), 由 or a duty colon (5).
_FINDER_CHARS = "（(|\t\n由：:"


def _may_assign(text: str, lex: AgencyLexicon) -> bool:
    """Whether ``text`` holds anything one of the five finders needs before it can yield a
    hit: one of :data:`_FINDER_CHARS`, a field label (1) or a running cue (5).  A text without
    any of them has no agency, so :func:`find_agencies` returns at once (perf)."""
    for ch in _FINDER_CHARS:
        if ch in text:
            return True
    return _running_regexes(lex).any_finder_word.search(text) is not None


def _next_verb(text: str, s: int, verbs: re.Pattern[str]) -> tuple[int, str] | None:
    """First verb cue after ``s`` within the look-ahead window and before a clause break."""
    m = verbs.search(text, s + 1, min(len(text), s + _LOOKAHEAD))
    if m is None or m.group("brk"):
        return None
    return m.start(), m.group("verb")


def _role_of(verb: str, lex: AgencyLexicon) -> str:
    if verb == _HUITONG:
        return "lead"
    return lex.by_cues.get(verb, "responsible")


_CLAUSE_START_AFTER = re.compile("[" + re.escape(_CLAUSE_BREAK + "（(") + "]")


def _clause_starts(text: str, last: int | None = None) -> Iterator[int]:
    """Offsets where a clause's subject may begin (after numbering such as 1. or （一）),
    for the clauses whose numbering begins at or before ``last`` (all when None)."""
    # (perf) one regex scan for the break characters instead of a Python loop per character
    stop = len(text) if last is None else last
    starts = [0] + [m.end() for m in _CLAUSE_START_AFTER.finditer(text, 0, stop)]
    for s in starts:
        m = _NUMBERING.match(text, s)
        yield m.end() if m else s


def _running_hits(
    text: str, lex: AgencyLexicon, doc_level: str | None, first_leads: bool
) -> Iterator[_Hit]:
    """由A牵头 / A牵头负责 / A会同B / A负责 / B配合 at the start of a clause."""
    # (start, verb start, verb, after 由): 由 marks an assignment by itself, so any agency
    # may follow it (由政府牵头, 由监察部门会同…); a bare clause subject must be specific.
    subjects: list[tuple[int, int, str, bool]] = []
    # (perf) the cue regexes are looked up once per text, not once per clause start
    rx = _running_regexes(lex)
    by_verbs, running_verbs = rx.by_verbs, rx.running_verbs
    for m in _YOU.finditer(text) if "由" in text else ():  # (perf) a str test before a regex
        verb = _next_verb(text, m.end(), by_verbs)
        if verb:
            subjects.append((m.end(), verb[0], verb[1], True))
    # (perf) where a running cue (or 会同) starts: a clause start without one in its look-ahead
    # window has no verb, so _next_verb is not run for it; a text without any skips them all
    cue_at = [m.start() for m in rx.cue_starts.finditer(text)] if rx.any_cue.search(text) else []
    # (perf) a clause beginning after the last cue cannot reach one: not even visited
    for s in _clause_starts(text, cue_at[-1]) if cue_at else ():
        if text.startswith(_HUITONG, s):  # 由A牵头，会同B、C制定…: B, C cooperate
            yield from _assign(_longest_list(text, s + 2, lex, doc_level), "cooperate", False)
            continue
        if text.startswith("由", s):
            continue
        i = bisect.bisect_left(cue_at, s + 1)
        if i == len(cue_at) or cue_at[i] >= s + _LOOKAHEAD:
            continue
        verb = _next_verb(text, s, running_verbs)
        if verb:
            subjects.append((s, verb[0], verb[1], False))
    # (perf) the head pattern backtracks over up to 30 characters at every position: run it
    # only when its colon-and-verb core is there at all
    has_colon = "：" in text or ":" in text  # (perf) cheaper than the regex below, and rare
    duty_heads = _DUTY_HEAD.finditer(text) if has_colon and _DUTY_CORE.search(text) else ()
    for m in duty_heads:  # 区卫生健康委：负责…  (a list of duties per agency)
        if (
            m.start() == 0
            or text[m.start() - 1] in _CLAUSE_END
            or _NUMBERING.fullmatch(text[text.rfind("\n", 0, m.start()) + 1 : m.start()])
        ):
            subjects.append((m.start(1), m.end(1), m.group(2), False))
    for s, vstart, verb, after_you in subjects:
        vend = vstart + len(verb)
        items = parse_list(text, s, _before_modal(text, s, vstart), lex, doc_level, strict=True)
        if not items:
            continue
        if after_you:
            if not all(_after_you_ok(it, lex) for it in items):
                continue
        elif not _running_list_ok(items, lex):
            continue
        yield from _assign(items, _role_of(verb, lex), first_leads)
        if verb == _HUITONG:
            partners = _longest_list(text, vend, lex, doc_level)
            yield from _assign(partners, "cooperate", False)


_CLASS_ENDINGS = ("机构", "单位", "部门")
_MODALS = ("应当", "必须", "要", "应", "将", "须")
_DUTY_HEAD = re.compile(r"([^\s：:，,。；;（）()]{2,30})[：:](牵头负责|牵头|负责|配合|参与)")
_DUTY_CORE = re.compile(r"[：:](?:牵头|负责|配合|参与)")  # what every _DUTY_HEAD match holds


def _before_modal(text: str, s: int, vstart: int) -> int:
    """End of the subject when a modal stands before the verb (市卫生健康委要牵头…)."""
    for modal in _MODALS:
        if vstart - len(modal) > s and text.startswith(modal, vstart - len(modal)):
            return vstart - len(modal)
    return vstart


def _specific(item: Item, lex: AgencyLexicon) -> bool:
    """Prefixed, 各…, known, or a proper name of three characters or more.

    Bare two-character words (政府负责, 医院负责) describe roles in general, and unprefixed
    …机构/…单位/…部门 name classes (科研机构牵头); a name opening with a verb (支持川酒集团)
    is a phrase.  None of them is an assignment in running text.
    """
    a = item.agency
    if a.prefix is not None or a.collective:
        return True
    if lex.starts_with_verb(a.name) or a.name.endswith(_CLASS_ENDINGS):
        return False
    return len(a.name) >= 3


def _after_you_ok(item: Item, lex: AgencyLexicon) -> bool:
    """After 由 any agency will do except a verb phrase or a bare ending (由医院组织…)."""
    a = item.agency
    if lex.starts_with_verb(a.name):
        return False
    return a.strong or len(a.name) >= 3


def _running_list_ok(items: list[Item], lex: AgencyLexicon) -> bool:
    """In running text every name must be specific, or known and listed beside a specific one
    (各镇乡、街道负责: 街道 is vouched for by 各镇乡)."""
    if not any(_specific(it, lex) for it in items):
        return False
    return all(_specific(it, lex) or it.agency.known for it in items)


def _longest_list(text: str, start: int, lex: AgencyLexicon, doc_level: str | None) -> list[Item]:
    """The longest run of agencies starting at ``start`` (the partners after 会同)."""
    limit = min(len(text), start + _LOOKAHEAD)
    brk = next((i for i in range(start, limit) if text[i] in _CLAUSE_BREAK), limit)
    fallback: list[Item] = []
    for end in range(brk, start, -1):
        items = parse_list(text, start, end, lex, doc_level, strict=True)
        if items and _running_list_ok(items, lex):
            # A list of known names beats a longer one that swallowed the verb after it
            # (会同市人社局制定办法 must not yield "市人社局制定办").
            if all(it.agency.known or it.agency.collective for it in items):
                return items
            fallback = fallback or items
    return fallback
