"""Exports beyond JSONL: Parquet for pandas/Arrow users, an embedded DuckDB file for SQL.

Both are written from :func:`load_corpus`, so the tables, column names and normalised
indicators are the same whether a researcher uses pandas, Arrow or SQL.  The DuckDB file needs
no server: ``duckdb corpus/structured/corpus.duckdb`` or ``duckdb.connect(path)``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.research.corpus import TABLES, Corpus, load_corpus, resolve_corpus_dir

PARQUET_DIR = "parquet"
DUCKDB_FILE = "corpus.duckdb"


def _for_sql(df: pd.DataFrame) -> pa.Table:
    """Arrow table with categoricals as plain strings: SQL users compare codes to strings."""
    df = df.copy()
    for col in df.columns:
        if isinstance(df[col].dtype, pd.CategoricalDtype):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    return pa.Table.from_pandas(df, preserve_index=False)


def _corpus(corpus_dir: str | Path | Corpus) -> Corpus:
    return corpus_dir if isinstance(corpus_dir, Corpus) else load_corpus(corpus_dir)


def write_parquet(corpus_dir: str | Path, out_dir: str | Path | None = None) -> dict[str, Path]:
    """One ``<table>.parquet`` per table (default ``<corpus_dir>/parquet/``); returns the paths.

    Categoricals are stored as Arrow dictionaries, so ``pd.read_parquet`` gives them back as
    categoricals.
    """
    corpus = _corpus(corpus_dir)
    root = Path(out_dir) if out_dir else resolve_corpus_dir(corpus.path or corpus_dir) / PARQUET_DIR
    root.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, df in corpus.tables().items():
        path = root / f"{name}.parquet"
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path)
        paths[name] = path
    return paths


def write_duckdb(corpus_dir: str | Path, db_path: str | Path | None = None) -> Path:
    """An embedded DuckDB database with tables documents, tasks, labels, deadlines, targets, agencies.

    Written to a temporary file and renamed, so a reader never sees a half-built database and
    a rebuild replaces the old one completely.
    """
    import duckdb

    corpus = _corpus(corpus_dir)
    target = (
        Path(db_path) if db_path else resolve_corpus_dir(corpus.path or corpus_dir) / DUCKDB_FILE
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for name in TABLES:
            arrow = _for_sql(getattr(corpus, name))
            con.register("_staging", arrow)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _staging')
            con.unregister("_staging")
    finally:
        con.close()
    os.replace(tmp, target)
    return target
