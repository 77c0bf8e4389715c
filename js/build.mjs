// Bundle js/ into the files anywidget and the HTML export load: src/hubwidgets/static/hub.js
// (the widget's ES module) and static/standalone.js (the export's stand-in model).
//
//   node js/build.mjs                 build into src/hubwidgets/static/ (npm run build, make js)
//   node js/build.mjs --outdir DIR    build elsewhere (the freshness test compares the two)
//   node js/build.mjs --watch         rebuild on every save (npm run dev, with ANYWIDGET_HMR=1)
//
// Unminified, so the committed bundle reads like the sources. The export inlines both files in
// <script> elements, so a bundle holding "</script" or "<!--" is refused.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BANNER = "// Built by esbuild from js/ (npm run build): edit the sources there, then rebuild.";

const args = process.argv.slice(2);
const watch = args.includes("--watch");
const at = args.indexOf("--outdir");
const outdir = resolve(at >= 0 ? args[at + 1] : join(REPO, "src/hubwidgets/static"));

/** esbuild writes the entry's default export as ``var js_default = { render }; export { js_default
 * as default };`` and lowers top-level ``const`` to ``var``. The bundle keeps the source's own
 * words: ``export default { render };`` (what anywidget loads, and what the tests look for) and
 * ``const`` for the UPPER_CASE constants (the browser tests read FIRST and PAGE from the bundle). */
function restoreSourceForms(path, text) {
  text = text.replace(/^var ([A-Z][A-Z0-9_]*) = /gm, "const $1 = ");
  if (!path.endsWith("hub.js")) return text;
  const tail = "var js_default = { render };\nexport {\n  js_default as default\n};\n";
  if (!text.endsWith(tail)) throw new Error(`${relative(REPO, path)}: unexpected end of bundle, cannot restore "export default { render }"`);
  return text.slice(0, -tail.length) + "export default { render };\n";
}

/** Write the bundles, after checking they can be inlined in a <script> element. */
const writeChecked = {
  name: "write-checked",
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      const texts = new Map();
      for (const file of result.outputFiles) {
        const text = restoreSourceForms(file.path, file.text);
        texts.set(file.path, text);
        if (text.toLowerCase().includes("</script") || text.includes("<!--")) {
          throw new Error(`${relative(REPO, file.path)} holds "</script" or "<!--": the HTML export cannot inline it`);
        }
      }
      mkdirSync(outdir, { recursive: true });
      for (const [path, text] of texts) writeFileSync(path, text);
      if (watch) console.log(`[${new Date().toLocaleTimeString()}] built ${result.outputFiles.map((f) => relative(REPO, f.path)).join(", ")}`);
    });
  },
};

const options = {
  absWorkingDir: REPO, // the bundle's "// js/..." comments are relative to the repository
  entryPoints: [
    { in: "js/index.js", out: "hub" },
    { in: "js/standalone/main.js", out: "standalone" },
  ],
  outdir,
  bundle: true,
  format: "esm",
  minify: false,
  charset: "utf8",
  legalComments: "inline",
  banner: { js: BANNER },
  write: false,
  logLevel: watch ? "info" : "warning",
  plugins: [writeChecked],
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log("watching js/ (Ctrl-C to stop)");
} else {
  await esbuild.build(options);
}
