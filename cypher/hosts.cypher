// Who hosts which event or initiative: every HOSTS relationship with the host, its label,
// the hosted event or initiative, its label, and the confidence.
// Parameters: none.
MATCH (h)-[r:HOSTS]->(e)
RETURN h.name AS host, labels(h)[0] AS host_label, e.name AS hosted, labels(e)[0] AS hosted_label,
       r.confidence AS confidence
ORDER BY hosted, host
