"""Facts about AWS resource types the mocks need: id prefixes, ARN shapes, name properties."""

from __future__ import annotations

# The account the mocks (and the stand-in provider) answer for unless told otherwise.
DEFAULT_ACCOUNT_ID = "123456789012"

# Physical id prefix per type token; the id is `<prefix>-<17 hex>` like EC2's.
ID_PREFIX: dict[str, str] = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2clientvpn/endpoint:Endpoint": "cvpn-endpoint",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/defaultRouteTable:DefaultRouteTable": "rtb",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
    "aws:ec2/route:Route": "r-rtb",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": "eigw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
    "aws:ec2/networkAcl:NetworkAcl": "acl",
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": "acl",
    "aws:ec2/networkAclRule:NetworkAclRule": "nacl",
    "aws:ec2transitgateway/transitGateway:TransitGateway": "tgw",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": "tgw-attach",
    "aws:ec2transitgateway/routeTable:RouteTable": "tgw-rtb",
    "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": "tgw-rtbassoc",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
    "aws:ec2/flowLog:FlowLog": "fl",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt",
    "aws:ec2/instance:Instance": "i",
    "aws:ebs/volume:Volume": "vol",
    "aws:ec2/networkInterface:NetworkInterface": "eni",
    "aws:ec2/managedPrefixList:ManagedPrefixList": "pl",
    "aws:ec2/keyPair:KeyPair": "key",
    "aws:ec2/vpcDhcpOptions:VpcDhcpOptions": "dopt",
    "aws:ec2/vpcBlockPublicAccessExclusion:VpcBlockPublicAccessExclusion": "exclusion",
    "aws:guardduty/detector:Detector": "",
}

# Types whose id is a UUID (KMS keys and the like).
UUID_ID_TYPES = {"aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey"}

# Types whose physical name comes from a property; Pulumi autonames it when absent.
NAME_PROPERTY: dict[str, str] = {
    "aws:ec2/securityGroup:SecurityGroup": "name",
    "aws:cloudwatch/logGroup:LogGroup": "name",
    "aws:iam/role:Role": "name",
    "aws:iam/policy:Policy": "name",
    "aws:iam/user:User": "name",
    "aws:iam/group:Group": "name",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "name",
    "aws:lb/loadBalancer:LoadBalancer": "name",
    "aws:alb/loadBalancer:LoadBalancer": "name",
    "aws:lb/targetGroup:TargetGroup": "name",
    "aws:alb/targetGroup:TargetGroup": "name",
    "aws:wafv2/webAcl:WebAcl": "name",
    "aws:cfg/recorder:Recorder": "name",
    "aws:iam/instanceProfile:InstanceProfile": "name",
    "aws:iam/rolePolicy:RolePolicy": "name",
    "aws:s3/bucket:Bucket": "bucket",
    "aws:s3/bucketV2:BucketV2": "bucket",
    "aws:sns/topic:Topic": "name",
    "aws:sqs/queue:Queue": "name",
    "aws:lambda/function:Function": "name",
    "aws:cloudtrail/trail:Trail": "name",
    "aws:kms/alias:Alias": "name",
    "aws:ec2/launchTemplate:LaunchTemplate": "name",
    "aws:networkfirewall/firewall:Firewall": "name",
    "aws:networkfirewall/firewallPolicy:FirewallPolicy": "name",
    "aws:networkfirewall/ruleGroup:RuleGroup": "name",
    "aws:cloudwatch/metricAlarm:MetricAlarm": "name",
    "aws:cloudwatch/eventRule:EventRule": "name",
    "aws:ec2/keyPair:KeyPair": "keyName",
}

# Types whose id is their ARN (as the AWS provider records it).
ID_IS_ARN = {
    "aws:iam/policy:Policy", "aws:sns/topic:Topic", "aws:lb/loadBalancer:LoadBalancer",
    "aws:alb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
}

