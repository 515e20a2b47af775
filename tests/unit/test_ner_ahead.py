"""The guess of the first batch's NER input, made before the flow starts: the same
articles the flow's first batch sends, and nothing written, even for a bad file."""

import shutil
from datetime import date
from pathlib import Path

from newsetl.flows.decisions import record_rules
from newsetl.ingest.batches import ReadLimits, read_in_batches
from newsetl.ingest.discovery import discover
from newsetl.ner_ahead import first_batch_articles
from newsetl.settings import Settings
from newsetl.transforms.articles.batch import prepare_records

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "inbox"


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    (inbox / "zzz_broken.json").write_text('{"title": "cut off', encoding="utf-8")
    return inbox


def test_the_guess_is_the_first_batch_and_writes_nothing(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    settings = Settings(inbox=inbox, warehouse=tmp_path / "w" / "w.duckdb",
                        load_batch_articles=30)
    entries = list(discover(inbox))
    rules = record_rules(settings, date(2026, 11, 26))

    guess = first_batch_articles(settings, entries, rules)
    guessed = guess.articles

    first = next(read_in_batches(entries, [], limits=ReadLimits(10**8, 10**8),
                                 quarantine_dir=tmp_path / "q", batch_records=30))
    valid = prepare_records(first.records, rules).valid
    # The 40-record file is bigger than a batch of 30, so it starts a batch of its own:
    # the first batch is the seed article alone.
    assert first.continued is None
    assert len(guessed) == 1
    assert guessed == valid.select("article_id", "text").rows()
    assert all(text for _, text in guessed)
    assert not guess.tags_nothing
    assert not (tmp_path / "w").exists()


def test_a_bad_file_read_ahead_is_not_stored_in_quarantine(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    settings = Settings(inbox=inbox, warehouse=tmp_path / "w" / "w.duckdb",
                        quarantine_dir=tmp_path / "q", load_batch_articles=100)
    entries = list(discover(inbox))

    guessed = first_batch_articles(settings, entries,
                                   record_rules(settings, date(2026, 11, 26))).articles

    assert len(guessed) == 41
    assert not (tmp_path / "q").exists()  # the flow's own read stores the broken file
    assert not (tmp_path / "w").exists()


def test_no_files_no_guess(tmp_path: Path) -> None:
    settings = Settings(inbox=tmp_path, warehouse=tmp_path / "w.duckdb")
    guess = first_batch_articles(settings, [], record_rules(settings, date(2026, 11, 26)))
    assert guess.articles == []
    assert guess.tags_nothing


def test_a_run_of_only_bad_files_needs_no_ner(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"title": "cut off', encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("{}\n", encoding="utf-8")
    settings = Settings(inbox=tmp_path, warehouse=tmp_path / "w" / "w.duckdb")
    guess = first_batch_articles(settings, list(discover(tmp_path)),
                                 record_rules(settings, date(2026, 11, 26)))
    assert guess.articles == []
    assert guess.tags_nothing
    assert not (tmp_path / "w").exists()
