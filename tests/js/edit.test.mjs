// Editing from the page (js/edit-*.js): controls only where editing is offered, menus and forms
// that send the right "edit" messages, keyboard operation, and errors shown as one line of text.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import widget from "../../js/index.js";
import { StaticModel } from "../../js/standalone/static-model.js";
import { dropPlace } from "../../js/edit-drag.js";
import { FakeModel, HOSTILE, hubState, noInjectedElements, settle, widgetPage } from "./support.mjs";

const render = widgetPage(widget);

const NOTES = [
  { id: "sft", title: "Why does SFT then RL follow three phases?", summary: "Phases.", tags: ["rl", "sft"] },
  { id: "rubrics", title: "Rubrics as rewards", summary: "Grading open answers." },
  { id: "medical", title: "Medical domain training", summary: "What specialising costs." },
];
const SECTIONS = [["Dynamics", [0, 1]], ["Domain costs", [2, 1]]];
const EDITING = {
  enabled: true,
  undo: false,
  undo_label: "",
  hubs: [
    { id: "other", title: "Reading group", sections: ["Week 1"] },
    { id: "a-hub", title: "A hub", sections: ["Dynamics", "Domain costs"] },
  ],
};

function mount(traits = {}, state = hubState({ notes: NOTES, sections: SECTIONS })) {
  const model = new FakeModel({ state, expanded: ["1", "2"], editing: EDITING, ...traits });
  const { el, q, unmount } = render(model);
  const card = (id, n = 0) => q(`[data-testid=note-card][data-note-id="${id}"]`)[n];
  const edits = () => model.sent.filter((m) => m.type === "edit");
  return { model, el, q, card, edits, unmount };
}

const tid = (id) => `[data-testid="${id}"]`;
const key = (target, k, extra = {}) => target.dispatchEvent(new window.KeyboardEvent("keydown", { key: k, bubbles: true, ...extra }));
const click = (node) => node.dispatchEvent(new window.MouseEvent("click", { bubbles: true }));
const strip = (msg) => Object.fromEntries(Object.entries(msg).filter(([k, v]) => k !== "request" && k !== "id" && v !== undefined));

describe("where editing is offered", () => {
  test("without the editing trait (the HTML export) there is no edit control at all", () => {
    const { q } = mount({ editing: {} });
    assert.equal(q(tid("edit-row")).length, 0);
    assert.equal(q(tid("edit-bar"))[0].hidden, true);
    for (const name of ["add-to-hub", "remove-from-section", "move-up", "move-down", "move-to", "edit-tags"]) {
      assert.equal(q(`${tid("note-card")} ${tid(name)}`).length, 0, name);
    }
  });

  test("the export's StaticModel renders the hub with no edit control", async () => {
    const state = hubState({ notes: NOTES, sections: SECTIONS });
    const model = new StaticModel({ state, traits: { state, query: "", selected: "", reading: false, view: "sections", expanded: ["1", "2"], search_hits: {}, graph: {} }, answers: {}, texts: [] });
    const { el } = render(model);
    await settle(5);
    assert.equal(el.querySelectorAll(tid("note-card")).length, 4);
    assert.equal(el.querySelectorAll(tid("edit-row")).length, 0);
    assert.equal(el.querySelector(tid("edit-bar")).hidden, true);
  });

  test("each card in a section gets the controls of that section; first and last cannot move past the ends", () => {
    const { card } = mount();
    const first = card("sft");
    for (const name of ["add-to-hub", "move-up", "move-down", "move-to", "remove-from-section", "edit-tags"]) {
      assert.equal(first.querySelectorAll(tid(name)).length, 1, name);
    }
    assert.equal(first.querySelector(tid("move-up")).getAttribute("aria-disabled"), "true");
    assert.equal(first.querySelector(tid("move-down")).getAttribute("aria-disabled"), "false");
    // "rubrics" is last in Dynamics and last in Domain costs: its card in each section says so.
    assert.match(card("rubrics", 0).querySelector(tid("remove-from-section")).getAttribute("aria-label"), /Dynamics/);
    assert.match(card("rubrics", 1).querySelector(tid("remove-from-section")).getAttribute("aria-label"), /Domain costs/);
    assert.equal(card("rubrics", 1).querySelector(tid("move-down")).getAttribute("aria-disabled"), "true");
  });

  test("the index of all notes offers Add to hub and Tags, not moves", () => {
    const state = hubState({ notes: NOTES, sections: [["A hub", [0, 1, 2]]], kind: "index" });
    const { card } = mount({ expanded: ["1"] }, state);
    assert.equal(card("sft").querySelectorAll(tid("add-to-hub")).length, 1);
    assert.equal(card("sft").querySelectorAll(tid("edit-tags")).length, 1);
    assert.equal(card("sft").querySelectorAll(tid("move-up")).length, 0);
  });
});

