"""Where the segmenter's dictionaries live, found without importing jieba.

Importing jieba costs a build worker 0.1-0.3 s (it loads its HMM tables and
``pkg_resources``); the classifier's cached segmenter only needs to know
which dictionary files its cache was built from.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path

#: The project's domain dictionary (agency names, health-service terms).
USERDICT = Path(__file__).resolve().parents[1] / "data" / "userdict.txt"


def jieba_dictionary() -> tuple[str, Path]:
    """jieba's installed version and the path of its default dictionary file."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return importlib.metadata.version("jieba"), folder / "dict.txt"
