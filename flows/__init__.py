"""Prefect flows over the pipeline: `extract_papers` (flows.extract) and `scrape_councils` (flows.scrape).

Importing this package switches Prefect's telemetry off unless the user chose otherwise:
offline, the server's analytics heartbeat and the SDK's usage events only log errors. It
runs before any flow module imports prefect, and the settings reach the temporary Prefect
server and any Dask worker through the environment they inherit.
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from pipeline import origin  # noqa: E402 - after the settings; checks the sibling packages are ours

origin.check()
