"""Write bench/results.md and bench/results.json from a bench/run.sh run, with ratios to the peers.

usage: report.py RUN_DIR BENCH_DIR PEERS_DIR   (standard library only)

Helpdesk figures come from PEERS_DIR/helpdesk/results.json (the peer's own latest run: run
/work/shared/peers/helpdesk/run.sh right before bench/run.sh so both are from one sitting);
the ceiling's from PEERS_DIR/ceiling/results.json when present (context only).
"""

import datetime
import json
import os
import platform
import sys
from pathlib import Path

# Our load labels -> short keys.
OURS = {
    "public status page (tracking cookie, GET)": "status",
    "public status look-up (POST code+key, 303)": "lookup",
    "staff case list (first page of rows)": "list",
    "staff case detail": "detail",
    "case-list API (JSON, first page)": "api",
    "public submission (POST, anon)": "submit",
}
QUERY_PAGES = {
    "public status page (tracking cookie)": "status",
    "public status look-up (POST code+key)": "lookup",
    "staff case list (first page)": "list",
    "staff case detail": "detail",
    "case-list API (first page)": "api",
    "public submission (POST)": "submit",
}
HELPDESK = {
    "public ticket view (tracking link, anon)": "view",
    "staff ticket list (default filters)": "shell",
    "staff ticket detail": "detail",
    "staff datatables JSON list": "json",
    "public submit (POST, anon)": "submit",
}
HELPDESK_QUERY_PAGES = {
    "public ticket view (tracking link)": "view",
    "staff ticket list (default filters)": "shell",
    "staff ticket detail": "detail",
    "staff datatables JSON list": "json",
    "public submit (POST)": "submit",
}


def combined(*rates):
    """Rate of a sequence of requests done one after another (a page that needs all of them)."""
    if any(not r for r in rates):
        return None
    return 1 / sum(1 / r for r in rates)


def machine():
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        kb = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal"))
        memory = f"{round(kb / 1024 / 1024)} GiB"
    except (OSError, StopIteration):
        memory = "?"
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
    }


def fmt(v, f="{:.1f}"):
    return "-" if v is None else f.format(v)


