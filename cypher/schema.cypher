// graphkit's Neo4j schema, generated from graphkit/schema.py by graphkit/store/cypher.py.
// Safe to run again (IF NOT EXISTS); 'graphkit init-db --neo4j URI' applies it, or:
//   cypher-shell -a bolt://localhost:7687 -u neo4j -f cypher/schema.cypher
MATCH (l:GraphkitLayout {id: 'store'}) WITH collect(l) AS marks WHERE all(m IN marks WHERE m.layout = marks[0].layout) UNWIND marks[1..] AS extra DELETE extra;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT comment_id IF NOT EXISTS FOR (n:Comment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT author_id IF NOT EXISTS FOR (n:Author) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkitlayout_id IF NOT EXISTS FOR (n:GraphkitLayout) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT waitingedge_id IF NOT EXISTS FOR (n:WaitingEdge) REQUIRE n.id IS UNIQUE;
CREATE FULLTEXT INDEX post_text IF NOT EXISTS FOR (n:Article|Comment) ON EACH [n.`title`, n.`text`];
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Person|Place|Organization|Author) ON EACH [n.`name`, n.`aliases`];
CREATE INDEX article_title IF NOT EXISTS FOR (n:Article) ON (n.`title`);
CREATE INDEX comment_thread IF NOT EXISTS FOR (n:Comment) ON (n.`thread`);
CREATE INDEX author_name IF NOT EXISTS FOR (n:Author) ON (n.`name`);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.`name`);
CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.`name`);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.`name`);
CREATE INDEX waitingedge_waits IF NOT EXISTS FOR (n:WaitingEdge) ON (n.`waits`);
