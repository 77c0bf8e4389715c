"""A test vault in the shape Obsidian users keep: no front matter, folders, spaces and unicode in
names, one file name in two folders, aliases, heading and block links, embeds, a map of content.

Written by :func:`write_vault` into a temporary folder (a 5 MB note is better made than stored).
"""

from __future__ import annotations

from pathlib import Path

# A 1x1 PNG.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e5270de40000000049454e44ae426082")

FILES: dict[str, str | bytes] = {
    "Rubrics.md": "Rubrics turn judgement into #rl rewards. See [[Reward models#Training|training]].\n\n"
                  "## Design\n\nA rubric item ^item-1\n",
    "Reward models.md": "---\naliases: [RM, Preference model]\ntags: alignment, rl\n---\n"
                        "# Reward models\n\nThey score outputs. ![[diagram.png]] and ![[Rubrics]].\n\n"
                        "## Training\n\nLink back to [[rubrics|rubric design]] and [[Rubrics#^item-1]].\n"
                        "Code `[[not a link]]` and a remote image ![x](https://example.org/x.png).\n",
    "papers/Rubrics.md": "# Rubrics (paper)\n\nThe paper of the same name. #area/sub\n",
    "papers/Über Lernen mit Leerzeichen.md": "Ünïcödé note with [[RM]] (an alias) and "
                                            "[a relative link](../Rubrics.md).\n",
    "papers/crlf.md": "---\r\ntitle: CRLF note\r\n---\r\n\r\nLines end in CRLF. [[Rubrics]]\r\n",
    "only-front.md": "---\ntitle: Only front matter\ntags: [meta]\n---\n",
    "Cycle A.md": "A embeds ![[Cycle B]].\n",
    "Cycle B.md": "B embeds ![[Cycle A]].\n",
    "Preference model.md": "A title that is also an alias of Reward models: the file name wins.\n",
    "Research MOC.md": "---\nhub: true\n---\n# Research MOC\n\nWhere the research notes are.\n\n"
                       "## Rewards\n\n- [[Reward models]]\n- [[Rubrics]]\n\n## Papers\n\n"
                       "- [[papers/Rubrics]]\n- [[Über Lernen mit Leerzeichen]]\n- [[Missing note]]\n",
    "attachments/diagram.png": PNG,
    "docs/spec.pdf": b"%PDF-1.4\n%EOF\n",
    "fenced.md": "```\n[[Rubrics]] #notatag\n```\n\nProse after code with #real-tag and issue #123 and "
                 "https://example.org/page#frag.\n",
    ".obsidian/workspace.md": "# not a note\n",
    ".trash/old.md": "# deleted\n",
    "node_modules/pkg/readme.md": "# not a note\n",
}


def write_vault(root: Path, big: bool = True) -> Path:
    """Write the test vault under ``root`` (with a 5 MB note when ``big``); returns ``root``."""
    for rel, content in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    if big:
        para = "A long paragraph of vault prose that goes on. " * 20 + "\n\n"
        text = "# Big note\n\n" + para * (5 * 1024 * 1024 // len(para) - 2)
        assert len(text.encode()) < 5 * 1024 * 1024
        (root / "Big note.md").write_text(text, encoding="utf-8")
    return root
