"""The load's writes: raw layer, star rows and ledger from staged frames.

The flows run them in one DuckDB transaction (`newsetl.flows.loading`), so either everything
a batch produced is committed or nothing is. Replaced articles (changed, or rebuilt by a
backfill) lose their old facts in the same transaction that inserts the new.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import duckdb
import polars as pl

from newsetl.warehouse.connection import load_extension
from newsetl.warehouse.sql_files import read_sql
from newsetl.warehouse.staging import staged

# Tables a batch only appends to, in load order; names come from this fixed list only.
_APPEND_TABLES = (
    "dim_article",
    "fct_entity_mention",
    "fct_article_entity",
    "fct_date_mention",
    "fct_amount_mention",
    "bridge_article_author",
    "fct_article_tone",
    "fct_sentence_tone",
    "etl_record",
    "etl_file",
    "quarantine",
    "story_lsh_band",
)
_BEFORE_APPEND = (
    "load/retire_raw_versions.sql",
    "load/delete_replaced_fct_entity_mention.sql",
    "load/stage_replaced_cooccurrence.sql",  # reads the facts the next statement deletes
    "load/stage_stale_cooccurrence.sql",
    "load/delete_replaced_fct_article_entity.sql",
    "load/delete_changed_cooccurrence.sql",
    "load/insert_changed_cooccurrence.sql",
    "load/drop_changed_cooccurrence.sql",
    "load/delete_replaced_fct_date_mention.sql",
    "load/delete_replaced_fct_amount_mention.sql",
    "load/delete_replaced_bridge_article_author.sql",
    "load/delete_replaced_fct_article_tone.sql",
    "load/delete_replaced_fct_sentence_tone.sql",
    "load/delete_replaced_dim_article.sql",
    "load/delete_replaced_search_term.sql",
    "load/delete_replaced_search_document.sql",
    "load/delete_replaced_story_lsh_band.sql",
)
# What the writer keeps for readers, by the staged frame that starts it (in this order).
_AFTER_APPEND = {
    "fct_article_entity": (
        "load/stage_loaded_cooccurrence.sql",  # a temp table, dropped by the last statement
        "load/delete_changed_cooccurrence.sql",
        "load/insert_changed_cooccurrence.sql",
        "load/drop_changed_cooccurrence.sql",
    ),
    "dim_article": (
        "load/stage_loaded_search_term.sql",  # a temp table, dropped by the last statement
        "load/insert_loaded_search_term.sql",
        "load/insert_loaded_search_document.sql",
        "load/drop_loaded_search_term.sql",
    ),
    "replaced_article": (  # after the pairs were added: the days a replaced article took
        "load/stage_stale_cooccurrence_days.sql",
        "load/delete_changed_cooccurrence.sql",
        "load/insert_changed_cooccurrence.sql",
        "load/drop_changed_cooccurrence.sql",
        "load/drop_stale_cooccurrence.sql",
    ),
    "story_assignment": (  # stored articles whose story the batch changed
        "load/update_dim_article_story_key.sql",
    ),
}
_DIMENSIONS = (
    "load/insert_new_dim_source.sql",
    "load/insert_new_dim_entity.sql",
    "load/insert_new_dim_entity_alias.sql",
    "load/insert_new_dim_place.sql",
    "load/insert_new_dim_author.sql",
)


def _empty() -> pl.DataFrame:
    return pl.DataFrame()


@dataclass
class LoadBatch:
    """Every row one batch writes. Frames left empty are skipped."""

    replaced_article: pl.DataFrame = field(default_factory=_empty)  # article_id, article_key
    raw_article: pl.DataFrame = field(default_factory=_empty)
    dim_article: pl.DataFrame = field(default_factory=_empty)
    dim_source: pl.DataFrame = field(default_factory=_empty)
    dim_entity: pl.DataFrame = field(default_factory=_empty)
    dim_entity_alias: pl.DataFrame = field(default_factory=_empty)
    dim_place: pl.DataFrame = field(default_factory=_empty)
    fct_entity_mention: pl.DataFrame = field(default_factory=_empty)
    fct_article_entity: pl.DataFrame = field(default_factory=_empty)
    fct_date_mention: pl.DataFrame = field(default_factory=_empty)
    fct_amount_mention: pl.DataFrame = field(default_factory=_empty)
    dim_author: pl.DataFrame = field(default_factory=_empty)
    bridge_article_author: pl.DataFrame = field(default_factory=_empty)
    etl_ignored_field: pl.DataFrame = field(default_factory=_empty)  # this batch's counts
    fct_article_tone: pl.DataFrame = field(default_factory=_empty)
    fct_sentence_tone: pl.DataFrame = field(default_factory=_empty)
    etl_record: pl.DataFrame = field(default_factory=_empty)
    etl_file: pl.DataFrame = field(default_factory=_empty)
    quarantine: pl.DataFrame = field(default_factory=_empty)
    etl_file_state: pl.DataFrame = field(default_factory=_empty)
    story_lsh_band: pl.DataFrame = field(default_factory=_empty)
    story_assignment: pl.DataFrame = field(default_factory=_empty)  # article_key, story_key

    def frames(self) -> dict[str, pl.DataFrame]:
        """The non-empty frames by table name."""
        named = {f.name: getattr(self, f.name) for f in fields(self)}
        return {name: frame for name, frame in named.items() if frame.height > 0}


def write_staged(connection: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    """The load's write sequence for frames already staged (`staged_<name>` views), inside
    the caller's transaction: a nightly batch, a backfill's day rebuild. The entity types
    are voted after it (`entity_label_counts`, `update_entity_types`), and their names
    (`entity_spelling_counts`, `update_entity_names`)."""
    if "replaced_article" in frames:
        for path in _BEFORE_APPEND:
            connection.execute(read_sql(path))
    for path in _DIMENSIONS:
        if path.removeprefix("load/insert_new_").removesuffix(".sql") in frames:
            connection.execute(read_sql(path))
    if "raw_article" in frames:
        connection.execute(read_sql("load/restore_raw_versions.sql"))
        connection.execute(read_sql("load/insert_new_raw_versions.sql"))
    for table in _APPEND_TABLES:
        if table in frames:
            connection.execute(f"insert into {table} by name select * from staged_{table}")
    if "dim_article" in frames:
        load_extension(connection, "fts")  # its `stem`, for the search terms
    for table, paths in _AFTER_APPEND.items():
        if table in frames:
            for path in paths:
                connection.execute(read_sql(path))
    if "etl_file_state" in frames:
        connection.execute(read_sql("load/upsert_etl_file_state.sql"))
    if "etl_ignored_field" in frames:
        connection.execute(read_sql("load/upsert_etl_ignored_field.sql"))


def entity_label_counts(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Mentions per label of every staged `dim_entity` row (`entity_key`, `label`,
    `mentions`), counted after `write_staged`, in the same transaction."""
    return connection.sql(read_sql("load/select_entity_label_counts.sql")).pl()


