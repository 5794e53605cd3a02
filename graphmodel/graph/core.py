"""The in-memory graph: a networkx MultiDiGraph keyed by entity key, one edge per (source, type, target).

Node attributes: ``label``, ``name``, ``aliases`` (list), ``mentions`` (int), ``documents`` (list of
document ids), ``first_seen`` and ``last_seen`` (:mod:`graphmodel.graph.dates`). Edge key: the relationship
type; edge attributes: ``type``, ``confidence``, ``first_seen``, ``last_seen`` and ``evidence`` (a list of
dicts with ``doc``, ``sentence``, ``start``, ``end``, ``rule``). The graph attribute ``documents`` maps
document ids to their metadata (``path``, ``title``, ``date``, ``author``, ``url``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graphmodel.graph.dates import evidence_documents, mark_seen, seen_span
from graphmodel.models import Document, Entity, Evidence, Extraction, Relation
from graphmodel.schema import SYMMETRIC_TYPES, EntityLabel, RelationType

__all__ = [
    "add_entity",
    "add_relation",
    "document_row",
    "ego_subgraph",
    "from_networkx",
    "merge_graphs",
    "new_graph",
    "stats",
    "to_networkx",
]


def new_graph() -> nx.MultiDiGraph:
    """Return an empty graph with the ``documents`` attribute set.

    >>> new_graph().graph["documents"]
    {}
    """
    return nx.MultiDiGraph(documents={})


def document_row(document: Document) -> dict[str, Any]:
    """The metadata of a document as stored in the graph and the interchange file.

    >>> document_row(Document("d1", "a.txt", "text", title="T"))["title"]
    'T'
    """
    return {
        "id": document.id,
        "path": document.path,
        "title": document.title,
        "date": document.date,
        "author": document.author,
        "url": document.url,
        "copy_of": None,
        "pages": list(document.pages) or None,
    }


def to_networkx(extractions: Iterable[Extraction], copies: Mapping[str, str] | None = None) -> nx.MultiDiGraph:
    """Merge extractions into one graph keyed by ``Entity.key``.

    ``copies`` maps a document id to the first document of its cluster of near-duplicate copies
    (:func:`graphmodel.extract.copies.copy_clusters`): a cluster counts as one source, so a sentence a
    copy repeats adds evidence but no confidence, and an entity's mentions in a copy are not counted
    again. Each copy's document row names its cluster's first document in ``copy_of``.

    >>> hegseth = Entity("person:pete-hegseth", "Pete Hegseth", EntityLabel.PERSON, ("Hegseth",), 2)
    >>> graph = to_networkx([Extraction(entities=(hegseth,)), Extraction(entities=(hegseth,))])
    >>> graph.nodes["person:pete-hegseth"]["label"], graph.nodes["person:pete-hegseth"]["mentions"]
    ('Person', 4)
    """
    copies = copies or {}
    graph = new_graph()
    nodes: dict[str, _Node | None] = {}  # in order of first appearance; None: only an edge's endpoint
    edges: dict[tuple[str, str, str], _Edge] = {}
    for extraction in extractions:
        if extraction.document is not None:
            row = graph.graph["documents"][extraction.document.id] = document_row(extraction.document)
            row["copy_of"] = copies.get(extraction.document.id)
        for entity in extraction.entities:
            node = nodes.get(entity.key)
            if node is None:
                nodes[entity.key] = _Node(entity, copies)
            else:
                node.merge(entity, copies)
        for relation in extraction.relations:
            source, target = _ends(relation)
            edge = edges.get((source, target, relation.type))
            if edge is None:
                nodes.setdefault(source, None)
                nodes.setdefault(target, None)
                edges[source, target, relation.type] = _Edge(relation, copies)
            else:
                edge.merge(relation, copies)
    for key, node in nodes.items():
        graph.add_node(key, **(node.row() if node is not None else {}))
    for (source, target, rtype), edge in edges.items():
        graph.add_edge(source, target, key=str(rtype), type=str(rtype), confidence=edge.confidence,
                       evidence=edge.evidence)
    return mark_seen(graph)


class _Node:
    """A node being merged, kept as sets so that an entity named in every document costs no re-sorting:
    without copies, the result is :func:`add_entity`'s, called for each entity in turn."""

    __slots__ = ("aliases", "counted", "documents", "label", "mentions", "name")

    def __init__(self, entity: Entity, copies: Mapping[str, str]) -> None:
        self.label, self.name, self.mentions = str(entity.label), entity.name, entity.mentions
        self.aliases, self.documents = set(entity.aliases), set(entity.documents)
        self.counted = {copies.get(doc, doc) for doc in entity.documents}  # sources whose mentions count

    def merge(self, entity: Entity, copies: Mapping[str, str]) -> None:
        self.aliases.update(entity.aliases)
        self.aliases.add(entity.name)
        sources = {copies.get(doc, doc) for doc in entity.documents}
        if not sources or not self.counted.issuperset(sources):
            self.mentions += entity.mentions  # a document (or a copy of one) already counted is not counted again
        self.counted.update(sources)
        self.documents.update(entity.documents)

    def row(self) -> dict[str, Any]:
        return {"label": self.label, "name": self.name, "aliases": sorted(self.aliases - {self.name}),
                "mentions": self.mentions, "documents": sorted(self.documents)}


