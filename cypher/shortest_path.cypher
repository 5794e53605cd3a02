// How two entities are connected: the names along the shortest path between them (at most six
// schema relationships, either direction) and the relationship types in order.
// Parameters: $from, $to - names or aliases, case-insensitive.
// Both ends are found through the Name index (a Name node per lower-cased name and alias), not a scan.
// One end, then the other, each an index seek by hint: left to itself, Neo4j's planner sometimes scanned
// the index for the second end (the embedded engine ignores the hints: it looks keys up by itself).
MATCH (first:Name {text: toLower($from)})-[:NAMES]->(a)
USING INDEX SEEK first:Name(text)
WITH a
MATCH (second:Name {text: toLower($to)})-[:NAMES]->(b)
USING INDEX SEEK second:Name(text)
WHERE a.key <> b.key
MATCH p = shortestPath((a)-[:PARTICIPATES_IN|HOSTS|OPPOSES|COOPERATES_WITH|VISITS|AFFILIATED_WITH|LOCATED_IN|PART_OF|MEMBER_OF*..6]-(b))
RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS types, length(p) AS hops
ORDER BY hops
LIMIT 1
