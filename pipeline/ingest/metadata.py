"""Metadata of one document: the elements of GB/T 9704-2012 plus the portal's metadata table.

A Chinese official document has a fixed anatomy: 发文字号 under the header, the title
(发文机关 + 关于 + 事由 + 文种, often 关于印发《…方案》的通知 wrapping the plan itself), the
signature block (issuing body, then 成文日期), and the imprint (抄送, "XX办公室 2018年5月21日
印发").  Each field below is read from the place that anatomy assigns to it, so that numbers
and dates the body merely cites (根据《…》（国卫医发〔2017〕73号）) are not taken for the
document's own.  Portal tables (标题, 发文字号, 成文日期 …), when the reader found one, are
preferred because a person typed them.

Every function is pure and never raises on arbitrary text.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.ingest.regions import RegionTable, infer_region
from pipeline.schema import Period, Region

__all__ = [
    "DocMeta",
    "extract_metadata",
    "find_cc",
    "find_doc_number",
    "find_issued_date",
    "find_issuers",
    "find_kind",
    "find_period",
    "find_printed",
    "find_status",
    "find_titles",
    "inline_fields",
    "normalize_doc_number",
    "parse_cn_date",
]


@dataclass
class DocMeta:
    """Metadata fields of a Document (same names and types as pipeline.schema.Document)."""

    title: str | None = None
    notice_title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    issued_date: str | None = None
    region: Region = field(default_factory=Region)
    period: Period | None = None
    status: str = "final"
    kind: str = "other"
    portal: dict[str, str] | None = None
    cc: list[str] = field(default_factory=list)
    printed_by: str | None = None
    printed_date: str | None = None


# ---------------------------------------------------------------------------- shared patterns
_CJK = r"\u4e00-\u9fff"
_CN_DIGIT = "〇零○Ｏ一二三四五六七八九十"
# An agency name ends in one of these (GB/T 9704 发文机关标志 and signature lines).
_AGENCY_END = r"(?:办公厅|办公室|委员会|人民政府|政府|管理局|局|厅|委|部|院|中心|办|小组|公司|协会|学会|集团|医院|党组|总队|支队)"
_AGENCY = rf"[{_CJK}（）()]{{2,40}}?{_AGENCY_END}"
_DATE_AR = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?"
_DATE_CN = (
    rf"([{_CN_DIGIT}]{{4}})\s*年\s*([{_CN_DIGIT}]{{1,3}})\s*月(?:\s*([{_CN_DIGIT}]{{1,3}})\s*日)?"
)
_DATE = rf"(?:{_DATE_AR}|{_DATE_CN})"
_DATE_RE = re.compile(_DATE)


def _cn_num(s: str) -> int | None:
    """Chinese numerals of dates: 二〇一八 (digit by digit), 十八, 二十一, 十."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits.update({"零": 0, "○": 0, "Ｏ": 0})
    if "十" not in s:
        if not s or any(c not in digits for c in s):
            return None
        return int("".join(str(digits[c]) for c in s))
    tens, _, ones = s.partition("十")
    t = digits.get(tens) if tens else 1
    o = digits.get(ones) if ones else 0
    if t is None or o is None:
        return None
    return t * 10 + o


def _date_from_match(m: re.Match[str]) -> str | None:
    """ISO date (YYYY-MM-DD, or YYYY-MM without a day) from a _DATE match."""
    g = m.groups()
    if g[0]:
        y, mo, d = int(g[0]), int(g[1]), int(g[2]) if g[2] else None
    else:
        y, mo = _cn_num(g[3]) or 0, _cn_num(g[4]) or 0
        d = _cn_num(g[5]) if g[5] else None
    if not (1900 <= y <= 2100 and 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}" if d else f"{y:04d}-{mo:02d}"


def parse_cn_date(text: str) -> str | None:
    """The first date in ``text`` as ISO: 2018年5月18日, 二〇一八年五月十八日, 2019-05-24."""
    m = _DATE_RE.search(text)
    if m:
        return _date_from_match(m)
    m2 = re.search(r"((?:19|20)\d{2})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?", text)
    if m2:
        y, mo = int(m2.group(1)), int(m2.group(2))
        if 1 <= mo <= 12:
            if m2.group(3) and 1 <= int(m2.group(3)) <= 31:
                return f"{y:04d}-{mo:02d}-{int(m2.group(3)):02d}"
            return f"{y:04d}-{mo:02d}"
    return None


