"""Rule 7b of `labels`: an acronym is what it stands for, whatever spaCy called it.

spaCy's small model labels a word in capitals almost at random ("JEM" PERSON, "NSW" ORG,
"AU" NORP). After resolution the article says what each acronym stands for: its long name
in the text, or the reference data's entry.
"""

from collections import Counter
from collections.abc import Sequence

from newsetl.transforms.entities.gazetteer import Gazetteer
from newsetl.transforms.entities.labels import KNOWN_PLACE_CLASSES
from newsetl.transforms.entities.reference import ReferenceData, fold, lookup_known
from newsetl.transforms.entities.schemas import PLACE_LABELS

# Labels this rule corrects: spaCy's guesses for an acronym in capitals, which it often calls a
# person, a place or a group.
_ACRONYM_GUESS_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP", "PRODUCT",
                                   "WORK_OF_ART"})


def acronym_kinds(names: Sequence[str], labels: Sequence[str],
                  resolutions: Sequence[tuple[str, str | None]],
                  reference: ReferenceData) -> list[str]:
    """Rule 7b: the labels of one article's mentions (cleaned name, corrected label, and the
    (canonical name, rule) it resolved to), with each acronym labelled as what it stands
    for: a country or a region the reference data knows is a place ("NSW", "ACT": GPE),
    an organisation the article writes out an organisation ("JEM" of "the Justice and
    Equality Movement", "NRA" of "the National Rifle Association": ORG, when most
    mentions of the long name are ORG; a US state's code labelled a place stays one)."""
    spelled_out: dict[str, Counter] = {}
    for label, (canonical, rule) in zip(labels, resolutions, strict=True):
        if rule != "acronym":
            spelled_out.setdefault(canonical, Counter())[label] += 1
    gazetteer = reference.gazetteer or Gazetteer()
    state_codes = set(gazetteer.state_codes.values())

    def kind(name: str, label: str, canonical: str, rule: str | None) -> str:
        if rule != "acronym" or label not in _ACRONYM_GUESS_LABELS | {"ORG"}:
            return label
        known = lookup_known(reference, canonical)
        if label not in PLACE_LABELS and (fold(canonical) in gazetteer.regions or (
                known is not None and known.entity_class in KNOWN_PLACE_CLASSES)):
            return "GPE"
        counts = spelled_out.get(canonical, Counter())
        if (label != "ORG" and 2 * counts["ORG"] > counts.total()
                and not (label in PLACE_LABELS and name in state_codes)):
            return "ORG"
        return label

    return [kind(name, label, canonical, rule)
            for name, label, (canonical, rule) in zip(names, labels, resolutions, strict=True)]
