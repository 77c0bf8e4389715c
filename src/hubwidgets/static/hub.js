// hubwidgets hub view: a plain ES module for anywidget (no framework, no CDN).
//
// Untrusted text (titles, summaries, sources) only ever goes through textContent or
// text nodes; innerHTML is used for one thing: note bodies that render.py sanitized.

const FIRST = 60; // cards or rows built at first: a screenful or two, so each keystroke stays cheap
const PAGE = 200; // built at a time after that ("Show more", or scrolling to the end of the list)
const SYNC = 12; // of those, built before the next paint (about a screenful); the rest right after it
const VIEWS = [
  ["sections", "Sections"],
  ["grid", "Grid"],
  ["table", "Table"],
  ["graph", "Graph"],
];
const PALETTE = [
  "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
];
const SVG = "http://www.w3.org/2000/svg";
let instances = 0;

// -- DOM helpers ------------------------------------------------------------------------------
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function s(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  setAttrs(node, attrs);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "testid") node.dataset.testid = value;
    else if (key === "class") node.setAttribute("class", value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

function sectionColour(index) {
  if (index < 0) return "#888888";
  if (index < PALETTE.length) return PALETTE[index];
  return `hsl(${Math.round((index * 137.508) % 360)}, 55%, 55%)`;
}

// -- search -------------------------------------------------------------------------------------
const WORD = /[\p{L}\p{N}_]+/gu;

function tokenize(text) {
  return (text || "").toLowerCase().match(WORD) || [];
}

/** The note's title and summary words as " w1 w2 …": a word starts with t where " " + t occurs. */
function haystack(note) {
  if (note._hay === undefined) note._hay = ` ${tokenize(`${note.title} ${note.summary}`).join(" ")}`;
  return note._hay;
}

/** True when every needle (" " + term) starts some word of the note's title or summary. */
function localMatch(note, needles) {
  const hay = haystack(note);
  for (let k = 0; k < needles.length; k++) if (!hay.includes(needles[k])) return false;
  return true;
}

/** Text with the word starts matching a term wrapped in <mark>, built as DOM nodes. */
function highlight(text, terms) {
  const frag = document.createDocumentFragment();
  text = text || "";
  if (!terms.length) {
    frag.append(text);
    return frag;
  }
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLowerCase();
    const hit = terms.filter((t) => word.startsWith(t)).sort((a, b) => b.length - a.length)[0];
    if (!hit) continue;
    const len = Math.min(hit.length, m[0].length);
    frag.append(text.slice(last, m.index), h("mark", { class: "hw-mark", text: m[0].slice(0, len) }));
    last = m.index + len;
  }
  frag.append(text.slice(last));
  return frag;
}

