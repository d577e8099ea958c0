"""Comparisons researchers otherwise write by hand after every build.

Each function takes a :class:`~pipeline.research.corpus.Corpus` and returns a plain DataFrame
(so it can be written to CSV/Markdown by the CLI, or used further in pandas).
"""

from __future__ import annotations

import warnings
from typing import Literal

import pandas as pd

from pipeline.research.corpus import Corpus
from pipeline.research.indicators import normalise_indicator
from pipeline.research.taxonomy import DEFAULT_FRAMEWORK, code_names, national_measures

UNLABELLED = "unlabelled"


class NoLabelsWarning(UserWarning):
    """The corpus has units but no taxonomy labels, so coverage and gaps are all empty."""


def region_labels(documents: pd.DataFrame) -> pd.Series:
    """A display key per document: the region name, disambiguated when two codes share it.

    朝阳区 exists in Beijing (110105) and in Changchun (220104); grouping by name alone would
    merge them, so a name carried by several region codes gets its province appended.
    """
    name = documents["region"].fillna("(unknown region)")
    codes_per_name = documents.groupby(name)["region_code"].nunique(dropna=True)
    clash = name.map(codes_per_name).fillna(0) > 1
    province = documents["province"].fillna("?")
    return name.where(~clash, name + "（" + province + "）")


def _codes(corpus: Corpus) -> list[str]:
    """Taxonomy codes in taxonomy order, then any other code seen in the labels."""
    return [str(c) for c in corpus.labels["code"].cat.categories]


def coverage_matrix(
    corpus: Corpus, by: Literal["region", "document"] = "region", share: bool = False
) -> pd.DataFrame:
    """Rows = regions (or documents), columns = taxonomy codes, values = units carrying the code.

    A unit counts once per code it carries (primary or secondary).  With ``share=True`` each
    count is divided by the number of units of the row, i.e. the share of the plan's units that
    address the code.  Every document/region appears, even with no labelled unit (all zeros).
    """
    if by not in ("region", "document"):
        raise ValueError(f"by must be 'region' or 'document', not {by!r}")
    docs = corpus.documents.assign(
        _row=region_labels(corpus.documents) if by == "region" else corpus.documents["doc_id"]
    )
    row_of = docs.set_index("doc_id")["_row"]
    rows = pd.Index(pd.unique(docs["_row"]), name=by)
    codes = _codes(corpus)
    labels = corpus.labels.drop_duplicates(["task_id", "code"])
    counts = (
        pd.crosstab(labels["doc_id"].map(row_of), labels["code"].astype(str))
        if len(labels)
        else pd.DataFrame()
    )
    matrix = counts.reindex(index=rows, columns=codes, fill_value=0).fillna(0).astype(int)
    matrix.columns.name = "code"
    if share:
        n_units = (
            corpus.tasks.groupby(corpus.tasks["doc_id"].map(row_of))
            .size()
            .reindex(rows, fill_value=0)
        )
        matrix = matrix.div(n_units.replace(0, pd.NA), axis=0).astype(float).fillna(0.0).round(4)
    return matrix


def targets_table(corpus: Corpus, indicator: str | None = None, wide: bool = False) -> pd.DataFrame:
    """Targets with normalised indicators, one row per target (or region × indicator if ``wide``).

    ``indicator`` may be any alias (护床比, 预约率 …); it is normalised before filtering, so
    ``targets_table(c, "护床比")`` lists the 床护比 targets of every plan in one orientation
    (ratio 1:x, x = nurses per bed).  The wide form shows cells such as "≥1:0.6 (2020)" side by side.
    """
    t = corpus.targets
    if indicator is not None:
        t = t[t["indicator_norm"] == normalise_indicator(indicator)]
    docs = corpus.documents.set_index("doc_id")
    out = pd.DataFrame(
        {
            "indicator": t["indicator_norm"],
            "region": t["doc_id"].map(
                region_labels(corpus.documents).set_axis(corpus.documents["doc_id"])
            ),
            "region_level": t["region_level"],
            "doc_id": t["doc_id"],
            "title": t["doc_id"].map(docs["title"]),
            "comparator": t["comparator"],
            "value": t["value_norm"],
            "value_max": t["value_max_norm"],
            "unit": t["unit_norm"],
            "year": t["year"],
            "indicator_as_written": t["indicator"],
            "text": t["text"],
            "task_id": t["task_id"],
        }
    )
    out = out.sort_values(
        ["indicator", "region_level", "region", "task_id"], kind="stable"
    ).reset_index(drop=True)
    if not wide:
        return out
    cell = out.apply(_format_target, axis=1)
    return (
        out.assign(cell=cell)
        .groupby(["region", "indicator"], observed=True)["cell"]
        .agg("; ".join)
        .unstack("indicator")
        .fillna("")
    )


