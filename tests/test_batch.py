"""Batch runs: discovery by content, isolation, recycling, resume after SIGKILL, output-folder
errors, progress, and the same job on a real Dask LocalCluster."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import MANIFEST_NAME, OutputFolderError, run_batch
from pipeline.discovery import discover
from pipeline.cli import main

from batch_helpers import troublesome
from conftest import CORPUS

HERE = Path(__file__).resolve().parent


@pytest.fixture
def archive(tmp_path):
    """A small archive: Word, HTML, a bad file, a duplicate, a Word file with a misleading name."""
    src = tmp_path / "archive"
    (src / "sub").mkdir(parents=True)
    for name in ("002_phatthalung2_2557_levels.docx", "004_udonthani2_2565_web.html", "bad_empty.docx",
                 "esa2557_html_images.html"):
        shutil.copy(CORPUS / name, src / name)
    shutil.copy(CORPUS / "002_phatthalung2_2557_levels.docx", src / "sub" / "copy_of_002.docx")
    shutil.copy(CORPUS / "esa2560_content_controls.docx", src / "sub" / "scan0001.dat")
    (src / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    (src / "notes.md").write_text("ไม่ใช่รายงาน", encoding="utf-8")
    os.symlink(src / "missing.docx", src / "broken_link.docx")
    return src


def rows(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_discovery_by_content_dedup_and_broken_links(archive, tmp_path):
    found = {Path(e.path).name: e for e in discover([archive])}
    assert set(found) == {"002_phatthalung2_2557_levels.docx", "004_udonthani2_2565_web.html", "bad_empty.docx",
                          "esa2557_html_images.html", "copy_of_002.docx", "scan0001.dat", "broken_link.docx"}
    assert found["copy_of_002.docx"].sha256 == found["002_phatthalung2_2557_levels.docx"].sha256
    assert "broken link" in found["broken_link.docx"].error

    out = tmp_path / "out"
    s = run_batch([archive], out, workers=2, progress=False)
    docs = rows(out, "documents")
    assert len(docs) == 6 and s.files == 7 and s.unique == 6
    first = docs[docs["file"].str.endswith("002_phatthalung2_2557_levels.docx")].iloc[0]
    assert first["also_at"].endswith("copy_of_002.docx")
    assert docs[docs["file"].str.endswith("scan0001.dat")]["status"].item() == "ok"
    assert "broken link" in docs[docs["file"].str.endswith("broken_link.docx")]["error"].item()
    assert len(rows(out, "indicators")[lambda d: d["file"].str.contains("002")]) == 4  # processed once


def test_hang_is_killed_at_the_timeout_and_the_batch_goes_on(tmp_path):
    for name in ("hang.html", "a.html", "b.html"):
        shutil.copy(CORPUS / "004_udonthani2_2565_web.html", tmp_path / name)
    (tmp_path / "hang.html").write_bytes((tmp_path / "hang.html").read_bytes() + b"<!-- hang -->")
    (tmp_path / "b.html").write_bytes((tmp_path / "b.html").read_bytes() + b"<!-- b -->")
    s = run_batch([tmp_path / "hang.html", tmp_path / "a.html", tmp_path / "b.html"], tmp_path / "out", workers=1,
                  timeout=2, work=troublesome, progress=False)
    docs = rows(tmp_path / "out", "documents").set_index("file")
    assert "timed out" in docs.loc[str(tmp_path / "hang.html"), "error"]
    assert (docs["status"] == "ok").sum() == 2 and s.workers_replaced >= 1
    files = [tmp_path / "hang.html", tmp_path / "a.html", tmp_path / "b.html"]
    same = run_batch(files, tmp_path / "out", workers=1, timeout=2, work=troublesome, progress=False)
    assert same.processed == 0  # the same limits: the timed-out file is not tried again
    longer = run_batch(files, tmp_path / "out", workers=1, timeout=3, work=troublesome, progress=False)
    assert longer.processed == 1 and longer.reused == 2  # another --timeout: only the timed-out file again


def test_worker_killed_mid_file_is_replaced(tmp_path):
    shutil.copy(CORPUS / "004_udonthani2_2565_web.html", tmp_path / "die.html")
    shutil.copy(CORPUS / "000_lamphun2_2557_prose.docx", tmp_path / "ok.docx")
    run_batch([tmp_path / "die.html", tmp_path / "ok.docx"], tmp_path / "out", workers=1, work=troublesome,
              progress=False)
    docs = rows(tmp_path / "out", "documents").set_index("file")
    assert "SIGKILL" in docs.loc[str(tmp_path / "die.html"), "error"]
    assert docs.loc[str(tmp_path / "ok.docx"), "status"] == "ok"


def test_memory_cap_gives_an_error_row(tmp_path):
    shutil.copy(CORPUS / "004_udonthani2_2565_web.html", tmp_path / "hog.html")
    run_batch([tmp_path / "hog.html"], tmp_path / "out", workers=1, memory_mb=1024, work=troublesome, progress=False)
    assert "out of memory" in rows(tmp_path / "out", "documents")["error"].item()


def test_workers_are_recycled(tmp_path):
    files = []
    for k in range(6):
        f = tmp_path / f"r{k}.html"
        f.write_bytes((CORPUS / "004_udonthani2_2565_web.html").read_bytes() + f"<!-- {k} -->".encode())
        files.append(f)
    s = run_batch(files, tmp_path / "out", workers=1, recycle_after=2, work=troublesome, progress=False)
    pids = {r["worker_pid"] for r in s.dataset.records}
    assert len(pids) == 3


def test_rerun_reuses_and_redoes_only_changed_files(archive, tmp_path):
    out = tmp_path / "out"
    first = run_batch([archive], out, workers=2, progress=False)
    again = run_batch([archive], out, workers=2, progress=False)
    assert (first.processed, again.processed, again.reused) == (5, 0, 5)
    assert rows(out, "indicators").equals(pd.DataFrame(rows(out, "indicators")))
    html = archive / "004_udonthani2_2565_web.html"
    html.write_bytes(html.read_bytes().replace(b'<input checked="" type="checkbox"/> 5', b'<input type="checkbox"/> 5'))
    third = run_batch([archive], out, workers=2, progress=False)
    assert third.processed == 1
    ind = rows(out, "indicators")
    assert ind[ind["file"].str.endswith("004_udonthani2_2565_web.html")]["level"].item() == ""


def test_resume_with_nothing_new_rewrites_nothing_and_chunks_change_nothing(archive, tmp_path, monkeypatch):
    """Tables are written from the manifest a chunk at a time; a rerun with nothing new leaves them as
    they are (same files, same inodes); a new file rewrites them."""
    import pipeline.batch as batch

    out = tmp_path / "out"
    monkeypatch.setattr(batch, "CHUNK", 2)  # many chunks for a small archive
    first = run_batch([archive], out, workers=2, progress=False)
    stamps = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.iterdir() if not p.name.startswith(".")
              and p.name != "manifest.sqlite"}
    assert first.tables_rewritten and len(stamps) == 10
    again = run_batch([archive], out, workers=2, progress=False)
    assert not again.tables_rewritten and again.processed == 0
    assert {n: (out / n).stat().st_ino for n in stamps} == {n: v[0] for n, v in stamps.items()}
    # the same rows as one chunk written from memory
    monkeypatch.setattr(batch, "CHUNK", 10_000)
    one = run_batch([archive], tmp_path / "one", workers=1, progress=False)
    for name in ("documents", "indicators", "findings"):
        assert rows(out, name).drop(columns=["sha256"], errors="ignore").equals(
            rows(tmp_path / "one", name).drop(columns=["sha256"], errors="ignore"))
        a, b = pd.read_parquet(out / f"{name}.parquet"), pd.read_parquet(tmp_path / "one" / f"{name}.parquet")
        pd.testing.assert_frame_equal(a, b)
    assert str(pd.read_parquet(out / "indicators.parquet")["level"].dtype) == "Int64"
    assert len(one.dataset.documents) == one.unique
    shutil.copy(CORPUS / "000_lamphun2_2557_prose.docx", archive / "new.docx")
    third = run_batch([archive], out, workers=2, progress=False)
    assert third.processed == 1 and third.tables_rewritten
    assert "new.docx" in " ".join(rows(out, "documents")["file"])
    # a changed format list is a change too
    assert run_batch([archive], out, workers=2, progress=False, formats=("csv",)).tables_rewritten


def test_workers_hash_what_only_they_read(archive, tmp_path, monkeypatch):
    """Discovery is a walk and a stat: a new file whose size no earlier file has is hashed by the worker that
    reads it; a file of an earlier file's size (the only possible copies) is hashed first, and so is that
    earlier file. The rows are the same, copies are still read once, and a rerun knows every hash."""
    import pipeline.discovery as discovery

    calls = []
    real = discovery.file_hash
    monkeypatch.setattr(discovery, "file_hash", lambda p: calls.append(os.path.basename(p)) or real(p))
    entries = discover([archive], defer=True)
    deferred = sorted(os.path.basename(e.path) for e in entries if e.deferred)
    assert sorted(calls) == ["002_phatthalung2_2557_levels.docx", "copy_of_002.docx"]  # the same size: a copy
    assert "004_udonthani2_2565_web.html" in deferred and "scan0001.dat" in deferred
    monkeypatch.setattr(discovery, "file_hash", real)
    s = run_batch([archive], tmp_path / "out", workers=2, progress=False)
    monkeypatch.setattr(discovery.Discovery, "__init__", _hash_all(discovery.Discovery.__init__))
    ref = run_batch([archive], tmp_path / "ref", workers=1, progress=False)  # every file hashed first, as before
    monkeypatch.undo()
    assert s.processed == 5 and rows(tmp_path / "out", "documents").equals(rows(tmp_path / "ref", "documents"))
    again = run_batch([archive], tmp_path / "out", workers=2, progress=False)
    assert again.processed == 0 and not again.tables_rewritten  # every hash known now


def _hash_all(init):
    def hash_all(self, *a, **k):
        init(self, *a, **k)
        self.defer = False
    return hash_all


def test_a_copy_of_a_file_done_before_is_not_read_again(tmp_path):
    """A copy added next to a file an earlier run read (its hash remembered, the copy's size unique among
    the new files): one row, under the first path, the copy in also_at, nothing read again."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "004_udonthani2_2565_web.html", src / "a.html")
    out = tmp_path / "out"
    run_batch([src], out, workers=1, progress=False)
    shutil.copy(src / "a.html", src / "b.html")
    again = run_batch([src], out, workers=1, progress=False)
    docs = rows(out, "documents")
    assert again.processed == 0 and again.reused == 1 and again.files == 2 and again.unique == 1
    assert docs["file"].str.endswith("a.html").tolist() == [True] and docs["also_at"].item().endswith("b.html")


