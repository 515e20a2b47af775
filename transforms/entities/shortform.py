"""Rule: within one article, short forms resolve to the full name mentioned there.

People: full names (PERSON, two or more name parts) are clustered — a shorter full name that
is a short form of a longer one, or a misspelling of it (`fuzzy.person_score`), joins
it; a name that could join two clusters starts its own. The cluster's name is its longest
member, with the family name spelled as most of its mentions spell it ("Recep Tayyip Edrogan"
once and "Erdogan" four times give "Recep Tayyip Erdogan"), or its given and family name
alone where the article writes that at least as often as the longest with whole middle
names ("Matthew William Goode" once and "Matthew Goode" once give "Matthew Goode").
Then single names join the one cluster they are a short form of; when labelled PERSON at
least once, also the one cluster whose given name they are ("Saddam") or misspell (family
or given name, `fuzzy`).
Acronyms: an upper-case name whose letters are the initials of exactly one longer
non-person name in the article resolves to it.
Head words: an organisation's generic head word alone ("the Commission", "the Court", "the
Times") resolves to the one longer name of the article with that head ("European
Commission", "Court of Appeal", "The New York Times"); so does a name that ends in such a
head and is all of a longer name before its preposition ("Reserve Bank" of "Reserve Bank of
Australia") or its last words ("Study Group" of "Iraq Study Group", "Security Council" of
"UN Security Council"; not for a party, a house, a court or a bank); with two or none it
stays as it is.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from newsetl.transforms.entities.events import before_first_preposition
from newsetl.transforms.entities.fuzzy import given_name_score, person_score
from newsetl.transforms.entities.keys import name_identity
from newsetl.transforms.entities.names import (
    core_tokens,
    family_token,
    full_name_tokens,
    is_given_name_form,
    is_short_form,
    suffixes_conflict,
)
from newsetl.transforms.entities.principal import principal

INITIALS_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "du", "des", "&"})

# Head words that name an organisation's kind: alone, after its full name, they are that
# organisation. Not "State" ("Secretary of State", "State of Palestine").
ORGANISATION_HEADS = frozenset((
    "academy", "administration", "agency", "army", "assembly", "association", "authority",
    "bank", "board", "bureau", "cabinet", "church", "coalition", "college", "commission",
    "committee", "company", "conference", "congress", "corporation", "council", "court",
    "department", "federation", "foundation", "government", "group", "guard", "herald",
    "house", "institute", "journal", "league", "legislature", "ministry", "navy", "parliament",
    "party", "police", "post", "secretariat", "senate", "service", "society", "times",
    "tribunal", "union", "university",
))  # fmt: skip
# A head that names a building as well as a body ("White House", "Opera House") stands for
# the body only in a name that goes on with a preposition ("House of Commons").
HEADS_BEFORE_PREPOSITION = frozenset(("house",))
# Heads whose longer names are other bodies more often than the same one: "Social Democratic
# Party" is not "the Democratic Party", a province's "Liberal Party" not the country's; "This
# White House" is a book; a state's "Supreme Court" not the country's; Australia's "Reserve
# Bank" not the "Federal Reserve Bank".
_NO_TAIL_HEADS = frozenset(("party", "house", "court", "bank"))
_LIST = re.compile(r" (?:and|&) ")  # "Common Council and Planning Board": two bodies
_WORD_IN_CAPITALS = re.compile(r"^[A-Z][A-Z'’.-]*$")


@dataclass
class _Cluster:
    head: str
    members: dict[str, float | None] = field(default_factory=dict)  # name → fuzzy score


@dataclass(frozen=True)
class Candidate:
    """A distinct cleaned name of one article that may be part of a person's name."""

    name: str
    mentions: int
    is_person: bool  # labelled PERSON at least once
    may_join: bool  # no strong reference name claims it
    first_mention: int | None = None  # its first mention's place in the article, if known


def _of_namesakes(name: str, clusters: list[_Cluster]) -> bool:
    """`name` is a bare family name that full names a generational suffix tells apart share
    ("Gore" of "Al Gore" and "Albert Gore III", his son): either may be meant."""
    core = core_tokens(name)
    if len(core) != 1:
        return False
    sharers = [c.head for c in clusters if full_name_tokens(c.head)[-1:] == core]
    return any(suffixes_conflict(a, b) for a, b in combinations(sharers, 2))


