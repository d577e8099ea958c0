"""A static HTML report of a built corpus: what a researcher opens first after ``make corpus``.

``write_report(corpus_dir, out_dir)`` writes ``index.html`` (overview, build errors, region ×
code heatmap, targets side by side, deadline timelines, links to every document) and one page
per document under ``docs/`` listing its units with their deadline / target / agency spans
highlighted.  Charts are matplotlib PNGs drawn with a CJK font found on the machine; the report
names that font, and refuses to draw without one rather than render empty boxes.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import re
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.research.compare import (
    coverage_matrix,
    deadline_timeline,
    region_labels,
    shared_indicators,
    targets_table,
)
from pipeline.research.corpus import Corpus, load_corpus
from pipeline.research.fonts import CJKFont, cjk_rc, find_cjk_font
from pipeline.research.taxonomy import code_names

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",sans-serif;margin:2em;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:14px}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0} img{max-width:100%;border:1px solid #eee}
.muted{color:#777;font-size:13px} .err{color:#b00}
mark.deadline{background:#cde7ff} mark.target{background:#ffe0a3} mark.agency{background:#d7f5d0}
.unit{border-left:4px solid #ddd;padding:4px 10px;margin:10px 0} .unit .meta{color:#555;font-size:13px}
"""

HIGHLIGHT_KINDS = ("deadline", "target", "agency")
# A report stays readable: the most comparable indicators only (all are in `compare targets`).
MAX_CHARTED_INDICATORS = 9
MAX_TABLED_INDICATORS = 30
MAX_LISTED_TARGETS = 2000
MAX_BARS = 12
MAX_TIMELINE_ROWS = 40


def doc_slug(doc_id: str) -> str:
    """A file name for a document page: readable part of the id plus a hash (ids may hold '/')."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", doc_id).strip("_.")[:60] or "doc"
    return f"{safe}-{hashlib.sha1(doc_id.encode()).hexdigest()[:8]}.html"


def unit_anchor(task_id: str) -> str:
    """The id of a unit on its document page (task ids may hold '#', which a URL fragment cannot)."""
    return "u-" + hashlib.sha1(task_id.encode()).hexdigest()[:12]


def highlight_html(text: str, spans: list[tuple[int, int, str]], offset: int = 0) -> str:
    """``text`` as HTML with each (start, end, css_class) span wrapped in <mark>.

    Spans are document offsets; ``offset`` is where ``text`` starts in the document.  Overlapping
    spans are cut at every boundary so each piece carries the classes of all spans covering it.
    Spans outside the text are ignored.
    """
    n = len(text)
    local = []
    for s, e, cls in spans:
        s, e = max(0, s - offset), min(n, e - offset)
        if s < e:
            local.append((s, e, cls))
    cuts = sorted({0, n, *(p for s, e, _ in local for p in (s, e))})
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        classes = sorted({cls for s, e, cls in local if s <= a and b <= e})
        out.append(f'<mark class="{" ".join(classes)}">{piece}</mark>' if classes else piece)
    return "".join(out)


def unit_spans(corpus: Corpus, task_id: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every deadline, target and agency of one unit, in document offsets."""
    spans = []
    for kind, table in (
        ("deadline", corpus.deadlines),
        ("target", corpus.targets),
        ("agency", corpus.agencies),
    ):
        rows = table[table["task_id"] == task_id]
        spans += [
            (int(s), int(e), kind)
            for s, e in zip(rows["span_start"], rows["span_end"], strict=True)
            if pd.notna(s)
        ]
    return spans


def spans_by_task(corpus: Corpus) -> dict[str, list[tuple[int, int, str]]]:
    """unit_spans for every unit at once (one pass per table, for reports of large corpora)."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for kind, table in (
        ("deadline", corpus.deadlines),
        ("target", corpus.targets),
        ("agency", corpus.agencies),
    ):
        ok = table.dropna(subset=["span_start", "span_end"])
        for task_id, s, e in zip(ok["task_id"], ok["span_start"], ok["span_end"], strict=True):
            out.setdefault(task_id, []).append((int(s), int(e), kind))
    return out


def _unit_links(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``df[columns]`` escaped for HTML, its ``text`` cell a link to the unit on its document page."""
    out = df[columns].copy()
    for col in columns:
        if out[col].dtype == object or isinstance(
            out[col].dtype, pd.CategoricalDtype | pd.StringDtype
        ):
            out[col] = out[col].map(lambda v: html.escape(str(v)) if isinstance(v, str) else v)
    out["text"] = [
        f'<a href="docs/{doc_slug(d)}#{unit_anchor(str(t))}">{html.escape(str(x))}</a>'
        for d, t, x in zip(df["doc_id"], df["task_id"], df["text"], strict=True)
    ]
    return out


