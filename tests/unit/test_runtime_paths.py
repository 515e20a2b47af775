"""Runtime files land in one data folder, never among the source modules (issue 15)."""

import tomllib
from pathlib import Path

from newsetl.settings import Settings

# Every folder that installs as a package (pyproject's package-dir): newsetl, flows, analyst …
SOURCE_FOLDERS = set(tomllib.loads(
    (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    ["tool"]["setuptools"]["package-dir"].values())


def test_every_default_runtime_path_is_under_data(monkeypatch, tmp_path):
    for name in ("WAREHOUSE", "QUARANTINE_DIR", "PUBLISHED_WAREHOUSE", "REFERENCE_CACHE_DIR"):
        monkeypatch.delenv(f"NEWSETL_{name}", raising=False)
    monkeypatch.chdir(tmp_path)  # relative defaults are read from the working directory
    settings = Settings(_env_file=None)
    paths = [path.relative_to(tmp_path) for path in (
        settings.warehouse, settings.resolved_quarantine_dir,
        settings.resolved_published_warehouse, settings.resolved_reference_cache_dir)]
    assert [path.parts[0] for path in paths] == ["data", "data", "data", "data"]
    assert not {part for path in paths for part in path.parts} & SOURCE_FOLDERS


def test_the_data_folder_is_ignored_by_git():
    ignored = (Path(__file__).resolve().parents[2] / ".gitignore").read_text().splitlines()
    # Anchored: a bare `data/` would also ignore new files under tests/data/.
    assert "/data/" in ignored