def main(run_dir, bench_dir, peers_dir):
    run_dir, bench_dir, peers_dir = Path(run_dir), Path(bench_dir), Path(peers_dir)
    run = json.loads((run_dir / "run.json").read_text())
    queries = json.loads((run_dir / "queries.json").read_text())
    rows, started = [], None
    for name in ("load-public.json", "load-staff.json", "load-submit.json"):
        data = json.loads((run_dir / name).read_text())
        started = started or data["meta"]["started_at"]
        rows += data["results"]
    qcount = {QUERY_PAGES[p["page"]]: p for p in queries["pages"] if p["page"] in QUERY_PAGES}
    ours = {OURS[r["label"]]: r for r in rows if r["label"] in OURS}
    ours_rps = {k: r["rps"] for k, r in ours.items()}
    ours_rps["lookup+status"] = combined(ours_rps.get("lookup"), ours_rps.get("status"))

    helpdesk_file = peers_dir / "helpdesk" / "results.json"
    hd = json.loads(helpdesk_file.read_text()) if helpdesk_file.exists() else None
    ceiling_file = peers_dir / "ceiling" / "results.json"
    ceiling = json.loads(ceiling_file.read_text()) if ceiling_file.exists() else None

    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = {"date": now, "machine": machine(), "run": run, "queries": queries, "load": rows}
    md = [
        "# Portal benchmark — results",
        "",
        f"- **Date:** {now} (load started {started})",
        f"- **Machine:** {out['machine']['cpus']} CPUs ({out['machine']['cpu_model']}), "
        f"{out['machine']['memory']} RAM, "
        f"{out['machine']['os']}; server, PostgreSQL and load client all on this machine",
        f"- **Load average:** before the load `{run['uptime_before']}`; after `{run['uptime_after']}`",
        f"- **Data:** N = {run['n']} seeded cases (`seed_bench`), database `portal_bench`",
        f"- **Server:** gunicorn, {run['workers']} sync workers on 127.0.0.1:{run['port']}, production settings "
        f"(`bench/bench_settings.py`: DEBUG off; only secure cookies and the HTTPS redirect relaxed for http), "
        f"CONN_MAX_AGE={run['conn_max_age']}, dummy e-mail backend; "
        + (
            "topology `production`: Redis for the cache (sessions `cached_db`, the signed-in user, the rate-limit "
            "counters) and as Celery's broker, a Celery worker sending the receipt e-mails on the same cores"
            if run.get("topology", "production") == "production"
            else "topology `single`: database cache and sessions, rate limits in PostgreSQL, e-mails sent inside "
            "the request"
        ),
        f"- **Load:** `load.py` from the helpdesk peer, closed loop, concurrency {run['concurrency']}, "
        f"{run['duration']} s per endpoint after {run['warmup']} s warm-up; redirects not followed; "
        "error = anything but 200 for GETs, anything but 303 for POSTs",
        f"- **Command:** `{run['command']}`",
        "",
        "## Throughput and latency",
        "",
        "| endpoint | request | SQL queries | count | errors | req/s | p50 ms | p95 ms | p99 ms | client CPU % |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        key = OURS.get(r["label"])
        q = qcount.get(key, {}).get("queries")
        md.append(
            f"| {r['label']} | `{r['method']} {r['path']}` | {fmt(q, '{}')} | {r['count']} | {r['errors']} | "
            f"{fmt(r['rps'])} | {fmt(r['p50_ms'])} | {fmt(r['p95_ms'])} | {fmt(r['p99_ms'])} | "
            f"{fmt(r.get('client_cpu_pct'))} |"
        )
    md.append(
        f"| *derived:* look-up + status page (one citizen visit: POST then GET) | | | | | "
        f"{fmt(ours_rps['lookup+status'])} | | | | |"
    )
    md += [
        "",
        "## SQL queries per page",
        "",
        "One request per page through Django's test `Client` in `CaptureQueriesContext` after one warm-up "
        "request (`bench/queries.py`), against the same database; counts include the session and user "
        "look-ups. *db ms* is time inside `cursor.execute`, *view ms* the whole in-process request.",
        "",
        "| page | queries | distinct shapes | most repeats of one shape | db ms | view ms | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for p in queries["pages"]:
        md.append(
            f"| {p['page']} | {p['queries']} | {p['shapes']} | {p['max_repeat']} | {p['db_ms']} | "
            f"{p['view_ms']} | {p['bytes']} |"
        )

    if hd is not None:
        h = {HELPDESK[r["label"]]: r for r in hd["load"]["results"] if r["label"] in HELPDESK}
        hq = {
            HELPDESK_QUERY_PAGES[p["label"]]: p["queries"]
            for p in hd.get("queries", {}).get("pages", [])
            if p["label"] in HELPDESK_QUERY_PAGES
        }
        hr = {k: r["rps"] for k, r in h.items()}
        hr["shell+json"] = combined(hr.get("shell"), hr.get("json"))
        comparisons = [
            (
                "public status page (GET, tracking cookie)",
                "status",
                "public ticket view (tracking link GET)",
                "view",
                2,
                "issue target",
            ),
            (
                "public status look-up + page (POST 303 + GET, derived)",
                "lookup+status",
                "public ticket view (tracking link GET)",
                "view",
                2,
                "stricter: includes the code+key look-up",
            ),
            ("public submission (POST)", "submit", "public submit (POST)", "submit", 2, "issue target"),
            ("staff case detail", "detail", "staff ticket detail", "detail", 2, "issue target"),
            (
                "staff case list page (rows included)",
                "list",
                "list shell (HTML only, no rows)",
                "shell",
                2,
                "issue target (the issue: 'against helpdesk's list shell')",
            ),
            (
                "staff case list page (rows included)",
                "list",
                "list shell + datatables JSON, combined",
                "shell+json",
                2,
                "like for like: helpdesk shows rows only after both requests",
            ),
            ("case-list API (JSON)", "api", "datatables JSON list", "json", 15, "issue target"),
        ]
        cmp_rows = []
        md += [
            "",
            "## Ratios to django-helpdesk (same machine)",
            "",
            f"Helpdesk figures: `{helpdesk_file}` dated {hd['date']} (load started "
            f"{hd['load']['meta']['started_at']}), command `{hd['run']['command']}`.",
            "",
            "| portal endpoint | portal req/s | helpdesk endpoint | helpdesk req/s | ratio | target | met? | note |",
            "|---|---:|---|---:|---:|---:|---|---|",
        ]
        for ours_label, ok, hd_label, hk, target, note in comparisons:
            a, b = ours_rps.get(ok), hr.get(hk)
            ratio = a / b if a and b else None
            met = None if ratio is None else ratio >= target
            cmp_rows.append(
                {
                    "portal": ours_label,
                    "portal_rps": a,
                    "helpdesk": hd_label,
                    "helpdesk_rps": b,
                    "ratio": ratio,
                    "target": target,
                    "met": met,
                    "note": note,
                    "portal_queries": qcount.get(ok, {}).get("queries"),
                    "helpdesk_queries": hq.get(hk),
                }
            )
            md.append(
                f"| {ours_label} | {fmt(a)} | {hd_label} | {fmt(b)} | {fmt(ratio, '{:.2f}x')} | ≥ {target}x | "
                f"{'-' if met is None else ('yes' if met else '**no**')} | {note} |"
            )
        out["helpdesk"] = {"file": str(helpdesk_file), "date": hd["date"], "rps": hr, "queries": hq}
        out["comparisons"] = cmp_rows
        md += [
            "",
            "SQL queries per page, portal vs helpdesk: "
            + ", ".join(
                f"{c['portal']} {fmt(c['portal_queries'], '{}')} vs {fmt(c['helpdesk_queries'], '{}')}"
                for c in cmp_rows
                if "derived" not in c["portal"] and "combined" not in c["helpdesk"]
            )
            + ".",
        ]

    if ceiling is not None:
        by_label = {}
        for r in ceiling.get("runs", []):
            for row in r.get("results", []):
                by_label.setdefault(row["label"], []).append(row["rps"])
        md += [
            "",
            "## Bare Django ceiling (context)",
            "",
            f"`{ceiling_file}` dated {ceiling['date']}; median req/s over its runs:",
            "",
            "| ceiling endpoint | req/s |",
            "|---|---:|",
        ]
        for label, values in by_label.items():
            values = sorted(values)
            md.append(f"| {label} | {fmt(values[len(values) // 2])} |")
        out["ceiling"] = {
            "file": str(ceiling_file),
            "date": ceiling["date"],
            "rps": {k: sorted(v)[len(v) // 2] for k, v in by_label.items()},
        }

    (bench_dir / "results.md").write_text("\n".join(md) + "\n")
    (bench_dir / "results.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
