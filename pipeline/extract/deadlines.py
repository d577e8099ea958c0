"""Deadlines: the time expressions that bound *when* a unit of a plan must be done.

``find_deadlines(text, offset, ref_date)`` returns one :class:`~pipeline.schema.Deadline`
per expression, with its exact text and span, ISO ``start``/``end`` and a ``kind``:

======== =========================================================== ==========================
kind     written as                                                  start .. end
======== =========================================================== ==========================
by       到2025年, 至2016年底, 2019年6月底前, 年内, 三年内, 5个工作日内, 限期   None .. the last day
range    2016年4月至11月, 2009年6月20日至7月1日, 3月至5月             first day .. last day
period   2018-2020年, 2018年至2020年, “十四五”期间, 2019年度, 今年,       first day .. last day
         上半年, 第一季度, 2024年 (scoping a paragraph), 2016年12月
point    自2020年1月1日起 (start only), 定于2024年5月20日 (start=end)   the day .. None / the day
recurring 每月4日前, 每年至少两次, 每季度, 按季度, 年度考核            None .. None, ``recurrence``
======== =========================================================== ==========================

Conventions (the annotation guide for ``corpus/annotations/deadlines.jsonl``):

* The text includes the particles that decide the kind: 到/至/截至 and 自/从 before,
  前/之前/以前/内/以内/起/开始/期间/时期/末 after; not 于/在.
* Spans of whole years are ``period``; spans with months or days are ``range``.
* 年底/年末 = 12-31, 月底 = last day of the month, 上半年 ends 06-30.  "X月前" ends the day
  before the month starts; "YYYY年前" ends on YYYY-12-31 (plans use it for 到YYYY年).
* Expressions without a year (今年, 年内, 6月底前, 上半年) are resolved against
  ``ref_date`` (the document's issued date); without it start/end stay None.  N年内 ends
  on 12-31 of year ref+N-1: plans count the year of issue as the first (三年行动 2018-2020).
* Recurrences (每年/每半年/每季度/每月/每周/每日, 按季度, 一月一调度, 年度考核) have
  start/end None; 每两年-style cadences outside the named ones have recurrence None.
* A recurrence keeps its detail in the text: the window of a yearly routine
  (每年6月1日至9月30日 is ONE recurring item, start/end None: it has no single
  occurrence, and the window stays readable in ``text``), the weekday (每周一), the
  hour (每日17时前) and a counted day (每月最后一个工作日).
* 起/开始 after a month, a day or a school term is a ``point``: 2024年9月起 starts
  2024-09-01; 秋季学期 starts on 09-01, 春季学期 on 03-01; end None.
* A duration measured by 控制在/缩短到/不超过… (平均住院日控制在8天以内) is the level
  of an indicator, left to the target extractor; a time limit for doing something
  (3个工作日内办结) stays ``by`` with null dates.
* Each annotated item may carry ``ref_date`` (the issued date of its source, or the year of
  a city work report as YYYY-01-01; null when unknown): evaluate with that as ``ref_date``.
* History is not a deadline: dates of issue or events (于2017年印发, 2013年12月20日…正式启用),
  retrospective sentences (已/曾/了 without a modal such as 要/将/力争/确保), statistics
  (截至 + a date + 共有/累计/现有…; a bare year + 共完成/完成了/建成了…), …以来, cited
  document titles in 《》, signatures, years before the document's own year, 2024年是….
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import regex

from pipeline.extract import timeexpr_cues as cues
from pipeline.extract.timeexpr import Moment, TimeExpr, day_before, first_day, last_day, scan
from pipeline.schema import Deadline

T = TypeVar("T")

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT = re.compile("[０-９]")  # (perf) the stdlib engine: a smaller fixed cost
#: The last sentence end before a position (searched backwards).
_SENTENCE_END_BACK = regex.compile(cues.SENTENCE_END.pattern, regex.REVERSE)

#: How far back/forward we look for particles (they are one or two characters).
_PARTICLE_WINDOW = 4
#: How far back an unclosed 《 still opens the title we are in.
_TITLE_WINDOW = 80
#: Relative words that in running text mostly mean "that same year" of a story.
_STORY_YEAR = ("当年", "当年度", "次年")


def find_deadlines(text: str, offset: int = 0, ref_date: dt.date | None = None) -> list[Deadline]:
    """Every deadline, period or recurrence in ``text``, sorted by span, never overlapping.

    ``offset`` is added to spans (the position of ``text`` in the document);
    ``ref_date`` is the document's issued date, used for 今年/年内/6月底前 and to
    recognise past years as history.  Never raises: unreadable input gives [].
    """
    try:
        return _find(text if isinstance(text, str) else "", offset, _as_date(ref_date))
    except Exception:  # a deadline extractor must never take a document down
        return []


def _as_date(ref: object) -> dt.date | None:
    """The reference date; also accepts Document.issued_date strings (YYYY-MM-DD, YYYY-MM)."""
    if isinstance(ref, dt.datetime):
        return ref.date()
    if isinstance(ref, dt.date):
        return ref
    if isinstance(ref, str):
        parts = [int(p) for p in ref.strip().split("-")[:3] if p.isdigit()]
        try:
            return dt.date(*[*parts, 1, 1][:3]) if parts else None
        except ValueError:
            return None
    return None


def _find(text: str, offset: int, ref_date: dt.date | None) -> list[Deadline]:
    # full-width digits read as ASCII ones (same length, so offsets are unchanged)
    # (perf) str.translate walks every character in Python-level dict lookups: skip it
    # for the usual text that has no full-width digit
    norm = text.translate(_FULLWIDTH_DIGITS) if _FULLWIDTH_DIGIT.search(text) else text
    # Longest expression first: 2016年4月至11月 beats 2016年4月 and 11月.  The choice is
    # made before interpretation so that the parts of a rejected expression (the
    # 2017年 of a historical 2015—2017年) do not come back on their own.
    found = scan(norm)
    if not found:
        return []  # (perf) most units name no time at all: skip the selection machinery
    exprs = _longest_first(found, key=lambda x: (x.start, x.end))
    candidates = [c for x in exprs if (c := _interpret(norm, x, ref_date)) is not None]
    # particles widen spans (到…, …前): settle any new overlap the same way
    chosen = _longest_first(candidates, key=lambda c: (c[0], c[1]))
    chosen.sort(key=lambda c: c[0])
    out = []
    for s, e, d in chosen:
        d.text = text[s:e]
        d.span = (s + offset, e + offset)
        out.append(d)
    return out


def _longest_first(items: list[T], key: Callable[[T], tuple[int, int]]) -> list[T]:
    """Non-overlapping items, preferring the longest (then the earliest)."""
    chosen: list[T] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(items, key=lambda i: (key(i)[0] - key(i)[1], key(i)[0])):
        s, e = key(item)
        if all(e <= a or s >= b for a, b in taken):
            chosen.append(item)
            taken.append((s, e))
    return chosen


def _sentence(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(sentence before the expression, the rest of the sentence after it, the clause before)."""
    # (perf) one search each way instead of a regex match per character
    m = _SENTENCE_END_BACK.search(text, 0, start)
    s = m.end() if m else 0
    m = cues.SENTENCE_END.search(text, end)
    e = m.start() if m else max(end, len(text))
    before = text[s:start]
    clause_start = max(before.rfind("，"), before.rfind(","), before.rfind("："))
    return before, text[end:e], before[clause_start + 1 :]


