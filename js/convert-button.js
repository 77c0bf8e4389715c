// "Convert to notebook" in the reader, with the kernel's answer as a status line.
import { h } from "./dom.js";
import { notebookHref } from "./urls.js";

const STATUS_WORDS = { written: "Written:", unchanged: "Up to date:", skipped: "Kept your edited copy:" };

/** The convert button and status for note ``id``; answers are kept per note in ui.converted. */
export function convertBox(hub, id) {
  const { store, ui } = hub;
  const status = h("span", { class: "hw-convert-status", testid: "convert-status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "hw-button", testid: "convert", text: "Convert to notebook" });
  const show = (reply) => {
    status.replaceChildren();
    if (reply.error || reply.status === "error" || reply.status === "unavailable") {
      status.textContent = reply.error || reply.message;
      return;
    }
    const href = notebookHref(reply.path);
    const label = reply.path || reply.absolute;
    status.append(`${STATUS_WORDS[reply.status] || ""} `);
    status.append(href ? h("a", { href, target: "_blank", rel: "noopener noreferrer", testid: "notebook-link", text: label }) : h("code", { text: label }));
  };
  if (ui.converted.has(id)) show(ui.converted.get(id));
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Converting…";
    const reply = await store.ask("convert", id);
    ui.converted.set(id, reply);
    button.disabled = false;
    show(reply);
  });
  return h("div", { class: "hw-convert" }, button, status);
}
