"""The query language: every operator, every malformed form, Unicode and CJK, and any string parses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.query import FIELDS, parse, plain_words, words

CORPUS = json.loads((Path(__file__).parent / "corpus" / "queries.json").read_text(encoding="utf-8"))


def w(text, field=None):
    return {"op": "word", "text": text, "field": field}


def ph(*ws, field=None):
    return {"op": "phrase", "words": list(ws), "field": field}


def AND(*args):
    return {"op": "and", "args": list(args)}


def OR(*args):
    return {"op": "or", "args": list(args)}


def NOT(arg):
    return {"op": "not", "arg": arg}


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: repr(c["query"]))
def test_corpus_case(case):
    """The shared corpus (the widget's JS port is tested against the same file)."""
    parsed = parse(case["query"])
    assert parsed.to_dict() == case["ast"]
    assert parsed.hint == case["hint"]


def test_corpus_covers_every_operator_field_and_malformed_form():
    seen_ops, seen_fields, hints = set(), set(), set()

    def walk(node):
        seen_ops.add(node["op"])
        if node["op"] in ("word", "phrase"):
            seen_fields.add(node["field"])
        for child in node.get("args", []) + ([node["arg"]] if "arg" in node else []):
            walk(child)

    for case in CORPUS:
        if case["ast"]:
            walk(case["ast"])
        hints.add((case["hint"] or "").split(":")[0])
    assert seen_ops == {"and", "or", "not", "word", "phrase"}
    assert seen_fields == {None, *FIELDS}
    assert {"unclosed quote", "OR needs a term on each side", "tag", "title",
            "unbalanced parentheses", "empty parentheses", "- needs a term after it"} <= hints


@pytest.mark.parametrize(("query", "ast"), [
    ("rubr", w("rubr")),
    ("Rubric MODEL", AND(w("rubric"), w("model"))),
    ('"exact phrase"', ph("exact", "phrase")),
    ("tag:rl", w("rl", "tag")),
    ("tag:RL/Sub", w("rl/sub", "tag")),
    ('section:"RLVR Extensions"', ph("rlvr", "extensions", field="section")),
    ("hub:domain-training", w("domain-training", "hub")),
    ("title:reward", w("reward", "title")),
    ("path:research/", w("research/", "path")),
    ("folder:Projects", w("projects", "folder")),
    ("foo:bar", AND(w("foo"), w("bar"))),
    ("-rubric", NOT(w("rubric"))),
    ('-"a b"', NOT(ph("a", "b"))),
    ("-tag:x", NOT(w("x", "tag"))),
    ("-(a OR b)", NOT(OR(w("a"), w("b")))),
    ("medical OR law", OR(w("medical"), w("law"))),
    ("a b OR c", AND(w("a"), OR(w("b"), w("c")))),
    ("(a b) OR c", OR(AND(w("a"), w("b")), w("c"))),
    ("a or b", AND(w("a"), w("or"), w("b"))),  # only upper-case OR is the operator
    ("self-play", AND(w("self"), w("play"))),
    ("-self-play x", AND(NOT(AND(w("self"), w("play"))), w("x"))),
])
def test_operators(query, ast):
    parsed = parse(query)
    assert parsed.to_dict() == ast
    assert parsed.hint is None


@pytest.mark.parametrize(("query", "plain", "hint"), [
    ('"unclosed phrase', ["unclosed", "phrase"], "unclosed quote"),
    ("a OR", ["a"], "OR needs a term on each side"),
    ("OR a", ["a"], "OR needs a term on each side"),
    ("OR", [], "OR needs a term on each side"),
    ("a OR OR b", ["a", "b"], "OR needs a term on each side"),
    ("tag:", [], "tag: needs a value"),
    ("x tag: y", ["x", "y"], "tag: needs a value"),
    ("(a b", ["a", "b"], "unbalanced parentheses"),
    ("a b)", ["a", "b"], "unbalanced parentheses"),
    ("a () b", ["a", "b"], "empty parentheses"),
    ("-", [], "- needs a term after it"),
    ("a - b", ["a", "b"], "- needs a term after it"),
    ('tag:rl "x', ["rl", "x"], "unclosed quote"),
])
def test_malformed_is_searched_as_plain_words_with_a_hint(query, plain, hint):
    parsed = parse(query)
    assert parsed.hint == f"{hint}: searched as plain words"
    expected = None if not plain else (w(plain[0]) if len(plain) == 1 else AND(*map(w, plain)))
    assert parsed.to_dict() == expected


def test_unicode_words_are_casefolded_and_cjk_characters_are_words():
    assert words("Ünïcode ÉCOLE naïve") == ["ünïcode", "école", "naïve"]
    assert words("Привет, мир!") == ["привет", "мир"]
    assert words("machine学习 テキスト 한국어") == ["machine", "学", "习", "テ", "キ", "ス", "ト",
                                                    "한", "국", "어"]
    assert words("a_b x2 don't") == ["a_b", "x2", "don", "t"]
    assert parse("中文").to_dict() == AND(w("中"), w("文"))
    assert parse('"機械学習"').to_dict() == ph("機", "械", "学", "習")


def test_highlight_words_are_the_positive_text_words():
    assert parse('reward "policy model" -rubric tag:rl title:judge').words == [
        "reward", "policy", "model", "judge"]
    assert parse("--a").words == ["a"]
    assert parse("-(a OR b)").words == []


def test_plain_words_drop_operators():
    assert plain_words('tag:rl OR (title:x -"y') == ["rl", "x", "y"]


def test_empty_queries():
    for q in ("", "   ", "!!! ,,,", '""'):
        parsed = parse(q)
        assert parsed.ast is None and parsed.hint is None and parsed.words == []


def _check_node(node):
    op = node["op"]
    if op in ("and", "or"):
        assert len(node["args"]) >= 2
        for arg in node["args"]:
            assert arg["op"] != op  # flattened
            _check_node(arg)
    elif op == "not":
        _check_node(node["arg"])
    elif op == "word":
        assert node["text"] and (node["field"] is None or node["field"] in FIELDS)
    else:
        assert op == "phrase" and node["words"]
        assert node["field"] is None or node["field"] in FIELDS


ALPHABET = st.sampled_from([*'abcAB OR()-":tag:title:中é!/ \t', "OR", "tag:", "-(", '"'])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(ALPHABET, max_size=20).map("".join)))
def test_any_string_parses(query):
    parsed = parse(query)
    assert parsed.hint is None or parsed.hint.endswith(": searched as plain words")
    assert "\n" not in (parsed.hint or "")
    json.dumps(parsed.to_dict())
    if parsed.ast is not None:
        _check_node(parsed.ast)
    if parsed.hint:  # the fallback keeps every plain word
        assert parsed.words == plain_words(query)
