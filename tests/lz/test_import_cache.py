"""lz/import_cache.py: pulumi_aws's modules compiled with postponed annotations, cached by content.

The real-engine fidelity tests (tests/realengine/test_real_cli.py) hold what a program registers
offline, through this loader, equal to what the real engine records running pulumi_aws normally.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import marshal
import os
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

from lz import import_cache

ROOT = Path(__file__).resolve().parents[2]

SDK = '''
import typing
from typing import NotRequired, Optional, TypedDict

class ArgsDict(TypedDict):
    name: "Nested"
    size: NotRequired[Optional[int]]

class Args:
    def __init__(self, *, name: Optional["Nested"] = None) -> None:
        self.name = name

class Nested:
    size: int

def where() -> str:
    return __file__
'''


def write_sdk(root: Path, body: str = SDK) -> Path:
    package = root / "lzfakesdk"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "types.py").write_text(body)
    return package


def forget_fake_sdk() -> None:
    for name in [n for n in sys.modules if n == "lzfakesdk" or n.startswith("lzfakesdk.")]:
        del sys.modules[name]


def import_fresh(name: str) -> typing.Any:
    forget_fake_sdk()
    importlib.invalidate_caches()
    return importlib.import_module(name)


def write_package(root: Path, modules: dict[str, str]) -> Path:
    """`lzfakesdk.pkg` under `root`, one file per entry of `modules` (``__init__`` included)."""
    package = root / "lzfakesdk" / "pkg"
    package.mkdir(parents=True, exist_ok=True)
    (package.parent / "__init__.py").write_text("")
    for name, text in modules.items():
        (package / f"{name}.py").write_text(text)
    return package


@pytest.fixture
def load(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[tuple[Path, typing.Callable[[Path], typing.Any]]]:
    """A finder for `lzfakesdk.*` with its own cache; `load(root)` imports lzfakesdk.types from `root`."""
    monkeypatch.delenv("LZ_IMPORT_CACHE", raising=False)
    cache = tmp_path / "cache"
    finder = import_cache.PostponedAnnotationsFinder(cache, prefixes=("lzfakesdk.",))
    cache.mkdir()
    sys.meta_path.insert(0, finder)

    def load_from(root: Path) -> typing.Any:
        forget_fake_sdk()
        monkeypatch.syspath_prepend(str(root))
        importlib.invalidate_caches()
        module = importlib.import_module("lzfakesdk.types")
        sys.path.remove(str(root))
        return module

    try:
        yield cache, load_from
    finally:
        import_cache.uninstall(finder)
        forget_fake_sdk()


def test_annotations_stay_strings_and_resolve_against_the_module(load: typing.Any, tmp_path: Path) -> None:
    _, load_from = load
    module = load_from(write_sdk(tmp_path / "a").parent)
    assert module.Args.__init__.__annotations__["name"] == "Optional['Nested']"  # as PEP 563 unparses it
    assert module.Nested.__annotations__ == {"size": "int"}
    # What pulumi._types asks for: the evaluated hints, resolved in the class's module.
    hints = typing.get_type_hints(module.Args.__init__)
    assert hints["name"] == module.Nested | None
    # The one thing Python computes from evaluated annotations only; the loader puts it back.
    assert module.ArgsDict.__required_keys__ == {"name"} and module.ArgsDict.__optional_keys__ == {"size"}


def test_the_second_import_reads_the_cache_and_a_changed_source_compiles_again(
        load: typing.Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache, load_from = load
    root = write_sdk(tmp_path / "a").parent
    load_from(root)
    entries = sorted(cache.glob("*.pyc"))
    assert len(entries) == 1

    def no_compile(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled although the cache holds this source")

    monkeypatch.setattr(import_cache, "compile", no_compile, raising=False)
    again = load_from(root)
    assert isinstance(again.__spec__.loader, import_cache.PostponedAnnotationsLoader)
    assert again.Nested.__annotations__ == {"size": "int"}
    monkeypatch.undo()

    write_sdk(root, SDK + "\nVERSION = 2\n")
    assert load_from(root).VERSION == 2
    assert len(list(cache.glob("*.pyc"))) == 2


def test_a_corrupt_entry_is_compiled_again(load: typing.Any, tmp_path: Path) -> None:
    cache, load_from = load
    root = write_sdk(tmp_path / "a").parent
    load_from(root)
    (entry,) = cache.glob("*.pyc")
    entry.write_bytes(entry.read_bytes()[:40])
    assert load_from(root).Nested.__annotations__ == {"size": "int"}
    assert entry.stat().st_size > 40


def test_an_entry_written_for_another_format_is_not_run(load: typing.Any, tmp_path: Path) -> None:
    cache, load_from = load
    root = write_sdk(tmp_path / "a").parent
    load_from(root)
    (entry,) = cache.glob("*.pyc")
    header = importlib.util.MAGIC_NUMBER + import_cache.FORMAT
    stale = header.replace(import_cache.FORMAT, b"lz-postponed-0") + bytes([sys.flags.optimize])
    entry.write_bytes(stale + marshal.dumps(compile("POISON = 1", "x", "exec")))
    assert not hasattr(load_from(root), "POISON")
    assert entry.read_bytes().startswith(header)


def test_an_entry_shared_by_another_copy_names_the_file_it_was_loaded_from(
        load: typing.Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache, load_from = load
    first, second = write_sdk(tmp_path / "venv1"), write_sdk(tmp_path / "venv2")
    assert load_from(first.parent).where() == str(first / "types.py")
    monkeypatch.setattr(import_cache, "compile", lambda *a, **k: pytest.fail("the second copy compiled"),
                        raising=False)
    module = load_from(second.parent)
    assert len(list(cache.glob("*.pyc"))) == 1
    assert module.where() == str(second / "types.py")
    assert module.where.__code__.co_filename == str(second / "types.py")


def test_nothing_is_installed_when_off_or_when_the_cache_cannot_be_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = list(sys.meta_path)
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path
                                           if not isinstance(f, import_cache.PostponedAnnotationsFinder)])
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert import_cache.install(blocker / "pyc") is None
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # a cache others may write to: its entries would be their code
    assert import_cache.install(shared) is None
    monkeypatch.setenv("LZ_IMPORT_CACHE", "off")
    assert import_cache.install(tmp_path / "pyc") is None
    assert not any(isinstance(f, import_cache.PostponedAnnotationsFinder) for f in sys.meta_path)
    monkeypatch.setattr(sys, "meta_path", before)


PROBE = """
import json, sys
import lz.mock_engine
assert "pulumi_aws" not in sys.modules, "something lz imports loaded pulumi_aws before the finder"
import pulumi._types
import pulumi_aws as aws
doc = aws.sns.PolicyDocumentArgsDict
print(json.dumps({
    "annotation": type(aws.sns.Topic.arn.fget.__annotations__["return"]).__name__,
    "keys": [sorted(doc.__required_keys__), sorted(doc.__optional_keys__)],
    "types": {k: repr(v) for k, v in pulumi._types.resource_types(aws.sns.Topic).items()},
}))
aws.ec2.Subnet
loaded = sorted(m for m in sys.modules if m.startswith("pulumi_aws.ec2."))
star = {}
for package in ("ec2", "lambda_", "config"):
    namespace = {}
    exec(f"from pulumi_aws.{package} import *", namespace)
    star[package] = sorted(k for k in namespace if k != "__builtins__")
