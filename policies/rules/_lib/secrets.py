"""Plaintext-secret detection for property values, backed by Yelp's ``detect-secrets``.

Why a library, not a regex list here: ``detect-secrets`` is maintained (new token formats land as
plugins: AWS keys, GitHub/GitLab/Slack/Stripe/OpenAI/PyPI/npm tokens, private keys, JWTs, credentials
in URLs, ...), scans one string in-process (``scan_line`` under ``transient_settings``, no files, no
subprocess), and brings its false-positive filters (templated values such as ``{{ x }}`` or
``${x}``, sequential strings, UUIDs, id-like strings). Alternatives looked at: trufflehog and
gitleaks are Go binaries (the house shells out to nothing); ggshield sends values to a SaaS API;
whispers and secrets-patterns-db are file/regex catalogues without an in-process string API.

Two questions, two confidences:

* ``token_kinds(value)``: the value *is* a credential by its format (an ``AKIA...`` key, a
  ``ghp_`` token, a ``BEGIN PRIVATE KEY`` block, ``user:pass@`` in a URL). High confidence, used on
  any string of any resource. The entropy detectors are left out: on ids, hashes and base64 config
  they mostly find noise.
* ``secret_kinds(name, value)``: additionally, the *name* says it holds a secret
  (``DB_PASSWORD``, ``API_KEY``; detect-secrets' keyword list plus the names AWS's own
  ``ecs-no-environment-secrets`` rule looks for). Used on environment variables and connection
  properties, where the name is the program's own statement of what the value is.

What the pack sees of a Pulumi secret: the engine sends it wrapped, and the policy SDK unwraps it to
its plaintext before a rule runs, so a rule cannot tell ``Output.secret("x")`` from ``"x"``. That is
why the all-resources rule skips properties built to hold secrets (their provider marks them secret
in state) rather than trying to read the marking.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.core.scan import scan_line
from detect_secrets.plugins.keyword import DENYLIST_REGEX_WITH_PREFIX
from detect_secrets.settings import transient_settings

from ...framework import UnknownValueError

# Detectors judged by how a value looks, not by its format: noisy on ids, digests and IPs.
_HEURISTIC = frozenset({"Base64HighEntropyString", "HexHighEntropyString", "KeywordDetector", "IPPublicDetector"})
KEYWORD = "Secret Keyword"

# ECS.8's Config rule (ecs-no-environment-secrets) default secretKeys, plus session tokens.
DEFAULT_SECRET_NAMES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "ECS_ENGINE_AUTH_DATA",
                        "TOKEN", "*_TOKEN")
# A name that says the value *points at* a secret rather than holding one.
_REFERENCE_NAME = re.compile(r"(_|^)(ARN|NAME|ID|PATH|FILE|PARAM|PARAMETER)$", re.IGNORECASE)
_SECRET_NAME = re.compile(DENYLIST_REGEX_WITH_PREFIX, re.IGNORECASE)
# Values that are references or placeholders, never a secret themselves.
_REFERENCE_VALUE = re.compile(r"^(arn:aws[a-z-]*:|\{\{|\$|\[secret\]$|<unknown>$)", re.IGNORECASE)
# Flags and sizes under a secret-sounding name (ROTATE_SECRETS=true, PASSWORD_MIN_LENGTH=12).
_SETTING_VALUE = re.compile(r"^(true|false|yes|no|on|off|enabled|disabled|-?\d+(\.\d+)?)$", re.IGNORECASE)

SECRET_NAMES_CONFIG: dict[str, dict[str, Any]] = {
    "secret_names": {
        "type": "array", "items": {"type": "string"}, "default": list(DEFAULT_SECRET_NAMES),
        "description": "fnmatch patterns (case-insensitive) of variable names that always count as "
                       "secrets, on top of detect-secrets' keyword list (password, secret, api_key, ...)",
    },
}


def _plugins(names: Iterable[str]) -> dict[str, Any]:
    return {"plugins_used": [{"name": name} for name in sorted(names)]}


@lru_cache(maxsize=1)
def _format_settings() -> dict[str, Any]:
    classes = get_mapping_from_secret_type_to_class().values()
    return _plugins(c.__name__ for c in classes if c.__name__ not in _HEURISTIC)


_active: list[bool] = []


@contextmanager
def detector() -> Iterator[None]:
    """One detect-secrets settings scope for many scans: entering it costs more than a scan does,
    so a rule that scans a whole stack enters it once."""
    if _active:
        yield
        return
    with transient_settings(_format_settings()):
        _active.append(True)
        try:
            yield
        finally:
            _active.clear()


@lru_cache(maxsize=4096)
def _scan(line: str) -> tuple[str, ...]:
    with detector():
        return tuple(sorted({s.type for s in scan_line(line)}))


def is_reference(value: Any) -> bool:
    """ARNs, dynamic references, ``${...}`` and the display placeholders for secrets/unknowns."""
    return not isinstance(value, str) or not value.strip() or bool(_REFERENCE_VALUE.match(value.strip()))


def token_kinds(value: Any) -> list[str]:
    """detect-secrets types whose *format* matches ``value`` (e.g. ``["AWS Access Key"]``)."""
    if is_reference(value):
        return []
    return [kind for line in str(value).splitlines() if line.strip() for kind in _scan(line)]


def names_secret(name: str, patterns: Iterable[str] = DEFAULT_SECRET_NAMES) -> bool:
    """Whether a variable/property name says it holds a secret (``DB_PASSWORD``, ``API_KEY``, ...)."""
    upper = name.upper()
    if any(fnmatch.fnmatchcase(upper, p.upper()) for p in patterns):
        return True
    return not _REFERENCE_NAME.search(name) and bool(_SECRET_NAME.search(name))


def secret_kinds(name: str, value: Any, patterns: Iterable[str] = DEFAULT_SECRET_NAMES) -> list[str]:
    """Why ``name=value`` is a plaintext secret: token formats found in the value, plus
    ``"Secret Keyword"`` when the name says it is one; empty when it is not (or only references one)."""
    if is_reference(value):
        return []
    kinds = token_kinds(value)
    if names_secret(name, patterns) and KEYWORD not in kinds and not _SETTING_VALUE.match(str(value).strip()):
        kinds.append(KEYWORD)
    return kinds


def describe(kinds: Iterable[str], value: Any) -> str:
    """``Secret Keyword, 7 characters``: what was found, never the value itself (logs are public)."""
    return f"{', '.join(kinds)}; {len(str(value))} characters"


def pending_values(mapping: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """``(key, value)`` for each known value; after them, the first preview-unknown value re-raises,
    so its key is reported "cannot decide" while every known one was still judged."""
    pending: UnknownValueError | None = None
    for key in mapping:
        try:
            value = mapping[key]
        except UnknownValueError as err:
            pending = pending or err
            continue
        yield key, value
    if pending is not None:
        raise pending
