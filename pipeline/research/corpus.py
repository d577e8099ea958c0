"""Load a built corpus (documents.jsonl + tasks.jsonl) into pandas DataFrames.

Researchers compare plans by region, level, period and kind, so every long table (labels,
deadlines, targets, agencies) carries its document's variables already joined: a filter such
as ``c.targets[c.targets.region_level == "city"]`` needs no merge.  Dtypes are set once here
(dates as datetime64, codes/roles/kinds/levels as categoricals with the contract's categories)
so that sorting and grouping behave the same in every notebook.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.research.indicators import normalise_target
from pipeline.schema import (
    COMPARATORS,
    DEADLINE_KINDS,
    DOC_KINDS,
    LEVELS,
    RECURRENCES,
    ROLES,
    UNIT_KINDS,
)

AGENCY_LEVELS = (*LEVELS, "township")

# The document variables copied onto every long table (see DOC_COLUMNS in docs/research.md).
DOC_VARS = [
    "region",
    "province",
    "city",
    "county",
    "region_level",
    "region_code",
    "period_start",
    "period_end",
    "doc_year",
    "doc_kind",
    "status",
]

TABLES = ("documents", "tasks", "labels", "deadlines", "targets", "agencies")


@dataclass
class Corpus:
    """A corpus as DataFrames; ``path`` is the directory it was read from."""

    documents: pd.DataFrame
    tasks: pd.DataFrame
    labels: pd.DataFrame
    deadlines: pd.DataFrame
    targets: pd.DataFrame
    agencies: pd.DataFrame
    path: Path | None = None
    build_report: dict[str, Any] | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{len(df)} {name}" for name, df in self.tables().items())
        return f"Corpus({str(self.path)!r}: {sizes})"

    def tables(self) -> dict[str, pd.DataFrame]:
        """The six tables by name, in a fixed order (for exports)."""
        return {name: getattr(self, name) for name in TABLES}

    def document(self, doc_id: str) -> pd.Series:
        """One document's row (raises KeyError for an unknown id)."""
        rows = self.documents[self.documents.doc_id == doc_id]
        if rows.empty:
            raise KeyError(doc_id)
        return rows.iloc[0]


def resolve_corpus_dir(path: str | Path) -> Path:
    """Accept the corpus directory or a path to its documents.jsonl."""
    p = Path(path)
    if p.is_file():
        p = p.parent
    if not (p / "documents.jsonl").is_file():
        raise FileNotFoundError(f"no documents.jsonl in {p} (build the corpus with `make corpus`)")
    return p


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL file; a missing file yields nothing (tasks.jsonl may be absent)."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({exc})") from exc


def parse_date(value: Any) -> pd.Timestamp:
    """'YYYY-MM-DD', 'YYYY-MM' (first of month) or 'YYYY' -> Timestamp; anything else NaT."""
    if not isinstance(value, str) or not value:
        return pd.NaT
    parts = value.split("-")
    try:
        nums = [int(p) for p in parts[:3]]
    except ValueError:
        return pd.NaT
    nums += [1] * (3 - len(nums))
    try:
        return pd.Timestamp(year=nums[0], month=nums[1], day=nums[2])
    except (ValueError, OverflowError):
        return pd.NaT


def _cat(series: pd.Series, categories: tuple[str, ...] | list[str]) -> pd.Series:
    """Categorical with the contract's categories plus any unexpected value seen (kept, not lost)."""
    extra = sorted({v for v in series.dropna().unique() if v not in categories})
    return series.astype(pd.CategoricalDtype([*categories, *extra]))


def _span(rec: dict[str, Any]) -> tuple[int | None, int | None]:
    span = rec.get("span") or [None, None]
    return (span[0], span[1]) if len(span) == 2 else (None, None)


