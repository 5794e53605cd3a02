// The graph page, part 1 of 3: reads the embedded JSON and keeps the drawn part of the graph. A big graph
// opens on its best-connected nodes; load() brings more in (expanding a node, a search, a deep link).
// Labels follow the zoom. Every piece of graph text reaches the DOM through textContent, never innerHTML.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const view = data.view;
  const nodeById = new Map(data.nodes.map((node) => [node.id, node]));
  const edgeById = new Map(data.edges.map((edge) => [edge.id, edge]));
  const edgesOf = new Map();  // node id -> its edge records, for expanding and the node panel
  data.edges.forEach((edge) => {
    [edge.from, edge.to].forEach((id, end) => {
      if (end && edge.to === edge.from) return;
      if (!edgesOf.has(id)) edgesOf.set(id, []);
      edgesOf.get(id).push(edge);
    });
  });
  const state = {
    labels: new Set(), types: new Set(), minConfidence: 0, from: "", until: "", undated: true,
    hideIsolated: view.hideIsolated, revealed: new Set(), neighbourhood: false, selected: null, highlighted: null,
    zoomedIn: false, topFont: 13, hoverEdge: null,
  };

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

  const nameOf = (id) => (nodeById.has(id) ? nodeById.get(id).name : id);
  const typeStyle = (type) => data.types[type] || { color: "#9AA3AD", arrow: true, caption: type.toLowerCase().replace(/_/g, " ") };

  // Tooltips ------------------------------------------------------------------------------------

  function nodeTooltip(node) {
    const tip = append(element("div", null, "tip"), element("strong", node.name), element("p", node.kind, "kind"));
    if (node.aliases.length) tip.appendChild(element("p", "Also: " + node.aliases.join(", ")));
    return tip;
  }

  function edgeTooltip(edge) {
    const tip = element("div", null, "tip");
    append(tip, element("strong", edge.type), element("p", nameOf(edge.from) + " " + typeStyle(edge.type).caption + " " + nameOf(edge.to), "kind"));
    edge.evidence.slice(0, 3).forEach((evidence) => tip.appendChild(element("p", "“" + evidence.sentence + "”", "quote")));
    if (edge.evidence.length > 3) tip.appendChild(element("p", "+ " + (edge.evidence.length - 3) + " more: click the edge", "kind"));
    return tip;
  }

  // vis-network items, built only for what is drawn ---------------------------------------------

  function nodeLabel(node) {
    return state.zoomedIn || node.rank < view.labelTop ? node.name : "";
  }

  function edgeLabel(edge) {
    return state.zoomedIn || state.hoverEdge === edge.id ? typeStyle(edge.type).caption : "";
  }

  function visNode(node) {
    const style = data.labels[node.kind] || { color: "#999999", shape: "dot" };
    const font = { size: node.rank < view.labelTop ? state.topFont : 13 };
    return { id: node.id, label: nodeLabel(node), font: font, color: style.color, shape: style.shape, size: node.size,
      x: node.x, y: node.y, title: nodeTooltip(node), hidden: api.nodeHidden(node) };
  }

  function visEdge(edge) {
    const style = typeStyle(edge.type);
    const item = { id: edge.id, from: edge.from, to: edge.to, type: edge.type, label: edgeLabel(edge),
      color: { color: style.color, highlight: style.color, hover: style.color, opacity: 1.0 },
      width: Math.round((1 + 2.5 * edge.confidence) * 100) / 100,
      arrows: { to: { enabled: style.arrow, scaleFactor: 0.6 } }, title: edgeTooltip(edge), hidden: api.edgeHidden(edge) };
    if (edge.smooth) item.smooth = edge.smooth;
    return item;
  }

  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const loaded = new Set();
  const loadedEdges = new Set();
  const network = new vis.Network(document.getElementById("network"), {}, data.options);
  const api = {
    data: data, view: view, state: state, network: network, nodes: nodes, edges: edges, ready: false,
    nodeById: nodeById, edgeById: edgeById, edgesOf: edgesOf, loaded: loaded, loadedEdges: loadedEdges,
    element: element, append: append, nameOf: nameOf, typeStyle: typeStyle,
  };
  window.graphmodel = api;

  // Bring nodes (and every edge between them and the drawn part) into the drawing.
  function load(ids) {
    const added = [];
    ids.forEach((id) => {
      if (loaded.has(id) || !nodeById.has(id)) return;
      loaded.add(id);
      added.push(nodeById.get(id));
    });
    const newEdges = [];
    added.forEach((node) => (edgesOf.get(node.id) || []).forEach((edge) => {
      if (loadedEdges.has(edge.id) || !loaded.has(edge.from) || !loaded.has(edge.to)) return;
      loadedEdges.add(edge.id);
      newEdges.push(visEdge(edge));
    }));
    nodes.add(added.map(visNode));
    edges.add(newEdges);
    if (added.length && api.ready) api.afterLoad();
    return added.length;
  }

  function neighbours(id) {
    return (edgesOf.get(id) || []).map((edge) => (edge.from === id ? edge.to : edge.from));
  }

  api.load = load;
  api.neighbours = neighbours;
  api.hiddenNeighbours = (id) => new Set(neighbours(id).filter((other) => !loaded.has(other))).size;
  api.expand = (id) => load([id].concat(neighbours(id)));

  // Labels follow the zoom: the best-connected nodes at full-graph zoom, their names drawn large enough
  // to read there; every node and edge closer in.
  const FONT = 13, VIS_THRESHOLD = 5;  // canvas pixels; on-screen pixels below which vis-network draws no label
  const topFont = (scale) => Math.min(80, Math.max(FONT, Math.round(12 / scale)));

  function relabel() {
    const scale = network.getScale();
    const zoomedIn = scale >= view.labelScale;
    const size = zoomedIn ? FONT : topFont(scale);
    if (zoomedIn === state.zoomedIn && size === state.topFont) return;
    if (zoomedIn !== state.zoomedIn) {
      state.zoomedIn = zoomedIn;
      nodes.update([...loaded].map((id) => ({ id: id, label: nodeLabel(nodeById.get(id)) })));
      edges.update([...loadedEdges].map((id) => ({ id: id, label: edgeLabel(edgeById.get(id)) })));
    }
    state.topFont = size;
    nodes.update([...loaded].filter((id) => nodeById.get(id).rank < view.labelTop).map((id) => ({ id: id, font: Object.assign({}, nodes.get(id).font, { size: size }) })));
  }

  api.relabel = relabel;
  // The nodes whose names are drawn at this zoom at least `pixels` high (vis-network skips smaller ones).
  api.labelled = (pixels) => [...loaded].filter((id) => {
    const drawn = network.body.nodes[id];
    return drawn && drawn.options.label && drawn.options.font.size * network.getScale() >= (pixels || VIS_THRESHOLD);
  });
  function hoverEdge(id) {
    const previous = state.hoverEdge;
    state.hoverEdge = id;
    [previous, id].filter((edgeId) => edgeId && loadedEdges.has(edgeId))
      .forEach((edgeId) => edges.update({ id: edgeId, label: edgeLabel(edgeById.get(edgeId)) }));
  }

  network.on("zoom", relabel);
  network.on("animationFinished", relabel);
  network.on("hoverEdge", (params) => hoverEdge(params.edge));
  network.on("blurEdge", () => hoverEdge(null));

  function markReady() {
    if (api.ready) return;
    relabel();
    api.ready = true;
    api.readyAt = performance.now();  // milliseconds since navigation start, for bench/render_bench.py
    document.body.dataset.ready = "true";
    if (api.onReady) api.onReady();
  }

  // Called by the last page script once the filters are bound.
  api.start = () => {
    load(data.nodes.filter((node) => node.rank < view.start).map((node) => node.id));
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
  };
})();
