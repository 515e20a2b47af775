"""Rule 0b: a known place named inside a longer name is a mention of that place too.

"University of Michigan", "Film Critics Circle of Australia", "Durham University, United
Kingdom", "Boston Globe": the annotation scheme newsetl is scored on counts these nested
places (a team's, paper's or school's town included), and analysts counting mentions per
country or city expect them. Kept to names the gazetteer knows, at the places a place name
takes in a longer name:
- after "of", "at", "in" or a comma: a country, a first-level region (US state, continent,
  a federation's region: "British Columbia Lottery Corporation", "Government of Sindh")
  or a city of the reference data; at the start of the name, a country or region, or a city
  when the name ends in an institution word ("Globe", "University", "Times"): "George Bush"
  labelled ORG names no city George;
- "Australian Securities Exchange" names no place (a demonym is not its country).
The nested span gets label GPE and the container's sentence; the container stays as it was.
A person's span that opens with a known country or first-level region after "to", "in",
"of", "for" or "at" and goes on with two words or more ("Ambassador to Iraq Ryan C.
Crocker", "the UN representative in Burundi Carolyn McAskie") holds the end of a title:
it is split into the place (GPE) and the person (`split_leading_places`). Without the
preposition the leading word is a given name as often ("Georgia May Jagger"). So is a
span spaCy called an organisation when the rest is a person the article names elsewhere
("Prime Minister of the United Kingdom Tony Blair"; not "a member of Iraq Body Count").
A natural feature's name (LOC) nests a place only after "of", "at" or "in" ("Gulf of
Mexico", "Sea of Japan"; the scheme counts those too), never at its start ("Asia Minor" is
no mention of Asia, "California Coast" none of California) nor after a comma ("Portland,
Oregon" is a place and its qualifier, as canonical place names are written).

A known organisation inside a longer name is a mention of it too, as the scheme counts it
(`nested_organisations`): its acronym as a word anywhere in the name ("UNESCO World
Heritage Site", "Euro- NATO Joint Jet Pilot Training") or its name at the start of a
longer one ("Amnesty International USA", "United Nations Security Council"). Only
organisations of the shipped reference data, by an acronym in capitals or a name that is no
frequent English word alone ("Google Scholar" nests nothing), and not before a company's
word ("SCO Group"); not in a natural feature's name. A nested mention of the entity its
container resolves to is dropped after resolution (`without_overlapping_repeats`).
"""

import polars as pl

from newsetl.transforms.entities.context import NO_CONTEXT
from newsetl.transforms.entities.gazetteer import REGION_COUNTRIES
from newsetl.transforms.entities.reference import ReferenceData, fold, lookup

CONTAINER_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
FEATURE_LABELS = frozenset({"LOC"})  # containers whose leading word names no place
AFTER_WORDS = frozenset({"of", "at", "in"})
PLACE_CLASSES = frozenset({"country", "region", "place"})
REGION_CLASSES = frozenset({"country", "region"})
INSTITUTION_WORDS = frozenset((
    "university", "college", "school", "academy", "institute", "hospital", "museum", "zoo",
    "library", "council", "police", "airport", "port", "cathedral", "church", "times", "post",
    "globe", "herald", "tribune", "journal", "gazette", "chronicle", "observer", "telegraph",
    "guardian", "mail", "express", "star", "daily", "news", "press", "review", "magazine",
    "bulletin", "examiner", "inquirer", "courier", "dispatch", "sentinel",
    "radio", "television", "tv", "symphony", "orchestra", "opera", "ballet", "theatre",
    "theater", "club", "fc", "united", "city", "marathon", "stadium", "arena", "bank",
    "exchange", "company", "corporation", "group", "authority", "board", "court", "center",
    "centre", "hall", "station", "studios", "festival", "prize", "award", "awards", "games",
))  # fmt: skip
MAX_PLACE_TOKENS = 4
COMPANY_WORDS = frozenset(("group", "holdings", "inc", "corp", "corporation", "company", "co",
                           "ltd", "limited", "llc", "plc", "ag", "sa", "technologies"))
POSSESSIVES = frozenset(("'s", "’s"))


def _words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each whitespace-separated word, trailing commas excluded."""
    spans, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isspace() and start is not None:
            end = i
            while end > start and text[end - 1] in ",;:":
                end -= 1
            spans.append((start, end))
            start = None
        elif not ch.isspace() and start is None:
            start = i
    return spans


def _place_at(text: str, words: list[tuple[int, int]], first: int,
              reference: ReferenceData, classes: frozenset[str]) -> tuple[int, int] | None:
    """The longest known place starting at word `first`, as (start, end) in `text`; a
    possessive is not part of it ("Hebrew University of Jerusalem's Einstein Institute")."""
    for last in range(min(len(words), first + MAX_PLACE_TOKENS) - 1, first - 1, -1):
        start, end = words[first][0], _without_possessive(text, words[last][1])
        candidate = text[start:end]
        if not candidate[:1].isupper():
            return None
        hit = lookup(reference, candidate)
        if hit is not None and hit.entity_class in classes:
            return start, end
        if "region" in classes and _federations_region(candidate, reference):
            return start, end
    return None


def _federations_region(name: str, reference: ReferenceData) -> bool:
    """`name` is a first-level region of a federation ("British Columbia", "Sindh"), which
    only the gazetteer's regions know, and no place or frequent English word."""
    gazetteer = reference.gazetteer
    if gazetteer is None:
        return False
    key = fold(name)
    region = gazetteer.first_level.get(key)
    return (region is not None and region.country_code in REGION_COUNTRIES
            and key not in gazetteer.by_name
            and (" " in key or key not in reference.common_words))


