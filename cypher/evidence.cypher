// Why two entities are linked: every relationship between them, in either direction, one row per
// piece of evidence, with the type, the confidence, the sentence and the title and date of the
// document it comes from.
// Parameters: $a, $b - names or aliases, case-insensitive.
MATCH (s)-[r]->(t)
WHERE ((toLower(s.name) = toLower($a) OR ANY(alias IN s.aliases WHERE toLower(alias) = toLower($a)))
       AND (toLower(t.name) = toLower($b) OR ANY(alias IN t.aliases WHERE toLower(alias) = toLower($b))))
   OR ((toLower(s.name) = toLower($b) OR ANY(alias IN s.aliases WHERE toLower(alias) = toLower($b)))
       AND (toLower(t.name) = toLower($a) OR ANY(alias IN t.aliases WHERE toLower(alias) = toLower($a))))
UNWIND range(0, size(r.evidence_docs) - 1) AS i
OPTIONAL MATCH (d:Document {id: r.evidence_docs[i]})
RETURN s.name AS source, type(r) AS type, t.name AS target, r.confidence AS confidence,
       r.evidence_sentences[i] AS sentence, d.title AS document, d.date AS date
ORDER BY type, source, target, document, sentence