describe("messages the controls send", () => {
  test("move up / down / remove send the note, its section and the new position", () => {
    const { card, edits } = mount();
    click(card("rubrics", 0).querySelector(tid("move-up")));
    click(card("sft").querySelector(tid("move-down")));
    click(card("sft").querySelector(tid("move-up"))); // disabled: sends nothing
    click(card("medical").querySelector(tid("remove-from-section")));
    assert.deepEqual(edits().map(strip), [
      { type: "edit", op: "move", note: "rubrics", section: "Dynamics", from: "Dynamics", position: 0 },
      { type: "edit", op: "move", note: "sft", section: "Dynamics", from: "Dynamics", position: 1 },
      { type: "edit", op: "remove", note: "medical", section: "Domain costs" },
    ]);
    assert.equal(new Set(edits().map((m) => m.request)).size, 3, "every request has its own id");
  });

  test("Add to hub…: a menu of every hub's sections, the shown hub first, chosen with the keyboard", () => {
    const { card, edits, el } = mount();
    const opener = card("medical").querySelector(tid("add-to-hub"));
    opener.focus();
    click(opener);
    const menu = el.querySelector(tid("add-menu"));
    assert.equal(opener.getAttribute("aria-expanded"), "true");
    assert.deepEqual([...menu.querySelectorAll(".hw-menu-group")].map((g) => g.textContent), ["A hub", "Reading group"]);
    const items = [...menu.querySelectorAll("[role=menuitem]")];
    assert.deepEqual(items.map((b) => b.textContent), ["Dynamics", "Domain costs ✓", "New section…", "Week 1", "New section…", "New hub…"]);
    assert.deepEqual(items.map((b) => b.getAttribute("aria-disabled")), [null, "true", null, null, null, null], "the note's own section is marked");
    assert.equal(document.activeElement, items[0], "focus moves into the menu");
    key(document.activeElement, "ArrowDown");
    assert.equal(document.activeElement, items[1]);
    key(document.activeElement, "ArrowUp");
    key(document.activeElement, "ArrowUp"); // wraps to the end
    assert.equal(document.activeElement, items[5]);
    key(document.activeElement, "Home");
    key(document.activeElement, "ArrowDown");
    key(document.activeElement, "ArrowDown");
    key(document.activeElement, "ArrowDown");
    assert.equal(document.activeElement.textContent, "Week 1");
    click(document.activeElement);
    assert.equal(el.querySelector(tid("add-menu")), null, "the menu closed");
    assert.equal(document.activeElement, opener, "focus is back on the button");
    assert.equal(opener.getAttribute("aria-expanded"), "false");
    assert.deepEqual(edits().map(strip), [{ type: "edit", op: "add", note: "medical", hub: "other", section: "Week 1" }]);
    click(opener);
    click(el.querySelector(`${tid("add-menu")} [aria-disabled=true]`));
    assert.equal(el.querySelector(tid("add-menu")), null, "choosing the marked section closes the menu");
    assert.equal(edits().length, 1, "and sends nothing");
  });

  test("Escape closes a menu without sending and gives focus back; a click outside closes it too", () => {
    const { card, edits, el } = mount();
    const opener = card("sft").querySelector(tid("move-to"));
    click(opener);
    assert.deepEqual([...el.querySelectorAll(`${tid("move-menu")} [role=menuitem]`)].map((b) => b.textContent), ["Domain costs", "New section…"]);
    key(document.activeElement, "Escape");
    assert.equal(el.querySelector(tid("move-menu")), null);
    assert.equal(document.activeElement, opener);
    click(opener);
    document.body.dispatchEvent(new window.MouseEvent("mousedown", { bubbles: true }));
    assert.equal(el.querySelector(tid("move-menu")), null);
    assert.equal(edits().length, 0);
  });

  test("Move to… a new section: a one-line form; Enter sends the move", () => {
    const { card, edits, el } = mount();
    click(card("sft").querySelector(tid("move-to")));
    click(el.querySelector(tid("move-new-section")));
    const input = el.querySelector(tid("new-section-title"));
    assert.equal(document.activeElement, input);
    input.value = "  Week 2 ";
    key(input, "Enter"); // handled by the form itself: JupyterLab swallows implicit submission
    assert.deepEqual(edits().map(strip), [{ type: "edit", op: "move", note: "sft", section: "Week 2", from: "Dynamics" }]);
    assert.equal(document.activeElement, card("sft").querySelector(tid("move-to")));
  });

  test("an empty new section title is not sent", () => {
    const { card, edits, el } = mount();
    click(card("sft").querySelector(tid("add-to-hub")));
    click(el.querySelector(tid("add-new-section")));
    el.querySelector(tid("new-section-form")).dispatchEvent(new window.Event("submit", { cancelable: true }));
    assert.equal(edits().length, 0);
    assert.ok(el.querySelector(tid("new-section-form")), "the form stays open");
  });

  test("Tags…: the note's tags in one line; saving sends the list, an empty line clears them", () => {
    const { card, edits, el } = mount();
    click(card("sft").querySelector(tid("edit-tags")));
    const input = el.querySelector(tid("tags-input"));
    assert.equal(input.value, "rl, sft");
    input.value = "rl, exploration, , rl-theory";
    el.querySelector(tid("tags-form")).dispatchEvent(new window.Event("submit", { cancelable: true }));
    click(card("rubrics").querySelector(tid("edit-tags")));
    el.querySelector(tid("tags-input")).value = "";
    el.querySelector(tid("tags-form")).dispatchEvent(new window.Event("submit", { cancelable: true }));
    assert.deepEqual(edits().map(strip), [
      { type: "edit", op: "tags", note: "sft", tags: ["rl", "exploration", "rl-theory"] },
      { type: "edit", op: "tags", note: "rubrics", tags: [] },
    ]);
  });

  test("Save search as section: shown only while there is a query; sends the query and the title", () => {
    const { model, edits, el } = mount();
    const button = el.querySelector(tid("save-search"));
    assert.equal(button.hidden, true);
    model.set("query", "reward");
    assert.equal(button.hidden, false);
    click(button);
    const input = el.querySelector(tid("save-search-title"));
    assert.equal(input.value, "reward");
    input.value = "About rewards";
    click(el.querySelector(tid("save-search-submit")));
    el.querySelector(tid("save-search-form"))?.dispatchEvent(new window.Event("submit", { cancelable: true }));
    assert.deepEqual(edits().map(strip), [{ type: "edit", op: "save-search", query: "reward", title: "About rewards" }]);
  });

  test("the reader shows the controls for the open note", async () => {
    const { model, el } = mount({ selected: "medical", reading: true });
    const ask = model.sent.find((m) => m.type === "note");
    model.answer({ type: "note", request: ask.request, id: "medical", title: "Medical domain training", summary: "", tags: [], html: "", has_body: false, sources: [], sections: ["Domain costs"], hubs: [] });
    await settle(5);
    const reader = el.querySelector(tid("reader"));
    for (const name of ["add-to-hub", "move-up", "move-down", "move-to", "remove-from-section", "edit-tags"]) {
      assert.equal(reader.querySelectorAll(tid(name)).length, 1, name);
    }
  });
});

