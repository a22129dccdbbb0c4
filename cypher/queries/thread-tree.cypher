// name: thread-tree
// description: The reply tree of one article (by id, its input's own id or title), a row per comment: its article, own id and parent's id (to rebuild the tree; articles sharing the title stay apart by article), depth (empty past 30 replies deep, where the embedded store stops counting), author, text (whole as JSON, which programs read; as CSV, which is for spreadsheets, one that would start a formula starts with an apostrophe; the table shows its start).
// params: article
// empty: no comment in a thread matching {article!r} (give an article id, its input's own id, as the thread's address shows it, or its whole title)
MATCH (a:Article)
WHERE a.id = $article OR a.source_id = $article OR a.title = $article
MATCH (c:Comment)-[r:REPLY_TO]->(parent)
WHERE c.thread = a.id
OPTIONAL MATCH path = (c)-[:REPLY_TO*1..30]->(a)
OPTIONAL MATCH (w:Author)-[:WROTE]->(c)
RETURN a.id AS article, c.position AS position, c.id AS id, parent.id AS parent, length(path) AS depth,
       coalesce(w.name, '(anonymous)') AS author, r.inferred AS inferred, r.confidence AS confidence,
       c.text AS text
ORDER BY article, position
