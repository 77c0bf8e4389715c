"""How counts read in every view: ``1 note``, ``31 of 38 declared notes``, the hub subtitle.

One place for the wording, so that the widget, the static fallback, the export, the
checks and the notebooks say the same thing about the same figures.
"""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    """``1 note``, ``2 notes``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def count_text(found: int, declared: int | None, word: str = "note") -> str:
    """How many items a section or hub has, with the declared figure where it differs."""
    if declared is None or declared == found:
        return plural(found, word)
    if found == 0:
        return f"{plural(declared, word)} declared, none available"
    if found < declared:
        return f"{found} of {declared} declared {word}s"
    return f"{plural(found, word)} ({declared} declared)"


def hub_subtitle(n_notes: int, n_sections: int, declared_notes: int | None,
                 declared_sections: int | None) -> str:
    """``Topic Hub · 31 linked notes · 9 sections``, or found-of-declared figures where they differ."""
    notes = (plural(n_notes, "linked note") if declared_notes in (None, n_notes)
             else f"{n_notes} of {declared_notes} declared notes")
    sections = (plural(n_sections, "section") if declared_sections in (None, n_sections)
                else f"{n_sections} of {declared_sections} declared sections")
    return f"Topic Hub · {notes} · {sections}"
