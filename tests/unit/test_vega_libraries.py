"""The Vega libraries the report inlines: bundled once per vl-convert version, then read
from the user's cache folder."""

from __future__ import annotations

from importlib.metadata import version

from newsetl.analyst.report.vega_libraries import cache_folder, vega_libraries


def test_the_bundle_is_made_once_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    vega_libraries.cache_clear()
    try:
        bundle = vega_libraries()
        assert "window.vegaEmbed" in bundle
        kept = cache_folder() / f"vega-bundle-{version('vl-convert-python')}.js"
        assert kept == tmp_path / "newsetl" / kept.name
        assert kept.read_text(encoding="utf-8") == bundle
        assert [path.name for path in kept.parent.iterdir()] == [kept.name]  # no partial left
        kept.write_text("/* kept */", encoding="utf-8")
        vega_libraries.cache_clear()
        assert vega_libraries() == "/* kept */"
    finally:
        vega_libraries.cache_clear()


def test_a_cache_that_cannot_be_written_only_costs_the_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    vega_libraries.cache_clear()
    try:
        assert "window.vegaEmbed" in vega_libraries()
    finally:
        vega_libraries.cache_clear()
