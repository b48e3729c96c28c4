"""Developer tools: dependency check and lock file (not installed with the package)."""