def _table(df: pd.DataFrame, index: bool = False, escape: bool = True) -> str:
    return df.to_html(index=index, escape=escape, na_rep="", border=0)


def _page(title: str, body: str, font: CJKFont | None) -> str:
    foot = (
        f'<p class="muted">Charts drawn with the font {html.escape(font.describe())}.</p>'
        if font
        else ""
    )
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{CSS}</style></head><body>{body}{foot}</body></html>\n"
    )


# ---- charts -------------------------------------------------------------------------------


def _figure(figsize: tuple[float, float]) -> Any:
    """A figure outside pyplot: no global backend switch, nothing left open in a notebook."""
    from matplotlib.figure import Figure

    return Figure(figsize=figsize)


def _save(fig: Any, path: Path) -> str:
    fig.savefig(path, dpi=110, bbox_inches="tight")
    return path.name


UNKNOWN = "(unknown)"


def documents_by_level(corpus: Corpus) -> pd.DataFrame:
    """Documents per region level × kind, with documents of unknown level or kind kept."""
    d = corpus.documents
    level = d["region_level"].astype(object).fillna(UNKNOWN)
    kind = d["doc_kind"].astype(object).fillna(UNKNOWN)
    order = [lv for lv in d["region_level"].cat.categories if (level == lv).any()]
    order += [UNKNOWN] if (level == UNKNOWN).any() else []
    kinds = [k for k in d["doc_kind"].cat.categories if (kind == k).any()]
    kinds += [UNKNOWN] if (kind == UNKNOWN).any() else []
    table = pd.crosstab(level, kind).reindex(index=order, columns=kinds, fill_value=0)
    table.index.name, table.columns.name = "region_level", "doc_kind"
    return table


