"""Rule 1: clean each surface form, or say why it is not an entity.

Order: fold quotes → strip wiki markup (a behaviour switch such as "__NOTOC__" is all
markup) and caption or credit words ("Photo: …", "… image")
→ brackets (a full name in brackets before other words is a speaker an editor named:
"[Danny O'Brien] Sigh") and stray punctuation → possessive, a legal form after a comma
(", Inc.") or at the end where the rest names the company alone ("Enron Corp."; not "Apple Inc."), a
person's inverted name ("Austen, Jane" → "Jane Austen"), spaces between initials
("U. S.") and a compass point cut short before a known place ("N. Korea") →
leading article or "these"/"those" → leading titles/honorifics
(with the country or portfolio words before them; not in a name the reference data knows
whole: "DR Congo" is a country, not a doctor) → possessive again → drop checks → first
letter upper-cased (as an encyclopedia titles it).
"""

import re
import unicodedata

import polars as pl

from newsetl.transforms.entities.events import EVENT_HEADS
from newsetl.transforms.entities.reference import ReferenceData, fold, lookup, lookup_known

MAX_NAME_CHARS = 100
MAX_NAME_TOKENS = 12
TITLE_WINDOW = 6  # a title is looked for among a name's first tokens only
MIN_RANK_PART = 3  # "Sub-", "Vice-": the shortest first part of a hyphenated rank

PRONOUNS = frozenset((
    "i", "me", "my", "mine", "myself", "you", "your", "yours", "he", "him", "his",
    "himself", "she", "her", "hers", "herself", "it", "its", "itself", "we", "us", "our",
    "ours", "they", "them", "their", "theirs", "this", "that", "these", "those", "who",
    "whom", "whose", "which", "what", "someone", "somebody", "anyone", "everyone", "nobody",
))  # fmt: skip
DATE_WORDS = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "tonight", "weekend",
    "week", "month", "year", "morning", "evening", "night", "noon", "midnight",
))  # fmt: skip
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
ARTICLES = frozenset({"the", "a", "an"})
DEMONSTRATIVES = frozenset({"these", "those"})  # "these United States": no part of the name
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"'})
_EDGE = " \t\n\"'()[]{}<>*|=,;:!?#~-–—"
# An HTML entity: with its semicolon, or one of the common ones a dump wrote without it
# ("Japan &mdash"); never the ampersand of a name ("AT&T", "Texas A&M University").
_MARKUP = re.compile(
    r"&[a-zA-Z]+;|&(?:amp|mdash|ndash|nbsp|quot|apos|lt|gt|hellip|[lr][sd]quo)\b|&#\d+;?"
    r"|<[^>]*>|\binfobox\b", re.IGNORECASE)
_TRAILING_BRACKET = re.compile(r"\s*\((?:[^()]*\)|[^)]*)$")  # "Bank (SNB)", "Bank (SNB"
_ABBREVIATION_END = re.compile(r"(\b[A-Za-z]\.|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)\.)$")
# "Atlantic Lottery Corporation, Inc.": a legal form after a comma is no part of the name
# as an encyclopedia titles it.
_LEGAL_FORM_AFTER_COMMA = re.compile(
    r",\s*(?:Inc|Ltd|LLC|L\.L\.C|Corp|Co|plc|PLC|S\.A|AG|GmbH|L\.P|LP)\.?$"
)
# "Enron Corp.", "Google Inc": an abbreviated legal form written without a comma, dropped
# only when what is left names the company alone (`_strip_legal_form`); not "& Co."
# ("Gordon & Co." is no Gordon).
_ABBREVIATION_WITHOUT_DOT = re.compile(r"\b(Inc|Corp|Co|Ltd)$")
# Legal forms written abbreviated, with a dot ("Enron Corp.", "Google Inc."): such a dot
# ends the name, and a sentence only when a new name follows (`context._split_lists`).
DOTTED_LEGAL_FORMS = ("Inc", "Corp", "Co", "Ltd", "LLC", "PLC", "plc")
_LEGAL_FORM_AT_END = re.compile(
    r"(?<![&,])\s+(?:" + "|".join((*DOTTED_LEGAL_FORMS, "AG", "GmbH", r"S\.A", r"N\.V", "Limited"))
    + r")\.?$"
)
# "Microsoft Corporation": a legal form written out is part of many names ("British
# Broadcasting Corporation"), so it comes off only before a company the reference knows.
_LEGAL_FORM_WRITTEN_OUT = re.compile(r"(?<![&,])\s+(?:Corporation|Incorporated|Company)$")
# "Austen, Jane", "Macaulay, Thomas Babington": family name, comma, one to three given names.
_INVERTED_NAME = re.compile(r"^([A-Z][\w'-]+), ([A-Z][a-z][\w'.-]*(?: [A-Z][\w'.-]*){0,2})$")
_EDITORIAL = re.compile(r"\s*\[\s*sic!?\s*\]", re.IGNORECASE)
_SPACED_INITIALS = re.compile(r"^(?:[A-Z]\.\s){1,3}[A-Z]\.?$")  # "U. S." is "U.S."
# "N. Korea", "S. Carolina", "E. Timor": a compass point cut short before a place's name.
_COMPASS_POINT = re.compile(r"^(N|S|E|W|NE|NW|SE|SW)\.\s?(?=[A-Z][a-z])")
_COMPASS_WORDS = {"N": ("North", "Northern"), "S": ("South", "Southern"),
                  "E": ("East", "Eastern"), "W": ("West", "Western"), "NE": ("Northeast",),
                  "NW": ("Northwest",), "SE": ("Southeast",), "SW": ("Southwest",)}
