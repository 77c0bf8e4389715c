"""answers.py: a note's reader payload shows its embeds and the vault's own images, and nothing else.

The vault is written by a fixture into tmp_path, with images it makes itself (a PNG, an SVG with
a script in it, files past the size limits), a folder outside the vault and symlinks that point
out of it.
"""

from __future__ import annotations

import base64
import os
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

import hubwidgets
from hubwidgets.answers import note_html, note_payload
from hubwidgets.embeds import IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_NOTE_IMAGE_BYTES, VaultEmbeds
from hubwidgets.links import IMAGE_SUFFIXES
from hubwidgets.render import render_markdown
from hubwidgets.state import hub_state, note_ids

from .corpus import xss_payloads
from .test_render import assert_safe, parse


def png(width: int, height: int, pad: int = 0) -> bytes:
    """A real PNG of ``width`` x ``height`` (grey), with ``pad`` bytes of an ancillary chunk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + (chunk(b"teXt", b"pad\0" + b"x" * pad) if pad else b"")
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4" onload="window.__pwned=1">'
       b'<script>window.__pwned=2</script><rect width="4" height="4"/></svg>')

NOTES = {
    "Host.md": "# Host\n\nWhole: ![[Source]]\n\nPart: ![[Source#Method]]\n\nBlock: ![[Source#^key]]\n\n"
               "Item: ![[Source#^item]]\n\nTable: ![[Source#^tbl]]\n\nMissing: ![[Nowhere]]\n\n"
               "Self: ![[Host]]\n\nDeep: ![[Middle]]\n",
    "Source.md": "# Source\n\nIntro paragraph.\n\n## Method\n\nMethod text with a [[Host|link]].\n\n"
                 "### Detail\n\nStill in method.\n\n## Results\n\nA key finding. ^key\n\n"
                 "- first\n- the item ^item\n\n| a |\n|---|\n| 1 |\n\n^tbl\n",
    "Middle.md": "Middle text. ![[Leaf]] and ![[chart.png]]\n",
    "Leaf.md": "Leaf text, never shown inside Middle inside Host.\n",
    "Cycle A.md": "A: ![[Cycle B]]\n",
    "Cycle B.md": "B: ![[Cycle A]]\n",
    "Pictures.md": "![[chart.png]] ![[chart.png|120]] ![[chart.png|60x30]] "
                   "![a chart](attachments/chart%20copy.png) ![[drawing.svg]] "
                   "![[absent.png]] ![up](../outside.png) ![[../outside.png]] ![[escape.png]] "
                   "![[inner-link.png]] ![remote](https://example.org/x.png) ![[report.pdf]]\n",
    "Big.md": "![[huge.png]]\n",
    "Many.md": " ".join(f"![[big{i}.png]]" for i in range(5)) + "\n",
}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    (root / "attachments").mkdir(parents=True)
    for name, text in NOTES.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "attachments" / "chart.png").write_bytes(png(8, 6))
    (root / "attachments" / "chart copy.png").write_bytes(png(3, 3))
    (root / "attachments" / "drawing.svg").write_bytes(SVG)
    (root / "attachments" / "report.pdf").write_bytes(b"%PDF-1.4\n%EOF\n")
    (tmp_path / "outside.png").write_bytes(png(2, 2))
    os.symlink(tmp_path / "outside.png", root / "attachments" / "escape.png")  # a symlink out
    os.symlink(root / "attachments" / "chart.png", root / "inner-link.png")  # a symlink inside
    return root


def _html(root: Path, note_id: str) -> str:
    cat = hubwidgets.load(root, cache=False)
    return note_html(cat, cat.get(note_id))


def _images(fragment: str) -> list[dict[str, str | None]]:
    return [attrs for tag, attrs in parse(fragment).tags if tag == "img"]


def _text(fragment: str) -> str:
    parts: list[str] = []
    reader = HTMLParser()
    reader.handle_data = parts.append
    reader.feed(fragment)
    return " ".join(" ".join(parts).split())


def test_embeds_show_the_note_its_heading_or_its_block(vault):
    out = _html(vault, "host")
    assert_safe(out)
    text = _text(out)
    embeds = out.split('<div class="hw-embed">')[1:]
    assert len(embeds) == 6  # whole, heading, block, list item, table, Middle
    whole, part, block, item, table, _deep = (_text(e.split("</div>")[0]) for e in embeds)
    assert "Intro paragraph." in whole and "A key finding." in whole and "^key" not in whole
    assert part.startswith("Source › Method") and "Method text" in part and "Still in method." in part
    assert "Intro paragraph." not in part and "A key finding" not in part  # stops at ## Results
    assert block == "Source › ^key A key finding."
    assert item == "Source › ^item the item"
    assert "<table>" in embeds[4] and table == "Source › ^tbl a 1"  # the block before a lone ^id
    assert "Nowhere" in text and "Self:" in text
    # the embedded note's links resolve from that note, and open notes in the reader
    assert 'data-note-id="host"' in embeds[0]


def test_an_embed_inside_an_embed_is_a_link_so_cycles_end(vault):
    deep = _html(vault, "host").split('<div class="hw-embed">')[-1]
    assert "Middle text." in deep
    assert "Leaf text" not in deep and 'data-note-id="leaf"' in deep  # one level, then a link
    assert len(_images(deep)) == 1  # images inside an embedded note still show
    for a, b in (("cycle-a", "cycle-b"), ("cycle-b", "cycle-a")):
        out = _html(vault, a)
        assert out.count('class="hw-embed"') == 1
        assert f'data-note-id="{b}"' in out and f'data-note-id="{a}"' in out


def test_a_note_embedding_itself_shows_a_link(vault):
    out = _html(vault, "host")
    self_part = out.split("Self:")[1].split("Deep:")[0]
    assert 'class="hw-wikilink" data-note-id="host"' in self_part and "hw-embed" not in self_part


def test_vault_images_are_data_uris_with_their_sizes(vault):
    out = _html(vault, "pictures")
    assert_safe(out)
    imgs = _images(out)
    srcs = [i["src"] for i in imgs]
    chart_bytes = (vault / "attachments/chart.png").read_bytes()
    chart = "data:image/png;base64," + base64.b64encode(chart_bytes).decode()
    assert srcs[:3] == [chart] * 3
    sizes = [(i.get("width"), i.get("height")) for i in imgs[:3]]
    assert sizes == [(None, None), ("120", None), ("60", "30")]
    assert base64.b64decode(srcs[3].split(",", 1)[1]) == (vault / "attachments/chart copy.png").read_bytes()
    assert imgs[3]["alt"] == "a chart"
    assert srcs[4].startswith("data:image/svg+xml;base64,")  # an SVG only ever as <img>
    assert srcs[5] == chart  # a symlink inside the vault is fine
    assert len(imgs) == 6
    assert "<svg" not in out and "<script" not in out


def test_images_outside_the_vault_missing_or_remote_are_named_not_loaded(vault):
    text = _text(_html(vault, "pictures"))
    assert "Image not shown: absent.png (not found in the folder)" in text
    assert "Image not shown: escape.png (not found in the folder)" in text  # a symlink out
    assert text.count("Image not shown: outside.png") == 2  # ../ from Markdown and from ![[...]]
    assert "Remote image (not loaded): remote" in text
    assert "report.pdf" in text
    outside = base64.b64encode((vault.parent / "outside.png").read_bytes()).decode()
    assert outside not in _html(vault, "pictures")


def test_an_image_swapped_for_a_symlink_out_after_loading_is_refused(vault):
    cat = hubwidgets.load(vault, cache=False)
    chart = vault / "attachments" / "chart.png"
    chart.unlink()
    os.symlink(vault.parent / "outside.png", chart)
    out = note_html(cat, cat.get("pictures"))
    assert "Image not shown: chart.png (outside the folder)" in _text(out)
    outside = base64.b64encode((vault.parent / "outside.png").read_bytes()).decode()
    assert outside not in out


def test_size_limits_per_image_and_per_note(vault):
    (vault / "attachments" / "huge.png").write_bytes(png(1, 1, pad=MAX_IMAGE_BYTES))
    each = MAX_NOTE_IMAGE_BYTES // 4 - 1000  # four fit in a note's budget, the fifth does not
    assert each < MAX_IMAGE_BYTES
    for i in range(5):
        (vault / "attachments" / f"big{i}.png").write_bytes(png(1, 1, pad=each))
    big = _html(vault, "big")
    assert not _images(big)
    assert "Image not shown: huge.png (5.0 MB, over the 5 MB limit per image)" in _text(big)
    many = _html(vault, "many")
    assert len(_images(many)) == 4
    assert "Image not shown: big4.png (over the 20 MB limit of images per note)" in _text(many)


def test_budget_is_shared_by_the_note_and_its_embeds(vault):
    cat = hubwidgets.load(vault, cache=False)
    size = (vault / "attachments" / "chart.png").stat().st_size
    embeds = VaultEmbeds(cat.resolver, cat.root, cat.get("host"), max_total=size)
    out = render_markdown(cat.get("host").body, embeds.resolve_for(cat.get("host")), embeds)
    assert len(_images(out)) == 1  # Middle's chart.png
    embeds = VaultEmbeds(cat.resolver, cat.root, cat.get("pictures"), max_total=size * 2)
    out = render_markdown(cat.get("pictures").body, None, embeds)
    assert len(_images(out)) == 2 and "limit of images per note" in out


def test_the_payload_carries_images_and_reading_writes_nothing(vault):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in vault.rglob("*") if p.is_file()}
    listing = sorted(vault.rglob("*"))
    cat = hubwidgets.load(vault, cache=False)
    state = hub_state(cat, None)
    for nid in cat.note_ids:
        payload = note_payload(cat, state, nid, set(note_ids(state)), with_related=False)
        assert_safe(payload["html"])
    assert "data:image/png;base64," in note_payload(cat, state, "pictures", set())["html"]
    assert sorted(vault.rglob("*")) == listing
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in vault.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("payload", xss_payloads())
def test_hostile_embeds_and_image_names_stay_inert(tmp_path, payload):
    root = tmp_path / "vault"
    root.mkdir()
    safe = payload.replace("/", "_").replace("\0", "")[:100] or "x"
    (root / "Target.md").write_text(f"# {payload}\n\n{payload} ^blk\n", encoding="utf-8")
    (root / f"{safe}.png").write_bytes(png(1, 1))
    (root / "Host.md").write_text(
        f"![[Target]] ![[Target#^blk]] ![[Target#{payload}]] ![[{safe}.png|{payload}]] "
        f"![[{payload}]] ![{payload}]({payload}.png) > [!{payload}] x\n", encoding="utf-8")
    out = _html(root, "host")
    assert_safe(out)
    for needle in ("<script", "<iframe", "<svg", "<style", "<object", "<embed", "<input"):
        assert needle not in out.lower(), (needle, out)


def test_every_image_suffix_the_resolver_knows_has_a_media_type():
    assert set(IMAGE_TYPES) == set(IMAGE_SUFFIXES)
