// Shared set-up for the front end's unit tests: a jsdom page as the globals the modules use,
// a hub state in the shape hubwidgets.state builds, and a model that records what the page sends.
import { afterEach, beforeEach } from "node:test";
import { JSDOM } from "jsdom";

/** Install a fresh jsdom document as the page's globals (window, document, CSS, ...). */
export function installDom(url = "http://127.0.0.1:8888/lab/tree/notebooks/00-tour.ipynb") {
  const dom = new JSDOM("<!doctype html><html><body></body></html>", { url, pretendToBeVisual: true });
  const w = dom.window;
  globalThis.window = w;
  globalThis.document = w.document;
  for (const name of ["Node", "Element", "HTMLElement", "DocumentFragment", "Event", "KeyboardEvent", "MouseEvent", "URL"]) {
    if (w[name]) globalThis[name] = w[name];
  }
  globalThis.requestAnimationFrame = (fn) => w.requestAnimationFrame(fn);
  // jsdom has neither CSS.escape nor IntersectionObserver; browsers (and every notebook host) do.
  globalThis.CSS = { escape: (value) => String(value).replace(/[^\w-]/g, (c) => `\\${c}`) };
  delete globalThis.IntersectionObserver;
  return dom;
}

/**
 * Give every test of the calling file a fresh page at ``url`` and return ``render(model)``: it
 * renders ``widget`` into a new element (removed, with its listeners, after the test) and gives
 * ``{ model, el, q, unmount }``: ``q(selector)`` lists the matching elements, ``unmount()`` runs the
 * widget's cleanup now (a test that mounts several times in a row).
 */
export function widgetPage(widget, url) {
  let cleanup = null;
  beforeEach(() => installDom(url));
  afterEach(() => {
    if (cleanup) cleanup();
    cleanup = null;
  });
  return function render(model) {
    const el = document.createElement("div");
    document.body.append(el);
    cleanup = widget.render({ model, el });
    const unmount = () => {
      if (cleanup) cleanup();
      cleanup = null;
    };
    return { model, el, q: (sel) => [...el.querySelectorAll(sel)], unmount };
  };
}

/** Resolve after pending timers (answers the model plays back with setTimeout). */
export function settle(ms = 40) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolve once ``check()`` is true (the pager builds after the next animation frame, which a
 * loaded machine delays); fail with ``what`` after ``timeoutMs``. */
export async function until(check, what = "condition", timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await settle(10);
  }
}

/** A hub state: ``sections`` as [title, [note positions]] and ``notes`` as {id, title, summary, tags}. */
export function hubState({ notes, sections = [], title = "A hub", description = "", kind = "hub" }) {
  return {
    version: 1,
    kind,
    hub: "a-hub",
    title,
    description,
    label: kind === "hub" ? "Topic Hub" : "All notes",
    subtitle: `Topic Hub · ${notes.length} linked notes · ${sections.length} sections`,
    counts: { notes: notes.length, sections: sections.length },
    sections: sections.map(([secTitle, positions], i) => ({
      key: String(i + 1),
      position: i + 1,
      title: secTitle,
      notes: positions,
      n_notes: positions.length,
      declared_notes: positions.length,
      missing: [],
      count_text: `${positions.length} ${positions.length === 1 ? "note" : "notes"}`,
    })),
    notes: notes.map((n) => ({ summary: "", tags: [], ...n })),
  };
}

/** ``count`` notes "n0".."n{count-1}" titled "Note 0".. with a summary each. */
export function manyNotes(count, words = (i) => `summary of note ${i}`) {
  return Array.from({ length: count }, (_, i) => ({ id: `n${i}`, title: `Note ${i}`, summary: words(i) }));
}

/** A stand-in for anywidget's model: traits with change events, and every message sent kept in
 * ``sent`` (``answer(reply)`` plays a kernel answer back to the page). */
export class FakeModel {
  constructor(traits) {
    this.values = { selected: "", reading: false, query: "", view: "sections", expanded: [], search_hits: {}, graph: {}, ...traits };
    this.listeners = new Map();
    this.sent = [];
    this.saves = 0;
  }

  get(name) {
    return this.values[name];
  }

  set(name, value) {
    const old = this.values[name];
    this.values[name] = value;
    if (old !== value) this.emit(`change:${name}`);
  }

  save_changes() {
    this.saves += 1;
  }

  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(fn);
  }

  off(name, fn) {
    this.listeners.get(name)?.delete(fn);
  }

  emit(name, ...args) {
    for (const fn of [...(this.listeners.get(name) || [])]) fn(...args);
  }

  send(msg) {
    this.sent.push(msg);
  }

  answer(reply) {
    this.emit("msg:custom", reply, []);
  }

  listenerCount() {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

/** Strings that would run code if they ever reached the page as HTML. */
export const HOSTILE = [
  '<img src=x onerror="globalThis.pwned=1">',
  "<script>globalThis.pwned=1</script>",
  '"><svg onload="globalThis.pwned=1">',
];

/** True when no element that a hostile string could create is in ``root``. */
export function noInjectedElements(root) {
  return root.querySelectorAll("img, script, svg[onload], [onerror], [onload]").length === 0;
}