# What a name spelt out must be known as: a place, or its people ("N. Korean").
SPELT_OUT_CLASSES = frozenset({"country", "region", "place", "demonym"})
_HTML_TAG = re.compile(r"<[^<>]*>|>")  # a tag, or the end of one the span cut
# MediaWiki behaviour switches ("__NOTOC__" at the top of a wiki article), in capitals as the
# wiki writes them: no name is spelt so. Not "TOC" or "INDEX", which acronyms may be.
_WIKI_SWITCHES = frozenset((
    "NOTOC", "FORCETOC", "NOEDITSECTION", "NEWSECTIONLINK", "NONEWSECTIONLINK", "NOGALLERY",
    "NOINDEX", "NOTITLECONVERT", "NOCONTENTCONVERT", "STATICREDIRECT", "HIDDENCAT",
    "EXPECTUNUSEDCATEGORY", "NOGLOBAL", "DISAMBIG",
))  # fmt: skip
# "anti-Syrian", "pro-Mubarak", "ex-Beatle": a one-word span of a prefix and a name is the
# name; not "non-Iraqi" (what it is not) nor an ideology ("anti-Semitism").
_PREFIX_BEFORE_NAME = re.compile(r"^(?:anti|pro|ex|neo)-(?=[A-Z]\S*$)(?!\S*ism$)",
                                 re.IGNORECASE)
_URL = re.compile(r"https?:|www\.|\.(?:com|org|net|jpg|png)\b", re.IGNORECASE)
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)?$", re.IGNORECASE)
_CAPTION_WORDS = (
    r"(?:Photos?|Photograph|Photo credit|Images?|Pictures?|Picture credit|Credit|Caption|"
    r"Video|Graphic|Illustration|File photo|Courtesy)"
)
_CAPTION_PREFIX = re.compile(
    r"^\s*(?:(?:[A-Z]{2,5}\s+)?" + _CAPTION_WORDS + r"\s*(?:[:|/–—-]\s*|by\s+)|Courtesy of\s+)",
)
_INITIAL_WITHOUT_DOT = re.compile(r"(?<=\S )([A-Z])(?= \S)")
# Singular only: "Getty Images" is a company, "John Smith Image" a caption.
_CAPTION_SUFFIX = re.compile(
    r"\s+(?:/\s*)?(?:Photo|Photograph|Image|Picture|Caption|File photo|Logo|Screenshot)\s*$"
)


def _speaker_insertion(text: str) -> str:
    """ "[Danny O'Brien] Sigh" → "Danny O'Brien": a full name an editor put in brackets
    before a quotation names its speaker, and the words after it are the quotation's (not
    "[George W.] Bush", whose brackets end at an initial). The span may start inside the
    brackets ("Danny O'Brien] Sigh")."""
    inside, closed, rest = text.removeprefix("[").partition("]")
    words = inside.split()
    if (closed and rest.strip() and "[" not in inside and len(words) >= 2
            and len(words[-1]) > 1 and not words[-1].endswith(".")):
        return inside.strip()
    return text


def _strip_edges(text: str) -> str:
    """Wiki markup, brackets, quotes and punctuation off both ends; spaces collapsed."""
    text = " ".join(_MARKUP.sub(" ", text.replace("''", " ")).split())
    text = _speaker_insertion(text)
    if "[" in text or "]" in text:  # "[George W.] Bush": an editor's insertion is the name's
        text = _EDITORIAL.sub("", text).replace("[", "").replace("]", "").strip()
    previous = None
    while text != previous:
        previous = text
        text = _TRAILING_BRACKET.sub("", text).strip(_EDGE) if "(" in text[1:] else text
        text = text.strip(_EDGE)
        if text.endswith(".") and not _ABBREVIATION_END.search(text):
            text = text[:-1]
    return text


