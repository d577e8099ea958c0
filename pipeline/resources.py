"""Heavy resources, loaded once per worker process and passed to the stages.

Loading jieba's dictionary, OpenCC tables, spaCy and the classifier costs
seconds; doing it per document would dominate a build.  A worker builds one
``Resources`` and hands it to every call instead of modules keeping globals.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class Resources:
    model_path: Path | None = None

    @functools.cached_property
    def tokenizer(self) -> Any:
        """A jieba Tokenizer with the domain user dictionary (agency names, health terms)."""
        _import_jieba_without_pkg_resources()
        from pipeline.structure.segment import load_tokenizer

        return load_tokenizer()

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


def _import_jieba_without_pkg_resources() -> None:
    """Import jieba without letting it import ``pkg_resources``.

    (perf) jieba imports ``pkg_resources`` (about 0.1 s, and deprecated) only to
    open files shipped inside its package; when that import fails it opens the
    very same files by path instead.  A ``None`` entry in ``sys.modules`` makes
    that one import fail; it is removed again at once, so any later import of
    ``pkg_resources`` elsewhere works as usual.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba  # noqa: F401
    finally:
        del sys.modules["pkg_resources"]
