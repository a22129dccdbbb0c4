// name: quotes-of
// description: Quotations attributed to a person or participant (by name, alias or user name), or of posts they wrote, with the quoting post.
// params: name, limit=1000
// Sorted in WITH … LIMIT: the embedded engine's final ORDER BY is unstable with these columns.
// A Discourse quote block or a quote post names the post quoted: its writer is the participant quoted.
// A participant's user name (its handle, else its name) matches with or without "@", whatever its case where the
// platform ignores it ($folded_platforms, which graphkit gives).
MATCH (p)-[q:QUOTES]->(t)
OPTIONAL MATCH (v:Author)-[:WROTE]->(t)
WITH p, q, t, v, CASE WHEN t.handle <> '' THEN t.handle ELSE t.name END AS t_user,
     CASE WHEN v.handle <> '' THEN v.handle ELSE v.name END AS v_user
WHERE toLower(t.name) = toLower($name) OR $name IN t.aliases OR toLower(v.name) = toLower($name)
   OR (t.platform IS NOT NULL AND CASE WHEN t.platform IN $folded_platforms
         THEN toLower($name) IN [toLower(t_user), '@' + toLower(t_user)] ELSE $name IN [t_user, '@' + t_user] END)
   OR (v.platform IS NOT NULL AND CASE WHEN v.platform IN $folded_platforms
         THEN toLower($name) IN [toLower(v_user), '@' + toLower(v_user)] ELSE $name IN [v_user, '@' + v_user] END)
OPTIONAL MATCH (w:Author)-[:WROTE]->(p)
WITH coalesce(t.name, v.name) AS quoted, p.id AS post, q.start AS start, coalesce(w.name, '(anonymous)') AS author,
     q.text AS quote, q.sentence AS sentence
ORDER BY post, start
LIMIT $limit
RETURN quoted, post, start, author, quote, sentence
