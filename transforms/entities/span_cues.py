"""What the words around a name span say it is, when that overrules spaCy's label (pure).

`context` asks `label_from_cues` for each name span of an article, with the text just before
and after it:
- three capitals right after an amount ("225 DKK per hour") or right before one ("USD
  68.28"), an amount with a currency sign ("AU$900") and a currency's code with its amount
  in one span ("GBP 4.25"), are MONEY: out of scope like every amount (amounts are read
  from the NER spans);
- a time zone after a clock time ("21:00 UTC", "1800 GMT", "02:00 Tuesday UTC") or UTC and
  GMT with an offset ("UTC +3") is TIME;
- a name right after a lower-case word for a settlement or an area and "of" ("the
  village of Dolno Sahrane", "the southern city of Diwaniya") is a place, GPE;
- a name followed by a year in parentheses, right after a noun like "film" or "novel" or
  after "starred in" ("Match Point (2005)", "the superhero film Watchmen", "the series The
  Crown"), is a WORK_OF_ART (a person-labelled one only when punctuation or "as", "and" …
  follows).
"""

import re

from newsetl.transforms.amounts.currencies import ISO_ALIASES, ISO_CODES

WORK_NOUNS = frozenset((
    "film", "films", "movie", "movies", "series", "miniseries", "sitcom", "show", "novel",
    "novels", "book", "books", "album", "albums", "song", "songs", "single", "play", "plays",
    "opera", "musical", "documentary", "drama", "comedy", "thriller", "painting", "poem",
    "episode", "sequel", "soundtrack", "video", "game", "memoir", "biography", "symphony",
    "prequel", "remake", "trilogy", "telefilm", "textbook", "concerto", "sonata", "cantata",
    "oratorio", "requiem", "sonnet", "essay", "podcast", "titled", "entitled",
))  # fmt: skip
_YEAR_AFTER = re.compile(r"^\s*\(\s*(?:1[5-9]|20)\d\d\s*\)")
_CUE_BEFORE = re.compile(r"\b([A-Za-z]+)\s*,?\s+(?:[Tt]he\s+)?$")
# "starred in House of Wax", "appeared in Cry Wolf": one stars in a work, not in a company;
# one appears in a work or an organisation's paper, never in a person.
_STARRED_IN_BEFORE = re.compile(
    r"\b(?:co-?starred|starred|starring|guest-starred|appeared|appearing)\s+in\s+(?:[Tt]he\s+)?$"
)
_POSSESSIVE_AFTER = re.compile(r"^['’]s?\b")
# What may follow a title spaCy took for a person: punctuation or a connecting word.
_WORK_END_AFTER = re.compile(r"^(?:\s*[^\w\s]|\s*$|\s+(?:as|and|or|in|on|at|with|from|for)\b)")
# "225 DKK per hour", "(for 25 CUC)": three capitals right after an amount are a currency or
# unit code, never an organisation or person; a year before a name ("In 2008 NATO …") is no
# amount.
_AMOUNT_BEFORE = re.compile(r"(?<![\w.,])(\d[\d.,]*)\s?$")
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")
_CODE = re.compile(r"^[A-Z]{3}$")
_CODE_AFTER = re.compile(r"^(?:\s*[^\w\s]|\s*$|\s+(?:per|for|a|an|each|or|to|in|at|on)\b)")
# "USD 68.28", "AUD 1.5 million": a currency code before an amount (not before a year);
# "AUD $3.50" with a dollar sign between, where the code is a currency's ("pay NBC $1
# million" pays a network).
_AMOUNT_AFTER = re.compile(r"^ ?(\$ ?)?(\d[\d,]*(?:\.\d+)?)(?![\w.,]*\d)")
# "21:00 UTC", "3pm AEST": a time zone after a clock time (its own abbreviation, not a name;
# alone, "UTC" may be a company's).
TIME_ZONES = frozenset((
    "UTC", "GMT", "BST", "IST", "CET", "CEST", "EET", "EEST", "WET", "WEST", "MSK", "EST",
    "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "AST", "ADT",
    "NST", "AEST", "AEDT", "ACST", "ACDT", "AWST", "NZST", "NZDT", "JST", "KST", "HKT",
    "SGT", "PHT", "WIB", "ICT", "PKT",
))  # fmt: skip
# A clock time: "21:00", "3pm", "8 p.m.", "1600hrs", maybe with the weekday between ("02:00
# Tuesday UTC"); four digits alone ("1800 GMT", as wires write it) only before UTC or GMT,
# since a year may stand before another zone's letters.
_WEEKDAY = r"(?:\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?\s*\(?$"
_CLOCK_BEFORE = re.compile(
    r"\b(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?|[0-2]\d[0-5]\d\s*(?:h|hrs|hours))"
    + _WEEKDAY, re.IGNORECASE)
