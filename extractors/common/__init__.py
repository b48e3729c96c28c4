"""Layout and language helpers shared by more than one extractor family (text, tables, spaCy)."""
