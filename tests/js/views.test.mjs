// The whole widget rendered from a state object (js/index.js and the view modules), in jsdom.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import widget from "../../js/index.js";
import { FIRST } from "../../js/paging.js";
import { FakeModel, HOSTILE, hubState, manyNotes, noInjectedElements, settle, until, widgetPage } from "./support.mjs";

const render = widgetPage(widget);

const NOTES = [
  { id: "sft", title: "Why does SFT then RL follow three phases?", summary: "Disruption, readaptation, overfitting.", tags: ["rl"] },
  { id: "rubrics", title: "Rubrics as rewards", summary: "Grading open answers with rubrics." },
  { id: "medical", title: "Medical domain training", summary: "What specialising costs." },
  { id: "loose", title: "A note in no section", summary: "" },
];
const SECTIONS = [["SFT-RL Training Dynamics", [0, 1]], ["Domain costs", [2, 1]], ["Planned", []]];

function mount(traits = {}, state = hubState({ notes: NOTES, sections: SECTIONS, title: "How do domain techniques reshape models?", description: "Methods and trade-offs." })) {
  const model = new FakeModel({ state, expanded: ["1", "2", "3"], ...traits });
  return render(model);
}

const texts = (nodes) => nodes.map((n) => n.textContent);
const testid = (id) => `[data-testid="${id}"]`;

describe("header and toolbar", () => {
  test("title, description and counts come from the state", () => {
    const { q } = mount();
    assert.deepEqual(texts(q(testid("hub-title"))), ["How do domain techniques reshape models?"]);
    assert.deepEqual(texts(q(testid("hub-counts"))), ["Topic Hub · 4 linked notes · 3 sections"]);
    assert.equal(q(".hw-description")[0].textContent, "Methods and trade-offs.");
  });
  test("View as: four buttons, the current one pressed", () => {
    const { q } = mount({ view: "grid" });
    const pressed = q(`${testid("view-as")} button`).map((b) => [b.dataset.view, b.getAttribute("aria-pressed")]);
    assert.deepEqual(pressed, [["sections", "false"], ["grid", "true"], ["table", "false"], ["graph", "false"]]);
  });
  test("a single note hides the toolbar and the hub title", () => {
    const state = hubState({ notes: NOTES.slice(0, 1), kind: "note" });
    const { q } = mount({}, state);
    assert.equal(q(".hw-toolbar")[0].hidden, true);
    assert.equal(q(testid("hub-title")).length, 0);
  });
});

describe("sections view", () => {
  test("one section per hub section, in order, with counts; a note may sit in two", () => {
    const { q } = mount();
    assert.deepEqual(texts(q(`${testid("section")} .hw-section-title`)), ["SFT-RL Training Dynamics", "Domain costs", "Planned"]);
    assert.deepEqual(texts(q(testid("section-count"))), ["2 notes", "2 notes", "0 notes"]);
    const second = q(testid("section"))[1];
    assert.deepEqual([...second.querySelectorAll(testid("note-card"))].map((c) => c.dataset.noteId), ["medical", "rubrics"]);
    assert.equal(q(testid("section-empty")).length, 1);
  });
  test("closed sections build no cards; the toggle opens one and syncs 'expanded'", () => {
    const { model, q } = mount({ expanded: [] });
    assert.equal(q(testid("note-card")).length, 0);
    assert.equal(q(testid("expand-all"))[0].textContent, "Expand all");
    q(testid("section-toggle"))[1].click();
    assert.deepEqual(model.get("expanded"), ["2"]);
    assert.equal(model.saves, 1);
    assert.equal(q(testid("section-toggle"))[1].getAttribute("aria-expanded"), "true");
    assert.equal(q(testid("note-card")).length, 2);
  });
  test("a query lists only sections with matches, counting them", () => {
    const { model, q } = mount();
    model.set("query", "rubrics");
    assert.deepEqual(texts(q(testid("section-count"))), ["1 of 2 match", "1 of 2 match"]);
    assert.deepEqual(texts(q(testid("result-count"))), ["1 of 4 notes match"]);
    assert.deepEqual(texts(q("mark")), ["Rubrics", "rubrics", "Rubrics", "rubrics"]);
  });
  test("no match: one line saying so", () => {
    const { model, q } = mount();
    model.set("query", "zzz");
    assert.deepEqual(texts(q(testid("no-results"))), ["No notes match “zzz”."]);
  });
});

