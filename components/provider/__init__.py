"""The component package: our components for TypeScript, Go, C#, YAML (any Pulumi language).

`PulumiPlugin.yaml` (runtime python) and `__main__.py` here make this directory a source-based Pulumi
plugin package; `pulumi package add <this directory>` generates an SDK in the consumer's language.
The schema is inferred by `pulumi.provider.experimental` from the wrapper classes' `args` TypedDicts
and output annotations; each wrapper validates its arguments into our specs and builds the real
component as its child.
"""

from __future__ import annotations

from .args import PACKAGE, VERSION, Environment
from .firewall import SecurityTiers, SecurityTiersArgs
from .identity import Identity, IdentityArgs
from .ids import IdsFleet, IdsFleetArgs
from .landing_zone import LandingZone, LandingZoneArgs
from .network import Tier, VpcIsland, VpcIslandArgs
from .storage import EncryptedBucket, EncryptedBucketArgs

#: What the package exposes.
COMPONENTS = (VpcIsland, SecurityTiers, EncryptedBucket, IdsFleet, Identity, LandingZone)

__all__ = [
    "COMPONENTS", "PACKAGE", "VERSION", "EncryptedBucket", "EncryptedBucketArgs", "Environment", "Identity",
    "IdentityArgs", "IdsFleet", "IdsFleetArgs", "LandingZone", "LandingZoneArgs", "SecurityTiers",
    "SecurityTiersArgs", "Tier", "VpcIsland", "VpcIslandArgs",
]
