"""read_file: one entry point for every supported file type, clear errors for the rest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest.errors import IngestError
from pipeline.ingest.readers import RawText, read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
PLAN = "某某县2024年改善医疗服务行动计划\n一、工作目标\n到2025年，县域就诊率达到90%以上。\n"
TRADITIONAL = "某某縣改善醫療服務行動計劃\n一、工作目標\n到2025年，縣域就診率達到90%以上。\n"


@pytest.mark.parametrize(
    ("name", "data", "encoding", "text"),
    [
        ("gbk.txt", PLAN.encode("gbk"), "gb2312", PLAN),
        ("big5.txt", TRADITIONAL.encode("big5"), "big5", TRADITIONAL),
        ("utf16.txt", PLAN.encode("utf-16"), "utf-16-le", PLAN),
        ("bom.text", b"\xef\xbb\xbf" + PLAN.encode("utf-8"), "utf-8-sig", PLAN),
        ("UPPER.TXT", PLAN.encode("utf-8"), "utf-8", PLAN),
    ],
)
def test_text_files_in_every_encoding(tmp_path, name, data, encoding, text):
    path = tmp_path / name
    path.write_bytes(data)
    assert read_file(path) == RawText(text=text, format="txt", encoding=encoding, portal=None)


def test_html_file_keeps_its_portal_table(tmp_path):
    path = tmp_path / "page.htm"
    shutil.copy(FIXTURES / "portal_page.html", path)
    raw = read_file(path)
    assert raw.format == "html"
    assert raw.portal and raw.portal["发文字号"] == "某卫发〔2023〕15号"
    assert "各单位要加强组织领导，确保各项任务落到实处。" in raw.text


def test_docx_file(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某某县改善医疗服务行动计划")
    path = tmp_path / "plan.docx"
    document.save(path)
    assert read_file(path) == RawText("某某县改善医疗服务行动计划", "docx", None, None)


def test_pdf_file(tmp_path):
    from tests.ingest.test_pdf import PAGE_3, _make_pdf

    path = tmp_path / "plan.pdf"
    path.write_bytes(_make_pdf([PAGE_3], header=None))
    raw = read_file(path)
    assert (raw.format, raw.encoding) == ("pdf", None)
    assert "各单位要加强组织领导，确保各项任务落到实处。" in raw.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("table.xls", b"\xd0\xcf\x11\xe0", "unsupported file type '.xls'"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "unsupported file type '.doc'"),
        ("README", b"text", "unsupported file type 'README'"),
        ("broken.docx", b"this is not a zip", "docx is not a zip archive"),
        ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
        ("fake.pdf", b"GIF89a", "not a PDF file"),
        ("empty.txt", b"", "file is empty"),
        ("blank.html", b"  \n ", "file is empty"),
        (
            "junk.txt",
            bytes([0x80, 0xFF, 0x81, 0x20, 0xFF, 0xFE, 0x80]) * 20,
            "encoding could not be determined",
        ),
    ],
)
def test_broken_or_unsupported_files_raise_clear_errors(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError, match=message.replace("(", r"\(").replace(".", r"\.")):
        read_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="file could not be read"):
        read_file(tmp_path / "missing.txt")


def test_seeds_are_read_as_utf8(raw_dir):
    for path in sorted(raw_dir.glob("*.txt")):
        raw = read_file(path)
        assert raw.encoding == "utf-8" and raw.format == "txt"
        assert raw.text == path.read_text(encoding="utf-8")


def test_big5_file_becomes_simplified_after_normalisation(tmp_path, resources):
    from pipeline.ingest.normalize import normalize_text

    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    result = normalize_text(read_file(path).text, resources.t2s.convert)
    assert result.converted_from_traditional
    assert (
        result.text
        == "某某县改善医疗服务行动计划\n一、工作目标\n到2025年，县域就诊率达到90%以上。\n"
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    suffix=st.sampled_from([".txt", ".html", ".docx", ".pdf"]),
    data=st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=200).map(lambda b: b"%PDF-1.4\n" + b),
        st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=200).map(lambda t: f"<html><body><p>{t}</p></body></html>".encode()),
    ),
)
def test_arbitrary_bytes_give_text_or_an_ingest_error(tmp_path, suffix, data):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        raw = read_file(path)
    except IngestError as error:
        assert str(error)
    else:
        assert raw.text.strip()
