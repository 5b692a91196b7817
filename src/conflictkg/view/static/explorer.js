// conflictkg explorer: search an actor, see its neighbourhood, expand it, read the evidence.
// Talks only to the server it came from (/api/...); draws with the vendored Cytoscape.js.
"use strict";

const state = {
  style: null,        // /api/style: classes and relations, as `conflictkg draw` uses them
  expanded: [],       // IRIs whose neighbours are shown, in the order they were opened
  selectedEdge: null, // the edge whose evidence is shown
  request: 0,         // number of the latest neighbourhood request (older answers are dropped)
};
const $ = (id) => document.getElementById(id);
const SHAPES = { box: "round-rectangle", ellipse: "ellipse", hexagon: "hexagon", octagon: "octagon" };
const ARROWS = {
  triangle: ["triangle", "filled"], "hollow-triangle": ["triangle", "hollow"],
  tee: ["tee", "filled"], diamond: ["diamond", "filled"], "hollow-diamond": ["diamond", "hollow"],
};
const DASHES = { solid: "", dashed: "6 4", dotted: "2 3" };

function setStatus(text, mode) {
  $("status").textContent = text;
  if (mode) document.body.dataset.state = mode;
}

async function getJSON(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of params || []) url.searchParams.append(name, value);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function edgeWidth(sentences) {
  return 1.2 + 1.6 * Math.log2(Math.max(sentences, 1));  // as `conflictkg draw`
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) node.append(child);
  return node;
}

// ------------------------------------------------------------------ filters and legend

function relationSample(relation) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("width", "40");
  svg.setAttribute("height", "12");
  const line = document.createElementNS(svg.namespaceURI, "line");
  for (const [k, v] of Object.entries({ x1: 1, y1: 6, x2: 31, y2: 6, stroke: relation.colour, "stroke-width": 2 })) {
    line.setAttribute(k, v);
  }
  if (DASHES[relation.line]) line.setAttribute("stroke-dasharray", DASHES[relation.line]);
  const head = document.createElementNS(svg.namespaceURI, "path");
  const [shape, fill] = ARROWS[relation.arrow];
  const d = { triangle: "M31,1 L39,6 L31,11 Z", tee: "M33,0 L36,0 L36,12 L33,12 Z", diamond: "M31,6 L35,2 L39,6 L35,10 Z" };
  head.setAttribute("d", d[shape]);
  head.setAttribute("stroke", relation.colour);
  head.setAttribute("fill", fill === "hollow" ? "#fff" : relation.colour);
  svg.append(line, head);
  return svg;
}

function buildControls() {
  const box = $("relations");
  for (const relation of state.style.relations) {
    const input = el("input", { type: "checkbox", name: "relation", value: relation.name, checked: true });
    input.addEventListener("change", reload);
    box.append(el("label", {}, input, relationSample(relation), relation.legend));
  }
  for (const actorClass of state.style.classes) {
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = actorClass.colour;
    $("classes").append(el("li", {}, swatch, actorClass.legend));
  }
  const slider = $("min-confidence");
  slider.addEventListener("input", () => { $("min-confidence-value").value = Number(slider.value).toFixed(2); });
  slider.addEventListener("change", reload);
  $("reset").addEventListener("click", () => {
    if (state.expanded.length) open(state.expanded[0]);
  });
}

function filters() {
  const relations = [...document.querySelectorAll("#relations input:checked")].map((i) => i.value);
  return { relations, minConfidence: Number($("min-confidence").value) };
}

// ------------------------------------------------------------------------------ graph

function cyStyle() {
  const rules = [
    { selector: "node", style: {
      label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
      "text-wrap": "wrap", "text-max-width": 110, width: 26, height: 26,
      "border-width": 1, "border-color": "#333", "text-background-color": "#fff",
      "text-background-opacity": 0.8, "text-background-padding": 1,
    } },
    { selector: "node.expanded", style: { "border-width": 3, width: 32, height: 32, "font-weight": "bold" } },
    { selector: "edge", style: {
      "curve-style": "bezier", width: "data(width)", "arrow-scale": 1.1,
      "line-color": "data(colour)", "target-arrow-color": "data(colour)",
    } },
    { selector: "edge:selected", style: { "overlay-color": "#1565c0", "overlay-opacity": 0.25, "overlay-padding": 4 } },
    { selector: "node:selected", style: { "overlay-color": "#1565c0", "overlay-opacity": 0.2 } },
  ];
  for (const c of state.style.classes) {
    rules.push({ selector: `node[kind = "${c.name}"]`, style: { "background-color": c.colour, shape: SHAPES[c.shape] } });
  }
  for (const r of state.style.relations) {
    const [shape, fill] = ARROWS[r.arrow];
    rules.push({ selector: `edge[relation = "${r.name}"]`, style: {
      "line-style": r.line, "target-arrow-shape": shape, "target-arrow-fill": fill,
    } });
  }
  return rules;
}

