"""Turn a file of any supported type into raw text, dispatching on the extension.

Readers only get text out of the container format; normalisation,
boilerplate removal and metadata are later, format-independent steps.  The
one exception is the HTML portal metadata table, which only the HTML reader
can see in structured form before the page chrome is thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.docx import read_docx
from pipeline.ingest.encoding import decode_bytes
from pipeline.ingest.errors import IngestError
from pipeline.ingest.html import read_html
from pipeline.ingest.pdf import read_pdf


@dataclass
class RawText:
    text: str
    format: str  # txt | html | docx | pdf
    encoding: str | None  # detected text encoding; None for binary containers
    portal: dict[str, str] | None = None  # portal metadata table read from HTML


def _read_txt(data: bytes) -> RawText:
    decoded = decode_bytes(data)
    return RawText(decoded.text, "txt", decoded.encoding)


def _read_html(data: bytes) -> RawText:
    text, portal, encoding = read_html(data)
    return RawText(text, "html", encoding, portal)


def _read_docx(data: bytes) -> RawText:
    return RawText(read_docx(data), "docx", None)


def _read_pdf(data: bytes) -> RawText:
    return RawText(read_pdf(data), "pdf", None)


READERS: dict[str, Callable[[bytes], RawText]] = {
    ".txt": _read_txt,
    ".text": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".shtml": _read_html,
    ".xhtml": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}

SUPPORTED_EXTENSIONS = frozenset(READERS)


def read_file(path: Path, data: bytes | None = None) -> RawText:
    """Read ``path`` (or its already-read ``data``); IngestError for unsupported or broken files."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        if suffix == ".doc":
            raise IngestError("unsupported file type '.doc' (legacy Word; save it as .docx)")
        raise IngestError(f"unsupported file type '{suffix or path.name}'")
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(f"file could not be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise IngestError("file is empty")
    raw = reader(data)
    if not raw.text.strip():
        raise IngestError(f"{raw.format} file contains no text")
    return raw
