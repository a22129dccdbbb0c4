"""Entity quality on annotated real threads (tests/data/entities, scored by bench/entities.py from the annotation
file and the nodes alone): a change to the entity rules that loses names, lets junk back, splits a merged group or
puts two people on one node fails here, on text written by people rather than by the rules' authors.

Two kinds of check per thread: issue 14's bar (key-entity recall ≥ 0.9 with the right label, ≤ 3 junk entities per 200
comments, every annotated variant group merged, no node holding two people), where a thread short of it is a strict
expected failure (it fails the day it passes, so the mark comes off); and the figures reached today (``REACHED``), with
a little margin. The held-out threads (Fox News on the Confederate flag, the Daily Mail on Shakira's tax deal,
r/politics on Russian money to Donald Trump's campaign and on Justice Clarence Thomas's gifts, r/soccer's match thread
of Portugal against Uzbekistan, the cypherpunks mailing list's October 1992, Usenet's talk.politics.guns on the siege at
Waco, four Hacker News threads of February 2015, The Globe and Mail on the Republican candidates at the New Hampshire
primary, Hacker News on a language model's release, Reddit on the film Across the Spider-Verse, r/eagles after the Super
Bowl, the pilots' forum PPRuNe on the crash of Air India flight 171, the python-dev mailing list's January 2000, the
political forum Debate Politics on carrying a gun to protest ICE, Reddit on President Trump's "shithole countries", the
Extropians mailing list on the count in Florida in November 2000, the INDOLOGY list on horses and the Sarasvati in May
1998, Hacker News on data centres in space, r/worldnews's live thread on the morning of the Wagner Group's mutiny, the
Split Screen Van Club's forum on a bus rescued from Greece, The New York Times's readers on the market crash of 9 March
2020, Singaporeans on HardwareZone's forum on testing Malaysian workers sent home from Singapore, YouTube's viewers of
the 2008 Wimbledon final in full, DARPA's forum of robot-car builders on the Urban Challenge in May 2006, the Linux
kernel's developers on a patch to the vmsplice system call in June 2026, Mastodon's members on the features of its 4.0
release, r/worldnews's front page of 14 and 15 October 2025, Twitter on Vladimir Putin's ten days unseen and on Prince
in Toronto, r/formula1's fans after the Dutch Grand Prix of 2022, Indians on Reddit on a bank manager who would not
speak Kannada, Nigerians on Nairaland on immigrating to Canada through Express Entry, Tesla's owners on the Tesla Motors
Club forum in May 2019, the CF-metadata list of the climate and forecast conventions in spring 2016, Malaysians on
Lowyat.NET's property board on a township south of Puchong, r/Futurology on a bulk carrier's wind sails, Qatar Living's
residents asking where to find things in Doha) were annotated from their text alone, no rule is tuned on them, and they
are run only once a round's rules are fixed, whose score sets their marks here. A fresh held-out thread is listed in
``NOT_SCORED_YET``, every check of it skipped until that first run (``python bench/entities.py THREAD …`` prints its
figures alone); that it reads whole through graphkit's readers is checked before, as reading runs no extraction. The
validation threads (r/clevelandcavs's game thread of the 2016 NBA Finals' seventh game, The Washington Post's comments
on President Trump as a pariah after the Capitol siege) are development threads whose misses are not read: a change made
on the others is kept only if they keep their marks. How each thread was annotated, what it first scored and what it
scores now: bench/README.md, the entities row.
"""

from functools import cache

import pytest

from bench.entities import HELD_OUT, annotations, bare_nodes, graphkit_nodes, read, score

