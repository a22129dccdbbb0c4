// name: who-mentions-whom
// description: Participants naming other participants: author-to-author mention counts with mean tone.
// params:
MATCH (a:Author)-[:WROTE]->(p)-[m:MENTIONS]->(b:Author)
RETURN a.name AS author, b.name AS mentioned, count(m) AS mentions, round(avg(m.sentiment), 2) AS mean_sentiment,
       a.id AS author_id, b.id AS mentioned_id
ORDER BY mentions DESC, author, mentioned, author_id, mentioned_id
