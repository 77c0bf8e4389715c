// The list area: the current view's content (or "No notes match"), swapped in place, with focus
// kept on the same control of the same note or section across a re-render.
import { h } from "./dom.js";

/** render() puts the view named by the "view" trait into hub.list; views maps names to renderers. */
export function createListArea(hub, views) {
  const { store, filter } = hub;

  function render() {
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

  return { render };
}

/** A selector for the focused control inside the list, to find its twin after a re-render. */
function focusKey(list) {
  const active = document.activeElement;
  if (!active || !list.contains(active) || !active.dataset.testid) return null;
  const holder = active.closest("[data-note-id], [data-key]");
  if (!holder) return null;
  const where = holder.dataset.noteId !== undefined
    ? `[data-note-id="${CSS.escape(holder.dataset.noteId)}"]`
    : `[data-key="${CSS.escape(holder.dataset.key)}"]`;
  return `${where} [data-testid="${active.dataset.testid}"]`;
}
