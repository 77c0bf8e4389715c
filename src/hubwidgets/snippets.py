"""Snippets: the passage of a note's summary or body that best shows why it matched.

A snippet is plain text (about :data:`SNIPPET_CHARS` characters, whitespace collapsed, cut at word
boundaries, ``…`` where text was cut), never HTML: whatever the note holds, tags included, comes
back as the characters it is. ``marks`` are ``[start, end)`` offsets of the matched words in it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from itertools import islice

from .query import CJK_RANGES

SNIPPET_CHARS = 160
ELLIPSIS = "…"
_MAX_MATCHES = 300  # matches of a note looked at (a huge body is only searched this far)
_CJK = re.compile(f"[{CJK_RANGES}]")


@lru_cache(maxsize=64)
def _pattern(prefixes: tuple[str, ...], exact: frozenset[str]) -> re.Pattern[str]:
    """One regex over case-folded text: words starting with a prefix, or equal to a word.

    A match starts a word (no letter, digit or ``_`` just before it, unless it is CJK): the
    lookbehind after each literal says so, so no match needs a check in Python.
    """
    word_char = f"[^\\W{CJK_RANGES}]"

    def starts_word(word: str) -> str:
        literal = re.escape(word)
        return literal if _CJK.match(word[0]) else f"{literal}(?<!{word_char}{literal})"

    alternatives = [starts_word(p) if _CJK.match(p[0]) else f"{starts_word(p)}{word_char}*"
                    for p in sorted(set(prefixes), key=len, reverse=True)]
    alternatives += [starts_word(w) if _CJK.match(w[0]) else f"{starts_word(w)}(?!{word_char})"
                     for w in sorted(exact, key=len, reverse=True)]
    return re.compile("|".join(alternatives))


def _matches(text: str, prefixes: Sequence[str], exact: Collection[str]) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of the words of ``text`` that match a prefix or an exact word."""
    folded = text.casefold()
    if len(folded) != len(text):  # casefolding changed lengths (e.g. ß): offsets must stay text's
        folded = text.lower() if len(text.lower()) == len(text) else text
    pattern = _pattern(tuple(p for p in prefixes if p), frozenset(w for w in exact if w))
    return [(m.start(), m.end(), m.group()) for m in islice(pattern.finditer(folded), _MAX_MATCHES)]


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
    for raw in texts:
        text = " ".join(raw.split())
        found = _matches(text, prefixes, exact)
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
