"""render.py: Markdown note bodies become HTML that is safe to insert with innerHTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, render_markdown


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
            if name in ("href", "src"):
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