describe("New hub…", () => {
  const openForm = (card, el, id = "medical") => {
    const opener = card(id).querySelector(tid("add-to-hub"));
    opener.focus();
    click(opener);
    const item = el.querySelector(`${tid("add-menu")} ${tid("new-hub")}`);
    assert.equal(item.getAttribute("role"), "menuitem");
    click(item);
    return { opener, form: el.querySelector(tid("new-hub-form")) };
  };
  const field = (el, name) => el.querySelector(tid(`new-hub-${name}`));

  test("is the menu's last item, opens a form with title, description and first section, Enter sends new-hub", () => {
    const { card, edits, el } = mount();
    const { opener, form } = openForm(card, el);
    assert.equal(el.querySelector(tid("add-menu")), null, "the menu closed");
    assert.equal(form.getAttribute("role"), "dialog");
    assert.equal(document.activeElement, field(el, "title"), "focus is in the title");
    assert.equal(field(el, "section").value, "Notes");
    assert.match(form.textContent, /Medical domain training/);
    field(el, "title").value = "  Reading group  ";
    field(el, "description").value = "What we read.";
    field(el, "section").value = "Week 1";
    key(field(el, "section"), "Enter");
    assert.equal(el.querySelector(tid("new-hub-form")), null, "the form closed");
    assert.equal(document.activeElement, opener, "focus is back on Add to hub…");
    assert.deepEqual(edits().map(strip), [{ type: "edit", op: "new-hub", note: "medical", title: "Reading group", description: "What we read.", section: "Week 1" }]);
  });

  test("an empty title is one line in the form and sends nothing; an empty section becomes Notes", () => {
    const { card, edits, el } = mount();
    openForm(card, el);
    el.querySelector(tid("new-hub-submit")).click();
    const error = el.querySelector(tid("new-hub-error"));
    assert.equal(error.hidden, false);
    assert.equal(error.textContent, "A new hub needs a title.");
    assert.equal(field(el, "title").getAttribute("aria-invalid"), "true");
    assert.equal(document.activeElement, field(el, "title"));
    assert.equal(edits().length, 0);
    field(el, "title").value = "X";
    field(el, "title").dispatchEvent(new window.Event("input", { bubbles: true }));
    assert.equal(error.hidden, true, "typing a title clears the line");
    field(el, "section").value = "  ";
    el.querySelector(tid("new-hub-submit")).click();
    assert.deepEqual(edits().map(strip), [{ type: "edit", op: "new-hub", note: "medical", title: "X", description: "", section: "Notes" }]);
  });

  test("Escape cancels and gives focus back", () => {
    const { card, edits, el } = mount();
    const { opener } = openForm(card, el);
    key(field(el, "description"), "Escape");
    assert.equal(el.querySelector(tid("new-hub-form")), null);
    assert.equal(document.activeElement, opener);
    assert.equal(edits().length, 0);
  });

  test("the success line offers Open hub, which asks the kernel to show the new hub", async () => {
    const { model, card, edits, el } = mount({ hub_list: [{ id: "a-hub", title: "A hub" }] });
    openForm(card, el);
    field(el, "title").value = "Reading group";
    key(field(el, "title"), "Enter");
    model.answer({ type: "edit", request: edits()[0].request, ok: true, message: "Created hub “Reading group”.", hub: "reading-group" });
    await settle(5);
    const offer = el.querySelector(`${tid("edit-status")} ${tid("open-new-hub")}`);
    assert.ok(offer, "Open hub is in the success line");
    assert.equal(document.activeElement, offer, "focus moved to the offer");
    assert.match(el.querySelector(tid("edit-status")).textContent, /^Created hub “Reading group”\. Open hub$/);
    click(offer);
    assert.deepEqual(model.sent.filter((m) => m.type === "show").map(strip), [{ type: "show", hub: "reading-group" }]);
  });

  test("no Open hub where the view cannot switch hubs (no hub_list: a one-note widget)", async () => {
    const { model, card, edits, el } = mount();
    openForm(card, el);
    field(el, "title").value = "Reading group";
    key(field(el, "title"), "Enter");
    model.answer({ type: "edit", request: edits()[0].request, ok: true, message: "Created hub “Reading group”.", hub: "reading-group" });
    await settle(5);
    assert.equal(el.querySelector(tid("edit-status")).textContent, "Created hub “Reading group”.");
    assert.equal(el.querySelector(tid("open-new-hub")), null);
  });

  test("an error from the kernel shows as one line and no Open hub", async () => {
    const { model, card, edits, el } = mount({ hub_list: [{ id: "a-hub", title: "A hub" }] });
    openForm(card, el);
    field(el, "title").value = "A hub";
    key(field(el, "title"), "Enter");
    model.answer({ type: "edit", request: edits()[0].request, ok: false, error: `EditRequestError: a hub “A hub” exists already ${HOSTILE[0]}\nmore` });
    await settle(5);
    const error = el.querySelector(tid("edit-error"));
    assert.equal(error.hidden, false);
    assert.equal(error.textContent, `EditRequestError: a hub “A hub” exists already ${HOSTILE[0]}`);
    assert.equal(el.querySelector(tid("open-new-hub")), null);
    assert.ok(noInjectedElements(el));
  });

  test("a new hub in hub_list shows in the index's hub bar at once", async () => {
    const state = { ...hubState({ notes: NOTES, sections: [] }), kind: "index", hub: null };
    const { model, q } = mount({ hub_list: [{ id: "a-hub", title: "A hub" }] }, state);
    assert.deepEqual(q(tid("open-hub")).map((b) => b.dataset.hubId), ["a-hub"]);
    model.set("hub_list", [{ id: "a-hub", title: "A hub" }, { id: "reading-group", title: "Reading group" }]);
    assert.deepEqual(q(tid("open-hub")).map((b) => b.dataset.hubId), ["a-hub", "reading-group"]);
  });
});

