// Graph view: notes as dots placed by the kernel's layout (the "graph" trait, asked for on first
// show), related links as lines, coloured by section; non-matching notes dimmed.
import { h, s } from "../dom.js";
import { sectionColour } from "../section-colour.js";

const W = 1000;
const H = 640;
const PAD = 24;
const MAX_EDGES = 20000;

/** render() -> the graph and its legend (or a loading / error line). */
export function createGraphView(hub) {
  const { store, filter, ui, nav } = hub;

  return function render() {
    const notes = store.notes;
    const visible = filter.visible;
    const graph = store.get("graph") || {};
    if (graph.error) return h("p", { class: "hw-error", testid: "graph-error", text: graph.error });
    if (!graph.nodes) {
      if (!ui.graphAsked) store.send({ type: "graph" });
      ui.graphAsked = true;
      return h("p", { class: "hw-muted", testid: "graph-loading", text: "Laying out the graph…" });
    }
    const xy = (p) => [PAD + p[0] * (W - 2 * PAD), PAD + p[1] * (H - 2 * PAD)];
    const big = notes.length > 400;
    const r = big ? (notes.length > 3000 ? 2.2 : 3.5) : 7;
    const svg = s("svg", {
      class: "hw-graph",
      "data-testid": "graph",
      viewBox: `0 0 ${W} ${H}`,
      role: "img",
      "aria-label": `Graph of ${notes.length} notes and ${graph.edges.length} related links, coloured by section`,
    });
    const edges = s("g", { class: "hw-edges" });
    for (const [a, b] of graph.edges.slice(0, MAX_EDGES)) {
      if (!visible(a) || !visible(b)) continue;
      const [x1, y1] = xy(graph.nodes[a]);
      const [x2, y2] = xy(graph.nodes[b]);
      edges.append(s("line", { x1, y1, x2, y2 }));
    }
    const nodes = s("g", { class: "hw-nodes" });
    const selected = store.get("selected");
    graph.nodes.forEach((p, i) => {
      const n = notes[i];
      if (!n) return;
      const [cx, cy] = xy(p);
      const circle = s("circle", {
        cx,
        cy,
        r,
        fill: sectionColour(graph.groups[i]),
        class: `hw-node${visible(i) ? "" : " hw-dim"}${selected === n.id ? " hw-selected" : ""}`,
        "data-testid": "graph-node",
        "data-note-id": n.id,
        tabindex: big ? null : "0",
        role: big ? null : "button",
        "aria-label": big ? null : n.title,
      });
      const title = s("title");
      title.textContent = n.title;
      circle.append(title);
      nodes.append(circle);
    });
    const open = (event) => {
      const target = event.target.closest && event.target.closest("[data-note-id]");
      if (target) nav.openNote(target.dataset.noteId, target);
    };
    nodes.addEventListener("click", open);
    nodes.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        open(event);
      }
    });
    svg.append(edges, nodes);
    const legend = h(
      "ul",
      { class: "hw-legend", testid: "graph-legend" },
      store.state.sections.map((sec, si) =>
        h("li", {}, h("span", { class: "hw-swatch", style: `background: ${sectionColour(si)}` }), sec.title),
      ),
    );
    return h("div", { class: "hw-graph-box" }, svg, legend);
  };
}
