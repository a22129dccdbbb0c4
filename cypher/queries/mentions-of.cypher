// name: mentions-of
// description: Every mention of an entity or participant (by name or alias), with who wrote it and the evidence.
// params: name
MATCH (p)-[m:MENTIONS]->(e)
WHERE toLower(e.name) = toLower($name) OR $name IN e.aliases
OPTIONAL MATCH (w:Author)-[:WROTE]->(p)
RETURN e.name AS entity, p.id AS post, coalesce(w.name, '(anonymous)') AS author, m.text AS text,
       m.sentence AS sentence, m.sentiment AS sentiment
ORDER BY post, m.start
