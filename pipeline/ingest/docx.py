"""Read the text of a .docx: paragraphs and table cells in document order.

A .docx is a zip archive whose ``word/document.xml`` holds the body; reading
it with zipfile + lxml needs no runtime dependency beyond lxml.  Only the
body is read: page headers and footers repeat on every page and are chrome.
Deleted revisions (``w:del``) and field instructions (``w:instrText``) are
not text; the Fallback branch of ``mc:AlternateContent`` duplicates the
Choice branch and is skipped.
"""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO

from lxml import etree

from pipeline.ingest.docx_numbering import Numbering, load_numbering
from pipeline.ingest.errors import IngestError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"

_SKIPPED = {
    f"{_W}del",
    f"{_W}instrText",
    f"{_W}delText",
    f"{{{MC}}}Fallback",
    f"{_W}rPr",
    f"{_W}pPr",
}


def read_docx(data: bytes) -> str:
    """Body text of a .docx: one line per paragraph, one line per table row (cells tab-separated)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise IngestError("docx is not a zip archive") from exc
    try:
        xml = archive.read("word/document.xml")
    except KeyError as exc:
        raise IngestError("docx has no word/document.xml (not a Word document)") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError) as exc:
        raise IngestError(f"docx archive is damaged ({type(exc).__name__}: {exc})") from exc
    except NotImplementedError as exc:
        raise IngestError(f"docx uses an unsupported zip compression ({exc})") from exc
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(huge_tree=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"docx word/document.xml is not well-formed XML ({exc})") from exc
    body = root.find(f"{_W}body")
    if body is None:
        raise IngestError("docx has no document body")
    numbering_xml = _member(archive, "word/numbering.xml")
    numbering = load_numbering(numbering_xml, None)
    if numbering.num_to_abstract:
        # (perf) numbered styles only matter when a list is defined: the (large)
        # styles part is decompressed and parsed only then
        numbering = load_numbering(numbering_xml, _member(archive, "word/styles.xml"))
    return "\n".join(_block_lines(body, numbering))


def _member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """An optional part of the package; a damaged optional part is ignored, not fatal."""
    try:
        return archive.read(name)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError):
        return None
    except NotImplementedError:
        return None


def _block_lines(container: etree._Element, numbering: Numbering) -> list[str]:
    """Lines of the block-level children (paragraphs, tables, content controls) in order."""
    lines: list[str] = []
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            text = _paragraph_text(child, numbering)
            lines.append(numbering.label(child) + text if text.strip() else text)
        elif tag == f"{_W}tbl":
            lines.extend(_table_lines(child, numbering))
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
            inner = child if tag != f"{_W}sdt" else _sdt_content(child)
            lines.extend(_block_lines(inner, numbering))
    return lines


def _sdt_content(sdt: etree._Element) -> etree._Element:
    content = sdt.find(f"{_W}sdtContent")
    return content if content is not None else etree.Element("empty")


def _table_lines(table: etree._Element, numbering: Numbering) -> list[str]:
    """One line per row, cells in reading order separated by tabs; nested tables flattened."""
    lines = []
    for row in table.iterfind(f"{_W}tr"):
        cells = []
        for cell in row.iterfind(f"{_W}tc"):
            cell_lines = [line for line in _block_lines(cell, numbering) if line.strip()]
            cells.append(" ".join(line.strip() for line in cell_lines))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _paragraph_text(paragraph: etree._Element, numbering: Numbering) -> str:
    parts: list[str] = []
    _collect_runs(paragraph, parts, numbering)
    return "".join(parts)


_T = f"{_W}t"
_TEXT_BOX = f"{_W}txbxContent"
# Run content that stands for one character.
_RUN_MARKS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _collect_runs(element: etree._Element, parts: list[str], numbering: Numbering) -> None:
    # (perf) Most children are w:rPr and w:t, tested first; elements without children
    # (w:proofErr, bookmarks, comments) are not descended into, which reads nothing anyway.
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag in _RUN_MARKS:
            parts.append(_RUN_MARKS[tag])
        elif tag == _TEXT_BOX:
            parts.append("\n".join(_block_lines(child, numbering)))
        elif len(child):
            _collect_runs(child, parts, numbering)
