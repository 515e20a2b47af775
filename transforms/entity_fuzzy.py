"""Rule: misspellings merge with a close known name of the same kind (rapidfuzz).

Guardrails, so that distinct people and places stay apart:
- people: family names score ≥ FAMILY_MIN_SCORE (`fuzz.ratio`, 0–100), start with the same
  letter and are ≥ MIN_FAMILY_CHARS long; when both names have given names, the first ones
  agree (equal, an initial of the other, or ≥ FAMILY_MIN_SCORE);
- reference names (countries, organisations, regions, demonyms): the whole folded name
  scores ≥ REFERENCE_MIN_SCORE, is ≥ 6 characters and starts with the same letter.
"""

from newsetl.transforms.entity_names import core_tokens
from newsetl.transforms.entity_reference import ReferenceData, RefHit, fold
from rapidfuzz import fuzz, process

FAMILY_MIN_SCORE = 85.0
MIN_FAMILY_CHARS = 4
REFERENCE_MIN_SCORE = 90.0


def _given_names_agree(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
        return True
    return fuzz.ratio(x, y) >= FAMILY_MIN_SCORE


def person_score(name: str, other: str) -> float | None:
    """Similarity of two personal names' family names when the guardrails let them merge."""
    a, b = core_tokens(name), core_tokens(other)
    if not a or not b:
        return None
    family_a, family_b = a[-1], b[-1]
    if min(len(family_a), len(family_b)) < MIN_FAMILY_CHARS or family_a[0] != family_b[0]:
        return None
    score = fuzz.ratio(family_a, family_b)
    if score < FAMILY_MIN_SCORE or not _given_names_agree(a[:-1], b[:-1]):
        return None
    return round(score, 2)


def reference_match(name: str, reference: ReferenceData) -> tuple[RefHit, float] | None:
    """The strong reference name `name` misspells, with its score, if any."""
    folded = fold(name)
    if len(folded) < 6 or not reference.fuzzy_names:
        return None
    found = process.extractOne(
        folded, reference.fuzzy_names, scorer=fuzz.ratio, score_cutoff=REFERENCE_MIN_SCORE
    )
    if found is None or found[0][0] != folded[0]:
        return None
    hit = reference.name_index[found[0]]
    return hit._replace(match_rule="fuzzy"), round(found[1], 2)