def _documents_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    rows = []
    for d in records:
        region = d.get("region") or {}
        period = d.get("period") or {}
        source = d.get("source") or {}
        issued = parse_date(d.get("issued_date"))
        start = period.get("start_year")
        rows.append(
            {
                "doc_id": d["doc_id"],
                "title": d.get("title"),
                "notice_title": d.get("notice_title"),
                "doc_number": d.get("doc_number"),
                "issuers": list(d.get("issuers") or []),
                "issued_date": issued,
                "issued_date_text": d.get("issued_date"),
                "region": region.get("name"),
                "province": region.get("province"),
                "city": region.get("city"),
                "county": region.get("county"),
                "region_level": region.get("level"),
                "region_code": region.get("code"),
                "period_start": start,
                "period_end": period.get("end_year"),
                # the year a researcher files the plan under: issued, else first year of its period
                "doc_year": issued.year if not pd.isna(issued) else start,
                "doc_kind": d.get("kind"),
                "status": d.get("status"),
                "source_path": source.get("path"),
                "source_format": source.get("format"),
                "n_chars": d.get("n_chars", len(d.get("text") or "")),
                "n_tasks": d.get("n_tasks", 0),
                "text": d.get("text") or "",
            }
        )
    df = pd.DataFrame(rows, columns=_DOC_COLUMNS)
    df["issued_date"] = pd.to_datetime(df["issued_date"])
    for col in ("period_start", "period_end", "doc_year", "n_chars", "n_tasks"):
        df[col] = pd.to_numeric(df[col]).astype("Int64")
    df["region_level"] = _cat(df["region_level"], LEVELS)
    df["doc_kind"] = _cat(df["doc_kind"], DOC_KINDS)
    df["status"] = _cat(df["status"], ("final", "draft"))
    return df


_DOC_COLUMNS = [
    "doc_id",
    "title",
    "notice_title",
    "doc_number",
    "issuers",
    "issued_date",
    "issued_date_text",
    *DOC_VARS,
    "source_path",
    "source_format",
    "n_chars",
    "n_tasks",
    "text",
]

_LONG_COLUMNS: dict[str, list[str]] = {
    "tasks": [
        "task_id",
        "doc_id",
        "seq",
        "kind",
        "heading_path",
        "number",
        "text",
        "span_start",
        "span_end",
        "primary_code",
        "codes",
        "n_deadlines",
        "n_targets",
        "n_agencies",
    ],
    "labels": ["task_id", "doc_id", "seq", "code", "score", "rank"],
    "deadlines": [
        "task_id",
        "doc_id",
        "seq",
        "text",
        "span_start",
        "span_end",
        "start",
        "end",
        "kind",
        "recurrence",
    ],
    "targets": [
        "task_id",
        "doc_id",
        "seq",
        "text",
        "span_start",
        "span_end",
        "indicator",
        "comparator",
        "value",
        "value_max",
        "unit",
        "year",
        "indicator_norm",
        "indicator_known",
        "value_norm",
        "value_max_norm",
        "unit_norm",
    ],
    "agencies": [
        "task_id",
        "doc_id",
        "seq",
        "name",
        "canonical",
        "role",
        "level",
        "prefix",
        "span_start",
        "span_end",
    ],
}


