"""CloudFront distribution rules (FSBP CloudFront.1, 3-10, 13) over real aws.cloudfront.Distribution args."""

from typing import Any

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/edge"
ACL = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1"
BUCKET = "site.s3.us-east-1.amazonaws.com"


def s3_origin(origin_id: str = "site", *, oac: Any = "oac-1", oai: str | None = None,
              domain: str = BUCKET) -> aws.cloudfront.DistributionOriginArgs:
    return aws.cloudfront.DistributionOriginArgs(
        origin_id=origin_id, domain_name=domain, origin_access_control_id=oac,
        s3_origin_config=aws.cloudfront.DistributionOriginS3OriginConfigArgs(origin_access_identity=oai or "")
        if oai is not None else None)


def custom_origin(origin_id: str = "app", policy: str = "https-only",
                  protocols: list[str] | None = None) -> aws.cloudfront.DistributionOriginArgs:
    return aws.cloudfront.DistributionOriginArgs(
        origin_id=origin_id, domain_name=f"{origin_id}.example.com",
        custom_origin_config=aws.cloudfront.DistributionOriginCustomOriginConfigArgs(
            http_port=80, https_port=443, origin_protocol_policy=policy,
            origin_ssl_protocols=protocols or ["TLSv1.2"]))


def behavior(target: str = "site", viewer: str = "redirect-to-https"
             ) -> aws.cloudfront.DistributionDefaultCacheBehaviorArgs:
    return aws.cloudfront.DistributionDefaultCacheBehaviorArgs(
        target_origin_id=target, viewer_protocol_policy=viewer, allowed_methods=["GET", "HEAD"],
        cached_methods=["GET", "HEAD"], cache_policy_id="658327ea-f89d-4fab-a63d-7e88639e58f6")


def cert(**kwargs: Any) -> aws.cloudfront.DistributionViewerCertificateArgs:
    kwargs = kwargs or {"acm_certificate_arn": CERT, "ssl_support_method": "sni-only",
                        "minimum_protocol_version": "TLSv1.2_2021"}
    return aws.cloudfront.DistributionViewerCertificateArgs(**kwargs)


def distribution(name: str, **overrides: Any) -> aws.cloudfront.Distribution:
    """A distribution that passes every CloudFront rule unless ``overrides`` changes a setting."""
    args: dict[str, Any] = dict(
        enabled=True, default_root_object="index.html", aliases=["www.example.com"],
        origins=[s3_origin(), s3_origin("site-b", domain="site-b.s3.eu-west-1.amazonaws.com")],
        origin_groups=[aws.cloudfront.DistributionOriginGroupArgs(
            origin_id="failover",
            failover_criteria=aws.cloudfront.DistributionOriginGroupFailoverCriteriaArgs(status_codes=[500, 503]),
            members=[aws.cloudfront.DistributionOriginGroupMemberArgs(origin_id="site"),
                     aws.cloudfront.DistributionOriginGroupMemberArgs(origin_id="site-b")])],
        default_cache_behavior=behavior("failover"),
        restrictions=aws.cloudfront.DistributionRestrictionsArgs(
            geo_restriction=aws.cloudfront.DistributionRestrictionsGeoRestrictionArgs(restriction_type="none")),
        viewer_certificate=cert(),
        logging_config=aws.cloudfront.DistributionLoggingConfigArgs(bucket="lz-logs.s3.amazonaws.com"),
        web_acl_id=ACL,
    )
    args.update(overrides)
    return aws.cloudfront.Distribution(name, **args)


def names(rule_id: str, program: Any, config: dict[str, Any] | None = None) -> set[str]:
    return set(violations(rule_id, run_function(program), config))


def test_default_root_object_only_for_s3_origins() -> None:
    def program() -> None:
        distribution("ok-root")
        distribution("no-root", default_root_object=None)
        distribution("ok-custom-only", default_root_object=None, origins=[custom_origin()], origin_groups=None,
                     default_cache_behavior=behavior("app"))
        distribution("website-endpoint-is-custom", default_root_object=None, origin_groups=None,
                     origins=[custom_origin("site.s3-website-us-east-1.amazonaws.com")])
        distribution("s3-domain-without-config", default_root_object="", origin_groups=None,
                     origins=[s3_origin(oac=None)])

    found = violations("cloudfront_default_root_object", run_function(program))
    assert set(found) == {"no-root", "s3-domain-without-config"}
    assert found["no-root"][0].property == "defaultRootObject"
    assert "site, site-b" in found["no-root"][0].message


