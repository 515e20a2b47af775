"""The seed article end to end: its canonical entities, aliases and resolved dates."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from newsetl.flows.nightly import nightly
from tests.conftest import SEED_FILE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_warehouse(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> Path:
    root = tmp_path_factory.mktemp("seed")
    (root / "inbox").mkdir()
    shutil.copy(SEED_FILE, root / "inbox" / SEED_FILE.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSETL_NER_PROCESSES", "1")
        nightly(inbox=str(root / "inbox"), warehouse=str(root / "w.duckdb"))
    return root / "w.duckdb"


def _query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_short_forms_typos_and_acronyms_resolve_to_one_canonical_entity(seed_warehouse) -> None:
    surfaces = dict(_query(seed_warehouse, """
        select entity.canonical_name,
               list(distinct mention.surface_text order by mention.surface_text)
        from fct_entity_mention as mention join dim_entity as entity using (entity_key)
        group by entity.canonical_name"""))
    assert surfaces["Recep Tayyip Erdoğan"] == ["Erdogan", "Recep Tayyip Edrogan"]
    assert set(surfaces["Abdel Fattah el-Sissi"]) >= {"Abdel Fattah el-Sissi", "el-Sissi"}
    assert surfaces["United Arab Emirates"] == ["UAE", "the United Arab Emirates"]
    assert "Hamas" in surfaces
    assert "Benjamin Netanyahu" in surfaces
    assert "Mohammed bin Zayed Al Nahyan" in surfaces  # title "Sheikh" cleaned off


def test_types_and_demonym_links(seed_warehouse) -> None:
    types = dict(_query(seed_warehouse, "select canonical_name, entity_type from dim_entity"))
    assert types["Recep Tayyip Erdoğan"] == "PERSON"
    assert types["Egypt"] == "GPE"
    linked = _query(seed_warehouse, """
        select country.canonical_name from dim_entity as demonym
        join dim_entity as country on country.entity_key = demonym.linked_entity_key
        where demonym.canonical_name = 'Egyptian'""")
    assert linked == [("Egypt",)]


def test_every_alias_says_why(seed_warehouse) -> None:
    rules = dict(_query(seed_warehouse, """
        select surface_form, match_rule from dim_entity_alias"""))
    assert rules["Recep Tayyip Edrogan"] == "fuzzy" or rules["Erdogan"] == "short_form"
    assert rules["UAE"] in ("alias_table", "acronym")
    assert None not in rules.values()


def test_dates_in_the_text_resolve_against_the_publication_date(seed_warehouse) -> None:
    dates = {surface: (str(day), resolution) for surface, day, resolution in _query(
        seed_warehouse, "select surface_text, resolved_date, resolution from fct_date_mention")}
    assert dates["7th October"] == ("2023-10-07", "day")
    assert dates["Tuesday"] == ("2024-02-13", "day")
