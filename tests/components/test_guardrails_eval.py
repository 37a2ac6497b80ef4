"""Guardrails behave as intended: every SCP and RCP of the org stack against a table of requests.

The documents are the ones the org stack registers (rendered from the shipped assets, captured under
the mock engine), attached where the stack attaches them; the evaluator is ours (no PyPI library
evaluates requests offline, see components/organization/evaluate.py) and is first held to AWS's
documented evaluation examples.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from components.base import MANAGED_BY
from components.organization.evaluate import (
    FULL_AWS_ACCESS,
    RCP_FULL_AWS_ACCESS,
    Request,
    evaluate,
    evaluate_path,
)
from lz.graph import ResourceGraph
from lz.mock_engine import run_program

ROOT = Path(__file__).resolve().parents[2]

# -- the evaluator against AWS's documented examples -------------------------------------------------

ALLOW_ALL = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def request(action: str, region: str = "eu-west-1", **context: Any) -> Request:
    return Request("arn:aws:iam::111122223333:role/Dev", action, region, context=context)


def test_explicit_deny_overrides_allow_and_the_default_is_deny() -> None:
    # IAM User Guide, policy evaluation logic: explicit deny > allow > implicit deny.
    deny_s3 = {"Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}
    assert evaluate([ALLOW_ALL, deny_s3], request("s3:GetObject")) == "Deny"
    assert evaluate([ALLOW_ALL, deny_s3], request("ec2:RunInstances")) == "Allow"
    assert evaluate([{"Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}],
                    request("s3:PutObject")) == "Deny"


def test_scps_must_allow_at_every_level() -> None:
    # Organizations User Guide, SCP evaluation: root FullAWSAccess, an OU allowing S3 and EC2, an account
    # allowing only S3: the account can use S3 and nothing else.
    ou = {"Statement": [{"Effect": "Allow", "Action": ["s3:*", "ec2:*"], "Resource": "*"}]}
    account = {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
    levels = [[FULL_AWS_ACCESS], [ou], [account]]
    assert evaluate_path(levels, request("s3:GetObject")) == "Allow"
    assert evaluate_path(levels, request("ec2:RunInstances")) == "Deny"
    assert evaluate_path(levels, request("iam:GetUser")) == "Deny"


def test_region_deny_example_with_bypass_role() -> None:
    # Organizations User Guide, SCP examples: deny access to AWS based on the requested Region.
    scp = {"Statement": [{"Effect": "Deny", "NotAction": ["iam:*", "sts:*", "organizations:*"], "Resource": "*",
                          "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-central-1", "eu-west-1"]},
                                        "ArnNotLike": {"aws:PrincipalArn": [
                                            "arn:aws:iam::*:role/Role1AllowedToBypassThisSCP"]}}}]}
    assert evaluate([FULL_AWS_ACCESS, scp], request("ec2:RunInstances", "us-east-1")) == "Deny"
    assert evaluate([FULL_AWS_ACCESS, scp], request("ec2:RunInstances", "eu-west-1")) == "Allow"
    assert evaluate([FULL_AWS_ACCESS, scp], request("iam:CreateRole", "us-east-1")) == "Allow"
    bypass = Request("arn:aws:iam::111122223333:role/Role1AllowedToBypassThisSCP", "ec2:RunInstances", "us-east-1")
    assert evaluate([FULL_AWS_ACCESS, scp], bypass) == "Allow"


def test_a_missing_key_fails_positive_operators_and_if_exists_makes_it_pass() -> None:
    # IAM User Guide, condition operators: "If the key ... is not present in the request context, the
    # values do not match"; ...IfExists: "If the key is not present, evaluate the condition as true".
    allow = {"Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*",
                            "Condition": {"StringLike": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}}]}
    if_exists = {"Statement": [{**allow["Statement"][0],
                                "Condition": {"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}}]}
    assert evaluate([allow], request("ec2:RunInstances")) == "Deny"
    assert evaluate([if_exists], request("ec2:RunInstances")) == "Allow"
    assert evaluate([allow], request("ec2:RunInstances", **{"ec2:InstanceType": "t2.micro"})) == "Allow"
    assert evaluate([if_exists], request("ec2:RunInstances", **{"ec2:InstanceType": "c5.large"})) == "Deny"


def test_null_operator_and_bool_if_exists() -> None:
    # IAM User Guide: Null "aws:TokenIssueTime": "true" matches long-term credentials (no such key);
    # BoolIfExists aws:MultiFactorAuthPresent false also matches when the key is absent.
    deny_long_term = {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
                                     "Condition": {"Null": {"aws:TokenIssueTime": "true"}}}]}
    assert evaluate([ALLOW_ALL, deny_long_term], request("s3:GetObject")) == "Deny"
    assert evaluate([ALLOW_ALL, deny_long_term],
                    request("s3:GetObject", **{"aws:TokenIssueTime": "2026-01-01T00:00:00Z"})) == "Allow"
    deny_no_mfa = {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
                                  "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}
    assert evaluate([ALLOW_ALL, deny_no_mfa], request("s3:GetObject")) == "Deny"
    assert evaluate([ALLOW_ALL, deny_no_mfa], request("s3:GetObject", **{"aws:MultiFactorAuthPresent": True})) == \
        "Allow"


def test_set_operators_on_multivalued_keys() -> None:
    # IAM User Guide, multivalued context keys: ForAllValues is true for an empty set; ForAnyValue false.
    tag_keys = {"aws:TagKeys": ["environment", "cost-center"]}
    only = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                           "Condition": {"ForAllValues:StringEquals": tag_keys}}]}
    assert evaluate([only], request("ec2:CreateTags", **{"aws:TagKeys": ["environment", "cost-center"]})) == "Allow"
    assert evaluate([only], request("ec2:CreateTags", **{"aws:TagKeys": ["environment", "owner"]})) == "Deny"
    assert evaluate([only], request("ec2:CreateTags")) == "Allow"
    any_of = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                             "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["environment"]}}}]}
    assert evaluate([any_of], request("ec2:CreateTags", **{"aws:TagKeys": ["owner", "environment"]})) == "Allow"
    assert evaluate([any_of], request("ec2:CreateTags")) == "Deny"


def test_negated_operators_match_a_missing_key_and_unknown_operators_raise() -> None:
    deny = {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
                           "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-123"}}}]}
    assert evaluate([ALLOW_ALL, deny], request("s3:GetObject")) == "Deny"
    assert evaluate([ALLOW_ALL, deny], request("s3:GetObject", **{"aws:PrincipalOrgID": "o-123"})) == "Allow"
    numeric = {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
                              "Condition": {"NumericLessThan": {"s3:max-keys": "10"}}}]}
    with pytest.raises(ValueError, match="not supported"):
        evaluate([numeric], request("s3:ListBucket"))


# -- the org stack's guardrails against the table ----------------------------------------------------


@dataclass(frozen=True)
class Guardrails:
    """The org stack's policies as the engine received them, and where they are attached."""

    graph: ResourceGraph
    scp: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # target id -> documents
    rcp: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def of(cls, graph: ResourceGraph) -> Guardrails:
        out = cls(graph)
        policies = {p.id: p for p in graph.by_type("aws:organizations/policy:Policy")}
        for attachment in graph.by_type("aws:organizations/policyAttachment:PolicyAttachment"):
            policy = policies[attachment.inputs["policyId"]]
            kind = {"SERVICE_CONTROL_POLICY": out.scp, "RESOURCE_CONTROL_POLICY": out.rcp}.get(policy.inputs["type"])
            if kind is not None:
                kind.setdefault(attachment.inputs["targetId"], []).append(json.loads(policy.inputs["content"]))
        return out

    def path(self, account: str | None, unit: str | None = None) -> list[str]:
        """Target ids from the root down to the account (or to `unit`, for an account placed there)."""
        units = {u.id: u for u in self.graph.by_type("aws:organizations/organizationalUnit:OrganizationalUnit")}
        if account is not None:
            record = next(a for a in self.graph.by_type("aws:organizations/account:Account")
                          if a.inputs["name"] == account)
            parent, tail = record.inputs["parentId"], [record.id]
        else:
            parent, tail = next(i for i, u in units.items() if u.inputs["name"] == unit), ["(new account)"]
        chain = []
        while parent in units:
            chain.insert(0, parent)
            parent = units[parent].inputs["parentId"]
        return [parent, *chain, *tail]

    def decide(self, row: Row) -> str:
        outputs = self.graph.outputs
        req = Request(row.principal_arn(outputs), row.action, row.region, row.resource, row.context(outputs))
        if row.unit is not None or row.principal_account not in (None, "management"):
            levels = [[FULL_AWS_ACCESS, *self.scp.get(t, [])] for t in self.path(row.principal_account, row.unit)]
            if evaluate_path(levels, req) == "Deny":
                return "Deny"
        if row.resource_in_org:
            levels = [[RCP_FULL_AWS_ACCESS, *self.rcp.get(t, [])] for t in self.path("workload-dev")]
            if evaluate_path(levels, req) == "Deny":
                return "Deny"
        return "Allow"


