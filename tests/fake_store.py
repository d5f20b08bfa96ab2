"""The in-memory table every repository fake builds on."""

from __future__ import annotations

import itertools
from typing import Any

from courier.domain.errors import Conflict
from courier.storage.uow import CONCURRENT_CHANGE


class Store:
    """Objects keyed by id, handing out ids on add like a database would."""

    # Attributes whose values the table keeps unique.
    unique: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.items: dict[int, Any] = {}
        self.ids = itertools.count(1)

    def add(self, item: Any) -> None:
        for name in self.unique:
            other = self.find(**{name: getattr(item, name)})
            if other is not None and other is not item:
                # The database refuses the row when the transaction commits.
                raise Conflict(CONCURRENT_CHANGE)
        if item.id is None:
            item.id = next(self.ids)
        self.items[item.id] = item

    def get(self, item_id: int) -> Any:
        return self.items.get(item_id)

    def find(self, **match: Any) -> Any:
        return next(
            (i for i in self.items.values() if all(getattr(i, k) == v for k, v in match.items())),
            None,
        )

    def list(self) -> list[Any]:
        return list(self.items.values())
