"""Entry, values, verification and import pages: permissions per role, bad input, the flows, query counts."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from indicators import importing
from indicators.models import Measurement, MeasurementImport, MeasurementState
from tests.factories import indicator_of, measurement_of
from tests.indicators.test_importing import GOOD_ROWS, THIS_YEAR, csv_bytes, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


ROLES = ["official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
IMPORTERS = {"official", "other_official", "office_staff"}


@pytest.fixture
def world(users, department, other_department, private_media):
    data = make_world(users["office_staff"], department, other_department)
    data["draft"] = measurement_of(data["yearly"], actor=users["official"], year=2019, value="60")
    data["import"] = importing.import_upload(
        framework=data["framework"],
        upload=SimpleUploadedFile("values.csv", csv_bytes(GOOD_ROWS)),
        actor=users["official"],
    )
    return data


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def value_data(**overrides):
    data = {"year": "2020", "period": "0", "category": "total", "value": "64.5", "source_note": "교육청", "version": ""}
    data.update(overrides)
    return data


# ---------------------------------------------------------------- permissions


def get_urls(world):
    token = world["import"].token
    return {
        "entry": (reverse("indicators:entry"), IMPORTERS),
        "values": (reverse("indicators:indicator-values", args=[world["yearly"].pk]), {"official", "office_staff"}),
        "verify": (reverse("indicators:verify"), {"office_staff"}),
        "import": (reverse("indicators:import"), IMPORTERS),
        "preview": (reverse("indicators:import-preview", args=[token]), {"official", "office_staff"}),
        "errors": (reverse("indicators:import-errors", args=[token]), {"official", "office_staff"}),
        "template": (reverse("indicators:import-template", args=[world["framework"].pk]), IMPORTERS),
    }


@pytest.mark.parametrize("page", ["entry", "values", "verify", "import", "preview", "errors", "template"])
def test_who_may_open_each_page(client_for, world, page):
    url, allowed = get_urls(world)[page]
    assert is_login_redirect(client_for(None).get(url))
    for role in ROLES:
        status = client_for(role).get(url).status_code
        if role in allowed:
            expected = 200
        elif page in ("preview", "errors") and role in IMPORTERS:
            expected = 404  # another importer's file: no hint that it exists
        else:
            expected = 403
        assert status == expected, (role, status)


@pytest.mark.parametrize("role", [*ROLES, None])
def test_who_may_post_a_value(client_for, world, role):
    url = reverse("indicators:indicator-values", args=[world["yearly"].pk])
    response = client_for(role).post(url, value_data())
    if role is None:
        assert is_login_redirect(response)
    elif role in ("official", "office_staff"):
        assert response.status_code == 303
        assert Measurement.objects.filter(year=2020, value=Decimal("64.5")).exists()
        return
    else:
        assert response.status_code == 403
    assert not Measurement.objects.filter(year=2020).exists()


@pytest.mark.parametrize("role", [*ROLES, None])
def test_who_may_verify(client_for, world, role):
    response = client_for(role).post(reverse("indicators:verify"), {"measurement": [world["draft"].pk]})
    world["draft"].refresh_from_db()
    if role == "office_staff":
        assert response.status_code == 303
        assert world["draft"].state == MeasurementState.VERIFIED
        return
    assert is_login_redirect(response) if role is None else response.status_code == 403
    assert world["draft"].state == MeasurementState.DRAFT


@pytest.mark.parametrize("role", [*ROLES, None])
def test_who_may_upload_and_confirm(client_for, world, role):
    client = client_for(role)
    upload = client.post(
        reverse("indicators:import"),
        {"framework": world["framework"].pk, "file": SimpleUploadedFile("v.csv", csv_bytes(GOOD_ROWS))},
    )
    confirm = client.post(reverse("indicators:import-preview", args=[world["import"].token]))
    if role is None:
        assert is_login_redirect(upload)
        assert is_login_redirect(confirm)
    elif role in IMPORTERS:
        assert upload.status_code == 303
    else:
        assert (upload.status_code, confirm.status_code) == (403, 403)
    if role == "other_official":
        assert confirm.status_code == 404
    if role in ("official", "office_staff"):
        assert confirm.status_code == 303
        assert Measurement.objects.count() == 6  # the 2019 draft of 1-01 is in the file: changed
    else:
        assert Measurement.objects.count() == 1


# ---------------------------------------------------------------- the entry page


def test_entry_page_lists_the_users_indicators(client_for, world):
    page = client_for("official").get(reverse("indicators:entry")).content.decode()
    assert "1-01" in page
    assert "1-02" in page
    assert "1-03" not in page
    assert reverse("indicators:indicator-values", args=[world["yearly"].pk]) in page
    assert reverse("indicators:import") in page
    assert reverse("indicators:import-template", args=[world["framework"].pk]) in page
    assert reverse("indicators:verify") not in page

    office = client_for("office_staff").get(reverse("indicators:entry"))
    assert office.context["draft_count"] == 1
    assert "1-03" in office.content.decode()
    assert 'data-draft-count="1"' in office.content.decode()


def test_entry_page_queries_do_not_grow(client_for, world, office_staff, department, django_assert_num_queries):
    client = client_for("office_staff")
    url = reverse("indicators:entry")
    with django_assert_num_queries(4):  # session, user with roles, …; the same for many rows
        assert client.get(url).status_code == 200
    for n in range(10):
        indicator_of(world["framework"], actor=office_staff, code=f"2-{n:02d}", responsible_department=department)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


# ---------------------------------------------------------------- the values page


def test_values_page_lists_the_values_and_adds_one(client_for, world):
    client = client_for("official")
    url = reverse("indicators:indicator-values", args=[world["yearly"].pk])
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["measurements"]) == [world["draft"]]
    response = client.post(
        url, value_data(category=str(world["framework"].dimensions.get(code="sex").categories.get(code="female").pk))
    )
    assert response.status_code == 303
    assert response["Location"] == url
    female = Measurement.objects.get(year=2020, category__code="female")
    assert (female.value, female.source_note, female.state) == (Decimal("64.5"), "교육청", MeasurementState.DRAFT)


def test_a_value_is_corrected_with_its_version(client_for, world):
    client = client_for("official")
    url = reverse("indicators:indicator-values", args=[world["yearly"].pk])
    draft = world["draft"]
    page = client.get(url, {"edit": draft.pk})
    assert page.context["form"].initial["version"] == 1
    assert page.context["editing"] == draft
    response = client.post(url, value_data(year="2019", value="61", version="1"))
    assert response.status_code == 303
    draft.refresh_from_db()
    assert (draft.value, draft.version, draft.revisions.count()) == (Decimal("61"), 2, 1)
    listed = client.get(url).context["measurements"][0]
    assert listed.revision_count == 1


def test_editing_an_unknown_value_is_not_found(client_for, world, office_staff):
    client = client_for("official")
    url = reverse("indicators:indicator-values", args=[world["yearly"].pk])
    other = measurement_of(world["quarterly"], actor=office_staff, year=2019, value="3")
    assert client.get(url, {"edit": "abc"}).status_code == 404
    assert client.get(url, {"edit": other.pk}).status_code == 404
    assert client.get(reverse("indicators:indicator-values", args=[999999])).status_code == 404


BAD_VALUES = [
    ("not a number", "yearly", {"value": "많음"}, "value", "Enter a number."),
    ("year in the future", "yearly", {"year": str(THIS_YEAR + 1)}, "year", f"between 1990 and {THIS_YEAR}"),
    ("period 5 on a quarterly", "quarterly", {"period": "5"}, "period", "the period must be 0 to 4"),
    ("above the plausible maximum", "yearly", {"value": "150"}, "value", "above the highest plausible value"),
    ("unknown category", "yearly", {"category": "999999"}, "category", "Select a valid choice."),
]


@pytest.mark.parametrize(
    ("indicator", "changes", "field", "message"), [case[1:] for case in BAD_VALUES], ids=[c[0] for c in BAD_VALUES]
)
def test_bad_values_are_refused_field_by_field_and_kept(client_for, world, indicator, changes, field, message):
    url = reverse("indicators:indicator-values", args=[world[indicator].pk])
    data = value_data(**changes)
    response = client_for("official").post(url, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert f'value="{data["source_note"]}"' in page
    assert f'value="{data[field]}"' in page or field == "category"
    assert not Measurement.objects.filter(year__gte=2020).exists()


def test_a_stale_version_is_refused_and_the_input_kept(client_for, world, official):
    measurement_of(world["yearly"], actor=official, year=2019, value="62")  # now version 2
    url = reverse("indicators:indicator-values", args=[world["yearly"].pk])
    response = client_for("official").post(url, value_data(year="2019", value="63.25", version="1"))
    assert response.status_code == 400
    assert "changed by someone else" in " ".join(response.context["form"].non_field_errors())
    assert 'value="63.25"' in response.content.decode()
    world["draft"].refresh_from_db()
    assert world["draft"].value == Decimal("62")


def test_another_departments_official_cannot_post_values(client_for, world):
    url = reverse("indicators:indicator-values", args=[world["foreign"].pk])
    assert client_for("official").get(url).status_code == 403
    assert client_for("official").post(url, value_data()).status_code == 403
    assert client_for("other_official").get(url).status_code == 200


def test_values_page_queries_do_not_grow(client_for, world, official, django_assert_num_queries):
    client = client_for("official")
    url = reverse("indicators:indicator-values", args=[world["yearly"].pk])
    with django_assert_num_queries(7):  # session, user with roles, …; the same for many rows
        assert client.get(url).status_code == 200
    for year in range(2000, 2019):
        measurement_of(world["yearly"], actor=official, year=year, value="50")
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


# ---------------------------------------------------------------- verification


def test_office_verifies_the_selected_drafts(client_for, world, official):
    other = measurement_of(world["yearly"], actor=official, year=2018, value="58")
    client = client_for("office_staff")
    page = client.get(reverse("indicators:verify"))
    assert {draft.pk for draft in page.context["drafts"]} == {world["draft"].pk, other.pk}
    response = client.post(reverse("indicators:verify"), {"measurement": [world["draft"].pk]})
    assert response.status_code == 303
    world["draft"].refresh_from_db()
    other.refresh_from_db()
    assert world["draft"].state == MeasurementState.VERIFIED
    assert other.state == MeasurementState.DRAFT
    world["yearly"].refresh_from_db()
    assert world["yearly"].latest_value == Decimal("60")
    # Verifying it again does nothing and says so.
    again = client.post(reverse("indicators:verify"), {"measurement": [world["draft"].pk]}, follow=True)
    assert "Nothing was verified" in again.content.decode()


@pytest.mark.parametrize("data", [{}, {"measurement": ["abc"]}])
def test_verify_needs_a_valid_selection(client_for, world, data):
    response = client_for("office_staff").post(reverse("indicators:verify"), data)
    assert response.status_code == 400
    assert "data-error-summary" in response.content.decode()
    world["draft"].refresh_from_db()
    assert world["draft"].state == MeasurementState.DRAFT


def test_verify_page_queries_do_not_grow(client_for, world, official, django_assert_num_queries):
    client = client_for("office_staff")
    url = reverse("indicators:verify")
    with django_assert_num_queries(4):  # session, user with roles, …; the same for many rows
        assert client.get(url).status_code == 200
    for year in range(2000, 2019):
        measurement_of(world["quarterly"], actor=official, year=year, period=1, value="5")
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


# ---------------------------------------------------------------- import


def test_upload_refuses_a_file_that_is_not_a_spreadsheet(client_for, world):
    response = client_for("official").post(
        reverse("indicators:import"),
        {"framework": world["framework"].pk, "file": SimpleUploadedFile("v.csv", b"\x00\x01binary")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    missing = client_for("official").post(reverse("indicators:import"), {"framework": "999"})
    assert missing.status_code == 400
    assert set(missing.context["form"].errors) == {"framework", "file"}
    assert MeasurementImport.objects.count() == 1


def test_the_import_flow_good_file(client_for, world, official):
    client = client_for("official")
    response = client.post(
        reverse("indicators:import"),
        {"framework": world["framework"].pk, "file": SimpleUploadedFile("값.csv", csv_bytes(GOOD_ROWS))},
    )
    assert response.status_code == 303
    measurement_import = MeasurementImport.objects.latest("pk")
    assert measurement_import.uploaded_by == official
    assert measurement_import.original_name == "값.csv"
    url = reverse("indicators:import-preview", args=[measurement_import.token])
    assert response["Location"] == url
    preview = client.get(url)
    check = preview.context["check"]
    assert (check.rows, check.to_create, check.to_update, check.unchanged, check.errors) == (6, 5, 1, 0, [])
    assert 'id="import-confirm"' in preview.content.decode()
    assert client.post(url).status_code == 303
    assert Measurement.objects.count() == 6
    world["draft"].refresh_from_db()
    assert (world["draft"].value, world["draft"].version) == (Decimal("61.5"), 2)
    done = client.get(url)
    assert "data-import-result" in done.content.decode()
    assert 'id="import-confirm"' not in done.content.decode()
    again = client.post(url, follow=True)
    assert "already been imported" in again.content.decode()
    assert Measurement.objects.count() == 6


def test_the_import_flow_file_with_errors(client_for, world):
    client = client_for("official")
    rows = [*GOOD_ROWS, ["1-03", 2020, "", "", "", "1", ""], ["1-01", 2021, "", "", "", "abc", ""]]
    client.post(
        reverse("indicators:import"),
        {"framework": world["framework"].pk, "file": SimpleUploadedFile("bad.csv", csv_bytes(rows))},
    )
    measurement_import = MeasurementImport.objects.latest("pk")
    url = reverse("indicators:import-preview", args=[measurement_import.token])
    page = client.get(url).content.decode()
    assert "data-import-errors" in page
    assert 'id="import-confirm"' not in page
    assert reverse("indicators:import-errors", args=[measurement_import.token]) in page
    confirm = client.post(url)
    assert confirm.status_code == 400
    assert Measurement.objects.count() == 1
    measurement_import.refresh_from_db()
    assert (measurement_import.row_count, measurement_import.error_count, measurement_import.confirmed_at) == (
        8,
        2,
        None,
    )

    errors = client.get(reverse("indicators:import-errors", args=[measurement_import.token]))
    assert errors["Content-Type"].startswith("text/csv")
    assert "attachment" in errors["Content-Disposition"]
    assert errors.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(errors.content.decode("utf-8-sig"))))
    assert rows[0] == ["row", "column", "message"]
    assert [row[:2] for row in rows[1:]] == [["8", "indicator_code"], ["9", "value"]]


def test_the_template_holds_the_users_indicators(client_for, world):
    url = reverse("indicators:import-template", args=[world["framework"].pk])
    response = client_for("official").get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["values"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["1-01", "1-02"]
    office = client_for("office_staff").get(url)
    sheet = load_workbook(io.BytesIO(office.content), read_only=True)["values"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["1-01", "1-02", "1-03"]
    assert client_for("official").get(reverse("indicators:import-template", args=[999999])).status_code == 404
