// A person's two-hop neighbourhood: every entity within two relationships of the person
// (either direction, schema relationships only, not MENTIONS), with its label and its distance.
// Parameters: $name - the person's name or one of its aliases, case-insensitive.
// The person is found through the Name index (a Name node per lower-cased name and alias), not a
// scan; WITH makes the embedded engine start the path search from it.
MATCH (:Name {text: toLower($name)})-[:NAMES]->(p:Person)
WITH p
MATCH path = (p)-[:PARTICIPATES_IN|HOSTS|OPPOSES|COOPERATES_WITH|VISITS|AFFILIATED_WITH|LOCATED_IN|PART_OF|MEMBER_OF*1..2]-(n)
WHERE n.key <> p.key
RETURN n.name AS name, labels(n)[0] AS label, min(length(path)) AS hops
ORDER BY hops, name
