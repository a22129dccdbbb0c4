"""The parsed texts the entity rules read: tokens and entities only, as plain Python objects made once a post.

The rules look a post's tokens up a few thousand times: each ``doc[i]`` of spaCy makes a new ``Token``, and each of
its string attributes (``text``, ``lower_``, ``ent_type_``) is looked up in the string store and decoded again, which
was most of the rules' time. ``Parsed`` holds, for each token, what the rules read of it, taken from the model's doc
in one ``to_array``; ``Parsed``, ``Token`` and ``Span`` answer as spaCy's do (same values, same slicing), and any
attribute they do not keep is read from the model's doc. Docs come to the rules through ``parsed`` (where the model
ran) or ``portable`` and ``rebuilt`` (in the parent, from a worker's small array per doc), so the rules see the same
docs either way.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from spacy.attrs import (
    ENT_IOB,
    ENT_TYPE,
    IDX,
    IS_ALPHA,
    IS_DIGIT,
    IS_LEFT_PUNCT,
    IS_LOWER,
    IS_PUNCT,
    IS_QUOTE,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    IS_UPPER,
    LENGTH,
    LIKE_NUM,
    SPACY,
)
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["Parsed", "Token", "Span", "parsed", "portable", "rebuilt"]

_COLUMNS = [LENGTH, SPACY, ENT_IOB, ENT_TYPE]
# each flag the rules read of a token, by its name and spaCy's attribute
_FLAGS = {
    "is_alpha": IS_ALPHA,
    "is_title": IS_TITLE,
    "is_lower": IS_LOWER,
    "is_upper": IS_UPPER,
    "is_stop": IS_STOP,
    "is_space": IS_SPACE,
    "is_punct": IS_PUNCT,
    "is_digit": IS_DIGIT,
    "is_quote": IS_QUOTE,
    "is_left_punct": IS_LEFT_PUNCT,
    "like_num": LIKE_NUM,
}
_KEPT = [IDX, LENGTH, SPACY, ENT_TYPE, *_FLAGS.values()]


def _bounds(i: slice, length: int) -> tuple[int, int]:
    """Where a slice of ``length`` tokens starts and ends, as spaCy's ``normalize_slice`` says (an end before the
    start is the start), with ``slice.indices`` doing the clipping."""
    start, end, step = i.indices(length)
    if step != 1:
        raise ValueError("a parsed text is sliced with step 1 only")
    return start, max(start, end)


class Token:
    """One token as the rules read it (see the module's docstring)."""

    __slots__ = (
        "doc",
        "i",
        "idx",
        "text",
        "lower_",
        "whitespace_",
        "ent_type_",
        *_FLAGS,
    )

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    def __getattr__(self, name: str):
        return getattr(self.doc.source[self.i], name)


class Span:
    """Tokens ``start`` to ``end`` of a ``Parsed``; an entity has its ``label_``."""

    __slots__ = ("doc", "start", "end", "label_")

    def __init__(self, doc: Parsed, start: int, end: int, label: str = "") -> None:
        self.doc, self.start, self.end, self.label_ = doc, start, end, label

    def __len__(self) -> int:
        return max(0, self.end - self.start)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc.tokens[self.start : self.end])

    def __getitem__(self, i: int | slice) -> Token | Span:
        if isinstance(i, slice):
            start, end = _bounds(i, len(self))
            return Span(self.doc, start + self.start, end + self.start)
        at = self.end + i if i < 0 else self.start + i
        if not self.start <= at < self.end:
            raise IndexError(f"token {i} of a span of {len(self)}")
        return self.doc.tokens[at]

    @property
    def start_char(self) -> int:
        tokens = self.doc.tokens
        return tokens[self.start].idx if self.start < len(tokens) else len(self.doc.text)

    @property
    def end_char(self) -> int:
        if self.start >= self.end:
            return self.start_char
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char : self.end_char]

    @property
    def text_with_ws(self) -> str:
        end = self.end_char
        if self.start < self.end:
            end += len(self.doc.tokens[self.end - 1].whitespace_)
        return self.doc.text[self.start_char : end]

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def __getattr__(self, name: str):
        return getattr(self.doc.source[self.start : self.end], name)


class Parsed:
    """A post's text, its tokens and the model's entities (see the module's docstring); ``source`` is the spaCy doc
    they were read from."""

    __slots__ = ("text", "tokens", "ents", "source")

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __getitem__(self, i: int | slice) -> Token | Span:
        if isinstance(i, slice):
            return Span(self, *_bounds(i, len(self.tokens)))
        return self.tokens[i]

    def __getattr__(self, name: str):
        return getattr(self.source, name)


def parsed(doc: Doc, text: str) -> Parsed:
    """What the rules read of ``doc``, the model's doc of ``text``."""
    out = Parsed()
    out.text, out.source = text, doc
    strings = doc.vocab.strings
    labels: dict[int, str] = {0: ""}
    tokens = []
    rows = doc.to_array(_KEPT).tolist()
    for i, (idx, length, space, label, *flags) in enumerate(rows):
        tok = Token()
        tok.doc, tok.i, tok.idx = out, i, idx
        tok.text = word = text[idx : idx + length]
        tok.lower_ = word.lower()
        tok.whitespace_ = " " if space else ""
        if label not in labels:
            labels[label] = strings[label]
        tok.ent_type_ = labels[label]
        (  # in ``_FLAGS``' order
            tok.is_alpha,
            tok.is_title,
            tok.is_lower,
            tok.is_upper,
            tok.is_stop,
            tok.is_space,
            tok.is_punct,
            tok.is_digit,
            tok.is_quote,
            tok.is_left_punct,
            tok.like_num,
        ) = map(bool, flags)
        tokens.append(tok)
    out.tokens = tokens
    out.ents = tuple(Span(out, ent.start, ent.end, ent.label_) for ent in doc.ents)
    return out


def portable(doc: Doc) -> np.ndarray:
    """What the rules need of a parsed doc besides its text: each token's length and trailing space, and the
    entities (spaCy's IOB codes and label ids, which every process of a run shares with its model)."""
    return doc.to_array(_COLUMNS)


def rebuilt(vocab: Vocab, text: str, columns: np.ndarray) -> Parsed:
    """The doc of ``text`` that ``portable`` gave ``columns`` for."""
    ends = np.cumsum(columns[:, 0] + columns[:, 1])
    starts = (ends - columns[:, 1] - columns[:, 0]).tolist()
    words = [text[start : start + length] for start, length in zip(starts, columns[:, 0].tolist(), strict=True)]
    doc = Doc(vocab, words=words, spaces=columns[:, 1].astype(bool).tolist())
    return parsed(doc.from_array([ENT_IOB, ENT_TYPE], columns[:, 2:]), text)
