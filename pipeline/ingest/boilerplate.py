"""Remove site chrome, widgets and aggregator prefaces; never the document's own sentences.

Scraped pages arrive with the furniture of the site around the document:
welcome banners, the portal's metadata table (read separately by
:func:`split_portal_table`), breadcrumb trails, 【下载Word】【打印本文】 buttons,
图表解读 links, copyright footers.  Some scrapes put the whole document on one
line with widgets around it, so every rule works on *tokens* where it can and
only drops whole lines for line-shaped chrome (banners, footers, breadcrumbs).

Each heuristic is a small named function ``text -> (text, lines_touched)``;
:func:`remove_boilerplate` runs them in order.  A rule that matches a line
never removes text that ends like a sentence of a plan (。；) unless the rule
is about the whole line being chrome, and those rules require short lines.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from pipeline.ingest.vocab import PORTAL_KEYS, WIDGET_WORDS

Rule = Callable[[str], tuple[str, int]]

_CELL_SEPARATOR = regex.compile(r"\s*[|｜\t]\s*")
_KEY_COLON = regex.compile(r"[:：\s]+$")

# Chrome lines are short: a banner or footer line of more than this many
# characters is more likely to be a sentence that quotes such words.
_SHORT_LINE = 80
# Scraped portal tables sit at the top of the page, above the document.
_TOP_LINES = 10


def split_portal_table(text: str) -> tuple[dict[str, str] | None, str]:
    """Parse ``key | value |`` rows of a scraped portal metadata table and cut them out.

    A row qualifies when its cells alternate known field names (标题, 索引号,
    发文字号 ...) and values, and it belongs to a table: it names two fields
    itself, or it sits next to such a row, or near the top of the page.  A
    lone "名称 | 地址" header row of a plan's own table is not metadata.
    Returns (fields or None, text without those rows).
    """
    if "|" not in text and "｜" not in text and "\t" not in text:
        return None, text  # (perf) no cell separator: no row can parse
    lines = text.split("\n")
    rows = [_parse_portal_row(line) for line in lines]
    strong = {i for i, row in enumerate(rows) if row is not None and len(row) >= 2}
    fields: dict[str, str] = {}
    kept: list[str] = []
    for i, (line, row) in enumerate(zip(lines, rows, strict=True)):
        in_table = i in strong or i - 1 in strong or i + 1 in strong or i < _TOP_LINES
        if row is None or not in_table:
            kept.append(line)
            continue
        for key, value in row.items():
            fields.setdefault(key, value)
    if not fields:
        return None, text
    return fields, "\n".join(kept)


def _parse_portal_row(line: str) -> dict[str, str] | None:
    if "|" not in line and "｜" not in line and "\t" not in line:
        return None
    cells = [c for c in _CELL_SEPARATOR.split(line.strip())]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    if not cells:
        return None
    row: dict[str, str] = {}
    i = 0
    while i < len(cells):
        key = _KEY_COLON.sub("", cells[i])
        if key not in PORTAL_KEYS:
            return None
        value = cells[i + 1] if i + 1 < len(cells) else ""
        if _KEY_COLON.sub("", value) in PORTAL_KEYS:
            row[key] = ""
            i += 1
            continue
        row[key] = value.strip()
        i += 2
    return row or None


# --- token rules: widgets inside lines ---------------------------------------------------

_WIDGET_ALTERNATION = "|".join(sorted(map(regex.escape, WIDGET_WORDS), key=len, reverse=True))
# 【下载Word】, [打印本文], 【字体：大 中 小】 (possibly broken over several lines).
_BRACKETED_WIDGET = regex.compile(
    rf"[【\[〖]\s*(?:(?:{_WIDGET_ALTERNATION})[\s:：|/]*){{1,8}}[】\]〗]"
)
# 字体：大 中 小 / 字号：T|T|T without brackets.
_FONT_SIZE_WIDGET = regex.compile(
    r"[【\[〖]?\s*(?:字体|字号)\s*[:：]?\s*(?:[【\[]?\s*[大中小][\s|】\]]*){3}"
)
# What every _FONT_SIZE_WIDGET match holds (老字号 alone is no widget), led by a literal.
_FONT_SIZE_CUE = regex.compile(r"(?:字体|字号)\s*[:：]?\s*[【\[]?\s*[大中小]")
# 图表解读:… / 文字解读:… links after the document: everything to the end of the line.
_INTERPRETATION_LINKS = regex.compile(
    r"(?:^|(?<=[\s。！|]))(?:图表解读|图解|文字解读|图片解读|视频解读|动画解读|政策解读|相关解读|相关链接)\s*[:：][^\n]*"
)
# Share bars and QR prompts: only where a widget sits (line start or after a gap),
# because 分享到/扫一扫 are also ordinary verbs inside sentences.
_SHARE_WIDGET = regex.compile(
    r"(?:^|(?<=[\s|]))(?:分享到|分享至)\s*[:：]?[^\n。，,]{0,40}?(?=$|\n)", regex.MULTILINE
)
_SCAN_WIDGET = regex.compile(
    r"(?:^|(?<=[\s|]))扫一扫\s*(?:在手机(?:上)?(?:打开|查看|阅读)(?:当前页|本页)?|分享到[^\n。，,]{0,20})?(?=\s|$)",
    regex.MULTILINE,
)


def remove_widget_tokens(text: str) -> tuple[str, int]:
    """Strip widget buttons wherever they sit, including inside a long line."""
    # Widgets broken over lines (【字体:\n大\n中\n小】) are joined back before matching.
    # (perf) Each pattern runs only when a word every match contains is in the text.
    joined = text
    if _FONT_SIZE_CUE.search(joined):
        joined = _FONT_SIZE_WIDGET.sub(_keep_newlines, joined)
    if "【" in joined or "[" in joined or "〖" in joined:
        joined = _BRACKETED_WIDGET.sub(_keep_newlines, joined)
    if "解读" in joined or "图解" in joined or "相关链接" in joined:
        joined = _INTERPRETATION_LINKS.sub("", joined)
    if "分享" in joined:
        joined = _SHARE_WIDGET.sub("", joined)
    if "扫一扫" in joined:
        joined = _SCAN_WIDGET.sub("", joined)
    if joined == text:
        return text, 0
    lines = text.split("\n")
    new_lines = joined.split("\n")
    if len(new_lines) != len(lines):  # defensive: patterns keep line count
        return joined, 0
    touched = sum(1 for old, new in zip(lines, new_lines, strict=True) if old != new)
    return joined, touched


def _keep_newlines(match: regex.Match[str]) -> str:
    return "\n" * match.group().count("\n")


# --- line rules: whole lines of chrome ---------------------------------------------------

_WELCOME = regex.compile(r"^\s*欢迎(?:您)?(?:访问|光临|来到|进入).{0,40}$")
_FOOTER = regex.compile(
    r"版权所有|Copyright|©|ICP备|ICP证|公网安备|网站标识码|网站地图|网站声明|隐私声明|"
    r"技术支持[:：]|建议使用.{0,20}(?:浏览器|分辨率)|无障碍浏览|关怀版|长者模式"
)
# 主办单位/承办单位 also head event plans; only two of them together make a footer.
_FOOTER_WEAK = regex.compile(
    r"主办单位[:：]|承办单位[:：]|主办[:：]|承办[:：]|运行维护|联系我们|网站纠错"
)
_PREV_NEXT = regex.compile(r"^\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[:：]?")
_BREADCRUMB = regex.compile(r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[:：]")
_BREADCRUMB_TRAIL = regex.compile(r"^\s*(?:首页|网站首页|主页)\s*[>»›/＞]")
_PAGE_STATS = regex.compile(r"(?:浏览次数|访问次数|阅读次数|点击数|点击量|阅读量|浏览量)\s*[:：]")
_AGGREGATOR_PREFACE = regex.compile(
    r"^\s*(?:前言|导语|引言)\s*[:：].{0,300}(?:本站|小编|仅供参考|欢迎阅读)"
)
_COLLECTION_HEADER = regex.compile(
    r"^.{0,60}(?:精选|范文|优选|汇编|合集|大全)\s*[(（][一二三四五六七八九十百\d]+篇[)）]\s*$"
)
_LINK_SECTION_HEADER = regex.compile(
    r"^(?:相关(?:文章|推荐|阅读|新闻|稿件|信息)|推荐(?:阅读|文章)|热门(?:文章|推荐|范文)|猜你喜欢|"
    r"延伸阅读|更多(?:范文|文章|精彩)|相关附件|附件下载)\s*[:：]?$"
)
# A line that is only the name of a downloadable file is an attachment link.
_FILE_LINK = regex.compile(
    r"^[^\s。；，]{1,80}\.(?:docx?|pdf|xlsx?|wps|et|ofd|zip|rar)$", regex.IGNORECASE
)
_SEPARATOR_ONLY = regex.compile(r"^\s*[|｜\-—_=*·•>»]+\s*$")
_SITE_NAME = regex.compile(r"(?:网|网站|门户|平台|文库|在线)$")
# The characters and first two characters the line-start rules above can begin with.
_SEPARATOR_CHARS = frozenset("|｜-—_=*·•>»")
_PREV_NEXT_HEADS = frozenset({"上一", "下一"})
_BREADCRUMB_HEADS = frozenset({"当前", "您的", "你的", "您现", "所在"})
_TRAIL_HEADS = frozenset({"首页", "网站", "主页"})
_PREFACE_HEADS = frozenset({"前言", "导语", "引言"})
_LINK_HEADS = frozenset({"相关", "推荐", "热门", "猜你", "延伸", "更多", "附件"})


_MULTI_CHAR_WIDGETS = sorted((w for w in WIDGET_WORDS if len(w) > 1), key=len, reverse=True)


def _is_widget_only_line(line: str) -> bool:
    """``打印本页 | 关闭窗口`` or ``字号：大 中 小``: nothing but widget words and separators."""
    if len(line) > 40 or not any(w in line for w in _MULTI_CHAR_WIDGETS):
        return False
    rest = line
    for word in _MULTI_CHAR_WIDGETS:
        rest = rest.replace(word, "")
    return not regex.sub(r"[\s|｜/【】\[\]〖〗:：()（）大中小TＴ\-_>]", "", rest)


# Article-info lines of portals: every field is about the web page, none about the plan.
_PAGE_INFO_FIELD = regex.compile(
    r"(?:发布时间|发布日期|更新时间|来源|信息来源|文章来源|作者|编辑|责任编辑|审核|校对|"
    r"访问量|浏览量|点击率|字号|字体|分享)\s*[:：]\s*[^\s:：]{0,30}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)


def _is_page_info_line(line: str) -> bool:
    """``发布时间：2023-06-12 来源：市卫健委``, ``责任编辑：张三``."""
    if len(line) > 100:
        return False
    rest = _PAGE_INFO_FIELD.sub("", line)
    return rest != line and not regex.sub(r"[\s|｜【】\[\]()（）]", "", rest)


def _is_site_breadcrumb(line: str, position: int) -> bool:
    """``公务员期刊网 精选范文 某某范文``: a site name followed by category segments, at the top."""
    if position > 5 or len(line) > 60:
        return False
    segments = [s for s in regex.split(r"\s+|[>»›＞/]", line.strip()) if s]
    if len(segments) < 2 or segments[0].endswith("联网"):  # 互联网/物联网 are topics, not sites
        return False
    return _SITE_NAME.search(segments[0]) is not None


def _reads_like_sentence(line: str) -> bool:
    """Prose, not furniture: ends like a sentence or has a clause comma."""
    return line[-1:] in "。；;" or "，" in line


def _is_chrome_line(line: str, position: int) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    short = len(stripped) <= _SHORT_LINE and not _reads_like_sentence(stripped)
    # (perf) Checked lazily: the first rule that holds decides (all are pure tests).  A
    # rule anchored at the line start is tried only when the line opens with one of its
    # words (``stripped`` has no leading whitespace for their ``^\s*`` to skip).
    head = stripped[:2]
    return (
        (stripped[0] in _SEPARATOR_CHARS and _SEPARATOR_ONLY.match(stripped) is not None)
        or (short and head == "欢迎" and _WELCOME.match(stripped) is not None)
        or (short and _FOOTER.search(stripped) is not None)
        or (short and len(_FOOTER_WEAK.findall(stripped)) >= 2)
        or (short and head in _PREV_NEXT_HEADS and _PREV_NEXT.match(stripped) is not None)
        or (short and head in _BREADCRUMB_HEADS and _BREADCRUMB.match(stripped) is not None)
        or (short and head in _TRAIL_HEADS and _BREADCRUMB_TRAIL.match(stripped) is not None)
        or (short and _PAGE_STATS.search(stripped) is not None)
        or (head in _PREFACE_HEADS and _AGGREGATOR_PREFACE.match(stripped) is not None)
        or ("篇" in stripped and _COLLECTION_HEADER.match(stripped) is not None)
        or (head in _LINK_HEADS and _LINK_SECTION_HEADER.match(stripped) is not None)
        or ("." in stripped and _FILE_LINK.match(stripped) is not None)
        or _is_site_breadcrumb(stripped, position)
        or _is_widget_only_line(stripped)
        or (short and _is_page_info_line(stripped))
    )


def remove_chrome_lines(text: str) -> tuple[str, int]:
    """Drop lines that are entirely site furniture (banners, footers, breadcrumbs, prefaces)."""
    kept: list[str] = []
    removed = 0
    position = 0
    for line in text.split("\n"):
        if _is_chrome_line(line, position):
            removed += 1
            continue
        if line.strip():
            position += 1
        kept.append(line)
    return "\n".join(kept), removed


def _trim(line: str) -> str:
    """Strip indentation, but keep the tabs of table rows (an empty first cell is a column)."""
    stripped = line.strip()
    return line.strip(" ") if "\t" in stripped else stripped


def tidy_blank_lines(text: str) -> tuple[str, int]:
    """Trim line ends and collapse runs of blank lines left behind by removed chrome."""
    lines = [_trim(line) for line in text.split("\n")]
    text = regex.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text, 0


RULES: tuple[Rule, ...] = (remove_widget_tokens, remove_chrome_lines, tidy_blank_lines)


def remove_boilerplate(text: str) -> tuple[str, int]:
    """Apply every rule; returns (clean text, number of lines removed or stripped of chrome)."""
    total = 0
    for rule in RULES:
        text, count = rule(text)
        total += count
    return text, total