def _join(name: str, clusters: list[_Cluster], fuzzy: bool,
          first: dict[str, int | None] | None = None) -> _Cluster | None:
    """The one cluster `name` belongs to; tests in order, the first that matches decides.
    A bare family name several clusters share goes to the one named first (`principal`),
    unless a generational suffix tells them apart (`_of_namesakes`)."""
    if _of_namesakes(name, clusters):
        return None
    tests = [is_short_form]
    if fuzzy:  # labelled PERSON: its given name alone, or a misspelling, may name it
        tests += [
            is_given_name_form,
            lambda n, h: person_score(n, h) is not None,
            lambda n, h: given_name_score(n, h) is not None,
        ]
    for test in tests:
        found = [c for c in clusters if test(name, c.head)]
        if len(found) == 1:
            return found[0]
        if found:
            if test is not is_short_form or first is None or len(core_tokens(name)) != 1:
                return None
            index = principal(first.get(name), [_first_of(c, first) for c in found])
            return found[index] if index is not None else None
    return None


def _first_of(cluster: _Cluster, first: dict[str, int | None]) -> int | None:
    seen = [first.get(n) for n in (cluster.head, *cluster.members)]
    known = [f for f in seen if f is not None]
    return min(known) if known else None


def _adds_middle_names(longer: str, shorter: str) -> bool:
    """`longer` is `shorter`, a given and a family name, with whole middle names between
    them ("Matthew William Goode" of "Matthew Goode"; not "George W. Bush" of "George Bush",
    whose initial is part of how he is named)."""
    long_words, short_words = longer.split(), shorter.split()
    return (len(short_words) == 2 and len(long_words) > 2
            and (long_words[0], long_words[-1]) == (short_words[0], short_words[-1])
            and all(len(w.strip(".")) > 1 and w[:1].isupper() for w in long_words[1:-1]))


def _common_name(cluster: _Cluster, counts: Counter) -> _Cluster:
    """The cluster named by its given and family name alone where the article writes that
    at least as often as the name with middle names: how the person is commonly known, and
    how an encyclopedia titles them ("Matthew Goode", "Hugo Chávez")."""
    common = [name for name in cluster.members if _adds_middle_names(cluster.head, name)
              and counts[name] >= counts[cluster.head]]
    if not common:
        return cluster
    head = max(common, key=lambda name: (counts[name], name))
    members = {name: score for name, score in cluster.members.items() if name != head}
    return _Cluster(head, {cluster.head: None, **members})


def _canonical(cluster: _Cluster, counts: Counter) -> str:
    return _in_text_case(_respelled(cluster, counts), [cluster.head, *cluster.members])


def _in_text_case(name: str, spellings: list[str]) -> str:
    """A name in capitals only (a headline's or a signature's "GEORGE W. BUSH") with its
    words as the article's other spellings write them ("Bush"), else in title case."""
    words = name.split()
    if not name.isupper() or not all(_WORD_IN_CAPITALS.match(w) for w in words) or max(
            len(w) for w in words) < 4:
        return name  # "CDU/CSU", "MG-75": acronyms and codes keep their capitals
    written = {w.casefold(): w for s in spellings for w in s.split() if not w.isupper()}
    return " ".join(written.get(w.casefold()) or (w if len(w.strip(".")) <= 1 else w.title())
                    for w in words)


def _respelled(cluster: _Cluster, counts: Counter) -> str:
    head_family = family_token(cluster.head)
    votes: Counter = Counter()
    for name in (cluster.head, *cluster.members):
        votes[family_token(name)] += counts[name]
    best = max(votes.items(), key=lambda kv: (kv[1], kv[0] == head_family, kv[0]))[0]
    best_core, head_core = core_tokens(best), core_tokens(head_family)
    if len(best_core) != len(head_core) or best_core == head_core:
        return cluster.head  # only a misspelling is repaired, not "Mor-Yosef" → "Yosef"
    if person_score(best, head_family) is None:
        return cluster.head
    tokens = cluster.head.split()
    index = len(tokens) - 1 - tokens[::-1].index(head_family)
    return " ".join([*tokens[:index], best, *tokens[index + 1 :]])


def _rule(name: str, canonical: str, joined_score: float | None) -> tuple[str | None, float | None]:
    if name == canonical:
        return None, None
    if (is_short_form(name, canonical) or is_given_name_form(name, canonical)
            or _adds_middle_names(name, canonical)):
        return "short_form", None
    score = person_score(name, canonical) or given_name_score(name, canonical)
    return "fuzzy", score if score is not None else joined_score