def _long_rows(tasks: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in _LONG_COLUMNS}
    for t in tasks:
        key = {"task_id": t["task_id"], "doc_id": t["doc_id"], "seq": t.get("seq")}
        labels = t.get("labels") or []
        s, e = _span(t)
        out["tasks"].append(
            {
                **key,
                "kind": t.get("kind"),
                "heading_path": list(t.get("heading_path") or []),
                "number": t.get("number"),
                "text": t.get("text"),
                "span_start": s,
                "span_end": e,
                "primary_code": labels[0]["code"] if labels else None,
                "codes": [lab["code"] for lab in labels],
                "n_deadlines": len(t.get("deadlines") or []),
                "n_targets": len(t.get("targets") or []),
                "n_agencies": len(t.get("agencies") or []),
            }
        )
        for rank, lab in enumerate(labels):
            out["labels"].append(
                {**key, "code": lab.get("code"), "score": lab.get("score"), "rank": rank}
            )
        for d in t.get("deadlines") or []:
            s, e = _span(d)
            out["deadlines"].append(
                {
                    **key,
                    "text": d.get("text"),
                    "span_start": s,
                    "span_end": e,
                    "start": parse_date(d.get("start")),
                    "end": parse_date(d.get("end")),
                    "kind": d.get("kind"),
                    "recurrence": d.get("recurrence"),
                }
            )
        for g in t.get("targets") or []:
            s, e = _span(g)
            norm = normalise_target(
                g.get("indicator"), g.get("value"), g.get("value_max"), g.get("unit"), g.get("text")
            )
            out["targets"].append(
                {
                    **key,
                    "text": g.get("text"),
                    "span_start": s,
                    "span_end": e,
                    "indicator": g.get("indicator"),
                    "comparator": g.get("comparator"),
                    "value": g.get("value"),
                    "value_max": g.get("value_max"),
                    "unit": g.get("unit"),
                    "year": g.get("year"),
                    "indicator_norm": norm.indicator,
                    "indicator_known": norm.known,
                    "value_norm": norm.value,
                    "value_max_norm": norm.value_max,
                    "unit_norm": norm.unit,
                }
            )
        for a in t.get("agencies") or []:
            s, e = _span(a)
            out["agencies"].append(
                {
                    **key,
                    "name": a.get("name"),
                    "canonical": a.get("canonical"),
                    "role": a.get("role"),
                    "level": a.get("level"),
                    "prefix": a.get("prefix"),
                    "span_start": s,
                    "span_end": e,
                }
            )
    return out


def _frame(name: str, rows: list[dict[str, Any]], docs: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=_LONG_COLUMNS[name])
    for col in (
        "seq",
        "span_start",
        "span_end",
        "rank",
        "year",
        "n_deadlines",
        "n_targets",
        "n_agencies",
    ):
        if col in df:
            df[col] = pd.to_numeric(df[col]).astype("Int64")
    for col in ("score", "value", "value_max", "value_norm", "value_max_norm"):
        if col in df:
            df[col] = pd.to_numeric(df[col]).astype("float64")
    for col in ("start", "end"):
        if col in df:
            df[col] = pd.to_datetime(df[col])
    if name == "tasks":
        df["kind"] = _cat(df["kind"], UNIT_KINDS)
    elif name == "deadlines":
        df["kind"] = _cat(df["kind"], DEADLINE_KINDS)
        df["recurrence"] = _cat(df["recurrence"], RECURRENCES)
    elif name == "targets":
        df["comparator"] = _cat(df["comparator"], COMPARATORS)
        df["indicator_known"] = df["indicator_known"].astype(bool)
    elif name == "agencies":
        df["role"] = _cat(df["role"], ROLES)
        df["level"] = _cat(df["level"], AGENCY_LEVELS)
    df = df.merge(docs[["doc_id", *DOC_VARS]], on="doc_id", how="left", validate="many_to_one")
    return df


def _codes_categorical(corpus_codes: pd.Series) -> pd.CategoricalDtype:
    """Taxonomy order when the taxonomy is available, else sorted codes seen."""
    from pipeline.research.taxonomy import taxonomy_codes

    order = list(taxonomy_codes())
    seen = sorted(c for c in corpus_codes.dropna().unique() if c not in order)
    return pd.CategoricalDtype([*order, *seen])


def load_corpus(path: str | Path) -> Corpus:
    """Read ``documents.jsonl`` and ``tasks.jsonl`` (and ``build_report.json`` if present).

    ``path`` is the corpus directory (e.g. ``corpus/structured``) or its documents.jsonl.
    Tasks whose doc_id is not in documents.jsonl are kept, with empty document variables.
    """
    root = resolve_corpus_dir(path)
    docs = _documents_frame(list(iter_jsonl(root / "documents.jsonl")))
    rows = _long_rows(list(iter_jsonl(root / "tasks.jsonl")))
    frames = {name: _frame(name, rows[name], docs) for name in _LONG_COLUMNS}
    codes_dtype = _codes_categorical(frames["labels"]["code"])
    frames["labels"]["code"] = frames["labels"]["code"].astype(codes_dtype)
    frames["tasks"]["primary_code"] = frames["tasks"]["primary_code"].astype(codes_dtype)
    report_path = root / "build_report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.is_file() else None
    return Corpus(documents=docs, path=root, build_report=report, **frames)