describe("drag and drop", () => {
  function drag(kind, target) {
    const event = new window.Event(kind, { bubbles: true, cancelable: true });
    Object.defineProperty(event, "dataTransfer", { value: { setData() {}, effectAllowed: "", dropEffect: "" } });
    target.dispatchEvent(event);
    return event;
  }

  test("cards in sections are draggable only where editing is offered", () => {
    const first = mount();
    assert.equal(first.card("sft").getAttribute("draggable"), "true");
    first.unmount();
    assert.equal(mount({ editing: {} }).card("sft").getAttribute("draggable"), null);
  });

  test("a card dropped on another card takes its place; on a heading, the end of that section", () => {
    const { card, edits, el } = mount();
    drag("dragstart", card("sft"));
    const over = drag("dragover", card("medical"));
    assert.equal(over.defaultPrevented, true, "the card accepts the drop");
    drag("drop", card("medical"));
    drag("dragend", card("sft"));
    drag("dragstart", card("sft"));
    drag("drop", el.querySelectorAll(tid("section-toggle"))[0]); // its own section's heading: the end
    drag("dragend", card("sft"));
    drag("dragstart", card("sft"));
    assert.equal(drag("dragover", card("sft")).defaultPrevented, false, "not onto itself");
    assert.deepEqual(edits().map(strip), [
      { type: "edit", op: "move", note: "sft", from: "Dynamics", section: "Domain costs", position: 0 },
      { type: "edit", op: "move", note: "sft", from: "Dynamics", section: "Dynamics", position: 1 },
    ]);
  });

  test("dropPlace counts positions once the note left its place", () => {
    const { model } = mount();
    const store = { state: model.get("state"), notes: model.get("state").notes };
    const at = (key, noteId) => {
      const section = document.querySelector(`[data-testid=section][data-key="${key}"]`);
      return noteId ? section.querySelector(`[data-note-id="${noteId}"]`) : section;
    };
    assert.deepEqual(dropPlace(store, { note: "rubrics", from: "Dynamics" }, at("1", "sft")), { section: "Dynamics", position: 0 });
    assert.equal(dropPlace(store, { note: "sft", from: "Dynamics" }, at("1", "rubrics")), null, "before the next card is where it is");
    assert.deepEqual(dropPlace(store, { note: "medical", from: "Domain costs" }, at("1")), { section: "Dynamics", position: 2 });
  });
});

