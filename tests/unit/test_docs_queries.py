"""Every SQL block in docs/queries.md runs on the sample warehouse and returns rows (a
question marked "(DuckLake)" on the sample warehouse written to a DuckLake catalog), and
the version and path the page gives are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

import analyst_fixtures as sample
import duckdb
import pytest

from newsetl.settings import Settings, WarehouseTarget
from newsetl.warehouse.readonly import AnalystError, connect_analyst

DOC = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
TEXT = DOC.read_text(encoding="utf-8")
BLOCKS = re.findall(r"^### (.+?)\n\n```sql\n(.*?)```", TEXT, re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.sample_published(tmp_path_factory.mktemp("docs"))


def test_the_page_has_a_dozen_questions_each_with_its_sql():
    assert len(BLOCKS) >= 12
    assert TEXT.count("```sql") == len(BLOCKS)


LAKE_MARK = "(DuckLake)"


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> WarehouseTarget:
    return sample.sample_lake(tmp_path_factory.mktemp("docs-lake"))


@pytest.mark.parametrize(("question", "sql"), BLOCKS, ids=[q[:40] for q, _ in BLOCKS])
def test_each_example_runs_and_answers(request, question, sql):
    warehouse = request.getfixturevalue("lake" if LAKE_MARK in question else "published")
    with connect_analyst(warehouse, timeout_seconds=30) as session:
        result = session.query(sql)
    assert result.rows, question


def test_the_lake_examples_fail_on_the_duckdb_file(published):
    """The change feed is DuckLake's: the page marks it, and it cannot run on the file."""
    lake_sql = [sql for question, sql in BLOCKS if LAKE_MARK in question]
    assert lake_sql
    with connect_analyst(published, timeout_seconds=30) as session:
        for sql in lake_sql:
            with pytest.raises(AnalystError):
                session.query(sql)


def test_the_page_states_the_duckdb_version_and_the_published_path():
    assert f"DuckDB **{duckdb.__version__}**" in TEXT
    writer = Settings.model_fields["warehouse"].default
    default = Settings(warehouse=writer, published_warehouse=None).resolved_published_warehouse
    # Settings make paths absolute from the working directory; the page shows them relative.
    assert f"`{default.relative_to(Path.cwd()).as_posix()}`" in TEXT
