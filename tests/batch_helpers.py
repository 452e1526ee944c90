"""Work functions for the batch fault tests: each behaves like the real one except on files whose
names ask for trouble. Importable, so a subprocess can use them too."""

from __future__ import annotations

import os
import signal
import sys
import time

from pipeline.records import process_record


def troublesome(path: str) -> dict:
    name = os.path.basename(path)
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("hog"):
        blob = bytearray(3 * 2**30)  # far past the cap the test sets
        blob[0] = 1
    rec = process_record(path)
    rec["worker_pid"] = os.getpid()
    return rec


def marking(path: str) -> dict:
    """The real work, leaving `path`.read behind when done: a test's source can wait for a result."""
    rec = process_record(path)
    open(path + ".read", "w").close()
    return rec


def slow(path: str) -> dict:
    time.sleep(0.15)
    return process_record(path)


if __name__ == "__main__":  # python batch_helpers.py SLOW|FAST OUT INPUT...
    from pipeline.batch import run_batch

    mode, out, *inputs = sys.argv[1:]
    s = run_batch(inputs, out, workers=2, work=slow if mode == "SLOW" else process_record, progress=False)
    print(s.line())