@dataclass(frozen=True)
class Row:
    """principal (role in an account of the org, or outside it), action, region, tags, org ids; expected."""

    name: str
    role: str
    action: str
    region: str
    expected: str
    principal_account: str | None = "workload-dev"  # None: a principal outside the organization
    unit: str | None = None  # an account placed in this unit instead (principal_account None there)
    resource: str = "*"
    resource_tags: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    principal_org: str | None = "ours"  # "ours", another org id, or None (no such key)
    resource_in_org: bool = False  # an RCP-covered resource of the organization

    def principal_arn(self, outputs: dict[str, Any]) -> str:
        if self.role == "root":
            account = self._account_id(outputs)
            return f"arn:aws:iam::{account}:root"
        if self.role.startswith("arn:"):
            return self.role
        return f"arn:aws:iam::{self._account_id(outputs)}:role/{self.role}"

    def _account_id(self, outputs: dict[str, Any]) -> str:
        if self.principal_account == "management":
            return str(outputs["managementAccountId"])
        if self.principal_account is None:
            return "999988887777"
        return str(outputs["accounts"][self.principal_account]["id"])

    def context(self, outputs: dict[str, Any]) -> dict[str, Any]:
        ctx: dict[str, Any] = {f"aws:ResourceTag/{k}": v for k, v in self.resource_tags.items()}
        org = outputs["organizationId"] if self.principal_org == "ours" else self.principal_org
        if org is not None:
            ctx["aws:PrincipalOrgID"] = org
        ctx.setdefault("aws:SecureTransport", True)
        ctx.setdefault("aws:PrincipalIsAWSService", False)
        ctx.update({k: (outputs["organizationId"] if v == "ours" else v) for k, v in self.extra.items()})
        return ctx