def test_viewer_https_every_behavior() -> None:
    def program() -> None:
        distribution("ok-redirect")
        distribution("ok-https-only", default_cache_behavior=behavior("failover", "https-only"))
        distribution("default-allow-all", default_cache_behavior=behavior("failover", "allow-all"))
        distribution("ordered-allow-all", ordered_cache_behaviors=[aws.cloudfront.DistributionOrderedCacheBehaviorArgs(
            path_pattern="/img/*", target_origin_id="site", viewer_protocol_policy="allow-all",
            allowed_methods=["GET", "HEAD"], cached_methods=["GET", "HEAD"])])

    found = violations("cloudfront_viewer_https", run_function(program))
    assert set(found) == {"default-allow-all", "ordered-allow-all"}
    assert found["ordered-allow-all"][0].property == "orderedCacheBehaviors[0].viewerProtocolPolicy"


def test_origin_failover() -> None:
    def program() -> None:
        distribution("ok-group")
        distribution("no-group", origin_groups=None, default_cache_behavior=behavior())

    found = violations("cloudfront_origin_failover", run_function(program))
    assert set(found) == {"no-group"}
    assert found["no-group"][0].message == "distribution has no origin group, so one failing origin takes it down"


def test_access_logging() -> None:
    def program() -> None:
        distribution("ok-logged")
        distribution("unlogged", logging_config=None)

    assert names("cloudfront_access_logging", program) == {"unlogged"}


def test_waf_and_unknown_acl() -> None:
    def program() -> None:
        distribution("ok-waf")
        distribution("no-waf", web_acl_id=None)
        distribution("pending-acl", web_acl_id=unknown(ACL))

    found = violations("cloudfront_waf", run_function(program))
    assert set(found) == {"no-waf", "pending-acl"}
    assert found["pending-acl"][0].message.startswith("cannot decide: webAclId")


def test_custom_certificate_and_sni() -> None:
    def program() -> None:
        distribution("ok-acm")
        distribution("default-cert", aliases=None, viewer_certificate=cert(cloudfront_default_certificate=True))
        distribution("vip", viewer_certificate=cert(acm_certificate_arn=CERT, ssl_support_method="vip"))
        distribution("ok-iam-sni", viewer_certificate=cert(iam_certificate_id="ASCA1", ssl_support_method="sni-only"))

    graph = run_function(program)
    custom = violations("cloudfront_custom_certificate", graph)
    assert set(custom) == {"default-cert"}
    assert custom["default-cert"][0].property == "viewerCertificate.cloudfrontDefaultCertificate"
    assert set(violations("cloudfront_sni", graph)) == {"vip"}


def test_custom_origin_https() -> None:
    def program() -> None:
        distribution("ok-https-origin", origins=[custom_origin()], origin_groups=None,
                     default_cache_behavior=behavior("app"))
        distribution("http-only", origins=[custom_origin(policy="http-only")], origin_groups=None,
                     default_cache_behavior=behavior("app"))
        distribution("ok-match-viewer-https", origins=[custom_origin(policy="match-viewer")], origin_groups=None,
                     default_cache_behavior=behavior("app"))
        distribution("match-viewer-allow-all", origins=[custom_origin(policy="match-viewer")], origin_groups=None,
                     default_cache_behavior=behavior("app", "allow-all"))

    found = violations("cloudfront_custom_origin_https", run_function(program))
    assert set(found) == {"http-only", "match-viewer-allow-all"}
    assert found["http-only"][0].property == "origins[0].customOriginConfig.originProtocolPolicy"


def test_origin_ssl_protocols_configurable() -> None:
    def program() -> None:
        distribution("ok-tls12", origins=[custom_origin()], origin_groups=None, default_cache_behavior=behavior("app"))
        distribution("sslv3", origins=[custom_origin(protocols=["SSLv3", "TLSv1.2"])], origin_groups=None,
                     default_cache_behavior=behavior("app"))
        distribution("tls1", origins=[custom_origin(protocols=["TLSv1", "TLSv1.2"])], origin_groups=None,
                     default_cache_behavior=behavior("app"))

    graph = run_function(program)
    found = violations("cloudfront_origin_ssl_protocols", graph)
    assert set(found) == {"sslv3"}
    assert "['SSLv3']" in found["sslv3"][0].message
    strict = {"denied_protocols": ["SSLv3", "TLSv1", "TLSv1.1"]}
    assert set(violations("cloudfront_origin_ssl_protocols", graph, strict)) == {"sslv3", "tls1"}