def _basis_window(after: str) -> str:
    """The text from the first 的基础上 of the clause on (empty if the clause has none)."""
    stop = min((i for i in (after.find("，"), after.find(",")) if i >= 0), default=len(after))
    i = after.find("的基础上", 0, stop + 1)
    return after[i:] if i >= 0 else ""


def _inside_title(text: str, start: int) -> bool:
    """Inside 《…》: the year belongs to a cited document's name.

    Titles wrap over lines in scraped text, so the look-back crosses newlines,
    but only as far as a long title goes.
    """
    before = text[max(0, start - _TITLE_WINDOW) : start]
    return before.rfind("《") > before.rfind("》")


def _is_signature(text: str, start: int, end: int) -> bool:
    """A date alone on its line (or with 印发/发布): the signature of the document."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[line_start:start].strip() + "|" + text[end:line_end].strip()
    return rest in ("|", "|印发", "|发布", "|制发")


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


@dataclass(frozen=True)
class _Context:
    """The words around one expression that decide what it means."""

    lead_by: str  # 到, 至, 截至 … just before ("" if none)
    lead_from: str  # 自, 从 just before
    trail: str  # 前, 底前, 内, 起, 期间 … just after
    before: str  # the sentence up to the expression
    after: str  # the sentence after the expression (and its trailing particle)
    clause: str  # the comma clause up to the expression
    modal: bool  # the sentence states intent (要, 将于, 力争, 确保 …)
    announced: bool  # 定于/将于… right before: a coming day, not an event date


def _context(text: str, expr: TimeExpr) -> _Context:
    s, e = expr.start, expr.end
    head = text[max(0, s - _PARTICLE_WINDOW) : s]
    lead_by = cues.LEAD_BY.search(head)
    lead_from = cues.LEAD_FROM.search(head)
    trail_m = cues.TRAIL.match(text[e : e + _PARTICLE_WINDOW])
    # 每年… is a complete expression: 前/起 after it belong to something else
    trail = trail_m.group(0) if trail_m and expr.shape != "recurring" else ""
    before, after, clause = _sentence(text, s, e + len(trail))
    return _Context(
        lead_by=lead_by.group(0) if lead_by else "",
        lead_from=lead_from.group(0) if lead_from else "",
        trail=trail,
        before=before,
        after=after,
        clause=clause,
        modal=bool(cues.FORWARD_MODAL.search(before) or cues.FORWARD_MODAL.search(after)),
        announced=bool(cues.FORWARD_BEFORE_DAY.search(text[max(0, s - 5) : s])),
    )


def _is_history(text: str, expr: TimeExpr, c: _Context) -> bool:
    """True when the grammar says the expression dates something that happened or is a name."""
    if c.trail in cues.TRAIL_PAST:  # …以来
        return True
    if _inside_title(text, expr.start):  # 《…（2018-2020年）》
        return True
    if cues.NOT_A_BOUND_AFTER.match(c.after):  # 2024年是…, 2010年版, 2023年工作回顾
        return True
    if not (c.lead_by or c.lead_from) and cues.RETRO_BEFORE.search(c.before):  # 总结2015—2017年
        return True
    if c.modal:
        return False
    if c.lead_by.startswith("截") and cues.STOCK_AFTER.search(c.after):
        return True  # 截至2023年底，全市共有…: the date of a statistic
    if cues.PAST_MARKER.search(c.after):  # 到2013年，已有…
        return True
    if expr.shape != "recurring" and cues.PAST_MARKER.search(c.clause):
        return True
    if cues.NEWS_MARKER.search(c.before):  # 据悉，…
        return True
    if "在" in c.clause and cues.ON_THE_BASIS.match(_basis_window(c.after)):
        return True
    if expr.shape == "moment" and text[expr.start : expr.end] in _STORY_YEAR:
        return not (c.lead_by or c.trail)  # 当年招引项目…: the year of the story
    # 2012年8月，…出台《…》: the date of an event
    bare = expr.shape in ("moment", "span") and not (c.trail or c.lead_by or c.announced)
    return bare and bool(cues.EVENT_VERB.match(c.after))


def _is_reported(expr: TimeExpr, c: _Context, ref: dt.date | None) -> bool:
    """A bare date scoping reported results or statistics rather than work to do."""
    bare = expr.shape in ("moment", "span") and not (c.lead_by or c.lead_from or c.trail)
    if not bare or c.modal:
        return False
    sentence = c.before + c.after
    if cues.RESULT_AFTER.search(c.after):
        return True  # 2023年，全县共完成…: a year's results
    if ref is None and cues.PAST_RESULT.search(c.after):
        return True  # 2015—2017年，全省…认真实施…，满意度显著提升
    if "同比" in sentence:
        return True  # 2022年全市…同比增长8%
    # 1—11月，固定资产投资增长4.1%
    return _names_part_of_a_year(expr) and bool(cues.STAT_MARKER.search(sentence))


def _interpret(text: str, expr: TimeExpr, ref: dt.date | None) -> tuple[int, int, Deadline] | None:
    """Kind and bounds of one expression from its particles and sentence; None = not a deadline."""
    c = _context(text, expr)
    if c.trail in cues.TRAIL_AFTER and expr.shape != "duration":
        return None  # 2020年以后: open-ended, not a bound
    if expr.shape == "duration" and cues.MEASURE_BEFORE.search(
        text[max(0, expr.start - 4) : expr.start]
    ):
        return None  # 平均住院日控制在8天以内: the level of an indicator (a target)
    if _is_history(text, expr, c):
        return None
    if _is_reported(expr, c, ref):
        return None
    deadline = _classify(expr, ref, bool(c.lead_by), bool(c.lead_from), c.trail)
    if deadline is None:
        return None
    if deadline.kind == "point" and deadline.end is not None and not (c.trail or c.announced):
        return None  # a bare single day is an event date unless announced as coming
    if expr.shape == "moment" and _is_signature(text, expr.start, expr.end):
        return None
    if expr.shape == "recurring" and cues.RATE_AFTER.match(text[expr.end :]):
        return None  # 每月655元: a rate
    if ref is not None and _before_ref(deadline, ref):
        return None
    start, end = expr.start, expr.end + len(c.trail)
    if c.lead_by and expr.shape in ("moment", "plan") and deadline.kind == "by":
        start -= len(c.lead_by)
    elif c.lead_from and deadline.kind == "point":
        start -= len(c.lead_from)
    deadline.text = text[start:end]
    return start, end, deadline


def _names_part_of_a_year(expr: TimeExpr) -> bool:
    """Months, quarters or halves written without a year (1—11月, 一季度, 年末)."""
    lo = expr.lo
    return expr.relative and lo is not None and (lo.month is not None or lo.part is not None)


def _before_ref(d: Deadline, ref: dt.date) -> bool:
    """Wholly in a year before the document's: history, whatever the grammar says."""
    last = d.end or d.start
    return last is not None and int(last[:4]) < ref.year


