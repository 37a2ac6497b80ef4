import json

import pulumi
import pulumi_aws as aws

pipelines = pulumi.Config().require_object("pipelines")

deployers = aws.iam.Group("deployers")
aws.iam.GroupPolicy("deployers", group=deployers.name, policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))

aws.iam.AccountPasswordPolicy("strict", minimum_password_length=8, require_symbols=False, require_numbers=True,
                              allow_users_to_change_password=True)

for name in pipelines:
    user = aws.iam.User(name, force_destroy=True, tags={"pipeline": name})
    aws.iam.UserGroupMembership(name, user=user.name, groups=[deployers.name])
    aws.iam.UserPolicyAttachment(f"{name}-poweruser", user=user.name,
                                 policy_arn="arn:aws:iam::aws:policy/PowerUserAccess")
    key = aws.iam.AccessKey(name, user=user.name)
    pulumi.export(f"{name}AccessKeyId", key.id)
    pulumi.export(f"{name}SecretAccessKey", key.secret)

pulumi.export("note", pulumi.Output.concat("rotate these keys every ", str(90), " days"))
