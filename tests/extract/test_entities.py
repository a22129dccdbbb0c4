"""Entity rules on small texts through the real model (loaded once per process by ``nlp.load``)."""

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.extract.aliases import find_definitions
from graphkit.extract.gazetteer import gazetteer
from graphkit.extract.lexicon import Kind, kind
from graphkit.records import Post

pytestmark = pytest.mark.usefixtures("entity_model")


def posts(*texts, thread="t1", authors=None):
    out = [Post(id=f"{thread}:a", thread=thread, is_article=True, text=texts[0], platform="web", source="s")]
    for i, text in enumerate(texts[1:], 1):
        author = authors[i - 1] if authors else None
        out.append(
            Post(
                id=f"{thread}:c{i}",
                thread=thread,
                is_article=False,
                text=text,
                platform="web",
                source="s",
                author=author,
            )
        )
    return out


def entities(fragment):
    return {n.props["name"]: (n.label, n.props["aliases"]) for n in fragment.nodes if n.label in schema.ENTITY_LABELS}


def test_titles_possessives_and_sentence_start():
    found = entities(
        Extractor().extract(
            posts(
                "Foreign Minister Sergey Lavrov met the press in Geneva. Lavrov said little.",
                "Mr. Lavrov’s answer was weak. Dr. Lavrov? No, Mr Lavrov.",
            )
        )
    )
    label, aliases = found["Sergey Lavrov"]
    assert label == schema.PERSON
    assert {"Sergey Lavrov", "Lavrov", "Mr. Lavrov", "Mr Lavrov"} <= set(aliases)
    assert not any("’s" in a for a in aliases)
    assert found["Geneva"][0] == schema.PLACE


def test_country_forms_and_acronyms_merge():
    found = entities(
        Extractor().extract(
            posts(
                "The United States and the EU spoke. The Islamic State (IS) lost ground.",
                "USA is to blame, not the US. ISIS is still there and IS will return.",
            )
        )
    )
    assert set(found["United States"][1]) >= {"United States", "USA", "US"}
    assert found["United States"][0] == schema.PLACE
    assert set(found["Islamic State"][1]) >= {"Islamic State", "IS", "ISIS"}
    assert found["Islamic State"][0] == schema.ORGANIZATION
    assert found["European Union"][0] == schema.ORGANIZATION


def test_renaming_pattern_merges():
    text = "They avoid the Al-Nusra Front, which is currently known as Jabhat Fateh al-Sham. Al-Nusra is strong."
    found = entities(Extractor().extract(posts(text)))
    assert set(found["Al-Nusra Front"][1]) == {"Al-Nusra Front", "Al-Nusra", "Jabhat Fateh al-Sham"}
    assert find_definitions("the Free Syrian Army (FSA) and the group ISIL, also known as Daesh") == [
        ("ISIL", "Daesh"),
        ("Free Syrian Army", "FSA"),
    ]


def test_a_renamed_name_may_open_with_an_arabic_article_or_after_ex():
    """A renaming's name starts at a word's start (linear on long capitalised runs), which "al-Nusra" and
    "ex-Yugoslavia" open with a lower-case prefix before."""
    assert find_definitions("al-Nusra, now known as Jabhat Fateh al-Sham") == [("al-Nusra", "Jabhat Fateh al-Sham")]
    assert find_definitions("ex-Yugoslavia, now known as Serbia") == [("Yugoslavia", "Serbia")]
    assert find_definitions("The iPhone, now known as Foo") == []  # no name starts inside a word