def test_copies_found_while_the_first_is_in_a_worker(tmp_path):
    """Discovery runs beside the work: when a copy is found after its original went to a worker unhashed,
    the original is hashed too and the copy is not given out; one row, also_at names the copy."""
    src = tmp_path / "in"
    src.mkdir()
    names = [f"{k:03d}.html" for k in range(600)]  # past a heartbeat: the pool reads results meanwhile
    base = (CORPUS / "004_udonthani2_2565_web.html").read_bytes()
    for k, name in enumerate(names):
        (src / name).write_bytes(base + f"<!-- {k:06d} -->".encode())
    shutil.copy(src / "000.html", src / "zzz_copy.html")  # the last file walked, 000.html long given out
    s = run_batch([src], tmp_path / "out", workers=2, progress=False)
    docs = rows(tmp_path / "out", "documents")
    assert s.processed == 600 and s.files == 601 and len(docs) == 600
    assert docs.iloc[0]["file"].endswith("000.html") and docs.iloc[0]["also_at"].endswith("zzz_copy.html")
    assert docs["file"].tolist() == sorted(docs["file"].tolist())  # input order


def test_results_are_reused_only_under_the_same_catalogue_and_options(archive, tmp_path, monkeypatch):
    """A rerun with another framework catalogue (or another limit that changes results) reads every
    file again: the manifest keys results on content + sarkit's code, catalogue and options."""
    from pipeline.frameworks import FRAMEWORKS_DIR, load_catalogue

    out = tmp_path / "out"
    first = run_batch([archive], out, workers=2, progress=False)
    assert first.skipped == 2  # photo.png and notes.md: not documents, counted in the summary
    other = tmp_path / "frameworks"
    shutil.copytree(FRAMEWORKS_DIR, other)
    f = sorted(other.glob("*.yaml"))[0]
    f.write_text(f.read_text(encoding="utf-8") + "\n# a local edit\n", encoding="utf-8")
    monkeypatch.setenv("SARKIT_FRAMEWORKS", str(other))
    load_catalogue.cache_clear() if hasattr(load_catalogue, "cache_clear") else None
    second = run_batch([archive], out, workers=2, progress=False)
    assert second.processed == first.processed and second.reused == 0
    third = run_batch([archive], out, workers=2, progress=False)
    assert third.processed == 0  # same catalogue again: all reused
    monkeypatch.setenv("SARKIT_MAX_PAGES", "50")
    assert run_batch([archive], out, workers=2, progress=False).reused == 0


