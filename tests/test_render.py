"""render.py: Markdown note bodies become HTML that is safe to insert with innerHTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.render import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    IMAGE_SOURCES,
    URL_SCHEMES,
    render_markdown,
)

from .corpus import xss_payloads


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> _Collector:
    collector = _Collector()
    collector.feed(fragment)
    collector.close()
    return collector


def assert_safe(fragment: str) -> None:
    """Only allowed tags and attributes; URLs only with allowed schemes; links isolated."""
    for tag, attrs in parse(fragment).tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | {"class", "rel", "target"}
            assert name in allowed, (tag, name)
            if name == "src":  # images only inline, from the vault
                assert tag == "img" and value and value.startswith(IMAGE_SOURCES), value
            elif name == "href":
                assert value and value.split(":", 1)[0].lower() in URL_SCHEMES, value
        if tag == "a":
            assert attrs.get("rel") == "noopener noreferrer"


def test_markdown_is_rendered():
    out = render_markdown("# Title\n\nSome *em* and **strong**, `code`.\n\n"
                          "| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n~~gone~~\n\n"
                          "```python\nprint(1)\n```\n")
    tags = [t for t, _ in parse(out).tags]
    for tag in ("h1", "em", "strong", "code", "table", "td", "ul", "li", "s", "pre"):
        assert tag in tags
    assert "print(1)" in out


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=https://example.org></iframe>",
    "<style>body { display: none }</style>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<svg onload=alert(1)></svg>",
    "<div onclick=\"alert(1)\" style=\"position:fixed\">x</div>",
    "<object data=x></object><embed src=x>",
    "<form action=https://evil.example><input name=a></form>",
    "<a href=\"/relative\">r</a> <img src=\"relative.png\">",
    "<!-- comment --><meta http-equiv=refresh content=0>",
    "<a href=\"data:image/png;base64,iVBORw0KGgo=\">d</a>",
    "<img src=\"data:text/html;base64,PHNjcmlwdD4=\"> <img src=\"data:image/png,raw\">",
    "<details open ontoggle=alert(1)><summary onclick=alert(2)>s</summary></details>",
])
def test_hostile_markup_is_neutralised(hostile):
    out = render_markdown(f"before\n\n{hostile}\n\nafter")
    assert_safe(out)
    lowered = out.lower()
    for needle in ("<script", "onerror", "onload", "onclick", "<iframe", "<style", "<svg", "<object",
                   "<embed", "<form", "<meta", "<!--"):
        assert needle not in lowered, (needle, out)
    # A link markdown-it refuses (javascript:, data:) stays visible as inert text, never an href.
    hrefs = [a.get("href") for tag, a in parse(out).tags if tag == "a"]
    assert all(h is None or h.startswith(("https:", "http:", "mailto:")) for h in hrefs)
    assert "before" in out and "after" in out


def test_links_open_in_a_new_tab_without_opener():
    out = render_markdown("[site](https://example.org) and <mailto:a@example.org>")
    links = [attrs for tag, attrs in parse(out).tags if tag == "a"]
    assert [a["href"] for a in links] == ["https://example.org", "mailto:a@example.org"]
    assert all(a["rel"] == "noopener noreferrer" and a["target"] == "_blank" for a in links)


def test_wikilinks_resolve_to_note_ids_or_stay_text():
    known = {"other-note": "other-note", "Other Note": "other-note"}
    out = render_markdown("See [[other-note]], [[Other Note|that one]] and [[missing]].", known.get)
    links = [attrs for tag, attrs in parse(out).tags if tag == "a"]
    assert [a["data-note-id"] for a in links] == ["other-note", "other-note"]
    assert all("href" not in a and a["class"] == "hw-wikilink" for a in links)
    assert "that one" in out
    assert '<span class="hw-wikilink-missing">missing</span>' in out


def test_wikilinks_without_a_resolver_are_text():
    out = render_markdown("[[a-note]]")
    assert "<a" not in out and "a-note" in out


def test_raw_html_cannot_forge_note_links_or_classes():
    out = render_markdown('<a data-note-id="not a slug" class="hw-wikilink evil">x</a>'
                          '<span class="jp-Notebook">y</span>')
    assert "not a slug" not in out and "evil" not in out and "jp-Notebook" not in out


def test_empty_and_none_like_bodies():
    assert render_markdown("") == ""
    assert render_markdown("   \n") == ""


_pieces = st.sampled_from([
    "<script>x()</script>", "<img src=x onerror=y()>", "[a](javascript:b)", "<a href='vbscript:x'>v</a>",
    "[[note-id]]", "**bold**", "<iframe>", "`code`", "<b onmouseover=z()>b</b>", "\n\n", "# h\n",
    "<a href=https://ok.example>ok</a>", "<p style='color:red'>p</p>", "&lt;script&gt;", "|a|\n|-|\n|1|\n",
    "> [!warning]- t\n> ", "> [!x\" onclick=y()]\n", "==", "==m==", "![[a.png|9]]", "![[note-id]]",
    "![i](https://e.example/i.png)", "<img src=https://e.example/t.png>",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_pieces, st.text(max_size=20)), max_size=12))
def test_any_mix_of_markdown_and_markup_renders_safe(parts):
    assert_safe(render_markdown("".join(parts), lambda t: "note-id" if t == "note-id" else None))


def test_vault_markdown_footnotes_tasks_and_math_render_sanitized():
    from hubwidgets.render import render_markdown

    out = render_markdown("Claim[^1] and $a<b$.\n\n- [ ] todo\n\n$$x<script>$$\n\n[^1]: A source.\n")
    assert 'class="footnotes"' in out and "A source." in out
    assert 'class="task-list-item"' in out and "todo" in out
    assert '<span class="math inline">a&lt;b</span>' in out
    assert "<script" not in out and "x&lt;script&gt;" in out


# -- what vaults write: callouts, highlights, remote images ------------------------------------
def _classes(fragment: str, tag: str) -> list[str]:
    return [attrs.get("class") or "" for t, attrs in parse(fragment).tags if t == tag]


def test_callouts_have_a_type_a_title_and_fold_as_details():
    out = render_markdown("> [!warning] Mind the *gap*\n> Body text.\n\n"
                          "> [!FAQ]- Folded\n> - hidden item\n\n"
                          "> [!tip]+\n> Open by default\n\n"
                          "> [!whatever] Unknown type\n\n> A plain quote\n> [!note] later\n")
    assert_safe(out)
    assert _classes(out, "div")[:2] == ["hw-callout hw-callout-warning", "hw-callout-body"]
    assert '<p class="hw-callout-title">Mind the *gap*</p>' in out  # the title is text
    assert "<p>Body text.</p>" in out and "[!warning]" not in out
    details = [(a.get("class"), "open" in a) for t, a in parse(out).tags if t == "details"]
    assert details == [("hw-callout hw-callout-question", False), ("hw-callout hw-callout-tip", True)]
    assert '<summary class="hw-callout-title">Folded</summary>' in out
    assert '<summary class="hw-callout-title">Tip</summary>' in out  # no title: the type's name
    assert "hw-callout hw-callout-note" in out  # an unknown type reads as a note
    assert "<blockquote>" in out and "[!note] later" in out  # not on the first line: a quote


def test_callouts_nest_and_keep_their_content():
    out = render_markdown("> [!note] Outer\n> text\n> > [!bug] Inner\n> > | a |\n> > |---|\n> > | 1 |\n")
    assert _classes(out, "div").count("hw-callout-body") == 2
    assert "hw-callout hw-callout-bug" in out and "<table>" in out


def test_highlights_are_marks_and_comparisons_are_not():
    out = render_markdown("A ==highlighted **bold**== word, a == b, x ==  y==, `==code==` and ====.")
    assert "<mark>highlighted <strong>bold</strong></mark>" in out
    assert out.count("<mark>") == 1
    assert "a == b" in out and "<code>==code==</code>" in out


@pytest.mark.parametrize("payload", xss_payloads())
def test_hostile_text_in_callouts_and_highlights_stays_inert(payload):
    text = (f"> [!{payload}] {payload}\n> {payload}\n\n> [!note]- {payload}\n\n"
            f"=={payload}==\n\n![{payload}](https://e.example/{payload}.png)\n")
    out = render_markdown(text)
    assert_safe(out)  # allowed tags and attributes only: a payload survives as text or not at all
    for needle in ("<script", "<iframe", "<svg", "<style", "<object", "<embed", "<input"):
        assert needle not in out.lower(), (needle, out)


def test_remote_images_never_load():
    out = render_markdown("![chart](https://example.org/chart.png) "
                          '<img src="https://example.org/t.png" alt="t"> <img src="//example.org/p.png">')
    assert_safe(out)
    srcs = [a.get("src") for t, a in parse(out).tags if t == "img"]
    assert srcs == [None, None]  # raw <img>: kept without a source, so nothing is fetched
    links = [a for t, a in parse(out).tags if t == "a"]
    assert [(a["href"], a["class"]) for a in links] == [("https://example.org/chart.png",
                                                          "hw-image-remote")]
    assert "Remote image (not loaded): chart" in out


def test_local_images_without_a_folder_are_named_not_loaded():
    out = render_markdown("![[diagram.png|200]] and ![a map](attachments/map%20v2.png)")
    assert "<img" not in out
    assert "Image not shown: diagram.png" in out and "Image not shown: attachments/map%20v2.png" in out


def test_block_ids_that_end_a_block_are_hidden_as_obsidian_hides_them():
    out = render_markdown("A rubric item ^item-1\n\n- x ^a1\n- y\n\n| a |\n|---|\n| 1 |\n\n^tbl\n\n"
                          "Powers 2^10, x ^ y, ^caret mid-line\nand line ^end\n")
    assert "^item-1" not in out and "^a1" not in out and "^tbl" not in out and "^end" not in out
    assert "<p>A rubric item</p>" in out and "<li>x</li>" in out
    assert "Powers 2^10, x ^ y, ^caret mid-line" in out
    assert "<p></p>" not in out


def test_only_images_render_py_placed_keep_a_source():
    """A data: image written in the note (raw HTML), even one shaped like render.py's keys, gets
    no source: images come from the vault's files, read by embeds.py, or not at all."""
    out = render_markdown('<img src="data:image/png;base64,iVBORw0KGgo="> '
                          '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9eCgpPjwvc3ZnPg==">')
    assert [a.get("src") for t, a in parse(out).tags if t == "img"] == [None, None]
    forged = render_markdown('<img src="data:image/png;base64,hw0123456789abcdefn0">')
    assert [a.get("src") for t, a in parse(forged).tags if t == "img"] == ["data:image/png;base64,"]


def test_control_characters_are_text_not_a_hidden_block_id():
    """Only a paragraph emptied by removing its ``^block-id`` loses its <p>."""
    from hubwidgets.render import render_markdown

    assert render_markdown("\x1f").strip() == "<p>\x1f</p>"
    assert render_markdown("^abc").strip() == ""
