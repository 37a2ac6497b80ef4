"""Read a Pulumi project and its stack files the way the Pulumi CLI does, without the CLI."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SECRET_PLACEHOLDER = "[secret]"


class ProjectFileError(Exception):
    """Pulumi.yaml or a stack file is missing or not valid; the message names the file."""


class UnknownStackError(ProjectFileError):
    """The requested stack has no Pulumi.<stack>.yaml; the message lists the stacks that exist."""

    def __init__(self, stack: str, program_dir: Path, existing: list[str]) -> None:
        listed = ", ".join(existing) if existing else "none"
        super().__init__(
            f"unknown stack {stack!r}: no Pulumi.{stack}.yaml in {program_dir} (stacks: {listed})"
        )
        self.stack = stack
        self.existing = existing


@dataclass(frozen=True)
class Project:
    """The parts of Pulumi.yaml that running a program needs."""

    name: str
    runtime: str
    main: Path
    directory: Path
    config_defaults: dict[str, Any]


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ProjectFileError(f"{path}: file not found") from exc
    except OSError as exc:  # a directory named Pulumi.yaml, no permission
        raise ProjectFileError(f"{path}: cannot read it: {exc.strerror or exc}") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ProjectFileError(f"{path}: invalid YAML: {exc}") from exc


def load_project(program_dir: Path) -> Project:
    """Read Pulumi.yaml in program_dir: name, runtime, main file and project-level config defaults."""
    program_dir = Path(program_dir).resolve()
    if not program_dir.is_dir():
        what = "is not a directory" if program_dir.exists() else "does not exist"  # as lz diagram words it
        raise ProjectFileError(f"--program {program_dir}: {what} (give the directory holding Pulumi.yaml)")
    path = program_dir / "Pulumi.yaml"
    if not path.is_file() and (program_dir / "Pulumi.yml").is_file():
        path = program_dir / "Pulumi.yml"
    doc = _read_yaml(path)
    if not isinstance(doc, dict):
        raise ProjectFileError(f"{path}: expected a mapping at the top level")
    name = doc.get("name")
    if not isinstance(name, str) or not name:
        raise ProjectFileError(f"{path}: 'name' is required and must be a string")
    runtime = doc.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if not isinstance(runtime_name, str):
        raise ProjectFileError(f"{path}: 'runtime' is required (name of the language runtime)")
    main = program_dir / str(doc.get("main") or ".")
    if main.is_dir():
        main = main / "__main__.py"
    defaults: dict[str, Any] = {}
    config = doc.get("config") or {}
    if not isinstance(config, dict):
        raise ProjectFileError(f"{path}: 'config' must be a mapping")
    for key, spec in config.items():
        if isinstance(spec, dict) and "default" in spec:
            defaults[_namespaced(str(key), name)] = spec["default"]
        elif not isinstance(spec, dict):
            defaults[_namespaced(str(key), name)] = spec
    return Project(
        name=name, runtime=runtime_name, main=main, directory=program_dir, config_defaults=defaults
    )


def list_stacks(program_dir: Path) -> list[str]:
    """Stack names, from the Pulumi.<stack>.yaml files next to Pulumi.yaml, sorted."""
    names = []
    for path in Path(program_dir).glob("Pulumi.*.y*ml"):
        stem = path.name[len("Pulumi.") :].rsplit(".", 1)[0]
        if path.suffix in (".yaml", ".yml") and stem:
            names.append(stem)
    return sorted(set(names))


def _namespaced(key: str, project_name: str) -> str:
    return key if ":" in key else f"{project_name}:{key}"


def _encode(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    if value is None:
        return ""
    return str(value)


def _is_secure(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"secure"}


def _contains_secure(value: Any) -> bool:
    if _is_secure(value):
        return True
    if isinstance(value, dict):
        return any(_contains_secure(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_secure(v) for v in value)
    return False


def _strip_secure(value: Any) -> Any:
    if _is_secure(value):
        return SECRET_PLACEHOLDER
    if isinstance(value, dict):
        return {k: _strip_secure(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_secure(v) for v in value]
    return value


def stack_file(program_dir: Path, stack: str) -> Path:
    """The path of the stack's settings file (Pulumi.<stack>.yaml, or .yml when only that exists)."""
    program_dir = Path(program_dir)
    path = program_dir / f"Pulumi.{stack}.yaml"
    alt = program_dir / f"Pulumi.{stack}.yml"
    return alt if not path.is_file() and alt.is_file() else path


def load_stack_config(program_dir: Path, project_name: str, stack: str) -> tuple[dict[str, str], list[str]]:
    """Config as the CLI hands it to a program: namespaced keys, string values, secret key names.

    Structured values are JSON-encoded, booleans become "true"/"false", `secure:` values become
    a placeholder and their keys are listed as secret. Project-level defaults from Pulumi.yaml apply
    to keys the stack file does not set.
    """
    program_dir = Path(program_dir).resolve()
    path = stack_file(program_dir, stack)
    if not path.is_file():
        raise UnknownStackError(stack, program_dir, list_stacks(program_dir))
    doc = _read_yaml(path) or {}
    if not isinstance(doc, dict):
        raise ProjectFileError(f"{path}: expected a mapping at the top level")
    raw = doc.get("config") or {}
    if not isinstance(raw, dict):
        raise ProjectFileError(f"{path}: 'config' must be a mapping")

    defaults: dict[str, Any] = {}
    project_file = program_dir / "Pulumi.yaml"
    if project_file.is_file():
        defaults = load_project(program_dir).config_defaults
    config: dict[str, str] = {key: _encode(value) for key, value in defaults.items()}
    secret_keys: list[str] = []
    for key, value in raw.items():
        full_key = _namespaced(str(key), project_name)
        if _contains_secure(value):
            secret_keys.append(full_key)
            value = _strip_secure(value)
        config[full_key] = _encode(value)
    return config, sorted(secret_keys)
