"""Rule 0c: a well-known place or organisation the text names on its own, where NER
tagged nothing.

The small English model misses some plain mentions of countries and big cities ("… to
Barbados", "in San Diego", "the US"), mostly in lists and short sentences, and of known
organisations at a title's start ("Wikinews interviews …", "Human Rights Watch has …").
Such a name is its own entity whatever the sentence, so the text is searched for the names
that cannot be much else (`standalone_place_names`): countries (and their aliases in the
country list), continents, US states and cities of at least MIN_CITY_POPULATION people that
are named alone — all by their gazetteer or reference spelling, capitalised as written
there — minus names that are also common words or given names (`NOT_ALONE`); and the
organisations of the shipped reference data (`organisations.csv`, `acronyms.csv`) named by
an acronym in capitals or by their canonical name (of two words or more, or one word that
is no frequent English word or has a capital inside: "YouTube"), never by an alias several
organisations share ("Supreme Court", "Democratic Party"). A found name becomes a GPE span (a
continent LOC, an organisation ORG) unless:
- any NER span of the article overlaps it;
- it is part of a longer capitalised name: a capitalised word or a hyphen right before it
  (but a sentence's first word that is a preposition or the like, "In Barbados", and a word
  ending in a comma may precede it) or right after it ("Mexico City", "US-based"; but not a
  word that opens an NER span of its own: "US" before "Second Amendment" tagged LAW), or,
  for an organisation, "of" and a capitalised word after it ("Democratic Party of Serbia").
The new span's `sentence_index` is that of the nearest span of the article with no
sentence end between them (else the one before's plus one): spaCy's own sentences are not
at hand here, and a mention's sentence is only used to find the sentence's tone.
"""

from __future__ import annotations

import bisect
import re

import polars as pl

from newsetl.transforms.entities.context import NO_CONTEXT, SPAN_CONTEXT_SCHEMA
from newsetl.transforms.entities.reference import ReferenceData

MIN_CITY_POPULATION = 1_000_000
MAX_NAME_WORDS = 4
# Countries, states and cities whose names are also words or given names ("Chad said …").
NOT_ALONE = frozenset((
    "Jordan", "Chad", "Georgia", "Turkey", "Guinea", "Niger", "Virginia", "Indiana",
    "Montana", "Phoenix", "Queens", "Pest", "Aba", "Jos", "Hue", "Kota", "Cali", "Mobile",
    "Reading", "Nice", "Bath", "Split", "Orange", "Victoria", "Florence", "Marion", "Lima",
    "Sale", "Wells", "Kent", "Dover", "Chester", "Lincoln", "Washington",
))  # fmt: skip
# Capitalised only as a sentence's first word: "In Barbados …", but "New Mexico …" is a name.
SENTENCE_OPENERS = frozenset((
    "in", "to", "from", "for", "and", "but", "or", "at", "on", "with", "by", "of", "the",
    "then", "so", "since", "after", "before", "visit", "visiting", "like", "unlike", "as",
    "near", "outside", "inside", "across", "throughout", "within", "via", "both", "all",
))  # fmt: skip
_CAPITALISED = re.compile(r"(?<![\w'’./-])[A-Z][^\s,;:!?()\[\]{}\"“”/]*")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
# "Democratic Party of Serbia": an organisation's name followed by "of" and a name is longer.
_OF_NAME_AFTER = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]")
_names_cache: dict[tuple[str, int], tuple[dict[str, str], dict[str, list[str]]]] = {}


def standalone_place_names(reference: ReferenceData) -> dict[str, str]:
    """Spelling → NER label of every place or organisation name searched for (built once per
    reference)."""
    return _lookup_tables(reference)[0]