class _Edge:
    """An edge being merged, with the sets :func:`add_relation` rebuilds on every call kept up to date;
    a sentence counts once per cluster of copies."""

    __slots__ = ("confidence", "evidence", "known", "sentences")

    def __init__(self, relation: Relation, copies: Mapping[str, str]) -> None:
        self.confidence = relation.confidence
        self.evidence = [_evidence_row(e) for e in relation.evidence]
        self.known = {_evidence_key(e) for e in relation.evidence}
        self.sentences = {(copies.get(e.doc, e.doc), e.sentence) for e in relation.evidence}

    def merge(self, relation: Relation, copies: Mapping[str, str]) -> None:
        new = [e for e in relation.evidence if _evidence_key(e) not in self.known]
        self.evidence += [_evidence_row(e) for e in new]
        independent = {(copies.get(e.doc, e.doc), e.sentence) for e in new}
        if not independent <= self.sentences:  # a repeated headline, or a copy's sentence, adds no support
            self.confidence = _noisy_or(self.confidence, relation.confidence)
        self.known.update(_evidence_key(e) for e in new)
        self.sentences |= independent


def _ends(relation: Relation) -> tuple[str, str]:
    """Source and target, a symmetric type's in key order."""
    source, target = relation.source, relation.target
    return (target, source) if relation.type in SYMMETRIC_TYPES and source > target else (source, target)


def _evidence_row(evidence: Evidence) -> dict[str, Any]:
    """``dataclasses.asdict(evidence)``, at a fraction of its cost."""
    return {"doc": evidence.doc, "sentence": evidence.sentence, "start": evidence.start, "end": evidence.end,
            "rule": evidence.rule}


def add_entity(graph: nx.MultiDiGraph, entity: Entity) -> None:
    """Add an entity, or merge its aliases, mentions and documents into the node with its key (a node an
    edge made for the key, with no attributes yet, takes the entity's)."""
    if "name" not in graph.nodes.get(entity.key, {}):
        graph.add_node(entity.key, label=str(entity.label), name=entity.name,
                       aliases=sorted(set(entity.aliases) - {entity.name}), mentions=entity.mentions,
                       documents=sorted(set(entity.documents)),
                       **seen_span(graph.graph.get("documents", {}), entity.documents))
        return
    node = graph.nodes[entity.key]
    node["aliases"] = sorted((set(node["aliases"]) | set(entity.aliases) | {entity.name}) - {node["name"]})
    if not entity.documents or not set(entity.documents) <= set(node["documents"]):
        node["mentions"] += entity.mentions  # a document already counted is not counted twice
    node["documents"] = sorted(set(node["documents"]) | set(entity.documents))
    node.update(seen_span(graph.graph.get("documents", {}), node["documents"]))


