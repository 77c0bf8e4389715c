"""Note and hub ids: stable, URL- and file-safe slugs."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 60
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """Turn a title into a lowercase ASCII slug (``a-z0-9`` and single hyphens).

    Accents are folded (``é`` -> ``e``); long titles are cut at a word
    boundary so ids stay readable in file names and URLs.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
        slug = slug.strip("-")
    return slug


def is_valid_id(value: object) -> bool:
    """True for ids that are safe as file names and URL parts (no ``/``, ``..``, spaces)."""
    return isinstance(value, str) and len(value) <= 200 and bool(_SLUG_RE.match(value))