def shared_indicators(corpus: Corpus, min_regions: int = 2) -> pd.DataFrame:
    """Indicators targeted by at least ``min_regions`` regions, most comparable first.

    Columns: indicator, n_regions, n_targets, known (recognised by the alias table).  Known
    measures come first (their values line up by construction), then by number of regions:
    a work report corpus holds hundreds of one-off indicators that compare nothing.
    """
    t = corpus.targets.assign(
        region=region_labels(corpus.documents)
        .set_axis(corpus.documents["doc_id"])
        .reindex(corpus.targets["doc_id"])
        .to_numpy()
    )
    g = t.groupby("indicator_norm").agg(
        n_regions=("region", "nunique"),
        n_targets=("text", "size"),
        known=("indicator_known", "any"),
    )
    g = (
        g[g["n_regions"] >= min_regions]
        .reset_index()
        .rename(columns={"indicator_norm": "indicator"})
    )
    g = g.sort_values(
        ["known", "n_regions", "n_targets", "indicator"], ascending=[False, False, False, True]
    )
    return g.reset_index(drop=True)


_CMP = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "range": ""}


def _format_target(row: pd.Series) -> str:
    """One target as a compact cell: ≥95%, ≤12分钟, ≥1:0.6 (2020), 3–5个."""
    if pd.isna(row["value"]):
        return "?"
    ratio = row["unit"] == "ratio"
    prefix = "1:" if ratio else ""
    if row["comparator"] == "range" and pd.notna(row["value_max"]):
        value = f"{prefix}{row['value']:g}–{prefix}{row['value_max']:g}"
    else:
        value = f"{_CMP.get(str(row['comparator']), '')}{prefix}{row['value']:g}"
    unit = "" if ratio or not isinstance(row["unit"], str) else row["unit"]
    year = f" ({row['year']})" if pd.notna(row["year"]) else ""
    return f"{value}{unit}{year}"


def deadline_timeline(corpus: Corpus) -> pd.DataFrame:
    """All deadlines in time order with their region, unit and primary code.

    ``start`` is filled from ``end`` for 'by' deadlines that have no start, in ``start_plot``,
    so a chart can draw every deadline as a bar or a point.
    """
    d = corpus.deadlines
    tasks = corpus.tasks.set_index("task_id")
    out = pd.DataFrame(
        {
            "region": d["region"],
            "region_level": d["region_level"],
            "doc_id": d["doc_id"],
            "task_id": d["task_id"],
            "unit_kind": d["task_id"].map(tasks["kind"]).astype(corpus.tasks["kind"].dtype),
            "primary_code": d["task_id"]
            .map(tasks["primary_code"])
            .astype(corpus.tasks["primary_code"].dtype),
            "text": d["text"],
            "kind": d["kind"],
            "recurrence": d["recurrence"],
            "start": d["start"],
            "end": d["end"],
        }
    )
    return out.sort_values(
        ["end", "start", "doc_id", "task_id"], na_position="last", kind="stable"
    ).reset_index(drop=True)


def agency_involvement(corpus: Corpus) -> pd.DataFrame:
    """Agency (canonical) × code × role: number of units and of documents involving it.

    Each agency mention counts for every code of its unit; units without labels count under
    code ``unlabelled`` so that agencies are not lost before the classifier runs.
    """
    a = corpus.agencies.drop_duplicates(["task_id", "canonical", "role"])
    lab = corpus.labels[["task_id", "code"]].assign(code=lambda x: x["code"].astype(str))
    merged = a.merge(lab, on="task_id", how="left")
    merged["code"] = merged["code"].fillna(UNLABELLED)
    merged["role"] = merged["role"].astype(str)
    out = (
        merged.groupby(["canonical", "code", "role"], observed=True)
        .agg(n_units=("task_id", "nunique"), n_documents=("doc_id", "nunique"))
        .reset_index()
    )
    return out.sort_values(
        ["n_units", "canonical", "code", "role"], ascending=[False, True, True, True]
    ).reset_index(drop=True)


