// DOM builders. Untrusted text only ever becomes a text node or an attribute value here:
// strings passed as children are wrapped in text nodes, "text" sets textContent.

export const SVG_NS = "http://www.w3.org/2000/svg";

/** An HTML element with attributes (see setAttrs) and children (nodes or strings as text). */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** An SVG element with attributes. */
export function s(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  return node;
}

/** Attributes: null/undefined/false are left out; "text" sets textContent, "testid" data-testid,
 * "on<event>" adds a listener, true becomes an empty attribute. */
export function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "testid") node.dataset.testid = value;
    else if (key === "class") node.setAttribute("class", value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}
