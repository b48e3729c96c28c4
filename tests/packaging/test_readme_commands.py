"""Each README code example names the command that installs what it needs, and that command does.

The examples themselves are run by tests/test_readme.py (data loading) and
tests/flows/test_readme_prefect.py (Prefect and Dask); here: every example is covered by
one of them, and the `make` target named before it installs every distribution it imports.
"""

from __future__ import annotations

import re
import subprocess
from functools import cache
from importlib.metadata import packages_distributions

import pytest

from tests.conftest import ROOT
from tools.check_deps import imports_in, local_names, normalise
from tools.lock import pins

README = (ROOT / "README.md").read_text()
BLOCK = re.compile(r"```python\n(.*?)```", re.S)
RUN_BY_TESTS = ("## Load the data in a notebook", "## Running the Prefect flow")


def examples() -> list[tuple[str, str]]:
    """(text since the previous example, code) for every Python example in the README."""
    found, last = [], 0
    for m in BLOCK.finditer(README):
        found.append((README[last : m.start()], m.group(1)))
        last = m.end()
    return found


@cache
def installed_by(target: str) -> frozenset[str]:
    """Distributions `make TARGET` installs: its pip extras, followed through their requirements."""
    dry = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True)
    extras = set()
    for line in dry.stdout.splitlines():
        if m := re.search(r"pip install .*-e '?\.(?:\[([a-z,]+)\])?'?", line):
            extras.update(filter(None, (m.group(1) or "").split(",")))
    assert "pip install" in dry.stdout, f"make {target} installs nothing"
    return frozenset(pins(extras=tuple(extras)))


def test_every_readme_example_is_run_by_a_test():
    sections = [README.split(h, 1)[1].split("\n## ", 1)[0] for h in RUN_BY_TESTS]
    run = [code for s in sections for code in BLOCK.findall(s)]
    assert run and [code for _text, code in examples()] == run


@pytest.mark.parametrize("index", range(len(examples())))
def test_the_command_named_before_an_example_installs_what_it_imports(index):
    text, code = examples()[index]
    named = re.findall(r"`make ([a-z-]+)`", text)
    assert named, f"no `make` command named before README example {index + 1}:\n{code}"
    provided = installed_by(named[0])
    owners = packages_distributions()
    local = local_names(ROOT)
    for name in imports_in(code) - local:
        dists = {normalise(d) for d in owners.get(name, [])}
        assert dists & provided, f"`make {named[0]}` does not install {name} for README example {index + 1}"


def test_core_install_leaves_out_the_extras():
    """The point of the extras: `make run` alone installs neither JupyterLab, polars nor Dask."""
    assert not {"jupyterlab", "polars", "duckdb", "prefect-dask"} & installed_by("run")
    assert {"polars", "duckdb", "jupyterlab"} <= installed_by("notebook")
    assert "prefect-dask" in installed_by("install-dask")
