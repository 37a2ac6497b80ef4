"""The Snort sensor's software configuration, rendered from the real files under assets/ (no pulumi import).

`render_user_data(settings)` returns the `#cloud-config` document a sensor boots with: `write_files`
puts every rendered file in place, `runcmd` (steps from assets/cloud-config/runcmd.yaml) starts the
services. With the golden image (the default) the software is already installed and boot only
configures; without it, `runcmd` first runs assets/build/install-sensor.sh, which installs and
builds everything pinned in assets/build/sources.env (the documented fallback).

Templates use `{{name}}` placeholders (see `AssetTemplate`): nginx, Lua and shell all use `$`.
"""

from __future__ import annotations

import base64
import gzip
import ipaddress
import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml

#: The templates ship as package data (read through importlib.resources, so an installed wheel works).
ASSETS = files(__name__.rpartition(".")[0]) / "assets"
#: Which log group each kind of sensor log goes to (keys of SensorSettings.log_groups).
LOG_GROUP_KEYS = ("snort", "hids", "antivirus", "nginx")
#: The logging component's purposes for those groups: /lz/<env>/<purpose>.
DEFAULT_LOG_PURPOSES = MappingProxyType({"snort": "ids", "hids": "hids", "antivirus": "antivirus", "nginx": "nginx"})
#: nginx answers the load balancer's health check here, through Snort like any request.
SENSOR_HEALTH_PATH = "/lz-sensor-health"
NFQUEUE_NUMBER = 0
UPSTREAM_CONNMARK = "0x1d5"
#: The Amazon-provided DNS resolver every VPC answers on (nginx re-resolves the internal ALB).
AMAZON_DNS = "169.254.169.253"
GWLB_INTERFACE = "ens5"  # the first ENI's name on Nitro instances running AL2023
GWLB_SNAPLEN = 9216  # GENEVE adds its headers to jumbo frames
RESERVED_PORTS = frozenset({22, 6081})
USER_DATA_LIMIT = 16384  # bytes EC2 accepts as user data, before base64
PRIVATE_RANGES = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
LOG_GROUP_RE = re.compile(r"^[\w\-/.#]{1,512}$")
HOST_RE = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


_PLACEHOLDER = r"""
    \{\{(?:
      (?P<escaped>(?!))
    | \s*(?P<named>[a-z_][a-z0-9_]*)\s*\}\}
    | (?P<braced>(?!))
    | (?P<invalid>)
    )"""


class AssetTemplate(string.Template):
    """`{{name}}` placeholders; a `{{` that is not a placeholder is an error, never silently kept."""

    pattern = _PLACEHOLDER  # type: ignore[assignment]  # compiled by Template.__init_subclass__


def asset(relative: str) -> str:
    return ASSETS.joinpath(*relative.split("/")).read_text(encoding="utf-8")


def render_asset(relative: str, **values: object) -> str:
    """Fill every placeholder of an asset; a missing value raises KeyError naming it."""
    return AssetTemplate(asset(relative)).substitute({k: str(v) for k, v in values.items()})


@dataclass(frozen=True)
class SensorSettings:
    """What a sensor needs to know at boot. Invalid combinations raise ValueError listing every problem."""

    environment: str
    region: str
    mode: Literal["alb-proxy", "gwlb"] = "alb-proxy"
    upstream_url: str = "https://app.internal:443"
    proxy_port: int = 8080
    rate_limit_per_second: int = 50
    rate_limit_burst: int = 100
    log_groups: Mapping[str, str] = field(default_factory=dict)
    wazuh_manager: str | None = None
    golden_image: bool = True
    clamav_on_access: bool = True
    #: Networks whose X-Forwarded-For nginx trusts (the public ALB's subnets) and Snort's HOME_NET.
    internal_cidrs: tuple[str, ...] = PRIVATE_RANGES
    #: The name the internal ALB's certificate is issued for, when upstream_url is the ALB's own DNS name
    #: (nginx verifies the certificate against this name and sends it as SNI). Default: upstream_url's host.
    upstream_tls_name: str | None = None
    #: CA bundle nginx verifies the internal ALB's certificate against (ACM public CAs are in it).
    upstream_ca_file: str = "/etc/pki/tls/certs/ca-bundle.crt"

    def __post_init__(self) -> None:
        groups = dict(self.log_groups) or {k: f"/lz/{self.environment}/{p}" for k, p in DEFAULT_LOG_PURPOSES.items()}
        object.__setattr__(self, "log_groups", MappingProxyType(groups))
        problems = settings_issues(self)
        if problems:
            raise ValueError("invalid sensor settings: " + "; ".join(problems))

    @property
    def upstream(self) -> tuple[str, int]:
        parts = urlsplit(self.upstream_url)
        return parts.hostname or "", parts.port or 443


