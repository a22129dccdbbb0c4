"""Entity rules for the misses and junk of a Linux kernel list's thread (issue 14): the security modules list's
October 2024 threads on inode numbers and on TOMOYO's loadable module (tests/data/entities/
lsm-inode-ino-tomoyo-2024-10-100), first scored before any rule was written for it. Nearly every mail of such a list
holds code (a patch, a quoted diff, a function's name in the prose), so a rule that reads code anywhere in a post reads
it in all of them; each text is a real mail of that thread. Below them, the rules' bounds, on short texts written as
mail is: what a trailer's form does not make a person, what a signature's mark does not exempt, a hostile line; and
what the US birth registrations, read for the thread's 'Linus', do not make a person."""

import time

import pytest
import spacy

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of, label_of, thread_texts

pytestmark = pytest.mark.usefixtures("entity_model")

_THREAD = "lsm-inode-ino-tomoyo-2024-10-100"


def test_code_quoted_above_a_signature_leaves_its_company_a_name():
    """Trond Myklebust signs 'Linux NFS client maintainer, Hammerspace' under quoted lines holding 'i_ino' and
    'nfs_fattr_to_ino_t()': code far from the signature, which says nothing of the word in it."""
    texts = thread_texts(_THREAD)
    trond = [t for t in texts if "client maintainer, Hammerspace" in t and "i_ino" in t][:2]
    assert len(trond) == 2
    assert label_of(entities_in(*trond), "Hammerspace") == schema.ORGANIZATION


def test_a_patch_trailer_names_a_person_the_model_reads_no_name_in():
    """'Cc: Dmitry Kasatkin <dmitry.kasatkin@gmail.com>' and 'Cc: Kentaro Takeda <takedakn@nttdata.co.jp>': a
    trailer names one person before the address, as git and the kernel write it; the model reads neither name."""
    texts = thread_texts(_THREAD)
    patches = [t for t in texts if "Cc: Dmitry Kasatkin <" in t or "Cc: Kentaro Takeda <" in t]
    assert len(patches) == 2
    found = entities_in(*patches)
    assert label_of(found, "Dmitry Kasatkin") == schema.PERSON, found
    assert label_of(found, "Kentaro Takeda") == schema.PERSON, found
    assert label_of(found, "Mimi Zohar") == schema.PERSON, found


def test_a_word_a_terminal_erases_is_no_name():
    """'While he and I don't agree on much^H^H^H^H everything': '^H' is a terminal's backspace, the word taken back,
    which the model reads as a place."""
    casey = next(t for t in thread_texts(_THREAD) if "much^H^H^H^H everything" in t and not t.startswith(">"))
    assert "much^H^H^H^H" not in forms_of(entities_in(casey))


def test_camel_case_glued_to_a_word_after_on_is_no_site():
    """'to support Nvidia GPUs on SecureBoot-enabled machines': a compound before its noun, not a site one is on
    ('questions on StackOverflow'), so the CamelCase word is judged as the technical register is."""
    simon = next(t for t in thread_texts(_THREAD) if "on SecureBoot-enabled machines" in t and not t.startswith(">"))
    assert "SecureBoot" not in forms_of(entities_in(simon))


def test_a_trailer_naming_a_list_or_a_robot_names_no_person():
    """Lists, test robots and services sign trailers as people do; their words are everyday words the name lists lack.
    A hyphenated surname, a tab after the colon and one everyday word are a person's trailer still."""
    found = entities_in(
        "Looks good to me.\n\nCc: Linux Kernel Mailing List <linux-kernel@vger.kernel.org>\n"
        "Reported-by: Linux Kernel Functional Testing <lkft@linaro.org>\n"
        "Cc: Uwe Kleine-König <u.kleine-koenig@baylibre.com>\nCc:\tKentaro Takeda <takedakn@nttdata.co.jp>\n"
        "Reported-by: Hulk Robot <hulkci@huawei.com>\nCc: Grant Likely <grant.likely@secretlab.ca>\n"
    )
    assert not {"Linux Kernel Mailing List", "Linux Kernel Functional Testing", "Hulk Robot"} & forms_of(found), found
    assert label_of(found, "Grant Likely") == schema.PERSON, found  # one everyday word: a surname the lists lack
    assert label_of(found, "Uwe Kleine-König") == schema.PERSON, found
    assert label_of(found, "Kentaro Takeda") == schema.PERSON, found


