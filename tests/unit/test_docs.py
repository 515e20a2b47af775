"""The docs cannot drift from the code. Each fact the code defines is checked where the docs
state it: settings in docs/operations.md (the one settings table), tables in docs/warehouse.md
(grain and key) and the README's table of tables, reason codes in docs/warehouse.md and
docs/design.md, commands in the README, the package layout and import layers (pyproject.toml)
in the README and docs/design.md; links between the docs resolve."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import typer.main

from newsetl.cli import app
from newsetl.settings import Settings
from newsetl.warehouse.sql_files import list_sql
from tests.conftest import REPO


def _read(relative: str) -> str:
    return (REPO / relative).read_text(encoding="utf-8")


README = _read("README.md")
OPERATIONS = _read("docs/operations.md")
WAREHOUSE = _read("docs/warehouse.md")
DESIGN = _read("docs/design.md")
DOCS = {"README.md": README,
        **{path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8")
           for path in sorted((REPO / "docs").glob("*.md"))},
        "bench/README.md": _read("bench/README.md")}

SETTINGS = [f"NEWSETL_{name.upper()}" for name in Settings.model_fields]
TABLES = [path.removeprefix("tables/").removesuffix(".sql") for path in list_sql("tables")]
TABLE_PREFIXES = ("dim_", "fct_", "raw_", "etl_", "agg_", "search_", "schema_", "quarantine",
                  "story_",
                  "bridge_")
# Environment variables the docs may name that are not settings: read by the tests only.
TEST_VARIABLES = {"NEWSETL_TEST_REFLINK_DIR", "NEWSETL_REFRESH_DOCS_SCREENSHOT"}


def _table_rows(text: str) -> dict[str, list[str]]:
    """`| \\`name\\` | cell | cell |` rows of markdown tables: name -> its other cells."""
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = re.match(r"^\| `([^`]+)` \|(.*)\|\s*$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


# --- settings ---------------------------------------------------------------------------

def test_every_setting_is_in_the_settings_table_of_operations() -> None:
    rows = _table_rows(OPERATIONS.split("\n## Settings\n", 1)[1])
    missing = [name for name in SETTINGS if name not in rows]
    assert missing == [], f"settings missing from docs/operations.md's Settings table: {missing}"
    unknown = [name for name in rows if name not in SETTINGS]
    assert unknown == [], f"docs/operations.md's Settings table lists no such settings: {unknown}"


def test_there_is_one_settings_table() -> None:
    rows = [(doc, name) for doc, text in DOCS.items() for name in _table_rows(text)
            if name.startswith("NEWSETL_")]
    seen: dict[str, list[str]] = {}
    for doc, name in rows:
        seen.setdefault(name, []).append(doc)
    twice = {name: docs for name, docs in seen.items() if docs != ["docs/operations.md"]}
    assert twice == {}, f"settings tabled outside docs/operations.md's one table: {twice}"


def test_every_variable_the_docs_name_is_a_setting() -> None:
    named = {(doc, name) for doc, text in DOCS.items()
             for name in re.findall(r"\bNEWSETL_[A-Z0-9_]*[A-Z0-9]\b", text)}
    unknown = sorted((doc, name) for doc, name in named
                     if name not in SETTINGS and name not in TEST_VARIABLES)
    assert unknown == [], f"docs name variables newsetl does not read: {unknown}"
    tests = "".join(path.read_text(encoding="utf-8") for path in (REPO / "tests").rglob("*.py"))
    assert all(name in tests for name in TEST_VARIABLES)


def test_every_setting_has_a_description() -> None:
    assert [name for name, field in Settings.model_fields.items() if not field.description] == []


def test_every_setting_is_in_env_example() -> None:
    example = _read(".env.example")
    missing = [name for name in Settings.model_fields if f"NEWSETL_{name.upper()}=" not in example]
    assert missing == []


# --- tables -----------------------------------------------------------------------------

def _primary_key(table: str) -> list[str]:
    lines = _read(f"sql/tables/{table}.sql").splitlines()
    ddl = "\n".join(line.split("--", 1)[0] for line in lines)
    columns = re.findall(r"^\s*(\w+)\s+[\w()]+[^,\n]*\bprimary key\b", ddl,
                         re.MULTILINE | re.IGNORECASE)
    compound = re.search(r"primary key\s*\(([^)]*)\)", ddl, re.IGNORECASE)
    if compound:
        columns += [column.strip() for column in compound.group(1).split(",")]
    return columns


def test_every_table_is_in_warehouse_md_with_its_grain_and_key() -> None:
    rows = _table_rows(WAREHOUSE.split("\n## Tables\n", 1)[1].split("\n## ", 1)[0])
    missing = [table for table in TABLES if table not in rows]
    assert missing == [], f"tables missing from docs/warehouse.md's Tables: {missing}"
    unknown = [table for table in rows if table not in TABLES]
    assert unknown == [], f"docs/warehouse.md's Tables lists no such tables: {unknown}"
    for table in TABLES:
        grain, key = rows[table]
        assert grain.startswith("one row per"), f"{table}: grain must read 'one row per …'"
        for column in _primary_key(table):
            assert f"`{column}`" in key, f"{table}: docs/warehouse.md must name {column}"
            assert "primary key" in key, f"{table}: docs/warehouse.md must say primary key"
        if not _primary_key(table):
            assert "primary key" not in key, f"{table} has no primary key in sql/tables/"


def test_every_table_is_in_the_readme_table_of_tables() -> None:
    rows = {name for name in _table_rows(README) if name.startswith(TABLE_PREFIXES)}
    assert sorted(set(TABLES) - rows) == [], "tables missing from the README's table of tables"
    assert sorted(rows - set(TABLES)) == [], "the README's table of tables lists no such tables"


def test_every_sql_file_states_its_grain_or_purpose() -> None:
    for folder in ("tables", "checks", "load", "seeds", "macros", "views", "marts"):
        for path in list_sql(folder):
            text = (REPO / "sql" / path).read_text(encoding="utf-8")
            assert text.startswith("--"), f"sql/{path} must open with a header comment"
            if folder == "tables":
                assert "Grain:" in text, f"sql/{path} must state its grain"


# --- reason codes -----------------------------------------------------------------------

def _emitted_reason_codes() -> set[str]:
    sources = [*(REPO / "ingest").glob("*.py"), *(REPO / "transforms" / "articles").glob("*.py"),
               REPO / "transforms" / "dates" / "publication_time.py",
               REPO / "transforms" / "dates" / "parsing.py"]
    emitted: set[str] = set()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        emitted |= set(re.findall(r'FileRejected\(\s*"([a-z_]+)"', text))
        emitted |= set(re.findall(r'reason_code="([a-z_]+)"', text))
        emitted |= set(re.findall(r'RecordProblem\(\s*\w+,\s*"([a-z_]+)"', text))
        emitted |= set(re.findall(r'_problem\([^()]*?"([a-z_]+)"', text))
    return emitted | {"no_text", "text_too_long", "no_publication_date", "invalid_date",
                      "implausible_date", "ambiguous_date", "conflicting_version"}


def test_every_reason_code_is_in_warehouse_md_and_nothing_else() -> None:
    documented = {code for code, cells in _table_rows(WAREHOUSE).items()
                  if cells and cells[0] in ("file", "record")}
    emitted = _emitted_reason_codes()
    assert sorted(emitted - documented) == [], "reason codes missing from docs/warehouse.md"
    assert sorted(documented - emitted) == [], "docs/warehouse.md lists codes nothing emits"


def test_every_reason_code_is_in_design_md() -> None:
    section = DESIGN.split("## Reason codes", 1)[1].split("\n## ", 1)[0]
    missing = sorted(code for code in _emitted_reason_codes() if f"`{code}`" not in section)
    assert missing == [], f"reason codes missing from docs/design.md: {missing}"


# --- the README -------------------------------------------------------------------------

def test_the_readme_stays_a_few_screens() -> None:
    assert len(README.encode("utf-8")) < 8192, "README.md over 8 KB: move detail into docs/"


def test_the_quickstart_commands_are_the_makefile_targets() -> None:
    makefile = _read("Makefile")
    for target in ("demo", "test"):
        assert re.search(rf"^make {target}\s+# ", README, re.MULTILINE)
        assert re.search(rf"^{target}:", makefile, re.MULTILINE)


def test_every_command_is_named_in_the_readme_or_operations() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in commands
               if f"newsetl {name}" not in README and f"newsetl {name}" not in OPERATIONS]
    assert missing == [], f"commands named in neither README nor docs/operations.md: {missing}"


# --- layout and layers -----------------------------------------------------------------

PYPROJECT = tomllib.loads(_read("pyproject.toml"))
PACKAGE_DIR: dict[str, str] = PYPROJECT["tool"]["setuptools"]["package-dir"]


def _layer_rule() -> str:
    """The import-linter layers contract as one line, top to bottom (`a → b | c → d`),
    leaving out optional modules (in parentheses)."""
    [contract] = [contract for contract in PYPROJECT["tool"]["importlinter"]["contracts"]
                  if contract["id"] == "layers"]
    layers = []
    for layer in contract["layers"]:
        names = [name.strip() for name in re.split(r"[:|]", layer)]
        separator = " | " if "|" in layer else " : "
        layers.append(separator.join(name for name in names if not name.startswith("(")))
    return " → ".join(layers)


@pytest.mark.parametrize("doc", ["README.md", "docs/design.md"])
def test_the_docs_state_the_layers_the_contract_checks(doc: str) -> None:
    rule = _layer_rule()
    assert rule.startswith("cli → flows → ")
    assert f"`{rule}`" in DOCS[doc], f"{doc} must state the import layers as `{rule}`"


def test_every_package_folder_is_in_the_design_table_and_the_readme_layout() -> None:
    layout = README.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    for name, folder in PACKAGE_DIR.items():
        assert f"| `{folder}/` | `{name}` |" in DESIGN, f"docs/design.md's Packages: {folder}/"
        assert re.search(rf"^{folder}/\s", layout, re.MULTILINE), f"README's Layout: {folder}/"


# --- links ------------------------------------------------------------------------------

def _anchor(heading: str) -> str:
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


LINKS = sorted({(doc, target) for doc, text in DOCS.items()
                for target in re.findall(r"\]\(([^)\s]+)\)", text)
                if not re.match(r"[a-z]+:", target)})


@pytest.mark.parametrize(("doc", "target"), LINKS, ids=[f"{d}->{t}" for d, t in LINKS])
def test_links_between_the_docs_resolve(doc: str, target: str) -> None:
    path, _, anchor = target.partition("#")
    file = (REPO / doc).parent / path if path else REPO / doc
    assert file.exists(), f"{doc} links to {target}: no such file"
    if anchor and file.suffix == ".md":
        headings = re.findall(r"^#+ (.+)$", file.read_text(encoding="utf-8"), re.MULTILINE)
        assert anchor in {_anchor(h) for h in headings}, f"{doc} links to {target}: no such heading"


def test_docs_exist_where_the_readme_says() -> None:
    for doc in ("docs/operations.md", "docs/warehouse.md", "docs/design.md", "docs/places.md",
                "docs/queries.md", "bench/README.md"):
        assert f"]({doc})" in README
        assert Path(REPO / doc).exists()
