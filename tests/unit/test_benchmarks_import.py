"""Every benchmark module still imports: a merge or a move must not break one silently."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import benchmarks

MODULES = sorted(
    m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
)


def test_there_are_benchmarks_to_check() -> None:
    assert len(MODULES) >= 6


@pytest.mark.parametrize("name", MODULES)
def test_each_benchmark_module_imports(name: str) -> None:
    module = importlib.import_module(f"benchmarks.{name}")
    assert callable(getattr(module, "main", None)), f"{name} has no main()"
