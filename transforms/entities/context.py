"""Rule 0: read each NER span against its article's text, before the name is cleaned.

spaCy sees tokens; the text says more. Per article, from the text alone (pure, no model):
1. a span cut inside a word or at an inner hyphen grows to the whole word ("Anglo" of
   "Anglo-American Corporation" → "Anglo-American", "Hewlett" → "Hewlett-Packard"), a span
   that opens with "Without" or "Sans" takes the capitalised word before it and is an
   organisation ("Reporters Without Borders", "Médecins Sans Frontières"), and
   spans that then overlap become one (the longer one's label wins); a span listing names
   with a spaced slash ("Newsmax / Zogby"), or running over a sentence end after a legal
   form ("Google Inc. Yahoo's"), becomes one span per name;
2. an acronym the text defines, "National Transportation Safety Board (NTSB)" or
   "NTSB (National Transportation Safety Board)", is recorded on the long name's span
   (`defines_acronym`), so every "NTSB" of the article resolves to the long name;
3. the words around a span may overrule its label (`span_cues`): a work's title ("the
   superhero film Watchmen") is a WORK_OF_ART, a currency code or amount ("225 DKK",
   "USD 68.28") MONEY, a time zone after a clock time ("21:00 UTC") TIME; a span right
   after a personal title ("Mr.", "Dr.", "Senator" …) is labelled PERSON and marked
   `person_title` (so no known place's name overrules it: "Senator Jordan"), and
   a span right before a verb of speech ("Mugabe said") is marked `speaker`: the resolver
   makes such a span a person when spaCy called it a place that no gazetteer knows ("Russia
   said" stays a country). The type vote then counts what the context says, not only
   what the model guessed;
4. a one-word name the text also writes in lower case, or an acronym the text defines for a
   common noun ("compact fluorescent lamps (CFLs)"), is marked `lowercase_in_text` (the
   normalizer drops it as a common noun unless something says it is a name);
5. a name right after a capitalised word and "of" records those words (`title_before`):
   spaCy tags the "State" of "Secretary of State" as an organisation, and the cleaner drops
   a name that only completes such a title (`title_only`), while "President of France"
   keeps its France ("Minister for" is recorded too: `names_a_portfolio_after` drops
   "Transport and Regional Services" after it); a name right before an office word records
   it (`title_after`): the portfolio of "Defence Minister", "Home Secretary" or "National
   Security Adviser" is no organisation, while "UN Secretary-General" keeps its UN;
6. a name right after "in", "near" or "outside", or later in a list of names after one
   ("in Paris, Nice and Lyon"), neither possessive nor followed by another capitalised
   word nor after a holding ("shares in Toyota"), is marked `place_preposition`: the
   labels rule makes a known city so written a place where spaCy called it a person ("in
   Darwin", "near Khartoum");
7. a name right after "to", "in", "of", "for" or "at" is marked `preposition_before`: a
   known country that opens a person's span so written is the end of a title, not part of
   the name ("Ambassador to Iraq Ryan C. Crocker", `nested.split_leading_places`);
8. a name followed by a role in apposition ("Per Engebak, UNICEF's regional director,",
   "Julia Langer, director of …") is marked `role_after`: `titled_names` makes an unknown
   name of two to four words so written a person's where spaCy called it something else;
9. a name followed by a comma and another name ("Sun Valley, Idaho") records that name
   (`name_after_comma`): `place_qualifier` writes a town with the state or country so named.
"""

import re

import polars as pl

from newsetl.transforms.entities.clean import DOTTED_LEGAL_FORMS
from newsetl.transforms.entities.shortform import INITIALS_SKIP
from newsetl.transforms.entities.span_cues import label_from_cues
from newsetl.transforms.schemas import NER_SPAN_SCHEMA

# Spans of these labels are names this module may repair or relabel; dates and numbers are
# left exactly as spaCy gave them.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT",
                         "WORK_OF_ART", "LAW", "LANGUAGE"})  # fmt: skip
# Labels whose names are cut at inner hyphens by the tokenizer ("Rolls" of "Rolls-Royce");
# for places and nationalities a hyphen mostly joins two names ("US-Mexico border").
HYPHEN_COMPOUND_LABELS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})

