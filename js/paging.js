// Long lists without long keystrokes: the first FIRST items are built, a screenful (SYNC) of
// them before the next paint and the rest right after it; a "Show more" button (also pressed by
// scrolling it into view) builds the next PAGE. Rebuilding the list cancels unbuilt work.
import { h } from "./dom.js";

export const FIRST = 60; // cards or rows built at first: a screenful or two, so each keystroke stays cheap
export const PAGE = 200; // built at a time after that ("Show more", or scrolling to the end of the list)
export const SYNC = 12; // of those, built before the next paint (about a screenful); the rest right after it

/** A pager for one view of the widget. */
export function createPager() {
  let generation = 0; // bumped on every rebuild of the list
  const observers = new Set(); // "Show more" buttons that load the next page when scrolled into view

  const pager = {
    /** The list is about to be rebuilt: cancel the unbuilt rest, drop the old buttons' observers. */
    reset() {
      generation += 1;
      pager.dropObservers();
    },

    dropObservers() {
      for (const o of observers) o.disconnect();
      observers.clear();
    },

    /** Items [from, to) of positions into container via make(position), then a "Show more"
     * that calls onMore(container) for the next page. */
    appendItems(container, positions, from, to, make, onMore) {
      const more = to < positions.length ? pager.moreButton(positions.length - to, onMore) : null;
      if (more) container.append(more);
      pager.buildInto(container, more, from, Math.min(to, positions.length), (k) => make(positions[k]));
    },

    /** Items [from, end) into container before ``anchor`` (a "Show more" button, armed once the
     * page is complete): a screenful now, the rest after the next paint. */
    buildInto(container, anchor, from, end, make) {
      const build = (a, b) => {
        const frag = document.createDocumentFragment();
        for (let k = a; k < b; k++) frag.append(make(k));
        if (anchor) anchor.before(frag);
        else container.append(frag);
      };
      const arm = () => anchor && anchor.hwArm && anchor.hwArm();
      const now = Math.min(end, from + SYNC);
      build(from, now);
      if (now < end) {
        pager.afterPaint(() => {
          build(now, end);
          arm();
        });
      } else {
        arm();
      }
    },

    /** Run ``fn`` once the browser has painted, unless the list was rebuilt in the meantime. */
    afterPaint(fn) {
      const at = generation;
      requestAnimationFrame(() => setTimeout(() => at === generation && fn(), 0));
    },

    /** "Show more (N more)": disabled until armed (hwArm), then clicking or scrolling to it runs
     * onMore(parent) once; focus moves to the first new item's button if the button had it. */
    moreButton(remaining, onMore) {
      const button = h("button", {
        type: "button",
        class: "hw-button hw-show-more",
        testid: "show-more",
        text: `Show more (${remaining} more)`,
        disabled: true, // until the page above it is complete (see buildInto)
      });
      let done = false;
      const go = () => {
        if (done || button.disabled) return;
        done = true;
        if (observer) {
          observer.disconnect();
          observers.delete(observer);
        }
        const focused = document.activeElement === button;
        const parent = button.parentNode;
        button.remove();
        const first = onMore(parent);
        if (focused && first) first.querySelector("button")?.focus();
      };
      button.addEventListener("click", go);
      const observer =
        typeof IntersectionObserver === "function"
          ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go())
          : null;
      button.hwArm = () => {
        button.disabled = false;
        if (observer && !done) {
          observer.observe(button);
          observers.add(observer);
        }
      };
      return button;
    },
  };
  return pager;
}
