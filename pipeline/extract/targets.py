"""Quantitative targets in plan text: 基层首诊率保持在95%以上, 床护比达到1:0.6, 建设3-5个重点专科.

A target is a number with a unit (%, a ratio or a measure word) that the text
commits to.  The grammar of Chinese plans puts it in one clause:

    [year] [indicator] [modal] [predicate] NUMBER UNIT [suffix] [的 noun phrase]
    到2021年，  基层首诊率      保持在      95      %    以上

so the extractor finds the number first, then reads the predicate right before
it and the suffix right after it for the comparator, walks back to the clause
start for the indicator and to the sentence start for the year.

Encoding (documented in ``corpus/annotations/README.md`` as well):

* comparator: a suffix wins over a predicate (达到70%左右 -> ``=``):
  以上/及以上 ``>=``, 以下/以内/内 ``<=``, 左右/上下 ``=`` (approximate values
  are kept as ``=``; the contract has no ``≈``).  Without a suffix the predicate
  decides: 达到/提高到/不低于/不少于/至少 ``>=``, 控制在/降低到/不超过/不高于/精确到
  ``<=``, 超过/高于 ``>``, 低于/少于 ``<``, 保持在/稳定在/为/是 and a bare number
  ``=``.  x-y ranges are ``range`` with ``value_max``.
* changes (增长5%, 降低10%以上) record the size of the change; the change verb
  stays at the end of the indicator (``…年均增长``, ``患者投诉降低``) so the
  direction is never lost.
* the indicator is the noun phrase measured, as written, with two things left out:
  the document's own scope at its front (全省/全市/全区/全县…, listed in
  ``targets.toml``: 全市生产总值 is compared across cities as 生产总值) and a baseline
  before the change verb (孕产妇死亡率比2020年下降10% -> ``孕产妇死亡率下降``; the
  baseline is not recorded, the target's text keeps it).  Tier and population
  qualifiers stay (三级公立医院平均住院日 measures a subset).  The change verb is kept
  on purpose although a bare noun phrase would be shorter: the contract has no field
  for the direction of a change, and ``下降10%`` and ``增长10%`` would otherwise read alike.
* ratios a:b have unit ``ratio`` and the side that is not 1 as value
  (1:0.6 -> 0.6, 0.4:1 -> 0.4); with neither side 1 the value is b/a (1:x form).
* units are written as in the text, with a 万/亿 before the measure word kept
  in the unit (1000万元 -> 1000, ``万元``); ％ is normalised to ``%``.
* full-width digits and a full-width decimal point between digits (５．５％) read as
  ASCII (the extractor also runs on raw, unnormalised text); text and indicator stay
  as written.
* 一 with a measure word is a target only under a bound (至少建成一所…: ``>= 1 所``);
  an amount in 万/亿 of a measure word that ends a clause stating intent
  (力争全年接待游客2200万人次) is a level even without a verb of the lexicon.
* not targets: tier names (三级医院, 二级以上), dates, document numbers and
  other numbers without a unit; numbers inside quotes or 《》 (slogans such as
  “四名工程”); a bare 一 (一站式, 一张网); durations and ages without a
  predicate or suffix (24小时值班 is a service standard, 65岁以上老年人 a
  population); bare counts that no verb of commitment governs (在以下11个方面,
  对13家中心); numbers after a history marker (已/累计/目前/去年/…了) unless a
  commitment marker (力争/确保/到/要…) comes later; a number tied to a year
  before ``ref_year`` by a bare 2023年; counts of 方面/环节/阶段 (they organise the
  text); a comparison followed by 的 and a noun (床位使用率低于75%的医院不得…: a
  condition on that noun).
* rows of indicator tables (``指标 | 单位 | 基期 | 目标``) are read by
  :mod:`pipeline.extract.table_targets`.
* review sections of work reports read like plans sentence by sentence
  (全市地区生产总值增长5.2%); :func:`is_retrospective` lets the caller that
  knows the outline skip them.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import regex

from pipeline.extract.numbers import (
    ARABIC_NUMBER,
    CN_NUMERAL_CHARS,
    DIGITS,
    parse_chinese_numeral,
    parse_number,
)
from pipeline.extract.table_targets import find_table_targets
from pipeline.schema import Target

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "targets.toml"

#: Characters that end a clause: the indicator never crosses them.
CLAUSE_BREAK = '，,、；;：:。！？!?（）()【】[]“”"‘’「」『』《》\n\r\t|'
_CLAUSE_BREAK_AHEAD = re.compile(
    "[" + re.escape(CLAUSE_BREAK) + "]"
)  # (perf) stdlib: a plain class
#: Clause breaks of a clause that may hold a list (A、B等9项): 、 does not end it.
_WIDE_CLAUSE_BREAK = CLAUSE_BREAK.replace("、", "")
#: Characters that end a sentence: the year and history markers never cross them.
SENTENCE_BREAK = "。！？!?；;\n\r"
_HAN = regex.compile(r"\p{Han}")
_HAS_NUMBER = regex.compile(r"\d|百分之")
#: How far back (characters) the year and history markers are looked for.
MAX_CONTEXT = 400
MAX_SENTENCE = 2000
#: Prepositions that make the following count an argument, not a target (对13家中心).
PREPOSITIONS = (
    "对",
    "到",
    "在",
    "向",
    "从",
    "给",
    "与",
    "由",
    "按",
    "以",
    "于",
    "比",
    "较",
    "每",
    "和",
    "及",
    "将",
    "把",
)
#: Adverbs allowed between a verb of commitment and its count (每年招聘30名, 再建设5家).
VERB_ADVERBS = (
    "每年度",
    "每年",
    "年均",
    "每季度",
    "每月",
    "全年",
    "新",
    "再",
    "重点",
    "共",
    "累计",
    "逐年",
    "统一",
    "分别",
    "至少",
    "力争",
    "确保",
    "争取",
)
#: Open/close pairs whose content is a name or slogan.
QUOTES = (("“", "”"), ("《", "》"), ("「", "」"), ("『", "』"), ("〈", "〉"))


@dataclass(frozen=True)
class _Lexicon:
    predicates: dict[str, str]  # word -> comparator
    predicate_words: tuple[str, ...]  # the same words, longest first
    suffixes: dict[str, str]
    change_verbs: tuple[str, ...]
    action_verbs: tuple[str, ...]
    leading: tuple[str, ...]
    trailing: tuple[str, ...]
    measure_words: tuple[str, ...]
    durations: frozenset[str]
    ages: frozenset[str]
    multipliers: tuple[str, ...]
    measure_nouns: tuple[str, ...]
    structure_nouns: tuple[str, ...]
    split_predicates: dict[str, str]  # verb -> comparator, for 缩短X至N / 将X提高到N
    history: tuple[str, ...]
    commitment: tuple[str, ...]
    scope: tuple[str, ...]
    # (perf) derived views of action_verbs for the hot paths: membership, and the verbs
    # (in the same longest-first order) that begin with a given character
    action_verb_set: frozenset[str]
    action_verbs_by_first: dict[str, tuple[str, ...]]
    # (perf) the searches run per value, compiled once here: fetching them from a cache
    # keyed by the word tuple hashed the whole tuple on every call (~0.4 µs)
    predicates_back: regex.Pattern[str]  # any predicate, searched backwards
    history_back: regex.Pattern[str]
    commitment_back: regex.Pattern[str]
    history_search: Callable[..., re.Match[str] | None]  # stdlib: plain literals
    split_predicate_words: tuple[str, ...]  # longest first, ties in the order of the file
    action_verb_search: Callable[..., re.Match[str] | None]


def _by_first(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``words`` grouped by their first character, each group in the order of ``words``."""
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(w[:1], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> _Lexicon:
    """Read ``pipeline/data/targets.toml`` once (small, immutable data, not a heavy resource)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    predicates = {w: comp for comp, words in data["predicates"].items() for w in words}
    suffixes = {w: comp for comp, words in data["suffixes"].items() for w in words}
    units = data["units"]
    action_verbs = _longest_first(data["action_verbs"]["words"])
    predicate_words = _longest_first(list(predicates))
    split_predicates = {w: comp for comp, words in data["split_predicates"].items() for w in words}
    history = _longest_first(data["history"]["markers"])
    commitment = _longest_first(data["history"]["commitment_markers"])
    return _Lexicon(
        predicates=predicates,
        predicate_words=predicate_words,
        suffixes=suffixes,
        change_verbs=_longest_first(data["change_verbs"]["words"]),
        action_verbs=action_verbs,
        leading=_longest_first(data["leading_words"]["words"]),
        trailing=_longest_first(data["trailing_words"]["words"]),
        measure_words=_longest_first(units["measure_words"]),
        durations=frozenset(units["durations"]),
        ages=frozenset(units["ages"]),
        multipliers=_longest_first(units["multipliers"]),
        measure_nouns=_longest_first(data["measure_nouns"]["words"]),
        structure_nouns=_longest_first(data["structure_nouns"]["words"]),
        split_predicates=split_predicates,
        history=history,
        commitment=commitment,
        scope=_longest_first(data.get("scope_words", {}).get("words", [])),
        action_verb_set=frozenset(action_verbs),
        action_verbs_by_first=_by_first(action_verbs),
        predicates_back=_any_of(predicate_words, regex.REVERSE),
        history_back=_any_of(history, regex.REVERSE),
        commitment_back=_any_of(commitment, regex.REVERSE),
        history_search=_literal_search(history),
        action_verb_search=_literal_search(action_verbs),
        split_predicate_words=tuple(sorted(split_predicates, key=len, reverse=True)),
    )


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _value_pattern() -> regex.Pattern[str]:
    """One regex for every value form: 百分之九十, 1:0.6, 3-5个, 95%, 30名, 1000万元 (+ suffix)."""
    return regex.compile(_value_pattern_source(guarded=True), regex.VERBOSE)


@functools.lru_cache(maxsize=1)
def _plain_value_pattern() -> regex.Pattern[str]:
    """:func:`_value_pattern` without its guards (the tests check that both find the same)."""
    return regex.compile(_value_pattern_source(guarded=False), regex.VERBOSE)


#: The characters between a range's first number and its dash (3-5个, 3个至5个, 10%～20%).
_DASHES = "-－—–~～至到"


def _value_pattern_source(guarded: bool) -> str:
    """The value regex; ``guarded`` adds lookaheads that only skip hopeless attempts.

    (perf) The engine tries every branch at every number (2025年, 一是, 进一步): ~3 µs a
    number.  Each guard is a condition that any match of what follows it satisfies, so it
    changes no match: a value starts with 百分之 or a run of number characters followed by
    a space, colon, dash, 多/余 or the first character of a unit; a ratio is digits, spaces
    and a colon; a range reaches its dash through number, space and unit characters only.
    """
    lex = load_lexicon()
    arabic = rf"(?<![\d.A-Za-z]){ARABIC_NUMBER}(?![\d.])"
    cn = rf"(?<![{CN_NUMERAL_CHARS}第])[{CN_NUMERAL_CHARS}]+"
    num = rf"(?:{arabic}|{cn})"
    rate_words = ("十万", "万", "千", "百", "人口", "人", "例", "活产")
    rate = r"/\s*\d*(?:十万|万|千|百)(?:人口|人|例|活产)?"  # 10/10万: a rate per 100,000
    unit = rf"(?:[%％‰]|{rate}|(?:{_alt(lex.multipliers)})?(?:{_alt(lex.measure_words)}))(?![性式化级])"
    suffix = _alt(tuple(lex.suffixes))
    value_guard = ratio_guard = range_guard = ""
    if guarded:
        unit_chars = "".join(sorted({*"%％‰/", *"".join((*lex.multipliers, *lex.measure_words))}))
        unit_firsts = "".join(
            sorted({*"%％‰/", *(w[0] for w in (*lex.multipliers, *lex.measure_words))})
        )
        num_chars = rf"\d,.{CN_NUMERAL_CHARS}"
        after_num = rf"[\s:：∶{regex.escape(_DASHES)}多余{regex.escape(unit_firsts)}]"
        value_guard = rf"(?=百分之|[{num_chars}]+{after_num})"
        ratio_guard = r"(?=[\d,.]+\s*[:：∶])"
        in_range = regex.escape(unit_chars + "".join(rate_words))
        range_guard = rf"(?=[{num_chars}\s{in_range}]*?[{regex.escape(_DASHES)}])"
    return rf"""
        {value_guard}
        (?:
            百分之(?P<pv>{num})
          | {ratio_guard}(?P<r1>{arabic})\s*[:：∶]\s*(?P<r2>{arabic})
          | {range_guard}(?P<a>{num})\s*(?:[%％]|{unit})?\s*[{_DASHES}]\s*(?P<b>{num})\s*(?P<bunit>{unit})
          | (?P<n>{num})\s*(?P<more>多|余)?(?P<unit>{unit})
        )
        (?P<suffix>{suffix})?
        """


@functools.lru_cache(maxsize=4096)  # (perf) pure, and the same numerals recur constantly
def _read(s: str) -> float | None:
    """Value of one numeral; Chinese runs must hold a digit (rules out 千家万户, 每万人口)."""
    if s and s[0] in CN_NUMERAL_CHARS:
        if not (any(ch in DIGITS for ch in s) or s[0] in "十拾"):
            return None
        v = parse_chinese_numeral(s)
        return None if v is None else float(v)
    return parse_number(s)


def _split_cn_multiplier(num: str, unit: str) -> tuple[str, str]:
    """Move a trailing 万/亿 of a Chinese numeral into the unit: 三万人 -> (三, 万人)."""
    if (
        len(num) > 1
        and num[0] in CN_NUMERAL_CHARS
        and num[-1] in "万亿"
        and unit
        and unit[0] not in "万亿%％‰"
    ):
        return num[:-1], num[-1] + unit
    return num, unit


_LEADING_TIME = regex.compile(
    r"(?:到|至|在|于|截至)?(?:\d{4}|[二〇一九零]{4})年(?:底|末|年底|年末)?(?:前|以前)?"
    r"|今年|年内|明年|本年度|当年|全年|近期|[一二两三四五六七八九十\d]+年(?:内|间|来)"
    r"|(?:“?十[一二三四五六]五”?)(?:期间|期末|末)"
)


#: The characters a _LEADING_TIME match can begin with, besides digits.
_LEADING_TIME_FIRSTS = frozenset("到至在于截二〇一九零今年明本当全近两三四五六七八十“")


def _strip_front(s: str, words: tuple[str, ...]) -> tuple[str, int]:
    """Drop any of ``words`` (repeatedly) from the front; return the rest and how much went.

    A region that is nothing but such words (力争 in 增长5.5%、力争6%以上) becomes empty.
    """
    cut = 0
    changed = True
    while changed and s:
        changed = False
        # (perf) a time phrase begins with one of few characters; no other ideograph starts one
        c = s[0]
        m = (
            _LEADING_TIME.match(s)
            if c in _LEADING_TIME_FIRSTS or not "一" <= c <= "\u9fff"
            else None
        )
        if m and m.end() > 0:
            s, cut, changed = s[m.end() :], cut + m.end(), True
            continue
        if not s.startswith(words):  # (perf) one C-level test for the usual no-match
            break
        for w in words:
            if s.startswith(w):
                s, cut, changed = s[len(w) :], cut + len(w), True
                break
    return s, cut


_TRAILING_TIME = regex.compile(r"(?:到|至|在|于)?(?:\d{4}年|今年|年内)(?:底|末|年底)?(?:前)?$")
#: The last character of every _TRAILING_TIME match.
_TRAILING_TIME_ENDS = ("年", "内", "底", "末", "前")


def _strip_back(s: str, words: tuple[str, ...]) -> str:
    """Drop ``words`` and time phrases (网络2014年底覆盖到75%) from the end, repeatedly."""
    changed = True
    while changed and s:
        changed = False
        # (perf) the time phrase is anchored at the end, so it can only be there when s ends
        # the way one does; otherwise the search would try every position of s
        m = _TRAILING_TIME.search(s) if s.endswith(_TRAILING_TIME_ENDS) else None
        if m and m.start() > 0:
            s, changed = s[: m.start()], True
            continue
        if not s.endswith(tuple(words)):  # (perf) one C-level test for the usual no-match
            break
        for w in words:
            if s.endswith(w):
                s, changed = s[: -len(w)], True
                break
    return s


def _inside_quotes(sentence_prefix: str) -> bool:
    """True when an opening quote before the number is still open (“四名工程”, 《三年行动》)."""
    # (perf) the usual case first: no opening quote at all (str containment beats a regex here)
    if not any(o in sentence_prefix for o in _QUOTE_OPENERS):
        return False
    for o, c in QUOTES:
        n = sentence_prefix.count(o)
        if n and n > sentence_prefix.count(c):  # (perf) a closer is counted only after an opener
            return True
    return sentence_prefix.count('"') % 2 == 1


_QUOTE_OPENERS = (*(o for o, _ in QUOTES), '"')
# (perf) the stdlib engine skips ahead to a character of a plain class or to the first
# character of a literal alternation in C; the regex module tries every position
_QUOTE_OPENER_SEARCH = re.compile("[" + re.escape("".join(_QUOTE_OPENERS)) + "]").search


@functools.lru_cache(maxsize=8)
def _literal_search(words: tuple[str, ...]) -> Callable[[str, int, int], re.Match[str] | None]:
    """``search(text, pos, endpos)`` for any of ``words`` (plain literals, stdlib engine)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))).search


