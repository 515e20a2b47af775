"""Plain-text articles: the seed layout `date YYYY-MM-DD <body>`, or just a body.

The seed layout (`/work/shared/seed/`) is a text that begins, after optional whitespace,
with the word `date` (any case), spaces or tabs, a `YYYY-MM-DD` date and whitespace;
`published_raw` is that date string exactly as written (not validated here) and the text
is everything after the whitespace that follows it. Any other text is one record with no
date. A blank body gives `text` None.

No title is made up: the seed's first line is the lede paragraph, not a headline, and a
guessed title would end up in the warehouse as if the source had said it.
"""

from __future__ import annotations

import json
import re

from newsetl.ingest.records import RecordFields, RecordProblem, cap_text, checked_record

_SEED = re.compile(r"\A\s*(?i:date)[ \t]+(\d{4}-\d{2}-\d{2})(?:\s+|\Z)")


def text_format(text: str) -> str:
    """`seed_txt` when the text has the seed's date prefix, else `txt`."""
    return "seed_txt" if _SEED.match(text) else "txt"


def parse_text(text: str, max_text_chars: int | None = None) -> list[RecordFields | RecordProblem]:
    """The one record of a text file (see the module docstring for the layout); its text
    over `max_text_chars` (None: no cap) is `text_too_long`."""
    match = _SEED.match(text)
    published = match.group(1) if match else None
    body = text[match.end() :] if match else text
    fields = {
        "title": None,
        "text": None if not body or body.isspace() else body,
        "published_raw": published,
        "url": None,
        "source": None,
        "language": None,
    }
    raw = {
        "layout": text_format(text),
        "published_raw": published,
        "text_chars": len(body),
        "text_head": cap_text(body),
    }
    return [checked_record(1, fields, lambda: json.dumps(raw, ensure_ascii=False),
                           max_text_chars)]