# ---------------------------------------------------------------------------- 发文字号
_OPEN = "〔[(（【［﹝"
_CLOSE = "〕])）】］﹞"
_DOC_NO = re.compile(
    rf"([{_CJK}]{{1,12}})\s*[{re.escape(_OPEN)}]\s*((?:19|20)\d{{2}})\s*[{re.escape(_CLOSE)}]\s*第?\s*(\d{{1,4}})\s*号"
)
# The bracketed year and number every document number ends with: _DOC_NO cannot match
# a text without it, and searching for it alone is much cheaper than _DOC_NO, whose
# leading run of up to twelve characters is tried at every character.
_DOC_NO_TAIL = re.compile(
    rf"[{re.escape(_OPEN)}]\s*(?:19|20)\d{{2}}\s*[{re.escape(_CLOSE)}]\s*第?\s*\d{{1,4}}\s*号"
)
# _DOC_NO's prefix: at most this many characters before the whitespace before the bracket.
_DOC_NO_PREFIX = 12


def _doc_numbers(text: str) -> Iterator[re.Match[str]]:
    """What ``_DOC_NO.finditer(text)`` finds, trying only the stretches that can hold one.

    (perf) Every match ends with a _DOC_NO_TAIL match (whose start no other one
    overlaps: a tail holds one bracket) and starts at most _DOC_NO_PREFIX Chinese
    characters before the whitespace that precedes that tail's bracket; the
    (merged) spans from there to the tail's end are scanned as in the whole text.
    """
    windows: list[tuple[int, int]] = []
    for tail in _DOC_NO_TAIL.finditer(text):
        start = tail.start()
        while start > 0 and text[start - 1].isspace():  # what \s* before the bracket takes
            start -= 1
        start = max(0, start - _DOC_NO_PREFIX)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], tail.end())
        else:
            windows.append((start, tail.end()))
    for start, end in windows:
        yield from _DOC_NO.finditer(text, start, end)


# Words that precede a prefix without belonging to it.
_PREFIX_NOISE = re.compile(r"^.*?(?:发文字号|文号|字号|印发|转发|及|和|与|见|按照|根据|依据)")


def normalize_doc_number(s: str) -> str | None:
    """川卫办发[2018] 27 号 / (2019)8号 / 〔2020]20号 -> X〔YYYY〕N号, or None."""
    m = _DOC_NO.search(s or "")
    if not m:
        return None
    prefix = _PREFIX_NOISE.sub("", m.group(1)) or m.group(1)
    return f"{prefix}〔{m.group(2)}〕{int(m.group(3))}号"


def _is_cited(text: str, start: int, end: int) -> bool:
    """A number in brackets right after a quoted title, or in a sentence that cites another
    document (根据/按照/依据/贯彻/转发 …《…》), belongs to that other document."""
    before = text[max(0, start - 3) : start]
    if "》" in before:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    sentence_start = max(line_start, max(text.rfind(p, 0, start) for p in "。；;") + 1)
    clause = text[sentence_start:start]
    return bool(re.search(r"根据|按照|依据|贯彻|落实|转发|参照|依照|《", clause))


def find_doc_number(text: str, portal: dict[str, str] | None = None) -> str | None:
    """发文字号 of this document: the portal's, else the first uncited one in the header
    (before the body starts), else the first uncited one standing on its own line."""
    if portal:
        for key in ("发文字号", "文号"):
            if portal.get(key):
                n = normalize_doc_number(portal[key])
                if n:
                    return n
    if not _DOC_NO_TAIL.search(text):
        return None  # no "〔2024〕3号" anywhere: skip the prefix-first scan of every character
    head_end = _body_start(text)
    fallback = None
    for m in _doc_numbers(text):
        if _is_cited(text, m.start(), m.end()):
            continue
        n = normalize_doc_number(m.group(0))
        if n is None:
            continue
        if m.start() <= head_end:
            return n
        line = text[
            text.rfind("\n", 0, m.start()) + 1 : text.find("\n", m.end())
            if "\n" in text[m.end() :]
            else None
        ]
        if fallback is None and line.strip() == m.group(0).strip():
            fallback = n
    return fallback


