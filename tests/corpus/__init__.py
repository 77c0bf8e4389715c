"""Hostile-input corpora: XSS payloads, malformed catalogs and malformed pages (issue 7)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def xss_payloads() -> list[str]:
    """The payloads of ``xss_payloads.txt``, one per line (``# `` lines and blank lines skipped)."""
    lines = (HERE / "xss_payloads.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


def payload_page(payloads: list[str], hub_title: str = "Hostile hub?",
                 description: str = "") -> str:
    """A topic-hub page whose section names, card titles and summaries are the payloads.

    Section ``i`` is named after payload ``i``; its one card has payload ``i`` as title and
    payload ``i + 1`` as summary, so every payload lands in every place the page has.
    """
    n = len(payloads)
    lines = ["← All notes", hub_title, description or payloads[0],
             f"Topic Hub · {n} linked notes · {n} sections", "View as"]
    for i, payload in enumerate(payloads):
        lines += [f"{payload} §{i}", "1 note", f"{payload} #{i}", payloads[(i + 1) % n],
                  "Explore related Read →"]
    return "\n\n".join(lines) + "\n"


def payload_catalog(root: Path, hub_id: str = "hostile") -> Path:
    """A catalog made by the real importer from :func:`payload_page`, then given hostile bodies,
    tags, links and sources the way a person adds them to note files.

    Note ``i`` gets payload ``i`` as tag, source title and URL, link target and wikilink, a
    related link to note ``i + 1``; the first note's body holds every payload.
    """
    from hubwidgets.pageimport import import_page

    payloads = xss_payloads()
    result = import_page(payload_page(payloads, description=payloads[2]), hub_id=hub_id,
                         source="hostile.txt")
    ids = [n.id for n in result.notes]
    for i, note in enumerate(result.notes):
        p = payloads[i]
        note.tags = [p.strip() or "tag"]
        note.sources = [{"title": p.strip() or "source", "url": p.strip()}]
        note.related = [ids[(i + 1) % len(ids)]]
        note.body = f"{p}\n\n[a link]({p.strip()})\n\n[[{p.strip()}]]\n\n- {p}\n"
        if i % 10 == 0:  # a few bodies also carry the payload inside a Python code block
            note.body += f"\n```python\nprint({p!r})\n```\n"
    result.notes[0].body += "\n" + "\n\n".join(payloads) + "\n"
    result.write(root)
    return root
