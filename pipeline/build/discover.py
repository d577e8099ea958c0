"""Find the input files of a build: files and directories (recursively), in a stable order.

Stable order matters: output order follows it, and two builds of the same
inputs must give byte-identical JSONL.  Symlink loops and unreadable
directories must not hang or stop discovery, so they are recorded instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


class UsageError(Exception):
    """Bad command-line input (missing or unreadable input path, bad option)."""


@dataclass(frozen=True)
class InputFile:
    path: Path  # as found (may be a symlink)
    root: Path  # the input root its relative path is computed from

    @property
    def rel_path(self) -> str:
        try:
            return self.path.relative_to(self.root).as_posix()
        except ValueError:
            return self.path.name


@dataclass
class Discovery:
    files: list[InputFile] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, message)


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def discover(inputs: list[Path]) -> Discovery:
    """Expand INPUT... into files; raises UsageError for an input that does not exist or can't be read."""
    found = Discovery()
    for given in inputs:
        if not given.exists():
            raise UsageError(f"input not found: {given}")
        if given.is_file():
            # an unreadable file is reported per file by the build, not as a usage error
            found.files.append(InputFile(given, given.parent))
            continue
        if not os.access(given, os.R_OK | os.X_OK):
            raise UsageError(f"input directory cannot be read: {given}")
        _walk(given, found)
    return found


def _walk(root: Path, found: Discovery) -> None:
    seen_dirs: set[tuple[int, int]] = set()

    def onerror(err: OSError) -> None:
        found.problems.append((str(err.filename), f"directory cannot be read: {err.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        st = os.stat(dirpath)
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            rel = Path(dirpath).relative_to(root).as_posix()
            found.problems.append((rel, "symlink loop: directory already visited, skipped"))
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d))
        for name in sorted(filenames):
            if _is_hidden(name):
                continue
            path = Path(dirpath) / name
            if path.is_symlink() and not path.exists():
                found.problems.append((path.relative_to(root).as_posix(), "broken symlink"))
                continue
            found.files.append(InputFile(path, root))
