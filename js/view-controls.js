// "View as" (sections, grid, table, graph) and "Expand all / Collapse all".
import { h } from "./dom.js";

export const VIEWS = [
  ["sections", "Sections"],
  ["grid", "Grid"],
  ["table", "Table"],
  ["graph", "Graph"],
];

/** The view switcher and expand-all button: viewAs, expandAll, update(). */
export function createViewControls(hub) {
  const { store, nav } = hub;
  const buttons = VIEWS.map(([value, label]) =>
    h("button", {
      type: "button",
      class: "hw-view-button",
      testid: `view-${value}`,
      "data-view": value,
      text: label,
      onclick: () => {
        nav.closeReader(true);
        store.update({ view: value });
      },
    }),
  );
  const viewAs = h(
    "div",
    { class: "hw-view-as", testid: "view-as", role: "group", "aria-label": "View as" },
    h("span", { class: "hw-view-as-label", text: "View as" }),
    buttons,
  );
  const expandAll = h("button", {
    type: "button",
    class: "hw-button hw-expand-all",
    testid: "expand-all",
    onclick: () => {
      const all = store.state.sections.map((sec) => sec.key);
      const open = store.get("expanded") || [];
      store.update({ expanded: open.length === all.length ? [] : all });
    },
  });

  /** Pressed view button, expand-all label and visibility, data-view on the hub root. */
  function update() {
    const view = store.get("view");
    const sections = store.state.sections;
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.view === view));
    const open = (store.get("expanded") || []).length;
    expandAll.hidden = view !== "sections" || sections.length === 0;
    expandAll.textContent = open === sections.length ? "Collapse all" : "Expand all";
    hub.root.dataset.view = view;
  }

  return { viewAs, expandAll, update };
}