# Types whose id is their (physical) name.
ID_IS_NAME = {
    "aws:iam/user:User",
    "aws:iam/group:Group",
    "aws:cfg/recorder:Recorder",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:iam/role:Role",
    "aws:iam/instanceProfile:InstanceProfile",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:cloudtrail/trail:Trail",
    "aws:kms/alias:Alias",
    "aws:lambda/function:Function",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:cloudwatch/eventRule:EventRule",
    "aws:ec2/keyPair:KeyPair",
}

_EC2 = "arn:{partition}:ec2:{region}:{account}:"
_ELB = "arn:{partition}:elasticloadbalancing:{region}:{account}:"
# ARN template per type: {id}, {name} (physical name), {partition}, {region}, {account}.
ARN_TEMPLATE: dict[str, str] = {
    "aws:ec2/vpc:Vpc": _EC2 + "vpc/{id}",
    "aws:ec2/subnet:Subnet": _EC2 + "subnet/{id}",
    "aws:ec2/securityGroup:SecurityGroup": _EC2 + "security-group/{id}",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": _EC2 + "security-group/{id}",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": _EC2 + "security-group-rule/{id}",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": _EC2 + "security-group-rule/{id}",
    "aws:ec2/routeTable:RouteTable": _EC2 + "route-table/{id}",
    "aws:ec2/defaultRouteTable:DefaultRouteTable": _EC2 + "route-table/{id}",
    "aws:ec2/internetGateway:InternetGateway": _EC2 + "internet-gateway/{id}",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": _EC2 + "egress-only-internet-gateway/{id}",
    "aws:ec2/natGateway:NatGateway": _EC2 + "natgateway/{id}",
    "aws:ec2/eip:Eip": _EC2 + "elastic-ip/{id}",
    "aws:ec2/networkAcl:NetworkAcl": _EC2 + "network-acl/{id}",
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": _EC2 + "network-acl/{id}",
    "aws:ec2transitgateway/transitGateway:TransitGateway": _EC2 + "transit-gateway/{id}",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": _EC2 + "transit-gateway-attachment/{id}",
    "aws:ec2transitgateway/routeTable:RouteTable": _EC2 + "transit-gateway-route-table/{id}",
    "aws:ec2/vpcEndpoint:VpcEndpoint": _EC2 + "vpc-endpoint/{id}",
    "aws:ec2/flowLog:FlowLog": _EC2 + "vpc-flow-log/{id}",
    "aws:ec2/launchTemplate:LaunchTemplate": _EC2 + "launch-template/{id}",
    "aws:ec2/instance:Instance": _EC2 + "instance/{id}",
    "aws:ebs/volume:Volume": _EC2 + "volume/{id}",
    "aws:ec2/networkInterface:NetworkInterface": _EC2 + "network-interface/{id}",
    "aws:ec2/managedPrefixList:ManagedPrefixList": _EC2 + "prefix-list/{id}",
    "aws:ec2/keyPair:KeyPair": _EC2 + "key-pair/{name}",
    "aws:ec2/vpcDhcpOptions:VpcDhcpOptions": _EC2 + "dhcp-options/{id}",
    "aws:kms/key:Key": "arn:{partition}:kms:{region}:{account}:key/{id}",
    "aws:kms/replicaKey:ReplicaKey": "arn:{partition}:kms:{region}:{account}:key/{id}",
    "aws:kms/alias:Alias": "arn:{partition}:kms:{region}:{account}:{name}",
    "aws:cloudwatch/logGroup:LogGroup": "arn:{partition}:logs:{region}:{account}:log-group:{name}",
    "aws:cloudwatch/metricAlarm:MetricAlarm": "arn:{partition}:cloudwatch:{region}:{account}:alarm:{name}",
    "aws:cloudwatch/eventRule:EventRule": "arn:{partition}:events:{region}:{account}:rule/{name}",
    "aws:iam/role:Role": "arn:{partition}:iam::{account}:role{path}{name}",
    "aws:iam/policy:Policy": "arn:{partition}:iam::{account}:policy{path}{name}",
    "aws:iam/instanceProfile:InstanceProfile": "arn:{partition}:iam::{account}:instance-profile{path}{name}",
    "aws:iam/user:User": "arn:{partition}:iam::{account}:user{path}{name}",
    "aws:iam/group:Group": "arn:{partition}:iam::{account}:group{path}{name}",
    "aws:s3/bucket:Bucket": "arn:{partition}:s3:::{name}",
    "aws:s3/bucketV2:BucketV2": "arn:{partition}:s3:::{name}",
    "aws:sns/topic:Topic": "arn:{partition}:sns:{region}:{account}:{name}",
    "aws:sqs/queue:Queue": "arn:{partition}:sqs:{region}:{account}:{name}",
    "aws:lambda/function:Function": "arn:{partition}:lambda:{region}:{account}:function:{name}",
    "aws:cloudtrail/trail:Trail": "arn:{partition}:cloudtrail:{region}:{account}:trail/{name}",
    "aws:guardduty/detector:Detector": "arn:{partition}:guardduty:{region}:{account}:detector/{id}",
    "aws:networkfirewall/firewall:Firewall":
        "arn:{partition}:network-firewall:{region}:{account}:firewall/{name}",
    "aws:networkfirewall/firewallPolicy:FirewallPolicy":
        "arn:{partition}:network-firewall:{region}:{account}:firewall-policy/{name}",
    "aws:networkfirewall/ruleGroup:RuleGroup":
        "arn:{partition}:network-firewall:{region}:{account}:{rulegroup}/{name}",
    "aws:accessanalyzer/analyzer:Analyzer":
        "arn:{partition}:access-analyzer:{region}:{account}:analyzer/{name}",
    "aws:securityhub/account:Account": "arn:{partition}:securityhub:{region}:{account}:hub/default",
    "aws:cfg/recorder:Recorder": "arn:{partition}:config:{region}:{account}:config-recorder/{name}",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream":
        "arn:{partition}:firehose:{region}:{account}:deliverystream/{name}",
    "aws:ec2clientvpn/endpoint:Endpoint": _EC2 + "client-vpn-endpoint/{id}",
    "aws:lb/loadBalancer:LoadBalancer": _ELB + "loadbalancer/app/{name}/{id}",
    "aws:alb/loadBalancer:LoadBalancer": _ELB + "loadbalancer/app/{name}/{id}",
    "aws:lb/targetGroup:TargetGroup": _ELB + "targetgroup/{name}/{id}",
    "aws:alb/targetGroup:TargetGroup": _ELB + "targetgroup/{name}/{id}",
    "aws:wafv2/webAcl:WebAcl": "arn:{partition}:wafv2:{region}:{account}:regional/webacl/{name}/{id}",
}

