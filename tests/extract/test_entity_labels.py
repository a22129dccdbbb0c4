"""Real names the rules kept under the wrong label on the development threads (issue 14): the model's label alone,
where the words around the name tell another. Texts are the development threads' own (tests/data/entities)."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, label_of, thread_nodes

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_word_no_list_knows_listed_beside_a_person_read_so_is_a_person():
    """facebook-abc-news-tehan-centrelink-120: "With Morrison and Frydenburg promising more": the model read
    "Frydenburg" (Josh Frydenberg misspelt), a word no list knows, as a place, nothing else backing it; listed beside a
    name the model reads as a person's, it is one too, as a surname of the lists is. The places of the comment's
    comma list stay places."""
    found = entities_in(
        'Alexandra Reem Babic - How can we have "more than enough money" when we\'re facing a decade of deficits and '
        "debt that's set to peak at almost $1 trillion in 2025 and a current national debt of over $600 billion? "
        'With Morrison and Frydenburg promising more just about every day!\nAs for being "one of the wealthiest '
        "countries in the OECD\" - that's a very sweeping description. You'll find that most of the wealthiest "
        "countries are small ones, like Luxumbourg, Ireland, Norway, Switzerland, etc. But on a GDP per capita basis, "
        "Australia just makes it to Number 10!"
    )
    assert label_of(found, "Frydenburg") == schema.PERSON, found
    assert label_of(found, "Morrison") == schema.PERSON, found
    assert label_of(found, "Norway") == schema.PLACE, found


def test_a_reflexive_pronoun_right_after_a_name_is_a_persons_after_a_preposition_too():
    """wikipedia-talk-arab-spring-120: "purged of all ex-RCD people except for Ghannouchi himself": the model read
    "Ghannouchi" (Mohamed Ghannouchi) as a body; a pronoun after a preposition's name is rarely that name's, but
    "himself" right after it is its own, whatever governs it."""
    found = entities_in(
        "Someone good with tables would have to implement this. Or does someone have a better suggestion? An example "
        'could be for the Tunisian case - i\'m not sure which "starting" date would count as critical, but clearly the '
        "two days when Ben Ali left and Mebazaa became acting president should count as one critical pair-of-days, and "
        "maybe the day that the new cabinet was purged of all ex-RCD people except for Ghannouchi himself would count "
        'as another critical day, though certainly not an "end date" - parliamentary and presidential elections would '
        "likely be interpreted as some sort of an end date of the change of power."
    )
    assert label_of(found, "Ghannouchi") == schema.PERSON, found


def test_a_name_before_what_software_is_built_into_is_the_softwares():
    """lsm-inode-ino-tomoyo-2024-10-100: the model read the distribution "Fedora" as a person in every mention
    ("at least Fedora kernels", "a containerized Fedora implementation", "in the Fedora\\nimplementation") and the
    jargon acronym "MAC" as a body ("multiple MAC implementations"); a kernel or an implementation is software's,
    so the name before it is no person's, place's or body's; a module read as a body elsewhere stays one."""
    found = entities_in(
        "I think that AppArmor also has chance to get enabled in\nat least Fedora kernels, for sending a pull request "
        "which\nmodifies kernel config options was accepted.\n\nMy goal is that TOMOYO is also enabled in RHEL "
        "kernels, as with\nLandlock is.",
        "There was an LSM list thread started by, I believe a Korean Linux\nintegrator.  I believe they were on an "
        "Ubuntu OS base platform running\nAppArmor and running a containerized Fedora implementation to\nexperiment "
        "with SeLinux, I don't remember all the details, the\nexchange would be on lore.  They were somewhat "
        "disconcerted by the\nfact that when they threw the switch on SeLinux in the Fedora\nimplementation things "
        "pretty much collapsed around them.",
    )
    assert label_of(found, "Fedora") is None, found
    assert label_of(found, "SeLinux") == schema.ORGANIZATION, found
    # over the whole thread, "MAC" is read as a body in "the MAC check" too, and was one before the rule
    nodes = thread_nodes("lsm-inode-ino-tomoyo-2024-10-100")
    assert "Fedora" not in nodes and "MAC" not in nodes, sorted(nodes)
    assert nodes["Red Hat"].label == schema.ORGANIZATION, nodes["Red Hat"]


