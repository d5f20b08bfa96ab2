"""The GB/T 2260 table as JSON for the address selects: the children of one division."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from werkzeug.wrappers import Response

from courier.domain import divisions as table
from courier.domain.divisions import Division

divisions = Blueprint("divisions", __name__)

# The table changes only with a release of the product.
MAX_AGE = 7 * 24 * 3600


@divisions.get("/divisions")
def provinces() -> Response:
    return _listed(table.provinces())


@divisions.get("/divisions/<code>")
def children(code: str) -> Response:
    """List a province's cities or a city's counties; a code that is neither is a 404."""
    found = table.cities(code) or table.counties(code)
    if not found:
        abort(404)
    return _listed(found)


def _listed(found: tuple[Division, ...]) -> Response:
    response = jsonify([{"code": d.code, "name": d.name} for d in found])
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    response.add_etag()
    return response.make_conditional(request)
