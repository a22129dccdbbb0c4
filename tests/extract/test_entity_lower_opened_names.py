"""Names opening with a few lower-case letters before a capital, as products and companies write theirs ("uBlock",
"eBay", "iPhone", "macOS"; issue 14): the name keeps its first word, where it lost it to the rule that a name opens
with a capital ("uBlock Origin" became the Organization "Origin"); a listed company so written, or written in
CamelCase, is that company, no code identifier. The real text is the trial Discourse topic of uBlock Origin's support
thread (tests/data/trial, its README)."""

import re
from pathlib import Path

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.extract.register import lower_opened
from graphkit.sources import expand_inputs, read_posts
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")

TOPIC = Path(__file__).parents[1] / "data" / "trial" / "discourse-mozilla-topic-1148.json"


def test_a_product_named_lower_case_first_keeps_its_first_word():
    """The topic writes "uBlock Origin" ten times, "Origin" never without "uBlock" before it: no entity is
    "Origin" alone."""
    posts = list(read_posts(expand_inputs([str(TOPIC)])))
    texts = [p.text for p in posts]
    assert sum(t.count("uBlock Origin") for t in texts) >= 10
    assert not any(re.search(r"(?<!uBlock )\bOrigin\b", t) for t in texts)
    nodes = [n for n in Extractor().extract(posts).nodes if n.label in schema.ENTITY_LABELS]
    forms = {form for n in nodes for form in (n.props["name"], *n.props["aliases"])}
    assert "Origin" not in forms, sorted(forms)


@pytest.mark.parametrize("name", ["eBay", "PayPal", "ExxonMobil"])
def test_a_listed_company_written_as_brands_are_is_that_company(name: str):
    """Before, "eBay" lost its first letter's word and "PayPal" or "ExxonMobil" read as code identifiers (CamelCase):
    none was found."""
    found = entities_in(f"I bought the card on {name} last week and paid for it.")
    assert label_of(found, name) == schema.ORGANIZATION, found


def test_lower_opened_shapes():
    assert all(map(lower_opened, ["uBlock", "iPhone", "eBay", "macOS", "iPad"]))
    assert not any(map(lower_opened, ["kWh", "mAh", "iOS", "block", "Block", "McDonald", "aarch64", "e-Bay"]))
