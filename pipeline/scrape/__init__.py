"""Polite, incremental scraping of ModernGov council sites (fetch apart from parse).

- config: councils as data (`load_councils`, `load_config`)
- http: the polite client (interval per host, robots.txt, retries, bounded, on-host only)
- urls, moderngov: URL builders; parsers for web-service XML and HTML pages (bytes in, records out)
- state: the SQLite state store in the output root
- scrape: `scrape(...)`, the orchestration-free entry point (discovery); download: fetch, check,
  store content-addressed; handoff: pass new documents to `pipeline.run.run_batch`, each
  ending with an outcome; report: what a run found and did, per council
- cli: the `councilpapers scrape` subcommand
flows/scrape.py wraps it all in a Prefect flow with weekly deployments; the offline fixture
server the tests scrape is tests/scrape/server.py.
"""

from pipeline.scrape.config import Council, ScrapeSettings, load_config, load_councils

__all__ = ["Council", "ScrapeSettings", "load_config", "load_councils"]
