"""Dates mentioned in article text: find (rules), merge with spaCy's, resolve.

Contract for the loader: every row `resolve_date_mentions` returns is a date mention.
Candidates that are durations (`three years`), ages (`75-year-old`), frequencies (`annual`)
or not dates at all (`37`, a URL, and, given article texts, day words inside names:
`Sunday Times`, `The World Today`) are dropped; `classify_date_candidates` shows which and
why, for counting. A date mention that cannot be placed is kept with a null
`resolved_date` and an `unresolved_reason`:

- `vague`: `recently`, `for decades`, `in recent years`, `the past few weeks`;
- `relative_to_event`: `the next day`, `two years later`, `that week` before the text has
  named a fine enough date to count from, `five days before his death`, `election day`;
- `ambiguous_numeric`: `02/03/2024` with no `date_order` (`is_ambiguous` is true);
- `no_reference_date`: relative (`yesterday`, `Tuesday`) and the article has no
  publication date (or is missing from `articles`);
- `unsupported_period`: centuries, `the 1800s`, fiscal years, BC years;
- `invalid_date`: `February 30`;
- `unrecognized`: spaCy said DATE and no rule here understands it.

`resolved_date` is the first day of the period, `resolution` its size (`day`, `week`
(Monday start), `month`, `quarter`, `year`, `decade`); `resolved_start` and `resolved_end`
are its first and last day (equal for a day: "last week" is a seven-day range, not a
guessed day). `anchor` says what the mention was read against: `absolute` (its words name
the period), `publication`, or `narrative` (the date the text's story has reached), null
when unresolved; see `narrative` for when the narrative takes over from the publication
date, and `resolution` for how a recurring period without a year is placed. If `articles`
has a `text` column the tense around the mention decides between the last and the next
occurrence.
"""

from collections.abc import Iterable

import polars as pl

from newsetl.transforms.dates.calendar import RESOLUTIONS, period_end
from newsetl.transforms.dates.expressions import DateExpression, interpret
from newsetl.transforms.dates.names import is_part_of_a_name
from newsetl.transforms.dates.narrative import Story, speaks_from_publication_anywhere
from newsetl.transforms.dates.resolution import Resolved
from newsetl.transforms.dates.rules import find_rule_spans

DATE_CANDIDATE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "surface_text": pl.String(),
    "start_char": pl.Int32(),
    "end_char": pl.Int32(),
    "sentence_index": pl.Int32(),
    "detector": pl.String(),  # spacy | rule
}
DATE_MENTION_SCHEMA: dict[str, pl.DataType] = {
    **DATE_CANDIDATE_SCHEMA,
    "resolved_date": pl.Date(),  # the first day of the period; null when unresolved
    "resolution": pl.String(),  # day | week | month | quarter | year | decade | null
    "unresolved_reason": pl.String(),
    "is_ambiguous": pl.Boolean(),
    "resolved_start": pl.Date(),  # the first day of the period (= resolved_date)
    "resolved_end": pl.Date(),  # the last day of the period
    "anchor": pl.String(),  # absolute | publication | narrative | null (see `narrative`)
}
_DETECTOR_PRIORITY = {"spacy": 0, "rule": 1}


def find_rule_date_mentions(articles: pl.DataFrame) -> pl.DataFrame:
    """Rule candidates (detector `rule`) in `articles` (`article_id`, `text`)."""
    rows = [
        (article_id, surface, start, end, sentence, "rule")
        for article_id, text in articles.select("article_id", "text").iter_rows()
        if text
        for start, end, surface, sentence in find_rule_spans(text)
    ]
    return pl.DataFrame(rows, schema=DATE_CANDIDATE_SCHEMA, orient="row")


