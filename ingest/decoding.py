"""Bytes → text in a fixed, recorded order; never lossy, never a guesser.

Order: a BOM (UTF-32, then UTF-16, then UTF-8) decides alone; otherwise strict UTF-8,
then strict cp1252, then Latin-1 (which maps every byte). Before decoding, a file with NUL
bytes (and no UTF-16/32 BOM) or with many control bytes is rejected as `binary_file`;
BOM-less UTF-16 therefore counts as binary. A BOM followed by bytes that do not decode in
that encoding is `undecodable` (the BOM declared the encoding; no fallback).
"""

from __future__ import annotations

import codecs

from newsetl.ingest.errors import FileRejected

MAX_CONTROL_SHARE = 0.10
"""Share of C0 control characters (other than tab, LF, CR, FF) above which text is binary."""

# Longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
)
_FALLBACKS = ("utf-8", "cp1252", "latin-1")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"
_DELETE_CONTROL_CHARS = dict.fromkeys(_CONTROL_BYTES)


def _control_share(sample: bytes) -> float:
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / max(len(sample), 1)


def _check_not_binary_text(text: str) -> None:
    controls = len(text) - len(text.translate(_DELETE_CONTROL_CHARS))
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise FileRejected("binary_file", f"{controls} control characters in {len(text)}")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text without BOM, encoding used); raise `FileRejected` if binary/undecodable."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.removesuffix("-sig"), errors="strict")
            except UnicodeDecodeError as exc:
                raise FileRejected("undecodable", f"BOM says {encoding}: {exc.reason}") from exc
            _check_not_binary_text(text)
            return text, encoding
    if b"\x00" in data:
        raise FileRejected("binary_file", f"NUL byte at offset {data.index(0)}")
    share = _control_share(data)
    if share > MAX_CONTROL_SHARE:
        raise FileRejected("binary_file", f"{share:.0%} control bytes")
    for encoding in _FALLBACKS:
        try:
            return data.decode(encoding, errors="strict"), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover
