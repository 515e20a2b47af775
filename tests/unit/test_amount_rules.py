"""parse_amount, one rule at a time: the figure, the scale word, the unit or currency, the
qualifier, ranges, and every reason an amount stays unparsed (never a guess)."""

from pathlib import Path

import pytest

from newsetl.transforms.amounts import UNPARSED_REASONS, ParsedAmount, parse_amount

DESIGN = Path(__file__).resolve().parents[2] / "docs" / "design.md"


def parsed(surface: str, label: str = "MONEY", before: str = "") -> tuple:
    amount = parse_amount(surface, label, before)
    return amount.kind, amount.value, amount.unit, amount.scale_word


@pytest.mark.parametrize(("surface", "value", "unit", "scale"), [
    ("$3.5 billion", 3.5e9, "USD", "billion"),
    ("US$ 40 million", 4e7, "USD", "million"),
    ("$US5 million", 5e6, "USD", "million"),
    ("A$1.2bn", 1.2e9, "AUD", "billion"),
    ("C$300,000", 3e5, "CAD", None),
    ("HK$ 1,200", 1200.0, "HKD", None),
    ("NZ$15m", 1.5e7, "NZD", "million"),
    ("€12m", 1.2e7, "EUR", "million"),
    ("£2bn", 2e9, "GBP", "billion"),
    ("EUR 1.1 billion", 1.1e9, "EUR", "billion"),
    ("500 million yuan", 5e8, "CNY", "million"),
    ("700 million reais", 7e8, "BRL", "million"),
    ("5 million Australian dollars", 5e6, "AUD", "million"),
    ("20 million Hong Kong dollars", 2e7, "HKD", "million"),
    ("5 million dollars", 5e6, "USD", "million"),  # dollars with no country: USD
    ("190 pence", 1.9, "GBP", None),  # hundredths
    ("50 cents", 0.5, "USD", None),
    ("1.5-billion", None, None, None),  # no currency anywhere: see test_no_currency
    ("$1.5-billion", 1.5e9, "USD", "billion"),
    ("Rs 50 crore", None, None, None),  # Rs is shared: see the ambiguous test
    ("₹50 crore", 5e8, "INR", "crore"),
    ("₹2 lakh", 2e5, "INR", "lakh"),
    ("$5k", 5e3, "USD", "thousand"),
])
def test_money_value_currency_and_scale(surface, value, unit, scale):
    kind, got_value, got_unit, got_scale = parsed(surface)
    assert (got_value, got_unit, got_scale) == (value, unit, scale)
    assert kind == "money"


@pytest.mark.parametrize(("surface", "value", "scale"), [
    ("three million dollars", 3e6, "million"),
    ("a billion dollars", 1e9, "billion"),
    ("half a million dollars", 5e5, "million"),
    ("one hundred and fifty thousand dollars", 1.5e5, "thousand"),
    ("twenty-five dollars", 25.0, None),
    ("a dollar", 1.0, None),
])
def test_numbers_in_words(surface, value, scale):
    assert parsed(surface) == ("money", value, "USD", scale)


def test_a_dollar_sign_before_the_span_is_its_currency():
    # spaCy's MONEY span for "$217,000" is "217,000": the caller passes the "$" before it.
    assert parsed("217,000", before="$") == ("money", 217000.0, "USD", None)
    assert parsed("42bn", before="£") == ("money", 4.2e10, "GBP", "billion")
    assert parsed("5 million", before="A$") == ("money", 5e6, "AUD", "million")


def test_a_dollar_sign_with_a_country_adjective_is_that_dollar():
    assert parsed("$5 million Canadian") == ("money", 5e6, "CAD", "million")


@pytest.mark.parametrize(("surface", "value", "unit"), [
    ("3 percent", 3.0, "%"),
    ("2.5%", 2.5, "%"),
    ("about 40 per cent", 40.0, "%"),
    ("twenty-five percent", 25.0, "%"),
    ("Forty-percent", 40.0, "%"),
    ("2½ per cent", 2.5, "%"),
    ("two percentage points", 2.0, "percentage_point"),
    ("25 basis points", 25.0, "basis_point"),
])
def test_percent(surface, value, unit):
    assert parsed(surface, "PERCENT") == ("percent", value, unit, None)


@pytest.mark.parametrize(("surface", "value", "unit", "scale"), [
    ("more than 300 km", 300.0, "km", None),
    ("100m", 100.0, "m", None),  # metres: "m" is a scale only in money
    ("40,000 square miles", 4e4, "sq mi", None),
    ("3 million tonnes", 3e6, "t", "million"),
    ("7.3 millions barrels", 7.3e6, "barrel", "million"),
    ("five kilometres", 5.0, "km", None),
    ("seven-foot", 7.0, "ft", None),
    ("a mile", 1.0, "mile", None),
    ("300 km of road", 300.0, "km", None),
    ("6.5 on the Richter scale", 6.5, "magnitude", None),
    ("20 megabytes", 20.0, "megabytes", None),  # not in the table: kept as written
])
def test_quantity(surface, value, unit, scale):
    assert parsed(surface, "QUANTITY") == ("quantity", value, unit, scale)


