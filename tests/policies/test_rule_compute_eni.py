"""ec2_instance_single_eni over Instance, SpotInstanceRequest, LaunchTemplate, ENIs and ENI attachments."""

import pulumi_aws as aws
from harness import violations

from lz.mock_engine import run_function

AMI = "ami-0123456789abcdef0"


def nic(index: int, eni: str) -> aws.ec2.InstanceNetworkInterfaceArgs:
    return aws.ec2.InstanceNetworkInterfaceArgs(device_index=index, network_interface_id=eni)


def test_single_eni() -> None:
    def program() -> None:
        aws.ec2.Instance("ok-plain", ami=AMI, instance_type="t3.micro")
        aws.ec2.Instance("ok-one-nic", ami=AMI, instance_type="t3.micro", network_interfaces=[nic(0, "eni-1")])
        aws.ec2.Instance("two-nics", ami=AMI, instance_type="t3.micro",
                         network_interfaces=[nic(0, "eni-1"), nic(1, "eni-2")])
        attached = aws.ec2.Instance("attached", ami=AMI, instance_type="t3.micro")
        aws.ec2.NetworkInterfaceAttachment("att", instance_id=attached.id, network_interface_id="eni-3",
                                           device_index=1)
        inline = aws.ec2.Instance("inline-attached", ami=AMI, instance_type="t3.micro")
        aws.ec2.NetworkInterface("eni", subnet_id="subnet-1", attachments=[
            aws.ec2.NetworkInterfaceAttachmentArgs(instance=inline.id, device_index=1)])
        aws.ec2.SpotInstanceRequest("spot-two", ami=AMI, instance_type="t3.micro", network_interfaces=[
            aws.ec2.SpotInstanceRequestNetworkInterfaceArgs(device_index=0, network_interface_id="eni-4"),
            aws.ec2.SpotInstanceRequestNetworkInterfaceArgs(device_index=1, network_interface_id="eni-5")])
        aws.ec2.SpotInstanceRequest("ok-spot", ami=AMI, instance_type="t3.micro")
        aws.ec2.LaunchTemplate("ok-lt", network_interfaces=[
            aws.ec2.LaunchTemplateNetworkInterfaceArgs(device_index=0, subnet_id="subnet-1")])
        aws.ec2.LaunchTemplate("lt-two", network_interfaces=[
            aws.ec2.LaunchTemplateNetworkInterfaceArgs(device_index=0, subnet_id="subnet-1"),
            aws.ec2.LaunchTemplateNetworkInterfaceArgs(device_index=1, subnet_id="subnet-2")])

    graph = run_function(program)
    found = violations("ec2_instance_single_eni", graph)
    assert set(found) == {"two-nics", "attached", "inline-attached", "spot-two", "lt-two"}
    assert "2 network interfaces" in found["attached"][0].message
    assert set(violations("ec2_instance_single_eni", graph, {"exemptions": ["*-two"]})) == {
        "two-nics", "attached", "inline-attached"}
