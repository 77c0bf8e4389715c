"""An Obsidian-shaped vault in a real JupyterLab (issue 12), driven in headless Chromium.

The vault (no hub files; one map-of-content note) is written by a fixture outside the server's
folder, with a PNG it makes itself; expected titles and sections come from ``hubwidgets.load()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..corpus.obsidian_vault import png, snapshot
from .conftest import chromium_or_skip
from .hubpage import tid
from .jupyter import Server, notebook_session, start_server, write_notebook

pytestmark = pytest.mark.browser

REMOTE = "https://example.org/remote-chart.png"
NOTES = {
    "Research MOC.md": "---\nhub: true\n---\n# Research MOC\n\nWhere the reward notes are.\n\n"
                       "## Rewards\n\n- [[Reward models]]\n- [[Rubrics]]\n\n## Papers\n\n"
                       "- [[Über Präferenzen]]\n",
    "Concepts/Reward models.md":
        "# Reward models\n\nThey score outputs; ==this part is highlighted==.\n\n"
        "> [!warning] Reward hacking\n> The policy finds what the model wrongly likes.\n\n"
        "![[chart.png|120]]\n\n"
        f"A remote picture: ![remote chart]({REMOTE}) and <img src=\"{REMOTE}?raw\">.\n\n"
        "See [[Rubrics]] for grading.\n\n![[Rubrics#Design]]\n",
    "Concepts/Rubrics.md": "# Rubrics\n\nChecklists for graders.\n\n## Design\n\n"
                           "Each item is checkable by a grader.\n",
    "Papers/Über Präferenzen.md": "A paper note, linked from the MOC. [[Research MOC]]\n",
}


@pytest.fixture(scope="module")
def vault(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("vaults") / "My vault"
    for rel, text in NOTES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "attachments").mkdir()
    (root / "attachments" / "chart.png").write_bytes(png(30, 20))
    return root


@pytest.fixture(scope="module")
def before(vault):
    return snapshot(vault)


@pytest.fixture(scope="module")
def catalog(vault):
    import hubwidgets

    return hubwidgets.load(vault, cache=False)


@pytest.fixture(scope="module")
def vault_lab(tmp_path_factory, vault, before) -> Iterator[Server]:
    """JupyterLab for this module, its folder holding one notebook that shows the vault."""
    chromium_or_skip()
    home = tmp_path_factory.mktemp("jupyter-home")
    root = tmp_path_factory.mktemp("jupyter-root")
    load = f"import hubwidgets\nvault = hubwidgets.load({str(vault)!r})\n"
    write_notebook(root / "vault.ipynb", [load + "vault.show('Research MOC')", "vault.show()"])
    server = start_server("lab", root, home)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def session(browser, vault_lab):
    """The notebook run once; every request the page makes is recorded."""
    with notebook_session(browser, vault_lab.page_url("vault.ipynb"),
                          f'{tid("hub")}[data-kind=index] {tid("note-card")}', height=1000) as session:
        yield session


def moc(page):
    return page.locator(f'{tid("hub")}').nth(0)


def index(page):
    return page.locator(f'{tid("hub")}').nth(1)


def open_reader(widget, note_id: str):
    if widget.locator(tid("reader")).count():  # a test before left a note open
        widget.locator(tid("reader-close")).click()
        expect(widget.locator(tid("reader"))).to_have_count(0)
    widget.locator(f'{tid("note-card")}[data-note-id="{note_id}"] {tid("read")}').first.click()
    reader = widget.locator(tid("reader"))
    expect(reader).to_have_attribute("data-note-id", note_id)
    expect(reader.locator(tid("reader-body"))).to_be_visible()
    return reader


def test_a_vault_without_hub_files_shows_all_notes(session, catalog):
    widget = index(session["page"])
    expect(widget.locator(tid("hub-title"))).to_have_text("All notes")
    ids = widget.locator(tid("note-card")).evaluate_all("cards => cards.map(c => c.dataset.noteId)")
    assert set(ids) == set(catalog.note_ids)
    hubs = widget.locator(tid("open-hub"))
    expect(hubs).to_have_count(len(catalog.hub_ids))
    expect(hubs.first).to_have_text(f"{catalog.hub('Research MOC').title} →")


def test_a_map_of_content_note_is_a_hub_with_its_headings_as_sections(session, catalog):
    widget = moc(session["page"])
    hub = catalog.hub("Research MOC")
    expect(widget.locator(tid("hub-title"))).to_have_text(hub.title)
    titles = widget.locator(f'{tid("section")} .hw-section-title')
    expect(titles).to_have_text([s.title for s in hub.sections])
    for i, section in enumerate(hub.sections):
        cards = widget.locator(tid("section")).nth(i).locator(tid("note-card"))
        expect(cards).to_have_count(section.n_notes)
        assert cards.evaluate_all("cs => cs.map(c => c.dataset.noteId)") == [n.id for n in section.notes]


def test_the_reader_renders_callouts_highlights_embeds_and_a_local_image(session, catalog):
    page = session["page"]
    reward = catalog.resolver.resolve("Reward models")
    reader = open_reader(moc(page), reward)
    body = reader.locator(tid("reader-body"))
    callout = body.locator(".hw-callout.hw-callout-warning")
    expect(callout.locator(".hw-callout-title")).to_have_text("Reward hacking")
    expect(callout).to_contain_text("The policy finds what the model wrongly likes.")
    expect(body.locator("mark")).to_have_text("this part is highlighted")
    expect(body.locator(".hw-embed")).to_contain_text("Each item is checkable by a grader.")
    image = body.locator("img.hw-image")
    expect(image).to_have_count(1)
    expect(image).to_have_attribute("width", "120")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [30, 20]
    assert image.evaluate("img => img.src.startsWith('data:image/png;base64,')")


def test_a_remote_image_does_not_load(session, catalog):
    page = session["page"]
    reward = catalog.resolver.resolve("Reward models")
    reader = open_reader(moc(page), reward)
    body = reader.locator(tid("reader-body"))
    expect(body.locator(".hw-image-remote")).to_have_text("Remote image (not loaded): remote chart")
    page.wait_for_timeout(500)  # time for any image the page was given to be fetched
    assert body.locator("img[src^=http]").count() == 0
    assert [u for u in session["requests"] if "example.org" in u] == []
    assert session["dialogs"] == []


def test_a_wikilink_in_the_reader_opens_the_linked_note(session, catalog):
    page = session["page"]
    widget = moc(page)
    reward = catalog.resolver.resolve("Reward models")
    rubrics = catalog.resolver.resolve("Rubrics")
    reader = open_reader(widget, reward)
    link = reader.locator(f'{tid("reader-body")} > p a.hw-wikilink[data-note-id="{rubrics}"]')
    expect(link).to_have_text("Rubrics")
    link.focus()
    page.keyboard.press("Enter")  # keyboard first; a click is the same handler
    expect(widget.locator(tid("reader"))).to_have_attribute("data-note-id", rubrics)
    expect(widget.locator(tid("reader-title"))).to_have_text(catalog.get(rubrics).title)
    expect(widget.locator(tid("reader-body"))).to_contain_text("Checklists for graders.")


def test_hubs_and_notes_navigate_both_ways(session, catalog):
    page = session["page"]
    widget = index(page)
    hub = catalog.hub("Research MOC")
    paper = catalog.resolver.resolve("Über Präferenzen")
    reader = open_reader(widget, paper)  # from the index, a note's reader lists its hubs
    button = reader.locator(tid("reader-hub"))
    expect(button).to_have_text([f"{hub.title} →"])
    expect(reader.locator(tid("reader-close"))).to_have_text("← Back to all notes")
    button.focus()
    page.keyboard.press("Enter")
    expect(widget.locator(tid("hub-title"))).to_have_text(hub.title)
    expect(widget).to_have_attribute("data-kind", "hub")
    expect(widget.locator(f'{tid("section")} .hw-section-title')).to_have_text(
        [s.title for s in hub.sections])
    back = widget.locator(tid("to-index"))
    expect(back).to_be_focused()  # focus follows the switch, so the keyboard can go straight back
    page.keyboard.press("Enter")
    expect(widget.locator(tid("hub-title"))).to_have_text("All notes")
    expect(widget.locator(tid("open-hub")).first).to_be_focused()
    page.keyboard.press("Enter")  # and into the hub again, from the index's hub button
    expect(widget.locator(tid("hub-title"))).to_have_text(hub.title)


def test_the_folder_is_untouched(session, vault, before):
    assert session["page"].locator(tid("hub")).count() == 2
    assert snapshot(vault) == before
