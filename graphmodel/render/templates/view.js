// The graph page, part 3 of 3: filters (labels, types, confidence, dates, isolated nodes), neighbourhood
// highlight and search over every node, drawn or not. Starts the drawing once the filters are bound.
(function () {
  "use strict";

  const api = window.graphmodel;
  const { data, view, state, network, nodes, edges, element, append } = api;
  const byId = (id) => document.getElementById(id);

  // Filters ------------------------------------------------------------------------------------

  function nodeHidden(node) {
    if (!state.labels.has(node.kind)) return true;
    return state.hideIsolated && node.degree === 0 && !state.revealed.has(node.id);
  }

  // An edge shows when one of its sentences comes from a document in the date range.
  function inDateRange(edge) {
    if (!state.from && !state.until && state.undated) return true;
    return edge.evidence.some((evidence) => {
      const date = (data.documents[evidence.doc] || {}).date || "";
      if (!date) return state.undated;
      return (!state.from || date >= state.from) && (!state.until || date.slice(0, 10) <= state.until);
    }) || (!edge.evidence.length && state.undated);
  }

  function edgeHidden(edge) {
    return !state.types.has(edge.type) || edge.confidence < state.minConfidence || !inDateRange(edge) ||
      nodeHidden(api.nodeById.get(edge.from)) || nodeHidden(api.nodeById.get(edge.to));
  }

  // Only items whose visibility changes are sent to vis-network: each update redraws.
  const wasHidden = new Map();
  function changes(ids, hiddenOf) {
    let shown = 0;
    const changed = [];
    ids.forEach((id) => {
      const hidden = hiddenOf(id);
      shown += !hidden;
      if (wasHidden.get(id) !== hidden) changed.push({ id: id, hidden: hidden });
      wasHidden.set(id, hidden);
    });
    return { shown: shown, changed: changed };
  }

  function applyFilters() {
    const nodeChanges = changes(api.loaded, (id) => nodeHidden(api.nodeById.get(id)));
    const edgeChanges = changes(api.loadedEdges, (id) => edgeHidden(api.edgeById.get(id)));
    nodes.update(nodeChanges.changed);
    edges.update(edgeChanges.changed);
    showCounts(nodeChanges.shown, edgeChanges.shown);
  }

  function showCounts(shownNodes, shownEdges) {
    const all = data.nodes.length, partial = api.loaded.size < all;
    const filtered = shownNodes < all || shownEdges < data.edges.length;
    const text = "showing " + shownNodes.toLocaleString("en") + " of " + all.toLocaleString("en") + " nodes, " +
      shownEdges.toLocaleString("en") + " of " + data.edges.length.toLocaleString("en") + " edges";
    byId("showing").textContent = !filtered ? "" : text + (partial ? " (the best connected: double-click a node or search to bring in more)" : "");
  }

  // Show a node the filters hide, because the analyst asked for it.
  function reveal(node) {
    const hidden = nodeHidden(node);
    state.revealed.add(node.id);
    if (!state.labels.has(node.kind)) {
      document.querySelectorAll("#label-filters input").forEach((box) => { if (box.dataset.label === node.kind) box.checked = true; });
      state.labels.add(node.kind);
    }
    if (hidden) applyFilters();
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

  function bindDates() {
    const dates = Object.values(data.documents).map((doc) => doc.date).filter(Boolean).map((date) => date.slice(0, 10)).sort();
    const undated = Object.values(data.documents).filter((doc) => !doc.date).length;
    if (dates.length) {
      ["date-from", "date-until"].forEach((id) => { byId(id).min = dates[0]; byId(id).max = dates[dates.length - 1]; });
    }
    byId("date-range").textContent = dates.length ? "Documents from " + dates[0] + " to " + dates[dates.length - 1] +
      (undated ? "; " + undated + " undated" : "") + "." : "No document carries a date.";
    const read = () => {
      state.from = byId("date-from").value;
      state.until = byId("date-until").value;
      state.undated = byId("undated").checked;
      applyFilters();
    };
    ["date-from", "date-until", "undated"].forEach((id) => ["input", "change"].forEach((kind) => byId(id).addEventListener(kind, read)));
  }

  bindCheckboxes("#label-filters input", state.labels, "label");
  bindCheckboxes("#type-filters input", state.types, "type");
  bindDates();
  byId("isolated").checked = state.hideIsolated;
  byId("isolated").addEventListener("change", (event) => { state.hideIsolated = event.target.checked; applyFilters(); });
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

  // Neighbourhood highlight --------------------------------------------------------------------

  function applyHighlight(force) {
    const centre = (state.neighbourhood && state.selected && state.selected.node) || null;
    if (centre === state.highlighted && !force) return;
    state.highlighted = centre;
    const near = centre ? new Set([centre].concat(api.neighbours(centre))) : null;
    nodes.update([...api.loaded].map((id) => {
      const lit = !near || near.has(id);
      const font = Object.assign({}, nodes.get(id).font, { color: lit ? "#222222" : "rgba(34,34,34,0.2)" });
      return { id: id, opacity: lit ? 1 : 0.15, font: font };
    }));
    edges.update([...api.loadedEdges].map((id) => {
      const edge = api.edgeById.get(id);
      const lit = !near || edge.from === centre || edge.to === centre;
      return { id: id, color: Object.assign({}, edges.get(id).color, { opacity: lit ? 1 : 0.08 }) };
    }));
  }

  // Search over every node, drawn or not -------------------------------------------------------

  const searchIndex = data.nodes.map((node) => ({ node: node, terms: [node.name].concat(node.aliases).map((term) => term.toLowerCase()) }));

  function matchRank(terms, query) {
    if (terms.includes(query)) return 0;
    if (terms.some((term) => term.startsWith(query))) return 1;
    if (terms.some((term) => term.split(/[\s\-.']+/).some((word) => word.startsWith(query)))) return 2;
    return terms.some((term) => term.includes(query)) ? 3 : 4;
  }

  function findNodes(text) {
    const query = text.trim().toLowerCase();
    if (!query) return [];
    const hits = [];
    searchIndex.forEach((entry) => {
      const rank = matchRank(entry.terms, query);
      if (rank < 4) hits.push({ node: entry.node, rank: rank });
    });
    return hits.sort((a, b) => a.rank - b.rank || b.node.mentions - a.node.mentions || a.node.name.localeCompare(b.node.name))
      .map((hit) => hit.node);
  }

  function showResults(found) {
    const list = byId("results");
    list.replaceChildren();
    found.slice(0, 8).forEach((node, position) => {
      const button = append(element("button", node.name, position ? "" : "current"), element("span", " " + node.kind, "kind"));
      button.type = "button";
      button.addEventListener("click", () => api.selectNode(node.id, true));
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
      if (found.length) api.selectNode(found[0].id, true);
    };
    if (immediate) run(); else searchTimer = setTimeout(run, 200);
  }

  byId("search").addEventListener("input", () => search(false));
  byId("search").addEventListener("keydown", (event) => {
    if (event.key === "Enter") search(true);
    if (event.key === "Escape") { byId("search").value = ""; showResults([]); api.clearSelection(); }
  });

  Object.assign(api, {
    nodeHidden: nodeHidden, edgeHidden: edgeHidden, applyFilters: applyFilters, applyHighlight: applyHighlight,
    reveal: reveal, find: findNodes,
    afterLoad: () => { applyFilters(); if (state.highlighted) applyHighlight(true); },
  });
  api.start();
  applyFilters();
})();
