"""The org stack under the mock engine: organization, OU tree, accounts, guardrails, trail, delegated security."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from components.organization.plan import (
    POLICY_TYPES,
    SERVICE_PRINCIPALS,
    plan_policies,
    render_policy,
)
from components.organization.spec import OrganizationSpec
from lz.graph import ResourceGraph, ResourceRecord
from lz.mock_engine import run_program

ROOT = Path(__file__).resolve().parents[2]
ORG_OUTPUTS = {
    "organizationId", "managementAccountId", "homeRegion", "governedRegions", "accounts", "auditAccountId",
    "logArchiveAccountId", "logArchiveBucketName", "logArchiveBucketArn", "logsKeyArn", "alertsTopicArn",
    "pipelineRoleName", "accessRoleName",
}
GOVERNED = ["eu-west-1", "eu-central-1"]


@pytest.fixture(scope="module")
def org_graph() -> ResourceGraph:
    return run_program(ROOT, "org")


@pytest.fixture(scope="module")
def org_spec() -> OrganizationSpec:
    raw = yaml.safe_load((ROOT / "Pulumi.org.yaml").read_text())["config"]["landing-zone:organization"]
    return OrganizationSpec.model_validate(raw)


def provider_of(graph: ResourceGraph, record: ResourceRecord) -> ResourceRecord:
    urn = record.provider.rsplit("::", 1)[0]
    return graph.get(urn)


def lands_in(graph: ResourceGraph, record: ResourceRecord) -> tuple[str, str]:
    """(account id, region) a resource deploys into, read from its provider's inputs."""
    if not record.provider:
        return graph.outputs["managementAccountId"], "eu-west-1"
    inputs = provider_of(graph, record).inputs
    roles = json.loads(inputs.get("assumeRoles", "[]"))
    account = roles[0]["roleArn"].split(":")[4] if roles else graph.outputs["managementAccountId"]
    return account, inputs["region"]


def test_outputs_are_the_contract_environment_stacks_read(org_graph: ResourceGraph) -> None:
    outputs = org_graph.outputs
    assert set(outputs) == ORG_OUTPUTS
    assert outputs["governedRegions"] == GOVERNED and outputs["homeRegion"] == "eu-west-1"
    accounts = outputs["accounts"]
    assert set(accounts) == {"log-archive", "audit", "network", "workload-dev", "workload-prod"}
    dev = accounts["workload-dev"]
    assert dev["unit"] == "dev" and dev["email"] == "aws+workload-dev@example.com"
    assert dev["roleArn"] == f"arn:aws:iam::{dev['id']}:role/OrganizationAccountAccessRole"
    # Who makes each account's regional baseline: the org stack, or the environment stack deploying there.
    assert {n: a["baseline"] for n, a in accounts.items()} == {
        "log-archive": "organization", "audit": "organization", "network": "organization",
        "workload-dev": "environment", "workload-prod": "environment"}
    assert outputs["auditAccountId"] == accounts["audit"]["id"]
    assert outputs["logArchiveAccountId"] == accounts["log-archive"]["id"]


def test_organization_has_all_features_policy_types_and_trusted_access(org_graph: ResourceGraph) -> None:
    org = org_graph.only("aws:organizations/organization:Organization")
    assert org.protect and org.name == "organization"
    assert org.inputs["featureSet"] == "ALL"
    assert org.inputs["enabledPolicyTypes"] == list(POLICY_TYPES)
    assert set(org.inputs["awsServiceAccessPrincipals"]) == set(SERVICE_PRINCIPALS)
    assert {"guardduty.amazonaws.com", "securityhub.amazonaws.com", "cloudtrail.amazonaws.com",
            "config.amazonaws.com", "access-analyzer.amazonaws.com", "iam.amazonaws.com",
            "sso.amazonaws.com"} <= set(SERVICE_PRINCIPALS)


