"""Which controls each component implements, so ``lz report`` can name the resources behind a control.

Keyed by the component's type token; the values are ``<framework>:<control>`` ids as the policy rules
carry them (``seed:<characteristic>`` for the rows of the controls table, ``cis-aws-5.0:3.1``,
``aws-fsbp:CloudTrail.1``). ``lz report`` reads this file as data (it imports nothing from
``components/``): a control maps to every resource registered below a component that declares it.
A table, not an attribute on each class, so the component classes stay free of report concerns.
Keep a declaration to what the component builds by default; a rule's verdict says whether it holds.
"""

from __future__ import annotations

IMPLEMENTS: dict[str, tuple[str, ...]] = {
    # network: islands, tiers, NACL deny lists, default SG emptied, flow logs, interface endpoints
    "lz:network:VpcIsland": (
        "seed:isolated-and-controlled", "seed:firewalled", "seed:audited", "seed:high-availability",
        "cis-aws-5.0:3.7", "cis-aws-5.0:5.5", "aws-fsbp:EC2.6", "aws-fsbp:EC2.2", "aws-fsbp:EC2.15",
    ),
    "lz:network:IslandInterconnect": ("seed:isolated-and-controlled",),
    "lz:firewall:SecurityTiers": ("seed:firewalled", "seed:rate-limiting-isolation"),
    "lz:access:ClientVpn": ("seed:secure-access", "seed:logging", "aws-fsbp:EC2.51"),
    "lz:ids:IngressEdge": ("seed:secure-access", "seed:rate-limiting-isolation", "seed:intrusion-detection"),
    "lz:ids:IdsFleet": ("seed:intrusion-detection", "seed:antivirus", "seed:logging", "seed:high-availability"),
    "lz:ids:SensorImage": ("seed:intrusion-detection", "seed:antivirus", "seed:frequent-updates"),
    "lz:audit:Trail": (
        "seed:audited", "seed:centralized-alerts", "seed:logging",
        "cis-aws-5.0:3.1", "cis-aws-5.0:3.2", "cis-aws-5.0:3.5", "aws-fsbp:CloudTrail.1",
        "aws-fsbp:CloudTrail.2", "aws-fsbp:CloudTrail.4", "aws-fsbp:CloudTrail.5",
    ),
    "lz:audit:ConfigRecorder": (
        "seed:configuration-analysis", "seed:audited", "seed:regulatory-compliance", "seed:governed-regions",
        "cis-aws-5.0:3.3", "aws-fsbp:Config.1",
    ),
    "lz:audit:LogArchive": ("seed:audited", "seed:data-encryption", "seed:logging"),
    "lz:audit:ThreatDetection": (
        "seed:intrusion-detection", "seed:one-spot-monitoring", "seed:user-management",
        "seed:organization-monitoring", "seed:governed-regions", "aws-fsbp:GuardDuty.1",
    ),
    "lz:isolation:AutomatedIsolation": ("seed:rate-limiting-isolation",),
    "lz:logging:LogGroups": ("seed:logging", "seed:data-encryption"),
    "lz:monitoring:Alerts": ("seed:centralized-alerts",),
    "lz:monitoring:Dashboard": ("seed:one-spot-monitoring",),
    # the CIS 4.x filters and alarms on the organization trail's log group (org stack)
    "lz:monitoring:CisAlarms": ("seed:centralized-alerts", "seed:organization-monitoring"),
    "lz:storage:AccountGuardrails": (
        "seed:data-encryption", "seed:governed-regions", "cis-aws-5.0:5.1.1", "aws-fsbp:EC2.7", "aws-fsbp:S3.1",
    ),
    "lz:storage:EncryptedBucket": ("seed:data-encryption",),
    "lz:storage:ManagedKey": ("seed:data-encryption", "cis-aws-5.0:3.6", "aws-fsbp:KMS.4"),
    "lz:updates:PatchManagement": ("seed:frequent-updates",),
    "lz:identity:Identity": ("seed:user-management", "seed:one-time-password"),
    # organization stack: the organization, its guardrails, delegated security, trail and identity
    "lz:organization:Organization": ("seed:isolated-accounts",),
    "lz:organization:GuardrailPolicies": ("seed:isolated-accounts", "seed:governed-regions"),
    "lz:organization:DelegatedSecurity": (
        "seed:organization-monitoring", "seed:one-spot-monitoring", "seed:intrusion-detection",
        "seed:configuration-analysis", "seed:governed-regions",
    ),
    "lz:organization:OrganizationTrail": (
        "seed:organization-monitoring", "seed:audited", "seed:logging", "seed:data-encryption",
    ),
    "lz:organization:OrgAccountBaseline": ("seed:governed-regions", "seed:configuration-analysis",
                                           "seed:data-encryption"),
    "lz:organization:IdentityCenter": ("seed:isolated-accounts", "seed:user-management"),
}
