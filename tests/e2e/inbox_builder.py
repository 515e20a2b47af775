"""Builds an inbox holding every input layout newsetl reads and every bad case it must
quarantine, and says what each file should end as."""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import SEED_FILE, WIKINEWS_SAMPLE


@dataclass
class ExpectedInbox:
    """What a first run over the inbox must record."""

    file_outcomes: dict[str, str] = field(default_factory=dict)
    file_reasons: dict[str, str] = field(default_factory=dict)  # whole-file quarantine
    record_reasons: dict[tuple[str, int], str] = field(default_factory=dict)
    articles: int = 0


def _wikinews(count: int) -> list[dict[str, str]]:
    lines = WIKINEWS_SAMPLE.read_text(encoding="utf-8").splitlines()[:count]
    return [json.loads(line) for line in lines]


def build_inbox(inbox: Path, max_file_bytes: int) -> ExpectedInbox:
    """Write the inbox; return the outcomes a first run must record."""
    inbox.mkdir(parents=True)
    expected = ExpectedInbox()
    ok = expected.file_outcomes
    news = _wikinews(8)

    # The seed layout, and the same text under another name: a duplicate.
    (inbox / "seed.txt").write_bytes(SEED_FILE.read_bytes())
    (inbox / "zz_copies").mkdir()
    (inbox / "zz_copies" / "seed_copy.txt").write_bytes(SEED_FILE.read_bytes())
    ok["seed.txt"] = "loaded"
    ok["zz_copies/seed_copy.txt"] = "duplicate"
    # Plain text without the date prefix has no publication date.
    (inbox / "undated.txt").write_text("The council met in Lisbon to discuss budgets.\n")
    ok["undated.txt"] = "quarantined"
    expected.record_reasons[("undated.txt", 1)] = "no_publication_date"

    # news-please JSON object; schema.org array; RSS-ish JSON Lines with one broken line.
    (inbox / "newsplease.json").write_text(json.dumps({
        "title": news[0]["title"], "maintext": news[0]["text"],
        "date_publish": "2005-03-05 10:00:00", "url": news[0]["url"],
        "source_domain": "en.wikinews.org"}))
    ok["newsplease.json"] = "loaded"
    (inbox / "schema_org.json").write_text(json.dumps([
        {"@type": "NewsArticle", "headline": n["title"], "articleBody": n["text"],
         "datePublished": f"2006-07-0{i + 1}T08:00:00+02:00", "url": n["url"]}
        for i, n in enumerate(news[1:3])]), encoding="utf-8")
    ok["schema_org.json"] = "loaded"
    rss_lines = [json.dumps({"title": n["title"], "description": n["text"], "link": n["url"],
                             "pubDate": "Tue, 10 Jun 2003 04:00:00 GMT"}) for n in news[3:5]]
    rss_lines.insert(1, '{"title": "broken", "description": ')
    (inbox / "feed.jsonl").write_text("\n".join(rss_lines) + "\n")
    ok["feed.jsonl"] = "loaded"
    expected.record_reasons[("feed.jsonl", 2)] = "malformed_json_line"

    # CSV: a good row with quotes and newlines, and rows the record rules must reject.
    csv_text = (
        'title,text,date,url\n'
        '"Quoted ""title""","First line of a story about Ankara.\nSecond line, quoted ""here"".",'
        '2007-01-15,\n'
        'Impossible,Text about Paris talks.,2009-02-30,\n'
        'No text,,2009-01-02,\n'
        'Invalid,Text about Rome talks.,2009-13-45,\n'
        'Future,Text about Oslo talks.,2999-01-01,\n'
        'Ancient,Text about Athens talks.,1750-05-05,\n'
    )
    (inbox / "table.csv").write_text(csv_text, encoding="utf-8")
    ok["table.csv"] = "loaded"
    for number, reason in ((2, "invalid_date"), (3, "no_text"), (4, "invalid_date"),
                           (5, "implausible_date"), (6, "implausible_date")):
        expected.record_reasons[("table.csv", number)] = reason

    # HTML: text only, metadata date; gzipped JSON Lines; encodings.
    (inbox / "page.html").write_text(
        "<html lang='en'><head><title>Summit ends</title>"
        "<meta property='article:published_time' content='2006-05-04T12:00:00Z'>"
        "<style>.x{color:red}</style><script>var tracker = 'SCRIPT_TEXT';</script></head>"
        "<body><nav>NAV_TEXT Home | World</nav><article><h1>Summit ends</h1>"
        f"<p>{news[5]['text'][:1500]}</p></article><footer>FOOTER_TEXT 2006</footer>"
        "</body></html>", encoding="utf-8")
    ok["page.html"] = "loaded"
    with gzip.open(inbox / "archive.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"title": news[6]["title"], "text": news[6]["text"],
                                 "date": "March 5, 2005", "url": news[6]["url"]}) + "\n")
    ok["archive.jsonl.gz"] = "loaded"
    (inbox / "utf16.json").write_bytes(json.dumps({
        "headline": news[7]["title"], "body": news[7]["text"], "published": "1104537600",
        "link": news[7]["url"]}, ensure_ascii=False).encode("utf-16"))
    ok["utf16.json"] = "loaded"
    (inbox / "latin1.txt").write_bytes(
        "date 2008-11-02 Leaders met in São Paulo on Sunday to discuss trade.".encode("latin-1"))
    ok["latin1.txt"] = "loaded"
    # seed, json object, json array, jsonl, csv, html, gz, utf-16, latin-1
    expected.articles = 1 + 1 + 2 + 2 + 1 + 1 + 1 + 1 + 1

    # Whole files that cannot be loaded.
    bad = {
        "empty.json": ("", "empty_file"),
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary_file"),
        "truncated.json": ('{"title": "cut", "text": "never ends', "malformed_json"),
        "corrupt.json.gz": (b"\x1f\x8b\x08\x00garbage-not-deflate", "corrupt_gzip"),
        "huge.txt": ("date 2005-01-01 " + "word " * (max_file_bytes // 5 + 10),
                     "file_too_large"),
    }
    for name, (content, reason) in bad.items():
        data = content.encode() if isinstance(content, str) else content
        (inbox / name).write_bytes(data)
        ok[name] = "quarantined"
        expected.file_reasons[name] = reason
    os.symlink("/etc/passwd", inbox / "passwd.txt")
    ok["passwd.txt"] = "quarantined"
    expected.file_reasons["passwd.txt"] = "symlink_outside_inbox"
    os.mkfifo(inbox / "pipe.jsonl")
    ok["pipe.jsonl"] = "quarantined"
    expected.file_reasons["pipe.jsonl"] = "not_regular_file"
    return expected
