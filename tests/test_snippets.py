"""Snippets: marked words inside the passage, text kept as text (no HTML interpreted or lost),
Unicode and CJK, the best window, and what is marked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.query import words
from hubwidgets.snippets import snippet


def test_snippet_marks_sit_on_matched_words_inside_the_snippet():
    body = " ".join(["intro"] * 80) + " the Reward model and rewards, then " + " ".join(["tail"] * 80)
    text, marks = snippet(["a summary", body], ["reward"], {"modle"})
    assert len(text) <= 170 and "Reward model and rewards" in text
    assert [text[s:e] for s, e in marks] == ["Reward", "rewards"]
    assert text.startswith("…") and text.endswith("…")
    text, marks = snippet(["Summary about Modle"], [], {"modle"})
    assert [text[s:e] for s, e in marks] == ["Modle"]
    assert snippet(["nothing here"], ["reward"]) == ("", [])


def test_snippet_of_html_is_text_with_nothing_lost():
    body = '<script>alert("x")</script> <b onclick="y()">rubric</b> &amp; <img src=x onerror=z>'
    text, marks = snippet([body], ["rubric"])
    assert text == body  # the characters, as they are: nothing interpreted, nothing dropped
    assert [text[s:e] for s, e in marks] == ["rubric"]


def test_snippet_cjk_and_unicode():
    text, marks = snippet(["これは機械学習です", "ÉCOLE normale"], ["機", "école"])
    assert [text[s:e] for s, e in marks] in (["機"], ["ÉCOLE"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 30), st.integers(1, 40), st.sampled_from("abcde")),
                max_size=120), st.sampled_from([5, 20, 160]))
def test_snippet_window_is_the_best_of_every_window(gaps, width):
    """The one-pass window equals trying every window: most distinct words, then most matches,
    then the earliest (at most 64 matches a window)."""
    from hubwidgets.snippets import _best_window

    found, at = [], 0
    for gap, length, word in gaps:  # matches do not overlap, as a regex scan gives them
        at += gap
        found.append((at, at + length, word))
        at += length
    best = (0, 0, 0)
    for i, (start, _end, _word) in enumerate(found):
        inside = [w for s, e, w in found[i:i + 64] if e <= start + width]
        if (len(set(inside)), len(inside)) > best[:2]:
            best = (len(set(inside)), len(inside), i)
    assert _best_window(found, width) == best


@settings(max_examples=300, deadline=None)
@given(st.text("ab rubRUB中文 _-x1é\n", max_size=40),
       st.lists(st.text("abrux中1_é", min_size=1, max_size=3), max_size=2),
       st.lists(st.text("abru中é", min_size=1, max_size=3), max_size=2))
def test_snippet_matches_are_the_words_starting_with_a_prefix_or_equal_to_a_word(text, p, e):
    """What the snippet marks is exactly the text's words (the index's tokens) that start with a
    query word or are a typo-matched word, none from inside a word."""
    from hubwidgets.query import WORD_PATTERN
    from hubwidgets.snippets import _matches

    prefixes, exact = words(" ".join(p)), set(words(" ".join(e)))
    if not prefixes and not exact:  # snippet() asks nothing then
        return
    expected = [(m.start(), m.end(), m.group()) for m in WORD_PATTERN.finditer(text.casefold())
                if any(m.group().startswith(x) for x in prefixes) or m.group() in exact]
    assert _matches(text, prefixes, exact) == expected


def test_snippet_matches_of_a_huge_text_stop_at_the_cap_in_text_order():
    """A text with thousands of matches is looked at up to ``_MAX_MATCHES`` of one word: the
    matches returned are the text's first ones, in order, none past where that word stopped."""
    from hubwidgets.snippets import _MAX_MATCHES, _matches

    text = " ".join(["reward model"] * 1000 + ["rewards"])
    found = _matches(text, ["reward", "mod"], set())
    assert len(found) == _MAX_MATCHES
    assert [w for _, _, w in found[:4]] == ["reward", "model", "reward", "model"]
    assert [s for s, _, _ in found] == sorted(s for s, _, _ in found)
    assert found[-1][0] < text.rindex("rewards")
    # one rare word beside a frequent one: the rare one is found where it is
    rare = " ".join(["reward"] * 5 + ["gradient"] + ["reward"] * 5)
    assert [w for _, _, w in _matches(rare, ["reward", "gradient"], set())].count("gradient") == 1
