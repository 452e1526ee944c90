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
import time
import zipfile
from pathlib import Path

from . import budget
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
        # its home and its temporary files (lu*.tmp) inside the profile, which goes with it whatever happens
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                                env=dict(os.environ, HOME=str(profile), TMPDIR=str(profile)))
        RUNNING[proc.pid] = profile
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise UnreadableDocument(f"LibreOffice did not finish converting it within {timeout:g} s; it was stopped")
        finally:
            RUNNING.pop(proc.pid, None)
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
# running now and their profiles, so that a worker told to stop (its file's deadline, Ctrl-C) takes them
# with it — the worker then exits at once, and a profile left behind is half a megabyte in /tmp per hang.
RUNNING: dict[int, Path] = {}


def kill_running() -> None:
    for pgid, profile in list(RUNNING.items()):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        shutil.rmtree(profile, ignore_errors=True)
    RUNNING.clear()


# A batch's legacy files from the one in hand on, in the batch's order: set in the worker from the task
# that brings the file (pipeline.discovery holds a legacy file back until the ones after it are found). A
# worker converting it takes the next few along in the same LibreOffice start — a start costs about a
# second, a small file a fifth of that — and the workers that meet those files later find them cached.
COMPANIONS: list[tuple[str, str]] = []  # (path, kind)
GROUP = 20  # files per LibreOffice start at most
# A group's deadline: a start and a few seconds a file (a 41-page .doc takes a third of a second). A group
# that takes longer — a file that hangs, or files far larger than most — is dropped and each of its
# files converted alone under its own deadline, so a hang costs GROUP_BASE_SECONDS + GROUP * GROUP_FILE_SECONDS
# (115 s) and the singles' starts. Measured on 40 41-page .doc, 2 workers: 3.5 files/s at 5 files per start
# (then 30 s a file), 4.3 at 10, 4.6–4.9 at 20.
GROUP_BASE_SECONDS = 15.0
GROUP_FILE_SECONDS = 5.0
LOOK_AHEAD = 4 * GROUP  # files after a worker's own searched for companions


def group_seconds(files: int) -> float:
    return GROUP_BASE_SECONDS + GROUP_FILE_SECONDS * files


CLAIM_STALE_SECONDS = 2 * group_seconds(GROUP)  # a claim this old is void, whatever process it names
_POLL = 0.05


# -- claims: which worker converts which file. Two workers meeting the same files (A takes file 0 and
# its companions while B takes file 1) would convert them twice; a claim (a file made with
# O_EXCL, naming its process) says a conversion is under way, and a worker whose file another has
# claimed converts the next unclaimed files meanwhile, then takes its own from the cache.
def _claim_path(sha: str) -> Path:
    path = cache_dir() / "claims"
    path.mkdir(exist_ok=True)
    return path / sha


def _claim(sha: str) -> bool:
    path = _claim_path(sha)
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            if not _stale(path):
                return False
            path.unlink(missing_ok=True)  # its process died: the claim is void
            continue
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        return True
    return False


def _stale(path: Path) -> bool:
    """A claim whose process died, or older than any group may take (its process id may have been
    reused since a killed run left it)."""
    try:
        pid = int(path.read_text() or "0")
        if time.time() - path.stat().st_mtime > CLAIM_STALE_SECONDS:
            return True
    except (OSError, ValueError):
        return False  # being written this instant
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _release(shas) -> None:
    for sha in shas:
        _claim_path(sha).unlink(missing_ok=True)


def _companions(path: str | None, sha: str, room: int) -> list[tuple[str, bytes, str]]:
    """Up to `room` legacy files after `path` in the batch's order, not converted yet, claimed for
    this worker. Looked for among the next LOOK_AHEAD files only: each is read and hashed to be
    checked, and when most of them are done already a scan to the end would read the whole rest of
    the batch for every file."""
    if path is None or not COMPANIONS or room <= 0:
        return []
    start = next((k + 1 for k, (p, _) in enumerate(COMPANIONS) if p == path), len(COMPANIONS))
    out = []
    for p, kind in COMPANIONS[start:start + LOOK_AHEAD]:
        try:
            data = Path(p).read_bytes()
        except OSError:
            continue
        other = hashlib.sha256(data).hexdigest()
        if other != sha and not _cached(other).exists() and _claim(other):
            out.append((other, data, kind))
        if len(out) == room:
            break
    return out


def _group(items: list[tuple[str, bytes, str]], release: list[str]) -> None:
    """One LibreOffice start for claimed files; the claims in `release` given back whatever happens."""
    budget.request(group_seconds(len(items)))
    try:
        convert_many(items, timeout_per_file=GROUP_FILE_SECONDS, chunk=GROUP, timeout_base=GROUP_BASE_SECONDS)
    finally:
        _release(release)


def convert_to_docx(data: bytes, kind: str, timeout: float = DEFAULT_TIMEOUT, path: str | None = None) -> bytes:
    """The .docx LibreOffice makes of `data` (a .doc, .rtf or .odt), from the cache when it was made before.
    In a batch, the next legacy files go along in the same LibreOffice start (COMPANIONS); if that group
    fails or hangs, this file is converted again on its own and the others wait for their own turn.
    A file another worker is converting (claimed) is waited for, after converting the next unclaimed
    files meanwhile."""
    sha = hashlib.sha256(data).hexdigest()
    cached = _cached(sha)
    if cached.exists():
        return cached.read_bytes()
    mine = False
    if COMPANIONS and path is not None:
        mine = _claim(sha)
        if mine:
            others = _companions(path, sha, GROUP - 1)
            if others:
                _group([(sha, data, kind), *others], [o[0] for o in others])
        else:
            ahead = _companions(path, sha, GROUP)
            if ahead:
                _group(ahead, [o[0] for o in ahead])
            budget.request(group_seconds(GROUP))
            give_up = time.monotonic() + group_seconds(GROUP)
            claim = _claim_path(sha)
            while claim.exists() and not cached.exists() and time.monotonic() < give_up:
                time.sleep(_POLL)
        if cached.exists():
            if mine:
                _release([sha])
            return cached.read_bytes()
    try:
        with tempfile.TemporaryDirectory(prefix="sarkit-convert-") as tmp:
            src = Path(tmp) / f"input{SUFFIX[kind]}"
            src.write_bytes(data)
            err = _run([src], Path(tmp) / "out", timeout)
            out = Path(tmp) / "out" / "input.docx"
            if not _valid_docx(out):
                raise UnreadableDocument("LibreOffice could not open it as a document" + (f" ({err[-200:]})" if err else ""))
            _store(out, cached)
            return cached.read_bytes()
    finally:
        if mine:
            _release([sha])


def convert_many(items: list[tuple[str, bytes | Path, str]], timeout_per_file: float = 30.0,
                 chunk: int = 20, timeout_base: float = 0.0) -> None:
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
                _run(inputs, Path(tmp) / "out", timeout_base + timeout_per_file * len(inputs))
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
