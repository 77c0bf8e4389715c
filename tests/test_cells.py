"""Body <-> cells: fences as a Markdown renderer reads them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.cells import canonical_body, cells_to_body, split_body


def kinds(body: str) -> list[tuple[str, str]]:
    return [(c.kind, c.source) for c in split_body(body)]


def test_python_fences_become_code_and_others_stay_markdown():
    body = "Intro.\n\n```python\nx = 1\n```\n\n```bash\nls\n```\n\n```py\ny = 2\n```"
    assert kinds(body) == [("markdown", "Intro."), ("code", "x = 1"),
                           ("markdown", "```bash\nls\n```"), ("code", "y = 2")]


def test_tildes_longer_fences_and_nested_backticks():
    body = '~~~python\ns = "```"\n~~~\n\n````python\nt = """\n```\n"""\n````'
    cells = split_body(body)
    assert [(c.kind, c.source) for c in cells] == [("code", 's = "```"'),
                                                   ("code", 't = """\n```\n"""')]
    assert cells[0].fence == {"open": "~~~python", "close": "~~~"}
    assert cells_to_body(cells) == body


def test_myst_code_cell_options_are_kept_aside():
    body = "```{code-cell} python\n:tags: [hide-input]\nz = 3\n```"
    (cell,) = split_body(body)
    assert (cell.kind, cell.source) == ("code", "z = 3")
    assert cell.fence["myst_options"] == [":tags: [hide-input]"]
    assert cells_to_body([cell]) == body
    assert kinds("```{code-cell} ipython3\nw = 4\n```") == [("code", "w = 4")]


def test_nested_and_unclosed_fences_stay_markdown():
    body = "- item\n  ```python\n  nested = 1\n  ```\n\n> ```python\n> quoted = 2\n> ```"
    assert [k for k, _ in kinds(body)] == ["markdown"]
    assert kinds("```python\nnever closed") == [("markdown", "```python\nnever closed")]


def test_markdown_splits_at_headings_and_inline_backticks_are_text():
    body = "# One\ntext with ```inline``` code\n\n## Two\nmore"
    assert kinds(body) == [("markdown", "# One\ntext with ```inline``` code"),
                           ("markdown", "## Two\nmore")]


def test_code_holding_a_bare_fence_line_gets_a_longer_fence():
    from hubwidgets.cells import Cell, code_block

    inline = code_block(Cell("code", 'print("```")'))
    assert inline.startswith("```python\n")  # not a closing line: no need to lengthen
    bare = code_block(Cell("code", 's = """\n```\n"""'))
    assert bare.startswith("````python") and bare.endswith("````")
    for text, source in ((inline, 'print("```")'), (bare, 's = """\n```\n"""')):
        assert kinds(text) == [("code", source)]


_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\n"
_line = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=_LINE_BREAKS),
            max_size=30),
    st.sampled_from(["```python", "```", "~~~python", "~~~", "````", "# Title", "- item", "",
                     "```{code-cell} python", ":tags: [x]", "    indented", "> quote"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_line, max_size=25).map("\n".join))
def test_round_trip_keeps_every_nonblank_line(body):
    body = body.strip("\n")
    canon = canonical_body(body)
    assert canonical_body(canon) == canon
    assert [line for line in canon.split("\n") if line.strip()] == \
        [line for line in body.split("\n") if line.strip()]


def test_carriage_returns_are_line_breaks_as_markdown_it_counts_them():
    assert kinds("a\r\nb\r```python\r\nx = 1\r\n```") == [("markdown", "a\nb"), ("code", "x = 1")]


def test_myst_code_cell_in_another_language_stays_markdown():
    body = "```{code-cell} r\nx <- 1\n```"
    assert kinds(body) == [("markdown", body)]


def test_indented_fence_loses_its_indent_like_commonmark():
    from markdown_it import MarkdownIt

    body = "  ```python\n  x = 1\n    y = 2\n z = 3\n  ```"
    assert kinds(body) == [("code", "x = 1\n  y = 2\nz = 3")]
    assert MarkdownIt("commonmark").parse(body)[0].content == "x = 1\n  y = 2\nz = 3\n"


def _html(body: str) -> str:
    """Rendered HTML with whitespace next to tags and runs of whitespace ignored."""
    import re

    from markdown_it import MarkdownIt

    html = " ".join(MarkdownIt("commonmark").render(body).split())
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html)


_any_line = st.one_of(_line, st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
                      st.sampled_from(["<div>", "1. one", "***", "\\`", "````python", "> # q"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_any_line, max_size=25).map("\n".join))
def test_canonical_body_renders_like_the_original(body):
    """Splitting and rejoining never changes what a Markdown renderer shows (CR/LF aside)."""
    assert _html(canonical_body(body)) == _html(body.replace("\r\n", "\n").replace("\r", "\n"))


def test_a_body_of_control_characters_keeps_its_paragraph():
    """Found by the property above: str.strip() counts \\x1f as blank, a Markdown renderer does not."""
    assert canonical_body("\x1f") == "\x1f"
    assert _html(canonical_body("a\n\n\x1f")) == _html("a\n\n\x1f")
