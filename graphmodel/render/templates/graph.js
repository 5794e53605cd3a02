// The graph page: reads the embedded JSON, draws it with vis-network and wires search, filters and the
// evidence panel. Every piece of graph text reaches the DOM through textContent, never innerHTML.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const byId = (id) => document.getElementById(id);
  const panel = byId("panel");
  const labelColors = {};
  data.nodes.forEach((node) => { labelColors[node.kind] = node.color; });
  const state = { labels: new Set(), types: new Set(), minConfidence: 0, neighbourhood: false, selected: null, highlighted: null };

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function append(parent, ...children) {
    children.forEach((child) => { if (child) parent.appendChild(child); });
    return parent;
  }

  function documentLine(evidence) {
    const doc = data.documents[evidence.doc] || { title: evidence.doc, date: "" };
    return [doc.title, doc.date, evidence.rule].filter(Boolean).join(" · ");
  }

  // A link to where the document was published; only web addresses, so that no javascript: URL runs.
  function documentLink(doc) {
    const meta = data.documents[doc];
    if (!meta || !/^https?:\/\//i.test(meta.url || "")) return null;
    const link = element("a", meta.url, "source");
    link.href = meta.url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  // Tooltips ------------------------------------------------------------------------------------

  function nodeTooltip(node) {
    const tip = append(element("div", null, "tip"), element("strong", node.name), element("p", node.kind, "kind"));
    if (node.aliases.length) tip.appendChild(element("p", "Also: " + node.aliases.join(", ")));
    return tip;
  }

  function edgeTooltip(edge, names) {
    const tip = element("div", null, "tip");
    append(tip, element("strong", edge.type), element("p", names[edge.from] + " → " + names[edge.to], "kind"));
    edge.evidence.slice(0, 3).forEach((evidence) => tip.appendChild(element("p", "“" + evidence.sentence + "”", "quote")));
    if (edge.evidence.length > 3) tip.appendChild(element("p", "+ " + (edge.evidence.length - 3) + " more: click the edge", "kind"));
    return tip;
  }

  // The network --------------------------------------------------------------------------------

  const names = {};
  data.nodes.forEach((node) => { names[node.id] = node.name; });
  const nodes = new vis.DataSet(data.nodes.map((node) => Object.assign({}, node, { title: nodeTooltip(node) })));
  const edges = new vis.DataSet(data.edges.map((edge) => Object.assign({}, edge, { title: edgeTooltip(edge, names) })));
  const network = new vis.Network(byId("network"), {}, data.options);
  const api = { network: network, nodes: nodes, edges: edges, ready: false };
  window.graphmodel = api;

  function markReady() {
    if (api.ready) return;
    api.ready = true;
    api.readyAt = performance.now();  // milliseconds since navigation start, for bench/render_bench.py
    document.body.dataset.ready = "true";
  }

  if (data.physics) {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: false });
      network.once("afterDrawing", markReady);
      network.fit();
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
  }
  network.setData({ nodes: nodes, edges: edges });
  if (!data.physics) network.fit();

  // The evidence panel --------------------------------------------------------------------------

  function chip(kind) {
    const chipElement = element("span", kind, "chip");
    chipElement.style.background = labelColors[kind] || "#999999";
    if (kind === "Event" || kind === "Initiative") chipElement.classList.add("light");
    return chipElement;
  }

  function nodeLink(id) {
    const button = element("button", names[id] || id, "link");
    button.type = "button";
    button.addEventListener("click", () => selectNode(id, true));
    return button;
  }

  function showPlaceholder() {
    panel.replaceChildren(element("p", "Click a node or an edge to see who it is and the sentences that support it.", "placeholder"));
  }

  function showNode(id) {
    const node = nodes.get(id);
    panel.replaceChildren(element("h2", node.name, "name"), append(element("p"), chip(node.kind)));
    if (node.aliases.length) append(panel, element("h3", "Also known as"), element("p", node.aliases.join(", "), "aliases"));
    append(panel, element("h3", "Mentions"), element("p", node.mentions, "mentions"));
    append(panel, element("h3", "Documents (" + node.documents.length + ")"), documentList(node.documents));
    append(panel, element("h3", "Relationships"), relationList(id));
  }

  function documentList(ids) {
    const list = element("ul", null, "documents");
    ids.forEach((doc) => {
      const meta = data.documents[doc] || { title: doc, date: "" };
      const copies = (meta.copies || []).length ? element("span", "also published as: " + meta.copies.join("; "), "copies kind") : null;
      list.appendChild(append(element("li"), element("span", meta.title, "doc-title"), element("span", meta.date, "date kind"),
        documentLink(doc), copies));
    });
    return list;
  }

  function relationList(id) {
    const list = element("ul", null, "relations");
    network.getConnectedEdges(id).forEach((edgeId) => {
      const edge = edges.get(edgeId);
      const outgoing = edge.from === id;
      const button = element("button", (outgoing ? "→ " : "← ") + names[outgoing ? edge.to : edge.from]);
      button.type = "button";
      button.appendChild(element("span", edge.type, "kind"));
      button.addEventListener("click", () => selectEdge(edgeId));
      list.appendChild(append(element("li"), button));
    });
    return list;
  }

  function showEdge(id) {
    const edge = edges.get(id);
    const ends = append(element("p", null, "ends"), nodeLink(edge.from), document.createTextNode(" → "), nodeLink(edge.to));
    panel.replaceChildren(element("h2", edge.type, "type"), ends);
    const meter = element("span", null, "meter");
    meter.appendChild(element("span")).style.width = Math.round(edge.confidence * 100) + "%";
    append(panel, element("h3", "Confidence"), append(element("p", edge.confidence.toFixed(2), "confidence"), meter));
    append(panel, element("h3", "Evidence (" + edge.evidence.length + ")"), evidenceList(edge.evidence));
  }

  function evidenceList(items) {
    const list = element("ol", null, "evidence");
    items.forEach((evidence) => {
      const cite = append(element("cite", documentLine(evidence)), documentLink(evidence.doc));
      list.appendChild(append(element("li"), element("blockquote", evidence.sentence), cite));
    });
    return list;
  }

  // Selection and neighbourhood ----------------------------------------------------------------

  function selectNode(id, focus) {
    if (nodes.get(id).hidden) showLabel(nodes.get(id).kind);
    network.selectNodes([id]);
    state.selected = { node: id };
    showNode(id);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 400 } });
    applyHighlight();
  }

  function selectEdge(id) {
    network.setSelection({ nodes: [], edges: [id] });
    state.selected = { edge: id };
    showEdge(id);
    applyHighlight();
  }

  function clearSelection() {
    network.unselectAll();
    state.selected = null;
    showPlaceholder();
    applyHighlight();
  }

  network.on("click", (params) => {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else clearSelection();
  });

  function applyHighlight() {
    const centre = (state.neighbourhood && state.selected && state.selected.node) || null;
    if (centre === state.highlighted) return;
    state.highlighted = centre;
    const near = centre ? new Set([centre].concat(network.getConnectedNodes(centre))) : null;
    nodes.update(data.nodes.map((node) => {
      const lit = !near || near.has(node.id);
      return { id: node.id, opacity: lit ? 1 : 0.15, font: { color: lit ? "#222222" : "rgba(34,34,34,0.2)" } };
    }));
    edges.update(data.edges.map((edge) => {
      const lit = !near || edge.from === centre || edge.to === centre;
      return { id: edge.id, color: Object.assign({}, edge.color, { opacity: lit ? 1 : 0.08 }) };
    }));
  }

  // Filters ------------------------------------------------------------------------------------

  function applyFilters() {
    const hidden = new Set(data.nodes.filter((node) => !state.labels.has(node.kind)).map((node) => node.id));
    nodes.update(data.nodes.map((node) => ({ id: node.id, hidden: hidden.has(node.id) })));
    const edgeHidden = (edge) => !state.types.has(edge.type) || edge.confidence < state.minConfidence ||
      hidden.has(edge.from) || hidden.has(edge.to);
    const shownEdges = data.edges.filter((edge) => !edgeHidden(edge)).length;
    edges.update(data.edges.map((edge) => ({ id: edge.id, hidden: edgeHidden(edge) })));
    const filtered = hidden.size || shownEdges < data.edges.length;
    byId("showing").textContent = filtered ? "showing " + (data.nodes.length - hidden.size) + " nodes, " + shownEdges + " edges" : "";
  }

  function showLabel(kind) {
    document.querySelectorAll("#label-filters input").forEach((box) => { if (box.dataset.label === kind) box.checked = true; });
    state.labels.add(kind);
    applyFilters();
  }

  function bindCheckboxes(selector, set, key) {
    document.querySelectorAll(selector).forEach((box) => {
      set.add(box.dataset[key]);
      box.addEventListener("change", () => {
        if (box.checked) set.add(box.dataset[key]); else set.delete(box.dataset[key]);
        applyFilters();
      });
    });
  }

  bindCheckboxes("#label-filters input", state.labels, "label");
  bindCheckboxes("#type-filters input", state.types, "type");
  byId("confidence").addEventListener("input", (event) => {
    state.minConfidence = Number(event.target.value);
    byId("confidence-value").textContent = state.minConfidence.toFixed(2);
    applyFilters();
  });
  byId("neighbourhood").addEventListener("change", (event) => {
    state.neighbourhood = event.target.checked;
    applyHighlight();
  });
  byId("fit").addEventListener("click", () => network.fit({ animation: { duration: 400 } }));

  // Search -------------------------------------------------------------------------------------

  const searchIndex = data.nodes.map((node) => ({
    id: node.id, node: node, terms: [node.name].concat(node.aliases).map((term) => term.toLowerCase()),
  }));

  function matchRank(terms, query) {
    if (terms.includes(query)) return 0;
    if (terms.some((term) => term.startsWith(query))) return 1;
    if (terms.some((term) => term.split(/[\s\-.']+/).some((word) => word.startsWith(query)))) return 2;
    return terms.some((term) => term.includes(query)) ? 3 : 4;
  }

  function findNodes(text) {
    const query = text.trim().toLowerCase();
    if (!query) return [];
    return searchIndex.map((entry) => ({ entry: entry, rank: matchRank(entry.terms, query) }))
      .filter((hit) => hit.rank < 4)
      .sort((a, b) => a.rank - b.rank || b.entry.node.mentions - a.entry.node.mentions ||
        a.entry.node.name.localeCompare(b.entry.node.name))
      .map((hit) => hit.entry.node);
  }

  function showResults(found) {
    const list = byId("results");
    list.replaceChildren();
    found.slice(0, 8).forEach((node, position) => {
      const button = append(element("button", node.name, position ? "" : "current"), element("span", " " + node.kind, "kind"));
      button.type = "button";
      button.addEventListener("click", () => selectNode(node.id, true));
      list.appendChild(append(element("li"), button));
    });
    if (!found.length && byId("search").value.trim()) list.appendChild(element("li", "No node matches.", "kind"));
  }

  let searchTimer = null;
  function search(immediate) {
    clearTimeout(searchTimer);
    const run = () => {
      const found = findNodes(byId("search").value);
      showResults(found);
      if (found.length) selectNode(found[0].id, true);
    };
    if (immediate) run(); else searchTimer = setTimeout(run, 200);
  }

  byId("search").addEventListener("input", () => search(false));
  byId("search").addEventListener("keydown", (event) => {
    if (event.key === "Enter") search(true);
    if (event.key === "Escape") { byId("search").value = ""; showResults([]); clearSelection(); }
  });
  api.find = findNodes;
})();
