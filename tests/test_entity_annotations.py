"""The entity annotations are consistent with their threads (tests/data/entities, read from the files alone, no
extraction): a form that occurs nowhere in its thread, a label the scoring does not know, or a form given to two key
entities would make a score count what no reader annotated. Held-out threads are checked here too, as this reads no
output of the extraction. Only they are held to every form occurring in the text: the development threads' lists
also name what the rules write for a form (canonical names such as "United States", spaces collapsed)."""

import html
import json
from collections import Counter
from pathlib import Path

import pytest

from bench.entities import HELD_OUT, VALIDATION, annotations

ROOT = Path(__file__).parents[1]
THREADS = dict(annotations())
LABELS = {"Person", "Place", "Organization"}


def _strings(value) -> list[str]:
    """Every string in a JSON value, keys left out."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in _strings(item)] if isinstance(value, list) else []


def _thread_text(path: Path) -> str:
    """The thread's text as written and with HTML entities decoded: JSON values for JSON files, else the raw text."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        strings = [s for line in raw.splitlines() if line.strip() for s in _strings(json.loads(line))]
    elif path.suffix == ".json":
        strings = _strings(json.loads(raw))
    else:
        strings = [raw]
    return "\n".join(strings + [html.unescape(s) for s in strings])


@pytest.mark.parametrize("thread", sorted(HELD_OUT))
def test_every_form_of_a_held_out_annotation_occurs_in_its_thread(thread):
    annotation = THREADS[thread]
    text = _thread_text(ROOT / annotation["input"])
    forms = [f for e in annotation["entities"] for f in e["forms"]]
    forms += [f for a in annotation["acceptable"] for f in a["forms"]] + annotation["junk"]
    assert [f for f in forms if f not in text] == []


@pytest.mark.parametrize("thread", sorted(set(THREADS) - {"example"}))
def test_labels_are_the_scored_ones_and_variant_groups_are_well_formed(thread):
    """Each key entity has a name, a known label and distinct forms; no form belongs to two key entities or is junk.
    The example is left out: the junk issue 14 lists for it ('Uncle Sam', 'Disqus') is also in its acceptable list."""
    annotation = THREADS[thread]
    key = annotation["entities"]
    assert all(e["label"] in LABELS and e["name"] and e["forms"] for e in key)
    assert all(set(a["labels"]) <= LABELS and a["labels"] for a in annotation["acceptable"])
    assert all(len(set(e["forms"])) == len(e["forms"]) for e in key)
    shared = [f for f, n in Counter(f for e in key for f in e["forms"]).items() if n > 1]
    names = [n for n, count in Counter(e["name"] for e in key).items() if count > 1]
    assert (shared, names) == ([], [])
    fine = {f for e in key for f in e["forms"]} | {f for a in annotation["acceptable"] for f in a["forms"]}
    assert sorted(fine & set(annotation["junk"])) == []


@pytest.mark.parametrize("thread", [t for t in sorted(THREADS) if THREADS[t]["input"].endswith(".jsonl")])
def test_the_comment_count_is_the_threads(thread):
    annotation = THREADS[thread]
    rows = (ROOT / annotation["input"]).read_text(encoding="utf-8").splitlines()
    assert annotation["comments"] == len([r for r in rows if r.strip()])


def _table_rows(readme: Path) -> list[tuple[str, dict[str, str]]]:
    """Each table row of a README as its line and its cells by column heading."""
    rows, heading = [], None
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|"):
            heading = None
        elif heading is None:
            heading = cells
        elif not set(line) <= set("|-: "):
            rows.append((line, dict(zip(heading, cells, strict=False))))
    return rows


def _own_repositories(threads: set[str], mark: str) -> None:
    """Each of ``threads`` has its provenance row, marked ``mark``, in the evaluation set's README, and its repository
    is named nowhere else in the data and bench READMEs."""
    readme = ROOT / "tests" / "data" / "entities" / "README.md"
    own = {
        cells["annotation"].strip("`").removesuffix(".entities.json"): (line, cells["repository"])
        for line, cells in _table_rows(readme)
        if cells.get("annotation", "").strip("`").removesuffix(".entities.json") in threads
    }
    assert own.keys() == threads
    assert all(mark in line.lower() for line, _ in own.values())
    repositories = {repository for _, repository in own.values()}
    assert len(repositories) == len(threads) and all(r.count("/") == 1 for r in repositories)
    own_rows = {line for line, _ in own.values()}
    readmes = sorted({*ROOT.glob("tests/data/**/README.md"), *ROOT.glob("bench/**/README.md")})
    elsewhere = [
        (str(path.relative_to(ROOT)), repository)
        for path in readmes
        for line in path.read_text(encoding="utf-8").splitlines()
        if line not in own_rows
        for repository in repositories
        if repository.lower() in line.lower()
    ]
    assert readme in readmes and elsewhere == []


def test_held_out_threads_come_from_repositories_no_other_file_comes_from():
    """No file tuned on or tested against shares a held-out thread's source."""
    _own_repositories(HELD_OUT, "held out")


def test_validation_threads_come_from_repositories_no_other_file_comes_from():
    """A validation thread tells whether a change generalises only if no file the rules were written on shares its
    source."""
    _own_repositories(VALIDATION, "validation")
