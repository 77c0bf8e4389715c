"""Synthetic catalogs for the benchmarks: realistic note folders of any size, deterministic per seed.

``make_catalog(root, 10_000, 120)`` writes ``root/notes/*.md`` (front matter with a question title,
a two-sentence summary, tags, 1-8 ``related`` links and sources; a Markdown body with headings,
a list, a wikilink and a fenced python block), ``root/hubs/*.yaml`` (10-200 sections each) and,
optionally, ``root/related.json``, in the format of ``data/README.md``. Text is assembled from
word lists with string formatting (no YAML dumper), so 100,000 notes take seconds, not minutes.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

SUBJECTS = (
    "reward models", "chain-of-thought traces", "synthetic dialogues", "preference data",
    "retrieval augmentation", "small language models", "instruction tuning", "process supervision",
    "self-consistency", "tool use", "long-context training", "model merging", "distillation",
    "curriculum learning", "verifier feedback", "data curation", "multilingual pretraining",
    "code generation", "mixture of experts", "sparse attention", "reasoning benchmarks",
    "hallucination detection", "knowledge editing", "quantization", "speculative decoding",
    "agent memory", "planning agents", "multimodal encoders", "domain adaptation", "red teaming",
)
VERBS = (
    "improve", "hurt", "explain", "predict", "replace", "stabilize", "generalize to", "transfer to",
    "scale with", "collapse under", "outperform", "depend on", "reduce", "amplify", "survive",
)
OBJECTS = (
    "out-of-distribution tasks", "math word problems", "medical questions", "factual recall",
    "format diversity", "calibration", "sample efficiency", "human preferences", "long documents",
    "multi-step planning", "low-resource languages", "adversarial prompts", "training stability",
    "inference cost", "benchmark contamination", "entity linking", "code review", "safety refusals",
)
QUESTIONS = ("Does {s} {v} {o}?", "Can {s} {v} {o}?", "Why do {s} {v} {o}?",
             "When does training on {s} {v} {o}?", "How much do {s} {v} {o}?",
             "What makes {s} {v} {o}?")
FILLER = (
    "the", "results", "suggest", "that", "models", "trained", "with", "more", "careful", "data",
    "show", "gains", "on", "held-out", "evaluations", "while", "larger", "runs", "plateau", "early",
    "ablation", "reveals", "a", "trade-off", "between", "accuracy", "and", "diversity", "of",
    "outputs", "authors", "measure", "effect", "across", "several", "scales", "baseline", "remains",
    "competitive", "under", "fixed", "compute", "budget", "we", "find", "surprising", "evidence",
    "for", "this", "mechanism", "in", "attention", "heads", "token", "level", "signals", "matter",
    "rubric", "rubrics", "verifier", "gradient", "loss", "curve", "tokenizer", "sampling", "policy",
)
TAGS = ("rl", "sft", "alignment", "reasoning", "data", "evaluation", "agents", "retrieval",
        "efficiency", "safety", "multilingual", "code", "theory", "scaling", "distillation",
        "benchmarks", "memory", "planning", "multimodal", "interpretability")
_SLUG = re.compile(r"[^a-z0-9]+")
VENUES = ("arXiv", "NeurIPS", "ICML", "ICLR", "ACL", "EMNLP", "COLM", "TMLR")


_SYLLABLES = ("ka", "lo", "mi", "tra", "ve", "son", "ri", "dex", "pla", "nu", "gor", "ten", "bi", "zel",
              "qua", "fen", "to", "mar", "ix", "lu")
# Rarer technical words after the common ones, drawn with Zipf-like weights (1/rank) as in real text.
_VOCAB = FILLER + tuple(a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES[:10])
_CUM: list[float] = []
for _rank in range(len(_VOCAB)):
    _CUM.append((_CUM[-1] if _CUM else 0.0) + 1.0 / (_rank + 1))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(_VOCAB, cum_weights=_CUM, k=n)
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _title(rng: random.Random, i: int) -> str:
    s, v, o = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)
    title = rng.choice(QUESTIONS).format(s=s, v=v, o=o)
    return title[:-1] + f" (study {i})?"  # unique titles keep wikilinks-by-title unambiguous


def _note_text(rng: random.Random, i: int, ids: list[str], titles: list[str]) -> tuple[str, list[str]]:
    n = len(ids)
    k = min(n - 1, rng.randint(1, 8))
    related: list[str] = []
    while len(related) < k:
        j = rng.randrange(n)
        if j != i and ids[j] not in related:
            related.append(ids[j])
    tags = rng.sample(TAGS, rng.randint(1, 4))
    summary = _sentence(rng, rng.randint(12, 22)) + " " + _sentence(rng, rng.randint(10, 18))
    year = rng.randint(2019, 2026)
    venue = rng.choice(VENUES)
    front = [
        "---",
        f"id: {ids[i]}",
        f"title: {_q(titles[i])}",
        f"summary: {_q(summary)}",
        "tags: [" + ", ".join(tags) + "]",
        "related:",
        *(f"- {r}" for r in related),
        "sources:",
        f"- title: {_q(f'{venue} {year}: ' + titles[i][:-1])}",
        f"  url: https://example.org/papers/{year}/{i}",
        "---",
    ]
    link = titles[rng.randrange(n)] if n > 1 else titles[i]
    paragraphs = [_sentence(rng, rng.randint(18, 40)) + " " + _sentence(rng, rng.randint(10, 30))
                  for _ in range(rng.randint(2, 4))]
    body = [
        "",
        paragraphs[0],
        "",
        "## Key findings",
        "",
        *(f"- {_sentence(rng, rng.randint(6, 14))}" for _ in range(rng.randint(2, 5))),
        "",
        f"See also [[{related[0] if related else ids[i]}]] and *{link}*.",
        "",
        "```python",
        f"scores = {{'baseline': {rng.random():.3f}, 'method': {rng.random():.3f}}}",
        "gain = scores['method'] - scores['baseline']",
        f"print(f'gain on {rng.choice(OBJECTS)}: {{gain:+.3f}}')",
        "```",
        "",
        *paragraphs[1:],
        "",
    ]
    return "\n".join(front) + "\n" + "\n".join(body), related


def _hub_text(hub_id: str, title: str, sections: list[tuple[str, list[str]]]) -> str:
    lines = [f"id: {hub_id}", f"title: {_q(title)}",
             f"description: {_q('Synthetic hub of ' + str(len(sections)) + ' sections for benchmarks.')}",
             f"declared_notes: {len({n for _, ns in sections for n in ns})}",
             f"declared_sections: {len(sections)}", "sections:"]
    for s_title, notes in sections:
        lines.append(f"- title: {_q(s_title)}")
        lines.append(f"  declared_notes: {len(notes)}")
        if notes:
            lines.append("  notes:")
            lines.extend(f"  - {n}" for n in notes)
        else:
            lines.append("  notes: []")
    return "\n".join(lines) + "\n"


def make_catalog(root: str | Path, n_notes: int, n_sections: int, seed: int = 0, n_hubs: int = 1,
                 related_json: bool = False) -> Path:
    """Write a synthetic catalog of ``n_notes`` notes and ``n_hubs`` hubs of ``n_sections`` sections.

    Notes are dealt to hubs in order (each hub gets a contiguous share, so one hub holds every note
    when ``n_hubs == 1``) and spread over the hub's sections in runs of uneven length. The same
    ``seed`` always gives byte-identical files. Returns ``root``.
    """
    if n_notes < 1 or n_hubs < 1 or n_sections < 1:
        raise ValueError("make_catalog needs n_notes >= 1, n_hubs >= 1 and n_sections >= 1")
    rng = random.Random(seed)
    root = Path(root)
    notes_dir = root / "notes"
    hubs_dir = root / "hubs"
    notes_dir.mkdir(parents=True, exist_ok=True)
    hubs_dir.mkdir(parents=True, exist_ok=True)

    titles = [_title(rng, i) for i in range(n_notes)]
    ids = [f"n{i:06d}-" + "-".join(_SLUG.sub(" ", t.lower()).split()[:6]) for i, t in enumerate(titles)]
    all_related: dict[str, list[str]] = {}
    for i in range(n_notes):
        text, related = _note_text(rng, i, ids, titles)
        (notes_dir / f"{ids[i]}.md").write_text(text, encoding="utf-8")
        all_related[ids[i]] = related

    share = -(-n_notes // n_hubs)
    for h in range(n_hubs):
        members = ids[h * share:(h + 1) * share]
        cuts = sorted(rng.sample(range(1, len(members)), min(n_sections - 1, max(len(members) - 1, 0))))
        bounds = [0, *cuts, len(members)]
        sections = [(f"{rng.choice(SUBJECTS).capitalize()} and {rng.choice(OBJECTS)} ({k + 1})",
                     members[bounds[k]:bounds[k + 1]]) for k in range(len(bounds) - 1)]
        while len(sections) < n_sections:  # more sections than notes: empty sections, as real hubs have
            sections.append((f"Open questions ({len(sections) + 1})", []))
        hub_id = "synthetic" if n_hubs == 1 else f"synthetic-{h + 1}"
        (hubs_dir / f"{hub_id}.yaml").write_text(
            _hub_text(hub_id, f"How do {rng.choice(SUBJECTS)} shape {rng.choice(OBJECTS)}?", sections),
            encoding="utf-8")

    if related_json:
        links = {nid: [[t, round(0.5 - 0.05 * k, 4)] for k, t in enumerate(rel)]
                 for nid, rel in all_related.items()}
        (root / "related.json").write_text(json.dumps(
            {"method": "synthetic", "fields": "related", "analyzer": "none", "k": 8, "links": links}),
            encoding="utf-8")
    return root


def make_vault(root: str | Path, n_notes: int, seed: int = 0, n_folders: int = 20) -> Path:
    """A synthetic Obsidian-style vault: the notes of :func:`make_catalog` WITHOUT front matter.

    Each note is ``Folder k/<title>.md``; its title is the file name, its summary the first
    paragraph, its tags inline ``#tags``, and it links 1-8 other notes by title (``[[Title]]``,
    some ``[[Title|shown]]`` or ``[[Title#Key findings]]``). Deterministic per seed.
    """
    rng = random.Random(seed)
    root = Path(root)
    titles = [_title(rng, i)[:-1].replace("?", "") for i in range(n_notes)]
    for i, title in enumerate(titles):
        folder = root / f"Folder {i % n_folders}"
        folder.mkdir(parents=True, exist_ok=True)
        links = [titles[rng.randrange(n_notes)] for _ in range(rng.randint(1, 8))]
        shown = [f"[[{t}]]" if k % 3 == 0 else f"[[{t}|{t.split()[0]}]]" if k % 3 == 1
                 else f"[[{t}#Key findings]]" for k, t in enumerate(links)]
        tags = " ".join("#" + t for t in rng.sample(TAGS, rng.randint(1, 4)))
        body = [
            _sentence(rng, rng.randint(12, 22)) + " " + _sentence(rng, rng.randint(10, 18)),
            "", tags, "", "## Key findings", "",
            *(f"- {_sentence(rng, rng.randint(6, 14))}" for _ in range(rng.randint(2, 5))),
            "", "See also " + ", ".join(shown) + ".", "",
            "```python", f"scores = {{'baseline': {rng.random():.3f}}}", "```", "",
            *(_sentence(rng, rng.randint(18, 40)) for _ in range(rng.randint(2, 4))), "",
        ]
        (folder / f"{title}.md").write_text("\n".join(body), encoding="utf-8")
    return root
