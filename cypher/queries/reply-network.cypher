// name: reply-network
// description: Who answers whom: author-to-author reply counts, with the mean confidence of the reply edges; authors by id, so two shown alike ("Anonymous") stay apart.
// params: min_confidence=0.0
MATCH (a:Author)-[:WROTE]->(c:Comment)-[r:REPLY_TO]->(p)<-[:WROTE]-(b:Author)
WHERE r.confidence >= $min_confidence
RETURN a.name AS from_author, b.name AS to_author, count(r) AS replies, round(avg(r.confidence), 2) AS mean_confidence,
       a.id AS from_id, b.id AS to_id
ORDER BY replies DESC, from_author, to_author, from_id, to_id
