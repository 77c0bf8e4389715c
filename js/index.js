// hubwidgets hub view: the anywidget front end (no framework, no CDN), bundled by esbuild into
// src/hubwidgets/static/hub.js. See js/README.md for the module map.
//
// Untrusted text (titles, summaries, sources) only ever goes through textContent or text nodes;
// innerHTML is used for one thing: note bodies that render.py sanitized (reader.js).
import { createCards } from "./card.js";
import { h } from "./dom.js";
import { createEditor } from "./edit-actions.js";
import { followEdits } from "./edit-live.js";
import { createHub } from "./hub-context.js";
import { createHeader } from "./header.js";
import { createHubLinks } from "./hub-links.js";
import { keyboardHandler } from "./keyboard.js";
import { createListArea } from "./list.js";
import { FIRST } from "./paging.js";
import { createReader } from "./reader.js";
import { createSearchBar } from "./search-bar.js";
import { createViewControls } from "./view-controls.js";
import { createGraphView } from "./views/graph.js";
import { createGridView } from "./views/grid.js";
import { createSectionsView } from "./views/sections.js";
import { createTableView } from "./views/table.js";
import { watchWidth } from "./width.js";

function render({ model, el }) {
  const hub = createHub(model);
  const { store, filter, pager, ui } = hub;
  const st = store.state;

  // -- skeleton -------------------------------------------------------------------------------
  const root = h("div", {
    class: "hw-hub",
    testid: "hub",
    role: "region",
    "aria-label": st.title || "Hub",
    "data-lm-suppress-shortcuts": "true",
    "data-kind": st.kind,
  });
  hub.root = root;
  const header = createHeader(store);
  const hubLinks = createHubLinks(hub);
  hub.hubLinks = hubLinks;
  const searchBar = createSearchBar(hub);
  const controls = createViewControls(hub);
  const toolbar = h("div", { class: "hw-toolbar" }, searchBar.el, controls.viewAs, controls.expandAll);
  const list = h("div", { class: "hw-list", testid: "list" });
  const readerBox = h("div", { class: "hw-reader-box" });
  Object.assign(hub, { toolbar, search: searchBar.input, list, readerBox });
  root.append(header.el, hubLinks.el, toolbar, list, readerBox);
  el.append(root);
  const stopWatchingWidth = watchWidth(root);

  const cards = createCards(hub);
  const listArea = createListArea(hub, {
    sections: createSectionsView(hub, cards),
    grid: createGridView(hub, cards),
    table: createTableView(hub),
    graph: createGraphView(hub),
  });
  const reader = createReader(hub);
  hub.editor = createEditor(hub); // before the first render: cards and the reader ask it for edit rows
  toolbar.after(hub.editor.bar);

  function renderHeader() {
    header.render();
    hubLinks.render();
    root.dataset.kind = store.state.kind; // a switch of hub (hub-links.js) changes what this is
    root.setAttribute("aria-label", store.state.title || "Hub");
    toolbar.hidden = store.state.kind === "note";
  }

  function refresh() {
    pager.reset(); // cancels the unbuilt rest of the previous list and its "Show more" observers
    searchBar.updateCount();
    controls.update();
    listArea.render();
  }
  hub.refresh = refresh;

  // -- events ---------------------------------------------------------------------------------
  root.addEventListener("keydown", keyboardHandler(hub));
  followEdits(hub, reader);

  store.on("change:state", () => {
    ui.graphAsked = false; // another hub (hub-links.js): its graph is laid out anew
    filter.reset();
    store.reindex();
    filter.refilter();
    renderHeader();
    refresh();
  });
  store.on("change:query", () => {
    searchBar.showQuery();
    filter.refilter();
    refresh();
  });
  store.on("change:search_hits", () => {
    const hits = store.get("search_hits") || {};
    if (hits.query !== store.get("query")) return;
    const before = filter.matches ? filter.matches.size : -1;
    filter.refilter();
    const changed = (filter.matches ? filter.matches.size : -1) !== before;
    if (changed || filter.textOnly.size || filter.ranked) refresh(); // ranked: the order changes
    else searchBar.updateCount();
  });
  store.on("change:view", () => {
    ui.listShown = FIRST;
    refresh();
  });
  store.on("change:expanded", () => {
    if (store.get("view") === "sections") refresh();
    else controls.update();
  });
  store.on("change:graph", () => store.get("view") === "graph" && refresh());
  store.on("change:selected", () => {
    const id = store.get("selected");
    for (const node of list.querySelectorAll(".hw-selected")) {
      node.classList.remove("hw-selected");
      node.removeAttribute("aria-current");
    }
    for (const node of list.querySelectorAll(`[data-note-id="${CSS.escape(id || "")}"]`)) {
      if (node.matches("[data-testid=note-card], [data-testid=note-row], [data-testid=graph-node]")) {
        node.classList.add("hw-selected");
        node.setAttribute("aria-current", "true");
      }
    }
    if (store.get("reading")) reader.show();
  });
  store.on("change:reading", reader.show);
  store.on("change:hub_list", hubLinks.render);

  searchBar.input.value = store.get("query") || "";
  filter.refilter();
  renderHeader();
  refresh();
  reader.show();
  const warm = { stopped: false };
  warmSearch(store, filter, warm);

  return () => {
    warm.stopped = true; // a removed view stops tokenizing
    store.dispose();
    pager.dropObservers();
    searchBar.dispose();
    stopWatchingWidth();
  };
}

/** Tokenize titles, summaries and tags while the page is idle, so the first keystroke is as fast
 * as the rest (1,000 notes a slice: a few tens of ms, and done in a few idle periods). */
function warmSearch(store, filter, warm, start = 0) {
  const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 50));
  idle(() => {
    if (warm.stopped) return;
    const end = Math.min(store.notes.length, start + 1000);
    for (let i = start; i < end; i++) filter.doc(i);
    if (end < store.notes.length) warmSearch(store, filter, warm, end);
  });
}

export default { render };
