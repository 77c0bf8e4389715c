"""Every XSS payload, through the real importer and catalog, in every view of the widget.

The payload catalog (tests/corpus: 85 payloads as section names, titles, summaries, the hub
description, tags, sources, link targets, related links and bodies) is shown in JupyterLab and
in the exported HTML page. Nothing may run (no dialog, no navigation, no ``window.__pwned``,
no request a payload asks for) and the text must appear as text.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from hubwidgets.api import Catalog

from ..corpus import payload_catalog
from .hubpage import hub_locator, tid
from .jupyter import open_notebook, run_all_and_wait, write_notebook

pytestmark = pytest.mark.browser

HUB_ID = "hostile"
# Elements and attributes that could run script, load something or change the page.
UNSAFE_DOM = r"""(root, lenient) => {
  // lenient: Markdown cells as JupyterLab's own sanitizer leaves them (inert media and form
  // elements, images allowed); still nothing that runs script, navigates or embeds a page.
  const bad = [];
  const tags = new Set(lenient
    ? ['SCRIPT', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'META', 'BASE', 'LINK', 'STYLE', 'FOREIGNOBJECT']
    : ['SCRIPT', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'FORM', 'META', 'BASE', 'LINK', 'STYLE', 'MATH',
       'FOREIGNOBJECT', 'TEMPLATE', 'XMP', 'NOSCRIPT', 'AUDIO', 'VIDEO', 'SOURCE', 'MARQUEE', 'INPUT',
       'SELECT', 'TEXTAREA', 'ANIMATE', 'SET']);
  const urls = lenient ? /^(href|action|formaction|xlink:href|srcdoc)$/i
                       : /(^|:)(href|src|action|formaction|data|srcdoc|style)$/i;
  for (const el of root.querySelectorAll('*')) {
    const name = el.tagName.toUpperCase();
    const own = el.closest('[data-testid=graph]') && ['SVG', 'G', 'LINE', 'CIRCLE', 'TEXT', 'TITLE',
      'PATH', 'RECT'].includes(name);
    if (tags.has(name) && !(name === 'INPUT' && el.dataset.testid === 'search') && !own) bad.push(name);
    if (name === 'IMG' && el.hasAttribute('src') && !lenient) bad.push('IMG src=' + el.getAttribute('src'));
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) bad.push(name + ' ' + a.name);
      const runs = a.name.toLowerCase() === 'style' ? /(expression|url\()/i
                                                    : /^[\s\x00-\x20]*(javascript|vbscript|data):/i;
      if (urls.test(a.name) && runs.test(a.value)) {
        bad.push(name + ' ' + a.name + '=' + a.value);
      }
    }
  }
  return bad;
}"""


def _suspicious(url: str, allowed_prefix: str) -> bool:
    """A request a payload could have caused: outside the server, or a payload's own target."""
    if url.startswith(("data:", "blob:")):
        return "pwned" in url or url.startswith("data:text/html")
    if not url.startswith(allowed_prefix):
        return True
    # Inside the server, only what a payload names: relative "x" / "1" images, the tracker.
    # (Note ids, hence notebook names, may contain "pwned": the payloads are their titles.)
    last = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return "tracker" in url or last in {"x", "1", "does-not-exist"}


def _payload_image(url: str) -> bool:
    """An image the payloads' ``<img src>`` / ``![](...)`` name: ``x``, ``1``, the tracker, or a
    ``javascript:`` URL as an image source (which browsers never run)."""
    last = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return last in {"x", "1"} or "tracker-83.png" in url or url.startswith("javascript:")


class Watch:
    """Everything a payload could do to a page, recorded from before the widget renders."""

    def __init__(self, page: Page, allowed_prefix: str):
        self.page, self.dialogs, self.requests, self.navigations = page, [], [], []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: self.requests.append(r.url)
                if _suspicious(r.url, allowed_prefix) else None)
        # JupyterLab moves its own URL between /lab/... routes: only leaving the app counts.
        page.on("framenavigated", lambda f: self.navigations.append(f.url)
                if f == page.main_frame and not f.url.startswith(allowed_prefix) else None)
        self.allowed_prefix = allowed_prefix

    def check(self, widget, allow_images: bool = False) -> None:
        self.page.wait_for_timeout(300)  # give any injected handler a chance to fire
        unsafe = widget.evaluate(UNSAFE_DOM, allow_images)
        assert unsafe == [], unsafe
        assert self.dialogs == []
        unexpected = [u for u in self.requests if not (allow_images and _payload_image(u))]
        assert unexpected == [], "\n".join(unexpected)
        assert self.page.evaluate("() => [window.__pwned, window.parent.__pwned, window.top.__pwned]") \
            == [None, None, None]
        assert len(self.page.frames) == 1


@pytest.fixture(scope="module")
def payload_data(tmp_path_factory) -> Path:
    return payload_catalog(tmp_path_factory.mktemp("payload-catalog") / "data")


@pytest.fixture(scope="module")
def expected(payload_data):
    return Catalog.load(payload_data, cache=False)


@pytest.fixture(scope="module")
def lab(browser, lab_server, payload_data):
    """payloads.ipynb, showing the payload hub, run in JupyterLab; everything is watched."""
    write_notebook(lab_server.root / "payloads.ipynb", [
        f"import hubwidgets\ncat = hubwidgets.load({str(payload_data)!r})\nw = cat.show({HUB_ID!r})\nw"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page, lab_server.url)
    open_notebook(page, lab_server.page_url("payloads.ipynb"))
    watch.navigations.clear()  # the notebook's own load
    run_all_and_wait(page, f'{tid("hub")} {tid("note-card")}')
    yield page, watch
    assert watch.navigations == []
    context.close()


@pytest.fixture(scope="module")
def exported(browser, expected, tmp_path_factory):
    """The exported HTML page of the payload hub, offline."""
    out = expected.export_html(HUB_ID, tmp_path_factory.mktemp("export") / "hostile.html")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:"))
               else r.abort())
    watch = Watch(page, out.as_uri())
    page.goto(out.as_uri())
    watch.navigations.clear()
    page.wait_for_selector(tid("note-card"))
    yield page, watch
    assert watch.navigations == []
    context.close()


