"""Parts of a personal name, as the short-form and fuzzy rules compare them."""

from newsetl.transforms.entity_reference import fold

# Name particles: not a given or family name on their own ("el-Sissi" ~ "Sissi").
PARTICLES = frozenset((
    "al", "el", "ad", "as", "ash", "at", "an", "bin", "ibn", "bint", "abu", "ben", "de",
    "del", "della", "der", "di", "da", "dos", "du", "la", "le", "van", "von", "y", "mac",
))  # fmt: skip
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def core_tokens(name: str) -> list[str]:
    """Folded name tokens without particles and generational suffixes."""
    tokens = [t for t in fold(name).split() if t not in SUFFIXES]
    core = [t for t in tokens if t not in PARTICLES]
    return core or tokens


def family_token(name: str) -> str:
    """The original spelling of a name's last token that is not a suffix ("el-Sissi")."""
    tokens = name.split()
    while len(tokens) > 1 and fold(tokens[-1]) in SUFFIXES:
        tokens.pop()
    return tokens[-1]


def is_subsequence(short: list[str], full: list[str]) -> bool:
    """All of `short`, in order, among `full`."""
    remaining = iter(full)
    return all(token in remaining for token in short)


def is_short_form(short: str, full: str) -> bool:
    """`short` names the same person as `full`: its parts in order, with the family name or
    at least two parts ("Erdogan", "Abdel Fattah", "George Bush" of "George W. Bush")."""
    short_core, full_core = core_tokens(short), core_tokens(full)
    if not short_core or len(short_core) >= len(full_core):
        return False
    if not is_subsequence(short_core, full_core):
        return False
    return short_core[-1] == full_core[-1] or len(short_core) >= 2