def _lookup_tables(reference: ReferenceData) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The names searched for and their index by first word, built once per reference."""
    key = (reference.version, id(reference))
    cached = _names_cache.get(key)
    if cached is not None:
        return cached
    names: dict[str, str] = {}
    countries = reference.aliases.filter(pl.col("entity_class") == "country")
    for alias in countries["alias"].to_list():
        names[alias] = "GPE"
    gazetteer = reference.gazetteer
    if gazetteer is not None:
        for place in gazetteer.places.values():
            name = place.canonical_name
            if "," in name or "(" in name:
                continue
            if place.feature_class == "continent":
                names[name] = "LOC"
            elif place.feature_class == "country" or (
                    place.feature_class == "admin1" and place.country_code == "US") or (
                    place.feature_class == "city" and place.population >= MIN_CITY_POPULATION):
                names[name] = "GPE"
    kept = {n: label for n, label in names.items()
            if n[:1].isupper() and n not in NOT_ALONE and len(n.split()) <= MAX_NAME_WORDS
            and (len(n) >= 4 or n.replace(".", "").isupper())}  # fmt: skip
    organisations = reference.aliases.filter(pl.col("entity_class") == "org")
    kept |= {alias: "ORG" for alias, canonical in organisations.select(
                 "alias", "canonical_name").iter_rows()
             if alias not in kept and _is_organisation_alone(alias, canonical,
                                                             reference.common_words)}
    _names_cache.clear()  # one reference per run
    _names_cache[key] = (kept, _by_first_word(kept))
    return _names_cache[key]


def _is_organisation_alone(name: str, canonical: str, common_words: frozenset[str]) -> bool:
    """An organisation's name that is itself when found alone: an acronym in capitals, or
    the organisation's own canonical name of two words or more or of one word that is no
    frequent English word. Other aliases stand for one organisation among several ("Supreme
    Court", "Democratic Party", "General Assembly"): only NER's own spans of them count."""
    if not name[:1].isupper() or len(name.split()) > MAX_NAME_WORDS or "(" in name:
        return False
    letters = name.replace(".", "")
    if letters.isupper():
        return len(letters) >= 2 and letters.isalnum()
    if name != canonical:
        return False
    # A capital inside the word ("YouTube", "TikTok") is no common word as written.
    return " " in name or (len(name) >= 4 and (name.lower() not in common_words
                                               or any(ch.isupper() for ch in name[1:])))


def _is_capitalised_word_before(text: str, start: int) -> bool:
    """A capitalised word right before `start` that is not its sentence's first word, or a
    hyphen joining it: the name is part of a longer one."""
    head = text[max(0, start - 60):start]
    if head.endswith(("-", "‐")):
        return True
    match = re.search(r"(\S+)[ \t]+$", head)
    if match is None or not match.group(1)[:1].isupper() or match.group(1)[-1] in ",;:)":
        return False
    before = head[:match.start()].rstrip(" \t")
    first = (before == "" and start - 60 <= 0) or before.endswith((".", "!", "?", "\n", ":"))
    return not (first and match.group(1).lower() in SENTENCE_OPENERS)


def _is_capitalised_word_after(text: str, end: int) -> bool:
    tail = text[end:end + 3]
    return bool(re.match(r"[-‐]\w|[ \t]+[A-Z0-9]", tail)) or (tail[:1].isalnum())


def _span_follows(text: str, end: int, starts: list[int]) -> bool:
    """An NER span starts at the next word after `end`: the capitalised word there opens
    another name ("US" before "Second Amendment" LAW), not a longer name of this one."""
    match = re.match(r"[ \t]+", text[end:end + 8])
    if match is None:
        return False
    following = end + match.end()
    i = bisect.bisect_left(starts, following)
    return i < len(starts) and starts[i] == following


def _sentence_of(text: str, start: int, known: list[tuple[int, int, int]]) -> int:
    """The sentence index of the nearest span (start, end, sentence) in the same sentence."""
    before = [k for k in known if k[1] <= start]
    after = [k for k in known if k[0] >= start]
    if before and not _SENTENCE_END.search(text, before[-1][1], start):
        return before[-1][2]
    if after and not _SENTENCE_END.search(text, start, after[0][0]):
        return after[0][2]
    if before:
        index = before[-1][2] + 1
        return min(index, after[0][2]) if after else index
    return max(after[0][2] - 1, 0) if after else 0


def _by_first_word(names: dict[str, str]) -> dict[str, list[str]]:
    """First word → the names that start with it, longest first."""
    index: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        index.setdefault(name.split()[0], []).append(name)
    return index


def _found_in(text: str, names: dict[str, str], first_words: dict[str, list[str]],
              taken: list[tuple[int, int]]) -> list[tuple]:
    """(start, end, surface, label) of standalone place names in `text` outside `taken`
    (sorted spans). Only capitalised words are looked up: one pass over the text."""
    found, last_end = [], 0
    starts = [s for s, _ in taken]
    for match in _CAPITALISED.finditer(text):
        start, word = match.start(), match.group(0)
        if start < last_end:
            continue
        candidates = first_words.get(word)
        if candidates is None and word[-1] in ".s":  # "Mexico.", "Mexico's"
            candidates = first_words.get(word.rstrip(".").removesuffix("'s").removesuffix("’s"))
        if candidates is None:
            continue
        hit = next((name for name in candidates if text.startswith(name, start)
                    and not text[start + len(name):start + len(name) + 1].isalnum()), None)
        if hit is None:
            continue
        end = start + len(hit)
        last_end = end
        i = bisect.bisect_left(starts, end)
        if i and taken[i - 1][1] > start:  # a span starting before the end reaches in
            continue
        if any(s < end and e > start for s, e in taken[max(0, i - 8):i]):
            continue
        if names[hit] == "ORG" and _OF_NAME_AFTER.match(text, end):
            continue
        if not _is_capitalised_word_before(text, start) and not (
                _is_capitalised_word_after(text, end) and not _span_follows(text, end, starts)):
            found.append((start, end, hit, names[hit]))
    return found


def add_missed_places(spans: pl.DataFrame, texts: pl.DataFrame,
                      reference: ReferenceData) -> pl.DataFrame:
    """`spans` (SPAN_CONTEXT_SCHEMA, read in context) plus a span for each standalone place
    name of `texts` (`article_id`, `text`) that no span covers, after them."""
    names, first_words = _lookup_tables(reference)
    if not names or texts.height == 0:
        return spans
    known_of: dict[str, list[tuple[int, int, int]]] = {}
    for article_id, start, end, sentence in spans.select(
            "article_id", "start_char", "end_char", "sentence_index").iter_rows():
        known_of.setdefault(article_id, []).append((start, end, sentence))
    rows = []
    for article_id, text in texts.select("article_id", "text").iter_rows():
        if not text:
            continue
        known = sorted(known_of.get(article_id, []))
        for start, end, surface, label in _found_in(text, names, first_words,
                                                          [k[:2] for k in known]):
            rows.append((article_id, start, end, surface, label,
                         _sentence_of(text, start, known), *NO_CONTEXT.values()))
    if not rows:
        return spans
    return pl.concat([spans, pl.DataFrame(rows, schema=SPAN_CONTEXT_SCHEMA, orient="row")])
