// name: most-forwarded
// description: Accounts and channels ranked by how often posts are forwarded from them (Telegram forwards).
// params: limit=25
// DISTINCT aggregates come last: the embedded engine returns null for aggregates after them.
MATCH (p)-[f:FORWARDS]->(s:Author)
OPTIONAL MATCH (w:Author)-[:WROTE]->(p)
WITH s, count(f) AS forwards, count(DISTINCT w.id) AS forwarders, count(DISTINCT p.thread) AS chats
RETURN s.name AS source, s.platform AS platform, s.guest AS guest, s.id AS id, forwards, forwarders, chats
ORDER BY forwards DESC, source, id
LIMIT $limit
