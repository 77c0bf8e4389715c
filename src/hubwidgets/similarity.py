"""Computed "related" links: TF-IDF cosine similarity over title, summary, tags and body.

Needs scikit-learn (``pip install "hubwidgets[similarity]"``), imported lazily.
``hubwidgets related`` stores the result in ``related.json`` beside the notes,
so loading a catalog never recomputes it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from .datadir import RELATED_FILE
from .notes import Note

_WORD = re.compile(r"\w+")
DEFAULT_K = 8
MIN_SCORE = 0.02


def _document(note: Note) -> str:
    # Repeating the title and summary weights them above the body.
    return "\n".join([note.title] * 3 + [note.summary] * 2 + [" ".join(note.tags) * 2, note.body])


def compute_related(notes: Sequence[Note], k: int = DEFAULT_K,
                    min_score: float = MIN_SCORE) -> dict[str, list[tuple[str, float]]]:
    """The ``k`` most similar notes of each note, with cosine scores rounded to 4 places."""
    try:
        import numpy as np
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise ImportError('computing related notes needs scikit-learn: '
                          'pip install "hubwidgets[similarity]"') from exc
    if len(notes) < 2:
        return {n.id: [] for n in notes}
    # Character n-grams inside words match "reason", "reasoning" and "reasoner" without a
    # stemmer, which matters for notes whose text is one title and one summary.
    # Stop words are dropped first so "why does ..." titles do not all look alike.
    def content_words(text: str) -> str:
        return " ".join(w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS)

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                 preprocessor=content_words, min_df=1, max_df=0.5,
                                 max_features=300_000, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform([_document(n) for n in notes])
    except ValueError:  # every document empty after stop words
        return {n.id: [] for n in notes}
    ids = [n.id for n in notes]
    out: dict[str, list[tuple[str, float]]] = {}
    chunk = max(1, min(len(ids), 2_000_000 // max(1, len(ids))))
    for start in range(0, len(ids), chunk):
        block = (matrix[start:start + chunk] @ matrix.T).toarray()
        for row_i, row in enumerate(block):
            me = start + row_i
            row[me] = -1.0
            top = min(k, len(ids) - 1)
            best = np.argpartition(-row, top - 1)[:top] if top > 0 else []
            # ties broken by id so the file is the same on every machine
            ranked = sorted(best, key=lambda j: (-round(float(row[j]), 4), ids[j]))
            out[ids[me]] = [(ids[j], round(float(row[j]), 4)) for j in ranked
                            if row[j] >= min_score]
    return out


def write_related(data_dir: str | os.PathLike, k: int = DEFAULT_K) -> Path:
    """Compute related links for the notes under ``data_dir`` and store them in ``related.json``."""
    from .datadir import read_folder

    contents = read_folder(data_dir, use_cache=False)
    links = compute_related(contents.notes, k=k)
    path = Path(data_dir) / RELATED_FILE
    payload = {"method": "tfidf-cosine", "fields": "title, summary, tags, body",
               "analyzer": "char_wb 3-5", "k": k,
               "links": {nid: [[t, s] for t, s in links[nid]] for nid in sorted(links)}}
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
