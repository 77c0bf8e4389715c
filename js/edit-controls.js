// A note's editing controls, on its card and in the reader: Add to hub…, move up / down, Move to…,
// Remove from section, Tags…. Each is a real button; the choices open in menus or a one-line form
// (edit-menu.js) and the edit goes to the kernel through the editor (edit-actions.js).
import { h } from "./dom.js";
import { openForm, openMenu } from "./edit-menu.js";
import { openNewHubForm } from "./new-hub-form.js";

/**
 * The controls for note ``id`` (null where editing is not offered). ``si``: the index of the
 * section the card is shown in (hub views); by default the note's first section of the hub.
 */
export function noteEditControls(hub, id, si) {
  const { store, editor } = hub;
  if (!editor || !editor.enabled()) return null;
  const st = store.state;
  const i = store.byId.get(id);
  const note = i === undefined ? { id, title: id, tags: [] } : store.notes[i];
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

  if (st.kind === "hub" && i !== undefined) {
    const at = si === undefined || si === null ? store.groupOf[i] : si;
    const sec = at >= 0 ? st.sections[at] : null;
    const index = sec ? sec.notes.indexOf(i) : -1;
    if (sec && index >= 0) {
      const move = (position) => editor.edit("move", { note: id, section: sec.title, from: sec.title, position });
      button("move-up", "↑", `Move up in ${sec.title}: ${note.title}`, () => move(index - 1), { "aria-disabled": String(index === 0), title: "Move up" });
      button("move-down", "↓", `Move down in ${sec.title}: ${note.title}`, () => move(index + 1), { "aria-disabled": String(index === sec.notes.length - 1), title: "Move down" });
      button("move-to", "Move to…", `Move to another section: ${note.title}`, (b) => moveMenu(hub, b, note, sec), { "aria-haspopup": "menu", "aria-expanded": "false" });
      const remove = async () => {
        const next = sec.notes[index + 1] ?? sec.notes[index - 1];
        const neighbour = next === undefined ? null : store.notes[next].id;
        const reply = await editor.edit("remove", { note: id, section: sec.title });
        if (reply.ok && !hub.root.contains(document.activeElement)) focusAfterRemove(hub, neighbour, sec.title);
      };
      button("remove-from-section", "Remove", `Remove from section ${sec.title}: ${note.title}`, remove, { title: `Remove from section “${sec.title}”` });
    }
  }

  button("edit-tags", "Tags…", `Edit tags: ${note.title}`, (b) => tagsForm(hub, b, note), { "aria-haspopup": "dialog", "aria-expanded": "false" });
  return row;
}

/** After a card left the page, focus its neighbour's Remove button, else the section's heading. */
function focusAfterRemove(hub, neighbour, sectionTitle) {
  const list = hub.list;
  const byNote = neighbour && list.querySelector(`[data-note-id="${CSS.escape(neighbour)}"] [data-testid="remove-from-section"]`);
  const section = [...list.querySelectorAll("[data-testid=section]")].find((el) => el.querySelector(".hw-section-title")?.textContent === sectionTitle);
  const target = byNote || (section && section.querySelector("[data-testid=section-toggle]")) || hub.search;
  target.focus();
}

/** "Add to hub…": every hub's sections (the shown hub first), "New section…" for each hub, and
 * "New hub…" last. */
function addMenu(hub, opener, note) {
  const { store, editor } = hub;
  const shown = store.state.hub;
  const hubs = [...(editor.editing().hubs || [])].sort((a, b) => (b.id === shown) - (a.id === shown));
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
        onSelect: () => editor.edit("add", { note: note.id, hub: target.id, section }),
      });
    }
    items.push({
      label: "New section…",
      testid: "add-new-section",
      data: { hub: target.id },
      onSelect: () => newSection(hub, opener, `New section in ${target.title}`, (section) => editor.edit("add", { note: note.id, hub: target.id, section })),
    });
  }
  items.push({
    label: "New hub…",
    testid: "new-hub",
    onSelect: () => openNewHubForm(opener, { noteTitle: note.title, onSubmit: (fields) => newHub(hub, opener, note, fields) }),
  });
  openMenu(opener, items, { label: `Add “${note.title}” to a hub`, testid: "add-menu" });
}

/** Send "new-hub"; once it is made, focus its "Open hub" offer unless the person moved on. */
async function newHub(hub, opener, note, fields) {
  const reply = await hub.editor.edit("new-hub", { note: note.id, ...fields });
  const active = document.activeElement;
  const offer = hub.root.querySelector("[data-testid=open-new-hub]");
  // Still on "Add to hub…" of this note (the list may have rebuilt its card), or focus was lost.
  const stayed = active === opener || !hub.root.contains(active) || (active.dataset.testid === "add-to-hub" && active.closest("[data-note-id]")?.dataset.noteId === note.id);
  if (reply.ok && offer && stayed) offer.focus();
}

/** "Move to…": the shown hub's other sections, and "New section…". */
function moveMenu(hub, opener, note, from) {
  const { store, editor } = hub;
  const move = (section) => editor.edit("move", { note: note.id, section, from: from.title });
  const items = store.state.sections
    .filter((sec) => sec.title !== from.title)
    .map((sec) => ({ label: sec.title, testid: "move-target", data: { section: sec.title }, onSelect: () => move(sec.title) }));
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
    onSubmit: then,
  });
}

/** "Tags…": the note's tags as one comma-separated line. */
function tagsForm(hub, opener, note) {
  openForm(opener, {
    label: "Tags (comma-separated)",
    value: (note.tags || []).join(", "),
    submit: "Save tags",
    testid: "tags-form",
    inputTestid: "tags-input",
    submitTestid: "tags-save",
    allowEmpty: true,
    onSubmit: (text) => hub.editor.edit("tags", { note: note.id, tags: text.split(",").map((t) => t.trim()).filter(Boolean) }),
  });
}
