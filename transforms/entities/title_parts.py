"""Names that are part of a title, not things of their own (pure): dropped as `title_only`.

`context` records the words around each span; after cleaning, `drop_title_parts` drops
- a name that only completes the title before it ("State" of "Secretary of State",
  "Defense", "Homeland Security"; `titles.csv`), while "President of France" keeps France;
- the portfolio an office written with "for" opens ("Minister for Transport and Regional
  Services", "EU Commissioner for Enlargement"), never after an article;
- the portfolio before an office word ("Defence Minister", "National Security Adviser"),
  while "UN Secretary-General" keeps its UN.
"""

import re

import polars as pl

from newsetl.transforms.entities.clean import ARTICLES, is_common_word, only_titles
from newsetl.transforms.entities.reference import ReferenceData, fold, lookup_known
from newsetl.transforms.entities.shortform import ORGANISATION_HEADS


def completes_a_title(name: str, title_before: str | None, reference: ReferenceData) -> bool:
    """`name` only completes the title the words before it begin ("State" or "Defense" after
    "Secretary of"): no mention of a thing of its own."""
    if not title_before:
        return False
    return only_titles(fold(f"{title_before} {name}").split(), reference.titles_any)


def names_a_portfolio(name: str, label: str, title_after: str | None,
                      reference: ReferenceData) -> bool:
    """`name` is the portfolio of the office word after it ("Defence" or "Home" before
    "Minister" or "Secretary", "National Security" before "Adviser"): frequent English
    words only, no known name ("UN Secretary-General" keeps its UN), no organisation's
    head word ("U.S. Army Secretary", "Islamic Commission Secretary") and no person."""
    return bool(title_after) and label != "PERSON" and _portfolio_words(
        name.split(), name, reference)


def _portfolio_words(words: list[str], name: str, reference: ReferenceData) -> bool:
    """`words` of `name` can only be a portfolio: frequent English words, the last no
    organisation's head word, and the whole no known name."""
    return bool(words) and all(
        is_common_word(word, reference.common_words) for word in words
    ) and words[-1].casefold() not in ORGANISATION_HEADS and lookup_known(reference, name) is None


# Labels of the spans that may be a portfolio after its office: never a person, group or place
# ("Foreign Secretary for the United Kingdom" names a country).
PORTFOLIO_LABELS = frozenset({"ORG", "FAC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART"})


def names_a_portfolio_after(surface: str, name: str, label: str, title_before: str | None,
                            reference: ReferenceData) -> bool:
    """`name` is the portfolio an office written with "for" opens ("Minister for Transport
    and Regional Services", "EU Commissioner for Enlargement"): frequent English words
    joined by "and", no known name and no organisation's head word; never after an article
    ("Secretary for the Department of Parliamentary Services" names a department)."""
    if not (title_before or "").endswith(" for") or label not in PORTFOLIO_LABELS:
        return False
    if surface.split()[0].casefold() in ARTICLES:
        return False
    words = [word for word in _PORTFOLIO_SEPARATORS.split(name) if word and word != "and"]
    return _portfolio_words(words, name, reference)


_PORTFOLIO_SEPARATORS = re.compile(r"[\s,&]+")


def drop_title_parts(cleaned: pl.DataFrame, reference: ReferenceData) -> pl.DataFrame:
    """`cleaned` (`clean_mentions` output) with the names that are part of a title dropped
    (`clean_name` null, `drop_reason` `title_only`); `title_before` and `title_after`, when
    the frame has them, are what the text writes just before and after a span."""
    pairs = list(zip(cleaned["clean_name"], cleaned["drop_reason"], strict=True))
    if "title_before" in cleaned.columns:
        pairs = [
            (None, "title_only") if name is not None and (
                completes_a_title(name, before, reference)
                or names_a_portfolio_after(surface, name, label, before, reference)
            ) else (name, reason)
            for (name, reason), surface, label, before in zip(
                pairs, cleaned["surface_text"], cleaned["label"], cleaned["title_before"],
                strict=True)
        ]
    if "title_after" in cleaned.columns:
        pairs = [
            (None, "title_only") if name is not None and names_a_portfolio(
                name, label, after, reference) else (name, reason)
            for (name, reason), label, after in zip(
                pairs, cleaned["label"], cleaned["title_after"], strict=True)
        ]
    return cleaned.with_columns(
        pl.Series("clean_name", [p[0] for p in pairs], dtype=pl.String()),
        pl.Series("drop_reason", [p[1] for p in pairs], dtype=pl.String()),
    )
