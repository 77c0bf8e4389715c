// Sections view: one collapsible section per hub section, cards inside the open ones.
//
// Section headings stay in the page from one render to the next: a keystroke changes their
// counts and which of them are listed, and rebuilds only the cards of open sections. Building
// every heading anew on each keystroke cost more layout than the filtering itself.
import { h } from "../dom.js";
import { FIRST, PAGE } from "../paging.js";
import { sectionColour } from "../section-colour.js";

/** render() -> the sections box (the same element while the state is the same). */
export function createSectionsView(hub, cards) {
  const { store, filter, pager, ui } = hub;
  let sectionRows = null; // { state, box, rows: [{ el, toggle, count, panel }] } for the current state

  function sectionRow(sec, si) {
    const panelId = `${hub.uid}-s${si}`;
    const count = h("span", { class: "hw-section-count", testid: "section-count" });
    const toggle = h(
      "button",
      {
        type: "button",
        class: "hw-section-toggle",
        testid: "section-toggle",
        "aria-controls": panelId,
        onclick: () => {
          const now = new Set(store.get("expanded") || []);
          if (now.has(sec.key)) now.delete(sec.key);
          else now.add(sec.key);
          store.update({ expanded: store.state.sections.map((x) => x.key).filter((k) => now.has(k)) });
        },
      },
      h("span", { class: "hw-chevron", "aria-hidden": "true" }),
      h("span", { class: "hw-swatch", "aria-hidden": "true", style: `background: ${sectionColour(si)}` }),
      h("span", { class: "hw-section-title", text: sec.title }),
      count,
    );
    const panel = h("div", { class: "hw-section-panel", id: panelId, role: "region", "aria-label": sec.title });
    const el = h(
      "section",
      { class: `hw-section${sec.n_notes === 0 ? " hw-section-empty" : ""}`, testid: "section", "data-key": sec.key },
      h("h3", { class: "hw-section-heading" }, toggle),
      panel,
    );
    return { el, toggle, count, panel };
  }

  function render() {
    const st = store.state;
    if (!st.sections.length) {
      return h("div", { class: "hw-grid" }, store.notes.map((_, i) => cards.card(i, { showSection: false })));
    }
    if (!sectionRows || sectionRows.state !== st) {
      sectionRows = { state: st, box: h("div", { class: "hw-sections" }), rows: st.sections.map(sectionRow) };
    }
    const expanded = new Set(store.get("expanded") || []);
    const matches = filter.matches;
    const listed = [];
    st.sections.forEach((sec, si) => {
      const make = (i) => cards.card(i, { showSection: false, section: si });
      const positions = sec.notes.filter(filter.visible);
      if (matches !== null && positions.length === 0) return;
      const row = sectionRows.rows[si];
      listed.push(row.el);
      const open = expanded.has(sec.key);
      const countText = matches === null ? sec.count_text : `${positions.length} of ${sec.n_notes} match`;
      if (row.count.textContent !== countText) row.count.textContent = countText;
      row.toggle.setAttribute("aria-expanded", String(open));
      row.panel.hidden = !open;
      if (!open) {
        if (row.panel.firstChild) row.panel.replaceChildren();
        return;
      }
      const content = [];
      if (sec.n_notes === 0) content.push(h("p", { class: "hw-empty", testid: "section-empty", text: sec.count_text }));
      const grid = h("div", { class: "hw-cards" });
      const shown = Math.max(FIRST, ui.shown.get(sec.key) || 0);
      const more = (parent, from) => {
        const to = from + PAGE;
        ui.shown.set(sec.key, to);
        const before = parent.childElementCount;
        pager.appendItems(parent, positions, from, to, make, (p) => more(p, to));
        return parent.children[before];
      };
      pager.appendItems(grid, positions, 0, shown, make, (p) => more(p, shown));
      content.push(grid);
      row.panel.replaceChildren(...content);
    });
    // Put the listed sections in order, moving or removing only those that changed.
    const box = sectionRows.box;
    let at = box.firstElementChild;
    for (const el of listed) {
      if (el === at) at = at.nextElementSibling;
      else box.insertBefore(el, at);
    }
    while (at) {
      const next = at.nextElementSibling;
      at.remove();
      at = next;
    }
    return box;
  }

  return render;
}
