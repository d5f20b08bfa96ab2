"""The task-queue port: run a named job later, outside the request."""

from __future__ import annotations

from typing import Protocol


class TaskQueue(Protocol):
    def enqueue(self, job: str, **arguments: int | str) -> None:
        """Run `job` with JSON-only arguments (ids, not objects) after the caller committed."""
        ...
