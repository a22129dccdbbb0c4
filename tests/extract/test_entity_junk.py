"""Junk of the development threads by its cause (issue 14): words of a kind no name is of, which the model reads as
people, places or bodies. Each text is a real comment or mail of those threads (tests/data/entities), cut to the
sentences the rule reads."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_an_interjection_opening_a_reply_is_no_name():
    """hn-whoishiring-2020-01-45: the model reads "Bah" as a person."""
    found = entities_in("Bah, thanks! Has been fixed :)")
    assert "Bah" not in forms_of(found), found


def test_a_field_of_study_is_no_place_nor_body():
    """hn-whoishiring-2020-01-45, two replies: "a degree in Neuroscience" read as a place, "Computer Science" as a
    body (each written twice in the thread, so no phrase of everyday words written once)."""
    found = entities_in(
        "Hi Rick,\n\nI am currently pursuing my second degree in Computer Science. My first degree was in "
        "Neuroscience from the University of Southern California.",
        "I am currently looking for a Software Engineer position. I have a degree in Neuroscience from the University "
        "of Southern California, and am currently pursuing a second degree in Computer Science.",
    )
    assert not {"Neuroscience", "Computer Science"} & forms_of(found), found
    assert label_of(found, "University of Southern California") == schema.ORGANIZATION, found


def test_a_name_listed_among_software_is_software():
    """hn-whoishiring-2020-01-45: a job post's stack; "Cassandra" is a first name the model reads as a person's."""
    found = entities_in(
        "We work at the intersection of deep learning, information security, and distributed systems.\n\n"
        "- Tech Stack: Go, Node.js, React, Python, Cassandra, Redis, Terraform, Docker, Kubernetes."
    )
    assert "Cassandra" not in forms_of(found), found


def test_a_language_is_no_body():
    """bvparishat-2009-06-72: the model reads "Sanskrit" as an organisation."""
    found = entities_in(
        "3. The work shows substantial significant concordance with Sanskrit and Sanskrit based langages as "
        "analysed with Panini's DhatuPatha.",
        "While considerable debate is on of Aryan invasion and Sanskrit and Dravidian in the sub continent.",
    )
    assert "Sanskrit" not in forms_of(found), found


def test_a_citations_abbreviation_is_no_name():
    """bvparishat-2009-06-72: an editor's mark, a volume's and a university's, each with its stop, read as people."""
    found = entities_in(
        "Dear Kulakarniji, For all: consult: Roth Bohtlingk: sanskrit Worterbuch; Ghatage, Ed. Encyclopedic "
        "dictionary, Poona ( a- where complete references are available); & Stermbach: Subhaasitamahakosa;",
        "Many ref. of classical sanskrit poems, you may find in my A pada index to classical sanskrit poems, Vol. I "
        "only.",
        "In the conference of Vedic Workshop arranged by Univ. of Texas ,Austin in 2007 I met professor from European "
        "countryCroasia (pardon for spelling).",
    )
    assert not {"Ed", "Ed.", "Vol", "Vol.", "Univ", "Univ."} & forms_of(found), found


def test_a_job_is_no_body_however_the_model_cuts_it():
    """hn-whoishiring-2020-01-45: the model reads "Software" before "Engineer" as a body, and "Backend Engineers"
    ("backend" a word English writes less than the words of "Police Officer") as one."""
    found = entities_in(
        "Slab | Software Engineer | San Francisco, CA or Remote | Full-time | REMOTE\n\n"
        "Slab (https://slab.com) is a knowledge base for teams.",
        "I am currently looking for a Software Engineer position. I am actively looking for Software Engineering "
        "positions, and I believe I would be a great fit for your company.",
        "Key Job Openings:\n\nEngineering Manager, Senior ML Engineer, Senior Backend Engineers, Senior Android "
        "Engineers, Senior iOS Engineers, Site Reliability Engineers, SDET",
        "We're currently looking for:\n\nSenior DevOps Engineers, Senior Backend Engineers, Data Engineers, Software "
        "Engineers, a Lead UI/UX Designer, Frontend Engineers, Senior Frontend Engineers, Software Engineers in Test - "
        "QA, Site Reliability Engineers, & PMs",
    )
    assert not {"Software", "Backend Engineers", "Senior Backend Engineers"} & forms_of(found), found
    assert label_of(found, "San Francisco") == schema.PLACE, found


