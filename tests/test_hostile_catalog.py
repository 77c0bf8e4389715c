"""Malformed catalogs (tests/corpus/malformed_catalogs.py) through the library.

Each broken catalog must load its good notes, report every bad file as a problem row with
file, field and reason, and do so in bounded time; whatever loads must then survive search,
related notes, the HTML export and the converter.
"""

from __future__ import annotations

import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from hubwidgets.api import Catalog
from hubwidgets.problems import PROBLEM_COLUMNS

from .corpus.malformed_catalogs import CASES, GOOD_HUB, GOOD_NOTES, PWNED_MARKER, BrokenCatalog, build

LOAD_SECONDS = 20  # a generous bound: each case loads in well under a second


@contextmanager
def time_limit(seconds: int):
    """Fail (instead of hanging the suite) when the block runs longer than ``seconds``."""

    def expire(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _ids(cases: list[BrokenCatalog]) -> list[str]:
    return [c.name for c in cases]


@pytest.fixture
def broken(request, tmp_path: Path, monkeypatch) -> tuple[BrokenCatalog, Path]:
    case: BrokenCatalog = request.param
    monkeypatch.chdir(tmp_path)  # a YAML tag that ran os.system would leave its marker here
    return case, build(case, tmp_path / "catalog")


def test_the_corpus_has_at_least_30_malformed_catalogs():
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


def _problem_rows(cat: Catalog) -> list[dict]:
    df = cat.problems
    assert list(df.columns) == PROBLEM_COLUMNS
    return df.to_dict("records")


@pytest.mark.parametrize("broken", CASES, ids=_ids(CASES), indirect=True)
def test_malformed_catalog_loads_the_good_notes_and_reports_each_bad_file(broken):
    case, root = broken
    for attempt in ("cold", "cached", "warm"):
        started = time.perf_counter()
        with time_limit(LOAD_SECONDS):
            cat = Catalog.load(root, cache=attempt != "cold", strict=True)
        elapsed = time.perf_counter() - started
        assert elapsed < LOAD_SECONDS
        for nid, fields in GOOD_NOTES.items():
            assert cat.get(nid).title == fields["title"], (attempt, nid)
        assert [n.id for n in cat.hub("good-hub").notes] == GOOD_HUB["sections"][0]["notes"]
        for nid in case.loads:
            assert nid in cat, (attempt, nid)
        for nid in case.rejects:
            assert nid not in cat, (attempt, nid)
        rows = _problem_rows(cat)
        for expected in case.expect:
            matching = [r for r in rows if (r["file"], r["field"], r["code"]) ==
                        (expected.file, expected.field, expected.code)]
            assert matching, (attempt, expected, [(r["file"], r["field"], r["code"]) for r in rows])
            assert all(r["severity"] == expected.severity for r in matching)
            assert all(len(r["message"]) > 10 for r in matching)
        errors = [r for r in rows if r["severity"] == "error"]
        assert bool(errors) == (case.exit_status == 1), errors
        # The good files themselves are never blamed.
        assert not [r for r in rows if r["file"] in {"notes/good-one.md", "notes/good-two.md"}]
    assert not (Path.cwd() / PWNED_MARKER).exists()


# related() of a 4.5 MB note costs seconds (TF-IDF character n-grams over the whole body):
# bounded, but too slow to pay on every CI run; its loading is checked above.
VIEW_CASES = [c for c in CASES if c.name != "4-mb-note-loads"]


@pytest.mark.parametrize("broken", VIEW_CASES, ids=_ids(VIEW_CASES), indirect=True)
def test_what_loads_from_a_malformed_catalog_survives_every_view(broken):
    from hubwidgets.convert import note_to_notebook
    from hubwidgets.export import hub_page_data

    _case, root = broken
    with time_limit(LOAD_SECONDS):
        cat = Catalog.load(root, cache=False)
        assert not cat.search("good").empty
        for nid in cat.note_ids:
            cat.related(nid, k=5)
            nb = note_to_notebook(cat.get(nid))
            assert nb.metadata["hubwidgets"]["note_id"] == nid
        for hub_id in cat.hub_ids:
            data = hub_page_data(cat, hub_id)
            assert data
        html = cat.to_html(None)
        assert "<html" in html
        for frame in (cat.notes, cat.hubs, cat.sections, cat.memberships, cat.links):
            assert frame.columns.is_unique


def test_a_cycle_of_links_gives_related_notes_without_looping(tmp_path):
    case = next(c for c in CASES if c.name == "link-cycle")
    cat = Catalog.load(build(case, tmp_path / "catalog"), cache=False)
    related = cat.related("cyc-a", k=10)
    assert set(related.id) == {"cyc-b", "cyc-c"}  # b: a's own link, c: links back to a
    assert "cyc-a" not in set(related.id)
