"""Fixtures of the research tests: the synthetic fixture corpus, loaded once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.research.corpus import Corpus, load_corpus

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "research"
BUILT_CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "structured"


@pytest.fixture(scope="session")
def fixture_dir() -> Path:
    return FIXTURE_DIR


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(FIXTURE_DIR)


@pytest.fixture(scope="session")
def built_corpus_dir() -> Path:
    """corpus/structured, or the directory in $PLANMINER_CORPUS (to check another build)."""
    path = Path(os.environ.get("PLANMINER_CORPUS") or BUILT_CORPUS)
    if not (path / "documents.jsonl").is_file():
        pytest.skip(f"no built corpus at {path} (run `make corpus`)")
    return path
