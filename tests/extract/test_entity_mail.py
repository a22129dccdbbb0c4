"""Entity rules for the misses and junk of mailing-list and Usenet threads (issue 14): a comp.lang.cobol month and a
bvparishat month (tests/data/entities/usenet-comp-lang-cobol-1999-12-80, bvparishat-2009-06-72), first scored before
any rule was written for them. Signatures, addresses and mail headers put one field a line, which the model runs
together; each text is a real message of those threads, cut to the lines the rule reads."""

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.records import Post
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_signatures_lines_are_fields_of_their_own():
    """The model reads a poster's name and his company on the next line as one person ("Tim Oxler\\nTeo Computer")."""
    found = entities_in(
        "Moving to more modular structures has solved some problems, but it\ncreated some new ones.\n\n"
        "Tim Oxler\nTeo Computer\nhttp://www.teo-computer.com"
    )
    assert not [form for form in forms_of(found) if "\n" in form or "Oxler Teo" in form], found
    assert label_of(found, "Tim Oxler") == schema.PERSON, found


def test_a_name_wrapped_with_its_paragraph_stays_whole():
    """A paragraph wrapped at its width runs a name on into the next line: one body, not two fields."""
    found = entities_in(
        "He was a very great scholar of\nIndian darshana and has been teaching for last 18 years at Sagar  \n"
        "University. His several articles and research publications are remarkable."
    )
    assert label_of(found, "Sagar  \nUniversity") == schema.ORGANIZATION, found


def test_a_body_named_after_its_place_is_one_name():
    """ "University" is a town's name too, and "Samskrita" no word a list knows: neither cuts the body's name, which
    its address's line gives whole."""
    found = entities_in(
        "vasantkumar bhatt, Director, School of Languages, Gujarat University, Ahmedabad - 380 009",
        "Head, Dept of Darshanas,\nYoganandacharya Bhavan,\n"
        "Jagadguru Ramanandacharya Rajasthan Samskrita University, Madau, post Bhankrota, Jaipur, 302026.",
    )
    assert label_of(found, "Gujarat University") == schema.ORGANIZATION, found
    assert label_of(found, "Jagadguru Ramanandacharya Rajasthan Samskrita University") == schema.ORGANIZATION, found
    assert "University" not in forms_of(found), found


def test_a_companys_legal_form_after_a_comma_ends_its_name():
    found = entities_in(
        "Ira Baxter, Ph.D., CTO   idbaxter@semdesigns.com     512-250-1018 x140\n"
        "Semantic Designs, Inc.   12636 Research Blvd #C214, Austin Texas 78759"
    )
    assert label_of(found, "Semantic Designs, Inc.") == schema.ORGANIZATION, found
    assert "Inc." not in forms_of(found), found


def test_a_town_before_a_postal_code_at_its_lines_end_is_a_place():
    """The last line of an address: the model reads no name in "Tirupati 517507" and a person in "Mysore"."""
    found = entities_in(
        "Formerly Faculty of Shabdabodha & Language Technology\nSansk-net Center\n"
        "Rashtriya Sanskrit Vidyapeetha Deemed University\nTirupati 517507\n",
        "Retired Professor of English and Linguistics\nIndian Institute of Technology Kanpur\n\nCurrent address:\n"
        "1 E, Debonair Regency\n7th Main, 3rd block, Jayalakshmipuram\nMysore - 570012\nLandline: 0821-2411259",
    )
    assert [label_of(found, town) for town in ("Tirupati", "Mysore")] == [schema.PLACE] * 2, found


def test_a_name_in_a_mail_address_is_no_lower_case_writing_of_it():
    """ "connie@fsc.fujitsu.com" in a forwarded mail's header is the server's name, not the thread writing "fujitsu"
    in lower case: "Fujitsu" capitalised once is still the company."""
    found = entities_in(
        "----- Original Message -----\nFrom: Roger Johnson <rjohnson@caprinesolutions.com>\n"
        "To: <areasoftware@tiscalinet.it>\nCc: Connie Policriti <connie@fsc.fujitsu.com>\n"
        "Sent: Tuesday, December 14, 1999 5:33 AM\nSubject: Fw: Sign maintenance",
        "I'm no big fan of high prices.  I think ALL of the COBOL compilers are\npriced too high.  However, let me "
        "defend Fujitsu a bit here.",
    )
    assert label_of(found, "Fujitsu") == schema.ORGANIZATION, found


def test_a_body_headed_before_its_of_is_a_body_written_once():
    """ "International School of Dravidian Linguistics": everyday words, but a body's head before "of" names one."""
    found = entities_in(
        "Prof V.I Subrahmaniom eminentschoolerin Linguistics and Hon. Director of DravidianLinguisticStudies and "
        "International School of Dravidian Linguistics passed away.",
        "--\nRetired Professor of English and Linguistics\nIndian Institute of Technology Kanpur\n",
    )
    bodies = ("International School of Dravidian Linguistics", "Indian Institute of Technology Kanpur")
    assert [label_of(found, body) for body in bodies] == [schema.ORGANIZATION] * 2, found


def test_a_greeting_before_a_name_is_no_part_of_it():
    """ "Dear Kulkarni," opens two replies: the greeting is no word of the name the model reads after it."""
    found = entities_in(
        "Dear Kulkarni, For the Greek historians on India and casually the names from the MBH.: See: the old book: "
        "Duff, Chronology of India, reprinted. best wishes,spnarang",
        "Dear Kulkarni, Your attachment could not be opened. Send the material through some other channel. Something "
        "can be suggested. Best wishes, spnarang",
    )
    assert not [form for form in forms_of(found) if form.startswith("Dear")], found