def test_ou_tree_and_account_placement(org_graph: ResourceGraph) -> None:
    root = org_graph.only("aws:organizations/organization:Organization").outputs["roots"][0]["id"]
    units = {u.inputs["name"]: u for u in org_graph.by_type("aws:organizations/organizationalUnit:OrganizationalUnit")}
    parent = {name: u.inputs["parentId"] for name, u in units.items()}
    assert {n for n, p in parent.items() if p == root} == {"Security", "Infrastructure", "Workloads", "Sandbox",
                                                           "Suspended"}
    assert parent["dev"] == parent["prod"] == units["Workloads"].id
    accounts = {a.inputs["name"]: a for a in org_graph.by_type("aws:organizations/account:Account")}
    placed = {name: next(u for u, r in units.items() if r.id == a.inputs["parentId"]) for name, a in accounts.items()}
    assert placed == {"log-archive": "Security", "audit": "Security", "network": "Infrastructure",
                      "workload-dev": "dev", "workload-prod": "prod"}
    for account in accounts.values():
        assert account.protect and account.inputs["closeOnDeletion"] is False
        assert account.name == f"account-{account.inputs['name']}"  # stable logical names for pulumi import


def test_policies_are_the_rendered_assets_attached_where_planned(
    org_graph: ResourceGraph, org_spec: OrganizationSpec
) -> None:
    org_id = org_graph.outputs["organizationId"]
    ids = {"Root": org_graph.only("aws:organizations/organization:Organization").outputs["roots"][0]["id"]}
    units = org_graph.by_type("aws:organizations/organizationalUnit:OrganizationalUnit")
    ids |= {u.inputs["name"]: u.id for u in units}
    policies = {p.inputs["name"]: p for p in org_graph.by_type("aws:organizations/policy:Policy")}
    attached = {(a.inputs["policyId"], a.inputs["targetId"])
                for a in org_graph.by_type("aws:organizations/policyAttachment:PolicyAttachment")}
    expected = set()
    for plan in plan_policies(org_spec):
        policy = policies[plan.name]
        assert policy.inputs["type"] == plan.type
        assert policy.inputs["content"] == render_policy(plan, org_spec, org_id)
        expected |= {(policy.id, ids[t]) for t in plan.targets}
    assert attached == expected and len(attached) == 13
    region_deny = json.loads(policies["lz-region-deny"].inputs["content"])
    assert region_deny["Statement"][0]["Condition"]["StringNotEquals"]["aws:RequestedRegion"] == GOVERNED


def test_delegated_security_runs_in_the_audit_account_in_every_governed_region(org_graph: ResourceGraph) -> None:
    audit = org_graph.outputs["auditAccountId"]
    management = org_graph.outputs["managementAccountId"]
    assert audit != management
    configurations = org_graph.by_type("aws:guardduty/organizationConfiguration:OrganizationConfiguration")
    assert sorted(lands_in(org_graph, c) for c in configurations) == sorted((audit, r) for r in GOVERNED)
    assert {c.inputs["autoEnableOrganizationMembers"] for c in configurations} == {"ALL"}
    features = org_graph.by_type("aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature")
    assert len(features) == 6 * len(GOVERNED) and {f.inputs["autoEnable"] for f in features} == {"ALL"}
    admins = org_graph.by_type("aws:guardduty/organizationAdminAccount:OrganizationAdminAccount")
    assert sorted(lands_in(org_graph, a) for a in admins) == sorted((management, r) for r in GOVERNED)
    assert {a.inputs["adminAccountId"] for a in admins} == {audit}
    for typ in ("aws:inspector2/delegatedAdminAccount:DelegatedAdminAccount",
                "aws:macie2/organizationAdminAccount:OrganizationAdminAccount",
                "aws:detective/organizationAdminAccount:OrganizationAdminAccount"):
        assert len(org_graph.by_type(typ)) == len(GOVERNED), typ
    delegated = org_graph.by_type("aws:organizations/delegatedAdministrator:DelegatedAdministrator")
    assert {(d.inputs["servicePrincipal"], d.inputs["accountId"]) for d in delegated} == {
        ("config.amazonaws.com", audit), ("access-analyzer.amazonaws.com", audit)}
    analyzers = org_graph.by_type("aws:accessanalyzer/analyzer:Analyzer")
    assert sorted(lands_in(org_graph, a) for a in analyzers) == sorted((audit, r) for r in GOVERNED)
    assert {a.inputs["type"] for a in analyzers} == {"ORGANIZATION"}
    features_root = org_graph.only("aws:iam/organizationsFeatures:OrganizationsFeatures")
    assert features_root.inputs["enabledFeatures"] == ["RootCredentialsManagement", "RootSessions"]


