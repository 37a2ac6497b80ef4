"""glue_spark_job_supported_version, glue_security_configuration_attached, glue_data_catalog_encrypted,
athena_workgroup_cloudwatch_metrics and athena_workgroup_results_encrypted."""

import pulumi_aws as aws
from harness import violations

from lz.mock_engine import run_function

ROLE = "arn:aws:iam::111122223333:role/glue"
KEY = "arn:aws:kms:eu-west-1:111122223333:key/abc"


def job(name: str, command: str | None = "glueetl", **kwargs: object) -> aws.glue.Job:
    return aws.glue.Job(name, role_arn=ROLE, command=aws.glue.JobCommandArgs(
        script_location="s3://scripts/job.py", name=command), **kwargs)  # type: ignore[arg-type]


def test_glue_spark_job_supported_version() -> None:
    def program() -> None:
        job("ok-4", glue_version="4.0")
        job("ok-streaming-5", "gluestreaming", glue_version="5.0")
        job("ok-python-shell", "pythonshell", glue_version="1.0")
        job("default-version")
        job("two", glue_version="2.0")
        job("implicit-spark", None, glue_version="1.0")

    graph = run_function(program)
    found = violations("glue_spark_job_supported_version", graph)
    assert set(found) == {"default-version", "two", "implicit-spark"}
    assert "Glue 0.9" in found["default-version"][0].message
    assert "'2.0', older than the required 3.0" in found["two"][0].message
    assert set(violations("glue_spark_job_supported_version", graph, {"min_glue_version": "5.0"})) == {
        "default-version", "two", "implicit-spark", "ok-4"}


def test_glue_security_configuration_attached() -> None:
    def program() -> None:
        job("ok-job", glue_version="4.0", security_configuration="kms-everything")
        job("job-plain", glue_version="4.0")
        aws.glue.Crawler("ok-crawler", database_name="db", role=ROLE, security_configuration="kms-everything",
                         s3_targets=[aws.glue.CrawlerS3TargetArgs(path="s3://data")])
        aws.glue.Crawler("crawler-plain", database_name="db", role=ROLE,
                         s3_targets=[aws.glue.CrawlerS3TargetArgs(path="s3://data")])

    found = violations("glue_security_configuration_attached", run_function(program))
    assert set(found) == {"job-plain", "crawler-plain"}
    assert found["crawler-plain"][0].message.startswith("crawler has no securityConfiguration")


def test_glue_data_catalog_encrypted() -> None:
    settings = aws.glue.DataCatalogEncryptionSettingsDataCatalogEncryptionSettingsArgs
    at_rest = aws.glue.DataCatalogEncryptionSettingsDataCatalogEncryptionSettingsEncryptionAtRestArgs
    passwords = aws.glue.DataCatalogEncryptionSettingsDataCatalogEncryptionSettingsConnectionPasswordEncryptionArgs

    def program() -> None:
        aws.glue.DataCatalogEncryptionSettings("ok", data_catalog_encryption_settings=settings(
            encryption_at_rest=at_rest(catalog_encryption_mode="SSE-KMS", sse_aws_kms_key_id=KEY),
            connection_password_encryption=passwords(return_connection_password_encrypted=True, aws_kms_key_id=KEY)))
        aws.glue.DataCatalogEncryptionSettings("disabled", data_catalog_encryption_settings=settings(
            encryption_at_rest=at_rest(catalog_encryption_mode="DISABLED"),
            connection_password_encryption=passwords(return_connection_password_encrypted=True, aws_kms_key_id=KEY)))
        aws.glue.DataCatalogEncryptionSettings("passwords-clear", data_catalog_encryption_settings=settings(
            encryption_at_rest=at_rest(catalog_encryption_mode="SSE-KMS", sse_aws_kms_key_id=KEY),
            connection_password_encryption=passwords(return_connection_password_encrypted=False)))

    found = violations("glue_data_catalog_encrypted", run_function(program))
    assert set(found) == {"disabled", "passwords-clear"}
    assert [v.property for v in found["disabled"]] == [
        "dataCatalogEncryptionSettings.encryptionAtRest.catalogEncryptionMode"]
    assert "clear text" in found["passwords-clear"][0].message


def workgroup(name: str, **config: object) -> aws.athena.Workgroup:
    return aws.athena.Workgroup(name, configuration=aws.athena.WorkgroupConfigurationArgs(**config)  # type: ignore[arg-type]
                                if config else None)


def encrypted(option: str = "SSE_KMS") -> aws.athena.WorkgroupConfigurationResultConfigurationArgs:
    return aws.athena.WorkgroupConfigurationResultConfigurationArgs(
        encryption_configuration=aws.athena.WorkgroupConfigurationResultConfigurationEncryptionConfigurationArgs(
            encryption_option=option, kms_key_arn=KEY if option != "SSE_S3" else None))


def test_athena_workgroup_cloudwatch_metrics() -> None:
    def program() -> None:
        workgroup("ok-default")
        workgroup("ok-explicit", publish_cloudwatch_metrics_enabled=True)
        workgroup("metrics-off", publish_cloudwatch_metrics_enabled=False)

    found = violations("athena_workgroup_cloudwatch_metrics", run_function(program))
    assert set(found) == {"metrics-off"}
    assert found["metrics-off"][0].property == "configuration.publishCloudwatchMetricsEnabled"


def test_athena_workgroup_results_encrypted() -> None:
    def program() -> None:
        workgroup("ok-kms", result_configuration=encrypted())
        workgroup("ok-s3-enforced", enforce_workgroup_configuration=True, result_configuration=encrypted("SSE_S3"))
        workgroup("no-configuration")
        workgroup("not-enforced", enforce_workgroup_configuration=False, result_configuration=encrypted())

    graph = run_function(program)
    found = violations("athena_workgroup_results_encrypted", graph)
    assert set(found) == {"no-configuration", "not-enforced"}
    assert found["not-enforced"][0].property == "configuration.enforceWorkgroupConfiguration"
    assert set(violations("athena_workgroup_results_encrypted", graph, {"require_kms": True})) == {
        "no-configuration", "not-enforced", "ok-s3-enforced"}
