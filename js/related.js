// "Explore related": a note's related notes, asked of the kernel once and kept.
import { h } from "./dom.js";

/** Related-list panels for one view of the widget. */
export function createRelated(hub) {
  const { store, ui } = hub;

  /** Open or close a card's related panel. */
  function toggle(id, button, panel) {
    const open = !ui.relatedOpen.has(id);
    if (open) ui.relatedOpen.add(id);
    else ui.relatedOpen.delete(id);
    button.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (open) fill(id, panel);
  }

  /** Put note ``id``'s related list into ``panel`` (asking the kernel the first time). */
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

  /**
   * The list of a "related" answer ({items: [{id, title, kind}], notice?}), each item opening its
   * note; the kernel's notice (the line naming a missing extra) shows under the list or instead of it.
   */
  function relatedList(answer) {
    const items = answer.items || [];
    const notice = answer.notice
      ? h("p", { class: "hw-muted hw-notice", testid: "related-notice", text: answer.notice })
      : null;
    if (!items.length) return notice || h("p", { class: "hw-muted", text: "No related notes yet." });
    const list = h(
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
              onclick: (event) => hub.nav.openNote(item.id, event.currentTarget),
            },
            item.title,
          ),
          h("span", { class: "hw-related-kind", text: item.kind === "linked" ? " linked" : " similar" }),
        ),
      ),
    );
    return notice ? h("div", {}, list, notice) : list;
  }

  return { toggle, fill, relatedList };
}