# Types that report the owning account as `ownerId`.
OWNER_ID_TYPES = {
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/networkAcl:NetworkAcl",
    "aws:ec2transitgateway/transitGateway:TransitGateway",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:ec2/managedPrefixList:ManagedPrefixList",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
}

# Number of availability zones per region; regions not listed have 3.
AZ_COUNT = {"us-east-1": 6, "us-west-2": 4, "ap-northeast-1": 3, "us-west-1": 2}

_DIRECTIONS = {
    "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
    "north": "n", "south": "s", "east": "e", "west": "w", "central": "c",
}


def region_code(region: str) -> str:
    """The short code AWS uses in zone ids: us-east-1 -> use1, ap-southeast-2 -> apse2."""
    parts = region.split("-")
    if len(parts) < 3:
        return region.replace("-", "")
    return parts[0] + "".join(_DIRECTIONS.get(p, p[:1]) for p in parts[1:-1]) + parts[-1]


def availability_zones(region: str) -> list[tuple[str, str]]:
    """(name, zone id) for each zone of the region, in name order."""
    count = AZ_COUNT.get(region, 3)
    code = region_code(region)
    return [(f"{region}{chr(ord('a') + i)}", f"{code}-az{i + 1}") for i in range(count)]


def partition_of(region: str) -> tuple[str, str]:
    """(partition, dns suffix) for a region."""
    if region.startswith("cn-"):
        return "aws-cn", "amazonaws.com.cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov", "amazonaws.com"
    return "aws", "amazonaws.com"

