// The hub's narrow layout: the class "hw-narrow" on the hub while its content box is at most
// NARROW px wide (a side panel, a phone, a narrow cell), so the table drops its # and summary
// columns. A CSS container query would say the same, but a query container lays out its whole
// subtree again with every change inside it: at 10,000 notes that was ~1.5 ms of layout on each
// keystroke. A ResizeObserver costs nothing until the hub's width changes.
export const NARROW = 640;

/** Keep "hw-narrow" on ``root`` in step with its width; returns the function that stops it. */
export function watchWidth(root) {
  if (typeof ResizeObserver !== "function") return () => {};
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const box = entry.contentBoxSize && entry.contentBoxSize[0];
      const width = box ? box.inlineSize : entry.contentRect.width;
      root.classList.toggle("hw-narrow", width <= NARROW);
    }
  });
  observer.observe(root);
  return () => observer.disconnect();
}
