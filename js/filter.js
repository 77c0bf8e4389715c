// Which notes the query shows. The page parses the query (query.js) and decides at once from what
// it has (titles, summaries, tags, sections, hubs); the kernel's answer for the same query (the
// "search_hits" trait: {query, ids ranked, snippets, hint}) then replaces that guess with the
// whole result (bodies, typos), in relevance order, with snippets. An answer without "snippets"
// (an older kernel) only adds its ids to the page's matches.
import { compileQuery, isPlainAnd, noteDoc, parseQuery, positiveWords } from "./query.js";
import { haystack } from "./text.js";

/** A filter over the store's notes; call refilter() after the query, hits or state change. */
export function createFilter(store) {
  let last = { words: null, local: null }; // the previous query's plain words and page-side matches
  let parsed = { text: null, ast: null, hint: "", test: null };
  let extras = null; // position -> {sections, hubs}, for section: and hub: terms

  const noteExtras = () => extras || (extras = viewExtras(store.state));

  const filter = {
    terms: [], // the query's positive words, to highlight
    hint: "", // one line when the query could not be parsed
    matches: null, // null: no query; else Set of note positions
    textOnly: new Set(), // matched, but the title and summary show none of the words
    ranked: null, // the kernel's ranking (positions) once it arrived for this query
    snippets: new Map(), // position -> {text, marks} from the kernel

    /** Forget the previous query (the notes changed). */
    reset() {
      last = { words: null, local: null };
      extras = null;
    },

    /** The query-side view of note ``i`` (cached on the note). */
    doc: (i) => noteDoc(store.notes[i], noteExtras()[i]),

    refilter() {
      const { notes, byId } = store;
      const query = store.get("query") || "";
      if (parsed.text !== query) {
        const { ast, hint } = parseQuery(query);
        parsed = { text: query, ast, hint, test: compileQuery(ast) };
      }
      filter.terms = positiveWords(parsed.ast);
      filter.hint = parsed.hint;
      filter.textOnly = new Set();
      filter.ranked = null;
      filter.snippets = new Map();
      if (!parsed.ast) {
        filter.matches = null;
        last = { words: null, local: null };
        return;
      }
      // Typing on in a query of plain words: only the old matches can still match.
      const words = isPlainAnd(parsed.ast) ? positiveWords(parsed.ast) : null;
      const pool = words && last.words && narrows(last.words, words) ? last.local : null;
      const { test } = parsed;
      const local = []; // in hub order, like the pool
      if (pool) {
        for (const i of pool) if (test(filter.doc(i))) local.push(i);
      } else {
        for (let i = 0; i < notes.length; i++) if (test(filter.doc(i))) local.push(i);
      }
      last = { words, local };
      filter.matches = new Set(local);
      const hits = store.get("search_hits") || {};
      if (hits.query !== query) return;
      const complete = hits.snippets !== undefined && hits.snippets !== null;
      if (complete) {
        filter.matches = new Set();
        filter.ranked = [];
      }
      for (const id of hits.ids || []) {
        const i = byId.get(id);
        if (i === undefined) continue;
        if (complete) {
          if (filter.matches.has(i)) continue;
          filter.matches.add(i);
          filter.ranked.push(i);
          if (hits.snippets[id]) filter.snippets.set(i, hits.snippets[id]);
          if (!showsWords(notes[i], filter.terms)) filter.textOnly.add(i);
        } else if (!filter.matches.has(i)) {
          filter.matches.add(i);
          filter.textOnly.add(i);
        }
      }
      if (hits.hint) filter.hint = hits.hint;
    },

    visible: (i) => filter.matches === null || filter.matches.has(i),

    /** Positions of the shown notes: by relevance once the kernel ranked them, else in hub order. */
    orderedVisible() {
      if (filter.matches === null) return store.notes.map((_, i) => i);
      if (filter.ranked) return filter.ranked.slice();
      // The page's matches are in hub order already; an older kernel's extra ones are merged in.
      return filter.textOnly.size ? [...filter.matches].sort((a, b) => a - b) : last.local.slice();
    },
  };
  return filter;
}

/** The sections and hubs each note of a view state is in (for section: and hub: terms). */
export function viewExtras(st) {
  const extras = st.notes.map((n) => ({ sections: [], hubs: st.kind === "hub" && st.hub ? [st.hub] : n.hubs || [] }));
  for (const sec of st.sections) for (const p of sec.notes) if (extras[p]) extras[p].sections.push(sec.title);
  return extras;
}

/** True when ``after`` (plain words) can only match notes ``before`` matched: each word of
 * ``before`` has an extension in ``after`` ("medical o" -> "medical OR" drops "o": it does not). */
function narrows(before, after) {
  return before.every((b) => after.some((a) => a.startsWith(b)));
}

/** True when some word of the note's title or summary starts with one of ``terms``. */
function showsWords(note, terms) {
  if (!terms.length) return true; // nothing to show (tag:x, section:y): no snippet needed
  const hay = haystack(note);
  return terms.some((t) => hay.includes(` ${t}`));
}
