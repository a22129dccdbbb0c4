// name: thread-tree
// description: The reply tree of one article (by id or title): each comment with its depth, author and parent.
// params: article
MATCH (a:Article)
WHERE a.id = $article OR a.title = $article
MATCH path = (c:Comment)-[:REPLY_TO*1..30]->(a)
MATCH (c)-[r:REPLY_TO]->(parent)
OPTIONAL MATCH (w:Author)-[:WROTE]->(c)
RETURN c.position AS position, length(path) AS depth, coalesce(w.name, '(anonymous)') AS author,
       parent.id AS parent, r.inferred AS inferred, r.confidence AS confidence, left(c.text, 80) AS text
ORDER BY position
