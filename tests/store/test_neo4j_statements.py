"""The generated Neo4j Cypher: the shipped schema file is the generated one, and there is one
load statement per label and per (type, start, end) of the schema."""

from __future__ import annotations

from graphkit import schema
from graphkit.store import cypher


def test_schema_file_equals_the_generated_schema():
    assert cypher.SCHEMA_FILE.read_text(encoding="utf-8") == cypher.schema_text(), (
        "regenerate: python -c 'from graphkit.store import cypher; cypher.SCHEMA_FILE.write_text(cypher.schema_text())'"
    )


def test_every_label_has_a_unique_id_constraint():
    ddl = cypher.schema_statements()
    for node in schema.NODES:
        assert f"FOR (n:{node.label}) REQUIRE n.id IS UNIQUE" in "\n".join(ddl)


def test_one_load_statement_per_label_and_per_type_and_end_labels():
    loads = cypher.load_statements()
    pairs = sum(len(r.pairs) for r in schema.RELATIONSHIPS)
    assert len(loads) == len(set(loads)) == len(schema.NODES) + pairs
    assert "MATCH (a:Comment {id: row.`from`})\nMATCH (b:Person {id: row.`to`})" in cypher.merge_rels(
        schema.MENTIONS, schema.COMMENT, schema.PERSON
    )


def test_only_names_the_schema_lacks_are_warned_of():
    """The server tells of every name its database lacks; the schema's own (none stored yet) are no typo."""
    from types import SimpleNamespace

    from graphkit.store.neo4j import _unknown_names

    def status(code: str, what: str, name: str) -> SimpleNamespace:
        return SimpleNamespace(gql_status=code, status_description=f"warn: unknown {what}. The {what} `{name}` …")

    told = [
        status("01N50", "label", "Person"),
        status("01N51", "relationship type", "FORWARDS"),
        status("01N52", "property", "article_probability"),
        status("01N50", "label", "Persn"),
        status("01N50", "label", "Persn"),  # EXPLAIN and the run may both tell
        status("00000", "note", "Persn"),
    ]
    assert _unknown_names(told) == [schema.unknown_name("label", "Persn")]
    assert "did you mean Person?" in _unknown_names(told)[0]
