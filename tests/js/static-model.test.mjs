// The HTML export's stand-in model (js/standalone/static-model.js): traits, events and answers
// computed ahead of time by Python, with no kernel.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { StaticModel } from "../../js/standalone/static-model.js";
import { hubState, installDom, settle } from "./support.mjs";

beforeEach(() => installDom());

function model() {
  const state = hubState({ notes: [{ id: "a", title: "Alpha" }, { id: "b", title: "Beta" }] });
  return new StaticModel({
    state,
    traits: { state, query: "", selected: "" },
    answers: { notes: { a: { title: "Alpha", html: "<p>x</p>", related: [{ id: "b", title: "Beta" }] } }, graph: { nodes: [], edges: [] } },
    texts: ["alpha body words reward", "beta text"],
  });
}

test("set() fires change:<name> only when the value changes", () => {
  const m = model();
  const seen = [];
  m.on("change:selected", (v) => seen.push(v));
  m.set("selected", "a");
  m.set("selected", "a");
  assert.deepEqual(seen, ["a"]);
});

test("note and related requests are answered from the precomputed answers, unknown ids with an error", async () => {
  const m = model();
  const replies = [];
  m.on("msg:custom", (msg) => replies.push(msg));
  m.send({ type: "note", id: "a", request: "r1" });
  m.send({ type: "related", id: "a", request: "r2" });
  m.send({ type: "note", id: "zzz", request: "r3" });
  m.send({ type: "convert", id: "a", request: "r4" });
  await settle(5);
  assert.equal(replies[0].html, "<p>x</p>");
  assert.deepEqual(replies[1].items, [{ id: "b", title: "Beta" }]);
  assert.match(replies[2].error, /no note "zzz"/);
  assert.equal(replies[3].status, "unavailable");
  assert.deepEqual(replies.map((r) => r.request), ["r1", "r2", "r3", "r4"]);
});

test("a query searches the note texts by word prefix and answers as search_hits", async () => {
  const m = model();
  m.set("query", "rew");
  await settle(5);
  assert.deepEqual(m.get("search_hits"), { query: "rew", ids: ["a"], snippets: {}, hint: null });
});

test("the query language works without a kernel: OR, exclusion in bodies, phrases, the hint", async () => {
  const m = model();
  const ids = async (query) => {
    m.set("query", query);
    await settle(5);
    return m.get("search_hits").ids;
  };
  assert.deepEqual(await ids("alpha OR beta"), ["a", "b"]);
  assert.deepEqual(await ids("-reward"), ["b"]); // "reward" is only in a's body
  assert.deepEqual(await ids('"body words"'), ["a"]);
  assert.deepEqual(await ids('"words body"'), []);
  assert.deepEqual(await ids("beta OR"), ["b"]);
  assert.equal(m.get("search_hits").hint, "OR needs a term on each side: searched as plain words");
});
