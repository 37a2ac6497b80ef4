"""Entry point the Pulumi CLI (or ``lz check``) starts as ``python -u __main__.py`` in this directory.

Serves the pack named by $LZ_POLICY_PACK (default aws-landing-zone) and prints its port.
"""

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
#: The package name when the directory's own name is none (the CLI may unpack a published pack anywhere).
FALLBACK_PACKAGE = "lz_policy_pack"


def load_package() -> str:
    """Load this directory as a package and return its name: ``policies`` in a checkout,
    ``lz_policies`` installed. A script's directory is first on sys.path; it is taken off, so no module
    of the pack can be imported a second time as a top-level one (``import framework``)."""
    if __package__:  # python -m policies
        return __package__
    sys.path[:] = [p for p in sys.path if Path(p or os.curdir).resolve() != HERE]
    name = HERE.name if HERE.name.isidentifier() else FALLBACK_PACKAGE
    spec = importlib.util.spec_from_file_location(name, HERE / "__init__.py", submodule_search_locations=[str(HERE)])
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the policy pack in {HERE} as a package")
    package: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    return name


PACKAGE = load_package()
fastpath = importlib.import_module(f"{PACKAGE}.fastpath")
packs = importlib.import_module(f"{PACKAGE}.packs")

from pulumi_policy import EnforcementLevel, PolicyPack  # noqa: E402

fastpath.install()

NAME = os.environ.get("LZ_POLICY_PACK", packs.DEFAULT_PACK)
if NAME not in packs.PACKS:  # the Pulumi CLI shows a plugin's stderr: one line, not a KeyError traceback
    sys.exit(f"error: unknown policy pack {NAME!r} (LZ_POLICY_PACK) in {HERE}; known: {', '.join(packs.PACKS)}")
PolicyPack(
    name=NAME,
    policies=packs.build_policies(NAME),
    enforcement_level=EnforcementLevel.ADVISORY,
    description="AWS landing zone guardrails: CIS AWS Foundations v3.0.0 and the seed's characteristics",
    provider="aws",
    tags=["aws", "cis-aws-3.0"],
)
