"""Time expressions as Chinese plans write them, found and turned into calendar bounds.

This module is the *grammar* half of the deadline extractor: it finds every
expression that names a calendar unit (2019年6月底, 2016年4月至11月, 2018—2020年,
“十四五”, 今年, 上半年, 三年内, 每季度 …) and computes the first and last day it
covers.  It does not decide whether the expression is a deadline or merely
history; :mod:`pipeline.extract.deadlines` does that from the words around it.

Keeping the two apart lets the date arithmetic be property-tested on its own
(render a date in Chinese, parse it back) and keeps the context rules readable.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import regex

from pipeline.extract.numbers import parse_chinese_numeral

# --------------------------------------------------------------------------- numerals

_CN = "〇零○一二两三四五六七八九十"
#: A year: 2016 or 二〇一六 (four digits, never part of a longer number).
YEAR = (
    r"(?:(?<![\d.])(?:19|20)\d{2}(?![\d.])|(?<![" + _CN + r"])[一二][〇零○一二三四五六七八九]{3})"
)
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
#: A small count such as the 3 of 3年内 or the 两 of 每两年.
COUNT = r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3})"
#: The connector of a range: 2016年4月至11月, 2018-2020年, 2016年—2018年.
SEP = r"(?:[-－—–~～]{1,2}|至|到)"

#: One optional space inside a date: PDF and Word extractions write 2024 年 6 月.
S = r"[ \u3000\u00a0]?"

_QUARTER_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def to_int(s: str | None) -> int | None:
    """Arabic or Chinese digits -> int (二〇二五 -> 2025, 十二 -> 12, 05 -> 5); None if unreadable."""
    if not s:
        return None
    if s.isdigit():  # also full-width ２０２５
        return int(s)
    return parse_chinese_numeral(s.replace("○", "〇"))


# --------------------------------------------------------------------------- moments


@dataclass(frozen=True)
class Moment:
    """One calendar unit as written: a year, a month, a day, or a part of a year.

    ``year`` is None when the text leaves it out (6月底前, 上半年, 今年); then
    ``year_offset`` says which year relative to the document's date is meant
    (0 = the document's year, 1 = 明年).  ``part`` is ``H1``/``H2`` (halves),
    ``Q1``..``Q4`` (quarters), ``D1``..``D3`` (上旬/中旬/下旬 of a month) or ``end``
    (年底/月底: the point at the end).
    """

    year: int | None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    year_offset: int = 0

    @property
    def precision(self) -> str:
        """``day``, ``month``, ``quarter``, ``half`` or ``year`` (what the text pins down)."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "dekad" if self.part and self.part.startswith("D") else "month"
        if self.part and self.part.startswith("Q"):
            return "quarter"
        if self.part in ("H1", "H2"):
            return "half"
        return "year"

    def resolve(self, ref: dt.date | None) -> Moment | None:
        """The same moment with its year filled from ``ref``; None if that is impossible."""
        if self.year is not None:
            return self
        if ref is None:
            return None
        return Moment(ref.year + self.year_offset, self.month, self.day, self.part)

    def is_valid(self) -> bool:
        """Month and day exist in the calendar (2月30日 does not)."""
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is not None:
            if self.month is None or self.year is None:
                return self.month is None or 1 <= self.day <= 31
            return 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]
        return True


def first_day(m: Moment) -> dt.date | None:
    """First day the moment covers (None when its year is unknown)."""
    if m.year is None:
        return None
    if m.day is not None and m.month is not None:
        return dt.date(m.year, m.month, m.day)
    if m.month is not None:
        if m.part == "end":
            return last_day(m)
        if m.part and m.part.startswith("D"):
            return dt.date(m.year, m.month, 10 * int(m.part[1]) - 9)
        return dt.date(m.year, m.month, 1)
    if m.part == "H2":
        return dt.date(m.year, 7, 1)
    if m.part and m.part.startswith("Q"):
        return dt.date(m.year, 3 * int(m.part[1]) - 2, 1)
    if m.part == "end":
        return dt.date(m.year, 12, 31)
    return dt.date(m.year, 1, 1)