def _deadline(kind: str, a: dt.date | None, b: dt.date | None, rec: str | None = None) -> Deadline:
    """A Deadline without text/span yet (filled in once its particles are known)."""
    return Deadline(text="", span=(0, 0), start=_iso(a), end=_iso(b), kind=kind, recurrence=rec)


def _classify(
    expr: TimeExpr, ref: dt.date | None, lead_by: bool, lead_from: bool, trail: str
) -> Deadline | None:
    """Kind and ISO bounds from the shape of the expression and its particles."""
    if expr.shape == "recurring":
        return _deadline("recurring", None, None, expr.recurrence)
    if expr.shape == "limit":  # 限期: the limit is set elsewhere
        return _deadline("by", None, None)
    if expr.shape == "fromissue":  # 自印发之日起: starts on the document's date when we know it
        issued = expr.unit in (None, "印发", "发布", "公布")
        return _deadline("point", ref if issued else None, None)
    if expr.shape == "duration":  # 三年内: counted from the year of issue
        end = None
        if expr.unit == "年" and ref is not None and expr.count is not None and expr.count < 50:
            end = dt.date(ref.year + expr.count - 1, 12, 31)
        return _deadline("by", None, end)
    if expr.lo is None:
        return None
    if expr.shape == "plan":  # “十四五”期间 / “十四五”末; a bare “十四五”规划 is a name
        if expr.hi is None:
            return None
        if trail in cues.TRAIL_PERIOD:
            return _deadline("period", first_day(expr.lo), last_day(expr.hi))
        if trail in cues.TRAIL_END or trail == "时期内":
            return _deadline("by", None, last_day(expr.hi))
        return None
    if expr.shape == "span":
        if expr.hi is None:
            return None
        lo, hi = expr.lo.resolve(ref), expr.hi.resolve(ref)
        whole_years = expr.lo.precision == "year" and expr.hi.precision == "year"
        return _deadline(
            "period" if whole_years else "range",
            first_day(lo) if lo else None,
            last_day(hi) if hi else None,
        )
    return _classify_moment(expr, ref, lead_by, lead_from, trail)


