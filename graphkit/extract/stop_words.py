"""spaCy's English stop words, read from spaCy's own file without importing spaCy: importing it takes one to two
seconds of CPU, which a load without entities, never running the model, spent for this set alone."""

from __future__ import annotations

import importlib.util
import os

__all__ = ["STOP_WORDS"]


def _read() -> set[str]:
    spacy = importlib.util.find_spec("spacy")  # finds the package without importing it
    if spacy is None or spacy.origin is None:
        raise ImportError("spaCy is not installed")
    path = os.path.join(os.path.dirname(spacy.origin), "lang", "en", "stop_words.py")
    spec = importlib.util.spec_from_file_location("graphkit_spacy_en_stop_words", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"spaCy's English stop words are not at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.STOP_WORDS


STOP_WORDS = _read()
