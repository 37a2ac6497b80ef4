"""The sensor's rendered files are accepted by the real tools: nginx -t, cloud-init's JSON schema, luac, bash -n.

Each tool-backed test skips only outside CI: under CI=true a missing tool fails, so CI cannot go green
by skipping. CI installs them with `apt-get install -y nginx-light lua5.4` and extracts cloud-init's
schema from the Debian package (see CLOUD_INIT_SCHEMA_PATHS).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from components.ids.userdata import (
    ASSETS,
    SensorSettings,
    cloud_config,
    render_nginx_conf,
    render_snort_lua,
    render_user_data,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_NAME = "schema-cloud-config-v1.json"
SCHEMA_DIR = "usr/lib/python3/dist-packages/cloudinit/config/schemas"
#: Where the schema is looked for: $CLOUD_INIT_SCHEMA, the Debian package extracted into .cache/cloud-init
#: (`apt-get download cloud-init && dpkg-deb -x cloud-init_*.deb .cache/cloud-init`), an installed cloud-init.
CLOUD_INIT_SCHEMA_PATHS = (
    Path(os.environ.get("CLOUD_INIT_SCHEMA", "/nonexistent")),
    ROOT / ".cache" / "cloud-init" / SCHEMA_DIR / SCHEMA_NAME,
    Path("/") / SCHEMA_DIR / SCHEMA_NAME,
)
VARIANTS: dict[str, dict[str, object]] = {
    "alb-proxy": {},
    "alb-proxy-fallback": {"golden_image": False},
    "gwlb": {"mode": "gwlb"},
    "wazuh-no-onaccess": {"wazuh_manager": "wazuh.example.com", "clamav_on_access": False},
}


def require(tool: str | None, what: str) -> None:
    """Skip when `tool` is missing on a developer machine; fail under CI."""
    if tool:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{what} is required under CI (see this module's docstring for the install step)")
    pytest.skip(f"{what} is not installed")


def settings(**overrides: object) -> SensorSettings:
    return SensorSettings(environment="dev", region="eu-west-1", **overrides)  # type: ignore[arg-type]


# -- nginx -t ------------------------------------------------------------------------------------


def nginx_test(tmp_path: Path, conf: str) -> subprocess.CompletedProcess[str]:
    for sub in ("run", "var/log/nginx", "var/lib/nginx/tmp", "etc/pki/tls/certs"):
        (tmp_path / sub).mkdir(parents=True, exist_ok=True)
    # A real PEM bundle: nginx -t loads proxy_ssl_trusted_certificate.
    bundle = next((p for p in (Path("/etc/ssl/certs/ca-certificates.crt"), Path("/etc/pki/tls/certs/ca-bundle.crt"))
                   if p.is_file()), None)
    require(str(bundle) if bundle else None, "a system CA bundle")
    shutil.copy(bundle, tmp_path / "etc/pki/tls/certs/ca-bundle.crt")  # type: ignore[arg-type]
    (tmp_path / "nginx.conf").write_text(conf)
    return subprocess.run([shutil.which("nginx") or "nginx", "-t", "-c", str(tmp_path / "nginx.conf"),
                           "-p", f"{tmp_path}/"], capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize("mode", ["alb-proxy", "gwlb"])
def test_nginx_accepts_the_rendered_configuration(tmp_path: Path, mode: str) -> None:
    require(shutil.which("nginx"), "nginx (apt-get install nginx-light)")
    conf = render_nginx_conf(settings(mode=mode, upstream_url="https://127.0.0.1:8443"), root=str(tmp_path))
    result = nginx_test(tmp_path, conf)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_rejects_a_broken_rate_limit(tmp_path: Path) -> None:
    """The nginx check can fail: a limit_req on a zone that does not exist is refused."""
    require(shutil.which("nginx"), "nginx (apt-get install nginx-light)")
    conf = render_nginx_conf(settings(upstream_url="https://127.0.0.1:8443"), root=str(tmp_path))
    result = nginx_test(tmp_path, conf.replace("zone=per_client burst", "zone=missing burst"))
    assert result.returncode != 0
    assert "missing" in result.stderr


# -- cloud-init schema ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cloud_init_schema() -> dict:
    found = next((p for p in CLOUD_INIT_SCHEMA_PATHS if p.is_file()), None)
    require(str(found) if found else None, f"cloud-init's {SCHEMA_NAME}")
    return json.loads(found.read_text())  # type: ignore[union-attr]


def known_top_level_keys(schema: dict) -> set[str]:
    return {key for definition in schema["$defs"].values() for key in definition.get("properties", {})}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_user_data_validates_against_cloud_inits_schema(cloud_init_schema: dict, variant: str) -> None:
    text = render_user_data(settings(**VARIANTS[variant]))
    assert text.startswith("#cloud-config\n")
    document = yaml.safe_load(text)
    jsonschema.validate(document, cloud_init_schema)
    # The schema does not forbid unknown top-level keys, which cloud-init silently ignores.
    assert set(document) <= known_top_level_keys(cloud_init_schema)


def test_the_schema_check_can_fail(cloud_init_schema: dict) -> None:
    document = cloud_config(settings())
    document["write_files"][0]["encoding"] = "zip"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, cloud_init_schema)
    assert "write_file" not in known_top_level_keys(cloud_init_schema)


# -- Lua and shell syntax ------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["alb-proxy", "gwlb"])
def test_snort_lua_is_valid_lua(tmp_path: Path, mode: str) -> None:
    luac = shutil.which("luac5.4") or shutil.which("luac")
    require(luac, "luac (apt-get install lua5.4)")
    path = tmp_path / "snort.lua"
    path.write_text(render_snort_lua(settings(mode=mode)))
    result = subprocess.run([luac, "-p", str(path)], capture_output=True, text=True, timeout=30)  # type: ignore[list-item]
    assert result.returncode == 0, result.stderr
    path.write_text(render_snort_lua(settings(mode=mode)).replace("ips =\n{", "ips =\n{{"))
    assert subprocess.run([luac, "-p", str(path)], capture_output=True, timeout=30).returncode != 0  # type: ignore[list-item]


def test_shell_in_the_installer_and_runcmd_parses(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    require(bash, "bash")
    assert subprocess.run([bash, "-n", str(ASSETS / "build/install-sensor.sh")], timeout=30).returncode == 0  # type: ignore[list-item]
    for variant in VARIANTS.values():
        for command in cloud_config(settings(**variant))["runcmd"]:
            if command[:2] == ["sh", "-c"]:
                script = tmp_path / "step.sh"
                script.write_text(command[2])
                result = subprocess.run([bash, "-n", str(script)], capture_output=True, text=True, timeout=30)  # type: ignore[list-item]
                assert result.returncode == 0, (command, result.stderr)
