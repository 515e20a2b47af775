"""Text shown to people (terminal, markdown, HTML) with its invisible characters made visible.

A file name or path may hold a newline, an ANSI escape or a bidi override (`U+202E` shows
`evil\u202egnp.txt` as `eviltxt.png`); shown as it is, it breaks lines or lies about itself.
`display_text` escapes, the way `repr` does, every control character (`\\n`, `\\t`,
`\\x1b`), format character (bidi embeddings, overrides and isolates, zero-width characters:
`\\u202e`, `\\u200b`), line and paragraph separator (`\\u2028`) and lone surrogate (an
undecodable byte of a file name, `\\udcff`): Unicode categories Cc, Cf, Zl, Zp and Cs.
Everything else, accents and other scripts included, is kept. Backslashes are not doubled:
the result is for reading, not for parsing back.
"""

import unicodedata

_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(char: str) -> str:
    if unicodedata.category(char) not in _ESCAPED_CATEGORIES:
        return char
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
        else f"\\U{code:08x}"


def display_text(text: str) -> str:
    """`text` with control, format (bidi, zero-width) and separator characters escaped."""
    if text.isprintable():  # none of them (the common case: nothing to do)
        return text
    return "".join(_shown(char) for char in text)
