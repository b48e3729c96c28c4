"""councilpapers core: ingest, normalise, extract and write, with no orchestration."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("councilpapers")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+local"

from pipeline import origin  # noqa: E402 - needs nothing above; kept after the version for clarity

origin.check()
