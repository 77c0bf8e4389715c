// Table view: one row per shown note (#, title, section, summary and a snippet of why it matched),
// sortable by each column; by relevance while a ranked query is active and "#" is the sort.
import { h } from "../dom.js";
import { FIRST, PAGE } from "../paging.js";
import { sectionColour } from "../section-colour.js";
import { textMatch } from "../card.js";
import { highlight } from "../text.js";

export const COLUMNS = [
  ["order", "#"],
  ["title", "Title"],
  ["section", "Section"],
  ["summary", "Summary"],
];

/** render() -> the table; while columns and sort stay, the table on screen gets new rows only. */
export function createTableView(hub) {
  const { store, filter, pager, ui, nav } = hub;

  function sortKey(i, key) {
    if (key === "order") return i;
    if (key === "section") return store.groupOf[i] < 0 ? Infinity : store.groupOf[i];
    return (store.notes[i][key] || "").toLowerCase();
  }

  function head(key, dir) {
    return h(
      "tr",
      {},
      COLUMNS.map(([col, label]) =>
        h(
          "th",
          { scope: "col", "aria-sort": col === key ? (dir > 0 ? "ascending" : "descending") : "none", class: `hw-col-${col}` },
          h(
            "button",
            {
              type: "button",
              class: "hw-sort",
              testid: `sort-${col}`,
              onclick: () => {
                ui.sort = { key: col, dir: col === key ? -dir : 1 };
                ui.listShown = FIRST;
                hub.refresh();
              },
            },
            label,
            h("span", { class: "hw-sort-mark", "aria-hidden": "true", text: col === key ? (dir > 0 ? " ▲" : " ▼") : "" }),
          ),
        ),
      ),
    );
  }

  function row(i) {
    const n = store.notes[i];
    const g = store.groupOf[i];
    const selected = store.get("selected") === n.id;
    return h(
      "tr",
      { testid: "note-row", "data-note-id": n.id, class: selected ? "hw-selected" : null, "aria-current": selected ? "true" : null },
      h("td", { class: "hw-col-order", text: String(i + 1) }),
      h(
        "td",
        { class: "hw-col-title" },
        h("button", { type: "button", class: "hw-link-button", testid: "note-title", onclick: (e) => nav.openNote(n.id, e.currentTarget) }, highlight(n.title, filter.terms)),
      ),
      h(
        "td",
        { class: "hw-col-section" },
        g >= 0 ? h("span", { class: "hw-swatch", style: `background: ${sectionColour(g)}` }) : null,
        g >= 0 ? store.state.sections[g].title : "",
      ),
      h(
        "td",
        { class: "hw-col-summary" },
        h("div", { class: "hw-clamp", title: n.summary }, highlight(n.summary, filter.terms)),
        filter.textOnly.has(i) ? textMatch(filter.snippets.get(i)) : null,
      ),
    );
  }

  return function render() {
    const { key, dir } = ui.sort;
    const positions = filter.orderedVisible(); // by relevance once ranked, else in hub order
    if (key !== "order" || dir !== 1) {
      positions.sort((a, b) => {
        const x = sortKey(a, key);
        const y = sortKey(b, key);
        return (x < y ? -1 : x > y ? 1 : a - b) * dir;
      });
    }
    const body = h("tbody");
    const rows = (from, to) => {
      let tr = null;
      if (to < positions.length) {
        const button = pager.moreButton(positions.length - to, () => {
          tr.remove();
          ui.listShown = to + PAGE;
          rows(to, to + PAGE);
          return body.children[to];
        });
        tr = h("tr", { class: "hw-more-row" }, h("td", { colspan: COLUMNS.length }, button));
        tr.hwArm = button.hwArm;
      }
      if (tr) body.append(tr);
      pager.buildInto(body, tr, from, Math.min(to, positions.length), (k) => row(positions[k]));
    };
    rows(0, ui.listShown);
    // Same columns and sort as the table on screen (typing a query): swap only its rows.
    const current = hub.list.firstElementChild;
    const sortState = `${key}:${dir}`;
    if (current && current.dataset.testid === "table" && current.dataset.sort === sortState) {
      current.tBodies[0].replaceWith(body);
      return current;
    }
    return h("table", { class: "hw-table", testid: "table", "data-sort": sortState }, h("thead", {}, head(key, dir)), body);
  };
}
