"""Access to the project's `.sql` files, the only place SQL text comes from."""

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable


def _sql_root() -> Traversable:
    return files("newsetl.sql")


@cache
def read_sql(relative_path: str) -> str:
    """The text of `sql/<relative_path>` (e.g. `tables/dim_article.sql`)."""
    return (_sql_root() / relative_path).read_text(encoding="utf-8")


def list_sql(folder: str) -> list[str]:
    """Relative paths of the `.sql` files in one `sql/` folder, sorted by name."""
    directory = _sql_root() / folder
    if not directory.is_dir():
        return []
    return sorted(
        f"{folder}/{entry.name}" for entry in directory.iterdir() if entry.name.endswith(".sql")
    )
