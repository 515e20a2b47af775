"""publish: a copy of the closed writer file over the published one, atomically; run by
`writer_session(after_close=...)` after the connection closed and before the lock goes.

The copy is a reflink where the filesystem shares extents, else a byte copy. The reflink
tests need such a filesystem: `NEWSETL_TEST_REFLINK_DIR` names a folder on one (an XFS or
Btrfs mount), else the temporary folder is tried; they are skipped where neither can.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from derived_fixtures import Article, load

from newsetl.warehouse import publish as publish_module
from newsetl.warehouse.connection import connect_writer
from newsetl.warehouse.lock import WriterBusyError, writer_lock
from newsetl.warehouse.migrate import migrate
from newsetl.warehouse.publish import PublishError, publish
from newsetl.warehouse.runs import RunRecord, RunVersions
from newsetl.warehouse.session import writer_session

COUNT = "select count(*) from dim_article"


def _can_reflink(folder: Path) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    source, target = folder / ".probe-source", folder / ".probe-target"
    source.write_bytes(b"x" * 4096)
    try:
        return publish_module.reflink(source, target)
    finally:
        source.unlink()
        target.unlink(missing_ok=True)


@pytest.fixture
def reflink_dir(tmp_path: Path) -> Iterator[Path]:
    """A fresh folder on a filesystem that can reflink."""
    if configured := os.environ.get("NEWSETL_TEST_REFLINK_DIR"):
        folder = Path(configured) / tmp_path.name
        if not _can_reflink(folder):
            pytest.fail(f"NEWSETL_TEST_REFLINK_DIR={configured} cannot reflink")
        yield folder
        shutil.rmtree(folder, ignore_errors=True)
    elif _can_reflink(tmp_path / "reflink"):
        yield tmp_path / "reflink"
    else:
        pytest.skip("no reflink-capable filesystem (set NEWSETL_TEST_REFLINK_DIR)")


def writer_with(path: Path, *keys: int) -> Path:
    """A closed writer file at `path` holding one article per key (loaded by the load)."""
    connection = connect_writer(path)
    try:
        migrate(connection)
        load(connection, [Article(key, f"article {key} about zeppelins") for key in keys])
    finally:
        connection.close()
    return path


def count_in_new_process(path: Path) -> int:
    """What a session opened now, in another process, sees."""
    script = ("import sys, duckdb; c = duckdb.connect(sys.argv[1], read_only=True); "
              f"print(c.sql('{COUNT}').fetchone()[0])")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=60, check=True)
    return int(done.stdout)


def test_the_copy_holds_everything_the_writer_committed(tmp_path):
    writer = writer_with(tmp_path / "w" / "newsetl.duckdb", 1, 2)
    result = publish(writer, tmp_path / "published" / "newsetl.duckdb")
    assert result.path == tmp_path / "published" / "newsetl.duckdb"
    assert result.size_bytes == writer.stat().st_size == result.path.stat().st_size
    assert set(result.step_seconds) == {"copy", "mark", "fsync", "rename"}
    assert result.method == ("reflink" if _can_reflink(tmp_path / "probe") else "copy")
    copy = duckdb.connect(str(result.path), read_only=True)
    try:
        assert copy.sql(COUNT).fetchone() == (2,)
        assert copy.sql("select count(*) from search_document").fetchone() == (2,)
    finally:
        copy.close()
    assert sorted(p.name for p in result.path.parent.iterdir()) == ["newsetl.duckdb"]


def test_a_held_reader_keeps_the_old_data_a_new_one_sees_the_new(tmp_path):
    writer = writer_with(tmp_path / "w.duckdb", 1)
    published = publish(writer, tmp_path / "published.duckdb").path
    held = duckdb.connect(str(published), read_only=True)
    try:
        assert held.sql(COUNT).fetchone() == (1,)
        connection = connect_writer(writer)
        load(connection, [Article(2, "two"), Article(3, "three")])
        connection.close()
        publish(writer, published)
        assert count_in_new_process(published) == 3
        assert held.sql(COUNT).fetchone() == (1,)  # the old inode, still open
    finally:
        held.close()


def test_an_open_writer_with_a_wal_is_refused_and_nothing_changes(tmp_path):
    writer = writer_with(tmp_path / "w.duckdb", 1)
    published = publish(writer, tmp_path / "published.duckdb").path
    before = published.read_bytes()
    connection = connect_writer(writer)
    try:
        load(connection, [Article(2, "two")])
        assert writer.with_name("w.duckdb.wal").exists()
        with pytest.raises(PublishError, match=r"w\.duckdb\.wal exists"):
            publish(writer, published)
    finally:
        connection.close()
    assert published.read_bytes() == before
    assert sorted(p.name for p in published.parent.iterdir()) == ["published.duckdb",
                                                                  "w.duckdb"]


def test_a_reflink_copy_is_the_writer_file_and_keeps_no_later_write(reflink_dir):
    writer = writer_with(reflink_dir / "w.duckdb", 1, 2)
    result = publish(writer, reflink_dir / "published" / "newsetl.duckdb")
    assert result.method == "reflink"
    assert result.path.read_bytes() == writer.read_bytes()
    assert count_in_new_process(result.path) == 2
    # The writer's next run writes the file in place: the shared blocks are copied then,
    # never changed under the published copy.
    connection = connect_writer(writer)
    load(connection, [Article(3, "three")])
    connection.close()
    assert count_in_new_process(result.path) == 2
    assert count_in_new_process(publish(writer, result.path).path) == 3


def test_without_reflink_the_bytes_are_copied(tmp_path, monkeypatch):
    writer = writer_with(tmp_path / "w.duckdb", 1)
    monkeypatch.setattr(publish_module, "_FICLONE", 0)  # an ioctl no filesystem knows
    result = publish(writer, tmp_path / "published.duckdb")
    assert result.method == "copy"
    assert result.path.read_bytes() == writer.read_bytes()


def test_reflink_says_no_across_filesystems_and_leaves_the_source(tmp_path):
    source = tmp_path / "source"
    source.write_bytes(b"abc" * 5000)
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second filesystem at /dev/shm")
    target = shm / f"newsetl-{tmp_path.name}"
    try:
        assert publish_module.reflink(source, target) is False
        assert target.stat().st_size == 0
    finally:
        target.unlink(missing_ok=True)
    assert source.read_bytes() == b"abc" * 5000


@pytest.mark.parametrize("failing", ["copyfile", "fsync", "replace"])
def test_a_failure_mid_way_leaves_the_published_file_untouched(tmp_path, monkeypatch,
                                                                failing):
    writer = writer_with(tmp_path / "w.duckdb", 1)
    published = publish(writer, tmp_path / "out" / "published.duckdb").path
    before = published.read_bytes()
    inode = published.stat().st_ino
    connection = connect_writer(writer)
    load(connection, [Article(2, "two")])
    connection.close()

    def half_copy(source: Path, target: Path) -> None:
        Path(target).write_bytes(Path(source).read_bytes()[: 1 << 16])
        raise OSError("no space left on device")

    def broken(*args: object) -> None:
        raise OSError("no space left on device")

    if failing == "copyfile":
        monkeypatch.setattr(publish_module, "reflink", lambda source, target: False)
        monkeypatch.setattr(publish_module.shutil, "copyfile", half_copy)
    else:
        monkeypatch.setattr(publish_module.os, failing, broken)
    with pytest.raises(OSError, match="no space left"):
        publish(writer, published)
    assert published.read_bytes() == before
    assert published.stat().st_ino == inode
    assert [p.name for p in published.parent.iterdir()] == ["published.duckdb"]


def test_a_missing_writer_file_is_refused(tmp_path):
    with pytest.raises(PublishError, match="no warehouse file"):
        publish(tmp_path / "none.duckdb", tmp_path / "published.duckdb")


def test_the_writer_session_publishes_after_closing_and_before_unlocking(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    published = tmp_path / "published" / "w.duckdb"
    seen: dict[str, object] = {}

    def after_close() -> None:
        seen["wal"] = warehouse.with_name("w.duckdb.wal").exists()
        with pytest.raises(WriterBusyError), writer_lock(warehouse, "probe", 0):
            pass
        seen["result"] = publish(warehouse, published)

    run = RunRecord("run-1", "nightly", RunVersions("t", "m", "1", "r"))
    with writer_session(warehouse, run, 5, after_close=after_close) as session:
        load(session.connection, [Article(1, "one")])
    assert seen["wal"] is False
    assert count_in_new_process(published) == 1
    with writer_lock(warehouse, "probe", timeout_seconds=0):  # released afterwards
        pass


def test_a_failed_run_does_not_publish(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    calls: list[str] = []
    run = RunRecord("run-1", "nightly", RunVersions("t", "m", "1", "r"))
    with (pytest.raises(RuntimeError, match="boom"),
          writer_session(warehouse, run, 5, after_close=lambda: calls.append("x"))):
        raise RuntimeError("boom")
    assert calls == []
    assert not os.path.exists(tmp_path / "published")
