"""Loading the spaCy model: the one place it happens."""

from __future__ import annotations

import ctypes
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

# Components that produce entities. Everything else a trained pipeline carries (tagger,
# parser, lemmatizer…) costs time and leaves the entities unchanged (checked on
# en_core_web_sm 3.8), so it is not even loaded.
_ENTITY_COMPONENTS = {"ner", "entity_ruler", "span_ruler"}


def load_ner_model(model_name: str, max_text_chars: int) -> Language:
    """Load `model_name` with only its entity components (and the tok2vec they listen to),
    plus a rule sentencizer for sentence indexes, sized for texts of `max_text_chars`.

    Matrix products go to numpy (OpenBLAS) instead of thinc's default BLIS: the BLIS build
    spaCy ships picks its slow generic kernel on CPUs it does not know (this machine's AMD
    family 26), and there NER took 21% more CPU for the very same entities (checked span by
    span on the benchmark corpus).
    """
    import spacy
    from thinc.api import NumpyOps

    nlp = spacy.load(model_name, exclude=_components_to_exclude(model_name))
    _use_ops(nlp, NumpyOps(use_blis=False))
    if "sentencizer" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        # After ner, so sentence boundaries cannot change which entities are found.
        nlp.add_pipe("sentencizer", last=True)
    nlp.max_length = max(nlp.max_length, max_text_chars + 1)
    return nlp


def _use_ops(nlp: Language, ops: object) -> None:
    """Point every layer of every component at `ops` (thinc reads `model.ops` per call)."""
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def limit_blas_threads() -> None:
    """One BLAS thread in this process: NER workers run one per core, and OpenBLAS threads
    of two workers fighting over two cores spin instead of working.

    The environment variable covers a numpy not yet imported; an OpenBLAS already loaded
    is told through its own C entry point.
    """
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    if "numpy" not in sys.modules:
        return
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            libraries = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return
    for path in libraries:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                       "openblas_set_num_threads64_", "openblas_set_num_threads"):
            setter = getattr(library, symbol, None)
            if setter is not None:
                setter(1)
                break


def _model_config(model_name: str) -> dict[str, Any]:
    import spacy

    path = Path(model_name)
    if not path.exists():
        package_dir = spacy.util.get_package_path(model_name)
        path = next(p.parent for p in sorted(package_dir.rglob("config.cfg")))
    return spacy.util.load_config(path / "config.cfg").interpolate()


def _components_to_exclude(model_name: str) -> list[str]:
    config = _model_config(model_name)
    keep = {name for name in config["nlp"]["pipeline"] if name in _ENTITY_COMPONENTS}
    for name in list(keep):
        # A component listening to a shared tok2vec needs that upstream component loaded.
        tok2vec = config["components"][name].get("model", {}).get("tok2vec", {})
        if "Listener" in str(tok2vec.get("@architectures", "")):
            keep.add(tok2vec.get("upstream", "tok2vec"))
    return [name for name in config["nlp"]["pipeline"] if name not in keep]


def model_version(model_name: str) -> str:
    """`<lang>_<name>-<version>` of the model, read from its `meta.json` without importing
    spaCy (a run with nothing new never loads the NLP stack)."""
    path = Path(model_name)
    if not path.exists():
        spec = importlib.util.find_spec(model_name)
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError(f"spaCy model package {model_name!r} is not installed")
        path = Path(next(iter(spec.submodule_search_locations)))
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    return f"{meta.get('lang', '')}_{meta.get('name', model_name)}-{meta.get('version', '?')}"
