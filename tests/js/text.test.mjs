// Words, local matching and highlighting (js/text.js).
import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { haystack, highlight, localMatch, tokenize } from "../../js/text.js";
import { HOSTILE, installDom } from "./support.mjs";

beforeEach(() => installDom());

describe("tokenize", () => {
  test("splits on anything but letters, digits and underscores, lower-cased, like Python's \\w+", () => {
    assert.deepEqual(tokenize("Rewards-based RL, v2_final!"), ["rewards", "based", "rl", "v2_final"]);
  });
  test("keeps non-ASCII letters and digits", () => {
    assert.deepEqual(tokenize("Überblick: 数据 ×3"), ["überblick", "数据", "3"]);
  });
  test("empty, null and undefined give no words", () => {
    for (const text of ["", null, undefined, "  --  "]) assert.deepEqual(tokenize(text), []);
  });
});

describe("localMatch", () => {
  const note = { title: "Rewards-based training", summary: "Why RL narrows exploration" };
  test("every term must start some word of the title or summary", () => {
    assert.equal(localMatch(note, [" rew", " narr"]), true);
    assert.equal(localMatch(note, [" rew", " medical"]), false);
  });
  test("a term inside a word does not match", () => {
    assert.equal(localMatch({ title: "Rewards", summary: "" }, [" ards"]), false);
  });
  test("the haystack is built once per note and cached on it", () => {
    const n = { title: "Alpha", summary: "Beta" };
    assert.equal(haystack(n), " alpha beta");
    n.title = "Changed";
    assert.equal(haystack(n), " alpha beta");
  });
});

describe("highlight", () => {
  const html = (frag) => {
    const div = document.createElement("div");
    div.append(frag);
    return div;
  };
  test("marks the matching start of each word, keeping the rest as text", () => {
    const div = html(highlight("Reward models reward rewriting", ["rew"]));
    assert.deepEqual([...div.querySelectorAll("mark")].map((m) => m.textContent), ["Rew", "rew", "rew"]);
    assert.equal(div.textContent, "Reward models reward rewriting");
  });
  test("the longest matching term wins", () => {
    const div = html(highlight("rubrics", ["ru", "rubric"]));
    assert.equal(div.querySelector("mark").textContent, "rubric");
  });
  test("no terms: the text unchanged, no marks", () => {
    const div = html(highlight("plain", []));
    assert.equal(div.innerHTML, "plain");
  });
  test("untrusted text becomes text nodes, never elements", () => {
    for (const text of HOSTILE) {
      const div = html(highlight(text, ["img", "script", "svg"]));
      assert.equal(div.textContent, text);
      assert.equal(div.querySelectorAll("img, script, svg").length, 0);
      assert.ok([...div.querySelectorAll("mark")].length > 0, "the matched words are still marked");
    }
  });
});
