"""The query language in the hub's search box, in a real JupyterLab (issue 14).

A person types into the bundled hub's search box; the cards must be the kernel's ranking of the
hub's notes (``Catalog.search``), and what each query means is checked on the notes' own words,
independently of the engine: OR is a union, ``-`` removes, a phrase is consecutive words, a typo
finds the word it misspells. Expected figures come from the catalog, never typed in.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from playwright.sync_api import expect

from .conftest import RESET_CELL
from .hubpage import HUB, expected_hub, hub_locator, reset, search, tid, visible_card_ids
from .jupyter import notebook_session

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def session(browser, lab_server):
    """One page with hub.ipynb run in JupyterLab; dialogs are recorded."""
    with notebook_session(browser, lab_server.page_url("hub.ipynb"), f'{tid("hub")} {tid("note-card")}',
                          then=RESET_CELL) as session:
        yield session


@pytest.fixture
def page(session):
    """The hub as grid (the view that shows the ranking), no query, no reader."""
    page = session["page"]
    reset(page)
    hub_locator(page).locator(tid("view-grid")).click()
    yield page
    assert session["dialogs"] == []


# -- what the kernel ranks, and what the words of the notes say ----------------------------------
def ranked(catalog, query: str) -> list[str]:
    """The hub's notes in the order ``Catalog.search`` ranks them: the grid must show exactly this."""
    in_hub = {n.id for n in expected_hub(catalog).notes}
    return [nid for nid in catalog.search(query)["id"] if nid in in_hub]


def note_words(note) -> list[list[str]]:
    """The words of each field a plain word is searched in (title, summary, tags, body)."""
    from hubwidgets.query import words

    return [words(note.title), words(note.summary), words(" ".join(note.tags)), words(note.body)]


def has_prefix(note, prefix: str) -> bool:
    return any(w.startswith(prefix) for field in note_words(note) for w in field)


def has_phrase(note, phrase: list[str]) -> bool:
    k = len(phrase)
    return any(field[i:i + k] == phrase for field in note_words(note) for i in range(len(field)))


def hub_notes(catalog):
    return expected_hub(catalog).notes


def check_cards(page, catalog, query: str) -> list[str]:
    """Type ``query``; the grid shows the kernel's ranking of the hub; returns the card ids."""
    search(page, query)
    expected = ranked(catalog, query)
    widget = hub_locator(page)
    # the grid is built after the next frame, which a loaded machine delays: wait as search_done does
    expect(widget.locator(tid("note-card"))).to_have_count(len(expected), timeout=30_000)
    shown = visible_card_ids(page)
    assert shown == expected
    total = len(hub_notes(catalog))
    expect(widget.locator(tid("result-count"))).to_have_text(f"{len(expected)} of {total} notes match")
    expect(widget.locator(tid("search-hint"))).to_be_hidden()
    return shown


def exact_first(shown: list[str], exact: set[str]) -> None:
    """Every exact match is shown, ahead of any typo-tolerant one."""
    assert exact <= set(shown)
    assert set(shown[:len(exact)]) == exact


# -- the tests -----------------------------------------------------------------------------------
def test_or_query_shows_the_notes_of_either_word(page, catalog):
    shown = check_cards(page, catalog, "medical OR law")
    medical = {n.id for n in hub_notes(catalog) if has_prefix(n, "medical")}
    law = {n.id for n in hub_notes(catalog) if has_prefix(n, "law")}
    assert medical and law, "the bundled hub has notes of both words"
    exact_first(shown, medical | law)
    card = hub_locator(page).locator(f'{tid("note-card")}[data-note-id="{sorted(medical)[0]}"]')
    expect(card.locator("mark").first).to_be_visible()


def test_exclusion_removes_the_notes_that_say_the_word(page, catalog):
    shown = check_cards(page, catalog, "RL -rubric")
    with_rl = {n.id for n in hub_notes(catalog) if has_prefix(n, "rl")}
    rubric = {n.id for n in hub_notes(catalog) if has_prefix(n, "rubric")}
    assert with_rl & rubric, "the bundled hub has an RL note about rubrics to exclude"
    assert not set(shown) & rubric
    exact_first(shown, with_rl - rubric)