def add_relation(graph: nx.MultiDiGraph, relation: Relation) -> None:
    """Add a relation, merging it into an existing (source, type, target) edge.

    Evidence already on the edge is not added twice; each new, independent sentence (one the edge
    does not already have from the same document) raises the confidence as a noisy-or:
    ``1 - (1 - old) * (1 - new)``.

    >>> g = new_graph()
    >>> ev = Evidence("d1", "A met B.", 0, 8, "test")
    >>> add_relation(g, Relation("b", "a", RelationType.COOPERATES_WITH, (ev,), 0.5))
    >>> add_relation(g, Relation("a", "b", RelationType.COOPERATES_WITH, (ev,), 0.5))
    >>> list(g.edges(keys=True)), g.edges["a", "b", "COOPERATES_WITH"]["confidence"]
    ([('a', 'b', 'COOPERATES_WITH')], 0.5)
    """
    source, target = _ends(relation)
    rtype = str(relation.type)
    evidence = [_evidence_row(e) for e in relation.evidence]
    if not graph.has_edge(source, target, key=rtype):
        graph.add_edge(source, target, key=rtype, type=rtype, confidence=relation.confidence, evidence=evidence,
                       **seen_span(graph.graph.get("documents", {}), (e.doc for e in relation.evidence)))
        return
    edge = graph.edges[source, target, rtype]
    known = {_evidence_id(e) for e in edge["evidence"]}
    sentences = {(e["doc"], e["sentence"]) for e in edge["evidence"]}
    new = [e for e in evidence if _evidence_id(e) not in known]
    edge["evidence"].extend(new)
    if any((e["doc"], e["sentence"]) not in sentences for e in new):  # a repeated headline adds no support
        edge["confidence"] = _noisy_or(edge["confidence"], relation.confidence)
    edge.update(seen_span(graph.graph.get("documents", {}), evidence_documents(edge)))


def _evidence_id(evidence: dict[str, Any]) -> tuple[Any, ...]:
    return (evidence["doc"], evidence["start"], evidence["end"], evidence["rule"])


def _evidence_key(evidence: Evidence) -> tuple[Any, ...]:
    """:func:`_evidence_id` of an ``Evidence`` value: what makes two pieces of evidence the same."""
    return (evidence.doc, evidence.start, evidence.end, evidence.rule)


def _noisy_or(old: float, new: float) -> float:
    """The confidence of an edge that an independent sentence supports again (see :func:`add_relation`)."""
    return round(1 - (1 - old) * (1 - new), 4)


def from_networkx(graph: nx.MultiDiGraph) -> tuple[list[Entity], list[Relation]]:
    """Turn a graph back into entities and relations (the inverse of :func:`to_networkx`).

    >>> hegseth = Entity("person:pete-hegseth", "Pete Hegseth", EntityLabel.PERSON, ("Hegseth",), 2)
    >>> from_networkx(to_networkx([Extraction(entities=(hegseth,))]))[0] == [hegseth]
    True
    """
    entities = [
        Entity(
            key=key,
            name=data["name"],
            label=EntityLabel(data["label"]),
            aliases=tuple(data["aliases"]),
            mentions=data["mentions"],
            documents=tuple(data["documents"]),
        )
        for key, data in graph.nodes(data=True)
    ]
    relations = [
        Relation(
            source=source,
            target=target,
            type=RelationType(data["type"]),
            evidence=tuple(Evidence(**e) for e in data["evidence"]),
            confidence=data["confidence"],
        )
        for source, target, data in graph.edges(data=True)
    ]
    return entities, relations


def merge_graphs(graphs: Iterable[nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """Merge several graphs into a new one, with the same rules as :func:`to_networkx`."""
    merged = new_graph()
    for graph in graphs:
        merged.graph["documents"].update(graph.graph.get("documents", {}))
        entities, relations = from_networkx(graph)
        for entity in entities:
            add_entity(merged, entity)
        for relation in relations:
            add_relation(merged, relation)
    return mark_seen(merged)


def ego_subgraph(graph: nx.MultiDiGraph, center: str, hops: int = 1) -> nx.MultiDiGraph:
    """The nodes within ``hops`` of ``center`` (edges followed in both directions) and their edges.

    >>> g = new_graph()
    >>> g.add_edges_from([("a", "b"), ("c", "b"), ("c", "d")])
    [0, 0, 0]
    >>> sorted(ego_subgraph(g, "a", 2))
    ['a', 'b', 'c']
    """
    keep = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), center, cutoff=hops)
    sub = graph.subgraph(keep).copy()
    sub.graph["documents"] = dict(graph.graph.get("documents", {}))
    return sub


def stats(graph: nx.MultiDiGraph) -> dict[str, Counter[str]]:
    """Counts of nodes per label and edges per type.

    >>> g = new_graph()
    >>> g.add_node("country:panama", label="Country")
    >>> stats(g)["labels"]
    Counter({'Country': 1})
    """
    return {
        "labels": Counter(data["label"] for _, data in graph.nodes(data=True)),
        "types": Counter(key for _, _, key in graph.edges(keys=True)),
    }
