// One colour per section, the same in cards, table rows, the graph and its legend.

const PALETTE = [
  "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
];

/** The colour of section ``index`` (grey for none, golden-angle hues past the palette). */
export function sectionColour(index) {
  if (index < 0) return "#888888";
  if (index < PALETTE.length) return PALETTE[index];
  return `hsl(${Math.round((index * 137.508) % 360)}, 55%, 55%)`;
}