def _classify_moment(
    expr: TimeExpr, ref: dt.date | None, lead_by: bool, lead_from: bool, trail: str
) -> Deadline | None:
    """One calendar unit: by (到…/…前/…底), point (…起, or a single day), else a period."""
    raw = expr.lo
    assert raw is not None
    mom = raw.resolve(ref)
    first = first_day(mom) if mom else None
    last = last_day(mom) if mom else None
    if raw.part == "within":  # 年内
        return _deadline("by", None, last_day(Moment(mom.year)) if mom else None)
    if trail in cues.TRAIL_FROM:
        return _deadline("point", first, None)
    if lead_from and not lead_by:
        return None  # 从2016年… without 起: the start of a 从…到… written apart
    if lead_by or trail in cues.TRAIL_BY or trail in cues.TRAIL_END or raw.part == "end":
        before_month = raw.precision == "month" and raw.part != "end"
        if mom is not None and trail in ("前", "之前", "以前") and before_month:
            return _deadline("by", None, day_before(mom))  # 3月前: before March begins
        return _deadline("by", None, last)
    if expr.relative and raw.month is not None:
        return None  # 6月 alone, no particle: too weak to call a deadline
    if raw.precision == "day":
        return _deadline("point", first, last)
    return _deadline("period", first, last)