typed = sorted((name, sorted(v.__required_keys__), sorted(v.__optional_keys__))
               for name, v in vars(aws.ec2).items() if isinstance(v, type) and hasattr(v, "__required_keys__"))
print(json.dumps({"loaded": loaded, "star": star, "typed": typed, "same": aws.ec2.Vpc is aws.ec2.vpc.Vpc,
                  "function": type(aws.elb.get_service_account).__name__,
                  "dir": sorted(set(star["ec2"]) - set(dir(aws.ec2)))}))
"""


def probe(tmp_path: Path, setting: str) -> dict[str, typing.Any]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / setting), "LZ_IMPORT_CACHE": setting,
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    result: dict[str, typing.Any] = {**json.loads(first), **json.loads(second)}
    result["cached"] = bool(list((tmp_path / setting / "landing-zone" / "pyc").glob("*.pyc")))
    return result


@pytest.fixture(scope="module")
def probes(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, typing.Any], dict[str, typing.Any]]:
    """One process with the loader (a cache of its own, empty: it compiles), one with the stock import."""
    root = tmp_path_factory.mktemp("probe")
    return probe(root, "on"), probe(root, "off")


def test_the_engine_loads_pulumi_aws_this_way_and_the_sdk_sees_the_same_types(
    probes: tuple[dict[str, typing.Any], dict[str, typing.Any]]
) -> None:
    on, off = probes
    assert (on["annotation"], on["cached"]) == ("str", True)
    assert (off["annotation"], off["cached"]) == ("_GenericAlias", False)
    # What the SDK resolves the strings to, and a TypedDict's keys, are the stock import's.
    assert on["types"] == off["types"] and on["types"]["arn"] == "<class 'str'>"
    assert on["keys"] == off["keys"] == [["statement", "version"], ["id"]]


def test_a_package_runs_only_the_modules_a_program_asks_for_and_shows_every_name(
    probes: tuple[dict[str, typing.Any], dict[str, typing.Any]]
) -> None:
    on, off = probes
    # ec2 star-imports its 183 modules; asked for Subnet, the lazy package ran that one and what it imports.
    assert len(off["loaded"]) > 150
    assert set(on["loaded"]) <= {"pulumi_aws.ec2.subnet", "pulumi_aws.ec2._inputs", "pulumi_aws.ec2.outputs",
                                 "pulumi_aws.ec2._enums"}, on["loaded"]
    # What `from pulumi_aws.<package> import *` binds, dir(), identity and every TypedDict's keys: the stock import's.
    assert on["star"] == off["star"] and len(on["star"]["ec2"]) > 1000
    assert on["dir"] == off["dir"] == [] and on["same"] and off["same"]
    assert on["function"] == off["function"] == "function"  # get_x in get_x.py: the function, not its module
    assert on["typed"] == off["typed"] and len(on["typed"]) > 300


def test_a_package_star_imports_its_modules_when_a_name_is_asked_for(
        load: typing.Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = write_package(tmp_path, {
        "__init__": "import typing\nfrom .a import *\nfrom .get_b import *\n",
        "a": "__all__ = ['A', 'shared']\nA = 1\nshared = 'a'\n",
        "get_b": "__all__ = ['get_b', 'shared']\ndef get_b():\n    return 'b'\nshared = 'b'\n"})
    monkeypatch.syspath_prepend(str(tmp_path))
    pkg = import_fresh("lzfakesdk.pkg")
    assert isinstance(pkg.__spec__.loader, import_cache.PostponedAnnotationsLoader)
    assert "lzfakesdk.pkg.a" not in sys.modules and "lzfakesdk.pkg.get_b" not in sys.modules
    assert pkg.A == 1 and "lzfakesdk.pkg.a" in sys.modules and "lzfakesdk.pkg.get_b" not in sys.modules
    assert pkg.shared == "b"  # the later star import's, as without the loader
    assert pkg.get_b() == "b"  # the function, not the module of the same name
    # What `from lzfakesdk.pkg import *` binds without the loader: every public name, modules included.
    assert pkg.__all__ == ["A", "a", "get_b", "shared", "typing"] and set(pkg.__all__) <= set(dir(pkg))
    with pytest.raises(AttributeError, match="has no attribute 'C'"):
        pkg.C  # noqa: B018
    # A module's exports are in the package's compiled code: changing the module compiles it again.
    (package / "a.py").write_text("__all__ = ['A', 'C', 'shared']\nA = 1\nC = 3\nshared = 'a'\n")
    assert import_fresh("lzfakesdk.pkg").C == 3


def test_a_module_imported_directly_leaves_the_package_its_function_and_a_broken_one_says_so(
        load: typing.Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_package(tmp_path, {
        "__init__": "import typing\nfrom .get_b import *\nfrom .bad import *\n",
        "get_b": "__all__ = ['GetBResult', 'get_b']\nclass GetBResult: ...\ndef get_b():\n    return 'b'\n",
        "bad": "__all__ = ['Bad']\nimport os\nBad = os.no_such_thing\n"})
    monkeypatch.syspath_prepend(str(tmp_path))
    pkg = import_fresh("lzfakesdk.pkg")
    # A type-hint import of the module first (as stock, where the package had bound the function).
    from lzfakesdk.pkg.get_b import GetBResult  # type: ignore[import-not-found]
    assert vars(pkg)["get_b"]() == "b" and pkg.GetBResult is GetBResult
    with pytest.raises(ImportError, match=r"lzfakesdk\.pkg\.bad failed to load: .*no_such_thing"):
        pkg.Bad  # noqa: B018
