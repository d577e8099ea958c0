"""Atomic output files: written beside the target and renamed into place on success.

An interrupted build (even kill -9) therefore leaves the previous corpus
intact; readers never see half a JSONL file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any


def dumps_line(record: dict[str, Any]) -> str:
    """One JSONL line; key order follows the data classes, so output is deterministic."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": ")) + "\n"


class AtomicWriter:
    """Context manager giving a handle whose content replaces `path` only on clean exit.

    A text handle (UTF-8, "\\n" line ends), or with ``binary=True`` a bytes handle.
    """

    def __init__(self, path: Path, binary: bool = False) -> None:
        self.path = path
        self.binary = binary
        self._tmp: str | None = None
        self._fh: IO[Any] | None = None

    def __enter__(self) -> IO[Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        if self.binary:
            self._fh = os.fdopen(fd, "wb")
        else:
            self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        return self._fh

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._fh is not None and self._tmp is not None
        try:
            if exc_type is None:
                self._fh.flush()
                os.fsync(self._fh.fileno())
            self._fh.close()
            if exc_type is None:
                os.replace(self._tmp, self.path)
        finally:
            if os.path.exists(self._tmp):
                os.unlink(self._tmp)


def write_json(path: Path, payload: Any) -> None:
    with AtomicWriter(path) as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