def test_a_long_line_under_a_dash_rule_is_prose_not_a_signature():
    """Markdown underlines a heading with dashes; the line under it is prose, and code in the post still tells a
    product from a person there ('Ubuntu' no Person)."""
    found = entities_in("Shell setup\n--\nThe problem was that Ubuntu's default `~/.bashrc` set `HISTSIZE` first.")
    assert label_of(found, "Ubuntu") != schema.PERSON, found


def test_a_double_dash_after_a_site_leaves_it_a_site():
    """'on LinkedIn-- and': a dash set as two hyphens, not a compound glued to the next word."""
    assert label_of(entities_in("Somebody posted it on LinkedIn-- and it blew up."), "LinkedIn") == schema.ORGANIZATION


def test_a_hostile_trailer_line_is_read_in_linear_time():
    """A trailer's start, 98,000 blanks (a post the model reads whole) and no address: the name's pattern tried every
    split of the blanks (some 14 s of CPU); bounded, about 0.2 s. The bound is loose for a loaded machine."""
    entities_in("Warm up, Paul Moore wrote.")
    start = time.process_time()
    entities_in("Cc: Paul" + " \t" * 49_000 + "<x")
    assert time.process_time() - start < 2.5


def test_a_registered_given_name_opens_a_persons_name_only_where_no_list_reads_it_otherwise():
    """The birth registrations give brands, companies, places and words to a thousand children or more too: each
    check refuses a name of them that passes the ones before it, and a registered name opens a name of two words only
    before a surname of the lists that is no major place, the whole no listed company."""
    from graphkit.extract.births import births
    from graphkit.extract.entities import _registered_first, _registered_full_name
    from graphkit.extract.names import first_name

    words = ("Justice", "Elle", "Aviva", "Haskell", "Clive", "Howell", "Kaiser", "Archer", "Kingston", "Baker")
    assert min(births(w) for w in words) >= 1000 and not any(first_name(w) for w in words)
    # the registrations' placeholders for a child not yet named are no given names
    assert not any(births(w) for w in ("Unknown", "Baby", "Infant", "Babyboy", "Babygirl", "Notnamed"))
    assert [_registered_first(w) for w in words] == [False] * 4 + [True] * 6
    names = ("Clive Palmer", "Howell Raines", "Kaiser Permanente", "Archer Daniels Midland", "Kingston Jamaica")
    docs = [spacy.blank("en")(n) for n in names + ("Baker Hughes",)]
    assert [_registered_full_name(list(d), d.text) for d in docs] == [True, True, False, False, False, False]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Kaiser Permanente denied my claim again.", "Kaiser Permanente"),
        ("Archer Daniels Midland controls half the grain trade.", "Archer Daniels Midland"),
        ("Kingston Jamaica is hot this time of year.", "Kingston Jamaica"),
        ("My old Lexus never broke down once.", "Lexus"),
        ("Lexus Recalls 100,000 SUVs", "Lexus"),
        ("Artemis is years behind schedule.", "Artemis"),
        ("Loki was the best character in the whole series.", "Loki"),
    ],
)
def test_a_registered_given_name_alone_or_before_no_surname_is_no_person(text, form):
    """Brands, programmes, companies and places the birth registrations hold as given names: alone, or opening a name
    whose next word is no surname of the lists (or a major place), the registrations say nothing of a person."""
    found = entities_in(text)
    assert label_of(found, form) != schema.PERSON, found
