// The graph page, part 2 of 3: the evidence panel, selection and deep links (graph.html#node=KEY).
(function () {
  "use strict";

  const api = window.graphmodel;
  const { data, state, network, nodes, edges, element, append, nameOf } = api;
  const panel = document.getElementById("panel");
  const labelColors = {};
  Object.keys(data.labels).forEach((kind) => { labelColors[kind] = data.labels[kind].color; });
  const RELATIONS_SHOWN = 100;

  // A link to where the document was published; only web addresses, so that no javascript: URL runs.
  function documentLink(doc, text) {
    const meta = data.documents[doc];
    if (!meta || !/^https?:\/\//i.test(meta.url || "")) return null;
    const link = element("a", text || meta.url, "source");
    link.href = meta.url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  function chip(kind) {
    const chipElement = element("span", kind, "chip");
    chipElement.style.background = labelColors[kind] || "#999999";
    if (kind === "Event" || kind === "Initiative") chipElement.classList.add("light");
    return chipElement;
  }

  function nodeLink(id) {
    const button = element("button", nameOf(id), "link");
    button.type = "button";
    button.addEventListener("click", () => selectNode(id, true));
    return button;
  }

  function showPlaceholder() {
    panel.replaceChildren(element("p", "Click a node or an edge to see who it is and the sentences that support it.", "placeholder"));
  }

  function showNode(id) {
    const node = api.nodeById.get(id);
    panel.replaceChildren(element("h2", node.name, "name"), append(element("p"), chip(node.kind)));
    if (node.aliases.length) append(panel, element("h3", "Also known as"), element("p", node.aliases.join(", "), "aliases"));
    append(panel, element("h3", "Mentions"), element("p", node.mentions, "mentions"));
    append(panel, element("h3", "Documents (" + node.documents.length + ")"), documentList(node.documents));
    append(panel, element("h3", "Relationships (" + node.degree + ")"), expandButton(id), relationList(id));
  }

  function expandButton(id) {
    const hidden = api.hiddenNeighbours(id);
    if (!hidden) return null;
    const button = element("button", "Show " + hidden + " more connected node" + (hidden > 1 ? "s" : ""), "expand");
    button.type = "button";
    button.addEventListener("click", () => { api.expand(id); showNode(id); });
    return button;
  }

  // Oldest first, undated last; then by title.
  function byDate(a, b) {
    const first = data.documents[a] || {}, second = data.documents[b] || {};
    if (!first.date !== !second.date) return first.date ? -1 : 1;
    return (first.date || "").localeCompare(second.date || "") || (first.title || a).localeCompare(second.title || b);
  }

  function documentList(ids) {
    const list = element("ul", null, "documents");
    ids.slice().sort(byDate).forEach((doc) => {
      const meta = data.documents[doc] || { title: doc, date: "" };
      const title = documentLink(doc, meta.title) || element("span", meta.title);
      title.classList.add("doc-title");
      const copies = (meta.copies || []).length ? element("span", "also published as: " + meta.copies.join("; "), "copies kind") : null;
      list.appendChild(append(element("li"), title, element("span", meta.date || "undated", "date kind"), copies));
    });
    return list;
  }

  function relationList(id) {
    const list = element("ul", null, "relations");
    const all = api.edgesOf.get(id) || [];
    all.slice(0, RELATIONS_SHOWN).forEach((edge) => {
      const outgoing = edge.from === id;
      const button = element("button", (outgoing ? "→ " : "← ") + nameOf(outgoing ? edge.to : edge.from));
      button.type = "button";
      button.appendChild(element("span", api.typeStyle(edge.type).caption, "kind"));
      button.addEventListener("click", () => selectEdge(edge.id));
      list.appendChild(append(element("li"), button));
    });
    if (all.length > RELATIONS_SHOWN) list.appendChild(element("li", "+ " + (all.length - RELATIONS_SHOWN) + " more", "kind"));
    return list;
  }

  function showEdge(id) {
    const edge = api.edgeById.get(id);
    const ends = append(element("p", null, "ends"), nodeLink(edge.from), document.createTextNode(" " + api.typeStyle(edge.type).caption + " "), nodeLink(edge.to));
    panel.replaceChildren(element("h2", edge.type, "type"), ends);
    const meter = element("span", null, "meter");
    meter.appendChild(element("span")).style.width = Math.round(edge.confidence * 100) + "%";
    append(panel, element("h3", "Confidence"), append(element("p", edge.confidence.toFixed(2), "confidence"), meter));
    append(panel, element("h3", "Evidence (" + edge.evidence.length + ")"), evidenceList(edge.evidence));
  }

  function evidenceList(items) {
    const list = element("ol", null, "evidence");
    items.slice().sort((a, b) => byDate(a.doc, b.doc)).forEach((evidence) => {
      const doc = data.documents[evidence.doc] || { title: evidence.doc, date: "" };
      const cite = append(element("cite", [doc.title, doc.date || "undated"].join(" · ")), documentLink(evidence.doc));
      const how = element("p", "Found by " + (data.rules[evidence.rule] || evidence.rule || "an unnamed rule"), "how kind");
      list.appendChild(append(element("li"), element("blockquote", evidence.sentence), cite, how));
    });
    return list;
  }

  // Selection and deep links -------------------------------------------------------------------

  function writeHash(id) {
    const hash = id ? "#node=" + encodeURIComponent(id) : "";
    if (location.hash === hash) return;
    try {
      history.replaceState(null, "", hash || location.pathname + location.search);
    } catch (error) {  // a sandboxed frame (a notebook's srcdoc) may refuse: the link is a convenience
      return;
    }
  }

  function selectNode(id, focus) {
    const node = api.nodeById.get(id);
    if (!node) return;
    if (!api.loaded.has(id)) api.load([id].concat(api.neighbours(id)));
    api.reveal(node);
    network.selectNodes([id]);
    state.selected = { node: id };
    showNode(id);
    writeHash(id);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 400 } });
    api.applyHighlight();
  }

  function selectEdge(id) {
    const edge = api.edgeById.get(id);
    api.load([edge.from, edge.to]);
    api.reveal(api.nodeById.get(edge.from));
    api.reveal(api.nodeById.get(edge.to));
    network.setSelection({ nodes: [], edges: [id] });
    state.selected = { edge: id };
    showEdge(id);
    writeHash(null);
    api.applyHighlight();
  }

  function clearSelection() {
    network.unselectAll();
    state.selected = null;
    showPlaceholder();
    writeHash(null);
    api.applyHighlight();
  }

  function readHash() {
    const match = /^#node=(.+)$/.exec(location.hash);
    if (!match) return;
    const id = decodeURIComponent(match[1]);
    if (!api.nodeById.has(id)) panel.replaceChildren(element("p", "This graph has no node " + id + ".", "placeholder"));
    else if (!state.selected || state.selected.node !== id) selectNode(id, true);
  }

  network.on("click", (params) => {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else clearSelection();
  });
  network.on("doubleClick", (params) => {
    if (params.nodes.length) { api.expand(params.nodes[0]); selectNode(params.nodes[0], false); }
  });
  window.addEventListener("hashchange", readHash);
  Object.assign(api, { selectNode: selectNode, selectEdge: selectEdge, clearSelection: clearSelection, onReady: readHash });
})();
