import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
copy_to = cfg.get("copyToVaultArn")

key = aws.kms.Key("backup", description="backup vault", enable_key_rotation=True)
vault = aws.backup.Vault("central", kms_key_arn=key.arn)
if cfg.get_bool("lockVault"):
    aws.backup.VaultLockConfiguration("central", backup_vault_name=vault.name, min_retention_days=7,
                                      max_retention_days=400, changeable_for_days=3)

rules = []
for rule in cfg.require_object("rules"):
    lifecycle = {"delete_after": rule["deleteAfter"]}
    if "coldAfter" in rule:
        lifecycle["cold_storage_after"] = rule["coldAfter"]
    rules.append(aws.backup.PlanRuleArgs(
        rule_name=rule["name"], target_vault_name=vault.name, schedule=rule["schedule"], lifecycle=lifecycle,
        copy_actions=[aws.backup.PlanRuleCopyActionArgs(destination_vault_arn=copy_to, lifecycle=lifecycle)]
        if copy_to else None,
    ))
plan = aws.backup.Plan("central", rules=rules)

role = aws.iam.Role("backup", assume_role_policy=aws.iam.get_policy_document(statements=[{
    "actions": ["sts:AssumeRole"], "principals": [{"type": "Service", "identifiers": ["backup.amazonaws.com"]}]}]).json)
aws.iam.RolePolicyAttachment("backup", role=role.name,
                             policy_arn="arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup")
aws.backup.Selection("tagged", plan_id=plan.id, iam_role_arn=role.arn, resources=["*"],
                     selection_tags=[{"type": "STRINGEQUALS", "key": "backup", "value": "true"}])

pulumi.export("vaultArn", vault.arn)
