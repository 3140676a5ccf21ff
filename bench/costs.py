"""In-process cost of each benchmarked page: mean milliseconds per request through Django's WSGI handler.

The load runs (``run.sh``) share two cores between gunicorn, PostgreSQL and the client, so a page's
throughput follows its CPU cost; this measures that cost one request at a time, without HTTP, against the
benchmark database (``run.sh`` creates and seeds it), with the benchmark's production settings. Use it to
compare two versions of the code quickly; the figures that count are run.sh's.

    DATABASE_URL=postgres://postgres@/portal_bench?host=$PWD/.pgdata \\
        .venv/bin/python bench/costs.py [PAGE ...] [--n 300] [--cprofile PAGE [--sort tottime]] [--sql PAGE]

PAGE: status, lookup, list, detail, api, form, submit (default: all), and the floors healthz (the middleware)
and privacy (the base layout). ``--cprofile PAGE`` prints the costliest functions of that page, ``--sql PAGE``
the queries of one request. Submissions made here are deleted by ``tools.py trim``.
"""

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import sys
import time
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bench_settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-profile-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("PORTAL_COMPLAINT_SUBMIT_RATE", "1000000/m")
os.environ.setdefault("PORTAL_COMPLAINT_TRACK_RATE", "1000000/m")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret  # noqa: E402
from django.test.client import FakePayload  # noqa: E402

from bench import tools  # noqa: E402
from bench.payload import submission_form  # noqa: E402
from humanrights_portal.core.models import User  # noqa: E402
from ombudsman import citizen_cookies  # noqa: E402
from ombudsman.bench import TRACKING_KEY  # noqa: E402
from ombudsman.models import Complaint  # noqa: E402

APPLICATION = WSGIHandler()


def staff_cookie() -> str:
    from importlib import import_module

    user = User.objects.get(username="bench")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = next(b for b in settings.AUTHENTICATION_BACKENDS if "axes" not in b)
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def call(method: str, path: str, *, cookie: str = "", body: bytes = b"", content_type: str = "") -> tuple:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": FakePayload(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": content_type,
        "HTTP_COOKIE": cookie,
        "HTTP_REFERER": "http://127.0.0.1/",
    }
    status = []
    response = APPLICATION(environ, lambda s, headers, exc_info=None: status.append(s))
    content = b"".join(response)
    response.close()
    return int(status[0].split()[0]), content


def _tool(*argv: str) -> str:
    """What ``tools.py ARGV`` prints (the same tracking case and detail case as run.sh)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        tools.main(list(argv))
    return out.getvalue().strip()


def pages() -> dict:
    track_code = _tool("fix-tracking")  # its key hash depends on this process's SECRET_KEY
    detail = _tool("pick-detail")
    staff = staff_cookie()
    secret = _get_new_csrf_string()
    csrf = f"{settings.CSRF_COOKIE_NAME}={secret}"
    token = _mask_cipher_secret(secret)
    tracking = _tracking_cookie(Complaint.objects.get(receipt_code=track_code).pk)
    counter = iter(range(1, 10**9))

    def post_form(path: str, form: dict):
        body = urlencode({**form, "csrfmiddlewaretoken": token}).encode()
        return call("POST", path, cookie=csrf, body=body, content_type="application/x-www-form-urlencoded")

    def submit():
        return post_form("/complaints/new/", submission_form(f"profile-{next(counter)}"))

    def lookup():
        return post_form("/complaints/track/", {"receipt_code": track_code, "secret_key": TRACKING_KEY})

    return {
        "healthz": (lambda: call("GET", "/healthz/"), 200),
        "privacy": (lambda: call("GET", "/privacy/"), 200),
        "status": (lambda: call("GET", "/complaints/track/status/", cookie=tracking), 200),
        "lookup": (lookup, 303),
        "list": (lambda: call("GET", "/ombudsman/", cookie=staff), 200),
        "detail": (lambda: call("GET", f"/ombudsman/cases/{detail}/", cookie=staff), 200),
        "api": (lambda: call("GET", "/api/v1/cases/", cookie=staff), 200),
        "form": (lambda: call("GET", "/complaints/new/"), 200),
        "submit": (submit, 303),
    }


def _tracking_cookie(complaint_id: int) -> str:
    from django.http import HttpResponse

    response = HttpResponse()
    citizen_cookies.tracking_give(response, complaint_id=complaint_id)
    return "; ".join(f"{name}={morsel.value}" for name, morsel in response.cookies.items())


def measure(request, expect: int, n: int) -> tuple[float, float]:
    """Mean milliseconds per request: elapsed, and this process's CPU (what the database and Redis do for
    it is not included: steadier than the elapsed time when other work shares the cores)."""
    for _ in range(5):
        status, content = request()
        if status != expect:
            raise SystemExit(f"HTTP {status}, expected {expect}: {content[:300]!r}")
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(n):
        request()
    return (time.perf_counter() - started) * 1000 / n, (time.process_time() - cpu_started) * 1000 / n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--cprofile")
    parser.add_argument("--sql", help="print the SQL of one request of this page")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    available = pages()
    if args.sql:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        request, expect = available[args.sql]
        measure(request, expect, 1)
        with CaptureQueriesContext(connection) as captured:
            request()
        for query in captured.captured_queries:
            print(f"{float(query['time']) * 1000:6.2f} ms  {query['sql'][:300]}")
        return
    if args.cprofile:
        request, expect = available[args.cprofile]
        measure(request, expect, 5)
        profiler = cProfile.Profile()
        profiler.enable()
        measure(request, expect, args.n)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
        return
    for name in args.pages or [name for name in available if name not in ("healthz", "privacy")]:
        request, expect = available[name]
        elapsed, cpu = measure(request, expect, args.n)
        print(f"{name:8s} {elapsed:7.2f} ms/request, Python CPU {cpu:6.2f} ms", flush=True)


if __name__ == "__main__":
    main()
