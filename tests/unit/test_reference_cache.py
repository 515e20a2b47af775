"""The reference data cache: a run reads the copy an earlier run built from the same files,
code and packages; a damaged, foreign or unwritable cache costs a build, never a run."""

from __future__ import annotations

import dataclasses
import gc
import importlib.util
import logging
import os
import shutil
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from newsetl.ingest import reference_data as reference_module
from newsetl.ingest.reference_data import cached_copy, load_reference_data
from newsetl.transforms.entities.reference import ReferenceData
from tests.conftest import SESSION_REFERENCE_CACHE
from tests.reference import reference_data


def _no_build(*_: object) -> ReferenceData:
    raise AssertionError("built again where the cache had a copy")


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The builds a test's loads asked for, each answered with the session's copy (what a
    build makes: `test_the_cached_copy_is_the_built_one_field_by_field`) instead of 8-17
    CPU s of building: these tests are about when the cache builds, not what."""
    asked: list[str] = []

    def session_copy(_: dict[str, bytes], data_version: str) -> ReferenceData:
        asked.append(data_version)
        built = reference_data()
        assert built.version == data_version
        return built

    monkeypatch.setattr(reference_module, "_build", session_copy)
    return asked


def _kept(cache: Path) -> list[Path]:
    return sorted(cache.glob("reference-*.pickle"))


def _seeded(cache: Path) -> Path:
    """`cache` holding the session's copy, as a run that built it would have left it (a
    build takes 8-17 CPU s here; the tests below are about what comes after)."""
    reference_data()  # the session's copy exists
    session_copy = cached_copy(Path(os.environ[SESSION_REFERENCE_CACHE]))
    cache.mkdir(parents=True, exist_ok=True)
    return shutil.copyfile(session_copy, cache / session_copy.name)


def test_a_second_load_reads_the_copy_the_first_kept(tmp_path, builds) -> None:
    first = load_reference_data(tmp_path)
    assert len(_kept(tmp_path)) == 1
    second = load_reference_data(tmp_path)
    assert len(builds) == 1
    assert second.version == first.version
    assert second is not first  # read back from the copy
    assert second.name_index == first.name_index


def test_the_cached_copy_is_the_built_one_field_by_field() -> None:
    built = load_reference_data()
    cached = reference_data()  # read from the session's cache, built by another process
    for field in dataclasses.fields(ReferenceData):
        mine, theirs = getattr(built, field.name), getattr(cached, field.name)
        if isinstance(mine, pl.DataFrame):
            assert mine.equals(theirs), field.name
        else:
            assert mine == theirs, field.name


def test_a_seeded_cache_is_read_not_built(tmp_path, monkeypatch) -> None:
    _seeded(tmp_path)
    monkeypatch.setattr(reference_module, "_build", _no_build)
    assert load_reference_data(tmp_path).name_index


@pytest.mark.parametrize("collecting", [True, False])
def test_reading_a_copy_leaves_the_garbage_collector_as_it_was(tmp_path, collecting) -> None:
    copy = _seeded(tmp_path)
    damaged = tmp_path / "damaged.pickle"
    damaged.write_bytes(b"not a pickle")
    (gc.enable if collecting else gc.disable)()
    try:
        read = reference_module._read_cached(copy, reference_data().version)
        after_read = gc.isenabled()
        assert reference_module._read_cached(damaged, read.version) is None
        after_failure = gc.isenabled()
    finally:
        gc.enable()
    assert (after_read, after_failure) == (collecting, collecting)


def test_a_damaged_copy_is_built_again_and_replaced(tmp_path, builds, caplog) -> None:
    copy = _seeded(tmp_path)
    copy.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        again = load_reference_data(tmp_path)
    assert "unreadable" in caplog.text
    assert str(copy) in caplog.text
    assert again.name_index
    assert len(builds) == 1
    assert load_reference_data(tmp_path).version == again.version  # the copy is whole again
    assert len(builds) == 1


def test_an_unwritable_cache_only_costs_the_build(tmp_path, builds, caplog) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the folder should be")
    with caplog.at_level(logging.WARNING):
        reference = load_reference_data(not_a_folder)
    assert reference.name_index
    assert len(builds) == 1
    assert "not written" in caplog.text
    assert list(tmp_path.iterdir()) == [not_a_folder]  # no partial file left behind


def test_a_change_to_the_building_code_is_a_new_key(tmp_path, monkeypatch) -> None:
    package = tmp_path / "builder_package"
    package.mkdir()
    (package / "__init__.py").write_text("RULE = 1\n")
    spec = importlib.util.spec_from_file_location("builder_package", package / "__init__.py")
    assert spec is not None
    # _cache_key finds a package's files through sys.modules; setitem removes it afterwards.
    monkeypatch.setitem(sys.modules, "builder_package", importlib.util.module_from_spec(spec))

    monkeypatch.setattr(reference_module, "BUILDING_PACKAGES", ("builder_package",))
    before = reference_module._cache_key("fingerprint")
    assert reference_module._cache_key("fingerprint") == before
    (package / "rules.py").write_text("RULE = 2\n")
    assert reference_module._cache_key("fingerprint") != before
    assert reference_module._cache_key("other data") != reference_module._cache_key(
        "fingerprint")


def test_copies_of_other_versions_unread_for_a_week_are_removed(tmp_path, builds) -> None:
    week_old, day_old = tmp_path / "reference-old.pickle", tmp_path / "reference-recent.pickle"
    for path, age_days in ((week_old, 8), (day_old, 1)):
        path.write_bytes(b"another version's copy")
        then = time.time() - age_days * 24 * 3600
        os.utime(path, (then, then))
    load_reference_data(tmp_path)
    assert not week_old.exists()
    assert day_old.exists()
    assert len(_kept(tmp_path)) == 2


@pytest.mark.parametrize("stranger", [["a list"], "a string"])
def test_a_copy_of_something_else_is_built_again(tmp_path, builds, caplog, stranger) -> None:
    import pickle

    copy = _seeded(tmp_path)
    copy.write_bytes(pickle.dumps(stranger))
    with caplog.at_level(logging.WARNING):
        assert load_reference_data(tmp_path).name_index
    assert "holds something else" in caplog.text
    assert len(builds) == 1
