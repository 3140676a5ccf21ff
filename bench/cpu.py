"""Where the two cores went during a load phase: CPU seconds per kind of process.

usage: cpu.py snapshot FILE        -> writes the CPU ticks of every process now running
       cpu.py diff BEFORE AFTER    -> CPU seconds per group (gunicorn, postgres, celery, redis, …)

A process that started after BEFORE counts from zero; one that ended before AFTER is lost, which is
why the load client's own share comes from load.py ("client CPU %"), not from here.
"""

import json
import os
import sys

GROUPS = (
    ("gunicorn", "gunicorn"),
    ("postgres", "postgres"),
    ("celery", "celery"),
    ("redis", "redis-server"),
    ("load client", "load.py"),
)
TICKS = os.sysconf("SC_CLK_TCK")


def processes():
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat_file:
                fields = stat_file.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline_file:
                cmdline = cmdline_file.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        # fields[0] is the state (field 3); utime and stime are fields 14 and 15
        yield pid, cmdline, int(fields[11]) + int(fields[12])


def group_of(cmdline):
    for label, needle in GROUPS:
        if needle in cmdline:
            return label
    return "other"


def snapshot(path):
    with open(path, "w") as out:
        json.dump({pid: [cmdline, ticks] for pid, cmdline, ticks in processes()}, out)


def diff(before_path, after_path):
    with open(before_path) as before_file, open(after_path) as after_file:
        before, after = json.load(before_file), json.load(after_file)
    totals = {}
    for pid, (cmdline, ticks) in after.items():
        spent = ticks - before.get(pid, [cmdline, 0])[1]
        if spent > 0:
            group = group_of(cmdline)
            totals[group] = totals.get(group, 0) + spent / TICKS
    for group, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"{group:12} {seconds:7.2f} s")


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        snapshot(sys.argv[2])
    else:
        diff(sys.argv[2], sys.argv[3])
