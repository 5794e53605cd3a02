// Countries ranked by the number of initiatives (programs, operations, exercises, agreements)
// they take part in, most first; countries that take part in none are left out.
// Parameters: none.
MATCH (c:Country)-[:PARTICIPATES_IN]->(i:Initiative)
RETURN c.name AS country, count(DISTINCT i) AS initiatives
ORDER BY initiatives DESC, country
