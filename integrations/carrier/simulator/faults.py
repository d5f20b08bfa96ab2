"""Seeded, thread-safe fault injection: which call gets which fault."""

from __future__ import annotations

import dataclasses
import random
import threading
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from integrations.carrier.simulator.settings import FaultKind, FaultRule


def rule_from_json(data: dict[str, Any]) -> FaultRule:
    """Build a rule from the admin endpoint's JSON (same names as FaultRule's fields)."""
    names = {f.name for f in dataclasses.fields(FaultRule)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"unknown fault fields: {sorted(unknown)}")
    return FaultRule(**{**data, "kind": FaultKind(data["kind"])})


def rule_to_json(rule: FaultRule) -> dict[str, Any]:
    return {**dataclasses.asdict(rule), "kind": str(rule.kind)}


class FaultInjector:
    """Pick the fault (if any) for each call, deterministically for a given seed."""

    def __init__(self, rules: Iterable[FaultRule] = (), seed: int = 0) -> None:
        self._lock = threading.Lock()
        self.configure(rules, seed)

    def configure(self, rules: Iterable[FaultRule], seed: int) -> None:
        with self._lock:
            self._rules = [dataclasses.replace(rule) for rule in rules]
            self._seed = seed
            self._random = random.Random(seed)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"seed": self._seed, "rules": [rule_to_json(rule) for rule in self._rules]}

    def _fires(self, rule: FaultRule, operation: str) -> bool:
        if rule.operation not in ("*", operation) or rule.count == 0:
            return False
        return rule.probability >= 1.0 or self._random.random() < rule.probability

    def pick(self, operation: str) -> FaultRule | None:
        """Return the first rule that fires for this call, counting it down."""
        with self._lock:
            for rule in self._rules:
                if self._fires(rule, operation):
                    if rule.count is not None:
                        rule.count -= 1
                    return rule
            return None


class LateCommits:
    """Requests the carrier has taken but commits only later, as a slow back end does."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[tuple[datetime, Any]] = []

    def add(self, due: datetime, request: Any) -> None:
        with self._lock:
            self._waiting.append((due, request))

    def take_due(self, now: datetime) -> list[Any]:
        """Remove and return, oldest first, the requests whose commit time has come."""
        with self._lock:
            due = [request for at, request in self._waiting if at <= now]
            self._waiting = [(at, request) for at, request in self._waiting if at > now]
            return due

    def clear(self) -> None:
        with self._lock:
            self._waiting = []

    def __len__(self) -> int:
        with self._lock:
            return len(self._waiting)
