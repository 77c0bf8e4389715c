// Words, local matching and highlighting.
//
// The word rule (the same as Python's search): a word is a run of Unicode letters, digits and
// underscores, compared lower-cased, except that a Han, Hiragana, Katakana or Hangul character is
// a word of its own (those scripts do not put spaces between words); a query term matches every
// word that starts with it. "Rewards-based" holds the words "rewards" and "based", so "rew" and
// "bas" match it and "ards" does not.
import { h } from "./dom.js";

// Han (with extensions, compatibility forms, radicals, 々〆〇), Hiragana, Katakana (with half-width
// forms) and Hangul: the ranges of Python's hubwidgets.query.CJK_RANGES, character for character.
const CJK =
  "\\u2e80-\\u2fdf\\u3005-\\u3007\\u3021-\\u3029\\u3038-\\u303b\\u3041-\\u309f\\u30a1-\\u30fa" +
  "\\u30fc-\\u30ff\\u3131-\\u318e\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua960-\\ua97f" +
  "\\uac00-\\ud7af\\ud7b0-\\ud7ff\\uf900-\\ufaff\\uff66-\\uff9f\\uffa0-\\uffdc\\u1100-\\u11ff" +
  "\\u{20000}-\\u{3134f}";
export const WORD = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}_])+`, "gu");

/** Python's str.casefold() for the letters where it differs from toLowerCase(). */
export function casefold(text) {
  const lower = String(text || "").toLowerCase();
  return /[ßς]/.test(lower) ? lower.replace(/ß/g, "ss").replace(/ς/g, "σ") : lower;
}

/** The words of ``text``, case-folded, in order (duplicates kept). */
export function tokenize(text) {
  return casefold(text).match(WORD) || [];
}

/** The note's title and summary words as " w1 w2 …": a word starts with t where " " + t occurs.
 * Cached on the note object (``_hay``), so each note is tokenized once. */
export function haystack(note) {
  if (note._hay === undefined) note._hay = ` ${tokenize(`${note.title} ${note.summary}`).join(" ")}`;
  return note._hay;
}

/** True when every needle (" " + term) starts some word of the note's title or summary. */
export function localMatch(note, needles) {
  const hay = haystack(note);
  for (let k = 0; k < needles.length; k++) if (!hay.includes(needles[k])) return false;
  return true;
}

/** Text with the word starts matching a term wrapped in <mark>, built as DOM nodes (never HTML). */
export function highlight(text, terms) {
  const frag = document.createDocumentFragment();
  text = text || "";
  if (!terms.length) {
    frag.append(text);
    return frag;
  }
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const word = casefold(m[0]);
    const hit = terms.filter((t) => word.startsWith(t)).sort((a, b) => b.length - a.length)[0];
    if (!hit) continue;
    const len = Math.min(hit.length, m[0].length);
    frag.append(text.slice(last, m.index), h("mark", { class: "hw-mark", text: m[0].slice(0, len) }));
    last = m.index + len;
  }
  frag.append(text.slice(last));
  return frag;
}

/** ``text`` with the ``[start, end)`` ranges of ``marks`` in <mark>, as DOM nodes (never HTML).
 * Offsets count code points, as Python's do; ranges out of order, overlapping or out of bounds
 * are skipped. */
export function markedText(text, marks) {
  const frag = document.createDocumentFragment();
  const chars = Array.from(String(text || ""));
  let last = 0;
  for (const range of marks || []) {
    const [start, end] = Array.isArray(range) ? range : [];
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < last || end <= start || end > chars.length) continue;
    frag.append(chars.slice(last, start).join(""), h("mark", { class: "hw-mark", text: chars.slice(start, end).join("") }));
    last = end;
  }
  frag.append(chars.slice(last).join(""));
  return frag;
}

/** Mark the words starting with a term in every text node under ``root`` (the reader's body),
 * splitting text nodes; no HTML is parsed. */
export function highlightIn(root, terms) {
  if (!terms.length) return;
  const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest("mark")) nodes.push(node);
  }
  for (const node of nodes) {
    const frag = highlight(node.data, terms);
    if (frag.childNodes.length > 1) node.replaceWith(frag);
  }
}
