"""Reader: size caps before reading, gzip streamed with a cap, special files never read."""

import gzip
import hashlib
import os
import signal
from contextlib import contextmanager

import pytest

from newsetl.ingest.discovery import InboxEntry, discover
from newsetl.ingest.errors import FileRejected
from newsetl.ingest.reader import read_bytes

MIB = 1024 * 1024


@contextmanager
def no_hang(seconds=5):
    def _timeout(signum, frame):
        raise TimeoutError("read hung")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _entry(path, rel=None):
    return InboxEntry(rel or path.name, path, None, None)


def _read(path, max_file=MIB, max_decompressed=4 * MIB, rel=None):
    with no_hang():
        return read_bytes(_entry(path, rel), max_file, max_decompressed)


def _reason(path, **kwargs):
    with pytest.raises(FileRejected) as info:
        _read(path, **kwargs)
    return info.value.reason_code


def test_plain_file_bytes_and_hash(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"hello world")
    got = _read(f)
    assert got.data == b"hello world"
    assert got.content_hash == hashlib.sha256(b"hello world").hexdigest()
    assert not got.compressed
    assert got.size_bytes == 11


def test_gzip_is_decompressed_and_hash_is_of_stored_bytes(tmp_path):
    f = tmp_path / "a.json.GZ"
    stored = gzip.compress(b'{"title": "x"}')
    f.write_bytes(stored)
    got = _read(f)
    assert got.data == b'{"title": "x"}'
    assert got.compressed
    assert got.content_hash == hashlib.sha256(stored).hexdigest()


def test_multi_member_gzip_reads_all_members(tmp_path):
    f = tmp_path / "a.jsonl.gz"
    f.write_bytes(gzip.compress(b'{"a": 1}\n') + gzip.compress(b'{"a": 2}\n'))
    assert _read(f).data == b'{"a": 1}\n{"a": 2}\n'


def test_file_over_cap_is_rejected_before_reading(tmp_path, monkeypatch):
    f = tmp_path / "big.txt"
    f.write_bytes(b"x" * 2048)

    def no_read(fd, n):
        raise AssertionError("read before the size check")

    monkeypatch.setattr(os, "read", no_read)
    assert _reason(f, max_file=1024) == "file_too_large"


def test_gzip_bomb_stops_at_the_decompressed_cap(tmp_path):
    f = tmp_path / "bomb.txt.gz"
    f.write_bytes(gzip.compress(b"\0" * (20 * MIB)))
    assert f.stat().st_size < 100 * 1024
    assert _reason(f, max_decompressed=MIB) == "decompressed_too_large"


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param(gzip.compress(b"some text " * 1000)[:-20], id="truncated"),
        pytest.param(b"this is not gzip at all", id="not-gzip"),
        pytest.param(
            (lambda z: z[:-8] + bytes([z[-8] ^ 0xFF]) + z[-7:])(gzip.compress(b"abc" * 100)),
            id="bad-crc",
        ),
    ],
)
def test_corrupt_gzip(tmp_path, stored):
    f = tmp_path / "bad.txt.gz"
    f.write_bytes(stored)
    assert _reason(f) == "corrupt_gzip"


def test_empty_file_and_empty_gzip(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "e.txt.gz").write_bytes(gzip.compress(b""))
    assert _reason(tmp_path / "e.txt") == "empty_file"
    assert _reason(tmp_path / "e.txt.gz") == "empty_file"


def test_fifo_is_never_read_even_without_discovery(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert _reason(pipe) == "not_regular_file"  # opened non-blocking, fstat says FIFO


def test_problem_entries_are_raised_unopened(tmp_path, monkeypatch):
    (tmp_path / "passwd").symlink_to("/etc/passwd")
    os.mkfifo(tmp_path / "pipe")
    entries = list(discover(tmp_path))

    def no_open(*args, **kwargs):
        raise AssertionError("opened a problem entry")

    monkeypatch.setattr(os, "open", no_open)
    reasons = []
    for entry in entries:
        with no_hang(), pytest.raises(FileRejected) as info:
            read_bytes(entry, MIB, MIB)
        reasons.append(info.value.reason_code)
    assert reasons == ["symlink_outside_inbox", "not_regular_file"]


def test_symlink_path_is_not_followed(tmp_path):
    (tmp_path / "link").symlink_to("/etc/passwd")
    assert _reason(tmp_path / "link") == "unreadable"


def test_symlink_inside_inbox_reads_its_target(tmp_path):
    (tmp_path / "real.txt").write_bytes(b"target bytes")
    (tmp_path / "link.txt").symlink_to("real.txt")
    entry = {e.relative_path: e for e in discover(tmp_path)}["link.txt"]
    assert read_bytes(entry, MIB, MIB).data == b"target bytes"


def test_vanished_file_is_unreadable(tmp_path):
    assert _reason(tmp_path / "gone.txt") == "unreadable"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_is_unreadable(tmp_path):
    f = tmp_path / "locked.txt"
    f.write_text("x")
    f.chmod(0)
    assert _reason(f) == "unreadable"


def test_a_hardlink_to_a_file_outside_the_inbox_is_never_read(tmp_path):
    # Issue 16: a hard link is a regular file inside the inbox; only its link count tells.
    outside, inbox = tmp_path / "secret.txt", tmp_path / "inbox"
    outside.write_bytes(b"not for the warehouse")
    inbox.mkdir()
    os.link(outside, inbox / "article.txt")
    [entry] = discover(inbox)
    with pytest.raises(FileRejected) as info:
        read_bytes(entry, MIB, MIB)
    assert info.value.reason_code == "hardlinked_file"
    assert info.value.on_disk is None  # nothing read, nothing kept in quarantine
    assert read_bytes(entry, MIB, MIB, allow_hardlinks=True).data == b"not for the warehouse"
