"""newsetl: raw news-article files in, a DuckDB star-schema warehouse out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsetl")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
