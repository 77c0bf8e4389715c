// DOM builders (js/dom.js): strings only ever become text.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { h, s, SVG_NS } from "../../js/dom.js";
import { HOSTILE, installDom, noInjectedElements } from "./support.mjs";

beforeEach(() => installDom());

test("string children become text nodes, nodes are appended, null/false are left out", () => {
  const el = h("p", {}, "a ", null, false, h("b", { text: "bold" }), [" c"]);
  assert.equal(el.outerHTML, "<p>a <b>bold</b> c</p>");
});

test("attributes: testid, class, true as empty, null/false left out, on<event> listens", () => {
  let clicks = 0;
  const el = h("button", { testid: "go", class: "x y", "aria-busy": true, hidden: false, title: null, onclick: () => clicks++ });
  assert.equal(el.dataset.testid, "go");
  assert.equal(el.getAttribute("class"), "x y");
  assert.equal(el.getAttribute("aria-busy"), "");
  assert.equal(el.hasAttribute("hidden"), false);
  assert.equal(el.hasAttribute("title"), false);
  assert.equal(el.hasAttribute("onclick"), false, "a listener, not an inline handler");
  el.click();
  assert.equal(clicks, 1);
});

test("hostile text as child, text or attribute value stays text", () => {
  for (const text of HOSTILE) {
    const el = h("div", { title: text }, text, h("span", { text }));
    assert.equal(el.textContent, text + text);
    assert.equal(el.getAttribute("title"), text);
    assert.ok(noInjectedElements(el));
  }
});

test("s() builds SVG elements in the SVG namespace", () => {
  const c = s("circle", { r: 3, "data-testid": "dot" });
  assert.equal(c.namespaceURI, SVG_NS);
  assert.equal(c.getAttribute("r"), "3");
});
