// Moving around the hub: selecting a note, opening it in the reader, going back to the list.
// The reader remembers what opened it, to give focus back when it closes.

/** The navigation actions of one view; they only change traits, the views follow the changes. */
export function createNavigation(store, focus) {
  return {
    /** Show note ``id`` in the reader; ``opener`` gets focus back when the reader closes. */
    openNote(id, opener) {
      focus.returnTo = opener || null;
      store.update({ selected: id, reading: true });
    },

    /** Back to the list; ``stay`` keeps focus where it is (e.g. typing in the search box). */
    closeReader(stay = false) {
      if (!store.get("reading")) return;
      focus.stay = stay;
      store.update({ reading: false });
    },

    select(id) {
      if (store.get("selected") === id) return;
      store.update({ selected: id });
    },
  };
}
