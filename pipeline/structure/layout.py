"""Where the body of a document ends: closing formulas, signatures, attachments.

After the last item of a plan come parts that are not plan content: the
issuing office and date (signature block), 抄送 / 印发 lines, 附件 lists,
and on web pages the portal's widgets (图表解读, 【下载Word】, 【打印本文】).
The last unit must stop before them, whether they sit on their own lines or,
as on scraped one-line pages, after the last sentence on the same line.
"""

from __future__ import annotations

import re

import regex

# Where a marker may stand: at a line start, or after a sentence end on the
# same line (one-line pages).
_AT = r"(?:^|(?<=[。；！？)）]\s*)|(?<=\s{2}))[ \t\u3000]*"
# Markers that only ever close a document: distribution lines, attachments,
# portal widgets.  They end the body wherever they appear after its start.
_CLOSING = regex.compile(
    _AT + r"(?:抄送[:：]|抄报[:：]|主题词[:：]|附件\s*[:：\d一二三四五六七八九十]|附表\s*\d"
    r"|图表解读|文字解读|政策解读[:：]|相关解读|【\s*(?:下载|关闭|打印|字体)|扫一扫|分享到)",
    regex.MULTILINE,
)
# The printing line "XX办公室 2024年1月5日印发" closes a document too.  It is a pattern
# of its own, tried only when the text holds 日印发: its leading [^\n。；]{2,30} makes
# the regex engine try thirty characters at every position of every document.
_PRINTED = regex.compile(
    _AT + r"[^\n。；]{2,30}\d{4}年\d{1,2}月\d{1,2}日印发",
    regex.MULTILINE,
)
_PRINTED_CUE = "日印发"
# Markers that may also occur inside an item ("联系人：……" in a safeguard):
# they end the body only after the last heading.
_LATE_CLOSING = regex.compile(
    _AT + r"(?:联系人[:：]|联系电话[:：]|信息公开选项|公开方式[:：]|[(（]此件[^)）\n]{0,10}[)）])",
    regex.MULTILINE,
)
# A date alone on its line: the date of a signature block.
_DATE_LINE = regex.compile(
    r"^[ \t\u3000]*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日[ \t\u3000]*$",
    regex.MULTILINE,
)
# An issuer line above the date: short, no sentence punctuation.
_ISSUER_LINE = regex.compile(r"[ \t\u3000]*[^\n。；，,：:！？]{2,40}[ \t\u3000]*")


def body_end(text: str, after: int = 0, last: int | None = None) -> int:
    """Offset where the document's body ends (len(text) when nothing closes it).

    ``after`` is where the body starts (the first heading), so that a covering
    notice's own signature at the top does not end it; ``last`` (the last
    heading, default ``after``) is where markers that may also occur inside an
    item start to count.
    """
    last = after if last is None else max(last, after)
    end = len(text)
    closing = _first_closing(text, after, end)
    if text.find(_PRINTED_CUE, after, end) >= 0:
        printed = _PRINTED.search(text, after, end)
        if printed and (closing is None or printed.start() < closing.start()):
            closing = printed
    if closing:
        end = closing.start()
    m = _LATE_CLOSING.search(text, last, end)
    if m:
        end = m.start()
    d = _first_date_line(text, after, end)
    if d:
        end = d.start()
        # Step back over blank lines to an issuer line directly above the date.
        prev_end = _rstrip_end(text, end)
        line_begin = text.rfind("\n", 0, prev_end) + 1
        if prev_end > after and _ISSUER_LINE.fullmatch(text, line_begin, prev_end):
            end = line_begin
    return max(end, after)


# (perf) Both searches below would run their lookbehinds or line anchors at every
# position of the text.  Each match contains a word that str.find (or a pattern
# starting with a literal) finds fast, and can start only a little before it,
# so the patterns are tried only there.  Hits are taken in text order and
# their start ranges do not overlap, so the first match is the search's.

#: Each alternative of _CLOSING begins with one of these words.
_CLOSING_WORDS = (
    "抄送", "抄报", "主题词", "附件", "附表", "图表解读", "文字解读", "政策解读", "相关解读",
    "【", "扫一扫", "分享到",
)  # fmt: skip
# (perf) Python's re scans for a set of literal words faster than regex or
# one str.find per word.  Its hits do not overlap; a word starting inside
# another hit ("扫一扫一扫") has that hit's character before it, neither a space
# nor a stop, so no match can start there.
_CLOSING_WORD = re.compile("|".join(re.escape(w) for w in _CLOSING_WORDS))
_MARGIN = " \t\u3000"


def _first_closing(text: str, after: int, end: int) -> regex.Match[str] | None:
    """``_CLOSING.search(text, after, end)``.

    A match is [ \t\u3000]* and then one of _CLOSING_WORDS, so it starts in
    the run of those spaces before a word.
    """
    for hit in _CLOSING_WORD.finditer(text, after, end):
        at = hit.start()
        q = at
        while q > after and text[q - 1] in _MARGIN:
            q -= 1
        for start in range(q, at + 1):
            m = _CLOSING.match(text, start, end)
            if m is not None:
                return m
    return None


# Where a date line can end: its 日 (as in _DATE_LINE's end).
_DATE_END = regex.compile(r"(?=日[ \t\u3000]*$)", regex.MULTILINE)
# What a date line holds before its 日 (a superset of _DATE_LINE's characters).
_DATE_CHAR = regex.compile(r"[\s\d〇○零一二三四五六七八九十年月]")


def _first_date_line(text: str, after: int, end: int) -> regex.Match[str] | None:
    """``_DATE_LINE.search(text, after, end)``.

    A match ends with a 日 that _DATE_END finds, and everything before that
    日 is in _DATE_CHAR (which has no 日): it starts at a line start within
    the run of such characters before the 日.
    """
    for hit in _DATE_END.finditer(text, after, end):
        day = hit.start()
        q = day
        while q > after and _DATE_CHAR.match(text, q - 1):
            q -= 1
        for start in range(q, day + 1):
            if start == 0 or text[start - 1] == "\n":
                m = _DATE_LINE.match(text, start, end)
                if m is not None:
                    return m
    return None


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