def merge_date_candidates(spacy: pl.DataFrame, rule: pl.DataFrame) -> pl.DataFrame:
    """One candidate per overlapping group of spans, in article and text order.

    Among overlapping spans the winner is, in order: one that can be placed on the calendar,
    the finer resolution, the longer span, the earlier start, spaCy before rule. A rule span
    that wins over a spaCy span takes spaCy's sentence number."""
    both = pl.concat([_as_candidates(spacy), _as_candidates(rule)])
    meanings = _interpret_all(both.get_column("surface_text"), None)
    by_article: dict[str, list[tuple]] = {}
    for row in both.iter_rows():
        by_article.setdefault(row[0], []).append(row)
    kept_rows = []
    for rows in by_article.values():
        kept_rows.extend(_pick_spans(rows, meanings))
    merged = pl.DataFrame(kept_rows, schema=DATE_CANDIDATE_SCHEMA, orient="row")
    return merged.sort("article_id", "start_char", "end_char", maintain_order=True)


def classify_date_candidates(
    candidates: pl.DataFrame,
    articles: pl.DataFrame | None = None,
    *,
    date_order: str | None = None,
) -> pl.DataFrame:
    """`candidates` with `candidate_kind`: `date` (kept by `resolve_date_mentions` given the
    same articles) or the reason it is dropped: `duration`, `age`, `frequency`, `not_a_date`
    (with article texts, day words inside names such as `Sunday Times` are `not_a_date`)."""
    frame = _as_candidates(candidates)
    meanings = _interpret_all(frame.get_column("surface_text"), date_order)
    texts = {} if articles is None else _texts_for_context(frame, articles)
    kinds = [
        _kind(meanings[surface], texts.get(article_id), start, end)
        for article_id, surface, start, end, *_ in frame.iter_rows()
    ]
    return candidates.with_columns(pl.Series("candidate_kind", kinds, dtype=pl.String()))


def resolve_date_mentions(
    candidates: pl.DataFrame, articles: pl.DataFrame, *, date_order: str | None = None
) -> pl.DataFrame:
    """The date mentions among `candidates`, placed against their article's
    `published_date` or the narrative its text sets (`articles`: `article_id`,
    `published_date`, optional `text`; see `narrative`)."""
    if date_order not in (None, "DMY", "MDY"):
        raise ValueError(f"date_order must be None, 'DMY' or 'MDY', not {date_order!r}")
    if articles.get_column("article_id").is_duplicated().any():
        raise ValueError("articles must have one row per article_id")
    frame = _as_candidates(candidates)
    published = dict(articles.select("article_id", "published_date").iter_rows())
    meanings = _interpret_all(frame.get_column("surface_text"), date_order)
    texts = _texts_for_context(frame, articles)
    rows = frame.select("article_id", "surface_text", "start_char", "end_char").rows()
    sentences = frame.get_column("sentence_index").to_list()
    kinds = [_kind(meanings[surface], texts.get(article_id), start, end)
             for article_id, surface, start, end in rows]  # fmt: skip
    placed: list[tuple] = [(None, None, None, None, None, None)] * len(rows)
    stories = _stories(rows, kinds, meanings, published)
    # The story is read in text order, whatever order the candidates come in.
    for index in sorted(range(len(rows)), key=lambda i: _text_order(rows[i])):
        article_id, surface, start, end = rows[index]
        if kinds[index] != "date":
            continue
        story = stories[article_id]
        where, anchor = story.place(
            meanings[surface], texts.get(article_id), start, end, sentences[index]
        )
        placed[index] = _with_range(where, anchor)
    placed_columns = list(zip(*placed, strict=True)) or [()] * len(_PLACED_COLUMNS)
    resolved = frame.with_columns(
        pl.Series("__kind", kinds, dtype=pl.String()),
        *(
            pl.Series(name, values, dtype=DATE_MENTION_SCHEMA[name])
            for name, values in zip(_PLACED_COLUMNS, placed_columns, strict=True)
        ),
        pl.Series("is_ambiguous", [meanings[row[1]].is_ambiguous for row in rows],
                  dtype=pl.Boolean()),
    )
    return resolved.filter(pl.col("__kind") == "date").drop("__kind").select(
        list(DATE_MENTION_SCHEMA)
    )