@functools.lru_cache(maxsize=8)
def _any_of(words: tuple[str, ...], flags: int = 0) -> regex.Pattern[str]:
    return regex.compile(_alt(words), flags)


def _last_end(text: str, words: tuple[str, ...]) -> int:
    """End position of the last occurrence of any word in text, -1 if none."""
    return _last_end_of(_any_of(words, regex.REVERSE), text)


def _last_end_of(reverse_alternation: regex.Pattern[str], text: str) -> int:
    """:func:`_last_end` with the words' reverse alternation compiled already (perf)."""
    # (perf) a reverse search tries end positions from the right, so its first match has the
    # largest end of all matches (the words are plain literals): one C call, not a scan of all
    m = reverse_alternation.search(text)
    return -1 if m is None else m.end()


_YEAR = regex.compile(
    r"(?P<pre>[比较与同截]?)(?P<to>到|至|在|于)?(?:(?P<y1>\d{4})\s*[-—–~～至到]\s*)?(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年(?P<post>底|末|年底|前|以前)?(?!\d)"
    r"|(?P<rel>今年|年内|本年度|本年|当年)"
    r"|“?十(?P<plan>[一二三四五六])五”?(?:期间|期末|末|时期)"
)


def _years(
    text: str, start: int, end: int, ref_year: int | None
) -> list[tuple[int, int, int, bool]]:
    """Years a sentence ties targets to: (start, end, year, written as a bare 2023年).

    Baselines (比2020年, 较2020年, 2020年基础上) are skipped; 今年/年内 need ``ref_year``;
    "十四五"末 is the plan's last year.
    """
    chunk = text[start:end]
    out: list[tuple[int, int, int, bool]] = []
    if "年" not in chunk and "五" not in chunk:
        return out  # cheap exit: every year form has 年 or names a 五-year plan
    for m in _YEAR.finditer(chunk):
        span = (start + m.start(), start + m.end())
        pre, to, y1, y_text, post, rel, plan = m.groups()  # (perf) one call, see _VALUE_GROUPS
        if rel:
            if ref_year is not None:
                out.append((*span, ref_year, False))
            continue
        if plan:
            out.append((*span, 1955 + 5 * (10 + "一二三四五六".index(plan) + 1), False))
            continue
        tail = chunk[m.end() : m.end() + 4]
        if pre or tail.startswith(("基础上", "相比", "同期", "水平", "的基础")):
            continue
        y = int(parse_number(y_text) or 0)
        if 1949 <= y <= 2100:
            out.append((*span, y, not (to or post or y1)))
    return out