def test_phrase_found_in_a_body_shows_a_snippet_with_the_words_marked(page, catalog):
    phrase, note = body_only_phrase(catalog)
    shown = check_cards(page, catalog, '"' + " ".join(phrase) + '"')
    assert set(shown) == {n.id for n in hub_notes(catalog) if has_phrase(n, phrase)}
    snippet = hub_locator(page).locator(f'{tid("note-card")}[data-note-id="{note.id}"] {tid("snippet")}')
    expect(snippet).to_be_visible()
    marked = [m.lower() for m in snippet.locator("mark").all_inner_texts()]
    assert set(marked) >= set(phrase)
    assert snippet.locator("img, script, a, b").count() == 0  # a snippet is text

    # the table shows the same snippet in the note's row
    card_text = snippet.inner_text()
    widget = hub_locator(page)
    widget.locator(tid("view-table")).click()
    row_snippet = widget.locator(f'{tid("note-row")}[data-note-id="{note.id}"] {tid("snippet")}')
    expect(row_snippet).to_have_text(card_text)
    assert set(phrase) <= {m.lower() for m in row_snippet.locator("mark").all_inner_texts()}

    # the reader marks the words in the note's body
    widget.locator(tid("view-grid")).click()
    widget.locator(f'{tid("note-card")}[data-note-id="{note.id}"] {tid("read")}').click()
    body_marks = widget.locator(f'{tid("reader-body")} mark')
    expect(body_marks.first).to_be_visible()
    assert set(phrase) <= {m.lower() for m in body_marks.all_inner_texts()}


def test_a_typo_finds_the_word_it_misspells(page, catalog):
    shown = check_cards(page, catalog, "rubrik")
    rubric = {n.id for n in hub_notes(catalog) if has_prefix(n, "rubric")}
    assert rubric and not any(has_prefix(n, "rubrik") for n in hub_notes(catalog))
    assert rubric <= set(shown)


def test_tag_and_section_filters_show_that_tag_and_that_section(page, catalog):
    tag = next(t for n in hub_notes(catalog) for t in n.tags).casefold()
    shown = check_cards(page, catalog, f"tag:{tag}")
    assert set(shown) == {n.id for n in hub_notes(catalog)
                          if any(t.casefold() == tag or t.casefold().startswith(f"{tag}/") for t in n.tags)}
    section = max(expected_hub(catalog).sections, key=lambda s: s.n_notes)
    shown = check_cards(page, catalog, f'section:"{section.title}"')
    assert set(shown) == {n.id for n in section.notes}
    # the sections view lists the sections those notes are in, in the hub's order
    widget = hub_locator(page)
    widget.locator(tid("view-sections")).click()
    titles = widget.locator(f'{tid("section")} .hw-section-title').all_inner_texts()
    assert titles == [s.title for s in expected_hub(catalog).sections
                      if any(n.id in shown for n in s.notes)]


def test_a_malformed_query_shows_the_hint_and_searches_its_plain_words(page, catalog):
    from hubwidgets.query import parse

    query = '"reward model'
    search(page, query)
    hint = hub_locator(page).locator(tid("search-hint"))
    expect(hint).to_be_visible()
    expect(hint).to_have_text(parse(query).hint)
    assert visible_card_ids(page) == ranked(catalog, query)
    assert visible_card_ids(page) == ranked(catalog, "reward model")
    hub_locator(page).locator(tid("search")).fill('"reward model"')
    expect(hint).to_be_hidden()


def body_only_phrase(catalog):
    """Two consecutive words of a body that start no word of any title, summary or tags of the
    hub, and the note."""
    shown_words = set()
    for n in hub_notes(catalog):
        title, summary, tags, _ = note_words(n)
        shown_words.update(title + summary + tags)
    for note in hub_notes(catalog):
        body = note_words(note)[3]
        for a, b in pairwise(body):
            said = any(w.startswith((a, b)) for w in shown_words)  # else no snippet is needed
            if len(a) >= 5 and len(b) >= 5 and a != b and not said:
                return [a, b], note
    raise AssertionError(f"no note of {HUB} has a body phrase to search for")
