"""HubWidget: synced traits, replies to the page's requests, and the static fallback."""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

import pytest

from hubwidgets import UnknownNameError, load
from hubwidgets.state import EXPAND_LIMIT
from hubwidgets.widgets import HubWidget


def page_sends(widget: HubWidget, data: dict) -> None:
    """Deliver a comm message as the front end would (through ipywidgets' own dispatch)."""
    widget._handle_msg({"content": {"data": data}, "buffers": []})


@pytest.fixture
def replies(monkeypatch):
    def attach(widget: HubWidget) -> list[dict]:
        sent: list[dict] = []
        monkeypatch.setattr(widget, "send", lambda content, buffers=None: sent.append(content))
        return sent

    return attach


@pytest.fixture
def small(make_catalog):
    root = make_catalog(
        notes={
            "alpha": {"title": "Alpha rewards", "summary": "About rewards.", "related": ["beta"],
                      "sources": [{"title": "Paper", "url": "https://example.org/p"}],
                      "body": "# Alpha\n\nSee [[beta]] and <script>alert(1)</script> zebra."},
            "beta": {"title": "Beta", "summary": "Second.", "body": "Only the body says quokka."},
            "gamma": {"title": "<img src=x onerror=alert(1)>", "summary": "Hostile title."},
            "outside": {"title": "Not in the hub", "summary": "rewards too", "body": "quokka"},
        },
        hubs={"h": {"title": "Small hub", "declared_notes": 4, "sections": [
            {"title": "First", "notes": ["alpha", "beta"]},
            {"title": "Second", "notes": ["gamma"]},
            {"title": "Empty", "declared_notes": 1, "notes": []},
        ]}})
    return load(root, cache=False)


def test_catalog_show_builds_the_widget_with_defaults(bundled):
    w = bundled.show("domain-training")
    assert isinstance(w, HubWidget)
    assert (w.view, w.query, w.selected, w.reading) == ("sections", "", "", False)
    assert w.expanded == [s["key"] for s in w.state["sections"]]  # small hub: all open
    assert w.state["counts"]["notes"] == bundled.hub("domain-training").n_notes
    assert "domain-training" in repr(w)


def test_keyword_arguments_set_traits(bundled):
    nid = bundled.hub("domain-training").notes[0].id
    w = bundled.show("domain-training", view="table", query="reward", selected=nid, expanded=[])
    assert (w.view, w.query, w.selected, w.expanded) == ("table", "reward", nid, [])
    assert w.search_hits["query"] == "reward" and w.search_hits["ids"]


def test_bad_values_fail_early(bundled):
    with pytest.raises(UnknownNameError):
        bundled.show("domain-trainig")
    with pytest.raises(UnknownNameError):
        bundled.show("domain-training", selected="no-such-note")
    w = bundled.show("domain-training")
    with pytest.raises(UnknownNameError):
        w.selected = "no-such-note"
    from traitlets import TraitError

    with pytest.raises(TraitError):
        w.view = "cards"


def test_index_and_single_note_widgets(bundled):
    index = bundled.show()
    assert index.state["kind"] == "index" and index.hub_id is None
    nid = bundled.note_ids[3]
    one = bundled.note(nid)
    assert one.state["kind"] == "note" and (one.selected, one.reading) == (nid, True)


