"""PlanMiner: Chinese government action plans -> a structured, comparable corpus.

Public API: :func:`build` (raw files -> corpus) and :func:`load_corpus`
(corpus -> pandas DataFrames).  Imports are lazy so that `import pipeline`
stays cheap in worker processes.
"""

from __future__ import annotations

from typing import Any

from pipeline.version import __version__

__all__ = ["__version__", "build", "load_corpus"]


def build(*args: Any, **kwargs: Any) -> Any:
    from pipeline.build import build as _build

    return _build(*args, **kwargs)


def load_corpus(*args: Any, **kwargs: Any) -> Any:
    from pipeline.research import load_corpus as _load_corpus

    return _load_corpus(*args, **kwargs)
