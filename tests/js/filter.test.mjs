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