ADMIN = "AWSReservedSSO_lz-administrators_0123456789abcdef"
PIPELINE = "lz-pipeline"
ACCESS = "OrganizationAccountAccessRole"
LZ_TAG = {"managed-by": MANAGED_BY}
SERVICE = "arn:aws:iam::999988887777:role/aws-service"  # stands for a service principal acting on a resource

TABLE = [
    # The five cases the issue names.
    Row("workload admin leaves the organization", ADMIN, "organizations:LeaveOrganization", "us-east-1", "Deny"),
    Row("RunInstances in an ungoverned region", ADMIN, "ec2:RunInstances", "ap-southeast-2", "Deny"),
    Row("iam:GetUser (global) from an ungoverned region", ADMIN, "iam:GetUser", "ap-southeast-2", "Allow"),
    Row("cloudtrail:StopLogging", ADMIN, "cloudtrail:StopLogging", "eu-west-1", "Deny"),
    Row("pipeline changes a protected log group", PIPELINE, "logs:PutRetentionPolicy", "eu-west-1", "Allow",
        resource_tags=LZ_TAG),
    # Region deny.
    Row("RunInstances in the home region", ADMIN, "ec2:RunInstances", "eu-west-1", "Allow"),
    Row("RunInstances in the second governed region", ADMIN, "ec2:RunInstances", "eu-central-1", "Allow"),
    Row("the pipeline deploys anywhere", PIPELINE, "ec2:RunInstances", "ap-southeast-2", "Allow"),
    Row("s3:ListAllMyBuckets (global) from us-east-1", ADMIN, "s3:ListAllMyBuckets", "us-east-1", "Allow"),
    Row("sts:AssumeRole (global) from ap-south-1", ADMIN, "sts:AssumeRole", "ap-south-1", "Allow"),
    Row("lambda:CreateFunction in us-west-2", ADMIN, "lambda:CreateFunction", "us-west-2", "Deny"),
    # Root user.
    Row("the root user reads S3", "root", "s3:GetObject", "eu-west-1", "Deny"),
    Row("centralized root access fixes a bucket policy", "root", "s3:DeleteBucketPolicy", "eu-west-1", "Allow",
        extra={"aws:AssumedRoot": "true"}),
    # Default VPCs, EBS encryption.
    Row("create a default VPC", ADMIN, "ec2:CreateDefaultVpc", "eu-west-1", "Deny"),
    Row("turn off EBS default encryption", ADMIN, "ec2:DisableEbsEncryptionByDefault", "eu-west-1", "Deny"),
    Row("turn on EBS default encryption", ADMIN, "ec2:EnableEbsEncryptionByDefault", "eu-west-1", "Allow"),
    # IAM users in workload OUs.
    Row("IAM user in a workload account", ADMIN, "iam:CreateUser", "eu-west-1", "Deny"),
    Row("access key in the prod workload account", ADMIN, "iam:CreateAccessKey", "eu-west-1", "Deny",
        principal_account="workload-prod"),
    Row("IAM user in the network account (not a workload OU)", ADMIN, "iam:CreateUser", "eu-west-1", "Allow",
        principal_account="network"),
    Row("IAM role in a workload account", ADMIN, "iam:CreateRole", "eu-west-1", "Allow"),
    # Security services.
    Row("delete the GuardDuty detector", ADMIN, "guardduty:DeleteDetector", "eu-west-1", "Deny"),
    Row("the pipeline manages GuardDuty", PIPELINE, "guardduty:UpdateDetector", "eu-west-1", "Allow"),
    Row("disable Security Hub", ADMIN, "securityhub:DisableSecurityHub", "eu-central-1", "Deny"),
    Row("stop the Config recorder", ADMIN, "config:StopConfigurationRecorder", "eu-west-1", "Deny"),
    Row("delete the Access Analyzer", ADMIN, "access-analyzer:DeleteAnalyzer", "eu-west-1", "Deny"),
    Row("disable Macie", ADMIN, "macie2:DisableMacie", "eu-west-1", "Deny"),
    Row("read CloudTrail events", ADMIN, "cloudtrail:LookupEvents", "eu-west-1", "Allow"),
    # Landing-zone resources protected by tag.
    Row("admin deletes a protected log group", ADMIN, "logs:DeleteLogGroup", "eu-west-1", "Deny",
        resource_tags=LZ_TAG),
    Row("admin deletes a log group of their own", ADMIN, "logs:DeleteLogGroup", "eu-west-1", "Allow"),
    Row("admin schedules deletion of a protected key", ADMIN, "kms:ScheduleKeyDeletion", "eu-west-1", "Deny",
        resource_tags=LZ_TAG),
    Row("the access role rotates a protected key's policy", ACCESS, "kms:PutKeyPolicy", "eu-west-1", "Allow",
        resource_tags=LZ_TAG),
    Row("admin removes the managed-by tag from a role", ADMIN, "iam:UntagRole", "eu-west-1", "Deny",
        extra={"aws:TagKeys": ["managed-by"]}),
    Row("admin tags a role with a tag of their own", ADMIN, "iam:TagRole", "eu-west-1", "Allow",
        extra={"aws:TagKeys": ["team"]}),
    Row("admin deletes a protected topic", ADMIN, "sns:DeleteTopic", "eu-west-1", "Deny", resource_tags=LZ_TAG),
    # Suspended OU, management account.
    Row("an account in Suspended reads S3", ADMIN, "s3:GetObject", "eu-west-1", "Deny", principal_account=None,
        unit="Suspended"),
    Row("the management account is not subject to SCPs", ADMIN, "organizations:LeaveOrganization", "us-east-1",
        "Allow", principal_account="management"),
    # Resource control policies (a resource in an account of the organization).
    Row("outside principal reads an S3 object", ADMIN, "s3:GetObject", "eu-west-1", "Deny", principal_account=None,
        principal_org="o-otherorg01", resource_in_org=True),
    Row("organization principal reads an S3 object", ADMIN, "s3:GetObject", "eu-west-1", "Allow",
        resource_in_org=True),
    Row("organization principal without TLS", ADMIN, "s3:GetObject", "eu-west-1", "Deny", resource_in_org=True,
        extra={"aws:SecureTransport": False}),
    Row("outside principal decrypts with a KMS key", ADMIN, "kms:Decrypt", "eu-west-1", "Deny",
        principal_account=None, principal_org=None, resource_in_org=True),
    Row("outside principal sends to an SQS queue", ADMIN, "sqs:SendMessage", "eu-west-1", "Deny",
        principal_account=None, principal_org="o-otherorg01", resource_in_org=True),
    Row("outside principal reads a secret", ADMIN, "secretsmanager:GetSecretValue", "eu-west-1", "Deny",
        principal_account=None, principal_org="o-otherorg01", resource_in_org=True),
    Row("AWS Config delivers for an account of the organization", SERVICE, "s3:PutObject", "eu-west-1", "Allow",
        principal_account=None, principal_org=None, resource_in_org=True,
        extra={"aws:PrincipalIsAWSService": True, "aws:SourceOrgID": "ours", "aws:SourceAccount": "111122223333"}),
    Row("a service acting for another organization (confused deputy)", SERVICE, "s3:PutObject", "eu-west-1", "Deny",
        principal_account=None, principal_org=None, resource_in_org=True,
        extra={"aws:PrincipalIsAWSService": True, "aws:SourceOrgID": "o-otherorg01",
               "aws:SourceAccount": "999988887777"}),
    Row("OIDC federation into a role of the organization", "arn:aws:sts::999988887777:federated-user/ci",
        "sts:AssumeRoleWithWebIdentity", "eu-west-1", "Allow", principal_account=None, principal_org=None,
        resource_in_org=True),
    Row("outside principal reads DynamoDB (no RCP for it)", ADMIN, "dynamodb:GetItem", "eu-west-1", "Allow",
        principal_account=None, principal_org="o-otherorg01", resource_in_org=True),
]


