"""The gate's findings model: a finding, one stack's result, one stack's outcome, and the exit codes.

Shared by the gate (which makes them), the report formats and ``lz report`` (which read them), so none
of those imports another to get at them.

Exit codes: 0 no mandatory violation; 1 a mandatory violation; 2 invalid input (project or stack file,
unknown stack, stack config the program rejects, invalid policy config, a pack that will not start, or
a pack that dies); 3 the program crashed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lz.baseline import NEW, BaselineComparison
from lz.baseline import identity as finding_identity
from lz.exemptions import AppliedExemption, ExemptionUse
from lz.graph import ResourceGraph
from lz.policy_config import PolicyMeta
from lz.source import SourceLocation

EXIT_OK, EXIT_VIOLATIONS, EXIT_INVALID_INPUT, EXIT_PROGRAM_CRASHED = 0, 1, 2, 3


@dataclass(frozen=True)
class Finding:
    """One diagnostic joined to its resource and to the rule metadata the pack published."""

    policy: str
    title: str
    message: str
    enforcement_level: str
    severity: str
    frameworks: dict[str, list[str]]
    remediation: str
    urn: str
    resource_type: str | None
    resource_name: str | None
    parent: str | None
    property_path: str | None
    #: Where the program declared the resource (see lz.source), and the rest of that chain.
    location: SourceLocation | None = None
    related: tuple[SourceLocation, ...] = ()
    #: What a finding on no resource is about (lz's own findings: the unanswered invoke's token).
    subject: str | None = None
    #: The policy-exemptions.yaml entry that matched it (lz.exemptions), in force or expired.
    exemption: AppliedExemption | None = None

    @property
    def exempted(self) -> bool:
        """An exemption in force accepts it: reported, but it does not count toward the exit code."""
        return self.exemption is not None and not self.exemption.expired

    @property
    def identity(self) -> str:
        """What is wrong on which resource, never where: the SARIF ``lzFinding/v1`` fingerprint."""
        return finding_identity(self.policy, self.urn, self.property_path, self.subject)

    @property
    def control(self) -> str:
        cis = self.frameworks.get("cis-aws-3.0")
        return f"CIS {', '.join(cis)}" if cis else self.policy

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "title": self.title,
            "message": self.message,
            "enforcementLevel": self.enforcement_level,
            "severity": self.severity,
            "frameworks": self.frameworks,
            "remediation": self.remediation,
            "control": self.control,
            "fingerprint": self.identity,
            "resource": {
                "urn": self.urn or None,
                "type": self.resource_type,
                "name": self.resource_name,
                "parent": self.parent,
            },
            "property": self.property_path,
            "subject": self.subject,
            "exemption": None if self.exemption is None else self.exemption.to_json(),
            "location": None if self.location is None else {
                **self.location.to_json(), "related": [r.to_json() for r in self.related]},
        }


@dataclass
class GateResult:
    project: str
    stack: str
    stack_file: str
    pack: str
    pack_version: str
    resource_count: int
    findings: list[Finding]
    policies: dict[str, PolicyMeta] = field(default_factory=dict)
    #: The directory finding locations are relative to (the program's git toplevel, else the program).
    source_root: Path | None = None
    #: What the program registered (for the preview summary); not part of any report format.
    graph: ResourceGraph | None = field(default=None, repr=False, compare=False)
    #: The findings against a baseline (``--baseline`` / ``--base-ref``), set by ``lz check``.
    comparison: BaselineComparison | None = field(default=None, compare=False)
    #: The exemptions file applied to the findings (lz.exemptions.apply_exemptions), if there was one.
    exemptions: ExemptionUse | None = field(default=None, compare=False)

    @property
    def counted(self) -> list[Finding]:
        """Every finding but those an exemption in force accepts (an expired one counts again)."""
        return [f for f in self.findings if not f.exempted]

    @property
    def exempted(self) -> list[Finding]:
        return [f for f in self.findings if f.exempted]

    @property
    def mandatory(self) -> list[Finding]:
        return [f for f in self.counted if f.enforcement_level == "mandatory"]

    @property
    def advisory(self) -> list[Finding]:
        return [f for f in self.counted if f.enforcement_level != "mandatory"]

    @property
    def blocking(self) -> list[Finding]:
        """The mandatory findings that fail the gate: all, or with ``--fail-on new`` only the new ones."""
        if self.comparison is not None and self.comparison.fail_on == "new":
            return [f for f in self.mandatory if self.comparison.states.get(f.identity) == NEW]
        return self.mandatory

    def state(self, finding: Finding) -> str | None:
        return None if self.comparison is None else self.comparison.states.get(finding.identity)

    @property
    def exit_code(self) -> int:
        return EXIT_VIOLATIONS if self.blocking else EXIT_OK


@dataclass
class StackOutcome:
    """What ``lz check`` learnt about one stack: the gate's result, or why the gate could not run."""

    stack: str
    code: int
    result: GateResult | None = None
    error: str | None = None
