// Built by esbuild from js/ (npm run build): edit the sources there, then rebuild.

// js/text.js
const CJK = "\\u2e80-\\u2fdf\\u3005-\\u3007\\u3021-\\u3029\\u3038-\\u303b\\u3041-\\u309f\\u30a1-\\u30fa\\u30fc-\\u30ff\\u3131-\\u318e\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua960-\\ua97f\\uac00-\\ud7af\\ud7b0-\\ud7ff\\uf900-\\ufaff\\uff66-\\uff9f\\uffa0-\\uffdc\\u1100-\\u11ff\\u{20000}-\\u{3134f}";
const WORD = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}_])+`, "gu");
function casefold(text) {
  return String(text || "").toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ");
}
function tokenize(text) {
  return casefold(text).match(WORD) || [];
}

// js/standalone/static-model.js
var StaticModel = class {
  /** ``data``: {state, traits, answers: {notes: {id: answer}, graph}, texts: [text per note]}. */
  constructor(data) {
    this.values = { ...data.traits };
    this.answers = data.answers || {};
    this.texts = (data.texts || []).map((t) => " " + tokenize(t).join(" "));
    this.ids = data.state.notes.map((n) => n.id);
    this.listeners = /* @__PURE__ */ new Map();
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
  save_changes() {
  }
  on(name, callback) {
    if (!this.listeners.has(name)) this.listeners.set(name, /* @__PURE__ */ new Set());
    this.listeners.get(name).add(callback);
  }
  off(name, callback) {
    const set = this.listeners.get(name);
    if (set) set.delete(callback);
  }
  emit(name, ...args) {
    for (const callback of [...this.listeners.get(name) || []]) callback(...args);
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
      reply = answer ? { type, request, id, ...type === "note" ? answer : { items: answer.related } } : { type, request, id, error: `no note ${JSON.stringify(id)} in this page` };
    } else if (type === "convert") {
      reply = {
        type,
        request,
        id,
        status: "unavailable",
        message: "This is a static page: open the hub in Jupyter to convert notes to notebooks."
      };
    } else {
      reply = { type, request, error: `unknown request type ${JSON.stringify(type)}` };
    }
    setTimeout(() => this.emit("msg:custom", reply, []));
  }
  // Python's search matches every query word as a word prefix in bodies and tags too.
  searchBodies(query) {
    const terms = [...new Set(tokenize(query))];
    const ids = terms.length ? this.ids.filter((_, i) => terms.every((t) => this.texts[i].includes(" " + t))) : [];
    setTimeout(() => {
      if (this.values.query === query) this.set("search_hits", { query, ids });
    });
  }
};

// js/standalone/main.js
async function mount(el) {
  const data = JSON.parse(document.getElementById("hw-data").textContent);
  const source = document.getElementById("hw-hub-js").textContent;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    const hub = (await import(url)).default;
    const model = new StaticModel(data);
    window.hubwidgetsModel = model;
    hub.render({ model, el });
  } finally {
    URL.revokeObjectURL(url);
  }
}
mount(document.getElementById("hw-root"));
export {
  mount
};
