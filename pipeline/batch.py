"""`sarkit extract` over an archive: find the files while the first ones are read (pipeline.discovery),
skip what is done, process the rest in isolated workers (or on a Dask cluster), record every result in
the manifest as it arrives, and write the tables from the manifest, a chunk at a time, as results come.

Because the tables are always rebuilt from the manifest, a run killed at any point (Ctrl-C, SIGKILL,
power loss) and started again finishes the job with exactly the rows of an uninterrupted run: files
already done are not redone, none is written twice, none is lost. A changed file has a new hash and
is done again.
"""

from __future__ import annotations

import errno
import hashlib
import importlib.util
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from parsers.convert import LOOK_AHEAD
from parsers.sniff import sniff

from .dataset import Dataset, build_dataset_from_records
from .discovery import DEFERRED, HEARTBEAT, Discovery, Entry, file_hash
from .formats import FORMATS, output_names
from .manifest import Manifest
from .model import STATUS_ERROR, display_path
from .progress import Progress
from .records import error_record, process_record
from .version import sarkit_version
from .workers import Done, WorkerPool, cpu_count

MANIFEST_NAME = "manifest.sqlite"
log = logging.getLogger("sarkit")
MIN_FREE_MB = 50


class SetupError(Exception):
    """The run asks for something this installation lacks; said before any work."""


class OutputFolderError(Exception):
    """The output folder cannot take the results; raised before any work starts."""


@dataclass
class BatchSummary:
    files: int = 0
    unique: int = 0
    processed: int = 0  # this run
    reused: int = 0  # done by an earlier run
    skipped: int = 0  # files in the folders given that are not documents
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    workers_replaced: int = 0
    tables_rewritten: bool = True
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (status, file, why)
    _manifest_path: Path | None = None
    _version: str = ""
    _entries: list = field(default_factory=list)
    _by_sha: dict = field(default_factory=dict)
    _dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        """The run's tables in memory, read back from the manifest when first asked for (a batch itself
        never holds them: a million records do not fit)."""
        if self._dataset is None:
            m = Manifest(self._manifest_path, self._version)
            try:
                records = _chunk_records(_rows(self._entries, self._by_sha), self._by_sha, m)
            finally:
                m.close()
            self._dataset = build_dataset_from_records(records)
        return self._dataset

    def line(self) -> str:
        c = self.counts
        states = ", ".join(f"{c[s]} {s}" for s in ("ok", "needs_review", "no_assessment", "error", "missing_tool")
                           if c[s])
        rate = self.processed / self.seconds if self.seconds else 0.0
        dup = f", {_n(self.files - self.unique, 'duplicate path')} read once" if self.files > self.unique else ""
        skipped = f", {_n(self.skipped, 'file')} skipped (not documents)" if self.skipped else ""
        return (f"sarkit: {_n(self.unique, 'document')}: {states or 'none'}; {self.processed} read now, "
                f"{self.reused} resumed from an earlier run{dup}{skipped}; {self.seconds:.1f} s, "
                f"{rate:.1f} files/s")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def results_fingerprint() -> str:
    """What a stored result depends on besides the file's bytes: sarkit's version and code (the rules
    live in it), the framework catalogue and scales in use, and the options that change results. A
    rerun reuses a result only when all of these are the same; otherwise the file is read again."""
    from .frameworks import FRAMEWORKS_DIR

    h = hashlib.sha256(sarkit_version().encode())
    root = Path(__file__).resolve().parent.parent
    catalogue = Path(os.environ.get("SARKIT_FRAMEWORKS") or FRAMEWORKS_DIR)
    files = [*sorted((root / "pipeline").rglob("*.py")), *sorted((root / "parsers").rglob("*.py")),
             *sorted((root / "schemas").glob("*.yaml")), *sorted(catalogue.glob("*.y*ml"))]
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    h.update(os.environ.get("SARKIT_MAX_PAGES", "").encode())
    return f"{sarkit_version()}+{h.hexdigest()[:16]}"


# -- the output folder -------------------------------------------------------------------------------
_TEMPORARY = re.compile(r"^\.(?:documents|standards|indicators|findings|sarkit|report)\..+\.(?:csv|parquet|xlsx|jsonl|html)$")