def test_renamings_are_searched_only_where_a_name_may_start_and_found_as_a_whole_search_finds_them():
    """``_renamings`` tries the pattern only at a name's possible first letters: on real texts holding renamings (the
    example, Hacker News comments, a news site's comments) and on names opening with "the", "al-" or after "ex-" or a
    line break, it finds what searching the whole text finds."""
    from pathlib import Path

    from graphkit.extract.aliases import _RENAMED, _renamings

    data = Path(__file__).parent.parent / "data"
    texts = [
        (data / name).read_text(encoding="utf-8")
        for name in (
            "palmyra-lavrov-thread.txt",
            "real/hackernews/hn-comments-200.jsonl",
            "entities/wsj-abramovich-citizenship-31.jsonl",
        )
    ]
    texts += [
        "the\nthe Big Co, now called Small Co; ex-Twitter aka X",
        "Daesh (formerly ISIS) and al-Nusra, now known as Jabhat Fateh al-Sham",
        "ReIsis aka Daesh, e.g. 'Isis aka Daesh' and -Isis aka Daesh",
    ]
    found = 0
    for text in texts:
        whole = [(m.span(), m.groups()) for m in _RENAMED.finditer(text)]
        assert [(m.span(), m.groups()) for m in _renamings(text)] == whole
        found += len(whole)
    assert found >= 8


def test_a_surname_joins_a_full_name_ending_in_a_generational_suffix():
    """The surname is the word before "Jr.", so "King" is Martin Luther King Jr.'s, and two people's "Jr." is no
    surname: "Hardaway" alone joins neither Tim Hardaway nor Tim Hardaway Jr."""
    found = entities(
        Extractor().extract(
            posts(
                "Martin Luther King Jr. gave the speech in 1963.",
                "I think King was right about that, and King said so again.",
                "Dennis Smith Jr. played 11 minutes, Tim Hardaway Jr. played 30 and Tim Hardaway coached.",
                "Hardaway said nothing.",
            )
        )
    )
    assert found["Martin Luther King Jr."] == (schema.PERSON, ["King", "Martin Luther King Jr."]), found
    assert sorted(found["Tim Hardaway Jr."][1]) == ["Tim Hardaway Jr."], found
    assert sorted(found["Dennis Smith Jr."][1]) == ["Dennis Smith Jr."], found


def test_junk_and_glued_spans():
    found = entities(
        Extractor().extract(
            posts(
                "Lavrov and his usual BS. Good job Lavrov & Putin.",
                "Crime planet……..3rd from the Sun",
                "Cohen Said that Russia is slow. LOL.",
            )
        )
    )
    assert "BS" not in found and "Crime planet" not in found and "LOL" not in found
    assert "Lavrov" in found and "Putin" in found and "Cohen" in found
    assert not any("&" in name or "Said" in name for name in found)


def test_commenter_names_are_authors_not_people():
    batch = posts("An article about Ukraine.", "Some view.", "John I hope you read it.", authors=["John Smith", "Kate"])
    fragment = Extractor().extract(batch)
    assert "John Smith" not in entities(fragment) and "John" not in entities(fragment)
    [mention] = [e for e in fragment.edges if e.type == schema.MENTIONS and e.target.startswith("author:")]
    assert mention.target == schema.author_id("web", "John Smith")
    assert mention.props["text"] == "John" and mention.props["sentiment"] is not None


def test_label_voting_uses_gazetteer_and_context():
    text = "Militants attacked Palmyra. Palmyra fell again. Fighting in Palmyra continues near Aleppo."
    found = entities(Extractor().extract(posts(text)))
    assert found["Palmyra"][0] == schema.PLACE and found["Aleppo"][0] == schema.PLACE


def test_later_batches_join_earlier_entities_and_re_emit_aliases():
    ex = Extractor()
    first = ex.extract(posts("Sergey Lavrov arrived in Paris today.", thread="t1"))
    second = ex.extract(posts("Mr. Lavrov left Paris angry.", thread="t2"))
    [node1] = [n for n in first.nodes if n.label == schema.PERSON]
    [node2] = [n for n in second.nodes if n.label == schema.PERSON]
    assert node1.id == node2.id
    assert set(node2.props["aliases"]) == {"Sergey Lavrov", "Mr. Lavrov"}
    assert not [n for n in second.nodes if n.label == schema.PLACE]  # Paris gained nothing new


def test_lexicon_tells_names_from_words():
    assert kind("Authority") is Kind.COMMON and kind("Absolutely") is Kind.COMMON
    assert kind("Januar") is Kind.FOREIGN
    assert kind("Trump") is Kind.NAME and kind("Rosneft") is Kind.NAME
    assert kind("Geostrategic") is Kind.RARE


