// name: quotes-of
// description: Quotations attributed to a person or participant (by name or alias), with the quoting post.
// params: name, limit=1000
// Sorted in WITH … LIMIT: the embedded engine's final ORDER BY is unstable with these columns.
MATCH (p)-[q:QUOTES]->(t)
WHERE toLower(t.name) = toLower($name) OR $name IN t.aliases
OPTIONAL MATCH (w:Author)-[:WROTE]->(p)
WITH t.name AS quoted, p.id AS post, q.start AS start, coalesce(w.name, '(anonymous)') AS author, q.text AS quote,
     q.sentence AS sentence
ORDER BY post, start
LIMIT $limit
RETURN quoted, post, start, author, quote, sentence
