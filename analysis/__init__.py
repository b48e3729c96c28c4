"""Consumers of the dataset: the comparison report (`councilpapers compare`), the evidence
viewer (`councilpapers show`) and the headless-browser check of the report."""
