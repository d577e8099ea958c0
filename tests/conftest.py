"""Shared fixtures: the project's sample corpus and the optional ../shared material."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "corpus" / "raw"
SHARED_DIR = ROOT.parent / "shared"
CITY_REPORTS = SHARED_DIR / "corpora" / "city-work-reports-2024"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW_DIR


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip(f"../shared is absent ({SHARED_DIR}); tests on the shared corpora are skipped")
    return SHARED_DIR


@pytest.fixture(scope="session")
def city_reports_dir(shared_dir: Path) -> Path:
    if not CITY_REPORTS.is_dir():
        pytest.skip(f"city work reports not found at {CITY_REPORTS}")
    return CITY_REPORTS


@pytest.fixture(scope="session")
def resources():
    from pipeline.resources import Resources

    return Resources()
