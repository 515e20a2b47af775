"""amount_mentions over span frames: one row per MONEY, PERCENT or QUANTITY span whatever its
text (a property over generated spans), the currency symbol before a span, other labels left
to the entity and date paths."""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from newsetl.transforms.amounts import AMOUNT_MENTION_SCHEMA, UNPARSED_REASONS, amount_mentions
from newsetl.transforms.schemas import NER_SPAN_SCHEMA

NO_DATABASE = settings(database=None, deadline=None, max_examples=200)
AMOUNT_LABELS = ["MONEY", "PERCENT", "QUANTITY"]
# Pieces of real amount spans, so generated surfaces reach deep into the rules.
PIECES = ["$", "US$", "A$", "£", "€", "¥", "Rs", "3", "3.5", "1,200", "1,3", "½", "-", "–",
          "to", "and", "between", "about", "more than", "or more", "million", "bn", "m", "k",
          "three", "a", "half", "twenty-five", "hundred", "dollars", "Australian", "cents",
          "pesos", "percent", "per cent", "%", "basis points", "km", "square miles", "tonnes",
          "of", "millions", "several", "|", ":", "US", "EUR", "yuan", "+", "plus"]
surfaces = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=0, max_size=7).map(" ".join),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join),
    st.text(max_size=30),
)
spans = st.lists(st.tuples(surfaces, st.sampled_from([*AMOUNT_LABELS, "ORG", "DATE"])),
                 max_size=12)


def span_frame(rows: list[tuple[str, str]], article_id: str = "A") -> pl.DataFrame:
    starts = [10 * n for n in range(len(rows))]
    return pl.DataFrame({
        "article_id": [article_id] * len(rows), "start_char": starts,
        "end_char": [start + len(surface)
                     for start, (surface, _) in zip(starts, rows, strict=True)],
        "surface_text": [surface for surface, _ in rows], "label": [label for _, label in rows],
        "sentence_index": list(range(len(rows))),
    }, schema=NER_SPAN_SCHEMA)


def article(text: str = "", article_id: str = "A") -> pl.DataFrame:
    return pl.DataFrame({"article_id": [article_id], "text": [text]})


@NO_DATABASE
@given(spans)
def test_every_amount_span_gives_exactly_one_row_in_span_order(rows):
    frame = span_frame(rows)
    result = amount_mentions(frame, article("x" * 200))
    expected = frame.filter(pl.col("label").is_in(AMOUNT_LABELS))
    assert result.schema == pl.Schema(AMOUNT_MENTION_SCHEMA)
    assert result.select("surface_text", "start_char", "end_char", "sentence_index").rows() \
        == expected.select("surface_text", "start_char", "end_char", "sentence_index").rows()
    for value, reason, unit in result.select("value", "unparsed_reason", "unit").rows():
        assert (value is None) != (reason is None)  # a value or a reason, never both
        assert reason is None or reason in UNPARSED_REASONS
        assert value is None or unit is not None


def test_the_symbol_right_before_a_span_is_its_currency():
    text = "He earns $48,000 a year; the club paid £2m; 48,000 fans came."
    frame = span_frame([("48,000", "MONEY"), ("2m", "MONEY"), ("48,000", "MONEY")])
    frame = frame.with_columns(pl.Series("start_char", [10, 40, 44], dtype=pl.Int32()))
    result = amount_mentions(frame, article(text))
    assert result.select("value", "unit", "unparsed_reason").rows() == [
        (48000.0, "USD", None), (2e6, "GBP", None), (None, None, "no_currency")]


def test_a_span_at_the_start_of_the_text_has_nothing_before_it():
    frame = span_frame([("5 million", "MONEY")])
    result = amount_mentions(frame, article("5 million were spent."))
    assert result["unparsed_reason"].to_list() == ["no_currency"]


def test_other_labels_are_not_amounts_and_no_spans_give_no_rows():
    frame = span_frame([("Acme", "ORG"), ("Monday", "DATE"), ("three", "CARDINAL")])
    assert amount_mentions(frame, article()).height == 0
    empty = amount_mentions(pl.DataFrame(schema=NER_SPAN_SCHEMA), article())
    assert empty.schema == pl.Schema(AMOUNT_MENTION_SCHEMA)
    assert empty.height == 0


def test_spans_of_several_articles_read_their_own_text():
    frame = pl.concat([span_frame([("10", "MONEY")], "A"), span_frame([("10", "MONEY")], "B")])
    texts = pl.DataFrame({"article_id": ["A", "B"], "text": ["Only €10 left", "Only A$10 left"]})
    frame = frame.with_columns(pl.Series("start_char", [6, 7], dtype=pl.Int32()))
    assert amount_mentions(frame, texts)["unit"].to_list() == ["EUR", "AUD"]
