"""Converted notebooks opened in a real JupyterLab: hostile titles render as text, Run All runs clean."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml

import hubwidgets
from hubwidgets.convert import convert_hub

from .conftest import ARTIFACTS, chromium_or_skip
from .jupyter import ALL_EXECUTED, Server, open_notebook, run_all, start_server

TITLE = "Why <img src=x onerror=\"window.__pwned=1\"> costs $5 and `x` #1 *bold* [link](javascript:alert(1))"
SUMMARY = ("1. not a list; $$x^2$$ and \\(y\\) and \\begin{equation}z\\end{equation} are not math; "
           "<script>window.__pwned=2</script> & friends")


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[Server]:
    chromium_or_skip()
    home = tmp_path_factory.mktemp("jupyter-home")
    root = tmp_path_factory.mktemp("jupyter-root")
    cat = root / "catalog"
    (cat / "notes").mkdir(parents=True)
    (cat / "hubs").mkdir()
    notes = {"odd-one": {"title": TITLE, "summary": SUMMARY, "related": ["plain"],
                         "body": "Some *Markdown*.\n\n```python\nprint('ran', 6 * 7)\n```"},
             "plain": {"title": "Plain", "summary": "A plain note.", "body": "Text."}}
    for nid, fields in notes.items():
        body = fields.pop("body")
        front = yaml.safe_dump({"id": nid, **fields}, sort_keys=False, allow_unicode=True)
        (cat / "notes" / f"{nid}.md").write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
    (cat / "hubs" / "h.yaml").write_text(yaml.safe_dump(
        {"id": "h", "title": "Hub", "sections": [{"title": "S", "notes": ["odd-one", "plain"]}]}))
    report = convert_hub("h", root / "nb", hubwidgets.load(cat, cache=False), progress=False)
    assert report.ok and len(report.written) == 3
    server = start_server("lab", root, home)
    yield server
    server.stop()


def test_converted_note_renders_user_text_as_text_and_runs(lab, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        open_notebook(page, lab.page_url("nb/odd-one.ipynb"))
        first = page.locator(".jp-MarkdownCell .jp-RenderedMarkdown").first
        first.wait_for()
        assert first.locator("h1").inner_text().strip() == " ".join(TITLE.split())
        paragraph = first.locator("p").inner_text().strip()
        assert paragraph == SUMMARY
        # nothing became markup or math ($ and \\ are shown in code spans, which MathJax skips)
        active = "img, script, ol, em, strong, .MathJax, mjx-container, a:not(.jp-InternalAnchorLink)"
        assert first.locator(active).count() == 0
        assert set(first.locator("code").all_inner_texts()) <= {"$", "$$", "\\"}
        run_all(page)
        page.wait_for_function(ALL_EXECUTED, timeout=90_000)
        outputs = page.locator(".jp-OutputArea-output")
        page.wait_for_selector("text=ran 42", timeout=30_000)
        errors = page.locator(".jp-OutputArea-output[data-mime-type*=error]").all_inner_texts()
        assert errors == [] and outputs.count() >= 3
        card = page.locator("[data-testid=note-card][data-note-id=odd-one]").first
        card.wait_for(state="attached", timeout=30_000)  # the first code cell shows the note's card
        assert " ".join(TITLE.split()) in " ".join(card.text_content().split())
        # the Related notes section links the sibling notebook by a relative path
        assert page.locator(".jp-RenderedMarkdown a[href*='plain.ipynb']").count() == 1
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "converted-note.png"), full_page=True)
        assert dialogs == []
        assert page.evaluate("() => window.__pwned === undefined")
    finally:
        page.close()