def settings_issues(s: SensorSettings) -> list[str]:
    """Every problem with the settings, each naming the field and the value."""
    problems: list[str] = []
    if not re.fullmatch(r"[a-z][a-z0-9-]{0,23}", s.environment):
        problems.append(f"environment {s.environment!r} is not a landing-zone environment name")
    if not re.fullmatch(r"[a-z]{2}(-[a-z]+)+-\d", s.region):
        problems.append(f"region {s.region!r} is not an AWS region name")
    if s.mode not in ("alb-proxy", "gwlb"):
        problems.append(f"mode {s.mode!r} is not 'alb-proxy' or 'gwlb'")
    if not 1024 <= s.proxy_port <= 65535 or s.proxy_port in RESERVED_PORTS:
        problems.append(f"proxy_port {s.proxy_port} must be 1024-65535 and not {sorted(RESERVED_PORTS)}")
    if not 1 <= s.rate_limit_per_second <= 100_000:
        problems.append(f"rate_limit_per_second {s.rate_limit_per_second} must be 1-100000")
    if not 0 <= s.rate_limit_burst <= 1_000_000:
        problems.append(f"rate_limit_burst {s.rate_limit_burst} must be 0-1000000")
    problems += _upstream_issues(s)
    keys = set(s.log_groups)
    if keys != set(LOG_GROUP_KEYS):
        problems.append(f"log_groups keys {sorted(keys)} must be exactly {list(LOG_GROUP_KEYS)} "
                        f"(missing {sorted(set(LOG_GROUP_KEYS) - keys)}, unknown {sorted(keys - set(LOG_GROUP_KEYS))})")
    problems += [f"log_groups[{k!r}] {v!r} is not a CloudWatch log group name"
                 for k, v in s.log_groups.items() if not LOG_GROUP_RE.match(v)]
    if s.upstream_tls_name is not None and not HOST_RE.match(s.upstream_tls_name.lstrip("*.").lower()):
        problems.append(f"upstream_tls_name {s.upstream_tls_name!r} is not a host name")
    if s.wazuh_manager is not None and not HOST_RE.match(s.wazuh_manager.lower()):
        problems.append(f"wazuh_manager {s.wazuh_manager!r} is not a host name or IPv4 address")
    for cidr in s.internal_cidrs:
        try:
            ipaddress.IPv4Network(cidr)
        except ValueError:
            problems.append(f"internal_cidrs entry {cidr!r} is not an IPv4 network")
    if not s.internal_cidrs:
        problems.append("internal_cidrs is empty: nginx would trust no load balancer's X-Forwarded-For")
    if not s.upstream_ca_file.startswith("/"):
        problems.append(f"upstream_ca_file {s.upstream_ca_file!r} must be an absolute path")
    return problems


def _upstream_issues(s: SensorSettings) -> list[str]:
    parts = urlsplit(s.upstream_url)
    try:
        port = parts.port
    except ValueError:
        return [f"upstream_url {s.upstream_url!r} has an invalid port"]
    problems = []
    if parts.scheme != "https":
        problems.append(f"upstream_url {s.upstream_url!r} must be https:// (the sensors re-encrypt to the app tier)")
    if not parts.hostname or not HOST_RE.match(parts.hostname):
        problems.append(f"upstream_url {s.upstream_url!r} has no valid host name")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        problems.append(f"upstream_url {s.upstream_url!r} must be scheme://host[:port] only")
    if port is not None and not 1 <= port <= 65535:
        problems.append(f"upstream_url {s.upstream_url!r} port must be 1-65535")
    return problems


def render_nginx_conf(settings: SensorSettings, *, root: str = "") -> str:
    """nginx.conf; `root` prefixes every file path (tests run `nginx -t` in a temporary prefix)."""
    host, port = settings.upstream
    common = {"root": root.rstrip("/"), "proxy_port": settings.proxy_port, "health_path": SENSOR_HEALTH_PATH}
    if settings.mode == "gwlb":
        return render_asset("nginx/health-only.conf", **common)
    real_ip = "\n".join(f"    set_real_ip_from {c};" for c in settings.internal_cidrs)
    return render_asset(
        "nginx/nginx.conf", **common, real_ip_from=real_ip, rate=settings.rate_limit_per_second,
        burst=settings.rate_limit_burst, resolver=AMAZON_DNS, upstream_url=f"https://{host}:{port}",
        upstream_host=settings.upstream_tls_name or host, ca_file=root.rstrip("/") + settings.upstream_ca_file)


def render_snort_lua(settings: SensorSettings) -> str:
    return render_asset("snort/snort.lua", mode=settings.mode, home_net=f"[{','.join(settings.internal_cidrs)}]")


def render_snort_service(settings: SensorSettings) -> str:
    """The systemd unit: nfq behind iptables (alb-proxy) or afpacket wrapped by gwlb (GENEVE)."""
    if settings.mode == "gwlb":
        daq = f"--daq afpacket --daq gwlb -i {GWLB_INTERFACE} --snaplen {GWLB_SNAPLEN}"
    else:
        daq = f"--daq nfq -i {NFQUEUE_NUMBER}"
    return render_asset("snort/snort3.service", mode=settings.mode,
                        snort_args=f"--daq-dir /usr/local/lib/daq {daq}")


def render_iptables_rules(settings: SensorSettings) -> str:
    return render_asset("iptables/sensor.rules", proxy_port=settings.proxy_port, upstream_port=settings.upstream[1],
                        queue=NFQUEUE_NUMBER, mark=UPSTREAM_CONNMARK)


