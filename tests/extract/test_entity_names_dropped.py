"""Names the model labels right that a rule then dropped (issue 14): each text is a real comment of the development
threads (tests/data/entities), beside the junk the rule was made for, which stays out."""

import pytest

from graphkit import schema
from graphkit.extract.casing import capitalised_word, seldom_lower
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_bodys_head_english_capitalises_more_often_than_not_is_the_body_it_names():
    """globe-trump-victory-126: "Congress", written once inside a sentence and read as a body, is a common word by
    frequencies alone, but English writes it capitalised more often than not; youtube-debate-first-120's
    "Congratulations" and nyt-clinton-foundation-200's "Medicare", capitalised as often, head no body and stay out."""
    assert capitalised_word("Congress") and not capitalised_word("Church") and not capitalised_word("congress")
    found = entities_in(
        "'Tuesday’s results leave Congress firmly in the hands of Republicans – which means the Trump program, such "
        "as it is, can be enacted.",
        "Just Congratulations to your team for this",
        "Just look at the Republican House proposed budget: a 20% decrease in benefits to the severely disabled; "
        "reductions in social security benefits for everyone; discussion of cuts in Medicare; repeal of the "
        "protections agains insurer abuse in Obamacare",
    )
    assert label_of(found, "Congress") == schema.ORGANIZATION, found
    assert label_of(found, "Congratulations") is None and label_of(found, "Medicare") is None, found


def test_a_given_name_the_thread_also_types_in_lower_case_is_the_name_typed_so():
    """facebook-abc-news-tehan-centrelink-120: "gladys" typed in lower case in one comment made "Gladys", read as a
    person's inside a sentence in another, a common word needing three capitalised mentions; English seldom types
    the given name in lower case, so the lower-case one is the name typed without its capital. A line's first word
    stays judged by the thread: usenet-comp-lang-cobol-1999-12-80's "Donald tees <…> wrote", whose writer signs
    "donald tees", is a participant's attribution line."""
    found = entities_in(
        "James Brown\nSo with that logic Andrews is to blame for the crossroads outbreak which Gladys got under "
        "control without lockdowns. Do you think Andrews can’t Skype? Probably can’t 😂",
        "Brian Chatman gladys has had multiple break outs in her state so best not use her as an example.",
        "Donald tees <donald@willmack.com> wrote in message\n> Jumping in here, not in response to anybody in "
        "particular.\n\nIn this",
        '"donald tees" <donald@willmack.com> wrote in message',
    )
    assert label_of(found, "Gladys") == schema.PERSON, found
    assert label_of(found, "Donald") is None, found


def test_a_body_named_by_a_noun_and_its_country_is_no_everyday_phrase():
    """facebook-abc-news-tehan-centrelink-120: "The Services Australia website", read as a body once, was two
    everyday words written once, a phrase the writer capitalised; a noun before a country's name is how a state names
    its agencies. globe-trump-victory-126's "the War Machine", no country in it, stays an everyday phrase."""
    found = entities_in(
        '" Dan Tehan says Victorians should go to Centrelink to "see if they are eligible" for support during the '
        'lockdown\nThe Services Australia website says support is only available for people "ordered to quarantine '
        'or self-isolate" "',
        "The Donald won despite having NO support from the entire political Establishment, NO support from Big Media, "
        "NO support from Big Money, NO support from the War Machine, NO this and NO that.",
    )
    assert label_of(found, "Services Australia") == schema.ORGANIZATION, found
    assert label_of(found, "War Machine") is None, found


def test_a_given_name_english_types_in_lower_case_as_a_plant_is_judged_by_its_thread():
    """Written for this test: "heather" and "jasmine" are given names that English also types in lower case, a fifth
    and a third as often as capitalised, too rare to be everyday words: typed so in the thread they are the plants,
    and "the Heather fields" or "Jasmine tea" read as a person's name stay out, where "gladys" is the name typed so."""
    assert seldom_lower("Gladys") and not seldom_lower("Heather") and not seldom_lower("Jasmine")
    found = entities_in(
        "i planted jasmine by the fence last year.",
        "We drank some Jasmine tea and it smelled lovely all evening.",
        "the heather on the moor is purple now.",
        "We walked through the Heather fields near the moor all morning.",
    )
    assert label_of(found, "Jasmine") is None and label_of(found, "Heather") is None, found