describe("untrusted text", () => {
  test("hub and section titles a person wrote reach menus and labels as text only", () => {
    const editing = { ...EDITING, hubs: [{ id: "x", title: HOSTILE[0], sections: [HOSTILE[1], HOSTILE[2]] }] };
    const state = hubState({ notes: [{ id: "h", title: HOSTILE[2], tags: [HOSTILE[0]] }], sections: [[HOSTILE[1], [0]]] });
    const { el } = mount({ editing, expanded: ["1"] }, state);
    click(el.querySelector(tid("add-to-hub")));
    const items = [...el.querySelectorAll(`${tid("add-menu")} [role=menuitem]`)].map((b) => b.textContent);
    assert.deepEqual(items, [HOSTILE[1], HOSTILE[2], "New section…", "New hub…"]);
    click(el.querySelector(`${tid("add-menu")} ${tid("new-hub")}`));
    assert.ok(el.querySelector(tid("new-hub-form")).textContent.includes(HOSTILE[2]), "the note's title, as text");
    assert.ok(noInjectedElements(el));
    key(document.activeElement, "Escape");
    click(el.querySelector(tid("edit-tags")));
    assert.equal(el.querySelector(tid("tags-input")).value, HOSTILE[0]);
    assert.ok(noInjectedElements(el));
    assert.equal(globalThis.pwned, undefined);
  });
});