# ---------------------------------------------------------------------------- titles
_DOC_TYPES = r"(?:通知|通报|意见|决定|批复|函|报告|请示|公告|通告|办法|规定)"
_STATUS_LINE = re.compile(r"^[（(]?(?:征求意见稿|送审稿|讨论稿|草案|修改稿|代拟稿|初稿)[)）]?$")
_SENTENCE_PUNCT = re.compile(r"[。；;，,：:！？!?]")
_PERIOD_LINE = re.compile(
    r"^[（(]\s*(?:19|20)\d{2}\s*[-—–－~～至到]+\s*(?:19|20)?\d{2,4}\s*年?\s*[)）]$"
)
_ENUM_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十\d]+)"
)


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, stripped line) for non-empty lines; table pipes from portal pages are blanks."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        s = raw.strip().strip("|").strip()
        if s:
            out.append((pos, s))
        pos += len(raw) + 1
    return out


def _body_start(text: str) -> int:
    """Offset where running prose starts: the first line that reads as a sentence
    (addressee lines 各市…： count as prose; the header ends before them)."""
    for off, line in _lines(text[:3000]):
        prose = len(line) > 120 or _SENTENCE_PUNCT.search(
            line[:-1] if line.endswith("：") else line
        )
        if prose and not _DOC_NO.fullmatch(line):
            return off
        if line.endswith(("：", ":")):
            return off
    return min(len(text), 600)


def _clean_title(s: str) -> str:
    s = re.sub(r"\s+", "", s)
    return s.strip("|　 ")


def _title_from_notice(notice: str) -> str | None:
    """The plan a notice transmits: 关于印发《X》的通知 / 关于印发X的通知 -> X."""
    m = re.search(r"《([^《》]+)》", notice)
    if m and re.search(r"印发|转发|发布|颁布", notice[: m.start()]):
        return m.group(1)
    m = re.search(r"(?:印发|转发|发布|颁布)(.+?)的(?:通知|函|决定)$", notice)
    if m:
        return m.group(1).strip("《》")
    return None


def _notice_title(text: str) -> str | None:
    """The covering notice's title from the header: (发文机关 +) 关于…的通知, joined across
    line breaks; a 关于 inside a sentence or a quoted title does not start one."""
    lines = _lines(text[:4000])
    body = _body_start(text)
    for i, (off, line) in enumerate(lines):
        if off >= body:
            break
        k = line.find("关于")
        if k < 0 or _SENTENCE_PUNCT.search(line[:k]) or "《" in line[:k]:
            continue
        parts = [line[k:]]
        j = i
        while not re.search(rf"{_DOC_TYPES}$", parts[-1]) and j + 1 < len(lines) and len(parts) < 4:
            j += 1
            nxt = lines[j][1]
            if _SENTENCE_PUNCT.search(nxt.rstrip("：:")) and not re.search(r"[《》]", nxt):
                break
            parts.append(nxt)
        title = _clean_title("".join(parts))
        m = re.search(rf"^(.*?的{_DOC_TYPES})", title)
        if not m:
            continue
        title = m.group(1)
        prefix = line[:k].strip()
        if (
            not prefix
            and i > 0
            and re.fullmatch(_AGENCY + r"(?:[ 　]+" + _AGENCY + "){0,6}", lines[i - 1][1])
        ):
            prefix = lines[i - 1][1]
        if prefix and re.fullmatch(_AGENCY + r"(?:[ 　]+" + _AGENCY + "){0,6}", prefix):
            title = _clean_title(prefix) + title
        return title
    return None


# Labels that aggregator sites put over sample texts (…范文, 第1篇：…): not the text's title.
_AGGREGATOR_LABEL = re.compile(
    r"^(?:第\d+篇[:：]\s*)?.*(?:范文|范例|范本|精选|参考模板)(?:[(（].*[)）])?$"
)


