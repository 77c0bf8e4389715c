// The query language in the page (js/query.js): the parser and the evaluator over what the page has.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { compileQuery, FIELDS, isPlainAnd, noteDoc, parseQuery, plainWords, positiveWords } from "../../js/query.js";
import { tokenize } from "../../js/text.js";

const w = (text, field = null) => ({ op: "word", text, field });
const p = (words, field = null) => ({ op: "phrase", words, field });
const and = (...args) => ({ op: "and", args });
const or = (...args) => ({ op: "or", args });
const not = (arg) => ({ op: "not", arg });

// The cases that pin Python's hubwidgets.query (tests/test_query.py reads the same file): parity.
const CORPUS = JSON.parse(readFileSync(new URL("../corpus/queries.json", import.meta.url), "utf8"));

describe("parseQuery: every case of tests/corpus/queries.json, as Python parses it", () => {
  test("the corpus is there and covers every operator and every kind of malformed query", () => {
    const text = JSON.stringify(CORPUS.map((c) => c.ast));
    for (const op of ["and", "or", "not", "word", "phrase"]) assert.ok(text.includes(`"op":"${op}"`), op);
    const hints = CORPUS.filter((c) => c.hint).map((c) => c.hint);
    for (const kind of ["unclosed quote", "OR needs", "needs a value", "unbalanced", "- needs"]) {
      assert.ok(hints.some((hint) => hint.includes(kind)), kind);
    }
  });
  for (const { query, ast, hint } of CORPUS) {
    test(JSON.stringify(query), () => assert.deepEqual(parseQuery(query), { ast, hint: hint ?? null }));
  }
});

describe("parseQuery: the grammar", () => {
  const cases = [
    ["rubr", w("rubr")],
    ["Reward MODELS", and(w("reward"), w("models"))],
    ['"exact phrase"', p(["exact", "phrase"])],
    ["medical OR law", or(w("medical"), w("law"))],
    ["a b OR c", and(w("a"), or(w("b"), w("c")))], // OR binds tighter than AND
    ["a OR b c OR d", and(or(w("a"), w("b")), or(w("c"), w("d")))],
    ["RL -rubric", and(w("rl"), not(w("rubric")))],
    ['-"reward model"', not(p(["reward", "model"]))],
    ["-tag:x", not(w("x", "tag"))],
    ["-(a OR b) c", and(not(or(w("a"), w("b"))), w("c"))],
    ["(a b) c", and(w("a"), w("b"), w("c"))], // nested ANDs are flattened
    ["tag:RL", w("rl", "tag")],
    ["tag:rl/sub", w("rl/sub", "tag")],
    ['section:"RLVR Extensions"', p(["rlvr", "extensions"], "section")],
    ["hub:domain-training", w("domain-training", "hub")],
    ["title:reward", w("reward", "title")],
    ["title:reward-model", p(["reward", "model"], "title")],
    ["path:research/", w("research/", "path")],
    ["folder:Inbox", w("inbox", "folder")],
    ["foo:bar", and(w("foo"), w("bar"))], // unknown field: two plain words
    ["Tag:rl", and(w("tag"), w("rl"))], // field names are lower case
    ["self-play", and(w("self"), w("play"))], // a chunk of several words is their AND
    ["a-b OR c", or(and(w("a"), w("b")), w("c"))],
    ["or", w("or")], // only upper-case OR is the operator
    ["機械学習", and(w("機"), w("械"), w("学"), w("習"))], // a Han character is a word of its own
    ["Überblick Straße", and(w("überblick"), w("strasse"))],
    ["", null],
    ["   !! ", null],
  ];
  for (const [query, ast] of cases) {
    test(JSON.stringify(query), () => assert.deepEqual(parseQuery(query), { ast, hint: null }));
  }
});

describe("parseQuery: malformed queries are searched as plain words, with a hint", () => {
  const cases = [
    ['"reward model', "unclosed quote", and(w("reward"), w("model"))],
    ["OR", "OR needs a term on each side", null],
    ["a OR", "OR needs a term on each side", w("a")],
    ["OR a", "OR needs a term on each side", w("a")],
    ["a OR OR b", "OR needs a term on each side", and(w("a"), w("b"))],
    ["tag:", "tag: needs a value", null],
    ["tag: rl", "tag: needs a value", w("rl")],
    ["title:!!", "title: needs a value", null],
    ["(a b", "unbalanced parentheses", and(w("a"), w("b"))],
    ["a) b", "unbalanced parentheses", and(w("a"), w("b"))],
    ["() a", "empty parentheses", w("a")],
    ["-", "- needs a term after it", null],
    ["a - b", "- needs a term after it", and(w("a"), w("b"))],
    ["a -!!", "- needs a term after it", w("a")],
    ['tag:"x', "unclosed quote", w("x")],
  ];
  for (const [query, problem, ast] of cases) {
    test(JSON.stringify(query), () => {
      assert.deepEqual(parseQuery(query), { ast, hint: `${problem}: searched as plain words` });
    });
  }
  test("the plain words drop OR and field prefixes and keep each word once", () => {
    assert.deepEqual(plainWords('tag:rl OR "rl reward'), ["rl", "reward"]);
  });
});

