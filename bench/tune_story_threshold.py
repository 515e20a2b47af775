"""How far apart copies of one story and different stories are, per shingle size: the
measurement behind `transforms/articles/stories.py`'s shingle size and threshold.

    uv run --locked python bench/tune_story_threshold.py [--articles 3864]

Real text: the corpus articles of bench/corpus.py (Wikinews, 400+ characters). For each
article a syndicated copy is made the way outlets edit wire copy: the first sentence
rewritten (a new lead), the last sentence dropped, a line of outlet boilerplate added before
and after (heavy); or two words of the lead changed and a line of boilerplate after (light).
The title is not shingled. Printed per shingle size: the exact Jaccard of each
article with its copy (min, 1st and 5th percentile), and of the most similar pairs of
*different* corpus articles (found with a low-threshold MinHash LSH from datasketch, then
measured exactly): the highest scores two articles on one topic reach.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import base_articles

from newsetl.transforms.articles import stories

LEADS = ("In a statement released on Tuesday, officials said the following. ",
         "WASHINGTON (Wire) -- ", "Updated: ")
BOILER_TOP = "Published by The Daily Example. Subscribe for unlimited access. "
BOILER_END = (" Copyright 2007 The Daily Example. All rights reserved. This material may not"
              " be published, broadcast, rewritten or redistributed.")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def syndicated_copy(text: str, index: int) -> str:
    """The text as another outlet runs it: new lead, last sentence cut, boilerplate."""
    sentences = _SENTENCE.split(text.strip())
    lead = LEADS[index % len(LEADS)]
    first = "Officials confirmed the news late on " + ("Monday. " if index % 2 else "Friday. ")
    body = sentences[1:-1] if len(sentences) > 2 else sentences
    return BOILER_TOP + lead + first + " ".join(body) + BOILER_END


def lightly_edited_copy(text: str) -> str:
    """The text as a wire copy usually runs: two words of the lead changed, a line of
    boilerplate after it."""
    sentences = _SENTENCE.split(text.strip())
    words = sentences[0].split()
    if len(words) > 6:
        words[2], words[-3] = "reportedly", "recently"
    return " ".join([" ".join(words), *sentences[1:]]) + BOILER_END


def shingled(text: str, size: int) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))}


def jaccard(left: set[str], right: set[str]) -> float:
    return len(left & right) / len(left | right) if left | right else 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=len(base_articles()))
    args = parser.parse_args()
    from datasketch import MinHash, MinHashLSH

    texts = [record["text"] for record in base_articles()[:args.articles]]
    print(f"{len(texts)} articles")
    long_ones = np.array([len(text.split()) >= 200 for text in texts])
    for size in (3, 4, 5, 7):
        sets = [shingled(text, size) for text in texts]
        copies = np.array([jaccard(sets[i], shingled(syndicated_copy(texts[i], i), size))
                           for i in range(len(texts))])
        light = np.array([jaccard(sets[i], shingled(lightly_edited_copy(texts[i]), size))
                          for i in range(len(texts))])
        minhashes = MinHash.bulk(([s.encode() for s in shingle_set] for shingle_set in sets),
                                 num_perm=128)
        lsh = MinHashLSH(threshold=0.1, num_perm=128)
        for index, minhash in enumerate(minhashes):
            lsh.insert(index, minhash)
        different = sorted({(min(i, j), max(i, j)) for i, minhash in enumerate(minhashes)
                            for j in lsh.query(minhash) if i != j})
        scores = np.array(sorted((jaccard(sets[i], sets[j]) for i, j in different),
                                 reverse=True))
        print(f"k={size}: heavy copy vs original  min {min(copies):.3f}  p1 "
              f"{np.percentile(copies, 1):.3f}  p5 {np.percentile(copies, 5):.3f}  "
              f"median {np.median(copies):.3f}")
        for threshold in (0.5, 0.6, 0.65, 0.7, 0.75):
            print(f"      at {threshold}: light copies joined {(light >= threshold).mean():.3f}, "
                  f"heavy copies {(copies >= threshold).mean():.3f} (of articles of 200+ "
                  f"words {(copies[long_ones] >= threshold).mean():.3f})")
        print(f"      different articles, {len(scores)} LSH candidate pairs: top 10 "
              f"{np.round(scores[:10], 3).tolist()}; pairs >= 0.3: {(scores >= 0.3).sum()}, "
              f">= 0.5: {(scores >= 0.5).sum()}")
    print(f"the pipeline's choice: k={stories.SHINGLE_WORDS}, threshold "
          f"{stories.SIMILARITY_THRESHOLD}, {stories.BANDS} bands x {stories.BAND_ROWS}")


if __name__ == "__main__":
    main()