def test_an_indian_honorific_is_a_title():
    """ "Shri" before a name honours the person, as "Mr." does: the model read the whole as a body's name."""
    found = entities_in(
        "***Dear friends,***\n\n***These notes by Shri N.R.Joshi need serious consideration. Yours comments and "
        "querries are requested.***\n\n***Yours truly,***\n\n***D.D.Misra***"
    )
    assert label_of(found, "N.R.Joshi") == schema.PERSON, found


def test_a_body_headed_in_an_indian_language_is_a_body():
    """ "Sansthan" heads an institute's name as "Institute" does: the model read "Rashtriya Sanskrit Sansthan" as a
    building, and "at" before it made it a place."""
    found = entities_in(
        "A condolence meeting was held at Rashtriya Sanskrit Sansthan. It is a personal loss for me. may his soul rest "
        "in peace."
    )
    assert label_of(found, "Rashtriya Sanskrit Sansthan") == schema.ORGANIZATION, found


def test_a_listed_companys_product_by_its_version_names_the_company():
    """ "Microsoft Cobol 4.5": a product with its version is no entity, but the listed company that opens it is."""
    found = entities_in(
        "I'm using Microsoft Cobol 4.5 (based on Microfocus Cobol) and I need to\ncontrol a device connected to a "
        "serial port. Is it posible?"
    )
    assert label_of(found, "Microsoft") == schema.ORGANIZATION, found


def test_a_postscripts_mark_is_no_place_quoted_or_not():
    """ "P.S.," opens a postscript, in the post and in the replies quoting it: the model reads a place."""
    found = entities_in(
        'would be "Get a life, fool."\n\nP.S.,\nI do know that you can\'t make a penguin kosher (or a chicken,\nfor '
        "that matter) simply by circumcising it.",
        "Jerry P wrote:\n> \n(snip)\n> \n> P.S.,\n> I do know that you can't make a penguin kosher (or a chicken,\n"
        "> for that matter) simply by circumcising it.\n\nShudder!",
    )
    assert "P.S." not in forms_of(found), found


def test_a_generational_suffix_after_a_comma_is_no_name_alone():
    """ "Sammy Davis, Jr.": the model reads "Jr." after the comma as a person of its own. A photograph's caption
    transcribed on a library's teaching page in a public GitHub file (found by exact search for "Sammy Davis, Jr.")."""
    found = entities_in(
        'Transcribed from attachment on the back of the photo: "Sands Hotel before 1962 left to right Dr. James B. '
        "McMillan, Dr. Charles I. West, Sammy Davis, Jr., Mons. James B. Empey, Pastor of St. Joan of Arc Catholic "
        'Church. Presenting an "Award of Merit and honorary fellowship" to Sammy Davis, Jr. and Will Mastin Trio."'
    )
    assert not {"Jr.", "Jr"} & forms_of(found), found
    assert label_of(found, "Sammy Davis") == schema.PERSON, found


@pytest.mark.parametrize(
    ("writer", "text", "signed"),
    [
        (
            "Jeff Baynard",
            "I agree, let's keep it simple whenever possible.  Class, 88s, and special \nnames are great but I would "
            "say most programmers (read: maintenance) are\nmore comfortable with a straightforward IF statement.\n\n"
            "Jeff\n\n---------\n",
            "Jeff",
        ),
        (
            "RKRayhawk",
            'where one encounters the delightful note about Grace Murray Hopper:\n\n"Other achievements include '
            '...being the first woman to be \nawarded a Ph.D. in Mathematics from Yale University."\n\n\n'
            "Robert Rayhawk\nRKRayhawk@aol.com",
            "Robert Rayhawk",
        ),
    ],
)
def test_a_mails_sign_off_is_its_writer_not_a_new_person(writer, text, signed):
    """usenet-comp-lang-cobol-1999-12-80: a writer signs with the given name their From header shows (or a nickname
    of it), or with a given name and the surname their handle ends in; their own name, as the shown name is, no
    entity."""
    post = Post(id="m1", thread="t", is_article=False, text=text, platform="usenet", source="s", author=writer)
    fragment = Extractor().extract([post])
    forms = {
        f for n in fragment.nodes if n.label in schema.ENTITY_LABELS for f in (n.props["name"], *n.props["aliases"])
    }
    assert signed not in forms, forms


def test_a_surname_the_model_leaves_after_a_name_without_one_ends_it():
    """bvparishat-2009-06-72: the model read "Sri Achyutanand" as the person and left "Dash" out: a surname of the lists
    right after a person's name that holds none, before no further capitalised word, ends that name."""
    found = entities_in(
        "Dears  \n  \n\nWe have lost Sri Achyutanand Dash. He will be alive through his wonderful works like "
        "Vyutpattivada etc."
    )
    assert "Sri Achyutanand" not in forms_of(found), found
    assert label_of(found, "Sri Achyutanand Dash") == schema.PERSON, found


def test_a_countrys_region_the_model_reads_as_a_people_is_a_place():
    """bvparishat-2009-06-72: the model read "Gujarat" in an address's brackets as a people's name, and a people's name
    the gazetteer does not hold as a country or a city of a million people was dropped; a first-level region of a
    country by its own name, no people's or language's name, is the region."""
    found = entities_in(
        'It is available with " Swami Sadananda Brahmchariji, Sharada - Peeth, Jagad-guru-shankaracharya Math, Jagat '
        'Mandir, Dwarika, Dist. Jamnagar ( Gujarat)".'
    )
    assert label_of(found, "Gujarat") == schema.PLACE, found
