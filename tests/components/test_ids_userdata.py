"""The sensor's files: rules parse with a real rule parser, configs load, settings are validated.

Rule parser: idstools (OISF's Jason Ish; parses the 7-field header and every option, extracting
msg/sid/rev/classtype). Snort 3 and Suricata share that grammar; idstools also knows Snort actions
such as `sdrop`, and suricataparser (header + option split only) is used as a second opinion.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import xml.etree.ElementTree as ET

import pytest
import suricataparser
import yaml
from idstools import rule as idsrule

from components.ids.userdata import (
    LOG_GROUP_KEYS,
    SENSOR_HEALTH_PATH,
    SensorSettings,
    cloud_config,
    local_rules,
    ossec_conf,
    render_cloudwatch_config,
    render_iptables_rules,
    render_nginx_conf,
    render_snort_service,
    render_user_data,
    render_user_data_base64,
)

#: Snort 3 rule options these rules may use (a typo such as `http_uri:` or `classtyp` fails).
SNORT3_OPTIONS = {"msg", "flow", "content", "pcre", "service", "classtype", "sid", "rev", "http_uri",
                  "http_raw_uri", "http_header", "http_client_body", "reference", "metadata"}
SNORT3_CLASSTYPES = {"web-application-attack", "attempted-recon", "attempted-admin", "web-application-activity"}
STICKY = {"http_uri", "http_raw_uri", "http_header", "http_client_body"}


def settings(**overrides: object) -> SensorSettings:
    return SensorSettings(environment="dev", region="eu-west-1", **overrides)  # type: ignore[arg-type]


def parsed_rules() -> list[idsrule.Rule]:
    lines = [line for line in local_rules().splitlines() if line.strip() and not line.startswith("#")]
    rules = [idsrule.parse(line) for line in lines]
    assert None not in rules, [line for line, r in zip(lines, rules, strict=True) if r is None]
    return rules


def test_local_rules_are_well_formed_and_cover_the_attack_families() -> None:
    rules = parsed_rules()
    assert len(rules) >= 15
    sids = [r.sid for r in rules]
    assert len(set(sids)) == len(sids), "duplicate sid"
    assert min(sids) >= 1_000_000
    for r in rules:
        assert r.msg and r.rev and r.classtype in SNORT3_CLASSTYPES, r.raw
        assert r.action in ("alert", "drop") and r.proto == "http" and r.direction == "->", r.raw
        names = [o["name"] for o in r.options]
        assert set(names) <= SNORT3_OPTIONS, set(names) - SNORT3_OPTIONS
        # Snort 3 sticky buffers come before the content/pcre they select.
        first_match = next(i for i, n in enumerate(names) if n in ("content", "pcre"))
        assert any(n in STICKY for n in names[:first_match]), r.raw
    text = " ".join(r.msg.lower() for r in rules)
    for family in ("sqli", "xss", "path traversal", "command injection", "nikto", "sqlmap", "nmap", "masscan",
                   "zgrab"):
        assert family in text, family
    assert len(suricataparser.parse_rules(local_rules())) == len(rules)


def test_every_pcre_compiles_and_matches_its_attack() -> None:
    samples = {
        1000001: "/q?id=1 UNION ALL SELECT password FROM users", 1000002: "/login?u=' or 1=1",
        1000003: "/item?id=1 AND SLEEP(5)", 1000007: "/p?x=<img src=x onerror=alert(1)>",
        1000010: "/static/%2e%2e%2fetc%2fpasswd", 1000011: "/download?file=/etc/passwd",
        1000012: "/ping?host=127.0.0.1;cat /etc/shadow",
    }
    by_sid = {r.sid: r for r in parsed_rules()}
    for r in by_sid.values():
        for option in r.options:
            if option["name"] == "pcre":
                body, flags = re.fullmatch(r'"/(.*)/([ismxAEGRUB]*)"', option["value"]).groups()  # type: ignore[union-attr]
                compiled = re.compile(body, re.I if "i" in flags else 0)
                if r.sid in samples:
                    assert compiled.search(samples[r.sid]), (r.sid, samples[r.sid])
                    assert not compiled.search("/products?page=2&sort=price"), r.sid


def test_ossec_conf_is_xml_watching_the_seeds_paths() -> None:
    root = ET.fromstring(ossec_conf())
    watched = ",".join(d.text or "" for d in root.iter("directories"))
    for path in ("/etc", "/usr/bin", "/usr/sbin"):
        assert path in watched.split(","), path
    assert "/var/log/secure" in [e.text for e in root.iter("location")]
    assert root.find("rootcheck") is not None
    assert any(c.text and "ps " in c.text for c in root.iter("command")), "process monitoring"
    assert root.findtext("global/jsonout_output") == "yes"


@pytest.mark.parametrize("wazuh", [None, "wazuh.example.com"])
def test_cloudwatch_agent_ships_every_log_to_its_group_and_publishes_metrics(wazuh: str | None) -> None:
    groups = {k: f"/custom/{k}" for k in LOG_GROUP_KEYS}
    config = json.loads(render_cloudwatch_config(settings(log_groups=groups, wazuh_manager=wazuh)))
    shipped = {(e["file_path"], e["log_group_name"]) for e in config["logs"]["logs_collected"]["files"]["collect_list"]}
    assert ("/var/log/snort/alert_json.txt", "/custom/snort") in shipped
    assert ("/var/log/clamav/clamscan.log", "/custom/antivirus") in shipped
    assert ("/var/log/nginx/access.json", "/custom/nginx") in shipped
    hids = "/var/ossec/logs/ossec.log" if wazuh else "/var/ossec/logs/alerts/alerts.json"
    assert (hids, "/custom/hids") in shipped
    assert {g for _, g in shipped} == set(groups.values())
    assert {p["exe"] for p in config["metrics"]["metrics_collected"]["procstat"]} >= {"snort", "nginx", "clamd"}


def test_default_log_groups_follow_the_logging_components_names() -> None:
    assert dict(settings().log_groups) == {"snort": "/lz/dev/ids", "hids": "/lz/dev/hids",
                                           "antivirus": "/lz/dev/antivirus", "nginx": "/lz/dev/nginx"}


def test_alb_proxy_path_is_rate_limited_verified_and_queued_both_ways() -> None:
    s = settings(proxy_port=8088, rate_limit_per_second=7, rate_limit_burst=9, upstream_url="https://app.internal:8443")
    nginx = render_nginx_conf(s)
    assert "listen 8088 default_server;" in nginx and "rate=7r/s" in nginx and "burst=9 nodelay" in nginx
    assert "limit_req_status 429;" in nginx and "proxy_ssl_verify on;" in nginx
    assert "set $lz_upstream https://app.internal:8443;" in nginx and "proxy_ssl_name app.internal;" in nginx
    assert f"location = {SENSOR_HEALTH_PATH}" in nginx
    rules = render_iptables_rules(s)
    assert "-A INPUT -p tcp --dport 8088 -j NFQUEUE --queue-num 0" in rules
    assert "-A OUTPUT -p tcp --sport 8088 -j NFQUEUE --queue-num 0" in rules
    assert "--dport 8443 -m owner --uid-owner nginx" in rules
    assert not [line for line in rules.splitlines() if "--queue-bypass" in line and not line.startswith("#")]
    assert "--daq nfq -i 0" in render_snort_service(s) and " -Q " in render_snort_service(s)


def test_a_certificate_name_other_than_the_albs_dns_name_is_verified() -> None:
    nginx = render_nginx_conf(settings(upstream_url="https://internal-app-123.eu-west-1.elb.amazonaws.com",
                                       upstream_tls_name="app.example.com"))
    assert "set $lz_upstream https://internal-app-123.eu-west-1.elb.amazonaws.com:443;" in nginx
    assert "proxy_ssl_name app.example.com;" in nginx


def test_gwlb_mode_uses_the_gwlb_daq_and_no_nfqueue() -> None:
    s = settings(mode="gwlb")
    assert "--daq afpacket --daq gwlb" in render_snort_service(s)
    paths = [f["path"] for f in cloud_config(s)["write_files"]]
    assert "/etc/sysconfig/iptables" not in paths
    assert "proxy_pass" not in render_nginx_conf(s)


def test_golden_image_only_configures_and_the_fallback_builds() -> None:
    golden = yaml.safe_load(render_user_data(settings()))
    fallback = yaml.safe_load(render_user_data(settings(golden_image=False)))
    assert not any("install-sensor.sh" in " ".join(c) for c in golden["runcmd"])
    assert fallback["runcmd"][0] == ["bash", "/etc/lz/install-sensor.sh", "/etc/lz/sources.env"]
    sources = next(f["content"] for f in fallback["write_files"] if f["path"] == "/etc/lz/sources.env")
    assert "SNORT3_URL=https://" in sources and "LIBDAQ_SHA256=" in sources


def test_on_access_scanning_and_wazuh_are_switchable() -> None:
    plain = " ".join(" ".join(c) for c in cloud_config(settings(clamav_on_access=False))["runcmd"])
    assert "lz-clamonacc" not in plain and "lz-clamscan" in plain
    wazuh = cloud_config(settings(wazuh_manager="10.1.2.3"))
    files = {f["path"]: f["content"] for f in wazuh["write_files"]}
    assert files["/etc/lz/wazuh-manager"] == "10.1.2.3\n" and "/etc/lz/ossec.conf" not in files
    assert ["systemctl", "enable", "--now", "wazuh-agent.service"] in wazuh["runcmd"]


def test_rendering_is_deterministic_and_fits_ec2_user_data() -> None:
    for kwargs in ({}, {"golden_image": False}, {"mode": "gwlb"}):
        assert render_user_data(settings(**kwargs)) == render_user_data(settings(**kwargs))
        packed = base64.b64decode(render_user_data_base64(settings(**kwargs)))
        assert len(packed) <= 16384
        assert gzip.decompress(packed).decode() == render_user_data(settings(**kwargs))
    assert "clamav" in render_user_data(settings()).lower()  # what ec2_antivirus_bootstrap looks for


@pytest.mark.parametrize(("overrides", "message"), [
    ({"proxy_port": 80}, "proxy_port 80"),
    ({"proxy_port": 6081}, "proxy_port 6081"),
    ({"rate_limit_per_second": 0}, "rate_limit_per_second 0"),
    ({"rate_limit_burst": -1}, "rate_limit_burst -1"),
    ({"upstream_url": "http://app.internal"}, "must be https://"),
    ({"upstream_url": "https://app.internal/path"}, "scheme://host[:port] only"),
    ({"upstream_url": "https://app.internal:99999"}, "invalid port"),
    ({"log_groups": {"snort": "/a", "hids": "/b", "antivirus": "/c"}}, "missing ['nginx']"),
    ({"log_groups": {"snort": "/a", "hids": "/b", "antivirus": "/c", "nginx": "/d", "vpn": "/e"}}, "unknown ['vpn']"),
    ({"log_groups": {"snort": "bad group!", "hids": "/b", "antivirus": "/c", "nginx": "/d"}}, "not a CloudWatch"),
    ({"mode": "tap"}, "mode 'tap'"),
    ({"wazuh_manager": "bad host!"}, "wazuh_manager"),
    ({"internal_cidrs": ("10.0.0.0/33",)}, "10.0.0.0/33"),
    ({"upstream_tls_name": "not a name"}, "upstream_tls_name"),
])
def test_bad_settings_are_rejected_with_the_field_named(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        settings(**overrides)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValueError) as info:
        settings(proxy_port=22, rate_limit_per_second=0, upstream_url="ftp://x")
    assert all(s in str(info.value) for s in ("proxy_port 22", "rate_limit_per_second 0", "must be https://"))
