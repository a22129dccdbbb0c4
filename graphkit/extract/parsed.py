"""The parsed texts the entity rules read: tokens and entities only, on docs that know their text.

spaCy's ``Doc.text`` joins every token's text each time it is read, and the rules read a post's text a dozen
times: a fifth of their time on prose went to joining tokens. ``Parsed`` is a ``Doc`` given its text once. Docs
come to the rules through ``portable`` and ``rebuilt`` whether the model ran in this process or in a worker,
so the rules see the same docs either way; a worker sends one small array per doc (the parent has the text).
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, LENGTH, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["Parsed", "portable", "rebuilt"]

_COLUMNS = [LENGTH, SPACY, ENT_IOB, ENT_TYPE]


class Parsed(Doc):
    """A ``Doc`` whose text is kept, not joined from its tokens at each read."""

    @property
    def text(self) -> str:
        return self._text


def portable(doc: Doc) -> np.ndarray:
    """What the rules need of a parsed doc besides its text: each token's length and trailing space, and the
    entities (spaCy's IOB codes and label ids, which every process of a run shares with its model)."""
    return doc.to_array(_COLUMNS)


def rebuilt(vocab: Vocab, text: str, columns: np.ndarray) -> Parsed:
    """The doc of ``text`` that ``portable`` gave ``columns`` for."""
    ends = np.cumsum(columns[:, 0] + columns[:, 1])
    starts = (ends - columns[:, 1] - columns[:, 0]).tolist()
    words = [text[start : start + length] for start, length in zip(starts, columns[:, 0].tolist(), strict=True)]
    doc = Parsed(vocab, words=words, spaces=columns[:, 1].astype(bool).tolist())
    doc._text = text
    return doc.from_array([ENT_IOB, ENT_TYPE], columns[:, 2:])
