"""Shared test setup: offline Prefect, and paths to the bundled fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Offline, Prefect logs telemetry errors unless analytics are off; set before any import.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
# A flow run without a server starts a temporary one; on a loaded machine 20 s is too short.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.fixture
def seeds() -> list[Path]:
    return SEEDS
