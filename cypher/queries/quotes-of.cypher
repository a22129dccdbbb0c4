// name: quotes-of
// description: Quotations attributed to a person or participant (by name or alias), with the quoting post.
// params: name
MATCH (p)-[q:QUOTES]->(t)
WHERE toLower(t.name) = toLower($name) OR $name IN t.aliases
OPTIONAL MATCH (w:Author)-[:WROTE]->(p)
RETURN t.name AS quoted, p.id AS post, coalesce(w.name, '(anonymous)') AS author, q.text AS quote, q.sentence AS sentence
ORDER BY post, q.start