def _year_of(
    years: list[tuple[int, int, int, bool]], start: int, end: int, clause_end: int
) -> tuple[int | None, bool]:
    """The last year before the value, else the first one after it in the same clause."""
    i = bisect.bisect_right(years, start, key=lambda y: y[1])  # years are sorted by position
    if i:
        return years[i - 1][2], years[i - 1][3]
    j = bisect.bisect_left(years, end, key=lambda y: y[0])
    if j < len(years) and years[j][1] <= clause_end:
        return years[j][2], years[j][3]
    return None, False


@functools.lru_cache(maxsize=4)
def _last_break(breaks: str) -> regex.Pattern[str]:
    """Searches backwards for the last clause break (or closing bracket) before a position."""
    return regex.compile("[" + regex.escape(breaks + "）)") + "]", regex.REVERSE)


def _clause_start(text: str, pos: int, floor: int, breaks: str = CLAUSE_BREAK) -> int:
    """Start of the clause holding ``pos``; a short gloss such as 执业（助理）医师 stays inside."""
    i = pos
    rev = _last_break(breaks)
    while i > floor:
        m = rev.search(text, floor, i)
        if m is None:
            return floor
        ch = m.group()
        if ch in "）)":
            j = max(text.rfind("（", floor, m.start()), text.rfind("(", floor, m.start()))
            inner = text[j + 1 : m.start()] if j >= 0 else ""
            if j > floor and 0 < len(inner) <= 8 and not any(c in CLAUSE_BREAK for c in inner):
                i = j
                continue
            if ch not in breaks:
                i = m.start()
                continue
        return m.end()
    return i


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the sentence holding ``pos``.

    Looked for within ``MAX_SENTENCE`` characters so that a text without sentence
    ends (a flattened table) stays linear.
    """
    block = pos // MAX_SENTENCE  # block-aligned so that the fallback start is stable
    lo, hi = max(0, (block - 1) * MAX_SENTENCE), min(len(text), (block + 2) * MAX_SENTENCE)
    # (perf) one C-level search each way instead of a find/rfind per break character
    m = _SENTENCE_BREAK_BACK.search(text, lo, pos)
    e = _SENTENCE_BREAK_AHEAD.search(text, pos, hi)
    return (m.end() if m else lo), (e.start() if e else hi)


# (perf) a plain class: the stdlib engine finds it faster (a reverse search needs regex)
_SENTENCE_BREAK_AHEAD = re.compile("[" + re.escape(SENTENCE_BREAK) + "]")


def _bounds_from_breaks(breaks: list[int], n: int, pos: int) -> tuple[int, int]:
    """:func:`_sentence_bounds` of a text of ``n`` <= 2 * MAX_SENTENCE characters from the
    sorted positions of its sentence breaks (perf: one scan of the text for all its values)."""
    i = bisect.bisect_left(breaks, pos)
    return (breaks[i - 1] + 1 if i else 0), (breaks[i] if i < len(breaks) else n)


_SENTENCE_BREAK_BACK = regex.compile("[" + regex.escape(SENTENCE_BREAK) + "]", regex.REVERSE)


def _predicate_before(text: str, pos: int, floor: int, lex: _Lexicon) -> tuple[str | None, int]:
    """Longest predicate ending at ``pos`` (spaces allowed): (word, its start) or (None, pos)."""
    j = pos
    while j > floor and text[j - 1] == " ":
        j -= 1
    lo = max(floor, j - len(lex.predicate_words[0]))
    # a reverse search from j finds the match ending at j that starts earliest: the longest
    m = lex.predicates_back.search(text, lo, j)
    while m is not None and m.end() != j:
        m = None  # the last predicate must end right before the number
    if m is None:
        return None, pos
    return m.group(), m.start()


def _ends_with_action_verb(region: str, lex: _Lexicon) -> bool:
    """建设 / 每年招聘 / 再新建: the count right after is the verb's object."""
    r = _strip_back(region, VERB_ADVERBS)
    return r.endswith(tuple(lex.action_verbs))  # (perf) any(endswith) in one C call


