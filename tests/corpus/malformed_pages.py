"""Malformed topic-hub pages for the importer: the committed ``malformed_pages/*.txt`` plus
pages better generated than committed (random bytes, other encodings, huge sizes)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent / "malformed_pages"
HEADER = "Does pruning hurt rare skills first?\nTopic Hub · 3 linked notes · 2 sections\n"


def _card(i: int) -> str:
    return f"Card {i}: does it hold?\nSummary number {i}.\nExplore related Read →\n"


def _random_bytes() -> bytes:
    return random.Random(7).randbytes(8192)


def _header_then_random_bytes() -> bytes:
    rng = random.Random(11)
    return HEADER.encode() + bytes(rng.randrange(128, 256) for _ in range(4096))


def _latin1() -> bytes:
    return (HEADER + "Café section\n1 note\nCrème brûlée?\nÀ la carte.\nExplore related Read →\n"
            ).encode("latin-1", "replace")


def _utf16() -> bytes:
    return (HEADER + "Section\n1 note\nA card?\nExplore related Read →\n").encode("utf-16")


def _long_lines() -> bytes:
    return (HEADER.replace("Does pruning", "Why " * 25_000 + "does pruning")
            + "S" * 50_000 + "\n1 note\n" + "W" * 100_000 + "?\n" + "s " * 50_000
            + "\nExplore related Read →\n").encode()


def _many_sections() -> bytes:
    return (HEADER.replace("3 linked notes · 2", "2000 linked notes · 2000")
            + "".join(f"Section {i}\n1 note\n{_card(i)}" for i in range(2000))).encode()


def _everything_on_one_line_huge() -> bytes:
    return (HEADER.replace("\n", " ") + " ".join(_card(i).replace("\n", " ") for i in range(5000))
            ).encode()


GENERATED: dict[str, Callable[[], bytes]] = {
    "random-bytes.txt": _random_bytes,
    "header-then-random-bytes.txt": _header_then_random_bytes,
    "latin-1.txt": _latin1,
    "utf-16.txt": _utf16,
    "long-lines.txt": _long_lines,
    "many-sections.txt": _many_sections,
    "one-line-5000-cards.txt": _everything_on_one_line_huge,
}
TOO_LARGE = "over-20-mb.txt"  # sparse: over the import-page size limit without writing 21 MB


def names() -> list[str]:
    """Every malformed page: committed files, generated ones and the oversized one."""
    return sorted(p.name for p in HERE.glob("*.txt")) + sorted(GENERATED) + [TOO_LARGE]


def write(name: str, folder: Path) -> Path:
    """Put the page called ``name`` in ``folder``; returns its path."""
    path = folder / name
    if name in GENERATED:
        path.write_bytes(GENERATED[name]())
    elif name == TOO_LARGE:
        path.write_bytes(HEADER.encode())
        with open(path, "r+b") as fh:
            fh.truncate(21 * 1024 * 1024)
    else:
        path.write_bytes((HERE / name).read_bytes())
    return path