_ATTACHMENT_LINE = re.compile(r"附\s*件\s*[\d一二三四五六七八九十]*\s*[:：]?")
_TRANSMITS = re.compile(
    r"(?:现将|将|现把)《([^《》\n]{4,80})》(?:[^。\n]{0,20}?)(?:印发|转发|发送|下发)"
)
_HEADER_LINE = re.compile(rf"(?:{_AGENCY})(?:[ 　]+{_AGENCY}){{0,6}}(?:文件)?")
_INLINE_FIELD = re.compile(
    r"^[ 　]*(标题|名称|索引号|主题分类|发文机关|发布机构|发文字号|文号|成文日期|发文日期|发布日期|效力状态|有效性)[ 　]*[：:][ 　]*(.*?)[ 　]*$",
    re.M,
)


def inline_fields(text: str) -> dict[str, str]:
    """Portal-style 'label：value' lines left in the text (发文字号：…, 成文日期：…) in the
    first part of a page; the reader's parsed portal table takes precedence over these."""
    out: dict[str, str] = {}
    for m in _INLINE_FIELD.finditer(text[:3000]):
        if m.group(2) and m.group(1) not in out:
            out[m.group(1)] = m.group(2)
    return out


def _heading(text: str, start: int = 0) -> str | None:
    """A heading at ``start``: short lines without sentence punctuation, joined, with a
    period line such as （2018-2020年） appended and status lines such as （征求意见稿） left out."""
    parts: list[str] = []
    chunk = text[start : start + 1500]
    prev_end = 0
    for off, line in _lines(chunk):
        after_blank = bool(parts) and chunk.count("\n", prev_end, off) > 1
        prev_end = off + len(line)
        if not parts and (
            _AGGREGATOR_LABEL.match(line)
            or _DOC_NO.fullmatch(line)
            or _HEADER_LINE.fullmatch(line)
            or _INLINE_FIELD.match(line)
            or _ATTACHMENT_LINE.fullmatch(line)
        ):
            continue  # header furniture above the title
        if _STATUS_LINE.match(line):
            if parts:
                break
            continue
        if _PERIOD_LINE.match(line) and parts:
            parts.append(line)
            break
        if after_blank:  # a heading wraps onto the next line, not across a blank line
            break
        if (
            len(line) > 50
            or _SENTENCE_PUNCT.search(line)
            or _ENUM_START.match(line)
            or _DATE_RE.fullmatch(line)
        ):
            break
        parts.append(line)
        if len(parts) >= 3:
            break
    title = _clean_title("".join(parts))
    return title or None


_GENRE_SUFFIX = re.compile(r"(?:范文|范例|范本|精选|参考模板)(?:[(（].*[)）])?$")


def _aggregator_title(text: str) -> str | None:
    """Last resort for an article cut from an aggregator page: the page's label for it
    (医疗服务行动方案范文 -> 医疗服务行动方案) is the only title the source gives."""
    first = next((line for _, line in _lines(text[:300])), "")
    if not _AGGREGATOR_LABEL.match(first):
        return None
    label = _GENRE_SUFFIX.sub("", re.sub(r"^第\d+篇[:：]\s*", "", first)).strip()
    return _clean_title(label) or None


def find_titles(text: str, portal: dict[str, str] | None = None) -> tuple[str | None, str | None]:
    """(plan title, covering notice title).

    The notice title comes from the portal's 标题 or the header (发文机关 + 关于…的通知,
    joined across line breaks); the plan title is what the notice transmits (《…》), else the
    document's first heading.
    """
    try:
        notice = _notice_title(text)
        ptitle = (portal or {}).get("标题", "").strip() or None
        if ptitle and re.search(rf"关于.*{_DOC_TYPES}$", ptitle):
            notice = _clean_title(ptitle)
        title = _title_from_notice(notice) if notice else None
        if title is None and notice is None and ptitle:
            title = _clean_title(ptitle)
        if title is None:
            m = _TRANSMITS.search(text[:1500])  # 现将《X》印发给你们 under a lost notice header
            title = m.group(1) if m else None
        if title is None and notice is not None:
            title = notice  # a bare notice/意见 is itself the document
        if title is None:
            title = _heading(text, 0)
        return title, notice
    except Exception:
        return None, None


