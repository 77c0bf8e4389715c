"""The search query language: one grammar for ``Catalog.search``, the CLI and the widget.

Grammar (the widget's JavaScript port mirrors it; ``tests/corpus/queries.json`` pins both)::

    query   := and+                      adjacent terms are AND
    and     := or ("OR" or)*             OR (upper case only) binds tighter than AND
    or      := "-" or | term             "-" excludes any term
    term    := chunk | '"' phrase '"' | field ":" value | field ':"' phrase '"' | "(" query ")"

- A *word* is a maximal run of Unicode letters, digits or ``_``, case-folded; a Han, Hiragana,
  Katakana or Hangul character is a word of its own. A chunk (text up to a space, a quote or a
  parenthesis) of one word is a ``word`` node (matched by prefix); of several words (``self-play``,
  ``foo:bar`` with an unknown field) an ``and`` of them; of none (``!!``), nothing.
- ``field`` is one of :data:`FIELDS`. ``title:`` takes the words of its value (one word: a word node,
  several: a phrase); the other fields take the value as written, case-folded (``tag:rl/sub``,
  ``path:research/``).
- Anything malformed (an unclosed quote, an ``OR`` without a term on each side, a field with no
  value, unbalanced or empty parentheses, a ``-`` with nothing after it) never raises: the whole
  query is searched as its plain words (``OR`` and ``field:`` prefixes dropped), and
  :attr:`ParsedQuery.hint` says in one line what was not understood.

The AST is plain dicts (:meth:`ParsedQuery.to_dict`): ``{"op": "and"|"or", "args": [...]}``,
``{"op": "not", "arg": node}``, ``{"op": "word", "text": str, "field": str|None}``,
``{"op": "phrase", "words": [str, ...], "field": str|None}``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Node = dict[str, Any]

FIELDS = ("tag", "section", "hub", "title", "path", "folder")
"""Field names a term may carry (lower case, as written)."""

# Han (incl. extensions, compatibility, radicals, 々〆〇 and Hangzhou numerals), Hiragana,
# Katakana (incl. phonetic extensions and half-width forms) and Hangul (syllables, jamo, compat).
CJK_RANGES = ("\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3041-\u309f\u30a1-\u30fa"
              "\u30fc-\u30ff\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
              "\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff\uff66-\uff9f\uffa0-\uffdc\u1100-\u11ff"
              "\U00020000-\U0003134f")
WORD_PATTERN = re.compile(f"[{CJK_RANGES}]|[^\\W{CJK_RANGES}]+")
"""A word: one CJK character, or a run of other letters, digits and ``_``."""

_TOKEN = re.compile(r'\s+|\(|\)|"[^"]*"?|-|[^\s()"]+')
_FIELD = re.compile(r"(tag|section|hub|title|path|folder):(.*)", re.DOTALL)
_SUFFIX = ": searched as plain words"


_CJK_CHAR = re.compile(f"[{CJK_RANGES}]")
_WORD_CHAR = re.compile(f"[^\\W{CJK_RANGES}]")


def word_start(text: str, at: int) -> bool:
    """Does a word start at ``text[at]`` (not in the middle of a run of non-CJK word chars)?"""
    return at == 0 or _WORD_CHAR.match(text, at - 1) is None or _CJK_CHAR.match(text, at) is not None


def word_end(text: str, at: int) -> bool:
    """Does a word end just before ``text[at]``?"""
    return (at == len(text) or _WORD_CHAR.match(text, at) is None
            or _CJK_CHAR.match(text, at - 1) is not None)


def phrase_matcher(phrase: list[str]) -> Callable[[str], bool]:
    """A test: does a text hold the words of ``phrase`` consecutively (case-folded, whole words)?"""
    parts = []
    for i, word in enumerate(phrase):
        if i:
            glued = _CJK_CHAR.match(phrase[i - 1][-1]) or _CJK_CHAR.match(word[0])
            parts.append(r"\W*" if glued else r"\W+")
        parts.append(re.escape(word))
    finditer = re.compile("".join(parts)).finditer  # a literal first word: a fast scan
    spaced = " ".join(phrase)

    def contains(text: str) -> bool:
        folded = text.casefold()
        at = folded.find(spaced)  # the common spelling first: one C-level search
        if at != -1 and word_start(folded, at) and word_end(folded, at + len(spaced)):
            return True
        return any(word_start(folded, m.start()) and word_end(folded, m.end())
                   for m in finditer(folded))
    return contains


def contains_phrase(text: str, phrase: list[str]) -> bool:
    """Does ``text`` hold the words of ``phrase`` consecutively (case-folded, whole words)?"""
    return phrase_matcher(phrase)(text)


def words(text: str) -> list[str]:
    """The case-folded words of ``text``, in order (the tokenizer of the index and the query)."""
    return WORD_PATTERN.findall(text.casefold())


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed query: its AST (``None`` when there is nothing to search) and what was not understood."""

    ast: Node | None
    hint: str | None = None

    @property
    def words(self) -> list[str]:
        """Positive words (not under a ``-``), in title or body text: what to highlight."""
        found: dict[str, None] = {}
        _positive_words(self.ast, False, found)
        return list(found)

    def to_dict(self) -> Node | None:
        """The JSON-able AST."""
        return self.ast


def _positive_words(node: Node | None, negated: bool, found: dict[str, None]) -> None:
    if node is None:
        return
    op = node["op"]
    if op == "not":
        _positive_words(node["arg"], not negated, found)
    elif op in ("and", "or"):
        for arg in node["args"]:
            _positive_words(arg, negated, found)
    elif not negated and node["field"] in (None, "title"):
        found.update(dict.fromkeys([node["text"]] if op == "word" else node["words"]))