def _is_only_verb(region: str, lex: _Lexicon) -> bool:
    r, _ = _strip_front(region, VERB_ADVERBS)
    r = _strip_back(r, VERB_ADVERBS)
    return r == "" or r in lex.action_verb_set


@functools.lru_cache(maxsize=4)
def _np_stop_words(action_verbs: tuple[str, ...]) -> tuple[str, ...]:
    """Words that end the noun phrase after a value (built once per lexicon)."""
    return (
        *(v for v in action_verbs if len(v) > 1 and v != "服务"),
        "到",
        "参加",
        "进行",
        "充实",
        "在",
        "于",
        "和",
        "及",
        "与",
        "达到",
        "为",
    )


def _following_np(text: str, pos: int, end: int, lex: _Lexicon) -> tuple[int, int] | None:
    """Noun phrase after the value (95%以上的【二级以上医院】, 3-5个【市级重点专科】)."""
    i = pos
    if i < end and text[i] == "的":
        i += 1
    j = i
    stop_words = _np_stop_words(lex.action_verbs)
    while j < end and text[j] not in CLAUSE_BREAK and not text[j].isdigit() and j - i < 20:
        if j > i + 1 and text.startswith(stop_words, j):  # (perf) one C call for all words
            break
        j += 1
    if j - i >= 2 and _HAN.match(text[i]):
        return i, j
    return None