# ---------------------------------------------------------------------------- dates, issuers
# Signing body, then (on the same line or up to three lines below) the date that ends its
# line or is followed by a bracketed note such as （此件公开发布）: a sentence that merely
# starts with an agency and a date (市卫生健康委2019年5月组织…) does not qualify.
_SIGNATURE = re.compile(
    rf"(?:^|(?<=[\s。|]))({_AGENCY}(?:[ 　]+{_AGENCY}){{0,6}})[ 　]*(?:\n[ 　]*){{0,3}}{_DATE}"
    r"(?![ 　]*印发)(?=[ 　]*(?:$|[（(]))",
    re.M,
)
_DATE_LINE = re.compile(rf"^[ 　]*{_DATE}[ 　]*$", re.M)


# The date a signature ends with, as _SIGNATURE requires it (ending its line or followed by a
# bracketed note, not by 印发).
_SIGNATURE_DATE = re.compile(rf"{_DATE}(?![ 　]*印发)(?=[ 　]*(?:$|[（(]))", re.M)
# A signature's agency line is at most this many lines above the line its date starts on.
_SIGNATURE_LINES_ABOVE = 3
# Every date has a 年 followed, a few characters on, by 月; led by a literal, this is cheap.
_YEAR_MONTH = re.compile(rf"年\s*[\d{_CN_DIGIT}]{{1,3}}\s*月")


@functools.lru_cache(maxsize=4)
def _signatures(text: str) -> tuple[re.Match[str], ...]:
    """Every _SIGNATURE match of ``text``, in order: ``_SIGNATURE.finditer(text)``.

    (perf) _SIGNATURE tries an agency name at every clause start, which is slow over
    a whole text; it only runs in the windows that can hold a match (see
    :func:`_signature_windows`).  find_issuers and find_issued_date need the same
    scan, so it is cached.
    """
    return tuple(
        m for start, end in _signature_windows(text) for m in _SIGNATURE.finditer(text, start, end)
    )


def _signature_windows(text: str) -> list[tuple[int, int]]:
    """Disjoint (start, end) spans holding every _SIGNATURE match of ``text``.

    A match ends with a _SIGNATURE_DATE match, whose start no other date match
    overlaps (a date holds one year, and no four-digit run after it), so
    finditer finds them all.  The agency names before it lie on one line, at most
    _SIGNATURE_LINES_ABOVE lines above the date's; the window runs from that line's
    start to the end of the line the date ends on (a newline or the text's end, where
    ``$`` holds either way), so a match inside it is found exactly as in the whole text.
    """
    windows: list[tuple[int, int]] = []
    for m in _signature_dates(text):
        start = text.rfind("\n", 0, m.start()) + 1
        for _ in range(_SIGNATURE_LINES_ABOVE):
            if start == 0:
                break
            start = text.rfind("\n", 0, start - 1) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _signature_dates(text: str) -> Iterator[re.Match[str]]:
    """What ``_SIGNATURE_DATE.finditer(text)`` finds, without trying every position.

    A date's year is the four characters before the whitespace that precedes its
    年, so each 年 followed by a month names the one place a date can start.
    """
    for year_month in _YEAR_MONTH.finditer(text):
        start = year_month.start()
        while start > 0 and text[start - 1].isspace():  # what \s* before 年 takes
            start -= 1
        if start >= 4:
            m = _SIGNATURE_DATE.match(text, start - 4)
            if m is not None:
                yield m


def find_issued_date(text: str, portal: dict[str, str] | None = None) -> str | None:
    """成文日期: the portal's, else the date under the first signing body, else the first
    date standing alone on its line; never a date inside a sentence."""
    if portal:
        for key in ("成文日期", "发文日期"):
            if portal.get(key):
                d = parse_cn_date(portal[key])
                if d:
                    return d
    for m in _signatures(text):
        dm = _DATE_RE.search(m.group(0), m.end(1) - m.start(0))
        d = _date_from_match(dm) if dm else None
        if d:
            return d
    for m in _DATE_LINE.finditer(text):
        if "印发" in text[m.end() : m.end() + 3]:
            continue
        d = _date_from_match(_DATE_RE.search(m.group(0)))  # type: ignore[arg-type]
        if d:
            return d
    return None


