"""PDF endpoints: one label, a batch of labels, handovers and their lists."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from courier.app import openapi_examples as examples
from courier.app.answers import HandoverCreated
from courier.app.api import body, me
from courier.app.auth import api_login_required
from courier.app.context import courier
from courier.app.openapi import Media, documented
from courier.app.openapi_requests import HandoverRequest, LabelBatch
from courier.domain.text import Text
from courier.services import labels as printing

pdfs = Blueprint("pdfs", __name__, url_prefix="/api/v1")
PDF = Media("application/pdf", Text("PDF 文件。"))
SIZE = {"enum": ["100x150", "100x180", "76x130"], "description": Text("面单尺寸，默认 100x150。")}


def pdf(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _labels(leg_ids: list[int], size: object) -> bytes:
    app = courier()
    return printing.print_labels(
        app.uow(), app.labels, me(), leg_ids, size, app.clock, app.settings.public_base_url
    )


@pdfs.get("/legs/<int:leg_id>/label.pdf")
@documented(Text("打印一张面单"), answers={200: PDF}, errors=(409, 422), query={"size": SIZE})
@api_login_required
def leg_label(leg_id: int) -> Response:
    return pdf(_labels([leg_id], request.args.get("size")), f"label-{leg_id}.pdf")


@pdfs.post("/labels")
@documented(
    Text("批量打印面单"),
    request=LabelBatch,
    answers={200: PDF},
    errors=(404, 409),
    example=examples.LABELS,
)
@api_login_required
def batch_labels() -> Response:
    data = body()
    leg_ids = printing.leg_ids(data.get("leg_ids"))
    return pdf(_labels(leg_ids, data.get("size")), "labels.pdf")


@pdfs.post("/handovers")
@documented(
    Text("登记交接"),
    request=HandoverRequest,
    answers={201: HandoverCreated},
    errors=(404, 409),
    example=examples.HANDOVER,
)
@api_login_required
def record_handover() -> tuple[Response, int]:
    app = courier()
    leg_ids = printing.leg_ids(body().get("leg_ids"))
    handover_id = printing.record_handover(app.uow(), me(), leg_ids, app.clock)
    return jsonify({"id": handover_id, "list": f"/api/v1/handovers/{handover_id}/list.pdf"}), 201


@pdfs.get("/handovers/<int:handover_id>/list.pdf")
@documented(Text("打印交接清单"), answers={200: PDF})
@api_login_required
def handover_list(handover_id: int) -> Response:
    app = courier()
    document = printing.handover_list(app.uow(), app.labels, me(), handover_id)
    return pdf(document, f"handover-{handover_id}.pdf")