def _lock(out_dir: Path):
    """One run at a time in an output folder: two runs would both work and the last would silently
    decide the tables. The lock is an flock on `.sarkit.lock`, released when the process ends."""
    import fcntl

    fh = open(out_dir / ".sarkit.lock", "a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        holder = fh.read().strip() or "?"
        fh.close()
        raise OutputFolderError(f"another sarkit run (process {holder}) is writing into {out_dir}; wait for it "
                                "to finish, or choose another --out")
    fh.seek(0)
    fh.truncate()
    fh.write(str(os.getpid()))
    fh.flush()
    return fh


def _sweep_temporary_files(out_dir: Path) -> None:
    """Tables half-written by a run that was killed (a SIGKILL while the workbook was written)."""
    for p in out_dir.iterdir():
        if _TEMPORARY.match(p.name):
            p.unlink(missing_ok=True)
def prepare_output(out: str | Path) -> Path:
    """Create the folder and prove it takes a file, before any work: a read-only, missing or full
    folder is a clear message now, not a traceback after an hour of work."""
    path = Path(out)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputFolderError(f"{path} is a file, not a folder")
    except PermissionError:
        raise OutputFolderError(f"{path} cannot be created: permission denied")
    except OSError as exc:
        raise OutputFolderError(f"{path} cannot be created: {exc.strerror or exc}")
    try:
        with tempfile.NamedTemporaryFile(dir=path, prefix=".sarkit-probe-"):
            pass
    except OSError as exc:
        raise OutputFolderError(f"{path} is not writable: {exc.strerror or exc}")
    free_mb = shutil.disk_usage(path).free / 2**20
    if free_mb < MIN_FREE_MB:
        raise OutputFolderError(f"{path} has only {free_mb:.0f} MB free; at least {MIN_FREE_MB} MB are needed")
    return path


def run_batch(inputs: list[str | Path], out: str | Path, workers: int | None = None, timeout: float = 120.0,
              memory_mb: int | None = 2048, recycle_after: int = 200, scheduler: str | None = None,
              use_dask: bool = False, formats: tuple[str, ...] = FORMATS, progress: bool | None = None,
              work: Callable[[str], dict] = process_record) -> BatchSummary:
    started = time.perf_counter()
    if (scheduler or use_dask) and importlib.util.find_spec("distributed") is None:
        raise SetupError("--dask and --scheduler need dask.distributed: pip install 'sarkit[cluster]'")
    out_dir = prepare_output(out)
    lock = _lock(out_dir)  # held until this process ends
    _sweep_temporary_files(out_dir)
    try:
        manifest = Manifest(out_dir / MANIFEST_NAME, results_fingerprint())
    except sqlite3.DatabaseError as exc:
        lock.close()
        raise OutputFolderError(f"{out_dir / MANIFEST_NAME} is damaged ({exc}); move it away to start the run afresh")
    show = Progress(progress)
    try:
        # A file that waited for a missing system tool is read again: the tool may be installed now.
        done = {sha: st for sha, st in manifest.done().items() if st != "missing_tool"}
        # A file stopped by the deadline or the memory cap is read again when the run's limits change.
        limits = f"timeout={timeout:g} memory_mb={memory_mb or 0}"
        if manifest.get_meta("limits") not in (None, limits):
            for sha in manifest.stopped_by_limits():
                done.pop(sha, None)
        manifest.set_meta("limits", limits)
        local = not (scheduler or use_dask)
        found = Discovery(inputs, manifest, done, look_ahead=LOOK_AHEAD if local else 0)
        entries, by_sha = found.entries, found.by_sha
        summary = BatchSummary()
        tasks: Iterable = found.tasks()
        if not local:  # found first: Dask tasks have no deadline of their own, so legacy files are converted here
            tasks = [t[:2] for t in tasks if t is not None]
            _preconvert(tasks, show)
        books = _Books(found, done, manifest, show, summary, out_dir, formats)
        show.start(0, 0, summary.counts)
        books.take_stock()  # on Dask, all was found before: the totals now
        try:
            for d in _execute(tasks, workers, timeout, memory_mb, recycle_after, scheduler, use_dask, work, summary,
                              books.tick):
                books.take(d)
            books.finish()
        except BaseException:
            books.abort()
            raise
        finally:
            show.close()
            try:
                found.flush()  # hashes made here: the next run need not make them again
            except sqlite3.Error:
                pass  # the manifest cannot take them (a full disk): they are made again next time
        summary.files, summary.skipped = len(entries), len(found.skipped)
        summary.unique = len(by_sha) + sum(1 for e in entries if e.sha256 is None)
        summary.reused = len(found.reused)
        summary.tables_rewritten = books.tables is not None  # else nothing changed since they were written: resume is free
        summary.problems = _problems(entries, by_sha, manifest)
        summary._manifest_path, summary._version = out_dir / MANIFEST_NAME, manifest.version
        summary._entries, summary._by_sha = entries, by_sha
        summary.seconds = time.perf_counter() - started
        return summary
    except sqlite3.OperationalError as exc:  # the manifest could not take a result: a full disk, mostly
        raise OutputFolderError(f"the output folder stopped taking results ({exc}); free some space and run the "
                                "same command again: the files finished so far are kept") from exc
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        raise OutputFolderError(f"the disk of {out_dir} is full; free some space and run the same command again: "
                                "the files finished so far are kept") from exc
    finally:
        manifest.close()
        lock.close()  # releases the folder for the next run


class _Books:
    """What the parent keeps while a batch runs: the counts and the progress from what discovery finds, each
    result into the manifest (and the tables) as it comes, and — once the walk has ended — whether the tables
    must be written at all (a rerun with nothing new leaves them as they are)."""

    def __init__(self, found: Discovery, done: dict[str, str], manifest: Manifest, show: Progress,
                 summary: BatchSummary, out_dir: Path, formats: tuple[str, ...]):
        self.found, self.done, self.manifest, self.show, self.summary = found, done, manifest, show, summary
        self.out_dir, self.formats = out_dir, formats
        self.ready = set(done)  # contents whose result is in the manifest
        self.tables: _TableStream | None = None
        self._decided = False
        self._reused = self._errors = 0  # of discovery's, counted so far

    def take_stock(self) -> None:
        """What discovery found since last asked: the progress total, the results reused, the files that
        cannot be read; once it has finished, whether the tables must be written (then they are, as
        results come)."""
        found, counts = self.found, self.summary.counts
        for sha in found.reused[self._reused:]:
            counts[self.done[sha] or "?"] += 1
        counts[STATUS_ERROR] += found.errors - self._errors
        self.show.found(found.rows, len(found.reused) - self._reused + found.errors - self._errors, not found.finished)
        self._reused, self._errors = len(found.reused), found.errors
        found.flush(HEARTBEAT)
        if found.finished and not self._decided:
            self._decided = True
            self._decide()

    def _decide(self) -> None:
        found, manifest = self.found, self.manifest
        skipped = len(found.skipped)
        self.show.say(f"{_n(len(found.entries), 'document')} found" +
                      (f", {_n(skipped, 'other file')} skipped" if skipped else ""))
        outputs = [self.out_dir / n for n in output_names(self.formats, Dataset.TABLES)]
        if found.given or not all(p.exists() for p in outputs) or \
                manifest.get_meta("tables") != _tables_state(found.entries, manifest.version, self.formats):
            manifest.set_meta("tables", "")  # a run killed while writing rewrites them next time
            self.tables = _TableStream(found.entries, found.by_sha, manifest, self.out_dir, self.formats, self.ready)

    def tick(self, in_hand) -> None:
        self.take_stock()
        self.show.tick(in_hand)

    def take(self, d: Done) -> None:
        """One result: into the manifest, the counts and, when its rows' turn has come, the tables."""
        self.take_stock()
        found, summary = self.found, self.summary
        file = None
        if d.key in found.deferred:  # hashed by its worker (or here, when the worker did not finish)
            e = found.deferred.pop(d.key)
            sha = d.record.get("sha256") or e.sha256 or _hash_or_none(e.path)
            if not sha:
                found.unreadable(e, d.record.get("error") or "the file cannot be read")
                self._errors += 1  # counted here, not again by take_stock
                summary.processed += 1
                summary.counts[STATUS_ERROR] += 1
                self.show.update(STATUS_ERROR)
                if self.tables is not None:
                    self.tables.advance()
                return
            found.settle(e, sha)
            d.key, file = sha, (e.path, *e.stat)
        if not d.record.get("sha256"):  # made here (an error record), or the worker could not hash
            d.record = {**d.full_record(), "sha256": d.key}
            d.text = None
        self.manifest.store(d.key, d.record, d.seconds, d.rss_mb, d.text, file)
        self.ready.add(d.key)
        summary.processed += 1
        status = d.record.get("status", "?")
        summary.counts[status] += 1
        self.show.update(status)
        log.info("%s: %s in %.1f s%s", display_path(d.path), status, d.seconds,
                 f" ({d.record.get('error')})" if d.record.get("error") else "")
        if self.tables is not None:
            self.tables.advance()

    def finish(self) -> None:
        self.take_stock()  # the walk has ended: the pool drew all it had
        self.manifest.flush()
        if self.tables is not None:
            self.tables.close()
            self.manifest.set_meta("tables", _tables_state(self.found.entries, self.manifest.version, self.formats))

    def abort(self) -> None:
        if self.tables is not None:
            self.tables.abort()


def _hash_or_none(path: str) -> str | None:
    """The hash of a deferred file whose worker did not finish (deadline, memory, crash); None when the
    file cannot be read."""
    try:
        return file_hash(path)
    except OSError:
        return None


CHUNK = 500  # documents per step of the table writer at most …
FIRST_CHUNK = 50
CHUNK_BYTES = 2 << 20  # … and about this much JSON: its memory, whatever the size of the run or of a report


def _tables_state(entries: list[Entry], version: str, formats: tuple[str, ...]) -> str:
    """What the written tables are a function of: every input (path, content hash or why it cannot be
    read), the results' fingerprint and the formats. The same state twice: the tables are up to date."""
    h = hashlib.sha256(f"{version}|{','.join(sorted(formats))}".encode())
    for e in entries:
        h.update(f"\n{display_path(e.path)}\t{e.sha256 or ''}\t{e.error}".encode())
    return h.hexdigest()


def _chunk_records(part: list[Entry], by_sha: dict[str, list[str]], manifest: Manifest) -> list[dict]:
    """The nested records of some table rows, read back from the manifest in one query."""
    found = manifest.records([e.sha256 for e in part if e.sha256])
    out = []
    for e in part:
        if e.sha256 is None:
            out.append(error_record(e.path, e.error))
            continue
        rec = found.get(e.sha256) or error_record(e.path, "no result was recorded for this file (a bug in sarkit)")
        rec["file"] = display_path(e.path)
        rec["also_at"] = "; ".join(display_path(x) for x in by_sha[e.sha256][1:])
        out.append(rec)
    return out


def _rows(entries: list[Entry], by_sha: dict[str, list[str]]) -> list[Entry]:
    """The entries that are rows of the tables, in input order: each content once, under its first path."""
    return [e for e in entries if e.sha256 is None or by_sha[e.sha256][0] == e.path]


class _TableStream:
    """The tables written while the workers work: a chunk of rows (in input order, so the tables are the
    same whatever order files finish in) goes out as soon as every file in it is done. Its records are
    read back from the manifest, so no record waits in memory; a file that takes its whole deadline
    holds back the writing, not the workers."""

    def __init__(self, entries, by_sha, manifest: Manifest, out_dir: Path, formats, ready: set[str]):
        self.rows, self.by_sha, self.manifest = _rows(entries, by_sha), by_sha, manifest
        self.ready = ready  # content hashes whose result is in the manifest: the batch's set, kept by it
        self.pos = self.written = 0  # rows before pos are ready; rows before written are written
        # The first chunk is small: written early, it sizes the next ones (to about CHUNK_BYTES of
        # records) and a batch of a few hundred files is not all written after its last result.
        self.chunk = FIRST_CHUNK
        self.out_dir, self.formats = out_dir, formats
        self.writer = None  # see _open
        self._advance(final=False)

    def advance(self) -> None:
        """A row became ready (its result is in `ready`, or its file turned out unreadable): write what can be."""
        self._advance(final=False)

    def _advance(self, final: bool) -> None:
        rows = self.rows
        while self.pos < len(rows) and (rows[self.pos].sha256 in self.ready or
                                        (rows[self.pos].sha256 is None and not rows[self.pos].deferred)):
            self.pos += 1
        while self.pos - self.written >= self.chunk or (final and self.written < self.pos):
            part = rows[self.written:min(self.pos, self.written + self.chunk)]
            self.manifest.flush()  # the chunk's fresh results, committed before they are read back
            records = _chunk_records(part, self.by_sha, self.manifest)
            per_doc = max(1, self.manifest.last_bytes // max(1, len(part)))
            self.chunk = max(10, min(CHUNK, CHUNK_BYTES // per_doc))
            self._open().add(records)
            self.written += len(part)

    def close(self) -> None:
        self._advance(final=True)
        if self.written != len(self.rows):  # a file with no result: our bug, never a silent gap
            missing = [e.path for e in self.rows[self.written:] if e.sha256 not in self.ready][:3]
            raise RuntimeError(f"no result for {len(self.rows) - self.written} files ({missing} …): a bug in sarkit")
        self._open().close()  # with no rows at all, the tables are still written, with their columns

    def _open(self):
        """The writer, opened with the first chunk: pandas and pyarrow load after the workers start."""
        if self.writer is None:
            from .export import TableWriter

            self.writer = TableWriter(self.out_dir, self.formats)
        return self.writer

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.abort()


def _problems(entries: list[Entry], by_sha: dict[str, list[str]], manifest: Manifest) -> list[tuple[str, str, str]]:
    """(status, file, why) of every file that could not be read or waits for a tool: the command line
    lists them. Read from the statuses alone; only those records are loaded."""
    statuses = dict(manifest.db.execute("SELECT sha256, status FROM results WHERE version=? AND status IN "
                                        "('error', 'missing_tool')", (manifest.version,)))
    bad = [e for e in entries if e.sha256 in statuses and by_sha[e.sha256][0] == e.path]
    found = manifest.records([e.sha256 for e in bad])
    out = [(STATUS_ERROR, display_path(e.path), e.error) for e in entries if e.sha256 is None]
    out += [(statuses[e.sha256], display_path(e.path), (found.get(e.sha256) or {}).get("error", "")) for e in bad]
    return out


def _preconvert(todo: list[tuple[str, str]], show: Progress) -> None:
    """Legacy Word files converted before the workers start, twenty per LibreOffice start (one start
    costs about a second; twenty files in one cost about eight): the workers then find them cached.
    A file that fails here is converted again on its own by its worker, which reports why."""
    from parsers.convert import convert_many

    legacy = []
    for sha, path in todo:
        try:
            with open(path, "rb") as fh:
                kind = sniff(fh.read(8192))
            if kind in ("ole", "rtf") and sha.startswith(DEFERRED):
                sha = file_hash(path)  # the conversion cache is keyed by content
        except OSError:
            continue
        if kind in ("ole", "rtf"):
            legacy.append((sha, Path(path), kind))
    if len(legacy) > 1:
        show.phase(f"converting {len(legacy)} legacy Word files with LibreOffice", force=True)
        convert_many(legacy)
        show.end_phase(f"{len(legacy)} legacy Word files converted")


def _execute(todo, workers, timeout, memory_mb, recycle_after, scheduler, use_dask, work,
             summary: BatchSummary, tick=None) -> Iterator[Done]:
    if not todo:
        return iter(())
    if scheduler or use_dask:
        from .cluster import run_on_dask
        return run_on_dask(todo, scheduler, workers or cpu_count(), timeout)
    pool = WorkerPool(workers or cpu_count(), work, error_record, timeout, memory_mb, recycle_after)

    def gen() -> Iterator[Done]:
        try:
            yield from pool.run(todo, tick)
        finally:
            summary.workers_replaced = pool.replaced

    return gen()
