"""Analysts on a DuckLake warehouse: they read the last committed snapshot while a writer
writes (nothing to publish), a past snapshot on request, and stay locked down: the lake's
own files readable, nothing else, nothing written."""

from __future__ import annotations

from pathlib import Path

import analyst_fixtures as sample
import pytest

from newsetl.settings import WarehouseTarget
from newsetl.warehouse.backend import connect_warehouse
from newsetl.warehouse.readonly import AnalystError, connect_analyst

COUNT = "select count(*) from dim_article"


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> WarehouseTarget:
    return sample.sample_lake(tmp_path_factory.mktemp("lake"))


def test_a_reader_sees_committed_snapshots_while_a_writer_writes(lake):
    with connect_analyst(lake, timeout_seconds=30) as before:
        (articles,) = before.query(COUNT).rows[0]
        latest = before.query("select max(snapshot_id) from lake.snapshots()").rows[0][0]
    writer = connect_warehouse(lake)
    try:
        writer.execute("begin transaction")
        writer.execute("insert into dim_article select * replace (article_key + 1000 as "
                       "article_key, article_id || '-copy' as article_id, natural_key || "
                       "'-copy' as natural_key) from dim_article")
        with connect_analyst(lake, timeout_seconds=30) as during:
            assert during.query(COUNT).rows == [(articles,)]  # not the open transaction
        writer.execute("commit")
        with connect_analyst(lake, timeout_seconds=30) as after:
            assert after.query(COUNT).rows == [(2 * articles,)]
        with connect_analyst(lake, timeout_seconds=30, snapshot=latest) as past:
            assert past.query(COUNT).rows == [(articles,)]
        writer.execute("delete from dim_article where article_key >= 1000")
    finally:
        writer.close()


@pytest.mark.parametrize("statement", [
    "select * from read_csv('/etc/passwd')",
    "select * from read_text('{beside}')",  # a file beside the catalog is not the lake's
    "copy (select 1) to '{data}evil.parquet'",
    "attach '{data}other.duckdb' as other",
    "delete from dim_article",
    "call ducklake_expire_snapshots('lake', versions => [1])",
    "set enable_external_access = true",
    "load sqlite",
])
def test_the_lockdown_holds_on_a_lake(lake, statement):
    beside = Path(lake.catalog).with_name("secret.txt")
    beside.write_text("not for analysts")
    sql = statement.format(beside=beside, data=lake.data_path)
    with connect_analyst(lake, timeout_seconds=30) as session:
        with pytest.raises(AnalystError, match=r"refused|not allowed|locked|disabled|Permission"):
            session.query(sql)
        assert session.query(COUNT).rows[0][0] > 0  # the lake itself is still readable
    assert not Path(lake.data_path, "evil.parquet").exists()


def test_a_missing_lake_is_one_clear_line(tmp_path):
    target = WarehouseTarget(path=tmp_path / "w.duckdb", backend="ducklake",
                             catalog=str(tmp_path / "none.sqlite"),
                             data_path=f"{tmp_path}/lake/")
    with pytest.raises(AnalystError, match="no DuckLake catalog at DuckLake"):
        connect_analyst(target, timeout_seconds=30)
