// Built by esbuild from js/ (npm run build): edit the sources there, then rebuild.

// js/dom.js
const SVG_NS = "http://www.w3.org/2000/svg";
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const child of children.flat()) {
    if (child === null || child === void 0 || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}
function s(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  return node;
}
function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === void 0 || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "testid") node.dataset.testid = value;
    else if (key === "class") node.setAttribute("class", value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

// js/section-colour.js
const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#e15759",
  "#76b7b2",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac"
];
function sectionColour(index) {
  if (index < 0) return "#888888";
  if (index < PALETTE.length) return PALETTE[index];
  return `hsl(${Math.round(index * 137.508 % 360)}, 55%, 55%)`;
}

// js/text.js
const CJK = "\\u2e80-\\u2fdf\\u3005-\\u3007\\u3021-\\u3029\\u3038-\\u303b\\u3041-\\u309f\\u30a1-\\u30fa\\u30fc-\\u30ff\\u3131-\\u318e\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua960-\\ua97f\\uac00-\\ud7af\\ud7b0-\\ud7ff\\uf900-\\ufaff\\uff66-\\uff9f\\uffa0-\\uffdc\\u1100-\\u11ff\\u{20000}-\\u{3134f}";
const WORD = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}_])+`, "gu");
function casefold(text) {
  const lower = String(text || "").toLowerCase();
  return /[ßς]/.test(lower) ? lower.replace(/ß/g, "ss").replace(/ς/g, "σ") : lower;
}
function tokenize(text) {
  return casefold(text).match(WORD) || [];
}
function haystack(note) {
  if (note._hay === void 0) note._hay = ` ${tokenize(`${note.title} ${note.summary}`).join(" ")}`;
  return note._hay;
}
function highlight(text, terms) {
  const frag = document.createDocumentFragment();
  text = text || "";
  if (!terms.length) {
    frag.append(text);
    return frag;
  }
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const word2 = casefold(m[0]);
    const hit = terms.filter((t) => word2.startsWith(t)).sort((a, b) => b.length - a.length)[0];
    if (!hit) continue;
    const len = Math.min(hit.length, m[0].length);
    frag.append(text.slice(last, m.index), h("mark", { class: "hw-mark", text: m[0].slice(0, len) }));
    last = m.index + len;
  }
  frag.append(text.slice(last));
  return frag;
}
function markedText(text, marks) {
  const frag = document.createDocumentFragment();
  const chars = Array.from(String(text || ""));
  let last = 0;
  for (const range of marks || []) {
    const [start, end] = Array.isArray(range) ? range : [];
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < last || end <= start || end > chars.length) continue;
    frag.append(chars.slice(last, start).join(""), h("mark", { class: "hw-mark", text: chars.slice(start, end).join("") }));
    last = end;
  }
  frag.append(chars.slice(last).join(""));
  return frag;
}
function highlightIn(root, terms) {
  if (!terms.length) return;
  const walker = document.createTreeWalker(
    root,
    4
    /* NodeFilter.SHOW_TEXT */
  );
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest("mark")) nodes.push(node);
  }
  for (const node of nodes) {
    const frag = highlight(node.data, terms);
    if (frag.childNodes.length > 1) node.replaceWith(frag);
  }
}

// js/card.js
function createCards(hub) {
  const { store, filter, ui, related, nav } = hub;
  function actions(n, relatedButton) {
    const readButton = h("button", {
      type: "button",
      class: "hw-button hw-read-button",
      testid: "read",
      "aria-label": `Read: ${n.title}`,
      text: "Read →",
      onclick: () => nav.openNote(n.id, readButton)
    });
    return [relatedButton, readButton];
  }
  function card(i, { showSection, section }) {
    const n = store.notes[i];
    const { groupOf, state: st } = store;
    const titleId = `${hub.uid}-t${i}`;
    const selected = store.get("selected") === n.id;
    const terms = filter.terms;
    const relatedButton = h("button", {
      type: "button",
      class: "hw-button hw-related-button",
      testid: "related",
      "aria-expanded": String(ui.relatedOpen.has(n.id)),
      text: "Explore related"
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
        draggable: section !== void 0 && hub.editor.enabled() ? "true" : null,
        // edit-drag.js
        style: `--hw-section-colour: ${sectionColour(groupOf[i])}`
      },
      h("h4", { class: "hw-card-title", id: titleId, testid: "note-title" }, highlight(n.title, terms)),
      n.summary ? h("p", { class: "hw-card-summary", testid: "note-summary" }, highlight(n.summary, terms)) : null,
      showSection && groupOf[i] >= 0 ? h("p", { class: "hw-card-section", text: st.sections[groupOf[i]].title }) : null,
      filter.textOnly.has(i) ? textMatch(filter.snippets.get(i)) : null,
      h("div", { class: "hw-card-actions" }, actions(n, relatedButton)),
      hub.editor.noteControls(n.id, section),
      panel
    );
    article.addEventListener("click", (event) => {
      if (event.target.closest("button, a")) return;
      nav.select(n.id);
    });
    relatedButton.addEventListener("click", () => related.toggle(n.id, relatedButton, panel));
    if (ui.relatedOpen.has(n.id)) related.fill(n.id, panel);
    return article;
  }
  return { card };
}
function textMatch(snippet) {
  if (snippet && snippet.text) {
    return h("p", { class: "hw-snippet", testid: "snippet" }, markedText(snippet.text, snippet.marks));
  }
  return h("p", { class: "hw-text-match", text: "Matches in the note's text" });
}

// js/edit-menu.js
var current = null;
function closePopup() {
  if (current) current(false);
}
function mount(opener, popup, onKey) {
  closePopup();
  const holder = opener.closest(".hw-edit-anchor") || opener.parentNode;
  holder.append(popup);
  opener.setAttribute("aria-expanded", "true");
  const outside = (event) => {
    if (!popup.contains(event.target) && event.target !== opener) close(false);
  };
  function close(giveFocusBack) {
    if (current !== close) return;
    current = null;
    popup.remove();
    opener.setAttribute("aria-expanded", "false");
    document.removeEventListener("mousedown", outside, true);
    if (giveFocusBack && opener.isConnected) opener.focus();
  }
  popup.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    }
    onKey(event, close);
  });
  document.addEventListener("mousedown", outside, true);
  current = close;
  return close;
}
function openMenu(opener, items, { label = "Menu", testid = "edit-menu" } = {}) {
  const menu = h("div", { class: "hw-menu", role: "menu", "aria-label": label, testid });
  const buttons = [];
  for (const item of items) {
    if (item.group !== void 0) {
      menu.append(h("div", { class: "hw-menu-group", role: "presentation", text: item.group }));
      continue;
    }
    const attrs = { type: "button", role: "menuitem", tabindex: "-1", class: "hw-menu-item", testid: item.testid, text: item.label, "aria-disabled": item.disabled ? "true" : null };
    for (const [key, value] of Object.entries(item.data || {})) attrs[`data-${key}`] = value;
    const button = h("button", attrs);
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      close(true);
      if (!item.disabled) item.onSelect();
    });
    buttons.push(button);
    menu.append(button);
  }
  if (!buttons.length) menu.append(h("p", { class: "hw-menu-empty", text: "Nothing to choose." }));
  const close = mount(opener, menu, (event, closeIt) => {
    const at = buttons.indexOf(document.activeElement);
    let next;
    if (event.key === "ArrowDown") next = at + 1 >= buttons.length ? 0 : at + 1;
    else if (event.key === "ArrowUp") next = at <= 0 ? buttons.length - 1 : at - 1;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = buttons.length - 1;
    else if (event.key === "Tab") return closeIt(false);
    else return;
    event.preventDefault();
    event.stopPropagation();
    if (buttons[next]) buttons[next].focus();
  });
  if (buttons.length) buttons[0].focus();
  else {
    menu.setAttribute("tabindex", "-1");
    menu.focus();
  }
  return { el: menu, close };
}
function submitOnEnter(form, inputs, send) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
  for (const input of inputs) {
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.isComposing) return;
      event.preventDefault();
      event.stopPropagation();
      send();
    });
  }
}
function openForm(opener, { label, value = "", submit = "Save", testid = "edit-form", inputTestid = "edit-input", submitTestid = "edit-submit", hint = "", allowEmpty = false, onSubmit }) {
  const input = h("input", { type: "text", class: "hw-form-input", testid: inputTestid, "aria-label": label, value, autocomplete: "off", spellcheck: "false" });
  const cancel = h("button", { type: "button", class: "hw-button", testid: "edit-cancel", text: "Cancel" });
  const form = h(
    "form",
    { class: "hw-form", testid, role: "dialog", "aria-label": label },
    h("label", { class: "hw-form-label" }, h("span", { text: label }), input),
    hint ? h("p", { class: "hw-form-hint", text: hint }) : null,
    h("div", { class: "hw-form-buttons" }, h("button", { type: "submit", class: "hw-button hw-primary", testid: submitTestid, text: submit }), cancel)
  );
  const close = mount(opener, form, () => {
  });
  function send() {
    const text = input.value.trim();
    if (!text && !allowEmpty) {
      input.focus();
      return;
    }
    close(true);
    onSubmit(text);
  }
  submitOnEnter(form, [input], send);
  cancel.addEventListener("click", () => close(true));
  input.focus();
  input.select();
  return { el: form, input, close };
}

// js/new-hub-form.js
const FIELDS = [
  { name: "title", label: "Hub title", testid: "new-hub-title", value: "" },
  { name: "description", label: "Description (optional)", testid: "new-hub-description", value: "" },
  { name: "section", label: "First section", testid: "new-hub-section", value: "Notes" }
];
function openNewHubForm(opener, { noteTitle = "", onSubmit }) {
  const inputs = {};
  const labels = FIELDS.map((field) => {
    const input = h("input", { type: "text", class: "hw-form-input", testid: field.testid, name: field.name, "aria-label": field.label, value: field.value, autocomplete: "off" });
    inputs[field.name] = input;
    return h("label", { class: "hw-form-label" }, h("span", { text: field.label }), input);
  });
  inputs.title.setAttribute("aria-required", "true");
  inputs.title.addEventListener("input", () => {
    error.hidden = true;
    inputs.title.removeAttribute("aria-invalid");
  });
  const error = h("p", { class: "hw-form-error", testid: "new-hub-error", role: "alert", hidden: true });
  const cancel = h("button", { type: "button", class: "hw-button", testid: "edit-cancel", text: "Cancel" });
  const form = h(
    "form",
    { class: "hw-form", testid: "new-hub-form", role: "dialog", "aria-label": "New hub" },
    ...labels,
    noteTitle ? h("p", { class: "hw-form-hint", text: `“${noteTitle}” goes into its first section.` }) : null,
    error,
    h("div", { class: "hw-form-buttons" }, h("button", { type: "submit", class: "hw-button hw-primary", testid: "new-hub-submit", text: "Create hub" }), cancel)
  );
  const close = mount(opener, form, () => {
  });
  function send() {
    const values = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()]));
    if (!values.title) {
      error.textContent = "A new hub needs a title.";
      error.hidden = false;
      inputs.title.setAttribute("aria-invalid", "true");
      inputs.title.focus();
      return;
    }
    close(true);
    onSubmit({ title: values.title, description: values.description, section: values.section || "Notes" });
  }
  submitOnEnter(form, Object.values(inputs), send);
  cancel.addEventListener("click", () => close(true));
  inputs.title.focus();
  return { el: form, inputs, close };
}

// js/edit-controls.js
function noteEditControls(hub, id, si) {
  const { store, editor } = hub;
  if (!editor || !editor.enabled()) return null;
  const st = store.state;
  const i = store.byId.get(id);
  const note = i === void 0 ? { id, title: id, tags: [] } : store.notes[i];
  const row = h("div", { class: "hw-edit-row hw-edit-anchor", testid: "edit-row", role: "group", "aria-label": `Edit: ${note.title}` });
  const button = (testid, text, label, onclick, extra = {}) => {
    const b = h("button", { type: "button", class: "hw-button hw-edit-button", testid, text, "aria-label": label, ...extra });
    b.addEventListener("click", (event) => {
      event.stopPropagation();
      if (b.getAttribute("aria-disabled") === "true") return;
      onclick(b);
    });
    row.append(b);
    return b;
  };
  button("add-to-hub", "Add to hub…", `Add to hub: ${note.title}`, (b) => addMenu(hub, b, note), { "aria-haspopup": "menu", "aria-expanded": "false" });
  if (st.kind === "hub" && i !== void 0) {
    const at = si === void 0 || si === null ? store.groupOf[i] : si;
    const sec = at >= 0 ? st.sections[at] : null;
    const index = sec ? sec.notes.indexOf(i) : -1;
    if (sec && index >= 0) {
      const move = (position) => editor.edit("move", { note: id, section: sec.title, from: sec.title, position });
      button("move-up", "↑", `Move up in ${sec.title}: ${note.title}`, () => move(index - 1), { "aria-disabled": String(index === 0), title: "Move up" });
      button("move-down", "↓", `Move down in ${sec.title}: ${note.title}`, () => move(index + 1), { "aria-disabled": String(index === sec.notes.length - 1), title: "Move down" });
      button("move-to", "Move to…", `Move to another section: ${note.title}`, (b) => moveMenu(hub, b, note, sec), { "aria-haspopup": "menu", "aria-expanded": "false" });
      const remove = async () => {
        const next = sec.notes[index + 1] ?? sec.notes[index - 1];
        const neighbour = next === void 0 ? null : store.notes[next].id;
        const reply = await editor.edit("remove", { note: id, section: sec.title });
        if (reply.ok && !hub.root.contains(document.activeElement)) focusAfterRemove(hub, neighbour, sec.title);
      };
      button("remove-from-section", "Remove", `Remove from section ${sec.title}: ${note.title}`, remove, { title: `Remove from section “${sec.title}”` });
    }
  }
  button("edit-tags", "Tags…", `Edit tags: ${note.title}`, (b) => tagsForm(hub, b, note), { "aria-haspopup": "dialog", "aria-expanded": "false" });
  return row;
}
function focusAfterRemove(hub, neighbour, sectionTitle) {
  const list = hub.list;
  const byNote = neighbour && list.querySelector(`[data-note-id="${CSS.escape(neighbour)}"] [data-testid="remove-from-section"]`);
  const section = [...list.querySelectorAll("[data-testid=section]")].find((el) => el.querySelector(".hw-section-title")?.textContent === sectionTitle);
  const target = byNote || section && section.querySelector("[data-testid=section-toggle]") || hub.search;
  target.focus();
}
function addMenu(hub, opener, note) {
  const { store, editor } = hub;
  const shown = store.state.hub;
  const hubs = [...editor.editing().hubs || []].sort((a, b) => (b.id === shown) - (a.id === shown));
  const i = store.byId.get(note.id);
  const here = new Set(shown ? store.state.sections.filter((sec) => sec.notes.includes(i)).map((sec) => sec.title) : []);
  const items = [];
  for (const target of hubs) {
    items.push({ group: target.title });
    for (const section of target.sections) {
      const already = target.id === shown && here.has(section);
      items.push({
        label: already ? `${section} ✓` : section,
        disabled: already,
        testid: "add-target",
        data: { hub: target.id, section },
        onSelect: () => editor.edit("add", { note: note.id, hub: target.id, section })
      });
    }
    items.push({
      label: "New section…",
      testid: "add-new-section",
      data: { hub: target.id },
      onSelect: () => newSection(hub, opener, `New section in ${target.title}`, (section) => editor.edit("add", { note: note.id, hub: target.id, section }))
    });
  }
  items.push({
    label: "New hub…",
    testid: "new-hub",
    onSelect: () => openNewHubForm(opener, { noteTitle: note.title, onSubmit: (fields) => newHub(hub, opener, note, fields) })
  });
  openMenu(opener, items, { label: `Add “${note.title}” to a hub`, testid: "add-menu" });
}
async function newHub(hub, opener, note, fields) {
  const reply = await hub.editor.edit("new-hub", { note: note.id, ...fields });
  const active = document.activeElement;
  const offer = hub.root.querySelector("[data-testid=open-new-hub]");
  const stayed = active === opener || !hub.root.contains(active) || active.dataset.testid === "add-to-hub" && active.closest("[data-note-id]")?.dataset.noteId === note.id;
  if (reply.ok && offer && stayed) offer.focus();
}
function moveMenu(hub, opener, note, from) {
  const { store, editor } = hub;
  const move = (section) => editor.edit("move", { note: note.id, section, from: from.title });
  const items = store.state.sections.filter((sec) => sec.title !== from.title).map((sec) => ({ label: sec.title, testid: "move-target", data: { section: sec.title }, onSelect: () => move(sec.title) }));
  items.push({ label: "New section…", testid: "move-new-section", onSelect: () => newSection(hub, opener, "New section", move) });
  openMenu(opener, items, { label: `Move “${note.title}” to a section`, testid: "move-menu" });
}
function newSection(hub, opener, label, then) {
  openForm(opener, {
    label,
    submit: "Add",
    testid: "new-section-form",
    inputTestid: "new-section-title",
    submitTestid: "new-section-submit",
    onSubmit: then
  });
}
function tagsForm(hub, opener, note) {
  openForm(opener, {
    label: "Tags (comma-separated)",
    value: (note.tags || []).join(", "),
    submit: "Save tags",
    testid: "tags-form",
    inputTestid: "tags-input",
    submitTestid: "tags-save",
    allowEmpty: true,
    onSubmit: (text) => hub.editor.edit("tags", { note: note.id, tags: text.split(",").map((t) => t.trim()).filter(Boolean) })
  });
}

// js/edit-actions.js
function createEditor(hub) {
  const { store } = hub;
  const status = h("p", { class: "hw-edit-status", testid: "edit-status", role: "status", "aria-live": "polite" });
  const error = h("p", { class: "hw-edit-error", testid: "edit-error", role: "alert", hidden: true });
  const saveSearch = h("button", {
    type: "button",
    class: "hw-button",
    testid: "save-search",
    "aria-haspopup": "dialog",
    "aria-expanded": "false",
    text: "Save search as section…"
  });
  const undo = h("button", { type: "button", class: "hw-button", testid: "undo", "aria-keyshortcuts": "Control+Z Meta+Z", text: "Undo" });
  const bar = h("div", { class: "hw-edit-bar hw-edit-anchor", testid: "edit-bar", role: "group", "aria-label": "Edit the hub" }, saveSearch, undo, status, error);
  let pending = 0;
  const editing = () => store.get("editing") || {};
  const enabled = () => Boolean(editing().enabled);
  function show(reply) {
    const line = (text) => String(text || "").split("\n")[0];
    if (reply.ok) {
      error.hidden = true;
      error.textContent = "";
      status.textContent = line(reply.message);
      if (reply.hub && hub.hubLinks && (store.get("hub_list") || []).length) status.append(" ", openHubButton(String(reply.hub)));
    } else {
      status.textContent = "";
      error.textContent = line(reply.error || "The edit failed.");
      error.hidden = false;
    }
  }
  function openHubButton(id) {
    const button = h("button", { type: "button", class: "hw-button hw-open-new-hub", testid: "open-new-hub", "data-hub-id": id, text: "Open hub" });
    button.addEventListener("click", () => {
      status.textContent = "";
      hub.hubLinks.go(id);
    });
    return button;
  }
  async function edit(op, args = {}) {
    pending += 1;
    bar.setAttribute("aria-busy", "true");
    status.textContent = "Saving…";
    try {
      const reply = await store.ask("edit", args.note, { ...args, op });
      show(reply);
      return reply;
    } finally {
      pending -= 1;
      if (!pending) bar.removeAttribute("aria-busy");
    }
  }
  function doUndo() {
    if (!editing().undo) {
      show({ ok: false, error: "Nothing to undo." });
      return Promise.resolve(null);
    }
    return edit("undo");
  }
  saveSearch.addEventListener("click", () => {
    const query = (store.get("query") || "").trim();
    if (!query) return;
    openForm(saveSearch, {
      label: "New section title",
      value: query,
      submit: "Save as section",
      testid: "save-search-form",
      inputTestid: "save-search-title",
      submitTestid: "save-search-submit",
      hint: `The notes matching “${query}” become a new section of this hub.`,
      onSubmit: (title) => edit("save-search", { query, title })
    });
  });
  undo.addEventListener("click", () => doUndo());
  function onKey(event) {
    if (!enabled() || event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey)) return;
    if ((event.key || "").toLowerCase() !== "z") return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    event.stopPropagation();
    doUndo();
  }
  function update() {
    const ed = editing();
    bar.hidden = !ed.enabled;
    const st = store.state;
    saveSearch.hidden = !(st.kind === "hub" && (store.get("query") || "").trim());
    undo.setAttribute("aria-disabled", String(!ed.undo));
    undo.title = ed.undo ? `Undo ${ed.undo_label || "the last edit"} (Ctrl+Z)` : "Nothing to undo";
    if (ed.gone || ed.error) show({ ok: false, error: ed.gone || ed.error });
  }
  update();
  const editor = { bar, edit, undo: doUndo, onKey, update, enabled, editing, show };
  editor.noteControls = (id, si) => noteEditControls(hub, id, si);
  return editor;
}

// js/edit-drag.js
const TYPE = "application/x-hubwidgets-note";
function dropPlace(store, dragging, target) {
  const sectionEl = target && target.closest && target.closest("[data-testid=section]");
  if (!sectionEl) return null;
  const sec = store.state.sections.find((s2) => s2.key === sectionEl.dataset.key);
  if (!sec) return null;
  const ids = sec.notes.map((p) => store.notes[p].id);
  const from = sec.title === dragging.from ? ids.indexOf(dragging.note) : -1;
  const card = target.closest("[data-testid=note-card]");
  let position = card ? ids.indexOf(card.dataset.noteId) : -1;
  if (position < 0) position = from >= 0 ? ids.length - 1 : ids.length;
  else if (from >= 0 && from < position) position -= 1;
  if (from === position) return null;
  return { section: sec.title, position };
}
function followDrags(hub) {
  const { store, editor, list } = hub;
  let dragging = null;
  let marked = null;
  const mark = (el) => {
    if (marked === el) return;
    if (marked) marked.classList.remove("hw-drop-target");
    marked = el;
    if (el) el.classList.add("hw-drop-target");
  };
  list.addEventListener("dragstart", (event) => {
    const card = event.target.closest && event.target.closest("[data-testid=note-card][draggable=true]");
    const sectionEl = card && card.closest("[data-testid=section]");
    const sec = sectionEl && store.state.sections.find((s2) => s2.key === sectionEl.dataset.key);
    if (!sec || !editor.enabled()) return;
    dragging = { note: card.dataset.noteId, from: sec.title };
    event.dataTransfer.setData(TYPE, dragging.note);
    event.dataTransfer.effectAllowed = "move";
    card.classList.add("hw-dragging");
  });
  list.addEventListener("dragover", (event) => {
    const place = dragging && dropPlace(store, dragging, event.target);
    if (!place) return mark(null);
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    mark(event.target.closest("[data-testid=note-card]") || event.target.closest("[data-testid=section]"));
  });
  list.addEventListener("drop", (event) => {
    const place = dragging && dropPlace(store, dragging, event.target);
    mark(null);
    if (!place) return;
    event.preventDefault();
    editor.edit("move", { note: dragging.note, from: dragging.from, ...place });
  });
  list.addEventListener("dragend", () => {
    mark(null);
    for (const el of list.querySelectorAll(".hw-dragging")) el.classList.remove("hw-dragging");
    dragging = null;
  });
}

// js/edit-live.js
function followEdits(hub, reader) {
  const { store, ui, editor, root, readerBox } = hub;
  root.addEventListener("keydown", editor.onKey);
  followDrags(hub);
  store.on("change:editing", () => {
    const before = root.querySelector("[data-testid=edit-row]") !== null;
    editor.update();
    if (before !== editor.enabled()) hub.refresh();
  });
  store.on("change:query", () => editor.update());
  store.on("change:state", () => editor.update());
  store.on("change:revision", async () => {
    ui.bodies.clear();
    ui.related.clear();
    const id = store.get("selected");
    if (!store.get("reading") || !id) return;
    const active = document.activeElement;
    const keep = active && readerBox.contains(active) && active.dataset.testid;
    const payload = await store.ask("note", id, { related: false });
    if (store.get("selected") !== id || !store.get("reading")) return;
    if (!payload.error) ui.bodies.set(id, payload);
    reader.show();
    if (keep) readerBox.querySelector(`[data-testid="${keep}"]`)?.focus();
  });
}

// js/query.js
const SUFFIX = ": searched as plain words";
var Malformed = class extends Error {
};
const TOKEN = /\s+|\(|\)|"[^"]*"?|-|[^\s()"]+/gu;
const FIELD = /^(tag|section|hub|title|path|folder):([^]*)$/;
var word = (text, field = null) => ({ op: "word", text, field });
function group(op, args) {
  const flat = args.flatMap((a) => a.op === op ? a.args : [a]);
  return flat.length === 1 ? flat[0] : { op, args: flat };
}
function fieldNode(name, value, phrase = null) {
  if (phrase !== null) return { op: "phrase", words: phrase, field: name };
  if (name !== "title") return word(casefold(value), name);
  const found = tokenize(value);
  if (!found.length) throw new Malformed("title: needs a value");
  return found.length === 1 ? word(found[0], name) : { op: "phrase", words: found, field: name };
}
function lex(query) {
  const out = [];
  let pending = null;
  for (const m of query.matchAll(TOKEN)) {
    const token = m[0];
    const end = m.index + token.length;
    if (pending !== null && !token.startsWith('"')) throw new Malformed(`${pending}: needs a value`);
    if (/^\s/u.test(token)) continue;
    if (token === "-" && !query.slice(end, end + 1).trim()) throw new Malformed("- needs a term after it");
    if (token === "(" || token === ")" || token === "-" || token === "OR") {
      out.push([token, null]);
      continue;
    }
    const before = out.length;
    const field = FIELD.exec(token);
    if (token.startsWith('"')) {
      if (token.length === 1 || !token.endsWith('"')) throw new Malformed("unclosed quote");
      const phrase = tokenize(token.slice(1, -1));
      if (pending !== null) {
        if (!phrase.length) throw new Malformed(`${pending}: needs a value`);
        out.push(["node", fieldNode(pending, "", phrase)]);
        pending = null;
      } else if (phrase.length) {
        out.push(["node", { op: "phrase", words: phrase, field: null }]);
      }
    } else if (field) {
      const [, name, value] = field;
      if (!value) {
        if (query[end] === '"') {
          pending = name;
          continue;
        }
        throw new Malformed(`${name}: needs a value`);
      }
      out.push(["node", fieldNode(name, value)]);
    } else {
      const found = tokenize(token);
      if (found.length) out.push(["node", group("and", found.map((w) => word(w)))]);
    }
    if (out.length === before && out.length && out[out.length - 1][0] === "-") {
      throw new Malformed("- needs a term after it");
    }
  }
  if (pending !== null) throw new Malformed(`${pending}: needs a value`);
  return out;
}
function parseTokens(tokens) {
  let at = 0;
  const peek = () => at < tokens.length ? tokens[at][0] : null;
  function and(nested) {
    const args = [];
    for (let kind = peek(); kind !== null; kind = peek()) {
      if (kind === ")") {
        if (!nested) throw new Malformed("unbalanced parentheses");
        break;
      }
      if (kind === "OR") throw new Malformed("OR needs a term on each side");
      args.push(or());
    }
    return args.length ? group("and", args) : null;
  }
  function or() {
    const args = [not()];
    while (peek() === "OR") {
      at += 1;
      if ([null, ")", "OR"].includes(peek())) throw new Malformed("OR needs a term on each side");
      args.push(not());
    }
    return group("or", args);
  }
  function not() {
    const kind = peek();
    if (kind === "-") {
      at += 1;
      if ([null, ")", "OR"].includes(peek())) throw new Malformed("- needs a term after it");
      return { op: "not", arg: not() };
    }
    if (kind === "(") {
      at += 1;
      const inner = and(true);
      if (peek() !== ")") throw new Malformed("unbalanced parentheses");
      at += 1;
      if (inner === null) throw new Malformed("empty parentheses");
      return inner;
    }
    return tokens[at++][1];
  }
  return and(false);
}
function plainWords(query) {
  const text = String(query || "").replace(/(?<![^\s()"-])(?:tag|section|hub|title|path|folder):/g, " ");
  const found = (text.match(WORD) || []).filter((w) => w !== "OR").map(casefold);
  return [...new Set(found)];
}
function parseQuery(query) {
  query = String(query || "");
  try {
    return { ast: parseTokens(lex(query)), hint: null };
  } catch (err) {
    if (!(err instanceof Malformed)) throw err;
    const found = plainWords(query);
    return { ast: found.length ? group("and", found.map((w) => word(w))) : null, hint: `${err.message}${SUFFIX}` };
  }
}
function positiveWords(ast) {
  const out = /* @__PURE__ */ new Set();
  (function walk(node, negated) {
    if (!node) return;
    if (node.op === "and" || node.op === "or") node.args.forEach((a) => walk(a, negated));
    else if (node.op === "not") walk(node.arg, !negated);
    else if (!negated && (node.field === null || node.field === "title")) {
      for (const w of node.op === "word" ? [node.text] : node.words) out.add(w);
    }
  })(ast, false);
  return [...out];
}
function isPlainAnd(ast) {
  if (!ast) return false;
  const args = ast.op === "and" ? ast.args : [ast];
  return args.every((a) => a.op === "word" && a.field === null);
}
const SEP = "  ";
function noteDoc(note, extra = {}) {
  if (note._doc === void 0) {
    const title = tokenize(note.title).join(" ");
    const tags = note.tags && note.tags.length ? note.tags.map(casefold) : [];
    const tagWords = tags.length ? SEP + tokenize(tags.join(" ")).join(" ") : "";
    note._doc = {
      title: ` ${title} `,
      all: ` ${title}${SEP}${tokenize(note.summary).join(" ")}${tagWords} `,
      tags,
      path: note.path ? casefold(note.path) : "",
      folder: note.folder ? casefold(note.folder) : "",
      sections: extra.sections || [],
      hubs: extra.hubs || []
    };
  }
  return note._doc;
}
function valueIs(value, node, nested) {
  const v = casefold(value);
  const want = node.op === "word" ? node.text : node.words.join(" ");
  if (v === want || nested && v.startsWith(`${want}/`)) return true;
  const words = tokenize(v).join(" ");
  return words === want || nested && words.startsWith(`${want} `) && v.includes("/");
}
function compileTerm(node) {
  const { field } = node;
  const needle = node.op === "word" ? ` ${node.text}` : ` ${node.words.join(" ")} `;
  if (field === null) return (d) => d.all.includes(needle);
  if (field === "title") return (d) => d.title.includes(needle);
  if (field === "tag") return (d) => d.tags.some((t) => valueIs(t, node, true));
  if (field === "section") return (d) => d.sections.some((s2) => valueIs(s2, node, false));
  if (field === "hub") return (d) => d.hubs.some((s2) => valueIs(s2, node, false));
  const prefix = node.op === "word" ? node.text : node.words.join(" ");
  return (d) => d[field] !== "" && d[field].startsWith(prefix);
}
function compileQuery(ast) {
  if (!ast) return () => true;
  if (ast.op === "and") {
    const parts = ast.args.map(compileQuery);
    return (d) => parts.every((p) => p(d));
  }
  if (ast.op === "or") {
    const parts = ast.args.map(compileQuery);
    return (d) => parts.some((p) => p(d));
  }
  if (ast.op === "not") {
    const inner = compileQuery(ast.arg);
    return (d) => !inner(d);
  }
  return compileTerm(ast);
}

// js/filter.js
function createFilter(store) {
  let last = { words: null, local: null };
  let parsed = { text: null, ast: null, hint: "", test: null };
  let extras = null;
  const noteExtras = () => extras || (extras = viewExtras(store.state));
  const filter = {
    terms: [],
    // the query's positive words, to highlight
    hint: "",
    // one line when the query could not be parsed
    matches: null,
    // null: no query; else Set of note positions
    textOnly: /* @__PURE__ */ new Set(),
    // matched, but the title and summary show none of the words
    ranked: null,
    // the kernel's ranking (positions) once it arrived for this query
    snippets: /* @__PURE__ */ new Map(),
    // position -> {text, marks} from the kernel
    /** Forget the previous query (the notes changed). */
    reset() {
      last = { words: null, local: null };
      extras = null;
    },
    /** The query-side view of note ``i`` (cached on the note). */
    doc: (i) => noteDoc(store.notes[i], noteExtras()[i]),
    refilter() {
      const { notes, byId } = store;
      const query = store.get("query") || "";
      if (parsed.text !== query) {
        const { ast, hint } = parseQuery(query);
        parsed = { text: query, ast, hint, test: compileQuery(ast) };
      }
      filter.terms = positiveWords(parsed.ast);
      filter.hint = parsed.hint;
      filter.textOnly = /* @__PURE__ */ new Set();
      filter.ranked = null;
      filter.snippets = /* @__PURE__ */ new Map();
      if (!parsed.ast) {
        filter.matches = null;
        last = { words: null, local: null };
        return;
      }
      const words = isPlainAnd(parsed.ast) ? positiveWords(parsed.ast) : null;
      const pool = words && last.words && narrows(last.words, words) ? last.local : null;
      const { test } = parsed;
      const local = [];
      if (pool) {
        for (const i of pool) if (test(filter.doc(i))) local.push(i);
      } else {
        for (let i = 0; i < notes.length; i++) if (test(filter.doc(i))) local.push(i);
      }
      last = { words, local };
      filter.matches = new Set(local);
      const hits = store.get("search_hits") || {};
      if (hits.query !== query) return;
      const complete = hits.snippets !== void 0 && hits.snippets !== null;
      if (complete) {
        filter.matches = /* @__PURE__ */ new Set();
        filter.ranked = [];
      }
      for (const id of hits.ids || []) {
        const i = byId.get(id);
        if (i === void 0) continue;
        if (complete) {
          if (filter.matches.has(i)) continue;
          filter.matches.add(i);
          filter.ranked.push(i);
          if (hits.snippets[id]) filter.snippets.set(i, hits.snippets[id]);
          if (!showsWords(notes[i], filter.terms)) filter.textOnly.add(i);
        } else if (!filter.matches.has(i)) {
          filter.matches.add(i);
          filter.textOnly.add(i);
        }
      }
      if (hits.hint) filter.hint = hits.hint;
    },
    visible: (i) => filter.matches === null || filter.matches.has(i),
    /** Positions of the shown notes: by relevance once the kernel ranked them, else in hub order. */
    orderedVisible() {
      if (filter.matches === null) return store.notes.map((_, i) => i);
      if (filter.ranked) return filter.ranked.slice();
      return filter.textOnly.size ? [...filter.matches].sort((a, b) => a - b) : last.local.slice();
    }
  };
  return filter;
}
function viewExtras(st) {
  const extras = st.notes.map((n) => ({ sections: [], hubs: st.kind === "hub" && st.hub ? [st.hub] : n.hubs || [] }));
  for (const sec of st.sections) for (const p of sec.notes) if (extras[p]) extras[p].sections.push(sec.title);
  return extras;
}
function narrows(before, after) {
  return before.every((b) => after.some((a) => a.startsWith(b)));
}
function showsWords(note, terms) {
  if (!terms.length) return true;
  const hay = haystack(note);
  return terms.some((t) => hay.includes(` ${t}`));
}

// js/navigation.js
function createNavigation(store, focus) {
  return {
    /** Show note ``id`` in the reader; ``opener`` gets focus back when the reader closes. */
    openNote(id, opener) {
      focus.returnTo = opener || null;
      store.update({ selected: id, reading: true });
    },
    /** Back to the list; ``stay`` keeps focus where it is (e.g. typing in the search box). */
    closeReader(stay = false) {
      if (!store.get("reading")) return;
      focus.stay = stay;
      store.update({ reading: false });
    },
    select(id) {
      if (store.get("selected") === id) return;
      store.update({ selected: id });
    }
  };
}

// js/paging.js
const FIRST = 60;
const PAGE = 200;
const SYNC = 12;
function createPager() {
  let generation = 0;
  const observers = /* @__PURE__ */ new Set();
  const pager = {
    /** The list is about to be rebuilt: cancel the unbuilt rest, drop the old buttons' observers. */
    reset() {
      generation += 1;
      pager.dropObservers();
    },
    dropObservers() {
      for (const o of observers) o.disconnect();
      observers.clear();
    },
    /** Items [from, to) of positions into container via make(position), then a "Show more"
     * that calls onMore(container) for the next page. */
    appendItems(container, positions, from, to, make, onMore) {
      const more = to < positions.length ? pager.moreButton(positions.length - to, onMore) : null;
      if (more) container.append(more);
      pager.buildInto(container, more, from, Math.min(to, positions.length), (k) => make(positions[k]));
    },
    /** Items [from, end) into container before ``anchor`` (a "Show more" button, armed once the
     * page is complete): a screenful now, the rest after the next paint. */
    buildInto(container, anchor, from, end, make) {
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
        pager.afterPaint(() => {
          build(now, end);
          arm();
        });
      } else {
        arm();
      }
    },
    /** Run ``fn`` once the browser has painted, unless the list was rebuilt in the meantime. */
    afterPaint(fn) {
      const at = generation;
      requestAnimationFrame(() => setTimeout(() => at === generation && fn(), 0));
    },
    /** "Show more (N more)": disabled until armed (hwArm), then clicking or scrolling to it runs
     * onMore(parent) once; focus moves to the first new item's button if the button had it. */
    moreButton(remaining, onMore) {
      const button = h("button", {
        type: "button",
        class: "hw-button hw-show-more",
        testid: "show-more",
        text: `Show more (${remaining} more)`,
        disabled: true
        // until the page above it is complete (see buildInto)
      });
      let done = false;
      const go = () => {
        if (done || button.disabled) return;
        done = true;
        if (observer) {
          observer.disconnect();
          observers.delete(observer);
        }
        const focused = document.activeElement === button;
        const parent = button.parentNode;
        button.remove();
        const first = onMore(parent);
        if (focused && first) first.querySelector("button")?.focus();
      };
      button.addEventListener("click", go);
      const observer = typeof IntersectionObserver === "function" ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go()) : null;
      button.hwArm = () => {
        button.disabled = false;
        if (observer && !done) {
          observer.observe(button);
          observers.add(observer);
        }
      };
      return button;
    }
  };
  return pager;
}

// js/related.js
function createRelated(hub) {
  const { store, ui } = hub;
  function toggle(id, button, panel) {
    const open = !ui.relatedOpen.has(id);
    if (open) ui.relatedOpen.add(id);
    else ui.relatedOpen.delete(id);
    button.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (open) fill(id, panel);
  }
  async function fill(id, panel) {
    if (!ui.related.has(id)) {
      panel.replaceChildren(h("p", { class: "hw-muted", text: "Finding related notes…" }));
      const reply = await store.ask("related", id);
      if (reply.error) {
        panel.replaceChildren(h("p", { class: "hw-error", text: reply.error }));
        return;
      }
      ui.related.set(id, reply);
    }
    panel.replaceChildren(relatedList(ui.related.get(id)));
  }
  function relatedList(answer) {
    const items = answer.items || [];
    const notice = answer.notice ? h("p", { class: "hw-muted hw-notice", testid: "related-notice", text: answer.notice }) : null;
    if (!items.length) return notice || h("p", { class: "hw-muted", text: "No related notes yet." });
    const list = h(
      "ul",
      { class: "hw-related-items" },
      items.map(
        (item) => h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "hw-link-button",
              testid: "related-item",
              "data-note-id": item.id,
              onclick: (event) => hub.nav.openNote(item.id, event.currentTarget)
            },
            item.title
          ),
          h("span", { class: "hw-related-kind", text: item.kind === "linked" ? " linked" : " similar" })
        )
      )
    );
    return notice ? h("div", {}, list, notice) : list;
  }
  return { toggle, fill, relatedList };
}

// js/store.js
function createStore(model, uid) {
  const cleanups = [];
  const pending = /* @__PURE__ */ new Map();
  let requests = 0;
  const store = {
    model,
    uid,
    state: null,
    // the "state" trait: title, kind, sections, notes, ...
    notes: [],
    byId: /* @__PURE__ */ new Map(),
    // note id -> position in notes
    groupOf: [],
    // position -> index of the note's first section, -1 for none
    get: (name) => model.get(name),
    /** Set a trait in the page only (the kernel hears of it at the next save). */
    set: (name, value) => model.set(name, value),
    /** Sync the traits set so far to the kernel. */
    save: () => model.save_changes(),
    /** Set traits and sync them to the kernel in one save. */
    update(values) {
      for (const [name, value] of Object.entries(values)) model.set(name, value);
      model.save_changes();
    },
    /** Listen to a model event until dispose(). */
    on(name, fn) {
      model.on(name, fn);
      cleanups.push(() => model.off(name, fn));
    },
    /** A new request id, unique to this view. */
    nextRequest: () => `${uid}:${++requests}`,
    /** Ask the kernel; resolves with its answer to this request (the whole message). */
    ask(type, id, extra = {}) {
      const request = store.nextRequest();
      return new Promise((resolve) => {
        pending.set(request, resolve);
        model.send({ ...extra, type, id, request });
      });
    },
    /** Send a request whose answer arrives as a trait change (e.g. "graph"). */
    send(msg) {
      model.send({ ...msg, request: store.nextRequest() });
    },
    /** Read the "state" trait again and rebuild the indexes. */
    reindex() {
      const st = model.get("state");
      store.state = st;
      store.notes = st.notes;
      store.byId.clear();
      st.notes.forEach((n, i) => store.byId.set(n.id, i));
      store.groupOf = new Array(st.notes.length).fill(-1);
      st.sections.forEach((sec, si) => {
        for (const p of sec.notes) if (store.groupOf[p] < 0) store.groupOf[p] = si;
      });
    },
    /** Stop listening; unanswered requests are dropped. */
    dispose() {
      for (const fn of cleanups.splice(0)) fn();
      pending.clear();
    }
  };
  store.on("msg:custom", (msg) => {
    const resolve = pending.get(msg && msg.request);
    if (resolve) {
      pending.delete(msg.request);
      resolve(msg);
    }
  });
  store.reindex();
  return store;
}

// js/hub-context.js
var instances = 0;
function createHub(model) {
  const uid = `hw${++instances}-${Math.random().toString(36).slice(2, 7)}`;
  const store = createStore(model, uid);
  const focus = { returnTo: null, stay: false };
  const hub = {
    uid,
    store,
    filter: createFilter(store),
    pager: createPager(),
    focus,
    nav: createNavigation(store, focus),
    ui: {
      shown: /* @__PURE__ */ new Map(),
      // section key -> number of cards built
      listShown: FIRST,
      // grid / table
      sort: { key: "order", dir: 1 },
      relatedOpen: /* @__PURE__ */ new Set(),
      bodies: /* @__PURE__ */ new Map(),
      // note id -> "note" answer
      related: /* @__PURE__ */ new Map(),
      // note id -> "related" answer
      converted: /* @__PURE__ */ new Map(),
      // note id -> "convert" answer
      graphAsked: false
    }
    // DOM parts, set by render(): root, toolbar, search, list, readerBox; and refresh().
  };
  hub.related = createRelated(hub);
  return hub;
}

// js/header.js
function createHeader(store) {
  const el = h("header", { class: "hw-header", testid: "hub-header" });
  function render2() {
    const st = store.state;
    const parts = [
      h("div", { class: "hw-label", text: st.label || "" }),
      st.kind === "note" ? null : h("h2", { class: "hw-title", testid: "hub-title", text: st.title }),
      st.description ? h("p", { class: "hw-description", text: st.description }) : null,
      h("p", { class: "hw-counts", testid: "hub-counts", text: st.subtitle })
    ];
    el.replaceChildren(...parts.filter(Boolean));
  }
  return { el, render: render2 };
}

// js/hub-links.js
function createHubLinks(hub) {
  const { store } = hub;
  const el = h("nav", { class: "hw-hub-links", testid: "hub-links", "aria-label": "Hubs" });
  let focusAfter = false;
  const hubs = () => store.get("hub_list") || [];
  const available = () => hubs().length > 0;
  function go(id) {
    focusAfter = true;
    store.send({ type: "show", hub: id });
  }
  function hubButton(item, testid) {
    return h("button", {
      type: "button",
      class: "hw-button hw-hub-link",
      testid,
      "data-hub-id": item.id,
      "aria-label": `Open hub: ${item.title}`,
      text: `${item.title} →`,
      onclick: () => go(item.id)
    });
  }
  function render2() {
    const st = store.state;
    const parts = [];
    if (available() && st.kind === "hub") {
      parts.push(h("button", { type: "button", class: "hw-button hw-to-index", testid: "to-index", text: "← All notes", onclick: () => go("") }));
    } else if (available() && st.kind === "index") {
      parts.push(h("span", { class: "hw-muted", text: "Hubs:" }), ...hubs().map((item) => hubButton(item, "open-hub")));
    }
    el.replaceChildren(...parts);
    el.hidden = parts.length === 0;
    if (focusAfter) {
      focusAfter = false;
      setTimeout(() => {
        const first = el.querySelector("button");
        if (first) first.focus({ preventScroll: true });
      });
    }
  }
  function readerHubs(items) {
    if (!items || !items.length) return null;
    const parts = items.map((item) => available() ? hubButton(item, "reader-hub") : h("span", { class: "hw-tag", text: item.title }));
    return h("p", { class: "hw-reader-hubs", testid: "reader-hubs" }, h("span", { class: "hw-muted", text: "In hubs:" }), ...parts);
  }
  return { el, render: render2, readerHubs, go };
}

// js/keyboard.js
function keyboardHandler(hub) {
  const { store, nav } = hub;
  return (event) => {
    const search = hub.search;
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      search.focus();
      search.select();
    } else if (event.key === "Escape") {
      if (store.get("reading")) {
        event.preventDefault();
        event.stopPropagation();
        nav.closeReader();
      } else if (event.target === search && search.value) {
        event.preventDefault();
        event.stopPropagation();
        search.value = "";
        search.dispatchEvent(new Event("input"));
      }
    }
  };
}

// js/list.js
function createListArea(hub, views) {
  const { store, filter } = hub;
  function render2() {
    const list = hub.list;
    const view = store.get("view");
    let content;
    if (filter.matches !== null && filter.matches.size === 0) {
      content = h("p", { class: "hw-empty", testid: "no-results", text: `No notes match “${store.get("query")}”.` });
    } else {
      content = (views[view] || views.sections)();
    }
    const keep = focusKey(list);
    if (list.firstElementChild !== content || list.childElementCount !== 1) list.replaceChildren(content);
    if (keep) list.querySelector(keep)?.focus();
  }
  return { render: render2 };
}
function focusKey(list) {
  const active = document.activeElement;
  if (!active || !list.contains(active) || !active.dataset.testid) return null;
  const holder = active.closest("[data-note-id], [data-key]");
  if (!holder) return null;
  const where = holder.dataset.noteId !== void 0 ? `[data-note-id="${CSS.escape(holder.dataset.noteId)}"]` : `[data-key="${CSS.escape(holder.dataset.key)}"]`;
  return `${where} [data-testid="${active.dataset.testid}"]`;
}

// js/urls.js
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}
function notebookHref(relPath, pathname = window.location.pathname) {
  if (!relPath) return null;
  const m = pathname.match(/^(.*?\/(?:lab(?:\/workspaces\/[^/]+)?\/tree|notebooks|doc(?:\/workspaces\/[^/]+)?\/tree)\/)(.*)$/);
  if (!m) return null;
  const dir = m[2].split("/").slice(0, -1).map(decodeURIComponent);
  const parts = [...dir];
  for (const part of relPath.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return m[1] + parts.map(encodeURIComponent).join("/");
}

// js/convert-button.js
const STATUS_WORDS = { written: "Written:", unchanged: "Up to date:", skipped: "Kept your edited copy:" };
function convertBox(hub, id) {
  const { store, ui } = hub;
  const status = h("span", { class: "hw-convert-status", testid: "convert-status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "hw-button", testid: "convert", text: "Convert to notebook" });
  const show = (reply) => {
    status.replaceChildren();
    if (reply.error || reply.status === "error" || reply.status === "unavailable") {
      status.textContent = reply.error || reply.message;
      return;
    }
    const href = notebookHref(reply.path);
    const label = reply.path || reply.absolute;
    status.append(`${STATUS_WORDS[reply.status] || ""} `);
    status.append(href ? h("a", { href, target: "_blank", rel: "noopener noreferrer", testid: "notebook-link", text: label }) : h("code", { text: label }));
  };
  if (ui.converted.has(id)) show(ui.converted.get(id));
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Converting…";
    const reply = await store.ask("convert", id);
    ui.converted.set(id, reply);
    button.disabled = false;
    show(reply);
  });
  return h("div", { class: "hw-convert" }, button, status);
}

// js/reader.js
function createReader(hub) {
  const { store, ui, nav, focus, related, filter } = hub;
  async function render2() {
    const { root, readerBox } = hub;
    const st = store.state;
    const id = store.get("selected");
    const back = h("button", {
      type: "button",
      class: "hw-button hw-back",
      testid: "reader-close",
      text: { note: "← Card", index: "← Back to all notes" }[st.kind] || "← Back to the hub",
      onclick: () => nav.closeReader()
    });
    const box = h("article", { class: "hw-reader", testid: "reader", "data-note-id": id, tabindex: "-1", "aria-label": "Note reader" }, back);
    readerBox.replaceChildren(box);
    const i = store.byId.get(id);
    const known = i === void 0 ? null : store.notes[i];
    box.append(h("h3", { class: "hw-reader-title", testid: "reader-title", text: known ? known.title : id }));
    box.append(hub.editor.noteControls(id) || "");
    const loading = h("p", { class: "hw-muted", text: "Loading…" });
    box.append(loading);
    if (focus.returnTo || root.contains(document.activeElement)) box.focus({ preventScroll: true });
    let payload = ui.bodies.get(id);
    if (!payload) {
      payload = await store.ask("note", id, { related: false });
      if (!payload.error) ui.bodies.set(id, payload);
    }
    if (store.get("selected") !== id || !store.get("reading")) return;
    loading.remove();
    if (payload.error) {
      box.append(h("p", { class: "hw-error", text: payload.error }));
      return;
    }
    box.querySelector(".hw-reader-title").textContent = payload.title;
    if (payload.sections.length) box.append(h("p", { class: "hw-reader-sections", text: `In ${payload.sections.join(" · ")}` }));
    const hubsLine = hub.hubLinks && hub.hubLinks.readerHubs(payload.hubs);
    if (hubsLine) box.append(hubsLine);
    if (payload.summary) box.append(h("p", { class: "hw-reader-summary", testid: "reader-summary" }, highlight(payload.summary, filter.terms)));
    box.append(noteBody(payload));
    highlightIn(box.querySelector("[data-testid=reader-body]"), filter.terms);
    if (payload.tags.length) box.append(h("p", { class: "hw-tags" }, payload.tags.map((t) => h("span", { class: "hw-tag", text: t }))));
    if (payload.sources.length) box.append(h("h4", { text: "Sources" }), sourceList(payload.sources));
    const relatedBox = h("div", { testid: "reader-related" });
    box.append(h("h4", { text: "Related notes" }), relatedBox);
    box.append(convertBox(hub, id));
    related.fill(id, relatedBox);
  }
  function noteBody(payload) {
    const body = h("div", { class: "hw-reader-body", testid: "reader-body" });
    if (!payload.has_body) {
      body.append(h("p", { class: "hw-muted", text: "This note has no text beyond its summary yet." }));
      return body;
    }
    body.innerHTML = payload.html;
    for (const link of body.querySelectorAll("a.hw-wikilink[data-note-id]")) {
      link.setAttribute("role", "link");
      link.setAttribute("tabindex", "0");
      const go = (event) => {
        event.preventDefault();
        nav.openNote(link.dataset.noteId, link);
      };
      link.addEventListener("click", go);
      link.addEventListener("keydown", (event) => event.key === "Enter" && go(event));
    }
    return body;
  }
  function sourceList(sources) {
    return h(
      "ul",
      { class: "hw-sources", testid: "sources" },
      sources.map((src) => {
        const url = safeUrl(src.url);
        const label = src.title || src.url;
        return h("li", {}, url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: label }) : label);
      })
    );
  }
  function show() {
    const { root, list, readerBox, toolbar, search } = hub;
    const reading = store.get("reading") && store.get("selected");
    root.classList.toggle("hw-reading", Boolean(reading));
    list.hidden = Boolean(reading);
    toolbar.classList.toggle("hw-toolbar-dim", Boolean(reading));
    if (reading) {
      render2();
    } else if (readerBox.firstChild) {
      readerBox.replaceChildren();
      const focusInside = root.contains(document.activeElement) || document.activeElement === document.body;
      if (focus.stay || !focusInside) {
        focus.stay = false;
        focus.returnTo = null;
        return;
      }
      const id = store.get("selected");
      const target = focus.returnTo && focus.returnTo.isConnected && focus.returnTo || list.querySelector(`[data-note-id="${CSS.escape(id || "")}"] [data-testid="read"]`) || search;
      target.focus({ preventScroll: false });
      focus.returnTo = null;
    }
  }
  return { show };
}

// js/search-bar.js
const SYNC_DELAY_MS = 150;
function createSearchBar(hub) {
  const { store, filter, ui, nav } = hub;
  const input = h("input", {
    type: "search",
    class: "hw-search",
    testid: "search",
    placeholder: 'Search: words, "a phrase", a OR b, -word, tag:x  ( / )',
    "aria-label": "Search notes",
    autocomplete: "off",
    spellcheck: "false"
  });
  const count = h("span", { class: "hw-result-count", testid: "result-count", "aria-live": "polite" });
  const hint = h("p", { class: "hw-search-hint", id: `${hub.uid}-hint`, testid: "search-hint", role: "status", hidden: true });
  input.setAttribute("aria-describedby", hint.id);
  const el = h("div", { class: "hw-search-box" }, input, count, hint);
  let syncTimer = null;
  input.addEventListener("input", () => {
    nav.closeReader(true);
    ui.listShown = FIRST;
    store.set("query", input.value);
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => store.save(), SYNC_DELAY_MS);
  });
  function updateCount() {
    const query = store.get("query") || "";
    const hits = store.get("search_hits") || {};
    hub.root.dataset.searchState = !query.trim() || hits.query === query ? "done" : "pending";
    const total = store.notes.length;
    const word2 = total === 1 ? "note" : "notes";
    count.textContent = filter.matches === null ? `${total} ${word2}` : `${filter.matches.size} of ${total} ${word2} match`;
    hint.textContent = filter.hint;
    hint.hidden = !filter.hint;
  }
  function showQuery() {
    const q = store.get("query") || "";
    if (input.value !== q) input.value = q;
  }
  return { el, input, updateCount, showQuery, dispose: () => clearTimeout(syncTimer) };
}

// js/view-controls.js
const VIEWS = [
  ["sections", "Sections"],
  ["grid", "Grid"],
  ["table", "Table"],
  ["graph", "Graph"]
];
function createViewControls(hub) {
  const { store, nav } = hub;
  const buttons = VIEWS.map(
    ([value, label]) => h("button", {
      type: "button",
      class: "hw-view-button",
      testid: `view-${value}`,
      "data-view": value,
      text: label,
      onclick: () => {
        nav.closeReader(true);
        store.update({ view: value });
      }
    })
  );
  const viewAs = h(
    "div",
    { class: "hw-view-as", testid: "view-as", role: "group", "aria-label": "View as" },
    h("span", { class: "hw-view-as-label", text: "View as" }),
    buttons
  );
  const expandAll = h("button", {
    type: "button",
    class: "hw-button hw-expand-all",
    testid: "expand-all",
    onclick: () => {
      const all = store.state.sections.map((sec) => sec.key);
      const open = store.get("expanded") || [];
      store.update({ expanded: open.length === all.length ? [] : all });
    }
  });
  function update() {
    const view = store.get("view");
    const sections = store.state.sections;
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.view === view));
    const open = (store.get("expanded") || []).length;
    expandAll.hidden = view !== "sections" || sections.length === 0;
    expandAll.textContent = open === sections.length ? "Collapse all" : "Expand all";
    hub.root.dataset.view = view;
  }
  return { viewAs, expandAll, update };
}

// js/views/graph.js
const W = 1e3;
const H = 640;
const PAD = 24;
const MAX_EDGES = 2e4;
function createGraphView(hub) {
  const { store, filter, ui, nav } = hub;
  return function render2() {
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
    const r = big ? notes.length > 3e3 ? 2.2 : 3.5 : 7;
    const svg = s("svg", {
      class: "hw-graph",
      "data-testid": "graph",
      viewBox: `0 0 ${W} ${H}`,
      role: "img",
      "aria-label": `Graph of ${notes.length} notes and ${graph.edges.length} related links, coloured by section`
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
        "aria-label": big ? null : n.title
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
      store.state.sections.map(
        (sec, si) => h("li", {}, h("span", { class: "hw-swatch", style: `background: ${sectionColour(si)}` }), sec.title)
      )
    );
    return h("div", { class: "hw-graph-box" }, svg, legend);
  };
}

// js/views/grid.js
function createGridView(hub, cards) {
  const { filter, pager, ui } = hub;
  const make = (i) => cards.card(i, { showSection: true });
  return function render2() {
    const positions = filter.orderedVisible();
    const grid = h("div", { class: "hw-grid", testid: "grid" });
    const more = (parent, from) => {
      const to = from + PAGE;
      ui.listShown = to;
      const before = parent.childElementCount;
      pager.appendItems(parent, positions, from, to, make, (p) => more(p, to));
      return parent.children[before];
    };
    pager.appendItems(grid, positions, 0, ui.listShown, make, (p) => more(p, ui.listShown));
    return grid;
  };
}

// js/views/sections.js
function createSectionsView(hub, cards) {
  const { store, filter, pager, ui } = hub;
  let sectionRows = null;
  function sectionRow(sec, si) {
    const panelId = `${hub.uid}-s${si}`;
    const count = h("span", { class: "hw-section-count", testid: "section-count" });
    const toggle = h(
      "button",
      {
        type: "button",
        class: "hw-section-toggle",
        testid: "section-toggle",
        "aria-controls": panelId,
        onclick: () => {
          const now = new Set(store.get("expanded") || []);
          if (now.has(sec.key)) now.delete(sec.key);
          else now.add(sec.key);
          store.update({ expanded: store.state.sections.map((x) => x.key).filter((k) => now.has(k)) });
        }
      },
      h("span", { class: "hw-chevron", "aria-hidden": "true" }),
      h("span", { class: "hw-swatch", "aria-hidden": "true", style: `background: ${sectionColour(si)}` }),
      h("span", { class: "hw-section-title", text: sec.title }),
      count
    );
    const panel = h("div", { class: "hw-section-panel", id: panelId, role: "region", "aria-label": sec.title });
    const el = h(
      "section",
      { class: `hw-section${sec.n_notes === 0 ? " hw-section-empty" : ""}`, testid: "section", "data-key": sec.key },
      h("h3", { class: "hw-section-heading" }, toggle),
      panel
    );
    return { el, toggle, count, panel };
  }
  function render2() {
    const st = store.state;
    if (!st.sections.length) {
      return h("div", { class: "hw-grid" }, store.notes.map((_, i) => cards.card(i, { showSection: false })));
    }
    if (!sectionRows || sectionRows.state !== st) {
      sectionRows = { state: st, box: h("div", { class: "hw-sections" }), rows: st.sections.map(sectionRow) };
    }
    const expanded = new Set(store.get("expanded") || []);
    const matches = filter.matches;
    const listed = [];
    st.sections.forEach((sec, si) => {
      const make = (i) => cards.card(i, { showSection: false, section: si });
      const positions = sec.notes.filter(filter.visible);
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
        pager.appendItems(parent, positions, from, to, make, (p) => more(p, to));
        return parent.children[before];
      };
      pager.appendItems(grid, positions, 0, shown, make, (p) => more(p, shown));
      content.push(grid);
      row.panel.replaceChildren(...content);
    });
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
  return render2;
}

// js/views/table.js
const COLUMNS = [
  ["order", "#"],
  ["title", "Title"],
  ["section", "Section"],
  ["summary", "Summary"]
];
function createTableView(hub) {
  const { store, filter, pager, ui, nav } = hub;
  function sortKey(i, key) {
    if (key === "order") return i;
    if (key === "section") return store.groupOf[i] < 0 ? Infinity : store.groupOf[i];
    return (store.notes[i][key] || "").toLowerCase();
  }
  function head(key, dir) {
    return h(
      "tr",
      {},
      COLUMNS.map(
        ([col, label]) => h(
          "th",
          { scope: "col", "aria-sort": col === key ? dir > 0 ? "ascending" : "descending" : "none", class: `hw-col-${col}` },
          h(
            "button",
            {
              type: "button",
              class: "hw-sort",
              testid: `sort-${col}`,
              onclick: () => {
                ui.sort = { key: col, dir: col === key ? -dir : 1 };
                ui.listShown = FIRST;
                hub.refresh();
              }
            },
            label,
            h("span", { class: "hw-sort-mark", "aria-hidden": "true", text: col === key ? dir > 0 ? " ▲" : " ▼" : "" })
          )
        )
      )
    );
  }
  function row(i) {
    const n = store.notes[i];
    const g = store.groupOf[i];
    const selected = store.get("selected") === n.id;
    return h(
      "tr",
      { testid: "note-row", "data-note-id": n.id, class: selected ? "hw-selected" : null, "aria-current": selected ? "true" : null },
      h("td", { class: "hw-col-order", text: String(i + 1) }),
      h(
        "td",
        { class: "hw-col-title" },
        h("button", { type: "button", class: "hw-link-button", testid: "note-title", onclick: (e) => nav.openNote(n.id, e.currentTarget) }, highlight(n.title, filter.terms))
      ),
      h(
        "td",
        { class: "hw-col-section" },
        g >= 0 ? h("span", { class: "hw-swatch", style: `background: ${sectionColour(g)}` }) : null,
        g >= 0 ? store.state.sections[g].title : ""
      ),
      h(
        "td",
        { class: "hw-col-summary" },
        h("div", { class: "hw-clamp", title: n.summary }, highlight(n.summary, filter.terms)),
        filter.textOnly.has(i) ? textMatch(filter.snippets.get(i)) : null
      )
    );
  }
  return function render2() {
    const { key, dir } = ui.sort;
    const positions = filter.orderedVisible();
    if (key !== "order" || dir !== 1) {
      positions.sort((a, b) => {
        const x = sortKey(a, key);
        const y = sortKey(b, key);
        return (x < y ? -1 : x > y ? 1 : a - b) * dir;
      });
    }
    const body = h("tbody");
    const rows = (from, to) => {
      let tr = null;
      if (to < positions.length) {
        const button = pager.moreButton(positions.length - to, () => {
          tr.remove();
          ui.listShown = to + PAGE;
          rows(to, to + PAGE);
          return body.children[to];
        });
        tr = h("tr", { class: "hw-more-row" }, h("td", { colspan: COLUMNS.length }, button));
        tr.hwArm = button.hwArm;
      }
      if (tr) body.append(tr);
      pager.buildInto(body, tr, from, Math.min(to, positions.length), (k) => row(positions[k]));
    };
    rows(0, ui.listShown);
    const current2 = hub.list.firstElementChild;
    const sortState = `${key}:${dir}`;
    if (current2 && current2.dataset.testid === "table" && current2.dataset.sort === sortState) {
      current2.tBodies[0].replaceWith(body);
      return current2;
    }
    return h("table", { class: "hw-table", testid: "table", "data-sort": sortState }, h("thead", {}, head(key, dir)), body);
  };
}

// js/width.js
const NARROW = 640;
function watchWidth(root) {
  if (typeof ResizeObserver !== "function") return () => {
  };
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const box = entry.contentBoxSize && entry.contentBoxSize[0];
      const width = box ? box.inlineSize : entry.contentRect.width;
      root.classList.toggle("hw-narrow", width <= NARROW);
    }
  });
  observer.observe(root);
  return () => observer.disconnect();
}

// js/index.js
function render({ model, el }) {
  const hub = createHub(model);
  const { store, filter, pager, ui } = hub;
  const st = store.state;
  const root = h("div", {
    class: "hw-hub",
    testid: "hub",
    role: "region",
    "aria-label": st.title || "Hub",
    "data-lm-suppress-shortcuts": "true",
    "data-kind": st.kind
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
    graph: createGraphView(hub)
  });
  const reader = createReader(hub);
  hub.editor = createEditor(hub);
  toolbar.after(hub.editor.bar);
  function renderHeader() {
    header.render();
    hubLinks.render();
    root.dataset.kind = store.state.kind;
    root.setAttribute("aria-label", store.state.title || "Hub");
    toolbar.hidden = store.state.kind === "note";
  }
  function refresh() {
    pager.reset();
    searchBar.updateCount();
    controls.update();
    listArea.render();
  }
  hub.refresh = refresh;
  root.addEventListener("keydown", keyboardHandler(hub));
  followEdits(hub, reader);
  store.on("change:state", () => {
    ui.graphAsked = false;
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
    if (changed || filter.textOnly.size || filter.ranked) refresh();
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
    warm.stopped = true;
    store.dispose();
    pager.dropObservers();
    searchBar.dispose();
    stopWatchingWidth();
  };
}
function warmSearch(store, filter, warm, start = 0) {
  const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 50));
  idle(() => {
    if (warm.stopped) return;
    const end = Math.min(store.notes.length, start + 1e3);
    for (let i = start; i < end; i++) filter.doc(i);
    if (end < store.notes.length) warmSearch(store, filter, warm, end);
  });
}
export default { render };