describe("undo", () => {
  test("the Undo button and Ctrl/Cmd+Z send undo; typing in the search box keeps Ctrl+Z for the text", () => {
    const { model, edits, el } = mount({ editing: { ...EDITING, undo: true, undo_label: "add" } });
    click(el.querySelector(tid("undo")));
    const card = el.querySelector(tid("note-card"));
    key(card, "z", { ctrlKey: true });
    key(card, "Z", { metaKey: true });
    key(el.querySelector(tid("search")), "z", { ctrlKey: true });
    key(card, "z", { ctrlKey: true, shiftKey: true }); // redo is not ours
    assert.deepEqual(edits().map(strip), [{ type: "edit", op: "undo" }, { type: "edit", op: "undo" }, { type: "edit", op: "undo" }]);
    model.set("editing", { ...EDITING, undo: false });
    assert.equal(el.querySelector(tid("undo")).getAttribute("aria-disabled"), "true");
    click(el.querySelector(tid("undo")));
    assert.equal(edits().length, 3, "nothing to undo: nothing sent");
    assert.match(el.querySelector(tid("edit-error")).textContent, /Nothing to undo/);
  });
});

describe("answers", () => {
  test("after Remove, focus goes to the next card's Remove in that section, not to the page", async () => {
    const { model, card, edits, el } = mount();
    const button = card("sft").querySelector(tid("remove-from-section"));
    button.focus();
    click(button);
    model.set("state", hubState({ notes: NOTES, sections: [["Dynamics", [1]], ["Domain costs", [2, 1]]] }));
    model.answer({ type: "edit", request: edits()[0].request, ok: true, message: "Removed." });
    await settle(5);
    const active = document.activeElement;
    assert.equal(active.dataset.testid, "remove-from-section");
    assert.equal(active.closest(tid("note-card")).dataset.noteId, "rubrics");
    assert.equal(active.closest(tid("section")).querySelector(".hw-section-title").textContent, "Dynamics");
    assert.ok(el.contains(active));
  });

  test("an error shows as one line of text, hostile markup included; a success clears it", async () => {
    const { model, card, edits, el } = mount();
    click(card("sft").querySelector(tid("remove-from-section")));
    const error = el.querySelector(tid("edit-error"));
    model.answer({ type: "edit", request: edits()[0].request, ok: false, error: `StaleFileError: hubs/a-hub.yaml changed on disk ${HOSTILE[0]}\nTraceback...` });
    await settle(5);
    assert.equal(error.hidden, false);
    assert.equal(error.textContent, `StaleFileError: hubs/a-hub.yaml changed on disk ${HOSTILE[0]}`);
    assert.ok(noInjectedElements(el));
    click(card("sft").querySelector(tid("move-down")));
    model.answer({ type: "edit", request: edits()[1].request, ok: true, message: "Moved “sft” to Dynamics." });
    await settle(5);
    assert.equal(error.hidden, true);
    assert.equal(el.querySelector(tid("edit-status")).textContent, "Moved “sft” to Dynamics.");
  });

  test("a new revision while reading asks for the note again and keeps focus on the same control", async () => {
    const { model, el } = mount({ selected: "sft", reading: true });
    const body = (request, summary) => model.answer({ type: "note", request, id: "sft", title: "Why?", summary, tags: [], html: "<p>b</p>", has_body: true, sources: [], sections: ["Dynamics"], hubs: [] });
    body(model.sent.find((m) => m.type === "note").request, "old summary");
    await settle(5);
    el.querySelector(`${tid("reader")} ${tid("edit-tags")}`).focus();
    model.set("revision", 1);
    const asks = model.sent.filter((m) => m.type === "note");
    assert.equal(asks.length, 2);
    body(asks[1].request, "new summary");
    await settle(5);
    assert.equal(el.querySelector(tid("reader-summary")).textContent, "new summary");
    assert.equal(document.activeElement, el.querySelector(`${tid("reader")} ${tid("edit-tags")}`));
  });

  test("a new state after an edit keeps the query, the open sections and focus on the moved note's control", () => {
    const { model, card, el } = mount();
    const button = card("rubrics", 0).querySelector(tid("move-up"));
    button.focus();
    const moved = hubState({ notes: NOTES, sections: [["Dynamics", [1, 0]], ["Domain costs", [2, 1]]] });
    model.set("state", moved);
    assert.deepEqual([...el.querySelectorAll(`${tid("section")}:first-child ${tid("note-card")}`)].map((c) => c.dataset.noteId), ["rubrics", "sft"]);
    assert.equal(document.activeElement.dataset.testid, "move-up");
    assert.equal(document.activeElement.closest(tid("note-card")).dataset.noteId, "rubrics");
    assert.equal(document.activeElement.getAttribute("aria-disabled"), "true");
  });
});
