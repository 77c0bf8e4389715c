// Hubs and notes both ways: "← All notes" from a hub, a hub's button from the index, and a note's
// hubs in the reader. The kernel switches the view (a "show" request); the page only asks. Offered
// when the model lists the catalog's hubs in "hub_list" (the live widget; not a saved page).
import { h } from "./dom.js";

/** The hub bar under the header and the reader's hub buttons, for one view. */
export function createHubLinks(hub) {
  const { store } = hub;
  const el = h("nav", { class: "hw-hub-links", testid: "hub-links", "aria-label": "Hubs" });
  let focusAfter = false; // a switch asked from the page: focus the new bar when it comes

  const hubs = () => store.get("hub_list") || [];
  const available = () => hubs().length > 0;

  /** Ask the kernel to show hub ``id`` ("" for every note). */
  function go(id) {
    focusAfter = true;
    store.send({ type: "show", hub: id });
  }

  function hubButton(item, testid) {
    return h("button", {
      type: "button",
      class: "hw-button hw-hub-link",
      testid,
      "data-hub-id": item.id,
      "aria-label": `Open hub: ${item.title}`,
      text: `${item.title} →`,
      onclick: () => go(item.id),
    });
  }

  /** Rebuild the bar from the state: a way back from a hub, the hubs from the index. */
  function render() {
    const st = store.state;
    const parts = [];
    if (available() && st.kind === "hub") {
      parts.push(h("button", { type: "button", class: "hw-button hw-to-index", testid: "to-index", text: "← All notes", onclick: () => go("") }));
    } else if (available() && st.kind === "index") {
      parts.push(h("span", { class: "hw-muted", text: "Hubs:" }), ...hubs().map((item) => hubButton(item, "open-hub")));
    }
    el.replaceChildren(...parts);
    el.hidden = parts.length === 0;
    if (focusAfter) {
      focusAfter = false;
      // After every trait of the switch has landed: closing the reader moves focus too.
      setTimeout(() => {
        const first = el.querySelector("button");
        if (first) first.focus({ preventScroll: true });
      });
    }
  }

  /** The reader's "In hubs" line: buttons that open each hub, or plain names without a kernel. */
  function readerHubs(items) {
    if (!items || !items.length) return null;
    const parts = items.map((item) => (available() ? hubButton(item, "reader-hub") : h("span", { class: "hw-tag", text: item.title })));
    return h("p", { class: "hw-reader-hubs", testid: "reader-hubs" }, h("span", { class: "hw-muted", text: "In hubs:" }), ...parts);
  }

  return { el, render, readerHubs, go };
}
