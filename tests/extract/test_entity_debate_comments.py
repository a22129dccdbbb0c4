"""Entity rules for the misses and junk of YouTube comments under the videos of the 2020 presidential debates
(issue 14; tests/data/entities/youtube-debate-*), first scored before any rule was written for them. Each text is a
real comment of those threads, cut to the sentences the rule reads."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of, label_of, thread_texts

pytestmark = pytest.mark.usefixtures("entity_model")


def _node_of(found: dict, form: str) -> set[str]:
    return next(names for _, names in found.values() if form in names)


def test_a_describing_word_before_a_surname_is_a_nickname_of_the_one_person_so_named():
    found = entities_in(
        "Chad Trump vs Demented Biden",
        "Biden looks too old",
        "I love that virtue signalling smile Joe Biden and Harris crack when they are being exposed",
    )
    assert {"Demented Biden", "Biden", "Joe Biden"} <= _node_of(found, "Biden"), found


def test_a_given_name_english_writes_as_a_name_before_a_surname_is_a_person_of_its_own():
    """ "Rand" is an English word, but one written as a name: Rand Paul is no nickname of Ron Paul."""
    found = entities_in("Ron Paul was right about the Fed.", "Rand Paul is not his father.", "Paul said so himself.")
    assert "Ron Paul" not in _node_of(found, "Rand Paul"), found


def test_a_full_name_the_thread_also_writes_in_lower_case_is_still_a_name():
    """Commenters write "biden" and "joe": a given name and words English writes as names are no common phrase."""
    found = entities_in(
        "Trump is the President of the USA !  no biden...",
        "Can’t you see it?\nDon’t look at the cover\nBut joe looks scary\nI don’t even like trump but this is weird!!",
        "I love that virtue signalling smile Joe Biden and Harris crack when they are being exposed",
    )
    assert label_of(found, "Joe Biden") == schema.PERSON, found


def test_a_word_of_a_sentence_written_in_title_case_is_not_the_last_word_of_a_name():
    found = entities_in(
        "At Least Donald Trump Would Let Us Know What He Was Going To Do👌🏿🤔 Joe Biden Made It Look Like He Was All "
        "For Us And Soon As He Got In Office He Hit Us With All Kinds Of Things He Never Mentioned🤬😱"
    )
    assert label_of(found, "Joe Biden") == schema.PERSON and "Joe Biden Made" not in forms_of(found), found


def test_a_given_name_after_a_is_a_kind_of_person():
    found = entities_in("So what you're telling me is I have to be a Karen to be a millionaire to be a president")
    assert "Karen" not in forms_of(found), found


def test_a_given_name_and_a_surname_after_a_are_still_a_person():
    """ "another Jussie Smollet case": one person, as before; the kind is read of a given name alone."""
    found = entities_in("That is a Donald Trump thing to say, and Donald Trump said it.")
    assert label_of(found, "Donald Trump") == schema.PERSON, found


@pytest.mark.parametrize(
    ("text", "form"),
    [
        (
            "Look at Biden face when he says that ANTIFA is just an idea. You Google Antifa and it goes straight "
            "to the White House.",
            "Antifa",
        ),
        (
            "Biden constantly supported the chaos caused by BLM when bussinesses were burnt down, shops were "
            "looted and countless of people were killed.",
            "BLM",
        ),
    ],
)
def test_a_movement_of_us_politics_is_an_organisation(text, form):
    assert label_of(entities_in(text), form) == schema.ORGANIZATION


def test_a_cheer_is_no_name():
    found = entities_in("Manchurian Candidate won! Yay pedophiles and deep state tax leeches rejoice!")
    assert "Yay" not in forms_of(found), found


def test_a_big_place_shouted_is_that_place():
    found = entities_in(
        "HEY BIDEN, I HAVE A FEELING YOU WERE IN ON THE SCANDAL IN NEW YORK  TO MAKE TRUMP LOOK BAD, MAKE MORE DEATHS "
        "ON HIS WATCH!!!"
    )
    assert label_of(found, "NEW YORK") == schema.PLACE, found


def test_a_shouted_word_that_a_small_town_is_named_after_is_no_place():
    found = entities_in("WOW THAT IS SO NICE OF YOU, REALLY NICE!!!")
    assert label_of(found, "NICE") is None, found


@pytest.mark.parametrize("form", ["Middle-East", "Middle East"])
def test_a_part_of_the_world_no_map_of_a_country_holds_is_a_place(form):
    found = entities_in(
        f"What about The United States interfeiring with the sovereignty of countless countries in the {form} over "
        "the past 20-30 years?"
    )
    assert label_of(found, form) == schema.PLACE, found


def test_a_famous_name_in_lower_case_is_still_the_person():
    found = entities_in("i miss obama best president since abraham Lincoln")
    assert label_of(found, "obama") == schema.PERSON, found


def test_a_famous_name_after_a_is_still_the_person():
    found = entities_in(
        "A president who looks like a burst orange and wants to replace the light bulbs because they disturb his "
        "complexion is already Stalinist. Trump is a communist, no, he is not. He is a little Hitler."
    )
    assert label_of(found, "Hitler") == schema.PERSON, found


def test_a_word_another_language_writes_often_is_no_famous_name_in_lower_case():
    """ "bin" travels as German's "ich bin", not as a name: a container here, whatever the model reads."""
    found = entities_in(
        "When my dad died (16 years ago), my mom put all his shirts in a big bin, the kind that have the snap lid."
    )
    assert "bin" not in forms_of(found), found


