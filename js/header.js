// The hub's header: label, title (not for a single note), description, counts.
import { h } from "./dom.js";

/** The header element and render(), which rebuilds it from the store's state. */
export function createHeader(store) {
  const el = h("header", { class: "hw-header", testid: "hub-header" });

  function render() {
    const st = store.state;
    // replaceChildren() would print a null child as the text "null": leave absent parts out
    const parts = [
      h("div", { class: "hw-label", text: st.label || "" }),
      st.kind === "note" ? null : h("h2", { class: "hw-title", testid: "hub-title", text: st.title }),
      st.description ? h("p", { class: "hw-description", text: st.description }) : null,
      h("p", { class: "hw-counts", testid: "hub-counts", text: st.subtitle }),
    ];
    el.replaceChildren(...parts.filter(Boolean));
  }

  return { el, render };
}
