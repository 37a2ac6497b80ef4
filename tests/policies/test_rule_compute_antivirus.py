"""ec2_antivirus_bootstrap: user data (plain, base64, gzip) or a fleet SSM association."""

import base64
import gzip

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

AMI = "ami-0123456789abcdef0"
CLAMAV = "#!/bin/bash\ndnf install -y clamav clamd\nsystemctl enable --now clamd@scan\n"
NGINX = "#!/bin/bash\ndnf install -y nginx\n"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def instance(name: str, **kwargs: object) -> aws.ec2.Instance:
    return aws.ec2.Instance(name, ami=AMI, instance_type="t3.micro", **kwargs)  # type: ignore[arg-type]


def fleet() -> None:
    instance("ok-plain", user_data=CLAMAV)
    instance("ok-b64-in-user-data", user_data=b64(CLAMAV))
    instance("ok-gzip", user_data_base64=base64.b64encode(gzip.compress(b"freshclam --quiet")).decode())
    instance("nginx-only", user_data=NGINX)
    instance("no-user-data")
    aws.ec2.LaunchTemplate("ok-lt", user_data=b64(CLAMAV))
    aws.ec2.LaunchTemplate("lt-nginx", user_data=b64(NGINX))
    aws.ec2.LaunchConfiguration("ok-lc", image_id=AMI, instance_type="t3.micro", user_data=CLAMAV)
    instance("ok-from-template", launch_template=aws.ec2.InstanceLaunchTemplateArgs(name="ok-lt"))


def test_user_data_markers_decoded() -> None:
    assert evaluate_rule("ec2_antivirus_bootstrap", fleet) == {"nginx-only", "no-user-data", "lt-nginx"}


def test_markers_are_configurable_and_exemptions_apply() -> None:
    graph = run_function(fleet)
    assert set(violations("ec2_antivirus_bootstrap", graph, {"markers": ["nginx"]})) == {
        "ok-plain", "ok-b64-in-user-data", "ok-gzip", "no-user-data", "ok-lt", "ok-lc"
    }
    assert set(violations("ec2_antivirus_bootstrap", graph, {"exemptions": ["*nginx*"]})) == {"no-user-data"}


def test_ssm_association_covers_the_fleet() -> None:
    def program() -> None:
        fleet()
        aws.ssm.Association("clamav-scan", name="LZ-ClamAV-Scan", schedule_expression="rate(1 day)",
                            targets=[aws.ssm.AssociationTargetArgs(key="tag:Antivirus", values=["clamav"])])

    def unrelated() -> None:
        fleet()
        aws.ssm.Association("patch", name="AWS-RunPatchBaseline",
                            targets=[aws.ssm.AssociationTargetArgs(key="InstanceIds", values=["*"])])

    assert evaluate_rule("ec2_antivirus_bootstrap", program) == set()
    assert evaluate_rule("ec2_antivirus_bootstrap", unrelated) == {"nginx-only", "no-user-data", "lt-nginx"}


def test_unknown_user_data_is_cannot_decide_for_that_instance_only() -> None:
    def program() -> None:
        instance("pending", user_data=unknown(CLAMAV))
        instance("nginx-only", user_data=NGINX)

    found = violations("ec2_antivirus_bootstrap", run_function(program))
    assert set(found) == {"pending", "nginx-only"}
    [pending] = found["pending"]
    assert pending.message.startswith("cannot decide: userData")
    assert "cannot decide" not in found["nginx-only"][0].message