describe("grid view", () => {
  test("every note once, in hub order, its section named", () => {
    const { q } = mount({ view: "grid" });
    assert.deepEqual(q(testid("note-card")).map((c) => c.dataset.noteId), ["sft", "rubrics", "medical", "loose"]);
    assert.deepEqual(texts(q(".hw-card-section")), ["SFT-RL Training Dynamics", "SFT-RL Training Dynamics", "Domain costs"]);
  });
  test(`long lists build ${FIRST} cards, then a page more on "Show more"`, async () => {
    const { q } = mount({ view: "grid" }, hubState({ notes: manyNotes(FIRST + 5) }));
    const more = q(testid("show-more"))[0];
    assert.equal(more.textContent, "Show more (5 more)");
    await until(() => !more.disabled, "the first page to be built");
    assert.equal(q(testid("note-card")).length, FIRST);
    more.click();
    await until(() => q(testid("note-card")).length === FIRST + 5, "the next page");
    assert.equal(q(testid("show-more")).length, 0);
  });
  test("clicking a card selects it; Read → opens the reader", () => {
    const { model, q } = mount({ view: "grid" });
    q(testid("note-card"))[2].querySelector(".hw-card-title").click();
    assert.equal(model.get("selected"), "medical");
    assert.equal(q(".hw-selected")[0].dataset.noteId, "medical");
    q(testid("read"))[1].click();
    assert.deepEqual([model.get("selected"), model.get("reading")], ["rubrics", true]);
  });
});

