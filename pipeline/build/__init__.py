"""Build orchestration: discover inputs, run the per-file function, write the corpus.

`build()` is what `planminer build` and `make corpus` run.  It streams: files
are processed through an engine (serial, process pool or Dask) and their
results are written as they arrive, in input order, so memory does not grow
with the corpus and output is deterministic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.build.cache import ResultCache, cache_key
from pipeline.build.discover import InputFile, UsageError, discover
from pipeline.build.engines import Engine, _Immediate, open_engine, ordered_window
from pipeline.build.process import FileResult, Limits, file_sha256, precheck
from pipeline.build.writers import AtomicWriter, write_json
from pipeline.timing import STAGES
from pipeline.version import __version__, code_version

__all__ = ["BuildOptions", "UsageError", "build", "default_model_path"]


def default_model_path() -> Path:
    return Path(__file__).resolve().parents[2] / "models" / "task_classifier.json"


@dataclass
class BuildOptions:
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    cache_dir: Path | None = None  # default: <out>/../.cache
    use_cache: bool = True
    quiet: bool = False
    model_path: Path | None = None
    limits: Limits = field(default_factory=Limits)


def model_fingerprint(model_path: Path) -> str:
    if not model_path.is_file():
        return "none"
    return hashlib.sha256(model_path.read_bytes()).hexdigest()[:16]


def check_model(model_path: Path, engine: Engine) -> None:
    """Refuse a model file that the workers could not load, before any file is processed.

    Otherwise every file would fail one by one with the same error.  The engine
    loads the model where that also serves the build (see ``Engine.prepare``).
    """
    from pipeline.classify.model import ModelFormatError

    try:
        engine.prepare()
    except (ModelFormatError, OSError, ValueError, KeyError) as err:
        raise UsageError(f"model file {model_path} cannot be used: {err}") from err


def _model_info(model_path: Path, fingerprint: str) -> dict[str, Any]:
    info: dict[str, Any] = {"path": str(model_path), "fingerprint": fingerprint}
    try:
        from pipeline.classify.taxonomy import taxonomy_version

        info["taxonomy_version"] = taxonomy_version()
    except Exception as err:  # the report still gets written without a taxonomy
        info["taxonomy_version"] = None
        info["taxonomy_error"] = str(err)
    return info


class _NoProgress:
    """Stands in for the progress bar when none is shown."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int = 1) -> None:
        return None


def _progress(total: int, quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        # (perf) no bar, so tqdm is not imported and starts no monitor thread before
        # the pool forks its workers
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr)


def build(inputs: list[Path], out_dir: Path, options: BuildOptions | None = None) -> dict[str, Any]:
    """Build the structured corpus of `inputs` into `out_dir`; returns the build report."""
    options = options or BuildOptions()
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    found = discover(inputs)
    model_path = options.model_path or default_model_path()
    fingerprint = model_fingerprint(model_path)
    limits_key = f"{options.limits.max_bytes}:{options.limits.timeout_s}"
    cache_dir = options.cache_dir or out_dir.parent / ".cache"
    cache = ResultCache(cache_dir) if options.use_cache else None
    version = code_version()

    entries: list[dict[str, Any]] = []
    stage_seconds = dict.fromkeys(STAGES, 0.0)
    totals = {
        "files": 0,
        "ok": 0,
        "skipped": 0,
        "error": 0,
        "documents": 0,
        "tasks": 0,
        "cached": 0,
    }
    first_seen: dict[str, str] = {}
    keys: dict[int, str] = {}
    prepared = False

    def plan(engine: Any) -> Iterator[Any]:
        """Per file: an immediate result (rejected, duplicate, cached) or the engine's future."""
        for index, item in enumerate(found.files):
            rejected = precheck(item, options.limits)
            if rejected is not None:
                yield _Immediate(rejected)
                continue
            try:
                sha = file_sha256(item.path)
            except OSError as err:
                yield _Immediate(
                    FileResult(item.rel_path, "error", f"file cannot be read: {err.strerror}")
                )
                continue
            if sha in first_seen:
                message = f"duplicate of {first_seen[sha]} (identical bytes); not processed twice"
                yield _Immediate(FileResult(item.rel_path, "skipped", message, sha))
                continue
            first_seen[sha] = item.rel_path
            key = cache_key(sha, item.rel_path, version, fingerprint, limits_key)
            keys[index] = key
            hit = cache.get(key) if cache else None
            if hit:
                yield _Immediate(hit)
                continue
            nonlocal prepared
            if not prepared:  # before the first file that needs it, not on a cached rebuild
                check_model(model_path, engine)
                prepared = True
            yield engine.submit(item)

    model_arg = str(model_path) if model_path.is_file() else None
    _remove_stale_temporaries(out_dir)
    engine = open_engine(options.engine, options.jobs, model_arg, options.limits, options.scheduler)
    docs_path, tasks_path = out_dir / "documents.jsonl", out_dir / "tasks.jsonl"
    with (
        engine,
        AtomicWriter(docs_path, binary=True) as docs_out,
        AtomicWriter(tasks_path, binary=True) as tasks_out,
        _progress(len(found.files), options.quiet) as bar,
    ):
        futures = plan(engine)
        for index, result in enumerate(ordered_window(futures, lambda f: f, engine.window)):
            write_started = time.perf_counter()
            doc_lines, task_lines = result.jsonl()
            docs_out.write(doc_lines)
            tasks_out.write(task_lines)
            stage_seconds["write"] += time.perf_counter() - write_started
            if cache and result.status == "ok" and not result.cached and index in keys:
                cache.put(keys[index], result)
            if not result.cached:
                for stage, secs in result.timings.items():
                    stage_seconds[stage] = stage_seconds.get(stage, 0.0) + secs
            entries.append(_entry(result, found.files[index]))
            totals["files"] += 1
            totals[result.status] += 1
            totals["documents"] += len(result.doc_ids)
            totals["tasks"] += result.n_tasks
            totals["cached"] += int(result.cached)
            bar.update(1)

    report = {
        "pipeline_version": __version__,
        "code_version": version,
        "model": _model_info(model_path, fingerprint),
        "engine": options.engine,
        "jobs": options.jobs,
        "inputs": [str(p) for p in inputs],
        "started_at": started_at,
        "totals": totals,
        "timings": {
            **{k: round(v, 4) for k, v in stage_seconds.items()},
            "wall": round(time.perf_counter() - started, 4),
        },
        "files": entries,
        "discovery_problems": [{"path": p, "message": m} for p, m in found.problems],
    }
    write_json(out_dir / "build_report.json", report)
    return report


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary outputs of a build that was killed (they are never renamed into place)."""
    for name in ("documents.jsonl", "tasks.jsonl", "build_report.json"):
        for stale in out_dir.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)


def _entry(result: FileResult, item: InputFile) -> dict[str, Any]:
    return {
        "path": result.path,
        "status": result.status,
        "message": result.message,
        "sha256": result.sha256,
        "format": item.path.suffix.lower().lstrip("."),
        "documents": result.doc_ids,
        "n_tasks": result.n_tasks,
        "cached": result.cached,
    }
