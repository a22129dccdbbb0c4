"""Entity rules for the misses and junk of political forum threads (issue 14): 4forums.com's threads on gun rights,
the Pope's words and slavery reparations (tests/data/entities/fourforums-*), first scored before any rule was written
for them. Each text is a real post of those threads, cut to the sentences the rule reads."""

import pytest

from graphkit import schema
from graphkit.extract.authors import AuthorIndex
from graphkit.extract.gazetteer import slang
from tests.extract.entity_texts import entities_in, forms_of, label_of, thread_nodes, thread_texts

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_hesitation_typed_with_its_letters_held_is_no_name():
    found = entities_in(
        "I think you mean Dutch...\n \n \n Umm, this rep'ration thingy.\n \n It doesn't apply to indentured servents "
        "and those who are shackled to you."
    )
    assert "Umm" not in forms_of(found), found


def test_a_name_with_a_double_letter_inside_is_no_held_hesitation():
    """Only a word's last letter is held ("Ummm"): "Etta" and "Amma" are given names, not "eta" and "ama"."""
    assert [slang(w) for w in ("Umm", "Hmmm", "Yesss", "Etta", "Amma")] == [True, True, True, False, False]


def test_a_signature_on_its_own_line_ends_at_the_line():
    found = entities_in(
        "So what are you going to do ask for slavery reparations? Or get ahead in this country and make something of "
        'yourself.\n\n\n By J.P. Donoghue \n I hate saying "black Americans" or" African Americans"'
    )
    assert not [form for form in forms_of(found) if form != form.strip()], found
    # the model reads a body; initials before a census surname are a person's
    assert thread_nodes("fourforums-slavery-reparations-62")["J.P. Donoghue"].label == schema.PERSON


def test_a_town_and_a_states_postal_code_after_it_are_places():
    """ "Anchorage, AK." answers where a member lives: the model reads no place in the town and a body in the code;
    "Salamanca, NY": a town the model reads as a person."""
    found = entities_in(
        "How many of our gunlovers here at 4forums live in an urban setting?\n\n \n Anchorage, AK. \n Pop: about "
        "350,000\n About as urban as it gets here.",
        "Been done, or are you not familiar with the recent history of Salamanca, NY?\n That's only the beginning.",
    )
    assert [label_of(found, form) for form in ("Anchorage", "AK", "Salamanca", "NY")] == [schema.PLACE] * 4, found


def test_a_city_abroad_before_its_countrys_code_is_no_us_town():
    """A country's ISO code a US state's postal code shares ("CO": Colombia and Colorado) names the country after one
    of its cities and no town of the state: a company's addresses in a partner list of a public GitHub file (found
    by exact search for "Bogota, CO."). No country after a US town: a pupil's page about himself ("Denver, CO")."""
    found = entities_in("Barcelona, ES. Bogota, CO. Ciudad de México, CDMX, MX")
    assert "Colorado" not in found and label_of(found, "CO") == schema.PLACE, found
    assert "CO" in found["Colombia"][1], found
    found = entities_in("I live in Denver, CO. My favorite hobby is playing my guitar.")
    assert label_of(found, "Denver") == schema.PLACE and "Colombia" not in found, found


def test_a_states_postal_code_the_model_reads_as_a_place_is_one():
    found = entities_in(
        "Well why don't you try to find how many anti-gun people live in centers of gun violence, such as DC or "
        "Hollywood? My guess is: quite a few.",
        "However, places like DC, in a failed attempt at crime prevention, have taken it a step further.",
    )
    assert label_of(found, "DC") == schema.PLACE, found


def test_a_forums_smiley_written_as_its_code_makes_no_post_code():
    """4forums writes a smiley as "emoticon_rolleyes": read as a snake_case identifier, it made the post code, where
    a name alone is no evidence, and "Biden" was dropped."""
    found = entities_in(
        'The only thing he says is under "urban policy" (\'cause we all know it\'s only an "urban" issue ... '
        'emoticon_rolleyes) ...\n "Obama and Biden also favor commonsense measures that respect the Second Amendment '
        'rights of gun owners, while keeping guns away from children and from criminals."'
    )
    assert label_of(found, "Biden") == schema.PERSON, found
    # "Bold type...and you say we are insular?emoticon_rolleyes Please.": the smiley ends a sentence as "?" does
    assert "Please" not in thread_nodes("fourforums-obama-gun-rights-60")


@pytest.mark.parametrize(
    ("thread", "form"),
    [
        # "making the expired federal Assault Weapons Ban permanent"
        ("fourforums-obama-gun-rights-60", "Assault Weapons"),
        # "Ever hear of the Fort Stanwix Treaty?"
        ("fourforums-slavery-reparations-62", "Fort Stanwix Treaty"),
        # "If you really think that Catholicism's position on most anything starts and ends at ..."
        ("fourforums-pope-same-sex-marriage-59", "Catholicism"),
    ],
)
def test_a_law_a_treaty_and_a_faith_are_no_body_and_no_place(thread, form):
    """A law named after what it bans, a treaty after where it was signed, a faith or a doctrine by its "-ism": the
    model reads a body or a place in each, on the whole thread."""
    assert form not in thread_nodes(thread), thread_nodes(thread)[form].props


