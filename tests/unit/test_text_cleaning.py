"""clean_text / clean_records: what no reader sees is removed, paragraphs survive in `text`."""

import unicodedata

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from newsetl.transforms.articles.text_cleaning import (
    CLEANED_TEXT_COLUMNS,
    clean_records,
    clean_text,
)
from newsetl.transforms.schemas import RAW_RECORD_SCHEMA

NO_DATABASE = settings(database=None, deadline=None, max_examples=200)


def cleaned(values: list[str | None], *, keep_paragraphs: bool) -> list[str | None]:
    frame = pl.DataFrame({"value": values}, schema={"value": pl.String()})
    return frame.select(clean_text(pl.col("value"), keep_paragraphs=keep_paragraphs))[
        "value"
    ].to_list()


def clean_one(value: str | None, *, keep_paragraphs: bool = True) -> str | None:
    return cleaned([value], keep_paragraphs=keep_paragraphs)[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Gaza\x00 City", "Gaza City", id="nul"),
        pytest.param("a\x01b\x08c\x1bd\x7fe\x9ff", "abcdef", id="c0-c1-del"),
        pytest.param("Erdo\u200bgan", "Erdogan", id="zero-width-space"),
        pytest.param("Erdo\u200c\u200dgan\u2060", "Erdogan", id="zwnj-zwj-word-joiner"),
        pytest.param("\ufeffCairo", "Cairo", id="bom"),
        pytest.param("co\u00adoperate", "cooperate", id="soft-hyphen"),
        pytest.param("\u202eCairo\u202c", "Cairo", id="bidi-override"),
        pytest.param("\u2067Cairo\u2069 \u200fx\u200e", "Cairo x", id="bidi-isolates-marks"),
        pytest.param("\u061cCairo", "Cairo", id="arabic-letter-mark"),
        pytest.param("O\u2019Brien", "O'Brien", id="right-single-quote"),
        pytest.param("\u2018x\u201b `y\u00b4", "'x' 'y'", id="single-quote-variants"),
        pytest.param("\u201cquoted\u201d \u201elow\u201f", '"quoted" "low"', id="double-quotes"),
        pytest.param("\u00abguillemets\u00bb", '"guillemets"', id="guillemets"),
        pytest.param("'''Bold''' and ''italic''", "Bold and italic", id="wiki-emphasis"),
        pytest.param("end. __TOC__ Next", "end. Next", id="wiki-behaviour-switch"),
        pytest.param("__NOTOC__\nText", "Text", id="wiki-switch-at-the-start"),
        pytest.param("__init__ and __Main__", "__init__ and __Main__",
                     id="dunder-names-kept"),
        pytest.param("don't 'quote'", "don't 'quote'", id="single-apostrophes-kept"),
        pytest.param("before<!-- hidden\nnote -->after", "before after", id="html-comment"),
        pytest.param("a <!-- x --> b <!-- y --> c", "a b c", id="two-comments-not-greedy"),
        pytest.param("a\u00a0\u2003b\u3000\tc", "a b c", id="unicode-spaces"),
        pytest.param("  padded  ", "padded", id="stripped"),
        pytest.param("e\u0301", "\u00e9", id="nfc"),
        pytest.param("Army &mdash; one", "Army \u2014 one", id="named-reference"),
        pytest.param("&#233;t&#xE9; &Eacute;", "\u00e9t\u00e9 \u00c9", id="numeric-references"),
        pytest.param("a&nbsp;&nbsp;b", "a b", id="nbsp-reference-is-a-space"),
        pytest.param("&amp;mdash; &amp;amp;", "\u2014 &", id="doubly-escaped"),
        pytest.param("Erdo&#8203;gan", "Erdogan", id="reference-to-an-invisible"),
        pytest.param("AT&T, Texas A&M, &notice, &foo;", "AT&T, Texas A&M, &notice, &foo;",
                     id="ampersands-that-are-no-reference"),
    ],
)
def test_one_character_class_each(raw, expected):
    assert clean_one(raw, keep_paragraphs=True) == expected
    assert clean_one(raw, keep_paragraphs=False) == expected


@pytest.mark.parametrize(
    ("raw", "with_paragraphs", "flat"),
    [
        pytest.param("one<br>two<BR/>three<br />four", "one\ntwo\nthree\nfour",
                     "one two three four", id="br-tags"),
        pytest.param("p1\n\n\n\np2", "p1\n\np2", "p1 p2", id="blank-lines-collapse-to-one"),
        pytest.param("p1 \n \t \n  p2", "p1\n\np2", "p1 p2", id="whitespace-only-lines"),
        pytest.param("line\r\nnext\rlast", "line\nnext\nlast", "line next last", id="crlf-cr"),
        pytest.param("a\x0bb\x0cc\x85d", "a\nb\nc\nd", "a b c d", id="break-controls"),
        pytest.param("a   \t  b\n c", "a b\nc", "a b c", id="space-runs"),
        pytest.param("\n\nlede\n\n", "lede", "lede", id="outer-newlines-stripped"),
        pytest.param("a &lt;br&gt;b", "a\nb", "a b", id="escaped-break-tag"),
        pytest.param("Guam.  ==Concerns== But", "Guam.\n\nConcerns\n\nBut",
                     "Guam. Concerns But", id="flattened-wiki-heading"),
        pytest.param("x\n=== Early life ===\ny", "x\n\nEarly life\n\ny", "x Early life y",
                     id="wiki-subheading"),
        pytest.param("==A== ==B==", "A\n\nB", "A B", id="adjacent-headings"),
        pytest.param("if a==b==c", "if a==b==c", "if a==b==c", id="equals-inside-a-word-kept"),
    ],
)
def test_line_breaks_kept_in_text_and_flattened_elsewhere(raw, with_paragraphs, flat):
    assert clean_one(raw, keep_paragraphs=True) == with_paragraphs
    assert clean_one(raw, keep_paragraphs=False) == flat


