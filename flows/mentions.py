"""A batch's mentions from its pending NER parts: found part by part as the workers return
them, for the tagged parts only (shared by the nightly load and a backfill's day rebuild)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from newsetl.nlp.pool import PendingSpans
from newsetl.transforms.articles.batch import ArticleMentions, combine_mentions, find_mentions
from newsetl.transforms.entities.reference import ReferenceData


@dataclass(frozen=True)
class TaggedMentions:
    """The mentions of a batch's articles, and how many were not tagged (no model for
    their language: loaded with no mentions and no tone)."""

    mentions: ArticleMentions
    untagged: int


def tagged_mentions(articles: pl.DataFrame, spans: PendingSpans, reference: ReferenceData,
                    date_order: str | None) -> TaggedMentions:
    """The mentions of `articles` (in the order they were submitted to NER)."""
    untagged = 0
    found: list[ArticleMentions] = []
    for part in spans.parts():
        if not part.tagged:
            untagged += part.stop - part.start
            continue
        found.append(find_mentions(articles.slice(part.start, part.stop - part.start),
                                   part.spans, reference, date_order, part.sentence_tones))
    return TaggedMentions(combine_mentions(found), untagged)