def test_a_products_edition_is_no_place_nor_body():
    """usenet-comp-lang-cobol-1999-12-80: an edition of a compiler, read as a body and, by its version, as a place."""
    found = entities_in(
        "I do not know all the pricing history\nwith Fujitsu but will try to explain the present pricing methodology."
        "\nThe current price of the Enterprise Edition is $ 3,000 US. Annual\nmaintenance is $500 per year.",
        "The cost to upgrade from Enterprise version 4.0 to\nversion 5.0 is $ 1,125.",
    )
    assert not {"Enterprise", "Enterprise Edition"} & forms_of(found), found


def test_a_prefix_written_apart_is_no_name():
    """bvparishat-2009-06-72: "Pre Columbian", a prefix written as a word, read as a body."""
    found = entities_in(
        "5. Possibilities are also discussed whether the yuga concept of Bharath is not an unconsiderable sealed "
        "avenue for investigating the history of\nthis billion year old planet.Pre Columbian Mayahave timescales of "
        "cataclysmic cycles on Earth thatapproximate the Hindu timescales."
    )
    assert "Pre" not in forms_of(found), found


def test_given_names_sharing_a_type_of_persons_word_are_types_too():
    """globe-trump-victory-126: "Jill Average" is a type of person already; "Joe" before it was still read as one."""
    found = entities_in("You are neglecting the fact that Joe and Jill Average are actually the backbone of a country.")
    assert not {"Joe", "Jill Average"} & forms_of(found), found


def test_a_term_of_romanised_sanskrit_is_no_name():
    """bvparishat-2009-06-72: a greeting, a work, a dictionary and a school of the Veda, each spelt as romanised
    Sanskrit (a long vowel written twice) in words no list knows, read as places, people and bodies on the model's
    word alone."""
    found = entities_in(
        "June 8, 2009\n\nRespected Scholars, Pranaam!\n\nI have not seen any postings on bvparishat recently.",
        "He was a very great scholar of  \nIndian darshana and has been teaching for last 18 years at Sagar  \n"
        "University. His several articles and research publications like  \nVyutapatiivada edition etc are "
        "remarkable.",
        "Dear Kulakarniji, For all: consult: Roth Bohtlingk: sanskrit Worterbuch; Ghatage, Ed. Encyclopedic "
        "dictionary, Poona ( a- where complete references are available); & Stermbach: Subhaasitamahakosa;",
    )
    assert not {"Pranaam", "Vyutapatiivada", "Subhaasitamahakosa"} & forms_of(found), found
    assert label_of(found, "Sagar University") == schema.ORGANIZATION, found


def test_a_name_spelt_as_romanised_sanskrit_joins_the_name_written_as_names_are():
    """bvparishat-2009-06-72: "Gangaa" is the Ganga spelt with its long vowel written twice, and stays a form of the
    river where the thread names it so; a name with a word a list knows ("Sri") is judged as before."""
    found = entities_in(
        "It was reported in a newspaper that some recent studies revealed that  \nafter some two centuries there is "
        "a fear of disappearance of River  \nGanga. I am shocked. At present as in the past, 40% of Indian  \n"
        "agriculture is dependent on Gangaa.",
        "I don't think that Ganga will disappear and we should take it as an inevitable.",
        "Gangaa, Garuda, Ganesa, Gaangeya and Gaurii are our identity. Let us save Gangaa.",
        "Dears,\n\n\n\nI am editing Gurvarthadiidhiti (of Sri Venkatapatyacharya) a commentary on Tantrasaara of "
        "Sri Madhvacharya.",
    )
    assert label_of(found, "Gangaa") == schema.PLACE, found
    assert label_of(found, "Ganga") == schema.PLACE, found
    assert not {"Gaangeya", "Gaurii"} & forms_of(found), found
    assert label_of(found, "Sri Venkatapatyacharya") == schema.PERSON, found


