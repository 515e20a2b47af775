"""Every SQL block in docs/queries.md runs on the sample warehouse and returns rows, and
the version and path the page gives are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

import analyst_fixtures as sample
import duckdb
import pytest

from newsetl.settings import Settings
from newsetl.warehouse.readonly import connect_analyst

DOC = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
TEXT = DOC.read_text(encoding="utf-8")
BLOCKS = re.findall(r"^### (.+?)\n\n```sql\n(.*?)```", TEXT, re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.sample_published(tmp_path_factory.mktemp("docs"))


def test_the_page_has_a_dozen_questions_each_with_its_sql():
    assert len(BLOCKS) >= 12
    assert TEXT.count("```sql") == len(BLOCKS)


@pytest.mark.parametrize(("question", "sql"), BLOCKS, ids=[q[:40] for q, _ in BLOCKS])
def test_each_example_runs_and_answers(published, question, sql):
    with connect_analyst(published, timeout_seconds=30) as session:
        result = session.query(sql)
    assert result.rows, question


def test_the_page_states_the_duckdb_version_and_the_published_path():
    assert f"DuckDB **{duckdb.__version__}**" in TEXT
    writer = Settings.model_fields["warehouse"].default
    default = Settings(warehouse=writer, published_warehouse=None).resolved_published_warehouse
    # Settings make paths absolute from the working directory; the page shows them relative.
    assert f"`{default.relative_to(Path.cwd()).as_posix()}`" in TEXT
