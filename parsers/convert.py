"""Word 97 .doc, RTF and OpenDocument to .docx through LibreOffice, so that the .docx parser reads
them: tick symbols and form fields survive the conversion, while plain-text .doc readers turn symbol
ticks into "(" (seed 002's dump shows it).

Every conversion runs `soffice --headless` with its own private profile (a fresh profile keeps
LibreOffice's default macro security, so no document macro runs, and two runs never share a lock),
under a timeout that kills the whole process group, and its output is checked: LibreOffice's exit
code is 0 even when it wrote nothing. Results are cached by content hash. `convert_many` converts
many files in one soffice start, which is several times faster than one start per file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from .cache import cache_root
from .model import MissingTool, UnreadableDocument

SUFFIX = {"ole": ".doc", "rtf": ".rtf", "odt": ".odt"}
PACKAGE = "libreoffice-writer-nogui"
DEFAULT_TIMEOUT = 120.0


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice") or (
        "/usr/lib/libreoffice/program/soffice" if os.path.exists("/usr/lib/libreoffice/program/soffice") else None)


def cache_dir() -> Path:
    path = cache_root() / "converted"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _cached(sha: str) -> Path:
    return cache_dir() / f"{sha}.docx"


def _valid_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _run(inputs: list[Path], outdir: Path, timeout: float) -> str:
    exe = soffice()
    if exe is None:
        raise MissingTool(f"reading this format needs LibreOffice, which is not installed here "
                          f"(install the Debian package {PACKAGE})", PACKAGE)
    profile = Path(tempfile.mkdtemp(prefix="sarkit-lo-profile-"))
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
           "--nodefault", "--nologo", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir)]
    cmd += [str(p) for p in inputs]
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                                env=dict(os.environ, HOME=str(profile)))
        RUNNING.add(proc.pid)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise UnreadableDocument(f"LibreOffice did not finish converting it within {timeout:g} s; it was stopped")
        finally:
            RUNNING.discard(proc.pid)
        return _meaningful((err or b"").decode("utf-8", "replace"))
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# LibreOffice's chatter that says nothing about the document: without Java it warns on every start.
_NOISE = ("javaldx", "java may not function", "Java Runtime Environment", "Fontconfig warning")


def _meaningful(stderr: str) -> str:
    """LibreOffice's messages about the document, without its start-up noise (a row whose only
    explanation is "failed to launch javaldx" tells a person nothing)."""
    return "\n".join(ln for ln in stderr.splitlines() if ln.strip() and not any(n in ln for n in _NOISE)).strip()


# LibreOffice runs in a process group of its own (so that a timeout kills all it started); the groups
# running now, so that a worker told to stop (its file's deadline, Ctrl-C) takes them with it.
RUNNING: set[int] = set()


def kill_running() -> None:
    for pgid in list(RUNNING):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    RUNNING.clear()


# Legacy files of the batch still to read, in the order the workers take them: set by the batch before
# its workers start (they inherit it). A worker converting one takes the next few along in the same
# LibreOffice start — a start costs about a second, a small file a fifth of that — and the workers that
# meet those files later find them in the cache.
COMPANIONS: list[tuple[str, str]] = []  # (path, kind)
GROUP = 5  # files per LibreOffice start at most
GROUP_SECONDS = 30.0  # per file of a group; a group that takes longer is dropped and each file read alone


def _companions(path: str | None, sha: str) -> list[tuple[str, bytes, str]]:
    """Up to GROUP - 1 legacy files after `path` in the batch's order, not converted yet."""
    if path is None or not COMPANIONS:
        return []
    start = next((k + 1 for k, (p, _) in enumerate(COMPANIONS) if p == path), len(COMPANIONS))
    out = []
    for p, kind in COMPANIONS[start:]:
        try:
            data = Path(p).read_bytes()
        except OSError:
            continue
        other = hashlib.sha256(data).hexdigest()
        if other != sha and not _cached(other).exists():
            out.append((other, data, kind))
        if len(out) == GROUP - 1:
            break
    return out


def convert_to_docx(data: bytes, kind: str, timeout: float = DEFAULT_TIMEOUT, path: str | None = None) -> bytes:
    """The .docx LibreOffice makes of `data` (a .doc, .rtf or .odt), from the cache when it was made before.
    In a batch, the next legacy files go along in the same LibreOffice start (COMPANIONS); if that group
    fails or hangs, this file is converted again on its own and the others wait for their own turn."""
    sha = hashlib.sha256(data).hexdigest()
    cached = _cached(sha)
    if cached.exists():
        return cached.read_bytes()
    others = _companions(path, sha)
    if others:
        from . import budget

        budget.request(GROUP_SECONDS * (1 + len(others)) + timeout)  # the group, then this file alone if need be
        convert_many([(sha, data, kind), *others], timeout_per_file=GROUP_SECONDS, chunk=GROUP)
        if cached.exists():
            return cached.read_bytes()
    with tempfile.TemporaryDirectory(prefix="sarkit-convert-") as tmp:
        src = Path(tmp) / f"input{SUFFIX[kind]}"
        src.write_bytes(data)
        err = _run([src], Path(tmp) / "out", timeout)
        out = Path(tmp) / "out" / "input.docx"
        if not _valid_docx(out):
            raise UnreadableDocument("LibreOffice could not open it as a document" + (f" ({err[-200:]})" if err else ""))
        _store(out, cached)
        return cached.read_bytes()


def convert_many(items: list[tuple[str, bytes | Path, str]], timeout_per_file: float = 30.0,
                 chunk: int = 20) -> None:
    """Fill the cache for (sha256, data or path, kind) items, up to `chunk` files per soffice start.
    Failures are left for `convert_to_docx` to meet again, one file at a time, with its own message."""
    todo = [(sha, src, kind) for sha, src, kind in items if not _cached(sha).exists()]
    if soffice() is None:
        return
    for i in range(0, len(todo), chunk):
        part = todo[i: i + chunk]
        with tempfile.TemporaryDirectory(prefix="sarkit-convert-") as tmp:
            inputs = []
            for sha, src, kind in part:
                p = Path(tmp) / f"{sha}{SUFFIX[kind]}"
                if isinstance(src, Path):
                    shutil.copyfile(src, p)
                else:
                    p.write_bytes(src)
                inputs.append(p)
            try:
                _run(inputs, Path(tmp) / "out", timeout_per_file * len(inputs))
            except UnreadableDocument:
                continue  # a hang in the batch: each file is retried on its own
            for sha, _, _ in part:
                out = Path(tmp) / "out" / f"{sha}.docx"
                if _valid_docx(out):
                    _store(out, _cached(sha))


def _store(src: Path, dst: Path) -> None:
    tmp = dst.with_suffix(f".{os.getpid()}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)