def test_a_given_name_typed_in_lower_case_before_a_surname_says_person():
    found = entities_in(
        "i miss obama best president since abraham Lincoln",
        "you really can't blame biden for laughing when trump says he might have done more for black people the "
        "Lincoln\nthe absolute narcissism of this guy",
    )
    assert label_of(found, "Lincoln") == schema.PERSON, found


def test_a_famous_place_the_thread_also_writes_in_lower_case_is_still_a_place():
    found = entities_in(
        "MAGA terrorists just stormed the Capitol and launched an insurrection against our country. Lock Traitor Trump "
        "up immediately!",
        "The media is constantly slagging of Trump, but he never urged his supporters to storm the capitol.",
    )
    assert label_of(found, "Capitol") == schema.PLACE, found


def test_a_cheer_before_a_name_is_not_part_of_it():
    found = entities_in("Bravo Donald tramp")
    assert "Bravo Donald" not in forms_of(found) and label_of(found, "Donald") == schema.PERSON, found


_PORTUGUESE = (  # youtube-debate-second-120, c104
    "Joe, Biden tem que ser preso na cadeia e não será solto mais não gostei do vídeo pode denunciar esse vídeo pode "
    "excluir esse vídeo e não faça mais esse vídeo de Novo,"
)
_FRENCH = thread_texts("youtube-debate-first-120")[101]  # c102, a comment in French


def test_a_comment_in_another_language_gives_no_name_of_its_own():
    """The English model reads the capitalised words of a Portuguese or French comment as names ("Novo", "Arabie
    Saoudite"); a name English comments of the thread write ("Biden") is still a person."""
    found = entities_in(_PORTUGUESE, _FRENCH, "Biden looks too old")
    forms = forms_of(found)
    assert not {"Novo", "Arabie Saoudite"} & forms, found
    assert {"Biden"} <= _node_of(found, "Biden") and label_of(found, "Biden") == schema.PERSON, found


def test_a_place_the_gazetteer_knows_counts_in_a_comment_in_another_language():
    found = entities_in(_FRENCH)
    assert label_of(found, "Europe") == schema.PLACE and "Arabie Saoudite" not in forms_of(found), found


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Biden lies", "Biden"),  # too short to judge
        # guardian-generation-war-75, comment 35574502: English, with a German title quoted
        (thread_texts("guardian-generation-war-75")[38], "Hitler"),
    ],
)
def test_an_english_comment_keeps_its_names(text, form):
    assert form in forms_of(entities_in(text))


_SHOGHI = thread_texts("youtube-debate-second-120")[57]  # c58, a faith's leader quoted at length


def test_an_honorific_after_a_name_says_person():
    """ "Effendi" honours the name before it, as Ottoman and Persian honorifics follow a name: no building."""
    assert label_of(entities_in(_SHOGHI), "Shoghi Effendi") == schema.PERSON


def test_the_and_a_papers_head_before_of_is_a_post_not_a_paper():
    """ "The Guardian of the Baha'i Faith" names a post and what it keeps; "The Guardian" alone names the paper."""
    assert "Guardian" not in forms_of(entities_in(_SHOGHI))


def test_a_capitalised_word_with_no_vowel_is_no_name():
    found = entities_in("Kc if ixmn.   😋😙🤗😚🤓")
    assert "Kc" not in forms_of(found), found


def test_a_name_headed_by_center_is_a_place_though_a_given_name_opens_it():
    found = entities_in(thread_texts("youtube-debate-first-120")[34])  # c35: "sent to the Dallas Convention Center"
    assert label_of(found, "Dallas Convention Center") == schema.PLACE, found


def test_a_title_named_after_its_owner_is_no_mention_of_the_owner():
    """ "See Rosemary's Baby.": a film called after its owner; no Rosemary is named."""
    found = entities_in(thread_texts("youtube-debate-second-120")[26])  # c27
    assert "Rosemary" not in forms_of(found), found


@pytest.mark.parametrize(
    "text",
    [
        "BUT YOUR THE BIG MAN.. which is it trump.. Grammer helps..",  # c2, grammar
        "DEMOCRATS ARE LIARS! Sensless Basterds ready to suit an agenda",  # c89, bastards
    ],
)
def test_an_english_word_misspelt_by_a_vowel_opening_a_sentence_is_no_name(text):
    found = entities_in(text)
    assert not {"Grammer", "Sensless Basterds", "Basterds"} & forms_of(found), found
