"""NER in a long-lived process that is not ours, such as a Dask worker: the model is loaded
by the first chunk the process tags and kept for every chunk after it.

A Dask worker runs many tasks in one process, so a module-level cache is the model's life
there; this module is what a `tag_chunk` task calls, and it has no Prefect or Dask in it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsetl.nlp.tagging import SpanColumns, tag_texts

if TYPE_CHECKING:
    from spacy.language import Language

# Per process: the models loaded so far, by (model name, text limit).
_models: dict[tuple[str, int], Language] = {}
_loading = threading.Lock()


def resident_model(model_name: str, max_text_chars: int) -> Language:
    """The process's model for `model_name`, loaded on first use and kept."""
    key = (model_name, max_text_chars)
    with _loading:  # a worker with several threads must not load it twice
        if key not in _models:
            from newsetl.nlp.model import limit_blas_threads, load_ner_model

            limit_blas_threads()
            _models[key] = load_ner_model(model_name, max_text_chars)
        return _models[key]


def loaded_models() -> int:
    """How many models this process holds (a worker that keeps its model holds one)."""
    return len(_models)


def tag_with_resident_model(chunk: Sequence[tuple[str, str]], model_name: str,
                            max_text_chars: int, batch_size: int) -> SpanColumns:
    """The entity spans of (article_id, text) pairs, as plain columns, tagged with the
    process's resident model."""
    return tag_texts(resident_model(model_name, max_text_chars), chunk, batch_size)
