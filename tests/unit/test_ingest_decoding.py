"""Decoding: BOM, strict UTF-8, cp1252, Latin-1 in that order; binary rejected first."""

import codecs
import random

import pytest

from newsetl.ingest.decoding import decode
from newsetl.ingest.errors import FileRejected

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
]
TEXT = "São Paulo – “quoted” €5 naïve"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32-be"),
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_round_trip_and_encoding_recorded(data, encoding):
    assert decode(data) == (TEXT, encoding)


def test_utf16_via_python_codec_with_bom():
    assert decode("Zürich".encode("utf-16"))[0] == "Zürich"


def test_latin1_sao_paulo():
    data = "São Paulo".encode("latin-1")
    text, _ = decode(data)
    assert text == "São Paulo"


def test_latin1_with_bytes_cp1252_leaves_undefined():
    data = "Açaí ".encode("latin-1") + b"\x81\x8d"  # undefined in cp1252
    assert decode(data) == ("Açaí \x81\x8d", "latin-1")


def test_cp1252_curly_quotes_and_euro():
    data = b"\x93Hello\x94 costs \x805 \x96 caf\xe9"
    assert decode(data) == ("“Hello” costs €5 – café", "cp1252")


def test_invalid_utf8_is_not_decoded_lossily():
    text, encoding = decode(b"caf\xc3 ok")  # truncated UTF-8 sequence
    assert "\ufffd" not in text
    assert encoding == "cp1252"


def test_nul_bytes_are_binary():
    with pytest.raises(FileRejected) as info:
        decode(b"%PDF-1.4\n\x00\x01\x02 stream")
    assert info.value.reason_code == "binary_file"


def test_bomless_utf16_counts_as_binary():
    with pytest.raises(FileRejected, match="binary_file"):
        decode("hello world".encode("utf-16-le"))


def test_many_control_bytes_are_binary():
    with pytest.raises(FileRejected, match="binary_file"):
        decode(bytes(range(1, 32)) * 10 + b"some text")


def test_a_few_control_bytes_are_text():
    text, encoding = decode(b"text with a bell \x07 and an escape \x1b[0m in it")
    assert encoding == "utf-8"
    assert "\x07" in text


def test_utf16_bom_with_odd_length_is_undecodable():
    with pytest.raises(FileRejected) as info:
        decode(codecs.BOM_UTF16_LE + b"a\x00b")
    assert info.value.reason_code == "undecodable"


def test_utf8_bom_with_invalid_utf8_is_undecodable():
    with pytest.raises(FileRejected, match="undecodable"):
        decode(codecs.BOM_UTF8 + b"caf\xe9")


def _random_inputs(count=500, seed=20240217):
    """Seeded random byte strings biased towards BOMs, NULs and high bytes (no hypothesis:
    its example database would be written into the working directory)."""
    rng = random.Random(seed)
    alphabet = list(range(256)) + [0x00, 0xC3, 0xE2, 0x80, 0x9D, 0x81, 0x20, 0x61] * 8
    for _ in range(count):
        prefix = rng.choice([b"", b"", *(bom for bom, _ in BOMS)])
        yield prefix + bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))


def test_decoding_is_never_lossy():
    outcomes = set()
    for data in _random_inputs():
        try:
            text, encoding = decode(data)
        except FileRejected as exc:
            outcomes.add(exc.reason_code)
            continue
        outcomes.add(encoding)
        bom = next((b for b, name in BOMS if name == encoding), b"")
        assert bom + text.encode(encoding.removesuffix("-sig")) == data, data
    assert {"binary_file", "undecodable", "utf-8", "cp1252"} <= outcomes
    assert outcomes <= {
        "binary_file",
        "undecodable",
        "utf-8",
        "cp1252",
        "latin-1",
        *(name for _, name in BOMS),
    }
