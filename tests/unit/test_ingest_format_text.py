"""Text files: the seed's `date YYYY-MM-DD` prefix, or a plain body with no date."""

import json
import shutil

import pytest

from newsetl.ingest.format_text import parse_text, text_format
from tests.conftest import SEED_FILE as SEED


@pytest.fixture
def seed_text(tmp_path):
    copy = tmp_path / SEED.name
    shutil.copyfile(SEED, copy)
    return copy.read_text(encoding="utf-8")


def test_real_seed_file(seed_text):
    assert text_format(seed_text) == "seed_txt"
    (record,) = parse_text(seed_text)
    assert record.record_number == 1
    assert record.fields["published_raw"] == "2024-02-17"
    assert record.fields["text"].startswith("Turkish President Recep Tayyip Edrogan")
    assert record.fields["text"] == seed_text.split("2024-02-17 ", 1)[1]
    assert record.fields["title"] is None
    raw = json.loads(record.raw_record)
    assert raw["published_raw"] == "2024-02-17"
    assert raw["text_chars"] == len(record.fields["text"])


@pytest.mark.parametrize(
    ("text", "date", "body"),
    [
        ("date 2024-01-05 Body here.", "2024-01-05", "Body here."),
        ("\n\t date 2024-01-05  Body", "2024-01-05", "Body"),
        ("Date 2024-01-05\nBody on next line", "2024-01-05", "Body on next line"),
        ("date 2024-13-45 kept raw", "2024-13-45", "kept raw"),  # validated downstream
    ],
)
def test_seed_prefix_variants(text, date, body):
    (record,) = parse_text(text)
    assert (record.fields["published_raw"], record.fields["text"]) == (date, body)


@pytest.mark.parametrize(
    "text",
    [
        "Plain article with no date.\nSecond line.",
        "date 2024-01-050 not a date",
        "update 2024-01-05 not the prefix",
        "The date 2024-01-05 in the middle",
    ],
)
def test_plain_text_has_no_date(text):
    assert text_format(text) == "txt"
    (record,) = parse_text(text)
    assert record.fields["published_raw"] is None
    assert record.fields["text"] == text
    assert record.fields["title"] is None


def test_seed_prefix_without_body_has_no_text():
    (record,) = parse_text("date 2024-01-05   \n")
    assert record.fields["published_raw"] == "2024-01-05"
    assert record.fields["text"] is None
