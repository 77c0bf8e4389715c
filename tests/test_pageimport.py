"""The page importer: the seed page, hand-written edge cases and generated pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.datadir import read_folder
from hubwidgets.pageimport import import_page
from hubwidgets.problems import PageImportError

from .conftest import REPO, SEED_PAGE

PAGES = Path(__file__).parent / "pages"


def seed_cards(text: str) -> list[str]:
    """Card titles of a page read independently of the importer: the line that opens each card."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    titles = []
    for i, line in enumerate(lines):
        if line == "Explore related Read →":
            j = i - 1
            while j > 0 and lines[j - 1] != "Explore related Read →" and not re.match(
                    r"^\d+ notes?$", lines[j - 1]):
                j -= 1
            titles.append(lines[j])
    return titles


def test_seed_page_gives_every_card_and_section_in_order():
    text = SEED_PAGE.read_text(encoding="utf-8")
    result = import_page(text, hub_id="domain-training", source=SEED_PAGE.name)
    hub = result.hub
    assert [n.title for n in result.notes] == list(dict.fromkeys(seed_cards(text)))
    assert len(result.notes) == 31
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    expected_sections = [(lines[i - 1], int(m.group(1))) for i, line in enumerate(lines)
                         if (m := re.match(r"^(\d+) notes?$", line))]
    assert [(s.title, s.declared_notes) for s in hub.sections] == expected_sections
    assert len(hub.sections) == 9
    assert (hub.declared_notes, hub.declared_sections) == (38, 10)
    assert hub.title == "How do domain training techniques actually reshape model behavior?"
    kg = next(s for s in hub.sections if s.title == "Knowledge Graph-Based Domain Specialization")
    assert (kg.declared_notes, kg.notes) == (1, [])
    assert result.problems == []
    assert "hub: 38 notes declared, 31 shown" in result.gaps
    assert "hub: 10 sections declared, 9 shown" in result.gaps


def test_bundled_data_is_what_the_documented_import_command_produces(tmp_path):
    """`hubwidgets import-page <seed> --hub domain-training --data data` is reproducible."""
    result = import_page(SEED_PAGE.read_text(encoding="utf-8"), hub_id="domain-training",
                         source=SEED_PAGE.name)
    result.write(tmp_path)
    committed = REPO / "data" / "hubs" / "domain-training.yaml"
    assert (tmp_path / "hubs" / "domain-training.yaml").read_text() == committed.read_text()
    fresh = {n.id: n for n in read_folder(tmp_path, use_cache=False).notes}
    bundled = {n.id: n for n in read_folder(REPO / "data", use_cache=False).notes}
    assert set(fresh) <= set(bundled)
    for nid, note in fresh.items():
        assert (bundled[nid].title, bundled[nid].summary) == (note.title, note.summary)


def test_reimport_keeps_what_a_person_added(tmp_path):
    text = (PAGES / "small-hub.txt").read_text(encoding="utf-8")
    import_page(text, hub_id="small").write(tmp_path)
    note_file = tmp_path / "notes" / "why-start-small.md"
    note_file.write_text(note_file.read_text() + "\nA body written by hand.\n\n```python\nx = 1\n```\n")
    report = import_page(text, hub_id="small").write(tmp_path)
    assert "A body written by hand." in note_file.read_text()
    assert report["created"] == [] and report["updated"] == []
    assert sorted(report["unchanged"]) == ["how-do-you-count-notes", "what-comes-after-the-basics",
                                           "why-start-small"]


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_edge_case_page(line_end):
    text = (PAGES / "edge-cases.txt").read_text(encoding="utf-8").replace("\n", line_end)
    result = import_page(text, hub_id="edge")
    hub = result.hub
    assert hub.title.startswith("Which «quirks» can a copied page hold")
    assert "<script>alert('x')</script>" in hub.description
    assert hub.description.count("\n\n") == 1
    assert [(s.title, s.declared_notes, len(s.notes)) for s in hub.sections] == [
        ("Empty But Declared", 0, 0),
        ("One Note Section", 1, 1),
        ('Overlapping <Ideas> & "Quotes"', 3, 2),
        ("Pass 3 Additions (2026-05-03)", 4, 2),
        ("Declared But Missing", 2, 0),
    ]
    notes = {n.title: n for n in result.notes}
    assert notes["Does a card with no summary survive?"].summary == ""
    shared = notes["Is the same note allowed in two sections?"]
    assert [s.title for s in hub.sections if shared.id in s.notes] == [
        'Overlapping <Ideas> & "Quotes"', "Pass 3 Additions (2026-05-03)"]
    assert "<em>HTML-looking</em> text & ampersands" in shared.summary
    assert notes["Can a summary span two copied lines?"].summary == (
        "Yes: a long summary may wrap onto a second line when copied.")
    spanish = notes["¿Qué pasa con los títulos no ingleses — 日本語も?"]
    assert spanish.id == "que-pasa-con-los-titulos-no-ingleses"
    assert spanish.summary == "Résumé with non-ASCII: naïve café, 数学, emoji 🧪."
    assert (hub.declared_notes, hub.declared_sections) == (12, 6)
    assert len(result.notes) == 4  # five cards, one of them listed twice


