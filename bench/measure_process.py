#!/usr/bin/env python3
"""Runs a command and prints, as JSON, its wall time and what the kernel says it used (wait4's
rusage): peak memory (maxRSS) and CPU time. One measure for any process, Node or Python.

  measure_process.py <command> [args...]   ->   {"code", "wallMs", "maxRssKiB", "userMs", "systemMs", "stdout"}
"""
import json
import os
import subprocess
import sys
import time

started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)
stdout = child.stdout.read()
_, status, usage = os.wait4(child.pid, 0)
wall_ms = (time.perf_counter() - started) * 1000
child.returncode = os.waitstatus_to_exitcode(status)
print(
    json.dumps(
        {
            "code": child.returncode,
            "wallMs": wall_ms,
            "maxRssKiB": usage.ru_maxrss,
            "userMs": usage.ru_utime * 1000,
            "systemMs": usage.ru_stime * 1000,
            "stdout": stdout.decode("utf-8", "replace"),
        }
    )
)
