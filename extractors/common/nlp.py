"""The one spaCy pipeline extractors share: blank English, no downloaded model.

A sentencizer and lookup lemmas (from spacy-lookups-data) are all the rules need;
Matcher and PhraseMatcher patterns are built per extractor on `nlp().vocab`.
Built once per process and cached, since building it costs about a second.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# No parser or NER runs, so a long text costs no more than its tokens: spaCy's 1,000,000
# character guard would fail a 1 MB single-line paragraph for nothing.
MAX_LENGTH = 100_000_000
# spaCy's tokenizer strips a run of punctuation one mark at a time, searching the rest of the
# run for a suffix each time (quadratic in the run): longer runs are broken by a space.
MAX_PUNCT_RUN = 50
_PUNCT_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCT_RUN + 1},}}")


@lru_cache(maxsize=1)
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    pipeline.max_length = MAX_LENGTH
    return pipeline


def parse(text: str) -> Doc:
    """Paper text through the pipeline; every extractor parses paper text with this, never
    with `nlp()(text)`. A space is put after every MAX_PUNCT_RUN marks of a longer run of
    punctuation; the text keeps its length, so character offsets into it still hold."""
    return nlp()(_PUNCT_RUN.sub(_broken, text))


def _broken(m: re.Match) -> str:
    run = m.group(0)
    return "".join(" " if (i + 1) % (MAX_PUNCT_RUN + 1) == 0 else c for i, c in enumerate(run))


def lemmas(text: str) -> list[str]:
    """Lower-case lookup lemmas of the tokens of `text`."""
    return [t.lemma_.lower() for t in parse(text)]
