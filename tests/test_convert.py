"""Notes -> notebooks -> notes (hubwidgets.convert): structure, metadata, safety, determinism, round trip."""

from __future__ import annotations

import ast
import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import hubwidgets
from hubwidgets.cells import canonical_body, split_body
from hubwidgets.convert import (
    ConvertReport,
    content_hash,
    convert_hub,
    convert_note,
    from_notebook,
    md_text,
    note_to_notebook,
    notebook_to_note,
    to_notebook,
)
from hubwidgets.notes import Note
from hubwidgets.problems import HubwidgetsError

HOSTILE = ("Quotes ' \" ''' \"\"\" `back` ```fence``` {braces} {0} %s \\n é 中文 🙂 ../../x "
           "<script>alert(1)</script>")


def role(cell) -> str | None:
    return (cell.metadata.get("hubwidgets") or {}).get("role")


def code_calls(source: str) -> list[tuple[str, list]]:
    """(dotted function name, literal arguments) of every call in generated code."""
    calls = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            calls.append((ast.unparse(node.func), [ast.literal_eval(a) for a in node.args]))
    return calls


def rendered_text(markdown: str) -> str:
    """What a reader sees: the CommonMark rendering without tags, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(markdown))).strip()


@pytest.fixture
def hostile(make_catalog):
    """A user catalog whose texts try to break generated code and Markdown."""
    body = ("Intro with {braces} and '''triple''' quotes.\n\n```python\ns = \"\"\"``` inside\"\"\"\n"
            "print(len(s), '{x}'.format(x=1))\n```\n\n## Section ../../etc\n\n```bash\nrm -rf /\n```")
    return make_catalog(
        notes={
            "odd-one": {"title": HOSTILE, "summary": "1. not a list <b>bold?</b> $x$ [link](http://e)",
                        "tags": ["t'1", "é"], "related": ["plain"], "body": body,
                        "sources": [{"title": "A 'source' \"}", "url": "https://example.org/a?b=1"}]},
            "plain": {"title": "Plain", "summary": "A plain note.", "body": "Just text."},
        },
        hubs={"weird-hub": {"title": "Hub \"'{}", "description": "<i>desc</i>",
                            "sections": [{"title": "S ```1", "notes": ["odd-one", "plain"]}]}},
    )


# -- one note ----------------------------------------------------------------------------------
def test_bundled_note_notebook_is_valid_v45_with_deterministic_ids(bundled):
    nid = "why-does-rlvr-training-narrow-a-model-s-problem-solving"
    nb = to_notebook(nid)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    ids = [c.id for c in nb.cells]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-zA-Z0-9-_]{1,64}", i) for i in ids)
    again = to_notebook(nid, bundled)
    assert [c.id for c in again.cells] == ids
    assert nbformat.writes(again) == nbformat.writes(nb)


def test_notebook_structure_and_metadata(bundled):
    nid = "can-we-train-better-models-on-less-data"
    note = bundled.get(nid)
    nb = to_notebook(nid, bundled)
    meta = nb.metadata["hubwidgets"]
    assert meta["note_id"] == nid and meta["hub"] == "domain-training"
    expected_section = bundled.memberships[bundled.memberships.note == nid].iloc[0].section
    assert meta["section"] == expected_section
    assert meta["content_hash"] == content_hash(nb)
    assert nb.metadata.kernelspec.name == "python3" and nb.metadata.language_info.name == "python"
    first, card = nb.cells[0], nb.cells[1]
    assert first.cell_type == "markdown" and rendered_text(first.source).startswith(note.title)
    assert note.summary.split()[0] in first.source
    assert card.cell_type == "code" and role(card) == "card"
    assert code_calls(card.source) == [("hub.note", [nid])]
    assert "from hubwidgets import hub" in card.source
    body = [c for c in nb.cells if role(c) == "body"]
    assert [(c.cell_type, c.source) for c in body] == [
        ("code" if c.kind == "code" else "markdown", c.source) for c in split_body(note.body)]
    assert any(c.cell_type == "code" for c in body)  # this note has worked examples
    related_md, related_code = nb.cells[-2], nb.cells[-1]
    assert role(related_md) == "related" and related_md.source.startswith("## Related notes")
    neighbours = bundled.related(nid, k=5)
    for rid in neighbours.id:
        assert f"({rid}.ipynb)" in related_md.source  # all in the same hub: relative links
    assert code_calls(related_code.source) == [("hub.related", [nid])]


def test_hub_index_lists_sections_and_shows_the_hub(bundled, tmp_path):
    report = convert_hub("domain-training", tmp_path, bundled)
    index = nbformat.read(tmp_path / "index.ipynb", as_version=4)
    nbformat.validate(index)
    hub = bundled.hub("domain-training")
    assert code_calls(index.cells[1].source) == [("hub.show", ["domain-training"])]
    text = "\n".join(c.source for c in index.cells)
    for section in hub.sections:
        assert md_text(section.title) in text
    links = re.findall(r"\]\(([^)]+\.ipynb)\)", text)
    assert sorted(set(links)) == sorted(f"{n.id}.ipynb" for n in hub.notes)
    assert len(report.written) == hub.n_notes + 1 == 32
    for path in map(Path, report.written):  # every relative link resolves to a written sibling
        nb = nbformat.read(path, as_version=4)
        for link in re.findall(r"\]\(([^)]+\.ipynb)\)", "\n".join(c.source for c in nb.cells)):
            assert (path.parent / link).is_file(), (path.name, link)


def test_user_catalog_is_loaded_by_a_path_relative_to_the_output(hostile, tmp_path):
    cat = hubwidgets.load(hostile)
    out = tmp_path / "out" / "nb"
    convert_hub("weird-hub", out, cat)
    nb = nbformat.read(out / "odd-one.ipynb", as_version=4)
    calls = code_calls(nb.cells[1].source)
    assert calls[0][0] == "hubwidgets.load" and calls[1] == ("catalog.note", ["odd-one"])
    rel = calls[0][1][0]
    assert not Path(rel).is_absolute() and (out / rel).resolve() == hostile.resolve()


def test_hostile_texts_cannot_break_code_or_markdown(hostile, tmp_path):
    cat = hubwidgets.load(hostile)
    out = tmp_path / "out"
    report = convert_hub("weird-hub", out, cat)
    assert report.ok and sorted(Path(p).name for p in report.written) == [
        "index.ipynb", "odd-one.ipynb", "plain.ipynb"]
    assert sorted(p.name for p in out.iterdir()) == ["index.ipynb", "odd-one.ipynb", "plain.ipynb"]
    for path in out.iterdir():
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                compile(cell.source, str(path), "exec")  # generated and body code alike
            elif role(cell) != "body":
                rendered = MarkdownIt("commonmark").render(cell.source)
                assert "<script" not in rendered and "<b>" not in rendered and "<i>" not in rendered
                assert "<ol" not in rendered and "<a " not in rendered.replace(
                    '<a href="odd-one.ipynb">', "").replace('<a href="plain.ipynb">', "")
    nb = nbformat.read(out / "odd-one.ipynb", as_version=4)
    title_cell = rendered_text(nb.cells[0].source)
    assert title_cell.split("\n")[0] == " ".join(HOSTILE.split())
    assert "1. not a list <b>bold?</b> $x$ [link](http://e)" in title_cell


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_md_text_renders_exactly_as_written(text):
    expected = " ".join(text.split())
    assert rendered_text("# " + md_text(text)) == expected
    assert rendered_text(md_text(text)) == expected
    assert rendered_text("- [" + md_text(text) + "](x.ipynb)") == expected


def test_unsafe_ids_are_refused(bundled, tmp_path):
    with pytest.raises(HubwidgetsError):
        note_to_notebook(Note(id="../../x", title="t"))
    report = convert_note("../../evil", tmp_path, bundled)
    assert report.refused == ["../../evil"] and not report.written
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(hubwidgets.UnknownNameError):
        convert_hub("no-such-hub", tmp_path, bundled)


def test_convert_note_writes_one_notebook(bundled, tmp_path):
    nid = "does-rl-training-collapse-format-diversity-in-pretrained"
    report = convert_note(nid, tmp_path, bundled)
    assert report.written == [str(tmp_path / f"{nid}.ipynb")]
    assert "1 written" in report.summary()
    assert convert_note(nid, tmp_path, bundled).unchanged == report.written


# -- determinism and edits -------------------------------------------------------------------
def test_converting_twice_gives_byte_identical_files(bundled, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    convert_hub("domain-training", a, bundled)
    convert_hub("domain-training", b, hubwidgets.load(cache=False))
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir()) and len(names) == 32
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    again = convert_hub("domain-training", a, bundled)
    assert (len(again.written), len(again.unchanged)) == (0, 32)


def test_edited_notebook_is_skipped_unless_forced(bundled, tmp_path):
    convert_hub("domain-training", tmp_path, bundled)
    path = tmp_path / "can-we-train-better-models-on-less-data.ipynb"
    nb = nbformat.read(path, as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code" and role(c) == "body")
    code.source += "\nprint('my own experiment')"
    nbformat.write(nb, path)
    edited = path.read_bytes()
    report = convert_hub("domain-training", tmp_path, bundled)
    assert report.skipped == [str(path)] and len(report.unchanged) == 31
    assert path.read_bytes() == edited
    assert "1 skipped" in report.summary()
    forced = convert_hub("domain-training", tmp_path, bundled, force=True)
    assert forced.written == [str(path)]
    assert "my own experiment" not in path.read_text()


def test_added_or_deleted_cells_count_as_edits(bundled, tmp_path):
    nid = "can-we-train-better-models-on-less-data"
    convert_note(nid, tmp_path, bundled)
    path = tmp_path / f"{nid}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("my notes"))
    nbformat.write(nb, path)
    assert convert_note(nid, tmp_path, bundled).skipped == [str(path)]
    del nb.cells[-2:]
    nbformat.write(nb, path)
    assert convert_note(nid, tmp_path, bundled).skipped == [str(path)]


def test_outputs_and_execution_metadata_do_not_count_as_edits(bundled, tmp_path):
    nid = "can-we-train-better-models-on-less-data"
    convert_note(nid, tmp_path, bundled)
    path = tmp_path / f"{nid}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for n, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = n + 1
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
        cell.metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nbformat.write(nb, path)
    executed = path.read_bytes()
    assert convert_note(nid, tmp_path, bundled).unchanged == [str(path)]
    assert path.read_bytes() == executed  # outputs kept


def test_changed_note_rewrites_an_unedited_notebook(make_catalog, tmp_path):
    spec = {"n1": {"title": "One", "body": "v1"}}
    hubs = {"h": {"title": "H", "sections": [{"title": "S", "notes": ["n1"]}]}}
    out = tmp_path / "out"
    assert convert_hub("h", out, hubwidgets.load(make_catalog(spec, hubs), cache=False)).written
    spec["n1"]["body"] = "v2\n\n```python\nx = 2\n```"
    report = convert_hub("h", out, hubwidgets.load(make_catalog(spec, hubs), cache=False))
    assert report.written == [str(out / "n1.ipynb")] and report.unchanged == [str(out / "index.ipynb")]
    assert from_notebook(out / "n1.ipynb").body == "v2\n\n```python\nx = 2\n```"


def test_unreadable_existing_file_is_not_overwritten(bundled, tmp_path):
    nid = "can-we-train-better-models-on-less-data"
    (tmp_path / f"{nid}.ipynb").write_text("{ my half-typed json", encoding="utf-8")
    assert convert_note(nid, tmp_path, bundled).skipped == [str(tmp_path / f"{nid}.ipynb")]
    assert (tmp_path / f"{nid}.ipynb").read_text() == "{ my half-typed json"


# -- round trip --------------------------------------------------------------------------------
def test_every_bundled_note_round_trips_through_a_file(bundled, tmp_path):
    convert_hub("domain-training", tmp_path, bundled)
    for note in bundled.hub("domain-training").notes:
        back = from_notebook(tmp_path / f"{note.id}.ipynb")
        assert (back.id, back.title, back.summary, back.tags, back.related, back.sources) == (
            note.id, note.title, note.summary, note.tags, note.related, note.sources)
        assert back.body == canonical_body(note.body)
        assert back.wikilinks == note.wikilinks


def test_edits_made_in_jupyter_come_back_into_the_note(bundled, tmp_path):
    nid = "why-does-rlvr-training-narrow-a-model-s-problem-solving"
    convert_note(nid, tmp_path, bundled)
    path = tmp_path / f"{nid}.ipynb"
    nb = nbformat.read(path, as_version=4)
    first_code = next(c for c in nb.cells if c.cell_type == "code" and role(c) == "body")
    first_code.source = first_code.source.replace("k = 1", "k = 1 (checked)")
    nb.cells.insert(len(nb.cells) - 2, nbformat.v4.new_markdown_cell("## My takeaway\n\nCurves cross."))
    nb.cells.insert(len(nb.cells) - 2, nbformat.v4.new_code_cell("print(pass_at_k(20, 2, 5))"))
    nbformat.write(nb, path)
    back = from_notebook(path)
    assert "k = 1 (checked)" in back.body
    assert back.body.endswith("## My takeaway\n\nCurves cross.\n\n```python\nprint(pass_at_k(20, 2, 5))\n```")
    assert "hub.note(" not in back.body and "Related notes" not in back.body


def test_foreign_notebook_is_rejected(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("hi")])
    with pytest.raises(HubwidgetsError):
        notebook_to_note(nb)
    nb.metadata["hubwidgets"] = {"note_id": "../../etc/passwd"}
    with pytest.raises(HubwidgetsError):
        notebook_to_note(nb)


_BODY_LINES = st.one_of(
    st.sampled_from(["text", "# H", "```python", "```", "~~~python", "~~~", "````python", "````",
                     "```{code-cell} python", ":tags: [x]", "```bash", "x = '''", "print('```')", "",
                     "- [[plain]]", "{}", "    indented", "é 🙂"]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=15))
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_TEXT.filter(str.strip), summary=_TEXT, body=st.lists(_BODY_LINES, max_size=20).map("\n".join),
       tags=st.lists(_TEXT.filter(str.strip), max_size=3, unique=True),
       sources=st.lists(st.fixed_dictionaries({"title": _TEXT, "url": _TEXT}), max_size=2))
def test_round_trip_property(title, summary, body, tags, sources):
    note = Note(id="some-note", title=title, summary=summary, body=body, tags=tags,
                related=["other-note"], sources=sources, extra={"year": 2024, "k": [1, "x"]})
    nb = note_to_notebook(note, hub="h", section="S", related=[("other-note", title)],
                          siblings={"other-note"})
    text = nbformat.writes(nb)
    nbformat.validate(nbformat.reads(text, as_version=4))
    back = notebook_to_note(nbformat.reads(text, as_version=4))
    assert (back.id, back.title, back.summary, back.tags, back.related, back.sources, back.extra) == (
        note.id, note.title, note.summary, note.tags, note.related, note.sources, note.extra)
    assert back.body == canonical_body(body)
    assert notebook_to_note(note_to_notebook(back)).body == back.body  # stable after one trip
    for cell in nb.cells:
        if cell.cell_type == "code" and role(cell) != "body":
            compile(cell.source, "<generated>", "exec")


def test_report_summary_and_ok():
    report = ConvertReport(written=["a"], unchanged=["b", "c"], skipped=["d"])
    assert report.summary().startswith("1 written, 2 unchanged, 1 skipped")
    assert report.ok
    report.failed.append("e")
    assert not report.ok and "1 failed" in report.summary()


def test_public_api_is_exported():
    assert hubwidgets.to_notebook is to_notebook and hubwidgets.convert_hub is convert_hub
    assert hubwidgets.convert_note is convert_note and hubwidgets.from_notebook is from_notebook


def test_metadata_is_json_serialisable_and_namespaced(bundled):
    nb = to_notebook("can-we-train-better-models-on-less-data", bundled)
    assert set(nb.metadata) == {"kernelspec", "language_info", "hubwidgets"}
    json.dumps(nb.metadata)
    for cell in nb.cells:
        assert set(cell.metadata) == {"hubwidgets"}
