"""Run jobs in a background thread of the web process (the embedded default)."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

log = logging.getLogger(__name__)

Runner = Callable[[str, dict[str, Any]], None]


class ThreadTaskQueue:
    """A one-thread job queue with periodic jobs; enough for one hall's desk.

    `periodic` maps a job to its interval in seconds (the same table Celery beat reads); a
    bare tuple of names runs each every `sweep_every` seconds.
    """

    def __init__(
        self,
        run: Runner,
        sweep_every: float = 15.0,
        periodic: Mapping[str, float] | tuple[str, ...] = (),
    ) -> None:
        self._run = run
        self._jobs: queue.Queue[tuple[str, dict[str, Any]] | None] = queue.Queue()
        self._stop = threading.Event()
        every = periodic if isinstance(periodic, Mapping) else dict.fromkeys(periodic, sweep_every)
        self._periodic = dict(every)
        self._tick_every = min([sweep_every, *self._periodic.values()])
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
        due = {job: time.monotonic() + every for job, every in self._periodic.items()}
        while not self._stop.wait(self._tick_every):
            for job, at in due.items():
                if time.monotonic() >= at:
                    due[job] = time.monotonic() + self._periodic[job]
                    self.enqueue(job)


class ImmediateTaskQueue:
    """Run each job at once in the caller's thread (tests, benchmarks, one-shot tools)."""

    def __init__(self, run: Runner) -> None:
        self._run = run

    def enqueue(self, job: str, **arguments: int | str) -> None:
        self._run(job, dict(arguments))
