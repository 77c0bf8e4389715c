"""The page importer on hostile input: malformed pages and XSS payloads in every field.

Every malformed page gives a :class:`PageImportError` with a clear message or problem rows;
what the importer writes loads back unchanged, stays inside the data folder, and importing
again never loses what a person added.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hubwidgets.catalog import Catalog
from hubwidgets.datadir import read_text
from hubwidgets.pageimport import import_page
from hubwidgets.problems import PageImportError
from hubwidgets.slugs import is_valid_id

from .corpus import malformed_pages, payload_page, xss_payloads
from .test_hostile_catalog import time_limit

PAGE_LIMIT = 20 * 2**20  # what `hubwidgets import-page` reads at most


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("page", malformed_pages.names())
def test_malformed_page_gives_a_clear_error_or_problem_rows(page: str, tmp_path):
    path = malformed_pages.write(page, tmp_path)
    text, read_problems = read_text(str(path), page, path.stat().st_size, PAGE_LIMIT)
    if text is None:  # bytes that are not a UTF-8 text page: one readable problem row
        assert len(read_problems) == 1
        assert read_problems[0].code in {"binary-file", "not-utf8", "too-large"}
        assert page in str(read_problems[0])
        return
    with time_limit(20):
        try:
            result = import_page(text, source=page)
        except PageImportError as exc:
            assert "Topic Hub · N linked notes · M sections" in str(exc)
            assert page in str(exc)
            return
        n_lines = text.count("\n") + 1
        for p in result.problems:
            assert p.file == page and p.code and len(p.message) > 10
            assert p.line is None or 1 <= p.line <= n_lines
        data = tmp_path / "data"
        result.write(data)
        cat = Catalog.load(data, cache=False)
    assert _files(data) <= {f"notes/{n.id}.md" for n in result.notes} | {f"hubs/{result.hub.id}.yaml"}
    assert [p for p in cat.problem_list if p.severity == "error"] == []
    assert sorted(cat.note_ids) == sorted(n.id for n in result.notes)
    for note in result.notes:
        assert (cat.get(note.id).title, cat.get(note.id).summary) == (note.title, note.summary)
    hub = cat.hub(result.hub.id)
    assert [s.title for s in hub.sections] == [s.title for s in result.hub.sections]
    assert (hub.declared_notes, hub.declared_sections) == (result.hub.declared_notes,
                                                          result.hub.declared_sections)


def test_the_corpora_are_as_large_as_the_issue_asks():
    assert len(xss_payloads()) >= 60
    assert len(set(xss_payloads())) == len(xss_payloads())
    pages = malformed_pages.names()
    for kind in ("truncated", "counts-not-numbers", "missing-header", "sections-no-title", "one-line",
                 "random-bytes"):
        assert any(kind in name for name in pages), kind


def test_counts_that_are_not_numbers_are_problem_rows_not_guesses():
    text = (malformed_pages.HERE / "counts-not-numbers.txt").read_text(encoding="utf-8")
    result = import_page(text, source="p.txt")
    assert result.hub.declared_notes is None and result.hub.declared_sections is None
    codes = [(p.code, p.field) for p in result.problems]
    assert ("count-not-number", "declared_notes") in codes
    assert ("count-not-number", "declared_sections") in codes
    assert all(s.declared_notes is None for s in result.hub.sections)


def test_truncated_page_keeps_every_card_it_shows_and_says_where_it_stops():
    text = (malformed_pages.HERE / "truncated-mid-card.txt").read_text(encoding="utf-8")
    result = import_page(text, source="p.txt")
    assert [n.title for n in result.notes] == ["Which weights matter most?",
                                               "Does sparsity slow training?"]
    assert [p.code for p in result.problems] == ["truncated-card"]
    assert "hub: 3 notes declared, 2 shown" in result.gaps


def test_every_payload_survives_the_importer_as_exact_text(tmp_path):
    payloads = xss_payloads()
    result = import_page(payload_page(payloads, description=payloads[1]), source="hostile.txt")
    assert result.problems == []
    data = tmp_path / "data"
    result.write(data)
    cat = Catalog.load(data, cache=False)
    assert _files(data) == {f"notes/{n.id}.md" for n in result.notes} | {f"hubs/{result.hub.id}.yaml"}
    assert [p for p in cat.problem_list if p.severity == "error"] == []
    hub = cat.hub(result.hub.id)
    assert hub.description == " ".join(payloads[1].split())
    for i, (payload, section) in enumerate(zip(payloads, hub.sections, strict=True)):
        words = " ".join(payload.split())  # the importer joins whitespace, as a browser copy does
        assert section.title == f"{words} §{i}"
        (note,) = section.notes
        assert is_valid_id(note.id)
        assert note.title == f"{words} #{i}"
        assert note.summary == " ".join(payloads[(i + 1) % len(payloads)].split())
        assert cat.search_ids(note.id) is not None


def test_reimporting_a_hostile_page_never_loses_a_persons_edits(tmp_path):
    payloads = xss_payloads()
    page = payload_page(payloads)
    data = tmp_path / "data"
    first = import_page(page, source="hostile.txt")
    first.write(data)
    edited = {}
    for i, note in enumerate(first.notes):
        path = data / "notes" / f"{note.id}.md"
        text = path.read_text(encoding="utf-8")
        body = f"My notes on {payloads[i]}\n\n```python\nprint({i})\n```\n"
        path.write_text(text.replace("---\n", "---\ntags: [mine]\n", 1) + "\n" + body, encoding="utf-8")
        edited[note.id] = body.strip("\n")
    report = import_page(page, source="hostile.txt").write(data)
    assert report["created"] == []
    cat = Catalog.load(data, cache=False)
    for nid, body in edited.items():
        assert cat.get(nid).body == body
        assert cat.get(nid).tags == ["mine"]


UNREADABLE_NOTES = {
    "invalid-yaml": b"---\ntitle: [a typo\n---\nMy precious notes.\n",
    "unclosed": b"---\ntitle: Half written\nMy precious notes.\n",
    "latin-1": "---\ntitle: Café\n---\nMy précious notes.\n".encode("latin-1"),
    "binary": b"\x00\x01\x02 my precious notes",
}


@pytest.mark.parametrize("content", UNREADABLE_NOTES.values(), ids=list(UNREADABLE_NOTES))
def test_reimport_never_overwrites_a_note_file_it_cannot_read(content: bytes, tmp_path):
    """A person's note with a typo in its front matter is theirs: importing again keeps it."""
    page = (malformed_pages.HERE / "truncated-mid-card.txt").read_text(encoding="utf-8")
    data = tmp_path / "data"
    first = import_page(page, source="p.txt")
    first.write(data)
    target = data / "notes" / f"{first.notes[0].id}.md"
    target.write_bytes(content)
    report = import_page(page, source="p.txt").write(data)
    assert target.read_bytes() == content
    assert report["skipped"] == [first.notes[0].id]
    assert first.notes[0].id not in report["updated"] + report["created"]
