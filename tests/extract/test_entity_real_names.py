"""Real names with the wrong label (issue 14): a surname the model reads as a place's or a body's, and a town's name it
reads as a person's, where the words around the name or the gazetteer say which it is. Each text is a real comment or
mail of the development threads (tests/data/entities), cut to the sentences the rule reads."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_city_no_name_list_holds_is_no_person_the_model_reads():
    """bvparishat-2009-06-72: "Dist. Jamnagar" read as a person's name, which lowered the gazetteer's city (600,000
    people) to a small town's weight; a rare word no name list holds is the city's name."""
    found = entities_in(
        'Dear sir,\nIt is available with " Swami Sadananda Brahmchariji, Sharada - Peeth, Jagad-guru-shankaracharya '
        'Math, Jagat Mandir, Dwarika, Dist. Jamnagar ( Gujarat)".'
    )
    assert label_of(found, "Jamnagar") == schema.PLACE, found


def test_a_pronoun_referring_to_one_word_makes_it_a_person():
    """reddit-nyknicks-bucks-postgame-139: "Elfrid" (Elfrid Payton) read as a place; "he" after it refers to it."""
    found = entities_in(
        "Who's been defending him? Everyone has been saying Elfrid should start since he came back I certainly have."
    )
    assert label_of(found, "Elfrid") == schema.PERSON, found


@pytest.mark.parametrize(
    ("text", "form", "label"),
    [
        # wsj-abramovich-citizenship-31: "her" is the verb's object, another woman
        (
            "That sounds like Lizzy Warren-aka Pocahontas-claiming she is Native American because her grandmother  "
            "taught her some Cherokee recipes.\nWell Harvard vouched for her.",
            "Harvard",
            schema.ORGANIZATION,
        ),
        # history-se-meta-67: a site named after "on", a dash and "it" before "he"
        (
            "You helpfully pointed him towards the relevant article on Wikipedia - instead of challenging it, he "
            "ignored it.",
            "Wikipedia",
            schema.ORGANIZATION,
        ),
        # youtube-ukraine-war-150: a place named after "of"; "he" is the next clause's subject, Biden
        (
            "5. Biden will not send the victims of the fire from the island of Maui and one thousandth of what he "
            "wants to send to Ukraine.",
            "Maui",
            schema.PLACE,
        ),
    ],
)
def test_a_pronoun_of_someone_else_leaves_the_label(text, form, label):
    """A pronoun that is a verb's object, past a dash or "it", or after a name a preposition takes refers to another."""
    found = entities_in(text)
    assert label_of(found, form) == label, found


def test_a_surname_that_speaks_is_a_person():
    """reddit-nyknicks-bucks-postgame-139: "Dolan" (James Dolan, the owner) read as a body; a surname of the name
    lists before "said" is a person's, where the model's label alone says otherwise."""
    found = entities_in(
        "When Dolan said we were an attractive free agent destination, at the time we were 13-55. Why would any big "
        "time free agent sign with us?"
    )
    assert label_of(found, "Dolan") == schema.PERSON, found


def test_a_given_name_of_a_person_named_in_full_is_a_person():
    """reddit-movies-oppenheimer-110: "Rami" alone read as a body; the thread names Rami Malek in full."""
    found = entities_in(
        "David Krumholtz’s physical transformation caught me off guard, and Rami Malek having no lines until the "
        "(verbal) bomb drops at the end was outstanding.",
        "He was so mean/dismissive to Rami’s character and yet he was the one who supported and back him up",
    )
    assert label_of(found, "Rami") == schema.PERSON, found


def test_a_given_name_and_a_surname_of_the_lists_outweigh_a_place_reading():
    """reddit-coys-daily-discussion-120: "Theo Hernandez" after "bringing in" read as a place; a given name and a
    surname, both of the name lists, are a person's name."""
    found = entities_in("Dream signing this summer that isn’t going to happen? I’d love bringing in Theo Hernandez.")
    assert label_of(found, "Theo Hernandez") == schema.PERSON, found


def test_a_name_whose_votes_tie_between_person_and_place_is_among_the_people():
    """reddit-movies-oppenheimer-110: "Ludwig Göransson" ties a person's and a place's votes; the entity is a person's,
    so "Ludwig" alone, read as a body, is the given name of a person named in view."""
    found = entities_in(
        "Ludwig Göransson might be approaching a Hans Zimmer level of film composer. The way he orchestrated the score "
        "adds so much to the tension and anxiety of the movie.",
        "- The score was fantastic, Ludwig deserves a ton of credit for building up the intensity with his score.",
        "I haven’t seen many comments on the score, Ludwig Göransson absolutely killed it. Love the string motif.",
    )
    assert label_of(found, "Ludwig Göransson") == schema.PERSON, found
    assert label_of(found, "Ludwig") == schema.PERSON, found