function makeGraph() {
  const cy = cytoscape({ container: $("graph"), style: cyStyle(), minZoom: 0.1, maxZoom: 4 });
  cy.on("tap", "node", (event) => {
    const iri = event.target.id();
    showActor(event.target.data());
    if (!state.expanded.includes(iri)) {
      state.expanded.push(iri);
      reload();
    }
  });
  cy.on("tap", "edge", (event) => showEvidence(event.target.data()));
  window.explorer = { cy, state };  // for people poking at the page, and for its tests
  return cy;
}

function relationColour(name) {
  return state.style.relations.find((r) => r.name === name).colour;
}

async function reload() {
  if (!state.expanded.length) return;
  const number = ++state.request;
  const { relations, minConfidence } = filters();
  const params = state.expanded.map((iri) => ["actor", iri]);
  params.push(["depth", "1"], ["min_confidence", String(minConfidence)]);
  if (!relations.length) params.push(["relation", "none"]);
  for (const r of relations) params.push(["relation", r]);
  setStatus("Loading the neighbourhood…", "loading");
  let data;
  try {
    data = relations.length ? await getJSON("/api/neighbourhood", params) : { actors: [], edges: [] };
  } catch (error) {
    if (number === state.request) setStatus(`Cannot load the neighbourhood: ${error.message}`, "error");
    return;
  }
  if (number !== state.request) return;  // a newer request is on its way
  draw(data);
}

