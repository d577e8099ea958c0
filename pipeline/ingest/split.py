"""Split a page that holds several documents into one text per document.

Aggregator pages (范文网, 期刊网) collect several articles under numbered
markers, ``第1篇:标题`` (also ``篇一：标题``, ``【篇二】``, ``范文3：``).  Only a sequence of such markers numbered from 1
counts: a single "第一篇" inside a plan is a heading of that plan, not the
start of another document.  Whatever precedes the first marker is the
aggregator's preface and is dropped; each part starts at its own title.
"""

from __future__ import annotations

import regex

from pipeline.extract.numbers import parse_chinese_numeral

_NUMERAL = r"[0-9]{1,3}|[一二三四五六七八九十百]{1,4}"
# 第1篇：标题, 篇一：标题, 【篇二】标题, 范文3：标题 — the forms aggregator sites use.
_PART_MARKER = regex.compile(
    rf"^[ \t]*[【\[]?(?:第\s*(?P<n>{_NUMERAL})\s*篇|篇\s*(?P<n>{_NUMERAL})|范文\s*(?P<n>{_NUMERAL}))"
    r"[】\]]?\s*[:：、.．]?\s*(?P<title>[^\n]*)$",
    regex.MULTILINE,
)

# Long plans (规划纲要) are divided into 第一篇 … 第一章 …: those 篇 are parts of
# one document, recognisable by the chapters under them.
_CHAPTER = regex.compile(r"^[ \t]*第[一二三四五六七八九十百]+章", regex.MULTILINE)


def split_documents(text: str) -> list[str]:
    """Return the documents of ``text``; ``[text]`` when it holds only one."""
    markers = _numbered_markers(text)
    if len(markers) < 2 or _CHAPTER.search(text):
        return [text]
    parts = []
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        title = marker.group("title").strip()
        body = text[marker.end() : end].strip("\n")
        parts.append(f"{title}\n{body}".strip() if title else body.strip())
    return parts


def _numbered_markers(text: str) -> list[regex.Match[str]]:
    """Markers that count 1, 2, 3 … in order (a stray 第3篇 alone is ignored)."""
    if "篇" not in text and "范文" not in text:
        return []  # (perf) every marker holds one of them
    found = []
    expected = 1
    for match in _PART_MARKER.finditer(text):
        if _marker_number(match.group("n")) == expected:
            found.append(match)
            expected += 1
    return found


def _marker_number(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    return parse_chinese_numeral(raw)
