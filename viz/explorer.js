// graphkit explorer: draws the embedded view with vis-network and explains nodes and edges.
// Every string from the graph is hostile: it only ever reaches the page through textContent,
// and only http(s) URLs become links.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("gk-data").textContent);
  const timing = document.getElementById("gk-timing");
  const mark = (name) => { timing.dataset[name] = performance.now().toFixed(0); };

  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  timing.dataset.nodes = String(nodes.length);
  timing.dataset.edges = String(edges.length);

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function webUrl(text) {
    try {
      const url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (err) {
      return null;
    }
  }

  function card(title, kind, facts, quotes, urls) {
    const box = el("div", undefined, "gk-card");
    box.append(el("h2", title), el("p", kind, "gk-kind"));
    const dl = el("dl");
    for (const [key, value] of facts) dl.append(el("dt", key), el("dd", value));
    box.append(dl);
    if (urls && urls.length) {
      const ul = el("ul");
      for (const text of urls) {
        const li = el("li");
        const href = webUrl(text);
        if (href) {
          const a = el("a", text);
          a.href = href;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          li.append(a);
        } else {
          li.textContent = text;
        }
        ul.append(li);
      }
      box.append(ul);
    }
    for (const quote of quotes.slice(0, 3)) box.append(el("blockquote", quote));
    return box;
  }

  const fullName = (node) => node.name || node.label;

  function nodeCard(id) {
    const node = nodes.get(id);
    const quotes = node.text ? [node.text] : [];
    const linked = network.getConnectedEdges(id).map((e) => edges.get(e));
    linked.sort((a, b) => b.weight - a.weight);
    for (const edge of linked) {
      if (quotes.length >= 3) break;
      for (const text of edge.evidence || []) if (quotes.length < 3) quotes.push(text);
    }
    const facts = [[data.counts[0], node.out], [data.counts[1], node.in]];
    if (node.aliases) facts.push(["also called", node.aliases.join(", ")]);
    facts.push(["id", node.key]);
    return card(fullName(node), node.group, facts, quotes, node.urls);
  }

  function edgeCard(id) {
    const edge = edges.get(id);
    const title = fullName(nodes.get(edge.from)) + " → " + fullName(nodes.get(edge.to));
    const facts = [[edge.type, edge.weight]];
    if (edge.tone !== undefined) facts.push(["mean tone", edge.tone]);
    if (edge.inferred) facts.push(["inferred", edge.inferred]);
    return card(title, edge.type, facts, edge.evidence || [], null);
  }

  const details = document.getElementById("gk-details");
  function show(box) { details.replaceChildren(box); }

  const tip = document.getElementById("gk-tip");
  function hover(box, params) {
    tip.replaceChildren(box);
    const rect = container.getBoundingClientRect();
    const x = Math.min(rect.left + params.pointer.DOM.x + 14, window.innerWidth - 380);
    tip.style.left = Math.max(0, x) + "px";
    tip.style.top = rect.top + params.pointer.DOM.y + 14 + "px";
    tip.hidden = false;
  }
  const unhover = () => { tip.hidden = true; };

  const status = document.getElementById("gk-status");
  function find(query) {
    const q = query.trim().toLowerCase();
    if (!q) return;
    const all = nodes.get();
    const exact = all.filter((n) => fullName(n).toLowerCase() === q);
    const found = exact.length ? exact : all.filter((n) => fullName(n).toLowerCase().includes(q));
    status.textContent = found.length ? found.length + " found" : "no node matches";
    if (!found.length) return;
    network.selectNodes([found[0].id]);
    network.focus(found[0].id, { scale: 1.2, animation: false });
    show(nodeCard(found[0].id));
  }

  const search = document.getElementById("gk-search");
  search.addEventListener("focus", () => {
    const list = document.getElementById("gk-names");
    if (list.childElementCount) return;
    for (const node of data.nodes) {
      const option = document.createElement("option");
      option.value = fullName(node);
      list.append(option);
    }
  }, { once: true });
  search.addEventListener("change", () => find(search.value));
  search.addEventListener("keydown", (e) => { if (e.key === "Enter") find(search.value); });

  const button = document.getElementById("gk-physics");
  let physics = false; // the layout arrives finished; physics is the reader's choice
  function setPhysics(on) {
    physics = on;
    network.setOptions({ physics: { enabled: on } });
    button.textContent = on ? "Freeze layout" : "Run physics";
  }
  button.addEventListener("click", () => setPhysics(!physics));

  // Settled: drawn once at the fitted zoom, when every node and label has its drawn size.
  // Others (tests, embedding pages) learn it from the "gk-settled" event, which carries the network.
  function settled() {
    mark("settled");
    status.textContent = "";
    const hash = decodeURIComponent(location.hash);
    if (hash.startsWith("#find=")) find(hash.slice(6));
    document.dispatchEvent(new CustomEvent("gk-settled", { detail: network }));
  }

  button.textContent = "Run physics";
  const container = document.getElementById("gk-network");
  const network = new vis.Network(container, { nodes, edges }, data.options);
  network.once("afterDrawing", () => {
    mark("firstDraw");
    network.once("afterDrawing", settled);
    network.fit({ animation: false });
    network.redraw();
  });
  network.on("hoverNode", (p) => hover(nodeCard(p.node), p));
  network.on("hoverEdge", (p) => hover(edgeCard(p.edge), p));
  network.on("blurNode", unhover);
  network.on("blurEdge", unhover);
  network.on("dragStart", unhover);
  network.on("click", (p) => {
    if (p.nodes.length) show(nodeCard(p.nodes[0]));
    else if (p.edges.length) show(edgeCard(p.edges[0]));
  });
})();
