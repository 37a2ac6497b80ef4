"""pulumi_aws's modules, loaded with postponed annotations (PEP 563) in lz's offline engine.

Why: half of an offline run of the dev stack was importing pulumi_aws. Its generated modules annotate
every argument, property and TypedDict key (``pulumi.Input[Optional[Sequence[...]]]``; wafv2's inputs
alone define some 2,000 classes), and Python evaluates each annotation when the module runs. Compiled
as if each module began with ``from __future__ import annotations``, the annotations stay strings
until something asks for them. The SDK asks with ``typing.get_type_hints`` against the class's module
(``pulumi._types``: it is written for forward references), so the values a program sees, what it
registers and what the engine answers are the same; the real-engine fidelity tests hold the two equal.

Only ``pulumi_aws.*`` submodules found as source files are loaded this way, and only in the process
that runs programs offline. The compiled code is cached under the user's cache directory
(``~/.cache/landing-zone/pyc``), keyed by the source's content, so every virtualenv with the same
pulumi_aws shares one entry per module (a package's entry also depends on its files' times, below);
the standard ``__pycache__`` files are never touched (the real engine
and every other process keep using them). Where that directory cannot be written, or another user
owns it or others may write to it (its entries are code lz runs), nothing is installed and imports
stay standard. ``LZ_IMPORT_CACHE=off`` turns it off. Entries are never removed: each pulumi_aws
release adds its own (about 60 MB for what our stacks import); delete the directory to reclaim them.
It is lz's own cache, like pip's, so PYTHONDONTWRITEBYTECODE (about ``__pycache__`` beside the
sources) does not turn it off.

Packages (``pulumi_aws.ec2``) are also made lazy: their ``from .module import *`` lines run when a
name of that module is first asked for (``lazy_package``). A package's compiled code holds what its
modules export, so its key adds their sizes and modification times (what CPython's own .pyc files
check). ec2 alone star-imports 183 modules; the dev stack ran 709 of pulumi_aws's modules, now 391
(most of those are the packages' shared inputs and outputs).

What postponed annotations would change at run time is a TypedDict's required and optional keys
(Python 3.11 reads ``NotRequired`` only from an evaluated annotation); the loader sets them again
from the annotations' text after the module runs, so they are what the stock import gives.
"""

from __future__ import annotations
import __future__

import _imp
import ast
import contextlib
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import CodeType, ModuleType

PREFIXES = ("pulumi_aws.",)
#: Bumped when what is compiled changes, so old entries are never read.
FORMAT = b"lz-postponed-5"
_FLAGS = __future__.annotations.compiler_flag


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "landing-zone" / "pyc"


class PostponedAnnotationsLoader(importlib.machinery.SourceFileLoader):
    """A source module compiled with postponed annotations, its code cached by content in `directory`."""

    def __init__(self, fullname: str, path: str, directory: Path) -> None:
        super().__init__(fullname, path)
        self.directory = directory

    def get_code(self, fullname: str) -> CodeType:
        source_path = self.get_filename(fullname)
        source = self.get_data(source_path)
        # The interpreter's byte-code version and -O level are part of what was compiled: in the key
        # (two Pythons never overwrite each other's entries) and checked in the header.
        header = importlib.util.MAGIC_NUMBER + FORMAT + bytes([sys.flags.optimize])
        package = os.path.basename(source_path) == "__init__.py"
        # A package's compiled code holds what its modules export (see lazy_package): its key covers them.
        fingerprint = _directory_fingerprint(os.path.dirname(source_path)) if package else b""
        key = hashlib.blake2b(header + fingerprint + source, digest_size=20).hexdigest()
        entry = self.directory / f"{key}.pyc"
        code: CodeType | None = None
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            data = entry.read_bytes()
            if data.startswith(header):
                loaded = marshal.loads(memoryview(data)[len(header):])
                if isinstance(loaded, CodeType):
                    code = loaded
        if code is None:
            tree = ast.parse(source, source_path)
            if package:
                tree = lazy_package(tree, os.path.dirname(source_path))
            code = compile(tree, source_path, "exec", flags=_FLAGS, dont_inherit=True, optimize=sys.flags.optimize)
            _write_atomically(entry, header + marshal.dumps(code))
        else:
            # The entry may come from another virtualenv's copy of the same file: tracebacks, and lz's
            # source locations, name this one (as the standard loader does for a moved .pyc).
            _imp._fix_co_filename(code, source_path)  # type: ignore[attr-defined]  # not in typeshed
        return code

    def exec_module(self, module: ModuleType) -> None:
        super().exec_module(module)
        _restore_typeddict_keys(module)


