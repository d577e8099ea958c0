"""Read the text layer of a PDF and undo the page layout.

A PDF has lines, not paragraphs: every visual line ends in a hard break, and
each page carries a page number ("— 3 —", "- 3 -", "第3页 共10页") and often
a running header.  We

1. extract the lines of each page with pdfminer.six,
2. drop page-number lines and lines repeated at the top or bottom of most pages,
3. join a line to the next one when the sentence visibly continues: the line
   does not end with closing punctuation, is about as long as a full line,
   and the next line does not start a heading (一、 （一） 1. 第一章 ...).
   Chinese needs no space at the join; Latin words get one.
"""

from __future__ import annotations

import itertools
import logging
import statistics
from collections import Counter
from io import BytesIO

import regex

from pipeline.ingest.errors import IngestError

# Page numbers that cannot be anything else, wherever they sit on the page.
_PAGE_NUMBER = regex.compile(
    r"^\s*(?:[-—–－─]+\s*\d{1,4}\s*[-—–－─]+"  # — 3 —, - 3 -
    r"|第\s*\d{1,4}\s*页(?:\s*[/,，、]?\s*共\s*\d{1,4}\s*页)?"  # 第3页 共10页
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)\s*$"
)
# Bare numbers (3, 3/10, Page 3) are page numbers only at the top or bottom of a
# page; elsewhere they are table cells.
_EDGE_PAGE_NUMBER = regex.compile(
    r"^\s*(?:\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?|\d{1,4})\s*$"
)
_SENTENCE_END = "。！？!?；;：:…”’」』）)》】"
_HEADING_START = regex.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)"
    r"|第[一二三四五六七八九十百\d]+[章节条部分]|附件|附表|[①-⑳])"
)
# pdfminer logs a warning per glyph problem of damaged fonts; the text is still usable
# and a build over thousands of files must not flood stderr.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# A line shorter than this share of the page's usual line length ends a paragraph.
_FULL_LINE_SHARE = 0.8


def read_pdf(data: bytes) -> str:
    """Text of a PDF with a text layer; raises IngestError for scans and broken files."""
    pages = _page_lines(data)
    pages = _drop_page_furniture(pages)
    # Sentences run on across page breaks too, so the pages are re-flowed as one.
    text = _join_lines([line for lines in pages for line in lines])
    if sum(1 for c in text if not c.isspace()) < 10:
        raise IngestError("not a PDF with a text layer (scanned images need OCR)")
    return text


def _page_lines(data: bytes) -> list[list[str]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError("not a PDF file (no %PDF header)")
    pages: list[list[str]] = []
    try:
        for layout in extract_pages(BytesIO(data), laparams=LAParams()):
            lines: list[str] = []
            for element in layout:
                if isinstance(element, LTTextContainer):
                    for line in element.get_text().split("\n"):
                        if line.strip():
                            lines.append(collapse_letter_spacing(line.strip()))
            pages.append(lines)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise IngestError("PDF is encrypted and cannot be read") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise IngestError(f"PDF could not be parsed ({type(exc).__name__})") from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise IngestError(f"PDF is damaged and could not be parsed ({type(exc).__name__})") from exc
    return pages


_SPACED_HAN = regex.compile(r"(?<=[\p{Han}，。、；：])[ \u3000](?=[\p{Han}，。、；：（）])")


def collapse_letter_spacing(line: str) -> str:
    """``为 进 一 步 改 善`` -> ``为进一步改善``: wide character spacing extracted as spaces.

    Only when most characters of the line are spaced: a single space between
    two words of a line is left alone.
    """
    han = sum(1 for c in line if "\u4e00" <= c <= "\u9fff")
    spaced = len(_SPACED_HAN.findall(line))
    if han >= 3 and spaced >= 0.5 * han:
        return _SPACED_HAN.sub("", line)
    return line


def _drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and running headers/footers (lines repeated on most pages)."""
    pages = [_drop_page_numbers(lines) for lines in pages]
    if len(pages) < 3:
        return pages
    edge_counts: Counter[str] = Counter()
    for lines in pages:
        edge_counts.update({_digitless(line) for line in lines[:2] + lines[-2:]})
    repeated = {key for key, n in edge_counts.items() if n >= 0.6 * len(pages)}
    cleaned = []
    for lines in pages:
        edges = set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 2), len(lines)))
        cleaned.append(
            [
                line
                for i, line in enumerate(lines)
                if i not in edges or _digitless(line) not in repeated
            ]
        )
    return cleaned


def _drop_page_numbers(lines: list[str]) -> list[str]:
    last = len(lines) - 1
    return [
        line
        for i, line in enumerate(lines)
        if not _PAGE_NUMBER.match(line) and not (i in (0, last) and _EDGE_PAGE_NUMBER.match(line))
    ]


def _digitless(line: str) -> str:
    """Running headers differ only in their page numbers."""
    return regex.sub(r"\d+", "#", line.strip())


def _join_lines(lines: list[str]) -> str:
    """Re-flow hard-broken lines into paragraphs."""
    if not lines:
        return ""
    full = statistics.median(len(line) for line in lines)
    out = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if _continues(previous, line, full):
            latin = previous[-1:].isascii() and previous[-1:].isalnum() and line[:1].isascii()
            out[-1] += (" " if latin else "") + line
        else:
            out.append(line)
    return "\n".join(out)


def _continues(previous: str, line: str, full_length: float) -> bool:
    """The physical line ``previous`` runs on into ``line``."""
    if not previous or previous[-1] in _SENTENCE_END:
        return False
    if _HEADING_START.match(line):
        return False
    return len(previous) >= _FULL_LINE_SHARE * full_length
