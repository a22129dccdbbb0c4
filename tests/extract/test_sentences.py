"""Rule-based sentences: glued sentences split, titles and initials do not."""

import threading

from graphkit.extract.sentences import _BREAK, MAX_SENTENCE, Sentences


def test_titles_and_initials_do_not_end_a_sentence():
    text = "Unfortunately Mr. Lavrov, you are right. The U.S. forces left."
    s = Sentences(text)
    assert s.at(text.index("Lavrov")) == "Unfortunately Mr. Lavrov, you are right."
    assert s.at(text.index("forces")) == "The U.S. forces left."


def test_glued_sentences_and_lines_split():
    text = "He risk the soldiers.He must stay\nNew line here"
    s = Sentences(text)
    assert s.at(text.index("must")) == "He must stay"
    assert s.at(text.index("line")) == "New line here"
    assert list(s) == [(0, 21), (21, 33), (34, 47)]


def test_a_long_post_splits_in_linear_time():
    import time

    def seconds(n: int) -> float:
        text = "The U.S. envoy met Mr. Smith in Paris. " * n
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            assert len(list(Sentences(text))) == n
            best = min(best, time.process_time() - start)
        return best

    # ten times the text: about ten times the time when linear, a hundred when every split rescans the text
    assert seconds(5_000) / seconds(500) < 35


def test_runs_of_marks_closing_quotes_and_blank_lines_split_once():
    """A run of marks ends one sentence (a mark that opens the text one of its own), closing quotes and brackets stay
    with it, blank lines are one break, and a mark at the end breaks nothing."""
    texts = {
        'Wait!!! Really?! "Yes." Then\n\n\nok…Then': ["Wait!!!", "Really?!", '"Yes."', "Then", "ok…", "Then"],
        ".A start": [".", "A start"],
        "a.b.c. D was (here.) Yes": ["a.b.c. D was (here.)", "Yes"],
        "?!…“Quoted.”Then no.": ["?!…", "“Quoted.”", "Then no."],
        "end.\n": ["end."],
    }
    for text, sentences in texts.items():
        assert [text[start:end] for start, end in Sentences(text)] == sentences


def test_a_sentence_is_the_same_at_any_offset_and_a_cut_one_is_cut_around_each():
    """Asked at several offsets, a sentence is worked out once and is the same; a wall of text without a break is cut
    to ``MAX_SENTENCE`` characters around each offset asked for, whichever was asked first."""
    text = "Short one here. " + " ".join(f"word{i}" for i in range(600)) + " end. Last one."
    s = Sentences(text)
    assert s.at(0) is s.at(6) == "Short one here."
    first, later = text.index("word0"), text.index("word300")
    far, near = s.at(later), s.at(first)
    assert len(far) <= MAX_SENTENCE and len(near) <= MAX_SENTENCE
    assert near.startswith("word0 ") and "word300" in far and "word300" not in near
    assert (s.at(later), s.at(first)) == (far, near)
    assert s.at(text.index("Last")) == "Last one."


def test_a_thread_asking_while_another_splits_the_text_finds_every_sentence(monkeypatch):
    """The starts are published once all are found: a second thread asking for a sentence while the first is still
    splitting the text splits it too, where it found the first thread's starts so far (only 0: the whole text)."""
    text = "First one. Second one. Third one. Fourth one."
    paused, go = threading.Event(), threading.Event()

    class Pausing:
        def finditer(self, string):
            for i, match in enumerate(_BREAK.finditer(string)):
                if i == 1 and not paused.is_set():
                    paused.set()
                    go.wait()
                yield match

    monkeypatch.setattr("graphkit.extract.sentences._BREAK", Pausing())
    s = Sentences(text)
    first = threading.Thread(target=s.at, args=(0,))
    first.start()
    paused.wait()
    try:
        assert s.at(text.index("Third")) == "Third one."
    finally:
        go.set()
        first.join()
    assert s.at(0) == "First one."