def chart_overview(corpus: Corpus, path: Path) -> str:
    """Documents by region level, stacked by kind."""
    counts = documents_by_level(corpus)
    counts = counts.loc[:, counts.sum() > 0] if len(counts.columns) else counts
    fig = _figure((7, 3))
    ax = fig.subplots()
    if counts.size:
        counts.plot.barh(stacked=True, ax=ax, width=0.7)
        ax.legend(title="doc_kind", loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
    ax.set_xlabel("文件数 documents")
    ax.set_ylabel("行政级别 level")
    ax.set_title("各级别文件数（按类型）")
    return _save(fig, path)


def chart_heatmap(corpus: Corpus, path: Path) -> str | None:
    """Region × code heatmap of the share of units addressing each code."""
    m = coverage_matrix(corpus, by="region", share=True)
    if m.empty or not len(m.columns) or corpus.labels.empty:
        return None
    names = code_names()
    fig = _figure((max(6, 0.55 * len(m.columns) + 2), max(2.5, 0.45 * len(m) + 1.5)))
    ax = fig.subplots()
    im = ax.imshow(
        m.to_numpy(dtype=float),
        cmap="Blues",
        vmin=0,
        vmax=max(0.01, float(m.to_numpy().max())),
        aspect="auto",
    )
    ax.set_xticks(
        range(len(m.columns)), [names.get(c, c) for c in m.columns], rotation=60, ha="right"
    )
    ax.set_yticks(range(len(m.index)), list(m.index))
    counts = coverage_matrix(corpus, by="region")
    top = max(0.01, float(m.to_numpy().max()))
    for i in range(len(m.index)):
        for j in range(len(m.columns)):
            if counts.iat[i, j]:
                dark = m.iat[i, j] > 0.6 * top  # white digits on dark cells
                ax.text(
                    j,
                    i,
                    str(counts.iat[i, j]),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if dark else "black",
                )
    fig.colorbar(im, ax=ax, label="单元占比 share of units")
    ax.set_title("地区 × 分类 覆盖（数字为单元数）")
    return _save(fig, path)


def chart_targets(corpus: Corpus, path: Path) -> str | None:
    """One small chart per indicator shared by regions: bars per target when there are few,
    a box plot of the values when there are many (region labels would be unreadable).

    Only the targets in the indicator's most common unit are drawn: 万人 and 人 on one axis
    would compare nothing.
    """
    t = targets_table(corpus).dropna(subset=["value"])
    shared = list(shared_indicators(corpus)["indicator"].head(MAX_CHARTED_INDICATORS))
    if not shared:
        return None
    cols = min(3, len(shared))
    rows = -(-len(shared) // cols)
    fig = _figure((4.2 * cols, 2.8 * rows))
    axes = fig.subplots(rows, cols, squeeze=False)
    for ax, ind in zip(axes.flat, shared, strict=False):
        sub = t[t["indicator"] == ind]
        unit = sub["unit"].mode().iloc[0] if sub["unit"].notna().any() else None
        if unit is not None:
            sub = sub[sub["unit"] == unit]
        shown = "1:x" if unit == "ratio" else (unit or "")
        if len(sub) <= MAX_BARS:
            labels = [
                f"{r}" + (f"\n{int(y)}" if pd.notna(y) else "")
                for r, y in zip(sub["region"], sub["year"], strict=True)
            ]
            ax.bar(range(len(sub)), sub["value"], color="#4c78a8")
            ax.set_xticks(range(len(sub)), labels, fontsize=8)
            ax.set_title(f"{ind}（{shown}）", fontsize=10)
        else:
            ax.boxplot(sub["value"].to_numpy(dtype=float), showfliers=False, widths=0.5)
            ax.set_xticks([])
            ax.set_ylabel(shown, fontsize=8)
            ax.set_title(f"{ind}：{sub['region'].nunique()} 个地区（不含离群值）", fontsize=10)
    for ax in list(axes.flat)[len(shared) :]:
        ax.axis("off")
    fig.tight_layout()
    return _save(fig, path)


def _title(title: Any, doc_id: str) -> str:
    """The title to show, or the doc_id when the document has none (None or NaN)."""
    return title if isinstance(title, str) and title else doc_id


def _doc_label(doc: Any, region: str, width: int = 14) -> str:
    """Axis label of a document: region and year, plus the start of its title (regions repeat)."""
    year = f" {doc.doc_year}" if pd.notna(doc.doc_year) else ""
    title = _title(doc.title, doc.doc_id)
    title = title if len(title) <= width else title[: width - 1] + "…"
    return f"{region}{year} · {title}"


def chart_timeline(corpus: Corpus, path: Path) -> str | None:
    """Per document: its period as a band, dated deadlines as bars (ranges) or points."""
    import matplotlib.dates as mdates

    tl = deadline_timeline(corpus).dropna(subset=["end"])
    docs = corpus.documents
    labels = region_labels(docs)
    # rows: documents with something to draw, those with most dated deadlines first when too many
    n_dated = tl.groupby("doc_id").size().reindex(docs["doc_id"], fill_value=0).to_numpy()
    keep = (n_dated > 0) | docs["period_start"].notna().to_numpy()
    if not keep.any():
        return None
    if keep.sum() > MAX_TIMELINE_ROWS:
        order = sorted(range(len(docs)), key=lambda i: (-int(keep[i]), -n_dated[i], i))
        chosen = sorted(order[:MAX_TIMELINE_ROWS])
        keep = pd.Series(range(len(docs))).isin(chosen).to_numpy()
    docs, labels = docs[keep], labels[keep]
    fig = _figure((9, max(2.5, 0.5 * len(docs) + 1)))
    ax = fig.subplots()
    for i, doc in enumerate(docs.itertuples(index=False)):
        if pd.notna(doc.period_start) and pd.notna(doc.period_end):
            a = pd.Timestamp(year=int(doc.period_start), month=1, day=1)
            b = pd.Timestamp(year=int(doc.period_end), month=12, day=31)
            ax.barh(
                i,
                mdates.date2num(b) - mdates.date2num(a),
                left=mdates.date2num(a),
                height=0.6,
                color="#e8e8e8",
            )
        sub = tl[tl["doc_id"] == doc.doc_id]
        for r in sub.itertuples(index=False):
            if pd.notna(r.start) and r.start < r.end:
                ax.barh(
                    i,
                    mdates.date2num(r.end) - mdates.date2num(r.start),
                    left=mdates.date2num(r.start),
                    height=0.3,
                    color="#f58518",
                )
            else:
                ax.plot(mdates.date2num(r.end), i, "v", color="#e45756")
    ax.set_yticks(
        range(len(docs)),
        [_doc_label(d, lab) for d, lab in zip(docs.itertuples(), labels, strict=True)],
    )
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.set_title("规划期（灰）与时限：▼截止 / 橙色区间")
    return _save(fig, path)


# ---- pages --------------------------------------------------------------------------------


def _build_errors(report: dict[str, Any] | None) -> pd.DataFrame:
    """Error entries of build_report.json, whatever list they sit in."""
    if not report:
        return pd.DataFrame(columns=["path", "status", "message"])
    rows = []
    for key in ("files", "inputs", "errors"):
        for entry in report.get(key) or []:
            if isinstance(entry, dict) and (
                entry.get("status") in ("error", "skipped") or key == "errors"
            ):
                rows.append(
                    {
                        "path": entry.get("path"),
                        "status": entry.get("status", "error"),
                        "message": entry.get("message") or entry.get("error"),
                    }
                )
    return pd.DataFrame(rows, columns=["path", "status", "message"])


def _doc_page(
    corpus: Corpus, doc: pd.Series, font: CJKFont, spans: dict[str, list[tuple[int, int, str]]]
) -> str:
    tasks = corpus.tasks[corpus.tasks["doc_id"] == doc["doc_id"]].sort_values("seq")
    names = code_names()
    meta = pd.DataFrame(
        {
            "field": [
                "doc_id",
                "标题 title",
                "文号",
                "发文机关",
                "成文日期",
                "地区",
                "级别",
                "规划期",
                "类型",
                "状态",
                "来源",
            ],
            "value": [
                doc["doc_id"],
                doc["title"],
                doc["doc_number"],
                "、".join(doc["issuers"] or []),
                doc["issued_date_text"],
                doc["region"],
                doc["region_level"],
                f"{doc['period_start']}-{doc['period_end']}"
                if pd.notna(doc["period_start"])
                else "",
                doc["doc_kind"],
                doc["status"],
                doc["source_path"],
            ],
        }
    )
    parts = [
        '<p><a href="../index.html">← 返回总览 back to the overview</a></p>',
        f"<h1>{html.escape(_title(doc['title'], doc['doc_id']))}</h1>",
        _table(meta),
        f"<h2>单元 units ({len(tasks)})</h2>",
        '<p class="muted">Highlights: <mark class="deadline">时限 deadline</mark> '
        '<mark class="target">目标 target</mark> <mark class="agency">责任单位 agency</mark></p>',
    ]
    for t in tasks.itertuples(index=False):
        body = highlight_html(
            str(t.text),
            spans.get(t.task_id, []),
            offset=int(t.span_start) if pd.notna(t.span_start) else 0,
        )
        codes = "、".join(names.get(c, c) for c in t.codes) or "—"
        number = t.number if isinstance(t.number, str) else ""
        meta = [f"#{t.seq} {t.kind} {number}".strip(), " › ".join(t.heading_path), f"分类: {codes}"]
        meta_html = html.escape(" · ".join(m for m in meta if m))
        parts.append(
            f'<div class="unit" id="{unit_anchor(str(t.task_id))}"><div class="meta">{meta_html}</div>'
            f"<div>{body}</div></div>"
        )
    return _page(_title(doc["title"], doc["doc_id"]), "".join(parts), font)


def write_report(corpus_dir: str | Path | Corpus, out_dir: str | Path | None = None) -> Path:
    """Write the report and return the path of its ``index.html``.

    ``out_dir`` defaults to ``<corpus_dir>/report``.  Raises ``CJKFontNotFound`` (before writing
    anything) when no font can draw Chinese.
    """
    import matplotlib

    font = find_cjk_font()
    corpus = corpus_dir if isinstance(corpus_dir, Corpus) else load_corpus(corpus_dir)
    out = Path(out_dir) if out_dir else Path(corpus.path or ".") / "report"
    img = out / "img"
    pages = out / "docs"
    img.mkdir(parents=True, exist_ok=True)
    pages.mkdir(parents=True, exist_ok=True)

    docs = corpus.documents
    with matplotlib.rc_context(cjk_rc(font)):  # the user's own rcParams are left as they were
        overview = chart_overview(corpus, img / "overview.png")
        heatmap = chart_heatmap(corpus, img / "heatmap.png")
        targets_png = chart_targets(corpus, img / "targets.png")
        timeline = chart_timeline(corpus, img / "timeline.png")

    listing = docs.assign(
        region=region_labels(docs),
        title=[
            f'<a href="docs/{doc_slug(d)}">{html.escape(_title(t, d))}</a>'
            for d, t in zip(docs["doc_id"], docs["title"], strict=True)
        ],
    )[["title", "region", "region_level", "doc_year", "doc_kind", "status", "n_tasks"]]
    by_level = documents_by_level(corpus)
    by_level.loc["合计"] = by_level.sum()
    by_region = pd.crosstab(
        region_labels(docs).rename("region"), docs["doc_kind"].astype(object).fillna(UNKNOWN)
    )
    errors = _build_errors(corpus.build_report)
    all_targets = targets_table(corpus)
    shared = list(shared_indicators(corpus)["indicator"].head(MAX_TABLED_INDICATORS))
    wide = targets_table(corpus, wide=True)
    wide = wide.loc[:, [c for c in shared if c in wide.columns]]
    wide = wide.loc[(wide != "").any(axis=1)] if len(wide.columns) else wide.iloc[0:0]
    tl = deadline_timeline(corpus)
    tl_show = tl.assign(
        start=tl["start"].dt.strftime("%Y-%m-%d"), end=tl["end"].dt.strftime("%Y-%m-%d")
    )

    def img_tag(name: str | None, alt: str) -> str:
        return (
            f'<img src="img/{name}" alt="{alt}">'
            if name
            else f'<p class="muted">（无数据 no data for {alt}）</p>'
        )

    body = [
        "<h1>PlanMiner 语料报告 corpus report</h1>",
        f'<p class="muted">Corpus: {html.escape(str(corpus.path))} · {len(docs)} documents · {len(corpus.tasks)} units · '
        f"{len(corpus.deadlines)} deadlines · {len(corpus.targets)} targets · {len(corpus.agencies)} agency mentions</p>",
        f'<p class="muted">中文图表字体 CJK font used for charts: <b>{html.escape(font.describe())}</b></p>',
        "<h2>概览 overview</h2>",
        img_tag(overview, "documents by level"),
        _table(by_level, index=True),
        f"<details><summary>按地区 documents by region ({by_region.shape[0]} regions)</summary>",
        _table(by_region, index=True),
        "</details>",
        "<h2>构建错误 build errors</h2>",
        _table(errors)
        if len(errors)
        else '<p class="muted">无 none</p>'
        if corpus.build_report
        else '<p class="muted">no build_report.json</p>',
        "<h2>地区 × 分类 region × code</h2>",
        img_tag(heatmap, "region × code heatmap")
        if heatmap or not corpus.labels.empty
        else '<p class="muted">No unit carries a taxonomy label yet (the classifier has not run).</p>',
        "<h2>目标对照 targets side by side</h2>",
        '<p class="muted">Indicators normalised (pipeline/data/indicators.tsv); ratios as 1:x in the indicator\'s order, '
        "e.g. 床护比 1:x = nurses per bed (护床比 0.4:1 is shown as 1:0.4).</p>",
        img_tag(targets_png, "targets of indicators shared by regions"),
        f"<h3>Indicators set by two or more regions (up to {MAX_TABLED_INDICATORS}, known measures first)</h3>",
        _table(wide, index=True) if len(wide) else '<p class="muted">none</p>',
        f"<details><summary>All {len(all_targets)} targets"
        + (
            f" (first {MAX_LISTED_TARGETS}; all: planminer compare targets)"
            if len(all_targets) > MAX_LISTED_TARGETS
            else ""
        )
        + "</summary>",
        _table(
            _unit_links(
                all_targets.head(MAX_LISTED_TARGETS),
                [
                    "indicator",
                    "region",
                    "region_level",
                    "comparator",
                    "value",
                    "value_max",
                    "unit",
                    "year",
                    "text",
                ],
            ),
            escape=False,
        ),
        "</details>",
        "<h2>时间线 deadlines</h2>",
        img_tag(timeline, "deadline timeline"),
        _table(
            _unit_links(
                tl_show.head(MAX_LISTED_TARGETS),
                ["region", "doc_id", "primary_code", "text", "kind", "recurrence", "start", "end"],
            ),
            escape=False,
        ),
        "<h2>文件 documents</h2>",
        _table(listing, escape=False),
    ]
    spans = spans_by_task(corpus)
    for _, doc in docs.iterrows():
        (pages / doc_slug(doc["doc_id"])).write_text(
            _doc_page(corpus, doc, font, spans), encoding="utf-8"
        )
    index = out / "index.html"
    index.write_text(_page("PlanMiner corpus report", "".join(body), font), encoding="utf-8")
    return index
