// Standalone hub page: runs the widget's own front end (hub.js) with no kernel and no network.
//
// export.py inlines this module (bundled to static/standalone.js), hub.js (as text) and the hub's
// data into one HTML file; StaticModel stands in for the anywidget model.
import { StaticModel } from "./static-model.js";

export async function mount(el) {
  const data = JSON.parse(document.getElementById("hw-data").textContent);
  const source = document.getElementById("hw-hub-js").textContent;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    const hub = (await import(url)).default;
    const model = new StaticModel(data);
    window.hubwidgetsModel = model; // for people (and tests) who want to poke at the state
    hub.render({ model, el });
  } finally {
    URL.revokeObjectURL(url);
  }
}

mount(document.getElementById("hw-root"));
