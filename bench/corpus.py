"""Inboxes of N real news articles for the pipeline benchmarks.

    uv run --extra test python bench/corpus.py --articles 5000 [--layout jsonl|files] [--out DIR]

Articles come from `shared/corpus/wikinews/wikinews_en_2004-2007.jsonl`: the records with a
date and at least 400 characters of text (3,864 of them, ~337 words each), in file order.
Counts beyond that repeat the list with small edits, so every article is distinct (its own
URL, hence its own identity and content hash) and the text spaCy reads changes a little:
copy k > 0 gets `?copy=k` on its URL, ` (k)` on its title and one short closing sentence.

Article i is always the same article whatever N is, so `articles(start, count)` can build
an inbox of what is new on top of an inbox already loaded (the incremental benchmark).

Layouts: `jsonl` writes files of `--per-file` (default 500) articles, one JSON object a line;
`files` writes one `.json` file per article, 1,000 per folder. Inboxes go under `bench/work/`
(git-ignored) unless `--out` says otherwise.
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
CORPUS = REPO.parent / "shared" / "corpus" / "wikinews" / "wikinews_en_2004-2007.jsonl"
MIN_CHARS = 400
FIELDS = ("title", "date", "url", "source", "text")


@functools.cache
def base_articles() -> tuple[dict[str, str], ...]:
    """The corpus records usable as articles: a date and 400+ characters of text."""
    kept = []
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("date") and len(record.get("text") or "") >= MIN_CHARS:
                kept.append({name: record[name] for name in FIELDS})
    return tuple(kept)


def article(index: int) -> dict[str, str]:
    """Article number `index` (0-based) of the endless benchmark stream."""
    base = base_articles()
    copy, position = divmod(index, len(base))
    record = dict(base[position])
    if copy:
        record["url"] = f"{record['url']}?copy={copy}"
        record["title"] = f"{record['title']} ({copy})"
        record["text"] = f"{record['text']} This is edition {copy + 1} of the report."
    return record


def articles(start: int, count: int) -> Iterator[dict[str, str]]:
    """Articles `start` … `start + count - 1`."""
    for index in range(start, start + count):
        yield article(index)


def texts(start: int, count: int) -> list[str]:
    """The texts of those articles, exactly as the inbox files carry them."""
    return [record["text"] for record in articles(start, count)]


def word_count(text_list: list[str]) -> int:
    """Words as the benchmarks count them: whitespace-separated tokens."""
    return sum(len(text.split()) for text in text_list)


def build_inbox(directory: Path, count: int, *, start: int = 0, layout: str = "jsonl",
                per_file: int = 500, clean: bool = True) -> Path:
    """Write articles `start` … `start + count - 1` into `directory` and return it.

    File names carry the article numbers, so adding a later range to an existing inbox
    (`clean=False`) only adds files.
    """
    if clean and directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if layout == "files":
        for index, record in enumerate(articles(start, count), start):
            folder = directory / f"part{index // 1000:03d}"
            folder.mkdir(exist_ok=True)
            (folder / f"article{index:06d}.json").write_text(
                json.dumps(record, ensure_ascii=False), encoding="utf-8")
    elif layout == "jsonl":
        for first in range(start, start + count, per_file):
            size = min(per_file, start + count - first)
            lines = (json.dumps(record, ensure_ascii=False) for record in articles(first, size))
            (directory / f"articles{first:06d}.jsonl").write_text(
                "\n".join(lines) + "\n", encoding="utf-8")
    else:
        raise ValueError(f"unknown layout {layout!r}")
    return directory


def inbox_path(count: int, layout: str = "jsonl", start: int = 0) -> Path:
    """The conventional place of an inbox under bench/work/."""
    suffix = f"-from{start}" if start else ""
    return WORK / f"inbox-{layout}-{count}{suffix}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--layout", choices=("jsonl", "files"), default="jsonl")
    parser.add_argument("--per-file", type=int, default=500)
    parser.add_argument("--out", type=Path)
    options = parser.parse_args()
    out = options.out or inbox_path(options.articles, options.layout, options.start)
    build_inbox(out, options.articles, start=options.start, layout=options.layout,
                per_file=options.per_file)
    words = word_count(texts(options.start, options.articles))
    print(f"{options.articles} articles ({words} words) → {out}")


if __name__ == "__main__":
    main()
