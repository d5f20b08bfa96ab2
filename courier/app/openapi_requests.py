"""Request bodies read without a command of their own, described for the OpenAPI document."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from courier.app.json_body import MAX_INT
from courier.domain.text import Text
from courier.services.labels import MAX_BATCH

LegId = Annotated[int, Field(ge=1, le=MAX_INT)]
LegIds = Annotated[list[LegId], Field(min_length=1, max_length=MAX_BATCH)]


class LabelBatch(BaseModel):
    leg_ids: LegIds
    # The same stock as courier.ports.labels.LABEL_SIZES (a unit test keeps them equal).
    size: Literal["100x150", "100x180", "76x130"] | None = Field(
        default=None, description=Text("面单尺寸，默认 100x150。")
    )


class HandoverRequest(BaseModel):
    leg_ids: LegIds