def test_a_generational_suffix_is_no_surname_and_initials_no_shouting():
    """reddit-nyknicks-bucks-postgame-139: "Dennis Smith Jr." and "JR Smith", two players; the model reads "JR Smith"
    as one person's name, which the capitals' change cut to "Smith". Smith is the surname of both ("Jr." is none), so
    "Smith" joins neither, and "JR" is his given name's initials."""
    found = entities_in(
        "IN 2014/15, Phil Jackson used Tyson Chandler and Shumpert as bribes to get out JR Smith and Ray Felton's "
        "deals... we ended up signing a bunch of one year contracts (Derrick Williams and Aron Afflalo!) and Robin "
        "Lopez.",
        "I didn't watch the game, just checking the box score now. So Frank Ntilikina played 8 minutes and Dennis "
        "Smith Jr. played 11 minutes? What's going on there? Are they both out of the rotation now?",
    )
    assert label_of(found, "JR Smith") == schema.PERSON, found
    assert found["Dennis Smith Jr."] == (schema.PERSON, {"Dennis Smith Jr."}), found


def test_a_surname_paired_by_a_slash_with_a_person_is_a_person():
    """reddit-nyknicks-bucks-postgame-139: "Mills" (Steve Mills, the team's president) read as a body; a slash pairs
    it with "Perry", a name of the lists, as a comma or "and" would list them."""
    found = entities_in(
        "My bad I've never seen this pasta before, I thought I found the last person on this sub who still defended "
        "Mills/Perry lol."
    )
    assert label_of(found, "Mills") == schema.PERSON, found


def test_surnames_no_gazetteer_holds_are_people_not_the_models_places():
    """globe-trump-victory-126: "Snowden" and "Assange" read as places; the gazetteer knows neither, "Snowden" is a
    surname of the lists, and "Assange" is listed beside it."""
    found = entities_in(
        "What a pompous out of touch and whiny editorial ..Thanks to Snowden , Assange , and the spooks at the FBI  he "
        "won .. Hillary broke down last night - this editorial puts you in her class"
    )
    assert label_of(found, "Snowden") == schema.PERSON, found
    assert label_of(found, "Assange") == schema.PERSON, found


def test_her_after_a_place_refers_to_the_surname_before_it():
    """nyt-clinton-foundation-200: "Palin" read as a place (a small town's name too); "her" refers past the country
    between to the surname of the lists before it."""
    found = entities_in("Here, HC is more like Palin seeing Russia from her house.")
    assert label_of(found, "Palin") == schema.PERSON, found
    assert label_of(found, "Russia") == schema.PLACE, found


@pytest.mark.parametrize(
    ("text", "form", "label"),
    [
        # wikipedia-talk-catholic-church-80: "Arnaud d'Ossat" read as a body; the role before the comma ("the French
        # representative in Rome") says person
        (
            "According to the French representative in Rome, Arnaud d'Ossat, Clement VIII said that the edict \"was "
            'crucifying him".',
            "Arnaud d'Ossat",
            schema.PERSON,
        ),
        # net54-t206-podcast-wagner-100: "Blowout" (Blowout Cards' forum) read as a place after "from"; ", the only
        # other forum" set beside it says body
        (
            "The seller was banned from Blowout, the only other forum I post on, but I didn't see a smoking gun in "
            "what was going on.",
            "Blowout",
            schema.ORGANIZATION,
        ),
    ],
)
def test_words_set_beside_a_name_outweigh_its_other_reading(text, form, label):
    """A role before a full name and a body's noun after a name, each set off by commas where they are set beside it,
    say which it is against the model's label and a preposition's place."""
    found = entities_in(text)
    assert label_of(found, form) == label, found


def test_washington_the_place_beside_washington_the_person():
    """globe-trump-victory-126: "his" after a state's name refers to the clause's subject, not to the state; the
    president named in full stays a person."""
    found = entities_in(
        "Selfie Boy does not have any traction in Washington any more; his left wing policies of globalization, "
        "limitless immigration, unlimited government benefits for all.",
        "He will do well to read up on such people in history. Such as George Washington, Napoleon, Hitler, Lenin, "
        "Stalin, Mao, Mussolini, and yes Putin.",
    )
    assert label_of(found, "Washington") == schema.PLACE, found
    assert label_of(found, "George Washington") == schema.PERSON, found