def nested_places(surface: str, reference: ReferenceData,
                  lead: bool = True) -> list[tuple[int, int]]:
    """(start, end) offsets inside `surface` of the known places it names inside itself
    (`lead`: also one at the start of the name)."""
    words = _words(surface)
    if len(words) < 2:
        return []
    found: list[tuple[int, int]] = []
    if lead:
        found = _leading_place(surface, words, reference)
    for i in range(1, len(words)):
        previous = surface[words[i - 1][0]:words[i - 1][1]]
        after_comma = surface[words[i - 1][1]:words[i][0]].strip() == ","
        if after_comma and not lead:
            # "Portland, Oregon": a place and its qualifier, as canonical place names are
            # written; normalizing a canonical name again must add no mention.
            continue
        if previous.lower() in AFTER_WORDS or after_comma:
            place = _place_at(surface, words, i, reference, PLACE_CLASSES)
            if place is not None and not any(s < place[1] and place[0] < e for s, e in found):
                found.append(place)
    return found


def nested_organisations(surface: str, reference: ReferenceData) -> list[tuple[int, int]]:
    """(start, end) offsets inside `surface` of the known organisations it names inside
    itself: an organisation's acronym as a whole word, or its name opening a longer name."""
    words = _words(surface)
    if len(words) < 2:
        return []
    found: list[tuple[int, int]] = []
    first = 1 if surface[words[0][0]:words[0][1]].lower() == "the" else 0
    lead = _organisation_at(surface, words, first, reference)
    if lead is not None and lead[1] < words[-1][1]:
        found.append(lead)
    for i, (start, word_end) in enumerate(words[first:], start=first):
        end = _without_possessive(surface, word_end)
        word = surface[start:end]
        hit = reference.acronym_index.get(word) if word.isupper() and len(word) > 1 else None
        if (hit is not None and hit.entity_class == "org"
                and not _company_word_after(surface, words, i)
                and not any(s < end and start < e for s, e in found)):
            found.append((start, end))
    return sorted(found)


def _company_word_after(text: str, words: list[tuple[int, int]], index: int) -> bool:
    """Word `index` is followed by a company's word: "SCO Group", "ABC Holdings" name a
    company of the same letters or words, not the known body."""
    return index + 1 < len(words) and fold(
        text[words[index + 1][0]:words[index + 1][1]]).rstrip(".,") in COMPANY_WORDS


def _without_possessive(text: str, end: int) -> int:
    return end - 2 if text[end - 2:end] in POSSESSIVES else end


def _organisation_at(text: str, words: list[tuple[int, int]], first: int,
                     reference: ReferenceData) -> tuple[int, int] | None:
    """The longest known organisation's name (of two words or more, or one word that is no
    frequent English word) starting at word `first`, shorter than the whole name."""
    for last in range(min(len(words) - 1, first + MAX_PLACE_TOKENS) - 1, first - 1, -1):
        start, end = words[first][0], _without_possessive(text, words[last][1])
        candidate = text[start:end]
        if not candidate[:1].isupper():
            return None
        hit = lookup(reference, candidate)
        if hit is None or hit.entity_class != "org":
            continue
        if _company_word_after(text, words, last):
            return None
        if last > first or fold(candidate) not in reference.common_words:
            return start, end
    return None


def _leading_place(surface: str, words: list[tuple[int, int]],
                   reference: ReferenceData) -> list[tuple[int, int]]:
    found = []
    # A city leads an institution's name ("Boston Globe"), but also a person's that spaCy
    # took for an organisation ("George Bush"): a city only before an institution word.
    last = fold(surface.split(",")[0].split()[-1])  # "Durham University, United Kingdom"
    lead_classes = PLACE_CLASSES if last in INSTITUTION_WORDS else REGION_CLASSES
    lead = _place_at(surface, words, 0, reference, lead_classes)
    if lead is None and surface[words[0][0]:words[0][1]].lower() == "the":  # The New York Times
        lead = _place_at(surface, words, 1, reference, lead_classes)
    if lead is not None and lead[1] < words[-1][1]:
        found.append(lead)
    return found