def test_capitalised_common_words_are_not_entities():
    found = entities(
        Extractor().extract(
            posts(
                "Saddam tried to keep Authority over the provinces. Syria remains Sovereign, Eventually free.",
                "There is Divisions within the leadership on everything from Geostrategic aims to money.",
                "I read that the Pentagon disagreed with Shoigu about it.",
            )
        )
    )
    assert not {"Authority", "Sovereign", "Eventually", "Divisions", "Geostrategic"} & set(found)
    assert found["Pentagon"][0] == schema.ORGANIZATION and "Shoigu" in found and "Saddam" in found


def test_place_context_and_person_over_small_town():
    found = entities(
        Extractor().extract(
            posts(
                "The gas fields lie offshore Sinai. Shelling goes on in the Donbass every night.",
                "The war started long before Bush and his friends came in. The CEO of the bank said so.",
            )
        )
    )
    assert found["Sinai"][0] == schema.PLACE and found["Donbass"][0] == schema.PLACE
    assert found["Bush"][0] == schema.PERSON
    assert "CEO" not in found and gazetteer().place("CEO") is None  # an airport code, not a town


def _requirements(requirement: str, seen: set[str]) -> set[str]:
    """The distribution a requirement names and every one it requires in this environment, as installed; optional
    extras and other platforms' requirements aside (names lower-cased)."""
    from importlib.metadata import PackageNotFoundError, requires

    from packaging.requirements import Requirement

    req = Requirement(requirement)
    name = req.name.lower().replace("_", "-")
    if name in seen or req.marker and not req.marker.evaluate({"extra": ""}):
        return seen
    seen.add(name)
    try:
        needs = requires(req.name) or []
    except PackageNotFoundError:
        return seen
    for line in needs:
        _requirements(line, seen)
    return seen


def test_regions_need_no_scipy():
    """The first-level regions ship as a data file: nothing graphkit requires pulls SciPy in, and the regions the
    rules know are still there (Crimea, Dagestan and Donetsk are no country or US state, so only that file names
    them)."""
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    needed: set[str] = set()
    for requirement in project["project"]["dependencies"]:
        _requirements(requirement, needed)
    assert "numpy" in needed and "scipy" not in needed
    assert {"Crimea", "Dagestan", "Donetsk"} <= gazetteer().provinces


def test_the_rules_per_word_answers_are_bounded():
    """A long run meets ever new words: each rule that keeps its answer per word keeps the latest ones only, so the
    rules' memory does not grow with the run's vocabulary."""
    import inspect

    from graphkit.extract import entities

    kept = [f for f in vars(entities).values() if callable(getattr(f, "cache_info", None))]
    per_word = [f for f in kept if inspect.signature(f).parameters]
    assert per_word and all(f.cache_info().maxsize for f in per_word), [f.__name__ for f in per_word]
    word = entities._english_noun
    word.cache_clear()
    for i in range(word.cache_info().maxsize + 10):
        word(f"Zq{i}")
    assert word.cache_info().currsize == word.cache_info().maxsize


def test_a_mention_the_model_alone_labels_is_unruled():
    """What decides whether the model's label is all that speaks for a name (a one-word name listed beside a person
    named in full is then a person) is which votes were cast, not how their reasons read."""
    from graphkit.extract.entities import Mention

    mention = Mention(0, 5, "Brown", "Brown")
    mention.vote(schema.ORGANIZATION, 1.0, "model ORG", by_model=True)
    assert not mention.ruled
    mention.vote(schema.PERSON, 1.0, "model-like words in a rule's reason")
    assert mention.ruled


def test_a_camelcase_site_is_named_after_on_as_a_word():
    """The word "on" opens the site's phrase only as a word of its own ("Ron", "upon" hold none), at a text's start
    too, and the name is not glued by a dash to a noun after it."""
    from graphkit.extract.entities import site_names

    texts = [
        "on TikTok all day",
        "questions on StackOverflow and on the [GitHub](https://example.org) page",
        "Ron YouTube, upon FaceBook",
        "on SecureBoot-enabled machines",
        "(on LinkedIn)",
    ]
    found = site_names(texts) - {"example"}  # the link's site
    assert found == {"tiktok", "stackoverflow", "github", "linkedin"}
