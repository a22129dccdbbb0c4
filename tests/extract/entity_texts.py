"""What the extractor makes of a few comments, read the one way every entity test reads it."""

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