def test_large_hubs_start_collapsed(make_catalog):
    n = EXPAND_LIMIT + 1
    notes = {f"n-{i}": {"title": f"Note {i}"} for i in range(n)}
    root = make_catalog(notes=notes, hubs={"big": {"title": "Big", "sections": [
        {"title": "A", "notes": list(notes)[: n // 2]}, {"title": "B", "notes": list(notes)[n // 2:]}]}})
    w = load(root, cache=False).show("big")
    assert w.expanded == []
    w.expand_all()
    assert w.expanded == ["1", "2"]
    w.collapse_all()
    assert w.expanded == []


def test_query_from_the_page_searches_bodies_within_the_hub(small):
    w = small.show("h")
    page_sends(w, {"method": "update", "state": {"query": "quokka"}, "buffer_paths": []})
    assert w.query == "quokka"
    hits = w.search_hits
    assert (hits["query"], hits["ids"], hits["hint"]) == ("quokka", ["beta"], None)  # not "outside"
    w.query = "rewards"
    assert w.search_hits["ids"] == ["alpha"]
    w.query = "  "
    assert w.search_hits == {"query": "  ", "ids": [], "snippets": {}, "hint": None}


def test_search_hits_carry_ranking_and_snippets_of_body_matches_as_text(small):
    w = small.show("h")
    w.query = "quokka OR zebra -outside"
    hits = w.search_hits
    ranked = [nid for nid in small.search(w.query, hub="h")["id"] if nid in w._ids]
    assert hits["ids"] == ranked and set(ranked) == {"alpha", "beta"}
    for nid in ranked:
        snippet = hits["snippets"][nid]
        marked = [snippet["text"][a:b].casefold() for a, b in snippet["marks"]]
        assert marked and set(marked) <= {"quokka", "zebra"}
    # a snippet is the note's own text (markup and all, shown as text by the page), not HTML
    body = " ".join(small.get("alpha").body.split())
    assert hits["snippets"]["alpha"]["text"].strip("…") in body and "<script>" in body
    json.dumps(hits)  # a trait the page receives: JSON only


def test_a_malformed_query_is_answered_with_its_plain_words_and_the_parser_hint(small):
    from hubwidgets.query import parse

    w = small.show("h")
    w.query = '"only the body'
    hits = w.search_hits
    assert hits["hint"] == parse(w.query).hint and "quote" in hits["hint"]
    assert hits["ids"] == [nid for nid in small.search_ids("only the body") if nid in w._ids]
    assert hits["ids"] == ["beta"]


def test_note_request_gets_sanitized_body_sources_and_related(small, replies):
    w = small.show("h")
    sent = replies(w)
    page_sends(w, {"method": "custom", "content": {"type": "note", "id": "alpha", "request": 7}})
    (reply,) = sent
    assert reply["type"] == "note" and reply["request"] == 7 and reply["id"] == "alpha"
    assert "<h1>Alpha</h1>" in reply["html"] and "<script" not in reply["html"]
    assert 'data-note-id="beta"' in reply["html"]
    assert reply["has_body"] is True
    assert reply["sources"] == [{"title": "Paper", "url": "https://example.org/p"}]
    assert reply["sections"] == ["First"]
    assert reply["related"][0]["id"] == "beta" and reply["related"][0]["kind"] == "linked"
    json.dumps(reply)


def test_reader_can_ask_for_the_body_without_related_notes(small):
    w = small.show("h")
    reply = w.answer({"type": "note", "id": "alpha", "related": False, "request": 1})
    assert "related" not in reply and "<h1>Alpha</h1>" in reply["html"]


def test_related_request_and_errors(small, replies):
    w = small.show("h")
    sent = replies(w)
    page_sends(w, {"method": "custom", "content": {"type": "related", "id": "beta", "request": 1}})
    page_sends(w, {"method": "custom", "content": {"type": "note", "id": "nope", "request": 2}})
    page_sends(w, {"method": "custom", "content": {"type": "dance", "id": "beta", "request": 3}})
    related, missing, unknown = sent
    assert [i["id"] for i in related["items"]][:1] == ["alpha"]  # alpha links to beta
    assert all({"id", "title", "summary", "kind", "score", "in_view"} <= set(i) for i in related["items"])
    assert "no note 'nope'" in missing["error"]
    assert "unknown request type" in unknown["error"]


def test_graph_request_fills_the_graph_trait(small, replies):
    w = small.show("h")
    sent = replies(w)
    assert w.graph == {}
    page_sends(w, {"method": "custom", "content": {"type": "graph", "request": 1}})
    assert sent == []  # answered through the synced trait
    assert len(w.graph["nodes"]) == len(w.state["notes"]) == 3
    assert [0, 1] in w.graph["edges"]  # alpha -> beta
    assert w.graph["groups"] == [0, 0, 1]


def test_a_failing_convert_is_reported_in_the_page(small, replies, monkeypatch):
    monkeypatch.setitem(sys.modules, "hubwidgets.convert", None)  # import fails
    w = small.show("h")
    reply = w.answer({"type": "convert", "id": "alpha", "request": 1})
    assert reply["id"] == "alpha" and "hubwidgets.convert" in reply["error"]


def test_convert_links_the_written_notebook(small, monkeypatch, tmp_path):
    calls = []

    def convert_note(note_id, out_dir, catalog=None, force=False):
        path = Path(out_dir) / f"{note_id}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}")
        calls.append((note_id, out_dir, catalog))
        return types.SimpleNamespace(written=[path], unchanged=[], skipped=[])

    fake = types.ModuleType("hubwidgets.convert")
    fake.convert_note = convert_note
    monkeypatch.setitem(sys.modules, "hubwidgets.convert", fake)
    monkeypatch.chdir(tmp_path)
    w = small.show("h")
    reply = w.answer({"type": "convert", "id": "alpha", "request": 1})
    assert calls == [("alpha", "notebooks", small)]
    assert reply["status"] == "written" and reply["path"] == "notebooks/alpha.ipynb"
    assert Path(reply["absolute"]) == tmp_path / "notebooks" / "alpha.ipynb"


def test_convert_reports_the_converters_errors(small, monkeypatch):
    fake = types.ModuleType("hubwidgets.convert")
    fake.convert_note = lambda note_id, out_dir, catalog=None, force=False: types.SimpleNamespace(
        written=[], unchanged=[], skipped=[], errors={note_id: "cell 2 failed"})
    monkeypatch.setitem(sys.modules, "hubwidgets.convert", fake)
    reply = small.show("h").answer({"type": "convert", "id": "alpha", "request": 1})
    assert reply["status"] == "error" and reply["message"] == "cell 2 failed"


def test_real_converter_writes_a_notebook_the_reader_can_link(small, monkeypatch, tmp_path):
    import hubwidgets.convert  # noqa: F401  (the real one, not a stand-in)

    monkeypatch.chdir(tmp_path)
    reply = small.show("h").answer({"type": "convert", "id": "alpha", "request": 1})
    assert reply["status"] == "written", reply
    assert (tmp_path / reply["path"]).is_file() and reply["path"].endswith(".ipynb")
    again = small.show("h").answer({"type": "convert", "id": "alpha", "request": 2})
    assert again["status"] == "unchanged" and again["path"] == reply["path"]


def test_mime_bundle_has_the_widget_and_an_escaped_static_fallback(small):
    w = small.show("h")
    data, _ = w._repr_mimebundle_()
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == w.model_id
    html = data["text/html"]
    assert html.count("<details") == 3 and html.count("<details data-testid=\"static-section\" open>") == 3
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
    assert "1 note declared, none available" in html
    assert "Small hub" in html


def test_fallback_for_huge_hubs_stays_small():
    from hubwidgets.widgets.fallback import MAX_NOTES, fallback_html

    n = MAX_NOTES + 500
    state = {"title": "T", "description": "", "subtitle": "s",
             "notes": [{"id": f"n{i}", "title": f"title {i}", "summary": "x" * 200} for i in range(n)],
             "sections": [{"title": "All", "count_text": f"{n} notes", "notes": list(range(n))}]}
    html = fallback_html(state)
    assert html.count("<li") == MAX_NOTES + 1 and "… and 500 more" in html
    assert "x" * 200 not in html  # summaries dropped for big hubs


def test_front_end_is_offline_and_ships_beside_the_module():
    esm, css = str(HubWidget._esm), str(HubWidget._css)
    assert "export default" in esm and ".hw-hub" in css
    # the SVG namespace is the only URL, and it is a name, not a fetch
    assert re.findall(r"https?://[^\s\"'`]+", esm) == ["http://www.w3.org/2000/svg"]
    assert not re.search(r"^\s*import\s", esm, re.M)  # nothing imported at all
    selectors = re.findall(r"^([^\s@/*}{][^{]*)\{", css, re.M)
    assert selectors and all(part.strip().startswith(".hw-") for sel in selectors for part in sel.split(","))


@pytest.mark.slow
def test_saved_notebook_keeps_a_static_hub_for_viewers_without_a_kernel(tmp_path, bundled):
    from html import escape

    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from hubwidgets import hub\nhub.show('domain-training')")]
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    nbformat.validate(nb)
    output, twin = nb.cells[0].outputs  # the widget, then its hidden twin for exported pages
    assert "application/vnd.jupyter.widget-view+json" in output["data"]
    html = output["data"]["text/html"]
    hub = bundled.hub("domain-training")
    assert html.count("<details") == hub.n_sections
    assert all(escape(n.title) in html for n in hub.notes)
    assert "<script" not in html
    saved = twin["data"]["text/html"]
    assert list(twin["data"]) == ["text/html"] and "<script" not in saved
    assert 'class="hw-static hw-saved"' in saved and " hidden>" in saved
    assert saved.count("<details") == hub.n_sections


def test_the_page_switches_between_a_hub_and_every_note(tmp_path, replies):
    """Hubs and notes both ways (issue 12): "show" requests move one widget between views."""
    from .corpus.vaults import write_vault

    cat = load(write_vault(tmp_path / "vault", big=False), cache=False)
    w = cat.show()
    replies(w)
    assert w.state["kind"] == "index" and w.hub_list == [{"id": "research-moc", "title": "Research MOC"}]
    w.open_note("rubrics")
    w.query = "rubric"
    page_sends(w, {"method": "custom", "content": {"type": "show", "hub": "research-moc",
                                                   "request": "r1"}})
    assert (w.state["kind"], w.state["title"], w.hub_id) == ("hub", "Research MOC", "research-moc")
    assert [s["title"] for s in w.state["sections"]] == ["Rewards", "Papers"]
    assert (w.reading, w.selected) == (False, "")
    assert w.expanded == [s["key"] for s in w.state["sections"]]
    assert set(w.search_hits["ids"]) <= {"reward-models", "rubrics", "papers-rubrics",
                                         "papers-uber-lernen-mit-leerzeichen"}
    assert "rubrics" in w.search_hits["ids"]
    page_sends(w, {"method": "custom", "content": {"type": "show", "hub": "", "request": "r2"}})
    assert (w.state["kind"], w.state["title"], w.hub_id) == ("index", "All notes", None)
    assert w.state["sections"][0]["key"] == "hub:research-moc"
    with pytest.raises(UnknownNameError):
        w.show_hub("no-such-hub")
    single = cat.note("rubrics")  # a single note's view never switches
    assert single.hub_list == []
    page_sends(single, {"method": "custom", "content": {"type": "show", "hub": "research-moc",
                                                        "request": "r3"}})
    assert single.state["kind"] == "note"
