"""Network domain: VPC islands and their Transit Gateway interconnect (row 1)."""

from .interconnect import IslandInterconnect
from .public_access import PublicAccessExclusions
from .spec import FlowLogSpec, IslandSpec, NaclDenyEntry, NetworkSpec, TierSpec
from .vpc_island import VpcIsland

__all__ = [
    "FlowLogSpec",
    "IslandInterconnect",
    "IslandSpec",
    "NaclDenyEntry",
    "NetworkSpec",
    "PublicAccessExclusions",
    "TierSpec",
    "VpcIsland",
]
