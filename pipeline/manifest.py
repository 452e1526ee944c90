"""The manifest of a batch run: an SQLite file in the output folder that makes a run resumable.

`files` remembers each input path's size, mtime and SHA-256 (so an unchanged file is not hashed
again); `results` keeps one finished record per content hash, committed as soon as it arrives, so
that a run killed at any moment loses at most the files in flight. Results are keyed by content hash
and `version`, the fingerprint of sarkit's code, catalogue and options (`batch.results_fingerprint`):
a result made under any other is not reused.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from .model import display_path

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT
);
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT PRIMARY KEY, version TEXT NOT NULL, status TEXT, record TEXT NOT NULL,
    seconds REAL, rss_mb REAL, done_at REAL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
_REMEMBER = "INSERT OR REPLACE INTO files(path, size, mtime_ns, stamp, sha256) VALUES (?,?,?,?,?)"
FLUSH_EVERY = 64  # results per transaction
FLUSH_SECONDS = 2.0  # … or this long after the first one waiting


class Manifest:
    def __init__(self, path: Path, version: str):
        self.path = path
        self.version = version
        # isolation_level=None: every statement commits on its own, which is what resuming needs.
        self.db = sqlite3.connect(str(path), isolation_level=None, timeout=60)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._pending: list[tuple] = []
        self._files: list[tuple] = []  # files hashed by their workers, remembered with their results
        self.last_bytes = 0
        self._pending_since = 0.0
        if "stamp" not in {row[1] for row in self.db.execute("PRAGMA table_info(files)")}:
            self.db.execute("ALTER TABLE files ADD COLUMN stamp TEXT")  # a manifest from before the stamp

    def close(self) -> None:
        """Results still waiting are committed (Ctrl-C keeps them); if that fails too (a full disk), they
        are read again by the next run."""
        try:
            self.flush()
        except sqlite3.Error:
            self._pending, self._files = [], []
        finally:
            self.db.close()

    def known_hash(self, path: str, size: int, mtime_ns: int, stamp: str) -> str | None:
        """The hash remembered for this file, when nothing about it changed: size, modification time,
        and `stamp` (change time and inode: `cp -p`, `rsync -a` and `tar x` restore the modification
        time of a changed file, never its change time)."""
        row = self.db.execute("SELECT sha256 FROM files WHERE path=? AND size=? AND mtime_ns=? AND stamp=?",
                              (display_path(path), size, mtime_ns, stamp)).fetchone()
        return row[0] if row else None

    def remember_files(self, rows: list[tuple[str, int, int, str, str]]) -> None:
        with self.db:  # one transaction for many (discovery hands them over a few hundred at a time)
            self.db.execute("BEGIN")
            self.db.executemany(_REMEMBER, [(display_path(p), *rest) for p, *rest in rows])

    def done(self) -> dict[str, str]:
        """Content hash -> status of every result this version of sarkit made."""
        return dict(self.db.execute("SELECT sha256, status FROM results WHERE version=?", (self.version,)))

    def store(self, sha: str, record: dict, seconds: float, rss_mb: float | None, text: str | None = None,
              file: tuple | None = None) -> None:
        """Results are committed in batches (FLUSH_EVERY, or FLUSH_SECONDS after the first waiting one):
        one transaction per result capped the parent at a few hundred files/s. A run killed before a
        flush redoes at most that batch. `text`: the record as JSON already (a worker made it). `file`:
        (path, size, mtime_ns, stamp) of a file whose hash its worker made, remembered in the same
        transaction (a result whose file's hash were forgotten would be read again)."""
        if not self._pending:
            self._pending_since = time.monotonic()
        if text is None:
            text = json.dumps(record, ensure_ascii=False)
        self._pending.append((sha, self.version, record.get("status"), text, seconds, rss_mb, time.time()))
        if file is not None:
            self._files.append((display_path(file[0]), *file[1:], sha))
        if len(self._pending) >= FLUSH_EVERY or time.monotonic() - self._pending_since >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO results(sha256, version, status, record, seconds, rss_mb, "
                                "done_at) VALUES (?,?,?,?,?,?,?)", self._pending)
            self.db.executemany(_REMEMBER, self._files)
        self._pending, self._files = [], []

    def records(self, shas: list[str]) -> dict[str, dict]:
        """Many results in one query (a chunk of the tables being written)."""
        out = {}
        self.last_bytes = 0  # the size of the JSON just read: the table writer sizes its chunks by it
        for k in range(0, len(shas), 500):  # SQLite's limit on bound parameters is 999 in old builds
            part = shas[k:k + 500]
            q = f"SELECT sha256, record FROM results WHERE version=? AND sha256 IN ({','.join('?' * len(part))})"
            for sha, rec in self.db.execute(q, (self.version, *part)):
                self.last_bytes += len(rec)
                out[sha] = json.loads(rec)
        return out

    def stopped_by_limits(self) -> list[str]:
        """Results that are errors because the file hit the run's deadline or memory cap (workers.py and
        cluster.py write these messages): another --timeout or --memory-mb may read them."""
        return [r[0] for r in self.db.execute(
            "SELECT sha256 FROM results WHERE version=? AND status='error' AND (record LIKE '%timed out%' OR "
            "record LIKE '%ran out of memory%' OR record LIKE '%out-of-memory killer%')", (self.version,))]

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", (key, value))