def test_s3_origin_access_control() -> None:
    def program() -> None:
        distribution("ok-oac")
        distribution("legacy-oai", origins=[s3_origin(oac=None, oai="origin-access-identity/cloudfront/E1")],
                     origin_groups=None, default_cache_behavior=behavior())
        distribution("open-bucket", origins=[s3_origin(oac=None)], origin_groups=None,
                     default_cache_behavior=behavior())
        distribution("ok-custom", origins=[custom_origin()], origin_groups=None, default_cache_behavior=behavior("app"))

    found = violations("cloudfront_s3_origin_access_control", run_function(program))
    assert set(found) == {"legacy-oai", "open-bucket"}
    assert "legacy origin access identity" in found["legacy-oai"][0].message
    assert set(violations("cloudfront_s3_origin_access_control", run_function(program),
                          {"exemptions": ["legacy-*"]})) == {"open-bucket"}


def test_compliant_distribution_passes_every_cloudfront_rule() -> None:
    graph = run_function(lambda: distribution("ok-all"))
    for rule_id in ("cloudfront_default_root_object", "cloudfront_viewer_https", "cloudfront_origin_failover",
                    "cloudfront_access_logging", "cloudfront_waf", "cloudfront_custom_certificate", "cloudfront_sni",
                    "cloudfront_custom_origin_https", "cloudfront_origin_ssl_protocols",
                    "cloudfront_s3_origin_access_control"):
        assert violations(rule_id, graph) == {}, rule_id


def multitenant(name: str, *, viewer: str = "redirect-to-https", policy: str = "https-only",
                protocols: tuple[str, ...] = ("TLSv1.2",), s3_oac: Any = "oac-1", root: str | None = "index.html",
                failover: bool = True, acl: str | None = ACL) -> None:
    cf = aws.cloudfront
    members = ["app", "site"] if failover else ["app"]
    cf.MultitenantDistribution(
        name, enabled=True, comment=name, tenant_config=cf.MultitenantDistributionTenantConfigArgs(),
        default_root_object=root, web_acl_id=acl,
        origins=[
            cf.MultitenantDistributionOriginArgs(id="app", domain_name="app.example.com", custom_origin_configs=[
                cf.MultitenantDistributionOriginCustomOriginConfigArgs(
                    http_port=80, https_port=443, origin_protocol_policy=policy,
                    origin_ssl_protocols=list(protocols))]),
            cf.MultitenantDistributionOriginArgs(id="site", domain_name=BUCKET, origin_access_control_id=s3_oac)],
        origin_groups=[cf.MultitenantDistributionOriginGroupArgs(
            id="failover",
            failover_criteria=cf.MultitenantDistributionOriginGroupFailoverCriteriaArgs(status_codes=[500, 503]),
            members=[cf.MultitenantDistributionOriginGroupMemberArgs(origin_id=m) for m in members])],
        default_cache_behavior=cf.MultitenantDistributionDefaultCacheBehaviorArgs(
            target_origin_id="failover", viewer_protocol_policy=viewer,
            allowed_methods=cf.MultitenantDistributionDefaultCacheBehaviorAllowedMethodsArgs(
                items=["GET", "HEAD"], cached_methods=["GET", "HEAD"])),
        restrictions=cf.MultitenantDistributionRestrictionsArgs(
            geo_restriction=cf.MultitenantDistributionRestrictionsGeoRestrictionArgs(restriction_type="none")),
        viewer_certificate=cf.MultitenantDistributionViewerCertificateArgs(cloudfront_default_certificate=True))


def test_multitenant_distribution_shape() -> None:
    def program() -> None:
        multitenant("ok-mt")
        multitenant("mt-allow-all", viewer="allow-all")
        multitenant("mt-http-origin", policy="http-only")
        multitenant("mt-sslv3", protocols=("SSLv3", "TLSv1.2"))
        multitenant("mt-no-oac", s3_oac=None)
        multitenant("mt-no-root", root=None)
        multitenant("mt-single", failover=False)
        multitenant("mt-no-waf", acl=None)

    graph = run_function(program)
    expected = {
        "cloudfront_viewer_https": {"mt-allow-all"},
        "cloudfront_custom_origin_https": {"mt-http-origin"},  # https-only origins pass behind allow-all
        "cloudfront_origin_ssl_protocols": {"mt-sslv3"},
        "cloudfront_s3_origin_access_control": {"mt-no-oac"},
        "cloudfront_default_root_object": {"mt-no-root"},
        "cloudfront_origin_failover": {"mt-single"},
        "cloudfront_waf": {"mt-no-waf"},
    }
    for rule_id, names_ in expected.items():
        assert set(violations(rule_id, graph)) == names_, rule_id
    [origin] = violations("cloudfront_custom_origin_https", graph)["mt-http-origin"]
    assert origin.property == "origins[0].customOriginConfigs[0].originProtocolPolicy"
    assert origin.message.startswith("origin app origin_protocol_policy is http-only")