def test_page_without_header_is_refused_with_a_clear_error():
    with pytest.raises(PageImportError, match="Topic Hub · N linked notes · M sections"):
        import_page("Just a title\n\nSome text\n", source="x.txt")


def test_counts_that_are_not_numbers_are_kept_as_unknown_and_reported():
    page = "Q?\n\nTopic Hub · many linked notes · 1 section\n\nS\n\nlots notes\n\nA?\n\nB.\n\nRead →\n"
    result = import_page(page, hub_id="odd")
    assert result.hub.declared_notes is None
    assert result.hub.sections[0].declared_notes is None
    assert {p.code for p in result.problems} == {"count-not-number"}
    assert [p.line for p in result.problems] == [3, 7]


def test_truncated_page_keeps_what_it_shows():
    text = (PAGES / "small-hub.txt").read_text(encoding="utf-8")
    cut = text[: text.index("One at a time.")]
    result = import_page(cut, hub_id="cut")
    assert [n.title for n in result.notes] == ["Why start small?", "How do you count notes?"]
    assert [p.code for p in result.problems] == ["truncated-card"]


# -- generated pages: whatever we render, the importer reads back ----------------------------
_words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u0085"),
    min_size=1, max_size=40,
).map(lambda s: " ".join(s.split())).filter(
    lambda s: s and not re.match(r"^\S+ notes?$", s, re.I) and "Explore related" not in s
    and not s.startswith("Read") and not s.startswith("←") and "Topic Hub" not in s
    and not s.lower().startswith("view as") and s.lower() != "all notes")


def render_page(title: str, description: str, sections: list[tuple[str, list[tuple[str, str]]]]) -> str:
    n_notes = len({t for _, cards in sections for t, _ in cards})
    out = ["← All notes", "", title, "", description, "",
           f"Topic Hub · {n_notes} linked notes · {len(sections)} sections", "View as", ""]
    for name, cards in sections:
        out += [name, "", f"{len(cards)} {'note' if len(cards) == 1 else 'notes'}", ""]
        for card_title, summary in cards:
            out += [card_title, ""] + ([summary, ""] if summary else []) + ["Explore related Read →", ""]
    return "\n".join(out)


@settings(max_examples=150, deadline=None)
@given(title=_words, description=_words,
       sections=st.lists(st.tuples(_words, st.lists(st.tuples(_words, st.one_of(st.just(""), _words)),
                                                    max_size=4, unique_by=lambda c: c[0])),
                         min_size=1, max_size=4, unique_by=lambda s: s[0]))
def test_generated_pages_round_trip(title, description, sections):
    # a card title must not double as a section title, or the page itself is ambiguous
    section_titles = {s for s, _ in sections}
    sections = [(s, [c for c in cards if c[0] not in section_titles and c[1] not in section_titles])
                for s, cards in sections]
    first_summary = {}
    for _, cards in sections:
        for t, s in cards:
            first_summary.setdefault(t, s)
    result = import_page(render_page(title, description, sections), hub_id="gen")
    assert result.hub.title == title and result.hub.description == description
    assert [s.title for s in result.hub.sections] == [s for s, _ in sections]
    by_id = {n.id: n for n in result.notes}
    for spec, (_, cards) in zip(result.hub.sections, sections, strict=True):
        assert [by_id[nid].title for nid in spec.notes] == [t for t, _ in cards]
        assert spec.declared_notes == len(cards)
    for note in result.notes:
        expected = first_summary[note.title]
        assert note.summary == expected or (not expected)
