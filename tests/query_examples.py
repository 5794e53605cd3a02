"""Queries and answers that both engines must give alike on the sample (tests/unit and tests/integration)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["CYPHER", "DIRECTED_PATH", "DIRECTED_TEXT", "SAMPLE_LABELS", "SAMPLE_TYPES"]

CYPHER = Path(__file__).resolve().parents[1] / "cypher"
# every label of the schema (Neo4j lists those a constraint names), the relationship types some relationship has
SAMPLE_LABELS = ["Country", "Document", "Event", "Initiative", "Name", "Organization", "Person", "Place"]
SAMPLE_TYPES = ["AFFILIATED_WITH", "COOPERATES_WITH", "HOSTS", "MENTIONS", "NAMES", "OPPOSES", "PARTICIPATES_IN"]
DIRECTED_PATH = ("MATCH p = (:Country {name: 'United States'})<-[:AFFILIATED_WITH]-(:Person)"
                 "-[:PARTICIPATES_IN]->(e:Event) RETURN p")
DIRECTED_TEXT = ('(:Country {name: "United States"})<-[:AFFILIATED_WITH]-(:Person {name: "Pete Hegseth"})'
                 '-[:PARTICIPATES_IN]->(:Event {name: "Central American Security Conference"})')