# Titles that, written just before a name, make it a person (the title itself may be outside
# the span: spaCy often leaves "Mr." out).
PERSON_TITLES = frozenset((
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor", "president",
    "senator", "sen", "rep", "representative", "governor", "gov", "mayor", "judge", "justice",
    "minister", "chancellor", "premier", "ambassador", "general", "gen", "colonel", "col",
    "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "admiral", "reverend", "rev",
    "father", "sister", "brother", "pope", "king", "queen", "prince", "princess", "lord",
    "lady", "secretary", "spokesman", "spokeswoman", "chairman", "chairwoman", "coach",
    "detective", "officer", "inspector", "bishop", "archbishop", "cardinal", "rabbi", "imam",
    "sheikh", "ayatollah", "emir", "sultan", "congressman", "congresswoman",
    "cmdr", "cdr", "corporal", "cpl", "pvt", "spc", "pfc", "lieut", "superintendent", "supt",
    "insp", "constable", "councillor", "cllr", "alderman",
))  # fmt: skip
_TITLE_BEFORE = re.compile(r"(?:^|[^\w.])([A-Za-z]+)\.?\s+$")
_SPEECH_AFTER = re.compile(
    r"^\s*,?\s*(?:who\s+)?(?:said|says|told|tells|added|adds|asked|asks|replied|stated|"
    r"explained|recalled|wrote|writes|insisted|testified|admitted|argued)\b"
)
# "in Darwin", "near Khartoum": a preposition of place just before; a possessive or another
# capitalised word after means the name is someone's or part of a longer one ("in Bush's
# speech", "in Kennedy Elementary"), and a holding before "in" means a company ("shares in
# Toyota", "a stake in Halifax").
_PLACE_PREPOSITION_BEFORE = re.compile(
    r"(?:^|[^\w.])(?P<preposition>[Ii]n|[Nn]ear|[Oo]utside)\s+$")
_HOLDING_BEFORE = re.compile(
    r"\b(?:stakes?|shares?|stock|equity|holdings?|interests?|invest(?:ed|ing|ment|ments|s)?)"
    r"\s+$", re.IGNORECASE)
_NOT_PLACE_AFTER = re.compile(r"^(?:['’]s?\b|[ \t]+[A-Z])")
# A later name of a list after such a preposition: "in Paris, Nice and Lyon", "in Beit
# Hanoun, Beit Lahiya, Jabaliya and Rafah". A dot only inside a word ("U.S"), so that no
# list runs over the end of a sentence.
_CAPITALISED_NAME = r"[A-Z](?:[\w'’-]|\.(?=\w))*(?:[ \t]+[A-Z](?:[\w'’-]|\.(?=\w))*)*"
_PLACE_LIST_BEFORE = re.compile(
    rf"(?:^|[^\w.])(?P<preposition>[Ii]n|[Nn]ear|[Oo]utside)\s+{_CAPITALISED_NAME}"
    rf"(?:[ \t]*,[ \t]*{_CAPITALISED_NAME})*(?:[ \t]*,|,?[ \t]+(?:and|or))[ \t]+$")
_PLACE_LIST_REACH = 120  # characters before a name searched for its list's preposition
_PREPOSITION_BEFORE = re.compile(r"(?:^|[^\w.])(?:to|in|of|for|at)\s+$")
_OFFICE_OF_BEFORE = re.compile(r"(?:^|[^\w.])([A-Z][a-z]+ of(?: the)?)\s+$")
# "the Minister for Transport and Regional Services", "EU Commissioner for Enlargement": an
# office written with "for" opens its portfolio (`title_parts.names_a_portfolio_after`).
_OFFICE_FOR_BEFORE = re.compile(
    r"(?:^|[^\w.])((?:[Mm]inister|[Ss]ecretary|[Cc]ommissioner) for)\s+$")
# "Per Engebak, UNICEF's regional director, said": a role in apposition right after a name,
# closed by a comma or followed by "of", "for", "at" or "to" (no verb between: "Kmart, will
# become the chairman of" is no apposition).
_ROLE_AFTER = re.compile(
    r"^[ \t]*,[ \t]*(?:(?!(?:will|would|is|was|are|were|has|had|have|been|become|became|"
    r"becoming|and|or|although|said|says|who|which|while|as|with)\b)[\w'’.-]+[ \t]+){0,4}?"
    r"(?:director|spokes(?:man|woman|person)|minister|president|chair(?:man|woman)?|CEO|"
    r"secretary|ambassador|governor|mayor|leader|head|(?:co-)?founder|professor|lawyer|"
    r"attorney|editor|analyst|manager|commander|coordinator|representative|senator|"
    r"deputy|chief|officer|adviser|advisor|researcher|economist)"
    r"(?:[ \t]*,|[ \t]+(?:of|for|at|to)\b)")
