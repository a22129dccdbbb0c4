// name: most-mentioned
// description: People, places, organisations and participants ranked by mentions; label= keeps one label.
// params: label='', limit=25
// DISTINCT aggregates come last: the embedded engine returns null for aggregates after them.
MATCH (p)-[m:MENTIONS]->(e)
WITH e,
     CASE
       WHEN e.id STARTS WITH 'person:' THEN 'Person'
       WHEN e.id STARTS WITH 'place:' THEN 'Place'
       WHEN e.id STARTS WITH 'organization:' THEN 'Organization'
       ELSE 'Author'
     END AS label,
     count(m) AS mentions, round(avg(m.sentiment), 2) AS mean_sentiment, count(DISTINCT p.id) AS posts
WHERE $label = '' OR label = $label
RETURN label, e.name AS name, mentions, posts, mean_sentiment
ORDER BY mentions DESC, label, name
LIMIT $limit
