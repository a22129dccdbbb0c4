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