def test_a_title_and_a_given_name_after_what_name_a_person():
    """ "for what King George did": "what" opens a clause whose subject is the king, no kind of thing."""
    found = entities_in(
        "If blacks can get reparations from white people for what happened hundreds of years ago, can white people "
        "can reparations from Britain for what King George did to our ancestors several hundred years ago?"
    )
    assert label_of(found, "King George") == schema.PERSON, found


def test_popes_by_their_initials_and_regnal_number_are_people():
    """ "JPI", "JPII": initials and a regnal number, as popes and kings are called. The model reads a person; the
    capitals made them shouting, and an acronym's vote a body."""
    found = entities_in(
        "Personally, in this case, I wish it were, since JPI called for equality for gay people and gay couples.",
        "I'm going with JP I. You can go with JPII and we'll let the Holy Spirit sort it all out later...",
    )
    assert [label_of(found, form) for form in ("JPI", "JPII")] == [schema.PERSON] * 2, found
    # "JP I. You can go": the model ran the regnal number into the next sentence's subject
    assert not [form for form in forms_of(found) if "You" in form], found


def test_a_phrase_of_everyday_words_whose_initials_name_a_site_of_the_post_is_a_body():
    """ "National Public Radio", written once: everyday words, so a name only if written again, but the post links
    the body's site by its initials ("npr.org")."""
    found = entities_in(
        "I would recommend you check out legendsofamerica.com/WE-Gunfights.html, and from National Public Radio, "
        "this article, npr.org/templates/story/story.php?storyId=5252159."
    )
    assert label_of(found, "National Public Radio") == schema.ORGANIZATION, found


def test_everyday_words_read_as_a_place_in_a_list_of_places_are_one():
    """ "Bull Run", written once: everyday words, so a name only if written again, but the model reads a place in
    it and lists it by commas with places; "The United Kingdom of Great Britain and Northern Ireland", a name the
    model cuts at "and", is no list (History Stack Exchange's meta site, tests/data/entities/history-se-meta-67)."""
    found = entities_in(
        "Hey Folks, I think it's already been paid. It's called the butcher's bill and it got paid at Bull Run, "
        "Gettysburg, Vicksburg, Shiloh, and a thousand places between."
    )
    assert label_of(found, "Bull Run") == schema.PLACE, found
    found = entities_in(
        "Most Britons use *Britain* to mean *The United Kingdom of Great Britain and Northern Ireland* (well, it's "
        "less of a mouthful!)"
    )
    assert "United Kingdom of Great Britain" not in forms_of(found), found


def test_a_side_of_a_city_named_by_its_initials_is_a_place():
    """ "South Central LA": the model reads one place; the words' change to capitals split it in two, "South Central"
    then an everyday phrase written once and "LA" a bare country code (Laos's) where no Laos is named."""
    found = entities_in(
        "I agree. You probably should tell that one in person. May I suggest a comedy club in South Central LA? "
        "You'll get an honest response."
    )
    assert label_of(found, "South Central LA") == schema.PLACE, found


def test_a_us_state_the_model_reads_in_lower_case_is_a_place():
    """ "in the iowa debate": the model reads a place, whose lower-case word the rules took for no name; a state's
    name written so that is no given name ("georgia") and no English word stays a place."""
    found = entities_in(
        "Don't know if i will fit in here? i wrote this after hearing a question on slavery reparations in the iowa "
        "debate?"
    )
    assert label_of(found, "iowa") == schema.PLACE, found


def test_a_thing_named_after_a_country_in_lower_case_is_no_place():
    """ "his panama hat": a hat, where the model reads a place (a capoeirista's life, j-h-scheufen/axedao,
    docs/genealogy/person-reports/madame-sata.md)."""
    found = entities_in(
        "He was buried as an indigent in the cemetery of Vila do Abraão, Ilha Grande, wearing his panama hat, with "
        "red roses placed in his coffin."
    )
    assert "Panama" not in found, found


def test_a_book_of_the_bible_and_a_creed_are_works_no_places():
    """ "rest on Leviticus or on Paul", "the Nicene creed": the model reads places and a body; a book of the Bible that
    is no given name, and a name before "creed", are works of faith. Paul stays a person."""
    found = entities_in(
        "Again, you don't know what you're talking about. Catholic objections to homosexuality do not rest on "
        "Leviticus or on Paul. They are founded on entirely different issues.",
        "It is not dogma. It is teaching. There is a big difference. Most of the dogma of the Catholic church is in "
        "the Nicene creed. There are a few other things as well",
    )
    assert "Leviticus" not in forms_of(found) and "Nicene" not in forms_of(found), found
    assert label_of(found, "Paul") == schema.PERSON, found


