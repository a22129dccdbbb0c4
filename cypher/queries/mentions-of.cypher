// name: mentions-of
// description: Every mention of an entity or participant (by name or alias), with who wrote it and the evidence.
// params: name, limit=1000
// Sorted in WITH … LIMIT: the embedded engine's final ORDER BY is unstable with these columns.
MATCH (p)-[m:MENTIONS]->(e)
WHERE toLower(e.name) = toLower($name) OR $name IN e.aliases
OPTIONAL MATCH (w:Author)-[:WROTE]->(p)
WITH e.name AS entity, p.id AS post, m.start AS start, coalesce(w.name, '(anonymous)') AS author, m.text AS text,
     m.sentence AS sentence, m.sentiment AS sentiment
ORDER BY post, start
LIMIT $limit
RETURN entity, post, start, author, text, sentence, sentiment
