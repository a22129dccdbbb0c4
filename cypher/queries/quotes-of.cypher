// name: quotes-of
// description: Quotations attributed to a person or participant (by name, alias or user name), or of posts they wrote, with the quoting post.
// params: name, limit=1000
// Sorted in WITH … LIMIT: the embedded engine's final ORDER BY is unstable with these columns.
// A Discourse quote block or a quote post names the post quoted: its writer is the participant quoted.
// A participant's user name (its handle; else its name where the platform shows the account, $account_platforms)
// matches with or without "@", ignoring case as names do; a Mastodon "@user@host" is the account ($account, its
// id): graphkit gives both. A store without handles leaves the lines that need them out. The lines from
// "id = $account" on are graphkit's user_lookup.user_condition word for word, which the views use too.
MATCH (p)-[q:QUOTES]->(t)
OPTIONAL MATCH (v:Author)-[:WROTE]->(t)
WITH p, q, t, v
WHERE toLower(t.name) = toLower($name) OR $name IN t.aliases OR toLower(v.name) = toLower($name)
   OR t.id = $account
   OR (t.handle <> '' AND toLower($name) IN [toLower(t.handle), '@' + toLower(t.handle)])  // needs: handle
   OR (t.handle = '' AND t.platform IN $account_platforms AND NOT coalesce(t.guest, false)  // needs: handle
       AND toLower($name) = '@' + toLower(t.name))  // needs: handle
   OR v.id = $account
   OR (v.handle <> '' AND toLower($name) IN [toLower(v.handle), '@' + toLower(v.handle)])  // needs: handle
   OR (v.handle = '' AND v.platform IN $account_platforms AND NOT coalesce(v.guest, false)  // needs: handle
       AND toLower($name) = '@' + toLower(v.name))  // needs: handle
OPTIONAL MATCH (w:Author)-[:WROTE]->(p)
WITH coalesce(t.name, v.name) AS quoted, p.id AS post, q.start AS start, coalesce(w.name, '(anonymous)') AS author,
     q.text AS quote, q.sentence AS sentence
ORDER BY post, start
LIMIT $limit
RETURN quoted, post, start, author, quote, sentence
