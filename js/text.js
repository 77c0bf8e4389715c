// Words, local matching and highlighting.
//
// The word rule (the same as Python's hubwidgets.search.tokenize, r"\w+" lower-cased): a word is a
// run of Unicode letters, digits and underscores, compared lower-cased; a query term matches every
// word that starts with it. "Rewards-based" holds the words "rewards" and "based", so "rew" and
// "bas" match it and "ards" does not.
import { h } from "./dom.js";

export const WORD = /[\p{L}\p{N}_]+/gu;

/** The words of ``text``, lower-cased, in order (duplicates kept). */
export function tokenize(text) {
  return String(text || "").toLowerCase().match(WORD) || [];
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
    const word = m[0].toLowerCase();
    const hit = terms.filter((t) => word.startsWith(t)).sort((a, b) => b.length - a.length)[0];
    if (!hit) continue;
    const len = Math.min(hit.length, m[0].length);
    frag.append(text.slice(last, m.index), h("mark", { class: "hw-mark", text: m[0].slice(0, len) }));
    last = m.index + len;
  }
  frag.append(text.slice(last));
  return frag;
}