_BOUND_WORD = re.compile("至少|最少|不少于|最多|不超过")  # (perf) literals: stdlib engine


def _adverbial_comparator(region: str, lex: _Lexicon) -> str | None:
    """至少开展两次 / 最多安排3名: a bound written before the verb, not before the number."""
    if _BOUND_WORD.search(region) is None:  # (perf) the usual case, in one C call
        return None
    for w, comp in (
        ("至少", ">="),
        ("最少", ">="),
        ("不少于", ">="),
        ("最多", "<="),
        ("不超过", "<="),
    ):
        i = region.rfind(w)
        if i >= 0 and _is_only_verb(region[i + len(w) :], lex) and region[i + len(w) :]:
            return comp
    return None


_SPLIT_LEAD = regex.compile(r"(?:将|把|要|力争|确保|进一步)*")
_SPLIT_TAIL = regex.compile(r"(?:到|至|在)\s*$")


def _split_predicate(
    text: str, clause_start: int, start: int, lex: _Lexicon
) -> tuple[str, int, int] | None:
    """缩短X至N / 将X提高到N / 控制X在N以内: (verb, end of the verb, start of 至) or None."""
    lo = max(clause_start, start - 4)
    # (perf) the tail holds 到, 至 or 在: three C-level finds before the regex
    if (
        text.find("到", lo, start) < 0
        and text.find("至", lo, start) < 0
        and text.find("在", lo, start) < 0
    ):
        return None
    tail = _SPLIT_TAIL.search(text, lo, start)
    if tail is None:
        return None
    head = text[clause_start : tail.start()]
    lead = _SPLIT_LEAD.match(head)
    i = lead.end() if lead else 0
    if not head.startswith(lex.split_predicate_words, i):  # (perf) one C-level test first
        return None
    for verb in lex.split_predicate_words:
        if head.startswith(verb, i) and len(head) - i - len(verb) >= 2:
            return verb, clause_start + i + len(verb), tail.start()
    return None


def _ratio_value(a: float, b: float) -> float:
    if b == 1:
        return a
    if a == 1:
        return b
    return b / a if a else b


def find_targets(text: str, offset: int = 0, ref_year: int | None = None) -> list[Target]:
    """Every quantitative target stated in ``text``, sorted by span.

    ``offset`` shifts spans into the document; ``ref_year`` resolves 今年/年内 and
    marks numbers tied by a bare year before it as history.  Never raises.
    """
    try:
        return _find_targets(text, offset, ref_year)
    except Exception:  # pragma: no cover - a safety net; the rules are meant not to raise
        return []


@dataclass
class _Previous:
    """The last target found in the current sentence (lists share their indicator and verb)."""

    sentence_start: int = -1
    end: int = -1
    indicator: str | None = None


#: Conjunctions that continue a list of counts under one verb (打造4个…和40个…).
CONJUNCTIONS = ("和", "及", "以及", "与", "、", "或")
#: Per-phrases between a predicate and its number (提高到每人每年640元).
_PER = regex.compile(r"(?:每(?:人|年|次|床|户|村|万人|千人|人次|名|个)){1,3}$")


#: Full-width digits as ASCII (same length, so spans are unchanged).
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
#: A full-width point between digits is a decimal point (5．5％); elsewhere (一．) it is not.
_FULLWIDTH_POINT = regex.compile(r"(?<=\d)．(?=\d)")
_FULLWIDTH_CHARS = "０１２３４５６７８９．"


def _ascii_digits(text: str) -> str:
    """Raw text (not normalised upstream) with full-width digits and decimal points as ASCII.

    Every replacement is one character for one, so offsets into the result are
    offsets into ``text``.
    """
    # (perf) eleven C-level substring tests are cheaper than one regex scan
    if not any(ch in text for ch in _FULLWIDTH_CHARS):
        return text
    return _FULLWIDTH_POINT.sub(".", text.translate(_FULLWIDTH_DIGITS))


def _verbatim(raw: str, norm: str, t: Target) -> Target:
    """Text and indicator of a target found in ``norm``, as written in ``raw``."""
    if raw is norm:
        return t
    t.text = raw[t.span[0] : t.span[1]]
    if t.indicator:
        lo = max(0, t.span[0] - MAX_CONTEXT)
        i = norm.find(t.indicator, lo, t.span[1] + MAX_CONTEXT)
        if i >= 0:
            t.indicator = raw[i : i + len(t.indicator)]
    return t