@pytest.mark.parametrize(
    "raw", ["", "   ", "\n\n\t", "\u200b\ufeff", "\x00", "<!-- only a comment -->", "''''", "<br>"]
)
def test_blank_after_cleaning_becomes_null(raw):
    assert clean_one(raw, keep_paragraphs=True) is None
    assert clean_one(raw, keep_paragraphs=False) is None


def test_null_stays_null_and_rows_stay_in_order():
    assert cleaned([None, " b ", None, "a"], keep_paragraphs=True) == [None, "b", None, "a"]


def test_unicode_line_and_paragraph_separators_break_like_newlines():
    assert clean_one("first sentence.\u2029Second one", keep_paragraphs=True) == (
        "first sentence.\nSecond one"
    )
    assert clean_one("Recep\u2028Erdogan", keep_paragraphs=False) == "Recep Erdogan"


@pytest.mark.parametrize("raw", ["kept<!\x00-- hidden -->", "kept<b\u200br>"])
def test_regression_markup_split_by_an_invisible_character_is_removed_in_one_pass(raw):
    assert clean_one(raw) == "kept"


def test_regression_invisible_between_letter_and_combining_mark_still_gives_nfc():
    once = clean_one("caf" + "e\u200b\u0301")
    assert once is not None
    assert unicodedata.is_normalized("NFC", once)


# Messy text built from whole tokens: the characters the cleaner handles, and whole markup.
# `<` only comes inside whole markup tokens and no combining character is drawn (Hangul
# jamo compose like combining marks): markup or a composition split by an invisible
# character is an xfail regression above, not something to rediscover at random.
def _plain_char(char: str) -> bool:
    code = ord(char)
    return char != "<" and not (
        0x1100 <= code <= 0x11FF or 0xA960 <= code <= 0xA97F or 0xD7B0 <= code <= 0xD7FF
    )


_TOKENS = st.one_of(
    st.text(
        alphabet=st.characters(
            codec="utf-8", exclude_categories=("Mn", "Mc", "Me", "Cs")
        ).filter(_plain_char),
        max_size=6,
    ),
    st.sampled_from([
        " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\x00", "\x0b", "\x85", "\u00a0",
        "\u200b", "\ufeff", "\u202e", "\u2066", "\u00ad", "'", "''", "'''", "\u2019",
        "\u201c", "`", "<br>", "<BR />", "<!-- c -->", "-", ">", "&", ";", "#", "=", "==",
        "&amp;", "&mdash;", "&#8203;", "&#0;", "&#13;", "&lt;br&gt;", "&amp;lt;", "==Heading==",
        "=== Sub ===",
    ]),
)
_MESSY = st.lists(_TOKENS, max_size=30).map("".join)
# What the module promises to remove, besides control characters other than newline.
_INVISIBLE = set(
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u061c"
)


@NO_DATABASE
@given(text=_MESSY, keep_paragraphs=st.booleans())
def test_cleaning_twice_equals_cleaning_once(text, keep_paragraphs):
    once = clean_one(text, keep_paragraphs=keep_paragraphs)
    twice = clean_one(once, keep_paragraphs=keep_paragraphs)
    assert twice == once


@NO_DATABASE
@given(text=_MESSY)
def test_cleaned_text_has_no_invisible_or_control_characters(text):
    result = clean_one(text, keep_paragraphs=True)
    if result is None:
        return
    assert result == result.strip()
    assert "\n\n\n" not in result
    assert "  " not in result
    for char in result:
        assert char == "\n" or unicodedata.category(char) != "Cc", repr(char)
        assert char not in _INVISIBLE, repr(char)
        assert char not in "\u2018\u2019\u201c\u201d\u00ab\u00bb"


@NO_DATABASE
@given(values=st.lists(st.one_of(st.none(), _MESSY), max_size=20))
def test_row_count_and_nulls_kept(values):
    result = cleaned(values, keep_paragraphs=True)
    assert len(result) == len(values)
    assert all(out is None for raw, out in zip(values, result, strict=True) if raw is None)


def records(**columns: list[str | None]) -> pl.DataFrame:
    height = len(next(iter(columns.values())))
    base = {name: [None] * height for name in RAW_RECORD_SCHEMA}
    base["file_path"] = ["a.txt"] * height
    base["record_number"] = list(range(1, height + 1))
    base.update(columns)
    return pl.DataFrame(base, schema=RAW_RECORD_SCHEMA)


def test_clean_records_cleans_the_five_text_columns_only():
    raw = records(
        title=["\u201cTitle\u201d\nsecond line"],
        text=["Para\u200b one.\n\n\nPara two\x00."],
        published_raw=["  2024-02-17  "],
        url=[" https://example.com/a\u200b "],
        source=["  BBC\tNews "],
        language=["\ufeffen"],
        raw_record=['{"title": "\\u201cTitle\\u201d"}'],
    )
    expected = raw.with_columns(
        title=pl.lit('"Title" second line'),
        text=pl.lit("Para one.\n\nPara two."),
        url=pl.lit("https://example.com/a"),
        source=pl.lit("BBC News"),
        language=pl.lit("en"),
    )
    assert_frame_equal(clean_records(raw), expected)
    assert set(CLEANED_TEXT_COLUMNS) == {"title", "text", "url", "source", "language"}


def test_clean_records_blank_text_becomes_null_and_row_is_kept():
    raw = records(text=["  \u200b ", None, "ok"])
    result = clean_records(raw)
    assert result.height == 3
    assert result["text"].to_list() == [None, None, "ok"]
    assert result.schema == raw.schema
