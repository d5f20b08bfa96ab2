"""An administrator reads the dashboard of a generated month, at 1280 px and on a 390 px phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from courier.bootstrap import bootstrap
from courier.config import Settings
from tests.dashboard_data import generate_month
from tests.e2e.conftest import serving

MONTH = "/admin/dashboard?from=2026-10-27&to=2026-11-25"


@pytest.fixture(scope="module")
def month_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the product, then write a generated month into its database."""
    workdir = tmp_path_factory.mktemp("dashboard")
    with serving(workdir) as base:
        app = bootstrap(Settings.from_env({"COURIER_VAR_DIR": str(workdir / "var")}))
        generate_month(app)
        app.close()
        yield base


@pytest.mark.parametrize("width", [1280, 390])
def test_the_administrator_sees_every_chart_with_its_table_and_export(
    month_server: str, browser, tmp_path: Path, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(month_server + "/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "courier-demo")
    page.click("main button[type=submit]")
    page.goto(month_server + "/admin")
    page.click("a:has-text('数据看板')")
    page.goto(month_server + MONTH)
    charts = page.locator("figure.dashboard-chart")
    assert charts.count() == 5
    assert page.locator("figure.dashboard-chart svg.chart").count() == 5
    bars = page.locator("#chart-parcels svg rect")
    assert bars.count() > 30
    page.click("#chart-parcels summary")
    assert page.locator("#chart-parcels tbody tr").count() == 30
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    with page.expect_download() as download:
        page.click("#chart-transit a:has-text('导出 CSV')")
    saved = tmp_path / "transit.csv"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")
    shot = tmp_path / f"dashboard-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    page.close()
