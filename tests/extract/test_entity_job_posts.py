"""Job posts' header lines (issue 14): "Company | Role | Place | REMOTE | Full-time | $salary". Checked on the first 40
comments of Hacker News's "Who is hiring? (July 2024)" (tests/data/entities/hn-whoishiring-2024-07-40.json), where
the model read "Remote" as a person and "Onsite", "Full-Time" and "SF" as bodies. What each check expects is read from
the file's header lines by the test itself, with no rule of graphkit's."""

import json
import re
from functools import cache
from pathlib import Path

import pytest

from graphkit import schema
from graphkit.extract.job_posts import header_fields
from graphkit.sources._shared import html_to_text
from tests.extract.entity_texts import entities_in

pytestmark = pytest.mark.usefixtures("entity_model")

THREAD = Path(__file__).parents[1] / "data" / "entities" / "hn-whoishiring-2024-07-40.json"


@cache
def texts() -> tuple[str, ...]:
    comments = json.loads(THREAD.read_text(encoding="utf-8"))["comments"]
    return tuple(html_to_text(c["text"]) for c in comments if c.get("text"))


@cache
def found() -> dict[str, tuple[str, set[str]]]:
    return entities_in(*texts())


def headers() -> list[list[str]]:
    """Each post's first line cut at its pipes, where it has two or more."""
    lines = [text.split("\n", 1)[0] for text in texts()]
    return [[f.strip() for f in line.split("|")] for line in lines if line.count("|") >= 2]


def lower_words() -> set[str]:
    """Words the posts write in lower case ("fully remote", "3x/week in office (onsite)"), outside links."""
    prose = (re.sub(r"\S*(?:https?://|www\.)\S*", " ", text) for text in texts())
    return {w for text in prose for w in re.findall(r"\b[a-z][a-z-]+\b", text)}


def test_header_words_the_posts_write_in_lower_case_are_no_entities():
    """A capitalised word of a header's field after the first that the posts write in lower case ("Remote", "ONSITE",
    "Full-Time", "Hybrid": "fully remote", "(onsite)") is a job's term, no one's name."""
    lower = lower_words()
    # a word the posts' prose capitalises inside a sentence may name something there ("one of Time's 100 Most
    # Influential Companies"): only the header's use of it is checked, which this test cannot tell from a name's
    prose = [line for text in texts() for line in text.split("\n") if line.count("|") < 2]
    named = {w for line in prose for w in re.findall(r"(?<=[a-z,] )[A-Z][A-Za-z]*(?:-[A-Za-z]+)*", line)}
    terms = {
        word
        for fields in headers()
        for field in fields[1:]
        for word in re.findall(r"\b[A-Z][A-Za-z]*(?:-[A-Za-z]+)*\b", field)
        if word.lower() in lower and word not in named and not (word.isupper() and len(word) < 4)  # "US", "EU"
    }
    assert {"Remote", "REMOTE", "ONSITE", "Full-Time", "Hybrid"} <= terms, terms  # the file as the issue saw it
    forms = {form for _, names in found().values() for form in names}
    assert not terms & forms, sorted(terms & forms)


def test_a_city_abbreviated_in_a_place_field_is_a_place():
    """Capitals in a header's field beside a place the model reads as one ("SF/Denver/REMOTE", "in-office SF/NYC") are
    a city's letters, not a body's."""
    listed = {
        acronym
        for fields in headers()
        for field in fields[1:]
        for acronym in re.findall(r"(?<![\w-])[A-Z]{2,3}(?=/)|(?<=/)[A-Z]{2,3}(?![\w-])", field)
    }
    assert {"SF", "NYC"} <= listed, listed
    labels = {form: label for label, forms in found().values() for form in forms}
    assert [labels.get(form) for form in ("SF", "NYC")] == [schema.PLACE] * 2, found()


def test_the_company_field_is_a_body():
    """A post's first field of one word ("Antithesis", "Umbra", "PostHog", "DuckDuckGo") is the company hiring: nine
    in ten of them are found as bodies, where the model reads many as nothing (before, 12 of 25), and none is a
    place. Left: "Iris", a given name its post's prose reads as someone's ("Iris brings AI superpowers to your
    camera"), and "Stainless", an English word."""
    companies = {fields[0] for fields in headers() if re.fullmatch(r"[A-Z][\w.]+", fields[0])}
    labels = {form: label for label, forms in found().values() for form in forms}
    bodies = {c for c in companies if labels.get(c) == schema.ORGANIZATION}
    assert len(bodies) >= 0.9 * len(companies) >= 20, sorted(companies - bodies)
    assert not {c for c in companies if labels.get(c) == schema.PLACE}, labels


def test_header_fields_are_cut_at_pipes_and_a_first_lines_slashes():
    """Pipes cut fields on any line of three fields or more; spaced slashes only on a post's first line; a Markdown
    table's row and a field running into prose are no header."""
    text = "Acme / Engineer / Remote\nWe build things / ship them / fast\n| a | b | c |\nRole | NYC | " + "word " * 20
    fields = [(text[f.start : f.end].strip(), f.index, f.opens_post) for f in header_fields(text)]
    first = [("Acme", 0, True), ("Engineer", 1, True), ("Remote", 2, True)]
    assert fields == [*first, ("Role", 0, False), ("NYC", 1, False)]
