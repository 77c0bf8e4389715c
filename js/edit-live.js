// Live edits: the view follows the kernel's catalog. Every edit, undo, reload or file change bumps
// the "revision" trait (and changes "state" when titles, sections or order changed); the page then
// drops the bodies and related lists it cached and shows the open note again, keeping focus on the
// control that had it. The list itself follows "state" (index.js), keeping query, view and scroll.
import { followDrags } from "./edit-drag.js";

/** Wire the editor (edit-actions.js) and the reader to the traits that edits change. */
export function followEdits(hub, reader) {
  const { store, ui, editor, root, readerBox } = hub;
  root.addEventListener("keydown", editor.onKey);
  followDrags(hub);
  store.on("change:editing", () => {
    const before = root.querySelector("[data-testid=edit-row]") !== null;
    editor.update();
    if (before !== editor.enabled()) hub.refresh(); // controls appear or go on every card
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
    reader.show(); // builds at once from the fetched body: no "Loading…" flash, no scroll jump
    if (keep) readerBox.querySelector(`[data-testid="${keep}"]`)?.focus();
  });
}
