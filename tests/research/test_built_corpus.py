"""Checks on the corpus `make corpus` builds (skipped until corpus/structured exists)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.research import coverage_matrix, framework_gap, kwic, load_corpus, targets_table
from pipeline.research.fonts import CJKFontNotFound
from pipeline.research.report import documents_by_level, write_report

pytestmark = pytest.mark.slow


def test_built_corpus_loads_and_spans_hold(built_corpus_dir: Path) -> None:
    c = load_corpus(built_corpus_dir)
    assert len(c.documents) > 0
    assert documents_by_level(c).to_numpy().sum() == len(c.documents)  # no document lost
    text = c.documents.set_index("doc_id")["text"]
    for name in ("tasks", "deadlines", "targets", "agencies"):
        df = c.tables()[name]
        for r in df.itertuples(index=False):
            field = r.name if name == "agencies" else r.text
            assert text[r.doc_id][r.span_start : r.span_end] == field, (name, r.doc_id)
    # every comparison runs on the real corpus
    assert len(coverage_matrix(c, by="document")) == len(c.documents)
    targets_table(c, wide=True)
    framework_gap(c)
    assert len(kwic(c, "医疗")) > 0


def test_built_corpus_report(built_corpus_dir: Path, tmp_path: Path) -> None:
    try:
        index = write_report(built_corpus_dir, tmp_path / "report")
    except CJKFontNotFound as err:
        pytest.skip(str(err))
    assert index.is_file()
    assert len(list((tmp_path / "report" / "docs").glob("*.html"))) == len(
        load_corpus(built_corpus_dir).documents
    )