def last_day(m: Moment) -> dt.date | None:
    """Last day the moment covers (None when its year is unknown)."""
    if m.year is None:
        return None
    if m.day is not None and m.month is not None:
        return dt.date(m.year, m.month, m.day)
    if m.month is not None:
        if m.part in ("D1", "D2"):
            return dt.date(m.year, m.month, 10 * int(m.part[1]))
        return dt.date(m.year, m.month, calendar.monthrange(m.year, m.month)[1])
    if m.part == "H1":
        return dt.date(m.year, 6, 30)
    if m.part and m.part.startswith("Q"):
        q_end = 3 * int(m.part[1])
        return dt.date(m.year, q_end, calendar.monthrange(m.year, q_end)[1])
    return dt.date(m.year, 12, 31)


def day_before(m: Moment) -> dt.date | None:
    """The day before the moment starts: 6月前 ends on 5月31日."""
    d = first_day(m)
    return None if d is None else d - dt.timedelta(days=1)


# --------------------------------------------------------------------------- expressions


@dataclass(frozen=True)
class TimeExpr:
    """A time expression found in text, before any decision about what it means for a task.

    ``shape`` says how it was written:

    * ``moment``: one calendar unit (2019年6月底, 2016年度, 今年, 上半年)
    * ``span``: two units joined by 至/—: ``lo`` .. ``hi`` (2016年4月至11月, 2018-2020年)
    * ``plan``: a five-year-plan period (“十四五”), with ``lo``/``hi`` the years
    * ``duration``: N年内, 5个工作日内, 用3年时间 (``count`` and ``unit`` set)
    * ``limit``: 限期 (a deadline set elsewhere)
    * ``recurring``: 每月4日前, 每季度, 按季度, 年度考核 (``recurrence`` set)
    """

    start: int
    end: int
    shape: str
    lo: Moment | None = None
    hi: Moment | None = None
    count: int | None = None
    unit: str | None = None
    recurrence: str | None = None
    relative: bool = False  # written without a year (今年, 6月底前): needs the document's date


def _moment_pattern(tag: str, year_required: bool) -> str:
    """A moment with named groups ``y_tag`` ``m_tag`` ``d_tag`` ``p_tag``.

    ``p`` is the part: 上半年/下半年/第一季度/底/末/份.
    """
    year = rf"(?P<y_{tag}>{YEAR}){S}年"
    body = (
        rf"(?:{S}(?P<m_{tag}>{MONTH}){S}月(?:{S}(?P<d_{tag}>{DAY}){S}[日号]|(?P<p_{tag}>底|末|份|上旬|中旬|下旬|初))?"
        rf"|(?P<p_{tag}>上半年|下半年|第?[一二三四1-4]季度|底|末|年底|年末))?"
    )
    if year_required:
        return year + body
    # no year: the month must stand alone (not the 2 of 12月, not after 年 or 个)
    return (
        rf"(?:(?P<rel_{tag}>今年|明年|次年|本年|当年)|(?<![\d{_CN}年个.第]))(?P<m_{tag}>{MONTH})月"
        rf"(?:(?P<d_{tag}>{DAY})[日号]|(?P<p_{tag}>底|末|份|上旬|中旬|下旬|初))?"
    )


def _moment_from(match: regex.Match[str], tag: str, default_year: int | None = None) -> Moment:
    y = to_int(match.group(f"y_{tag}")) if f"y_{tag}" in match.groupdict() else None
    m = to_int(match.group(f"m_{tag}"))
    d = to_int(match.group(f"d_{tag}"))
    p = match.group(f"p_{tag}")
    rel = match.groupdict().get(f"rel_{tag}")
    offset = 1 if rel in ("明年", "次年") else 0
    return Moment(y if y is not None else default_year, m, d, _part(p), year_offset=offset)


def _part(p: str | None) -> str | None:
    if not p or p == "份":
        return None
    if p in ("底", "末", "年底", "年末"):
        return "end"
    if p in ("上旬", "中旬", "下旬", "初"):
        return {"上旬": "D1", "初": "D1", "中旬": "D2", "下旬": "D3"}[p]
    if p == "上半年":
        return "H1"
    if p == "下半年":
        return "H2"
    return "Q" + str(_QUARTER_NUM[p.lstrip("第")[0]])


