"""Text cleaning applied before hashing and NER.

Strips what no reader sees but that breaks hashing, matching and NER: NUL and other
control characters, zero-width and bidi formatting characters, wiki/HTML debris left in
exports; folds typographic quotes to ASCII (spaCy labels `O’Brien` and `O'Brien`
differently) and normalises to NFC. Single characters are replaced by single characters
where possible, and whitespace runs are collapsed, so cleaning twice changes nothing.
"""

import polars as pl

# C0/C1 controls except tab, newline and the ones that act as line or page breaks; DEL.
_CONTROL = r"[\x00-\x08\x0E-\x1F\x7F-\x84\x86-\x9F]"
_BREAK_CONTROL = r"[\x0B\x0C\x85\u2028\u2029]"  # vertical tab, form feed, NEL, LS, PS
# Zero-width, word joiner, BOM, soft hyphen; bidi embeddings, overrides, isolates, marks;
# deprecated format characters, interlinear annotations, tag characters.
_INVISIBLE = (r"[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F"
              r"\uFEFF\uFFF9-\uFFFB\U000E0000-\U000E007F]")
_SINGLE_QUOTES = r"[\u2018\u2019\u201A\u201B\u2032\u00B4`]"
_DOUBLE_QUOTES = r"[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]"
_HTML_COMMENT = r"(?s)<!--.*?-->"
_BREAK_TAG = r"(?i)<br\s*/?>"
_WIKI_EMPHASIS = r"'{2,}"
_SPACE_RUN = r"[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]+"
_BLANK_LINES = r"\n\s*\n\s*"

CLEANED_TEXT_COLUMNS = ("title", "text", "url", "source", "language")


def clean_text(column: pl.Expr, *, keep_paragraphs: bool) -> pl.Expr:
    """A cleaned String expression; null stays null, blank becomes null."""
    # Invisible and control characters go first, so they cannot hide markup or split a
    # letter from its combining mark; NFC comes last. One pass is then a fixed point.
    cleaned = (
        column.cast(pl.String)
        .str.replace_all(_CONTROL, "")
        .str.replace_all(_BREAK_CONTROL, "\n")
        .str.replace_all(_INVISIBLE, "")
        .str.replace_all(_HTML_COMMENT, " ")
        .str.replace_all(_BREAK_TAG, "\n")
        .str.replace_all(_SINGLE_QUOTES, "'")
        .str.replace_all(_DOUBLE_QUOTES, '"')
        .str.replace_all(_WIKI_EMPHASIS, "")
        .str.replace_all(r"\r\n?", "\n")
        .str.normalize("NFC")
        .str.replace_all(_SPACE_RUN, " ")
    )
    if keep_paragraphs:
        cleaned = cleaned.str.replace_all(r" ?\n ?", "\n").str.replace_all(_BLANK_LINES, "\n\n")
    else:
        cleaned = cleaned.str.replace_all(r"\s+", " ")
    cleaned = cleaned.str.strip_chars()
    return pl.when(cleaned.str.len_chars() > 0).then(cleaned).otherwise(None)


def clean_records(records: pl.DataFrame) -> pl.DataFrame:
    """Records with cleaned `title`, `text`, `url`, `source`, `language` (raw kept elsewhere)."""
    return records.with_columns(
        clean_text(pl.col("text"), keep_paragraphs=True),
        *(clean_text(pl.col(name), keep_paragraphs=False)
          for name in CLEANED_TEXT_COLUMNS if name != "text"),
    )
