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
