// hub-links.js: "← All notes" from a hub, the hubs from the index, a note's hubs in the reader.
import assert from "node:assert/strict";
import { test } from "node:test";
import widget from "../../js/index.js";
import { FakeModel, HOSTILE, hubState, noInjectedElements, settle, until, widgetPage } from "./support.mjs";

const render = widgetPage(widget);

const NOTES = [
  { id: "a", title: "Note A", summary: "First." },
  { id: "b", title: "Note B", summary: "Second." },
];
const HUBS = [
  { id: "moc", title: "Research MOC" },
  { id: "other", title: HOSTILE[0] },
];

function mount(traits, kind = "hub") {
  const state = hubState({ notes: NOTES, sections: [["S", [0, 1]]], kind });
  const model = new FakeModel({ state, expanded: ["1"], ...traits });
  return render(model);
}

test("a hub view offers ← All notes; pressing it asks the kernel for the index", () => {
  const { model, q } = mount({ hub_list: HUBS });
  const back = q('[data-testid="to-index"]');
  assert.equal(back.length, 1);
  assert.equal(back[0].tagName, "BUTTON");
  back[0].click();
  assert.deepEqual(model.sent.map(({ type, hub }) => ({ type, hub })), [{ type: "show", hub: "" }]);
});

test("the index lists the hubs as buttons that open them; focus follows to the new view", async () => {
  const { model, q } = mount({ hub_list: HUBS }, "index");
  const buttons = q('[data-testid="open-hub"]');
  assert.deepEqual(buttons.map((b) => b.dataset.hubId), ["moc", "other"]);
  assert.equal(buttons[1].textContent, `${HOSTILE[0]} →`); // a title is text, never markup
  assert.ok(noInjectedElements(q('[data-testid="hub-links"]')[0]));
  buttons[0].click();
  assert.deepEqual(model.sent.at(-1).hub, "moc");
  model.set("state", hubState({ notes: NOTES, sections: [["S", [0]]], kind: "hub" }));
  await settle(10);
  assert.equal(document.activeElement.dataset.testid, "to-index");
  assert.equal(q('[data-testid="hub"]')[0].dataset.kind, "hub"); // the root says what it shows now
});

test("without a kernel to switch views (no hub_list) there is no hub bar", () => {
  const { q } = mount({});
  assert.equal(q('[data-testid="to-index"]').length, 0);
  assert.equal(q('[data-testid="hub-links"]')[0].hidden, true);
});

test("the reader lists the note's hubs and opens one", async () => {
  const { model, q } = mount({ hub_list: HUBS, selected: "a", reading: true });
  const ask = model.sent.find((m) => m.type === "note");
  model.answer({ ...ask, title: "Note A", summary: "", tags: [], html: "<p>x</p>", has_body: true, sources: [], sections: [], hubs: HUBS });
  await until(() => q('[data-testid="reader-hub"]').length === 2, "reader hubs");
  q('[data-testid="reader-hub"]')[1].click();
  assert.deepEqual(model.sent.at(-1).hub, "other");
  assert.ok(noInjectedElements(q('[data-testid="reader-hubs"]')[0]));
});

test("focus lands on the new bar even when the reader closes after the state changed", async () => {
  const { model, q } = mount({ hub_list: HUBS, selected: "a", reading: true }, "index");
  const ask = model.sent.find((m) => m.type === "note");
  model.answer({ ...ask, title: "Note A", summary: "", tags: [], html: "", has_body: false, sources: [], sections: [], hubs: HUBS });
  await until(() => q('[data-testid="reader-hub"]').length === 2, "reader hubs");
  q('[data-testid="reader-hub"]')[0].focus();
  q('[data-testid="reader-hub"]')[0].click();
  model.set("state", hubState({ notes: NOTES, sections: [["S", [0]]], kind: "hub" }));
  model.set("selected", "");
  model.set("reading", false); // the kernel's traits may land in any order
  await settle(10);
  assert.equal(document.activeElement.dataset.testid, "to-index");
});
