"""Full-text search and KWIC (keyword in context) concordance over the normalised text.

A researcher reading "远程医疗" across thirty plans wants each hit with a little context and
the variables to judge it by (region, year, kind) and the unit it sits in.  The search runs
over ``documents.text``, the same text every span points into, so hit offsets can be used
with the task spans directly.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

import pandas as pd

from pipeline.research.corpus import Corpus

KWIC_COLUMNS = [
    "doc_id",
    "region",
    "region_level",
    "doc_year",
    "doc_kind",
    "task_id",
    "unit_kind",
    "start",
    "end",
    "left",
    "match",
    "right",
]


def compile_query(pattern: str, regex: bool = False) -> re.Pattern[str]:
    """The query as a regular expression; a literal query is NFKC-normalised like the text.

    The corpus text has full-width ASCII folded to half-width, so a query typed as ２０２０
    must be folded the same way to find 2020.
    """
    if not pattern:
        raise ValueError("empty search pattern")
    if regex:
        return re.compile(pattern)
    return re.compile(re.escape(unicodedata.normalize("NFKC", pattern)))


def _clip(text: str) -> str:
    return text.replace("\n", " ").replace("\r", " ")


def kwic(corpus: Corpus, pattern: str, width: int = 20, regex: bool = False) -> pd.DataFrame:
    """Every hit of ``pattern`` with ``width`` characters of context on each side.

    One row per hit: document variables, the unit containing the hit (``task_id`` is null in
    text outside any unit, e.g. the preamble), offsets [start, end) into the document text, and
    left / match / right context with line breaks shown as spaces.
    """
    rx = compile_query(pattern, regex)
    units = corpus.tasks.sort_values(["doc_id", "span_start"])
    by_doc = {doc_id: g for doc_id, g in units.groupby("doc_id", sort=False)}
    rows = []
    for doc in corpus.documents.itertuples(index=False):
        text = doc.text or ""
        g = by_doc.get(doc.doc_id)
        starts = [] if g is None else [int(s) for s in g["span_start"]]
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue  # zero-width matches say nothing to a reader
            task_id = unit_kind = None
            if g is not None:
                i = bisect.bisect_right(starts, m.start()) - 1
                if i >= 0 and m.start() < int(g["span_end"].iloc[i]):
                    task_id, unit_kind = g["task_id"].iloc[i], g["kind"].iloc[i]
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "region": doc.region,
                    "region_level": doc.region_level,
                    "doc_year": doc.doc_year,
                    "doc_kind": doc.doc_kind,
                    "task_id": task_id,
                    "unit_kind": unit_kind,
                    "start": m.start(),
                    "end": m.end(),
                    "left": _clip(text[max(0, m.start() - width) : m.start()]),
                    "match": _clip(m.group(0)),
                    "right": _clip(text[m.end() : m.end() + width]),
                }
            )
    out = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    out["region_level"] = out["region_level"].astype(corpus.documents["region_level"].dtype)
    out["doc_kind"] = out["doc_kind"].astype(corpus.documents["doc_kind"].dtype)
    out["unit_kind"] = out["unit_kind"].astype(corpus.tasks["kind"].dtype)
    for col in ("doc_year", "start", "end"):
        out[col] = pd.to_numeric(out[col]).astype("Int64")
    return out


def format_kwic(hits: pd.DataFrame, width: int = 20) -> str:
    """Plain-text concordance lines: region year kind | left [match] right."""
    lines = []
    for h in hits.itertuples(index=False):
        year = "" if pd.isna(h.doc_year) else str(h.doc_year)
        meta = f"{h.region or '?'} {year} {h.doc_kind or ''}".strip()
        left = str(h.left).rjust(width, "\u3000")
        lines.append(f"{meta}\t{left}【{h.match}】{h.right}\t{h.doc_id}")
    return "\n".join(lines)
