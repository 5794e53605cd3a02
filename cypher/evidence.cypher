// Why two entities are linked: every relationship between them, in either direction, one row per
// piece of evidence, with the type, the confidence, the sentence and the title and date of the
// document it comes from.
// Parameters: $a, $b - names or aliases, case-insensitive.
// Both entities are found through the Name index (a Name node per lower-cased name and alias), not a
// scan; the relationships each way are collected apart, so that each keeps its direction.
MATCH (:Name {text: toLower($a)})-[:NAMES]->(x), (:Name {text: toLower($b)})-[:NAMES]->(y)
OPTIONAL MATCH (x)-[forward]->(y)
WITH x, y, collect(forward) AS forwards
OPTIONAL MATCH (y)-[backward]->(x)
WITH x, y, forwards, collect(backward) AS backwards
UNWIND range(0, size(forwards) + size(backwards) - 1) AS k
WITH DISTINCT (forwards + backwards)[k] AS r,
     CASE WHEN k < size(forwards) THEN x.name ELSE y.name END AS source,
     CASE WHEN k < size(forwards) THEN y.name ELSE x.name END AS target
UNWIND range(0, size(r.evidence_docs) - 1) AS i
OPTIONAL MATCH (d:Document {id: r.evidence_docs[i]})
RETURN source, type(r) AS type, target, r.confidence AS confidence,
       r.evidence_sentences[i] AS sentence, d.title AS document, d.date AS date
ORDER BY type, source, target, document, sentence
