"""The one spaCy pipeline extractors share: blank English, no downloaded model.

A sentencizer and lookup lemmas (from spacy-lookups-data) are all the rules need;
Matcher and PhraseMatcher patterns are built per extractor on `nlp().vocab`.
Built once per process and cached, since building it costs about a second.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=1)
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


def lemmas(text: str) -> list[str]:
    """Lower-case lookup lemmas of the tokens of `text`."""
    return [t.lemma_.lower() for t in nlp()(text)]