def test_the_years_of_a_life_after_a_name_make_it_a_persons():
    """usenet-comp-lang-cobol-1999-12-80: a signature's "[apologies to DeForest Kelly, 1920-1999]" (DeForest Kelley,
    the actor quoted above it): the model read a body; a name of no list before years of birth and death is a
    person's, as no place or body lives and dies so."""
    found = entities_in(
        "+------\"He's dead, Jim. I'll get his tricorder. You take his wallet.\"-------+\n"
        "                 [apologies to DeForest Kelly, 1920-1999]\n"
        '<A Href="http://perdita.lcs.psu.edu">home page</a> \n'
        '<a Href="http://perdita.lcs.psu.edu/junkdec.htm">junk mail declaration</a>'
    )
    assert label_of(found, "DeForest Kelly") == schema.PERSON, found


@pytest.mark.parametrize(
    ("short", "long_form"),
    [
        ("Max", "Maxwell was convicted of fraud last year."),
        ("Jack", "Jackson signed the bill on Monday."),
        ("Frank", "Franklin wrote the letter."),
        ("Mitch", "Mitchell voted against it."),
    ],
)
def test_a_given_name_alone_stays_apart_from_a_surname_it_opens(short: str, long_form: str):
    """A given name written alone and a longer name it opens, written alone in the same thread, are often two people
    ("Max" and a Maxwell convicted, "Jack" and a Jackson who signed): nothing joins them."""
    found = entities_in(f"{short} said it was fine.", long_form)
    long_name = long_form.split()[0]
    assert not any(short in names and long_name in names for _, names in found.values()), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Enron (1985-2001) is the classic case study of fraud.", "Enron"),
        ("Compaq, 1982-2002, was bought by HP.", "Compaq"),
        ("Eastman Kodak, 1892-2012, invented the digital camera.", "Eastman Kodak"),
        ("Atari (1972-1992) made the first consoles.", "Atari"),
        ("Nirvana (1987-2004) changed rock music.", "Nirvana"),
    ],
)
def test_the_years_of_a_body_after_its_name_make_no_person(text: str, name: str):
    """A company's or a band's years after its name read as a life's; only a name of the lists (a given name first, a
    surname last) takes them as one."""
    found = entities_in(text)
    assert label_of(found, name) not in (None, schema.PERSON), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Google implementation of the spec is buggy. Google said it would fix it.", "Google"),
        ("The Samsung firmware is buggy. Samsung said it would fix it.", "Samsung"),
        ("The Huawei firmware update bricked my phone. Huawei did not answer.", "Huawei"),
        ("The Commission implementation of the directive was late.", "Commission"),
        ("The Obama implementation of the law was slow.", "Obama"),
    ],
)
def test_a_body_or_a_person_before_what_software_is_built_into_stays(text: str, name: str):
    """A body's name before "implementation" or "firmware" is the body that made it, and a name the noun is "of"
    (the implementation of a spec, a law) is who implements it: neither is dropped as software's."""
    assert label_of(entities_in(text), name) is not None


@pytest.mark.parametrize(
    ("text", "name"),
    [("He went to Bakhmut himself to see it.", "Bakhmut"), ("My dad wrote to Google himself about it.", "Google")],
)
def test_a_reflexive_pronoun_after_a_preposition_s_name_is_the_subject_s(text: str, name: str):
    """ "himself" after a name a preposition governs is the subject's ("He went to Bakhmut himself"); only after a
    word that sets the name apart ("except for Ghannouchi himself") is it the name's."""
    found = entities_in(text)
    assert label_of(found, name) not in (None, schema.PERSON), found


def test_a_place_of_the_gazetteer_listed_beside_a_person_stays_no_person():
    """ "Zelensky, Bakhmut and Avdiivka": a rare word the gazetteer holds as a place is no misspelt surname."""
    found = entities_in("Zelensky, Bakhmut and Avdiivka were in the news.")
    assert label_of(found, "Bakhmut") not in (None, schema.PERSON), found


def test_a_name_listed_beside_places_outweighs_the_model_s_person():
    """wikipedia-talk-arab-spring-120: "Protests also spread to Sousse, Sfax and Meknassy", a town no gazetteer holds,
    which the model reads as a person's: its list of towns the gazetteer holds says place, against the model's label
    alone."""
    assert thread_nodes("wikipedia-talk-arab-spring-120")["Meknassy"].label == schema.PLACE
