// name: mentions-of
// description: Every mention of an entity or participant (by name, alias or user name), with who wrote it and the evidence.
// params: name, limit=1000
// Sorted in WITH … LIMIT: the embedded engine's final ORDER BY is unstable with these columns.
// A participant's user name (its handle, else its name) matches with or without "@", whatever its case where the
// platform ignores it ($folded_platforms, which graphkit gives).
MATCH (p)-[m:MENTIONS]->(e)
WITH p, m, e, CASE WHEN e.handle <> '' THEN e.handle ELSE e.name END AS user
WHERE toLower(e.name) = toLower($name) OR $name IN e.aliases
   OR (e.platform IS NOT NULL AND CASE WHEN e.platform IN $folded_platforms
         THEN toLower($name) IN [toLower(user), '@' + toLower(user)] ELSE $name IN [user, '@' + user] END)
OPTIONAL MATCH (w:Author)-[:WROTE]->(p)
WITH e.name AS entity, p.id AS post, m.start AS start, coalesce(w.name, '(anonymous)') AS author, m.text AS text,
     m.sentence AS sentence, m.sentiment AS sentiment
ORDER BY post, start
LIMIT $limit
RETURN entity, post, start, author, text, sentence, sentiment