def test_a_capitalised_creed_without_the_is_a_surname():
    """ "boxing champion Apollo Creed": a person; only "the … Creed" or a lower-case "creed" is a work of faith."""
    found = entities_in("Adonis never knew his famous father, boxing champion Apollo Creed, who died before his birth.")
    assert label_of(found, "Apollo Creed") == schema.PERSON, found


def test_campaign_in_capitals_ends_a_bodys_name():
    """ "The Brady Campaign": a body, where the leader rule made a person Brady of it ("the Obama campaign" is written
    in lower case)."""
    found = entities_in(
        "a fake made up fantasy by those who want gun control i.e. The Brady Campaign. Those that usually shoot others"
    )
    assert label_of(found, "Brady Campaign") == schema.ORGANIZATION and "Brady" not in forms_of(found), found


def test_a_handle_in_one_case_spoken_to_by_its_capitalised_short_form_is_its_participant():
    """ "scenes from the old west Nato.": an answer to the member NATO 556, whom the model reads as a place (the
    alliance); the annotation counts "Nato" as that participant. A name in mixed case gives no short form."""
    index = AuthorIndex()
    index.add("4forums", "NATO 556")
    text = "He's referring to an artists paintings which depict scenes from the old west Nato. Here's one example"
    assert [ref.name for ref in index.find(text, "4forums")] == ["NATO 556"]
    index.add("4forums", "Charliegone")
    assert not index.find("Charlie, you were right.", "4forums")


def test_a_handle_s_short_form_is_no_everyday_word_nor_a_country():
    """ "nigerianvenom" and "entertain me" write in the Nairaland and the Daily Mail threads: their beginnings
    "Nigeria" (a country, fourteen times in that thread) and "Enter" (a word English writes) name the country and
    the page's prompt, not the writers; "Sin" of sinjin still names its writer."""
    index = AuthorIndex()
    for name in ("nigerianvenom", "entertain me", "sinjin"):
        index.add("forum", name)
    nigeria = (
        "@Op Gen Buhari has nothing to offer Nigeria. He's too ancient. \nNigeria needs an academic and courageous "
        "person who have the guts to do what is right no matter how difficult the situation is."
    )
    assert not index.find(nigeria, "forum"), index.find(nigeria, "forum")
    assert not index.find("Enter your commentJust looking at photo of Diane Abbott. Has she lost weight?", "forum")
    sin = "especially considering that there are almost 9 whites to every 1 black person. Sin is good with stats."
    assert [ref.name for ref in index.find(sin, "forum")] == ["sinjin"]


def test_a_handle_made_of_english_words_gives_no_short_form():
    """ "king of the road" writes in the Daily Mail thread: a phrase, whose first word capitalised ("kin to a King.",
    in the reparations thread) is that word, not the writer; "NATO 556" is no phrase and "Nato" still names it."""
    index = AuthorIndex()
    for name in ("king of the road", "NATO 556"):
        index.add("forum", name)
    text = "she researched the family geneology well into the 1600's..English/Scots-Irish...kin to a King. I keep"
    assert not index.find(text, "forum"), index.find(text, "forum")
    assert [ref.name for ref in index.find("scenes from the old west Nato. Here's one", "forum")] == ["NATO 556"]


def test_inside_a_sentence_a_short_form_is_a_handle_s_whole_first_word_and_names_only_that_handle():
    """ "promised to him in blessed Peter, that infallibility" (the Pope thread): inside a sentence a cut of a handle
    ("Peter" of peteratwar, a writer of the reparations thread) is the given name it also is; and a short form met
    there lets through no other participant's given name ("Peter" of "Peter Jones" beside "peter kx"), which inside
    a sentence names a participant only if English seldom writes it."""
    text = "by the divine assistance promised to him in blessed Peter, that infallibility which the divine Redeemer"
    index = AuthorIndex()
    index.add("forum", "peteratwar")
    assert not index.find(text, "forum"), index.find(text, "forum")
    index = AuthorIndex()
    for name in ("Peter Jones", "peter kx"):
        index.add("forum", name)
    assert not index.find(text, "forum"), index.find(text, "forum")
    assert [ref.name for ref in index.find("Peter, you were right.", "forum")] == ["Peter Jones"]


def test_a_phrase_under_a_plural_noun_after_many_counts_things_of_a_kind():
    # posts 19 and 20: "How many Good Ole American Mutts even know what backgrounds went into makeing them?"
    found = entities_in(*thread_texts("fourforums-slavery-reparations-62")[18:20])
    assert not any("Mutts" in form for form in forms_of(found)), found
