"""The CIS AWS Foundations Benchmark v3.0.0 section 4 metric filters (4.1-4.15), as pure data.

`benchmark_text` is the filter pattern exactly as the benchmark's remediation prints it. `pattern` is
what we deploy: the same text, except for 4.1 and 4.13, which the benchmark prints without the
parentheses its intent needs (as printed, the `&&` clauses bind to the last `||` alternative only,
so 4.1 would alert on every AccessDenied from log delivery and 4.13 would match CreateRoute from any
event source). The grouped forms add parentheses and nothing else; a test pins that.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CisMetricFilter:
    """One CIS 4.x control: its id, title, metric name and filter pattern."""

    control_id: str
    name: str
    metric_name: str
    benchmark_text: str
    pattern: str

    @property
    def slug(self) -> str:
        """`4-1`, used in logical and physical names."""
        return self.control_id.replace(".", "-")


def _or(*events: str, quoted: bool = False) -> str:
    quote = '"' if quoted else ""
    return " || ".join(f"($.eventName = {quote}{e}{quote})" for e in events)


def _same(control_id: str, name: str, metric: str, text: str) -> CisMetricFilter:
    return CisMetricFilter(control_id, name, metric, text, text)


_IAM_POLICY_EVENTS = (
    "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy",
    "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
    "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy",
    "DetachGroupPolicy",
)
_ROUTE_EVENTS = (
    "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable",
    "DeleteRoute", "DisassociateRouteTable",
)
_ORGANIZATIONS_EVENTS = (
    "AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
    "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy",
    "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization",
    "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit",
)

CIS_METRIC_FILTERS: tuple[CisMetricFilter, ...] = (
    CisMetricFilter(
        "4.1", "Unauthorized API calls", "UnauthorizedApiCalls",
        '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && '
        '($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
        '{ (($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*")) && '
        '($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
    ),
    _same("4.2", "Management console sign-in without MFA", "ConsoleSignInWithoutMfa",
          '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }'),
    _same("4.3", "Usage of the root account", "RootAccountUsage",
          '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && '
          '$.eventType != "AwsServiceEvent" }'),
    _same("4.4", "IAM policy changes", "IamPolicyChanges",
          "{" + "||".join(f"($.eventName={e})" for e in _IAM_POLICY_EVENTS) + "}"),
    _same("4.5", "CloudTrail configuration changes", "CloudTrailConfigChanges",
          "{ " + _or("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging") + " }"),
    _same("4.6", "Management console authentication failures", "ConsoleAuthenticationFailures",
          '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'),
    _same("4.7", "Disabling or scheduled deletion of customer created CMKs", "CmkDisableOrScheduledDeletion",
          "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"),
    _same("4.8", "S3 bucket policy changes", "S3BucketPolicyChanges",
          "{ ($.eventSource = s3.amazonaws.com) && (" + _or(
              "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
              "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication")
          + ") }"),
    _same("4.9", "AWS Config configuration changes", "ConfigConfigurationChanges",
          "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||"
          "($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||"
          "($.eventName=PutConfigurationRecorder)) }"),
    _same("4.10", "Security group changes", "SecurityGroupChanges",
          "{ " + _or("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
                     "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup") + " }"),
    _same("4.11", "Network ACL changes", "NetworkAclChanges",
          "{ " + _or("CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
                     "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation") + " }"),
    _same("4.12", "Changes to network gateways", "NetworkGatewayChanges",
          "{ " + _or("CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway",
                     "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway") + " }"),
    CisMetricFilter(
        "4.13", "Route table changes", "RouteTableChanges",
        "{($.eventSource = ec2.amazonaws.com) && " + _or(*_ROUTE_EVENTS) + " }",
        "{($.eventSource = ec2.amazonaws.com) && (" + _or(*_ROUTE_EVENTS) + ") }",
    ),
    _same("4.14", "VPC changes", "VpcChanges",
          "{ " + _or("CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
                     "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
                     "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink",
                     "EnableVpcClassicLink") + " }"),
    _same("4.15", "AWS Organizations changes", "OrganizationsChanges",
          "{ ($.eventSource = organizations.amazonaws.com) && (" + _or(*_ORGANIZATIONS_EVENTS, quoted=True)
          + ") }"),
)