def _widget(page: Page):
    return hub_locator(page)


def _texts(locator) -> list[str]:
    return [" ".join(t.split()) for t in locator.all_text_contents()]


def _show_all(widget, item: str, n: int) -> None:
    """Press "Show more" until all ``n`` items are built (long lists are built a page at a time)."""
    items, more = widget.locator(tid(item)), widget.locator(tid("show-more"))
    for _ in range(n):
        if items.count() >= n or not more.count():
            break
        # Scrolling the button into view may itself build the next page and remove the button.
        with contextlib.suppress(PlaywrightError):
            more.first.click(timeout=3_000)
    expect(items).to_have_count(n)


def _every_view(page: Page, watch: Watch, cat: Catalog) -> None:
    hub = cat.hub(HUB_ID)
    notes = hub.notes
    widget = _widget(page)
    # sections: every section name, card title and summary, the hub's title and description
    expect(widget.locator(tid("hub-title"))).to_have_text(hub.title)
    assert " ".join(widget.locator(".hw-description").text_content().split()) == hub.description
    assert _texts(widget.locator(tid("section")).locator(".hw-section-title")) == [
        s.title for s in hub.sections]
    assert _texts(widget.locator(tid("note-title"))) == [n.title for n in notes]
    assert _texts(widget.locator(tid("note-summary"))) == [n.summary for n in notes if n.summary]
    watch.check(widget)
    # grid, table, graph
    for view, item in (("grid", "note-card"), ("table", "note-row"), ("graph", "graph-node")):
        widget.locator(tid(f"view-{view}")).click()
        _show_all(widget, item, len(notes))
        if view != "graph":
            assert sorted(_texts(widget.locator(tid(item)).locator(tid("note-title")))) == sorted(
                n.title for n in notes)
        watch.check(widget)
    widget.locator(tid("view-sections")).click()
    # reader: the note whose body holds every payload, and a few more
    for note in notes[:4]:
        widget.locator(f'{tid("note-card")}[data-note-id="{note.id}"] {tid("read")}').click()
        reader = widget.locator(tid("reader"))
        expect(reader.locator(tid("reader-title"))).to_have_text(note.title)
        expect(reader.locator(tid("reader-body"))).not_to_be_empty(timeout=20_000)  # kernel reply
        hrefs = reader.locator("a[href]").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert all(re.match(r"^(https?:|#|$)", h) for h in hrefs), hrefs
        tags = " ".join(reader.locator(".hw-tag").all_text_contents())
        assert all(t in tags for t in note.tags)
        sources = reader.locator(tid("sources"))
        for s in note.sources:
            expect(sources).to_contain_text(s["title"])
        watch.check(widget)
        page.keyboard.press("Escape")
        expect(widget.locator(tid("reader"))).to_have_count(0)
    # related: each list shows the linked note's title as text
    for i, note in enumerate(notes[:6]):
        card = widget.locator(f'{tid("note-card")}[data-note-id="{note.id}"]')
        card.locator(tid("related")).click()
        linked = notes[(i + 1) % len(notes)]
        expect(card.locator(tid("related-item")).first).to_contain_text(linked.title, timeout=20_000)
        watch.check(widget)
        card.locator(tid("related")).click()


def test_payloads_in_every_jupyterlab_view_run_nothing_and_show_as_text(lab, expected):
    page, watch = lab
    _every_view(page, watch, expected)


def test_payloads_in_the_exported_page_run_nothing_and_show_as_text(exported, expected):
    page, watch = exported
    _every_view(page, watch, expected)


def test_generated_notebooks_render_payloads_inertly_in_jupyterlab(browser, lab_server, expected):
    """The converted hub opened in JupyterLab: Markdown cells render, nothing runs."""
    from hubwidgets.convert import convert_hub

    out = lab_server.root / "converted-payloads"
    report = convert_hub(HUB_ID, out, catalog=expected, progress=False)
    assert report.ok
    first = expected.hub(HUB_ID).notes[0]  # its body holds every payload
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        for name in (f"{first.id}.ipynb", "index.ipynb"):
            page = context.new_page()  # one page per notebook: Lab aborts a second goto
            watch = Watch(page, lab_server.url)
            page.goto(lab_server.page_url(f"converted-payloads/{name}"))
            page.wait_for_selector(".jp-Notebook .jp-RenderedMarkdown", timeout=60_000)
            watch.navigations.clear()
            markdown = page.locator(".jp-Notebook .jp-MarkdownCell .jp-RenderedMarkdown")
            expect(markdown.first).to_be_visible()
            page.wait_for_timeout(500)
            # Bodies are the author's Markdown, kept verbatim (they round-trip): JupyterLab's
            # sanitizer strips their scripts and handlers but still loads <img src> images.
            for i in range(markdown.count()):
                watch.check(markdown.nth(i), allow_images=True)
            title = first.title if name != "index.ipynb" else expected.hub(HUB_ID).title
            headings = [" ".join(t.replace("¶", "").split()) for t in
                        markdown.locator("h1").all_text_contents()]  # Lab may restore the other tab
            assert title in headings
            assert watch.navigations == []
            page.close()
    finally:
        context.close()
