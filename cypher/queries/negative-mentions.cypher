// name: negative-mentions
// description: Who speaks negatively of whom: author-to-entity mentions whose sentence tone is at most a threshold.
// params: threshold=-0.3, limit=25
MATCH (a:Author)-[:WROTE]->(p)-[m:MENTIONS]->(e)
WHERE m.sentiment <= $threshold
RETURN a.name AS author, e.name AS target, count(m) AS mentions, round(avg(m.sentiment), 2) AS mean_sentiment,
       a.id AS author_id, e.id AS target_id
ORDER BY mentions DESC, mean_sentiment, author, target, author_id, target_id
LIMIT $limit