def test_a_town_and_its_state_written_without_a_comma_are_two_places():
    """usenet-comp-lang-cobol-1999-12-80: a signature's address, "Austin Texas 78759", read as one body; Austin is
    a first name and a surname too, and Texas names no one."""
    found = entities_in(
        "Ira D. Baxter, Ph.D. CTO Semantic Designs, Inc.\nidbaxter@semdesigns.com     512-250-1018 x140\n"
        "Semantic Designs, Inc.   12636 Research Blvd #C214, Austin Texas 78759\n\n\neditor wrote in message ..."
    )
    assert "Austin Texas" not in forms_of(found), found
    assert label_of(found, "Austin") == schema.PLACE, found
    assert label_of(found, "Texas") == schema.PLACE, found


def test_an_adverb_opening_a_sentence_is_no_part_of_the_name_after_it():
    """reddit-movies-oppenheimer-110: "Thankfully", an English word too rare for the openers English writes most,
    read as the first word of a body's name."""
    found = entities_in(
        "That thought alone genuinely brought me to the verge of tears multiple times. We just don’t get moments "
        "like this very often. Thankfully Oppenheimer is worthy of the moment."
    )
    assert "Thankfully Oppenheimer" not in forms_of(found), found
    assert label_of(found, "Oppenheimer") == schema.PERSON, found


def test_an_english_noun_after_a_and_its_adjectives_is_a_kind_not_a_name():
    """reddit-movies-oppenheimer-110: "Wizard" read as a person; English writes the word far more often than other
    languages do and no name list holds it, so "a" and an adjective before it make it a kind of person."""
    found = entities_in(
        "I also really liked how Einstein was like a magical Wizard in the movie throwing some sage advice from time "
        "to time."
    )
    assert "Wizard" not in forms_of(found), found
    assert label_of(found, "Einstein") == schema.PERSON, found


def test_a_given_names_plural_is_no_name_written_once():
    """reddit-movies-oppenheimer-110: "the Oscars" read as a body, the model's label all that speaks for it; a given
    name's plural no list holds as a name names things called after someone."""
    found = entities_in("Very excited to watch Nolan finally take home all the Oscars")
    assert "Oscars" not in forms_of(found), found


@pytest.mark.parametrize(
    ("thread", "text", "word"),
    [
        (
            "usenet-comp-lang-cobol-1999-12-80",
            "15,000 lines of code so far = copy/replace/etc (preprocessor) and\nthe nucleus grammar and lexer. "
            "Boy COBOL is BIG. And the new\ndraft is twice the size!",
            "Boy",
        ),
        (
            "reddit-republican-maga-school-76",
            'Also the blue hair girl laughs he\'s getting "his ass beat by girls" despite him clearly not wanting to '
            "fight back at all.\n\nGrey sweat pants girl is very ghetto if it were",
            "Grey",
        ),
        (
            "fourforums-slavery-reparations-62",
            "It certainly makes sense that WAY more whites would be on welfare than blacks especially considering that "
            "there are almost 9 whites to every 1 black person. Sin is good with stats. though.",
            "Sin",
        ),
    ],
)
def test_an_everyday_word_opening_a_sentence_with_the_model_alone_is_no_name(thread: str, text: str, word: str):
    """An everyday English word that opens a sentence or a line, read as a name by the model and by nothing else,
    and written nowhere else in the comments: the capital is the sentence's (a place, a person and a body)."""
    found = entities_in(text)
    assert word not in forms_of(found), (thread, found)


def test_a_rare_word_opening_a_line_with_the_model_alone_stays_a_name():
    """reddit-movies-oppenheimer-110: "Teller: you know this is just the fuse", a word English seldom writes, is the
    physicist the model reads, as the thread's annotation has him."""
    found = entities_in(
        "Oppenheimer: I’m so conflicted about my creation. Ah and angst of genius!\n\n"
        "Teller: you know this is just the fuse for a bigger bomb I wanted to make"
    )
    assert label_of(found, "Teller") == schema.PERSON, found


