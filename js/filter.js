// Which notes the query shows: title/summary matches found here at once, plus the kernel's
// matches in bodies and tags (the "search_hits" trait) once they arrive for the same query.
import { localMatch, tokenize } from "./text.js";

/** A filter over the store's notes; call refilter() after the query, hits or state change. */
export function createFilter(store) {
  let last = { query: null, local: null }; // the previous query's title/summary matches

  const filter = {
    terms: [], // the query's distinct words
    matches: null, // null: no query; else Set of note positions
    textOnly: new Set(), // matched by Python (body, tags) but not by title/summary

    /** Forget the previous query (the notes changed). */
    reset() {
      last = { query: null, local: null };
    },

    refilter() {
      const { notes, byId } = store;
      const query = store.get("query") || "";
      filter.terms = [...new Set(tokenize(query))];
      filter.textOnly = new Set();
      if (!filter.terms.length) {
        filter.matches = null;
        last = { query: null, local: null };
        return;
      }
      // Typing on: every term of the new query extends one of the old, so only the old
      // matches can still match.
      const pool = last.local && last.query && query.startsWith(last.query) ? last.local : null;
      const needles = filter.terms.map((t) => ` ${t}`);
      const local = []; // in hub order, like the pool
      if (pool) {
        for (const i of pool) if (localMatch(notes[i], needles)) local.push(i);
      } else {
        for (let i = 0; i < notes.length; i++) if (localMatch(notes[i], needles)) local.push(i);
      }
      last = { query, local };
      filter.matches = new Set(local);
      const hits = store.get("search_hits") || {};
      if (hits.query === query) {
        for (const id of hits.ids || []) {
          const i = byId.get(id);
          if (i !== undefined && !filter.matches.has(i)) {
            filter.matches.add(i);
            filter.textOnly.add(i);
          }
        }
      }
    },

    visible: (i) => filter.matches === null || filter.matches.has(i),

    /** Positions of the shown notes, in hub order. */
    orderedVisible() {
      if (filter.matches === null) return store.notes.map((_, i) => i);
      // The title/summary matches are in hub order already; the kernel's extra ones are merged in.
      return filter.textOnly.size ? [...filter.matches].sort((a, b) => a - b) : last.local.slice();
    },
  };
  return filter;
}
