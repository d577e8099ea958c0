"""The per-file function every engine runs: one input file in, its JSON-ready results out.

It is the unit of caching and of parallelism, so it takes and returns plain,
picklable data, loads nothing itself (resources come in), and turns any
failure of one file into an error result instead of an exception: one broken
file never stops a build.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.build.discover import InputFile
from pipeline.build.writers import dumps_line
from pipeline.timing import Stopwatch

if TYPE_CHECKING:
    from pipeline.resources import Resources
    from pipeline.schema import Document, Task

SUPPORTED_SUFFIXES = {".txt", ".text", ".html", ".htm", ".docx", ".pdf"}


@dataclass
class Limits:
    """Per-document resource limits, so one pathological file cannot hang a build."""

    max_bytes: int = 100 * 1024 * 1024
    timeout_s: float = 300.0  # 0 disables


class DocumentTimeout(BaseException):
    """Raised by the per-document alarm.

    A BaseException, like KeyboardInterrupt, so that the extractors' defensive
    ``except Exception`` blocks cannot swallow it and let a runaway document go on.
    """


@dataclass
class FileResult:
    """What one input file produced; `documents`/`tasks` are JSON-ready dicts."""

    path: str
    status: str  # ok | skipped | error
    message: str | None = None
    sha256: str | None = None
    # documents and tasks are empty in results served from the cache or sent by an engine's
    # worker: those carry only the rendered lines
    documents: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    cached: bool = False
    # The JSONL lines exactly as written, UTF-8 encoded; kept in the cache so that a hit is
    # copied, not re-encoded.  (perf) Bytes, not str: they are pickled, cached and written
    # without being decoded or encoded again.
    rendered: tuple[bytes, bytes] | None = None
    doc_ids: list[str] = field(default_factory=list)
    n_tasks: int = 0

    def jsonl(self) -> tuple[bytes, bytes]:
        """(documents.jsonl lines, tasks.jsonl lines) of this file, as UTF-8."""
        if self.rendered is None:
            self.rendered = (
                "".join(dumps_line(d) for d in self.documents).encode("utf-8"),
                "".join(dumps_line(t) for t in self.tasks).encode("utf-8"),
            )
        return self.rendered


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout after `seconds` (only where SIGALRM can be used: a main thread)."""
    usable = seconds > 0 and hasattr(signal, "setitimer")
    usable = usable and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise DocumentTimeout(f"document took longer than the time limit ({seconds:g} s)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def precheck(item: InputFile, limits: Limits) -> FileResult | None:
    """Reasons to skip or reject a file before reading it, as a result; None if it may be read."""
    rel = item.rel_path
    suffix = item.path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        return FileResult(
            rel, "skipped", f"unsupported file type '{suffix or '(none)'}' (supported: {kinds})"
        )
    if not os.access(item.path, os.R_OK):
        return FileResult(rel, "error", "file cannot be read: permission denied")
    size = item.path.stat().st_size
    if size == 0:
        return FileResult(rel, "error", "empty file (0 bytes)")
    if size > limits.max_bytes:
        return FileResult(
            rel,
            "error",
            f"file is {size} bytes, over the size limit of {limits.max_bytes} bytes (--max-bytes)",
        )
    return None


def process_document(doc: Document, res: Resources, watch: Stopwatch) -> list[Task]:
    """Structure, extract and classify one ingested document."""
    # The stages are imported where they run, in the worker: the main process of an
    # unchanged rebuild only hashes files and reads the cache.
    from pipeline.extract.tasks import extract_tasks
    from pipeline.structure.units import find_units

    with watch.stage("structure"):
        units = find_units(doc.text, res)
    with watch.stage("extract"):
        tasks = extract_tasks(doc, units)
    with watch.stage("classify"):
        classifier = res.classifier
        if classifier is not None and tasks:
            for task, labels in zip(
                tasks, classifier.predict([t.text for t in tasks]), strict=True
            ):
                task.labels = labels
    doc.n_tasks = len(tasks)
    return tasks


def process_file(item: InputFile, res: Resources, limits: Limits | None = None) -> FileResult:
    """Ingest, structure, extract and classify one file; never raises for bad input."""
    from pipeline.ingest import IngestError, ingest_file
    from pipeline.schema import to_json_dict

    limits = limits or Limits()
    rejected = precheck(item, limits)
    if rejected is not None:
        return rejected
    rel = item.rel_path
    watch = Stopwatch()
    try:
        raw_bytes = item.path.read_bytes()
        with time_limit(limits.timeout_s):
            docs = ingest_file(item.path, item.root, res, raw_bytes=raw_bytes, watch=watch)
            doc_dicts, task_dicts = [], []
            for doc in docs:
                tasks = process_document(doc, res, watch)
                doc_dicts.append(to_json_dict(doc))
                task_dicts.extend(to_json_dict(t) for t in tasks)
    except (IngestError, DocumentTimeout) as err:
        return FileResult(rel, "error", str(err), timings=watch.seconds)
    except OSError as err:
        return FileResult(rel, "error", f"file cannot be read: {err.strerror or err}")
    except RecursionError:
        return FileResult(rel, "error", "document is nested too deeply to parse (recursion limit)")
    except Exception as err:  # a bug must not stop the build; report it specifically
        return FileResult(
            rel, "error", f"internal error while processing: {type(err).__name__}: {err}"
        )
    return FileResult(
        rel,
        "ok",
        None,
        doc_dicts[0]["source"]["sha256"],  # ingest hashed the bytes already
        doc_dicts,
        task_dicts,
        watch.seconds,
        doc_ids=[d["doc_id"] for d in doc_dicts],
        n_tasks=len(task_dicts),
    )