_FULL_A = _moment_pattern("a", year_required=True)
_BARE_A = _moment_pattern("a", year_required=False)
# partner of a range: any of year, month, day, at least one (checked in code)
_PARTNER = (
    rf"(?:(?P<y_b>{YEAR}){S}年|(?P<n_b>次年|翌年|来年|明年))?(?:{S}(?P<m_b>{MONTH}){S}月)?"
    rf"(?:{S}(?P<d_b>{DAY}){S}[日号])?"
    rf"(?P<p_b>底|末|上旬|中旬|下旬|上半年|下半年|第?[一二三四1-4]季度)?"
)

#: The day of a weekly routine: 每周一 (not the 一 of 每周一次).
_WEEKDAY = r"(?<=周|星期)[一二三四五六日天](?![次个一二三四五六七八九十])"
#: A counted day of the period: 每月最后一个工作日, 每季度第一个月, 每月前5个工作日.
_NTH_DAY = (
    r"(?:最后一?|第[一二三四五六七八九十\d]{1,2}|前[一二三四五六七八九十\d]{1,2})个?"
    r"(?:工作日|周|星期[一二三四五六日天]?|月|天|日)"
)
#: The hour of a daily routine: 每日17时前, 每天8点.
_HOUR = r"(?:2[0-4]|[01]?\d|[一二三四五六七八九十]{1,3})[时点](?:半|\d{1,2}分)?"
#: The closing side of a yearly window: 每年6月1日至9月30日 (one recurring item).
_REC_RANGE = rf"{SEP}(?:{MONTH}月(?:{DAY}[日号])?|{DAY}[日号])(?:底|末)?"

