// The built bundle needs nothing a notebook host lacks (issue 15): VS Code, Colab, marimo and Voila
// give an anywidget module a model with get/set/save_changes/on/off/send and a standard browser page,
// nothing from JupyterLab. These tests load the exact file anywidget serves (static/hub.js) and
// render it with a model that throws on anything else, in a page with no Jupyter globals.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import widget from "../../src/hubwidgets/static/hub.js";
import { FakeModel, hubState, settle, until, widgetPage } from "./support.mjs";

const STATIC = new URL("../../src/hubwidgets/static/", import.meta.url);
const BUNDLE = readFileSync(new URL("hub.js", STATIC), "utf8");
const CSS = readFileSync(new URL("hub.css", STATIC), "utf8");

// anywidget's front-end model API (AFM): https://anywidget.dev/en/afm/
const AFM = new Set(["get", "set", "save_changes", "on", "off", "send"]);

/** A model that offers the AFM methods only: any other member the widget touches fails the test. */
function strictModel(traits) {
  const fake = new FakeModel(traits);
  const touched = [];
  const model = new Proxy(fake, {
    get(target, name) {
      if (typeof name === "symbol" || AFM.has(name)) return Reflect.get(target, name).bind(target);
      touched.push(name);
      throw new Error(`the widget used model.${String(name)}, which is not in anywidget's model API`);
    },
  });
  return { model, fake, touched };
}

const render = widgetPage(widget, "http://127.0.0.1:2718/");

const NOTES = [
  { id: "a", title: "Rubrics as rewards", summary: "Grading open answers.", tags: ["rl"] },
  { id: "b", title: "Medical domain training", summary: "What specialising costs." },
];

describe("the bundle in a host that is not JupyterLab", () => {
  test("renders, filters, switches views and opens the reader through the model API alone", async () => {
    const state = hubState({ notes: NOTES, sections: [["First", [0, 1]]], title: "A hub" });
    const { model, fake, touched } = strictModel({ state, expanded: ["1"] });
    const { q } = render(model);
    assert.equal(q('[data-testid="hub-title"]')[0].textContent, "A hub");
    const search = q('[data-testid="search"]')[0];
    search.value = "medical";
    search.dispatchEvent(new window.Event("input"));
    await until(() => q('[data-testid="note-card"]').filter((c) => !c.closest("[hidden]")).length === 1, "one card");
    assert.equal(fake.get("query"), "medical");
    q('[data-testid="view-as"] button[data-view="grid"]')[0].click();
    assert.equal(fake.get("view"), "grid");
    q('[data-testid="note-card"] [data-testid="read"]')[0].click();
    await settle(0);
    const ask = fake.sent.find((m) => m.type === "note");
    assert.ok(ask, "opening a note asks the kernel with model.send");
    assert.deepEqual(touched, []);
  });

  test("the module is one self-contained ES module: no imports, no AMD/CommonJS, no host globals", () => {
    assert.doesNotMatch(BUNDLE, /^\s*import\s/m, "a bare import cannot resolve from a blob: URL");
    assert.doesNotMatch(BUNDLE, /\brequire\s*\(|\bdefine\s*\(/, "RequireJS/CommonJS is not in every host");
    for (const global of ["jupyterapp", "jupyterlab", "IPython", "Jupyter.", "google.colab", "acquireVsCodeApi", "marimo"]) {
      assert.ok(!BUNDLE.includes(global), `the bundle names a host-only global: ${global}`);
    }
    const urls = BUNDLE.match(/https?:\/\/[^\s"'`)]+/g) || [];
    assert.deepEqual(urls.filter((u) => !u.startsWith("http://www.w3.org/")), [], "nothing is fetched from a CDN");
    assert.match(BUNDLE, /export default \{ render \}/);
  });
});

describe("the stylesheet outside JupyterLab", () => {
  /** Every var(...) in the CSS, with its fallback (the text after the first top-level comma). */
  function uses(css) {
    const found = [];
    for (let i = css.indexOf("var("); i !== -1; i = css.indexOf("var(", i + 4)) {
      let depth = 0;
      let comma = -1;
      let j = i + 3;
      for (; j < css.length; j++) {
        if (css[j] === "(") depth += 1;
        else if (css[j] === ")" && --depth === 0) break;
        else if (css[j] === "," && depth === 1 && comma === -1) comma = j;
      }
      const name = css.slice(i + 4, comma === -1 ? j : comma).trim();
      found.push({ name, fallback: comma === -1 ? null : css.slice(comma + 1, j).trim() });
    }
    return found;
  }

  test("every JupyterLab variable has a fallback, so hosts without the theme still get colours and fonts", () => {
    const jp = uses(CSS).filter((u) => u.name.startsWith("--jp-"));
    assert.ok(jp.length > 20, "the stylesheet follows the JupyterLab theme");
    assert.deepEqual(jp.filter((u) => !u.fallback).map((u) => u.name), []);
  });

  test("the parser finds a missing fallback (the check above can fail)", () => {
    assert.deepEqual(uses("a{color:var(--jp-x);b:var(--jp-y, var(--z, #fff))}").map((u) => u.fallback), [null, "var(--z, #fff)", "#fff"]);
  });
});
