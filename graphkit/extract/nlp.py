"""Loading the spaCy pipeline once, with only the components entity extraction needs."""

from __future__ import annotations

from functools import cache

from ..errors import InputError

__all__ = ["load", "KEEP"]

KEEP = ("tok2vec", "ner")  # sentences, quotes and addresses come from rules, not the parser


@cache
def load(model: str):
    """The named spaCy pipeline with every component but ``KEEP`` disabled (faster, same entities).

    Cached per name: every extractor of a process shares one loaded model.
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise InputError(f"spaCy cannot be imported ({exc}); install graphkit's dependencies") from None
    try:
        nlp = spacy.load(model)
    except OSError:
        package = model.replace("_", "-")
        raise InputError(f"spaCy model {model!r} is not installed (pip install {package})") from None
    if "ner" not in nlp.pipe_names:
        raise InputError(f"spaCy model {model!r} has no 'ner' component")
    nlp.select_pipes(disable=[name for name in nlp.pipe_names if name not in KEEP])
    return nlp
