// The synced state and the kernel's messages (js/store.js).
import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { createStore } from "../../js/store.js";
import { FakeModel, hubState, installDom, manyNotes } from "./support.mjs";

beforeEach(() => installDom());

function storeWith(traits = {}) {
  const state = hubState({ notes: manyNotes(4), sections: [["A", [0, 2]], ["B", [2, 3]], ["Empty", []]] });
  const model = new FakeModel({ state, ...traits });
  return { model, store: createStore(model, "view1") };
}

describe("indexes", () => {
  test("note id -> position, and each note's first section (-1 for none)", () => {
    const { store } = storeWith();
    assert.equal(store.byId.get("n2"), 2);
    assert.deepEqual(store.groupOf, [0, -1, 0, 1]);
  });
  test("reindex() follows a new state", () => {
    const { model, store } = storeWith();
    model.set("state", hubState({ notes: manyNotes(2).reverse(), sections: [["Only", [1]]] }));
    store.reindex();
    assert.equal(store.byId.get("n0"), 1);
    assert.deepEqual(store.groupOf, [-1, 0]);
  });
});

describe("traits", () => {
  test("set() changes the page only; update() sets every trait then syncs once", () => {
    const { model, store } = storeWith();
    store.set("query", "rl");
    assert.equal(model.saves, 0);
    store.update({ selected: "n1", reading: true });
    assert.deepEqual([model.get("selected"), model.get("reading"), model.saves], ["n1", true, 1]);
  });
});

describe("kernel messages", () => {
  test("ask() sends the request with an id of this view and resolves with its answer", async () => {
    const { model, store } = storeWith();
    const answer = store.ask("note", "n1", { related: false });
    const [msg] = model.sent;
    assert.deepEqual({ ...msg, request: undefined }, { type: "note", id: "n1", related: false, request: undefined });
    assert.match(msg.request, /^view1:\d+$/);
    model.answer({ type: "note", request: msg.request, id: "n1", html: "<p>x</p>" });
    assert.equal((await answer).html, "<p>x</p>");
  });
  test("answers to other views' requests (the same model, another output) are ignored", async () => {
    const { model, store } = storeWith();
    const other = createStore(model, "view2");
    let mine = null;
    store.ask("related", "n0").then((reply) => (mine = reply));
    other.ask("related", "n0");
    model.answer({ type: "related", request: model.sent[1].request, items: ["for view2"] });
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(mine, null);
    model.answer({ type: "related", request: model.sent[0].request, items: ["for view1"] });
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(mine.items, ["for view1"]);
  });
  test("each request gets a new id", () => {
    const { model, store } = storeWith();
    store.ask("note", "n0");
    store.send({ type: "graph" });
    store.ask("note", "n0");
    assert.equal(new Set(model.sent.map((m) => m.request)).size, 3);
  });
  test("malformed messages are ignored", () => {
    const { model } = storeWith();
    for (const msg of [null, undefined, "text", 3, {}, { request: "nobody:1" }]) model.answer(msg);
  });
});

test("dispose() removes every listener it added", () => {
  const { model, store } = storeWith();
  store.on("change:query", () => {});
  assert.ok(model.listenerCount() >= 2);
  store.dispose();
  assert.equal(model.listenerCount(), 0);
});
