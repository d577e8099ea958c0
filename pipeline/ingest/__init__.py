"""Ingestion: raw file -> clean, described :class:`~pipeline.schema.Document` objects.

The steps run in a fixed order because each depends on the previous one:
reading (bytes -> text, portal table), normalisation (widths, pinyin, script),
boilerplate removal, splitting pages that hold several documents, and
metadata (read before anything is cut from the header of each part).
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from pipeline.ingest.boilerplate import remove_boilerplate, split_portal_table
from pipeline.ingest.errors import IngestError
from pipeline.ingest.metadata import extract_metadata
from pipeline.ingest.normalize import NormalizedText, normalize_text
from pipeline.ingest.readers import RawText, read_file
from pipeline.ingest.regions import region_notes
from pipeline.ingest.split import split_documents
from pipeline.resources import Resources
from pipeline.schema import Document, Quality, Source
from pipeline.timing import Stopwatch

__all__ = ["IngestError", "ingest_file", "make_doc_id"]


def make_doc_id(rel_path: str, part: int) -> str:
    """Stable id from the relative source path and part (never from run order)."""
    digest = hashlib.sha1(f"{rel_path}#{part}".encode()).hexdigest()[:12]
    stem = Path(rel_path).stem[:24]
    return f"{stem}-{part}-{digest}"


def ingest_file(
    path: Path,
    root: Path,
    res: Resources,
    raw_bytes: bytes | None = None,
    watch: Stopwatch | None = None,
) -> list[Document]:
    """Read one file into one or more documents; raises IngestError on bad input."""
    watch = watch or Stopwatch()
    rel_path = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    with watch.stage("read"):
        if raw_bytes is None:
            raw_bytes = path.read_bytes()
        sha256 = hashlib.sha256(raw_bytes).hexdigest()
        raw = read_file(path, raw_bytes)

    with watch.stage("normalise"):
        table, text = split_portal_table(raw.text)
        portal = {**(table or {}), **(raw.portal or {})} or None
        norm = normalize_text(text, res.t2s.convert)
        text, n_boilerplate = remove_boilerplate(norm.text)
        parts = [p for p in split_documents(text) if p.strip()]
        if not parts:
            raise IngestError("no text left after removing site chrome (empty document)")
        return _describe_parts(parts, portal, norm, n_boilerplate, rel_path, sha256, raw, res)


def _describe_parts(
    parts: list[str],
    portal: dict[str, str] | None,
    norm: NormalizedText,
    n_boilerplate: int,
    rel_path: str,
    sha256: str,
    raw: RawText,
    res: Resources,
) -> list[Document]:
    """One Document per part, each with the metadata read from its own text."""
    documents = []
    # Normalisation ran over the whole file: on a page split into parts, say so.
    file_warnings = (
        norm.warnings if len(parts) == 1 else [f"whole source file: {w}" for w in norm.warnings]
    )
    for part_no, part_text in enumerate(parts, start=1):
        meta = extract_metadata(
            part_text, portal if len(parts) == 1 else None, rel_path, res.regions
        )
        quality = Quality(
            lost_chars=norm.lost_chars if len(parts) == 1 else part_text.count("\ufffd"),
            pinyin_removed=norm.pinyin_removed,
            mojibake_removed=norm.mojibake_removed,
            boilerplate_lines=n_boilerplate,
            warnings=[*file_warnings, *region_notes(meta.region, res.regions)],
        )
        documents.append(
            Document(
                doc_id=make_doc_id(rel_path, part_no),
                source=Source(
                    path=rel_path,
                    sha256=sha256,
                    format=raw.format,
                    encoding=raw.encoding,
                    part=part_no,
                    converted_from_traditional=norm.converted_from_traditional,
                ),
                text=part_text,
                quality=quality,
                **{f.name: getattr(meta, f.name) for f in dataclasses.fields(meta)},
                n_chars=len(part_text),
            )
        )
    return documents