THREADS = dict(annotations())
ISSUE_RECALL, ISSUE_JUNK = 0.9, 3.0
# thread: (recall at least, junk per 200 comments at most, variant groups merged at least) reached today
REACHED = {
    "example": (1.0, 0.0, 8),
    "reddit-graw-thread": (0.93, 1.1, 3),
    "hn-comments-200": (0.93, 3.0, 4),
    "mapnik-devel-2009-March": (1.0, 0.0, 0),
    # junk 0.0 was two wrong epithet joins hiding two junk names ("Dodd Frank" on Frank Giustra, "Clinton Camp" on
    # Hillary Clinton): undone, they count as junk
    "nyt-clinton-foundation-200": (0.97, 2.0, 25),
    "youtube-ukraine-war-150": (0.92, 2.8, 13),
    "dailymail-labour-manifesto-67": (1.0, 0.0, 13),
    "guardian-generation-war-75": (1.0, 2.8, 13),
    "wsj-abramovich-citizenship-31": (0.95, 0.0, 6),
    "reddit-republican-maga-school-76": (0.93, 2.7, 4),
    "reddit-shitliberalssay-oreo-73": (0.95, 2.8, 8),
    "fox-confederate-flag-157": (0.87, 9.0, 11),
    "nairaland-politics-51": (0.91, 0.0, 23),
    "everything-list-1998-20": (0.94, 0.0, 3),
    "history-se-meta-67": (0.97, 0.0, 7),
    "cs-se-meta-80": (1.0, 0.0, 5),
    "fourforums-obama-gun-rights-60": (0.95, 3.4, 7),
    "fourforums-pope-same-sex-marriage-59": (1.0, 0.0, 2),
    "fourforums-slavery-reparations-62": (1.0, 16.2, 10),
    "youtube-debate-first-120": (1.0, 1.8, 6),
    "youtube-debate-second-120": (0.85, 1.7, 6),
    "globe-trump-victory-126": (0.92, 9.6, 18),
    "reddit-nyknicks-bucks-postgame-139": (0.73, 4.4, 17),
    "dailymail-shakira-tax-150": (0.7, 4.1, 2),
    "reddit-politics-russian-money-150": (0.76, 18.8, 25),
    "reddit-politics-clarence-thomas-150": (0.8, 10.8, 19),
    "reddit-soccer-portugal-uzbekistan-150": (0.69, 10.8, 12),
    "cypherpunks-1992-10-120": (0.68, 120.1, 26),
    "usenet-talk-politics-guns-120": (0.64, 126.8, 33),
    "hn-frontpage-2015-02-120": (0.51, 20.1, 6),
    "globe-republican-primary-110": (0.87, 14.6, 17),
    # merged 7 counted "Micro Focus" (the firm), its forms on one node labelled a person: no longer read as a person,
    # the firm is a miss as it was (its label wrong), and no group of it is found
    "usenet-comp-lang-cobol-1999-12-80": (0.8, 20.1, 6),
    "bvparishat-2009-06-72": (0.84, 147.3, 10),
    "hn-whoishiring-2020-01-45": (0.89, 13.4, 12),
    "reddit-movies-oppenheimer-110": (0.91, 18.3, 10),
    "reddit-coys-daily-discussion-120": (0.84, 5.1, 7),
    "reddit-politics-measles-senator-111": (0.6, 3.7, 4),
    "facebook-abc-news-tehan-centrelink-120": (0.77, 10.1, 7),
    "wikipedia-talk-arab-spring-120": (0.94, 8.4, 13),
    "wikipedia-talk-catholic-church-80": (0.9, 15.0, 12),
    "reddit-wallstreetbets-gme-holding-120": (0.69, 8.4, 6),
    "twitter-ferguson-ottawa-126": (0.76, 8.0, 2),
    "reddit-clevelandcavs-finals-game7-120": (0.52, 6.8, 5),
    "wapo-trump-pariah-siege-120": (0.71, 30.1, 17),
    "hn-fable-5-release-128": (0.43, 14.2, 1),
    "reddit-spider-verse-discussion-120": (0.63, 45.1, 18),
    "reddit-eagles-super-bowl-postgame-140": (0.7, 10.1, 8),
    "pprune-ahmedabad-crash-120": (0.6, 16.8, 6),
    "debatepolitics-ice-gun-protest-120": (0.72, 25.1, 6),
    "python-dev-2000-01-126": (0.48, 50.9, 14),
    "extropians-2000-11-election-120": (0.74, 80.1, 23),
    "reddit-shithole-countries-120": (0.71, 25.1, 9),
    "indology-1998-05-sarasvati-horses-100": (0.6, 468.1, 22),
    "hn-space-data-centers-130": (0.54, 23.2, 5),
    "reddit-worldnews-wagner-mutiny-130": (0.63, 50.9, 13),
    "ssvc-barndoor-rescue-130": (0.7, 26.3, 4),
    "nyt-stock-market-crash-120": (0.78, 11.8, 9),
    "hwz-johor-malaysian-workers-120": (0.54, 18.4, 2),
    "youtube-wimbledon-2008-final-120": (0.68, 8.4, 1),
    "darpa-urban-challenge-forum-120": (0.51, 38.4, 12),
    "linux-api-vmsplice-2026-06-110": (0.21, 7.4, 4),
    "mastodon-4-0-features-120": (0.3, 8.4, 0),
    "lsm-inode-ino-tomoyo-2024-10-100": (0.9, 10.1, 5),
    "net54-t206-podcast-wagner-100": (0.64, 40.1, 6),
    "reddit-worldnews-frontpage-2025-10-120": (0.74, 13.4, 7),
    "twitter-putin-missing-prince-toronto-121": (0.69, 10.0, 4),
    "reddit-formula1-dutch-gp-aftermath-120": (0.66, 13.4, 7),
    "reddit-india-kannada-language-row-120": (0.52, 21.8, 5),
    "nairaland-canada-express-entry-120": (0.28, 36.8, 6),
    "tmc-tesla-owners-recent-posts-120": (0.34, 30.1, 1),
    "nairaland-health-mentions-120": (0.42, 10.1, 3),
    "cf-metadata-2016-120": (0.5, 80.1, 18),
    # one key entity fewer (21 of 61, a group's forms with it) on this round's rules, run once after they were fixed
    "lowyat-16-sierra-puchong-120": (0.34, 53.4, 16),
    "reddit-futurology-windwing-sails-120": (0.8, 5.1, 3),
    # one key entity fewer (14 of 35, a group's forms with it) on this round's rules, run once after they were fixed
    "qatarliving-cqa-2015-test-120": (0.4, 28.4, 8),
}
# where issue 14's bar is not reached yet (bench/entities.py lists the misses and the junk)
SHORT_OF_RECALL = {
    "fox-confederate-flag-157",
    "reddit-nyknicks-bucks-postgame-139",
    "youtube-debate-second-120",
    "dailymail-shakira-tax-150",
    "reddit-politics-russian-money-150",
    "reddit-politics-clarence-thomas-150",
    "reddit-soccer-portugal-uzbekistan-150",
    "cypherpunks-1992-10-120",
    "usenet-talk-politics-guns-120",
    "usenet-comp-lang-cobol-1999-12-80",
    "bvparishat-2009-06-72",
    "hn-frontpage-2015-02-120",
    "globe-republican-primary-110",
    "hn-fable-5-release-128",
    "reddit-spider-verse-discussion-120",
    "reddit-coys-daily-discussion-120",
    "reddit-politics-measles-senator-111",
    "facebook-abc-news-tehan-centrelink-120",
    "reddit-clevelandcavs-finals-game7-120",
    "wapo-trump-pariah-siege-120",
    "reddit-eagles-super-bowl-postgame-140",
    "pprune-ahmedabad-crash-120",
    "python-dev-2000-01-126",
    "debatepolitics-ice-gun-protest-120",
    "extropians-2000-11-election-120",
    "reddit-shithole-countries-120",
    "indology-1998-05-sarasvati-horses-100",
    "hn-space-data-centers-130",
    "reddit-worldnews-wagner-mutiny-130",
    "ssvc-barndoor-rescue-130",
    "nyt-stock-market-crash-120",
    "hwz-johor-malaysian-workers-120",
    "reddit-wallstreetbets-gme-holding-120",
    "twitter-ferguson-ottawa-126",
    "youtube-wimbledon-2008-final-120",
    "darpa-urban-challenge-forum-120",
    "linux-api-vmsplice-2026-06-110",
    "mastodon-4-0-features-120",
    "reddit-worldnews-frontpage-2025-10-120",
    "twitter-putin-missing-prince-toronto-121",
    "net54-t206-podcast-wagner-100",
    "reddit-formula1-dutch-gp-aftermath-120",
    "reddit-india-kannada-language-row-120",
    "nairaland-canada-express-entry-120",
    "tmc-tesla-owners-recent-posts-120",
    "nairaland-health-mentions-120",
    "cf-metadata-2016-120",
    "lowyat-16-sierra-puchong-120",
    "reddit-futurology-windwing-sails-120",
    "qatarliving-cqa-2015-test-120",
}
SHORT_OF_JUNK = {
    "fox-confederate-flag-157",
    "globe-trump-victory-126",
    "fourforums-obama-gun-rights-60",
    "fourforums-slavery-reparations-62",
    "dailymail-shakira-tax-150",
    "reddit-politics-russian-money-150",
    "reddit-politics-clarence-thomas-150",
    "reddit-soccer-portugal-uzbekistan-150",
    "cypherpunks-1992-10-120",
    "usenet-talk-politics-guns-120",
    "usenet-comp-lang-cobol-1999-12-80",
    "bvparishat-2009-06-72",
    "hn-frontpage-2015-02-120",
    "globe-republican-primary-110",
    "hn-whoishiring-2020-01-45",
    "hn-fable-5-release-128",
    "reddit-spider-verse-discussion-120",
    "reddit-movies-oppenheimer-110",
    "reddit-coys-daily-discussion-120",
    "reddit-politics-measles-senator-111",
    "facebook-abc-news-tehan-centrelink-120",
    "wikipedia-talk-arab-spring-120",
    "wikipedia-talk-catholic-church-80",
    "reddit-clevelandcavs-finals-game7-120",
    "wapo-trump-pariah-siege-120",
    "reddit-eagles-super-bowl-postgame-140",
    "pprune-ahmedabad-crash-120",
    "python-dev-2000-01-126",
    "debatepolitics-ice-gun-protest-120",
    "extropians-2000-11-election-120",
    "reddit-shithole-countries-120",
    "indology-1998-05-sarasvati-horses-100",
    "hn-space-data-centers-130",
    "reddit-worldnews-wagner-mutiny-130",
    "ssvc-barndoor-rescue-130",
    "nyt-stock-market-crash-120",
    "hwz-johor-malaysian-workers-120",
    "reddit-wallstreetbets-gme-holding-120",
    "twitter-ferguson-ottawa-126",
    "youtube-wimbledon-2008-final-120",
    "darpa-urban-challenge-forum-120",
    "linux-api-vmsplice-2026-06-110",
    "mastodon-4-0-features-120",
    "lsm-inode-ino-tomoyo-2024-10-100",
    "reddit-worldnews-frontpage-2025-10-120",
    "twitter-putin-missing-prince-toronto-121",
    "net54-t206-podcast-wagner-100",
    "reddit-formula1-dutch-gp-aftermath-120",
    "reddit-india-kannada-language-row-120",
    "nairaland-canada-express-entry-120",
    "tmc-tesla-owners-recent-posts-120",
    "nairaland-health-mentions-120",
    "cf-metadata-2016-120",
    "lowyat-16-sierra-puchong-120",
    "reddit-futurology-windwing-sails-120",
    "qatarliving-cqa-2015-test-120",
}
# an initial for a first name (E. Lee); a surname misspelt as another listed one ("John Mcdonald" for John McDonnell);
# an actor's birth name (Marion Morrison, John Wayne); the island of Great Britain, which the rules keep apart from
# the state that "Britain" names; "Chad Trump" (a given name as a nickname), which leaves "Trump" between two people;
# The Globe and Mail's "Baruk" (Obama mocked), "Junior Trudeau", "Kathleen Wynn" beside "Wynne" (two surnames the lists
# know), "DC" and "Washington"; the r/NYKnicks thread's "Dennis" beside "Dennis Smith Jr." and "JR" (JR Smith); the
# bvparishat month's professor by full name, by "Prof. Achyut" and by "Prof. Das"; r/movies' "RDJ" beside "Downey",
# "Emily Blunts", "Rami" and "Ludwig" (given names alone, read as bodies); r/coys' "Woolwich" (Arsenal's old name),
# "Victor Moses’d" (a name made a verb) and "Patrick Viera" beside "Vieira"; the Facebook news comments' "ALP" beside
# "Labor" (a party's acronym and its name, no full name in the thread to join them) and "Vic" beside "Victoria"; the
# Wikipedia talk pages' "Djibuti" beside "Djibouti", "West Asia" beside "Western Asia", a pope under his birth name
# ("Ratzinger", "Benedict XVI"), "the Catholic Church" beside "the Roman Catholic Church", "Rom" beside "Rome"; Net54's
# "Michael Jordan" (a card of his) beside "a PMG Jordan green", which the gazetteer reads as the country
SHORT_OF_MERGES = {
    "fox-confederate-flag-157",
    "globe-trump-victory-126",
    "reddit-nyknicks-bucks-postgame-139",
    "dailymail-labour-manifesto-67",
    "fourforums-obama-gun-rights-60",
    "fourforums-slavery-reparations-62",
    "youtube-debate-second-120",
    "dailymail-shakira-tax-150",
    "reddit-politics-russian-money-150",
    "reddit-politics-clarence-thomas-150",
    "reddit-soccer-portugal-uzbekistan-150",
    "cypherpunks-1992-10-120",
    "usenet-talk-politics-guns-120",
    "bvparishat-2009-06-72",
    "hn-frontpage-2015-02-120",
    "globe-republican-primary-110",
    "reddit-spider-verse-discussion-120",
    "reddit-movies-oppenheimer-110",
    "reddit-coys-daily-discussion-120",
    "facebook-abc-news-tehan-centrelink-120",
    "wikipedia-talk-catholic-church-80",
    "reddit-clevelandcavs-finals-game7-120",
    "wapo-trump-pariah-siege-120",
    "reddit-eagles-super-bowl-postgame-140",
    "python-dev-2000-01-126",
    "debatepolitics-ice-gun-protest-120",
    "extropians-2000-11-election-120",
    "indology-1998-05-sarasvati-horses-100",
    "hn-space-data-centers-130",
    "reddit-worldnews-wagner-mutiny-130",
    "ssvc-barndoor-rescue-130",
    "nyt-stock-market-crash-120",
    "hwz-johor-malaysian-workers-120",
    "youtube-wimbledon-2008-final-120",
    "darpa-urban-challenge-forum-120",
    "twitter-putin-missing-prince-toronto-121",
    "reddit-formula1-dutch-gp-aftermath-120",
    "cf-metadata-2016-120",
    "net54-t206-podcast-wagner-100",
}
# held out, first scored once a round's rules were fixed, or validation threads: a node holding two people; recall under
# the bare model's
WRONG_MERGES = {
    "usenet-talk-politics-guns-120",
    "globe-republican-primary-110",
    "reddit-worldnews-wagner-mutiny-130",
    "cf-metadata-2016-120",
}
BELOW_BARE = {
    "reddit-soccer-portugal-uzbekistan-150",
    "wapo-trump-pariah-siege-120",
    "cypherpunks-1992-10-120",
    "usenet-talk-politics-guns-120",
    "hn-frontpage-2015-02-120",
    "reddit-spider-verse-discussion-120",
    "python-dev-2000-01-126",
    "debatepolitics-ice-gun-protest-120",
    "extropians-2000-11-election-120",
    "hn-space-data-centers-130",
    "darpa-urban-challenge-forum-120",
    "linux-api-vmsplice-2026-06-110",
    "mastodon-4-0-features-120",
    "twitter-putin-missing-prince-toronto-121",
    "nairaland-canada-express-entry-120",
    "tmc-tesla-owners-recent-posts-120",
    "cf-metadata-2016-120",
    "qatarliving-cqa-2015-test-120",
    "reddit-formula1-dutch-gp-aftermath-120",
    "lowyat-16-sierra-puchong-120",
}
# held out and never scored: their first run, once, sets their figures in REACHED and the sets above
NOT_SCORED_YET: set[str] = set()
_UNSCORED = pytest.mark.skip(reason="held out, not scored yet: its first run sets its marks")


