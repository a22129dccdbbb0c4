"""Entity rules for the Hacker News register (issue 14): companies named by their web address, by a site the thread
links to, or by everyday words and a company's head. Each text is a real comment of a development thread
(tests/data/entities/hn-whoishiring-2020-01-45, a "Who is hiring?" thread), cut to the sentences the rule reads,
unless said otherwise."""

import pytest

from graphkit import schema
from graphkit.extract.links import named_by_address
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_company_named_by_its_web_address_is_a_body():
    """The model tags "Beautiful.ai" as a body once, at a sentence's start, and "MD.ai" not at all."""
    found = entities_in(
        "Beautiful.ai | Software Engineer, Front End | San Francisco, CA | Full-time | REMOTE or San Francisco, CA",
        "MD.ai | Software Engineer | Full-time | New York, NY / Seattle, WA | Onsite OR Remote (USA only)\n\nWe are a "
        "medical AI development platform (https://www.md.ai), currently focused on radiology/pathology/dermatology.",
    )
    assert [label_of(found, form) for form in ("Beautiful.ai", "MD.ai")] == [schema.ORGANIZATION] * 2, found


def test_a_file_or_a_library_named_with_a_suffix_is_no_web_address():
    """A suffix of a country's domain that is also a file's extension names the file (the mapnik mailing list's
    "Makefile.am"), and "Node.js" ends in no domain's suffix; a link or a mail address is no name."""
    assert [named_by_address(w) for w in ("Amazon.com", "Clay.run", "Makefile.am", "Node.js", "md.ai")] == [
        True,
        True,
        False,
        False,
        False,
    ]
    found = entities_in(
        "I've just commited a new input plugin for kismet support. I added a Makefile.am\nfor myself. If you need a "
        "SConstruct file please add one yourself.",
        "Please email us directly at jobs@md.ai or see https://Searchable.ai/jobs.",
    )
    assert not {"Makefile.am", "md.ai", "Searchable.ai"} & forms_of(found), found


def test_a_word_the_thread_links_to_as_a_site_is_a_name_once_written():
    """ "Scite" opens a post once (the thread writes "scite" in lower case as the site's name too): a rare word at a
    sentence's start, which alone makes no name, but the site linked under it says a company."""
    found = entities_in(
        "Scite | Senior Full-Stack Developer | Remote/NYC | https://scite.ai/jobs\n\nscite is a startup based in "
        "Brooklyn, working to help tackle the reproducibility problem in science by mining and analyzing existing "
        "literature. For more info on us see https://scite.ai."
    )
    assert label_of(found, "Scite") == schema.ORGANIZATION, found


def test_everyday_words_ending_in_a_companys_head_name_a_company():
    """A phrase of everyday words written once is no name ("Send Berbers"), but one the model reads as a body that ends
    in a company's head is ("Valve Software", "First Round Capital"); a job's field so written is none."""
    found = entities_in(
        "CodeWeavers partnered with Valve Software to integrate Wine into the Steam for Linux client as a part of the "
        "Steam Play (Proton) initiative.",
        "We are well funded by Trinity Ventures, Shasta Ventures, and First Round Capital. We launched in February "
        "2018 and have been growing quickly.",
        "I am actively looking for Software Engineering positions, and I believe I would be a great fit for your "
        "company.",
    )
    labels = [label_of(found, form) for form in ("Valve Software", "First Round Capital")]
    assert labels == [schema.ORGANIZATION] * 2, found
    assert label_of(found, "Software Engineering") is None, found


def test_a_job_named_in_english_words_is_no_body():
    """A job post's opening, in English words ending in a job ("Software Engineer", "Senior Systems Engineers"), which
    the model reads as a body, written twice (once would be a phrase of common words): no one's name, as "Police
    Officer" is none."""
    found = entities_in(
        "Slab | Software Engineer | San Francisco, CA or Remote | Full-time | REMOTE",
        "MD.ai | Software Engineer | Full-time | New York, NY / Seattle, WA | Onsite OR Remote (USA only)",
        "We're also seeking Senior Systems Engineers with open source experience.\n\n"
        "Senior Senior Systems Engineer:\n\nWe are seeking Senior Systems Engineers to work either remotely or out of "
        "our Waltham, MA office.",
    )
    assert not {"Software Engineer", "Senior Systems Engineers"} & forms_of(found), found
    assert label_of(found, "Waltham") == schema.PLACE, found