# Input properties AWS cannot change in place (Terraform's ForceNew): changing one replaces the
# resource. Only what the stand-in provider's Diff needs to plan replacements the way AWS would.
REPLACE_ON_CHANGE: dict[str, frozenset[str]] = {
    "aws:ec2/vpc:Vpc": frozenset({"cidrBlock"}),
    "aws:ec2/subnet:Subnet": frozenset({"cidrBlock", "availabilityZone", "availabilityZoneId", "vpcId"}),
    "aws:ec2/securityGroup:SecurityGroup": frozenset({"name", "namePrefix", "description", "vpcId"}),
    "aws:ec2/networkAcl:NetworkAcl": frozenset({"vpcId"}),
    "aws:ec2/route:Route": frozenset({"routeTableId", "destinationCidrBlock"}),
    "aws:s3/bucket:Bucket": frozenset({"bucket", "bucketPrefix"}),
    "aws:s3/bucketV2:BucketV2": frozenset({"bucket", "bucketPrefix"}),
    "aws:iam/role:Role": frozenset({"name", "namePrefix"}),
}


# ARN service names where they differ from the SDK module (`aws:<module>/...`).
_ARN_SERVICE = {
    "alb": "elasticloadbalancing", "lb": "elasticloadbalancing", "elb": "elasticloadbalancing",
    "ec2transitgateway": "ec2", "vpc": "ec2", "ec2clientvpn": "ec2",
    "cognito": "cognito-idp", "sfn": "states", "cfg": "config", "appautoscaling": "application-autoscaling",
    "apigatewayv2": "apigateway", "opensearch": "es", "elasticsearch": "es",
    "networkfirewall": "network-firewall", "ssoadmin": "sso",
    "cloudwatchlogs": "logs", "msk": "kafka", "efs": "elasticfilesystem",
}
# Services whose ARNs carry no region (global) and no account (S3).
_GLOBAL_SERVICES = {"iam", "route53", "cloudfront", "organizations", "waf", "globalaccelerator"}


def default_arn_template(typ: str) -> str | None:
    """An AWS-shaped ARN for a type without its own template: arn:<p>:<service>:<region>:<account>:<kind>/<name>.

    The service comes from the SDK module (with AWS's spelling where it differs), the resource kind
    from the type's own name in kebab case, as most services write it (`imagebuilder ... component/x`).
    """
    try:
        _, module_and_kind, _ = typ.split(":", 2)
        module, kind = module_and_kind.split("/", 1)
    except ValueError:
        return None
    if module in ("index", "pulumi") or not kind:
        return None
    service = _ARN_SERVICE.get(module, module)
    region = "" if service in _GLOBAL_SERVICES or service == "s3" else "{region}"
    account = "" if service == "s3" else "{account}"
    kebab = "".join("-" + c.lower() if c.isupper() else c for c in kind).lstrip("-")
    return f"arn:{{partition}}:{service}:{region}:{account}:{kebab}/{{name}}"

# The Elastic Load Balancing account per region (access-log bucket policies name it), from AWS's
# "Enable access logs" page; regions opened since ap-southeast-3 use a service principal instead.
ELB_SERVICE_ACCOUNT: dict[str, str] = {
    "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980",
    "us-west-2": "797873946194", "eu-west-1": "156460612806", "eu-central-1": "054676820928",
    "eu-west-3": "009996457667", "ap-southeast-1": "114774131450", "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887",
}
