"""A prize's name glued by a hyphen to "winning" or "nominated" ("Oscar-winning actors", "Grammy-winning singers"):
the name is the prize's, no person's, though "Oscar" is a given name the lists hold (issue 14). The real text is a
comment of the trial's Reddit export of suspicious accounts (tests/data/trial, its README)."""

import re
from pathlib import Path

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.sources import expand_inputs, read_posts
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")

EXPORT = Path(__file__).parents[1] / "data" / "trial" / "reddit-suspicious-accounts-comments.csv"
PRIZED = re.compile(r"\b([A-Z][a-z]+)-(?:winning|nominated)\b")


def test_prizes_glued_to_winning_are_no_entities():
    """Every name the export writes only before "-winning" is no entity's name nor alias."""
    posts = list(read_posts(expand_inputs([str(EXPORT)])))
    texts = [p.text for p in posts]
    prizes = {m[1] for t in texts for m in PRIZED.finditer(t)}
    only_prized = {p for p in prizes if not any(re.search(rf"\b{p}\b(?!-)", t) for t in texts)}
    assert {"Oscar", "Grammy"} <= only_prized, prizes
    nodes = [n for n in Extractor().extract(posts).nodes if n.label in schema.ENTITY_LABELS]
    forms = {form for n in nodes for form in (n.props["name"], *n.props["aliases"])}
    assert not only_prized & forms, sorted(forms)


def test_a_given_name_without_the_hyphen_stays_a_person():
    found = entities_in("Oscar said he would win the race, and Oscar did.")
    assert label_of(found, "Oscar") == schema.PERSON, found