_OFFICE_AFTER = re.compile(r"^[ \t]*-?[ \t]*(Minister|Secretary|Adviser|Advisor)s?\b")
_ACRONYM_AFTER = re.compile(r"^\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")  # 2 to 10 characters
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_ACRONYM_IN_TEXT = re.compile(r"\(\s*([A-Z]{2,6}s?)\s*\)")
_LONG_NAME_AFTER = re.compile(r"^\s*\(\s*([^()]{4,120}?)\s*\)")
# Words an acronym may skip: the initials' function words, and a few more a definition in
# running text has ("Department of State (DoS)", "Ministry for the Arts").
_SKIP_WORDS = INITIALS_SKIP | {"at", "to", "a", "an", "der", "von"}


# "Bourg-la-Reine", "Stratford-upon-Avon", "Morne-à-l'Eau": a place name whose parts a
# lower-case particle joins is one name, whatever its label.
_PARTICLE_COMPOUND = re.compile(
    r"[-‐](?:la|le|les|de|du|des|sur|sous|en|à|aux|lès|upon|on|am|an|der|di|del)[-‐]"
    r"(?:[ld]['’])?[A-ZÀ-Þ][\w'’]*"
)


def _word_end(text: str, end: int, compound: bool) -> int:
    """The end of the word (or capitalised hyphen compound) a span stops inside of."""
    while end < len(text) and text[end].isalnum() and end > 0 and text[end - 1].isalnum():
        end += 1
    while end > 0 and text[end - 1].isalpha() and (joined := _PARTICLE_COMPOUND.match(text, end)):
        end = joined.end()
    while (compound and end + 1 < len(text) and text[end] in "-‐" and text[end + 1].isupper()
           and end > 0 and text[end - 1].isalpha()):  # fmt: skip
        end += 1
        while end < len(text) and (text[end].isalnum() or text[end] in "'’"):
            end += 1
    return end


def _word_start(text: str, start: int, compound: bool) -> int:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while (compound and start > 1 and text[start - 1] in "-‐" and text[start - 2].isalpha()
           and text[start].isupper()):  # fmt: skip
        first = start - 1
        while first > 0 and text[first - 1].isalnum():
            first -= 1
        if not text[first].isupper():
            break  # "pro-Russian", "anti-Israel": a lower-case prefix is no part of the name
        start = first
    return start


def _is_acronym_of(acronym: str, name: str) -> bool:
    """The acronym's capitals are the initials of the name's words, in order (function
    words may be skipped or not: "NTSB", "BoE", "DoD")."""
    letters = [ch for ch in acronym if ch.isupper()]
    words = [w for w in re.split(r"[\s\-‐/]+", name) if w and w[0].isalpha()]
    if len(letters) < 2 or not words or letters[0] != words[0][0].upper():
        return False
    i = 0
    for word in words:
        if i < len(letters) and word[0].upper() == letters[i]:
            i += 1
        elif word.lower() not in _SKIP_WORDS:
            return False
    return i == len(letters)


def _merge(rows: list[dict]) -> list[dict]:
    """Overlapping spans of one article become one; the longer original's label wins."""
    rows.sort(key=lambda r: (r["start_char"], -r["end_char"]))
    merged: list[dict] = []
    for row in rows:
        last = merged[-1] if merged else None
        if last is not None and row["start_char"] < last["end_char"]:
            if row["_length"] > last["_length"]:
                last["label"], last["_length"] = row["label"], row["_length"]
            last["end_char"] = max(last["end_char"], row["end_char"])
            continue
        merged.append(row)
    return merged


def _common_noun_acronyms(text: str) -> set[str]:
    """Acronyms the text defines for a common noun, "compact fluorescent lamps (CFLs)",
    "a remotely operated vehicle (ROV)": they name no organisation, whatever spaCy says."""
    found = set()
    for match in _ACRONYM_IN_TEXT.finditer(text):
        acronym = match.group(1).removesuffix("s")
        words = text[max(0, match.start() - 120):match.start()].split()
        for size in range(len(acronym), min(len(words), 2 * len(acronym)) + 1):
            phrase = " ".join(words[-size:])
            lower = not any(w[:1].isupper() for w in phrase.split()[1:])  # first: a sentence's
            if lower and _is_acronym_of(acronym, phrase.title()):
                found.add(acronym)
                break
    return found


# A spaced slash, a line break, or a sentence end after an abbreviated legal form ("the
# search engine Google Inc. Yahoo's technology …"; not "Warner Bros. Entertainment").
_LIST_SEPARATOR = re.compile(
    r" / |\s*\n\s*|(?:" + "|".join(rf"(?<=\b{form}\.)" for form in DOTTED_LEGAL_FORMS)
    + r")\s+(?=[A-Z])")


