"""The same batch on a dask.distributed cluster: `--scheduler tcp://HOST:PORT`, or `--dask` for a
LocalCluster on this machine. Tasks are the same function the local workers run; results come back
to this process as they finish, go to the manifest (and from there to the tables a chunk at a time),
and are released: nothing is gathered in memory, and only a window of tasks (four per worker thread)
is submitted at a time, so the scheduler's memory does not grow with the archive. Resume works exactly
as in a local run.

Each file runs under the same per-file deadline as a local run: a Dask task runs in a thread, which
cannot be interrupted, so the task reads its file in a child process (from a fork server started
once per Dask worker, with the pipeline preloaded) and kills it at the deadline. A worker that dies
is restarted by Dask's nanny and its task retried; a file that keeps killing workers ends as an
`error` row.
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import time
from typing import Iterator

from .records import error_record, process_record
from .workers import Done, extended, stop_on_sigterm, timed_out

_EXTEND = b"\x00sarkit-extend "  # the child's request for more time; a JSON record never starts so


def dask_task(key: str, path: str, timeout: float = 120.0) -> tuple[str, str, dict, float]:
    """One file on a Dask worker, under the same deadline as a local run: a Dask task runs in a thread,
    which cannot be interrupted, so the file is read in a forked child that is stopped at the deadline
    (SIGTERM: it kills any LibreOffice it started; then SIGKILL), and the file gets an error row.
    os.fork, not multiprocessing: Dask's worker processes are daemons, which multiprocessing forbids
    to have children. A child that inherits a lock held by another thread would hang: the deadline
    ends it like any other hang."""
    t = time.perf_counter()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read the file, write its record, leave without running any cleanup
        try:
            os.close(r)
            signal.signal(signal.SIGTERM, stop_on_sigterm)
            from parsers import budget

            os.environ.setdefault("SARKIT_OCR_JOBS", "1")  # a Dask worker per core: no cores to spare
            # a scanned page asks for its time, as in a local worker: a frame before the record
            budget.install(lambda seconds: os.write(w, _EXTEND + f"{float(seconds)}\n".encode()))
            data = json.dumps(process_record(path), ensure_ascii=False, default=str).encode("utf-8")
            with os.fdopen(w, "wb") as fh:
                fh.write(data)
        finally:
            os._exit(0)
    os.close(w)
    buf, complete = bytearray(), False
    deadline = t + timeout
    with os.fdopen(r, "rb", buffering=0) as fh:
        while (left := deadline - time.perf_counter()) > 0:
            ready, _, _ = select.select([fh], [], [], left)
            if not ready:
                break
            chunk = fh.read(1 << 16)
            if not chunk:
                complete = True
                break
            buf += chunk
            while buf.startswith(_EXTEND) and b"\n" in buf:  # more time asked for a scanned page
                frame, _, rest = bytes(buf).partition(b"\n")
                buf = bytearray(rest)
                try:
                    deadline = extended(deadline, t, timeout, time.perf_counter(), float(frame[len(_EXTEND):]))
                except ValueError:
                    pass
    status = _reap(pid, stop=not complete)
    record = None
    if complete and buf:
        try:
            record = json.loads(buf.decode("utf-8"))
        except ValueError:
            record = None
    if record is None:
        why = timed_out(time.perf_counter() - t, timeout) if not complete else \
            f"the process reading it died (status {status})"
        record = error_record(path, why)
    return key, path, record, time.perf_counter() - t


def _reap(pid: int, stop: bool) -> int:
    """Wait for the child; stop it first when its deadline passed (SIGTERM, then SIGKILL)."""
    if stop:
        os.kill(pid, signal.SIGTERM)
        for _ in range(20):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return status
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


IN_FLIGHT: list[int] | None = None  # a test sets a list: tasks in flight at each result (else not kept)


def run_on_dask(todo: list[tuple[str, str]], scheduler: str | None, workers: int,
                timeout: float = 120.0, window: int | None = None) -> Iterator[Done]:
    from dask.distributed import Client, LocalCluster, as_completed
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    for name in ("distributed", "tornado", "bokeh"):
        logging.getLogger(name).setLevel(logging.ERROR)  # the cluster's chatter is not our users' business
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        # A window of tasks in flight, refilled as results arrive: the scheduler holds a few hundred
        # futures, not a million, and each result is released once it is in the manifest.
        slots = sum(client.nthreads().values()) or workers
        window = window or max(16, 4 * slots)
        pending = iter(todo)
        futures: dict = {}
        done = as_completed()
        in_flight = IN_FLIGHT

        def submit_next() -> None:
            item = next(pending, None)
            if item is not None:
                key, path = item
                fut = client.submit(dask_task, key, path, timeout, key=f"sarkit-{key}", pure=False)
                futures[fut] = item
                done.add(fut)

        for _ in range(window):
            submit_next()
        for fut in done:
            if in_flight is not None:
                in_flight.append(len(futures))
            key, path = futures.pop(fut)
            try:
                k, p, record, secs = fut.result()
                result = Done(k, p, record, secs, None)
            except KilledWorker:
                result = Done(key, path, error_record(path, "the Dask workers reading it died, more than once"), 0.0,
                              None)
            except FutureCancelledError:
                result = Done(key, path, error_record(path, "the Dask task was cancelled"), 0.0, None)
            except Exception as exc:  # the task itself turns every file problem into a record
                result = Done(key, path, error_record(path, f"the Dask task failed ({type(exc).__name__}: {exc})"),
                              0.0, None)
            fut.release()
            submit_next()
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