def test_an_everyday_word_opening_a_sentence_and_named_inside_one_too_stays_a_name():
    """youtube-debate-second-120, two comments: "Trump is right about the corona virus" opens with the name, which
    "He stomped Trump!" writes inside a sentence: a name."""
    found = entities_in(
        "Trump is right about the corona virus we cannot shut down everything",
        "Biden by a landslide. He stomped Trump!",
    )
    assert label_of(found, "Trump") == schema.PERSON, found


def test_a_term_of_romanised_sanskrit_after_a_weak_cue_is_still_no_name():
    """bvparishat-2009-06-72: "ran away to Saakala", "in his Vaartika": words spelt as romanised Sanskrit that no list
    knows, which the model reads as people; "to" before one (a weak vote for a place) or "his" (one against) had made
    each a name on the model's word, as a rule had voted. Only votes as heavy as a name's evidence do."""
    found = entities_in(
        "Baas.kala samhitaa was destroyed by Huunas and the Pandits ran away to Saakala: says the Mahaabhaarata.",
        "Pushkalaavatii which is identified with Katasraaja in Pakistan was a centre of learning which is recognized "
        "by Kaatyaayana in his Vaartika in the name of Pauskaraasaadi.",
    )
    assert not {"Saakala", "Vaartika"} & forms_of(found), found
    assert label_of(found, "Pakistan") == schema.PLACE, found


def test_a_word_glued_to_the_next_everyday_word_is_no_name():
    """bvparishat-2009-06-72: "the origin of Sanskritand Indo-European language family", "Pre Columbian Mayahave
    timescales": a word and "and" or "have" typed with no space between, which the model reads as a body's and a
    person's name; a word no list knows that is an English word and one of its commonest glued is a slip of the keys.
    The glued word's neighbour, written alone elsewhere, is judged as before."""
    found = entities_in(
        "I do not have opinion on it because it is irrelevant to the ancient Indian history, the origin of "
        "Sanskritand Indo-European language family.",
        "Pre Columbian Mayahave timescales of cataclysmic cycles on Earth thatapproximate the Hindu timescales.",
        "The team surveyed old farmland near Finland and Scotland last summer.",
    )
    assert not {"Sanskritand Indo-European", "Columbian Mayahave"} & forms_of(found), found
    assert label_of(found, "Finland") == schema.PLACE, found


def test_a_demonstrative_opening_a_sentence_is_no_part_of_the_name():
    """wikipedia-talk-catholic-church-80: "This Catholic League (earlier groups had been local) was assembled", which
    the model read whole as a body's name: a demonstrative is capitalised for the sentence it opens, as "The" is."""
    found = entities_in(
        "I don't think this is true. This Catholic League (earlier groups had been local) was assembled in the 1580s "
        "by the Guise faction, in alliance with Spain and the pope."
    )
    assert "This Catholic League" not in forms_of(found), found
    assert label_of(found, "Catholic League") == schema.ORGANIZATION, found


def test_an_oath_before_a_name_is_no_part_of_it():
    """reddit-coys-daily-discussion-120: "Fuck Arsenal", read whole as a body; an oath wishing a name ill is the
    sentence's word, and the name after it stays."""
    found = entities_in("Fuck Arsenal, honestly. Screw Trump and his cabinet.")
    assert not {"Fuck Arsenal", "Screw Trump"} & forms_of(found), found
    assert label_of(found, "Trump") == schema.PERSON, found


