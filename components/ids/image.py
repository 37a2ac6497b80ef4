"""SensorImage: an EC2 Image Builder pipeline baking the Snort sensor's software into Amazon Linux 2023.

Each build applies every AL2023 update (AWS's `update-linux`), builds Snort 3 and libdaq from the pins
in assets/build/sources.env, installs OSSEC, ClamAV, nginx and the CloudWatch agent, tests the image,
and writes the new AMI id to the SSM parameter `/lz/<env>/ids/sensor-ami` that the fleet launches
from. The parameter is seeded with the stock AL2023 AMI so the first launch works before any build.
"""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from ..base import Tagging, child, logical_name, type_token
from ..environment import Environment
from .image_plan import (
    PARENT_IMAGE_PARAMETER,
    ImagePlan,
    build_instance_trust_policy,
    content_version,
    plan_image,
)
from .spec import IdsSpec

BUILD_INSTANCE_TYPES = ["c6i.xlarge"]  # Snort 3 compiles in ~20 minutes on 4 vCPUs
ROOT_DEVICE = "/dev/xvda"
ROOT_VOLUME_GB = 30


class SensorImage(pulumi.ComponentResource):
    """Children: `<name>-build-role`, `-build-<policy>`, `-build-profile`, `-sensor-software`, `-sensor-test`,
    `-infrastructure`, `-recipe`, `-distribution`, `-pipeline`, `-ami-parameter`.
    """

    ami_parameter_name: str
    pipeline_arn: pulumi.Output[str]

    def __init__(
        self,
        name: str,
        spec: IdsSpec,
        *,
        env: Environment,
        subnet_id: pulumi.Input[str],
        security_group_id: pulumi.Input[str],
        kms_key_arn: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account, tagging = env.account, env.tagging
        super().__init__(type_token("ids", "SensorImage"), name, None, env.options(opts))
        plan = plan_image(env.name, spec.image_schedule, account)
        self.ami_parameter_name = plan.ami_parameter
        profile = self._build_profile(name, plan, tagging)
        components = [
            aws.imagebuilder.Component(
                logical_name(name, component), name=f"{plan.base_name}-{component}", platform="Linux",
                version=content_version(document), data=document, supported_os_versions=["Amazon Linux 2023"],
                description=f"Landing-zone IDS sensor: {component}",
                tags=tagging.name(f"{plan.base_name}-{component}"), opts=child(self))
            for component, document in plan.documents.items()
        ]
        infrastructure = aws.imagebuilder.InfrastructureConfiguration(
            logical_name(name, "infrastructure"), name=f"{plan.base_name}-build",
            description="Build and test instances of the IDS sensor image",
            instance_profile_name=profile.name, instance_types=BUILD_INSTANCE_TYPES,
            subnet_id=subnet_id, security_group_ids=[security_group_id],
            terminate_instance_on_failure=True,
            instance_metadata_options=aws.imagebuilder.InfrastructureConfigurationInstanceMetadataOptionsArgs(
                http_tokens="required", http_put_response_hop_limit=1),
            resource_tags=tagging.name(f"{plan.base_name}-build"),
            tags=tagging.name(f"{plan.base_name}-build"), opts=child(self))
        recipe = aws.imagebuilder.ImageRecipe(
            logical_name(name, "recipe"), name=plan.base_name, version=plan.recipe_version,
            parent_image=plan.parent_image,
            description="Amazon Linux 2023 with Snort 3, OSSEC, ClamAV, nginx and the CloudWatch agent",
            components=[aws.imagebuilder.ImageRecipeComponentArgs(component_arn=plan.update_component_arn)]
            + [aws.imagebuilder.ImageRecipeComponentArgs(component_arn=c.arn) for c in components],
            block_device_mappings=[aws.imagebuilder.ImageRecipeBlockDeviceMappingArgs(
                device_name=ROOT_DEVICE,
                ebs=aws.imagebuilder.ImageRecipeBlockDeviceMappingEbsArgs(
                    encrypted="true", kms_key_id=kms_key_arn, volume_type="gp3", volume_size=ROOT_VOLUME_GB,
                    delete_on_termination="true"))],
            systems_manager_agent=aws.imagebuilder.ImageRecipeSystemsManagerAgentArgs(uninstall_after_build=False),
            tags=tagging.name(plan.base_name), opts=child(self))
        distribution = aws.imagebuilder.DistributionConfiguration(
            logical_name(name, "distribution"), name=plan.base_name,
            description=f"Encrypted AMI in {account.region}; its id goes to {plan.ami_parameter}",
            distributions=[aws.imagebuilder.DistributionConfigurationDistributionArgs(
                region=account.region,
                ami_distribution_configuration=(
                    aws.imagebuilder.DistributionConfigurationDistributionAmiDistributionConfigurationArgs(
                        name=f"{plan.base_name}-{{{{ imagebuilder:buildDate }}}}", kms_key_id=kms_key_arn,
                        ami_tags=tagging.name(plan.base_name))),
                ssm_parameter_configurations=[
                    aws.imagebuilder.DistributionConfigurationDistributionSsmParameterConfigurationArgs(
                        parameter_name=plan.ami_parameter, data_type="aws:ec2:image")],
            )],
            tags=tagging.name(plan.base_name), opts=child(self))
        pipeline = aws.imagebuilder.ImagePipeline(
            logical_name(name, "pipeline"), name=plan.base_name,
            description="Rebuilds the IDS sensor image on a schedule so patches and signatures land",
            image_recipe_arn=recipe.arn, infrastructure_configuration_arn=infrastructure.arn,
            distribution_configuration_arn=distribution.arn, enhanced_image_metadata_enabled=True,
            schedule=aws.imagebuilder.ImagePipelineScheduleArgs(
                schedule_expression=plan.schedule, pipeline_execution_start_condition="EXPRESSION_MATCH_ONLY"),
            image_tests_configuration=aws.imagebuilder.ImagePipelineImageTestsConfigurationArgs(
                image_tests_enabled=True, timeout_minutes=90),
            status="ENABLED", tags=tagging.name(plan.base_name), opts=child(self))
        stock = aws.ssm.get_parameter_output(name=PARENT_IMAGE_PARAMETER, opts=pulumi.InvokeOptions(parent=self))
        # The pipeline owns the value after its first build; Pulumi only seeds it.
        aws.ssm.Parameter(
            logical_name(name, "ami-parameter"), name=plan.ami_parameter, type="String", data_type="aws:ec2:image",
            value=stock.value, description="AMI of the IDS sensors (seeded with stock AL2023, then the pipeline's)",
            tags=tagging.name(plan.ami_parameter), opts=child(self, ignore_changes=["value"]))
        self.pipeline_arn = pipeline.arn
        self.register_outputs({"amiParameterName": self.ami_parameter_name, "pipelineArn": self.pipeline_arn})

    def _build_profile(self, name: str, plan: ImagePlan, tagging: Tagging) -> aws.iam.InstanceProfile:
        role_name = logical_name(name, "build-role")
        role = aws.iam.Role(
            role_name, assume_role_policy=json.dumps(build_instance_trust_policy()),
            description=f"Image Builder build/test instances of {plan.base_name}",
            tags=tagging.name(role_name), opts=child(self))
        for short, arn in plan.instance_policy_arns.items():
            aws.iam.RolePolicyAttachment(logical_name(name, "build", short), role=role.name, policy_arn=arn,
                                         opts=child(self))
        return aws.iam.InstanceProfile(logical_name(name, "build-profile"), role=role.name,
                                       tags=tagging.name(logical_name(name, "build-profile")), opts=child(self))
