"""Run jobs in a background thread of the web process (the embedded default)."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

Runner = Callable[[str, dict[str, Any]], None]


class ThreadTaskQueue:
    """A one-thread job queue with a periodic sweep; enough for one hall's desk."""

    def __init__(
        self, run: Runner, sweep_every: float = 15.0, periodic: tuple[str, ...] = ()
    ) -> None:
        self._run = run
        self._jobs: queue.Queue[tuple[str, dict[str, Any]] | None] = queue.Queue()
        self._stop = threading.Event()
        self._sweep_every = sweep_every
        self._periodic = periodic
        self._threads: list[threading.Thread] = []

    def enqueue(self, job: str, **arguments: int | str) -> None:
        self._jobs.put((job, dict(arguments)))

    def start(self) -> None:
        self._threads = [
            threading.Thread(target=self._work, name="courier-jobs", daemon=True),
            threading.Thread(target=self._tick, name="courier-beat", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._jobs.put(None)
        for thread in self._threads:
            thread.join(timeout=5)

    def _work(self) -> None:
        while (item := self._jobs.get()) is not None:
            job, arguments = item
            try:
                self._run(job, arguments)
            except Exception as error:  # a failed job must not stop the queue
                log.warning("job %s failed: %s", job, type(error).__name__)
            finally:
                self._jobs.task_done()
        self._jobs.task_done()

    def _tick(self) -> None:
        while not self._stop.wait(self._sweep_every):
            for job in self._periodic:
                self.enqueue(job)


class ImmediateTaskQueue:
    """Run each job at once in the caller's thread (tests, benchmarks, one-shot tools)."""

    def __init__(self, run: Runner) -> None:
        self._run = run

    def enqueue(self, job: str, **arguments: int | str) -> None:
        self._run(job, dict(arguments))