def test_security_hub_central_configuration(org_graph: ResourceGraph) -> None:
    audit = org_graph.outputs["auditAccountId"]
    central = org_graph.only("aws:securityhub/organizationConfiguration:OrganizationConfiguration")
    assert central.inputs["organizationConfiguration"] == {"configurationType": "CENTRAL"}
    assert central.inputs["autoEnable"] is False and central.inputs["autoEnableStandards"] == "NONE"
    aggregator = org_graph.only("aws:securityhub/findingAggregator:FindingAggregator")
    assert lands_in(org_graph, aggregator) == (audit, "eu-west-1")
    assert aggregator.inputs["linkingMode"] == "SPECIFIED_REGIONS"
    assert aggregator.inputs["specifiedRegions"] == ["eu-central-1"]
    policy = org_graph.only("aws:securityhub/configurationPolicy:ConfigurationPolicy")
    assert policy.inputs["configurationPolicy"]["enabledStandardArns"] == [
        "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
        "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/5.0.0"]
    association = org_graph.only("aws:securityhub/configurationPolicyAssociation:ConfigurationPolicyAssociation")
    root = org_graph.only("aws:organizations/organization:Organization").outputs["roots"][0]["id"]
    assert association.inputs["targetId"] == root and association.inputs["policyId"] == policy.id
    aggregator_cfg = org_graph.only("aws:cfg/configurationAggregator:ConfigurationAggregator")
    assert aggregator_cfg.inputs["organizationAggregationSource"]["regions"] == GOVERNED


def test_organization_trail_archive_in_log_archive_key_in_audit(org_graph: ResourceGraph) -> None:
    outputs = org_graph.outputs
    trail = org_graph.only("aws:cloudtrail/trail:Trail")
    assert trail.protect and lands_in(org_graph, trail)[0] == outputs["managementAccountId"]
    assert trail.inputs["isOrganizationTrail"] and trail.inputs["isMultiRegionTrail"]
    assert trail.inputs["enableLogFileValidation"] and trail.inputs["includeGlobalServiceEvents"]
    assert trail.inputs["kmsKeyId"] == outputs["logsKeyArn"]
    assert trail.inputs["s3BucketName"] == outputs["logArchiveBucketName"]
    assert trail.inputs["cloudWatchLogsGroupArn"].endswith(":log-group:/lz/org/cloudtrail:*")
    # Environment stacks in the organization create no trail: this one records every account's S3 data events.
    data = [s for s in trail.inputs["advancedEventSelectors"]
            if {"field": "eventCategory", "equals": ["Data"]} in s["fieldSelectors"]]
    assert [f for s in data for f in s["fieldSelectors"] if f["field"] == "resources.type"] == [
        {"field": "resources.type", "equals": ["AWS::S3::Object"]}]
    key = org_graph.get("logs-key")
    assert key.protect and lands_in(org_graph, key) == (outputs["auditAccountId"], "eu-west-1")
    archive = org_graph.get("archive")
    assert archive.protect and lands_in(org_graph, archive) == (outputs["logArchiveAccountId"], "eu-west-1")
    policy = json.loads(org_graph.get("archive-policy").inputs["policy"])
    deliveries = next(s for s in policy["Statement"] if s["Sid"] == "OrganizationDeliveriesWrite")
    assert deliveries["Condition"]["StringEquals"]["aws:SourceOrgID"] == outputs["organizationId"]
    assert set(deliveries["Principal"]["Service"]) == {
        "config.amazonaws.com", "delivery.logs.amazonaws.com", "logdelivery.elasticloadbalancing.amazonaws.com"}
    logging = org_graph.only("aws:s3/bucketLogging:BucketLogging")
    assert logging.inputs["bucket"] == archive.id
    assert logging.inputs["targetBucket"] == org_graph.get("archive-access-logs").id
    replica = org_graph.get("archive-replica")
    assert lands_in(org_graph, replica) == (outputs["logArchiveAccountId"], "eu-central-1")
    rule = org_graph.only("aws:s3/bucketReplicationConfig:BucketReplicationConfig").inputs["rules"][0]
    assert rule["destination"]["bucket"] == replica.outputs["arn"]


