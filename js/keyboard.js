// Keyboard: "/" focuses the search box (when not typing), Escape closes the reader or clears the
// search. The hub root carries data-lm-suppress-shortcuts so JupyterLab leaves these keys to us.

/** The keydown handler for the hub root. */
export function keyboardHandler(hub) {
  const { store, nav } = hub;
  return (event) => {
    const search = hub.search;
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      search.focus();
      search.select();
    } else if (event.key === "Escape") {
      if (store.get("reading")) {
        event.preventDefault();
        event.stopPropagation();
        nav.closeReader();
      } else if (event.target === search && search.value) {
        event.preventDefault();
        event.stopPropagation();
        search.value = "";
        search.dispatchEvent(new Event("input"));
      }
    }
  };
}
