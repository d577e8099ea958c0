"""Version strings written into every build report.

``CODE_VERSION`` changes whenever any source or data file of the package
changes, so that the build cache never serves results made by older code.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

__version__ = "0.1.0"

PACKAGE_DIR = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of every .py/.tsv/.toml/.txt/.json file of the package (stable across machines)."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".tsv", ".toml", ".txt", ".json"}:
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