def test_org_accounts_record_config_and_encrypt_ebs_in_every_governed_region(org_graph: ResourceGraph) -> None:
    accounts = org_graph.outputs["accounts"]
    own = {accounts[n]["id"] for n in ("log-archive", "audit", "network")} | {org_graph.outputs["managementAccountId"]}
    for typ in ("aws:cfg/recorder:Recorder", "aws:cfg/deliveryChannel:DeliveryChannel",
                "aws:cfg/recorderStatus:RecorderStatus", "aws:ebs/encryptionByDefault:EncryptionByDefault"):
        placed = sorted(lands_in(org_graph, r) for r in org_graph.by_type(typ))
        assert placed == sorted((a, r) for a in own for r in GOVERNED), typ
    channels = org_graph.by_type("aws:cfg/deliveryChannel:DeliveryChannel")
    assert {c.inputs["s3BucketName"] for c in channels} == {org_graph.outputs["logArchiveBucketName"]}


def test_identity_center_permission_sets(org_graph: ResourceGraph) -> None:
    sets = {p.inputs["name"]: p for p in org_graph.by_type("aws:ssoadmin/permissionSet:PermissionSet")}
    assert {n: p.inputs["sessionDuration"] for n, p in sets.items()} == {
        "lz-administrators": "PT1H", "lz-operators": "PT2H", "lz-developers": "PT4H", "lz-auditors": "PT4H"}
    boundaries = org_graph.by_type("aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment")
    assert {b.inputs["permissionSetArn"] for b in boundaries} == {p.outputs["arn"] for p in sets.values()}
    managed = org_graph.by_type("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment")
    by_set = {n: {m.inputs["managedPolicyArn"].rsplit("/", 1)[1] for m in managed
                  if m.inputs["permissionSetArn"] == p.outputs["arn"]} for n, p in sets.items()}
    assert by_set["lz-auditors"] == {"SecurityAudit", "ReadOnlyAccess"}
    assignments = org_graph.by_type("aws:ssoadmin/accountAssignment:AccountAssignment")
    assert len(assignments) == 5 + 5 + 1
    dev_id = org_graph.outputs["accounts"]["workload-dev"]["id"]
    developers = [a for a in assignments if a.inputs["permissionSetArn"] == sets["lz-developers"].outputs["arn"]]
    assert [a.inputs["targetId"] for a in developers] == [dev_id]


def run_variant(where: Path, mutate: Callable[[dict], None]) -> ResourceGraph:
    """The real program on a copy of Pulumi.org.yaml changed by `mutate`."""
    for item in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(ROOT / item, where / item)
    (where / "components").symlink_to(ROOT / "components")
    doc = yaml.safe_load((ROOT / "Pulumi.org.yaml").read_text())
    mutate(doc["config"])
    (where / "Pulumi.variant.yaml").write_text(yaml.safe_dump(doc))
    return run_program(where, "variant")


