// Who participates in which initiative or event: every PARTICIPATES_IN relationship with the
// actor, the actor's label, the initiative or event it takes part in, and the confidence.
// Parameters: none.
MATCH (a)-[r:PARTICIPATES_IN]->(b)
RETURN a.name AS actor, labels(a)[0] AS label, b.name AS target, r.confidence AS confidence
ORDER BY target, actor
