// Grid view: every shown note as a card, in hub order, with its section named on the card.
import { h } from "../dom.js";
import { PAGE } from "../paging.js";

/** render() -> a new grid of the shown notes (the first ui.listShown of them built). */
export function createGridView(hub, cards) {
  const { filter, pager, ui } = hub;
  const make = (i) => cards.card(i, { showSection: true });

  return function render() {
    const positions = filter.orderedVisible();
    const grid = h("div", { class: "hw-grid", testid: "grid" });
    const more = (parent, from) => {
      const to = from + PAGE;
      ui.listShown = to;
      const before = parent.childElementCount;
      pager.appendItems(parent, positions, from, to, make, (p) => more(p, to));
      return parent.children[before];
    };
    pager.appendItems(grid, positions, 0, ui.listShown, make, (p) => more(p, ui.listShown));
    return grid;
  };
}
