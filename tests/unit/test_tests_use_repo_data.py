"""Tests read data kept in the repository (`samples/`, `tests/data/`), never the shared folder
beside it (`../shared/`: the seed and corpus of one machine). A test that read it would skip
or pass vacuously elsewhere; only `bench/` may read it."""

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
# The ways a path into the shared folder is spelled: absolute, relative, joined by pathlib or
# os.path, or one of its sub-folders named.
SHARED_PATH = re.compile(
    r"""/work/shared\b"""
    r"""|\.\./shared\b"""
    r"""|\bshared/(?:corpus|seed)\b"""
    r"""|/\s*["']shared["']"""
    r"""|(?:joinpath|path\.join)\([^)]*["']shared["']""",
    re.IGNORECASE,
)


def _test_files() -> list[Path]:
    """Every text file under tests/ but the data folder (whose READMEs say where a slice was
    copied from) and this file (which spells the patterns)."""
    skipped = {TESTS / "data", Path(__file__).resolve()}
    return sorted(
        path for path in TESTS.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
        and not any(path == skip or skip in path.parents for skip in skipped)
    )


def shared_references(text: str) -> list[str]:
    """The lines of `text` that name a path into the shared folder."""
    return [line.strip() for line in text.splitlines() if SHARED_PATH.search(line)]


def _bench_names_into_shared() -> set[tuple[str, str]]:
    """(module, name) of every module-level name in bench/ bound to a shared-folder path."""
    found = set()
    for path in (REPO / "bench").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for node in ast.parse(source).body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and shared_references(
                    ast.get_source_segment(source, node) or ""):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found |= {(path.stem, target.id) for target in targets
                          if isinstance(target, ast.Name)}
    return found


def test_the_patterns_catch_every_spelling():
    for line in ['Path("/work/shared/seed/x.txt")', 'REPO.parent / "shared" / "corpus"',
                 "ROOT.parent / 'shared/corpus/gum_dev'", '"../shared/corpus/x.jsonl"',
                 'os.path.join(root, "shared", "seed")', 'root.joinpath("shared")']:
        assert shared_references(line) == [line], line
    for line in ['{"PREFECT_PROFILE": "shared"}', "from tests.integration.shared_service import",
                 "# the shared blocks are copied then", "tests/data/gum_slice"]:
        assert shared_references(line) == [], line


def test_no_test_reads_the_shared_folder():
    files = _test_files()
    assert TESTS / "conftest.py" in files
    offenders = {
        str(path.relative_to(REPO)): found for path in files
        if (found := shared_references(path.read_text(encoding="utf-8", errors="replace")))
    }
    assert offenders == {}, (
        "tests must read data kept in the repository (samples/ or tests/data/, with its "
        f"attribution), not the shared folder: {offenders}"
    )


def test_no_test_imports_a_bench_path_into_the_shared_folder():
    into_shared = _bench_names_into_shared()
    assert ("corpus", "CORPUS") in into_shared
    imported = set()
    for path in _test_files():
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bench."):
                module = node.module.removeprefix("bench.")
                imported |= {(str(path.relative_to(REPO)), module, alias.name)
                             for alias in node.names if (module, alias.name) in into_shared}
    assert imported == set()