_ALL_RE = re.compile(rb"^__all__\s*=\s*(\[[^\]]*\])", re.MULTILINE)

#: What a lazy package adds, in its own namespace (names a generated package never binds).
_LAZY_SUPPORT = """
import sys as _lz_sys
from importlib import import_module as _lz_import_module
from types import ModuleType as _lz_ModuleType

def _lz_bind(sub, module):
    namespace = globals()
    for key in module.__all__:  # what `from .sub import *` binds, minus what a later module rebinds
        # `get_x` in get_x.py: the function, where the import system bound the module.
        if _lz_lazy_names.get(key) == sub and (key not in namespace or namespace[key] is module):
            namespace[key] = getattr(module, key)

class _lz_LazyPackage(_lz_ModuleType):
    # However a module of the package is imported (`from pulumi_aws.ec2.get_vpc import GetVpcResult`,
    # unpickling), its names are bound as the import system binds it, never the module over a function.
    def __setattr__(self, name, value):
        if name in _lz_lazy_modules and isinstance(value, _lz_ModuleType) and hasattr(value, "__all__"):
            _lz_bind(name, value)
            if _lz_lazy_names.get(name) == name:
                return
        super().__setattr__(name, value)

_lz_sys.modules[__name__].__class__ = _lz_LazyPackage

def __getattr__(name):
    sub = _lz_lazy_names.get(name)
    if sub is None:
        if name in _lz_lazy_modules:
            return _lz_import_module("." + name, __name__)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        _lz_import_module("." + sub, __name__)
    except AttributeError as error:  # not "no such name": the module failed to load (hasattr would hide it)
        raise ImportError(f"{__name__}.{sub} failed to load: {error}") from error
    try:  # the import bound the module's names (_lz_LazyPackage.__setattr__)
        return globals()[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None

def __dir__():
    return sorted(set(globals()) | set(_lz_lazy_names) | _lz_lazy_modules)
"""


def _directory_fingerprint(directory: str) -> bytes:
    with contextlib.suppress(OSError):
        entries = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(directory)
                         if e.name.endswith(".py"))
        return repr(entries).encode()
    return b"?"


def _exports(path: str) -> list[str] | None:
    """A generated module's ``__all__`` (a list literal), read without running or parsing it all."""
    with contextlib.suppress(OSError, ValueError, SyntaxError):
        with open(path, "rb") as source:
            found = _ALL_RE.search(source.read())
        if found:
            names = ast.literal_eval(found.group(1).decode())
            if isinstance(names, list) and all(isinstance(n, str) for n in names):
                return names
    return None