def _split_lists(row: dict, text: str) -> list[dict]:
    """ "Newsmax / Zogby": two names the text lists with a spaced slash are two spans; so are
    the parts of a span that runs over a line break ("Pride and Prejudice\n\nChristie", a
    heading or caption and the next line): no name spans two lines, and a one-word line is a
    heading, not a name. So too the parts of a span that runs over a sentence end after a
    company's abbreviated legal form ("Google Inc. Yahoo's": "Google Inc.", "Yahoo's")."""
    start, end = row["start_char"], row["end_char"]
    surface = text[start:end]
    if _LIST_SEPARATOR.search(surface) is None:
        return [row]
    parts, offset = [], start
    for piece in _LIST_SEPARATOR.split(surface):
        stripped = piece.strip()
        first = text.index(piece, offset)
        if stripped:
            first += piece.index(stripped)
            if not _is_heading(text, first, first + len(stripped)):
                parts.append({**row, "start_char": first, "end_char": first + len(stripped)})
        offset = first + len(stripped)
    return parts


def _is_heading(text: str, start: int, end: int) -> bool:
    """ "Introduction", "Respect": one word alone on its line, a section heading that NER
    ran into the next line; no name."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    return line == text[start:end] and " " not in line


def _after_place_preposition(text: str, start: int, after: str) -> bool:
    """"in", "near" or "outside" just before the name, or before the list it ends, and no
    holding before that ("shares in Toyota and Honda")."""
    if _NOT_PLACE_AFTER.match(after):
        return False
    found = (_PLACE_PREPOSITION_BEFORE.search(text, max(0, start - 40), start)
             or _PLACE_LIST_BEFORE.search(text, max(0, start - _PLACE_LIST_REACH), start))
    return found is not None and not _HOLDING_BEFORE.search(
        text, max(0, found.start("preposition") - 40), found.start("preposition"))


# "Reporters | Without Borders", "Médecins | Sans Frontières": spaCy starts the name at its
# preposition; the capitalised word before it is the name's first, and such a name is a
# body's (never a person's or a place's).
_CUT_BEFORE_PREPOSITION = re.compile(r"(?:Without|Sans) ")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])[A-ZÀ-Þ][\w'’-]* $")
CUT_NAME_RETYPED_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP"})


def _name_cut_at_preposition(row: dict, text: str) -> None:
    """Extend a span that opens with "Without" or "Sans" over the capitalised word before it,
    and make it an organisation."""
    start = row["start_char"]
    if not _CUT_BEFORE_PREPOSITION.match(text, start):
        return
    word = _WORD_BEFORE.search(text[max(0, start - 40):start])
    if word is not None:
        row["start_char"] = start - (len(word.group(0)))
        if row["label"] in CUT_NAME_RETYPED_LABELS:
            row["label"] = "ORG"


def _article_rows(rows: list[dict], text: str) -> list[dict]:
    names, others = [], []
    for row in rows:
        (names if row["label"] in NAME_LABELS else others).append(row)
    for row in names:
        row["_length"] = row["end_char"] - row["start_char"]
        compound = row["label"] in HYPHEN_COMPOUND_LABELS
        row["start_char"] = _word_start(text, row["start_char"], compound)
        row["end_char"] = _word_end(text, row["end_char"], compound)
        _name_cut_at_preposition(row, text)
    names = [part for row in _merge(names) for part in _split_lists(row, text)]
    by_text = {}
    lower_words = set(_LOWER_WORD.findall(text))  # once per article, not once per span
    for row in names:
        start, end = row["start_char"], row["end_char"]
        row["surface_text"] = text[start:end]
        by_text.setdefault(row["surface_text"], row)
        row["defines_acronym"] = None
        after = text[end:end + 140]
        row["speaker"] = bool(_SPEECH_AFTER.match(after))
        word = row["surface_text"]
        row["lowercase_in_text"] = (
            word.isalpha() and word[:1].isupper() and word[1:].islower()
            and word.lower() in lower_words
        )
        before = text[max(0, start - 40):start]
        office = _OFFICE_OF_BEFORE.search(before) or _OFFICE_FOR_BEFORE.search(before)
        row["title_before"] = office.group(1) if office else None
        office = _OFFICE_AFTER.match(after)
        row["title_after"] = office.group(1) if office else None
        title = _TITLE_BEFORE.search(before)
        row["person_title"] = bool(title and title.group(1).lower() in PERSON_TITLES)
        row["place_preposition"] = _after_place_preposition(text, start, after)
        row["preposition_before"] = bool(_PREPOSITION_BEFORE.search(before))
        row["role_after"] = bool(_ROLE_AFTER.match(after))
        cue_label = label_from_cues(row["label"], word, before, after)
        if cue_label is not None:
            row["label"] = cue_label
        elif row["person_title"] and row["label"] != "PERSON":
            row["label"] = "PERSON"
        acronym = _ACRONYM_AFTER.match(after)
        if acronym and _is_acronym_of(acronym.group(1), row["surface_text"]):
            row["defines_acronym"] = acronym.group(1).replace(".", "")
    codes = {row["surface_text"] for row in names if row["label"] == "MONEY"}
    for row in names:  # "at? DKK;": a code the article writes after an amount is one anywhere
        if row["surface_text"] in codes:
            row["label"] = "MONEY"
    common = _common_noun_acronyms(text)
    for row in names:
        if row["surface_text"].removesuffix("s") in common:
            row["lowercase_in_text"] = True
    for row in names:  # "NTSB (National Transportation Safety Board)"
        long_name = _LONG_NAME_AFTER.match(text[row["end_char"]:row["end_char"] + 140])
        if long_name and long_name.group(1) in by_text:
            target = by_text[long_name.group(1)]
            if target["defines_acronym"] is None and _is_acronym_of(row["surface_text"],
                                                                    target["surface_text"]):
                target["defines_acronym"] = row["surface_text"].replace(".", "")
    by_start = {row["start_char"]: row["surface_text"] for row in names}
    for row in names:
        after_comma = row["end_char"] + 2  # ", " and nothing else between the two names
        row["name_after_comma"] = (by_start.get(after_comma)
                                   if text[row["end_char"]:after_comma] == ", " else None)
    for row in others:
        row.update(NO_CONTEXT)
    return sorted(names + others, key=lambda r: (r["start_char"], r["end_char"]))


SPAN_CONTEXT_SCHEMA: dict[str, pl.DataType] = {
    **NER_SPAN_SCHEMA,
    "defines_acronym": pl.String(),  # the acronym the text defines for this name, if any
    "speaker": pl.Boolean(),  # a verb of speech follows ("… said")
    "lowercase_in_text": pl.Boolean(),  # one capitalised word the text also writes in lower case
    "title_before": pl.String(),  # "Secretary of": a capitalised word and "of" just before
    "title_after": pl.String(),  # "Minister": an office word just after ("Defence Minister")
    "person_title": pl.Boolean(),  # a personal title just before ("Senator Jordan")
    "place_preposition": pl.Boolean(),  # "in", "near" or "outside" just before ("in Darwin")
    "preposition_before": pl.Boolean(),  # "to", "in", "of", "for" or "at" just before
    "role_after": pl.Boolean(),  # a role in apposition just after (", head of UNICEF,")
    "name_after_comma": pl.String(),  # the name after ", " ("Idaho" of "Sun Valley, Idaho")
}
# The context columns of a span read without context (no text, or a span a rule added), in
# schema order: `(*ner_row, *NO_CONTEXT.values())` is a SPAN_CONTEXT_SCHEMA row.
NO_CONTEXT = {"defines_acronym": None, "speaker": False, "lowercase_in_text": False,
              "title_before": None, "title_after": None, "person_title": False,
              "place_preposition": False, "preposition_before": False, "role_after": False,
              "name_after_comma": None}


def read_spans_in_context(spans: pl.DataFrame, texts: pl.DataFrame) -> pl.DataFrame:
    """NER spans (NER_SPAN_SCHEMA) repaired and relabelled against `texts`
    (`article_id`, `text`); SPAN_CONTEXT_SCHEMA out. Spans of an article without text pass
    through unchanged."""
    text_of = dict(zip(texts["article_id"], texts["text"], strict=True))
    columns = {name: spans[name].to_list() for name in NER_SPAN_SCHEMA}
    rows_of: dict[str, list[dict]] = {}
    for i, article_id in enumerate(columns["article_id"]):
        rows_of.setdefault(article_id, []).append({k: v[i] for k, v in columns.items()})
    out: list[dict] = []
    for article_id, rows in rows_of.items():
        text = text_of.get(article_id)
        if text is None:
            out += [{**row, **NO_CONTEXT} for row in rows]
        else:
            out += _article_rows(rows, text)
    return pl.DataFrame(
        {name: [row[name] for row in out] for name in SPAN_CONTEXT_SCHEMA},
        schema=SPAN_CONTEXT_SCHEMA,
    )
