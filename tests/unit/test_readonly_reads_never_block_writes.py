"""Reads never block writes: an analyst holding the published file open in one process does
not stop another process from writing the warehouse and publishing again; the held session
keeps the old data, a new session sees the new."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import analyst_fixtures as sample
import pytest

from newsetl.warehouse import publish as publish_module
from newsetl.warehouse.readonly import connect_analyst

READER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from newsetl.warehouse.readonly import connect_analyst
    session = connect_analyst(Path(sys.argv[1]), timeout_seconds=30)
    count = "select count(*) from dim_article"
    print("before", session.query(count).rows[0][0], flush=True)
    sys.stdin.readline()  # hold the connection open until told
    print("after", session.query(count).rows[0][0], flush=True)
    hits = session.query("select count(*) from mart_entity_timeline").rows[0][0]
    print("timeline", hits, flush=True)
""")

WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from newsetl.warehouse.connection import connect_writer
    from newsetl.warehouse.publish import publish
    began = time.perf_counter()
    writer = connect_writer(Path(sys.argv[1]))
    writer.execute(
        "insert into dim_article (article_key, article_id, natural_key, url, title, "
        "published_at, published_date, published_date_key, source_key, language, word_count, "
        "char_count, text, content_hash, file_path, record_number, run_id, story_key, "
        "language_source) select 5, 'a5', 'n5', null, 'Fifth', published_at, "
        "published_date, published_date_key, source_key, language, word_count, char_count, "
        "text, 'hash5', file_path, record_number, run_id, 5, language_source from dim_article "
        "where article_key = 4")
    writer.execute("insert into fct_article_entity values (5, 30, 20060215, 1, 0, 'run-3')")
    writer.close()
    publish(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"published in {time.perf_counter() - began:.2f}", flush=True)
""")


def test_a_held_analyst_session_does_not_block_a_writer_and_keeps_its_snapshot(tmp_path):
    published = sample.sample_published(tmp_path)
    writer_path = tmp_path / "writer" / "newsetl.duckdb"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(published)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None
        assert reader.stdin is not None
        assert reader.stdout.readline().split() == ["before", "4"]

        began = time.perf_counter()
        writer = subprocess.run([sys.executable, "-c", WRITER, str(writer_path),
                                 str(published)], capture_output=True, text=True, timeout=120)
        assert writer.returncode == 0, writer.stderr
        assert time.perf_counter() - began < 60
        assert writer.stdout.startswith("published in ")

        with connect_analyst(published, timeout_seconds=10) as fresh:
            assert fresh.query("select count(*) from dim_article").rows == [(5,)]
            assert fresh.query("select count(*) from mart_entity_timeline").rows == [(12,)]

        reader.stdin.write("go\n")
        reader.stdin.flush()
        assert reader.stdout.readline().split() == ["after", "4"]
        assert reader.stdout.readline().split() == ["timeline", "11"]
        assert reader.wait(timeout=30) == 0
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait()


def test_the_writer_file_opens_while_an_analyst_reads_the_published_one(tmp_path):
    published = sample.sample_published(tmp_path)
    writer_path = tmp_path / "writer" / "newsetl.duckdb"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(published)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None
        assert reader.stdin is not None
        reader.stdout.readline()
        opened = subprocess.run(
            [sys.executable, "-c", "import sys, duckdb; duckdb.connect(sys.argv[1]).close()",
             str(writer_path)], capture_output=True, text=True, timeout=60)
        assert opened.returncode == 0, opened.stderr
        reader.stdin.write("go\n")
        reader.stdin.flush()
        assert reader.wait(timeout=30) == 0
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait()


def test_a_failed_publish_leaves_the_published_file_as_it_was(tmp_path, monkeypatch):
    published = sample.sample_published(tmp_path)
    before = published.read_bytes()

    def broken(source: Path, target: Path) -> None:
        Path(target).write_bytes(Path(source).read_bytes()[:4096])  # a part, then the error
        raise OSError("disk full")

    monkeypatch.setattr(publish_module.shutil, "copyfile", broken)
    with pytest.raises(OSError, match="disk full"):
        publish_module.publish(tmp_path / "writer" / "newsetl.duckdb", published)
    assert published.read_bytes() == before
    assert sorted(p.name for p in published.parent.iterdir()) == [published.name]