def framework_measures(
    corpus: Corpus, framework: str = DEFAULT_FRAMEWORK
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(measure id, name, codes) of the national framework.

    From the taxonomy cross-walk when it exists (``framework`` names a cross-walk, e.g.
    ygfw_2018 or jyfs_2023); otherwise each code is a measure and the framework is the set of
    codes labelled in national documents (or in the whole corpus when it has none).
    """
    measures = national_measures(framework)
    if measures:
        return [(m.id, m.name, m.codes) for m in measures]
    names = code_names()
    lab = corpus.labels
    national = lab[lab["region_level"] == "national"]
    source = national if len(national) else lab
    codes = [str(c) for c in source["code"].cat.categories if c in set(source["code"].astype(str))]
    return [(c, names.get(c, c), (c,)) for c in codes]


def framework_gap(corpus: Corpus, framework: str = DEFAULT_FRAMEWORK) -> pd.DataFrame:
    """Document × national measure: whether the plan takes the measure up, and in how many units.

    One row per (document, measure) with ``taken_up`` (bool) and ``n_units``; national documents
    are included (they define the fallback framework, so they take up all of it).  Filter
    ``~taken_up`` for what a plan leaves out.
    """
    if corpus.labels.empty and len(corpus.tasks):
        warnings.warn(
            "no unit carries a taxonomy label (was the classifier run?): every measure will show "
            "as left out",
            NoLabelsWarning,
            stacklevel=2,
        )
    measures = framework_measures(corpus, framework)
    docs = corpus.documents
    grid = pd.DataFrame(
        {
            "doc_id": docs["doc_id"].repeat(len(measures)).to_numpy(),
            "region": region_labels(docs).repeat(len(measures)).to_numpy(),
            "region_level": docs["region_level"].repeat(len(measures)).to_numpy(),
            "title": docs["title"].repeat(len(measures)).to_numpy(),
            "measure": [m[0] for m in measures] * len(docs),
            "measure_name": [m[1] for m in measures] * len(docs),
            "codes": [list(m[2]) for m in measures] * len(docs),
        }
    )
    # units per (document, measure): a unit counts once even when several codes map to a measure
    code_to_measures = pd.DataFrame(
        [(mid, code) for mid, _, codes in measures for code in codes], columns=["measure", "code"]
    )
    lab = corpus.labels[["doc_id", "task_id"]].assign(code=corpus.labels["code"].astype(str))
    hits = (
        lab.merge(code_to_measures, on="code")
        .groupby(["doc_id", "measure"])["task_id"]
        .nunique()
        .rename("n_units")
        .reset_index()
    )
    out = grid.merge(hits, on=["doc_id", "measure"], how="left")
    out["n_units"] = out["n_units"].fillna(0).astype(int)
    out.insert(len(out.columns) - 1, "taken_up", out["n_units"] > 0)
    out["region_level"] = out["region_level"].astype(docs["region_level"].dtype)
    return out


def framework_gap_summary(
    corpus: Corpus,
    framework: str = DEFAULT_FRAMEWORK,
    by: Literal["document", "region"] = "document",
) -> pd.DataFrame:
    """One row per document (or region): measures taken up, measures left out, share taken up.

    By region, a measure counts as taken up when any of the region's documents takes it up.
    """
    if by not in ("region", "document"):
        raise ValueError(f"by must be 'region' or 'document', not {by!r}")
    gap = framework_gap(corpus, framework)
    key = "doc_id" if by == "document" else "region"
    cols = [
        key,
        *(["region"] if by == "document" else []),
        "region_level",
        "n_taken_up",
        "n_measures",
        "share",
        "taken_up",
        "left_out",
    ]
    if gap.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for k, g in gap.groupby(key, sort=False):
        # a measure is taken up by a region when any of its documents takes it up
        taken = g.groupby("measure", sort=False).agg(
            name=("measure_name", "first"), up=("taken_up", "any")
        )
        rows.append(
            {
                key: k,
                "region": g["region"].iloc[0],
                "region_level": g["region_level"].iloc[0],
                "n_taken_up": int(taken["up"].sum()),
                "n_measures": len(taken),
                "share": round(float(taken["up"].mean()), 4),
                "taken_up": "、".join(taken.loc[taken["up"], "name"]),
                "left_out": "、".join(taken.loc[~taken["up"], "name"]),
            }
        )
    out = pd.DataFrame(rows)[cols]
    out["region_level"] = out["region_level"].astype(corpus.documents["region_level"].dtype)
    return out
