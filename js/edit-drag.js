// Drag and drop, on top of the buttons (which stay the keyboard's way): in the sections view a
// card dropped on another card takes that card's place; dropped on a section's heading or its
// empty space, it goes to the end of that section. It sends the same "move" edit as Move to….
const TYPE = "application/x-hubwidgets-note";

/** Where a drop at ``target`` puts the dragged note: {section, position} or null. */
export function dropPlace(store, dragging, target) {
  const sectionEl = target && target.closest && target.closest("[data-testid=section]");
  if (!sectionEl) return null;
  const sec = store.state.sections.find((s) => s.key === sectionEl.dataset.key);
  if (!sec) return null;
  const ids = sec.notes.map((p) => store.notes[p].id);
  const from = sec.title === dragging.from ? ids.indexOf(dragging.note) : -1;
  const card = target.closest("[data-testid=note-card]");
  let position = card ? ids.indexOf(card.dataset.noteId) : -1;
  if (position < 0) position = from >= 0 ? ids.length - 1 : ids.length; // the end of the section
  else if (from >= 0 && from < position) position -= 1; // counted once the note left its place
  if (from === position) return null; // dropped where it is
  return { section: sec.title, position };
}

/** Listen for drags of cards in ``hub.list`` (cards are draggable where editing is offered). */
export function followDrags(hub) {
  const { store, editor, list } = hub;
  let dragging = null; // { note, from }
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
    const sec = sectionEl && store.state.sections.find((s) => s.key === sectionEl.dataset.key);
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