def _find_targets(text: str, offset: int, ref_year: int | None) -> list[Target]:
    if not isinstance(text, str) or not text:
        return []
    raw, text = text, _ascii_digits(text)
    lex = load_lexicon()
    out: list[Target] = []
    prev = _Previous()
    years_cache: dict[int, list[tuple[int, int, int, bool]]] = {}
    gates: dict[tuple[int, int], tuple[bool, bool]] = {}
    # (perf) in a text of at most two sentence blocks the bounds depend on the sentence
    # breaks alone, and [start, end) of a sentence holds none: a later value before its end
    # is in the same sentence (the values come in order), so the bounds are reused
    short = len(text) <= 2 * MAX_SENTENCE
    bounds = (-1, -1)
    breaks: list[int] | None = None  # sentence breaks of a short text, found at its first value
    history = lex.history_search
    for m in _value_pattern().finditer(text):
        start = m.start()
        if not short:
            bounds = _sentence_bounds(text, start)
        elif start >= bounds[1]:
            # (perf) what _sentence_bounds finds with lo=0 and hi=len(text), from one scan
            if breaks is None:
                breaks = [b.start() for b in _SENTENCE_BREAK_AHEAD.finditer(text)]
            bounds = _bounds_from_breaks(breaks, len(text), start)
        sent_start, sent_end = bounds
        if sent_start not in years_cache:
            years_cache[sent_start] = _years(text, sent_start, sent_end, ref_year)
        # (perf) the text before a value lies in its sentence: a sentence without an opening
        # quote or a history marker spares every value in it those tests
        gate = gates.get(bounds)
        if gate is None:
            gate = gates[bounds] = (
                _QUOTE_OPENER_SEARCH(text, sent_start, sent_end) is not None,
                history(text, sent_start, sent_end) is not None,
            )
        t = _candidate(
            text, m, lex, ref_year, prev, years_cache[sent_start], bounds, gate[0], gate[1]
        )
        if t is None:
            continue
        t = _verbatim(raw, text, t)
        span_start, span_end = t.span
        prev = _Previous(sent_start, span_end, t.indicator)
        # (perf) t is ours alone: its span moves in place (what ``shifted`` does with a copy)
        t.span = (span_start + offset, span_end + offset)
        out.append(t)
    if "|" in text:
        taken = [t.span for t in out]
        for t in find_table_targets(text, _table_units(), offset, ref_year):
            if not any(s < t.span[1] and t.span[0] < e for s, e in taken):
                if raw is not text:
                    t.text = raw[t.span[0] - offset : t.span[1] - offset]
                out.append(t)
    if len(out) > 1:
        out.sort(key=_SPAN)
    return out


_SPAN = operator.attrgetter("span")


@functools.lru_cache(maxsize=1)
def _table_units() -> frozenset[str]:
    """Unit cells of indicator tables: %, ‰ and every measure word, with 万/亿 in front or not."""
    lex = load_lexicon()
    words = set(lex.measure_words) | {"%", "％", "‰", "元"}
    return frozenset(words | {m + w for m in lex.multipliers for w in words if w not in "%％‰"})


def _read_value(m: regex.Match[str]) -> tuple[float, float | None, str, str, bool] | None:
    """(value, value_max, unit, kind, written_in_chinese) of a value match, or None."""
    return _read_groups(m.groups())


#: The groups of :func:`_value_pattern`, in order: (perf) ``Match.groups()`` is one cheap
#: call, a lookup by group name costs ~0.3 µs a name.
_VALUE_GROUPS = ("pv", "r1", "r2", "a", "b", "bunit", "n", "more", "unit", "suffix")


@functools.lru_cache(maxsize=8192)  # (perf) pure, and the same values recur (95%, 3个, 1000万元)
def _read_groups(
    groups: tuple[str | None, ...],
) -> tuple[float, float | None, str, str, bool] | None:
    """:func:`_read_value` from the match's groups (in the order of ``_VALUE_GROUPS``)."""
    pv, r1, r2, a, b, bunit, n, _more, unit, _suffix = groups
    if pv is not None:
        v = _read(pv)
        return None if v is None else (v, None, "%", "percent", True)
    if r1 is not None:
        ra, rb = parse_number(r1), parse_number(r2)
        if ra is None or rb is None:
            return None
        return _ratio_value(ra, rb), None, "ratio", "ratio", False
    if a is not None:
        unit = bunit
        v, vmax = _read(a), _read(b)
        if v is None or vmax is None or vmax <= v:
            return None
        is_cn = a[0] in CN_NUMERAL_CHARS
    else:
        num, unit = _split_cn_multiplier(n, unit)
        is_cn = num[0] in CN_NUMERAL_CHARS
        v, vmax = _read(num), None
        if v is None:
            return None
    if unit in ("%", "％"):
        return v, vmax, "%", "percent", is_cn
    # per-mille, percentage points and rates per 10万 behave like percentages:
    # they are levels of an indicator, never counts of things.
    if unit.startswith("/") and v == 1 and vmax is None:
        return None  # 1/10万 alone is how a table or text names the unit of a rate
    if unit == "‰" or unit.endswith("百分点") or unit.startswith("/"):
        return v, vmax, unit, "percent", is_cn
    return v, vmax, unit, "count", is_cn


def _is_count_target(
    text: str,
    start: int,
    end: int,
    region_raw: str,
    wide_region: str,
    suffix: str | None,
    continues_list: bool,
    lex: _Lexicon,
    trimmed: str,
) -> bool:
    """A count with no predicate is a target only when a verb of commitment governs it.

    建设30个 / 培养领军人才10名 / 每千人口床位数6张 / 推进A、B等9项工程 are;
    在以下11个方面, 对13家中心, 100张床位以上医院 are not.  ``trimmed`` is ``region_raw``
    without its trailing words (the caller has it already).
    """
    if trimmed.endswith(lex.change_verbs):
        return True  # 增长1倍 / 减少10家: the size of a change
    verb_before = continues_list or _ends_with_action_verb(region_raw, lex)
    at_clause_end = end >= len(text) or text[end] in CLAUSE_BREAK
    if region_raw.endswith(PREPOSITIONS) and not verb_before:
        return False
    if suffix:
        followed_by_np = not at_clause_end and text[end] != "的"
        return verb_before or not followed_by_np  # 100张床位以上医院: a qualifier
    if verb_before:
        return True
    # (perf) one scan, by the stdlib engine (plain literals)
    verb_in_clause = lex.action_verb_search(wide_region) is not None
    if region_raw.endswith("等") and verb_in_clause:
        return True  # 推进A、B等9项工程: the count sums a list the verb governs
    measured = trimmed.endswith(lex.measure_nouns)
    return at_clause_end and (verb_in_clause or measured)


