-- The warehouse schema at version 1, frozen: every sql/tables/*.sql file, then the calendar
-- fill (sql/seeds/dim_date.sql), exactly as they stood at commit 159ad1a, the last commit
-- before migration 0002 existed (`git show 159ad1a:sql/tables/<table>.sql`). Every later
-- change to sql/tables/ came with a migration (0002 to 0005 so far).
-- tests/unit/test_migrate.py builds a version-1 warehouse from this file and migrates it
-- step by step; it must end with a new warehouse's tables, columns and keys.
-- History, not a definition: never edit this file; change sql/tables/ and add a migration.

-- ==== sql/tables/agg_entity_cooccurrence.sql
-- agg_entity_cooccurrence: pre-aggregated entity pairs behind mart_entity_cooccurrence (a
-- self-join of fct_article_entity is seconds, not milliseconds, at 50,000 articles).
-- Kept by the writer in each batch's transaction: the pairs of replaced articles are taken
-- out before their facts go (load/stage_replaced_cooccurrence.sql), the pairs of loaded
-- articles added after theirs are inserted (load/stage_loaded_cooccurrence.sql); the changed
-- pairs' rows are deleted and inserted again (a pair no article mentions stays deleted). No
-- primary key (it would about double the table's size): each change set is one row per pair.
-- Grain: one row per unordered pair of distinct entities mentioned in the same article
-- (entity_a_key < entity_b_key).
create table if not exists agg_entity_cooccurrence (
    entity_a_key bigint not null,
    entity_b_key bigint not null,
    article_count bigint not null,
    first_published_date_key integer not null,
    last_published_date_key integer not null
);

-- ==== sql/tables/dim_article.sql
-- dim_article: one row per article in its current version.
-- Grain: one row per article (article_id: hash of the URL, else of inbox path + record number).
create table if not exists dim_article (
    article_key bigint primary key,
    article_id varchar not null unique,
    natural_key varchar not null,
    url varchar,
    title varchar,
    published_at timestamptz not null,
    published_date date not null,
    published_date_key integer not null,
    source_key bigint not null,
    language varchar,
    word_count integer not null,
    char_count integer not null,
    text varchar not null,                  -- cleaned text; entity and date offsets point into it
    content_hash varchar not null,
    file_path varchar not null,
    record_number integer not null,
    run_id varchar not null
);

-- ==== sql/tables/dim_date.sql
-- dim_date: the conformed calendar for publication dates and dates mentioned in the text.
-- Grain: one row per calendar day, 1800-01-01 to 2199-12-31 (filled once at creation).
create table if not exists dim_date (
    date_key integer primary key,           -- yyyymmdd
    full_date date not null unique,
    year smallint not null,
    quarter tinyint not null,
    month tinyint not null,
    month_name varchar not null,
    day_of_month tinyint not null,
    day_of_week tinyint not null,           -- ISO: 1 = Monday
    day_name varchar not null,
    iso_year smallint not null,
    iso_week tinyint not null,
    week_start_date date not null,          -- the Monday of its ISO week
    month_start_date date not null,
    is_weekend boolean not null
);

-- ==== sql/tables/dim_entity.sql
-- dim_entity: one canonical entity per real-world thing, whatever its spelling in the text.
-- Grain: one row per entity (entity_key: hash of the canonical identity, never a counter).
create table if not exists dim_entity (
    entity_key bigint primary key,
    canonical_name varchar not null,
    entity_type varchar not null,           -- majority spaCy label of its mentions
    linked_entity_key bigint,               -- for a demonym/nationality: its country
    run_id varchar not null
);

-- ==== sql/tables/dim_entity_alias.sql
-- dim_entity_alias: every surface form seen, the entity it maps to and why.
-- Grain: one row per surface form × entity.
create table if not exists dim_entity_alias (
    surface_form varchar not null,
    entity_key bigint not null,
    match_rule varchar not null,            -- exact, cleaned, short_form, alias_table, acronym, fuzzy, demonym
    match_score double,                     -- similarity for fuzzy matches
    run_id varchar not null,
    primary key (surface_form, entity_key)
);

-- ==== sql/tables/dim_source.sql
-- dim_source: publishers, named by their source field or else their URL's domain.
-- Grain: one row per source (source_key = hash of the normalised source name).
create table if not exists dim_source (
    source_key bigint primary key,
    source_name varchar not null,
    run_id varchar not null
);

-- ==== sql/tables/etl_file.sql
-- etl_file: what happened to every input file in every run (the append-only file ledger).
-- Grain: one row per run × inbox-relative file path. Exactly one outcome per file per run.
create table if not exists etl_file (
    run_id varchar not null,
    file_path varchar not null,
    outcome varchar not null,               -- loaded | unchanged | duplicate | quarantined
    reason_code varchar,                    -- set when the whole file was quarantined
    file_format varchar,
    encoding varchar,
    size_bytes bigint,
    mtime_ns bigint,
    content_hash varchar,                   -- sha256 of the bytes on disk; null when not read
    records_seen integer not null default 0,
    records_new integer not null default 0,
    records_changed integer not null default 0,
    records_unchanged integer not null default 0,
    records_duplicate integer not null default 0,
    records_quarantined integer not null default 0,
    articles_retired integer not null default 0,  -- loaded before from this file, now gone from it
    recorded_at timestamptz not null default current_timestamp
);

-- ==== sql/tables/etl_file_state.sql
-- etl_file_state: the last known size, mtime and hash of every inbox path, so an unchanged
-- file is recognised without reading it. Updated for the files a run read or rejected
-- (except `unreadable` ones, tried again every run); never for files skipped unread.
-- Grain: one row per inbox-relative file path.
create table if not exists etl_file_state (
    file_path varchar primary key,
    size_bytes bigint,
    mtime_ns bigint,
    content_hash varchar,
    last_outcome varchar not null,
    last_run_id varchar not null
);

-- ==== sql/tables/etl_partition.sql
-- etl_partition: the current state of every publication day (a partition), so nightly runs
-- and backfills can tell which days are missing, failed or stale. History is in
-- etl_partition_history.
-- Grain: one row per publication day (published_date).
create table if not exists etl_partition (
    published_date date primary key,
    published_date_key integer not null,    -- yyyymmdd
    status varchar not null,                -- running | succeeded | failed
    build_reason varchar,                   -- why the last build happened (nightly, or the backfill mode's reason)
    articles integer not null default 0,    -- dim_article rows of the day after the build
    entity_mentions bigint not null default 0,
    date_mentions bigint not null default 0,
    newsetl_version varchar not null,       -- versions of the run that built it last
    model_name varchar not null,
    model_version varchar not null,
    rules_version varchar not null,
    run_id varchar not null,                -- etl_run of the last build
    run_kind varchar not null,              -- nightly | backfill
    started_at timestamptz not null,
    finished_at timestamptz,
    error varchar                           -- set when status = 'failed'
);

-- ==== sql/tables/etl_partition_history.sql
-- etl_partition_history: every finished build of a publication day (append-only), so what a
-- backfill did to a day stays visible after the day is built again.
-- Grain: one row per run × publication day × outcome (succeeded or failed).
create table if not exists etl_partition_history (
    published_date date not null,
    published_date_key integer not null,
    status varchar not null,                -- succeeded | failed
    build_reason varchar,
    articles integer not null default 0,
    entity_mentions bigint not null default 0,
    date_mentions bigint not null default 0,
    newsetl_version varchar not null,
    model_name varchar not null,
    model_version varchar not null,
    rules_version varchar not null,
    run_id varchar not null,
    run_kind varchar not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    error varchar,
    recorded_at timestamptz not null default current_timestamp
);

-- ==== sql/tables/etl_record.sql
-- etl_record: what happened to every record read from a file (the record ledger).
-- Grain: one row per run × file × record number, for every record of every file read.
create table if not exists etl_record (
    run_id varchar not null,
    file_path varchar not null,
    record_number integer not null,
    article_id varchar,                     -- null when quarantined before it had an identity
    content_hash varchar,
    outcome varchar not null,               -- new | changed | unchanged | duplicate | quarantined
    duplicate_of_article_id varchar,        -- for duplicates: the article first loaded with this content
    reason_code varchar                     -- for quarantined records
);

-- ==== sql/tables/etl_run.sql
-- etl_run: the ledger of pipeline runs and the versions that made their rows.
-- Grain: one row per run (run_id). Every derived row carries its run_id.
create table if not exists etl_run (
    run_id varchar primary key,
    run_kind varchar not null,              -- nightly | backfill
    flow_run_id varchar,                    -- Prefect flow run id, when run under Prefect
    status varchar not null,                -- running | succeeded | failed
    started_at timestamptz not null,
    finished_at timestamptz,
    seconds double,
    newsetl_version varchar not null,
    model_name varchar not null,
    model_version varchar not null,
    rules_version varchar not null,
    inbox varchar,
    files_seen integer not null default 0,
    files_loaded integer not null default 0,
    files_unchanged integer not null default 0,
    files_duplicate integer not null default 0,
    files_quarantined integer not null default 0,
    records_seen integer not null default 0,
    articles_new integer not null default 0,
    articles_changed integer not null default 0,
    articles_unchanged integer not null default 0,
    articles_duplicate integer not null default 0,
    records_quarantined integer not null default 0,
    articles_retired integer not null default 0,
    entity_mentions bigint not null default 0,
    date_mentions bigint not null default 0,
    error varchar
);

-- ==== sql/tables/fct_article_entity.sql
-- fct_article_entity: which entities each article mentions and how often.
-- Grain: one row per article × entity.
create table if not exists fct_article_entity (
    article_key bigint not null,
    entity_key bigint not null,
    published_date_key integer not null,
    mention_count integer not null,
    first_start_char integer not null,
    run_id varchar not null
);

-- ==== sql/tables/fct_date_mention.sql
-- fct_date_mention: every date expression in the text, resolved against the publication date.
-- Grain: one row per date expression (article × character span).
create table if not exists fct_date_mention (
    article_key bigint not null,
    published_date_key integer not null,
    surface_text varchar not null,
    start_char integer not null,
    end_char integer not null,
    sentence_index integer not null,
    detector varchar not null,              -- spacy | rule
    resolved_date date,                     -- first day of the period; null when unresolved
    resolved_date_key integer,
    resolution varchar,                     -- day, week, month, quarter, year, decade
    unresolved_reason varchar,              -- why resolved_date is null
    is_ambiguous boolean not null,
    run_id varchar not null
);

-- ==== sql/tables/fct_entity_mention.sql
-- fct_entity_mention: every named-entity mention in every current article.
-- Grain: one row per mention (article × character span).
create table if not exists fct_entity_mention (
    article_key bigint not null,
    entity_key bigint not null,
    published_date_key integer not null,
    surface_text varchar not null,
    mention_label varchar not null,         -- spaCy's label for this mention
    start_char integer not null,
    end_char integer not null,
    sentence_index integer not null,
    match_rule varchar not null,
    match_score double,
    run_id varchar not null
);

-- ==== sql/tables/quarantine.sql
-- quarantine: every file or record that could not be loaded, with its reason.
-- Grain: one row per run × file (whole-file failures, record_number null) or × record.
create table if not exists quarantine (
    run_id varchar not null,
    file_path varchar not null,
    record_number integer,
    reason_code varchar not null,
    detail varchar,
    raw_payload varchar,                    -- the record as read, when it could be read (capped)
    stored_copy varchar,                    -- path of the file's copy under the quarantine folder
    quarantined_at timestamptz not null default current_timestamp
);

-- ==== sql/tables/raw_article.sql
-- raw_article: the raw layer, every accepted article record exactly as read, so the star can be
-- rebuilt from the warehouse alone (backfills) after the inbox is gone.
-- Grain: one row per article_id × content_hash (each version ever loaded); is_current marks
-- the version the star is built from.
create table if not exists raw_article (
    article_id varchar not null,
    content_hash varchar not null,
    is_current boolean not null,
    run_id varchar not null,
    file_path varchar not null,
    record_number integer not null,
    file_format varchar not null,
    encoding varchar,
    title varchar,
    text varchar,
    published_raw varchar,
    url varchar,
    source varchar,
    language varchar,
    raw_record varchar,
    loaded_at timestamptz not null default current_timestamp,
    primary key (article_id, content_hash)
);

-- ==== sql/tables/schema_migration.sql
-- schema_migration: which schema versions this warehouse file has applied.
-- Grain: one row per applied migration version.
create table if not exists schema_migration (
    version integer primary key,
    name varchar not null,
    newsetl_version varchar not null,
    applied_at timestamptz not null default current_timestamp
);

-- ==== sql/tables/search_document.sql
-- search_document: each article's length for BM25, kept by the writer in the transaction that
-- loads or replaces the article (load/insert_loaded_search_document.sql).
-- length: how many terms its title and text give (tokens of letters and digits after
-- lower-casing and stripping accents, stop-words left out; see load/stage_loaded_search_term.sql).
-- Grain: one row per dim_article row (also for an article with no terms: length 0).
create table if not exists search_document (
    article_key bigint primary key,
    length integer not null
);

-- ==== sql/tables/search_term.sql
-- search_term: the search terms of each article (porter stems of its title and text tokens,
-- stop-words left out) and how often each occurs; BM25 reads them at query time
-- (search/match_articles.sql). Kept by the writer in the transaction that loads or replaces
-- the article (load/stage_loaded_search_term.sql, load/delete_replaced_search_term.sql).
-- Grain: one row per article × term.
create table if not exists search_term (
    article_key bigint not null,
    term varchar not null,
    term_frequency integer not null
);

-- ==== sql/seeds/dim_date.sql
-- dim_date calendar fill: every day from 1800-01-01 to 2199-12-31, written once at creation.
-- Grain: one row per calendar day.
insert into dim_date
select
    cast(strftime(day, '%Y%m%d') as integer) as date_key,
    day as full_date,
    year(day) as year,
    quarter(day) as quarter,
    month(day) as month,
    monthname(day) as month_name,
    dayofmonth(day) as day_of_month,
    isodow(day) as day_of_week,
    dayname(day) as day_name,
    isoyear(day) as iso_year,
    weekofyear(day) as iso_week,
    cast(date_trunc('week', day) as date) as week_start_date,
    cast(date_trunc('month', day) as date) as month_start_date,
    isodow(day) >= 6 as is_weekend
from (
    select cast(generate_series as date) as day
    from generate_series(timestamp '1800-01-01', timestamp '2199-12-31', interval 1 day)
) as calendar
where not exists (select 1 from dim_date);
