"""Persistent per-file result cache, so an unchanged rebuild redoes nothing.

The key covers everything a result depends on: the raw bytes, the relative
path (it decides doc_id), the code version (hash of the package's sources and
data), the model fingerprint and the limits.  Entries are written to a
temporary file and renamed into place, so concurrent or interrupted builds
never leave a partial entry that a later build would read; an entry that
fails to parse or whose key does not match is treated as a miss.

An entry is a JSONL file: one header line (key, format, the result's metadata
and the lengths in bytes of the two parts), then the file's documents.jsonl lines and
its tasks.jsonl lines exactly as written.  (perf) A hit is thus one read of
bytes that go to the outputs as they are: the lines are neither JSON-decoded
nor even decoded from UTF-8.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pipeline.build.process import FileResult

CACHE_FORMAT = 3  # 2: JSONL lines stored as written; 3: after a header line, not as JSON strings


def cache_key(
    sha256: str, rel_path: str, code_version: str, model_fingerprint: str, limits: str
) -> str:
    material = "\0".join(
        [str(CACHE_FORMAT), sha256, rel_path, code_version, model_fingerprint, limits]
    )
    return hashlib.sha256(material.encode()).hexdigest()


class ResultCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.jsonl"

    def get(self, key: str) -> FileResult | None:
        path = self._path(key)
        try:
            with open(path, "rb") as fh:
                header_line = fh.readline()
                body = fh.read()
            header: dict[str, Any] = json.loads(header_line)
        except (OSError, ValueError):
            return None
        try:
            if header["key"] != key or header["format"] != CACHE_FORMAT:
                return None
            n_docs, n_tasks = header["lengths"]
            if not 0 <= n_docs <= n_docs + n_tasks == len(body):  # cut short or appended to
                return None
            meta = header["result"]
            return FileResult(
                path=meta["path"],
                status=meta["status"],
                message=meta["message"],
                sha256=meta["sha256"],
                timings=meta["timings"],
                doc_ids=meta["doc_ids"],
                n_tasks=meta["n_tasks"],
                rendered=(body[:n_docs], body[n_docs:]),
                cached=True,
            )
        except (KeyError, TypeError, ValueError):  # an entry of another shape is a miss
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store an ok result atomically (errors are not cached: a timeout may not recur)."""
        if result.status != "ok":
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        doc_lines, task_lines = result.jsonl()
        meta = {
            "path": result.path,
            "status": result.status,
            "message": result.message,
            "sha256": result.sha256,
            "timings": result.timings,
            "doc_ids": result.doc_ids,
            "n_tasks": result.n_tasks,
        }
        header = {
            "format": CACHE_FORMAT,
            "key": key,
            "result": meta,
            "lengths": [len(doc_lines), len(task_lines)],
        }
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".jsonl")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
                fh.write(doc_lines)
                fh.write(task_lines)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
