"""The org stack's ARNs follow the resolved partition: the access-role ARNs the providers assume and the
stack exports, and the backup policy's role, are built from `env.partition`, never a literal `aws`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from lz.mock_engine import run_program

ROOT = Path(__file__).resolve().parents[2]
# The shipped program, but the partition the provider resolved is GovCloud's (the mocks answer `aws` for
# eu-west-1, and the organization spec governs commercial regions only, so the partition is swapped here).
PROGRAM = '''
import pulumi
from components import AccountContext, OrganizationLandingZone, organization_environment, resolve_account
from components import validate_organization
from components.config import raw_config_from_pulumi

config = validate_organization(raw_config_from_pulumi())
account = resolve_account()
env = organization_environment(config, AccountContext(account.account_id, account.region, "aws-us-gov"))
org = OrganizationLandingZone("org", config, env=env)
for key, value in org.outputs().items():
    pulumi.export(key, value)
'''


def test_access_role_and_backup_arns_take_the_resolved_partition(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Pulumi.yaml", tmp_path / "Pulumi.yaml")
    shutil.copy(ROOT / "Pulumi.org.yaml", tmp_path / "Pulumi.org.yaml")
    (tmp_path / "components").symlink_to(ROOT / "components")
    (tmp_path / "__main__.py").write_text(PROGRAM)
    graph = run_program(tmp_path, "org")
    role_arns = [a["roleArn"] for a in graph.outputs["accounts"].values()]
    assert len(role_arns) == 5 and all(arn.startswith("arn:aws-us-gov:iam::") for arn in role_arns), role_arns
    assumed = [json.loads(r.inputs["assumeRoles"])[0]["roleArn"] for r in graph.resources
               if r.type == "pulumi:providers:aws" and "assumeRoles" in r.inputs]
    assert assumed and all(arn.startswith("arn:aws-us-gov:iam::") for arn in assumed), assumed
    [backup] = [r for r in graph.resources if r.type == "aws:organizations/policy:Policy" and r.inputs["type"]
                == "BACKUP_POLICY"]
    assert "arn:aws-us-gov:iam::$account:role/service-role/AWSBackupDefaultServiceRole" in backup.inputs["content"]
