"""docx.py's run walk reads exactly what the plain recursive walk read.

``_reference_lines`` is the reader before its run walk was tuned for speed
(children tested in a different order, childless elements not descended into);
random bodies built from the elements it treats specially (skipped parts, run
content, text boxes, tables, content controls, numbered paragraphs, comments,
and nesting that valid documents never have) must give the same lines.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pipeline.ingest.docx import _SKIPPED, MC, W, read_docx
from pipeline.ingest.docx_numbering import Numbering, load_numbering

_W = f"{{{W}}}"
NUMBERING = f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""
STYLES = f"""<w:styles xmlns:w="{W}">
<w:style w:styleId="H2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def _reference_lines(container: etree._Element, numbering: Numbering) -> list[str]:
    lines: list[str] = []
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            parts: list[str] = []
            _reference_runs(child, parts, numbering)
            text = "".join(parts)
            lines.append(numbering.label(child) + text if text.strip() else text)
        elif tag == f"{_W}tbl":
            for row in child.iterfind(f"{_W}tr"):
                cells = []
                for cell in row.iterfind(f"{_W}tc"):
                    cell_lines = [x for x in _reference_lines(cell, numbering) if x.strip()]
                    cells.append(" ".join(x.strip() for x in cell_lines))
                if any(cells):
                    lines.append("\t".join(cells))
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
            inner = child
            if tag == f"{_W}sdt":
                found = child.find(f"{_W}sdtContent")
                inner = found if found is not None else etree.Element("empty")
            lines.extend(_reference_lines(inner, numbering))
    return lines


def _reference_runs(element: etree._Element, parts: list[str], numbering: Numbering) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}txbxContent":
            parts.append("\n".join(_reference_lines(child, numbering)))
        else:
            _reference_runs(child, parts, numbering)


_LEAVES = st.sampled_from(
    [
        "<w:t>文</w:t>",
        "<w:t> a </w:t>",
        "<w:t/>",
        "<w:tab/>",
        "<w:br/>",
        "<w:cr/>",
        "<w:noBreakHyphen/>",
        "<w:delText>删</w:delText>",
        "<w:instrText> PAGE </w:instrText>",
        "<w:rPr><w:b/></w:rPr>",
        '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>',
        '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr>',
        '<w:pPr><w:pStyle w:val="H2"/></w:pPr>',
        '<w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr>',
        '<w:bookmarkStart w:id="0" w:name="_GoBack"/>',
        "<!-- note -->",
        "<?pi x?>",
        "尾",
    ]
)
_WRAPPERS = st.sampled_from(
    ["w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent", "w:ins", "w:del",
     "w:hyperlink", "w:txbxContent", "w:rPr", "w:pPr", "w:customXml", "mc:AlternateContent",
     "mc:Choice", "mc:Fallback", "w:smartTag"]
)  # fmt: skip
_XML = st.recursive(
    _LEAVES,
    lambda inner: st.tuples(_WRAPPERS, st.lists(inner, max_size=4)).map(
        lambda tc: f"<{tc[0]}>{''.join(tc[1])}</{tc[0]}>"
    ),
    max_leaves=30,
)


def _document_xml(body: str) -> str:
    return f'<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}</w:body></w:document>'


def _docx(body: str, parts: dict[str, str]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        archive.writestr("word/document.xml", _document_xml(body))
    return buffer.getvalue()


def _reference_read(body: str, parts: dict[str, str]) -> str:
    root = etree.fromstring(_document_xml(body).encode())
    numbering_xml, styles_xml = parts.get("word/numbering.xml"), parts.get("word/styles.xml")
    numbering = load_numbering(
        numbering_xml.encode() if numbering_xml else None,
        styles_xml.encode() if styles_xml else None,
    )
    return "\n".join(_reference_lines(root.find(f"{_W}body"), numbering))


_PARTS = st.sampled_from(
    [
        {},
        {"word/styles.xml": STYLES},
        {"word/numbering.xml": NUMBERING},
        {"word/numbering.xml": NUMBERING, "word/styles.xml": STYLES},
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_XML, min_size=1, max_size=5), _PARTS)
def test_walk_reads_what_the_recursive_walk_read(blocks: list[str], parts: dict[str, str]) -> None:
    body = "".join(blocks)
    assert read_docx(_docx(body, parts)) == _reference_read(body, parts)


def test_numbered_style_is_rendered_only_with_a_list_definition() -> None:
    body = '<w:p><w:pPr><w:pStyle w:val="H2"/></w:pPr><w:r><w:t>任务</w:t></w:r></w:p>'
    both = {"word/numbering.xml": NUMBERING, "word/styles.xml": STYLES}
    assert read_docx(_docx(body, both)) == "一.1任务"
    assert read_docx(_docx(body, {"word/styles.xml": STYLES})) == "任务"
