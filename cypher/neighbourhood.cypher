// A person's two-hop neighbourhood: every entity within two relationships of the person
// (either direction, schema relationships only, not MENTIONS), with its label and its distance.
// Parameters: $name - the person's name or one of its aliases, case-insensitive.
MATCH path = (p:Person)-[:PARTICIPATES_IN|HOSTS|OPPOSES|COOPERATES_WITH|VISITS|AFFILIATED_WITH|LOCATED_IN|PART_OF|MEMBER_OF*1..2]-(n)
WHERE (toLower(p.name) = toLower($name) OR ANY(alias IN p.aliases WHERE toLower(alias) = toLower($name)))
  AND n.key <> p.key
RETURN n.name AS name, labels(n)[0] AS label, min(length(path)) AS hops
ORDER BY hops, name