def vend(tmp_path: Path, mutate: Callable[[dict], None]) -> tuple[ResourceGraph, ResourceGraph]:
    """Two previews: the shipped org stack and the same with `mutate` applied."""
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    return run_variant(tmp_path / "before", lambda c: None), run_variant(tmp_path / "after", mutate)


def by_urn(graph: ResourceGraph) -> dict[str, ResourceRecord]:
    return {r.urn.replace(f"::{graph.stack}::", "::"): r for r in graph.resources}


def test_vending_an_account_adds_exactly_that_account(tmp_path: Path) -> None:
    def add(config: dict) -> None:
        org = config["landing-zone:organization"]
        spec = OrganizationSpec.model_validate(org)
        org["accounts"] = [{"name": a.name, "unit": a.unit} for a in spec.account_list]
        org["accounts"].append({"name": "workload-dev2", "unit": "dev"})

    before, after = map(by_urn, vend(tmp_path, add))
    added = set(after) - set(before)
    assert set(before) <= set(after)
    [account] = [after[u] for u in added]
    assert account.type == "aws:organizations/account:Account" and account.name == "account-workload-dev2"
    assert account.inputs["parentId"] == after[next(u for u in after if u.endswith("::ou-dev"))].id
    changed = [u for u in before if before[u].inputs != after[u].inputs]
    assert changed == []


def test_vending_an_environment_adds_its_unit_and_account(tmp_path: Path) -> None:
    def add(config: dict) -> None:
        config["landing-zone:organization"]["environments"] = ["dev", "prod", "stage"]

    before, after = map(by_urn, vend(tmp_path, add))
    added = sorted(after[u].name for u in set(after) - set(before))
    assert added == ["account-workload-stage", "ou-stage"]
    # The tag policy lists the environments' names as the allowed values of the environment tag.
    changed = sorted(before[u].name for u in before if before[u].inputs != after[u].inputs)
    assert changed == ["policy-lz-tags"]


def test_preview_lists_the_tree_accounts_and_policies_per_target(org_graph: ResourceGraph) -> None:
    from lz.summary import organization_layout

    rows = organization_layout(org_graph)
    tree = [("  " * r.depth) + r.name for r in rows]
    assert tree == ["Root", "  Infrastructure", "    network", "  Sandbox", "  Security", "    audit",
                    "    log-archive", "  Suspended", "  Workloads", "    dev", "      workload-dev", "    prod",
                    "      workload-prod"]
    on = {r.name: {k: sorted(v) for k, v in r.policies.items()} for r in rows}
    assert on["Root"] == {
        "SERVICE_CONTROL_POLICY": ["lz-baseline", "lz-protect-landing-zone", "lz-region-deny",
                                   "lz-security-services"],
        "RESOURCE_CONTROL_POLICY": ["lz-rcp-confused-deputy", "lz-rcp-org-principals", "lz-rcp-tls-only"],
        "DECLARATIVE_POLICY_EC2": ["lz-ec2-baseline"], "TAG_POLICY": ["lz-tags"], "BACKUP_POLICY": ["lz-backup"]}
    assert on["Workloads"] == on["Sandbox"] == {"SERVICE_CONTROL_POLICY": ["lz-deny-iam-users"]}
    assert on["workload-dev"] == {} and {r.kind for r in rows if r.name == "audit"} == {"account"}


def test_every_taggable_resource_carries_the_base_tags(org_graph: ResourceGraph) -> None:
    base = {"environment": "org", "owner": "platform-team", "data-classification": "confidential",
            "managed-by": "pulumi-landing-zone", "cost-center": "platform-org"}
    taggable = [r for r in org_graph.resources if r.custom and "tags" in r.inputs]
    assert len(taggable) > 40
    assert [r.name for r in taggable if not base.items() <= r.inputs["tags"].items()] == []
