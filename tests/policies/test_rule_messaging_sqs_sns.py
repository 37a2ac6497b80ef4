"""sqs_queue_encrypted, sqs_queue_policy_no_public_access, sns_topic_policy_no_public_access and
sns_topic_delivery_status_logging over Queue, QueuePolicy, Topic and TopicPolicy."""

import json

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

ROLE = "arn:aws:iam::111122223333:role/sns-feedback"


def doc(principal: object, condition: dict[str, object] | None = None, action: str = "sqs:SendMessage",
        effect: str = "Allow") -> str:
    statement: dict[str, object] = {"Effect": effect, "Principal": principal, "Action": action, "Resource": "*"}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def test_sqs_queue_encrypted() -> None:
    def program() -> None:
        aws.sqs.Queue("ok-default")
        aws.sqs.Queue("ok-sse-sqs", sqs_managed_sse_enabled=True)
        aws.sqs.Queue("ok-kms", kms_master_key_id="alias/aws/sqs")
        aws.sqs.Queue("ok-kms-sse-off", kms_master_key_id="alias/app", sqs_managed_sse_enabled=False)
        aws.sqs.Queue("sse-off", sqs_managed_sse_enabled=False)

    graph = run_function(program)
    assert set(violations("sqs_queue_encrypted", graph)) == {"sse-off"}
    [off] = violations("sqs_queue_encrypted", graph)["sse-off"]
    assert off.property == "sqsManagedSseEnabled" and "unencrypted" in off.message
    strict = violations("sqs_queue_encrypted", graph, {"require_kms": True})
    assert set(strict) == {"ok-default", "ok-sse-sqs", "sse-off"}
    assert "AWS default" in strict["ok-default"][0].message
    assert set(violations("sqs_queue_encrypted", graph, {"exemptions": ["sse-*"]})) == set()


def test_sqs_queue_policy_no_public_access() -> None:
    def program() -> None:
        aws.sqs.Queue("ok-no-policy")
        aws.sqs.Queue("ok-account", policy=doc({"AWS": "arn:aws:iam::111122223333:root"}))
        aws.sqs.Queue("ok-source-arn", policy=doc("*", {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:eu-west-1:1:t"}}))
        aws.sqs.Queue("ok-deny", policy=doc("*", effect="Deny"))
        aws.sqs.Queue("public", policy=doc("*"))
        aws.sqs.Queue("public-aws-star", policy=doc({"AWS": "*"}, action="sqs:*"))
        aws.sqs.Queue("negated-condition", policy=doc("*", {"StringNotEquals": {"aws:SourceAccount": "1"}}))
        aws.sqs.Queue("wildcard-condition", policy=doc("*", {"StringLike": {"aws:SourceArn": "*"}}))
        aws.sqs.QueuePolicy("ok-qp", queue_url="https://sqs/q", policy=doc(
            "*", {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}))
        aws.sqs.QueuePolicy("qp-public", queue_url="https://sqs/q", policy=doc("*"))
        aws.sqs.QueuePolicy("qp-broken", queue_url="https://sqs/q", policy="{not json")

    graph = run_function(program)
    found = violations("sqs_queue_policy_no_public_access", graph)
    assert set(found) == {"public", "public-aws-star", "negated-condition", "wildcard-condition", "qp-public",
                          "qp-broken"}
    [public] = found["public"]
    assert public.property == "policy"
    assert "Statement[0] allows sqs:SendMessage to any principal" in public.message
    assert "cannot be read" in found["qp-broken"][0].message


def test_queue_policy_unknown_is_cannot_decide() -> None:
    def program() -> None:
        aws.sqs.QueuePolicy("pending", queue_url="https://sqs/q", policy=unknown(doc("*")))

    [only] = violations("sqs_queue_policy_no_public_access", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: policy")


def test_sns_topic_policy_no_public_access() -> None:
    def program() -> None:
        aws.sns.Topic("ok-no-policy")
        aws.sns.Topic("ok-owner", policy=doc("*", {"StringEquals": {"AWS:SourceOwner": "111122223333"}},
                                             action="SNS:Publish"))
        aws.sns.Topic("ok-service", policy=doc({"Service": "events.amazonaws.com"}, action="sns:Publish"))
        aws.sns.Topic("public", policy=doc("*", action="sns:Subscribe"))
        aws.sns.Topic("if-exists", policy=doc("*", {"StringEqualsIfExists": {"aws:SourceAccount": "1"}},
                                              action="sns:Publish"))
        aws.sns.TopicPolicy("ok-tp", arn="arn:aws:sns:eu-west-1:1:t",
                            policy=doc({"AWS": "arn:aws:iam::111122223333:root"}, action="sns:Publish"))
        aws.sns.TopicPolicy("tp-public", arn="arn:aws:sns:eu-west-1:1:t", policy=doc({"AWS": "*"},
                                                                                     action="sns:Publish"))

    graph = run_function(program)
    found = violations("sns_topic_policy_no_public_access", graph)
    assert set(found) == {"public", "if-exists", "tp-public"}
    assert "allows sns:Subscribe to any principal" in found["public"][0].message
    assert set(violations("sns_topic_policy_no_public_access", graph, {
        "restricting_condition_keys": ["aws:SourceAccount"]})) == {"public", "if-exists", "tp-public", "ok-owner"}


def test_sns_topic_delivery_status_logging() -> None:
    def program() -> None:
        aws.sns.Topic("ok-sqs-failure", sqs_failure_feedback_role_arn=ROLE)
        aws.sns.Topic("ok-lambda-success", lambda_success_feedback_role_arn=ROLE,
                      lambda_success_feedback_sample_rate=100)
        aws.sns.Topic("ok-http-failure", http_failure_feedback_role_arn=ROLE)
        aws.sns.Topic("no-logging")
        aws.sns.Topic("sample-rate-only", sqs_success_feedback_sample_rate=100)

    graph = run_function(program)
    found = violations("sns_topic_delivery_status_logging", graph)
    assert set(found) == {"no-logging", "sample-rate-only"}
    assert "no delivery status logging" in found["no-logging"][0].message


def test_delivery_status_logging_with_unknown_roles() -> None:
    def program() -> None:
        aws.sns.Topic("ok-one-known", sqs_failure_feedback_role_arn=ROLE,
                      lambda_failure_feedback_role_arn=unknown(ROLE))
        aws.sns.Topic("pending", lambda_failure_feedback_role_arn=unknown(ROLE))

    found = violations("sns_topic_delivery_status_logging", run_function(program))
    assert set(found) == {"pending"}
    assert found["pending"][0].message.startswith("cannot decide: lambdaFailureFeedbackRoleArn")
