from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.research.corpus import TABLES, Corpus
from pipeline.research.export import write_duckdb, write_parquet


def test_write_parquet_round_trip(fixture_dir: Path, corpus: Corpus, tmp_path: Path) -> None:
    paths = write_parquet(fixture_dir, tmp_path / "pq")
    assert list(paths) == list(TABLES)
    for name, path in paths.items():
        back = pd.read_parquet(path)
        assert list(back.columns) == list(corpus.tables()[name].columns), name
        assert len(back) == len(corpus.tables()[name]), name
    targets = pd.read_parquet(paths["targets"])
    assert isinstance(targets["region_level"].dtype, pd.CategoricalDtype)
    assert targets.loc[targets.indicator_norm == "床护比", "value_norm"].tolist() == [0.6, 0.4]
    docs = pd.read_parquet(paths["documents"])
    assert str(docs["issued_date"].dtype).startswith("datetime64")
    assert list(docs.loc[0, "issuers"]) == ["国家卫生计生委", "国家中医药管理局"]


def test_write_parquet_default_location(corpus: Corpus, tmp_path: Path) -> None:
    """Given a loaded corpus, the default directory is <corpus>/parquet."""
    moved = Corpus(**corpus.tables(), path=tmp_path)
    (tmp_path / "documents.jsonl").write_text("", encoding="utf-8")
    paths = write_parquet(moved)
    assert paths["documents"] == tmp_path / "parquet" / "documents.parquet"


def test_write_duckdb_tables_and_readme_sql(fixture_dir: Path, tmp_path: Path) -> None:
    db = write_duckdb(fixture_dir, tmp_path / "corpus.duckdb")
    assert db.is_file() and not (tmp_path / "corpus.duckdb.tmp").exists()
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        assert tables == set(TABLES)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        assert counts == {
            "documents": 4,
            "tasks": 11,
            "labels": 17,
            "deadlines": 6,
            "targets": 9,
            "agencies": 8,
        }
        # README: which regions set a 床护比 target, and at what level?
        rows = con.execute(
            """SELECT region, region_level, comparator, value_norm, year
               FROM targets WHERE indicator_norm = '床护比' ORDER BY value_norm DESC"""
        ).fetchall()
        assert rows == [
            ("四川省", "province", ">=", 0.6, 2020),
            ("临沂市", "city", ">=", 0.4, None),
        ]
        # README: which plans leave out 远程医疗?
        rows = con.execute(
            """SELECT d.region, d.title FROM documents d
               WHERE NOT EXISTS (SELECT 1 FROM labels l
                                 WHERE l.doc_id = d.doc_id AND l.code = 'telemedicine')"""
        ).fetchall()
        assert rows == [("临沂市", "临沂市看病就医便民惠民服务行动计划(2019-2021年)")]
        # dates are dates, lists are lists
        assert (
            con.execute("SELECT typeof(issued_date) FROM documents LIMIT 1")
            .fetchone()[0]
            .startswith("TIMESTAMP")
        )
        assert con.execute(
            "SELECT heading_path FROM tasks WHERE task_id = 'sc-2018-plan#001'"
        ).fetchone()[0] == ["二、重点任务"]
    finally:
        con.close()


def test_write_duckdb_replaces_old_file(fixture_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    db.write_bytes(b"stale")
    write_duckdb(fixture_dir, db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 4
    con.close()


def _blocks(lang: str) -> list[str]:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "research.md").read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", doc, flags=re.S)


def test_docs_readme_example_runs(fixture_dir: Path, tmp_path: Path, capsys) -> None:
    """The README example of docs/research.md, pandas and SQL, answers on the fixture corpus."""
    code = _blocks("python")[0].replace('"corpus/structured"', repr(str(fixture_dir)))
    exec(compile(code, "docs/research.md", "exec"), {})
    out = capsys.readouterr().out
    assert "四川省" in out and "0.6" in out and "临沂市" in out
    db = write_duckdb(fixture_dir, tmp_path / "c.duckdb")
    con = duckdb.connect(str(db), read_only=True)
    try:
        first, second = [s.strip() for s in _blocks("sql")[0].split(";") if s.strip()]
        assert [r[:2] for r in con.execute(first).fetchall()] == [
            ("临沂市", "city"),
            ("四川省", "province"),
        ]
        assert con.execute(second).fetchall() == [
            ("临沂市", "city", "临沂市看病就医便民惠民服务行动计划(2019-2021年)")
        ]
    finally:
        con.close()
