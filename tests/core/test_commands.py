import pytest
from django.core.management import CommandError, call_command

from humanrights_portal.core.models import AuditEvent, Department, User

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_departments_and_one_login_per_role(capsys, settings):
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert settings.PORTAL_DEMO_PASSWORD in output
    for username in ("admin", "office", "ombudsman", "committee", "official", "official2"):
        assert f"  {username} " in output
        assert User.objects.get(username=username).check_password(settings.PORTAL_DEMO_PASSWORD)
    assert Department.objects.filter(is_human_rights_office=True).count() == 1
    assert User.objects.get(username="ombudsman").role_names == frozenset({"ombudsman"})
    official, official2 = User.objects.get(username="official"), User.objects.get(username="official2")
    assert official.department_id != official2.department_id
    assert User.objects.get(username="admin").is_superuser


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    counts = (Department.objects.count(), User.objects.count(), AuditEvent.objects.count())
    call_command("seed_demo")
    assert (Department.objects.count(), User.objects.count(), AuditEvent.objects.count()) == counts


def test_seed_demo_refused_where_demo_data_is_not_allowed(settings):
    settings.PORTAL_ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="PORTAL_ALLOW_DEMO_DATA"):
        call_command("seed_demo")
    with pytest.raises(CommandError, match="PORTAL_ALLOW_DEMO_DATA"):
        call_command("seed_bench", size=10)


def test_seed_bench_creates_the_benchmark_account(capsys):
    call_command("seed_bench", size=10)
    assert User.objects.get(username="bench").role_names >= {"ombudsman", "office_staff"}
    assert "bench" in capsys.readouterr().out


def test_seed_bench_rejects_negative_size():
    with pytest.raises(CommandError, match="negative"):
        call_command("seed_bench", size=-1)
