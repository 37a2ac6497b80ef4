"""Renders docs/components.md from the components themselves: signatures, spec fields with defaults,
inputs, outputs, plus one runnable example each (executed by test_component_docs.py).

Regenerate after changing a component or a spec: `.venv/bin/python -m tests.components.component_docs`.
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

import components as lz
from components.audit import AuditBaseline
from components.storage import AccountGuardrails

DOC = Path(__file__).resolve().parents[2] / "docs" / "components.md"
#: The component package's schema, as `pulumi package get-schema` yields it (pinned by tests/realengine).
SCHEMA = DOC.parents[1] / "components" / "provider" / "schema.json"

PRELUDE = '''from components import Environment

# Account, region and partition from the provider; tags on every resource; protect=False only outside prod.
env = Environment.resolve("dev", owner="shop-team", extra_tags={"cost-center": "42"}, protect=False)
'''

NETWORK = '''from components.network import NetworkSpec

network = NetworkSpec.model_validate({"azCount": 2, "islands": [
    {"name": "shop", "cidr": "10.30.0.0/16", "tiers": [
        {"name": "public", "kind": "public"}, {"name": "inspection", "kind": "inspection"},
        {"name": "app", "kind": "private"}]},
    {"name": "data", "cidr": "10.40.0.0/16", "tiers": [{"name": "db", "kind": "isolated"}]}],
    "peers": [["shop", "data"]]})
'''

#: (component, what it builds, example). Examples run as written, after PRELUDE, under the mock engine.
SECTIONS: list[tuple[type, str, str]] = [
    (lz.VpcIsland, "One VPC from its island spec: subnets per tier and AZ (stable slots), route tables, NAT "
     "and internet gateways as the tiers need, a NACL per tier (deny list first), gateway and interface "
     "endpoints, the default SG emptied, and flow logs (ALL) into a KMS-encrypted log group.",
     NETWORK + '''from components import VpcIsland, resolve_azs

islands = {i.name: VpcIsland(f"shop-{i.name}", i, env=env, network=network, az_names=resolve_azs(2))
           for i in network.islands}
'''),
    (lz.IslandInterconnect, "A Transit Gateway (default association and propagation off), one attachment and "
     "one TGW route table per island, propagations and VPC routes only for the allow-listed `peers`.",
     NETWORK + '''from components import IslandInterconnect

# Any VPCs, yours or VpcIsland's: ids per island name of the network spec.
tgw = IslandInterconnect(
    "shop-tgw", network, env=env, vpc_ids={"shop": "vpc-0a1", "data": "vpc-0b2"},
    attachment_subnet_ids={"shop": ["subnet-1", "subnet-2"], "data": ["subnet-3", "subnet-4"]},
    peer_route_table_ids={"shop": {"app": "rtb-1"}, "data": {"db": "rtb-2"}})
'''),
    (lz.PublicAccessExclusions, "VPC Block Public Access exclusions for the subnets that must meet the internet "
     "(an organization's declarative EC2 policy turns BPA on in its members): `allow-bidirectional` where a "
     "public load balancer listens, `allow-egress` where only NAT gateways sit. LandingZone makes them in "
     "organization mode for every public tier.",
     '''from components.network import PublicAccessExclusions

# Any subnets, yours or VpcIsland's: per group, the exclusion mode and the subnet ids in AZ order.
PublicAccessExclusions("shop-bpa-exclusions", env=env, subnets={
    "shop-public": ("allow-bidirectional", ["subnet-0a1", "subnet-0a2"]),
    "data-nat": ("allow-egress", ["subnet-0b1"])})
'''),
    (lz.SecurityTiers, "One whitelisting security group per tier, rules only for the configured flows (SG "
     "references across islands, each with a description), and a quarantine SG with no rules per island.",
     NETWORK + '''from components import SecurityTiers
from components.firewall import FirewallSpec

firewall = FirewallSpec.model_validate({"flows": [
    {"from": "internet", "to": "public", "ports": ["https"], "description": "TLS ingress"},
    {"from": "app", "to": "db", "ports": ["postgres"], "description": "app to its database"}]})
# Bring your own VPCs: their ids, the SG of their interface endpoints and their gateway prefix lists.
tiers = SecurityTiers("shop-sg", firewall, env=env, network=network,
                      vpc_ids={"shop": "vpc-0a1", "data": "vpc-0b2"},
                      endpoint_security_group_ids={"shop": "sg-0e1", "data": "sg-0e2"},
                      gateway_prefix_list_ids={"shop": {"s3": "pl-1", "dynamodb": "pl-2"},
                                               "data": {"s3": "pl-1", "dynamodb": "pl-2"}})
'''),
    (lz.StorageBaseline, "The KMS keys of every purpose (logs, data, alerts: rotation, least-privilege key "
     "policies) and the account guardrails (EBS encryption by default with the data key, S3 account public "
     "access block).",
     '''from components import StorageBaseline, StorageSpec

storage = StorageBaseline("shop-storage", StorageSpec(), env=env)
data_key_arn = storage.key_arns["data"]
'''),
    (lz.ManagedKey, "One purpose's customer managed key (rotation, deletion window, key policy) and its alias.",
     '''from components import KeySpec, ManagedKey

key = ManagedKey("shop-data", KeySpec(), env=env, purpose="data")
'''),
    (lz.EncryptedBucket, "An S3 bucket that is SSE-KMS with a bucket key (or SSE-S3 for ALB logs), versioned, "
     "private (all four public-access-block flags, owner enforced), TLS-only and encrypted-upload-only, with "
     "a lifecycle to archive tiers, optional object lock, and access logging.",
     '''from components import BucketSpec, EncryptedBucket

key_arn = "arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-0123-0123-0123456789ab"
logs = EncryptedBucket("shop-access-logs", BucketSpec(purpose="shop-access-logs", require_encryption_header=False),
                       env=env, kms_key_arn=key_arn, access_log_bucket=None)
orders = EncryptedBucket("shop-orders", BucketSpec(purpose="shop-orders"), env=env, kms_key_arn=key_arn,
                         access_log_bucket=logs.bucket_name)
'''),
    (AccountGuardrails, "Account-wide defaults: EBS encryption by default with the given key, the S3 account "
     "public access block. No spec: nothing in it is optional.",
     '''from components.storage import AccountGuardrails

AccountGuardrails("shop-guardrails", env=env,
                  data_key_arn="arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-0123-0123-0123456789ab")
'''),
    (AuditBaseline, "The log archive (object lock in production), its access-log bucket, CloudTrail "
     "(multi-region, validated, KMS, CloudWatch Logs delivery, S3 data events), AWS Config recorder, delivery "
     "channel and managed rules, GuardDuty with its protection plans, Security Hub standards and Access Analyzer.",
     '''from components import AuditBaseline, AuditSpec, StorageSpec

audit = AuditBaseline("shop-audit", AuditSpec(), env=env, storage=StorageSpec(),
                      logs_key_arn="arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-0123-0123-0123456789ab")
'''),
    (lz.LogGroups, "KMS-encrypted log groups (vpn, ids, hids, antivirus, nginx) with retention, each exported "
     "to the log archive through a subscription filter and a Firehose stream; `exports` sends other "
     "components' log groups the same way.",
     '''from components import LoggingSpec, LogGroups

logs = LogGroups("shop-logs", LoggingSpec(), env=env,
                 logs_key_arn="arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-0123-0123-0123456789ab",
                 log_archive_bucket_arn="arn:aws:s3:::lz-dev-log-archive-123456789012-eu-west-1",
                 exports={"app": "/shop/dev/app"})
'''),
    (lz.Monitoring, "A KMS-encrypted alerts topic and its subscriptions, the CIS 4.x metric filters and alarms "
     "on the trail's log group, EventBridge rules for GuardDuty, Security Hub and Config findings, a dashboard.",
     '''from components import Monitoring, MonitoringSpec

monitoring = Monitoring(
    "shop-monitoring", MonitoringSpec.model_validate({"subscriptions": [{"protocol": "email",
                                                                         "endpoint": "sec@example.com"}]}),
    env=env, alerts_key_arn="arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-0123-0123-0123456789ab",
    trail_log_group_name="/lz/dev/cloudtrail", flow_log_group_names=["/lz/dev/vpc-flow-logs/shop"])
'''),
    (lz.Identity, "The CIS password policy, IAM groups by job function with the deny-unless-MFA policy, MFA-only "
     "roles with a permissions boundary, the support role, optional users, and Access Analyzer.",
     '''from components import Identity, IdentitySpec

identity = Identity("shop-identity", IdentitySpec(), env=env)
'''),
    (lz.PatchManagement, "An SSM patch baseline, patch group, maintenance window with AWS-RunPatchBaseline, "
     "agent-update association, and the instance role and profile (SSM core, CloudWatch agent).",
     '''from components import PatchManagement, UpdatesSpec

patching = PatchManagement("shop-updates", UpdatesSpec(), env=env)
'''),
    (lz.ClientVpn, "AWS Client VPN (mutual TLS or SAML, split tunnel, connection logs), its network "
     "associations, authorization rules and routes per reachable island, and its security group.",
     '''from components import AccessSpec, ClientVpn

cert = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
vpn = ClientVpn(
    "shop-vpn", AccessSpec.model_validate({"enabled": True, "homeIsland": "shop", "homeTier": "app",
                                           "serverCertificateArn": cert, "clientRootCertificateArn": cert,
                                           "clientCidr": "172.16.0.0/20",
                                           "islands": [{"name": "shop"}]}),
    env=env, vpc_id="vpc-0a1", subnet_ids=["subnet-1", "subnet-2"], island_cidrs={"shop": "10.30.0.0/16"},
    logs_key_arn="arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-0123-0123-0123456789ab")
'''),
    (lz.IngressEdge, "The public ALB (TLS 1.3 HTTPS, HTTP only redirects, access logs, WAF with a per-IP rate "
     "limit and AWS managed rules) and the internal ALB in the app tier; with `sensors` in mode alb-proxy it "
     "owns the sensors' target group its HTTPS listener forwards to.",
     '''from components import IdsSpec, IngressEdge, IngressSpec

cert = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
edge = IngressEdge(
    "shop-edge", IngressSpec(certificate_arn=cert, internal_certificate_arn=cert,
                             internal_host_name="app.shop.internal.example.com"),
    env=env, public_subnet_ids=["subnet-p1", "subnet-p2"], public_security_group_id="sg-public",
    app_vpc_id="vpc-0a1", app_subnet_ids=["subnet-a1", "subnet-a2"], app_security_group_id="sg-app",
    access_log_bucket_name="lz-dev-elb-logs-123456789012-eu-west-1",
    logs_key_arn="arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-0123-0123-0123456789ab",
    sensors=IdsSpec(), sensor_vpc_id="vpc-0a1")
'''),
    (lz.IdsFleet, "Snort 3 sensors: a hardened launch template (IMDSv2, encrypted gp3, no public IP, user data "
     "with Snort, OSSEC/Wazuh, ClamAV, nginx, CloudWatch agent) and an autoscaling group across the inspection "
     "subnets, the Snort alert metric filter and alarm; mode gwlb adds a Gateway Load Balancer, its endpoint "
     "service, endpoints and routes.",
     '''from components import IdsFleet, IdsSpec

fleet = IdsFleet(
    "shop-ids", IdsSpec(golden_image=False), env=env, vpc_id="vpc-0a1",
    subnet_ids=["subnet-i1", "subnet-i2"], security_group_id="sg-inspection",
    data_key_arn="arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-0123-0123-0123456789ab",
    instance_profile_name="shop-instance-profile", instance_tags={"Patch Group": "shop"},
    log_group_names={k: f"/shop/dev/{k}" for k in ("snort", "hids", "antivirus", "nginx")},
    alerts_topic_arn="arn:aws:sns:eu-west-1:123456789012:shop-alerts",
    upstream_url="https://internal-shop-app.eu-west-1.elb.amazonaws.com",
    target_group_arn="arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-ids/0123456789abcdef")
'''),
    (lz.SensorImage, "The sensors' golden AMI: an EC2 Image Builder pipeline (Snort 3, OSSEC, ClamAV, nginx, "
     "CloudWatch agent) rebuilt on `imageSchedule`, publishing its AMI id to an SSM parameter.",
     '''from components import IdsSpec, SensorImage

image = SensorImage("shop-sensor-image", IdsSpec(), env=env, subnet_id="subnet-i1",
                    security_group_id="sg-inspection",
                    kms_key_arn="arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-0123-0123-0123456789ab")
'''),
    (lz.LandingZone, "The whole environment from one validated `LandingZoneConfig` (the `landing-zone:*` "
     "namespace of a stack file; see the README's configuration table): every component above, wired by "
     "Inputs, under one tag transformation.",
     '''from components import LandingZone, resolve_azs, validate_config

config = validate_config({
    "environment": "dev", "protectEvidence": False, "tags": {"owner": "shop-team", "extra": {"cost-center": "42"}},
    "ingress": {"enabled": False},
    "network": {"azCount": 2, "islands": [{"name": "shop", "cidr": "10.30.0.0/16", "tiers": [
        {"name": "public", "kind": "public"}, {"name": "app", "kind": "private"}]}]}})
zone = LandingZone("lz-dev", config, env=env, az_names=resolve_azs(config.network.az_count))
'''),
    (lz.AutomatedIsolation, "A GuardDuty EC2 finding rule -> Lambda (KMS-encrypted environment, least-privilege "
     "role, dead-letter queue, its own log group) that moves the instance to its VPC's quarantine SG, "
     "snapshots its volumes, tags it and notifies.",
     '''from components import AutomatedIsolation, IsolationSpec

key = "arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-0123-0123-0123456789ab"
isolation = AutomatedIsolation("shop-isolation", IsolationSpec(), env=env,
                               alerts_topic_arn="arn:aws:sns:eu-west-1:123456789012:shop-alerts",
                               env_key_arn=key, logs_key_arn=key, vpc_ids=["vpc-0a1"])
'''),
]

SPEC_OF = {lz.IslandInterconnect: lz.NetworkSpec, AuditBaseline: lz.AuditSpec, lz.LandingZone: lz.LandingZoneConfig}


def _default(field: Any) -> str:
    if field.is_required():
        return "required"
    value = field.default_factory() if field.default_factory is not None else field.default
    if isinstance(value, BaseModel):
        return "(defaults below)"
    if value is PydanticUndefined:
        return "required"
    return f"`{value!r}`"


def spec_table(spec: type[BaseModel], nested: str = "(defaults below)") -> list[str]:
    rows = ["| field | default | meaning |", "| --- | --- | --- |"]
    for name, field in spec.model_fields.items():
        description = (field.description or "").replace("|", "\\|").replace("\n", " ")
        shown = _default(field).replace("(defaults below)", nested)
        rows.append(f"| `{field.alias or name}` | {shown} | {description} |")
    return rows


def spec_type(component: type) -> type[BaseModel] | None:
    if component in SPEC_OF:
        return SPEC_OF[component]
    parameter = inspect.signature(component.__init__).parameters.get("spec")
    if parameter is None:
        return None
    from components import storage

    annotation = str(parameter.annotation)
    return getattr(lz, annotation, None) or getattr(storage, annotation)  # type: ignore[no-any-return]


def inputs_of(component: type) -> list[str]:
    rows = []
    for name, parameter in inspect.signature(component.__init__).parameters.items():
        if name in ("self", "name", "spec", "config", "opts"):
            continue
        default = "" if parameter.default is inspect.Parameter.empty else f" = `{parameter.default!r}`"
        rows.append(f"- `{name}: {parameter.annotation}`{default}")
    return rows


def outputs_of(component: type) -> str:
    names = [n for n in getattr(component, "__annotations__", {}) if not n.startswith("_")]
    return ", ".join(f"`{n}`" for n in names) if names else "(see the component's attributes)"


def other_languages(component: type) -> list[str]:
    """The component's resource in the component package, if it is one, with its camelCase names."""
    package = json.loads(SCHEMA.read_text())
    resource = package["resources"].get(f"{package['name']}:index:{component.__name__}")
    if resource is None:
        return []
    inputs = ", ".join(f"`{n}`" for n in sorted(resource["inputProperties"]))
    outputs = ", ".join(f"`{n}`" for n in sorted(resource["properties"]))
    return [f"**From other languages**: `{package['name']}:index:{component.__name__}` of the component "
            f"package; inputs {inputs}; outputs {outputs}.", ""]


