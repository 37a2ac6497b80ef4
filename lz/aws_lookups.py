"""Answers to the data sources that look up resources a stack did not create (AMIs, the default VPC,
hosted zones, ECR credentials, roles, keys, secrets, certificates).

Keys are the wire names of each function's `Get...Result` in pulumi_aws 7.51.1, nested types with all
their fields (the SDK builds them with required arguments). Values derive from the arguments and the
InvokeContext, so the same lookup gives the same answer under both engines and across runs, and two
lookups of one thing agree (get_vpc's main route table is get_route_table's, get_alias's key is get_key's).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lz.aws_tables import ELB_SERVICE_ACCOUNT, availability_zones

if TYPE_CHECKING:
    from lz.aws_invokes import InvokeContext

Answer = Callable[["InvokeContext", dict[str, Any]], dict[str, Any]]

# Fixed instants: a lookup's dates must not change between runs.
_CREATED = "2025-01-15T08:30:00.000Z"
_DEPRECATES = "2027-01-15T08:30:00.000Z"
_TOKEN_EXPIRES = "2025-01-15T20:30:00Z"
_AMAZON_OWNER = "137112412989"  # the account that publishes Amazon Linux ("owners=['amazon']")
_DEFAULT_VPC_CIDR = "172.31.0.0/16"


def _digest(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


def _hex(seed: str, length: int = 17) -> str:
    return _digest(seed)[:length]


def _upper_alnum(seed: str, length: int) -> str:
    return base64.b32encode(hashlib.sha256(seed.encode()).digest()).decode()[:length]


def _uuid(seed: str) -> str:
    return str(uuid.UUID(_digest(seed)[:32]))


def _seed(args: dict[str, Any], *keys: str) -> str:
    return json.dumps({k: args.get(k) for k in keys}, sort_keys=True, default=str)


def _region(ctx: InvokeContext, args: dict[str, Any]) -> str:
    return str(args.get("region") or ctx.region)


def _filter_values(args: dict[str, Any], name: str) -> list[str]:
    return [str(v) for f in args.get("filters") or [] if f.get("name") == name for v in f.get("values") or []]


# -- EC2 images ----------------------------------------------------------------------------------

def _image_name(args: dict[str, Any]) -> str:
    # A pattern becomes one name it matches: wildcards take a fixed release, as "most recent" would.
    if names := _filter_values(args, "name"):
        return names[0].replace("*", "20250115").replace("?", "0")
    if regex := args.get("nameRegex"):
        name = re.sub(r"\.[*+]|\[[^\]]*\][*+]?", "20250115", str(regex).strip("^$"))
        return name.replace("\\", "")
    return "lz-image-" + _hex(_seed(args, "owners", "filters", "tags"), 8)


def _image_owner(ctx: InvokeContext, args: dict[str, Any]) -> tuple[str, str | None]:
    owners = [str(o) for o in args.get("owners") or []] + _filter_values(args, "owner-id")
    for owner in owners:
        if owner == "self":
            return ctx.account_id, None
        if owner.isdigit():
            return owner, None
        if owner == "amazon":
            return _AMAZON_OWNER, "amazon"
    return (_AMAZON_OWNER, "amazon") if not owners else (ctx.account_id, None)


def _ami_id(ctx: InvokeContext, args: dict[str, Any], rank: int = 0) -> str:
    # An image is its owner's name in a region: other filters that find the same name find the same image.
    owner, _ = _image_owner(ctx, args)
    return "ami-" + _hex(f"{_region(ctx, args)}:{owner}:{_image_name(args)}:{rank}")


def _ami(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    image_id = _ami_id(ctx, args)
    name = _image_name(args)
    lowered = name.lower()
    arch = next(iter(_filter_values(args, "architecture")), None) or (
        "arm64" if "arm64" in lowered or "aarch64" in lowered else "x86_64")
    windows = "windows" in lowered
    root = "/dev/sda1" if windows or "ubuntu" in lowered else "/dev/xvda"
    snapshot = "snap-" + _hex(image_id + ":root")
    owner, alias = _image_owner(ctx, args)
    ebs = {"delete_on_termination": "true", "encrypted": "false", "iops": "3000", "snapshot_id": snapshot,
           "throughput": "125", "volume_size": "30" if windows else "8", "volume_type": "gp3"}
    return {
        "id": image_id, "imageId": image_id, "arn": f"arn:{ctx.partition}:ec2:{region}::image/{image_id}",
        "name": name, "description": name, "architecture": arch,
        "blockDeviceMappings": [{"deviceName": root, "ebs": ebs, "noDevice": "", "virtualName": ""}],
        "bootMode": "uefi" if arch == "arm64" else "uefi-preferred", "creationDate": _CREATED,
        "deprecationTime": _DEPRECATES, "enaSupport": True, "hypervisor": "xen",
        "imageLocation": f"{alias or owner}/{name}", "imageOwnerAlias": alias, "imageType": "machine",
        "imdsSupport": "v2.0", "kernelId": "", "lastLaunchedTime": "", "ownerId": owner,
        "platform": "windows" if windows else "", "platformDetails": "Windows" if windows else "Linux/UNIX",
        "productCodes": [], "public": owner != ctx.account_id, "ramdiskId": "", "rootDeviceName": root,
        "rootDeviceType": "ebs", "rootSnapshotId": snapshot, "sriovNetSupport": "simple", "state": "available",
        "stateReason": {"code": "UNSET", "message": "UNSET"}, "tags": args.get("tags") or {}, "tpmSupport": "",
        "uefiData": "", "usageOperation": "RunInstances:0002" if windows else "RunInstances",
        "virtualizationType": "hvm", "region": region,
        # the arguments, echoed as the provider does
        "owners": args.get("owners"), "filters": args.get("filters"), "nameRegex": args.get("nameRegex"),
        "mostRecent": args.get("mostRecent", False), "executableUsers": args.get("executableUsers"),
        "includeDeprecated": args.get("includeDeprecated", False),
        "allowUnsafeFilter": args.get("allowUnsafeFilter"),
    }


def _ami_ids(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    # Newest first unless sortAscending; the newest is the image get_ami(most_recent=True) finds.
    ids = [_ami_id(ctx, args, rank) for rank in range(3)]
    region = _region(ctx, args)
    return {"id": region, "ids": ids[::-1] if args.get("sortAscending") else ids, "region": region,
            "owners": args.get("owners"), "filters": args.get("filters"), "nameRegex": args.get("nameRegex"),
            "executableUsers": args.get("executableUsers"), "sortAscending": args.get("sortAscending", False),
            "includeDeprecated": args.get("includeDeprecated", False)}


# -- VPCs, subnets, route tables, security groups ------------------------------------------------

def default_vpc_id(ctx: InvokeContext, region: str) -> str:
    return "vpc-" + _hex(f"{ctx.account_id}:{region}:default-vpc")


def _vpc_id(ctx: InvokeContext, args: dict[str, Any]) -> str:
    region = _region(ctx, args)
    if args.get("id"):
        return str(args["id"])
    if ids := _filter_values(args, "vpc-id"):
        return ids[0]
    if args.get("default") or _filter_values(args, "is-default") == ["true"]:
        return default_vpc_id(ctx, region)
    return "vpc-" + _hex(f"{ctx.account_id}:{region}:" + _seed(args, "filters", "tags", "cidrBlock"))


def _vpc_cidr(ctx: InvokeContext, region: str, vpc_id: str) -> str:
    if vpc_id == default_vpc_id(ctx, region):
        return _DEFAULT_VPC_CIDR
    return f"10.{int(_hex(vpc_id, 2), 16)}.0.0/16"


def _subnets_of(ctx: InvokeContext, region: str, vpc_id: str) -> list[dict[str, str]]:
    """One subnet per zone, /20s in zone order, as AWS lays out a default VPC's."""
    second = _vpc_cidr(ctx, region, vpc_id).split(".")[:2]
    return [{"id": "subnet-" + _hex(f"{vpc_id}:{zone}"), "availabilityZone": zone, "availabilityZoneId": zone_id,
             "cidrBlock": f"{second[0]}.{second[1]}.{16 * i}.0/20"}
            for i, (zone, zone_id) in enumerate(availability_zones(region))]


