// The search box and its result count. Typing filters in the page at once ("change:query");
// the kernel hears of the query 150 ms after the last keystroke and answers with body and tag
// matches ("search_hits"). A query that cannot be parsed shows a one-line hint under the box.
import { h } from "./dom.js";
import { FIRST } from "./paging.js";

const SYNC_DELAY_MS = 150;

/** The search box: el (box), input, updateCount(), dispose(). */
export function createSearchBar(hub) {
  const { store, filter, ui, nav } = hub;
  const input = h("input", {
    type: "search",
    class: "hw-search",
    testid: "search",
    placeholder: 'Search: words, "a phrase", a OR b, -word, tag:x  ( / )',
    "aria-label": "Search notes",
    autocomplete: "off",
    spellcheck: "false",
  });
  const count = h("span", { class: "hw-result-count", testid: "result-count", "aria-live": "polite" });
  const hint = h("p", { class: "hw-search-hint", id: `${hub.uid}-hint`, testid: "search-hint", role: "status", hidden: true });
  input.setAttribute("aria-describedby", hint.id);
  const el = h("div", { class: "hw-search-box" }, input, count, hint);

  let syncTimer = null;
  input.addEventListener("input", () => {
    nav.closeReader(true); // searching means looking at the list again
    ui.listShown = FIRST;
    store.set("query", input.value); // "change:query" filters locally, right now
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => store.save(), SYNC_DELAY_MS); // kernel: body matches shortly after
  });

  /** "N notes" or "M of N notes match"; data-search-state on the hub root says whether the
   * kernel's matches for this query are in yet. */
  function updateCount() {
    const query = store.get("query") || "";
    const hits = store.get("search_hits") || {};
    // "done" once the kernel's search (bodies, tags) for this query has been merged in
    hub.root.dataset.searchState = !query.trim() || hits.query === query ? "done" : "pending";
    const total = store.notes.length;
    const word = total === 1 ? "note" : "notes";
    count.textContent = filter.matches === null ? `${total} ${word}` : `${filter.matches.size} of ${total} ${word} match`;
    hint.textContent = filter.hint;
    hint.hidden = !filter.hint;
  }

  /** Show the model's query in the box (set from Python, or by Escape). */
  function showQuery() {
    const q = store.get("query") || "";
    if (input.value !== q) input.value = q;
  }

  return { el, input, updateCount, showQuery, dispose: () => clearTimeout(syncTimer) };
}
