"""Identity under the mock engine: what a regression in the component would change in the graph."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from components.base import AccountContext, Tagging
from components.identity.documents import force_mfa_policy, permissions_boundary, role_trust_policy
from components.identity.identity import Identity
from components.identity.plan import plan_identity
from components.identity.spec import IdentitySpec
from lz.graph import ResourceGraph, ResourceRecord
from lz.mock_engine import ProgramError, run_function
from tests.components.envs import env_of

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
TAGGING = Tagging("dev", "platform", "internal", {})
USERS = [{"name": "alice", "groups": ["auditors", "developers"]}, {"name": "bob@example.com", "groups": ["operators"]}]

GROUP = "aws:iam/group:Group"
GROUP_ATTACH = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment"
ROLE = "aws:iam/role:Role"
ROLE_ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
POLICY = "aws:iam/policy:Policy"
USER = "aws:iam/user:User"
MANAGED = "arn:aws:iam::aws:policy/"


def declare(raw: dict[str, Any] | None = None, production: bool = False) -> Callable[[], None]:
    spec = IdentitySpec.model_validate(raw or {})

    def program() -> None:
        Identity("dev-identity", spec, env=env_of(TAGGING, production=production))

    return program


def capture(raw: dict[str, Any] | None = None, **kwargs: Any) -> ResourceGraph:
    return run_function(declare(raw, **kwargs), config={"aws:region": ACCOUNT.region})


@pytest.fixture(scope="module")
def graph() -> ResourceGraph:
    return capture()


@pytest.fixture(scope="module")
def with_users() -> ResourceGraph:
    return capture({"users": USERS})


def named(graph: ResourceGraph, name: str) -> ResourceRecord:
    record = graph.get(name)
    assert record is not None, name
    return record


def attached(graph: ResourceGraph, type_: str, owner_key: str, owner: str) -> set[str]:
    return {a.inputs["policyArn"] for a in graph.by_type(type_) if a.inputs[owner_key] == owner}


def test_resource_count_and_types_for_the_default_spec(graph: ResourceGraph) -> None:
    assert Counter(r.type for r in graph.resources) == {
        "lz:identity:Identity": 1, "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": 1,
        "aws:accessanalyzer/analyzer:Analyzer": 1, POLICY: 6, GROUP: 4, GROUP_ATTACH: 17, ROLE: 5,
        ROLE_ATTACH: 10,
    }


def test_preview_and_update_register_the_same_resources(with_users: ResourceGraph) -> None:
    update = run_function(declare({"users": USERS}), config={"aws:region": ACCOUNT.region}, preview=False)
    assert sorted(r.urn for r in update.resources) == sorted(r.urn for r in with_users.resources)


def test_every_resource_is_parented_inside_the_component(with_users: ResourceGraph) -> None:
    root = named(with_users, "dev-identity")
    urns = {r.urn for r in with_users.resources}
    assert all(r.parent in urns for r in with_users.resources if r is not root)


def test_password_policy_meets_cis(graph: ResourceGraph) -> None:
    policy = named(graph, "dev-identity-password-policy").inputs
    assert policy == {
        "minimumPasswordLength": 14, "passwordReusePrevention": 24, "maxPasswordAge": 90,
        "requireUppercaseCharacters": True, "requireLowercaseCharacters": True, "requireNumbers": True,
        "requireSymbols": True, "allowUsersToChangePassword": True, "hardExpiry": False,
    }


def test_stricter_password_policy_reaches_aws() -> None:
    policy = named(capture({"passwordPolicy": {"minimumLength": 24, "maxAgeDays": 60}}),
                   "dev-identity-password-policy").inputs
    assert (policy["minimumPasswordLength"], policy["maxPasswordAge"]) == (24, 60)


def test_groups_carry_their_managed_policies_and_the_mfa_guard(graph: ResourceGraph) -> None:
    force_mfa = named(graph, "dev-identity-force-mfa").outputs["arn"]
    assert json.loads(named(graph, "dev-identity-force-mfa").inputs["policy"]) == force_mfa_policy(ACCOUNT)
    expected = {
        "administrators": {"AdministratorAccess"},
        "operators": {"job-function/ViewOnlyAccess", "AmazonSSMFullAccess"},
        "developers": {"job-function/ViewOnlyAccess", "CloudWatchLogsReadOnlyAccess", "AWSXrayReadOnlyAccess",
                       "AmazonEC2ContainerRegistryPowerUser"},
        "auditors": {"SecurityAudit", "ReadOnlyAccess"},
    }
    for function, managed in expected.items():
        group = f"lz-dev-{function}"
        assert named(graph, f"dev-identity-{function}").inputs["name"] == group
        assume = named(graph, f"dev-identity-{function}-assume").outputs["arn"]
        assert attached(graph, GROUP_ATTACH, "group", group) == {MANAGED + m for m in managed} | {force_mfa, assume}


def test_no_group_lacks_the_mfa_guard() -> None:
    graph = capture({"jobFunctions": ["auditors"]})
    force_mfa = named(graph, "dev-identity-force-mfa").outputs["arn"]
    groups = [g.inputs["name"] for g in graph.by_type(GROUP)]
    assert groups == ["lz-dev-auditors"]
    assert all(force_mfa in attached(graph, GROUP_ATTACH, "group", g) for g in groups)


def test_roles_require_mfa_are_bounded_and_short_lived(graph: ResourceGraph) -> None:
    boundary = named(graph, "dev-identity-permissions-boundary").outputs["arn"]
    trust = role_trust_policy(ACCOUNT, 3600)
    roles = graph.by_type(ROLE)
    assert {r.inputs["name"] for r in roles} == {
        "lz-dev-administrators", "lz-dev-operators", "lz-dev-developers", "lz-dev-auditors", "lz-dev-support"}
    for role in roles:
        assert json.loads(role.inputs["assumeRolePolicy"]) == trust, role.name
        assert role.inputs["permissionsBoundary"] == boundary
        assert role.inputs["maxSessionDuration"] == 3600
        assert "inlinePolicies" not in role.inputs and "managedPolicyArns" not in role.inputs


def test_session_duration_and_mfa_age_follow_the_spec() -> None:
    graph = capture({"sessionDurationHours": 4, "mfaMaxAgeSeconds": 900})
    for role in graph.by_type(ROLE):
        assert role.inputs["maxSessionDuration"] == 4 * 3600
        condition = json.loads(role.inputs["assumeRolePolicy"])["Statement"][0]["Condition"]
        assert condition["NumericLessThan"] == {"aws:MultiFactorAuthAge": "900"}


def test_role_permissions_match_the_job_function(graph: ResourceGraph) -> None:
    assert attached(graph, ROLE_ATTACH, "role", "lz-dev-auditors") == {MANAGED + "SecurityAudit",
                                                                       MANAGED + "ReadOnlyAccess"}
    assert attached(graph, ROLE_ATTACH, "role", "lz-dev-administrators") == {MANAGED + "AdministratorAccess"}


def test_support_role_exists_for_cis_1_17(graph: ResourceGraph) -> None:
    support = named(graph, "dev-identity-support-role")
    assert support.inputs["name"] == "lz-dev-support"
    assert attached(graph, ROLE_ATTACH, "role", "lz-dev-support") == {MANAGED + "AWSSupportAccess"}


def test_boundary_document_and_name(graph: ResourceGraph) -> None:
    boundary = named(graph, "dev-identity-permissions-boundary")
    assert boundary.inputs["name"] == "lz-dev-permissions-boundary"
    assert boundary.outputs["arn"] == "arn:aws:iam::123456789012:policy/landing-zone/lz-dev-permissions-boundary"
    plan = plan_identity(IdentitySpec(), "dev", ACCOUNT)
    assert json.loads(boundary.inputs["policy"]) == permissions_boundary(plan, ACCOUNT)
    # The document names the boundary's own ARN; it must be the one the policy really gets.
    assert plan.boundary_arn == boundary.outputs["arn"]


def test_assume_policies_name_the_created_roles(graph: ResourceGraph) -> None:
    roles = {r.inputs["name"]: r.outputs["arn"] for r in graph.by_type(ROLE)}
    admins = json.loads(named(graph, "dev-identity-administrators-assume").inputs["policy"])
    assert admins["Statement"][0]["Resource"] == [roles["lz-dev-administrators"], roles["lz-dev-support"]]
    auditors = json.loads(named(graph, "dev-identity-auditors-assume").inputs["policy"])
    assert auditors["Statement"][0]["Resource"] == [roles["lz-dev-auditors"]]


def test_access_analyzer_is_account_scoped_and_optional(graph: ResourceGraph) -> None:
    analyzer = named(graph, "dev-identity-access-analyzer").inputs
    assert (analyzer["analyzerName"], analyzer["type"]) == ("lz-dev-account", "ACCOUNT")
    assert capture({"accessAnalyzer": False}).by_type("aws:accessanalyzer/analyzer:Analyzer") == []


def test_users_get_a_login_profile_and_groups_only(with_users: ResourceGraph) -> None:
    boundary = named(with_users, "dev-identity-permissions-boundary").outputs["arn"]
    users = {u.inputs["name"]: u for u in with_users.by_type(USER)}
    assert set(users) == {"alice", "bob@example.com"}
    assert all(u.inputs["permissionsBoundary"] == boundary for u in users.values())
    login = named(with_users, "dev-identity-user-alice-login")
    assert login.inputs["user"] == "alice"
    assert login.inputs["passwordResetRequired"] is True
    assert login.inputs["passwordLength"] >= 20
    membership = named(with_users, "dev-identity-user-alice-groups").inputs
    assert membership == {"user": "alice", "groups": ["lz-dev-auditors", "lz-dev-developers"]}
    forbidden = {"aws:iam/accessKey:AccessKey", "aws:iam/userPolicy:UserPolicy",
                 "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment"}
    assert not forbidden & {r.type for r in with_users.resources}


def test_unknown_group_membership_is_refused() -> None:
    with pytest.raises(ProgramError, match=re.escape("identity.users[0].groups[0]: 'operators' is not an enabled")):
        capture({"jobFunctions": ["auditors"], "users": [{"name": "eve", "groups": ["operators"]}]})