def _marked(threads, marked: set[str] | frozenset[str] = frozenset(), mark=None) -> list:
    """The threads in order, the ``marked`` ones with ``mark``, those not scored yet skipped."""
    return [
        pytest.param(t, marks=_UNSCORED) if t in NOT_SCORED_YET else pytest.param(t, marks=mark) if t in marked else t
        for t in sorted(threads)
    ]


@cache
def _scores(thread: str):
    annotation = THREADS[thread]
    posts = read(annotation)
    ours, bare = score(graphkit_nodes(posts), annotation), score(bare_nodes(posts), annotation)
    print(
        f"\n{thread}: recall {ours.recall:.2f} (bare {bare.recall:.2f}), junk/200 {ours.junk_per_200:.1f} "
        f"(bare {bare.junk_per_200:.1f}), merged {ours.merged}/{ours.groups}; missed {ours.missed}; junk {ours.junk}"
    )
    return ours, bare


def _short(threads: set[str], why: str) -> list:
    return _marked(THREADS, threads, pytest.mark.xfail(strict=True, reason=f"issue 14 not reached yet: {why}"))


def test_threads_not_scored_yet_are_held_out_and_have_no_marks():
    """A thread is run for its first figures only as a held-out one, and its marks come from that run alone."""
    assert not NOT_SCORED_YET - (HELD_OUT & THREADS.keys())
    short = SHORT_OF_RECALL | SHORT_OF_JUNK | SHORT_OF_MERGES | WRONG_MERGES
    assert not NOT_SCORED_YET & (REACHED.keys() | short | BELOW_BARE)