@pytest.fixture(scope="module")
def guardrails() -> Guardrails:
    return Guardrails.of(run_program(ROOT, "org"))


def test_the_table_is_big_enough_and_has_the_required_cases() -> None:
    assert len(TABLE) >= 30
    assert {"Allow", "Deny"} == {r.expected for r in TABLE}
    assert len({r.name for r in TABLE}) == len(TABLE)


@pytest.mark.parametrize("row", TABLE, ids=[r.name for r in TABLE])
def test_guardrail_decision(guardrails: Guardrails, row: Row) -> None:
    assert guardrails.decide(row) == row.expected


def test_every_document_takes_part(guardrails: Guardrails) -> None:
    """Each SCP and RCP denies at least one row: none is dead weight in the table."""
    outputs = guardrails.graph.outputs
    documents = [d for docs in (*guardrails.scp.values(), *guardrails.rcp.values()) for d in docs]
    assert len(documents) == 10  # 4 at the root + deny-iam-users on 2 units + suspended; 3 RCPs
    for document in documents:
        denies = [r for r in TABLE if any(
            evaluate([{"Statement": [s]}], Request(r.principal_arn(outputs), r.action, r.region, r.resource,
                                                   r.context(outputs))) == "Deny"
            for s in document["Statement"])]
        assert denies, document["Statement"][0].get("Sid")
