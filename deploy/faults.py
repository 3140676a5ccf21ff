"""Fault tests of the cluster topology (deploy/cluster.sh) under a steady load of public complaint submissions.

    .venv/bin/python deploy/faults.py [--scenario all|gunicorn,postgres,celery,disk] [--duration S] [--report PATH]

Starts its own cluster (``deploy/cluster.sh start`` with its own folder ``.cluster-faults/`` and ports 8240
nginx, 8241 + 8242 gunicorn, 8243 Redis: never the ``make cluster`` one), runs a closed-loop load of complaint
submissions through nginx (GET the form for the CSRF token, POST with a unique title; acknowledged = a 302/303
to the receipt page, whose receipt code ``HR-YYYY-NNNNN`` is then read), injects each fault, keeps loading,
and checks the database: every acknowledged submission exists exactly once, no receipt code twice, errors only
during the fault window and only of kinds a client can retry (connection refused/reset, 502/503/504).

Scenarios:
  gunicorn  SIGKILL one gunicorn master (pid file) and its workers, then ``cluster.sh restart-app``;
  postgres  stop PostgreSQL for a few seconds: /healthz/ must say 503, and recover by itself once it is back;
  celery    SIGKILL the Celery worker while receipt e-mails queue up, restart it: every receipt e-mail is
            sent exactly once (the file e-mail backend writes them into .cluster-faults/mail/);
  disk      a tiny tmpfs over the attachment folder, filled up: submissions with an attachment must get the form back
            (400 or 503, retryable) with the text kept (not a 500), and no acknowledged complaint is lost.

The summary table goes to stdout and into deploy/FAULTS.md (``--report``; ``--report -`` writes no file: the short
version in the test suite, tests/ops/test_faults.py). The cluster is always stopped at the end (also on
Ctrl-C); only the processes of its own pid files are signalled.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import email
import email.policy
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
CLUSTER_DIR = ROOT / ".cluster-faults"
PIDS = CLUSTER_DIR / "pids"
MAIL_DIR = CLUSTER_DIR / "mail"
MEDIA_DIR = CLUSTER_DIR / "private_media"
NGINX_PORT = 8240
APP_PORTS = (8241, 8242)
REDIS_PORT = 8243
BASE_URL = f"http://127.0.0.1:{NGINX_PORT}"
FORM_PATH = "/complaints/new/"
RECEIPT_RE = re.compile(r"HR-\d{4}-\d{5}")
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RETRYABLE_STATUS = {502, 503, 504}
# A 200 KB attachment of an allowed kind (judged from its bytes).
PDF = b"%PDF-1.4\n%" + b"0" * 200_000 + b"\n%%EOF\n"
SCENARIOS = ("gunicorn", "postgres", "celery", "disk")
RUN_ID = uuid.uuid4().hex[:8]

sys.path.insert(0, str(ROOT))


def log(message: str) -> None:
    print(f"[faults {time.strftime('%H:%M:%S')}] {message}", flush=True)


def cluster_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        CLUSTER_DIR=str(CLUSTER_DIR),
        CLUSTER_NGINX_PORT=str(NGINX_PORT),
        CLUSTER_APP_PORTS=" ".join(map(str, APP_PORTS)),
        CLUSTER_REDIS_PORT=str(REDIS_PORT),
        PORTAL_PRIVATE_MEDIA_ROOT=str(MEDIA_DIR),
        EMAIL_URL=f"filemail:///{MAIL_DIR}",  # four slashes: an absolute path
        PORTAL_COMPLAINT_SUBMIT_RATE="1000000/h",
        GUNICORN_WORKERS="2",
        CELERY_CONCURRENCY="1",
    )
    env.pop("DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    env.pop("CACHE_URL", None)
    return env


def cluster(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [str(ROOT / "deploy" / "cluster.sh"), *args], env=cluster_env(), cwd=ROOT, check=check, text=True
    )


# ------------------------------------------------------------------ processes of the cluster's pid files


def pid_of(name: str, program: str) -> int | None:
    """The pid of ``pids/NAME.pid`` if that process is alive and is ``program`` (never a reused pid)."""
    try:
        pid = int((PIDS / f"{name}.pid").read_text().strip().split()[0])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, ValueError, IndexError):
        return None
    return pid if program in cmdline else None


def kill_group(pid: int) -> None:
    """SIGKILL ``pid`` and the processes it started (cluster.sh spawns each in its own session)."""
    with contextlib.suppress(ProcessLookupError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGKILL)


# ------------------------------------------------------------------ the database


def db_connect():
    import psycopg2

    from humanrights_portal import embedded_db

    socket_dir = embedded_db._running_socket_dir(CLUSTER_DIR / "pgdata")
    if socket_dir is None:
        raise RuntimeError("the cluster's PostgreSQL is not running")
    return psycopg2.connect(dbname=embedded_db.DATABASE_NAME, user=embedded_db.POSTGRES_USER, host=socket_dir)


def db_query(sql: str, params=()) -> list[tuple]:
    connection = db_connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        connection.close()


# ------------------------------------------------------------------ the load


@dataclass
class Attempt:
    phase: str
    title: str
    email: str
    with_file: bool
    started: float
    ended: float = 0.0
    outcome: str = ""  # "ack", "rejected-400", an error kind
    status: int | None = None
    receipt_code: str = ""
    detail: str = ""


@dataclass
class Load:
    attachments_from: str = ""  # a phase prefix: its submissions carry a file
    phase: str = "start"
    attempts: list[Attempt] = field(default_factory=list)
    stop_event: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counter: int = 0

    def next_number(self) -> int:
        with self.lock:
            self.counter += 1
            return self.counter

    def run(self, threads: int = 2) -> list[threading.Thread]:
        workers = [threading.Thread(target=self._loop, daemon=True) for _ in range(threads)]
        for worker in workers:
            worker.start()
        return workers

    def _loop(self) -> None:
        session = requests.Session()
        while not self.stop_event.is_set():
            self.submit(session)
            time.sleep(0.05)

    def submit(self, session: requests.Session) -> Attempt:
        number = self.next_number()
        phase = self.phase
        attempt = Attempt(
            phase=phase,
            title=f"faults {RUN_ID} {number}",
            email=f"faults-{RUN_ID}-{number}@example.org",
            with_file=bool(self.attachments_from) and phase.startswith(self.attachments_from),
            started=time.monotonic(),
        )
        description = f"Fault test submission {number} of run {RUN_ID}: the text that must never be lost."
        try:
            # The production settings mark the cookies Secure; this plain-HTTP loopback client sends them itself.
            jar: dict[str, str] = {}
            form = session.get(BASE_URL + FORM_PATH, timeout=20)
            jar.update(form.cookies.get_dict())
            if form.status_code != 200:
                return self._record(attempt, form.status_code, "form GET")
            match = CSRF_RE.search(form.text)
            data = {
                "csrfmiddlewaretoken": match.group(1) if match else "",
                "complainant_name": "Fault Test",
                "complainant_email": attempt.email,
                "on_behalf_of": "self",
                "title": attempt.title,
                "description": description,
                "respondent_agency": "Fault test agency",
                "consent_personal_data": "on",
                "consent_sensitive_data": "on",
            }
            files = {"attachments": ("evidence.pdf", PDF, "application/pdf")} if attempt.with_file else None
            response = session.post(
                BASE_URL + FORM_PATH,
                data=data,
                files=files,
                headers={"Referer": BASE_URL + FORM_PATH},
                cookies=jar,
                allow_redirects=False,
                timeout=30,
            )
            if response.status_code in (302, 303) and "receipt" in response.headers.get("Location", ""):
                attempt.outcome = "ack"
                attempt.status = response.status_code
                with contextlib.suppress(requests.RequestException):
                    jar.update(response.cookies.get_dict())
                    receipt = session.get(BASE_URL + response.headers["Location"], cookies=jar, timeout=20)
                    code = RECEIPT_RE.search(receipt.text)
                    attempt.receipt_code = code.group(0) if code else ""
                return self._store(attempt)
            if response.status_code in (400, 503) and attempt.with_file:
                # The disk scenario: the form comes back (503: retry later) with the text kept.
                kept = attempt.title in response.text and description in response.text
                return self._record(
                    attempt, response.status_code, "form kept" if kept else "form NOT kept", outcome="rejected-400"
                )
            title = re.search(r"<title>(.*?)</title>", response.text, re.S)
            return self._record(attempt, response.status_code, title.group(1).strip() if title else response.text[:200])
        except requests.ConnectionError as error:
            text = str(error)
            kind = "conn-refused" if "refused" in text.lower() else "conn-reset"
            return self._record(attempt, None, text[:200], outcome=kind)
        except requests.Timeout as error:
            return self._record(attempt, None, str(error)[:200], outcome="timeout")
        finally:
            session.cookies.clear()

    def _record(self, attempt: Attempt, status, detail: str, outcome: str = "") -> Attempt:
        attempt.status = status
        attempt.detail = detail
        attempt.outcome = outcome or f"http-{status}"
        return self._store(attempt)

    def _store(self, attempt: Attempt) -> Attempt:
        attempt.ended = time.monotonic()
        with self.lock:
            self.attempts.append(attempt)
        return attempt


def retryable(outcome: str) -> bool:
    return outcome in ("conn-refused", "conn-reset") or outcome in {f"http-{s}" for s in RETRYABLE_STATUS}


# ------------------------------------------------------------------ the scenarios


def wait_until(seconds: float, check, interval: float = 0.3) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return True
        time.sleep(interval)
    return False


def healthz_status() -> int | str:
    try:
        return requests.get(BASE_URL + "/healthz/", timeout=5).status_code
    except requests.RequestException as error:
        return type(error).__name__


def scenario_gunicorn(load: Load, notes: list[str]) -> None:
    port = APP_PORTS[0]
    pid = pid_of(f"gunicorn-{port}", "gunicorn")
    assert pid, f"gunicorn :{port} is not running"
    log(f"SIGKILL gunicorn :{port} (master pid {pid} and its workers)")
    kill_group(pid)
    time.sleep(3)
    log(f"restart-app {port}")
    started = time.monotonic()
    cluster("restart-app", str(port))
    notes.append(f"gunicorn: :{port} killed, down 3 s, restart-app took {time.monotonic() - started:.1f} s")


def scenario_postgres(load: Load, notes: list[str]) -> None:
    from humanrights_portal import embedded_db

    pgdata = CLUSTER_DIR / "pgdata"
    log("stopping PostgreSQL")
    embedded_db.stop(pgdata)
    statuses = [healthz_status() for _ in range(3) if not time.sleep(1)]
    log(f"/healthz/ while PostgreSQL is down: {statuses}")
    down_ok = all(s == 503 for s in statuses)
    log("starting PostgreSQL")
    embedded_db.ensure_running(pgdata)
    (PIDS / "postgres.pid").write_text((pgdata / "postmaster.pid").read_text().splitlines()[0] + "\n")
    started = time.monotonic()
    recovered = wait_until(60, lambda: healthz_status() == 200, interval=0.1)
    notes.append(
        f"postgres: /healthz/ while down {statuses} ({'503 as expected' if down_ok else 'NOT 503'}); "
        f"{'recovered' if recovered else 'NOT recovered'} {time.monotonic() - started:.1f} s after the restart"
    )


def scenario_celery(load: Load, notes: list[str]) -> None:
    pid = pid_of("celery-worker", "celery")
    assert pid, "the Celery worker is not running"
    log(f"SIGKILL the Celery worker (pid {pid} and its pool)")
    kill_group(pid)
    time.sleep(5)  # receipt e-mails queue up in Redis meanwhile
    queued = db_query(
        "SELECT count(*) FROM core_outgoingemail WHERE status = 'pending' AND \"to\" LIKE %s", [f"faults-{RUN_ID}-%"]
    )[0][0]
    log(f"{queued} e-mails pending; starting the worker again")
    cluster("restart-worker")
    notes.append(f"celery: worker killed with {queued} receipt e-mails pending, restarted after 5 s")


@contextlib.contextmanager
def full_disk():
    """A 256 KiB tmpfs over the attachment folder, filled up; unmounted afterwards."""
    mount = shutil.which("mount") or "/bin/mount"
    subprocess.run([mount, "-t", "tmpfs", "-o", "size=256k,mode=700", "tmpfs", str(MEDIA_DIR)], check=True)  # noqa: S603
    try:
        with contextlib.suppress(OSError), open(MEDIA_DIR / "filler", "wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        yield
    finally:
        unmount_media()


def unmount_media() -> None:
    """Unmount the tmpfs of the disk scenario, if it is (still) mounted."""
    if os.path.ismount(MEDIA_DIR):
        umount = shutil.which("umount") or "/bin/umount"
        subprocess.run([umount, str(MEDIA_DIR)], check=False)  # noqa: S603


def scenario_disk(load: Load, notes: list[str]) -> None:
    log("attachment folder: a full 256 KiB tmpfs (every disk/ submission carries a 200 KB PDF)")
    with full_disk():
        time.sleep(max(4.0, ARGS.duration))


# ------------------------------------------------------------------ the checks and the table


def attribute_to_fault(load: Load, windows: dict[str, list[float]]) -> None:
    """A request still in flight when a fault began, or begun before it ended, belongs to the fault phase."""
    for attempt in load.attempts:
        scenario = attempt.phase.split("/")[0]
        window = windows.get(f"{scenario}/fault")
        if window and attempt.started < window[1] and attempt.ended > window[0]:
            attempt.phase = f"{scenario}/fault"


def check(load: Load, phases: list[str]) -> tuple[list[dict], list[str]]:
    titles = [a.title for a in load.attempts]
    rows = db_query("SELECT title, receipt_code, description FROM ombudsman_complaint WHERE title = ANY(%s)", [titles])
    by_title: dict[str, list[tuple]] = {}
    for title, code, description in rows:
        by_title.setdefault(title, []).append((code, description))
    duplicate_codes = db_query("SELECT receipt_code FROM ombudsman_complaint GROUP BY receipt_code HAVING count(*) > 1")
    problems = [f"duplicate receipt code {code}" for (code,) in duplicate_codes]
    table = []
    for phase in phases:
        attempts = [a for a in load.attempts if a.phase == phase]
        acked = [a for a in attempts if a.outcome == "ack"]
        found = [a for a in acked if len(by_title.get(a.title, [])) >= 1]
        lost = [a for a in acked if not by_title.get(a.title)]
        duplicated = [a for a in attempts if len(by_title.get(a.title, [])) > 1]
        wrong_code = [
            a for a in acked if a.receipt_code and a.receipt_code not in {c for c, _ in by_title.get(a.title, [])}
        ]
        errors: dict[str, int] = {}
        for a in attempts:
            if a.outcome != "ack":
                errors[a.outcome] = errors.get(a.outcome, 0) + 1
        fault_phase = phase.endswith("/fault")
        for a in attempts:
            if a.outcome == "ack":
                continue
            if a.outcome == "rejected-400" and a.detail == "form kept" and fault_phase:
                continue
            if not fault_phase:
                problems.append(f"{phase}: {a.outcome} outside the fault window ({a.detail[:80]})")
            elif not retryable(a.outcome):
                problems.append(f"{phase}: {a.outcome} is not a retryable error ({a.detail[:80]})")
        problems += [f"{phase}: acknowledged {a.title} ({a.receipt_code}) lost" for a in lost]
        problems += [f"{phase}: {a.title} saved {len(by_title[a.title])} times" for a in duplicated]
        problems += [f"{phase}: {a.title} receipt {a.receipt_code} not in the database" for a in wrong_code]
        # During the fault the receipt page's GET itself may meet the killed server (the citizen reloads it; the
        # receipt cookie lasts 10 minutes): the complaint was checked by its unique title above. Outside it, no.
        if not fault_phase:
            problems += [f"{phase}: {a.title} acknowledged, receipt page unread" for a in acked if not a.receipt_code]
        table.append(
            {
                "phase": phase,
                "sent": len(attempts),
                "acknowledged": len(acked),
                "found": len(found),
                "lost": len(lost),
                "duplicated": len(duplicated),
                "errors": ", ".join(f"{k} {v}" for k, v in sorted(errors.items())) or "-",
            }
        )
    return table, problems


def check_mail(load: Load, timeout: float) -> tuple[str, list[str]]:
    """Every acknowledged submission's receipt e-mail sent exactly once (the file backend's messages)."""
    acked = {a.email for a in load.attempts if a.outcome == "ack"}
    pattern = f"faults-{RUN_ID}-%"

    def all_sent() -> bool:
        return not db_query(
            "SELECT 1 FROM core_outgoingemail WHERE \"to\" LIKE %s AND status <> 'sent' LIMIT 1", [pattern]
        )

    log(f"waiting up to {timeout:.0f} s for every e-mail to be sent")
    started = time.monotonic()
    wait_until(timeout, all_sent, interval=1)
    waited = time.monotonic() - started
    statuses = dict(
        db_query('SELECT status, count(*) FROM core_outgoingemail WHERE "to" LIKE %s GROUP BY status', [pattern])
    )
    counts: dict[str, int] = {}
    for path in MAIL_DIR.glob("*.log"):
        for chunk in path.read_text(encoding="utf-8", errors="replace").split("-" * 79 + "\n"):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk, policy=email.policy.default)
            to = str(message.get("To", ""))
            if to.startswith(f"faults-{RUN_ID}-"):
                counts[to] = counts.get(to, 0) + 1
    problems = [f"e-mail to {to} sent {n} times" for to, n in counts.items() if n > 1]
    missing = sorted(acked - set(counts))
    problems += [f"no e-mail to acknowledged {to}" for to in missing]
    summary = (
        f"e-mails: {len(acked)} acknowledged submissions, {len(counts)} recipients got mail, "
        f"{sum(1 for n in counts.values() if n > 1)} more than once, {len(missing)} none; outbox rows {statuses}; "
        f"all sent {waited:.0f} s after the load stopped"
    )
    return summary, problems


def summarize(problems: list[str]) -> list[str]:
    """The same problem many times over becomes one line with its count."""
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem] = counts.get(problem, 0) + 1
    return [f"{problem} (x{n})" if n > 1 else problem for problem, n in counts.items()]


def render_table(table: list[dict]) -> str:
    header = "| phase | sent | acknowledged | found in DB | lost | duplicated | errors |"
    lines = [header, "|---|---:|---:|---:|---:|---:|---|"]
    for row in table:
        lines.append(
            f"| {row['phase']} | {row['sent']} | {row['acknowledged']} | {row['found']} | {row['lost']} | "
            f"{row['duplicated']} | {row['errors']} |"
        )
    return "\n".join(lines)


def write_report(path: Path, table_text: str, notes: list[str], problems: list[str]) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Fault tests\n"
    marker = "## Last run"
    text = text.split(marker)[0].rstrip() + "\n\n"
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        marker,
        "",
        f"`{' '.join(sys.argv[1:]) or '--scenario all'}`, {stamp}, run {RUN_ID}.",
        "",
        table_text,
        "",
        *[f"- {note}" for note in notes],
        "",
        "Result: " + ("**passed** (0 lost, 0 duplicated)." if not problems else "**FAILED**:"),
        *[f"- {problem}" for problem in problems[:40]],
        "",
    ]
    path.write_text(text + "\n".join(body), encoding="utf-8")


# ------------------------------------------------------------------ main


def main() -> int:
    scenarios = ARGS.scenario
    if os.geteuid() != 0 and "disk" in scenarios:
        log("the disk scenario mounts a tmpfs and needs root: skipped")
        scenarios = tuple(s for s in scenarios if s != "disk")
        if not scenarios:
            return 0
    MAIL_DIR.mkdir(parents=True, exist_ok=True)
    cluster("stop", check=False)  # a leftover of an interrupted run
    log("starting the cluster (deploy/cluster.sh start)")
    cluster("start")
    load = Load()
    notes: list[str] = []
    phases: list[str] = []
    windows: dict[str, list[float]] = {}
    load.phase = f"{scenarios[0]}/before"
    load.attachments_from = "disk/" if scenarios[0] == "disk" else ""
    threads = load.run()
    try:
        for name in scenarios:
            load.attachments_from = "disk/" if name == "disk" else ""
            for part in ("before", "fault", "after"):
                load.phase = f"{name}/{part}"
                phases.append(load.phase)
                windows[load.phase] = [time.monotonic(), 0.0]
                if part == "fault":
                    {
                        "gunicorn": scenario_gunicorn,
                        "postgres": scenario_postgres,
                        "celery": scenario_celery,
                        "disk": scenario_disk,
                    }[name](load, notes)
                else:
                    time.sleep(ARGS.duration)
                windows[load.phase][1] = time.monotonic()
    finally:
        load.stop_event.set()
        for thread in threads:
            thread.join(timeout=60)
    attribute_to_fault(load, windows)
    table, problems = check(load, phases)
    if "celery" in scenarios:
        summary, mail_problems = check_mail(load, timeout=180)
        notes.append(summary)
        problems += mail_problems
    problems = summarize(problems)
    table_text = render_table(table)
    print(table_text)
    for note in notes:
        print("-", note)
    print("RESULT:", "passed" if not problems else "FAILED")
    for problem in problems[:40]:
        print("  -", problem)
    if ARGS.report != "-":
        write_report(Path(ARGS.report), table_text, notes, problems)
    return 0 if not problems else 1


def scenario_list(value: str) -> tuple[str, ...]:
    """``all`` or a comma-separated list of scenarios, run in the order given."""
    if value == "all":
        return SCENARIOS
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown scenario {', '.join(unknown) or value!r}: choose from {SCENARIOS}")
    return names


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=scenario_list, default=SCENARIOS, help="all, or e.g. gunicorn,celery")
    parser.add_argument("--duration", type=float, default=8.0, help="seconds of load before and after each fault")
    parser.add_argument("--report", default=str(ROOT / "deploy" / "FAULTS.md"), help="markdown file, - for none")
    return parser.parse_args()


if __name__ == "__main__":
    ARGS = parse_args()
    try:
        code = main()
    except KeyboardInterrupt:
        log("interrupted")
        code = 130
    finally:
        with contextlib.suppress(Exception):
            unmount_media()
        log("stopping the cluster")
        cluster("stop", check=False)
    sys.exit(code)
