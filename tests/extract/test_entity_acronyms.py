"""Bodies written only as their acronyms (issue 14): an acronym the thread spells out, one the words around it make a
body's, and an acronym made plural, which names a kind of thing. Each text is a real comment or mail of the
development threads (tests/data/entities), cut to the sentences the rule reads."""

import pytest

from graphkit import schema
from graphkit.extract.aliases import find_definitions
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")

# hn-whoishiring-2020-01-45: a reply quoting a start-up's landing page
FUNDED = (
    'from their landing page:  "Funded in part by the National Science Foundation and the National Institute on Drug '
    'Abuse (NIDA) of the National Institutes of Health (NIH)."'
)


def test_an_acronym_spelt_out_with_small_words_is_the_full_names():
    """A full name whose capitalised words the acronym's letters begin, joined by "on": the model reads neither the
    name nor the acronym, so the acronym's entity is named by the name it spells out."""
    found = entities_in(FUNDED)
    assert found["National Institute on Drug Abuse"] == (
        schema.ORGANIZATION,
        {"National Institute on Drug Abuse", "NIDA"},
    ), found
    assert label_of(found, "National Institutes of Health") == schema.ORGANIZATION, found


def test_an_acronym_before_its_full_name_in_brackets_is_defined():
    """The definition written the other way round, the acronym first: the same pair, and "of the" before it is no
    part of the name; two capitalised words are no acronym's definition unless its letters begin them."""
    assert find_definitions("Funded by NIDA (the National Institute on Drug Abuse) of the NIH.") == [
        ("National Institute on Drug Abuse", "NIDA")
    ]
    assert find_definitions("I saw NIDA (National Science) today.") == []


def test_an_acronym_after_a_persons_name_and_of_is_a_body():
    """bvparishat-2009-06-72: "SOAS", which the model reads as no name, after "Prof. Brough of"."""
    found = entities_in(
        "Will the scholars give me information about this Prakrit; its relation to Gandhar; its features particularly "
        "in Kharoshthi script and scanned material, if any, particularly that of Prof. Brough of SOAS? Regards, "
        "SPNarang"
    )
    assert label_of(found, "SOAS") == schema.ORGANIZATION, found


def test_capitals_listed_after_a_body_are_bodies():
    """hn-whoishiring-2020-01-45: "CRV" and "NEA", investors listed after Matrix Partners, read as bodies by the
    model but shouted capitals to the rules."""
    found = entities_in(
        "We are a small team of experienced developers and designers. We've raised a 3.6M seed from Matrix Partners, "
        "CRV, NEA, and relevant investors who have all started companies themselves."
    )
    assert label_of(found, "NEA") == schema.ORGANIZATION, found
    assert label_of(found, "CRV") == schema.ORGANIZATION, found


def test_a_known_bodys_acronym_with_an_s_is_its_possessive():
    """globe-trump-victory-126: "CNNs lead pollster", which the model reads as no name."""
    found = entities_in(
        "Chuck Todd of NBC was the only guy last night that got it early last night and spoke about a massive un "
        "polled demographic.  I look forward to seeing CNNs lead pollster eat a bug on TV today like he said he would "
        "if Trump won."
    )
    assert label_of(found, "CNNs") == schema.ORGANIZATION, found
    assert label_of(found, "NBC") == schema.ORGANIZATION, found


def test_an_acronym_made_plural_is_no_body():
    """hn-whoishiring-2020-01-45: "PMs" (product managers) at the end of a job post's list, read as a body."""
    found = entities_in(
        "We're currently looking for:\n\nSenior DevOps Engineers, Senior Backend Engineers, Data Engineers, Software "
        "Engineers, a Lead UI/UX Designer, Frontend Engineers, Senior Frontend Engineers, Software Engineers in Test - "
        "QA, Site Reliability Engineers, & PMs"
    )
    assert "PMs" not in forms_of(found), found
