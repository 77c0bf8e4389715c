// Which URLs may become links.

/** A URL that may become an href: http(s) and mailto only (anything else: null). */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Where a converted notebook opens: relative to this notebook's URL in Lab or Notebook 7
 * (``pathname`` defaults to the page's own). */
export function notebookHref(relPath, pathname = window.location.pathname) {
  if (!relPath) return null;
  const m = pathname.match(/^(.*?\/(?:lab(?:\/workspaces\/[^/]+)?\/tree|notebooks|doc(?:\/workspaces\/[^/]+)?\/tree)\/)(.*)$/);
  if (!m) return null;
  const dir = m[2].split("/").slice(0, -1).map(decodeURIComponent);
  const parts = [...dir];
  for (const part of relPath.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return m[1] + parts.map(encodeURIComponent).join("/");
}
