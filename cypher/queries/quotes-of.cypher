// name: quotes-of
// description: Quotations attributed to a person or participant (by name or alias), or of posts they wrote, with the quoting post.
// params: name, limit=1000
// Sorted in WITH … LIMIT: the embedded engine's final ORDER BY is unstable with these columns.
// A Discourse quote block or a quote post names the post quoted: its writer is the participant quoted.
MATCH (p)-[q:QUOTES]->(t)
OPTIONAL MATCH (v:Author)-[:WROTE]->(t)
WITH p, q, t, v
WHERE toLower(t.name) = toLower($name) OR $name IN t.aliases OR toLower(v.name) = toLower($name)
OPTIONAL MATCH (w:Author)-[:WROTE]->(p)
WITH coalesce(t.name, v.name) AS quoted, p.id AS post, q.start AS start, coalesce(w.name, '(anonymous)') AS author,
     q.text AS quote, q.sentence AS sentence
ORDER BY post, start
LIMIT $limit
RETURN quoted, post, start, author, quote, sentence