// Where a new actor starts before the layout: on a circle around the shown actor it is
// linked to (the layout is deterministic, so the same neighbourhood looks the same).
function placeNew(cy, fresh, data) {
  const around = new Map();
  for (const edge of data.edges) {
    for (const [self, other] of [[edge.subject, edge.object], [edge.object, edge.subject]]) {
      if (fresh.has(self) && !fresh.has(other) && !around.has(self)) around.set(self, other);
    }
  }
  const groups = new Map();
  for (const iri of [...fresh].sort()) {
    const anchor = around.get(iri) || state.expanded[0];
    if (!groups.has(anchor)) groups.set(anchor, []);
    groups.get(anchor).push(iri);
  }
  for (const [anchor, members] of groups) {
    const node = cy.getElementById(anchor);
    const centre = node.nonempty() && !fresh.has(anchor) ? node.position() : { x: 0, y: 0 };
    const radius = 120 + 12 * members.length;
    members.forEach((iri, i) => {
      const angle = (2 * Math.PI * i) / members.length;
      cy.getElementById(iri).position({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
    });
  }
}

function draw(data) {
  const cy = state.cy;
  const keep = new Set([...data.actors.map((a) => a.iri), ...data.edges.map((e) => e.id)]);
  for (const iri of state.expanded) keep.add(iri);
  const known = new Set(cy.elements().map((e) => e.id()));
  const fresh = new Set(data.actors.map((a) => a.iri).filter((iri) => !known.has(iri)));
  cy.batch(() => {
    cy.elements().filter((e) => !keep.has(e.id())).remove();
    for (const actor of data.actors) {
      if (!known.has(actor.iri)) cy.add({ group: "nodes", data: { id: actor.iri, ...actor } });
    }
    for (const edge of data.edges) {
      const shown = { ...edge, width: edgeWidth(edge.sentences), colour: relationColour(edge.relation) };
      if (known.has(edge.id)) cy.getElementById(edge.id).data(shown);
      else cy.add({ group: "edges", data: { ...shown, source: edge.subject, target: edge.object } });
    }
    cy.nodes().forEach((n) => n.toggleClass("expanded", state.expanded.includes(n.id())));
    placeNew(cy, fresh, data);
  });
  const done = () => {
    const first = cy.getElementById(state.expanded[0]);
    const name = first.nonempty() ? first.data("label") : "";
    setStatus(`${name}: ${cy.nodes().length} actors, ${cy.edges().length} relations` +
      (state.expanded.length > 1 ? ` (${state.expanded.length} actors expanded)` : ""), "ready");
    $("reset").disabled = state.expanded.length < 2;
  };
  if (!fresh.size) { done(); return; }
  const layout = cy.layout({
    name: "cose", animate: false, randomize: false, fit: true, padding: 40,
    nodeRepulsion: () => 1000000, idealEdgeLength: () => 130, edgeElasticity: () => 80,
    nodeOverlap: 20, gravity: 40, numIter: 2500, nodeDimensionsIncludeLabels: true,
  });
  layout.one("layoutstop", done);
  layout.run();
}

// -------------------------------------------------------------------- side panel

function actorLabel(iri) {
  const node = state.cy.getElementById(iri);
  return node.nonempty() ? node.data("label") : iri;
}

function relationLegend(name) {
  return state.style.relations.find((r) => r.name === name).legend;
}

function showActor(actor) {
  $("details-title").textContent = actor.label;
  const edges = state.cy.getElementById(actor.iri).connectedEdges().map((e) => e.data());
  $("details-hint").textContent = `${actor.kind} · ${actor.iri}` + (edges.length ? " · its relations:" : "");
  const list = $("details-list");
  list.replaceChildren();
  for (const edge of edges.sort((a, b) => b.sentences - a.sentences)) {
    const text = `${actorLabel(edge.subject)} ${relationLegend(edge.relation)} ${actorLabel(edge.object)}`;
    const button = el("button", { type: "button", className: "edge", textContent: text });
    button.addEventListener("click", () => showEvidence(edge));
    const count = `${edge.sentences} sentence${edge.sentences === 1 ? "" : "s"}`;
    list.append(el("li", {}, button, el("div", { className: "meta", textContent: count })));
  }
}

function meta(parts) {
  const line = el("div", { className: "meta" });
  parts.filter(Boolean).forEach((part, i) => {
    if (i) line.append(" · ");
    line.append(typeof part === "string" ? el("span", { textContent: part }) : part);
  });
  return line;
}

async function showEvidence(edge) {
  state.selectedEdge = edge.id;
  const title = `${actorLabel(edge.subject)} ${relationLegend(edge.relation)} ${actorLabel(edge.object)}`;
  $("details-title").textContent = title;
  $("details-hint").textContent = "Loading the evidence…";
  $("details-list").replaceChildren();
  let data;
  try {
    data = await getJSON("/api/evidence", [
      ["subject", edge.subject], ["relation", edge.relation], ["object", edge.object],
      ["min_confidence", $("min-confidence").value],
    ]);
  } catch (error) {
    $("details-hint").textContent = `Cannot load the evidence: ${error.message}`;
    return;
  }
  if (state.selectedEdge !== edge.id) return;
  const count = data.sentences.length;
  $("details-hint").textContent = `${count} sentence${count === 1 ? "" : "s"} of evidence`;
  for (const s of data.sentences) {
    let source = s.document || "unknown document";
    if (s.url && /^https?:\/\//.test(s.url)) {
      source = el("span", {}, el("a", { href: s.url, textContent: source, rel: "noreferrer noopener", target: "_blank" }));
    }
    const said = s.attribution === "attributed"
      ? `attributed to ${s.attributed_to || "someone else"}` : (s.attribution || "");
    const confidence = s.confidence === null ? "" : `confidence ${s.confidence.toFixed(2)}`;
    $("details-list").append(el("li", { className: "sentence" },
      el("blockquote", { textContent: s.text }),
      meta([source, s.title, s.date, confidence, said])));
  }
}

// ------------------------------------------------------------------------- search

async function search(text) {
  const data = await getJSON("/api/search", [["q", text]]);
  return data.actors;
}

function showMatches(actors) {
  const list = $("matches");
  list.replaceChildren();
  for (const actor of actors) {
    const button = el("button", { type: "button" }, actor.label,
      el("span", { className: "meta", textContent: ` ${actor.kind}` +
        (actor.name !== actor.label ? ` · “${actor.name}”` : "") + ` · ${actor.sentences} sentences` }));
    button.addEventListener("click", () => { list.hidden = true; open(actor.iri); });
    list.append(el("li", {}, button));
  }
  list.hidden = actors.length === 0;
}

function open(iri) {
  state.expanded = [iri];
  state.cy.elements().remove();
  history.replaceState(null, "", `#actor=${encodeURIComponent(iri)}`);
  reload();
}

function wireSearch() {
  const input = $("search");
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) { $("matches").hidden = true; return; }
    timer = setTimeout(() => search(text).then(showMatches).catch(() => {}), 200);
  });
  $("search-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) return;
    setStatus(`Searching for “${text}”…`, "searching");
    try {
      const actors = await search(text);
      if (!actors.length) { setStatus(`No actor is called “${text}”.`, "idle"); return; }
      $("matches").hidden = true;
      open(actors[0].iri);
    } catch (error) {
      setStatus(`Search failed: ${error.message}`, "error");
    }
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") $("matches").hidden = true; });
}

async function start() {
  try {
    state.style = await getJSON("/api/style");
  } catch (error) {
    setStatus(`Cannot reach the server: ${error.message}`, "error");
    return;
  }
  buildControls();
  state.cy = makeGraph();
  wireSearch();
  setStatus("Search for an actor by any of its names.", "idle");
  const wanted = new URLSearchParams(window.location.hash.slice(1)).get("actor");
  if (wanted) open(wanted);
}

document.addEventListener("DOMContentLoaded", start);
