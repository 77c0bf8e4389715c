"""A vault in the shape a real Obsidian vault has, for issue 12's "done when".

Daily notes (one with CRLF line ends), a template with ``{{date}}``, an attachments folder with
images made here, ``.obsidian/`` config with a workspace JSON, a canvas, a ``.trash/``, nested
tags, callouts, highlights, embeds, Dataview blocks, inline fields, unicode and spaces in names,
an empty note and an Excalidraw drawing (a ``.md`` file). Written by :func:`write_obsidian_vault`.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path


def png(width: int, height: int, pad: int = 0) -> bytes:
    """A real PNG of ``width`` x ``height`` (grey), with ``pad`` bytes of an ancillary chunk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + (chunk(b"teXt", b"pad\0" + b"x" * pad) if pad else b"")
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
       b'<rect width="40" height="20" fill="#4a8"/></svg>')

WORKSPACE = {
    "main": {"id": "a1b2", "type": "split", "children": [{"id": "c3d4", "type": "tabs", "children": [
        {"id": "e5f6", "type": "leaf", "state": {"type": "markdown", "state": {
            "file": "Research MOC.md", "mode": "source", "source": False}}}]}]},
    "active": "e5f6",
    "lastOpenFiles": ["Concepts/Reward models.md", "Daily/2026-03-02.md", "Research MOC.md"],
}

CANVAS = {"nodes": [{"id": "n1", "type": "file", "file": "Concepts/Rubrics.md", "x": 0, "y": 0,
                     "width": 400, "height": 300},
                    {"id": "n2", "type": "text", "text": "[[Reward models]] ideas", "x": 500, "y": 0,
                     "width": 250, "height": 60}],
          "edges": [{"id": "e1", "fromNode": "n1", "fromSide": "right", "toNode": "n2", "toSide": "left"}]}

FILES: dict[str, str | bytes] = {
    ".obsidian/app.json": json.dumps({"attachmentFolderPath": "attachments",
                                      "newLinkFormat": "shortest", "useMarkdownLinks": False}),
    ".obsidian/workspace.json": json.dumps(WORKSPACE, indent=2),
    ".obsidian/core-plugins.json": json.dumps(["file-explorer", "daily-notes", "templates", "canvas"]),
    ".obsidian/daily-notes.json": json.dumps({"folder": "Daily", "template": "Templates/Daily template"}),
    ".obsidian/plugins/dataview/manifest.json": json.dumps({"id": "dataview", "version": "0.5.66"}),
    ".obsidian/plugins/dataview/data.json": "{}",
    ".obsidian/themes/Minimal/theme.css": "body { --font-text-size: 16px; }\n",
    ".trash/Old idea.md": "# Old idea\n\nDeleted, not a note.\n",
    "Research MOC.md": "---\ntags: [hub, moc]\ncreated: 2026-02-27\n---\n# Research MOC\n\n"
                       "Everything about learning from preferences, in one place.\n\n"
                       "## Rewards\n\n- [[Reward models]]\n- [[RM|the alias again]]\n- [[Rubrics]]\n\n"
                       "## Data\n\n- [[Preference data]]\n- [[Attention is all you need]]\n\n"
                       "## Reading\n\n- [[Über Präferenzen – a paper]]\n- [[Papers/Attention]]\n\n"
                       "> [!todo] Next\n> Add the [[2026-03-02]] findings.\n",
    "Concepts/Reward models.md":
        "---\naliases: [RM, Reward model]\ntags: [ml/rl, concept]\nstatus: draft\n---\n"
        "# Reward models\n\nA reward model scores outputs so that ==policies can learn from it==.\n\n"
        "> [!warning] Reward hacking\n> A policy finds what the model *wrongly* likes.\n\n"
        "> [!example]- Folded example\n> Hidden until opened.\n\n"
        "![[chart.png|300]]\n\n![[diagram.svg]]\n\n"
        "## Training\n\nTrained on [[Preference data]] pairs.[^1] Loss: $-\\log \\sigma(r_w - r_l)$.\n\n"
        "![[Rubrics#Design]]\n\n"
        "```dataview\nLIST FROM #daily WHERE contains(file.outlinks, this.file.link)\n```\n\n"
        "[^1]: Bradley and Terry, 1952.\n",
    "Concepts/Rubrics.md": "# Rubrics\n\nChecklists that turn judgement into rewards. #eval/rubric\n\n"
                           "## Design\n\nEach item is checkable by a grader. ^rubric-def\n\n"
                           "## Uses\n\nSee [[Reward models#Training]] and [[#Design]].\n",
    "Concepts/Preference data.md": "Pairs of answers, one preferred. Used by the [[RM]].\n\n"
                                   "- [ ] collect more\n- [x] dedupe\n\nsource:: [[Papers/Attention]]\n",
    "Papers/Attention.md": "---\ntitle: Attention is all you need\nauthors: [Vaswani et al.]\n"
                           "year: 2017\n---\nThe transformer paper. "
                           "Related: [[Concepts/Rubrics|rubrics]].\n\n"
                           "| model | BLEU |\n|---|---|\n| base | 27.3 |\n",
    "Papers/Über Präferenzen – a paper.md": "Ünïcödé and spaces in the name. Back to "
                                           "[[Research MOC]] and [a Markdown link](../Concepts/Rubrics.md). "
                                           "![a local chart](../attachments/chart.png)\n",
    "Daily/2026-03-01.md": "# 2026-03-01\n\n#daily\n\n- [ ] read [[Rubrics]]\n"
                           "- [x] write [[Reward models]]\n\n"
                           "Block ref: [[Rubrics#^rubric-def]].\n",
    "Daily/2026-03-02.md": "# 2026-03-02\r\n\r\n#daily #project/alpha\r\n\r\nYesterday: [[2026-03-01]]. "
                           "Hub: [[Research MOC#Rewards]].\r\n",
    "Templates/Daily template.md": "# {{date}}\n\n#daily\n\n## Tasks\n\n- [ ] \n\nCreated {{time}} "
                                   "from {{title}}.\n",
    "Inbox/Untitled.md": "",
    "Excalidraw/Drawing 2026-03-01.excalidraw.md":
        "---\nexcalidraw-plugin: parsed\ntags: [excalidraw]\n---\n==⚠  Switch to EXCALIDRAW VIEW "
        "in the MORE OPTIONS menu of this document. ⚠==\n\n# Text Elements\nReward ^aB3dE\n\n"
        "%%\n# Drawing\n```json\n{\"type\":\"excalidraw\",\"elements\":[]}\n```\n%%\n",
    "Canvas board.canvas": json.dumps(CANVAS, indent=2),
    "attachments/chart.png": png(24, 12),
    "attachments/diagram.svg": SVG,
    "attachments/Paper scan.pdf": b"%PDF-1.4\n%EOF\n",
}


def write_obsidian_vault(root: Path) -> Path:
    """Write the vault under ``root`` (bytes exactly as above: CRLF stays CRLF); returns ``root``."""
    for rel, content in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file and folder of ``root`` (hidden ones too) with its bytes and mtime."""
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"", p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*"))}
