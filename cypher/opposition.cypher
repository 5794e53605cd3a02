// The opposition network: every pair where one actor opposes (counters, criticises, sanctions ...)
// another, with both labels, the confidence and how many pieces of evidence support it.
// Parameters: none.
MATCH (a)-[r:OPPOSES]->(b)
RETURN a.name AS opponent, labels(a)[0] AS opponent_label, b.name AS opposed, labels(b)[0] AS opposed_label,
       r.confidence AS confidence, size(r.evidence_docs) AS evidence
ORDER BY evidence DESC, opponent, opposed
