"""The files of a batch, found while the workers already work.

`Discovery.tasks()` walks the inputs and yields the work as it finds it, so the first result comes
within a second however large the archive: the walk and a `stat` cost about 35 µs a file, a million
files half a minute, which the pool now spends reading files instead of waiting.

Each content is read once. A file's hash is remembered from an earlier run when nothing about it
changed; a new file whose size no earlier file has is left for the worker that reads it to hash (it
reads the bytes anyway); a file whose size an earlier file has is hashed here, and so is that earlier
file if its worker has it still — only files of equal size can be copies of one another, so every
pair of copies is known by its hash before the second is given out, and the first path in input
order names the content. (The tables are written once discovery has finished: a row's `also_at`
lists every later copy.)

Legacy Word files go out with the legacy files that follow them (`parsers.convert.COMPANIONS`), which
the worker's LibreOffice start may take along; a legacy file is held back until those are found.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from parsers.sniff import sniff

from .manifest import Manifest
from .run import find_documents, unreadable

DEFERRED = "deferred:"  # the key of a task whose file its worker hashes
HEARTBEAT = 256  # files walked between two pauses in which the pool reads results
_LEGACY_SUFFIXES = {".doc", ".dot", ".rtf", ".odt", ".wps", ".wpd"}
_LEGACY_KINDS = {"ole", "rtf", "odt"}


@dataclass
class Entry:
    path: str
    sha256: str | None = None
    error: str = ""  # the path cannot be read: a broken link, no permission
    deferred: bool = False  # hashed by the worker that reads it
    stat: tuple | None = None  # (size, mtime_ns, stamp) for the manifest's file table


def file_hash(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Discovery:
    """The batch's files as they are found: `entries` in input order, `by_sha` (content hash -> its
    paths, the first naming the row), `deferred` (task key -> the entry its worker hashes)."""

    def __init__(self, inputs: Iterable[str | Path], manifest: Manifest | None, done: dict[str, str],
                 defer: bool = True, look_ahead: int = 0):
        self.inputs, self.manifest, self.done = inputs, manifest, done
        self.defer, self.look_ahead = defer, look_ahead
        self.entries: list[Entry] = []
        self.by_sha: dict[str, list[str]] = {}
        self.deferred: dict[str, Entry] = {}
        self.skipped: list[str] = []
        self.unlisted: dict[str, str] = {}  # folder -> why it could not be listed
        self.reused: list[str] = []  # contents done by an earlier run
        self.given = 0  # tasks handed out
        self.errors = 0  # files that cannot be read
        self.finished = False
        self._unhashed = 0  # deferred files whose hash is not known yet
        self._sizes: dict[int, Entry | None] = {}  # size -> the earlier file of that size its worker hashes
        self._remember: list[tuple] = []  # hashes made here, for the manifest's file table
        self._legacy: deque = deque()  # legacy tasks held back until the files that follow them are known

    @property
    def rows(self) -> int:
        """Rows found so far: each content once, and each file that cannot be read."""
        return len(self.by_sha) + self._unhashed + self.errors

    def tasks(self) -> Iterator[tuple | None]:
        """(key, path, companions) of each content to read, in input order but for held-back legacy
        files; None every HEARTBEAT files walked, so that the pool can read results meanwhile."""
        for n, path in enumerate(find_documents(self.inputs, self.skipped, self.unlisted), 1):
            e = self._entry(path)
            self.entries.append(e)
            self.errors += bool(e.error)
            task = self._task(e)
            if task is not None:
                yield from self._give(task, e)
            if n % HEARTBEAT == 0:
                self.flush(HEARTBEAT)
                yield None
        while self._legacy:
            yield self._release()
        self.finished = True

    # -- one file --------------------------------------------------------------------------------
    def _entry(self, path: str) -> Entry:
        if path in self.unlisted:
            return Entry(path, error=self.unlisted[path])
        try:
            st = os.stat(path)
            if not os.path.isfile(path):
                return Entry(path, error="not a regular file")
        except FileNotFoundError:
            why = "a broken link: its target does not exist" if os.path.islink(path) else "file not found"
            return Entry(path, error=why)
        except OSError as exc:
            return Entry(path, error=unreadable(exc))
        stamp = f"{st.st_ctime_ns}:{st.st_ino}"
        e = Entry(path, stat=(st.st_size, st.st_mtime_ns, stamp))
        if self.manifest is not None:
            e.sha256 = self.manifest.known_hash(path, st.st_size, st.st_mtime_ns, stamp)
        if st.st_size in self._sizes:  # a possible copy: hashes decide
            earlier = self._sizes[st.st_size]
            if earlier is not None and earlier.sha256 is None:
                try:  # its worker has it: the hash is made here too (if this fails, the worker's result tells)
                    self.settle(earlier, file_hash(earlier.path))
                    self._remember.append((earlier.path, *earlier.stat, earlier.sha256))
                    earlier.deferred = True  # still in a worker's hands
                except OSError:
                    pass
            self._sizes[st.st_size] = None
            if e.sha256 is None:
                self._hash_here(e)
        elif e.sha256 is None and self.defer:
            e.deferred = True
            self._sizes[st.st_size] = e
        else:
            self._sizes[st.st_size] = None
            if e.sha256 is None:
                self._hash_here(e)
        return e

    def _hash_here(self, e: Entry) -> None:
        try:
            e.sha256 = file_hash(e.path)
            self._remember.append((e.path, *e.stat, e.sha256))
        except OSError as exc:
            e.error = unreadable(exc)

    def _task(self, e: Entry) -> tuple[str, str] | None:
        if e.error:
            return None
        if e.deferred:  # keyed by its place in the input (the batch pops `deferred` as results come)
            key = f"{DEFERRED}{len(self.entries) - 1}"
            self.deferred[key] = e
            self._unhashed += 1
            return key, e.path
        paths = self.by_sha.setdefault(e.sha256, [])
        paths.append(e.path)
        if len(paths) > 1:
            return None  # a copy of a content met before
        if e.sha256 in self.done:
            self.reused.append(e.sha256)
            return None
        return e.sha256, e.path

    def settle(self, e: Entry, sha: str) -> None:
        """A deferred file's hash, from its worker (or made here when the worker did not finish); the
        manifest remembers it with the file's result."""
        if e.sha256 is None:
            self._unhashed -= 1
            self.by_sha.setdefault(sha, []).append(e.path)
        e.sha256, e.deferred = sha, False

    def unreadable(self, e: Entry, why: str) -> None:
        """A deferred file that could not be hashed after all: an error row."""
        self._unhashed -= 1
        self.errors += 1
        e.deferred, e.error = False, why

    # -- legacy files and their companions --------------------------------------------------------
    def _give(self, task: tuple[str, str], e: Entry) -> Iterator[tuple]:
        kind = _legacy_kind(e.path) if self.look_ahead else None
        if kind is None:
            self.given += 1
            yield (*task, ())
            return
        self._legacy.append((task, kind))
        while len(self._legacy) > self.look_ahead:
            yield self._release()

    def _release(self) -> tuple:
        """The first held-back legacy task, with itself and the legacy files after it as companions."""
        (key, path), kind = self._legacy.popleft()
        self.given += 1
        return key, path, ((path, kind), *((p, k) for (_, p), k in self._legacy))

    def flush(self, at_least: int = 1) -> None:
        """The hashes made since the last call into the manifest, when there are `at_least` of them (one
        transaction for many)."""
        if self.manifest is not None and len(self._remember) >= at_least:
            self.manifest.remember_files(self._remember)
            self._remember = []


def _legacy_kind(path: str) -> str | None:
    """The kind of a legacy Word file, told by name, then by its first bytes; None for anything else."""
    if Path(path).suffix.lower() not in _LEGACY_SUFFIXES:
        return None
    try:
        with open(path, "rb") as fh:
            kind = sniff(fh.read(8192))
    except OSError:
        return None
    return kind if kind in _LEGACY_KINDS else None


def discover(inputs: Iterable[str | Path], manifest: Manifest | None = None, defer: bool = False,
             skipped: list[str] | None = None) -> list[Entry]:
    """Every input with its hash (all hashed here unless `defer`): the whole walk at once."""
    d = Discovery(inputs, manifest, {}, defer=defer)
    for _ in d.tasks():
        pass
    if skipped is not None:
        skipped.extend(d.skipped)
    return d.entries
