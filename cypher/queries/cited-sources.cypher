// name: cited-sources
// description: Cited domains with the number of citations, citing posts and distinct URLs.
// params: limit=25
MATCH (p)-[c:CITES]->(s:Source)
RETURN s.domain AS domain, count(c) AS citations, count(DISTINCT p.id) AS posts, count(DISTINCT s.url) AS urls
ORDER BY citations DESC, domain
LIMIT $limit
