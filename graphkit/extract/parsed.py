"""The parsed texts the entity rules read: tokens and entities only, as plain Python objects made once a post.

The rules look a post's tokens up a few thousand times: each ``doc[i]`` of spaCy makes a new ``Token``, and each of
its string attributes (``text``, ``lower_``, ``ent_type_``) is looked up in the string store and decoded again, which
was most of the rules' time. ``Parsed`` keeps the text, and for each token what the rules read of it (the attributes
in ``Token.__slots__``), taken from the model's doc in one ``to_array``, and the entities' bounds and labels; nothing
else of the model's doc is kept, so the doc is freed once read. ``Parsed``, ``Token`` and ``Span`` answer as spaCy's
do for what they keep (same values, ``char_span`` aligned the same way), but that spaCy's ``doc[start:end]`` is
``doc.span(start, end)`` here: a slice of a ``Parsed`` is a plain list of its tokens. No object refers back to one
that holds it (a token reaches its doc through a weak reference, entities are made when asked for), so a post's
``Parsed`` is freed as soon as the rules let go of it, without waiting for the garbage collector. Docs come to the
rules through ``parsed`` (where the model ran) or ``portable`` and ``rebuilt`` (in the parent, from a worker's small
array per doc), so the rules see the same docs either way.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from operator import attrgetter

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
    return start, (end if end > start else start)


class Token:
    """One token as the rules read it (see the module's docstring)."""

    __slots__ = (
        "_doc",
        "i",
        "idx",
        "text",
        "lower_",
        "whitespace_",
        "ent_type_",
        *_FLAGS,
    )

    @property
    def doc(self) -> Parsed | None:
        """The doc the token is of (None once that doc is freed)."""
        return self._doc()

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_


class Span(list):
    """Tokens ``start`` to ``end`` of a ``Parsed``, a list of them as the ``Parsed`` is, so that ``len``, iteration and
    indexing run in C (the rules ask some 80 times a post); an entity has its ``label_``. A slice is a plain list of
    its tokens, as a ``Parsed``'s is."""

    __slots__ = ("doc", "start", "end", "label_")

    def __init__(self, doc: Parsed, start: int, end: int, label: str = "") -> None:
        list.__init__(self, doc.tokens[start:end])
        self.doc, self.start, self.end, self.label_ = doc, start, end, label

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
        """``doc.text[start_char:end_char]``, worked out in one call: the rules read dozens a post."""
        start, end = self.start, self.end
        if start >= end:
            return ""
        tokens = self.doc.tokens
        last = tokens[end - 1]
        return self.doc.text[tokens[start].idx : last.idx + len(last.text)]

    @property
    def text_with_ws(self) -> str:
        end = self.end_char
        if self.start < self.end:
            end += len(self.doc.tokens[self.end - 1].whitespace_)
        return self.doc.text[self.start_char : end]

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        # a span is no list of tokens (as spaCy's): the list's own comparison would compare the tokens alone
        if not isinstance(other, Span):
            return False
        return (self.doc, self.start, self.end, self.label_) == (other.doc, other.start, other.end, other.label_)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((self.doc, self.start, self.end, self.label_))


class Parsed(list):
    """A post's text, its tokens and the model's entities (see the module's docstring). A list of its tokens, so that
    ``len``, iteration and indexing, which the rules ask for some 700 times a post, run in C; compared and hashed by
    identity, as a doc is. ``tokens`` is the same tokens in a list of their own (a doc holding itself would wait for the
    garbage collector)."""

    __slots__ = ("text", "tokens", "_ents", "__weakref__")
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    def span(self, start: int, end: int) -> Span:
        """Tokens ``start`` to ``end`` as a span, what spaCy's ``doc[start:end]`` gives (same bounds). Indexing a
        ``Parsed`` is the list's own: the rules index tokens some 400 times a post, and a method telling an index from
        a slice took a seventh of their time."""
        if 0 <= start <= end <= len(self.tokens):
            return Span(self, start, end)
        return Span(self, *_bounds(slice(start, end), len(self.tokens)))

    @property
    def ents(self) -> tuple[Span, ...]:
        return tuple([Span(self, start, end, label) for start, end, label in self._ents])

    def ent_texts(self, label: str) -> list[str]:
        """The texts of the entities labelled ``label``, what ``ent.text`` gives of each, without making the spans: the
        rules ask a post's people's names once for each name a common word opens."""
        tokens, text = self.tokens, self.text
        return [
            text[tokens[start].idx : tokens[end - 1].idx + len(tokens[end - 1].text)] if start < end else ""
            for start, end, each in self._ents
            if each == label
        ]

    def char_span(self, start_idx: int, end_idx: int, label: str = "", alignment_mode: str = "strict") -> Span | None:
        """The tokens of ``text[start_idx:end_idx]``, aligned to tokens as spaCy's ``Doc.char_span`` aligns them
        ("strict": None unless both ends are tokens' bounds; "contract": the tokens wholly inside; "expand": the
        tokens it touches), None where no span is found."""
        if alignment_mode not in ("strict", "contract", "expand"):
            raise ValueError(f"unknown alignment mode {alignment_mode!r}")
        start, end = self._token_at(start_idx), self._token_at(end_idx - 1)
        if start < 0 or end < 0:
            return None
        first, last = self.tokens[start], self.tokens[end]
        if alignment_mode == "strict" and (start_idx != first.idx or end_idx != last.idx + len(last.text)):
            return None
        if alignment_mode == "contract":
            start += first.idx < start_idx
            end -= end_idx < last.idx + len(last.text)
            if end < start:
                return None
        elif alignment_mode == "expand" and start_idx == first.idx + len(first.text):
            start += 1  # only the token's trailing space is touched
        return Span(self, start, end + 1, label)

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing space holds character ``char``, -1 for none."""
        i = bisect_right(self.tokens, char, key=attrgetter("idx")) - 1
        if i < 0:
            return -1
        tok = self.tokens[i]
        return i if char < tok.idx + len(tok.text) + len(tok.whitespace_) else -1


def parsed(doc: Doc, text: str) -> Parsed:
    """What the rules read of ``doc``, the model's doc of ``text``."""
    out = Parsed()
    out.text = text
    ref = weakref.ref(out)
    strings = doc.vocab.strings
    labels: dict[int, str] = {0: ""}
    tokens = []
    kept = doc.to_array(_KEPT)
    rows = zip(kept[:, :4].tolist(), kept[:, 4:].astype(bool).tolist(), strict=True)  # the flags made bools at once
    for i, ((idx, length, space, label), flags) in enumerate(rows):
        tok = Token()
        tok._doc, tok.i, tok.idx = ref, i, idx
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
        ) = flags
        tokens.append(tok)
    out.tokens = tokens
    out.extend(tokens)
    out._ents = tuple((ent.start, ent.end, ent.label_) for ent in doc.ents)
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
