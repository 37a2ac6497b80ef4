"""Reading Pulumi.yaml and stack files the way the Pulumi CLI does."""

import json
from pathlib import Path

import pytest

from lz.project import ProjectFileError, UnknownStackError, list_stacks, load_project, load_stack_config


def test_project_name_runtime_and_main(programs: Path) -> None:
    basic = load_project(programs / "basic")
    assert (basic.name, basic.runtime) == ("basic", "python")
    assert basic.main == (programs / "basic" / "__main__.py").resolve()
    crash = load_project(programs / "crash")  # runtime as a mapping, main as a directory
    assert crash.runtime == "python"
    assert crash.main == (programs / "crash" / "app" / "__main__.py").resolve()


def test_stacks_are_listed_from_stack_files(programs: Path) -> None:
    assert list_stacks(programs / "basic") == ["dev", "prod"]
    assert list_stacks(programs / "other") == ["test"]


def test_keys_are_namespaced_and_values_encoded_like_the_cli(programs: Path) -> None:
    config, _ = load_stack_config(programs / "basic", "basic", "dev")
    assert config["aws:region"] == "eu-west-1"
    assert config["basic:env"] == "dev"
    assert config["basic:vpcCidr"] == "10.10.0.0/16"
    assert "vpcCidr" not in config
    assert json.loads(config["basic:flags"]) == {"flowLogs": True, "azs": 2}
    assert json.loads(config["basic:zones"]) == ["a", "b"]
    assert config["basic:enabled"] == "true"


def test_secure_values_become_placeholders_and_secret_keys(programs: Path) -> None:
    config, secret_keys = load_stack_config(programs / "basic", "basic", "dev")
    assert secret_keys == ["basic:dbPassword"]
    assert config["basic:dbPassword"] == "[secret]"
    assert "AAAB" not in json.dumps(config)


def test_project_defaults_apply_unless_the_stack_sets_the_key(programs: Path, tmp_path: Path) -> None:
    config, _ = load_stack_config(programs / "basic", "basic", "prod")
    assert config["basic:owner"] == "platform-team"
    assert config["basic:retention"] == "30"
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\nconfig:\n  owner:\n    default: a\n")
    (tmp_path / "Pulumi.s.yaml").write_text("config:\n  p:owner: b\n")
    assert load_stack_config(tmp_path, "p", "s")[0] == {"p:owner": "b"}


def test_unknown_stack_names_it_and_lists_existing(programs: Path) -> None:
    with pytest.raises(UnknownStackError) as info:
        load_stack_config(programs / "basic", "basic", "staging")
    message = str(info.value)
    assert "'staging'" in message
    assert "dev, prod" in message


def test_malformed_yaml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (tmp_path / "Pulumi.bad.yaml").write_text("config:\n  key: [unclosed\n")
    with pytest.raises(ProjectFileError, match=r"Pulumi\.bad\.yaml: invalid YAML"):
        load_stack_config(tmp_path, "p", "bad")


def test_missing_project_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match=r"Pulumi\.yaml: file not found"):
        load_project(tmp_path)
    (tmp_path / "Pulumi.yaml").write_text("runtime: python\n")
    with pytest.raises(ProjectFileError, match="'name' is required"):
        load_project(tmp_path)