def _bound_names(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return {(alias.asname or alias.name).split(".")[0] for alias in statement.names}
    stored = [node for node in ast.walk(statement) if isinstance(getattr(node, "ctx", None), ast.Store)]
    return {n.id for n in stored if isinstance(n, ast.Name)} \
        | {n.attr for n in stored if isinstance(n, ast.Attribute)} \
        | ({statement.name} if isinstance(statement, ast.FunctionDef | ast.ClassDef) else set())


def lazy_package(tree: ast.Module, directory: str) -> ast.Module:
    """A generated package's ``from .module import *`` lines, deferred until a name is asked for.

    ``pulumi_aws.ec2`` star-imports its 183 modules, and a program that uses ten of its resources ran
    all 183 (half of the dev stack's import time). Each ``from .m import *`` becomes an entry in a map
    from the names ``m.__all__`` lists to ``m``; the package's ``__getattr__`` (PEP 562) imports ``m``
    when one is first asked for and binds its names as the star import would have, and ``__dir__`` and
    ``__all__`` list them all (so ``from pulumi_aws.ec2 import *`` still binds every one). The package
    is left as it is if it does anything else (binds a name a module exports, defines ``__getattr__``,
    swaps its module class, as ``pulumi_aws.config`` does) or a module's ``__all__`` cannot be read.
    """
    names: dict[str, str] = {}
    modules: list[str] = []
    body: list[ast.stmt] = []
    bound: set[str] = set()
    at = None
    for statement in tree.body:
        if (isinstance(statement, ast.ImportFrom) and statement.level == 1 and statement.module
                and [a.name for a in statement.names] == ["*"] and "." not in statement.module):
            exports = _exports(os.path.join(directory, f"{statement.module}.py"))
            if exports is None:
                return tree
            at = len(body) if at is None else at
            modules.append(statement.module)
            names.update(dict.fromkeys(exports, statement.module))
            continue
        bound |= _bound_names(statement)
        body.append(statement)
    if at is None or bound & (set(names) | {"__getattr__", "__dir__", "__all__", "__class__", "sys"}) \
            or any(n.startswith("_lz_") for n in bound):
        return tree
    public = sorted({n for n in (*names, *modules, *bound) if not n.startswith("_")})
    support = ast.parse(f"_lz_lazy_names = {names!r}\n_lz_lazy_modules = {set(modules)!r}\n"
                        f"__all__ = {public!r}\n{_LAZY_SUPPORT}").body
    tree.body = body[:at] + support + body[at:]
    return ast.fix_missing_locations(tree)


def _restore_typeddict_keys(module: ModuleType) -> None:
    """What postponed annotations change at run time: a TypedDict's required and optional keys, which
    Python 3.11 reads from ``NotRequired[...]`` only when the annotation is evaluated. Generated code
    marks every optional key so; its string says which (``NotRequired[pulumi.Input[...]]``)."""
    for value in list(vars(module).values()):
        # Only the module's own: each resource module re-exports its package's inputs (`from ._inputs
        # import *`), and ec2's 180 would otherwise go over the same TypedDicts 180 times.
        if not isinstance(value, type) or value.__module__ != module.__name__ \
                or not hasattr(value, "__required_keys__"):
            continue
        required: set[str] = set()
        optional: set[str] = set()
        texts = {key: getattr(annotation, "__forward_arg__", annotation)
                 for key, annotation in getattr(value, "__annotations__", {}).items()}
        if not all(isinstance(text, str) for text in texts.values()):
            continue  # evaluated (not from this module's source): Python computed the keys itself
        total = getattr(value, "__total__", True)
        for key, text in texts.items():
            text = text.strip()
            wanted = not text.startswith("NotRequired[") and (total or text.startswith("Required["))
            (required if wanted else optional).add(key)
        value.__required_keys__ = frozenset(required)
        value.__optional_keys__ = frozenset(optional)  # type: ignore[attr-defined]


def _write_atomically(entry: Path, data: bytes) -> None:
    with contextlib.suppress(OSError):
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=entry.stem, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


class PostponedAnnotationsFinder(importlib.abc.MetaPathFinder):
    """Finds what the standard path finder finds; source modules under `prefixes` get the loader above."""

    def __init__(self, directory: Path, prefixes: Sequence[str] = PREFIXES) -> None:
        self.directory = directory
        self.prefixes = tuple(prefixes)

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(self.prefixes):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.origin is None or type(spec.loader) is not importlib.machinery.SourceFileLoader:
            return None  # the finders after this one (the path finder among them) decide, as without it
        spec.loader = PostponedAnnotationsLoader(fullname, spec.origin, self.directory)
        return spec


def install(directory: Path | None = None, prefixes: Sequence[str] = PREFIXES) -> PostponedAnnotationsFinder | None:
    """Put the finder first on sys.meta_path (once); None, and nothing changed, if it is turned off or
    its cache directory cannot be written."""
    if os.environ.get("LZ_IMPORT_CACHE", "").strip().lower() in ("off", "0", "false", "no"):
        return None
    for finder in sys.meta_path:
        if isinstance(finder, PostponedAnnotationsFinder):
            return finder
    directory = directory or cache_dir()
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Its entries are code this process runs: a directory someone else owns or may write to is
        # never read (as a shared, world-writable XDG_CACHE_HOME would be).
        info = directory.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return None
        fd, probe = tempfile.mkstemp(dir=directory, suffix=".probe")
        os.close(fd)
        os.unlink(probe)
    except OSError:
        return None
    finder = PostponedAnnotationsFinder(directory, prefixes)
    sys.meta_path.insert(0, finder)
    return finder


def uninstall(finder: PostponedAnnotationsFinder) -> None:
    with contextlib.suppress(ValueError):
        sys.meta_path.remove(finder)
