"""Text cleaning applied before hashing and NER.

Strips what no reader sees but that breaks hashing, matching and NER: NUL and other
control characters, zero-width and bidi formatting characters, wiki/HTML debris left in
exports (character references such as `&mdash;` are decoded, a wiki section heading
`==Reaction==` becomes a paragraph of its own, a behaviour switch `__TOC__` is dropped);
folds typographic quotes to ASCII (spaCy labels `O’Brien` and `O'Brien` differently) and
normalises to NFC. Single characters are replaced by single characters where possible, and
whitespace runs are collapsed, so cleaning twice changes nothing.
"""

import html
import re

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
# A MediaWiki behaviour switch ("__TOC__", "__NOTOC__"): an instruction to the wiki that
# an export leaves in the text, which spaCy reads as an organisation "TOC".
_WIKI_SWITCH = r"__[A-Z]{3,}__"
# A section heading of a wiki dump, whose newlines the export may have flattened: spaCy
# otherwise reads "==Concerns== But the Greens" as a person named "Concerns==".
_WIKI_HEADING = r"\B={2,6}[ \t]*([^=\n]*[^=\s])[ \t]*={2,6}\B"
# A named or numeric character reference, always with its semicolon: without it, "AT&T"
# or "&notice" could read as one.
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HIDDEN = re.compile(f"{_CONTROL}|{_INVISIBLE}")
_SPACE_RUN = r"[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]+"
_BLANK_LINES = r"\n\s*\n\s*"

CLEANED_TEXT_COLUMNS = ("title", "text", "url", "source", "language")


def _decode_references(text: str | None) -> str | None:
    """`text` with its character references decoded until none is left ("&amp;mdash;" of a
    doubly escaped export included) and no hidden character inside one."""
    if text is None or "&" not in text:
        return text
    decoded = text
    while (again := _HIDDEN.sub("", _CHARACTER_REFERENCE.sub(
            lambda reference: html.unescape(reference.group(0)), decoded))) != decoded:
        decoded = again
    return decoded


def _decode_column(texts: pl.Series) -> pl.Series:
    return pl.Series(texts.name, [_decode_references(text) for text in texts],
                     dtype=pl.String())


def clean_text(column: pl.Expr, *, keep_paragraphs: bool) -> pl.Expr:
    """A cleaned String expression; null stays null, blank becomes null."""
    # Character references are decoded first, as what they stand for is cleaned like the
    # rest ("&#8203;", "&lt;br&gt;"). Invisible and control characters go next, so they
    # cannot hide markup or split a letter from its combining mark; NFC comes last. One
    # pass is then a fixed point.
    cleaned = (
        column.cast(pl.String)
        .map_batches(_decode_column, return_dtype=pl.String())
        .str.replace_all(_CONTROL, "")
        .str.replace_all(_BREAK_CONTROL, "\n")
        .str.replace_all(_INVISIBLE, "")
        .str.replace_all(_HTML_COMMENT, " ")
        .str.replace_all(_BREAK_TAG, "\n")
        .str.replace_all(_SINGLE_QUOTES, "'")
        .str.replace_all(_DOUBLE_QUOTES, '"')
        .str.replace_all(_WIKI_EMPHASIS, "")
        .str.replace_all(_WIKI_SWITCH, " ")
        .str.replace_all(r"\r\n?", "\n")
        .str.normalize("NFC")
        .str.replace_all(_SPACE_RUN, " ")
    )
    # A heading is read once the line breaks are final, so a second pass finds none.
    if keep_paragraphs:
        cleaned = (cleaned.str.replace_all(_WIKI_HEADING, "\n\n${1}\n\n")
                   .str.replace_all(r" ?\n ?", "\n").str.replace_all(_BLANK_LINES, "\n\n"))
    else:
        cleaned = (cleaned.str.replace_all(r"\s+", " ").str.replace_all(_WIKI_HEADING, " ${1} ")
                   .str.replace_all("  +", " "))
    cleaned = cleaned.str.strip_chars()
    return pl.when(cleaned.str.len_chars() > 0).then(cleaned).otherwise(None)


def clean_records(records: pl.DataFrame) -> pl.DataFrame:
    """Records with cleaned `title`, `text`, `url`, `source`, `language` (raw kept elsewhere)."""
    return records.with_columns(
        clean_text(pl.col("text"), keep_paragraphs=True),
        *(clean_text(pl.col(name), keep_paragraphs=False)
          for name in CLEANED_TEXT_COLUMNS if name != "text"),
    )