_SUFFIXES = ("委员会", "管理局", "办公厅", "办公室", "人民政府", "局", "厅", "委", "部", "院", "办")


def _split_joint(name: str) -> list[str]:
    """Joint issuers written without a space: 江苏省卫生健康委员会江苏省中医药管理局 -> two
    bodies.  A new body starts where the leading region (江苏省, 国家) recurs right after an
    agency suffix."""
    m = re.match(rf"^(国家|[{_CJK}]{{1,8}}?[省市县区])", name)
    if not m:
        return [name]
    prefix = m.group(1)
    cuts = [0]
    pos = name.find(prefix, len(prefix))
    while pos > 0:
        if name[:pos].endswith(_SUFFIXES):
            cuts.append(pos)
        pos = name.find(prefix, pos + 1)
    cuts.append(len(name))
    return [name[a:b] for a, b in itertools.pairwise(cuts) if name[a:b]]


def _split_agencies(s: str) -> list[str]:
    out: list[str] = []
    for p in re.split(r"[\s、，,；;]+", s):
        if p and re.fullmatch(_AGENCY, p):
            out += _split_joint(p)
    return out


def find_issuers(text: str, portal: dict[str, str] | None = None) -> list[str]:
    """发文机关: the portal's, the header's (the agency line above 关于…的通知 or the
    发文机关标志 "XX文件"), and the signature block's; in that order, without repeats."""
    found: list[str] = []
    if portal:
        for key in ("发文机关", "发布机构", "发文单位"):
            if portal.get(key):
                found += _split_agencies(portal[key]) or [portal[key].strip()]
    head = text[: _body_start(text) + 1]
    for _off, line in _lines(head):
        k = line.find("关于")
        cand = line[:k] if k > 0 else line
        if k != 0 and re.fullmatch(_AGENCY + r"(?:[ 　]+" + _AGENCY + "){0,6}", cand.strip()):
            found += _split_agencies(cand)
        m = re.fullmatch(rf"({_AGENCY})文件", line)
        if m:
            found.append(m.group(1))
    for m in _signatures(text):
        found += _split_agencies(m.group(1))
    out: list[str] = []
    for f in found:
        f = f.strip()
        if f and f not in out and not re.search(r"印发|关于|通知", f):
            out.append(f)
    return out


# ---------------------------------------------------------------------------- imprint
_PRINTED = re.compile(rf"^[ 　]*({_AGENCY})[ 　]*{_DATE}[ 　]*印发[ 　]*$", re.M)
_CC = re.compile(r"^[ 　]*抄\s*送[：:]\s*(.+)$", re.M)


def find_printed(text: str) -> tuple[str | None, str | None]:
    """印发 line: ("四川省卫生和计划生育委员会办公室", "2018-05-21")."""
    m = _PRINTED.search(text) if "印发" in text else None  # (perf) the line ends in 印发
    if not m:
        return None, None
    dm = _DATE_RE.search(m.group(0), m.end(1) - m.start(0))
    return m.group(1).strip(), _date_from_match(dm) if dm else None


def find_cc(text: str) -> list[str]:
    """抄送 list: 抄送：国家卫生健康委员会，省中医药局。 -> two bodies.

    GB/T 9704 separates 抄送机关 with commas; 、 joins members of one group
    (各省、自治区、直辖市人民政府办公厅) and is not split."""
    m = _CC.search(text) if "抄" in text else None  # (perf) 抄送 needs its 抄
    if not m:
        return []
    items = re.split(r"[，,；;]", m.group(1).strip().rstrip("。."))
    return [i.strip() for i in items if i.strip()]


# ---------------------------------------------------------------------------- period, status, kind
_FIVE_YEAR = {
    "十一五": (2006, 2010),
    "十二五": (2011, 2015),
    "十三五": (2016, 2020),
    "十四五": (2021, 2025),
    "十五五": (2026, 2030),
}
_RANGE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[-—–－~～至到]+\s*((?:19|20)?\d{2})\s*年")
_SINGLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?")


