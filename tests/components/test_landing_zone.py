"""The whole composition: every domain present, wired to the others, evidence protected in prod."""

from __future__ import annotations

from collections import Counter

from lz.graph import ResourceGraph

DOMAINS = {
    "lz:core:LandingZone", "lz:storage:StorageBaseline", "lz:audit:AuditBaseline", "lz:network:VpcIsland",
    "lz:network:IslandInterconnect", "lz:firewall:SecurityTiers", "lz:logging:LogGroups",
    "lz:monitoring:Monitoring", "lz:identity:Identity", "lz:updates:PatchManagement",
}


def component_types(graph: ResourceGraph) -> Counter[str]:
    return Counter(r.type for r in graph.resources if not r.custom)


def test_every_domain_is_composed(dev_graph: ResourceGraph, prod_graph: ResourceGraph) -> None:
    assert set(component_types(dev_graph)) >= DOMAINS
    assert DOMAINS | {"lz:access:ClientVpn"} <= set(component_types(prod_graph))


def test_client_vpn_is_on_in_prod_only(dev_graph: ResourceGraph, prod_graph: ResourceGraph) -> None:
    assert not dev_graph.by_type("aws:ec2clientvpn/endpoint:Endpoint")
    [endpoint] = prod_graph.by_type("aws:ec2clientvpn/endpoint:Endpoint")
    log_options = endpoint.inputs["connectionLogOptions"]
    assert log_options["enabled"] is True
    assert log_options["cloudwatchLogGroup"] == prod_graph.get("prod-logs-vpn").outputs["name"]
    subnets = prod_graph.by_type("aws:ec2/subnet:Subnet")
    management = {r.id for r in subnets if r.name.startswith("prod-shared-management-")}
    associations = prod_graph.by_type("aws:ec2clientvpn/networkAssociation:NetworkAssociation")
    associated = {r.inputs["subnetId"] for r in associations}
    assert associated == management and len(management) == 3


def test_evidence_is_protected_in_prod(prod_graph: ResourceGraph) -> None:
    evidence = [*prod_graph.by_type("aws:kms/key:Key"), *prod_graph.by_type("aws:cloudtrail/trail:Trail"),
                *[b for b in prod_graph.by_type("aws:s3/bucket:Bucket")]]
    assert evidence and all(r.protect for r in evidence), [r.name for r in evidence if not r.protect]


def test_dev_relaxes_protection_as_configured(dev_graph: ResourceGraph) -> None:
    assert not any(r.protect for r in dev_graph.by_type("aws:kms/key:Key"))


def test_monitoring_watches_the_trail_log_group_and_flow_logs(prod_graph: ResourceGraph) -> None:
    trail_group = prod_graph.get("prod-audit-cloudtrail-log-group").outputs["name"]
    filters = prod_graph.by_type("aws:cloudwatch/logMetricFilter:LogMetricFilter")
    cis = [f for f in filters if "lz:monitoring" in f.urn]
    assert len(cis) == 15 and {f.inputs["logGroupName"] for f in cis} == {trail_group}
    [snort] = [f for f in filters if "lz:ids" in f.urn]
    assert snort.inputs["logGroupName"] == "/lz/prod/ids"
    [dashboard] = prod_graph.by_type("aws:cloudwatch/dashboard:Dashboard")
    for island in ("edge", "workloads", "shared"):
        assert f"/lz/prod/vpc-flow-logs/{island}" in dashboard.inputs["dashboardBody"]


def test_every_log_group_is_exported_to_the_archive(prod_graph: ResourceGraph) -> None:
    groups = {g.outputs["name"] for g in prod_graph.by_type("aws:cloudwatch/logGroup:LogGroup")}
    filters = prod_graph.by_type("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter")
    assert {f.inputs["logGroup"] for f in filters} == groups
    firehose = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"
    streams = {s.outputs["arn"] for s in prod_graph.by_type(firehose)}
    assert {f.inputs["destinationArn"] for f in filters} <= streams


def test_one_access_analyzer_per_account(prod_graph: ResourceGraph) -> None:
    assert len(prod_graph.by_type("aws:accessanalyzer/analyzer:Analyzer")) == 1


def test_ingress_path_runs_through_the_sensors(prod_graph: ResourceGraph) -> None:
    listeners = {r.name: r for r in prod_graph.by_type("aws:lb/listener:Listener")}
    https = listeners["prod-ingress-https"]
    sensor_targets = prod_graph.get("prod-ingress-sensor-targets")  # the edge's; the fleet registers into it
    assert https.inputs["defaultActions"][0]["targetGroupArn"] == sensor_targets.outputs["arn"]
    assert sensor_targets.inputs["port"] == 8080
    [group] = prod_graph.by_type("aws:autoscaling/group:Group")
    assert group.inputs["targetGroupArns"] == [sensor_targets.outputs["arn"]]
    subnets = prod_graph.by_type("aws:ec2/subnet:Subnet")
    inspection = {r.id for r in subnets if r.name.startswith("prod-edge-inspection")}
    assert set(group.inputs["vpcZoneIdentifiers"]) == inspection and group.inputs["minSize"] == 3
    # the sensors' tier admits the public ALB's tier, on the proxy port only
    sensors_sg = prod_graph.get("prod-sg-inspection").id
    ingress = [r for r in prod_graph.by_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
               if r.inputs["securityGroupId"] == sensors_sg]
    assert [(r.inputs["referencedSecurityGroupId"], r.inputs["fromPort"]) for r in ingress] == [
        (prod_graph.get("prod-sg-public").id, 8080.0)]


def test_gwlb_mode_is_a_config_switch(program_with) -> None:  # type: ignore[no-untyped-def]
    graph = program_with("dev", lambda config: config["landing-zone:ids"].update(mode="gwlb"))
    balancers = graph.by_type("aws:lb/loadBalancer:LoadBalancer")
    [gwlb] = [r for r in balancers if r.inputs.get("loadBalancerType") == "gateway"]
    geneve = [r for r in graph.by_type("aws:lb/targetGroup:TargetGroup") if r.inputs.get("protocol") == "GENEVE"]
    assert gwlb and geneve and geneve[0].inputs["port"] == 6081
    assert graph.by_type("aws:ec2/vpcEndpointService:VpcEndpointService")
    endpoints = [e for e in graph.by_type("aws:ec2/vpcEndpoint:VpcEndpoint")
                 if e.inputs.get("vpcEndpointType") == "GatewayLoadBalancer"]
    assert len(endpoints) == 2
    rules = {r.name for r in graph.by_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")}
    assert {"dev-sg-inspection-in-gwlb-geneve-az0", "dev-sg-inspection-in-gwlb-health-az1"} <= rules