/** A URL that may become an href: http(s) and mailto only. */
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Where a converted notebook opens: relative to this notebook's URL in Lab or Notebook 7. */
function notebookHref(relPath) {
  if (!relPath) return null;
  const m = window.location.pathname.match(/^(.*?\/(?:lab(?:\/workspaces\/[^/]+)?\/tree|notebooks|doc(?:\/workspaces\/[^/]+)?\/tree)\/)(.*)$/);
  if (!m) return null;
  const dir = m[2].split("/").slice(0, -1).map(decodeURIComponent);
  const parts = [...dir];
  for (const part of relPath.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return m[1] + parts.map(encodeURIComponent).join("/");
}

// -- the view ---------------------------------------------------------------------------------
function render({ model, el }) {
  const uid = `hw${++instances}-${Math.random().toString(36).slice(2, 7)}`;
  const cleanups = [];
  const on = (name, fn) => {
    model.on(name, fn);
    cleanups.push(() => model.off(name, fn));
  };

  let st = model.get("state");
  let notes = st.notes;
  const byId = new Map();
  let groupOf = []; // first section index of each note
  const ui = {
    shown: new Map(), // section key -> number of cards built
    listShown: FIRST, // grid / table
    sort: { key: "order", dir: 1 },
    relatedOpen: new Set(),
    bodies: new Map(),
    related: new Map(),
    pending: new Map(),
    request: 0,
    converted: new Map(),
    returnFocus: null,
    observers: new Set(), // "Show more" buttons that load the next page when scrolled into view
    generation: 0, // bumped on every rebuild of the list
  };
  const dropObservers = () => {
    for (const o of ui.observers) o.disconnect();
    ui.observers.clear();
  };
  cleanups.push(dropObservers);

  function index() {
    st = model.get("state");
    notes = st.notes;
    byId.clear();
    notes.forEach((n, i) => byId.set(n.id, i));
    groupOf = new Array(notes.length).fill(-1);
    st.sections.forEach((sec, si) => {
      for (const p of sec.notes) if (groupOf[p] < 0) groupOf[p] = si;
    });
  }
  index();

  // -- requests to Python -------------------------------------------------------------------
  function ask(type, id, extra = {}) {
    const request = `${uid}:${++ui.request}`; // replies reach every view of the model: tell ours apart
    return new Promise((resolve) => {
      ui.pending.set(request, resolve);
      model.send({ ...extra, type, id, request });
    });
  }
  on("msg:custom", (msg) => {
    const resolve = ui.pending.get(msg && msg.request);
    if (resolve) {
      ui.pending.delete(msg.request);
      resolve(msg);
    }
  });

  // -- filtering ----------------------------------------------------------------------------
  let terms = [];
  let matches = null; // null: no query; else Set of note positions
  let textOnly = new Set(); // matched by Python (body, tags) but not by title/summary

  let last = { query: null, local: null }; // the previous query's title/summary matches

  function refilter() {
    const query = model.get("query") || "";
    terms = [...new Set(tokenize(query))];
    textOnly = new Set();
    if (!terms.length) {
      matches = null;
      last = { query: null, local: null };
      return;
    }
    // Typing on: every term of the new query extends one of the old, so only the old
    // matches can still match.
    const pool = last.local && last.query && query.startsWith(last.query) ? last.local : null;
    const needles = terms.map((t) => ` ${t}`);
    const local = []; // in hub order, like the pool
    if (pool) {
      for (const i of pool) if (localMatch(notes[i], needles)) local.push(i);
    } else {
      for (let i = 0; i < notes.length; i++) if (localMatch(notes[i], needles)) local.push(i);
    }
    last = { query, local };
    matches = new Set(local);
    const hits = model.get("search_hits") || {};
    if (hits.query === query) {
      for (const id of hits.ids || []) {
        const i = byId.get(id);
        if (i !== undefined && !matches.has(i)) {
          matches.add(i);
          textOnly.add(i);
        }
      }
    }
  }
  const visible = (i) => matches === null || matches.has(i);

  // -- skeleton -------------------------------------------------------------------------------
  const root = h("div", {
    class: "hw-hub",
    testid: "hub",
    role: "region",
    "aria-label": st.title || "Hub",
    "data-lm-suppress-shortcuts": "true",
    "data-kind": st.kind,
  });
  const header = h("header", { class: "hw-header", testid: "hub-header" });
  const search = h("input", {
    type: "search",
    class: "hw-search",
    testid: "search",
    placeholder: "Search titles, summaries and text  ( / )",
    "aria-label": "Search notes",
    autocomplete: "off",
    spellcheck: "false",
  });
  const count = h("span", { class: "hw-result-count", testid: "result-count", "aria-live": "polite" });
  const viewButtons = VIEWS.map(([value, label]) =>
    h("button", {
      type: "button",
      class: "hw-view-button",
      testid: `view-${value}`,
      "data-view": value,
      text: label,
      onclick: () => {
        closeReader(true);
        model.set("view", value);
        model.save_changes();
      },
    }),
  );
  const viewAs = h(
    "div",
    { class: "hw-view-as", testid: "view-as", role: "group", "aria-label": "View as" },
    h("span", { class: "hw-view-as-label", text: "View as" }),
    viewButtons,
  );
  const expandAll = h("button", {
    type: "button",
    class: "hw-button hw-expand-all",
    testid: "expand-all",
    onclick: () => {
      const all = st.sections.map((sec) => sec.key);
      const open = model.get("expanded") || [];
      model.set("expanded", open.length === all.length ? [] : all);
      model.save_changes();
    },
  });
  const toolbar = h("div", { class: "hw-toolbar" }, h("div", { class: "hw-search-box" }, search, count), viewAs, expandAll);
  const list = h("div", { class: "hw-list", testid: "list" });
  const readerBox = h("div", { class: "hw-reader-box" });
  root.append(header, toolbar, list, readerBox);
  el.append(root);

  function renderHeader() {
    // replaceChildren() would print a null child as the text "null": leave absent parts out
    const parts = [
      h("div", { class: "hw-label", text: st.label || "" }),
      st.kind === "note" ? null : h("h2", { class: "hw-title", testid: "hub-title", text: st.title }),
      st.description ? h("p", { class: "hw-description", text: st.description }) : null,
      h("p", { class: "hw-counts", testid: "hub-counts", text: st.subtitle }),
    ];
    header.replaceChildren(...parts.filter(Boolean));
    toolbar.hidden = st.kind === "note";
  }

  // -- cards ----------------------------------------------------------------------------------
  function card(i, { showSection }) {
    const n = notes[i];
    const titleId = `${uid}-t${i}`;
    const selected = model.get("selected") === n.id;
    const relatedButton = h("button", {
      type: "button",
      class: "hw-button hw-related-button",
      testid: "related",
      "aria-expanded": String(ui.relatedOpen.has(n.id)),
      text: "Explore related",
    });
    const readButton = h("button", {
      type: "button",
      class: "hw-button hw-read-button",
      testid: "read",
      "aria-label": `Read: ${n.title}`,
      text: "Read →",
      onclick: () => openNote(n.id, readButton),
    });
    const panel = h("div", { class: "hw-related-panel", testid: "related-list", hidden: !ui.relatedOpen.has(n.id) });
    const article = h(
      "article",
      {
        class: `hw-card${selected ? " hw-selected" : ""}`,
        testid: "note-card",
        "data-note-id": n.id,
        "aria-labelledby": titleId,
        "aria-current": selected ? "true" : null,
        style: `--hw-section-colour: ${sectionColour(groupOf[i])}`,
      },
      h("h4", { class: "hw-card-title", id: titleId, testid: "note-title" }, highlight(n.title, terms)),
      n.summary ? h("p", { class: "hw-card-summary", testid: "note-summary" }, highlight(n.summary, terms)) : null,
      showSection && groupOf[i] >= 0
        ? h("p", { class: "hw-card-section", text: st.sections[groupOf[i]].title })
        : null,
      textOnly.has(i) ? h("p", { class: "hw-text-match", text: "Matches in the note's text" }) : null,
      h("div", { class: "hw-card-actions" }, relatedButton, readButton),
      panel,
    );
    article.addEventListener("click", (event) => {
      if (event.target.closest("button, a")) return;
      select(n.id);
    });
    relatedButton.addEventListener("click", () => toggleRelated(n.id, relatedButton, panel));
    if (ui.relatedOpen.has(n.id)) fillRelated(n.id, panel);
    return article;
  }

  function select(id) {
    if (model.get("selected") === id) return;
    model.set("selected", id);
    model.save_changes();
  }

  function toggleRelated(id, button, panel) {
    const open = !ui.relatedOpen.has(id);
    if (open) ui.relatedOpen.add(id);
    else ui.relatedOpen.delete(id);
    button.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (open) fillRelated(id, panel);
  }

  async function fillRelated(id, panel) {
    if (!ui.related.has(id)) {
      panel.replaceChildren(h("p", { class: "hw-muted", text: "Finding related notes…" }));
      const reply = await ask("related", id);
      if (reply.error) {
        panel.replaceChildren(h("p", { class: "hw-error", text: reply.error }));
        return;
      }
      ui.related.set(id, reply.items);
    }
    panel.replaceChildren(relatedList(ui.related.get(id)));
  }

  function relatedList(items) {
    if (!items.length) return h("p", { class: "hw-muted", text: "No related notes yet." });
    return h(
      "ul",
      { class: "hw-related-items" },
      items.map((item) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "hw-link-button",
              testid: "related-item",
              "data-note-id": item.id,
              onclick: (event) => openNote(item.id, event.currentTarget),
            },
            item.title,
          ),
          h("span", { class: "hw-related-kind", text: item.kind === "linked" ? " linked" : " similar" }),
        ),
      ),
    );
  }

  /** Cards [from, to) of positions into container, then a "Show more" that builds the next page. */
  function appendCards(container, positions, from, to, opts, onMore) {
    const more = to < positions.length ? moreButton(positions.length - to, onMore) : null;
    if (more) container.append(more);
    buildInto(container, more, from, Math.min(to, positions.length), (k) => card(positions[k], opts));
  }

  /** Items [from, end) into container before ``anchor`` (a "Show more" button, armed once the
   * page is complete): a screenful now, the rest after the next paint. */
  function buildInto(container, anchor, from, end, make) {
    const build = (a, b) => {
      const frag = document.createDocumentFragment();
      for (let k = a; k < b; k++) frag.append(make(k));
      if (anchor) anchor.before(frag);
      else container.append(frag);
    };
    const arm = () => anchor && anchor.hwArm && anchor.hwArm();
    const now = Math.min(end, from + SYNC);
    build(from, now);
    if (now < end) {
      afterPaint(() => {
        build(now, end);
        arm();
      });
    } else {
      arm();
    }
  }

  /** Run ``fn`` once the browser has painted, unless the list was rebuilt in the meantime. */
  function afterPaint(fn) {
    const generation = ui.generation;
    requestAnimationFrame(() => setTimeout(() => generation === ui.generation && fn(), 0));
  }

  function moreButton(remaining, onMore) {
    const button = h("button", {
      type: "button",
      class: "hw-button hw-show-more",
      testid: "show-more",
      text: `Show more (${remaining} more)`,
      disabled: true, // until the page above it is complete (see buildInto)
    });
    let done = false;
    const go = () => {
      if (done || button.disabled) return;
      done = true;
      if (observer) {
        observer.disconnect();
        ui.observers.delete(observer);
      }
      const focused = document.activeElement === button;
      const parent = button.parentNode;
      button.remove();
      const first = onMore(parent);
      if (focused && first) first.querySelector("button")?.focus();
    };
    button.addEventListener("click", go);
    const observer =
      typeof IntersectionObserver === "function"
        ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go())
        : null;
    button.hwArm = () => {
      button.disabled = false;
      if (observer && !done) {
        observer.observe(button);
        ui.observers.add(observer);
      }
    };
    return button;
  }

  // -- sections view ----------------------------------------------------------------------------
  // Section headings stay in the page from one refresh to the next: a keystroke changes their
  // counts and which of them are listed, and rebuilds only the cards of open sections. Building
  // every heading anew on each keystroke cost more layout than the filtering itself.
  let sectionRows = null; // { state, box, rows: [{ el, toggle, count, panel }] } for the current state

  function sectionRow(sec, si) {
    const panelId = `${uid}-s${si}`;
    const count = h("span", { class: "hw-section-count", testid: "section-count" });
    const toggle = h(
      "button",
      {
        type: "button",
        class: "hw-section-toggle",
        testid: "section-toggle",
        "aria-controls": panelId,
        onclick: () => {
          const now = new Set(model.get("expanded") || []);
          if (now.has(sec.key)) now.delete(sec.key);
          else now.add(sec.key);
          model.set("expanded", st.sections.map((x) => x.key).filter((k) => now.has(k)));
          model.save_changes();
        },
      },
      h("span", { class: "hw-chevron", "aria-hidden": "true" }),
      h("span", { class: "hw-swatch", "aria-hidden": "true", style: `background: ${sectionColour(si)}` }),
      h("span", { class: "hw-section-title", text: sec.title }),
      count,
    );
    const panel = h("div", { class: "hw-section-panel", id: panelId, role: "region", "aria-label": sec.title });
    const el = h(
      "section",
      { class: `hw-section${sec.n_notes === 0 ? " hw-section-empty" : ""}`, testid: "section", "data-key": sec.key },
      h("h3", { class: "hw-section-heading" }, toggle),
      panel,
    );
    return { el, toggle, count, panel };
  }

  function renderSections() {
    if (!st.sections.length) {
      return h("div", { class: "hw-grid" }, notes.map((_, i) => card(i, { showSection: false })));
    }
    if (!sectionRows || sectionRows.state !== st) {
      sectionRows = { state: st, box: h("div", { class: "hw-sections" }), rows: st.sections.map(sectionRow) };
    }
    const expanded = new Set(model.get("expanded") || []);
    const listed = [];
    st.sections.forEach((sec, si) => {
      const positions = sec.notes.filter(visible);
      if (matches !== null && positions.length === 0) return;
      const row = sectionRows.rows[si];
      listed.push(row.el);
      const open = expanded.has(sec.key);
      const countText = matches === null ? sec.count_text : `${positions.length} of ${sec.n_notes} match`;
      if (row.count.textContent !== countText) row.count.textContent = countText;
      row.toggle.setAttribute("aria-expanded", String(open));
      row.panel.hidden = !open;
      if (!open) {
        if (row.panel.firstChild) row.panel.replaceChildren();
        return;
      }
      const content = [];
      if (sec.n_notes === 0) content.push(h("p", { class: "hw-empty", testid: "section-empty", text: sec.count_text }));
      const grid = h("div", { class: "hw-cards" });
      const shown = Math.max(FIRST, ui.shown.get(sec.key) || 0);
      const more = (parent, from) => {
        const to = from + PAGE;
        ui.shown.set(sec.key, to);
        const before = parent.childElementCount;
        appendCards(parent, positions, from, to, { showSection: false }, (p) => more(p, to));
        return parent.children[before];
      };
      appendCards(grid, positions, 0, shown, { showSection: false }, (p) => more(p, shown));
      content.push(grid);
      row.panel.replaceChildren(...content);
    });
    // Put the listed sections in order, moving or removing only those that changed.
    const box = sectionRows.box;
    let at = box.firstElementChild;
    for (const el of listed) {
      if (el === at) at = at.nextElementSibling;
      else box.insertBefore(el, at);
    }
    while (at) {
      const next = at.nextElementSibling;
      at.remove();
      at = next;
    }
    return box;
  }

  // -- grid view ----------------------------------------------------------------------------------
  function orderedVisible() {
    if (matches === null) return notes.map((_, i) => i);
    // The title/summary matches are in hub order already; the kernel's extra ones are merged in.
    return textOnly.size ? [...matches].sort((a, b) => a - b) : last.local.slice();
  }

  function renderGrid() {
    const positions = orderedVisible();
    const grid = h("div", { class: "hw-grid", testid: "grid" });
    const more = (parent, from) => {
      const to = from + PAGE;
      ui.listShown = to;
      const before = parent.childElementCount;
      appendCards(parent, positions, from, to, { showSection: true }, (p) => more(p, to));
      return parent.children[before];
    };
    appendCards(grid, positions, 0, ui.listShown, { showSection: true }, (p) => more(p, ui.listShown));
    return grid;
  }

  // -- table view ---------------------------------------------------------------------------------
  const COLUMNS = [
    ["order", "#"],
    ["title", "Title"],
    ["section", "Section"],
    ["summary", "Summary"],
  ];

  function sortKey(i, key) {
    if (key === "order") return i;
    if (key === "section") return groupOf[i] < 0 ? Infinity : groupOf[i];
    return (notes[i][key] || "").toLowerCase();
  }

  function renderTable() {
    const { key, dir } = ui.sort;
    const positions = orderedVisible(); // already in hub order
    if (key !== "order" || dir !== 1) {
      positions.sort((a, b) => {
        const x = sortKey(a, key);
        const y = sortKey(b, key);
        return (x < y ? -1 : x > y ? 1 : a - b) * dir;
      });
    }
    const head = h(
      "tr",
      {},
      COLUMNS.map(([col, label]) =>
        h(
          "th",
          { scope: "col", "aria-sort": col === key ? (dir > 0 ? "ascending" : "descending") : "none", class: `hw-col-${col}` },
          h(
            "button",
            {
              type: "button",
              class: "hw-sort",
              testid: `sort-${col}`,
              onclick: () => {
                ui.sort = { key: col, dir: col === key ? -dir : 1 };
                ui.listShown = FIRST;
                refresh();
              },
            },
            label,
            h("span", { class: "hw-sort-mark", "aria-hidden": "true", text: col === key ? (dir > 0 ? " ▲" : " ▼") : "" }),
          ),
        ),
      ),
    );
    const body = h("tbody");
    const rows = (from, to) => {
      let tr = null;
      if (to < positions.length) {
        const button = moreButton(positions.length - to, () => {
          tr.remove();
          ui.listShown = to + PAGE;
          rows(to, to + PAGE);
          return body.children[to];
        });
        tr = h("tr", { class: "hw-more-row" }, h("td", { colspan: COLUMNS.length }, button));
        tr.hwArm = button.hwArm;
      }
      if (tr) body.append(tr);
      buildInto(body, tr, from, Math.min(to, positions.length), (k) => row(positions[k]));
    };
    rows(0, ui.listShown);
    // Same columns and sort as the table on screen (typing a query): swap only its rows.
    const current = list.firstElementChild;
    const sortState = `${key}:${dir}`;
    if (current && current.dataset.testid === "table" && current.dataset.sort === sortState) {
      current.tBodies[0].replaceWith(body);
      return current;
    }
    return h("table", { class: "hw-table", testid: "table", "data-sort": sortState }, h("thead", {}, head), body);
  }

  function row(i) {
    const n = notes[i];
    const selected = model.get("selected") === n.id;
    return h(
      "tr",
      { testid: "note-row", "data-note-id": n.id, class: selected ? "hw-selected" : null, "aria-current": selected ? "true" : null },
      h("td", { class: "hw-col-order", text: String(i + 1) }),
      h(
        "td",
        { class: "hw-col-title" },
        h("button", { type: "button", class: "hw-link-button", testid: "note-title", onclick: (e) => openNote(n.id, e.currentTarget) }, highlight(n.title, terms)),
      ),
      h(
        "td",
        { class: "hw-col-section" },
        groupOf[i] >= 0 ? h("span", { class: "hw-swatch", style: `background: ${sectionColour(groupOf[i])}` }) : null,
        groupOf[i] >= 0 ? st.sections[groupOf[i]].title : "",
      ),
      h("td", { class: "hw-col-summary" }, h("div", { class: "hw-clamp", title: n.summary }, highlight(n.summary, terms))),
    );
  }

  // -- graph view ---------------------------------------------------------------------------------
  function renderGraph() {
    const graph = model.get("graph") || {};
    if (graph.error) return h("p", { class: "hw-error", testid: "graph-error", text: graph.error });
    if (!graph.nodes) {
      if (!ui.graphAsked) model.send({ type: "graph", request: `${uid}:${++ui.request}` });
      ui.graphAsked = true;
      return h("p", { class: "hw-muted", testid: "graph-loading", text: "Laying out the graph…" });
    }
    const W = 1000;
    const H = 640;
    const pad = 24;
    const xy = (p) => [pad + p[0] * (W - 2 * pad), pad + p[1] * (H - 2 * pad)];
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
    const maxEdges = 20000;
    for (const [a, b] of graph.edges.slice(0, maxEdges)) {
      if (!visible(a) || !visible(b)) continue;
      const [x1, y1] = xy(graph.nodes[a]);
      const [x2, y2] = xy(graph.nodes[b]);
      edges.append(s("line", { x1, y1, x2, y2 }));
    }
    const nodes = s("g", { class: "hw-nodes" });
    const selected = model.get("selected");
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
      if (target) openNote(target.dataset.noteId, target);
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
      st.sections.map((sec, si) =>
        h("li", {}, h("span", { class: "hw-swatch", style: `background: ${sectionColour(si)}` }), sec.title),
      ),
    );
    return h("div", { class: "hw-graph-box" }, svg, legend);
  }

  // -- reader -------------------------------------------------------------------------------------
  function openNote(id, opener) {
    ui.returnFocus = opener || null;
    model.set("selected", id);
    model.set("reading", true);
    model.save_changes();
  }

  /** Back to the list; ``stay`` keeps focus where it is (e.g. typing in the search box). */
  function closeReader(stay = false) {
    if (!model.get("reading")) return;
    ui.stayFocused = stay;
    model.set("reading", false);
    model.save_changes();
  }

  async function renderReader() {
    const id = model.get("selected");
    const back = h("button", {
      type: "button",
      class: "hw-button hw-back",
      testid: "reader-close",
      text: st.kind === "note" ? "← Card" : "← Back to the hub",
      onclick: () => closeReader(),
    });
    const box = h("article", { class: "hw-reader", testid: "reader", "data-note-id": id, tabindex: "-1", "aria-label": "Note reader" }, back);
    readerBox.replaceChildren(box);
    const i = byId.get(id);
    const known = i === undefined ? null : notes[i];
    box.append(h("h3", { class: "hw-reader-title", testid: "reader-title", text: known ? known.title : id }));
    const loading = h("p", { class: "hw-muted", text: "Loading…" });
    box.append(loading);
    // Opened from inside the widget: move focus to the reader. Opened from Python (or shown on
    // first render): leave the notebook's focus alone.
    if (ui.returnFocus || root.contains(document.activeElement)) box.focus({ preventScroll: true });
    let payload = ui.bodies.get(id);
    if (!payload) {
      payload = await ask("note", id, { related: false }); // related notes come separately
      if (!payload.error) ui.bodies.set(id, payload);
    }
    if (model.get("selected") !== id || !model.get("reading")) return; // moved on meanwhile
    loading.remove();
    if (payload.error) {
      box.append(h("p", { class: "hw-error", text: payload.error }));
      return;
    }
    box.querySelector(".hw-reader-title").textContent = payload.title;
    if (payload.sections.length) box.append(h("p", { class: "hw-reader-sections", text: `In ${payload.sections.join(" · ")}` }));
    if (payload.summary) box.append(h("p", { class: "hw-reader-summary", testid: "reader-summary", text: payload.summary }));
    const body = h("div", { class: "hw-reader-body", testid: "reader-body" });
    if (payload.has_body) {
      body.innerHTML = payload.html; // sanitized by hubwidgets.render (nh3)
      for (const link of body.querySelectorAll("a.hw-wikilink[data-note-id]")) {
        link.setAttribute("role", "link");
        link.setAttribute("tabindex", "0");
        const go = (event) => {
          event.preventDefault();
          openNote(link.dataset.noteId, link);
        };
        link.addEventListener("click", go);
        link.addEventListener("keydown", (event) => event.key === "Enter" && go(event));
      }
    } else {
      body.append(h("p", { class: "hw-muted", text: "This note has no text beyond its summary yet." }));
    }
    box.append(body);
    if (payload.tags.length) box.append(h("p", { class: "hw-tags" }, payload.tags.map((t) => h("span", { class: "hw-tag", text: t }))));
    if (payload.sources.length) {
      box.append(
        h("h4", { text: "Sources" }),
        h(
          "ul",
          { class: "hw-sources", testid: "sources" },
          payload.sources.map((src) => {
            const url = safeUrl(src.url);
            const label = src.title || src.url;
            return h("li", {}, url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: label }) : label);
          }),
        ),
      );
    }
    const related = h("div", { testid: "reader-related" });
    box.append(h("h4", { text: "Related notes" }), related);
    box.append(convertBox(id));
    fillRelated(id, related);
  }

  function convertBox(id) {
    const status = h("span", { class: "hw-convert-status", testid: "convert-status", "aria-live": "polite" });
    const button = h("button", { type: "button", class: "hw-button", testid: "convert", text: "Convert to notebook" });
    const show = (reply) => {
      status.replaceChildren();
      if (reply.error || reply.status === "error" || reply.status === "unavailable") {
        status.textContent = reply.error || reply.message;
        return;
      }
      const words = { written: "Written:", unchanged: "Up to date:", skipped: "Kept your edited copy:" };
      const href = notebookHref(reply.path);
      const label = reply.path || reply.absolute;
      status.append(`${words[reply.status] || ""} `);
      status.append(href ? h("a", { href, target: "_blank", rel: "noopener noreferrer", testid: "notebook-link", text: label }) : h("code", { text: label }));
    };
    if (ui.converted.has(id)) show(ui.converted.get(id));
    button.addEventListener("click", async () => {
      button.disabled = true;
      status.textContent = "Converting…";
      const reply = await ask("convert", id);
      ui.converted.set(id, reply);
      button.disabled = false;
      show(reply);
    });
    return h("div", { class: "hw-convert" }, button, status);
  }

  // -- refresh --------------------------------------------------------------------------------------
  function updateCount() {
    const query = model.get("query") || "";
    const hits = model.get("search_hits") || {};
    // "done" once the kernel's search (bodies, tags) for this query has been merged in
    root.dataset.searchState = !query.trim() || hits.query === query ? "done" : "pending";
    const total = notes.length;
    const word = total === 1 ? "note" : "notes";
    count.textContent = matches === null ? `${total} ${word}` : `${matches.size} of ${total} ${word} match`;
  }

  function updateControls() {
    const view = model.get("view");
    for (const b of viewButtons) b.setAttribute("aria-pressed", String(b.dataset.view === view));
    const open = (model.get("expanded") || []).length;
    expandAll.hidden = view !== "sections" || st.sections.length === 0;
    expandAll.textContent = open === st.sections.length ? "Collapse all" : "Expand all";
    root.dataset.view = view;
  }

  function refresh() {
    ui.generation += 1; // cancels the unbuilt rest of the previous list
    dropObservers(); // the old list's "Show more" buttons are about to go
    updateCount();
    updateControls();
    const view = model.get("view");
    let content;
    if (matches !== null && matches.size === 0) {
      content = h("p", { class: "hw-empty", testid: "no-results", text: `No notes match “${model.get("query")}”.` });
    } else if (view === "grid") content = renderGrid();
    else if (view === "table") content = renderTable();
    else if (view === "graph") content = renderGraph();
    else content = renderSections();
    const keep = focusKey();
    if (list.firstElementChild !== content || list.childElementCount !== 1) list.replaceChildren(content);
    if (keep) list.querySelector(keep)?.focus();
  }

  /** A selector for the focused control inside the list, to find its twin after a re-render. */
  function focusKey() {
    const active = document.activeElement;
    if (!active || !list.contains(active) || !active.dataset.testid) return null;
    const holder = active.closest("[data-note-id], [data-key]");
    if (!holder) return null;
    const where = holder.dataset.noteId !== undefined
      ? `[data-note-id="${CSS.escape(holder.dataset.noteId)}"]`
      : `[data-key="${CSS.escape(holder.dataset.key)}"]`;
    return `${where} [data-testid="${active.dataset.testid}"]`;
  }

  function showReader() {
    const reading = model.get("reading") && model.get("selected");
    root.classList.toggle("hw-reading", Boolean(reading));
    list.hidden = Boolean(reading);
    toolbar.classList.toggle("hw-toolbar-dim", Boolean(reading));
    if (reading) {
      renderReader();
    } else if (readerBox.firstChild) {
      readerBox.replaceChildren();
      const focusInside = root.contains(document.activeElement) || document.activeElement === document.body;
      if (ui.stayFocused || !focusInside) {
        ui.stayFocused = false; // typing in search, or a change from Python: leave focus alone
        ui.returnFocus = null;
        return;
      }
      const id = model.get("selected");
      const target =
        (ui.returnFocus && ui.returnFocus.isConnected && ui.returnFocus) ||
        list.querySelector(`[data-note-id="${CSS.escape(id || "")}"] [data-testid="read"]`) ||
        search;
      target.focus({ preventScroll: false });
      ui.returnFocus = null;
    }
  }

  // -- events ---------------------------------------------------------------------------------------
  let syncTimer = null;
  search.addEventListener("input", () => {
    closeReader(true); // searching means looking at the list again
    ui.listShown = FIRST;
    model.set("query", search.value); // "change:query" filters locally, right now
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => model.save_changes(), 150); // kernel: body matches shortly after
  });
  cleanups.push(() => clearTimeout(syncTimer));

  root.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      search.focus();
      search.select();
    } else if (event.key === "Escape") {
      if (model.get("reading")) {
        event.preventDefault();
        event.stopPropagation();
        closeReader();
      } else if (event.target === search && search.value) {
        event.preventDefault();
        event.stopPropagation();
        search.value = "";
        search.dispatchEvent(new Event("input"));
      }
    }
  });

  on("change:state", () => {
    last = { query: null, local: null };
    index();
    refilter();
    renderHeader();
    refresh();
  });
  on("change:query", () => {
    const q = model.get("query") || "";
    if (search.value !== q) search.value = q;
    refilter();
    refresh();
  });
  on("change:search_hits", () => {
    const hits = model.get("search_hits") || {};
    if (hits.query !== model.get("query")) return;
    const before = matches ? matches.size : -1;
    refilter();
    if ((matches ? matches.size : -1) !== before || textOnly.size) refresh();
    else updateCount();
  });
  on("change:view", () => {
    ui.listShown = FIRST;
    refresh();
  });
  on("change:expanded", () => {
    if (model.get("view") === "sections") refresh();
    else updateControls();
  });
  on("change:graph", () => model.get("view") === "graph" && refresh());
  on("change:selected", () => {
    const id = model.get("selected");
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
    if (model.get("reading")) showReader();
  });
  on("change:reading", showReader);

  search.value = model.get("query") || "";
  refilter();
  renderHeader();
  refresh();
  showReader();
  warmSearch();

  /** Tokenize titles and summaries while the page is idle, so the first keystroke is as fast as the rest. */
  function warmSearch(start = 0) {
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 50));
    idle(() => {
      const end = Math.min(notes.length, start + 2000);
      for (let i = start; i < end; i++) {
        haystack(notes[i]);
      }
      if (end < notes.length) warmSearch(end);
    });
  }

  return () => {
    for (const fn of cleanups) fn();
    ui.pending.clear();
  };
}

export default { render };
