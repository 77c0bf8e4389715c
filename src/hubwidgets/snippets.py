"""Snippets: the passage of a note's summary or body that best shows why it matched.

A snippet is plain text (about :data:`SNIPPET_CHARS` characters, whitespace collapsed, cut at word
boundaries, ``…`` where text was cut), never HTML: whatever the note holds, tags included, comes
back as the characters it is. ``marks`` are ``[start, end)`` offsets of the matched words in it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from .query import CJK_RANGES

SNIPPET_CHARS = 160
ELLIPSIS = "…"
_MAX_MATCHES = 300  # matches of a note looked at (a huge body is only searched this far)
_CJK = re.compile(f"[{CJK_RANGES}]")


@lru_cache(maxsize=64)
def _alternatives(prefixes: tuple[str, ...], exact: frozenset[str]) -> list[tuple[str, re.Pattern[str]]]:
    """``(literal, pattern)`` per query word, in the order a regex alternation would try them
    (longer prefixes first, then exact words): the pattern checks an occurrence of the literal
    starts a word (no letter, digit or ``_`` just before it, unless it is CJK) and takes a
    prefix to the end of its word."""
    word_char = f"[^\\W{CJK_RANGES}]"

    def alternative(word: str, tail: str) -> tuple[str, re.Pattern[str]]:
        if _CJK.match(word[0]):
            return word, re.compile(re.escape(word))
        return word, re.compile(f"(?<!{word_char}){re.escape(word)}{tail}")

    return ([alternative(p, f"{word_char}*") for p in sorted(set(prefixes), key=len, reverse=True)]
            + [alternative(w, f"(?!{word_char})") for w in sorted(exact, key=len, reverse=True)])


def _matches(text: str, prefixes: Sequence[str], exact: Collection[str]) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of the words of ``text`` that match a prefix or an exact word.

    What one regex alternation of the words would scan, left to right without overlaps, found
    3-4x faster: each word's occurrences by ``str.find`` (C speed, where an alternation tries
    every position), checked where they are. A huge text stops at :data:`_MAX_MATCHES` matches
    of one word, and the result where that word's matches stop.
    """
    return _scan(_folded(text), _query_alternatives(prefixes, exact))


def _query_alternatives(prefixes: Sequence[str],
                        exact: Collection[str]) -> list[tuple[str, re.Pattern[str]]]:
    return _alternatives(tuple(p for p in prefixes if p), frozenset(w for w in exact if w))


def _scan(folded: str, alternatives: list[tuple[str, re.Pattern[str]]]) -> list[tuple[int, int, str]]:
    """:func:`_matches` in ``folded`` (a text as :func:`_folded` gives it)."""
    found: list[tuple[int, int, int]] = []  # start, which alternative, end
    cut = len(folded)
    for k, (literal, pattern) in enumerate(alternatives):
        count = 0
        at = folded.find(literal)
        while at != -1 and at <= cut:
            m = pattern.match(folded, at)
            if m is not None:
                found.append((at, k, m.end()))
                count += 1
                if count == _MAX_MATCHES:
                    cut = at  # past here this word's matches are unknown
                    break
            at = folded.find(literal, at + 1)
    found.sort()
    out: list[tuple[int, int, str]] = []
    end = 0
    for start, _k, stop in found:  # leftmost first; at one start, the first alternative
        if start >= end and start <= cut:
            out.append((start, stop, folded[start:stop]))
            end = stop
    return out[:_MAX_MATCHES]


def _folded(text: str) -> str:
    """``text`` case-folded, with its offsets (where casefolding changes lengths, e.g. ß -> ss:
    lower-cased, or as it is)."""
    folded = text.casefold()
    if len(folded) != len(text):
        folded = text.lower() if len(text.lower()) == len(text) else text
    return folded


def _best_window(found: list[tuple[int, int, str]], width: int) -> tuple[int, int, int]:
    """``(distinct words, matches, first match index)`` of the best window ``width`` wide (at
    most 64 matches), earliest on ties: one pass, both ends moving forward (matches do not
    overlap, so their ends grow with their starts)."""
    best = (0, 0, 0)
    inside: dict[str, int] = {}  # word -> matches in the window found[i:j]
    j = 0
    for i, (start, _end, word) in enumerate(found):
        j = max(j, i)
        while j < len(found) and j < i + 64 and found[j][1] <= start + width:
            inside[found[j][2]] = inside.get(found[j][2], 0) + 1
            j += 1
        if (len(inside), j - i) > best[:2]:
            best = (len(inside), j - i, i)
        if j > i:  # match i leaves the window
            if inside[word] == 1:
                del inside[word]
            else:
                inside[word] -= 1
    return best


def snippet(texts: Sequence[str], prefixes: Sequence[str], exact: Collection[str] = (),
            width: int = SNIPPET_CHARS) -> tuple[str, list[list[int]]]:
    """The best passage among ``texts`` (e.g. summary, body) and the marks of matched words.

    Words match when they start with one of ``prefixes`` or are in ``exact`` (case-folded). No
    text matches: ``("", [])``.
    """
    best: tuple[tuple[int, int], str, list[tuple[int, int, str]], int] | None = None
    if not prefixes and not exact:
        return "", []
    alternatives = _query_alternatives(prefixes, exact)
    for raw in texts:
        folded = _folded(raw)  # no query word in it at all (a word holds no space): nothing to do
        if not any(literal in folded for literal, _ in alternatives):
            continue
        text = " ".join(raw.split())
        found = _scan(_folded(text), alternatives)
        if not found:
            continue
        distinct, count, first = _best_window(found, width)
        if best is None or (distinct, count) > best[0]:
            best = ((distinct, count), text, found, first)
    if best is None:
        return "", []
    _, text, found, first = best
    start = found[first][0]
    lead = 0 if len(text) <= width else max(0, start - width // 5)  # some context before
    if lead > 0:
        space = text.find(" ", lead, start)
        lead = space + 1 if space != -1 else start
    stop = min(len(text), lead + width)
    if stop < len(text):
        space = text.rfind(" ", found[first][1], stop)
        stop = space if space != -1 else max(stop, found[first][1])
    head = ELLIPSIS if lead > 0 else ""
    tail = ELLIPSIS if stop < len(text) else ""
    shift = len(head) - lead
    marks = [[s + shift, e + shift] for s, e, _ in found if s >= lead and e <= stop]
    return head + text[lead:stop] + tail, marks
