// Pop-ups for editing: a menu of choices and a one-line form, both opened from a button.
//
// Keyboard: the menu opens with focus on its first item; ArrowUp/ArrowDown/Home/End move,
// Enter/Space choose (they are real buttons), Escape closes; the form submits with Enter and closes
// with Escape. Closing gives focus back to the button that opened the pop-up. One pop-up is open
// at a time; a click outside closes it.
import { h } from "./dom.js";

let current = null; // the open pop-up's close(), page-wide

/** Close whatever pop-up is open (focus stays where it is). */
export function closePopup() {
  if (current) current(false);
}

/** Show ``popup`` under ``opener`` as the one open pop-up; ``onKey`` sees its other keys. Returns close(giveFocusBack). */
export function mount(opener, popup, onKey) {
  closePopup();
  const holder = opener.closest(".hw-edit-anchor") || opener.parentNode;
  holder.append(popup);
  opener.setAttribute("aria-expanded", "true");
  const outside = (event) => {
    if (!popup.contains(event.target) && event.target !== opener) close(false);
  };
  function close(giveFocusBack) {
    if (current !== close) return;
    current = null;
    popup.remove();
    opener.setAttribute("aria-expanded", "false");
    document.removeEventListener("mousedown", outside, true);
    if (giveFocusBack && opener.isConnected) opener.focus();
  }
  popup.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    }
    onKey(event, close);
  });
  document.addEventListener("mousedown", outside, true);
  current = close;
  return close;
}

/**
 * A menu under ``opener``. ``items``: ``{label, testid, data: {...}, onSelect, disabled?}`` to
 * choose (a disabled item is shown and focusable, and choosing it only closes), or
 * ``{group: "label"}`` for a heading. Choosing closes the menu, returns focus, then runs onSelect.
 */
export function openMenu(opener, items, { label = "Menu", testid = "edit-menu" } = {}) {
  const menu = h("div", { class: "hw-menu", role: "menu", "aria-label": label, testid });
  const buttons = [];
  for (const item of items) {
    if (item.group !== undefined) {
      menu.append(h("div", { class: "hw-menu-group", role: "presentation", text: item.group }));
      continue;
    }
    const attrs = { type: "button", role: "menuitem", tabindex: "-1", class: "hw-menu-item", testid: item.testid, text: item.label, "aria-disabled": item.disabled ? "true" : null };
    for (const [key, value] of Object.entries(item.data || {})) attrs[`data-${key}`] = value;
    const button = h("button", attrs);
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      close(true);
      if (!item.disabled) item.onSelect();
    });
    buttons.push(button);
    menu.append(button);
  }
  if (!buttons.length) menu.append(h("p", { class: "hw-menu-empty", text: "Nothing to choose." }));
  const close = mount(opener, menu, (event, closeIt) => {
    const at = buttons.indexOf(document.activeElement);
    let next;
    if (event.key === "ArrowDown") next = at + 1 >= buttons.length ? 0 : at + 1;
    else if (event.key === "ArrowUp") next = at <= 0 ? buttons.length - 1 : at - 1;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = buttons.length - 1;
    else if (event.key === "Tab") return closeIt(false);
    else return;
    event.preventDefault();
    event.stopPropagation();
    if (buttons[next]) buttons[next].focus();
  });
  if (buttons.length) buttons[0].focus();
  else {
    menu.setAttribute("tabindex", "-1");
    menu.focus();
  }
  return { el: menu, close };
}

/**
 * ``send()`` on the form's submit and on Enter in any of ``inputs``: Enter must submit even where
 * the host swallows the form's implicit submission (JupyterLab does).
 */
export function submitOnEnter(form, inputs, send) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
  for (const input of inputs) {
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.isComposing) return;
      event.preventDefault();
      event.stopPropagation();
      send();
    });
  }
}

/**
 * A one-line form under ``opener``: a labelled text box and a submit button. ``onSubmit(value)``
 * runs after the form closed and focus went back to the opener; an empty value is
 * submitted only with ``allowEmpty``.
 */
export function openForm(opener, { label, value = "", submit = "Save", testid = "edit-form", inputTestid = "edit-input", submitTestid = "edit-submit", hint = "", allowEmpty = false, onSubmit }) {
  const input = h("input", { type: "text", class: "hw-form-input", testid: inputTestid, "aria-label": label, value, autocomplete: "off", spellcheck: "false" });
  const cancel = h("button", { type: "button", class: "hw-button", testid: "edit-cancel", text: "Cancel" });
  const form = h(
    "form",
    { class: "hw-form", testid, role: "dialog", "aria-label": label },
    h("label", { class: "hw-form-label" }, h("span", { text: label }), input),
    hint ? h("p", { class: "hw-form-hint", text: hint }) : null,
    h("div", { class: "hw-form-buttons" }, h("button", { type: "submit", class: "hw-button hw-primary", testid: submitTestid, text: submit }), cancel),
  );
  const close = mount(opener, form, () => {});
  function send() {
    const text = input.value.trim();
    if (!text && !allowEmpty) {
      input.focus();
      return;
    }
    close(true);
    onSubmit(text);
  }
  submitOnEnter(form, [input], send);
  cancel.addEventListener("click", () => close(true));
  input.focus();
  input.select();
  return { el: form, input, close };
}