PATTERNS: dict[str, regex.Pattern[str]] = {
    # 1-3月, 1至3月 (one year, from the document's date)
    "baremonthspan": regex.compile(
        rf"(?<![\d{_CN}年个.第])(?P<m_a>{MONTH})(?:月)?{SEP}(?P<m_b>{MONTH})月(?P<p_b>底|末)?"
    ),
    # 2018-2020年, 2018—2020年度 (the compact span of plan titles)
    "yearspan": regex.compile(rf"(?P<y_a>{YEAR}){S}{SEP}{S}(?P<y_b>{YEAR}){S}年(?:度)?"),
    # （2023-2025）: a plan title's span without 年
    "yearspan_bare": regex.compile(rf"(?<=[（(])(?P<y_a>{YEAR}){SEP}(?P<y_b>{YEAR})(?=[）)])"),
    # 2021年1—6月: one year, a span of months
    "monthspan": regex.compile(
        rf"(?P<y_a>{YEAR}){S}年{S}(?P<m_a>{MONTH})(?:月)?{SEP}(?P<m_b>{MONTH}){S}月(?P<p_b>底|末)?"
    ),
    # 2016年4月至11月, 2009年6月20日至7月1日, 2018年至2020年, 2019年6月至2020年12月
    "span": regex.compile(rf"{_FULL_A}{S}{SEP}{S}{_PARTNER}"),
    # 3月至5月, 6月20日至7月1日 (year from the document's date)
    "barespan": regex.compile(rf"{_BARE_A}{SEP}{_PARTNER}"),
    # 2019年度, 2020财政年度, 2020年财政年度
    "fiscal": regex.compile(rf"(?P<y_a>{YEAR}){S}(?:年)?(?:财政)?年度"),
    # 2024年秋季学期起: a school term starts a measure (秋季 -> 9月1日, 春季 -> 3月1日);
    # only before 起/开始, where the term is a starting point, never a whole period
    "semester": regex.compile(
        rf"(?:(?P<y_a>{YEAR}){S}年{S})(?P<sem>秋季|春季)(?:学期)?(?=起|开始)"
        r"|(?<![\d年])(?P<sem2>秋季|春季)学期(?=起|开始)"
    ),
    "moment": regex.compile(_FULL_A),
    "baremoment": regex.compile(_BARE_A),
    # 今年, 明年, 本年度, 当年, 年内, 今年年底, 年底, 上半年, 一季度, 本财政年度
    # Both parts are optional, so the pattern could match the empty string at every
    # position; the lookahead (a word one of the two parts starts with) keeps finditer
    # from stopping there without changing any non-empty match.  (perf) Whole words, not
    # first characters: 年/一/二 alone let ~30 empty matches per non-empty one through.
    # (年内's own look-behind is implied by the outer one when 年内 comes first.)
    "relative": regex.compile(
        rf"(?<![\d{_CN}年相前每个季半])"
        r"(?=今年|明年|次年|本年|当年|本财政年度|年内|年底|年末|上半年|下半年|第?[一二三四]季度)"
        r"(?P<rel>今年|明年|次年|本年度?|当年度?|本财政年度|当年财政年度)?"
        r"(?P<what>(?<![\d" + _CN + r"])年内|年底|年末|上半年|下半年|第?[一二三四]季度)?"
    ),
    # 今年底, 明年末
    "relend": regex.compile(r"(?P<rel>今年|明年|次年|本年)(?P<what>底|末)"),
    # 自印发之日起, 即日起: the start is the document's own date
    "fromissue": regex.compile(
        r"(?:(?:自|从)(?:本[^\s，。；]{0,4}?)?)?(?P<ev>印发|发布|公布|施行|实施)之日起|(?:自|从)?即日起"
    ),
    # “十四五”, 十三五 (the quotes are kept in the text when both are there)
    "plan": regex.compile(
        r"(?P<q1>[“\"「『]?)(?<!["
        + _CN
        + r"第])(?P<n>十[一二三四五六七八九]|[六七八九])五(?P<q2>[”\"」』]?)"
        r"(?=期间|时期|末期|末|以来|规划|计划|时期内)"
    ),
    # 三年内, 5个工作日内, 3个月以内, 用3年时间
    "duration": regex.compile(
        rf"(?<![近过去每第\d{_CN}])(?P<n>{COUNT})(?:个)?(?P<u>年|月|季度|周|星期|工作日|日|天|小时)(?:以内|之内|内)"
        rf"|(?<=用)(?P<n2>{COUNT})(?:个)?(?P<u2>年|月)(?:左右)?时间"
    ),
    "limit": regex.compile(r"限期"),
    # 每月4日前, 每年6月底前, 每季度末, 每两年, 每年至少两次, 按季度
    "recurring": regex.compile(
        rf"(?:每(?:一|个)?(?P<n>{COUNT})?(?:个)?(?P<u>年度|半年|季度|年|季|月|周|星期|日|天)"
        rf"|按(?P<u2>年度|季度|月|周|日|年))"
        rf"(?P<detail>(?:第?[一二三四]季度|年底|年末|{_WEEKDAY}|{_NTH_DAY}"
        rf"|(?:(?P<dm>{MONTH})月)?(?:(?P<dd>{DAY})[日号])?(?:{_HOUR})?)"
        rf"(?:底|末|初|上旬|中旬|下旬)?(?:{_REC_RANGE})?(?:前|之前|以前)?)"
        r"(?P<freq>(?:至少|不少于|不低于)[一二两三四五六七八九十\d]{1,2}次)?"
    ),
    # 一月一调度, 一季一通报: the cadence of a routine
    "oneperone": regex.compile(
        r"(?<![\d" + _CN + r"])一(?P<u>年|季度|季|月|周)一(?!次|个)\p{Han}{1,2}"
    ),
    # 年度考核, 季度汇报, 月度调度: a recurring activity named by its period
    "periodic": regex.compile(
        r"(?<![\d" + _CN + r"今本当每上下全前年])(?P<u>年度|季度|月度)"
        r"(?=(?:综合|绩效)?(?:考核|督导|评估|评价|汇报|例会|调度|通报|监测))"
    ),
}

