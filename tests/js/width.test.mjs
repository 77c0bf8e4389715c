// The narrow layout (js/width.js): "hw-narrow" follows the hub's width as a ResizeObserver reports it.
import assert from "node:assert/strict";
import { afterEach, beforeEach, test } from "node:test";
import { NARROW, watchWidth } from "../../js/width.js";
import { installDom } from "./support.mjs";

/** A stand-in ResizeObserver (jsdom has none) that lets a test report sizes. */
class FakeResizeObserver {
  static live = new Set();
  constructor(callback) {
    this.callback = callback;
    this.targets = new Set();
  }
  observe(target) {
    this.targets.add(target);
    FakeResizeObserver.live.add(this);
  }
  disconnect() {
    this.targets.clear();
    FakeResizeObserver.live.delete(this);
  }
  static resize(target, width, { legacy = false } = {}) {
    for (const o of FakeResizeObserver.live) {
      if (!o.targets.has(target)) continue;
      const entry = legacy
        ? { target, contentRect: { width } }
        : { target, contentBoxSize: [{ inlineSize: width, blockSize: 100 }], contentRect: { width: -1 } };
      o.callback([entry], o);
    }
  }
}

beforeEach(() => {
  installDom();
  globalThis.ResizeObserver = FakeResizeObserver;
});
afterEach(() => {
  FakeResizeObserver.live.clear();
  delete globalThis.ResizeObserver;
});

test("the class follows the content box across the threshold, both ways", () => {
  const root = document.createElement("div");
  watchWidth(root);
  FakeResizeObserver.resize(root, 1200);
  assert.equal(root.classList.contains("hw-narrow"), false);
  FakeResizeObserver.resize(root, NARROW);
  assert.equal(root.classList.contains("hw-narrow"), true, "at the threshold, as @container (max-width) was");
  FakeResizeObserver.resize(root, NARROW + 1);
  assert.equal(root.classList.contains("hw-narrow"), false);
  FakeResizeObserver.resize(root, 300, { legacy: true });
  assert.equal(root.classList.contains("hw-narrow"), true, "contentRect when contentBoxSize is missing");
});

test("stopping disconnects: later sizes change nothing; without ResizeObserver nothing breaks", () => {
  const root = document.createElement("div");
  const stop = watchWidth(root);
  stop();
  FakeResizeObserver.resize(root, 200);
  assert.equal(root.classList.contains("hw-narrow"), false);
  delete globalThis.ResizeObserver;
  const other = document.createElement("div");
  assert.doesNotThrow(() => watchWidth(other)());
  assert.equal(other.classList.contains("hw-narrow"), false);
});
