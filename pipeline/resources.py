"""Heavy resources, loaded once per worker process and passed to the stages.

Loading the region table, OpenCC tables and the classifier (with its segmenter)
costs seconds; doing it per document would dominate a build.  A worker builds one
``Resources`` and hands it to every call instead of modules keeping globals.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class Resources:
    model_path: Path | None = None

    @functools.cached_property
    def t2s(self) -> Any:
        """OpenCC traditional->simplified converter (only used on traditional documents)."""
        from opencc import OpenCC

        return OpenCC("t2s")

    @functools.cached_property
    def regions(self) -> Any:
        """The administrative-division table used to name and code each document's region."""
        from pipeline.ingest.regions import RegionTable

        return RegionTable.load()

    @functools.cached_property
    def classifier(self) -> Any:
        """The trained task classifier from ``models/`` (None when no model file exists)."""
        from pipeline.classify.model import load_default_classifier

        return load_default_classifier(self.model_path)