describe("parseQuery never throws", () => {
  test("on random strings of the grammar's characters", () => {
    const atoms = ['"', "(", ")", "-", "OR", " ", "tag:", "title:", ":", "a", "Ab", "数", "!!", "/"];
    let seed = 7;
    const rand = (n) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let k = 0; k < 3000; k++) {
      const query = Array.from({ length: rand(10) }, () => atoms[rand(atoms.length)]).join("");
      const { ast, hint } = parseQuery(query);
      assert.ok(hint === null || (typeof hint === "string" && !hint.includes("\n")), query);
      if (hint) assert.deepEqual(positiveWords(ast), plainWords(query), query); // fallback: the plain words
      for (const wd of positiveWords(ast)) assert.deepEqual(tokenize(wd), [wd], query);
    }
  });
});

describe("positiveWords and isPlainAnd", () => {
  test("words and phrase words outside an exclusion, in the text or the title", () => {
    const { ast } = parseQuery('reward -rubric "exact phrase" title:model tag:rl (a OR -b)');
    assert.deepEqual(positiveWords(ast), ["reward", "exact", "phrase", "model", "a"]);
  });
  test("only queries of plain words narrow as one types on", () => {
    assert.equal(isPlainAnd(parseQuery("reward mod").ast), true);
    assert.equal(isPlainAnd(parseQuery("reward").ast), true);
    for (const q of ["a OR b", "-a", '"a b"', "tag:a", ""]) assert.equal(isPlainAnd(parseQuery(q).ast), false, q);
  });
  test("FIELDS are the grammar's", () => assert.deepEqual(FIELDS, ["tag", "section", "hub", "title", "path", "folder"]));
});

describe("compileQuery: what the page decides from titles, summaries, tags, sections and hubs", () => {
  const NOTES = [
    { id: "a", title: "Reward models", summary: "How rewards shape RL", tags: ["rl/reward"] },
    { id: "b", title: "Rubrics as rewards", summary: "Grading with rubrics", tags: ["RL"] },
    { id: "c", title: "Medical domain", summary: "Training for medicine", tags: ["domain"] },
    { id: "d", title: "Law", summary: "Legal text and reward hacking", tags: [], path: "Research/law.md", folder: "Research" },
    { id: "e", title: "機械学習の報酬", summary: "", tags: [] },
  ];
  const EXTRAS = {
    a: { sections: ["RLVR Extensions"], hubs: ["domain-training"] },
    b: { sections: ["RLVR Extensions", "Rubrics"], hubs: ["domain-training"] },
    c: { sections: ["Domain costs"], hubs: ["other-hub"] },
  };
  const docs = NOTES.map((n) => noteDoc({ ...n }, EXTRAS[n.id]));
  const run = (query) => {
    const test = compileQuery(parseQuery(query).ast);
    return NOTES.filter((_, i) => test(docs[i])).map((n) => n.id);
  };
  const cases = [
    ["rew", ["a", "b", "d"]], // word prefix, title, summary or tags
    ["ards", []], // not inside a word
    ["medical OR law", ["c", "d"]],
    ["rew -rubric", ["a", "d"]],
    ["-(rubrics OR law)", ["a", "c", "e"]],
    ['"reward hacking"', ["d"]],
    ['"reward hack"', []], // a phrase is exact words
    ['"models how"', []], // never across the title and the summary
    ["tag:rl", ["a", "b"]], // tag:rl matches rl and rl/reward
    ["tag:reward", []],
    ["tag:rl/reward", ["a"]],
    ['section:"rlvr extensions"', ["a", "b"]],
    ["section:rubrics", ["b"]],
    ["section:rlvr", []], // a section is its whole name
    ["hub:domain-training", ["a", "b"]],
    ["title:rew", ["a", "b"]],
    ['title:"reward models"', ["a"]],
    ["path:research/", ["d"]],
    ["folder:research", ["d"]],
    ["機械", ["e"]],
    ["報酬", ["e"]],
    ['"学習の"', ["e"]],
    ["", ["a", "b", "c", "d", "e"]],
  ];
  for (const [query, ids] of cases) test(JSON.stringify(query), () => assert.deepEqual(run(query), ids));
  test("a malformed query searches its plain words", () => assert.deepEqual(run('"rubrics grading'), ["b"]));
});
