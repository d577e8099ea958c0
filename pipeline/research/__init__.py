"""Research layer: load a built corpus as DataFrames, compare plans, search, export, report.

>>> from pipeline.research import load_corpus, targets_table
>>> c = load_corpus("corpus/structured")            # doctest: +SKIP
>>> targets_table(c, "床护比")                        # doctest: +SKIP
"""

from pipeline.research.compare import (
    agency_involvement,
    coverage_matrix,
    deadline_timeline,
    framework_gap,
    framework_gap_summary,
    shared_indicators,
    targets_table,
)
from pipeline.research.corpus import Corpus, load_corpus
from pipeline.research.export import write_duckdb, write_parquet
from pipeline.research.kwic import kwic
from pipeline.research.report import write_report

__all__ = [
    "Corpus",
    "agency_involvement",
    "coverage_matrix",
    "deadline_timeline",
    "framework_gap",
    "framework_gap_summary",
    "kwic",
    "load_corpus",
    "shared_indicators",
    "targets_table",
    "write_duckdb",
    "write_parquet",
    "write_report",
]