def test_a_phone_clients_signature_line_names_no_place_and_a_sentence_opening_so_still_does():
    """net54-t206-podcast-wagner-100: the line the forum's phone app signs a post with, "Sent from my iPhone using
    Tapatalk", made the app a place (the model's GPE); the device and the app there are the client's, not named by
    the writer. A sentence that opens so, with its stop, is the writer's own (written for the test: no development
    thread has one)."""
    found = entities_in(
        '> ullmandds:\n> if owner "added paint"...then removed...the card is altered...imo?\n\n100%. Once a card has '
        "been altered there is no way to unalter it. \n\n\nSent from my iPhone using Tapatalk",
        "Sent from Chicago to Boston in 1909, the card stayed in one family for a century.",
    )
    assert "Tapatalk" not in forms_of(found), found
    assert label_of(found, "Chicago") == schema.PLACE and label_of(found, "Boston") == schema.PLACE, found


def test_a_line_of_prose_opening_sent_from_without_a_stop_keeps_its_places():
    """A client's line names the writer's device ("Sent from my ..."); a short line of prose without a stop that opens
    so names where a thing was sent from (written for the test: no development thread has one)."""
    found = entities_in(
        "Look at this old postcard my grandmother kept\nSent from Chicago to Boston in 1909\nThe stamp alone is worth "
        "a fortune\n\nSent using Tapatalk"
    )
    assert label_of(found, "Chicago") == schema.PLACE and label_of(found, "Boston") == schema.PLACE, found
    assert "Tapatalk" not in forms_of(found), found


def test_a_word_english_writes_in_lower_case_capitalised_after_the_is_no_name_and_a_name_there_stays():
    """net54-t206-podcast-wagner-100 and youtube-debate-second-120: "on the Podcast" and "appraised the Pedo" were kept
    as places, the model's label their only vote for a name: the rules' vote against a person after "the" had counted
    as a rule's evidence, which a word English writes in lower case then needed no more. A name English capitalises
    after "the" (nyt-clinton-foundation-200's "the Kremlin") stays."""
    found = entities_in(
        "Thank you guys for the kind words was an honor to be on the Podcast.",
        "Aa a canadain I find this hallirus. The lady did a terrible job, she barely let Trump talk and appraised the "
        "Pedo. Trump is NOT a racist HE PULLED ALL MILITARY OUT OF WAR BIDEN IS A CHILD TOUCHERcough cough,",
        "One, Mr. Clinton received $500,000 for a Moscow speech from a Russian investment bank with links to the "
        "Kremlin that was promoting Uranium One stock.",
    )
    assert "Podcast" not in forms_of(found) and "Pedo" not in forms_of(found), found
    assert label_of(found, "Kremlin") is not None and label_of(found, "Trump") == schema.PERSON, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I only read the Times on Sundays.", "Times"),
        ("The Fed raised rates again, mortgages are going to be brutal.", "Fed"),
        ("The Church has covered this up for decades.", "Church"),
        ("The bill passed the House but it will never get a vote in the other chamber.", "House"),
        ("The Met has a huge Egyptian collection, worth a whole day.", "Met"),
        ("The Economist has a good piece on it this week.", "Economist"),
    ],
)
def test_a_body_named_after_the_by_a_word_english_writes_in_lower_case_stays(text: str, name: str):
    """English names a body after "the" with a word it writes in lower case too ("the Fed", "the Times"): the model's
    organization there is a name, where its place ("on the Podcast") is the sentence's word (written for the test)."""
    assert label_of(entities_in(text), name) == schema.ORGANIZATION, text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Honestly the Fed is Clueless about this and always has been.", "Fed"),
        ("Apparently the Times got the Leak before anyone else did, Shocking.", "Times"),
        ("Apparently the Post got the Leak before anyone else did, Shocking.", "Post"),
        ("Honestly the Church is Clueless about this and always has been.", "Church"),
        ("The Met Gala was a Total Disaster this year and the Met should be Embarrassed.", "Met"),
    ],
)
def test_a_body_named_after_the_stays_beside_a_judgement_capitalised_for_weight(text: str, name: str):
    """A comment that capitalises one word for weight elsewhere in its sentence ("is Clueless", ", Shocking", "be
    Embarrassed") still names the body after "the"; a body's head ("the Times", "the Church") names it however the
    sentence is written (written for the test)."""
    assert label_of(entities_in(text), name) == schema.ORGANIZATION, text
