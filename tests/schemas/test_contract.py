"""The data contract is frozen: schema snapshot, records match schemas, docs cover every column."""

from __future__ import annotations

import dataclasses
import json
import os
import re

import pytest

from extractors import EXTRACTORS
from schemas.names import FACT_TABLES
from schemas.records import RECORD_TABLES
from schemas.tables import COMMON_FIELDS, SCHEMAS
from tests.conftest import ROOT

SNAPSHOT = ROOT / "tests" / "schemas" / "snapshots" / "schemas.json"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _describe():
    return {name: [[f.name, str(f.type)] for f in schema] for name, schema in SCHEMAS.items()}


def test_update_switch_is_never_on_in_ci():
    assert not (UPDATE and os.environ.get("CI")), "UPDATE_GOLDEN=1 must not be set in CI"


def test_schemas_match_the_frozen_snapshot():
    if UPDATE:
        SNAPSHOT.write_text(json.dumps(_describe(), indent=1) + "\n")
    frozen = json.loads(SNAPSHOT.read_text())
    current = _describe()
    for table, columns in frozen.items():
        # Columns may be added, never renamed, retyped or dropped.
        assert current[table][: len(columns)] == columns, f"{table}: contract columns changed"


@pytest.mark.parametrize("record, table", list(RECORD_TABLES.items()))
def test_record_fields_are_exactly_the_tables_columns(record, table):
    fields = {f.name for f in dataclasses.fields(record)}
    common = {f.name for f in COMMON_FIELDS} - {"char_start", "char_end"}
    assert fields | common == set(SCHEMAS[table].names)


def test_registry_keys_are_the_fact_tables():
    assert sorted(EXTRACTORS) == sorted(FACT_TABLES)


def test_readme_extractor_table_lists_every_registry_key():
    readme = (ROOT / "README.md").read_text()
    for key in EXTRACTORS:
        assert re.search(rf"^\| `{key}` \|", readme, re.M), f"README extractor table lacks {key}"


def test_data_dictionary_documents_every_column():
    doc = (ROOT / "docs" / "data_dictionary.md").read_text()
    for table, schema in SCHEMAS.items():
        section = doc.split(f"## `{table}`", 1)
        assert len(section) == 2, f"no section for {table}"
        body = section[1].split("\n## ", 1)[0]
        for name in schema.names:
            assert f"`{name}`" in body, f"{table}.{name} undocumented"