def _uninverted(text: str, reference: ReferenceData) -> str:
    """ "Austen, Jane" → "Jane Austen": a person's name as a reading list writes it (not a
    generational suffix, "John Smith, Jr.", nor a known place, "Paris, France", "Washington,
    D.C.", whatever spaCy's label)."""
    match = _INVERTED_NAME.match(text)
    if match is None or any(fold(t) in NAME_SUFFIXES for t in match.group(2).split()) or (
            lookup(reference, match.group(2)) is not None or lookup(reference, text) is not None
            or (reference.gazetteer is not None and text in reference.gazetteer.by_canonical)):
        return text
    return f"{match.group(2)} {match.group(1)}"


def _compass_spelt_out(text: str, reference: ReferenceData) -> str:
    """ "N. Korea" → "North Korea", "N. Ireland" → "Northern Ireland", where the name spelt
    out is a place (or its people) the reference data or the gazetteer knows ("N. Simrock",
    a person's initial, stays)."""
    match = _COMPASS_POINT.match(text)
    if match is None:
        return text
    for word in _COMPASS_WORDS[match.group(1)]:
        spelt = f"{word} {text[match.end():]}"
        hit = lookup(reference, spelt)
        if (hit is not None and hit.entity_class in SPELT_OUT_CLASSES) or (
                reference.gazetteer is not None and fold(spelt) in reference.gazetteer.by_name):
            return spelt
    return text


def _strip_possessive(text: str) -> str:
    if text.endswith("'s") or text.endswith("'S"):
        return text[:-2]
    return text[:-1] if text.endswith("s'") else text


def _strip_legal_form(text: str, label: str, reference: ReferenceData) -> str:
    """ "Enron Corp." → "Enron", "Microsoft Corp." → "Microsoft": one company, however the
    text writes its legal form. Kept, with its dot, where the rest alone is a frequent
    English word or a known name of something else than a company, as encyclopedias title
    them ("Apple Inc.", "Gap Inc.", "Time Inc.", "News Corp."), unless the reference knows
    the company by the rest ("Google Inc." → "Google"). Written out, the form comes off only
    then ("Microsoft Corporation" → "Microsoft")."""
    if label == "PERSON":
        return text
    written_out = _LEGAL_FORM_WRITTEN_OUT.sub("", text)
    if written_out != text and _is_known_company(written_out, reference):
        return written_out
    rest = _LEGAL_FORM_AT_END.sub("", text)
    if rest == text or not rest[:1].isupper():
        return text
    if " " in rest:
        return rest
    known = lookup(reference, rest)
    if known is not None and known.entity_class == "org":
        return rest
    if is_common_word(rest, reference.common_words) or known is not None:
        return _ABBREVIATION_WITHOUT_DOT.sub(r"\1.", text)  # "News Corp" is "News Corp."
    return rest


def _is_known_company(name: str, reference: ReferenceData) -> bool:
    known = lookup(reference, name)
    return known is not None and known.entity_class == "org"


PARTY_LABELS = frozenset({"ORG", "NORP"})
# Words of political colour that name no party alone ("the Green party", "Serbian Radical
# party"), unlike a party's own name before "party" ("United Future", "Shinui", "UMP").
PARTY_ADJECTIVES = frozenset((
    "national", "green", "liberal", "conservative", "labour", "labor", "democratic",
    "democrat", "republican", "socialist", "communist", "radical", "progressive", "popular",
    "social", "christian", "federal", "nationalist", "unionist", "libertarian", "centrist",
    "centre", "center", "reform", "independence", "pirate", "agrarian", "islamic",
))  # fmt: skip