#: A baseline written between the indicator and its change verb: 比2020年, 较上年,
#: 与2020年相比, 比基期.  It says what the change is measured against, not what is
#: measured, so the indicator leaves it out (the target's text keeps it).
_BASELINE = regex.compile(
    r"(?:比|较|与|同|相比|相较于?)(?:\d{4}年(?:底|末)?|上年度?|去年|上一年度?|基期|基准年)(?:同期)?(?:相比|比)?"
)


_BASELINE_CUE = re.compile("[比较与同相]").search


def _clean_indicator(indicator: str | None, lex: _Lexicon) -> str | None:
    """The indicator without the document's own scope (全市…) and without a baseline (比2020年)."""
    if not indicator:
        return indicator
    # (perf) a baseline begins with 比/较/与/同/相: without one the substitution is a no-op
    out = _BASELINE.sub("", indicator) if _BASELINE_CUE(indicator) else indicator
    for w in lex.scope if out.startswith(lex.scope) else ():  # (perf) gate the loop
        if out.startswith(w) and len(out) - len(w) >= 2:
            out = out[len(w) :]
            break
    return out or indicator


#: Words of intent strong enough to make an amount a target on their own (力争全年接待
#: 游客2200万人次); 到/要 are too common, and 争取 mostly means "obtain" before an
#: amount (争取专项债券351亿元, a result in work reports).
_INTENT = re.compile(r"力争|确保|努力|预期目标|目标是")  # (perf) literals: stdlib engine
#: What may follow such an amount: punctuation that closes it (not “…” or （…）, which
#: go on to qualify it: 力争128万亩“吨半粮”核心区…, nor 、 which lists
#: amounts that qualify a noun: 力争50亿元、100亿元以上项目…).
_AMOUNT_END = "，,；;。！？!?\n"


