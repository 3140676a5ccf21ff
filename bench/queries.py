"""SQL queries per benchmarked page, counted like the helpdesk peer's ``queries.py``.

Runs the views in-process with ``django.test.Client`` inside ``CaptureQueriesContext``
against the benchmark database (the real one, not a test database): each page is
requested once to warm up, then measured on a second request. Counts include the
session/user look-ups of a real request. The submission is real (it makes one case,
which ``tools.py trim`` deletes afterwards).

usage: queries.py DETAIL_CODE TRACK_CODE [--json FILE] [--sql FILE]
"""

import argparse
import json
import os
import re
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bench_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.payload import submission_form  # noqa: E402
from humanrights_portal.core.models import User  # noqa: E402
from ombudsman.bench import TRACKING_KEY  # noqa: E402

HOST = {"HTTP_HOST": "127.0.0.1"}


def measure(label, request, expect, sql_out):
    request()  # warm-up (template loading, caches, connection)
    with CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        response = request()
        view_ms = (time.perf_counter() - t0) * 1000
    if response.status_code != expect:
        raise SystemExit(f"{label}: HTTP {response.status_code}, expected {expect}")
    sqls = [q["sql"] for q in ctx.captured_queries]
    shapes = Counter(re.sub(r"\b\d+\b|'[^']*'", "?", s) for s in sqls)
    if sql_out is not None:
        sql_out.write(f"-- {label}: {len(sqls)} queries\n" + "".join(f"{s};\n" for s in sqls) + "\n")
    return {
        "page": label,
        "status": response.status_code,
        "queries": len(sqls),
        "shapes": len(shapes),
        "max_repeat": max(shapes.values(), default=0),
        "db_ms": round(sum(float(q["time"]) for q in ctx.captured_queries) * 1000, 1),
        "view_ms": round(view_ms, 1),
        "bytes": len(response.content),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("detail_code")
    ap.add_argument("track_code")
    ap.add_argument("--json")
    ap.add_argument("--sql")
    a = ap.parse_args()
    sql_out = open(a.sql, "w") if a.sql else None  # noqa: SIM115

    citizen = Client(**HOST)
    track = {"receipt_code": a.track_code, "secret_key": TRACKING_KEY}
    staff = Client(**HOST)
    staff.force_login(User.objects.get(username="bench"))
    seq = iter(range(1, 100))

    pages = [
        ("public status look-up (POST code+key)", lambda: citizen.post("/complaints/track/", track), 303),
        ("public status page (tracking cookie)", lambda: citizen.get("/complaints/track/status/"), 200),
        ("staff case list (first page)", lambda: staff.get("/ombudsman/"), 200),
        ("staff case detail", lambda: staff.get(f"/ombudsman/cases/{a.detail_code}/"), 200),
        ("case-list API (first page)", lambda: staff.get("/api/v1/cases/"), 200),
        ("public submission form (GET)", lambda: Client(**HOST).get("/complaints/new/"), 200),
        (
            "public submission (POST)",
            lambda: Client(**HOST).post("/complaints/new/", submission_form(next(seq))),
            303,
        ),
    ]
    rows = [measure(label, request, expect, sql_out) for label, request, expect in pages]
    if sql_out is not None:
        sql_out.close()
    width = max(len(r["page"]) for r in rows)
    print(f"{'page'.ljust(width)}  queries  shapes  max-repeat  db ms  view ms   bytes")
    for r in rows:
        print(
            f"{r['page'].ljust(width)}  {r['queries']:7d}  {r['shapes']:6d}  {r['max_repeat']:10d}"
            f"  {r['db_ms']:5.1f}  {r['view_ms']:7.1f}  {r['bytes']:6d}"
        )
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"pages": rows, "paths": {"detail": f"/ombudsman/cases/{a.detail_code}/"}}, f, indent=1)


if __name__ == "__main__":
    main()