@pytest.mark.slow
def test_sigkill_then_rerun_gives_the_rows_of_an_uninterrupted_run(tmp_path):
    src = tmp_path / "many"
    src.mkdir()
    for k in range(40):
        for name in ("000_lamphun2_2557_prose.docx", "004_udonthani2_2565_web.html"):
            data = (CORPUS / name).read_bytes()
            suffix = Path(name).suffix
            f = src / f"{k:02d}_{name}"
            if suffix == ".html":
                f.write_bytes(data + f"<!-- {k} -->".encode())
            else:
                shutil.copy(CORPUS / name, f)
                with open(f, "ab") as fh:  # a distinct hash; a ZIP reader ignores trailing bytes
                    fh.write(f"copy {k}".encode())
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), str(HERE.parent)]))
    helper = [sys.executable, str(HERE / "batch_helpers.py")]
    killed = tmp_path / "killed"
    proc = subprocess.Popen(helper + ["SLOW", str(killed), str(src)], env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and done < 15:
        time.sleep(0.2)
        try:
            with sqlite3.connect(killed / MANIFEST_NAME) as db:
                done = db.execute("SELECT count(*) FROM results").fetchone()[0]
        except sqlite3.Error:
            pass
    os.killpg(proc.pid, signal.SIGKILL)  # the whole run, workers included
    proc.wait()
    assert 15 <= done < 80 and not (killed / "documents.csv").exists()
    subprocess.run(helper + ["FAST", str(killed), str(src)], env=env, check=True, capture_output=True)
    whole = tmp_path / "whole"
    subprocess.run(helper + ["FAST", str(whole), str(src)], env=env, check=True, capture_output=True)
    for name in ("documents", "standards", "indicators", "findings"):
        assert rows(killed, name).equals(rows(whole, name)), name
    assert len(rows(whole, "documents")) == 80


def test_output_folder_problems_are_clear_before_work(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    with pytest.raises(OutputFolderError, match="not a folder"):
        run_batch([CORPUS / "bad_empty.docx"], blocker, progress=False)
    assert main(["extract", str(CORPUS / "bad_empty.docx"), "--out", str(blocker / "sub"), "--quiet"]) == 2
    assert "output folder" in capsys.readouterr().err

    import shutil as sh
    monkeypatch.setattr(sh, "disk_usage", lambda p: sh._ntuple_diskusage(10**9, 10**9 - 1000, 1000))
    with pytest.raises(OutputFolderError, match="MB free"):
        run_batch([CORPUS / "bad_empty.docx"], tmp_path / "full", progress=False)


def test_progress_is_quiet_off_a_terminal_and_a_summary_is_printed(tmp_path, capsys):
    assert main(["extract", str(CORPUS / "004_udonthani2_2565_web.html"), "--out", str(tmp_path), "--workers", "1"]) == 0
    out = capsys.readouterr()
    assert "1 document: 1 ok" in out.out and "\r" not in out.err


@pytest.mark.slow
def test_same_job_on_a_dask_local_cluster(archive, tmp_path):
    local = run_batch([archive], tmp_path / "local", workers=2, progress=False)
    dask = run_batch([archive], tmp_path / "dask", workers=1, use_dask=True, progress=False)
    assert dask.processed == local.processed == 5
    for name in ("documents", "indicators", "findings"):
        assert rows(tmp_path / "dask", name).equals(rows(tmp_path / "local", name))
    again = run_batch([archive], tmp_path / "dask", workers=1, use_dask=True, progress=False)
    assert again.processed == 0  # resume works the same on Dask


@pytest.mark.slow
def test_dask_keeps_a_window_of_tasks_not_the_whole_archive(archive, tmp_path, monkeypatch):
    """Tasks go to the cluster a window at a time and each result is released as it arrives."""
    from pipeline import cluster

    todo = [(str(k), str(p)) for k, p in enumerate(sorted(archive.rglob("*.htm*")) * 4)]
    monkeypatch.setattr(cluster, "IN_FLIGHT", [])
    done = list(cluster.run_on_dask(todo, None, 1, timeout=60, window=3))
    assert sorted(d.key for d in done) == sorted(k for k, _ in todo)
    assert max(cluster.IN_FLIGHT) <= 3 and len(cluster.IN_FLIGHT) == len(todo)
    assert all(d.record["status"] in ("ok", "needs_review", "no_assessment") for d in done)



@pytest.mark.slow
def test_the_per_file_deadline_holds_on_dask(tmp_path, monkeypatch):
    """A conversion that hangs (a LibreOffice that never finishes) on a Dask worker: an error row at the
    deadline, the other file read, and no LibreOffice left behind."""
    import subprocess
    import stat as st

    marker = f"sarkit-dask-hang-{os.getpid()}"
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "soffice"
    fake.write_text(f"#!/bin/bash\nexec -a {marker} sleep 300\n")
    fake.chmod(fake.stat().st_mode | st.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")  # the Dask workers inherit it
    monkeypatch.setenv("SARKIT_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "in"
    src.mkdir()
    (src / "hang.rtf").write_bytes(b"{\\rtf1 " + marker.encode() + b"}")
    shutil.copy(CORPUS / "004_udonthani2_2565_web.html", src)
    s = run_batch([src], tmp_path / "out", workers=1, use_dask=True, timeout=3, progress=False)
    docs = rows(tmp_path / "out", "documents").set_index("file")
    assert "timed out" in docs.loc[str(src / "hang.rtf"), "error"] and s.counts["ok"] == 1
    left = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    assert left == [], f"LibreOffice outlived its Dask task: {left}"


def test_a_file_name_that_is_not_utf8_is_read_and_kept(tmp_path, capsys):
    """Archives copied from old Windows shares name files in cp874: the batch reads them and the tables
    keep their names in an escaped, readable form (issue 13)."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(os.fsencode(str(folder)) + b"/\xca\xd3\xc3\xc7\xa8.docx")
    shutil.copy(CORPUS / "002_phatthalung2_2557_levels.docx", name)
    shutil.copy(CORPUS / "004_udonthani2_2565_web.html", folder)
    s = run_batch([folder], tmp_path / "out", workers=1, progress=False)
    docs = rows(tmp_path / "out", "documents")
    assert sorted(docs["status"]) == ["ok", "ok"] and s.counts["ok"] == 2
    assert any("\\xca\\xd3" in f for f in docs["file"])
    assert main(["validate", name]) == 0 and "\\xca\\xd3" in capsys.readouterr().out
    again = run_batch([folder], tmp_path / "out", workers=1, progress=False)  # resumes by the same key
    assert again.reused == 2


def test_a_second_run_into_the_same_folder_is_refused_while_one_runs(tmp_path):
    import fcntl
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".sarkit.lock", "a+") as held:  # as a running sarkit holds it
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(OutputFolderError, match="another sarkit run"):
            run_batch([CORPUS / "004_udonthani2_2565_web.html"], out, workers=1, progress=False)
    s = run_batch([CORPUS / "004_udonthani2_2565_web.html"], out, workers=1, progress=False)  # released: runs
    assert s.counts["ok"] == 1


def test_damaged_manifest_and_leftover_temporary_tables(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST_NAME).write_bytes(b"SQLite format 3\0" + b"\x01" * 50)  # cut short
    with pytest.raises(OutputFolderError, match="damaged"):
        run_batch([CORPUS / "004_udonthani2_2565_web.html"], out, workers=1, progress=False)
    (out / MANIFEST_NAME).unlink()
    (out / ".sarkit.abc123.xlsx").write_bytes(b"half a workbook")  # a run killed while writing it
    run_batch([CORPUS / "004_udonthani2_2565_web.html"], out, workers=1, progress=False)
    assert not (out / ".sarkit.abc123.xlsx").exists() and (out / "sarkit.xlsx").exists()


def test_a_changed_file_with_its_old_size_and_time_is_read_again(tmp_path):
    """`cp -p` / `rsync -a` / `tar x` restore the modification time of a changed file: its change time and
    inode still differ, so its hash is taken again."""
    src = tmp_path / "in"
    src.mkdir()
    f = src / "r.html"
    f.write_text("<p>มาตรฐานที่ 1 ก</p><p>ตัวบ่งชี้ที่ 1 ข ระดับดีมาก</p>", encoding="utf-8")
    first = run_batch([src], tmp_path / "out", workers=1, progress=False)
    st = f.stat()
    f.unlink()
    f.write_text("<p>มาตรฐานที่ 1 ก</p><p>ตัวบ่งชี้ที่ 1 ข ระดับดีเลย</p>", encoding="utf-8")  # same size
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    second = run_batch([src], tmp_path / "out", workers=1, progress=False)
    assert first.reused == 0 and second.reused == 0  # read again, not taken from the manifest


def test_discovery_does_not_read_a_large_zip_into_memory(tmp_path, monkeypatch):
    """A ZIP with no document suffix is told by its central directory; its members are never read."""
    import zipfile

    from pipeline.run import find_documents
    big = tmp_path / "backup.bin"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as z:
        z.writestr("data.bin", b"\0" * (5 * 2**20))
    word = tmp_path / "report.dat"
    shutil.copy(CORPUS / "002_phatthalung2_2557_levels.docx", word)
    real_open = zipfile.ZipFile.open

    def no_member_reads(self, name, *a, **kw):
        raise AssertionError(f"a member was read during discovery: {name}")
    monkeypatch.setattr(zipfile.ZipFile, "open", no_member_reads)
    found = list(find_documents([tmp_path]))
    monkeypatch.setattr(zipfile.ZipFile, "open", real_open)
    assert found == [str(word)]


def test_a_disk_filling_mid_run_is_a_clear_message_and_resumable(tmp_path, monkeypatch, capsys):
    import sqlite3

    from pipeline.manifest import Manifest
    real = Manifest.store
    calls = []

    def store(self, *a, **kw):
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, *a, **kw)
    monkeypatch.setattr(Manifest, "store", store)
    inputs = [str(CORPUS / "004_udonthani2_2565_web.html"), str(CORPUS / "003_lopburi1_2551_blog.html")]
    assert main(["extract", *inputs, "--out", str(tmp_path / "out"), "--workers", "1", "--quiet"]) == 2
    assert "free some space" in capsys.readouterr().err
    monkeypatch.setattr(Manifest, "store", real)
    s = run_batch(inputs, tmp_path / "out", workers=1, progress=False)
    assert s.reused == 1 and s.processed == 1  # the first file was kept


def test_workers_send_their_records_as_json(archive):
    """The JSON of a record is made by the worker that read the file; the parent gets it whole, and of
    the record itself only what it reads (status, error, hash)."""
    from pipeline.records import error_record, process_record
    from pipeline.workers import WorkerPool

    files = sorted(str(p) for p in archive.rglob("*.htm*"))[:2]
    done = list(WorkerPool(1, process_record, error_record).run([(str(k), p) for k, p in enumerate(files)]))
    assert len(done) == 2
    for d in done:
        assert set(d.record) == {"status", "error", "sha256"} and d.record["sha256"]
        full = d.full_record()
        assert full["status"] == d.record["status"] and full["sha256"] == d.record["sha256"]
        assert "indicators" in full and json.loads(d.text) == full


def test_the_pool_works_while_its_source_still_finds_files(archive):
    """Tasks drawn from a generator as the pool goes (discovery beside the work): a source that gives
    more only once a file has been read is served, None from it is only a pause, and every task is done
    once. (A pool that drained its source first would never get past the wait.)"""
    from batch_helpers import marking
    from pipeline.records import error_record
    from pipeline.workers import WorkerPool

    files = sorted(str(p) for p in archive.rglob("*.htm*"))
    state = {"seen": False}

    def source():
        yield "0", files[0]
        give_up = time.monotonic() + 120  # a guard against a pool that never reads: not a speed check
        while not os.path.exists(files[0] + ".read") and time.monotonic() < give_up:
            yield None
        state["seen"] = os.path.exists(files[0] + ".read")
        for k in range(1, 12):
            yield str(k), files[k % len(files)]

    done = list(WorkerPool(2, marking, error_record).run(source()))
    assert state["seen"]  # the first file was read while the source waited
    assert sorted(int(d.key) for d in done) == list(range(12))
    assert all(d.record["status"] != "error" for d in done)


def test_deferred_tasks_keep_distinct_keys_while_results_come(tmp_path):
    """Results arrive while the walk goes on, and the batch pops each deferred file as its result comes:
    the keys of files given out later must not repeat those of files already settled."""
    from pipeline.discovery import DEFERRED, Discovery, file_hash

    for k in range(20):
        (tmp_path / f"{k:02d}.html").write_text("<p>" + "x" * k + "</p>", encoding="utf-8")  # sizes all differ
    found = Discovery([tmp_path], None, {})
    keys = []
    for task in found.tasks():
        if task is not None and task[0].startswith(DEFERRED):
            keys.append(task[0])
            e = found.deferred.pop(task[0])  # its result came at once
            found.settle(e, file_hash(e.path))
    assert len(keys) == 20 and len(set(keys)) == 20
    assert len(found.by_sha) == 20 and found.rows == 20


def test_a_folder_that_cannot_be_listed_is_a_row_not_a_silent_gap(tmp_path, monkeypatch):
    """os.walk skips a folder it cannot list unless told: here it gets an error row saying why, and the
    rest of the archive is read."""
    src = tmp_path / "in"
    (src / "open").mkdir(parents=True)
    (src / "locked").mkdir()
    shutil.copy(CORPUS / "004_udonthani2_2565_web.html", src / "open" / "a.html")
    shutil.copy(CORPUS / "003_lopburi1_2551_blog.html", src / "locked" / "b.html")
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):  # as for a folder without permission (the tests run as root)
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    s = run_batch([src], tmp_path / "out", workers=1, progress=False)
    docs = rows(tmp_path / "out", "documents").set_index("file")
    assert docs.loc[str(src / "open" / "a.html"), "status"] != "error"
    why = docs.loc[str(src / "locked"), "error"]
    assert docs.loc[str(src / "locked"), "status"] == "error" and "cannot be listed" in why and "Permission" in why
    assert s.files == 2 and any("cannot be listed" in p[2] for p in s.problems)
