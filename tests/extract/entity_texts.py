"""What the extractor makes of a few comments, read the one way every entity test reads it."""

import json
from functools import cache
from pathlib import Path

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.records import Node, Post


def comments(*texts: str) -> list[Post]:
    """One thread's comments, each by a commenter of its own."""
    return [
        Post(
            id=f"t:{i}",
            thread="t",
            is_article=False,
            text=text,
            platform="web",
            source="s",
            author=f"user{i}",
        )
        for i, text in enumerate(texts)
    ]


def entity_nodes(*texts: str) -> list[Node]:
    """The entity nodes of the texts, each as last emitted (a node emitted again carries its later aliases)."""
    fragment = Extractor().extract(comments(*texts))
    return list({n.id: n for n in fragment.nodes if n.label in schema.ENTITY_LABELS}.values())


def entities_in(*texts: str) -> dict[str, tuple[str, set[str]]]:
    """Each entity's name, to its label and every form of it met (the name among them)."""
    return {n.props["name"]: (n.label, {n.props["name"], *n.props["aliases"]}) for n in entity_nodes(*texts)}


def forms_of(entities: dict[str, tuple[str, set[str]]]) -> set[str]:
    """Every form of every entity found."""
    return {form for _, names in entities.values() for form in names}


def label_of(entities: dict[str, tuple[str, set[str]]], form: str) -> str | None:
    """The label of the entity met in this form, None if no entity was."""
    return next((label for label, names in entities.values() if form in names), None)


def thread_texts(name: str) -> list[str]:
    """The comments' texts of an evaluation thread (tests/data/entities), in its order."""
    rows = Path(__file__).parents[1] / "data" / "entities" / f"{name}.jsonl"
    return [json.loads(line)["text"] for line in rows.read_text(encoding="utf-8").splitlines()]


@cache
def thread_nodes(name: str) -> dict[str, Node]:
    """Each form of an evaluation thread's entity nodes, to its node (one extraction per thread for the run)."""
    fragment = Extractor().extract(comments(*thread_texts(name)))
    nodes = {n.props["name"]: n for n in fragment.nodes if n.label in schema.ENTITY_LABELS}
    return {form: n for n in nodes.values() for form in {n.props["name"], *n.props["aliases"]}}