describe("table view", () => {
  test("a row per note with #, title, section, summary; sorting by a column and back", () => {
    const { q } = mount({ view: "table" });
    const titles = () => texts(q(`${testid("note-row")} ${testid("note-title")}`));
    assert.deepEqual(titles(), NOTES.map((n) => n.title));
    q(testid("sort-title"))[0].click();
    assert.deepEqual(titles(), [...NOTES.map((n) => n.title)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    assert.equal(q(`th[aria-sort="ascending"]`)[0].textContent.trim(), "Title ▲");
    q(testid("sort-title"))[0].click();
    assert.equal(q(`th[aria-sort="descending"]`).length, 1);
    q(testid("sort-section"))[0].click();
    assert.deepEqual(texts(q(".hw-col-section")).slice(1), ["SFT-RL Training Dynamics", "SFT-RL Training Dynamics", "Domain costs", ""]);
  });
  test("typing keeps the table and its sort, swapping only the rows", () => {
    const { model, q } = mount({ view: "table" });
    q(testid("sort-title"))[0].click();
    const table = q(testid("table"))[0];
    model.set("query", "r");
    assert.equal(q(testid("table"))[0], table);
    assert.deepEqual(q(testid("note-row")).map((r) => r.dataset.noteId), ["rubrics", "sft"]);
  });
});

describe("graph view", () => {
  test("asks the kernel for a layout once, then draws a dot per note and the links", () => {
    const { model, q } = mount({ view: "graph" });
    assert.equal(q(testid("graph-loading")).length, 1);
    assert.deepEqual(model.sent.map((m) => m.type), ["graph"]);
    model.set("graph", { nodes: [[0, 0], [1, 1], [0.5, 0.5], [0.2, 0.8]], edges: [[0, 1], [1, 2]], groups: [0, 0, 1, -1] });
    assert.equal(q(testid("graph-node")).length, 4);
    assert.equal(q(".hw-edges line").length, 2);
    assert.deepEqual(texts(q(`${testid("graph-legend")} li`)), ["SFT-RL Training Dynamics", "Domain costs", "Planned"]);
    assert.deepEqual(model.sent.map((m) => m.type), ["graph"]);
  });
  test("non-matching notes are dimmed and their links hidden; Enter on a dot opens it", () => {
    const { model, q } = mount({ view: "graph", graph: { nodes: [[0, 0], [1, 1], [0.5, 0.5], [0, 1]], edges: [[0, 1], [1, 2]], groups: [0, 0, 1, -1] } });
    model.set("query", "rubrics");
    assert.deepEqual(q(".hw-node:not(.hw-dim)").map((c) => c.dataset.noteId), ["rubrics"]);
    assert.equal(q(".hw-edges line").length, 0);
    q(testid("graph-node"))[2].dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    assert.deepEqual([model.get("selected"), model.get("reading")], ["medical", true]);
  });
  test("a layout error is shown as text", () => {
    const { q } = mount({ view: "graph", graph: { error: "install hubwidgets[graph]" } });
    assert.deepEqual(texts(q(testid("graph-error"))), ["install hubwidgets[graph]"]);
  });
});

describe("reader", () => {
  const answer = (request, extra = {}) => ({
    type: "note", request, id: "rubrics", title: "Rubrics as rewards", summary: "Grading open answers.",
    sections: ["SFT-RL Training Dynamics", "Domain costs"], tags: ["rl", "eval"], has_body: true,
    html: '<p>See <a class="hw-wikilink" data-note-id="sft">SFT</a>.</p>',
    sources: [{ title: "Paper", url: "https://arxiv.org/abs/1" }, { title: "Trap", url: "javascript:alert(1)" }],
    ...extra,
  });

  test("opening a note asks for its body, then shows it with tags, sources and related notes", async () => {
    const { model, q } = mount({ selected: "rubrics", reading: true });
    assert.equal(q(testid("list"))[0].hidden, true);
    assert.deepEqual(texts(q(testid("reader-title"))), ["Rubrics as rewards"]);
    const ask = model.sent.find((m) => m.type === "note");
    model.answer(answer(ask.request));
    await settle(0);
    assert.equal(q(testid("reader-summary"))[0].textContent, "Grading open answers.");
    assert.deepEqual(texts(q(".hw-tag")), ["rl", "eval"]);
    assert.equal(q(".hw-reader-sections")[0].textContent, "In SFT-RL Training Dynamics · Domain costs");
    const sources = q(`${testid("sources")} li`);
    assert.equal(sources[0].querySelector("a").href, "https://arxiv.org/abs/1");
    assert.equal(sources[1].querySelector("a"), null, "a javascript: source is text, not a link");
    assert.ok(model.sent.some((m) => m.type === "related" && m.id === "rubrics"));
  });
  test("a wiki link in the body opens its note; Escape goes back to the list", async () => {
    const { model, el, q } = mount({ selected: "rubrics", reading: true });
    model.answer(answer(model.sent.find((m) => m.type === "note").request));
    await settle(0);
    const link = q("a.hw-wikilink")[0];
    assert.deepEqual([link.getAttribute("role"), link.getAttribute("tabindex")], ["link", "0"]);
    link.click();
    assert.equal(model.get("selected"), "sft");
    el.querySelector(testid("reader")).dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    assert.equal(model.get("reading"), false);
    assert.equal(q(testid("list"))[0].hidden, false);
  });
  test("an error answer is shown as text", async () => {
    const { model, q } = mount({ selected: "gone", reading: true });
    const ask = model.sent.find((m) => m.type === "note");
    model.answer({ type: "note", request: ask.request, error: "<b>no note 'gone'</b>" });
    await settle(0);
    assert.equal(q(".hw-error")[0].textContent, "<b>no note 'gone'</b>");
    assert.equal(q(".hw-reader b").length, 0);
  });
});

describe("related lists", () => {
  test("Explore related asks once, lists the notes, and a click opens one", async () => {
    const { model, q } = mount({ view: "grid" });
    const button = q(testid("related"))[0];
    button.click();
    assert.equal(button.getAttribute("aria-expanded"), "true");
    const ask = model.sent.find((m) => m.type === "related");
    model.answer({ type: "related", request: ask.request, id: "sft", items: [{ id: "medical", title: "Medical domain training", kind: "linked" }] });
    await settle(0);
    assert.deepEqual(texts(q(testid("related-item"))), ["Medical domain training"]);
    button.click();
    button.click();
    assert.equal(model.sent.filter((m) => m.type === "related").length, 1, "kept, not asked again");
    q(testid("related-item"))[0].click();
    assert.deepEqual([model.get("selected"), model.get("reading")], ["medical", true]);
  });
  test("the kernel's notice for a missing extra shows instead of an empty list, or under the linked notes", async () => {
    const { model, q } = mount({ view: "grid" });
    const notice = 'Related notes by text similarity needs scikit-learn: pip install "hubwidgets[similarity]"';
    const buttons = q(testid("related"));
    buttons[0].click();
    let ask = model.sent.filter((m) => m.type === "related").at(-1);
    model.answer({ type: "related", request: ask.request, id: ask.id, items: [], notice });
    await settle(0);
    assert.deepEqual(texts(q(testid("related-notice"))), [notice]);
    assert.equal(q(testid("related-item")).length, 0);
    buttons[1].click();
    ask = model.sent.filter((m) => m.type === "related").at(-1);
    model.answer({ type: "related", request: ask.request, id: ask.id, notice: "<img src=x onerror=pwned=1>",
                   items: [{ id: "medical", title: "Medical domain training", kind: "linked" }] });
    await settle(0);
    assert.deepEqual(texts(q(testid("related-item"))), ["Medical domain training"]);
    assert.equal(q(testid("related-notice")).length, 2);
    assert.equal(q(testid("related-notice"))[1].textContent, "<img src=x onerror=pwned=1>");
    assert.equal(q(".hw-related img").length + q("[data-testid=related-notice] img").length, 0);
  });
});

describe("untrusted text", () => {
  test("hostile titles, summaries, sections, tags and descriptions reach every view as text", async () => {
    const notes = HOSTILE.map((text, i) => ({ id: `x${i}`, title: text, summary: text, tags: [text] }));
    const state = hubState({ notes, sections: [[HOSTILE[0], [0, 1, 2]]], title: HOSTILE[1], description: HOSTILE[2] });
    for (const view of ["sections", "grid", "table", "graph"]) {
      const graph = { nodes: notes.map(() => [0.5, 0.5]), edges: [], groups: notes.map(() => 0) };
      const { el, model, unmount } = mount({ view, graph, query: "img" }, state);
      await settle();
      assert.ok(noInjectedElements(el), view);
      assert.ok(el.textContent.includes(HOSTILE[1]), view);
      model.set("query", "");
      assert.ok(noInjectedElements(el), view);
      unmount();
    }
    assert.equal(globalThis.pwned, undefined);
  });
});
