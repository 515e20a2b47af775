"""The Vega, Vega-Lite and Vega-Embed libraries as one script for the report page.

`vl-convert-python` bundles them with their dependencies (about 0.9 MB) in 2.5 s on an idle
core, 4–5 s on a loaded one: every `newsetl run` and `newsetl report` is a new process, so
the bundle is kept in the user's cache folder, one file per vl-convert version, and read
back in milliseconds. The cache is the user's own (not the shared temporary folder, where
another user could leave a script the report would carry); a cache that cannot be written
only costs the time.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.metadata import version
from pathlib import Path

import vl_convert


def cache_folder() -> Path:
    """`$XDG_CACHE_HOME/newsetl`, else `~/.cache/newsetl`."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsetl"


@cache
def vega_libraries() -> str:
    """The bundle for this vl-convert-python version, from the cache or made (and kept)."""
    path = cache_folder() / f"vega-bundle-{version('vl-convert-python')}.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle = vl_convert.javascript_bundle()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        partial.write_text(bundle, encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass
    return bundle
