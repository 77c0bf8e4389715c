// Editing a hub from the page: the "edit" messages, the edit bar (Save search as section, Undo,
// one status or error line) and Ctrl/Cmd+Z.
//
// The page sends {type: "edit", request, op, note?, hub?, section?, position?, tags?, title?,
// query?}; the kernel answers {type: "edit", request, ok, message?, error?}. The view itself changes
// through the "state" trait (the kernel's catalog notifies every widget shown from it), so an
// answer only sets the status line. Edits are offered only when the "editing" trait says so: a
// kernel whose catalog can be written (never in the HTML export, whose model has no such trait).
import { h } from "./dom.js";
import { noteEditControls } from "./edit-controls.js";
import { openForm } from "./edit-menu.js";

/** The editor of one view: edit(op, args) -> Promise of the kernel's answer, the edit bar, keys. */
export function createEditor(hub) {
  const { store } = hub;
  const status = h("p", { class: "hw-edit-status", testid: "edit-status", role: "status", "aria-live": "polite" });
  const error = h("p", { class: "hw-edit-error", testid: "edit-error", role: "alert", hidden: true });
  const saveSearch = h("button", {
    type: "button",
    class: "hw-button",
    testid: "save-search",
    "aria-haspopup": "dialog",
    "aria-expanded": "false",
    text: "Save search as section…",
  });
  const undo = h("button", { type: "button", class: "hw-button", testid: "undo", "aria-keyshortcuts": "Control+Z Meta+Z", text: "Undo" });
  const bar = h("div", { class: "hw-edit-bar hw-edit-anchor", testid: "edit-bar", role: "group", "aria-label": "Edit the hub" }, saveSearch, undo, status, error);
  let pending = 0;

  const editing = () => store.get("editing") || {};
  const enabled = () => Boolean(editing().enabled);

  /** Show the outcome of an edit as one line: the message, or the error in its place. */
  function show(reply) {
    const line = (text) => String(text || "").split("\n")[0];
    if (reply.ok) {
      error.hidden = true;
      error.textContent = "";
      status.textContent = line(reply.message);
      // Offered where the kernel can switch this view (hub_list is empty in a one-note widget).
      if (reply.hub && hub.hubLinks && (store.get("hub_list") || []).length) status.append(" ", openHubButton(String(reply.hub)));
    } else {
      status.textContent = "";
      error.textContent = line(reply.error || "The edit failed.");
      error.hidden = false;
    }
  }

  /** "Open hub" after "New hub…": the kernel switches this view to it (hub-links.js). */
  function openHubButton(id) {
    const button = h("button", { type: "button", class: "hw-button hw-open-new-hub", testid: "open-new-hub", "data-hub-id": id, text: "Open hub" });
    button.addEventListener("click", () => {
      status.textContent = "";
      hub.hubLinks.go(id);
    });
    return button;
  }

  /** Send one edit; resolves with the kernel's answer once it came back. */
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
      onSubmit: (title) => edit("save-search", { query, title }),
    });
  });
  undo.addEventListener("click", () => doUndo());

  /** Ctrl/Cmd+Z anywhere in the widget except while typing in a text field. */
  function onKey(event) {
    if (!enabled() || event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey)) return;
    if ((event.key || "").toLowerCase() !== "z") return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    event.stopPropagation();
    doUndo();
  }

  /** Follow the traits: the bar shows only where editing is offered; undo and save-search when they can act. */
  function update() {
    const ed = editing();
    bar.hidden = !ed.enabled;
    const st = store.state;
    saveSearch.hidden = !(st.kind === "hub" && (store.get("query") || "").trim());
    undo.setAttribute("aria-disabled", String(!ed.undo));
    undo.title = ed.undo ? `Undo ${ed.undo_label || "the last edit"} (Ctrl+Z)` : "Nothing to undo";
    if (ed.gone || ed.error) show({ ok: false, error: ed.gone || ed.error }); // the view is behind the files
  }

  update();
  const editor = { bar, edit, undo: doUndo, onKey, update, enabled, editing, show };
  /** A note's edit row (edit-controls.js), or null where editing is not offered. */
  editor.noteControls = (id, si) => noteEditControls(hub, id, si);
  return editor;
}
