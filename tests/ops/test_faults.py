"""The short version of the fault tests (``make faults``, deploy/FAULTS.md) in every CI run.

deploy/faults.py starts its own cluster (``.cluster-faults/``: embedded PostgreSQL, Redis, two gunicorn servers
behind nginx, Celery worker and beat; loopback ports 8240-8243) and, under a steady load of complaint
submissions, kills a gunicorn server, restarts PostgreSQL, kills the Celery worker with receipt e-mails queued
and (as root) fills the attachment disk, two seconds of load before and after each. It exits non-zero if an
acknowledged complaint is missing or saved twice, a receipt code is given twice, an e-mail is sent twice or
not at all, or an error happens outside a fault window or is not one a client can retry. About three minutes,
most of it the cluster's start and the e-mails a killed worker had taken, sent again by the beat's sweep.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(
    r"^\| (?P<phase>\w+/\w+) \| (?P<sent>\d+) \| (?P<acked>\d+) \| (?P<found>\d+) \| (?P<lost>\d+) \| (?P<dup>\d+) \|"
)


def test_nothing_acknowledged_is_lost_or_duplicated_under_faults():
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PORTAL_TEST"))}
    run = subprocess.run(
        [sys.executable, "deploy/faults.py", "--scenario", "all", "--duration", "2", "--report", "-"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-6000:]
    assert "RESULT: passed" in run.stdout
    rows = {match["phase"]: match for match in map(ROW.match, run.stdout.splitlines()) if match}
    expected = {"gunicorn", "postgres", "celery"} | ({"disk"} if os.geteuid() == 0 else set())
    assert {phase.split("/")[0] for phase in rows} == expected
    for phase, row in rows.items():
        assert int(row["lost"]) == 0, phase
        assert int(row["dup"]) == 0, phase
        assert int(row["found"]) == int(row["acked"]), phase
        if phase.endswith(("/before", "/after")):
            assert int(row["acked"]) == int(row["sent"]) > 0, phase
    # PostgreSQL down: the health check said 503 and the portal came back by itself.
    assert "(503 as expected); recovered" in run.stdout
    assert "0 more than once, 0 none" in run.stdout
