"""An organization (role org) and a workload (role app) deploying into an account of it through its role."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
if config.require("role") == "org":
    org = aws.organizations.Organization("org", feature_set="ALL", enabled_policy_types=["SERVICE_CONTROL_POLICY"])
    unit = aws.organizations.OrganizationalUnit("workloads", name="Workloads", parent_id=org.roots[0].id)
    account = aws.organizations.Account("workload-app", name="workload-app", email="app@example.com",
                                        parent_id=unit.id, close_on_deletion=False)
    pulumi.export("organizationId", org.id)
    pulumi.export("managementAccountId", org.master_account_id)
    role_arn = account.id.apply(lambda i: f"arn:aws:iam::{i}:role/OrganizationAccountAccessRole")
    pulumi.export("accounts", {"workload-app": {"id": account.id, "roleArn": role_arn}})
else:
    ref = pulumi.StackReference("organization", stack_name=config.require("orgStack"))
    accounts = ref.require_output("accounts")
    role_arn = accounts.apply(lambda a: a[config.require("account")]["roleArn"])
    provider = aws.Provider("account", region="eu-central-1",
                            assume_roles=[aws.ProviderAssumeRoleArgs(role_arn=role_arn)])
    queue = aws.sqs.Queue("jobs", opts=pulumi.ResourceOptions(provider=provider))
    pulumi.export("queueArn", queue.arn)
    pulumi.export("organizationId", ref.require_output("organizationId"))
