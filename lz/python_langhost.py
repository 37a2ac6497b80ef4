"""A stand-in for `pulumi-language-python`, the Python language host the real Pulumi CLI starts.

Why it exists: the real host is a Go module (`github.com/pulumi/pulumi/sdk/python/cmd/
pulumi-language-python/v3`) with no tags; it can only be fetched by the pseudo-version of a release
commit, and the Go module proxy these machines reach serves no version of it (every query, `@v/list`
included, answers 403 "not available"). Everything else on the real path is Pulumi's own: the CLI and
engine built from `pkg/v3`, and `pulumi-language-python-exec` from the `sdk/v3` module, which this host
runs exactly as the Go host does (same flags, `PULUMI_CONFIG` / `PULUMI_CONFIG_SECRET_KEYS`, the
project's virtualenv interpreter). Plugins are started the same way too (`RunPlugin`): the policy
pack, and our source-based component package (components/provider, `PulumiPlugin.yaml` runtime
python), which the CLI runs for `pulumi package get-schema`/`package add` and to construct its
components; `InstallDependencies` makes a plugin's virtualenv from its requirements.txt first.

What it implements of `pulumirpc.LanguageRuntime`: Handshake, GetPluginInfo, GetRequiredPlugins,
GetRequiredPackages (from the `pulumi-plugin.json` each installed package ships, as the Go host
reads them), Run, RunPlugin (streaming), InstallDependencies (a virtualenv from requirements.txt),
About and GetProgramDependencies. A cancelled call terminates its child process; the host exits when
the CLI that started it is gone. Code generation (GenerateProgram/Project/Package, Pack,
Link) is not implemented: nothing in preview/up/destroy calls it.

Started by the CLI as `pulumi-language-python <engine-address>`; prints its port, then serves.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
from pulumi.runtime.proto import language_pb2, plugin_pb2

from .langhost_base import LanguageHostBase, flags, main_for, options, root_and_program

_LIST_PACKAGES = r"""
import json, importlib.metadata as md
out = []
for dist in md.distributions():
    for f in dist.files or ():
        if f.name == "pulumi-plugin.json":
            try:
                data = json.loads(f.read_text())
            except Exception:
                continue
            if data.get("resource"):
                out.append({"name": data.get("name") or dist.metadata["Name"],
                            "version": data.get("version") or dist.version,
                            "server": data.get("server", ""), "parameterization": data.get("parameterization")})
print(json.dumps(out))
"""


class MissingVirtualenv(Exception):
    pass


def _existing_python(root: str, options: dict[str, Any]) -> str:
    python = _python_for(root, options)
    if options.get("virtualenv") and not Path(python).exists():
        raise MissingVirtualenv(f"the virtualenv {options['virtualenv']!r} named in {root}'s project file does "
                                f"not exist ({python} is missing); run `pulumi install` in {root}")
    return python


def _python_for(root: str, options: dict[str, Any]) -> str:
    """The interpreter the Go host picks: the project's virtualenv when it names one, else python3."""
    venv = options.get("virtualenv")
    if venv:
        path = Path(venv) if os.path.isabs(venv) else Path(root) / venv
        for candidate in (path / "bin" / "python", path / "Scripts" / "python.exe"):
            if candidate.exists():
                return str(candidate)
        return str(path / "bin" / "python")  # InstallDependencies creates it
    return os.environ.get("PULUMI_PYTHON_CMD") or "python3"


def _exec_script() -> str:
    """pulumi-language-python-exec, beside this host's launcher (as in the CLI's release archive)."""
    override = os.environ.get("LZ_PYTHON_EXEC")
    if override:
        return override
    here = Path(sys.argv[0]).resolve().parent
    for directory in (here, *(Path(p) for p in os.environ.get("PATH", "").split(os.pathsep) if p)):
        candidate = directory / "pulumi-language-python-exec"
        if candidate.is_file():
            return str(candidate)
    raise FileNotFoundError("pulumi-language-python-exec is neither beside the language host nor on $PATH")


