// The search box's query language, the same as Python's hubwidgets.query: words (prefix match),
// "exact phrases", field:value (tag, section, hub, title, path, folder), -exclusion, a OR b
// (OR binds tighter than the AND of adjacent terms), parentheses. A query that cannot be parsed
// never throws: it is searched as its plain words, with a one-line hint.
//
// parseQuery(text) -> {ast, hint}; ast is null (no words) or JSON-able nodes:
//   {op: "and", args}, {op: "or", args}, {op: "not", arg},
//   {op: "word", text, field}, {op: "phrase", words, field}   (field null or one of FIELDS)
// compileQuery(ast) -> (doc) => bool over what the page has for a note (see noteDoc).
import { casefold, tokenize, WORD } from "./text.js";

export const FIELDS = ["tag", "section", "hub", "title", "path", "folder"];

const SUFFIX = ": searched as plain words";

class Malformed extends Error {}

const TOKEN = /\s+|\(|\)|"[^"]*"?|-|[^\s()"]+/gu;
const FIELD = /^(tag|section|hub|title|path|folder):([^]*)$/;

const word = (text, field = null) => ({ op: "word", text, field });

/** ``args`` joined by ``op`` (nested nodes of the same op flattened); one arg is itself. */
function group(op, args) {
  const flat = args.flatMap((a) => (a.op === op ? a.args : [a]));
  return flat.length === 1 ? flat[0] : { op, args: flat };
}

/** A term restricted to a field: title takes its value's words, the others the value as written. */
function fieldNode(name, value, phrase = null) {
  if (phrase !== null) return { op: "phrase", words: phrase, field: name };
  if (name !== "title") return word(casefold(value), name);
  const found = tokenize(value);
  if (!found.length) throw new Malformed("title: needs a value");
  return found.length === 1 ? word(found[0], name) : { op: "phrase", words: found, field: name };
}

/** Tokens [kind, node]: "(", ")", "-", "OR", "node" (a finished term). */
function lex(query) {
  const out = [];
  let pending = null; // a "field:" chunk waiting for its quoted phrase
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
      throw new Malformed("- needs a term after it"); // "-!!" or '-""': nothing to exclude
    }
  }
  if (pending !== null) throw new Malformed(`${pending}: needs a value`);
  return out;
}

/** Recursive descent: and := or*, or := not ("OR" not)*, not := "-" not | "(" and ")" | term. */
function parseTokens(tokens) {
  let at = 0;
  const peek = () => (at < tokens.length ? tokens[at][0] : null);

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

/** The words of a query with the operators dropped (OR, field: prefixes), deduplicated. */
export function plainWords(query) {
  const text = String(query || "").replace(/(?<![^\s()"-])(?:tag|section|hub|title|path|folder):/g, " ");
  const found = (text.match(WORD) || []).filter((w) => w !== "OR").map(casefold);
  return [...new Set(found)];
}

/** Parse a query: ``{ast, hint}``; a malformed query gives its plain words and a one-line hint
 * (``hint`` is null for a query understood as written). Never throws. */
export function parseQuery(query) {
  query = String(query || "");
  try {
    return { ast: parseTokens(lex(query)), hint: null };
  } catch (err) {
    if (!(err instanceof Malformed)) throw err;
    const found = plainWords(query);
    return { ast: found.length ? group("and", found.map((w) => word(w))) : null, hint: `${err.message}${SUFFIX}` };
  }
}

/** The words a match shows in text (not excluded; no field or title), to highlight. */
export function positiveWords(ast) {
  const out = new Set();
  (function walk(node, negated) {
    if (!node) return;
    if (node.op === "and" || node.op === "or") node.args.forEach((a) => walk(a, negated));
    else if (node.op === "not") walk(node.arg, !negated);
    else if (!negated && (node.field === null || node.field === "title")) {
      for (const w of node.op === "word" ? [node.text] : node.words) out.add(w);
    }
  })(ast, false);
  return [...out];
}

/** True for a query of plain positive words only (typing on can only narrow its matches). */
export function isPlainAnd(ast) {
  if (!ast) return false;
  const args = ast.op === "and" ? ast.args : [ast];
  return args.every((a) => a.op === "word" && a.field === null);
}

const SEP = " \u0001 "; // between fields, so a phrase never spans two of them

/** What the page knows of a note, for compileQuery: ``extra`` adds {sections, hubs} (names). Built
 * once and cached on the note (``_doc``): a keystroke tokenizes and allocates nothing. */
export function noteDoc(note, extra = {}) {
  if (note._doc === undefined) {
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
      hubs: extra.hubs || [],
    };
  }
  return note._doc;
}

/** ``value`` (a tag, section or hub name) equals the term; ``nested``: tag:rl matches rl/sub too. */
function valueIs(value, node, nested) {
  const v = casefold(value);
  const want = node.op === "word" ? node.text : node.words.join(" ");
  if (v === want || (nested && v.startsWith(`${want}/`))) return true;
  const words = tokenize(v).join(" ");
  return words === want || (nested && words.startsWith(`${want} `) && v.includes("/"));
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
  return (d) => d[field] !== "" && d[field].startsWith(prefix); // path, folder: a path prefix
}

/** The query as a test on noteDoc()s: what the page can decide from titles, summaries, tags,
 * sections and hubs (bodies are the kernel's). ``null`` matches everything. */
export function compileQuery(ast) {
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