class _Malformed(Exception):
    """Raised inside the parser; caught by :func:`parse`, which falls back to plain words."""


def _word(text: str, field: str | None = None) -> Node:
    return {"op": "word", "text": text, "field": field}


def _group(op: str, args: list[Node]) -> Node:
    """``args`` joined by ``op`` (nested nodes of the same op flattened); one arg is itself."""
    flat: list[Node] = []
    for arg in args:
        flat.extend(arg["args"] if arg["op"] == op else [arg])
    return flat[0] if len(flat) == 1 else {"op": op, "args": flat}


def _lex(query: str) -> list[tuple[str, Any]]:
    """Tokens ``(kind, value)``: ``(``, ``)``, ``-``, ``OR``, ``node`` (a finished term)."""
    out: list[tuple[str, Any]] = []
    pending_field: str | None = None  # a "field:" chunk waiting for its quoted phrase
    for match in _TOKEN.finditer(query):
        token = match.group()
        if pending_field is not None and not token.startswith('"'):
            raise _Malformed(f"{pending_field}: needs a value")
        if token[0].isspace():
            continue
        if token == "-" and not query[match.end():match.end() + 1].strip():  # "-" then space or end
            raise _Malformed("- needs a term after it")
        if token in ("(", ")", "-", "OR"):
            out.append((token, None))
            continue
        before = len(out)
        if token.startswith('"'):
            if len(token) == 1 or not token.endswith('"'):
                raise _Malformed("unclosed quote")
            phrase = words(token[1:-1])
            if pending_field is not None:
                if not phrase:
                    raise _Malformed(f"{pending_field}: needs a value")
                out.append(("node", _field_node(pending_field, phrase=phrase)))
                pending_field = None
            elif phrase:
                out.append(("node", {"op": "phrase", "words": phrase, "field": None}))
        elif (field := _FIELD.fullmatch(token)) is not None:
            name, value = field.groups()
            if not value:
                end = match.end()
                if query[end:end + 1] == '"':
                    pending_field = name
                    continue
                raise _Malformed(f"{name}: needs a value")
            out.append(("node", _field_node(name, value=value)))
        elif found := words(token):
            out.append(("node", _group("and", [_word(w) for w in found])))
        if len(out) == before and out and out[-1][0] == "-":  # "-!!" or '-""': nothing to exclude
            raise _Malformed("- needs a term after it")
    if pending_field is not None:
        raise _Malformed(f"{pending_field}: needs a value")
    return out


def _field_node(name: str, value: str = "", phrase: list[str] | None = None) -> Node:
    """A term restricted to field ``name``: ``value`` as written, or the words of a phrase."""
    if phrase is not None:
        return {"op": "phrase", "words": phrase, "field": name}
    if name != "title":
        return _word(value.casefold(), name)
    found = words(value)
    if not found:
        raise _Malformed("title: needs a value")
    return _word(found[0], name) if len(found) == 1 else {"op": "phrase", "words": found,
                                                          "field": name}


class _Parser:
    """Recursive descent over the tokens of :func:`_lex`."""

    def __init__(self, tokens: list[tuple[str, Any]]):
        self.tokens = tokens
        self.at = 0

    def peek(self) -> str | None:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def parse_and(self, nested: bool) -> Node | None:
        args: list[Node] = []
        while (kind := self.peek()) is not None:
            if kind == ")":
                if not nested:
                    raise _Malformed("unbalanced parentheses")
                break
            if kind == "OR":
                raise _Malformed("OR needs a term on each side")
            args.append(self.parse_or())
        return _group("and", args) if args else None

    def parse_or(self) -> Node:
        args = [self.parse_not()]
        while self.peek() == "OR":
            self.at += 1
            if self.peek() in (None, ")", "OR"):
                raise _Malformed("OR needs a term on each side")
            args.append(self.parse_not())
        return _group("or", args)

    def parse_not(self) -> Node:
        kind = self.peek()
        if kind == "-":
            self.at += 1
            if self.peek() in (None, ")", "OR"):
                raise _Malformed("- needs a term after it")
            return {"op": "not", "arg": self.parse_not()}
        if kind == "(":
            self.at += 1
            inner = self.parse_and(nested=True)
            if self.peek() != ")":
                raise _Malformed("unbalanced parentheses")
            self.at += 1
            if inner is None:
                raise _Malformed("empty parentheses")
            return inner
        node = self.tokens[self.at][1]
        self.at += 1
        return node


def plain_words(query: str) -> list[str]:
    """The words of ``query`` with the operators dropped (``OR``, ``field:`` prefixes), deduplicated."""
    text = re.sub(r"(?<![^\s()\"-])(?:tag|section|hub|title|path|folder):", " ", query)
    found = [w.casefold() for w in WORD_PATTERN.findall(text) if w != "OR"]
    return list(dict.fromkeys(found))


def parse(query: str) -> ParsedQuery:
    """Parse ``query``; never raises (malformed input is searched as its plain words, with a hint)."""
    try:
        parser = _Parser(_lex(query))
        return ParsedQuery(parser.parse_and(nested=False))
    except _Malformed as problem:
        found = plain_words(query)
        ast = _group("and", [_word(w) for w in found]) if found else None
        return ParsedQuery(ast, f"{problem}{_SUFFIX}")
