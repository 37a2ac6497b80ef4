"""Entry point the Pulumi CLI (or ``lz check``) starts as ``python -u __main__.py`` in this directory.

Serves the pack named by $LZ_POLICY_PACK (default aws-landing-zone) and prints its port.
"""

import os
import sys
from pathlib import Path

# Rules import ``framework`` and ``rules._lib`` as top-level modules, whatever the working directory.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fastpath
import packs
from pulumi_policy import EnforcementLevel, PolicyPack

fastpath.install()

NAME = os.environ.get("LZ_POLICY_PACK", packs.DEFAULT_PACK)
PolicyPack(
    name=NAME,
    policies=packs.build_policies(NAME),
    enforcement_level=EnforcementLevel.ADVISORY,
    description="AWS landing zone guardrails: CIS AWS Foundations v3.0.0 and the seed's characteristics",
    provider="aws",
    tags=["aws", "cis-aws-3.0"],
)