@pytest.mark.parametrize("thread", sorted(HELD_OUT))
def test_held_out_threads_read_whole(thread):
    """A held-out thread's first run scores what the reader gives, so every comment of the file must come out of it and
    every annotated form must be in what was read (texts, titles or writers), or that run would score less than was
    annotated. Reading extracts nothing, so this runs before the first run too."""
    annotation = THREADS[thread]
    posts = read(annotation)
    assert sum(not p.is_article for p in posts) == annotation["comments"]
    seen = "\n".join(f"{p.title}\n{p.author or ''}\n{p.text}" for p in posts)
    forms = [f for e in annotation["entities"] for f in e["forms"]] + annotation["junk"]
    forms += [f for a in annotation["acceptable"] for f in a["forms"]]
    assert [f for f in forms if f not in seen] == []


@pytest.mark.parametrize("thread", _short(WRONG_MERGES, "no node holding two people"))
def test_no_node_holds_two_people(thread):
    assert not _scores(thread)[0].wrong_merges


@pytest.mark.parametrize("thread", _short(SHORT_OF_RECALL, "key-entity recall"))
def test_key_entity_recall_reaches_the_issue_bar(thread):
    assert _scores(thread)[0].recall >= ISSUE_RECALL


@pytest.mark.parametrize("thread", _short(SHORT_OF_JUNK, "junk per 200 comments"))
def test_junk_reaches_the_issue_bar(thread):
    assert _scores(thread)[0].junk_per_200 <= ISSUE_JUNK


@pytest.mark.parametrize("thread", _short(SHORT_OF_MERGES, "variant groups merged"))
def test_every_variant_group_is_merged(thread):
    ours = _scores(thread)[0]
    assert ours.merged == ours.groups


@pytest.mark.parametrize("thread", _marked(REACHED.keys()))
def test_figures_reached_stay(thread):
    ours = _scores(thread)[0]
    least_recall, most_junk, least_merged = REACHED[thread]
    assert ours.recall >= least_recall and ours.junk_per_200 <= most_junk and ours.merged >= least_merged


@pytest.mark.parametrize("thread", _short(BELOW_BARE, "recall at least the bare model's"))
def test_better_than_the_bare_model(thread):
    ours, bare = _scores(thread)
    assert ours.recall >= bare.recall and ours.junk_per_200 < bare.junk_per_200
