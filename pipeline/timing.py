"""Per-stage wall-clock accounting, so build reports and benchmarks can say where time goes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

STAGES = ("read", "normalise", "structure", "extract", "classify", "write")


class Stopwatch:
    """Accumulates seconds per named stage; cheap enough to leave on in production."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def add(self, other: dict[str, float]) -> None:
        for name, secs in other.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + secs
