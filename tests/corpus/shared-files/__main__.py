import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()

sg = aws.ec2.SecurityGroup("cms-efs", vpc_id=cfg.require("vpcId"), description="NFS for CMS tasks",
                           ingress=[{"protocol": "tcp", "from_port": 2049, "to_port": 2049,
                                     "cidr_blocks": [cfg.require("clientCidr")], "description": "nfs"}])

fs = aws.efs.FileSystem("cms", encrypted=True, performance_mode="generalPurpose", throughput_mode="elastic",
                        lifecycle_policies=[{"transition_to_ia": "AFTER_30_DAYS"}],
                        tags={"Name": "cms-shared"})
for i, subnet in enumerate(cfg.require_object("subnets")):
    aws.efs.MountTarget(f"cms-{i}", file_system_id=fs.id, subnet_id=subnet, security_groups=[sg.id])

uploads = aws.efs.AccessPoint("cms-uploads", file_system_id=fs.id,
                              posix_user={"uid": 1000, "gid": 1000},
                              root_directory={"path": "/uploads", "creation_info": {
                                  "owner_uid": 1000, "owner_gid": 1000, "permissions": "750"}})
aws.efs.AccessPoint("cms-legacy", file_system_id=fs.id)

aws.efs.FileSystemPolicy("cms", file_system_id=fs.id, policy=fs.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Resource": arn,
                   "Condition": {"Bool": {"aws:SecureTransport": "false"}}}],
})))
aws.efs.BackupPolicy("cms", file_system_id=fs.id, backup_policy={"status": "ENABLED"})

pulumi.export("fileSystemId", fs.id)
pulumi.export("uploadsAccessPoint", uploads.arn)
