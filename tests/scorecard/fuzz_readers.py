"""Coverage-guided fuzzing (atheris, libFuzzer) of every file reader and of text cleaning:
`python -m tests.scorecard.fuzz_readers SECONDS WORKDIR PER_INPUT_SECONDS` (a process of
its own: importing this module instruments newsetl's readers).

Each input goes to one target, chosen by its first byte: decoding, the JSON, JSON Lines, CSV,
HTML and text parsers, the whole parse edge under each file name, the gzip reader, and text
cleaning. A reader may reject its input only with `FileRejected` (a reason code) or yield
record problems; any other exception is a crash. An input taking over the per-input bound
(libFuzzer's -timeout) is a hang. Text cleaning must also be a fixed point and leave no
control or invisible character. The targets' names go to WORKDIR/targets.json, tallies per
target (inputs, slowest input) to WORKDIR/tally.json as the run goes, crashes to
WORKDIR/crash-*.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["newsetl.ingest", "newsetl.transforms.articles"]):
    import polars as pl

    from newsetl.ingest.decoding import decode
    from newsetl.ingest.errors import FileRejected
    from newsetl.ingest.format_csv import parse_csv
    from newsetl.ingest.format_html import parse_html
    from newsetl.ingest.format_json import parse_json
    from newsetl.ingest.format_text import parse_text
    from newsetl.ingest.parse import parse_file
    from newsetl.ingest.reader import gunzip_capped
    from newsetl.transforms.articles.text_cleaning import clean_text

NAMES = ("a.json", "a.jsonl", "a.ndjson", "a.csv", "a.html", "a.htm", "a.txt", "a.xml", "a")
LEFT_BEHIND = ("\x00", "\x1b", "\u202e", "\u200b", "\ufeff")
_tally: dict[str, list[float]] = {}
_workdir = Path(".")


def _text(data: atheris.FuzzedDataProvider) -> str:
    return data.ConsumeUnicodeNoSurrogates(data.remaining_bytes())


def _decode(data: atheris.FuzzedDataProvider) -> None:
    text, encoding = decode(data.ConsumeBytes(data.remaining_bytes()))
    assert isinstance(text, str)
    assert encoding


def _json(data: atheris.FuzzedDataProvider) -> None:
    parse_json(_text(data), lines=False, max_text_chars=1000)


def _json_lines(data: atheris.FuzzedDataProvider) -> None:
    parse_json(_text(data), lines=True, max_text_chars=1000)


def _csv(data: atheris.FuzzedDataProvider) -> None:
    parse_csv(_text(data), max_columns=50, max_text_chars=1000)


def _html(data: atheris.FuzzedDataProvider) -> None:
    parse_html(_text(data), max_text_chars=1000)


def _plain(data: atheris.FuzzedDataProvider) -> None:
    parse_text(_text(data), max_text_chars=1000)


def _edge(data: atheris.FuzzedDataProvider) -> None:
    name = NAMES[data.ConsumeIntInRange(0, len(NAMES) - 1)]
    parse_file(name, data.ConsumeBytes(data.remaining_bytes()))


def _gzip(data: atheris.FuzzedDataProvider) -> None:
    """The reader's streaming, capped gzip decompression."""
    inflated = gunzip_capped(data.ConsumeBytes(data.remaining_bytes()), 1 << 20)
    assert len(inflated) <= 1 << 20


def _clean(data: atheris.FuzzedDataProvider) -> None:
    texts = [_text(data)]
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.String})
    once = frame.select(clean_text(pl.col("text"), keep_paragraphs=True)).item()
    if once is None:
        return
    twice = pl.DataFrame({"text": [once]}).select(
        clean_text(pl.col("text"), keep_paragraphs=True)).item()
    assert twice == once, "cleaning is not a fixed point"
    assert not any(mark in once for mark in LEFT_BEHIND), "a control character survived"


TARGETS: dict[str, Callable[[atheris.FuzzedDataProvider], None]] = {
    "decoding": _decode, "json": _json, "json lines": _json_lines, "csv": _csv,
    "html": _html, "text": _plain, "parse edge": _edge, "gzip reader": _gzip,
    "text cleaning": _clean,
}
_ORDER = list(TARGETS)


def test_one_input(raw: bytes) -> None:
    if not raw:
        return
    name = _ORDER[raw[0] % len(_ORDER)]
    data = atheris.FuzzedDataProvider(raw[1:])
    began = time.perf_counter()
    with contextlib.suppress(FileRejected):
        TARGETS[name](data)
    seconds = time.perf_counter() - began
    tally = _tally.setdefault(name, [0, 0.0])
    tally[0] += 1
    tally[1] = max(tally[1], seconds)
    if sum(count for count, _ in _tally.values()) % 250 == 0:
        _write_tally()


def _write_tally() -> None:
    (_workdir / "tally.json.tmp").write_text(json.dumps(_tally))
    os.replace(_workdir / "tally.json.tmp", _workdir / "tally.json")


def _seed(corpus: Path) -> None:
    """One valid input per target to start from (the target's number, then the input)."""
    article = {"title": "Talks", "text": "Leaders met in Geneva on Monday.",
               "date": "2005-03-05", "url": "https://example.org/a"}
    line = json.dumps(article)
    csv_text = "title,text,date\nTalks,\"Leaders met, \"\"in Geneva\"\".\",2005-03-05\n"
    html = ("<html><head><title>Talks</title><meta property='article:published_time' "
            "content='2005-03-05'></head><body><article><p>Leaders met in Geneva.</p>"
            "</article></body></html>")
    samples = {"decoding": "\ufeffSão Paulo".encode("utf-16"), "json": line.encode(),
               "json lines": (line + "\n" + line + "\n").encode(), "csv": csv_text.encode(),
               "html": html.encode(), "text": b"date 2005-03-05 Leaders met in Geneva.",
               "parse edge": b"\x03" + csv_text.encode(),
               "gzip reader": gzip.compress(line.encode()),
               "text cleaning": "O\u2019Brien\u200b met\r\n\x00 \u202ein Z\u00fcrich".encode()}
    for name, sample in samples.items():
        (corpus / f"seed-{_ORDER.index(name)}").write_bytes(bytes([_ORDER.index(name)]) + sample)


def main(seconds: int, workdir: Path, per_input_seconds: int) -> None:
    global _workdir
    _workdir = workdir
    corpus = workdir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    _seed(corpus)
    (workdir / "targets.json").write_text(json.dumps(_ORDER))
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", f"-timeout={per_input_seconds}",
                   "-rss_limit_mb=2048", "-max_len=65536", "-print_final_stats=1",
                   f"-artifact_prefix={workdir}/", str(corpus)], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
