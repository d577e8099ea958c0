"""docx: paragraphs and table cells in document order, read with zipfile + lxml."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
import regex

from pipeline.ingest.docx import read_docx
from pipeline.ingest.errors import IngestError


def _make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("某某区卫生健康委员会关于印发改善医疗服务行动计划的通知")
    document.add_paragraph("各医疗机构：")
    document.add_paragraph("现将行动计划印发给你们，请认真贯彻落实。")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(
        table.rows,
        [
            ("序号", "任务", "责任单位"),
            ("1", "推行预约诊疗", "区卫生健康委"),
            ("2", "建设智慧医院", "各医疗机构"),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.rows[2].cells[1].add_paragraph("（2025年底前完成）")
    paragraph = document.add_paragraph("三、保障措施")
    paragraph.add_run("\t各单位要加强组织领导。")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraphs_and_table_cells_in_reading_order():
    lines = read_docx(_make_docx()).split("\n")
    assert lines == [
        "某某区卫生健康委员会关于印发改善医疗服务行动计划的通知",
        "各医疗机构：",
        "现将行动计划印发给你们，请认真贯彻落实。",
        "序号\t任务\t责任单位",
        "1\t推行预约诊疗\t区卫生健康委",
        "2\t建设智慧医院 （2025年底前完成）\t各医疗机构",
        "三、保障措施\t各单位要加强组织领导。",
    ]


def _with_document_xml(body: str, extra: dict[str, str] | None = None) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
        )
    return buffer.getvalue()


def test_deleted_revisions_and_field_codes_are_not_text():
    body = (
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r><w:ins><w:r><w:t>插入</w:t></w:r></w:ins>"
        '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/></w:p>'
    )
    assert read_docx(_with_document_xml(body)) == "保留插入"


def test_not_a_zip_archive():
    with pytest.raises(IngestError, match="docx is not a zip archive"):
        read_docx(b"PK\x03\x04 but truncated")


def test_zip_without_word_document():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(IngestError, match=r"no word/document\.xml"):
        read_docx(buffer.getvalue())


def test_malformed_document_xml():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(IngestError, match="not well-formed XML"):
        read_docx(buffer.getvalue())


@pytest.mark.shared
def test_all_city_work_reports_read_without_error(city_reports_dir):
    paths = sorted((city_reports_dir / "docx").glob("*.docx"))
    assert len(paths) == 143
    for path in paths:
        text = read_docx(path.read_bytes())
        assert len(text) > 2000, path.name
        # the plain-text versions of the same reports hold the same characters
        plain = city_reports_dir / "txt" / f"{path.stem}.txt"
        if plain.exists():
            expected = plain.read_text(encoding="utf-8")
            assert abs(_han(text) - _han(expected)) <= 5, path.name


def _han(text: str) -> int:
    return len(regex.findall(r"\p{Han}", text))


NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""


def _numbered(text: str, level: int) -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr>'
        f"<w:r><w:t>{text}</w:t></w:r></w:p>"
    )


def test_word_automatic_numbering_is_rendered():
    body = "".join(
        [
            _numbered("总体要求", 0),
            _numbered("重点任务", 0),
            _numbered("优化服务流程", 1),
            _numbered("推行预约诊疗。", 2),
            _numbered("推行日间手术。", 2),
            _numbered("改善住院服务", 1),
            _numbered("推行床旁结算。", 2),
            *[_numbered(f"任务{i}", 0) for i in range(3, 12)],
        ]
    )
    data = _with_document_xml(body, extra={"word/numbering.xml": NUMBERING})
    lines = read_docx(data).split("\n")
    assert lines[:7] == [
        "一、总体要求",
        "二、重点任务",
        "（一）优化服务流程",
        "1.推行预约诊疗。",
        "2.推行日间手术。",
        "（二）改善住院服务",
        "1.推行床旁结算。",
    ]
    assert lines[-3:] == ["九、任务9", "十、任务10", "十一、任务11"]


def test_broken_numbering_part_is_ignored():
    data = _with_document_xml(
        _numbered("总体要求", 0), extra={"word/numbering.xml": "<w:numbering"}
    )
    assert read_docx(data) == "总体要求"


def test_damaged_compressed_document_part():
    data = bytearray(_make_docx())
    info = zipfile.ZipFile(BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 20
    data[start : start + 40] = bytes(range(40))
    with pytest.raises(IngestError, match="docx archive is damaged"):
        read_docx(bytes(data))
