"""Fixtures of the research tests: the synthetic fixture corpus, loaded once."""

from __future__ import annotations

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
    if not (BUILT_CORPUS / "documents.jsonl").is_file():
        pytest.skip(f"no built corpus at {BUILT_CORPUS} (run `make corpus`)")
    return BUILT_CORPUS
