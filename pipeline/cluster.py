"""The same batch on a dask.distributed cluster: `--scheduler tcp://HOST:PORT`, or `--dask` for a
LocalCluster on this machine. Tasks are the same function the local workers run; results come back
to this process, which keeps the manifest, so resume works exactly as in a local run.

Limits, said plainly: a per-file timeout is not enforced on Dask (its tasks run in worker threads,
where a hung parser cannot be interrupted); a worker that dies is restarted by Dask's nanny and its
task retried, and a file that keeps killing workers ends as an `error` row.
"""

from __future__ import annotations

import logging
import time
from typing import Iterator

from .records import error_record, process_record
from .workers import Done


def dask_task(key: str, path: str) -> tuple[str, str, dict, float]:
    t = time.perf_counter()
    return key, path, process_record(path), time.perf_counter() - t


def run_on_dask(todo: list[tuple[str, str]], scheduler: str | None, workers: int) -> Iterator[Done]:
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
        futures = {client.submit(dask_task, key, path, key=f"sarkit-{key}", pure=False): (key, path)
                   for key, path in todo}
        for fut in as_completed(futures):
            key, path = futures[fut]
            try:
                k, p, record, secs = fut.result()
            except KilledWorker:
                yield Done(key, path, error_record(path, "the Dask workers reading it died, more than once"), 0.0, None)
                continue
            except FutureCancelledError:
                yield Done(key, path, error_record(path, "the Dask task was cancelled"), 0.0, None)
                continue
            except Exception as exc:  # the task itself turns every file problem into a record
                yield Done(key, path, error_record(path, f"the Dask task failed ({type(exc).__name__}: {exc})"),
                           0.0, None)
                continue
            yield Done(k, p, record, secs, None)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
