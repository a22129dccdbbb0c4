// name: top-repliers
// description: Authors ranked by how many comments they wrote in answer to other comments.
// params: limit=10
MATCH (a:Author)-[:WROTE]->(c:Comment)-[r:REPLY_TO]->(:Comment)
RETURN a.name AS author, a.platform AS platform, count(r) AS replies, round(avg(r.confidence), 2) AS mean_confidence,
       a.id AS id
ORDER BY replies DESC, author, id
LIMIT $limit