def _candidate(
    text: str,
    m: regex.Match[str],
    lex: _Lexicon,
    ref_year: int | None,
    prev: _Previous,
    years: list[tuple[int, int, int, bool]] | None = None,
    bounds: tuple[int, int] | None = None,
    quoted: bool = True,
    historic: bool = True,
) -> Target | None:
    """Decide whether one value match is a target and build it (spans into ``text``).

    ``years`` and ``bounds`` (the sentence's years and bounds) may be passed in by a caller
    that computed them already (perf); ``quoted`` / ``historic`` False say that the sentence
    has no opening quote / no history marker.
    """
    start, end = m.start(), m.end()
    sent_start, sent_end = bounds if bounds is not None else _sentence_bounds(text, start)
    # the year and history markers are read in a bounded window so that a text without
    # sentence ends (a flattened table) stays linear
    before = text[max(sent_start, start - MAX_CONTEXT) : start]
    if quoted and _QUOTE_OPENER_SEARCH(text, start - len(before), start) and _inside_quotes(before):
        return None
    groups = m.groups()  # (perf) see _VALUE_GROUPS
    read = _read_groups(groups)
    if read is None:
        return None
    value, value_max, unit, kind, is_cn = read
    suffix = groups[9]

    same_sentence = prev.sentence_start == sent_start
    floor = max(sent_start, prev.end, start - MAX_CONTEXT) if same_sentence else sent_start
    floor = max(floor, start - MAX_CONTEXT)
    clause_start = narrow_start = _clause_start(text, start, floor)
    # (perf) a per-phrase holds 每
    per_lo = max(clause_start, start - 12)
    per = _PER.search(text, per_lo, start) if text.find("每", per_lo, start) >= 0 else None
    pred, pred_start = _predicate_before(text, per.start() if per else start, clause_start, lex)
    split = None
    if pred is None:
        pred_start = start
        split = _split_predicate(text, clause_start, start, lex)
    # 为3家医院配备…: 为 is a preposition unless the clause ends with the value;
    # 实现112项互认 is a count, 实现100% a level.
    if (
        pred in ("为", "是", "近", "约")
        and kind == "count"
        and not suffix
        and end < len(text)
        and text[end] not in CLAUSE_BREAK
    ) or (pred == "实现" and kind != "percent"):
        pred, pred_start = None, start
    region_raw = text[clause_start:pred_start]
    if split is not None:  # 缩短急诊留观时间至24小时: verb, indicator, 至, number
        pred, verb_end, pred_start = split
        region_raw = text[verb_end:pred_start]
        verb_start, clause_start = verb_end - len(pred), verb_end
    # (perf) the two searches for a clause start take the same steps until one meets a 、,
    # where only the narrow one stops: without a 、 before it, the wide start is the same
    if narrow_start > 0 and text[narrow_start - 1] == "、":
        wide_start = _clause_start(text, start, floor, _WIDE_CLAUSE_BREAK)
    else:
        wide_start = narrow_start
    wide_region = text[wide_start:pred_start]
    continues_list = (
        same_sentence and prev.end >= 0 and text[prev.end : start].strip(" ") in CONJUNCTIONS
    )

    # --- what is never a target -----------------------------------------
    if kind == "ratio" and "比" not in region_raw and "比例" not in text[end : end + 4]:
        return None
    adverbial: str | None = None  # (perf) the adverbial comparator, once it is known
    adverbial_known = False
    if kind == "count":
        base = unit.lstrip("万亿千百")
        committed = pred is not None or bool(suffix)
        if base in lex.durations and not committed:
            return None
        followed_by_han = end < len(text) and _HAN.match(text[end]) is not None
        if base in lex.ages and (pred is None or (suffix and followed_by_han)):
            return None  # 65岁以上老年人: an age bracket names a population
        if text.startswith(lex.structure_nouns, end):
            return None  # 在以下11个方面 / 等六个环节: the count organises the text
        trimmed = _strip_back(region_raw, lex.trailing)  # (perf) computed once, used thrice
        change = trimmed.endswith(lex.change_verbs)
        adverbial, adverbial_known = _adverbial_comparator(region_raw, lex), True
        bounded = adverbial is not None
        if is_cn and value == 1 and not committed and not change and not bounded:
            return None  # 一站式, 一张网, 一个中心: idioms and names (至少建成一所 is a floor)
        # 接待游客2200万人次 / 营造林1500万亩: an amount in 万/亿 of a measure word at the end
        # of a clause that states a commitment (力争/确保/到…) is a level to reach
        big = (
            unit[:1] in "万亿"
            and (end >= len(text) or text[end] in _AMOUNT_END)
            and not region_raw.endswith(PREPOSITIONS)
            and _INTENT.search(wide_region) is not None
        )
        if (
            pred is None
            and not big
            and not _is_count_target(
                text, start, end, region_raw, wide_region, suffix, continues_list, lex, trimmed
            )
        ):
            return None
    # 床位使用率低于75%的医院不得增加床位: a subject, a comparison, then 的 and a noun is
    # a condition on that noun, not a commitment (给予不低于50%的补偿 has a verb, not a subject).
    if (
        pred is not None
        and (pred.endswith("于") or pred in ("超过", "不超过", "不足"))
        and split is None
        and end < len(text)
        and text[end] == "的"
        and region_raw.strip()
        and not _ends_with_action_verb(_strip_back(region_raw, lex.trailing), lex)
    ):
        return None
    # history: the last history marker before the number beats earlier commitments
    hist = _last_end_of(lex.history_back, before) if historic else -1
    if hist >= 0 and hist > _last_end_of(lex.commitment_back, before):
        return None
    limit = min(sent_end, end + 40)
    brk = _CLAUSE_BREAK_AHEAD.search(text, end, limit)  # (perf) not a loop per character
    clause_end = brk.start() if brk else max(end, limit)
    if years is None:
        years = _years(text, sent_start, sent_end, ref_year)
    year, bare = _year_of(years, start, end, clause_end)
    if bare and ref_year is not None and year is not None and year < ref_year:
        return None

    # --- comparator -------------------------------------------------------
    if value_max is not None:
        comparator = "range"
    elif suffix:
        comparator = lex.suffixes[suffix]
    elif pred is not None:
        comparator = lex.predicates.get(pred) or lex.split_predicates[pred]
    elif groups[7]:  # more
        comparator = ">"
    elif (
        adv := adverbial if adverbial_known else _adverbial_comparator(region_raw, lex)
    ) is not None:
        comparator = adv
    else:
        comparator = "="

    # --- indicator ---------------------------------------------------------
    lead_space = len(region_raw) - len(region_raw.lstrip(" "))
    region, cut = _strip_front(region_raw[lead_space:], lex.leading)
    cut += lead_space
    region = _strip_back(region.rstrip(" "), lex.trailing).rstrip(" ")
    ind_start = clause_start + cut
    span_start = pred_start if pred is not None else start
    span_end = end
    indicator: str | None = region or None
    only_verb = kind != "ratio" and _is_only_verb(region, lex)
    # 每个乡镇卫生院至少配备2名全科医生: the object after the count is what is counted.
    verb_object = kind == "count" and (
        (bool(region) and _ends_with_action_verb(region, lex))
        or (pred or "").endswith("有")
        or region.endswith("等")  # 推进A、B等9项工程: the list's head noun follows
    )
    np = _following_np(text, end, sent_end, lex) if only_verb or verb_object else None
    if np is not None:
        indicator = text[np[0] : np[1]]
        span_end = np[1]
        if region:
            span_start = ind_start
    elif only_verb and not region:
        indicator = _borrowed_indicator(text, clause_start, sent_start, prev, lex)
    elif indicator is not None:
        span_start = ind_start
        if kind == "count":
            # (perf) only the verbs that begin with the indicator's first character can match
            for v in lex.action_verbs_by_first.get(indicator[:1], ()):
                if indicator.startswith(v) and len(indicator) - len(v) >= 2:
                    indicator = indicator[len(v) :]
                    break
    if split is not None:
        span_start = min(span_start, verb_start)
    indicator = _clean_indicator(indicator, lex)
    return Target(
        text=text[span_start:span_end],
        span=(span_start, span_end),
        indicator=indicator,
        comparator=comparator,
        value=float(value),
        value_max=value_max,
        unit=unit,
        year=year,
    )


def _borrowed_indicator(
    text: str, clause_start: int, sent_start: int, prev: _Previous, lex: _Lexicon
) -> str | None:
    """Indicator of a value whose clause has none (…增长5.5%、力争6%以上 / …保持稳定增长、力争达到3%).

    The clause before it names the indicator when it holds no number of its own;
    otherwise the previous target of the sentence lends its indicator.
    """
    j = clause_start - 1
    if j > sent_start:
        k = _clause_start(text, j, max(sent_start, j - MAX_CONTEXT))
        prior = text[k:j]
        if prior and not _HAS_NUMBER.search(prior) and prev.end <= k:
            prior, _ = _strip_front(prior, lex.leading)
            return prior or None
    return prev.indicator if prev.sentence_start == sent_start else None


def is_retrospective(heading_path: list[str]) -> bool:
    """True for units under a review heading (2023年工作回顾, 过去一年的工作, 主要成效).

    Numbers there are results, not targets; the sentence alone rarely shows it
    (全市地区生产总值增长5.2% reads the same in a review and in a plan), so the
    caller that knows the outline should skip :func:`find_targets` for such units.
    """
    return any(_RETROSPECTIVE.search(h) for h in heading_path)


# (perf) compiled once: is_retrospective runs for every unit
# (stdlib engine: literals and plain classes only)
_RETROSPECTIVE = re.compile(
    r"回顾|过去[一五]年|上年工作|工作总结|主要成[效绩]|取得的成[效绩]|进展情况|完成情况"
)
