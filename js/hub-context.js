// One view's shared parts: the store, the filter, the pager, navigation, related lists and the UI
// memory (what is shown, sorted, open or cached) that outlives a re-render.
import { createFilter } from "./filter.js";
import { createNavigation } from "./navigation.js";
import { createPager, FIRST } from "./paging.js";
import { createRelated } from "./related.js";
import { createStore } from "./store.js";

let instances = 0;

/** Everything one view of the widget shares: the store, the filter, UI memory, navigation. */
export function createHub(model) {
  const uid = `hw${++instances}-${Math.random().toString(36).slice(2, 7)}`;
  const store = createStore(model, uid);
  const focus = { returnTo: null, stay: false }; // see navigation.js and reader.js
  const hub = {
    uid,
    store,
    filter: createFilter(store),
    pager: createPager(),
    focus,
    nav: createNavigation(store, focus),
    ui: {
      shown: new Map(), // section key -> number of cards built
      listShown: FIRST, // grid / table
      sort: { key: "order", dir: 1 },
      relatedOpen: new Set(),
      bodies: new Map(), // note id -> "note" answer
      related: new Map(), // note id -> "related" answer
      converted: new Map(), // note id -> "convert" answer
      graphAsked: false,
    },
    // DOM parts, set by render(): root, toolbar, search, list, readerBox; and refresh().
  };
  hub.related = createRelated(hub);
  return hub;
}
