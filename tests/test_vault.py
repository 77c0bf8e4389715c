"""Vaults as they are (issue 12): an Obsidian-shaped folder loads with every .md file a note,
links resolved by file name, path, alias and heading, tags from front matter and text, a
map-of-content note as a hub, no errors, and not one byte of the folder changed."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hubwidgets
from hubwidgets.catalog import Catalog
from hubwidgets.validate import validation_report

from .corpus.vaults import write_vault


def _vault(tmp_path: Path, big: bool = False) -> Catalog:
    return hubwidgets.load(write_vault(tmp_path / "vault", big=big), cache=False)


def test_every_markdown_file_is_a_note_and_nothing_is_an_error(tmp_path):
    cat = Catalog.load(write_vault(tmp_path / "vault"))
    md = [p for p in (tmp_path / "vault").rglob("*.md")
          if not any(part.startswith(".") or part == "node_modules" for part in p.parts)]
    assert len(cat) == len(md) == 12
    assert set(cat.notes["path"]) == {str(p.relative_to(tmp_path / "vault")) for p in md}
    assert not (cat.problems["severity"] == "error").any(), cat.problems
    assert len(cat.get("big-note").body) > 4_000_000


def test_ids_titles_summaries_tags_and_aliases(tmp_path):
    cat = _vault(tmp_path)
    rubrics, paper = cat.get("rubrics"), cat.get("papers-rubrics")
    assert (rubrics.title, paper.title) == ("Rubrics", "Rubrics (paper)")  # file name; first H1
    assert rubrics.summary.startswith("Rubrics turn judgement into")
    assert cat.get("only-front").title == "Only front matter"
    assert cat.get("papers-crlf").title == "CRLF note"
    rm = cat.get("reward-models")
    assert rm.aliases == ("RM", "Preference model")
    assert rm.all_tags == ["alignment", "rl"]  # a comma string; the inline #rl is not repeated
    assert paper.all_tags == ["area/sub"]
    assert cat.get("fenced").all_tags == ["real-tag"]  # not in code, not #123, not a URL fragment
    unicode_note = cat.get("papers-uber-lernen-mit-leerzeichen")
    assert unicode_note.title == "Über Lernen mit Leerzeichen"
    row = cat.notes.set_index("id").loc["papers-rubrics"]
    assert row["folder"] == "papers" and row["tags"] == ["area/sub"]


def test_links_resolve_as_obsidian_resolves_them(tmp_path):
    cat = _vault(tmp_path)
    links = cat.links
    def out(source):
        rows = links[links["source"] == source]
        return {(r.target, r.kind, r.heading, r.block, r.resolved) for r in rows.itertuples()}
    assert ("reward-models", "wikilink", "Training", "", True) in out("rubrics")  # heading link
    rm = out("reward-models")
    assert ("rubrics", "wikilink", "", "", True) in rm  # case-insensitive file name
    assert ("rubrics", "wikilink", "", "item-1", True) in rm  # block link
    assert ("rubrics", "embed", "", "", True) in rm  # note embed
    assert ("attachments/diagram.png", "embed", "", "", True) in rm  # image embed, by file name
    assert not any("not a link" in t for t, *_ in rm)  # code spans hold no links
    uni = out("papers-uber-lernen-mit-leerzeichen")
    assert ("reward-models", "wikilink", "", "", True) in uni  # an alias
    assert ("rubrics", "markdown", "", "", True) in uni  # relative Markdown link, ../Rubrics.md
    # the same file name in two folders: the linking note's own folder first
    assert ("papers-rubrics", "wikilink", "", "", True) in out("papers-crlf")
    assert cat.resolver.resolve("Preference model") == "preference-model"  # file name before alias
    dangling = links[~links["resolved"]]
    assert list(dangling["target"]) == ["Missing note"]
    assert "dangling-link" in set(cat.problems["code"])
    assert out("fenced") == set()


def test_a_map_of_content_note_is_a_hub(tmp_path):
    cat = _vault(tmp_path)
    hub = cat.hub("Research MOC")  # by its title, as well as by id
    assert hub.id == "research-moc" and cat.hub("research-moc").title == "Research MOC"
    assert hub.description == "Where the research notes are."
    assert [(s.title, [n.id for n in s.notes]) for s in hub.sections] == [
        ("Rewards", ["reward-models", "rubrics"]),
        ("Papers", ["papers-rubrics", "papers-uber-lernen-mit-leerzeichen"])]
    assert "research-moc" in set(cat.hubs["id"])
    assert cat.hubs_of_note["rubrics"] == ["research-moc"]


def test_hubs_argument_names_notes_to_read_as_hubs(tmp_path):
    root = write_vault(tmp_path / "vault", big=False)
    cat = hubwidgets.load(root, hubs=["Reward models"], cache=False)
    hub = cat.hub("reward-models")
    assert [s.title for s in hub.sections] == ["Training"]
    assert [n.id for n in hub.sections[0].notes] == ["rubrics"]
    import pytest

    with pytest.raises(hubwidgets.UnknownNameError, match="Did you mean"):
        hubwidgets.load(root, hubs=["Reward modles"], cache=False)


def test_duplicate_path_slugs_are_told_apart_never_dropped(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a-b.md").write_text("one\n", encoding="utf-8")
    (tmp_path / "a" / "b.md").write_text("two\n", encoding="utf-8")
    (tmp_path / "A B.md").write_text("three\n", encoding="utf-8")
    cat = hubwidgets.load(tmp_path, cache=False)
    assert sorted(cat.note_ids) == ["a-b", "a-b-2", "a-b-3"]
    assert (cat.problems["code"] == "duplicate-id").sum() == 2
    assert set(cat.problems["severity"]) == {"warning"}


def _tree_state(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def test_loading_searching_validating_and_showing_write_nothing_into_the_vault(tmp_path, monkeypatch):
    root = write_vault(tmp_path / "vault", big=False)
    monkeypatch.setenv("HUBWIDGETS_CACHE_DIR", str(tmp_path / "cache"))
    before = _tree_state(root)
    folders = [p for p in [root, *root.rglob("*")] if p.is_dir()]
    files = [p for p in root.rglob("*") if p.is_file()]
    for p in files:
        p.chmod(stat.S_IRUSR)
    for p in folders:
        p.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        for _ in range(2):  # cold, then warm from the cache
            cat = hubwidgets.load(root)
            cat.search("rubric")
            cat.links  # noqa: B018
            cat.related("rubrics")
            validation_report(cat)
            cat.show()
            cat.show("Research MOC")
            cat.to_html("research-moc")
    finally:
        for p in folders:
            p.chmod(stat.S_IRWXU)
        for p in files:
            p.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert _tree_state(root) == before
    assert sorted(str(p) for p in root.rglob("*")) == sorted(
        [*before, *(str(p) for p in folders if p != root)])
    assert any((tmp_path / "cache").iterdir())  # the caches went to the cache folder


# -- any tree of Markdown files --------------------------------------------------------------
names = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"),
                min_size=1, max_size=12).filter(lambda s: s not in (".", "..") and not s.startswith("."))
texts = st.one_of(st.text(max_size=200),
                  st.sampled_from(["---\ntitle: x\n---\n", "---\n[bad\n---\n", "---\n", "# H\n[[x]]",
                                   "![[a.png]] #tag `code`", "---\r\nid: Bad Id\r\n---\r\n"]))
trees = st.dictionaries(st.lists(names, min_size=1, max_size=3).map(lambda p: "/".join(p) + ".md"),
                        texts, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees)
def test_any_tree_of_markdown_files_loads_every_file_as_a_note_or_a_problem(tree):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        written = set()
        for rel, text in tree.items():
            path = root / rel
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                if path.exists():
                    continue
                path.write_text(text, encoding="utf-8")
            except OSError:  # a name the file system refuses, or a file where a folder must be
                continue
            written.add(os.path.relpath(path, root))
        cat = hubwidgets.load(root, cache=False)
        paths = set(cat.notes["path"])
        problem_files = set(cat.problems["file"])
        assert all(p in paths or p in problem_files for p in written), (written, paths)
        assert len(set(cat.note_ids)) == len(cat)
        assert all(hubwidgets.Note and isinstance(t, str) and t for t in cat.notes["title"])


def test_the_all_notes_index_groups_a_vault_by_folder_or_by_tag(tmp_path):
    from hubwidgets.state import hub_state

    cat = _vault(tmp_path)
    by_folder = hub_state(cat, None, group_by="folder")
    titles = [s["title"] for s in by_folder["sections"]]
    assert titles == ["papers", "Top folder"]
    assert sum(len(s["notes"]) for s in by_folder["sections"]) == len(cat)
    row = next(r for r in by_folder["notes"] if r["id"] == "rubrics")
    assert row["hubs"] == ["research-moc"]  # each note's hubs, on its card
    by_tag = hub_state(cat, None, group_by="tag")
    tag_titles = [s["title"] for s in by_tag["sections"]]
    assert tag_titles[-1] == "No tag" and {"rl", "area/sub", "alignment"} <= set(tag_titles)
    rl = next(s for s in by_tag["sections"] if s["title"] == "rl")
    assert {by_tag["notes"][p]["id"] for p in rl["notes"]} == {"rubrics", "reward-models"}
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.md").write_text("A note.\n", encoding="utf-8")
    state = hub_state(hubwidgets.load(plain, cache=False), None)  # no hubs: by folder
    assert state["title"] == "All notes" and state["group_by"] == "folder"


def test_show_without_a_hub_is_the_all_notes_index_and_the_reader_lists_a_notes_hubs(tmp_path):
    cat = _vault(tmp_path)
    widget = cat.show(group_by="tag")
    assert widget.state["title"] == "All notes" and widget.state["group_by"] == "tag"
    payload = widget.note_payload("rubrics")
    assert payload["hubs"] == [{"id": "research-moc", "title": "Research MOC"}]
    assert 'data-note-id="reward-models"' in payload["html"]  # [[Reward models#Training|training]]
    moc = cat.show("Research MOC")
    assert moc.state["kind"] == "hub" and moc.state["hub"] == "research-moc"
