// name: most-mentioned
// description: People, places, organisations and participants ranked by mentions, per label.
// params: limit=25
MATCH (p)-[m:MENTIONS]->(e)
WITH e, count(m) AS mentions, count(DISTINCT p.id) AS posts, round(avg(m.sentiment), 2) AS mean_sentiment
RETURN CASE
         WHEN e.id STARTS WITH 'person:' THEN 'Person'
         WHEN e.id STARTS WITH 'place:' THEN 'Place'
         WHEN e.id STARTS WITH 'organization:' THEN 'Organization'
         ELSE 'Author'
       END AS label,
       e.name AS name, mentions, posts, mean_sentiment
ORDER BY label, mentions DESC, name
LIMIT $limit
