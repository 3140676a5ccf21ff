"""An official imports a file of values in a real browser: errors first, then the fixed file, then confirmation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from indicators.models import Measurement, MeasurementState
from tests.browser_support import BROWSER_DB, assert_no_axe_violations, login
from tests.factories import TEST_PASSWORD
from tests.indicators.test_importing import csv_bytes, make_world

pytestmark = [pytest.mark.browser, BROWSER_DB]

FIXED_ROWS = [
    ["1-01", 2019, "", "", "", "61.5", "교육청 통계"],
    ["1-01", 2020, "", "", "", "64", "교육청 통계"],
    ["1-01", 2020, "", "sex", "female", "66.25", ""],
    ["1-02", 2020, 3, "", "", "120", "상담 기록"],
]
BAD_ROWS = [
    FIXED_ROWS[0],
    ["1-01", 2020, "", "", "", "육십사", "교육청 통계"],  # not a number
    ["1-01", 2020, "", "sex", "unknown", "66.25", ""],  # unknown category
    ["1-03", 2020, "", "", "", "12", ""],  # another department's indicator
    ["1-02", 2020, 5, "", "", "120", ""],  # no fifth quarter
]


def choose_and_upload(page, framework_pk: int, name: str, content: bytes) -> None:
    page.locator("#id_framework").select_option(str(framework_pk))
    page.locator("#id_file").set_input_files({"name": name, "mimeType": "text/csv", "buffer": content})
    with page.expect_navigation():
        page.locator("#import-check").click()


def test_official_fixes_a_file_with_errors_and_imports_it(
    live_server, page, official, office_staff, department, other_department, private_media
):
    world = make_world(office_staff, department, other_department)
    framework = world["framework"]
    login(page, live_server.url, official.username, TEST_PASSWORD)

    page.goto(live_server.url + reverse("indicators:entry"))
    expect(page.locator("tr[data-indicator]")).to_have_count(2)
    with page.expect_navigation():
        page.locator("#import-link").click()
    assert page.url.endswith(reverse("indicators:import"))

    # A file with errors: every problem shown by row and column; nothing can be confirmed.
    choose_and_upload(page, framework.pk, "지표값.csv", csv_bytes(BAD_ROWS))
    assert "/indicators/import/" in page.url
    errors = page.locator("[data-import-errors] tbody tr")
    expect(errors).to_have_count(4)
    expect(errors.nth(0).locator("th")).to_have_text("3")
    expect(errors.nth(0).locator("code")).to_have_text("value")
    expect(page.locator("[data-count='errors']")).to_have_text("4")
    expect(page.locator("#import-confirm")).to_have_count(0)
    expect(page.locator("#errors-csv")).to_be_visible()
    assert_no_axe_violations(page, "the preview of a file with errors")
    assert not Measurement.objects.exists()

    # The fixed file: a clean preview, then the confirmation.
    with page.expect_navigation():
        page.locator("#upload-again").click()
    expect(page.locator("#id_framework")).to_have_value(str(framework.pk))
    choose_and_upload(page, framework.pk, "지표값-수정.csv", csv_bytes(FIXED_ROWS))
    expect(page.locator("[data-import-errors]")).to_have_count(0)
    expect(page.locator("[data-count='create']")).to_have_text("4")
    expect(page.locator("#import-confirm")).to_be_visible()
    assert_no_axe_violations(page, "the preview of a correct file")
    with page.expect_navigation():
        page.locator("#import-confirm").click()
    expect(page.locator("[data-import-result]")).to_be_visible()
    expect(page.locator("[data-count='created']")).to_have_text("4")
    assert Measurement.objects.filter(state=MeasurementState.DRAFT).count() == 4

    # The values are listed on the indicator's values page.
    page.goto(live_server.url + reverse("indicators:indicator-values", args=[world["yearly"].pk]))
    rows = page.locator("[data-values] tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("[data-values] [data-value]")).to_have_text(["64", "66.25", "61.5"])
    assert_no_axe_violations(page, "the indicator's values page")
