"""The declarative EC2 policy and the backup policy against what AWS documents for them (no Pulumi).

The declarative schema is the one of the AWS Organizations User Guide, "Declarative policy syntax and
examples" (orgs_manage_policies_declarative_syntax): under `ec2_attributes`, each supported attribute
with its fields and the values each field accepts. A field name or value that EC2 does not know makes
CreatePolicy fail at deploy time, which no offline check would otherwise see.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from components.organization.plan import DECLARATIVE, catalog, render_policy
from components.organization.spec import OrganizationSpec

HOP_LIMITS = {str(n) for n in range(-1, 65)}
#: attribute -> field -> accepted values (None: free text). Nested fields as "parent.field".
EC2_ATTRIBUTES: dict[str, dict[str, set[str] | None]] = {
    "vpc_block_public_access": {
        "internet_gateway_block.mode": {"off", "block_ingress", "block_bidirectional"},
        "internet_gateway_block.exclusions_allowed": {"enabled", "disabled"},
    },
    "serial_console_access": {"status": {"enabled", "disabled"}},
    "image_block_public_access": {"state": {"unblocked", "block_new_sharing"}},
    "instance_metadata_defaults": {
        "http_tokens": {"no_preference", "required", "optional"},
        "http_put_response_hop_limit": HOP_LIMITS,
        "http_endpoint": {"no_preference", "enabled", "disabled"},
        "instance_metadata_tags": {"no_preference", "enabled", "disabled"},
    },
    "snapshot_block_public_access": {"state": {"block_all_sharing", "block_new_sharing", "unblocked"}},
}


def spec(**changes: Any) -> OrganizationSpec:
    raw = {"homeRegion": "eu-west-1", "governedRegions": ["eu-west-1", "eu-central-1"],
           "accountEmail": "aws+{name}@example.com", **changes}
    return OrganizationSpec.model_validate(raw)


def _assigned(node: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Each leaf's dotted path -> the value its @@assign sets."""
    out: dict[str, str] = {}
    for key, value in node.items():
        if key.startswith("@@"):
            continue
        assert isinstance(value, dict), f"{prefix}{key}: a field is an object with an operator, not {value!r}"
        if "@@assign" in value:
            out[prefix + key] = value["@@assign"]
        else:
            out.update(_assigned(value, f"{prefix}{key}."))
    return out


def ec2_document(mode: str = "block_ingress") -> dict[str, Any]:
    organization = spec(guardrails={"vpcBlockPublicAccess": mode})
    [ec2] = [d for d in catalog(organization) if d.type == DECLARATIVE]
    document: dict[str, Any] = json.loads(render_policy(ec2, organization, "o-abcdef1234"))
    return document


@pytest.mark.parametrize("mode", ["off", "block_ingress", "block_bidirectional"])
def test_the_ec2_policy_uses_only_documented_attributes_fields_and_values(mode: str) -> None:
    document = ec2_document(mode)
    assert list(document) == ["ec2_attributes"]
    attributes = dict(document["ec2_attributes"])
    assert isinstance(attributes.pop("exception_message")["@@assign"], str)
    unknown = sorted(set(attributes) - set(EC2_ATTRIBUTES))
    assert not unknown, f"attributes EC2 declarative policies do not support: {unknown}"
    for attribute, body in attributes.items():
        schema = EC2_ATTRIBUTES[attribute]
        for field, value in _assigned(body).items():
            assert field in schema, f"{attribute}.{field} is not a documented field ({sorted(schema)})"
            allowed = schema[field]
            assert allowed is None or value in allowed, f"{attribute}.{field} = {value!r}; documented: {allowed}"


def test_the_ec2_policy_sets_what_the_issue_asks_for() -> None:
    attributes = {name: _assigned(body) for name, body in ec2_document()["ec2_attributes"].items()
                  if name != "exception_message"}
    assert attributes == {
        "vpc_block_public_access": {"internet_gateway_block.mode": "block_ingress",
                                    "internet_gateway_block.exclusions_allowed": "enabled"},
        "instance_metadata_defaults": {"http_tokens": "required", "http_put_response_hop_limit": "2",
                                       "http_endpoint": "enabled", "instance_metadata_tags": "disabled"},
        "image_block_public_access": {"state": "block_new_sharing"},
        "snapshot_block_public_access": {"state": "block_all_sharing"},
    }


@pytest.mark.parametrize("partition", ["aws", "aws-cn", "aws-us-gov"])
def test_the_backup_role_arn_is_in_the_resolved_partition(partition: str) -> None:
    organization = spec()
    [backup] = [d for d in catalog(organization) if d.type == "BACKUP_POLICY"]
    document = json.loads(render_policy(backup, organization, "o-abcdef1234", partition))
    [selection] = document["plans"]["lz-daily"]["selections"]["tags"].values()
    assert selection["iam_role_arn"]["@@assign"] == (
        f"arn:{partition}:iam::$account:role/service-role/AWSBackupDefaultServiceRole")
