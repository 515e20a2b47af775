"""Rule: a bare family name shared by several full names of an article names its principal.

Biographies and news name a person in full first and by family name after; relatives and
namesakes introduced later are named in full ("Antonín Dvořák … his father Leopold Dvořák …
Dvořák"). So a one-word family name that is a short form of several full names of the
article goes to the full name the article names first, when that name comes before the
family name's own first mention. With no order known, or with the family name first, it
stays ambiguous and unlinked, as before.
"""

from collections.abc import Sequence


def principal(bare_first: int | None, sharers_first: Sequence[int | None]) -> int | None:
    """Index in `sharers_first` of the full name a bare family name resolves to, or None.

    `bare_first`: where the bare name is first mentioned (any order: character offset or
    mention index); `sharers_first`: the same for each full name it could shorten."""
    if bare_first is None or len(sharers_first) < 2 or any(f is None for f in sharers_first):
        return None
    earliest = min(sharers_first)  # type: ignore[type-var]
    if sum(f == earliest for f in sharers_first) != 1 or not earliest < bare_first:
        return None
    return list(sharers_first).index(earliest)
