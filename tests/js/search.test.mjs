// Search in the whole widget (index.js, search-bar.js, card.js, views, reader.js): the hint, the
// kernel's ranking and snippets, highlighting in the reader.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import widget from "../../js/index.js";
import { FakeModel, HOSTILE, hubState, noInjectedElements, settle, widgetPage } from "./support.mjs";

const render = widgetPage(widget);

const NOTES = [
  { id: "sft", title: "Why does SFT then RL follow three phases?", summary: "Disruption, readaptation, overfitting.", tags: ["rl"] },
  { id: "rubrics", title: "Rubrics as rewards", summary: "Grading open answers with rubrics." },
  { id: "medical", title: "Medical domain training", summary: "What specialising costs." },
  { id: "law", title: "Law and contracts", summary: "Legal text." },
];
const SECTIONS = [["Dynamics", [0, 1]], ["Domains", [2, 3]]];

function mount(traits = {}) {
  const model = new FakeModel({ state: hubState({ notes: NOTES, sections: SECTIONS }), expanded: ["1", "2"], ...traits });
  return render(model);
}

const testid = (id) => `[data-testid="${id}"]`;
const ids = (nodes) => nodes.map((n) => n.dataset.noteId);
const type = (el, model, text) => {
  const input = el.querySelector(testid("search"));
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
};

describe("the hint", () => {
  test("a malformed query shows one line under the box; a good one hides it", () => {
    const { el, model, q } = mount();
    const hint = q(testid("search-hint"))[0];
    assert.equal(hint.hidden, true);
    type(el, model, "medical OR");
    assert.equal(hint.hidden, false);
    assert.equal(hint.textContent, "OR needs a term on each side: searched as plain words");
    assert.deepEqual(ids(q(testid("note-card"))), ["medical"]);
    type(el, model, "medical OR law");
    assert.equal(hint.hidden, true);
    assert.deepEqual(ids(q(testid("note-card"))), ["medical", "law"]);
  });
});

describe("the kernel's answer", () => {
  const TEXT = "…the reward signal that a rubric gives…";
  const at = (word) => [TEXT.indexOf(word), TEXT.indexOf(word) + word.length]; // BMP text: code units = code points
  const SNIPPET = { text: TEXT, marks: [at("reward"), at("rubric")] };
  const answer = (query) => ({ query, ids: ["law", "rubrics"], snippets: { law: SNIPPET }, hint: null });

  test("grid and table follow the ranking; the sections view keeps section order", () => {
    const { model, q } = mount({ view: "grid" });
    model.set("query", "r");
    model.set("search_hits", answer("r"));
    assert.deepEqual(ids(q(testid("note-card"))), ["law", "rubrics"]);
    model.set("view", "table");
    assert.deepEqual(ids(q(testid("note-row"))), ["law", "rubrics"]);
    model.set("view", "sections");
    assert.deepEqual(ids(q(testid("note-card"))), ["rubrics", "law"]);
    assert.deepEqual(q(testid("result-count")).map((n) => n.textContent), ["2 of 4 notes match"]);
  });

  test("a note matched outside its title and summary shows the snippet, its words marked", () => {
    const { model, q } = mount({ view: "grid" });
    model.set("query", "r");
    model.set("search_hits", answer("r"));
    const snippets = q(testid("snippet"));
    assert.equal(snippets.length, 1, "rubrics matches in its title: no snippet");
    assert.equal(snippets[0].closest(testid("note-card")).dataset.noteId, "law");
    assert.equal(snippets[0].textContent, SNIPPET.text);
    assert.deepEqual([...snippets[0].querySelectorAll("mark")].map((m) => m.textContent), ["reward", "rubric"]);
    model.set("view", "table");
    const row = q(testid("snippet"))[0].closest(testid("note-row"));
    assert.equal(row.dataset.noteId, "law");
  });

  test("an answer for an older query is ignored", () => {
    const { model, q } = mount({ view: "grid" });
    model.set("query", "rub");
    model.set("search_hits", answer("r"));
    assert.deepEqual(ids(q(testid("note-card"))), ["rubrics"]);
    assert.equal(q(testid("snippet")).length, 0);
  });

  test("a snippet holding markup shows as text in cards and rows", () => {
    for (const view of ["grid", "table"]) {
      const { model, el, q, unmount } = mount({ view });
      model.set("query", "zz");
      const snippets = Object.fromEntries(NOTES.map((n, k) => [n.id, { text: HOSTILE[k % HOSTILE.length], marks: [[0, 4]] }]));
      model.set("search_hits", { query: "zz", ids: NOTES.map((n) => n.id), snippets, hint: null });
      assert.deepEqual(q(testid("snippet")).map((s) => s.textContent), NOTES.map((_, k) => HOSTILE[k % HOSTILE.length]));
      assert.ok(noInjectedElements(el));
      assert.equal(globalThis.pwned, undefined);
      unmount();
    }
  });
});

describe("the reader", () => {
  test("the query's words are marked in the summary and the body, excluded words are not", async () => {
    const { model, q } = mount({ query: "rubric -grading" });
    model.set("selected", "rubrics");
    model.set("reading", true);
    const ask = model.sent.find((m) => m.type === "note");
    model.answer({
      type: "note", request: ask.request, id: "rubrics", title: "Rubrics as rewards", summary: "Grading with rubrics.",
      sections: [], tags: [], sources: [], has_body: true,
      html: "<p>A <strong>rubric</strong> is grading made explicit; rubrics scale.</p>",
    });
    await settle(0);
    assert.deepEqual(q(`${testid("reader-summary")} mark`).map((m) => m.textContent), ["rubric"]);
    assert.deepEqual(q(`${testid("reader-body")} mark`).map((m) => m.textContent), ["rubric", "rubric"]);
    assert.equal(q(`${testid("reader-body")} strong mark`).length, 1);
    assert.equal(q(testid("reader-body"))[0].textContent, "A rubric is grading made explicit; rubrics scale.");
  });
});
