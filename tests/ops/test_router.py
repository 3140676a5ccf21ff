"""The optional read replica (off by default) and the configurable private storage."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test.utils import CaptureQueriesContext

from humanrights_portal.core.models import Department
from humanrights_portal.core.storage import PrivateStorage
from humanrights_portal.db_routers import ReadReplicaRouter, read_from_replica, use_read_replica

BOTH = pytest.mark.django_db(databases=["default", "replica"])


@pytest.fixture(scope="module", autouse=True)
def _close_the_replica_connection():
    # Its connection would otherwise stay open and keep the test database from being dropped at the end.
    yield
    connections["replica"].close()


@pytest.fixture
def replica_on(settings):
    # The test settings define "replica" as a mirror of the test database (TEST MIRROR), with routing off.
    settings.PORTAL_READ_REPLICA = "replica"


@pytest.mark.django_db
def test_routing_is_off_by_default(settings):
    assert settings.PORTAL_READ_REPLICA == ""
    with read_from_replica():
        assert Department.objects.all().db == "default"
        assert ReadReplicaRouter().db_for_read(Department) is None


def test_flagged_reads_go_to_the_replica_when_configured(replica_on):
    assert Department.objects.all().db == "default"
    with read_from_replica():
        assert Department.objects.all().db == "replica"
        # The request's own authentication always reads the primary.
        assert get_user_model().objects.all().db == "default"
    assert Department.objects.all().db == "default"


@BOTH
def test_a_read_after_a_write_stays_on_the_primary(replica_on):
    with read_from_replica():
        assert Department.objects.all().db == "replica"
        Department.objects.create(code="written", name_ko="쓰기", name_en="Written")
        assert Department.objects.all().db == "default"
        assert Department.objects.filter(code="written").exists()


@BOTH
def test_the_decorator_routes_a_view_s_reads(replica_on, rf):
    @use_read_replica
    def view(request):
        from django.http import HttpResponse

        return HttpResponse(str(Department.objects.count()))

    with CaptureQueriesContext(connections["replica"]) as on_replica:
        view(rf.get("/"))

    assert len(on_replica) == 1


@BOTH
def test_statistics_pages_read_from_the_replica_and_other_pages_do_not(client, replica_on):
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get("/complaints/statistics/")
    assert response.status_code == 200
    assert [q for q in on_replica.captured_queries if "ombudsman_complaint" in q["sql"]]
    # Only raw SQL through django.db.connection (a percentile the ORM cannot express) bypasses routers.
    assert not [q for q in on_primary.captured_queries if q["sql"].startswith('SELECT "ombudsman_')]

    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get("/complaints/new/").status_code == 200
    assert len(on_replica) == 0


@BOTH
def test_statistics_pages_stay_on_the_primary_when_routing_is_off(client):
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get("/complaints/statistics/").status_code == 200
    assert len(on_replica) == 0


# ------------------------------------------------------------------ the private storage behind every FileField


def test_private_storage_is_the_local_folder_by_default(settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    storage = PrivateStorage()

    name = storage.save("cases/evidence.txt", ContentFile(b"evidence"))

    assert isinstance(storage.backend, FileSystemStorage)
    assert (tmp_path / name).read_bytes() == b"evidence"
    assert storage.open(name).read() == b"evidence"
    assert storage.save("cases/evidence.txt", ContentFile(b"other")) != name  # never overwritten
    storage.delete(name)
    assert not storage.exists(name)
    # Migrations see the same storage as before: no new migration when the backend changes.
    assert storage.deconstruct() == ("humanrights_portal.core.storage.PrivateStorage", (), {})


def test_private_storage_is_s3_when_configured(settings):
    from storages.backends.s3 import S3Storage

    settings.PORTAL_PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "portal-evidence",
            "endpoint_url": "http://127.0.0.1:9000",
            "access_key": "key",
            "secret_key": "secret",
            "location": "private",
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
    storage = PrivateStorage()

    assert isinstance(storage.backend, S3Storage)
    assert storage.bucket_name == "portal-evidence"
    assert storage.location == "private"
    assert storage.file_overwrite is False