def resolve_people(candidates: list[Candidate]) -> dict[str, tuple[str, str | None, float | None]]:
    """name → (canonical name, rule or None when it is the name itself, fuzzy score)."""
    counts = Counter({c.name: c.mentions for c in candidates})
    first = {c.name: c.first_mention for c in candidates}
    full = [c for c in candidates
            if c.is_person and c.may_join and len(full_name_tokens(c.name)) > 1]
    full.sort(key=lambda c: (-len(core_tokens(c.name)), -len(c.name), -c.mentions, c.name))
    clusters: list[_Cluster] = []
    for cand in full:
        target = _join(cand.name, clusters, fuzzy=True)
        if target is None:
            clusters.append(_Cluster(cand.name))
        else:
            target.members[cand.name] = person_score(cand.name, target.head)
    heads = {c.head for c in clusters} | {m for c in clusters for m in c.members}
    singles = [c for c in candidates if c.may_join and c.name not in heads]
    for cand in (c for c in singles if c.is_person):
        target = _join(cand.name, clusters, fuzzy=True, first=first)
        if target is not None:
            target.members[cand.name] = person_score(cand.name, target.head)
    resolved: dict[str, tuple[str, str | None, float | None]] = {}
    clusters = [_common_name(cluster, counts) for cluster in clusters]
    for cluster in clusters:
        canonical = _canonical(cluster, counts)
        for name, score in [(cluster.head, None), *cluster.members.items()]:
            resolved[name] = (canonical, *_rule(name, canonical, score))
    by_canonical = {name: _Cluster(name) for name in dict.fromkeys(v[0] for v in resolved.values())}
    for name, (canonical, _, _) in resolved.items():
        by_canonical[canonical].members[name] = None
    canonicals = list(by_canonical.values())
    for cand in (c for c in singles if not c.is_person and c.name not in resolved):
        target = _join(cand.name, canonicals, fuzzy=False, first=first)
        if target is not None:
            resolved[cand.name] = (target.head, "short_form", None)
    return resolved


def initials(name: str, function_words: bool = False) -> str:
    """Upper-case initials of a name's words, skipping function words unless asked."""
    words = [w for w in name.replace("-", " ").split() if w[0].isalpha()]
    if not function_words:
        words = [w for w in words if w.lower() not in INITIALS_SKIP]
    return "".join(w[0] for w in words).upper()


def resolve_acronym(name: str, others: list[str]) -> str | None:
    """The one longer name in the article `name` abbreviates, if `name` is an acronym
    ("IMF", "U.N.", "BoE": initials without or with the function words); of its spellings
    with one key, the first in code-point order."""
    compact = name.replace(".", "")
    capitals = sum(ch.isupper() for ch in compact)
    if not (2 <= len(compact) <= 8 and compact.isalpha() and capitals >= 2):
        return None
    upper = compact.upper()
    found = {
        o
        for o in others
        if len(o.split()) >= 2 and upper in (initials(o), initials(o, function_words=True))
    }
    # Spellings of one name ("Bloc Quebecois", "Bloc Québécois") are one longer name.
    return min(found) if len({name_identity(o) for o in found}) == 1 else None


def head_word(name: str) -> tuple[str, bool]:
    """The folded head word of a name (the word before its first lower-case preposition,
    else its last word) and whether a preposition follows it."""
    before, has_preposition = before_first_preposition(name)
    words = before.split()
    return (words[-1].casefold() if words else ""), has_preposition


def is_head_word(name: str) -> bool:
    """`name` is one organisation head word ("Commission")."""
    return " " not in name and name.casefold() in ORGANISATION_HEADS


def ends_in_head_word(name: str) -> bool:
    """`name` is several words, the last an organisation head word, and no preposition
    ("Reserve Bank", "Conservative Party")."""
    words = name.split()
    return (len(words) >= 2 and words[-1].casefold() in ORGANISATION_HEADS
            and not before_first_preposition(name)[1])


def stands_for(name: str, other: str) -> bool:
    """`name` may stand for the longer name `other`: it is its organisation head word alone
    ("Commission" of "European Commission"; "House" only of a name that goes on with a
    preposition), or all of it before its preposition ("Reserve Bank" of "Reserve Bank of
    Australia")."""
    test = _stands_for_test(name)
    return test is not None and test(other)


def _stands_for_test(name: str) -> Callable[[str], bool] | None:
    """`stands_for(name, ·)`, with what depends on `name` alone worked out once."""
    if is_head_word(name):
        word = name.casefold()

        def head_of(other: str) -> bool:
            head, before_preposition = head_word(other)
            return head == word and (before_preposition or word not in HEADS_BEFORE_PREPOSITION)
        test = head_of
    elif ends_in_head_word(name):
        tail = f" {name}" if name.rsplit(" ", 1)[1].casefold() not in _NO_TAIL_HEADS else None

        def before_preposition_or_tail_of(other: str) -> bool:
            before, has_preposition = before_first_preposition(other)
            if has_preposition:
                return before == name
            return tail is not None and other.endswith(tail) and not _LIST.search(other)
        test = before_preposition_or_tail_of
    else:
        return None
    return lambda other: " " in other.strip() and other != name and test(other)


def resolve_head_word(name: str, others: dict[str, str]) -> str | None:
    """The one longer name in the article (`others`: name → its canonical name) that `name`
    stands for (`stands_for`), if exactly one canonical name has it."""
    test = _stands_for_test(name)
    if test is None:
        return None
    found = {}
    for other, canonical in others.items():
        if test(other):
            found.setdefault(canonical, other)
    return next(iter(found.values())) if len(found) == 1 else None
