// Which notes a query shows (js/filter.js): local title/summary matches, then the kernel's.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { createFilter } from "../../js/filter.js";
import { createStore } from "../../js/store.js";
import { FakeModel, hubState, installDom } from "./support.mjs";

beforeEach(() => installDom());

const NOTES = [
  { id: "a", title: "Reward models", summary: "How rewards shape RL" },
  { id: "b", title: "Rubrics", summary: "Grading with rubrics" },
  { id: "c", title: "Medical domain", summary: "Training for medicine" },
  { id: "d", title: "Law", summary: "Legal text" },
];

function setup() {
  const model = new FakeModel({ state: hubState({ notes: NOTES }) });
  const store = createStore(model, "v");
  return { model, store, filter: createFilter(store) };
}

test("no query: every note, matches is null", () => {
  const { filter } = setup();
  filter.refilter();
  assert.equal(filter.matches, null);
  assert.deepEqual(filter.orderedVisible(), [0, 1, 2, 3]);
});

test("every word of the query must start a word of the title or summary", () => {
  const { model, filter } = setup();
  model.set("query", "rew RL");
  filter.refilter();
  assert.deepEqual([...filter.matches], [0]);
  model.set("query", "r");
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [0, 1]);
});

test("typing on narrows the previous matches", () => {
  const { model, filter } = setup();
  for (const q of ["m", "me", "med"]) {
    model.set("query", q);
    filter.refilter();
  }
  assert.deepEqual(filter.orderedVisible(), [2]);
  model.set("query", "l"); // not an extension: searched afresh
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [3]);
});

test("the kernel's hits for the same query are merged in hub order and marked text-only", () => {
  const { model, filter } = setup();
  model.set("query", "reward");
  model.set("search_hits", { query: "reward", ids: ["d", "a", "unknown-id"] });
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [0, 3]);
  assert.deepEqual([...filter.textOnly], [3]);
});

test("hits for an older query are ignored", () => {
  const { model, filter } = setup();
  model.set("query", "rubrics");
  model.set("search_hits", { query: "rub", ids: ["c"] });
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [1]);
  assert.equal(filter.textOnly.size, 0);
});

test("reset() forgets the previous query after the notes change", () => {
  const { model, store, filter } = setup();
  model.set("query", "r");
  filter.refilter();
  model.set("state", hubState({ notes: [{ id: "z", title: "Robots", summary: "" }, ...NOTES] }));
  store.reindex();
  filter.reset();
  model.set("query", "ro");
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [0]);
});

test("the query language filters at once: OR, exclusion, phrase, tag", () => {
  const { model, filter } = setup();
  const shown = (q) => {
    model.set("query", q);
    filter.refilter();
    return filter.orderedVisible().map((i) => NOTES[i].id);
  };
  assert.deepEqual(shown("medical OR law"), ["c", "d"]);
  assert.deepEqual(shown("r -rubrics"), ["a"]);
  assert.deepEqual(shown('"grading with"'), ["b"]);
  assert.deepEqual(shown("-r"), ["c", "d"]);
  assert.equal(filter.hint, null);
});

test("a malformed query: its plain words, and the hint", () => {
  const { model, filter } = setup();
  model.set("query", '"grading with');
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [1]);
  assert.equal(filter.hint, "unclosed quote: searched as plain words");
  assert.deepEqual(filter.terms, ["grading", "with"]);
});

test("the kernel's ranked answer replaces the page's guess: its order, its exclusions, its snippets", () => {
  const { model, filter } = setup();
  model.set("query", "r -medicine");
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [0, 1]); // a and b say "r..." in title or summary
  const snippets = { d: { text: "a rubric for legal reasoning", marks: [[2, 8]] }, a: { text: "rewards", marks: [[0, 7]] } };
  model.set("search_hits", { query: "r -medicine", ids: ["d", "a", "gone"], snippets, hint: null });
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [3, 0]); // b's body says "medicine": the kernel dropped it
  assert.deepEqual(filter.ranked, [3, 0]);
  assert.deepEqual([...filter.textOnly], [3]); // d's title and summary show no "r" word
  assert.deepEqual(filter.snippets.get(3), snippets.d);
  assert.ok(filter.visible(3) && !filter.visible(1));
});

test("typing on after the answer: the page's guess again until the next answer", () => {
  const { model, filter } = setup();
  model.set("query", "r");
  model.set("search_hits", { query: "r", ids: ["d"], snippets: {}, hint: null });
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [3]);
  model.set("query", "re");
  filter.refilter();
  assert.equal(filter.ranked, null);
  assert.deepEqual(filter.orderedVisible(), [0]);
});

test("section: and hub: terms read the view's sections and hub", () => {
  const model = new FakeModel({ state: hubState({ notes: NOTES, sections: [["Costs", [2, 3]], ["Rewards", [0, 1, 3]]] }) });
  const store = createStore(model, "v");
  const filter = createFilter(store);
  model.set("query", "section:costs -section:rewards");
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [2]);
  model.set("query", "hub:a-hub rubrics");
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), [1]);
  model.set("query", "hub:another rubrics");
  filter.refilter();
  assert.deepEqual(filter.orderedVisible(), []);
});

test("typing on reuses the previous matches only when the new words narrow the old ones", () => {
  const { model, filter } = setup();
  const shown = (q) => {
    model.set("query", q);
    filter.refilter();
    return filter.orderedVisible().map((i) => NOTES[i].id);
  };
  assert.deepEqual(shown("r"), ["a", "b"]);
  assert.deepEqual(shown("r h"), ["a"]); // "How rewards shape RL"
  assert.deepEqual(shown("r OR"), ["a", "b"]); // malformed: plain words "r", broader again
  assert.deepEqual(shown("medicine O"), []); // no word of c starts with "o"
  assert.deepEqual(shown("medicine OR"), ["c"]); // malformed: "medicine" alone, not the pool of "medicine O"
  assert.deepEqual(shown("medicine OR l"), ["c", "d"]);
});
