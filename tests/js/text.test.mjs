// Words, local matching and highlighting (js/text.js).
import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { haystack, highlight, highlightIn, localMatch, markedText, tokenize } from "../../js/text.js";
import { HOSTILE, installDom } from "./support.mjs";

beforeEach(() => installDom());

describe("tokenize", () => {
  test("splits on anything but letters, digits and underscores, lower-cased, like Python's \\w+", () => {
    assert.deepEqual(tokenize("Rewards-based RL, v2_final!"), ["rewards", "based", "rl", "v2_final"]);
  });
  test("keeps non-ASCII letters and digits; a Han, kana or Hangul character is a word of its own", () => {
    assert.deepEqual(tokenize("Überblick: 数据 ×3"), ["überblick", "数", "据", "3"]);
    assert.deepEqual(tokenize("RLの学習 한국어ab"), ["rl", "の", "学", "習", "한", "국", "어", "ab"]);
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

describe("markedText (the kernel's snippets)", () => {
  const html = (frag) => {
    const div = document.createElement("div");
    div.append(frag);
    return div;
  };
  const marked = (div) => [...div.querySelectorAll("mark")].map((m) => m.textContent);
  test("the [start, end) ranges become <mark>s, the rest stays text", () => {
    const text = "a rubric grades each answer; rubrics score";
    const marks = [[2, 8], [29, 36]];
    const div = html(markedText(text, marks));
    assert.deepEqual(marked(div), marks.map(([a, b]) => text.slice(a, b)));
    assert.equal(div.textContent, text);
  });
  test("offsets count code points, like Python's: an emoji before a mark does not shift it", () => {
    const text = "🙂 reward 🙂 reward";
    const start = Array.from(text).indexOf("r");
    const div = html(markedText(text, [[start, start + 6], [11, 17]]));
    assert.deepEqual(marked(div), ["reward", "reward"]);
    assert.equal(div.textContent, text);
  });
  test("bad, overlapping and out-of-range marks are skipped, never thrown on", () => {
    const div = html(markedText("reward model", [[0, 6], [3, 9], [7, 99], ["a", 2], null, [9, 7]]));
    assert.deepEqual(marked(div), ["reward"]);
    assert.equal(div.textContent, "reward model");
  });
  test("a snippet holding markup shows as text: no element is created", () => {
    for (const text of HOSTILE) {
      const div = html(markedText(text, [[0, 4]]));
      assert.equal(div.textContent, text);
      assert.equal(div.querySelectorAll("img, script, svg").length, 0);
      assert.equal(marked(div)[0], Array.from(text).slice(0, 4).join(""));
    }
  });
});

describe("highlightIn (the reader's body)", () => {
  test("marks query words inside the sanitized body's text nodes, keeping its elements", () => {
    const div = document.createElement("div");
    div.innerHTML = "<p>Reward <em>models</em> and <a href='#x'>rewards</a></p>"; // trusted fixture
    highlightIn(div, ["rew", "mod"]);
    assert.deepEqual([...div.querySelectorAll("mark")].map((m) => m.textContent), ["Rew", "mod", "rew"]);
    assert.equal(div.textContent, "Reward models and rewards");
    assert.equal(div.querySelector("a mark").textContent, "rew");
    assert.equal(div.querySelectorAll("em, a").length, 2);
  });
  test("text that looks like markup stays text", () => {
    const div = document.createElement("div");
    div.append(HOSTILE[0]);
    highlightIn(div, ["img", "onerror"]);
    assert.equal(div.textContent, HOSTILE[0]);
    assert.equal(div.querySelectorAll("img").length, 0);
    assert.equal(div.querySelectorAll("mark").length, 2);
  });
  test("no terms: untouched", () => {
    const div = document.createElement("div");
    div.innerHTML = "<p>Reward</p>";
    highlightIn(div, []);
    assert.equal(div.innerHTML, "<p>Reward</p>");
  });
});
