// name: mentions-of
// description: Every mention of an entity or participant (by name, alias or user name), with who wrote it and the evidence.
// params: name, limit=1000
// Sorted in WITH … LIMIT: the embedded engine's final ORDER BY is unstable with these columns.
// A participant's user name (its handle; else its name where the platform shows the account, $account_platforms)
// matches with or without "@", ignoring case as names do; a Mastodon "@user@host" is the account ($account, its
// id): graphkit gives both. A store without handles leaves the lines that need them out. The lines from
// "id = $account" on are graphkit's user_lookup.user_condition word for word, which the views use too.
MATCH (p)-[m:MENTIONS]->(e)
WHERE toLower(e.name) = toLower($name) OR $name IN e.aliases
   OR e.id = $account
   OR (e.handle <> '' AND toLower($name) IN [toLower(e.handle), '@' + toLower(e.handle)])  // needs: handle
   OR (e.handle = '' AND e.platform IN $account_platforms AND NOT coalesce(e.guest, false)  // needs: handle
       AND toLower($name) = '@' + toLower(e.name))  // needs: handle
OPTIONAL MATCH (w:Author)-[:WROTE]->(p)
WITH e.name AS entity, p.id AS post, m.start AS start, coalesce(w.name, '(anonymous)') AS author, m.text AS text,
     m.sentence AS sentence, m.sentiment AS sentiment
ORDER BY post, start
LIMIT $limit
RETURN entity, post, start, author, text, sentence, sentiment