def entity_spelling_counts(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Mentions per exact spelling of every staged `dim_entity` row (`entity_key`,
    `spelling`, `mentions`), counted after `write_staged`, in the same transaction."""
    return connection.sql(read_sql("load/select_entity_spelling_counts.sql")).pl()


def update_entity_names(connection: duckdb.DuckDBPyConnection,
                        canonical_names: pl.DataFrame) -> None:
    """Set `dim_entity.canonical_name` from `canonical_names` (`entity_key`,
    `canonical_name`)."""
    with staged(connection, {"canonical_name": canonical_names}):
        connection.execute(read_sql("load/update_dim_entity_name.sql"))


def places_sharing_ids(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Stored places of other entities on the geonames ids staged `dim_place` links
    (`entity_key`, `canonical_name` of their entity)."""
    return connection.sql(read_sql("load/select_places_sharing_ids.sql")).pl()


def retire_places(connection: duckdb.DuckDBPyConnection, stale: pl.DataFrame) -> None:
    """Delete the `dim_place` rows of the `entity_key`s in `stale`."""
    if stale.is_empty():
        return
    with staged(connection, {"stale_place": stale}):
        connection.execute(read_sql("load/delete_stale_dim_place.sql"))


def update_entity_types(connection: duckdb.DuckDBPyConnection, entity_types: pl.DataFrame) -> None:
    """Set `dim_entity.entity_type` from `entity_types` (`entity_key`, `entity_type`)."""
    with staged(connection, {"entity_type": entity_types}):
        connection.execute(read_sql("load/update_dim_entity_type.sql"))
