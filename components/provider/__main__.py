"""Entry point of the component package: serves the wrappers through Pulumi's component provider host.

The language host runs this directory (`python <dir> <engine address> ...`), so the library is imported
by its package name: `components` in a checkout, `lz_components` installed.
"""

import importlib
import sys
from pathlib import Path

from pulumi.provider.experimental import component_provider_host

if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here.parents[1]))
    package = importlib.import_module(f"{here.parent.name}.provider")
    component_provider_host(list(package.COMPONENTS), name=package.PACKAGE, version=package.VERSION)