#: The month a school term starts in (the day is the 1st): 秋季学期 -> 09-01.
_TERM_START = {"秋季": 9, "春季": 3}

_REC_UNIT = {
    "年": "yearly",
    "年度": "yearly",
    "半年": "half_yearly",
    "季": "quarterly",
    "季度": "quarterly",
    "月": "monthly",
    "月度": "monthly",
    "周": "weekly",
    "星期": "weekly",
    "日": "daily",
    "天": "daily",
}


#: (perf) Strings one of which every non-empty match of a pattern contains, so that a text
#: without any of them is not scanned with that pattern at all.
_NEEDS: dict[str, tuple[str, ...]] = {
    "baremonthspan": ("月",),
    "yearspan": ("年",),
    "yearspan_bare": ("（", "("),
    "monthspan": ("月",),
    "span": ("年",),
    "barespan": ("月",),
    "fiscal": ("年度",),
    "semester": ("秋季", "春季"),
    "moment": ("年",),
    "baremoment": ("月",),
    "relative": ("年", "季度"),
    "relend": ("年底", "年末"),
    "fromissue": ("日起",),
    "plan": ("五",),
    "duration": ("内", "时间"),
    "limit": ("限期",),
    "recurring": ("每", "按"),
    "oneperone": ("一",),
    "periodic": ("度",),
}

#: The connector of a range (:data:`SEP`) as plain strings, the likeliest first.
_SEP_WORDS = ("至", "到", "—", "-", "－", "–", "~", "～")

_RELATIVE_WORDS = ("今年", "明年", "次年", "本年", "当年", "本财政年度", "年内", "年底", "年末")
_RELATIVE_WORDS += ("半年", "季度")

#: (perf) Further groups of strings for the shapes whose :data:`_NEEDS` word is common
#: (一, 度, 内, 年, （) but whose matches are rare: every non-empty match contains a string
#: of EACH group.  Checked only after the :data:`_NEEDS` test passed.
_ALSO_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    # rel (今年 … 本财政年度, 当年财政年度) or what (年内 … 上半年/下半年, 第一季度)
    "relative": (_RELATIVE_WORDS,),
    # a unit (年 月 季度 周 星期 工作日 日 天 小时) then 内/以内/之内; or 用…时间
    "duration": (
        ("以内", "之内", "年内", "月内", "度内", "周内", "期内", "日内", "天内", "时内", "时间"),
    ),
    "periodic": (
        ("年度", "季度", "月度"),
        ("考核", "督导", "评估", "评价", "汇报", "例会", "调度", "通报", "监测"),
    ),
    "oneperone": (("一年一", "一季", "一月一", "一周一"),),  # 一季 covers 一季一 and 一季度一
    "yearspan_bare": (_SEP_WORDS,),
}