class PythonLanguageHost(LanguageHostBase):
    # -- dependencies ------------------------------------------------------------------------
    def _installed_packages(self, info: Any) -> list[dict[str, Any]]:
        root, _, _ = root_and_program(info, os.getcwd())
        python = _python_for(root, options(info))
        done = subprocess.run([python, "-c", _LIST_PACKAGES], capture_output=True, text=True, cwd=root)
        if done.returncode != 0:
            raise RuntimeError(f"{python}: listing installed packages failed: {done.stderr.strip()}")
        packages: list[dict[str, Any]] = json.loads(done.stdout)
        return packages

    def GetRequiredPlugins(self, request: Any, context: Any) -> Any:
        plugins = [plugin_pb2.PluginDependency(name=p["name"], kind="resource", version=p["version"],
                                               server=p.get("server") or "")
                   for p in self._installed_packages(request.info)]
        return language_pb2.GetRequiredPluginsResponse(plugins=plugins)

    def GetRequiredPackages(self, request: Any, context: Any) -> Any:
        packages = [plugin_pb2.PackageDependency(name=p["name"], kind="resource", version=p["version"],
                                                 server=p.get("server") or "")
                    for p in self._installed_packages(request.info) if not p.get("parameterization")]
        return language_pb2.GetRequiredPackagesResponse(packages=packages)

    def GetProgramDependencies(self, request: Any, context: Any) -> Any:
        root, _, _ = root_and_program(request.info, os.getcwd())
        python = _python_for(root, options(request.info))
        done = subprocess.run([python, "-m", "pip", "list", "--format", "json", "--disable-pip-version-check"],
                              capture_output=True, text=True, cwd=root)
        deps = json.loads(done.stdout) if done.returncode == 0 else []
        return language_pb2.GetProgramDependenciesResponse(
            dependencies=[language_pb2.DependencyInfo(name=d["name"], version=d["version"]) for d in deps])

    def About(self, request: Any, context: Any) -> Any:
        info = getattr(request, "info", None)
        root, _, _ = root_and_program(info, os.getcwd())
        python = _python_for(root, options(info))
        done = subprocess.run([python, "--version"], capture_output=True, text=True)
        version = (done.stdout or done.stderr).strip().removeprefix("Python ")
        return language_pb2.AboutResponse(executable=python, version=version,
                                          metadata={"host": "landing-zone stand-in (lz.python_langhost)"})

    def InstallDependencies(self, request: Any, context: Any) -> Iterator[Any]:
        info = request.info if request.HasField("info") else None
        root = info.root_directory if info is not None and info.root_directory else request.directory
        opts = options(info)
        python = _python_for(root, opts)
        steps: list[list[str]] = []
        if opts.get("virtualenv") and not Path(python).exists():
            steps.append([sys.executable, "-m", "venv", str(Path(python).parents[1])])
        requirements = Path(root) / "requirements.txt"
        if requirements.is_file():
            steps.append([python, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                          "-r", str(requirements)])
        yield from self._install_steps(steps, cwd=root, context=context)

    # -- running programs and plugins --------------------------------------------------------
    def Run(self, request: Any, context: Any) -> Any:
        info = request.info if request.HasField("info") else None
        root, program_dir, entry = root_and_program(info, request.pwd)
        try:
            python = _existing_python(root, options(info))
        except MissingVirtualenv as err:
            return language_pb2.RunResponse(error=str(err))
        args = [python, "-u", _exec_script(),
                *flags(("monitor", request.monitor_address), ("engine", self.engine_address),
                       ("project", request.project), ("root_directory", root), ("stack", request.stack),
                       ("pwd", request.pwd or program_dir), ("dry_run", "true" if request.dryRun else "false"),
                       ("parallel", str(request.parallel)), ("organization", request.organization)),
                request.program or entry or "."]
        args.extend(request.args)
        env = dict(os.environ)
        env["PULUMI_CONFIG"] = json.dumps(dict(request.config))
        env["PULUMI_CONFIG_SECRET_KEYS"] = json.dumps(list(request.configSecretKeys))
        env["PYTHONUNBUFFERED"] = "1"
        return self._run_program(args, cwd=request.pwd or program_dir, env=env, context=context)

    def RunPlugin(self, request: Any, context: Any) -> Iterator[Any]:
        info = request.info if request.HasField("info") else None
        root, program_dir, entry = root_and_program(info, request.pwd)
        try:
            python = _existing_python(root, options(info))
        except MissingVirtualenv as err:
            context.abort(grpc.StatusCode.FAILED_PRECONDITION, str(err))
        target = str(Path(program_dir) / entry) if entry not in ("", ".") else program_dir
        env = dict(os.environ)
        for item in request.env:
            key, _, value = item.partition("=")
            env[key] = value
        env["PYTHONUNBUFFERED"] = "1"
        # The CLI's working directory (the project), as the Go host runs plugins.
        proc = subprocess.Popen([python, "-u", target, *request.args], cwd=request.pwd or program_dir, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._track(proc)
        context.add_callback(proc.terminate)
        out: list[Any] = []
        cond = threading.Condition()

        def pump(stream: Any, field: str) -> None:
            for chunk in iter(lambda: stream.read1(65536), b""):
                with cond:
                    out.append(language_pb2.RunPluginResponse(**{field: chunk}))
                    cond.notify()
            with cond:
                out.append(None)
                cond.notify()

        readers = [threading.Thread(target=pump, args=(proc.stdout, "stdout"), daemon=True),
                   threading.Thread(target=pump, args=(proc.stderr, "stderr"), daemon=True)]
        for r in readers:
            r.start()
        open_streams = 2
        try:
            while open_streams:
                with cond:
                    while not out:
                        cond.wait(0.5)
                        if not context.is_active():
                            proc.terminate()
                    item = out.pop(0)
                if item is None:
                    open_streams -= 1
                    continue
                yield item
            yield language_pb2.RunPluginResponse(exitcode=proc.wait())
        finally:
            if proc.poll() is None:
                proc.terminate()
            self._untrack(proc)


def main(argv: list[str] | None = None) -> None:
    main_for(PythonLanguageHost, argv)


if __name__ == "__main__":
    main()