def find_period(*titles: str | None) -> Period | None:
    """Years a plan covers, from its title: （2018-2020年）, 2024—2026年, 2016年… (one year),
    十四五 (2021-2025).  Body dates are not used: they are history or deadlines."""
    for t in titles:
        if not t:
            continue
        m = _RANGE.search(t)
        if m:
            start = int(m.group(1))
            end_s = m.group(2)
            end = int(end_s) if len(end_s) == 4 else (start // 100) * 100 + int(end_s)
            if start <= end <= start + 20:
                return Period(start, end)
        for key, (a, b) in _FIVE_YEAR.items():
            if key in t:
                return Period(a, b)
        m = _SINGLE_YEAR.search(t)
        if m:
            y = int(m.group(1))
            return Period(y, y)
    return None


_DRAFT = re.compile(r"征求意见稿|送审稿|讨论稿|草案|征求意见|修改稿|代拟稿|初稿")


def find_status(text: str, *titles: str | None) -> str:
    """'draft' when the title or header calls the text 征求意见稿/送审稿/讨论稿 …, else 'final'."""
    head = text[: _body_start(text) + 1]
    if any(t and _DRAFT.search(t) for t in titles) or _DRAFT.search(head):
        return "draft"
    return "final"


_KIND_RULES = (
    (re.compile(r"政府工作报告"), "report"),
    (re.compile(r"总结"), "summary"),
    (re.compile(r"行动计划|行动方案|攻坚行动|专项行动"), "action_plan"),
    (re.compile(r"实施方案"), "implementation_plan"),
    (re.compile(r"工作方案|工作计划|工作要点|工作安排"), "work_plan"),
    (re.compile(r"报告"), "report"),
)


def find_kind(title: str | None, notice_title: str | None, text: str = "") -> str:
    """Document kind from the title's genre word (文种); the body's opening decides only
    when the title says nothing (…工作总结如下 -> summary, 向大会报告工作 -> report)."""
    for t in (title, notice_title):
        if not t:
            continue
        for rx, kind in _KIND_RULES:
            if rx.search(t):
                return kind
    if notice_title and re.search(r"通知|通报", notice_title):
        return "notice"
    opening = text[:400]
    if re.search(
        r"向大会(?:作)?(?:工作)?报告|作工作报告|政府工作报告|报告政府工作|\d{4}年工作回顾", opening
    ):
        return "report"
    if re.search(r"总结如下|工作总结", opening):
        return "summary"
    if re.search(r"记者|新华社|日电|讯[（(]|本报讯|通讯员", opening):
        return "news"
    if re.search(
        r"(?:^|\n)\s*一[、.．]\s*(?:工作目标|指导思想|总体要求|主要目标|目标任务|总体目标)", opening
    ):
        # an untitled plan: its first section is the plan's aims
        return "action_plan" if "行动" in opening else "work_plan"
    if title and re.search(r"方案|计划", title):
        return "action_plan" if "行动" in title else "work_plan"
    return "other"


# ---------------------------------------------------------------------------- entry point
def extract_metadata(
    text: str, portal: dict[str, str] | None, source_path: str, regions: RegionTable
) -> DocMeta:
    """All metadata of one normalised document.  ``source_path`` is only kept for messages:
    nothing is read from the file name.  Never raises."""
    meta = DocMeta(portal=dict(portal) if portal else None)
    try:
        fields = {**inline_fields(text), **(portal or {})}
        portal = fields or None
        meta.portal = dict(portal) if portal else None
        meta.title, meta.notice_title = find_titles(text, portal)
        meta.doc_number = find_doc_number(text, portal)
        meta.issuers = find_issuers(text, portal)
        meta.issued_date = find_issued_date(text, portal)
        meta.period = find_period(meta.title, meta.notice_title)
        meta.status = find_status(text, meta.title, meta.notice_title)
        meta.kind = find_kind(meta.title, meta.notice_title, text)
        if meta.title is None:  # after kind: the aggregator's genre label says nothing of it
            meta.title = _aggregator_title(text)
        meta.cc = find_cc(text)
        meta.printed_by, meta.printed_date = find_printed(text)
        meta.region = infer_region(text, meta.issuers, meta.notice_title or meta.title, regions)
    except Exception:
        pass
    return meta