def _strip_trailing_common_words(text: str, label: str, reference: ReferenceData) -> str:
    """ "Shinui party" → "Shinui": names end in a capitalised word; but "Gaza strip" is a
    known name written in lower case and stays, an event's head word is its name's ("the
    Iraq war" labelled EVENT is the Iraq War, not Iraq), and so is a party's after a word
    of political colour (`PARTY_ADJECTIVES`: "the National party" is the National Party,
    which the national table then finds; "Green", "Serbian Radical" alone name no party)."""
    tokens = text.split()
    if len(tokens) < 2 or tokens[-1][:1].isupper() or lookup(reference, text) is not None:
        return text
    if label == "EVENT" and tokens[-1] in EVENT_HEADS and tokens[-2][:1].isupper():
        return " ".join([*tokens[:-1], tokens[-1].capitalize()])
    if (label in PARTY_LABELS and tokens[-1] == "party" and tokens[-2][:1].isupper()
            and tokens[-2].casefold() in PARTY_ADJECTIVES
            and lookup(reference, " ".join(tokens[:-1])) is None):
        return " ".join([*tokens[:-1], "Party"])
    while len(tokens) > 1 and tokens[-1].islower():
        tokens.pop()
    return " ".join(tokens)


def as_rank(folded: str, titles: frozenset[str]) -> str:
    """A hyphenated rank is a title by its last part ("Sub-Lieutenant", "Lance-Corporal";
    `fold` reads the hyphen as a space), both parts words, not letters or abbreviations
    ("E-Gov" is no governor)."""
    first, _, last = folded.rpartition(" ")
    return last if (len(first) >= MIN_RANK_PART and len(last) >= MIN_RANK_PART + 1
                    and last in titles) else folded


def _title_end(tokens: list[str], titles: frozenset[str]) -> int:
    """Tokens to strip: up to the last title in the window that still leaves a name."""
    folded = [as_rank(fold(t), titles) for t in tokens]
    best = 0
    for start in range(min(len(tokens), TITLE_WINDOW)):
        for end in range(start + 1, min(len(tokens), start + 4) + 1):
            if " ".join(folded[start:end]) not in titles:
                continue
            rest = [f for f in folded[end:] if f not in NAME_SUFFIXES]
            prefix_ok = all(
                t[:1].isupper() or f in titles for t, f in zip(tokens, folded[:start], strict=False)
            )
            if rest and tokens[end][:1].isupper() and prefix_ok:
                best = end
    return best


def _strip_titles(text: str, label: str, reference: ReferenceData) -> tuple[str, bool]:
    """Remove leading titles; True when only titles (and articles) were there."""
    titles = reference.titles_any | (reference.titles_person if label == "PERSON" else set())
    tokens = text.split()
    end = _title_end(tokens, titles)
    if end:
        return " ".join(tokens[end:]), False
    return text, only_titles([fold(t) for t in tokens], titles)


def only_titles(folded: list[str], titles: frozenset[str]) -> bool:
    """The folded tokens are titles and articles only, a title being up to four tokens
    ("Chief Justice", "Secretary of State": neither "chief" nor "of" is a title alone)."""
    reachable = [True] + [False] * len(folded)  # reachable[i]: folded[:i] is all titles
    for start in range(len(folded)):
        if not reachable[start]:
            continue
        if folded[start] in ARTICLES:
            reachable[start + 1] = True
        for end in range(start + 1, min(len(folded), start + 4) + 1):
            if " ".join(folded[start:end]) in titles:
                reachable[end] = True
    return bool(folded) and reachable[-1]


def _drop_reason(text: str, label: str) -> str | None:
    folded = fold(text)
    words = folded.split()
    if not any(ch.isalpha() for ch in text) or _ORDINAL.match(folded.replace(" ", "")):
        return "numeric"
    if folded in PRONOUNS and not text.isupper():  # "US" is not "us"
        return "pronoun"
    datelike = all(w in DATE_WORDS or w.isdigit() or _ORDINAL.match(w) for w in words)
    if datelike and (label != "PERSON" or any(ch.isdigit() for ch in text)):
        return "date_like"  # but a PERSON "May" is more likely Theresa May than the month
    if len(text) <= 1:
        return "too_short"
    if len(text) > MAX_NAME_CHARS or len(words) > MAX_NAME_TOKENS:
        return "too_long"
    cased = [ch for ch in text if ch.isupper() or ch.islower()]
    if cased and not any(ch.isupper() for ch in cased):
        return "not_capitalised"
    return None


def _strip_caption(text: str) -> str:
    """ "Photo: John Smith", "John Smith Photo", "AP Photo/John Smith": picture captions and
    credits glued to a name by the page layout."""
    text = _CAPTION_PREFIX.sub("", text)
    return _CAPTION_SUFFIX.sub("", text) if " " in text.strip() else text


