"""Intrusion detection: the Snort sensor fleet, its golden image and the HTTPS edge; templates under assets/."""

from .fleet import GwlbRouting, IdsFleet
from .image import SensorImage
from .ingress import IngressEdge
from .spec import IdsSpec, IngressSpec

__all__ = [
    "GwlbRouting",
    "IdsFleet",
    "IdsSpec",
    "IngressEdge",
    "IngressSpec",
    "SensorImage",
]
