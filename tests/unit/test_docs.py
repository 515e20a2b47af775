"""The README cannot drift from the code: every setting, table and reason code is in it."""

from __future__ import annotations

import re

from newsetl.settings import Settings
from newsetl.warehouse.sql_files import list_sql
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_with_its_environment_variable() -> None:
    missing = [f"NEWSETL_{name.upper()}" for name in Settings.model_fields
               if f"`NEWSETL_{name.upper()}`" not in README]
    assert missing == [], f"settings missing from README's Settings table: {missing}"


def test_every_setting_has_a_description() -> None:
    assert [name for name, field in Settings.model_fields.items() if not field.description] == []


def test_every_setting_is_in_env_example() -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"NEWSETL_{name.upper()}=" not in example]
    assert missing == []


def test_every_table_is_documented_with_its_grain() -> None:
    tables = [path.removeprefix("tables/").removesuffix(".sql") for path in list_sql("tables")]
    missing = [table for table in tables if f"| `{table}` |" not in README]
    assert missing == [], f"tables missing from README's warehouse table: {missing}"


def test_every_sql_file_states_its_grain_or_purpose() -> None:
    for folder in ("tables", "checks", "load", "seeds", "macros", "views", "marts"):
        for path in list_sql(folder):
            text = (REPO / "sql" / path).read_text(encoding="utf-8")
            assert text.startswith("--"), f"sql/{path} must open with a header comment"
            if folder == "tables":
                assert "Grain:" in text, f"sql/{path} must state its grain"


def test_every_reason_code_the_code_emits_is_documented() -> None:
    sources = [*(REPO / "ingest").glob("*.py"), *(REPO / "transforms" / "articles").glob("*.py"),
               REPO / "transforms" / "dates" / "publication_time.py",
               REPO / "transforms" / "dates" / "parsing.py"]
    emitted: set[str] = set()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        emitted |= set(re.findall(r'FileRejected\(\s*"([a-z_]+)"', text))
        emitted |= set(re.findall(r'reason_code="([a-z_]+)"', text))
    emitted |= {"no_text", "text_too_long", "no_publication_date", "invalid_date",
                "implausible_date", "ambiguous_date", "conflicting_version"}
    missing = sorted(code for code in emitted if f"`{code}`" not in README)
    assert missing == [], f"reason codes missing from README: {missing}"
