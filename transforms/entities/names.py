"""Parts of a personal name, as the short-form and fuzzy rules compare them."""

import functools
from collections.abc import Sequence

from newsetl.transforms.entities.reference import fold

# Name particles: not a given or family name on their own ("el-Sissi" ~ "Sissi").
PARTICLES = frozenset((
    "al", "el", "ad", "as", "ash", "at", "an", "bin", "ibn", "bint", "abu", "ben", "de",
    "del", "della", "der", "di", "da", "dos", "du", "la", "le", "van", "von", "y", "mac",
))  # fmt: skip
# Particles that are also English given names when they open a two-word name ("Al Edwards",
# "Ben Bernanke"), where "al-Bashir" and "bin Laden" are family names with their particle.
GIVEN_NAME_PARTICLES = frozenset({"Al", "Ben"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
NUMERAL_SUFFIXES = frozenset({"ii", "iii", "iv"})  # by definition a different person


def core_tokens(name: str) -> list[str]:
    """Folded name tokens without particles and generational suffixes."""
    return list(_core_tokens(name))


# Every pair of an article's names is compared, so the same names are split again and again.
@functools.lru_cache(maxsize=1 << 16)
def _core_tokens(name: str) -> tuple[str, ...]:
    tokens = [t for t in fold(name).split() if t not in SUFFIXES]
    core = [t for t in tokens if t not in PARTICLES]
    return tuple(core or tokens)


def full_name_tokens(name: str) -> list[str]:
    """`core_tokens` of a name as a full name, where a leading particle that is also a given
    name counts: "Al Edwards" is a given and a family name, so "Edwards" is its short form."""
    return list(_full_name_tokens(name))


# Called for every pair of an article's names, as `_core_tokens` is.
@functools.lru_cache(maxsize=1 << 16)
def _full_name_tokens(name: str) -> tuple[str, ...]:
    words = name.split()
    if len(words) == 2 and words[0] in GIVEN_NAME_PARTICLES and words[1][:1].isupper():
        return (fold(words[0]), *_core_tokens(words[1]))
    return _core_tokens(name)


def family_token(name: str) -> str:
    """The original spelling of a name's last token that is not a suffix ("el-Sissi")."""
    tokens = name.split()
    while len(tokens) > 1 and fold(tokens[-1]) in SUFFIXES:
        tokens.pop()
    return tokens[-1]


def is_subsequence(short: Sequence[str], full: Sequence[str]) -> bool:
    """All of `short`, in order, among `full`."""
    remaining = iter(full)
    return all(token in remaining for token in short)


def is_short_form(short: str, full: str) -> bool:
    """`short` names the same person as `full`: its parts in order, with the family name or
    at least two parts ("Erdogan", "Abdel Fattah", "George Bush" of "George W. Bush")."""
    short_core, full_core = _core_tokens(short), _full_name_tokens(full)
    if not short_core or len(short_core) >= len(full_core) or suffixes_conflict(short, full):
        return False
    if initials_conflict(short_core, full_core):
        return False
    if not is_subsequence(short_core, full_core):
        return False
    return short_core[-1] == full_core[-1] or len(short_core) >= 2


def is_given_name_form(short: str, full: str) -> bool:
    """`short` is the one given name of `full` ("Saddam" of "Saddam Hussein")."""
    short_core, full_core = _core_tokens(short), _full_name_tokens(full)
    return len(short_core) == 1 and len(full_core) > 1 and short_core[0] == full_core[0]


def suffixes_conflict(a: str, b: str) -> bool:
    """Generational suffixes say two names are different people ("Jr." vs "Sr.", "III")."""
    sa, sb = ({t for t in fold(n).split() if t in SUFFIXES} for n in (a, b))
    return (sa & NUMERAL_SUFFIXES) != (sb & NUMERAL_SUFFIXES) or bool(sa and sb and sa != sb)


def initials_conflict(a: Sequence[str], b: Sequence[str]) -> bool:
    """Both names have initials and they differ ("George W. Bush", "George H. W. Bush")."""
    ia, ib = ({t for t in core if len(t) == 1} for core in (a, b))
    return bool(ia and ib and ia != ib)
