"""`planminer compare|search|report|export`: the research layer on the command line.

``add_compare_subcommands(subparsers)`` registers the sub-commands on the main parser
(``pipeline/cli.py``); each sets ``func`` to a handler returning an exit code.  Tables go to
``--out`` as CSV (UTF-8 with BOM, so Excel opens Chinese correctly) or Markdown, chosen by the
file suffix, or to stdout as Markdown when ``--out`` is omitted.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is made: `planminer build` never needs it
    import pandas as pd

DEFAULT_CORPUS = Path("corpus/structured")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

COMPARISONS = {
    "coverage": "documents or regions × taxonomy codes (units per code; --share for shares)",
    "targets": "quantitative targets with normalised indicators (--indicator 床护比, --wide)",
    "timeline": "deadlines in time order with region, unit and code",
    "agencies": "agency (canonical) × code × role: units and documents",
    "gap": "document × national measure: taken up or left out (--framework ygfw_2018)",
}


def markdown_table(df: pd.DataFrame, index: bool = False) -> str:
    """A GitHub-flavoured Markdown table (no tabulate dependency); '|' in cells escaped."""
    import pandas as pd

    if index:
        df = df.reset_index()

    def cell(v: object) -> str:
        if isinstance(v, list | tuple):
            v = "、".join(map(str, v))
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        if isinstance(v, float):
            v = f"{v:g}"
        return str(v).replace("|", "\\|").replace("\n", " ")

    head = [cell(c) for c in df.columns]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def write_table(df: pd.DataFrame, out: Path | None, index: bool = False) -> None:
    """Write ``df`` to ``out`` (.csv or .md) or print Markdown to stdout."""
    if out is None:
        sys.stdout.write(markdown_table(df, index=index))
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        flat = df.copy()
        for col in flat.columns:
            if flat[col].map(lambda v: isinstance(v, list)).any():
                flat[col] = flat[col].map(
                    lambda v: "、".join(map(str, v)) if isinstance(v, list) else v
                )
        flat.to_csv(out, index=index, encoding="utf-8-sig")
    elif suffix in (".md", ".markdown"):
        out.write_text(markdown_table(df, index=index), encoding="utf-8")
    else:
        raise ValueError(f"--out must end in .csv or .md, not {out.name!r}")


def _add_corpus_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"corpus directory (default {DEFAULT_CORPUS})",
    )


def add_compare_subcommands(sub: argparse._SubParsersAction) -> None:
    """Register ``compare``, ``search``, ``report`` and ``export`` on the main CLI."""
    cmp_ = sub.add_parser(
        "compare",
        help="comparison tables across documents and regions (CSV or Markdown)",
        description="Comparison tables over a built corpus, written as CSV or Markdown.",
    )
    cmp_sub = cmp_.add_subparsers(dest="comparison", metavar="TABLE", required=True)
    for name, help_text in COMPARISONS.items():
        p = cmp_sub.add_parser(name, help=help_text, description=help_text)
        _add_corpus_arg(p)
        p.add_argument(
            "--out", type=Path, help="output file, .csv or .md (default: Markdown on stdout)"
        )
        if name in ("coverage", "gap"):
            p.add_argument(
                "--by",
                choices=["region", "document"],
                default="region" if name == "coverage" else "document",
                help="rows: regions or documents",
            )
        if name == "coverage":
            p.add_argument("--share", action="store_true", help="shares of units instead of counts")
        if name == "targets":
            p.add_argument("--indicator", help="only this indicator (any alias: 护床比, 预约率 …)")
            p.add_argument("--wide", action="store_true", help="regions × indicators, side by side")
        if name == "gap":
            p.add_argument(
                "--framework", default=None, help="cross-walk of taxonomy.toml (default ygfw_2018)"
            )
            p.add_argument("--long", action="store_true", help="one row per document × measure")
        p.set_defaults(func=run_compare)

    s = sub.add_parser(
        "search",
        help="full-text search with KWIC concordance (region, year, kind beside each hit)",
        description="Search the normalised text of every document; print each hit in context.",
    )
    s.add_argument(
        "query", metavar="QUERY", help="text to find (a regular expression with --regex)"
    )
    _add_corpus_arg(s)
    s.add_argument(
        "--width", type=int, default=20, help="characters of context on each side (default 20)"
    )
    s.add_argument("--regex", action="store_true", help="QUERY is a regular expression")
    s.add_argument(
        "--out", type=Path, help="write the hits as .csv or .md instead of printing lines"
    )
    s.add_argument("--region", help="only documents of this region (name, e.g. 四川省)")
    s.add_argument(
        "--level", choices=["national", "province", "city", "county"], help="only this level"
    )
    s.add_argument("--kind", help="only this document kind (action_plan, work_plan, report …)")
    s.add_argument("--units-only", action="store_true", help="only hits inside a unit of the plan")
    s.set_defaults(func=run_search)

    r = sub.add_parser(
        "report",
        help="static HTML report of the corpus (needs a CJK font)",
        description="Write index.html with charts, targets, timelines and a page per document.",
    )
    _add_corpus_arg(r)
    r.add_argument("--out", type=Path, help="output directory (default CORPUS/report)")
    r.set_defaults(func=run_report)

    e = sub.add_parser(
        "export",
        help="Parquet files and an embedded DuckDB database from the JSONL",
        description="Write CORPUS/parquet/<table>.parquet and CORPUS/corpus.duckdb.",
    )
    _add_corpus_arg(e)
    e.add_argument("--parquet-dir", type=Path, help="default CORPUS/parquet")
    e.add_argument("--duckdb", type=Path, help="default CORPUS/corpus.duckdb")
    e.set_defaults(func=run_export)


def _load(args: argparse.Namespace, prog: str):
    from pipeline.research.corpus import load_corpus

    try:
        return load_corpus(args.corpus)
    except (FileNotFoundError, ValueError) as err:
        print(f"planminer {prog}: error: {err}", file=sys.stderr)
        return None


def _comparison(compare, corpus, args: argparse.Namespace) -> tuple[pd.DataFrame, bool]:
    """The table asked for, and whether its index is part of it (matrices)."""
    index = False
    if args.comparison == "coverage":
        df, index = compare.coverage_matrix(corpus, by=args.by, share=args.share), True
    elif args.comparison == "targets":
        df = compare.targets_table(corpus, indicator=args.indicator, wide=args.wide)
        index = args.wide
    elif args.comparison == "timeline":
        df = compare.deadline_timeline(corpus)
    elif args.comparison == "agencies":
        df = compare.agency_involvement(corpus)
    else:
        framework = args.framework or compare.DEFAULT_FRAMEWORK
        df = (
            compare.framework_gap(corpus, framework)
            if args.long
            else compare.framework_gap_summary(corpus, framework, by=args.by)
        )
    return df, index


def run_compare(args: argparse.Namespace) -> int:
    from pipeline.research import compare

    corpus = _load(args, "compare")
    if corpus is None:
        return EXIT_USAGE
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", compare.NoLabelsWarning)
        df, index = _comparison(compare, corpus, args)
    for w in caught:
        print(f"planminer compare: warning: {w.message}", file=sys.stderr)
    try:
        write_table(df, args.out, index=index)
    except ValueError as err:
        print(f"planminer compare: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    import re

    from pipeline.research.kwic import format_kwic, kwic

    corpus = _load(args, "search")
    if corpus is None:
        return EXIT_USAGE
    try:
        hits = kwic(corpus, args.query, width=args.width, regex=args.regex)
    except (ValueError, re.error) as err:
        print(f"planminer search: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    if args.region:
        hits = hits[hits["region"] == args.region]
    if args.level:
        hits = hits[hits["region_level"] == args.level]
    if args.kind:
        hits = hits[hits["doc_kind"] == args.kind]
    if args.units_only:
        hits = hits[hits["task_id"].notna()]
    if args.out:
        write_table(hits, args.out)
    elif len(hits):
        print(format_kwic(hits, args.width))
    print(f"{len(hits)} hits in {hits['doc_id'].nunique()} documents", file=sys.stderr)
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    from pipeline.research.fonts import CJKFontNotFound
    from pipeline.research.report import write_report

    try:
        index = write_report(args.corpus, args.out)
    except (FileNotFoundError, CJKFontNotFound) as err:
        print(f"planminer report: error: {err}", file=sys.stderr)
        return EXIT_FAILED
    print(f"report written to {index}", file=sys.stderr)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from pipeline.research.export import write_duckdb, write_parquet

    corpus = _load(args, "export")
    if corpus is None:
        return EXIT_USAGE
    paths = write_parquet(corpus, args.parquet_dir)
    db = write_duckdb(corpus, args.duckdb)
    print(
        f"{len(paths)} parquet files in {next(iter(paths.values())).parent}; DuckDB: {db}",
        file=sys.stderr,
    )
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m pipeline.research.cli``) with the same sub-commands."""
    parser = argparse.ArgumentParser(prog="planminer", description="PlanMiner research commands")
    add_compare_subcommands(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