def test_the_text_corrects_a_wrong_money_label():
    assert parsed("84 per cent") == ("percent", 84.0, "%", None)
    assert parsed("nearly 115 billion barrels") == ("quantity", 1.15e11, "barrel", "billion")


@pytest.mark.parametrize(("surface", "qualifier"), [
    ("about $300,000", "approximate"),
    ("roughly $3 million", "approximate"),
    ("$5 million or so", "approximate"),
    ("more than $4 million", "more_than"),
    ("at least $10", "more_than"),
    ("$5 million or more", "more_than"),
    ("up to US$6 thousand", "less_than"),
    ("almost $39 billion", "less_than"),
    ("as high as $1.6 billion", "less_than"),
    ("$10 million", None),
])
def test_qualifiers_keep_the_stated_figure(surface, qualifier):
    amount = parse_amount(surface, "MONEY")
    assert amount.qualifier == qualifier
    assert amount.value is not None
    assert amount.unparsed_reason is None


@pytest.mark.parametrize(("surface", "label", "low", "high", "unit"), [
    ("$3–5 million", "MONEY", 3e6, 5e6, "USD"),  # the second bound's scale is shared
    ("$3-5 million", "MONEY", 3e6, 5e6, "USD"),
    ("$300,000 to $1 million", "MONEY", 3e5, 1e6, "USD"),  # 300,000 > 1: not shared
    ("between $3 and $4 million", "MONEY", 3e6, 4e6, "USD"),
    ("between 15 million and 25 million dollars", "MONEY", 1.5e7, 2.5e7, "USD"),
    ("10-15%", "PERCENT", 10.0, 15.0, "%"),
    ("between 15 percent to 20 percent", "PERCENT", 15.0, 20.0, "%"),
    ("60 or 70 percent", "PERCENT", 60.0, 70.0, "%"),
    ("200,000 to 300,000 tons", "QUANTITY", 2e5, 3e5, "ton"),
])
def test_ranges_keep_their_bounds_and_no_value(surface, label, low, high, unit):
    amount = parse_amount(surface, label)
    assert (amount.value, amount.range_low, amount.range_high, amount.unit) \
        == (None, low, high, unit)
    assert amount.unparsed_reason == "range"


@pytest.mark.parametrize(("surface", "label", "reason"), [
    ("millions of dollars", "MONEY", "vague"),
    ("tens of millions of dollars", "MONEY", "vague"),
    ("several hundred Australian dollars", "MONEY", "vague"),
    ("a few kilometers", "QUANTITY", "vague"),
    ("multi-billion dollar", "MONEY", "no_figure"),
    ("as much as", "PERCENT", "no_figure"),
    ("¥500 million", "MONEY", "ambiguous_currency"),  # yen or yuan
    ("Rs 50 crore", "MONEY", "ambiguous_currency"),  # Indian, Pakistani, … rupees
    ("50,000 CFA Francs", "MONEY", "ambiguous_currency"),
    ("2 million pesos", "MONEY", "ambiguous_currency"),
    ("approximately US$167 and €", "MONEY", "ambiguous_currency"),  # two currencies
    ("£2.5/€1.94bn", "MONEY", "unreadable"),  # two amounts
    ("5.3 trillion", "MONEY", "no_currency"),
    ("1.5-billion", "MONEY", "no_currency"),
    ("more than 12.3 million", "QUANTITY", "no_unit"),
    ("nearly half", "PERCENT", "no_unit"),
    ("about 1,3 billion", "MONEY", "unreadable"),  # a decimal comma: not read as 1 and 3
    ("2,2 percent", "PERCENT", "unreadable"),
    ('#EEEEEE"|1,326,120 |style="background', "MONEY", "unreadable"),
    ("21:25 CET", "QUANTITY", "unreadable"),
    ("$130 billion to $10 billion", "MONEY", "unreadable"),  # a change, not a range
    ("12 percent to 8 percent", "PERCENT", "unreadable"),
    ("$4 billion and $20 billion", "MONEY", "unreadable"),  # two amounts, not a range
])
def test_unparsed_amounts_have_a_reason_and_no_value(surface, label, reason):
    amount = parse_amount(surface, label)
    assert amount.unparsed_reason == reason
    assert amount.value is None


def test_every_reason_is_documented():
    design = DESIGN.read_text(encoding="utf-8").split("## Amounts", 1)[1]
    section = design.split("\n## ", 1)[0]
    assert [reason for reason in UNPARSED_REASONS if f"`{reason}`" not in section] == []


def test_a_parsed_amount_is_a_value_or_a_reason():
    for surface in ("$3 million", "millions of dollars", "$3-5 million"):
        amount: ParsedAmount = parse_amount(surface, "MONEY")
        assert (amount.value is None) != (amount.unparsed_reason is None)
