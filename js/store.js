// The synced model state and the kernel's messages, for one view of the widget.
//
// The model (anywidget's, or the HTML export's StaticModel) holds the traits: state, selected,
// reading, query, view, expanded, search_hits, graph. The store keeps the hub's notes indexed
// (note id -> position, each note's first section) and turns request/answer messages into
// promises: every request carries an id unique to this view, because the kernel's answers reach
// every view of the same model.

/** A store over ``model``; ``uid`` tells this view's requests apart from other views'. */
export function createStore(model, uid) {
  const cleanups = [];
  const pending = new Map(); // request id -> resolve
  let requests = 0;

  const store = {
    model,
    uid,
    state: null, // the "state" trait: title, kind, sections, notes, ...
    notes: [],
    byId: new Map(), // note id -> position in notes
    groupOf: [], // position -> index of the note's first section, -1 for none

    get: (name) => model.get(name),

    /** Set a trait in the page only (the kernel hears of it at the next save). */
    set: (name, value) => model.set(name, value),

    /** Sync the traits set so far to the kernel. */
    save: () => model.save_changes(),

    /** Set traits and sync them to the kernel in one save. */
    update(values) {
      for (const [name, value] of Object.entries(values)) model.set(name, value);
      model.save_changes();
    },

    /** Listen to a model event until dispose(). */
    on(name, fn) {
      model.on(name, fn);
      cleanups.push(() => model.off(name, fn));
    },

    /** A new request id, unique to this view. */
    nextRequest: () => `${uid}:${++requests}`,

    /** Ask the kernel; resolves with its answer to this request (the whole message). */
    ask(type, id, extra = {}) {
      const request = store.nextRequest();
      return new Promise((resolve) => {
        pending.set(request, resolve);
        model.send({ ...extra, type, id, request });
      });
    },

    /** Send a request whose answer arrives as a trait change (e.g. "graph"). */
    send(msg) {
      model.send({ ...msg, request: store.nextRequest() });
    },

    /** Read the "state" trait again and rebuild the indexes. */
    reindex() {
      const st = model.get("state");
      store.state = st;
      store.notes = st.notes;
      store.byId.clear();
      st.notes.forEach((n, i) => store.byId.set(n.id, i));
      store.groupOf = new Array(st.notes.length).fill(-1);
      st.sections.forEach((sec, si) => {
        for (const p of sec.notes) if (store.groupOf[p] < 0) store.groupOf[p] = si;
      });
    },

    /** Stop listening; unanswered requests are dropped. */
    dispose() {
      for (const fn of cleanups.splice(0)) fn();
      pending.clear();
    },
  };

  store.on("msg:custom", (msg) => {
    const resolve = pending.get(msg && msg.request);
    if (resolve) {
      pending.delete(msg.request);
      resolve(msg);
    }
  });
  store.reindex();
  return store;
}
