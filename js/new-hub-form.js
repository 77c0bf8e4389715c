// "New hub…" (in the Add to hub… menu): a small form (title, description, first section) that
// creates a hub holding the note. The kernel names the hub by a free slug of its title; an empty
// title is refused here, in the form, as one line, and nothing is sent.
import { h } from "./dom.js";
import { mount, submitOnEnter } from "./edit-menu.js";

/** The fields' order and test ids; ``section`` starts as "Notes". */
const FIELDS = [
  { name: "title", label: "Hub title", testid: "new-hub-title", value: "" },
  { name: "description", label: "Description (optional)", testid: "new-hub-description", value: "" },
  { name: "section", label: "First section", testid: "new-hub-section", value: "Notes" },
];

/**
 * Open the form under ``opener``. ``onSubmit({title, description, section})`` runs after the form
 * closed and focus went back to the opener. Enter in any field submits; Escape cancels.
 */
export function openNewHubForm(opener, { noteTitle = "", onSubmit }) {
  const inputs = {};
  const labels = FIELDS.map((field) => {
    const input = h("input", { type: "text", class: "hw-form-input", testid: field.testid, name: field.name, "aria-label": field.label, value: field.value, autocomplete: "off" });
    inputs[field.name] = input;
    return h("label", { class: "hw-form-label" }, h("span", { text: field.label }), input);
  });
  inputs.title.setAttribute("aria-required", "true");
  inputs.title.addEventListener("input", () => {
    error.hidden = true; // the line was about an empty title
    inputs.title.removeAttribute("aria-invalid");
  });
  const error = h("p", { class: "hw-form-error", testid: "new-hub-error", role: "alert", hidden: true });
  const cancel = h("button", { type: "button", class: "hw-button", testid: "edit-cancel", text: "Cancel" });
  const form = h(
    "form",
    { class: "hw-form", testid: "new-hub-form", role: "dialog", "aria-label": "New hub" },
    ...labels,
    noteTitle ? h("p", { class: "hw-form-hint", text: `“${noteTitle}” goes into its first section.` }) : null,
    error,
    h("div", { class: "hw-form-buttons" }, h("button", { type: "submit", class: "hw-button hw-primary", testid: "new-hub-submit", text: "Create hub" }), cancel),
  );
  const close = mount(opener, form, () => {});

  function send() {
    const values = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()]));
    if (!values.title) {
      error.textContent = "A new hub needs a title.";
      error.hidden = false;
      inputs.title.setAttribute("aria-invalid", "true");
      inputs.title.focus();
      return;
    }
    close(true);
    onSubmit({ title: values.title, description: values.description, section: values.section || "Notes" });
  }
  submitOnEnter(form, Object.values(inputs), send);
  cancel.addEventListener("click", () => close(true));
  inputs.title.focus();
  return { el: form, inputs, close };
}
