"""Names the model alone reads as people's that their list shows are products' or companies' (issue 14): listed next
to a word written as products and companies write their names, a capital or a digit inside it ("OpenGL",
"UberEats", "SELinux", "Direct3D"), as people's names never are. Texts are the development threads' own
(tests/data/entities), read with graphkit's own readers."""

from pathlib import Path

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.extract.entities import _product_shaped
from graphkit.sources import expand_inputs, read_posts
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")

DATA = Path(__file__).parents[1] / "data" / "entities"


def _labels(name: str) -> dict[str, str]:
    posts = list(read_posts(expand_inputs([str(DATA / f"{name}.jsonl")])))
    nodes = {n.id: n for n in Extractor().extract(posts).nodes if n.label in schema.ENTITY_LABELS}
    return {form: n.label for n in nodes.values() for form in {n.props["name"], *n.props["aliases"]}}


def test_names_listed_beside_product_names_on_a_job_thread_are_no_people():
    """hn-whoishiring-2020-01-45: "several 3D graphics projects (Vulkan, OpenGL, and Direct3D)" and "an Eastern
    European version of UberEats and Postmates": the model read Vulkan and Postmates as people."""
    labels = _labels("hn-whoishiring-2020-01-45")
    assert labels["Vulkan"] == schema.ORGANIZATION
    assert labels["Postmates"] == schema.ORGANIZATION


def test_a_security_module_listed_beside_selinux_is_no_person():
    """lsm-inode-ino-tomoyo-2024-10-100: "possible to use SELinux and Smack together" (quoted four times): the model
    read Smack as a person in each, outvoting its capitals ("SMACK, Tomoyo, AppArmor")."""
    assert _labels("lsm-inode-ino-tomoyo-2024-10-100")["Smack"] == schema.ORGANIZATION


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("DeSantis and Zelensky met in Miami.", "Zelensky"),
        ("McConnell and Schumer made a deal.", "Schumer"),
        ("Both McDonald and Netanyahu spoke.", "Netanyahu"),
    ],
)
def test_people_listed_beside_names_with_a_particle_stay_people(text: str, name: str):
    """A capital inside a person's name follows a particle ("LeBron", "DeSantis", "McDonald"): their neighbours stay
    people."""
    found = entities_in(text)
    assert label_of(found, name) == schema.PERSON, found


def test_product_shapes():
    assert all(map(_product_shaped, ["OpenGL", "UberEats", "SELinux", "Direct3D", "CodeWeavers"]))
    assert not any(map(_product_shaped, ["MP3", "McDonald", "LeBron", "DeForest", "DiCaprio", "Smack", "iPhone"]))


@pytest.mark.parametrize(
    ("texts", "name"),
    [
        (["Hoffman, LinkedIn's founder, gave money."], "Hoffman"),
        (["Thiel, PayPal's co-founder, said so."], "Thiel"),
        (["SpaceX, Musk, and the rest of them lied.", "Musk is a fraud."], "Musk"),
        (["ElBaradei and Blix said there were no weapons."], "Blix"),
        (["JuJu, Roethlisberger and Tomlin won the game."], "Roethlisberger"),
        (["RuPaul and Visage judged the show."], "Visage"),
    ],
)
def test_people_beside_a_possessive_or_a_name_of_its_shape_stay_people(texts: list[str], name: str):
    """A possessive after a comma opens an appositive, no list ("Hoffman, LinkedIn's founder"); a person's name
    written with a capital inside ("ElBaradei", "JuJu", "RuPaul") is a person's where the model reads it so; and one
    listing beside a company's name does not outweigh the name's own mentions ("Musk is a fraud")."""
    found = entities_in(*texts)
    assert label_of(found, name) == schema.PERSON, found


def test_names_of_people_with_a_capital_inside_are_no_product_shapes():
    assert not any(map(_product_shaped, ["RuPaul", "KeShawn", "FitzGerald", "CeeDee", "ElBaradei"]))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # facebook-abc-news-tehan-centrelink-120
        (
            "If medicine had advanced as slowly as public health has in the last 100 years or will would still be "
            "travelling on Wright Flyer III planes and driving a Ford Model T.",
            "Wright Flyer III",
        ),
        # usenet-comp-lang-cobol-1999-12-80
        (
            "We have recently installed v1.0 of Server Express on a Sun Solaris system.\n"
            "We cannot create files greater than 4 gig.",
            "Sun Solaris",
        ),
    ],
)
def test_a_name_before_goods_sold_under_it_is_no_person(text: str, name: str):
    """The model read both names as people's; planes and a system are goods sold under a maker's or a brand's name,
    so the name before them is no person's or place's (issue 14, products)."""
    assert label_of(entities_in(text), name) is None


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("I bought a Samsung phone last year and it still works.", "Samsung", schema.ORGANIZATION),
        ("Boeing planes keep having door problems.", "Boeing", schema.ORGANIZATION),
        ("Elon Musk said the Tesla app will get an update.", "Tesla", schema.ORGANIZATION),
        ("The Texas system of courts is slow.", "Texas", schema.PLACE),
        ("There is now a Biden app for finding vaccine appointments, apparently.", "Biden", schema.PERSON),
        ("Schumer phone calls are apparently how deals get done in the Senate.", "Schumer", schema.PERSON),
        ("The Dewey system is still used in most school libraries.", "Dewey", schema.PERSON),
        ("A Boise phone number kept calling me at three in the morning.", "Boise", schema.PLACE),
        ("The Boise system is actually pretty good at plowing the roads.", "Boise", schema.PLACE),
        ("The Alberta system has private clinics now.", "Alberta", schema.PLACE),
    ],
)
def test_a_maker_a_place_or_one_word_before_goods_stays(text: str, name: str, label: str):
    """A maker before its goods is a body still ("a Samsung phone"), and a place before "system" the place's; one
    word before an app, a phone or a system is as often a person's or a town's as a maker's, so goods alone say
    nothing of it (made sentences of the kind comments hold; the last six lost their label when they did)."""
    assert label_of(entities_in(text), name) == label
