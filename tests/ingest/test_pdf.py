"""PDF text layer: re-flowed lines, page numbers and running headers removed."""

from __future__ import annotations

from io import BytesIO

import pytest

from pipeline.ingest.errors import IngestError
from pipeline.ingest.pdf import collapse_letter_spacing, read_pdf

HEADER = "某某市卫生健康委员会文件"


def _make_pdf(
    pages: list[list[str]], header: str | None = HEADER, numbers: str = "— {n} —"
) -> bytes:
    """A PDF with one text line per list item, drawn in the STSong-Light CID font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    for n, lines in enumerate(pages, start=1):
        pdf.setFont("STSong-Light", 12)
        if header:
            pdf.drawString(72, height - 50, header)
        y = height - 100
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 24
        pdf.drawCentredString(width / 2, 40, numbers.format(n=n, total=len(pages)))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


PAGE_1 = [
    "某某市改善就医感受提升患者体验行动方案",
    "一、工作目标",
    "到2025年，二级以上医院预约诊疗率达到90%以上，患者就医",
    "体验明显改善，群众满意度持续提升，形成一批可推广的经验",
    "做法。",
    "二、重点任务",
]
PAGE_2 = [
    "（一）优化门诊服务流程。推行分时段预约诊疗，预约时段精确",
    "到30分钟，缩短患者等候时间。",
    "（二）改善住院服务。推行日间手术，提高床位使用效率。",
]
PAGE_3 = ["三、保障措施", "各单位要加强组织领导，确保各项任务落到实处。"]


@pytest.fixture(scope="module")
def plan_pdf() -> bytes:
    return _make_pdf([PAGE_1, PAGE_2, PAGE_3])


def test_hard_line_breaks_inside_sentences_are_joined(plan_pdf):
    text = read_pdf(plan_pdf)
    assert (
        "到2025年，二级以上医院预约诊疗率达到90%以上，患者就医体验明显改善，"
        "群众满意度持续提升，形成一批可推广的经验做法。"
    ) in text.split("\n")
    assert (
        "（一）优化门诊服务流程。推行分时段预约诊疗，预约时段精确到30分钟，缩短患者等候时间。"
        in text
    )


def test_headings_and_titles_stay_on_their_own_lines(plan_pdf):
    lines = read_pdf(plan_pdf).split("\n")
    for heading in (
        "某某市改善就医感受提升患者体验行动方案",
        "一、工作目标",
        "二、重点任务",
        "三、保障措施",
    ):
        assert heading in lines
    assert "（二）改善住院服务。推行日间手术，提高床位使用效率。" in lines


def test_page_numbers_and_running_headers_are_removed(plan_pdf):
    text = read_pdf(plan_pdf)
    assert HEADER not in text
    assert "—" not in text


@pytest.mark.parametrize("style", ["- {n} -", "第{n}页 共{total}页", "{n}/{total}", "{n}"])
def test_other_page_number_styles(style):
    text = read_pdf(_make_pdf([PAGE_1, PAGE_2], header=None, numbers=style))
    assert "页" not in text.replace("页面", "")
    assert not any(line.strip().isdigit() for line in text.split("\n"))


def test_sentence_broken_across_a_page_break_is_joined():
    first = [*PAGE_1[:2], "到2025年，二级以上医院预约诊疗率达到90%以上，患者就医"] * 3
    second = ["体验明显改善，群众满意度持续提升。", "二、重点任务"]
    lines = read_pdf(_make_pdf([first, second, PAGE_3])).split("\n")
    assert (
        "到2025年，二级以上医院预约诊疗率达到90%以上，患者就医体验明显改善，群众满意度持续提升。"
        in lines
    )


def test_pdf_without_text_layer_is_rejected():
    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(100, 100, 200, 200, fill=1)  # a "scan": graphics only
    pdf.showPage()
    pdf.save()
    with pytest.raises(IngestError, match="not a PDF with a text layer"):
        read_pdf(buffer.getvalue())


def test_file_that_is_not_a_pdf():
    with pytest.raises(IngestError, match="not a PDF file"):
        read_pdf(b"<html>not a pdf</html>")


def test_truncated_pdf():
    with pytest.raises(IngestError):
        read_pdf(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")


def test_numbers_inside_the_page_are_kept():
    page = ["序号", "1", "推行预约诊疗服务。", "2", "建设智慧医院。", "各单位要抓好落实。"]
    lines = read_pdf(_make_pdf([page], header=None)).split("\n")
    assert lines == page


def test_letter_spaced_lines_are_collapsed():
    assert collapse_letter_spacing("通 知") == "通 知"  # too short to tell
    assert collapse_letter_spacing("为 进 一 步 改 善 医 疗 服 务 ，") == "为进一步改善医疗服务，"
    assert collapse_letter_spacing("国家卫生健康委 国家中医药局") == "国家卫生健康委 国家中医药局"