def render() -> str:
    out = [
        "# Components",
        "",
        "<!-- Generated by `.venv/bin/python -m tests.components.component_docs`; tests/components/"
        "test_component_docs.py fails when this file is stale and runs every example below. -->",
        "",
        "Every component has one signature: `Component(name, spec, *, env: Environment, <Input references>, "
        "opts=None)`. The plan is computed inside from the spec (pure functions in `<domain>/plan.py`); "
        "references to other resources are Inputs (ids, ARNs, names), never component objects, so each "
        "component works on resources of your own. `env` carries the account, region, tags, production flag "
        "and the one protection switch, and its transformation puts the base tags on every taggable resource "
        "below the component. Import from the domain (`from components.network import VpcIsland, "
        "NetworkSpec`) or the root (`from components import VpcIsland`); installed, the package is "
        "`lz_components`.",
        "",
        "From another Pulumi language (the tests run TypeScript, Go and YAML consumers): "
        "`components/provider/` is a Pulumi component package (runtime python, Pulumi's component "
        "provider host); `pulumi package add <path>/components/provider` gives an SDK in the consumer's "
        "language, and YAML names the package in `packages:` of its Pulumi.yaml. The sections of the "
        "components it serves say their resource type and camelCase inputs and outputs (from "
        "`components/provider/schema.json`); the README's \"Using the components from other languages\" "
        "has a TypeScript and a YAML program.",
        "",
        "Every example starts with:",
        "",
        "```python",
        PRELUDE.rstrip(),
        "```",
        "",
    ]
    for component, builds, example in SECTIONS:
        name = component.__name__
        signature = str(inspect.signature(component.__init__)).replace("self, ", "").replace("'", "")
        out += [f"## {name}", "", builds, "", f"`{name}{signature}`", ""]
        spec = spec_type(component)
        if spec is not None:
            note = "(its domain's spec, in that section)" if component is lz.LandingZone else "(defaults below)"
            out += [f"**Spec** `{spec.__name__}`:", "", *spec_table(spec, note), ""]
            nested = [f for f in spec.model_fields.values() if _default(f) == "(defaults below)"
                      and component is not lz.LandingZone]  # its domains' specs are in their sections
            for field in nested:
                value = field.default_factory() if field.default_factory is not None else field.default
                out += [f"`{field.alias}` (`{type(value).__name__}`):", "", *spec_table(type(value)), ""]
        out += ["**Inputs**:", "", *inputs_of(component), "", f"**Outputs**: {outputs_of(component)}", "",
                *other_languages(component), "**Example**:", "", "```python", example.rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    DOC.write_text(render())
    sys.stdout.write(f"wrote {DOC}\n")
