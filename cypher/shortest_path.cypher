// How two entities are connected: the names along the shortest path between them (at most six
// schema relationships, either direction) and the relationship types in order.
// Parameters: $from, $to - names or aliases, case-insensitive.
MATCH (a), (b)
WHERE a.key <> b.key
  AND (toLower(a.name) = toLower($from) OR ANY(alias IN a.aliases WHERE toLower(alias) = toLower($from)))
  AND (toLower(b.name) = toLower($to) OR ANY(alias IN b.aliases WHERE toLower(alias) = toLower($to)))
MATCH p = shortestPath((a)-[:PARTICIPATES_IN|HOSTS|OPPOSES|COOPERATES_WITH|VISITS|AFFILIATED_WITH|LOCATED_IN|PART_OF|MEMBER_OF*..6]-(b))
RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS types, length(p) AS hops
ORDER BY hops
LIMIT 1