_WIRE_CLOCK_BEFORE = re.compile(r"\b[0-2]\d[0-5]\d" + _WEEKDAY, re.IGNORECASE)
# "midnight (UTC +3)", "GMT+2": the universal zones with an offset.
_OFFSET_AFTER = re.compile(r"^\s*[+\u2212-]\s*\d{1,2}(?::?\d\d)?\b")
UNIVERSAL_ZONES = frozenset({"UTC", "GMT"})
_MONEY_SURFACE = re.compile(r"^[A-Z]{0,3}\$ ?\d")  # "AU$900", "US$ 1.5", "HK$37.5bn"
# A code and an amount spaCy took for one name; the code must be a currency's ("BMW 320").
_CODE_AND_AMOUNT = re.compile(
    r"^([A-Z]{3}) ?\d[\d,]*(?:\.\d+)?(?: (?:million|billion|trillion|bn|m))?$")
# "the town of Sangin", "the cities of Jalal-Abad", "the capital of Banjul": in lower case,
# so that a name's own "Town of Brookhaven" or "City of London" is no cue; no money's
# capital ("the stock capital of Apple Inc"). "State" is left out ("the state of
# emergency"; states are known places anyway).
_SETTLEMENT_OF_BEFORE = re.compile(
    r"(?:^|[^\w-])(?:(?:village|town|hamlet|province|district|region|municipality|suburb|"
    r"island|port|township|oblast|governorate|prefecture|canton|commune|borough)s?|"
    r"city|cities|county|counties|(?<!stock )(?<!share )(?<!venture )(?<!working )capital)"
    r"\s+of\s+$")
SETTLEMENT_RELABELLED = frozenset({"PERSON", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART",
                                   "LANGUAGE"})


def _is_work_title(label: str, before: str, after: str) -> bool:
    """ "Match Point (2005)", "the superhero film Watchmen": a film, book, show or song,
    whatever organisation or place spaCy took it for. A person only after a cue word and
    before punctuation or "as"/"and" ("the series Gilmore Girls, …"): "Smith
    (2005)" is a citation of an author."""
    if label == "WORK_OF_ART" or _POSSESSIVE_AFTER.match(after):
        return False  # "starred in Spielberg's Jaws": the possessor is no work
    if label == "PERSON" and not _WORK_END_AFTER.match(after):
        return False  # "the book Obama wrote": a person followed by their verb
    if label != "PERSON" and _YEAR_AFTER.match(after):
        return True
    cue = _CUE_BEFORE.search(before)
    if cue is not None and cue.group(1).lower() in WORK_NOUNS:
        return True  # "the novel Dark Matters", "the television series Gilmore Girls"
    starred = _STARRED_IN_BEFORE.search(before)
    return starred is not None and (label == "PERSON" or (
        label == "ORG" and not starred.group(0).startswith("appear")))


def _is_amount_code(surface: str, before: str, after: str) -> bool:
    """ "225 DKK per hour", "250 MXN,": a currency or unit code after an amount; "USD
    68.28": one before an amount."""
    if _CODE.match(surface) is None:
        return False
    amount = _AMOUNT_BEFORE.search(before)
    if amount is not None:
        return not _YEAR.match(amount.group(1)) and _CODE_AFTER.match(after) is not None
    amount = _AMOUNT_AFTER.match(after)
    if amount is None or _YEAR.match(amount.group(2)):
        return False
    return amount.group(1) is None or surface in ISO_CODES or surface in ISO_ALIASES


def _is_code_and_amount(surface: str) -> bool:
    """ "GBP 4.25", "ISK 6,200 million": a currency's ISO code and an amount in one span."""
    match = _CODE_AND_AMOUNT.match(surface)
    return match is not None and (match.group(1) in ISO_CODES or match.group(1) in ISO_ALIASES)


def _is_time_zone(surface: str, before: str, after: str) -> bool:
    """ "21:00 UTC", "3pm AEST", "1800 GMT": a time zone's abbreviation after a clock time;
    "UTC +3": a universal one with its offset."""
    if surface in UNIVERSAL_ZONES and (_OFFSET_AFTER.match(after)
                                       or _WIRE_CLOCK_BEFORE.search(before)):
        return True
    return surface in TIME_ZONES and _CLOCK_BEFORE.search(before) is not None


def _is_named_settlement(label: str, before: str) -> bool:
    """ "the village of Dolno Sahrane", "the southern city of Diwaniya", "the Iraqi province
    of Nineveh": a name right after a lower-case word for a settlement or an area and "of"
    is that place, whatever person, organisation or group spaCy took it for."""
    return label in SETTLEMENT_RELABELLED and _SETTLEMENT_OF_BEFORE.search(before) is not None


def label_from_cues(label: str, surface: str, before: str, after: str) -> str | None:
    """The label the words around a name span (`label` as spaCy gave it) give it, or None
    when they say nothing: MONEY, TIME, WORK_OF_ART or GPE."""
    if (_is_amount_code(surface, before, after) or _MONEY_SURFACE.match(surface)
            or _is_code_and_amount(surface)):
        return "MONEY"
    if _is_time_zone(surface, before, after):
        return "TIME"
    if _is_work_title(label, before, after):
        return "WORK_OF_ART"
    if _is_named_settlement(label, before):
        return "GPE"
    return None
