// The reader: one note's sanitized body, tags, sources, related notes and "Convert to notebook",
// in place of the list while the "reading" trait is true. Focus moves into it when it was opened
// from the page, and back to what opened it when it closes.
import { h } from "./dom.js";
import { convertBox } from "./convert-button.js";
import { highlight, highlightIn } from "./text.js";
import { safeUrl } from "./urls.js";

/** The reader of one view: show() follows the "reading" and "selected" traits. */
export function createReader(hub) {
  const { store, ui, nav, focus, related, filter } = hub;

  async function render() {
    const { root, readerBox } = hub;
    const st = store.state;
    const id = store.get("selected");
    const back = h("button", {
      type: "button",
      class: "hw-button hw-back",
      testid: "reader-close",
      text: { note: "← Card", index: "← Back to all notes" }[st.kind] || "← Back to the hub",
      onclick: () => nav.closeReader(),
    });
    const box = h("article", { class: "hw-reader", testid: "reader", "data-note-id": id, tabindex: "-1", "aria-label": "Note reader" }, back);
    readerBox.replaceChildren(box);
    const i = store.byId.get(id);
    const known = i === undefined ? null : store.notes[i];
    box.append(h("h3", { class: "hw-reader-title", testid: "reader-title", text: known ? known.title : id }));
    box.append(hub.editor.noteControls(id) || ""); // edit-controls.js: nothing where editing is not offered
    const loading = h("p", { class: "hw-muted", text: "Loading…" });
    box.append(loading);
    // Opened from inside the widget: move focus to the reader. Opened from Python (or shown on
    // first render): leave the notebook's focus alone.
    if (focus.returnTo || root.contains(document.activeElement)) box.focus({ preventScroll: true });
    let payload = ui.bodies.get(id);
    if (!payload) {
      payload = await store.ask("note", id, { related: false }); // related notes come separately
      if (!payload.error) ui.bodies.set(id, payload);
    }
    if (store.get("selected") !== id || !store.get("reading")) return; // moved on meanwhile
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
    highlightIn(box.querySelector("[data-testid=reader-body]"), filter.terms); // the query's words, marked
    if (payload.tags.length) box.append(h("p", { class: "hw-tags" }, payload.tags.map((t) => h("span", { class: "hw-tag", text: t }))));
    if (payload.sources.length) box.append(h("h4", { text: "Sources" }), sourceList(payload.sources));
    const relatedBox = h("div", { testid: "reader-related" });
    box.append(h("h4", { text: "Related notes" }), relatedBox);
    box.append(convertBox(hub, id));
    related.fill(id, relatedBox);
  }

  /** The body: HTML sanitized by hubwidgets.render (nh3), its [[wiki links]] opening notes here. */
  function noteBody(payload) {
    const body = h("div", { class: "hw-reader-body", testid: "reader-body" });
    if (!payload.has_body) {
      body.append(h("p", { class: "hw-muted", text: "This note has no text beyond its summary yet." }));
      return body;
    }
    body.innerHTML = payload.html; // sanitized by hubwidgets.render (nh3)
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

  /** Sources as a list: a link only for http(s)/mailto URLs, plain text otherwise. */
  function sourceList(sources) {
    return h(
      "ul",
      { class: "hw-sources", testid: "sources" },
      sources.map((src) => {
        const url = safeUrl(src.url);
        const label = src.title || src.url;
        return h("li", {}, url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: label }) : label);
      }),
    );
  }

  /** Show the reader (reading a note) or the list, moving focus as described above. */
  function show() {
    const { root, list, readerBox, toolbar, search } = hub;
    const reading = store.get("reading") && store.get("selected");
    root.classList.toggle("hw-reading", Boolean(reading));
    list.hidden = Boolean(reading);
    toolbar.classList.toggle("hw-toolbar-dim", Boolean(reading));
    if (reading) {
      render();
    } else if (readerBox.firstChild) {
      readerBox.replaceChildren();
      const focusInside = root.contains(document.activeElement) || document.activeElement === document.body;
      if (focus.stay || !focusInside) {
        focus.stay = false; // typing in search, or a change from Python: leave focus alone
        focus.returnTo = null;
        return;
      }
      const id = store.get("selected");
      const target =
        (focus.returnTo && focus.returnTo.isConnected && focus.returnTo) ||
        list.querySelector(`[data-note-id="${CSS.escape(id || "")}"] [data-testid="read"]`) ||
        search;
      target.focus({ preventScroll: false });
      focus.returnTo = null;
    }
  }

  return { show };
}
