"""Read a government portal page: its metadata table first, then the article body.

Portal pages wrap a document in navigation, banners, share widgets and a
footer.  The order of work matters:

1. :func:`read_portal_fields` reads the 政府信息公开 metadata table (索引号,
   发文字号, 成文日期 ...) from table rows, definition lists, "key：value"
   items and ``<meta>`` tags *before* anything is discarded;
2. :func:`drop_chrome` removes scripts, styles, navigation, headers, footers
   and elements whose class/id names them as menus, share bars and the like;
3. the body is found by a chain of small heuristics, each a fallback for the
   one before (as trafilatura does): a container with a known article
   class/id (TRS_Editor, pages_content, zoom, article ...), else the element
   with the densest non-link Chinese text, else the whole ``<body>``;
4. :func:`element_text` renders it with block elements as line breaks and
   table rows as tab-separated lines in reading order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import lxml.html
import regex
from lxml import etree

from pipeline.ingest.encoding import decode_bytes
from pipeline.ingest.errors import IngestError
from pipeline.ingest.vocab import PORTAL_KEYS

_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", regex.IGNORECASE)
_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")

_CHROME_TAGS = ("script", "style", "noscript", "iframe", "nav", "header", "footer", "form",
                "select", "button", "input", "textarea", "aside", "svg", "canvas", "object",
                "embed", "template", "link", "head")  # fmt: skip
# class/id words of page furniture (matched as whole words inside the attribute).
_CHROME_NAMES = regex.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|menus|header|head|top|topbar|footer|foot|bottom|"
    r"breadcrumb|crumb|crumbs|position|location|share|bdshare|sharebar|sidebar|side|"
    r"copyright|toolbar|tools|print|fontsize|font|related|relevant|links|friendlink|"
    r"search|login|banner|ad|ads|advert|comment|comments|qrcode|ewm|erweima|jiucuo|"
    r"pagination|pager|prevnext|prev|next)(?:$|[\s_\-\d])",
    regex.IGNORECASE,
)
# class/id words of the article container on government portals.
_ARTICLE_NAMES = regex.compile(
    r"TRS_Editor|TRS_UEDITOR|pages_content|pages-content|zoom|article|artibody|content|"
    r"con_text|contxt|conTxt|main-text|maintext|detail|view|wenzhang|zhengwen|text|"
    r"news_content|info_content|xxgk_content|bt_content",
    regex.IGNORECASE,
)
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
               "table", "section", "article", "blockquote", "pre", "dl", "dt", "dd", "hr",
               "center", "address", "figure", "figcaption", "main", "tbody", "thead"}  # fmt: skip
_MIN_ARTICLE_CHARS = 50
_HAN = regex.compile(r"\p{Han}")
_KEY_VALUE = regex.compile(r"^\s*([\p{Han}]{2,6})\s*[:：]\s*(.*?)\s*$")
_KEY_START = regex.compile(r"(?:^|(?<=\s))([\p{Han}]{2,6})\s*[:：]\s*")
_TITLE_NAMES = regex.compile(r"title|biaoti|(?:^|[\s_\-])bt(?:$|[\s_\-])", regex.IGNORECASE)
# A <title> segment is a document title only if it names a kind of document.
_DOCUMENT_WORD = regex.compile(
    r"通知|方案|计划|意见|办法|规划|决定|报告|规定|细则|纲要|措施|公告|通告|批复|函"
)
_CELL_SEPARATOR = "\x1f"  # stands for a tab until whitespace has been collapsed
# <meta> names that portals (TRS, gov.cn) fill with the same fields as the table.
_META_FIELDS = {
    "articletitle": "标题", "title": "标题", "pubdate": "发布日期", "firstpublishedtime": "发布日期",
    "contentsource": "来源", "keywords": "主题词",
}  # fmt: skip


def read_html(data: bytes) -> tuple[str, dict[str, str] | None, str]:
    """(body text, portal fields or None, encoding) of an HTML page."""
    hint = _CHARSET.search(data[:4096])
    decoded = decode_bytes(data, hint.group(1).decode("ascii") if hint else None)
    source = _XML_DECLARATION.sub("", decoded.text)
    if not source.strip():
        raise IngestError("HTML file is empty")
    try:
        root = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(f"HTML could not be parsed ({exc})") from exc
    portal = read_portal_fields(root)
    title = _page_title(root)
    drop_chrome(root)
    drop_portal_tables(root)
    body = find_article(root)
    text = element_text(body)
    if title and title not in text[: len(title) + 200]:
        text = f"{title}\n{text}"
    if not text.strip():
        raise IngestError("HTML page has no text")
    return text, portal or None, decoded.encoding


# --- metadata ---------------------------------------------------------------------------


def read_portal_fields(root: etree._Element) -> dict[str, str]:
    """Field name -> value from every table-like structure of the page, first value wins."""
    fields: dict[str, str] = {}
    for key, value in _fields_from_rows(root):
        fields.setdefault(key, value)
    for key, value in _fields_from_definition_lists(root):
        fields.setdefault(key, value)
    for key, value in _fields_from_key_value_items(root):
        fields.setdefault(key, value)
    for key, value in _fields_from_meta(root):
        fields.setdefault(key, value)
    return {k: v for k, v in fields.items() if v or k in PORTAL_KEYS}


def _clean_key(text: str) -> str:
    return regex.sub(r"[\s:：]+", "", text)


def _is_metadata_table(table: etree._Element) -> bool:
    """Two or more cells naming portal fields: a task table with one 责任单位 column is not."""
    keys = sum(1 for c in table.iter("td", "th") if _clean_key(_inline_text(c)) in PORTAL_KEYS)
    return keys >= 2


def _fields_from_rows(root: etree._Element) -> Iterable[tuple[str, str]]:
    for table in root.iter("table"):
        if not _is_metadata_table(table):
            continue
        for row in table.iter("tr"):
            cells = [_inline_text(c) for c in row if c.tag in ("td", "th")]
            yield from _pairs(cells)


def _pairs(cells: list[str]) -> Iterable[tuple[str, str]]:
    """Alternating key/value cells; a key cell may also hold "key：value" itself."""
    i = 0
    while i < len(cells):
        key = _clean_key(cells[i])
        if key in PORTAL_KEYS:
            value = cells[i + 1].strip() if i + 1 < len(cells) else ""
            if _clean_key(value) in PORTAL_KEYS:
                yield key, ""
                i += 1
                continue
            yield key, value
            i += 2
            continue
        match = _KEY_VALUE.match(cells[i])
        if match and match.group(1) in PORTAL_KEYS:
            yield match.group(1), match.group(2)
        i += 1


def _fields_from_definition_lists(root: etree._Element) -> Iterable[tuple[str, str]]:
    for term in root.iter("dt"):
        key = _clean_key(_inline_text(term))
        definition = term.getnext()
        if key in PORTAL_KEYS and definition is not None and definition.tag == "dd":
            yield key, _inline_text(definition).strip()


def _fields_from_key_value_items(root: etree._Element) -> Iterable[tuple[str, str]]:
    """``<li><span>索引号：</span>xxx</li>`` and short lines such as ``发布时间：… 来源：…``."""
    for element in root.iter("li", "p", "span", "div", "td"):
        if any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in element):
            continue  # only innermost blocks: keeps this linear on deeply nested pages
        text = _inline_text(element)
        if len(text) <= 160:
            yield from split_key_values(text)


def split_key_values(text: str) -> list[tuple[str, str]]:
    """``发布时间：2023-06-12 来源：市卫健委`` -> [(发布时间, 2023-06-12), (来源, 市卫健委)].

    Any short "名称：" after a space ends the previous value (浏览次数：, 字体：), but
    only known field names are kept.
    """
    starts = list(_KEY_START.finditer(text))
    if not starts or text[: starts[0].start()].strip():
        return []
    pairs = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        value = text[match.end() : end].strip()
        if value and match.group(1) in PORTAL_KEYS:
            pairs.append((match.group(1), value))
    return pairs


def _fields_from_meta(root: etree._Element) -> Iterable[tuple[str, str]]:
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        content = (meta.get("content") or "").strip()
        if name in _META_FIELDS and content:
            yield _META_FIELDS[name], content


def _page_title(root: etree._Element) -> str | None:
    """The article title, tried in order of reliability (never the site name)."""
    for finder in (
        _title_from_meta,
        _title_from_h1,
        _title_from_named_element,
        _title_from_title_tag,
    ):
        title = finder(root)
        if title:
            return title
    return None


def _looks_like_title(text: str) -> bool:
    return len(_HAN.findall(text)) >= 6 and len(text) <= 150


def _title_from_meta(root: etree._Element) -> str | None:
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        if (meta.get("name") or "").lower() == "articletitle" and content:
            return content
    return None


def _title_from_h1(root: etree._Element) -> str | None:
    for heading in root.iter("h1"):
        text = _inline_text(heading)
        if _looks_like_title(text):
            return text
    return None


def _title_from_named_element(root: etree._Element) -> str | None:
    """``<div class="pages-title">``, ``<div id="biaoti">``: a named, link-free title block."""
    for element in root.iter("div", "h2", "h3", "p", "td", "span"):
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if not _TITLE_NAMES.search(names) or next(element.iter("a"), None) is not None:
            continue
        text = _inline_text(element)
        if _looks_like_title(text):
            return text
    return None


def _title_from_title_tag(root: etree._Element) -> str | None:
    """``<title>文件标题_栏目_网站名</title>``: the first segment, when it reads like a title."""
    title = root.find(".//title")
    if title is None:
        return None
    first = regex.split(r"\s*(?:_|\||－|—|-{1,2}|——)\s*", _inline_text(title))[0]
    return first if _looks_like_title(first) and _DOCUMENT_WORD.search(first) else None


# --- chrome -----------------------------------------------------------------------------


def drop_chrome(root: etree._Element) -> None:
    """Remove non-content tags and elements named as page furniture (never the article)."""
    for element in list(root.iter(*_CHROME_TAGS)):
        _remove(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if _CHROME_NAMES.search(names) and not _ARTICLE_NAMES.search(names):
            _remove(element)
    for comment in list(root.iter(etree.Comment)):
        _remove(comment)


def drop_portal_tables(root: etree._Element) -> None:
    """The metadata table was read already; keep it out of the document text."""
    for table in list(root.iter("table")):
        keys = sum(1 for c in table.iter("td", "th") if _clean_key(_inline_text(c)) in PORTAL_KEYS)
        if keys >= 2 and table.getparent() is not None:
            _remove(table)


def _remove(element: etree._Element) -> None:
    """Remove an element but keep its tail text (it belongs to the parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


# --- body -------------------------------------------------------------------------------


def find_article(root: etree._Element) -> etree._Element:
    """The element holding the document: first heuristic that finds one wins."""
    finders: tuple[Callable[[etree._Element], etree._Element | None], ...] = (
        _by_article_names,
        _by_text_density,
    )
    for finder in finders:
        found = finder(root)
        if found is not None:
            return found
    body = root.find("body")
    return body if body is not None else root


def _han_count(element: etree._Element) -> int:
    return len(_HAN.findall(element.text_content()))


def _link_han_count(element: etree._Element) -> int:
    return sum(len(_HAN.findall(a.text_content())) for a in element.iter("a"))


def _by_article_names(root: etree._Element) -> etree._Element | None:
    """The largest container whose class/id names an article body.

    Among nested matches the innermost one holding most (80%) of the text
    wins, so ``<div class="content"><div class="TRS_Editor">`` yields the
    editor div without its siblings.
    """
    candidates = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if _ARTICLE_NAMES.search(names):
            chars = _han_count(element) - _link_han_count(element)
            if chars >= _MIN_ARTICLE_CHARS:
                candidates.append((chars, element))
    if not candidates:
        return None
    best_chars = max(chars for chars, _ in candidates)
    holding_most = [e for chars, e in candidates if chars >= 0.8 * best_chars]
    return max(holding_most, key=lambda e: sum(1 for _ in e.iterancestors()))


def _by_text_density(root: etree._Element) -> etree._Element | None:
    """The block whose paragraphs hold the most non-link Chinese text (readability style)."""
    scores: dict[etree._Element, int] = {}
    for paragraph in root.iter("p", "td", "pre", "br"):
        parent = paragraph.getparent()
        if parent is None:
            continue
        text = paragraph.text_content() if paragraph.tag != "br" else (paragraph.tail or "")
        chars = len(_HAN.findall(text))
        if paragraph.tag != "br":
            chars -= _link_han_count(paragraph)
        if chars > 0:
            scores[parent] = scores.get(parent, 0) + chars
    if not scores:
        return None
    best = max(scores, key=lambda e: scores[e])
    return best if scores[best] >= _MIN_ARTICLE_CHARS else None


# --- rendering --------------------------------------------------------------------------


def _inline_text(element: etree._Element) -> str:
    return regex.sub(r"\s+", " ", element.text_content()).strip()


def element_text(element: etree._Element) -> str:
    """Text with block elements on their own lines and table rows as tab-separated cells."""
    parts: list[str] = []
    _render(element, parts)
    text = "".join(parts)
    lines = [regex.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = regex.sub(r"\n{2,}", "\n", "\n".join(lines)).strip()
    return regex.sub(rf" ?{_CELL_SEPARATOR} ?", "\t", text)


def _render(element: etree._Element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "tr":
        cells = [_cell_text(c) for c in element if isinstance(c.tag, str) and c.tag in ("td", "th")]
        parts.append("\n" + _CELL_SEPARATOR.join(cells) + "\n")
    else:
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if element.text and tag not in ("tr",):
            parts.append(element.text)
        for child in element:
            _render(child, parts)
        if tag in _BLOCK_TAGS:
            parts.append("\n")
    if element.tail:
        parts.append(element.tail)


def _cell_text(cell: etree._Element) -> str:
    parts: list[str] = []
    _render(cell, parts)
    return " ".join(line.strip() for line in "".join(parts).split("\n") if line.strip())