def _has_each(text: str, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``text`` contains a string of every group."""
    for words in groups:  # (perf) plain loops: nested generators cost more than the tests
        for word in words:
            if word in text:
                break
        else:
            return False
    return True


#: The first characters of the :data:`_NEEDS` words: which of them a text holds (one C-level
#: scan) decides which patterns can match it at all.
_GATE_CHARS = re.compile(
    "[" + re.escape("".join(sorted({w[0] for ws in _NEEDS.values() for w in ws if w}))) + "]"
)
#: Per shape, its :data:`_NEEDS` split for :func:`_plan`: (one-character needs, longer ones),
#: or None for a shape that is always scanned.
_NEEDS_SPLIT: dict[str, tuple[frozenset[str], tuple[str, ...]] | None] = {
    shape: None
    if "" in needs
    else (frozenset(w for w in needs if len(w) == 1), tuple(w for w in needs if len(w) > 1))
    for shape, needs in _NEEDS.items()
}
_PlanStep = tuple[str, "regex.Pattern[str]", tuple[str, ...], tuple[tuple[str, ...], ...]]
_PLANS: dict[frozenset[str], tuple[_PlanStep, ...]] = {}


def _plan(chars: frozenset[str]) -> tuple[_PlanStep, ...]:
    """(perf) The patterns worth running on a text holding the gate characters ``chars``,
    in :data:`PATTERNS` order, each with the :data:`_NEEDS` words still to look for (none
    when a one-character need is in ``chars``) and its :data:`_ALSO_NEEDS` groups.

    Equivalent to testing every :data:`_NEEDS` word of every shape, but cached per set of
    characters: a few hundred sets cover a corpus, and one scan for the characters is
    cheaper than ~20 substring tests per unit.
    """
    plan = _PLANS.get(chars)
    if plan is None:
        steps: list[_PlanStep] = []
        for shape, pattern in PATTERNS.items():
            split = _NEEDS_SPLIT.get(shape)  # a shape without an entry is always scanned
            if split is None or not split[0].isdisjoint(chars):
                verify: tuple[str, ...] = ()
            else:  # test the longer words whose first character is there
                verify = tuple([word for word in split[1] if word[0] in chars])
                if not verify:
                    continue
            steps.append((shape, pattern, verify, _ALSO_NEEDS.get(shape, ())))
        if len(_PLANS) >= 4096:  # at most 2**16 sets; keep the cache small anyway
            _PLANS.clear()
        plan = _PLANS[chars] = tuple(steps)
    return plan


def scan(text: str) -> list[TimeExpr]:
    """Every time expression in ``text`` (overlapping candidates included).

    Callers pick among overlapping candidates; each candidate is internally
    consistent (its dates exist, a span does not run backwards).
    """
    out: list[TimeExpr] = []
    for shape, pattern, verify, also in _plan(frozenset(_GATE_CHARS.findall(text))):
        if verify:
            for word in verify:
                if word in text:
                    break
            else:
                continue  # (perf) the pattern cannot match: skip its scan of the whole text
        if also and not _has_each(text, also):
            continue  # (perf) nor here
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            try:
                expr = _build(shape, m)
            except (ValueError, KeyError, TypeError, OverflowError):
                expr = None
            if expr is not None:
                out.append(expr)
    return out


def _build(shape: str, m: regex.Match[str]) -> TimeExpr | None:
    s, e = m.span()
    if shape in ("yearspan", "yearspan_bare"):
        lo, hi = Moment(to_int(m["y_a"])), Moment(to_int(m["y_b"]))
        return _span(s, e, lo, hi)
    if shape in ("monthspan", "baremonthspan"):
        y = to_int(m["y_a"]) if shape == "monthspan" else None
        lo, hi = Moment(y, to_int(m["m_a"])), Moment(y, to_int(m["m_b"]))
        return _span(s, e, lo, hi, relative=y is None)
    if shape in ("span", "barespan"):
        lo = _moment_from(m, "a")
        if shape == "barespan":
            lo = Moment(None, lo.month, lo.day, lo.part, lo.year_offset)
        if not any(m.group(g) for g in ("y_b", "m_b", "d_b", "p_b")):
            return None
        yb, mb, db = to_int(m["y_b"]), to_int(m["m_b"]), to_int(m["d_b"])
        if lo.month is None and (mb is not None or db is not None) and yb is None:
            return None  # 2016年至3月: the partner is finer than the start, not a range
        if db is not None and mb is None:
            mb = lo.month  # 3月1日至31日
            if mb is None:
                return None
        if mb is None and db is None and yb is None:
            return None  # only a part (至上半年): not a span
        # 2023年11月至次年2月, and 2023年11月至2月 (a month before the start: the next year)
        wraps = m["n_b"] is not None or (
            yb is None and mb is not None and lo.month is not None and mb < lo.month
        )
        if yb is None and wraps:
            yb = lo.year + 1 if lo.year is not None else None
        hi = Moment(
            yb if yb is not None else lo.year,
            mb,
            db,
            _part(m["p_b"]),
            lo.year_offset + (1 if wraps and lo.year is None else 0),
        )
        if lo.part == "end" or (lo.year is None and m["y_b"] is not None):
            return None
        return _span(s, e, lo, hi, relative=lo.year is None)
    if shape == "semester":
        year = to_int(m["y_a"])
        month = _TERM_START[m["sem"] or m["sem2"]]
        return TimeExpr(s, e, "moment", lo=Moment(year, month, 1), relative=year is None)
    if shape == "fiscal":
        return TimeExpr(s, e, "moment", lo=Moment(to_int(m["y_a"])))
    if shape in ("moment", "baremoment"):
        mom = _moment_from(m, "a")
        if not mom.is_valid():
            return None
        return TimeExpr(s, e, "moment", lo=mom, relative=mom.year is None)
    if shape in ("relative", "relend"):
        return _relative(m)
    if shape == "fromissue":
        return TimeExpr(s, e, "fromissue", unit=m["ev"])
    if shape == "oneperone":
        return TimeExpr(s, e, "recurring", recurrence=_REC_UNIT[m["u"]])
    if shape == "plan":
        n = to_int(m["n"])
        if n is None:
            return None
        first = 1981 + 5 * (n - 6)
        if not (m["q1"] and m["q2"]):
            s, e = m.start("n"), m.end("n") + 1
        return TimeExpr(s, e, "plan", lo=Moment(first), hi=Moment(first + 4))
    if shape == "duration":
        n = to_int(m["n"] or m["n2"])
        unit = m["u"] or m["u2"]
        if n is None or n <= 0:
            return None
        return TimeExpr(s, e, "duration", count=n, unit=unit, relative=True)
    if shape == "limit":
        return TimeExpr(s, e, "limit")
    if shape == "recurring":
        return _recurring(m)
    if shape == "periodic":
        return TimeExpr(s, e, "recurring", recurrence=_REC_UNIT[m["u"]])
    return None


def _span(s: int, e: int, lo: Moment, hi: Moment, relative: bool = False) -> TimeExpr | None:
    if not (lo.is_valid() and hi.is_valid()):
        return None
    a, b = first_day(lo), last_day(hi)
    if a is not None and b is not None and b < a:
        return None
    if lo.year is None and hi.year is None:
        # both without a year: compare within one (leap) year, or two when it wraps
        wrap = hi.year_offset - lo.year_offset
        a = first_day(Moment(2000, lo.month, lo.day))
        b = last_day(Moment(2000 + 4 * wrap, hi.month, hi.day))
        if a is None or b is None or b < a:
            return None
    return TimeExpr(s, e, "span", lo=lo, hi=hi, relative=relative)


def _relative(m: regex.Match[str]) -> TimeExpr | None:
    rel, what = m["rel"], m["what"]
    if not rel and not what:
        return None
    offset = 1 if rel in ("明年", "次年") else 0
    if what in (None, ""):
        return TimeExpr(*m.span(), "moment", lo=Moment(None, year_offset=offset), relative=True)
    if what == "年内":
        return TimeExpr(
            *m.span(), "moment", lo=Moment(None, part="within", year_offset=offset), relative=True
        )
    part = _part("底" if what in ("年底", "年末", "底", "末") else what)
    return TimeExpr(
        *m.span(), "moment", lo=Moment(None, part=part, year_offset=offset), relative=True
    )


#: What makes the detail of a 每年… a bound or a day rather than just a month (compiled once).
_DETAIL_BOUND = regex.compile(r"[前底末初日号旬时点]|月$|季度$|^[一二三四五六天]$")


def _recurring(m: regex.Match[str]) -> TimeExpr | None:
    unit = m["u"] or m["u2"]
    n = to_int(m["n"]) if m["n"] else 1
    if n is None:
        return None
    rec: str | None = _REC_UNIT.get(unit)
    if unit == "半年" and n != 1:
        rec = None
    elif n != 1:
        rec = None  # 每两年, 每3年: recurring, but not one of the named cadences
    end = m.end("detail") if m["detail"] else m.end("u") if m["u"] else m.end("u2")
    if m["freq"]:
        end = m.end("freq")
    detail = m["detail"] or ""
    # a detail without 前/底/末/day is just the month of a 每年 (每年6月): keep it
    if detail and not _DETAIL_BOUND.search(detail):
        end = m.end("u") if m["u"] else m.end("u2")
    return TimeExpr(m.start(), end, "recurring", recurrence=rec)
