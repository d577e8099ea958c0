"""Engines run the per-file function over many files and yield results in input order.

All engines run the same :func:`~pipeline.build.process.process_file`, keep at
most a small window of files in flight (memory stays flat as the corpus
grows) and yield results in the order of the inputs, so the JSONL they lead
to is byte-identical whatever the engine or the number of jobs.

Each worker process loads its :class:`~pipeline.resources.Resources` once, on
first use, through :func:`worker_resources`; that per-process memo is the one
piece of process state the build keeps, and it is what "load once per
worker" means for pools and Dask workers alike.  Where processes are forked
(Linux), the pool loads them once in the parent before its workers start, so
that the workers inherit them instead of each loading its own (see
:meth:`PoolEngine.prepare`).
"""

from __future__ import annotations

import collections
import functools
import gc
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.build.discover import InputFile
from pipeline.build.process import FileResult, Limits, process_file
from pipeline.resources import Resources

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

ENGINES = ("local", "dask")


@functools.lru_cache(maxsize=4)
def worker_resources(model_path: str | None) -> Resources:
    """The resources of this worker process, created once per model path."""
    return Resources(model_path=Path(model_path) if model_path else None)


def preload_resources(model_path: str | None) -> None:
    """Load this process's resources and import the stages now rather than on first use.

    A model file that cannot be loaded raises here (the build turns that into a
    usage error, as :func:`~pipeline.build.check_model` does).  Any other failure
    is left for the per-file function, which reports it for each file exactly
    as it would have without preloading.
    """
    res = worker_resources(model_path)
    # (perf) Everything allocated here lives as long as the process: the cyclic GC
    # would scan the growing heap ~150 times for nothing (about 3% of the loading).
    gc_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            import pipeline.extract.tasks
            import pipeline.ingest
            import pipeline.structure.units  # noqa: F401

            _ = res.regions
        except Exception:
            check_model_file(model_path)  # the model is still checked before any file
            return
        if res.classifier is not None:
            # the classifier segments with its own cached arrays: no jieba Tokenizer to load
            res.classifier.warm_up()
    finally:
        if gc_enabled:
            gc.enable()


def run_one(item: InputFile, model_path: str | None, limits: Limits) -> FileResult:
    """`process_file` with this worker's resources; the result travels as rendered JSONL.

    (perf) Rendering the JSONL here, in the worker, spreads it over the workers and
    leaves the writing process less to do: UTF-8 bytes are pickled and unpickled far
    faster than the nested dicts they replace, and are written as they are.  The
    rendering counts as "write".
    """
    result = process_file(item, worker_resources(model_path), limits)
    started = time.perf_counter()
    result.jsonl()
    result.timings["write"] = result.timings.get("write", 0.0) + time.perf_counter() - started
    result.documents, result.tasks = [], []
    return result


def ordered_window(
    items: Iterable[InputFile], submit: Callable[[InputFile], Any], window: int
) -> Iterator[FileResult]:
    """Submit lazily, keep `window` futures in flight, yield results in submission order."""
    pending: collections.deque[Any] = collections.deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def check_model_file(model_path: str | None) -> None:
    """Load the model file once to see that the workers can (raises as loading does)."""
    if model_path is None:
        return
    from pipeline.classify.model import TaskClassifier

    TaskClassifier.load(model_path)


class _Immediate:
    """A finished 'future' for in-process execution."""

    def __init__(self, value: FileResult) -> None:
        self._value = value

    def result(self) -> FileResult:
        return self._value


class Engine:
    """Runs files in-process, one at a time (jobs=1): the reference engine."""

    window = 1

    def __init__(self, model_path: str | None, limits: Limits) -> None:
        self.model_path = model_path
        self.limits = limits

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def prepare(self) -> None:
        """Called once before the first file is submitted (never on a fully cached rebuild).

        Loads the resources in this process, where the files will be processed.
        """
        preload_resources(self.model_path)

    def submit(self, item: InputFile) -> Any:
        return _Immediate(run_one(item, self.model_path, self.limits))


class PoolEngine(Engine):
    """`--jobs N` on one machine: a process pool, each worker with its own resources."""

    def __init__(self, model_path: str | None, limits: Limits, jobs: int) -> None:
        super().__init__(model_path, limits)
        self.jobs = jobs
        self.window = jobs * 4
        self._pool: ProcessPoolExecutor | None = None
        # Fork where it is the platform's safe choice: workers then start in an instant
        # with whatever the parent has loaded (copy-on-write).
        self._fork = sys.platform.startswith("linux")

    def prepare(self) -> None:
        """Load the resources once, in the parent, then make the pool.

        (perf) The workers are forked on the first submit, after this: they inherit
        the loaded resources and imported stages instead of each spending about a
        second loading the same things side by side.  Without fork the workers
        load their own, and the parent only checks the model.  A fully cached
        rebuild never gets here, so it neither loads anything nor makes a pool.
        """
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if self._fork:
            preload_resources(self.model_path)
        else:
            check_model_file(self.model_path)
        context = multiprocessing.get_context("fork") if self._fork else None
        self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context)

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, item: InputFile) -> Future[FileResult]:
        assert self._pool is not None
        return self._pool.submit(run_one, item, self.model_path, self.limits)


class DaskEngine(Engine):
    """`--engine dask`: the same function on a Dask cluster (`--scheduler ADDRESS`), or on a
    LocalCluster of `jobs` worker processes when no address is given.

    Per-document time limits rely on SIGALRM, which Dask's worker threads cannot
    use; on Dask only the size limit applies.
    """

    def __init__(
        self, model_path: str | None, limits: Limits, jobs: int, scheduler: str | None
    ) -> None:
        super().__init__(model_path, limits)
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.window = self.jobs * 4
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> DaskEngine:
        from dask.distributed import Client, LocalCluster

        if self.scheduler:
            self._client = Client(self.scheduler)
            self.window = max(self.window, 4 * sum(self._client.nthreads().values()))
        else:
            self._cluster = LocalCluster(
                n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self._client = Client(self._cluster)
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def prepare(self) -> None:
        """The workers are elsewhere: only check that the model file can be loaded."""
        check_model_file(self.model_path)

    def submit(self, item: InputFile) -> Any:
        return self._client.submit(run_one, item, self.model_path, self.limits, pure=False)


def open_engine(
    name: str, jobs: int, model_path: str | None, limits: Limits, scheduler: str | None = None
) -> Engine:
    if name == "dask":
        return DaskEngine(model_path, limits, jobs, scheduler)
    if name != "local":
        raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
    return PoolEngine(model_path, limits, jobs) if jobs > 1 else Engine(model_path, limits)