_PLACED_COLUMNS = ("resolved_date", "resolution", "unresolved_reason", "resolved_start",
                   "resolved_end", "anchor")  # fmt: skip


def _with_range(where: Resolved, anchor: str | None) -> tuple:
    """The resolved columns of one mention: a resolved period's first and last day."""
    day, resolution = where.resolved_date, where.resolution
    end = period_end(day, resolution) if day is not None and resolution is not None else None
    return (day, resolution, where.unresolved_reason, day, end, anchor)


def _stories(
    rows: list[tuple], kinds: list[str], meanings: dict, published: dict
) -> dict[str, Story]:
    """One story per article, told as news when any of its date mentions speaks from the
    publication date, wherever it stands in the text."""
    meanings_of: dict[str, list[DateExpression]] = {}
    for (article_id, surface, _, _), kind in zip(rows, kinds, strict=True):
        if kind == "date":
            meanings_of.setdefault(article_id, []).append(meanings[surface])
    return {
        article_id: Story(
            published.get(article_id),
            speaks_from_publication=speaks_from_publication_anywhere(
                article_meanings, published.get(article_id)
            ),
        )
        for article_id, article_meanings in meanings_of.items()
    }


def _text_order(row: tuple) -> tuple:
    article_id, _, start, end = row
    return (article_id or "", start if start is not None else -1, end if end is not None else -1)


def _kind(meaning: DateExpression, text: str | None, start: int | None, end: int | None) -> str:
    if meaning.kind != "date" or not text or start is None or end is None:
        return meaning.kind
    return "not_a_date" if is_part_of_a_name(text, start, end) else "date"


def _as_candidates(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(pl.col(name).cast(dtype) for name, dtype in DATE_CANDIDATE_SCHEMA.items())


def _interpret_all(
    surfaces: Iterable[str | None], date_order: str | None
) -> dict[str | None, DateExpression]:
    return {surface: interpret(surface or "", date_order) for surface in set(surfaces)}


def _texts_for_context(frame: pl.DataFrame, articles: pl.DataFrame) -> dict[str, str]:
    """Texts of the articles with a mention: names, tense and the narrative need them."""
    if "text" not in articles.columns:
        return {}
    ids = frame.get_column("article_id").unique().implode()
    wanted = articles.filter(pl.col("article_id").is_in(ids))
    return dict(wanted.select("article_id", "text").iter_rows())


def _pick_spans(rows: list[tuple], meanings: dict) -> list[tuple]:
    """Greedy choice of non-overlapping spans in priority order (deterministic)."""

    def priority(row: tuple) -> tuple:
        meaning: DateExpression = meanings[row[1]]
        placeable = meaning.kind == "date" and meaning.anchor != "none"
        fineness = RESOLUTIONS.index(meaning.resolution) if meaning.resolution else len(RESOLUTIONS)
        return (not placeable, meaning.kind != "date", fineness, row[2] - row[3], row[2],
                _DETECTOR_PRIORITY.get(row[5], 2), row[3], row[1] or "")  # fmt: skip

    kept: list[tuple] = []
    for row in sorted(rows, key=priority):
        if all(row[3] <= other[2] or other[3] <= row[2] for other in kept):
            kept.append(row)
    spacy_rows = [row for row in rows if row[5] == "spacy"]
    return [_with_spacy_sentence(row, spacy_rows) for row in kept]


def _with_spacy_sentence(row: tuple, spacy_rows: list[tuple]) -> tuple:
    if row[5] == "spacy":
        return row
    overlapping = [other for other in spacy_rows if other[2] < row[3] and row[2] < other[3]]
    if not overlapping:
        return row
    return (*row[:4], min(overlapping, key=lambda other: other[2])[4], row[5])
