// Built by esbuild from js/ (npm run build): edit the sources there, then rebuild.

// js/text.js
const CJK = "\\u2e80-\\u2fdf\\u3005-\\u3007\\u3021-\\u3029\\u3038-\\u303b\\u3041-\\u309f\\u30a1-\\u30fa\\u30fc-\\u30ff\\u3131-\\u318e\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua960-\\ua97f\\uac00-\\ud7af\\ud7b0-\\ud7ff\\uf900-\\ufaff\\uff66-\\uff9f\\uffa0-\\uffdc\\u1100-\\u11ff\\u{20000}-\\u{3134f}";
const WORD = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}_])+`, "gu");
function casefold(text) {
  const lower = String(text || "").toLowerCase();
  return /[ßς]/.test(lower) ? lower.replace(/ß/g, "ss").replace(/ς/g, "σ") : lower;
}
function tokenize(text) {
  return casefold(text).match(WORD) || [];
}

// js/query.js
const SUFFIX = ": searched as plain words";
var Malformed = class extends Error {
};
const TOKEN = /\s+|\(|\)|"[^"]*"?|-|[^\s()"]+/gu;
const FIELD = /^(tag|section|hub|title|path|folder):([^]*)$/;
var word = (text, field = null) => ({ op: "word", text, field });
function group(op, args) {
  const flat = args.flatMap((a) => a.op === op ? a.args : [a]);
  return flat.length === 1 ? flat[0] : { op, args: flat };
}
function fieldNode(name, value, phrase = null) {
  if (phrase !== null) return { op: "phrase", words: phrase, field: name };
  if (name !== "title") return word(casefold(value), name);
  const found = tokenize(value);
  if (!found.length) throw new Malformed("title: needs a value");
  return found.length === 1 ? word(found[0], name) : { op: "phrase", words: found, field: name };
}
function lex(query) {
  const out = [];
  let pending = null;
  for (const m of query.matchAll(TOKEN)) {
    const token = m[0];
    const end = m.index + token.length;
    if (pending !== null && !token.startsWith('"')) throw new Malformed(`${pending}: needs a value`);
    if (/^\s/u.test(token)) continue;
    if (token === "-" && !query.slice(end, end + 1).trim()) throw new Malformed("- needs a term after it");
    if (token === "(" || token === ")" || token === "-" || token === "OR") {
      out.push([token, null]);
      continue;
    }
    const before = out.length;
    const field = FIELD.exec(token);
    if (token.startsWith('"')) {
      if (token.length === 1 || !token.endsWith('"')) throw new Malformed("unclosed quote");
      const phrase = tokenize(token.slice(1, -1));
      if (pending !== null) {
        if (!phrase.length) throw new Malformed(`${pending}: needs a value`);
        out.push(["node", fieldNode(pending, "", phrase)]);
        pending = null;
      } else if (phrase.length) {
        out.push(["node", { op: "phrase", words: phrase, field: null }]);
      }
    } else if (field) {
      const [, name, value] = field;
      if (!value) {
        if (query[end] === '"') {
          pending = name;
          continue;
        }
        throw new Malformed(`${name}: needs a value`);
      }
      out.push(["node", fieldNode(name, value)]);
    } else {
      const found = tokenize(token);
      if (found.length) out.push(["node", group("and", found.map((w) => word(w)))]);
    }
    if (out.length === before && out.length && out[out.length - 1][0] === "-") {
      throw new Malformed("- needs a term after it");
    }
  }
  if (pending !== null) throw new Malformed(`${pending}: needs a value`);
  return out;
}
function parseTokens(tokens) {
  let at = 0;
  const peek = () => at < tokens.length ? tokens[at][0] : null;
  function and(nested) {
    const args = [];
    for (let kind = peek(); kind !== null; kind = peek()) {
      if (kind === ")") {
        if (!nested) throw new Malformed("unbalanced parentheses");
        break;
      }
      if (kind === "OR") throw new Malformed("OR needs a term on each side");
      args.push(or());
    }
    return args.length ? group("and", args) : null;
  }
  function or() {
    const args = [not()];
    while (peek() === "OR") {
      at += 1;
      if ([null, ")", "OR"].includes(peek())) throw new Malformed("OR needs a term on each side");
      args.push(not());
    }
    return group("or", args);
  }
  function not() {
    const kind = peek();
    if (kind === "-") {
      at += 1;
      if ([null, ")", "OR"].includes(peek())) throw new Malformed("- needs a term after it");
      return { op: "not", arg: not() };
    }
    if (kind === "(") {
      at += 1;
      const inner = and(true);
      if (peek() !== ")") throw new Malformed("unbalanced parentheses");
      at += 1;
      if (inner === null) throw new Malformed("empty parentheses");
      return inner;
    }
    return tokens[at++][1];
  }
  return and(false);
}
function plainWords(query) {
  const text = String(query || "").replace(/(?<![^\s()"-])(?:tag|section|hub|title|path|folder):/g, " ");
  const found = (text.match(WORD) || []).filter((w) => w !== "OR").map(casefold);
  return [...new Set(found)];
}
function parseQuery(query) {
  query = String(query || "");
  try {
    return { ast: parseTokens(lex(query)), hint: null };
  } catch (err) {
    if (!(err instanceof Malformed)) throw err;
    const found = plainWords(query);
    return { ast: found.length ? group("and", found.map((w) => word(w))) : null, hint: `${err.message}${SUFFIX}` };
  }
}
const SEP = "  ";
function noteDoc(note, extra = {}) {
  if (note._doc === void 0) {
    const title = tokenize(note.title).join(" ");
    const tags = note.tags && note.tags.length ? note.tags.map(casefold) : [];
    const tagWords = tags.length ? SEP + tokenize(tags.join(" ")).join(" ") : "";
    note._doc = {
      title: ` ${title} `,
      all: ` ${title}${SEP}${tokenize(note.summary).join(" ")}${tagWords} `,
      tags,
      path: note.path ? casefold(note.path) : "",
      folder: note.folder ? casefold(note.folder) : "",
      sections: extra.sections || [],
      hubs: extra.hubs || []
    };
  }
  return note._doc;
}
function valueIs(value, node, nested) {
  const v = casefold(value);
  const want = node.op === "word" ? node.text : node.words.join(" ");
  if (v === want || nested && v.startsWith(`${want}/`)) return true;
  const words = tokenize(v).join(" ");
  return words === want || nested && words.startsWith(`${want} `) && v.includes("/");
}
function compileTerm(node) {
  const { field } = node;
  const needle = node.op === "word" ? ` ${node.text}` : ` ${node.words.join(" ")} `;
  if (field === null) return (d) => d.all.includes(needle);
  if (field === "title") return (d) => d.title.includes(needle);
  if (field === "tag") return (d) => d.tags.some((t) => valueIs(t, node, true));
  if (field === "section") return (d) => d.sections.some((s) => valueIs(s, node, false));
  if (field === "hub") return (d) => d.hubs.some((s) => valueIs(s, node, false));
  const prefix = node.op === "word" ? node.text : node.words.join(" ");
  return (d) => d[field] !== "" && d[field].startsWith(prefix);
}
function compileQuery(ast) {
  if (!ast) return () => true;
  if (ast.op === "and") {
    const parts = ast.args.map(compileQuery);
    return (d) => parts.every((p) => p(d));
  }
  if (ast.op === "or") {
    const parts = ast.args.map(compileQuery);
    return (d) => parts.some((p) => p(d));
  }
  if (ast.op === "not") {
    const inner = compileQuery(ast.arg);
    return (d) => !inner(d);
  }
  return compileTerm(ast);
}

// js/filter.js
function viewExtras(st) {
  const extras = st.notes.map((n) => ({ sections: [], hubs: st.kind === "hub" && st.hub ? [st.hub] : n.hubs || [] }));
  for (const sec of st.sections) for (const p of sec.notes) if (extras[p]) extras[p].sections.push(sec.title);
  return extras;
}

// js/standalone/static-model.js
var StaticModel = class {
  /** ``data``: {state, traits, answers: {notes: {id: answer}, graph}, texts: [text per note]}. */
  constructor(data) {
    this.values = { ...data.traits };
    this.answers = data.answers || {};
    const extras = viewExtras(data.state);
    const texts = data.texts || [];
    this.docs = data.state.notes.map((n, i) => noteDoc({ ...n, summary: texts[i] || "" }, extras[i]));
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
      reply = answer ? { type, request, id, ...type === "note" ? answer : { items: answer.related, notice: answer.notice } } : { type, request, id, error: `no note ${JSON.stringify(id)} in this page` };
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
