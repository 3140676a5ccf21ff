"""``make cluster`` end to end: nginx → two gunicorn servers → PostgreSQL, Redis, Celery; then ``make cluster-stop``.

Slow (one to three minutes: a fresh PostgreSQL is migrated): not in the default run. ``pytest -n 0 -m cluster
tests/ops/test_cluster.py``. Only loopback; everything it starts is stopped by pid at the end, even on failure.
"""

import http.client
import os
import re
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parents[2]
PIDS = ROOT / ".cluster" / "pids"
LOGS = ROOT / ".cluster" / "logs"
HOST, PORT = "127.0.0.1", 8200
RECEIPT_PATH = "/complaints/receipt/"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _pids() -> dict[str, int]:
    return {path.stem: int(path.read_text().strip()) for path in PIDS.glob("*.pid") if path.read_text().strip()}


def _request(method, path, *, body=None, headers=None):
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def cluster(request):
    if "cluster" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("starts the whole cluster (minutes): run with -m cluster")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PORTAL_TEST"))}
    started = subprocess.run(["make", "cluster"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    try:
        assert started.returncode == 0, started.stdout[-3000:] + started.stderr[-3000:]
        pids = _pids()
        yield pids
    finally:
        before = _pids()
        stopped = subprocess.run(
            ["make", "cluster-stop"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr
        # Exactly what was started is gone, and nothing is left in the pid folder.
        assert not list(PIDS.glob("*.pid"))
        assert not [name for name, pid in before.items() if _pid_alive(pid)]


def _log_lines_with(request_id: str, pattern: str) -> list[str]:
    lines = []
    for log in LOGS.glob(pattern):
        lines += [line for line in log.read_text(errors="replace").splitlines() if request_id in line]
    return lines


def test_the_cluster_serves_through_nginx_and_stops_cleanly(cluster):
    assert {"nginx", "gunicorn-8201", "gunicorn-8202", "redis"} <= set(cluster)
    if (ROOT / "humanrights_portal" / "celery.py").exists():
        assert {"celery-worker", "celery-beat"} <= set(cluster)

    # A page through nginx: 200, with the request id nginx made, which the application logged too.
    status, headers, body = _request("GET", "/complaints/new/", headers={"X-Request-ID": "forged-by-client-1"})
    assert status == 200
    request_id = headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    [app_line] = _log_lines_with(request_id, "gunicorn-*.log")
    assert '"status": 200' in app_line
    assert '"path": "/complaints/new/"' in app_line
    assert _log_lines_with(request_id, "nginx-access.log")

    # Static files come from nginx (collectstatic output).
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', body).group(1).decode()
    static_status, static_headers, _ = _request("GET", stylesheet)
    assert static_status == 200
    assert "X-Request-ID" in static_headers

    # A complaint through nginx: 303 to the receipt. The CSRF cookie is Secure (production settings), so it
    # is sent back by hand over this loopback HTTP.
    cookies = SimpleCookie(headers["Set-Cookie"])
    csrf = cookies["csrftoken"].value
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = {
        "csrfmiddlewaretoken": token,
        "complainant_name": "김시민",
        "complainant_email": "citizen@example.com",
        "on_behalf_of": "self",
        "title": "클러스터 시험 진정",
        "description": "nginx 뒤의 두 응용 서버를 거쳐 접수되는 진정입니다.",
        "incident_date": "2026-01-05",
        "incident_place": "광주 북구",
        "respondent_agency": "시립정신병원",
        "consent_personal_data": "on",
        "consent_sensitive_data": "on",
        "website": "",
    }
    status, headers, _ = _request(
        "POST",
        "/complaints/new/",
        body=urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
    )
    assert status == 303
    assert headers["Location"].endswith(RECEIPT_PATH)
    post_id = headers["X-Request-ID"]
    assert _log_lines_with(post_id, "gunicorn-*.log")

    # The receipt e-mail is sent by the Celery worker, in a task that carries the same request id.
    if "celery-worker" in cluster:
        deadline = time.monotonic() + 30
        while not _log_lines_with(post_id, "celery-worker.log") and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _log_lines_with(post_id, "celery-worker.log")

    # Metrics: open from loopback through nginx.
    status, _, metrics = _request("GET", "/metrics/")
    assert status == 200
    assert b"django_http_requests_total_by_method_total" in metrics
