"""ECS rules over TaskDefinition, DaemonTaskDefinition, Service, TaskSet and Cluster."""

import json
from typing import Any

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

LOGS = {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app"}}
GOOD: dict[str, Any] = {"name": "app", "image": "app:1", "user": "1000:1000", "readonlyRootFilesystem": True,
                        "logConfiguration": LOGS}


def task(name: str, *containers: dict[str, Any], **kwargs: Any) -> aws.ecs.TaskDefinition:
    return aws.ecs.TaskDefinition(name, family=name, container_definitions=json.dumps(list(containers) or [GOOD]),
                                  **kwargs)


def daemon(name: str, *containers: dict[str, Any]) -> aws.ecs.DaemonTaskDefinition:
    return aws.ecs.DaemonTaskDefinition(name, family=name, container_definitions=json.dumps(list(containers)))


def test_no_host_network_mode() -> None:
    def program() -> None:
        task("ok-awsvpc", network_mode="awsvpc")
        task("ok-default")
        task("host", network_mode="host")

    graph = run_function(program)
    assert set(violations("ecs_task_no_host_network_mode", graph)) == {"host"}
    [only] = violations("ecs_task_no_host_network_mode", graph)["host"]
    assert only.property == "networkMode" and "'host'" in only.message


def test_no_host_pid_mode() -> None:
    def program() -> None:
        task("ok-task", pid_mode="task")
        task("ok-default")
        task("host", pid_mode="host")

    assert evaluate_rule("ecs_task_no_host_pid_mode", program) == {"host"}
    assert evaluate_rule("ecs_task_no_host_pid_mode", program, {"exemptions": ["ho*"]}) == set()


def test_not_privileged() -> None:
    def program() -> None:
        task("ok-td", GOOD, {**GOOD, "name": "side", "privileged": False})
        task("priv-td", GOOD, {**GOOD, "name": "side", "privileged": True})
        daemon("ok-daemon", GOOD)
        daemon("priv-daemon", {**GOOD, "privileged": True})

    graph = run_function(program)
    assert set(violations("ecs_container_not_privileged", graph)) == {"priv-td", "priv-daemon"}
    [only] = violations("ecs_container_not_privileged", graph)["priv-td"]
    assert only.property == "containerDefinitions[1].privileged" and "container side" in only.message


def test_read_only_root() -> None:
    def program() -> None:
        task("ok-td")
        task("implicit", {**GOOD, "readonlyRootFilesystem": None})
        task("writable", {**GOOD, "readonlyRootFilesystem": False})
        daemon("ok-daemon", GOOD)
        daemon("daemon-implicit", {"name": "d", "image": "d:1"})

    graph = run_function(program)
    assert set(violations("ecs_container_read_only_root", graph)) == {"implicit", "writable", "daemon-implicit"}
    [only] = violations("ecs_container_read_only_root", graph)["implicit"]
    assert "AWS default: false" in only.message


def test_non_root_user_linux() -> None:
    windows = aws.ecs.TaskDefinitionRuntimePlatformArgs(operating_system_family="WINDOWS_SERVER_2022_CORE")

    def program() -> None:
        task("ok-uid")
        task("ok-named", {**GOOD, "user": "app"})
        task("no-user", {"name": "a", "image": "a:1"})
        task("root", {**GOOD, "user": "root"})
        task("uid-0-group", {**GOOD, "user": "0:1000"})
        task("windows-no-user", {"name": "w", "image": "w:1"}, runtime_platform=windows)
        daemon("daemon-root", {**GOOD, "user": "0"})
        daemon("ok-daemon", GOOD)

    graph = run_function(program)
    assert set(violations("ecs_container_non_root_user", graph)) == {"no-user", "root", "uid-0-group", "daemon-root"}
    [only] = violations("ecs_container_non_root_user", graph)["uid-0-group"]
    assert only.property == "containerDefinitions[0].user" and "'0:1000'" in only.message


def test_non_admin_user_windows() -> None:
    windows = aws.ecs.TaskDefinitionRuntimePlatformArgs(operating_system_family="WINDOWS_SERVER_2019_FULL")

    def program() -> None:
        task("ok-windows", {**GOOD, "user": "ContainerUser"}, runtime_platform=windows)
        task("windows-no-user", {"name": "w", "image": "w:1"}, runtime_platform=windows)
        task("windows-admin", {**GOOD, "user": "ContainerAdministrator"}, runtime_platform=windows)
        task("linux-no-user", {"name": "a", "image": "a:1"})

    assert evaluate_rule("ecs_container_non_admin_windows_user", program) == {"windows-no-user", "windows-admin"}


def test_no_credentials_in_environment() -> None:
    def program() -> None:
        task("ok-env", {**GOOD, "environment": [{"name": "REGION", "value": "eu-west-1"}]})
        task("keys", {**GOOD, "environment": [{"name": "REGION", "value": "x"},
                                              {"name": "aws_secret_access_key", "value": "y"}]})
        daemon("daemon-auth", {**GOOD, "environment": [{"name": "ECS_ENGINE_AUTH_DATA", "value": "z"}]})
        daemon("ok-daemon", {**GOOD, "environment": [{"name": "LOG_LEVEL", "value": "info"}]})

    graph = run_function(program)
    assert set(violations("ecs_no_credentials_in_environment", graph)) == {"keys", "daemon-auth"}
    [only] = violations("ecs_no_credentials_in_environment", graph)["keys"]
    assert only.property == "containerDefinitions[0].environment[1].name"
    assert set(violations("ecs_no_credentials_in_environment", graph, {"secret_keys": ["REGION"]})) == {
        "ok-env", "keys"}


def test_logging_configured() -> None:
    def program() -> None:
        task("ok-logs")
        task("no-logs", GOOD, {"name": "side", "image": "s:1"})
        task("no-driver", {**GOOD, "logConfiguration": {"options": {}}})
        daemon("daemon-no-logs", {"name": "d", "image": "d:1"})
        daemon("ok-daemon", GOOD)

    graph = run_function(program)
    assert set(violations("ecs_container_logging_configured", graph)) == {"no-logs", "no-driver", "daemon-no-logs"}
    [only] = violations("ecs_container_logging_configured", graph)["no-logs"]
    assert only.property == "containerDefinitions[1].logConfiguration"


def test_container_definitions_unknown_or_unreadable() -> None:
    def program() -> None:
        aws.ecs.TaskDefinition("pending", family="p", container_definitions=unknown(json.dumps([GOOD])))
        aws.ecs.TaskDefinition("garbled", family="g", container_definitions="[{not json")

    found = violations("ecs_container_not_privileged", run_function(program))
    assert set(found) == {"pending", "garbled"}
    assert found["pending"][0].message.startswith("cannot decide: containerDefinitions")
    assert found["garbled"][0].message.startswith("cannot decide: containerDefinitions is not JSON")


def _network(public: bool | None) -> dict[str, Any]:
    return {"subnets": ["subnet-1"], "assign_public_ip": public}


def test_service_and_task_set_no_public_ip() -> None:
    def program() -> None:
        aws.ecs.Service("ok-svc", task_definition="td:1",
                        network_configuration=aws.ecs.ServiceNetworkConfigurationArgs(**_network(False)))
        aws.ecs.Service("ok-svc-default", task_definition="td:1",
                        network_configuration=aws.ecs.ServiceNetworkConfigurationArgs(**_network(None)))
        aws.ecs.Service("ok-bridge", task_definition="td:1")
        aws.ecs.Service("public-svc", task_definition="td:1",
                        network_configuration=aws.ecs.ServiceNetworkConfigurationArgs(**_network(True)))
        aws.ecs.TaskSet("ok-ts", service="s", cluster="c", task_definition="td:1",
                        network_configuration=aws.ecs.TaskSetNetworkConfigurationArgs(**_network(False)))
        aws.ecs.TaskSet("public-ts", service="s", cluster="c", task_definition="td:1",
                        network_configuration=aws.ecs.TaskSetNetworkConfigurationArgs(**_network(True)))

    graph = run_function(program)
    assert set(violations("ecs_service_no_public_ip", graph)) == {"public-svc", "public-ts"}
    [only] = violations("ecs_service_no_public_ip", graph)["public-ts"]
    assert only.property == "networkConfiguration.assignPublicIp" and only.message.startswith("task set")


def test_fargate_latest_platform() -> None:
    def program() -> None:
        aws.ecs.Service("ok-default", task_definition="td:1", launch_type="FARGATE")
        aws.ecs.Service("ok-latest", task_definition="td:1", launch_type="FARGATE", platform_version="LATEST")
        aws.ecs.Service("ok-140", task_definition="td:1", launch_type="FARGATE", platform_version="1.4.0")
        aws.ecs.Service("ok-ec2", task_definition="td:1", launch_type="EC2", platform_version="1.3.0")
        aws.ecs.Service("old", task_definition="td:1", launch_type="FARGATE", platform_version="1.3.0")
        aws.ecs.Service("old-spot", task_definition="td:1", platform_version="1.2.0",
                        capacity_provider_strategies=[aws.ecs.ServiceCapacityProviderStrategyArgs(
                            capacity_provider="FARGATE_SPOT", weight=1)])

    graph = run_function(program)
    assert set(violations("ecs_fargate_latest_platform", graph)) == {"old", "old-spot"}
    assert set(violations("ecs_fargate_latest_platform", graph, {"latest_versions": ["1.3.0"]})) == {
        "ok-140", "old-spot"}
    [only] = violations("ecs_fargate_latest_platform", graph)["old"]
    assert only.property == "platformVersion" and "'1.3.0'" in only.message


def test_cluster_container_insights() -> None:
    def setting(value: str) -> list[aws.ecs.ClusterSettingArgs]:
        return [aws.ecs.ClusterSettingArgs(name="containerInsights", value=value)]

    def program() -> None:
        aws.ecs.Cluster("ok-enabled", settings=setting("enabled"))
        aws.ecs.Cluster("ok-enhanced", settings=setting("enhanced"))
        aws.ecs.Cluster("default")
        aws.ecs.Cluster("disabled", settings=setting("disabled"))

    graph = run_function(program)
    assert set(violations("ecs_cluster_container_insights", graph)) == {"default", "disabled"}
    [only] = violations("ecs_cluster_container_insights", graph)["default"]
    assert "AWS default: disabled" in only.message


def test_efs_volume_transit_encryption() -> None:
    def efs(name: str, transit: str | None) -> aws.ecs.TaskDefinitionVolumeArgs:
        return aws.ecs.TaskDefinitionVolumeArgs(name=name, efs_volume_configuration=(
            aws.ecs.TaskDefinitionVolumeEfsVolumeConfigurationArgs(file_system_id="fs-1", transit_encryption=transit)))

    def program() -> None:
        task("ok-tls", volumes=[efs("data", "ENABLED")])
        task("ok-no-efs", volumes=[aws.ecs.TaskDefinitionVolumeArgs(name="scratch")])
        task("efs-default", volumes=[efs("data", None)])
        task("efs-disabled", volumes=[efs("ok", "ENABLED"), efs("data", "DISABLED")])

    graph = run_function(program)
    assert set(violations("ecs_efs_volume_transit_encryption", graph)) == {"efs-default", "efs-disabled"}
    [only] = violations("ecs_efs_volume_transit_encryption", graph)["efs-disabled"]
    assert only.property == "volumes[1].efsVolumeConfiguration.transitEncryption" and "'DISABLED'" in only.message