def local_rules() -> str:
    return asset("snort/local.rules")


def ossec_conf() -> str:
    return asset("ossec/ossec.conf")


def hids_alert_file(settings: SensorSettings) -> str:
    return "/var/ossec/logs/ossec.log" if settings.wazuh_manager else "/var/ossec/logs/alerts/alerts.json"


def render_cloudwatch_config(settings: SensorSettings) -> str:
    """The CloudWatch agent's JSON: every sensor log to its group, and the daemons' liveness metrics."""
    groups = settings.log_groups
    text = render_asset(
        "cloudwatch/agent.json", snort_group=groups["snort"], hids_group=groups["hids"],
        antivirus_group=groups["antivirus"], nginx_group=groups["nginx"], hids_alerts=hids_alert_file(settings))
    return json.dumps(json.loads(text), indent=2) + "\n"


def sensor_files(settings: SensorSettings) -> dict[str, tuple[str, str]]:
    """Path on the sensor -> (content, octal permissions), in the order cloud-init writes them."""
    files: dict[str, tuple[str, str]] = {
        "/etc/nginx/nginx.conf": (render_nginx_conf(settings), "0644"),
        "/etc/lz/snort.lua": (render_snort_lua(settings), "0644"),
        "/usr/local/etc/rules/local.rules": (local_rules(), "0644"),
        "/etc/systemd/system/snort3.service": (render_snort_service(settings), "0644"),
    }
    if settings.mode == "alb-proxy":
        files["/etc/sysconfig/iptables"] = (render_iptables_rules(settings), "0600")
    if settings.wazuh_manager:
        files["/etc/yum.repos.d/wazuh.repo"] = (asset("wazuh/wazuh.repo"), "0644")
        files["/etc/lz/wazuh-manager"] = (settings.wazuh_manager + "\n", "0644")
    else:
        files["/etc/lz/ossec.conf"] = (ossec_conf(), "0640")
        files["/etc/systemd/system/lz-ossec.service"] = (asset("systemd/lz-ossec.service"), "0644")
    files["/etc/clamd.d/scan.conf"] = (asset("clamav/scan.conf"), "0644")
    files["/etc/freshclam.conf"] = (asset("clamav/freshclam.conf"), "0644")
    units = ["lz-freshclam.service", "lz-freshclam.timer", "lz-clamscan.service", "lz-clamscan.timer"]
    if settings.clamav_on_access:
        units.append("lz-clamonacc.service")
    for unit in units:
        files[f"/etc/systemd/system/{unit}"] = (asset(f"systemd/{unit}"), "0644")
    files["/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json"] = (
        render_cloudwatch_config(settings), "0644")
    if not settings.golden_image:
        files["/etc/lz/install-sensor.sh"] = (asset("build/install-sensor.sh"), "0755")
        files["/etc/lz/sources.env"] = (asset("build/sources.env"), "0644")
    return files


def runcmd(settings: SensorSettings) -> list[list[str]]:
    steps: dict[str, list[list[str]]] = yaml.safe_load(asset("cloud-config/runcmd.yaml"))
    sections = ["install"] if not settings.golden_image else []
    sections += ["prepare", settings.mode, "wazuh" if settings.wazuh_manager else "ossec", "antivirus", "cloudwatch"]
    commands = [list(map(str, cmd)) for section in sections for cmd in steps[section]]
    if not settings.clamav_on_access:
        commands = [c for c in commands if "lz-clamonacc.service" not in " ".join(c)]
    return commands


def cloud_config(settings: SensorSettings) -> dict[str, Any]:
    write_files = [{"path": path, "owner": "root:root", "permissions": permissions, "content": content}
                   for path, (content, permissions) in sensor_files(settings).items()]
    return {"write_files": write_files, "runcmd": runcmd(settings)}


class _BlockDumper(yaml.SafeDumper):
    """File contents as `|` blocks, so the document reads like the files it writes."""


_BlockDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def block_yaml(data: object) -> str:
    """YAML with multi-line strings as `|` blocks, keys in the given order."""
    return yaml.dump(data, Dumper=_BlockDumper, sort_keys=False, width=4096, default_flow_style=None)


def render_user_data(settings: SensorSettings) -> str:
    """The `#cloud-config` document, readable and deterministic (same settings, same bytes)."""
    return "#cloud-config\n" + block_yaml(cloud_config(settings))


def render_user_data_base64(settings: SensorSettings) -> str:
    """What a launch template's `user_data` takes: the document gzipped (cloud-init detects it) and base64.

    EC2 accepts 16 KiB of user data; the plain document is larger, so it always travels compressed.
    Raises ValueError if even the compressed document does not fit.
    """
    packed = gzip.compress(render_user_data(settings).encode(), mtime=0)
    if len(packed) > USER_DATA_LIMIT:
        raise ValueError(f"sensor user data is {len(packed)} bytes gzipped; EC2 accepts at most {USER_DATA_LIMIT}")
    return base64.b64encode(packed).decode()
