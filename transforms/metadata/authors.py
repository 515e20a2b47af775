"""Author strings as exports write them → the people (or desks) they name.

Rules, in order, for each author string of a record:
1. `Name <jane@example.com>` and `jane@example.com (Jane Doe)` keep the name; any other
   e-mail address is dropped (an address is not a name, and a bare one is all RSS `author`
   often holds);
2. a leading `By`/`Written by`/`Words by` (any case, optional colon) is dropped;
3. the string is split on `,` `;` `|` `/`, newlines and the words `and`/`&`;
4. a part that is only an affiliation or a role (`Reuters`, `AP`, `Staff Writer`,
   `Senior Correspondent`, …: `_AFFILIATIONS`, `_ROLE_WORDS`) is dropped when another part
   names someone, so `Jane Doe, Reuters` → `Jane Doe`, but `Reuters` alone stays;
5. URLs (a profile page is not a name) are removed before splitting; a part with no
   letter, or over 100 characters, is dropped;
6. whitespace is collapsed, surrounding punctuation stripped, and an ALL-CAPS name is
   title-cased (`JANE DOE` → `Jane Doe`); other capitalisation is kept as written.

Names are the same author when their `normalized_name` is: NFKD without accents,
case-folded, single spaces (`José Álvarez` = `Jose Alvarez`). `author_key` is the stable
key of that form. "Doe, Jane" (last name first) is read as two names: nothing in the string
says otherwise, and guessing would merge different people.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from newsetl.transforms.keys import stable_key

AUTHOR_NAMESPACE = "author"
MAX_NAME_CHARS = 100

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_NAME_THEN_EMAIL = re.compile(rf"^\s*(.+?)\s*<\s*{_EMAIL}\s*>\s*$")
_EMAIL_THEN_NAME = re.compile(rf"^\s*{_EMAIL}\s*\((.+)\)\s*$")
_ANY_EMAIL = re.compile(rf"<?\s*{_EMAIL}\s*>?")
_BYLINE = re.compile(r"^\s*(?:(?:written|words|reporting)\s+)?by\s*:?\s+", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:[,;|/\n]|\s(?:and|&)\s)\s*", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
_EDGE_PUNCTUATION = " \t\"'“”‘’.,;:|-–—()[]{}<>"
_AFFILIATIONS = frozenset({
    "reuters", "ap", "associated press", "the associated press", "afp",
    "agence france-presse", "agence france presse", "bloomberg", "dpa", "upi", "pa",
    "press association", "staff", "staff reports", "wire", "wires", "wire services",
})
_ROLE_WORDS = frozenset({
    "writer", "reporter", "correspondent", "editor", "contributor", "columnist",
    "staff", "journalist", "producer", "photographer", "analyst",
})


def _name_of_address(text: str) -> str:
    for pattern in (_NAME_THEN_EMAIL, _EMAIL_THEN_NAME):
        match = pattern.match(text)
        if match:
            return match.group(1)
    return _ANY_EMAIL.sub(" ", text)


def _is_affiliation(part: str) -> bool:
    words = part.casefold().split()
    return part.casefold() in _AFFILIATIONS or any(word in _ROLE_WORDS for word in words)


def _tidy(part: str) -> str | None:
    name = " ".join(part.split()).strip(_EDGE_PUNCTUATION)
    if not name or len(name) > MAX_NAME_CHARS or not any(ch.isalpha() for ch in name):
        return None
    return name.title() if name.isupper() and len(name) > 3 else name


def split_author_names(raw: str) -> list[str]:
    """The names one author string holds, in order (see the module docstring)."""
    text = _BYLINE.sub("", _URL.sub(" ", _name_of_address(raw)))
    parts = [name for part in _SEPARATORS.split(text) if (name := _tidy(part)) is not None]
    people = [part for part in parts if not _is_affiliation(part)]
    return people or parts[:1]


def normalized_name(name: str) -> str:
    """The form two spellings of one author share: no accents, case-folded, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def author_key(name: str) -> int:
    """The stable key of an author name (by its normalized form)."""
    return stable_key(AUTHOR_NAMESPACE, normalized_name(name))


def article_authors(raw_authors: Iterable[str]) -> list[str]:
    """The distinct author names of one article, in byline order."""
    seen: set[str] = set()
    names = []
    for raw in raw_authors:
        for name in split_author_names(raw):
            if normalized_name(name) not in seen:
                seen.add(normalized_name(name))
                names.append(name)
    return names
