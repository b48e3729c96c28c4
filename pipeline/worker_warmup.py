"""Imported once by the fork server that starts extraction workers (`pipeline.workers`).

Importing this module pays, once per run, what every worker would otherwise pay at its
start: the heavy imports (spaCy, dateparser, pyarrow, PDFium's bindings), spaCy's pipeline
and the extractors' compiled patterns, by extracting one short document. Workers forked
from the server share it all (copy-on-write) and start in a fraction of a second. The
server itself never opens a paper, so no PDFium document state is inherited.
"""

from __future__ import annotations

from pipeline.metadata import extract_metadata
from pipeline.normalise import document_from_text
from pipeline.run import extract_facts

_SAMPLE = (
    "Report to Cabinet, 1 April 2025\n\n"
    "The council's priorities are:\n• housing\n• growth\n\n"
    "Under the Localism Act 2011, a grant of £10,000 was awarded; 75% of 1,000 residents agreed.\n"
)

extract_metadata(_SAMPLE)
extract_facts(document_from_text(_SAMPLE, source_uri="warm-up"))
