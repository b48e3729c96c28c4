"""One list of fact tables (schemas.names): the registry, the record types, the schemas and the
scorer cover exactly that list, and no runtime module writes a table name out as a literal."""

from __future__ import annotations

import ast

from evaluation.evaluate import SCORED
from extractors import EXTRACTORS
from schemas.names import DOCUMENT_TABLES, FACT_TABLES, TABLES
from schemas.records import RECORD_TABLES
from schemas.tables import SCHEMAS
from tests.conftest import ROOT


def test_every_part_covers_exactly_the_fact_tables():
    assert list(EXTRACTORS) == list(FACT_TABLES)
    assert sorted(RECORD_TABLES.values()) == sorted(FACT_TABLES)
    assert list(SCHEMAS) == list(TABLES) == [*DOCUMENT_TABLES, *FACT_TABLES]
    assert set(FACT_TABLES) <= set(SCORED)


def test_fact_table_names_are_written_out_only_in_schemas_names():
    """(An extractor family's own modules are exempt: "priorities" is also a word they look for.)"""
    names = {t.value for t in FACT_TABLES}
    found = []
    for package in ("schemas", "pipeline", "extractors", "evaluation", "analysis", "flows"):
        for path in (ROOT / package).rglob("*.py"):
            family = path.parent.relative_to(ROOT).parts[:2]
            if path == ROOT / "schemas" / "names.py" or (family[0] == "extractors" and len(family) > 1):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and node.value in names:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert found == []
