// Which URLs may become links, and where converted notebooks open (js/urls.js).
import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { notebookHref, safeUrl } from "../../js/urls.js";
import { installDom } from "./support.mjs";

beforeEach(() => installDom());

describe("safeUrl", () => {
  test("http, https and mailto URLs are kept (normalised)", () => {
    assert.equal(safeUrl("https://arxiv.org/abs/2401.00001"), "https://arxiv.org/abs/2401.00001");
    assert.equal(safeUrl("HTTP://Example.org"), "http://example.org/");
    assert.equal(safeUrl("mailto:a@b.org"), "mailto:a@b.org");
  });
  test("script, data, file and other schemes are refused", () => {
    for (const url of ["javascript:alert(1)", " JavaScript:alert(1)", "jav\tascript:alert(1)", "data:text/html,<script>1</script>",
      "vbscript:x", "file:///etc/passwd", "blob:http://x/1"]) {
      assert.equal(safeUrl(url), null, url);
    }
  });
  test("relative paths, empty and non-string values are refused", () => {
    for (const url of ["notes/a.md", "/abs", "", null, undefined, 42]) assert.equal(safeUrl(url), null, String(url));
  });
});

describe("notebookHref", () => {
  test("relative to the notebook's folder in JupyterLab", () => {
    assert.equal(notebookHref("notes/a b.ipynb", "/lab/tree/notebooks/00-tour.ipynb"), "/lab/tree/notebooks/notes/a%20b.ipynb");
  });
  test("in Notebook 7 and in a named workspace", () => {
    assert.equal(notebookHref("x.ipynb", "/notebooks/dir/tour.ipynb"), "/notebooks/dir/x.ipynb");
    assert.equal(notebookHref("x.ipynb", "/lab/workspaces/w1/tree/tour.ipynb"), "/lab/workspaces/w1/tree/x.ipynb");
  });
  test(".. climbs out of the folder; a server prefix is kept", () => {
    assert.equal(notebookHref("../out/x.ipynb", "/user/ana/lab/tree/nb/tour.ipynb"), "/user/ana/lab/tree/out/x.ipynb");
  });
  test("no link outside a notebook page or without a path", () => {
    assert.equal(notebookHref("x.ipynb", "/voila/render/tour.ipynb"), null);
    assert.equal(notebookHref("", "/lab/tree/tour.ipynb"), null);
  });
});
