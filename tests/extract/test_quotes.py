"""Attributed speech (speaker after/before the quote, pronouns, Unicode and ASCII marks) and post quotes."""

from graphkit.extract.quotes import find_post_quotes, find_speech


def test_speaker_after_the_quote_with_unicode_marks():
    text = "“We will not give in to pressure,” Lavrov said."
    [s] = find_speech(text)
    assert text[s.start : s.end] == "We will not give in to pressure,"
    assert s.speaker == "Lavrov" and not s.refers_back


def test_verb_before_speaker_and_ascii_marks():
    text = '"The talks are over for now," said Jane Smith on Monday.'
    [s] = find_speech(text)
    assert s.speaker == "Jane Smith"


def test_role_or_pronoun_refers_back():
    [s] = find_speech("“This is another respite for them,” the Foreign Minister noted.")
    assert s.refers_back and s.speaker == "the Foreign Minister"
    [s] = find_speech('He said: "we have been through this before."')
    assert s.refers_back


def test_scare_quotes_are_not_speech():
    assert find_speech("He called it “absurd” and left, Lavrov said.") == []


def test_post_quote_markers():
    text = "Your post? >> The elite works this way.\n> second quoted line\nMy answer."
    quotes = find_post_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["The elite works this way.", "second quoted line"]
    assert all(q.marked for q in quotes)


def test_post_quotes_in_each_kind_of_mark_alone():
    curly = "I said “we never agreed to any of these terms at all” and meant it"
    straight = 'I said "we never agreed to any of these terms at all" and meant it'
    marked = "> we never agreed"
    for text, quoted, marked_by in ((curly, 1, False), (straight, 1, False), (marked, 1, True), ("no marks", 0, None)):
        quotes = find_post_quotes(text)
        assert len(quotes) == quoted, text
        assert all(q.marked is marked_by for q in quotes)
    assert [curly[q.start : q.end] for q in find_post_quotes(curly)] == ["we never agreed to any of these terms at all"]