def _main_route_table(vpc_id: str) -> str:
    return "rtb-" + _hex(vpc_id + ":main")


def _vpc(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    vpc_id = _vpc_id(ctx, args)
    default = vpc_id == default_vpc_id(ctx, region)
    cidr = str(args.get("cidrBlock") or _vpc_cidr(ctx, region, vpc_id))
    return {
        "id": vpc_id, "arn": f"arn:{ctx.partition}:ec2:{region}:{ctx.account_id}:vpc/{vpc_id}",
        "cidrBlock": cidr, "default": default, "state": "available", "instanceTenancy": "default",
        "cidrBlockAssociations": [{"associationId": "vpc-cidr-assoc-" + _hex(vpc_id + ":" + cidr),
                                   "cidrBlock": cidr, "state": "associated"}],
        "dhcpOptionsId": "dopt-" + _hex(f"{ctx.account_id}:{region}:dhcp"),
        "enableDnsHostnames": default, "enableDnsSupport": True, "enableNetworkAddressUsageMetrics": False,
        "ipv6AssociationId": "", "ipv6CidrBlock": "", "ipv6CidrBlockAssociations": [],
        "mainRouteTableId": _main_route_table(vpc_id), "ownerId": ctx.account_id, "region": region,
        "tags": args.get("tags") or {}, "filters": args.get("filters"),
    }


def _matching_subnets(ctx: InvokeContext, args: dict[str, Any]) -> tuple[str, list[dict[str, str]]]:
    region = _region(ctx, args)
    vpc_ids = _filter_values(args, "vpc-id")
    vpc_id = str(args.get("vpcId") or (vpc_ids[0] if vpc_ids else default_vpc_id(ctx, region)))
    subnets = _subnets_of(ctx, region, vpc_id)
    zones = set(_filter_values(args, "availability-zone") + _filter_values(args, "availabilityZone"))
    zones |= {str(args[k]) for k in ("availabilityZone",) if args.get(k)}
    zone_ids = set(_filter_values(args, "availability-zone-id")) | (
        {str(args["availabilityZoneId"])} if args.get("availabilityZoneId") else set())
    ids = set(_filter_values(args, "subnet-id")) | ({str(args["id"])} if args.get("id") else set())
    return vpc_id, [s for s in subnets if (not zones or s["availabilityZone"] in zones)
                    and (not zone_ids or s["availabilityZoneId"] in zone_ids) and (not ids or s["id"] in ids)]


def _subnets(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    _, found = _matching_subnets(ctx, args)
    region = _region(ctx, args)
    return {"id": region, "ids": [s["id"] for s in found], "region": region,
            "filters": args.get("filters"), "tags": args.get("tags") or {}}


def _subnet(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    vpc_id, found = _matching_subnets(ctx, args)
    if found:
        subnet = found[0]
    else:  # an id (or a zone) from elsewhere: a zone and /24 it names deterministically
        subnet_id = str(args.get("id") or "subnet-" + _hex(vpc_id + _seed(args, "filters", "tags", "cidrBlock")))
        zones = availability_zones(region)
        zone, zone_id = zones[int(_hex(subnet_id, 4), 16) % len(zones)]
        subnet = {"id": subnet_id, "availabilityZone": zone, "availabilityZoneId": zone_id,
                  "cidrBlock": f"10.{int(_hex(vpc_id, 2), 16)}.{int(_hex(subnet_id, 2), 16)}.0/24"}
    default = vpc_id == default_vpc_id(ctx, region)
    prefix = int(subnet["cidrBlock"].rsplit("/", 1)[1])
    return {
        **subnet, "arn": f"arn:{ctx.partition}:ec2:{region}:{ctx.account_id}:subnet/{subnet['id']}",
        "vpcId": vpc_id, "ownerId": ctx.account_id, "state": "available", "region": region,
        "availableIpAddressCount": 2 ** (32 - prefix) - 5, "defaultForAz": default,
        "mapPublicIpOnLaunch": default, "assignIpv6AddressOnCreation": False, "customerOwnedIpv4Pool": "",
        "enableDns64": False, "enableLniAtDeviceIndex": 0, "enableResourceNameDnsARecordOnLaunch": False,
        "enableResourceNameDnsAaaaRecordOnLaunch": False, "ipv6CidrBlock": "", "ipv6CidrBlockAssociationId": "",
        "ipv6Native": False, "mapCustomerOwnedIpOnLaunch": False, "outpostArn": "",
        "privateDnsHostnameTypeOnLaunch": "ip-name", "tags": args.get("tags") or {}, "filters": args.get("filters"),
    }


_ROUTE_FIELDS = ("carrierGatewayId", "cidrBlock", "coreNetworkArn", "destinationPrefixListId",
                 "egressOnlyGatewayId", "gatewayId", "instanceId", "ipv6CidrBlock", "localGatewayId",
                 "natGatewayId", "networkInterfaceId", "odbNetworkArn", "transitGatewayId", "vpcEndpointId",
                 "vpcPeeringConnectionId")


def _route_table(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    vpc_ids = _filter_values(args, "vpc-id")
    vpc_id = str(args.get("vpcId") or (vpc_ids[0] if vpc_ids else default_vpc_id(ctx, region)))
    subnet_id = str(args.get("subnetId") or "")
    rtb_id = str(args.get("routeTableId") or next(iter(_filter_values(args, "route-table-id")), "")
                 or _main_route_table(vpc_id))
    main = rtb_id == _main_route_table(vpc_id) and not subnet_id
    routes = []
    if vpc_id == default_vpc_id(ctx, region):  # a default VPC's tables route to its internet gateway
        routes.append({**dict.fromkeys(_ROUTE_FIELDS, ""), "cidrBlock": "0.0.0.0/0",
                       "gatewayId": "igw-" + _hex(vpc_id + ":igw")})
    association = {"gatewayId": "", "main": main, "routeTableId": rtb_id, "subnetId": subnet_id,
                   "routeTableAssociationId": "rtbassoc-" + _hex(f"{rtb_id}:{subnet_id}")}
    return {
        "id": rtb_id, "routeTableId": rtb_id, "vpcId": vpc_id, "subnetId": subnet_id,
        "arn": f"arn:{ctx.partition}:ec2:{region}:{ctx.account_id}:route-table/{rtb_id}",
        "ownerId": ctx.account_id, "routes": routes, "associations": [association],
        "gatewayId": str(args.get("gatewayId") or ""), "region": region,
        "tags": args.get("tags") or {}, "filters": args.get("filters"),
    }


def _security_group(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    vpc_ids = _filter_values(args, "vpc-id")
    vpc_id = str(args.get("vpcId") or (vpc_ids[0] if vpc_ids else default_vpc_id(ctx, region)))
    name = str(args.get("name") or next(iter(_filter_values(args, "group-name")), "")
               or ("default" if not args.get("id") else "sg-" + _hex(str(args["id"]), 8)))
    sg_id = str(args.get("id") or next(iter(_filter_values(args, "group-id")), "")
                or "sg-" + _hex(f"{vpc_id}:{name}:" + _seed(args, "tags")))
    return {
        "id": sg_id, "name": name, "vpcId": vpc_id, "region": region,
        "arn": f"arn:{ctx.partition}:ec2:{region}:{ctx.account_id}:security-group/{sg_id}",
        "description": "default VPC security group" if name == "default" else name,
        "tags": args.get("tags") or {}, "filters": args.get("filters"),
    }


# -- Route 53, ACM -------------------------------------------------------------------------------

def _zone(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    private = bool(args.get("privateZone"))
    given = str(args.get("name") or "").lower().rstrip(".")
    zone_id = str(args.get("zoneId") or "Z" + _upper_alnum(f"{ctx.account_id}:{given}:{private}", 13))
    name = (given or f"{zone_id.lower()}.internal") + "."  # as Route 53 returns it, fully qualified
    d = _digest(zone_id)
    servers = [f"ns-{int(d[0:3], 16) % 2048}.awsdns-{int(d[3:5], 16) % 64:02d}.org",
               f"ns-{int(d[5:8], 16) % 2048}.awsdns-{int(d[8:10], 16) % 64:02d}.co.uk",
               f"ns-{int(d[10:13], 16) % 512}.awsdns-{int(d[13:15], 16) % 64:02d}.com",
               f"ns-{int(d[15:18], 16) % 1024}.awsdns-{int(d[18:20], 16) % 64:02d}.net"]
    return {
        "id": zone_id, "zoneId": zone_id, "name": name, "arn": f"arn:{ctx.partition}:route53:::hostedzone/{zone_id}",
        "nameServers": [] if private else servers, "primaryNameServer": servers[0],
        "callerReference": _uuid(zone_id), "comment": "", "privateZone": private,
        "resourceRecordSetCount": 2, "linkedServiceDescription": "", "linkedServicePrincipal": "",
        "vpcId": args.get("vpcId"), "tags": args.get("tags") or {},
        "enableAcceleratedRecovery": args.get("enableAcceleratedRecovery", False),
    }


def _certificate(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    domain = str(args.get("domain") or "")
    arn = f"arn:{ctx.partition}:acm:{region}:{ctx.account_id}:certificate/{_uuid(f'{region}:{domain}')}"
    return {"id": arn, "arn": arn, "domain": domain, "status": "ISSUED", "certificate": "",
            "certificateChain": "", "region": region, "tags": args.get("tags") or {},
            "keyTypes": args.get("keyTypes"), "mostRecent": args.get("mostRecent", False),
            "statuses": args.get("statuses"), "types": args.get("types")}


# -- ECR -----------------------------------------------------------------------------------------

def _ecr_login(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    registry = str(args.get("registryId") or ctx.account_id)
    password = base64.b64encode(hashlib.sha512(f"ecr:{registry}:{region}".encode()).digest()).decode()
    return {
        "authorizationToken": base64.b64encode(f"AWS:{password}".encode()).decode(),
        "userName": "AWS", "password": password, "expiresAt": _TOKEN_EXPIRES,
        "proxyEndpoint": f"https://{registry}.dkr.ecr.{region}.{ctx.dns_suffix}",
        "registryId": args.get("registryId"), "region": region,
    }


def _ecr_authorization_token(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    return {"id": _region(ctx, args), **_ecr_login(ctx, args)}


def _ecr_credentials(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    login = _ecr_login(ctx, args)
    del login["region"]  # getCredentials has no region
    return {"id": str(args.get("registryId") or ctx.account_id), **login}


# -- IAM, KMS, Secrets Manager, SSM, ELB ---------------------------------------------------------

def _role(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    name = str(args.get("name") or "")
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:{ctx.partition}:iam::{ctx.account_id}:root"},
        "Action": "sts:AssumeRole"}]}
    return {
        "id": name, "name": name, "arn": f"arn:{ctx.partition}:iam::{ctx.account_id}:role/{name}", "path": "/",
        "uniqueId": "AROA" + _hex(f"{ctx.account_id}:role:{name}").upper(),
        "assumeRolePolicy": json.dumps(trust, separators=(",", ":")), "createDate": _CREATED,
        "description": "", "maxSessionDuration": 3600, "permissionsBoundary": "",
        "roleLastUseds": [{"lastUsedDate": "", "region": ""}], "tags": args.get("tags") or {},
    }


def _aws_managed(name: str) -> bool:
    return name.startswith(("AWS", "Amazon")) or name.endswith("Access") or name in {
        "SecurityAudit", "ViewOnlyAccess", "Billing", "SupportUser", "NetworkAdministrator"}


def _policy(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    arn = str(args.get("arn") or "")
    if arn:
        path_and_name = arn.split(":policy", 1)[-1]
        path, name = path_and_name.rsplit("/", 1)[0] + "/", path_and_name.rsplit("/", 1)[-1]
    else:
        name, path = str(args.get("name") or ""), str(args.get("pathPrefix") or "/")
        owner = "aws" if _aws_managed(name) else ctx.account_id
        arn = f"arn:{ctx.partition}:iam::{owner}:policy{path}{name}"
    statements = ([{"Effect": "Allow", "Action": "*", "Resource": "*"}] if name == "AdministratorAccess" else [])
    return {
        "id": arn, "arn": arn, "name": name, "path": path, "pathPrefix": args.get("pathPrefix"),
        "description": "", "attachmentCount": 0, "policyId": "ANPA" + _hex(arn).upper(),
        "policy": json.dumps({"Version": "2012-10-17", "Statement": statements}), "tags": args.get("tags") or {},
    }


def _alias_key_id(ctx: InvokeContext, region: str, alias: str) -> str:
    return _uuid(f"{ctx.account_id}:{region}:{alias}")


def _kms_alias(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    name = str(args.get("name") or "")
    key_id = _alias_key_id(ctx, region, name)
    prefix = f"arn:{ctx.partition}:kms:{region}:{ctx.account_id}:"
    return {"id": prefix + name, "arn": prefix + name, "name": name, "region": region,
            "targetKeyId": key_id, "targetKeyArn": f"{prefix}key/{key_id}"}


def _kms_key(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    given = str(args.get("keyId") or "")
    alias = given.split(":", 5)[-1] if "alias/" in given else ""
    key_id = _alias_key_id(ctx, region, alias) if alias else given.rsplit("key/", 1)[-1]
    return {
        "id": key_id, "keyId": key_id, "arn": f"arn:{ctx.partition}:kms:{region}:{ctx.account_id}:key/{key_id}",
        "awsAccountId": ctx.account_id, "region": region, "creationDate": _CREATED, "deletionDate": "",
        "description": "", "enabled": True, "expirationModel": "", "grantTokens": args.get("grantTokens"),
        "keyManager": "AWS" if alias.startswith("alias/aws/") else "CUSTOMER", "keySpec": "SYMMETRIC_DEFAULT",
        "customerMasterKeySpec": "SYMMETRIC_DEFAULT", "keyState": "Enabled", "keyUsage": "ENCRYPT_DECRYPT",
        "multiRegion": False, "multiRegionConfigurations": [], "origin": "AWS_KMS",
        "pendingDeletionWindowInDays": 0, "validTo": "", "cloudHsmClusterId": "", "customKeyStoreId": "",
        "xksKeyConfigurations": [],
    }


def _secret(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    arn = str(args.get("arn") or "")
    if arn:
        name = arn.split(":secret:", 1)[-1].rsplit("-", 1)[0]
    else:
        name = str(args.get("name") or "")
        # Secrets Manager appends six random characters to a secret's ARN.
        suffix = "".join(c for c in base64.b64encode(_digest(name).encode()).decode() if c.isalnum())[:6]
        arn = f"arn:{ctx.partition}:secretsmanager:{region}:{ctx.account_id}:secret:{name}-{suffix}"
    return {"id": arn, "arn": arn, "name": name, "region": region, "createdDate": _CREATED,
            "lastChangedDate": _CREATED, "description": "", "kmsKeyId": "", "policy": "", "type": "",
            "tags": args.get("tags") or {}}


def _parameters_by_path(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    # No parameters live under a path lz did not create: an empty answer, not an invented one.
    path = str(args.get("path") or "/")
    return {"id": path, "path": path, "arns": [], "names": [], "types": [], "values": [],
            "recursive": args.get("recursive", False), "region": _region(ctx, args),
            "withDecryption": args.get("withDecryption", True)}


def _elb_service_account(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = _region(ctx, args)
    account = ELB_SERVICE_ACCOUNT.get(region) or str(int(_hex("elb:" + region, 10), 16))[:12].zfill(12)
    return {"id": account, "arn": f"arn:{ctx.partition}:iam::{account}:root", "region": region}


LOOKUPS: dict[str, Answer] = {
    "aws:ec2/getAmi:getAmi": _ami,
    "aws:ec2/getAmiIds:getAmiIds": _ami_ids,
    "aws:route53/getZone:getZone": _zone,
    "aws:ec2/getVpc:getVpc": _vpc,
    "aws:ec2/getSubnets:getSubnets": _subnets,
    "aws:ec2/getSubnet:getSubnet": _subnet,
    "aws:ec2/getRouteTable:getRouteTable": _route_table,
    "aws:ec2/getSecurityGroup:getSecurityGroup": _security_group,
    "aws:ecr/getCredentials:getCredentials": _ecr_credentials,
    "aws:ecr/getAuthorizationToken:getAuthorizationToken": _ecr_authorization_token,
    "aws:iam/getRole:getRole": _role,
    "aws:iam/getPolicy:getPolicy": _policy,
    "aws:kms/getAlias:getAlias": _kms_alias,
    "aws:kms/getKey:getKey": _kms_key,
    "aws:secretsmanager/getSecret:getSecret": _secret,
    "aws:ssm/getParametersByPath:getParametersByPath": _parameters_by_path,
    "aws:elb/getServiceAccount:getServiceAccount": _elb_service_account,
    "aws:acm/getCertificate:getCertificate": _certificate,
}
