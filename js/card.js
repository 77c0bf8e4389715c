// A note card: title and summary (query words marked), its section in flat lists, a "matches in
// the text" line or the kernel's snippet for matches outside the title and summary, and the actions
// row (Explore related, Read →).
import { h } from "./dom.js";
import { sectionColour } from "./section-colour.js";
import { highlight, markedText } from "./text.js";

/** Card builder for one view: card(position, {showSection}) -> <article>. */
export function createCards(hub) {
  const { store, filter, ui, related, nav } = hub;

  /** The actions row's buttons. New card actions (editing a hub, ...) go here, one module each. */
  function actions(n, relatedButton) {
    const readButton = h("button", {
      type: "button",
      class: "hw-button hw-read-button",
      testid: "read",
      "aria-label": `Read: ${n.title}`,
      text: "Read →",
      onclick: () => nav.openNote(n.id, readButton),
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
      text: "Explore related",
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
        draggable: section !== undefined && hub.editor.enabled() ? "true" : null, // edit-drag.js
        style: `--hw-section-colour: ${sectionColour(groupOf[i])}`,
      },
      h("h4", { class: "hw-card-title", id: titleId, testid: "note-title" }, highlight(n.title, terms)),
      n.summary ? h("p", { class: "hw-card-summary", testid: "note-summary" }, highlight(n.summary, terms)) : null,
      showSection && groupOf[i] >= 0
        ? h("p", { class: "hw-card-section", text: st.sections[groupOf[i]].title })
        : null,
      filter.textOnly.has(i) ? textMatch(filter.snippets.get(i)) : null,
      h("div", { class: "hw-card-actions" }, actions(n, relatedButton)),
      hub.editor.noteControls(n.id, section),
      panel,
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

/** Why a note matched when its title and summary do not show it: the kernel's snippet, marked. */
export function textMatch(snippet) {
  if (snippet && snippet.text) {
    return h("p", { class: "hw-snippet", testid: "snippet" }, markedText(snippet.text, snippet.marks));
  }
  return h("p", { class: "hw-text-match", text: "Matches in the note's text" });
}
