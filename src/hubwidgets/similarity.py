"""Computed "related" links: TF-IDF cosine similarity over a note's heading text and its prose.

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

from .cachefiles import cache_file, load_cache, save_cache
from .cells import split_body
from .extras import require
from .folderfiles import RELATED_FILE
from .fsutil import atomic_write_text
from .notes import Note

_WORD = re.compile(r"\w+")
DEFAULT_K = 8
MIN_SCORE = 0.02
BODY_WEIGHT = 0.6  # the prose counts a little less than title, summary and tags
METHOD = "tfidf-cosine: heading char_wb 3-5, prose words x0.6"


def _heading_text(note: Note) -> str:
    return "\n".join([note.title, note.summary, " ".join(note.tags)])


def _prose(note: Note) -> str:
    """The body without its Python code: shared ``import numpy`` lines say nothing about a
    subject, and with code counted the notes with worked examples all looked alike."""
    return "\n".join(c.source for c in split_body(note.body) if c.kind == "markdown")


def compute_related(notes: Sequence[Note], k: int = DEFAULT_K,
                    min_score: float = MIN_SCORE) -> dict[str, list[tuple[str, float]]]:
    """The ``k`` most similar notes of each note, with cosine scores rounded to 4 places.

    Title, summary and tags are compared by character n-grams inside words, which match
    "reason", "reasoning" and "reasoner" without a stemmer (these texts are short); the prose
    of the bodies by words, which is several times faster on long bodies and as telling there.
    """
    require("similarity")  # MissingExtraError, naming the extra
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
    from sklearn.preprocessing import normalize

    if len(notes) < 2:
        return {n.id: [] for n in notes}

    # Stop words are dropped first so "why does ..." titles do not all look alike.
    def content_words(text: str) -> str:
        return " ".join(w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS)

    # Features in more than half of the notes tell little, but in a handful of notes "half"
    # is two: there, keep everything and let the idf weights do the work.
    max_df = 0.5 if len(notes) >= 10 else 1.0

    def tfidf(vectorizer, texts: list[str]):
        try:
            return vectorizer.fit_transform(texts)
        except ValueError:  # every text empty after stop words
            return sp.csr_matrix((len(texts), 0), dtype=np.float32)

    heading = tfidf(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                    preprocessor=content_words, max_df=max_df, dtype=np.float32),
                    [_heading_text(n) for n in notes])
    prose = tfidf(TfidfVectorizer(analyzer="word", sublinear_tf=True, stop_words="english",
                                  token_pattern=r"(?u)\b[^\W\d_][^\W_]+\b", max_df=max_df,
                                  dtype=np.float32),
                  [_prose(n) for n in notes])
    matrix = normalize(sp.hstack([heading, prose * BODY_WEIGHT], format="csr"))
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


def related_for_folder(notes: Sequence[Note], root: str | os.PathLike,
                       stamps: list | None) -> dict[str, list[tuple[str, float]]]:
    """:func:`compute_related` for a folder that has no ``related.json``, computed once per
    state of its files: kept in the parse cache beside the catalog, keyed by the files' stamps
    (``None``: no cache), so a big folder pays for it once, not in every session."""
    path = cache_file(root, ".related.pickle")
    if stamps is not None:
        cached = load_cache(path)
        if cached.get("stamps") == stamps and cached.get("method") == METHOD:
            return cached["links"]
    links = compute_related(notes)
    if stamps is not None:
        save_cache(path, {"stamps": stamps, "method": METHOD, "links": links})
    return links


def write_related(data_dir: str | os.PathLike, k: int = DEFAULT_K) -> Path:
    """Compute related links for the notes under ``data_dir`` and store them in ``related.json``."""
    from .datadir import read_folder

    contents = read_folder(data_dir, use_cache=False)
    links = compute_related(contents.notes, k=k)
    path = Path(data_dir) / RELATED_FILE
    payload = {"method": METHOD, "fields": "title, summary, tags; body prose (code left out)", "k": k,
               "links": {nid: [[t, s] for t, s in links[nid]] for nid in sorted(links)}}
    atomic_write_text(path, json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
    return path
