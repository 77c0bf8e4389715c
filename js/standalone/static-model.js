// A stand-in for the anywidget model, for the self-contained HTML page (and the JS unit tests).
//
// It keeps the traits, fires "change:<name>" events like Backbone does, answers the page's
// requests ("note", "related", "graph", "convert") from the answers Python computed ahead of
// time (export.py), and searches bodies in the browser with the query language of the widget.
import { viewExtras } from "../filter.js";
import { compileQuery, noteDoc, parseQuery } from "../query.js";

export class StaticModel {
  /** ``data``: {state, traits, answers: {notes: {id: answer}, graph}, texts: [text per note]}. */
  constructor(data) {
    this.values = { ...data.traits };
    this.answers = data.answers || {};
    const extras = viewExtras(data.state);
    const texts = data.texts || [];
    // Each note's whole text (title, summary, tags, body) stands where the page has the summary.
    this.docs = data.state.notes.map((n, i) => noteDoc({ ...n, summary: texts[i] || "" }, extras[i]));
    this.ids = data.state.notes.map((n) => n.id);
    this.listeners = new Map();
  }

  get(name) {
    return this.values[name];
  }

  set(name, value) {
    const old = this.values[name];
    this.values[name] = value;
    if (JSON.stringify(old) !== JSON.stringify(value)) {
      this.emit(`change:${name}`, value);
      if (name === "query") this.searchBodies(value);
    }
  }

  save_changes() {}

  on(name, callback) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(callback);
  }

  off(name, callback) {
    const set = this.listeners.get(name);
    if (set) set.delete(callback);
  }

  emit(name, ...args) {
    for (const callback of [...(this.listeners.get(name) || [])]) callback(...args);
  }

  // What the kernel would do with a request from the page.
  send(msg) {
    const { type, id, request } = msg || {};
    let reply;
    if (type === "graph") {
      setTimeout(() => this.set("graph", this.answers.graph || { error: "no graph in this export" }));
      return;
    } else if (type === "note" || type === "related") {
      const answer = (this.answers.notes || {})[id];
      reply = answer
        ? { type, request, id, ...(type === "note" ? answer : { items: answer.related, notice: answer.notice }) }
        : { type, request, id, error: `no note ${JSON.stringify(id)} in this page` };
    } else if (type === "convert") {
      reply = {
        type, request, id, status: "unavailable",
        message: "This is a static page: open the hub in Jupyter to convert notes to notebooks.",
      };
    } else {
      reply = { type, request, error: `unknown request type ${JSON.stringify(type)}` };
    }
    setTimeout(() => this.emit("msg:custom", reply, []));
  }

  // The kernel's answer, without a kernel: the query over every note's whole text, in hub order
  // (no ranking, no snippets, no typo tolerance here).
  searchBodies(query) {
    const { ast, hint } = parseQuery(query);
    const test = compileQuery(ast);
    const ids = ast ? this.ids.filter((_, i) => test(this.docs[i])) : [];
    setTimeout(() => {
      if (this.values.query === query) this.set("search_hits", { query, ids, snippets: {}, hint });
    });
  }
}
