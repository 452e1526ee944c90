"""A pool of worker processes in which no single file can hurt the batch.

Each worker takes one file at a time. The parent gives each file a deadline and kills the worker
that misses it; a worker that dies (a crash, the kernel's OOM killer, a SIGKILL) is noticed from
its process sentinel. Either way the file gets an `error` record saying why and a fresh worker takes
the next file. Workers cap their own address space (RLIMIT_AS), so a runaway allocation is a
MemoryError inside the worker, and retire after `recycle_after` files so leaks cannot build up.

concurrent.futures cannot kill one hung task or tell which task a dead worker held, hence this
small pool of our own.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Iterator

Work = Callable[[str], dict]
EXTEND = "__sarkit_extend__"  # a worker's message: (EXTEND, seconds) — more time for the file in hand
MAX_EXTRA = float(os.environ.get("SARKIT_MAX_EXTRA_SECONDS", "3600"))  # beyond --timeout, per file, at most


def extended(deadline: float, started: float, timeout: float, now: float, seconds: float) -> float:
    """The deadline after a file asked for `seconds` more from `now`: never shorter, never past MAX_EXTRA
    beyond --timeout. The local pool and the Dask task both grant time this way."""
    return min(started + timeout + MAX_EXTRA, max(deadline, now + seconds))


def timed_out(took: float, timeout: float) -> str:
    """The error of a file stopped at its deadline (manifest.stopped_by_limits looks for "timed out")."""
    more = ", extended for its scanned pages" if took > timeout + 1 else ""
    return f"timed out: reading it took longer than {took:.0f} s (--timeout {timeout:g} s{more}); it was stopped"


@dataclass
class Done:
    key: str
    path: str
    record: dict  # from a worker: only what the parent reads (status, error, sha256); the rest is in `text`
    seconds: float
    rss_mb: float | None
    text: str | None = None  # the whole record as JSON, serialised by the worker: the parent stores it as it is

    def full_record(self) -> dict:
        return json.loads(self.text) if self.text is not None else self.record


_HEAD = ("status", "error", "sha256")


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_main(conn: Connection, work: Work, error_record: Callable[[str, str], dict], memory_mb: int | None,
                 recycle_after: int, ocr_jobs: int = 1) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, stop_on_sigterm)  # told to stop: take LibreOffice along
    if memory_mb:
        # The cap is on what reading a file adds: the address space a forked worker starts with (the
        # parent's libraries and thread arenas, 1.4 GB of mostly unbacked virtual memory once PyThaiNLP
        # and pyarrow are loaded) is not the file's doing, and counting it left some files no room.
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from parsers import budget

    budget.install(lambda seconds: conn.send((EXTEND, seconds)))  # a scanned page asks for more time
    # scanned pages of one file read in parallel on the cores the other workers leave (none with 2 on 2)
    os.environ.setdefault("SARKIT_OCR_JOBS", str(ocr_jobs))
    for n in range(1, recycle_after + 1):
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        key, path, *rest = msg
        if rest:  # a legacy file comes with the legacy files after it, which its LibreOffice start may take along
            from parsers import convert

            convert.COMPANIONS = list(rest[0])
        t = time.perf_counter()
        try:
            record = work(path)
            # JSON made here, on the worker's core: the parent only stores it (and pickling one string
            # is a copy, a nested dict a walk)
            text = json.dumps(record, ensure_ascii=False)
        except MemoryError:
            record = error_record(path, f"ran out of memory (the per-file limit is {memory_mb} MB)")
            text = json.dumps(record, ensure_ascii=False)
        head = {k: record.get(k) for k in _HEAD}
        conn.send((key, head, text, time.perf_counter() - t, _rss_mb(), n == recycle_after))


def stop_on_sigterm(signum, frame) -> None:
    """SIGTERM from the pool or the Dask task (the file's deadline passed, or the run is ending): kill
    any LibreOffice this process started (it runs in a group of its own and would outlive us), then exit
    at once."""
    from parsers.convert import kill_running

    kill_running()
    os._exit(1)


def _end(process) -> None:
    """Stop a worker: SIGTERM first (it kills its LibreOffice), SIGKILL if it does not go."""
    if process.is_alive():
        process.terminate()
        process.join(2)
    if process.is_alive():
        process.kill()


DRAW_SECONDS = 0.01  # the longest the source is drawn on between two looks at the workers
# Files sent to a worker ahead of the one in hand, so that it never waits for the parent (which writes a
# chunk of the tables now and then, a few tenths of a second): about AHEAD_SECONDS of work at the mean
# pace of the files so far, at least one file and at most MAX_DEPTH - 1 (at the end of a run a worker
# may hold files another could take: that much imbalance at most).
DEPTH = 2
MAX_DEPTH = 64
AHEAD_SECONDS = 0.5


@dataclass
class _Slot:
    process: mp.process.BaseProcess
    conn: Connection
    tasks: deque = field(default_factory=deque)  # (key, path) sent, in order; the first is in hand
    deadline: float = 0.0  # of the file in hand
    started: float = 0.0
    retiring: bool = False
    timeout: float = 120.0

    @property
    def task(self) -> tuple[str, str] | None:
        return self.tasks[0] if self.tasks else None

    def begin(self) -> None:
        """The file in hand changed: its time counts from now. (The next file starts when the worker sends
        the previous result; the parent sees that a little later if it was writing tables — a deadline may
        be that much longer, never shorter.)"""
        self.started = time.monotonic()
        self.deadline = self.started + self.timeout


class WorkerPool:
    def __init__(self, workers: int, work: Work, error_record: Callable[[str, str], dict], timeout: float = 120.0,
                 memory_mb: int | None = 2048, recycle_after: int = 200):
        self.n = max(1, workers)
        self.work, self.error_record = work, error_record
        self.timeout, self.memory_mb, self.recycle_after = timeout, memory_mb, max(1, recycle_after)
        self.ctx = mp.get_context("fork")  # workers inherit the imported rules: no start-up per file
        self.slots: list[_Slot] = []
        self.replaced = 0
        self._seconds, self._files = 0.0, 0  # what workers report: the pace of the run

    def _spawn(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=_worker_main, daemon=True,
                             args=(child, self.work, self.error_record, self.memory_mb, self.recycle_after,
                                   max(1, cpu_count() // self.n)))
        p.start()
        child.close()
        return _Slot(p, parent, timeout=self.timeout)

    def _replace(self, slot: _Slot, queue: deque) -> _Slot:
        """A fresh worker in the slot's place; the files sent ahead to the old one go back to the queue."""
        queue.extendleft(reversed(slot.tasks))
        _end(slot.process)
        slot.process.join(5)
        slot.conn.close()
        self.replaced += 1
        fresh = self._spawn()
        self.slots[self.slots.index(slot)] = fresh
        return fresh

    def _depth(self) -> int:
        pace = self._seconds / self._files if self._files else 1.0
        return max(DEPTH, min(MAX_DEPTH, int(AHEAD_SECONDS / max(pace, 1e-3))))

    def _feed(self, slot: _Slot, queue: deque, depth: int = DEPTH) -> None:
        """Send the slot's worker files until it holds `depth` (fewer if it retires sooner)."""
        if not slot.tasks and (slot.retiring or not slot.process.is_alive()):
            slot = self._replace(slot, queue)
        room = min(depth, self.recycle_after)
        while queue and len(slot.tasks) < room:
            slot.tasks.append(queue.popleft())
            if len(slot.tasks) == 1:
                slot.begin()
            try:
                slot.conn.send(slot.tasks[-1])
            except OSError:  # the worker died a moment ago: its sentinel tells, and the file goes back
                break

    def run(self, tasks: Iterable[tuple | None],
            tick: Callable[[list[tuple[str, float]]], None] | None = None) -> Iterator[Done]:
        """tasks: (key, path) or (key, path, companions), from a list or from a generator that finds them
        while the workers work (None from it: nothing yet, read results meanwhile). Yields one Done per
        task, in completion order. `tick` is called at least once a second with (path, seconds on it) of
        each file in hand: progress that does not freeze while one file takes a minute."""
        source: Iterator | None = iter(tasks)
        queue: deque = deque()
        self.slots = []
        try:
            while True:
                # Between results, the source is drawn on for a few milliseconds (all it takes while no
                # worker has anything to do): the walk of a large archive runs beside the work.
                if source is not None:
                    source = self._draw(source, queue, idle=not any(s.tasks for s in self.slots))
                if not queue and not any(s.tasks for s in self.slots):
                    if source is None:
                        break
                    continue
                for depth in (1, self._depth()):  # a file in every hand, a worker more while files wait, then more
                    for slot in list(self.slots):
                        if queue and len(slot.tasks) < depth:
                            self._feed(slot, queue, depth)
                    while depth == 1 and queue and len(self.slots) < self.n:
                        self.slots.append(self._spawn())
                        self._feed(self.slots[-1], queue, 1)
                busy = [s for s in self.slots if s.tasks]
                now = time.monotonic()
                if tick is not None:
                    tick([(s.task[1], now - s.started) for s in busy])
                wait_for = min(min(s.deadline for s in busy) - now, 1.0 if tick is not None else float("inf"))
                if source is not None:
                    wait_for = 0.0  # more to find: look for results and go on finding
                ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout=max(0.0, wait_for))
                for slot in busy:
                    key, path = slot.task[:2]
                    if slot.conn in ready:
                        try:
                            msg = slot.conn.recv()
                            if msg[0] == EXTEND:  # granted up to MAX_EXTRA beyond --timeout
                                slot.deadline = extended(slot.deadline, slot.started, self.timeout, time.monotonic(),
                                                         float(msg[1]))
                                continue
                            k, record, text, secs, rss, retiring = msg
                        except (EOFError, OSError):
                            yield self._lost(slot, queue, self._death(slot))
                            continue
                        slot.tasks.popleft()
                        slot.retiring = retiring
                        if retiring:  # it has read its last file: what was sent ahead goes to its successor
                            queue.extendleft(reversed(slot.tasks))
                            slot.tasks.clear()
                        elif slot.tasks:
                            slot.begin()
                        self._seconds, self._files = self._seconds + secs, self._files + 1
                        if queue:  # topped up before the parent stores this result
                            self._feed(slot, queue, self._depth())
                        yield Done(k, path, record, secs, rss, text)
                    elif slot.process.sentinel in ready:
                        yield self._lost(slot, queue, self._death(slot))
                    elif time.monotonic() >= slot.deadline:
                        took = time.monotonic() - slot.started
                        yield self._lost(slot, queue, timed_out(took, self.timeout), took)
        finally:
            self.close()

    def _lost(self, slot: _Slot, queue: deque, why: str, took: float = 0.0) -> Done:
        """The file in hand ends with an error (its worker died or was stopped); the worker is replaced."""
        key, path = slot.tasks.popleft()[:2]
        self._replace(slot, queue)
        return Done(key, path, self.error_record(path, why), took, None)

    @staticmethod
    def _draw(source: Iterator, queue: deque, idle: bool) -> Iterator | None:
        """Tasks from the source into the queue for up to DRAW_SECONDS (until one comes, when the workers
        are idle); None once the source is spent. The source is drawn on to its end, a slice at a time: a
        walk is ≈35 µs a file against milliseconds of reading, so it ends early in a run, and the batch's
        tables (written once the walk has ended) stream while the workers work. The queue holds what is
        found and not yet given out, a tuple a file."""
        until = time.monotonic() + DRAW_SECONDS
        while True:
            try:
                task = next(source)
            except StopIteration:
                return None
            if task is not None:
                queue.append(task)
            if time.monotonic() >= until and (queue or not idle):
                break
        return source

    def _death(self, slot: _Slot) -> str:
        slot.process.join(1)
        code = slot.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            hint = " (the kernel's out-of-memory killer sends SIGKILL)" if -code == signal.SIGKILL else ""
            return f"the worker reading it died from {name}{hint}"
        return f"the worker reading it stopped unexpectedly (exit code {code})"

    def close(self) -> None:
        for s in self.slots:
            try:
                s.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 2
        for s in self.slots:
            s.process.join(max(0.0, deadline - time.monotonic()))
            _end(s.process)  # busy still (Ctrl-C mid-file): SIGTERM, so that its LibreOffice goes too
            s.process.join(1)
            s.conn.close()
        self.slots = []


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
