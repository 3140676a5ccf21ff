"""``manage.py backup`` and ``manage.py restore``: a seeded portal survives the round trip into an empty database;
damaged, tampered and path-escaping archives are refused before anything is touched."""

import hashlib
import io
import json
import re
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from humanrights_portal.core import backup
from ombudsman.models import Attachment
from plans import services as plan_services
from tests.factories import (
    ComplaintFactory,
    area_of,
    assessment_requested,
    checklist_published,
    complaint_in_status,
    docx_bytes,
    plan_adopted,
    png_bytes,
    task_of,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def database_url(name: str) -> str:
    """A URL for database ``name`` on the test server (host may be a Unix socket folder)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{quote(db['HOST'] or '', safe='')}{port}/{name}"


def server_connection(name: str = "postgres"):
    target = backup.DatabaseTarget.from_settings({**connection.settings_dict, "NAME": name})
    conn = target.connect()
    conn.autocommit = True
    return conn


@pytest.fixture
def empty_database():
    """An empty database next to the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    admin = server_connection()
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield name
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()


def seed_portal(users, department):
    """Complaints with evidence (one in investigation), an adopted plan with its document and tasks, an assessment."""
    office, ombudsman, official = users["office_staff"], users["ombudsman"], users["official"]
    for number in range(3):
        ComplaintFactory(
            title=f"시험 진정 {number}",
            attachments=[
                SimpleUploadedFile(f"사진{number}.png", png_bytes(), content_type="image/png"),
                SimpleUploadedFile("진술서.docx", docx_bytes()),
            ],
        )
    complaint_in_status(
        "investigating",
        actor=ombudsman,
        title="정신요양시설 CCTV 설치",
        attachments=[SimpleUploadedFile("증거.png", png_bytes(), content_type="image/png")],
    )
    plan = plan_adopted(actor=office)
    plan_services.plan_document_attach(
        plan=plan, actor=office, upload=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    )
    area = area_of(plan, actor=office)
    task_of(area, actor=office, department=department, code="1-01", title="인권교육 확대")
    task_of(area, actor=office, department=department, code="1-02", title="장애인 이동권 보장")
    checklist_published(actor=office)
    assessment_requested(actor=official, department=department)


def rows(cursor, query):
    cursor.execute(query)
    return cursor.fetchall()


SAMPLES = [
    "SELECT receipt_code, title, status, complainant_name FROM ombudsman_complaint ORDER BY receipt_code",
    "SELECT file, original_name, sha256 FROM ombudsman_attachment ORDER BY file",
    "SELECT code, title, responsible_department_id FROM plans_policytask ORDER BY code",
    "SELECT title, document, status FROM plans_baseplan ORDER BY id",
    "SELECT title, status FROM impact_assessment ORDER BY id",
    "SELECT action, target_id FROM core_auditevent ORDER BY id",
]


@pytest.mark.django_db(transaction=True)
def test_backup_of_a_seeded_portal_restores_into_an_empty_database(
    users, department, private_media, empty_database, tmp_path_factory, settings
):
    seed_portal(users, department)
    originals = {
        path.relative_to(private_media).as_posix(): path.read_bytes()
        for path in private_media.rglob("*")
        if path.is_file()
    }
    assert len([name for name in originals if name.startswith("complaints/")]) == 7
    assert any(name.startswith("plans/") for name in originals)

    archive = tmp_path_factory.mktemp("backups") / "portal.tar.gz"
    out = io.StringIO()
    call_command("backup", output=archive, stdout=out)
    assert f"Backup written: {archive}" in out.getvalue()
    assert archive.name == "portal.tar.gz"
    assert [path.name for path in archive.parent.iterdir()] == ["portal.tar.gz"]  # no partial file left

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        dump_sha = hashlib.sha256(tar.extractfile("database.dump").read()).hexdigest()
    assert names[0] == "database.dump"
    assert names[-1] == "manifest.json"
    assert manifest["format_version"] == backup.FORMAT_VERSION
    assert manifest["database"]["name"] == connection.settings_dict["NAME"]
    assert manifest["database"]["dump"]["sha256"] == dump_sha
    assert manifest["database"]["tables"]["ombudsman_complaint"] == 4
    assert manifest["database"]["tables"]["ombudsman_attachment"] == 7
    assert manifest["versions"]["django"]
    assert {entry["path"]: entry["sha256"] for entry in manifest["files"]} == {
        name: hashlib.sha256(data).hexdigest() for name, data in originals.items()
    }

    restored_root = tmp_path_factory.mktemp("restored")
    settings.PRIVATE_MEDIA_ROOT = restored_root
    out = io.StringIO()
    call_command("restore", str(archive), database_url=database_url(empty_database), stdout=out)
    assert "Row counts of every table match the manifest." in out.getvalue()

    tables = backup.portal_tables()
    restored = server_connection(empty_database)
    try:
        with connection.cursor() as source, restored.cursor() as copy:
            assert backup.table_row_counts(copy, tables) == backup.table_row_counts(source.cursor, tables)
            for query in SAMPLES:
                assert rows(copy, query) == rows(source.cursor, query), query
            assert len(rows(copy, SAMPLES[0])) == 4
    finally:
        restored.close()

    restored_files = {
        path.relative_to(restored_root).as_posix(): path.read_bytes()
        for path in restored_root.rglob("*")
        if path.is_file()
    }
    assert restored_files == originals
    for attachment in Attachment.objects.all():
        assert hashlib.sha256((restored_root / attachment.file.name).read_bytes()).hexdigest() == attachment.sha256


@pytest.mark.django_db
def test_damaged_archives_and_non_empty_databases_are_refused(private_media, tmp_path_factory, settings):
    (private_media / "complaints").mkdir()
    (private_media / "complaints" / "evidence.png").write_bytes(png_bytes())
    archive = tmp_path_factory.mktemp("backups") / "portal.tar"
    call_command("backup", output=archive, stdout=io.StringIO())
    restored_root = tmp_path_factory.mktemp("restored")
    settings.PRIVATE_MEDIA_ROOT = restored_root
    nowhere = database_url("test_backup_no_such_database")  # verification comes before any connection

    # One byte of the evidence flipped inside the archive.
    with tarfile.open(archive) as tar:
        offset = tar.getmember("files/complaints/evidence.png").offset_data
    tampered = archive.with_name("tampered.tar")
    data = bytearray(archive.read_bytes())
    data[offset + 10] ^= 0xFF
    tampered.write_bytes(bytes(data))
    with pytest.raises(CommandError, match=re.escape("checksum mismatch for 'files/complaints/evidence.png'")):
        call_command("restore", str(tampered), database_url=nowhere, stdout=io.StringIO())

    truncated = archive.with_name("truncated.tar")
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="Refused"):
        call_command("restore", str(truncated), database_url=nowhere, stdout=io.StringIO())
    assert list(restored_root.iterdir()) == []

    # The test database itself has the portal's tables: refused without --force.
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert list(restored_root.iterdir()) == []


