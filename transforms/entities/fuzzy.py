"""Rule: misspellings merge with a close known name of the same kind (rapidfuzz).

Guardrails, so that distinct people and places stay apart:
- people: family names score ≥ FAMILY_MIN_SCORE (`fuzz.ratio`, 0–100), start with the same
  letter and are ≥ MIN_FAMILY_CHARS long; when both names have given names, the first ones
  agree (equal, an initial of the other, or ≥ FAMILY_MIN_SCORE) and so does every other
  given name of the shorter; generational suffixes do not conflict ("King" ≠ "King III");
- a lone name may also misspell the given name of a full name ("Sadam", same thresholds);
- reference names (countries, organisations, regions, demonyms): the whole folded name
  scores ≥ REFERENCE_MIN_SCORE, is ≥ 6 characters (≥ MIN_ORG_CHARS for organisations),
  starts with the same letter, is of a class the mention's label allows, and is not the
  other's prefix (an inflection: "Balkan", "Supreme Courts"; but an organisation's last word
  may be spelt longer: "World Food Program").
"""

from rapidfuzz import fuzz, process

from newsetl.transforms.entities.names import core_tokens, initials_conflict, suffixes_conflict
from newsetl.transforms.entities.reference import STRONG_CLASSES, ReferenceData, RefHit, fold

FAMILY_MIN_SCORE = 85.0
MIN_FAMILY_CHARS = 4
REFERENCE_MIN_SCORE = 92.0
MIN_ORG_CHARS = 14  # "Labor Party" (Australia) is not a misspelling of "Labour Party" (UK)
# Which reference classes a mention of each spaCy label may be a misspelling of.
LABEL_CLASSES: dict[str, set[str]] = {
    "GPE": {"country", "region"},
    "LOC": {"country", "region"},
    "ORG": {"org"},
    "NORP": {"demonym"},
}


def _agree(x: str, y: str) -> bool:
    if x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
        return True
    return fuzz.ratio(x, y) >= FAMILY_MIN_SCORE


def _given_names_agree(a: list[str], b: list[str]) -> bool:
    """First given names agree, and every other given name of the shorter has a match; an
    initial the one at its own place ("George W. Bush" is not "George Herbert Walker Bush",
    whose second given name is Herbert: that is "George H. W. Bush")."""
    if not a or not b:
        return True
    short, long = sorted((a, b), key=len)
    return _agree(a[0], b[0]) and all(
        _agree(x, long[i]) if len(x) == 1 else any(_agree(x, y) for y in long)
        for i, x in enumerate(short[1:], start=1))


def _token_score(a: str, b: str) -> float | None:
    if min(len(a), len(b)) < MIN_FAMILY_CHARS or a[0] != b[0]:
        return None
    score = fuzz.ratio(a, b)
    return round(score, 2) if score >= FAMILY_MIN_SCORE else None


def person_score(name: str, other: str) -> float | None:
    """Similarity of two personal names' family names when the guardrails let them merge."""
    a, b = core_tokens(name), core_tokens(other)
    if not a or not b or not _given_names_agree(a[:-1], b[:-1]):
        return None
    if suffixes_conflict(name, other) or initials_conflict(a, b):
        return None
    return _token_score(a[-1], b[-1])


def given_name_score(name: str, full: str) -> float | None:
    """Similarity of a lone name to the given name of a full name ("Sadam", "Saddam Hussein")."""
    a, b = core_tokens(name), core_tokens(full)
    if len(a) != 1 or len(b) < 2:
        return None
    return _token_score(a[0], b[0])


def _inflection(a: str, b: str, entity_class: str) -> bool:
    """One folded name is the other's prefix, or the same: "Balkan" of "Balkans", "Supreme
    Courts" of "Supreme Court", "Democratic Party" of "Democratic Party of Japan". Not so
    an organisation's last word in another spelling that is no plural ("World Food
    Program", "World Food Programme")."""
    short, long = sorted((a, b), key=len)
    if not long.startswith(short):
        return False
    rest = long[len(short):]
    # equal is no misspelling either: the exact lookup, and the rules after it, decided
    return entity_class != "org" or rest in ("", "s", "es") or " " in rest


def reference_match(
    name: str, labels: set[str], reference: ReferenceData
) -> tuple[RefHit, float] | None:
    """The strong reference name `name` misspells, with its score, if any. Only names labelled
    as a kind the target can be; an inflection of a place or a people ("Balkan"/"Balkans")
    is not a misspelling."""
    classes = frozenset().union(*(LABEL_CLASSES.get(label, ()) for label in labels))
    folded = fold(name)
    choices = reference.fuzzy_choices.get(classes & STRONG_CLASSES)
    if len(folded) < 6 or not choices:
        return None
    found = process.extractOne(folded, choices, scorer=fuzz.ratio, score_cutoff=REFERENCE_MIN_SCORE)
    if found is None or found[0][0] != folded[0]:
        return None
    hit = reference.name_index[found[0]]
    if hit.entity_class == "org" and len(folded) < MIN_ORG_CHARS:
        return None
    if _inflection(folded, found[0], hit.entity_class):
        return None
    return hit._replace(match_rule="fuzzy"), round(found[1], 2)