def split_leading_places(spans: pl.DataFrame, reference: ReferenceData) -> pl.DataFrame:
    """`spans` (SPAN_CONTEXT_SCHEMA) with each PERSON span marked `preposition_before` that
    opens with a known country or region and two more words (an ORG span: whose rest is a
    PERSON span of the article) split in two: a GPE span of the place and a PERSON span of
    the rest (its other context columns kept)."""
    people = spans.filter(pl.col("label").is_in(["PERSON", "ORG"]), pl.col("preposition_before"))
    if people.height == 0:
        return spans
    person_names: set[tuple[str, str]] | None = None  # built only if an ORG span needs it
    split_rows = []
    for row in people.iter_rows(named=True):
        surface = row["surface_text"]
        words = _words(surface)
        first = 1 if words and surface[words[0][0]:words[0][1]].lower() == "the" else 0
        if len(words) - first < 3:  # a place and two words: no lookup for shorter names
            continue
        place = _place_at(surface, words, first, reference, REGION_CLASSES)
        if place is None or sum(start >= place[1] for start, _ in words) < 2:
            continue
        rest = len(surface) - len(surface[place[1]:].lstrip(" ,"))
        # An organisation's span splits only where the rest is a person the article names
        # ("of the United Kingdom Tony Blair"; not "of Iraq Body Count").
        if row["label"] == "ORG":
            if person_names is None:
                person_names = set(spans.filter(pl.col("label") == "PERSON")
                                   .select("article_id", "surface_text").iter_rows())
            if (row["article_id"], surface[rest:]) not in person_names:
                continue
        split_rows.append((row, place, rest))
    if not split_rows:
        return spans
    replaced, added = [], []
    for row, (start, end), rest in split_rows:
        replaced.append((row["article_id"], row["start_char"], row["end_char"]))
        added.append({**row, **NO_CONTEXT, "start_char": row["start_char"] + start,
                      "end_char": row["start_char"] + end,
                      "surface_text": row["surface_text"][start:end], "label": "GPE"})
        added.append({**row, "start_char": row["start_char"] + rest, "label": "PERSON",
                      "surface_text": row["surface_text"][rest:], "preposition_before": False})
    gone = pl.DataFrame(replaced, schema={"article_id": pl.String(), "start_char": pl.Int32(),
                                          "end_char": pl.Int32()}, orient="row")
    kept = spans.join(gone, on=["article_id", "start_char", "end_char"], how="anti")
    return pl.concat([kept, pl.DataFrame(added, schema=spans.schema)]).sort(
        "article_id", "start_char", "end_char", maintain_order=True)


def add_nested_mentions(spans: pl.DataFrame, reference: ReferenceData) -> pl.DataFrame:
    """`spans` plus one GPE span for each known place and one ORG span for each known
    organisation nested in an ORG-like span's name (same columns; the new rows carry no
    acronym definition and no speaker mark)."""
    containers = spans.filter(pl.col("label").is_in(sorted(CONTAINER_LABELS | FEATURE_LABELS)))
    rows = []
    for row in containers.iter_rows(named=True):
        surface = row["surface_text"]
        lead = row["label"] not in FEATURE_LABELS
        places = nested_places(surface, reference, lead)
        organisations = nested_organisations(surface, reference) if lead else []
        for (start, end), label in [*((p, "GPE") for p in places),
                                    *((o, "ORG") for o in organisations)]:
            rows.append({
                **row,
                "start_char": row["start_char"] + start,
                "end_char": row["start_char"] + end,
                "surface_text": surface[start:end],
                "label": label,
                **NO_CONTEXT,
            })
    if not rows:
        return spans
    nested = pl.DataFrame(rows, schema=spans.schema)
    existing = spans.select("article_id", "start_char", "end_char")
    nested = nested.join(existing, on=["article_id", "start_char", "end_char"], how="anti")
    return pl.concat([spans, nested]).sort("article_id", "start_char", "end_char",
                                           maintain_order=True)


def without_overlapping_repeats(mentions: pl.DataFrame) -> pl.DataFrame:
    """`mentions` (with `article_id`, `entity_key`, `start_char`, `end_char`) less each one
    that overlaps a longer mention of the same entity (or one as long that starts first),
    in their order: "AP" nested in "AP Photo", "Hamas" in "Hamas government", once the
    container resolved to that organisation too. NER's own spans never overlap, so only a
    nested or added mention is ever dropped."""
    spans = mentions.select("article_id", "entity_key", "start_char", "end_char").with_row_index()
    other = spans.select("article_id", "entity_key", other_index="index",
                         other_start="start_char", other_end="end_char")
    length = pl.col("end_char") - pl.col("start_char")
    other_length = pl.col("other_end") - pl.col("other_start")
    repeats = (spans.join(other, on=["article_id", "entity_key"])
               .filter(pl.col("other_index") != pl.col("index"),
                       pl.col("other_start") < pl.col("end_char"),
                       pl.col("start_char") < pl.col("other_end"),
                       (other_length > length) | ((other_length == length)
                                                  & (pl.col("other_start") < pl.col("start_char"))))
               ["index"].unique())
    if repeats.len() == 0:
        return mentions
    return mentions.filter(~pl.int_range(pl.len(), dtype=pl.UInt32).is_in(repeats.implode()))