def build_archive(path: Path, members: list[tarfile.TarInfo], contents: dict[str, bytes]) -> Path:
    """An archive with ``members`` and a manifest that lists every file member with its true checksum."""
    dump = b"not really a dump"
    files = [
        {"path": name.removeprefix("files/"), "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in contents.items()
    ]
    manifest = {
        "format": backup.FORMAT_NAME,
        "format_version": backup.FORMAT_VERSION,
        "created_at": "2026-01-01T00:00:00+00:00",
        "database": {
            "name": "x",
            "tables": {},
            "dump": {"size": len(dump), "sha256": hashlib.sha256(dump).hexdigest()},
        },
        "files": files,
    }
    with tarfile.open(path, "w") as tar:
        for name, data in [("database.dump", dump)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for member in members:
            data = contents.get(member.name)
            tar.addfile(member, io.BytesIO(data) if data is not None else None)
        raw = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(raw)
        tar.addfile(info, io.BytesIO(raw))
    return path


def file_member(name: str, data: bytes) -> tuple[tarfile.TarInfo, dict[str, bytes]]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, {name: data}


def link_member(name: str, target: str, kind: bytes) -> tuple[tarfile.TarInfo, dict[str, bytes]]:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info, {}


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (file_member("files/../../escaped.txt", b"owned"), "escapes the file store"),
        (file_member("files/complaints/../../../escaped.txt", b"owned"), "escapes the file store"),
        (file_member("/srv/escaped.txt", b"owned"), "absolute path"),
        (link_member("files/complaints/evidence.png", "/etc/passwd", tarfile.SYMTYPE), "is a link"),
        (link_member("files/complaints/evidence.png", "../../../etc/passwd", tarfile.LNKTYPE), "is a link"),
        (file_member("settings.py", b"owned"), "unexpected archive member"),
    ],
)
def test_path_escaping_members_are_refused(member, message, tmp_path, settings):
    info, contents = member
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "store"
    archive = build_archive(tmp_path / "evil.tar", [info], contents)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive), database_url="postgres://nobody@127.0.0.1:1/none", stdout=io.StringIO())
    assert not (tmp_path / "store").exists()
    assert not (tmp_path / "escaped.txt").exists()


def test_a_failed_backup_leaves_no_archive_behind(tmp_path, settings, monkeypatch):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "store"
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "evidence.png").write_bytes(png_bytes())

    def fake_dump(target, path, log):
        path.write_bytes(b"dump")
        return {"name": target.name, "tables": {}}

    monkeypatch.setattr(backup, "_dump_database", fake_dump)
    real_add = backup._add_file

    def fail_on_files(tar, name, path):
        if name.startswith("files/"):
            raise OSError(28, "No space left on device")
        return real_add(tar, name, path)

    monkeypatch.setattr(backup, "_add_file", fail_on_files)
    output = tmp_path / "out"
    output.mkdir()
    with pytest.raises(CommandError, match="No space left on device"):
        call_command("backup", output=output / "portal.tar", stdout=io.StringIO())
    assert list(output.iterdir()) == []


def test_an_archive_inside_the_private_store_is_refused(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    with pytest.raises(CommandError, match="inside the private file store"):
        call_command("backup", output=tmp_path / "portal.tar", stdout=io.StringIO())
