"""Discovery: sorted walk, hidden files skipped, symlinks and special files never opened."""

import os
import signal
import socket
import stat
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsetl.ingest.discovery import InboxEntry, discover


@contextmanager
def no_hang(seconds=5):
    """Fail instead of hanging (a FIFO opened for reading blocks forever)."""

    def _timeout(signum, frame):
        raise TimeoutError("took too long: something opened a FIFO?")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _by_path(inbox):
    with no_hang():
        return {e.relative_path: e for e in discover(inbox)}


def test_order_is_sorted_relative_posix_paths(tmp_path):
    for rel in ["b.txt", "a/z.json", "a-b.txt", "a.txt", "a/b/c.csv", "A.txt", "a0/x.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    paths = [e.relative_path for e in discover(tmp_path)]
    assert paths == sorted(paths)
    assert len(paths) == 7
    assert "a/b/c.csv" in paths


def test_regular_file_has_size_mtime_and_no_problem(tmp_path):
    (tmp_path / "sub").mkdir()
    f = tmp_path / "sub" / "x.txt"
    f.write_bytes(b"hello")
    entry = _by_path(tmp_path)["sub/x.txt"]
    assert entry == InboxEntry("sub/x.txt", f.resolve(), 5, f.stat().st_mtime_ns)
    assert entry.problem is None


def test_hidden_files_and_folders_are_skipped(tmp_path):
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "a.txt").write_text("x")
    (tmp_path / "seen.txt").write_text("x")
    assert list(_by_path(tmp_path)) == ["seen.txt"]


def test_symlink_outside_inbox_is_a_problem_never_opened(tmp_path):
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "up.txt").symlink_to("../passwd.txt")
    (inbox / "dir").symlink_to(outside)
    entries = _by_path(inbox)
    assert entries["up.txt"].problem == "symlink_outside_inbox"
    assert entries["dir"].problem == "symlink_outside_inbox"
    assert set(entries) == {"dir", "up.txt"}  # never descended into the outside folder


def test_symlink_inside_inbox_points_at_resolved_target(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.txt"
    target.write_bytes(b"123456")
    (tmp_path / "link.txt").symlink_to("real/a.txt")
    (tmp_path / "dirlink").symlink_to("real")  # inside: skipped, reached via real/
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    entries = _by_path(tmp_path)
    link = entries["link.txt"]
    assert link.problem is None
    assert link.absolute_path == target.resolve()
    assert link.size_bytes == 6
    assert "dirlink" not in entries
    assert set(entries) >= {"real/a.txt"}
    assert entries["loop"].problem == "unreadable"
    assert entries["dangling.txt"].problem == "unreadable"


def test_fifo_and_socket_are_not_regular_files(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.sock"))
        (tmp_path / "to_pipe.txt").symlink_to("pipe.txt")
        entries = _by_path(tmp_path)
    finally:
        sock.close()
    assert entries["pipe.txt"].problem == "not_regular_file"
    assert entries["s.sock"].problem == "not_regular_file"
    assert entries["to_pipe.txt"].problem == "not_regular_file"


def test_device_is_not_a_regular_file(tmp_path):
    try:
        os.mknod(tmp_path / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot create a device node here")
    (tmp_path / "outside_null.txt").symlink_to("/dev/null")
    entries = _by_path(tmp_path)
    assert entries["null.txt"].problem == "not_regular_file"
    assert entries["outside_null.txt"].problem == "symlink_outside_inbox"


def test_unlistable_folder_is_reported_not_lost(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("x")
    (tmp_path / "ok.txt").write_text("x")
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    entries = _by_path(tmp_path)
    assert entries["locked"].problem == "unreadable"
    assert "Permission denied" in (entries["locked"].detail or "")
    assert entries["ok.txt"].problem is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list any folder")
def test_unreadable_folder_for_real(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert _by_path(tmp_path)["locked"].problem == "unreadable"
    finally:
        locked.chmod(0o755)


def test_undecodable_file_name_is_escaped(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("x")
    entry = next(iter(discover(tmp_path)))
    assert entry.relative_path == "caf\\xe9.txt"
    assert entry.absolute_path.exists()


def test_missing_inbox_raises(tmp_path):
    with pytest.raises(OSError, match="inbox"):
        list(discover(tmp_path / "nope"))


def test_inbox_given_as_relative_or_symlinked_path(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("x")
    (tmp_path / "alias").symlink_to("real")
    entries = _by_path(Path(tmp_path / "alias"))
    assert entries["a.txt"].problem is None
