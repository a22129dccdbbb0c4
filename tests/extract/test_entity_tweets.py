"""What the rules made of registers the development set first lacked (issue 14): the Twitter conversations of the
development set (tests/data/entities/twitter-ferguson-ottawa-126), read before any rule looked at them. Each text is a
real tweet of theirs."""

import pytest

from graphkit import schema
from graphkit.extract.register import passed_on
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_hashtag_is_read_by_what_it_names_not_by_the_models_guess():
    """twitter-ferguson-ottawa-126: "#Ferguson", closing a tweet outside its sentence, was read by the model as a
    person's name in each of its 28 tweets, which outvoted the gazetteer's town; a hashtag names a topic, and the
    model's label for it, read as if it were a word of the sentence, is no evidence of its kind."""
    found = entities_in(
        "Every 28 hours a black male is killed in the United States by police or vigilantes. #Ferguson",
        "#WeAreTargets “@MichaelSkolnik: Every 28 hours a black male is killed in the United States by police or "
        "vigilantes. #Ferguson”",
        "@MichaelSkolnik can you ask people to call #Ferguson and tell them to quit with m-16 and dogs at the "
        "protests? 314-522-3100",
    )
    assert label_of(found, "Ferguson") == schema.PLACE, found


def test_a_place_named_with_a_particle_between_dashes_keeps_its_whole_name():
    """twitter-ferguson-ottawa-126: the model read "Saint-Jean-sur-Richelieu" as the place "Saint-Jean" and the rules
    kept it so; a lower-case particle glued by dashes between two capitalised words ("-sur-", as "-upon-" and "-am-"
    join others) runs the place's name on to the word after it."""
    found = entities_in(
        "@gioman62 @evansolomoncbc @AmandaWills Yes, in Saint-Jean-sur-Richelieu. One RCMP died. Careful, might have "
        "nothing to do with terrorism!"
    )
    assert label_of(found, "Saint-Jean-sur-Richelieu") == schema.PLACE, found
    assert label_of(found, "Saint-Jean") is None, found


def test_the_mark_of_a_tweet_passed_on_is_no_body_and_an_acronym_beside_it_stays():
    """twitter-ferguson-ottawa-126: "RT" before the handle of the tweet passed on was read as the broadcaster RT, a
    known acronym, in each retweet; before a handle it is Twitter's mark. A body's acronym in the thread's tweets (CNN)
    is still one, and "RT" anywhere else still the broadcaster's acronym (``passed_on``)."""
    found = entities_in(
        "RT @MichaelSkolnik: Every 28 hours a black male is killed in the United States by police or vigilantes. "
        "#Ferguson",
        "2nd in 48h :( #terrorism RT @evansolomoncbc: At the war memorial in Ottawa. A soldier has been shot. "
        "#breaking http://t.co/uPbZej7rET",
        "@vicenews @VICE @alicesperi CNN,MDNBC race baiting, They did not look for facts, they tried to create them to "
        "incite blacks.",
    )
    assert "RT" not in forms_of(found), found
    assert label_of(found, "CNN") == schema.ORGANIZATION, found
    assert label_of(found, "Ottawa") == schema.PLACE, found
    assert passed_on("RT @MichaelSkolnik: Every", 0) and passed_on("#RIPMikeBrown MT @MichaelSkolnik Every", 14)
    assert not passed_on("RT reported", 0) and not passed_on("RTE @evansolomoncbc: At", 0)


def test_the_broadcaster_rt_before_its_own_handle_is_still_named():
    """The broadcaster RT is written before its handle too, no colon after it and no hashtag, handle or stop before
    it, so no tweet is passed on there (written for the test: no development thread names the broadcaster)."""
    for text in (
        "RT @RT_com reports that the ceasefire talks in Geneva have stalled again.",
        "I watched the whole interview on RT @RT_com last night and they never asked about Ukraine.",
    ):
        assert label_of(entities_in(text), "RT") == schema.ORGANIZATION, text
    assert not passed_on("Only RT @RT_com and Al Jazeera covered it", 5)
