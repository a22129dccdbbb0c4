// name: co-mentions
// description: Pairs of entities named in the same post, by the number of posts naming both.
// params: limit=25
MATCH (e1)<-[:MENTIONS]-(p)-[:MENTIONS]->(e2)
WHERE e1.id < e2.id AND NOT e1.id STARTS WITH 'author:' AND NOT e2.id STARTS WITH 'author:'
RETURN e1.name AS first, e2.name AS second, count(DISTINCT p.id) AS posts
ORDER BY posts DESC, first, second
LIMIT $limit