def _outside_markup(text: str) -> str:
    """The name part of a span that ran into wiki or HTML markup: "File.jpg|Imam Khomeini" →
    "Imam Khomeini", "BR>Queensland" → "Queensland", "Amarah== Amarah" → "Amarah",
    "John Howard - Singapore" → "John Howard"."""
    text = text.rsplit("|", 1)[-1]
    parts = [part for part in _HTML_TAG.split(text) if part.strip()]
    text = parts[-1] if parts else ""
    for separator in ("==", " * ", "\n", " - "):
        parts = [p for p in text.split(separator) if p.strip()]
        text = parts[0] if parts else ""
    return text


def _clean_once(text: str, label: str, reference: ReferenceData) -> tuple[str, str | None]:
    text = _strip_caption(_outside_markup(text.translate(_QUOTES)))
    if _URL.search(text) or "=" in text:  # 'style="background:#9999FF': an attribute
        return text, "markup"
    if text.strip("_ ") in _WIKI_SWITCHES:
        return text, "markup"
    text = _PREFIX_BEFORE_NAME.sub("", _strip_edges(text))
    if len(text) > MAX_NAME_CHARS * 2:
        return text, "too_long"
    text = _LEGAL_FORM_AFTER_COMMA.sub("", _strip_edges(_strip_possessive(text)))
    text = _strip_legal_form(text, label, reference)
    if label == "PERSON":  # "George W Bush" is "George W. Bush", as most texts write it
        text = _INITIAL_WITHOUT_DOT.sub(r"\1.", _uninverted(text, reference))
    text = _compass_spelt_out(text, reference)
    tokens = text.split()
    if _SPACED_INITIALS.match(" ".join(tokens)):
        tokens = ["".join(tokens)]
        text = tokens[0]
    if tokens and tokens[0].lower() in ARTICLES | DEMONSTRATIVES and len(tokens) > 1:
        hit = lookup(reference, text)
        if hit is None or not hit.canonical_name.lower().startswith(tokens[0].lower() + " "):
            text = " ".join(tokens[1:])  # "the UAE" → "UAE", but "The Hague" stays
    if lookup_known(reference, text) is None:  # "DR Congo" is a country, not a doctor
        text, only_titles = _strip_titles(text, label, reference)
        if only_titles:
            return text, "title_only"
    text = _strip_trailing_common_words(_strip_edges(_strip_possessive(text)), label, reference)
    reason = _drop_reason(text, label)
    if reason is not None:
        return text, reason
    return unicodedata.normalize("NFC", _capitalised(text)), None


def _capitalised(text: str) -> str:
    """A name opens with a capital, except a brand's lower-case letter before a capital
    ("eBay", "iPod", "iTunes": not "EBay")."""
    if len(text) > 1 and text[0].islower() and text[1].isupper():
        return text
    return text[0].upper() + text[1:]


def clean_name(surface: str, label: str, reference: ReferenceData) -> tuple[str | None, str | None]:
    """(cleaned name, None) or (None, drop reason) for one surface form; the rules are applied
    until nothing changes ("the the UAE's"), so cleaning a cleaned name changes nothing."""
    gazetteer = reference.gazetteer
    if "(" in surface and gazetteer is not None and surface in gazetteer.by_canonical:
        return surface, None  # "New York (state)": its disambiguator is no bracketed aside
    text = surface
    for _ in range(MAX_NAME_TOKENS):
        cleaned, reason = _clean_once(text, label, reference)
        if reason is not None:
            return None, reason
        if cleaned == text:
            break
        text = cleaned
    return text, None


# The word list spells American English: "Defence" and "Labour" are its "defense", "labor".
_BRITISH_ENDINGS = (("ence", "ense"), ("our", "or"), ("isation", "ization"), ("ise", "ize"))


def is_common_word(word: str, common_words: frozenset[str]) -> bool:
    """`word` is in the common-word list, in American or British spelling."""
    lower = word.lower()
    return lower in common_words or any(
        lower.endswith(british) and lower[:-len(british)] + american in common_words
        for british, american in _BRITISH_ENDINGS)


def clean_mentions(frame: pl.DataFrame, reference: ReferenceData) -> pl.DataFrame:
    """Add `clean_name` and `drop_reason` (exactly one of them null) to a span frame; a name
    that is part of a title is dropped after it (`title_parts`)."""
    cleaned: dict[tuple[str, str], tuple[str | None, str | None]] = {}  # names repeat
    pairs = [
        cleaned.get(key) or cleaned.setdefault(key, clean_name(*key, reference))
        for key in zip(frame["surface_text"], frame["label"], strict=True)
    ]
    return frame.with_columns(
        pl.Series("clean_name", [p[0] for p in pairs], dtype=pl.String()),
        pl.Series("drop_reason", [p[1] for p in pairs], dtype=pl.String()),
    )
