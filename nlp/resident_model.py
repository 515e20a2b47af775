"""NER in a long-lived process that is not ours, such as a Dask worker: the models (and the
tone scorer) are loaded by the first chunk the process tags and kept for every chunk after it.

A Dask worker runs many tasks in one process, so a module-level cache is the models' life
there; this module is what a `tag_chunk` task calls, and it has no Prefect or Dask in it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from newsetl.nlp.workers import TaggingModels

if TYPE_CHECKING:
    from spacy.language import Language

    from newsetl.nlp.tagging import Tagged

# Per process: the models loaded so far, by (language → model name, text limit).
_models: dict[tuple[tuple[tuple[str, str], ...], int], TaggingModels] = {}
_loading = threading.Lock()


def resident_models(models: Mapping[str, str], max_text_chars: int) -> TaggingModels:
    """The process's models for `models` (ISO 639-1 code → spaCy model), loaded on first use
    and kept."""
    key = (tuple(sorted(models.items())), max_text_chars)
    with _loading:  # a worker with several threads must not load them twice
        if key not in _models:
            from newsetl.nlp.model import limit_blas_threads

            limit_blas_threads()
            _models[key] = TaggingModels(models, max_text_chars)
        return _models[key]


def resident_model(model_name: str, max_text_chars: int) -> Language:
    """The process's English model `model_name`, loaded on first use and kept."""
    return resident_models({"en": model_name}, max_text_chars).models["en"]


def loaded_models() -> int:
    """How many model sets this process holds (a worker that keeps its models holds one)."""
    return len(_models)


def tag_with_resident_models(chunk: Sequence[tuple[str, str]], models: Mapping[str, str],
                             language: str, max_text_chars: int, batch_size: int) -> Tagged:
    """Spans (and, in English, sentence tones) of (article_id, text) pairs in `language`,
    tagged with the process's resident model of that language."""
    return resident_models(models, max_text_chars).tag(chunk, batch_size, language)
