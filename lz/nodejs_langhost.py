"""A stand-in for `pulumi-language-nodejs`, the Node.js language host the real Pulumi CLI starts.

Why it exists: the real host is the Go module `github.com/pulumi/pulumi/sdk/nodejs/cmd/
pulumi-language-nodejs/v3`, and the Go module proxy these machines reach refuses it (403 "not
available", `@v/list` included), as it refuses the Python host (see lz/python_langhost.py). What runs a
program is not this host but Pulumi's own code, which this host starts as the Go host does:

- Run: `node <node_modules/@pulumi/pulumi/cmd/run> --monitor .. --engine .. --organization .. --project ..
  --root-directory .. --stack .. --pwd .. [--dry-run] --parallel .. <entry point>` with `PULUMI_CONFIG`,
  `PULUMI_CONFIG_SECRET_KEYS` and, for TypeScript (the default), `PULUMI_NODEJS_TYPESCRIPT=true`, so
  `@pulumi/pulumi` (from npm) compiles the program with the project's ts-node and runs it;
- GeneratePackage: Pulumi's Node.js code generator (`pkg/v3/codegen/nodejs`, served by the proxy) via
  `lz-codegen` (scripts/build-codegen), the same BindSpec + GeneratePackage calls;
- Link: `npm install <sdk path>` (the npm package manager's link), then the import instructions;
- InstallDependencies: `npm install`; GetRequiredPlugins/Packages: node_modules packages whose
  package.json says `"pulumi": {"resource": true}`, as the Go host reads them.

Not implemented (nothing in preview/up/package add calls them): RunPlugin (Node.js plugins),
GenerateProgram/Project, Pack, other package managers than npm. Started as
`pulumi-language-nodejs <engine-address>`; prints its port, then serves.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
from pulumi.runtime.proto import language_pb2, plugin_pb2

from .langhost_base import LanguageHostBase, flags, main_for, options, root_and_program

_RUN = Path("node_modules") / "@pulumi" / "pulumi" / "cmd" / "run"


def _typescript(options: dict[str, Any]) -> bool:
    value = options.get("typescript", True)
    return value is True or str(value).lower() == "true"


def _run_path(program_dir: str) -> Path | None:
    """`node_modules/@pulumi/pulumi/cmd/run`, searched upwards from the program (as Node resolves it)."""
    for directory in (Path(program_dir).resolve(), *Path(program_dir).resolve().parents):
        candidate = directory / _RUN
        if candidate.is_dir():
            return candidate
    return None


def _packages(root: str) -> Iterator[dict[str, Any]]:
    """package.json of every installed package that carries a Pulumi resource plugin."""
    modules = Path(root) / "node_modules"
    if not modules.is_dir():
        return
    dirs = [d for d in modules.iterdir() if d.is_dir() and not d.name.startswith(".")]
    dirs = [s for d in dirs for s in (sorted(d.iterdir()) if d.name.startswith("@") else [d]) if s.is_dir()]
    for directory in sorted(dirs):
        manifest = directory / "package.json"
        try:
            data = json.loads(manifest.read_text())
        except (OSError, ValueError):
            continue
        pulumi = data.get("pulumi") or {}
        if isinstance(pulumi, dict) and pulumi.get("resource"):
            name = str(pulumi.get("name") or data.get("name", "")).removeprefix("@pulumi/").lstrip("@")
            yield {"name": name, "version": str(pulumi.get("version") or data.get("version", "")),
                   "server": str(pulumi.get("server") or ""), "parameterization": pulumi.get("parameterization")}


class NodeLanguageHost(LanguageHostBase):
    codegen_language = "nodejs"

    # -- dependencies ------------------------------------------------------------------------
    def GetRequiredPlugins(self, request: Any, context: Any) -> Any:
        _, program_dir, _ = root_and_program(request.info if request.HasField("info") else None,
                                              request.pwd or os.getcwd())
        return language_pb2.GetRequiredPluginsResponse(plugins=[
            plugin_pb2.PluginDependency(name=p["name"], kind="resource", version=p["version"], server=p["server"])
            for p in _packages(program_dir)])

    def GetRequiredPackages(self, request: Any, context: Any) -> Any:
        info = request.info if request.HasField("info") else None
        _, program_dir, _ = root_and_program(info, os.getcwd())
        return language_pb2.GetRequiredPackagesResponse(packages=[
            plugin_pb2.PackageDependency(name=p["name"], kind="resource", version=p["version"], server=p["server"])
            for p in _packages(program_dir) if not p.get("parameterization")])

    def GetProgramDependencies(self, request: Any, context: Any) -> Any:
        info = request.info if request.HasField("info") else None
        _, program_dir, _ = root_and_program(info, os.getcwd())
        deps = []
        try:
            declared = json.loads((Path(program_dir) / "package.json").read_text()).get("dependencies", {})
        except (OSError, ValueError):
            declared = {}
        for name in sorted(declared):
            try:
                installed = json.loads((Path(program_dir) / "node_modules" / name / "package.json").read_text())
            except (OSError, ValueError):
                continue
            deps.append(language_pb2.DependencyInfo(name=name, version=str(installed.get("version", ""))))
        return language_pb2.GetProgramDependenciesResponse(dependencies=deps)

    def About(self, request: Any, context: Any) -> Any:
        node = shutil.which("node") or "node"
        done = subprocess.run([node, "--version"], capture_output=True, text=True)
        return language_pb2.AboutResponse(executable=node, version=done.stdout.strip().removeprefix("v"),
                                          metadata={"host": "landing-zone stand-in (lz.nodejs_langhost)"})

    def InstallDependencies(self, request: Any, context: Any) -> Iterator[Any]:
        info = request.info if request.HasField("info") else None
        directory = info.program_directory if info is not None and info.program_directory else request.directory
        if not (Path(directory) / "package.json").is_file():
            return
        yield from self._install_steps([["npm", "install", "--no-audit", "--no-fund"]], cwd=directory,
                                       context=context, where=f" in {directory}")

    # -- running programs ----------------------------------------------------------------------
    def Run(self, request: Any, context: Any) -> Any:
        info = request.info if request.HasField("info") else None
        root, program_dir, entry = root_and_program(info, request.pwd)
        opts = options(info)
        run_path = _run_path(program_dir)
        if run_path is None:
            return language_pb2.RunResponse(error=f"It looks like the Pulumi SDK has not been installed in "
                                                  f"{program_dir}. Have you run `pulumi install` or `npm install`?")
        args = [shutil.which("node") or "node", *str(opts.get("nodeargs", "")).split(), str(run_path),
                *flags(("monitor", request.monitor_address), ("engine", self.engine_address),
                       ("organization", request.organization), ("project", request.project),
                       ("root-directory", root), ("stack", request.stack), ("pwd", program_dir)),
                *(["--dry-run"] if request.dryRun else []), *flags(("parallel", str(request.parallel))),
                entry or "."]
        args.extend(request.args)
        env = dict(os.environ)
        env["PULUMI_CONFIG"] = json.dumps(dict(request.config))
        env["PULUMI_CONFIG_SECRET_KEYS"] = json.dumps(list(request.configSecretKeys))
        if _typescript(opts):
            env["PULUMI_NODEJS_TYPESCRIPT"] = "true"
        if opts.get("tsconfig"):
            env["PULUMI_NODEJS_TSCONFIG_PATH"] = str(opts["tsconfig"])
        return self._run_program(args, cwd=program_dir, env=env, context=context)

    # -- SDKs ----------------------------------------------------------------------------------
    def Link(self, request: Any, context: Any) -> Any:
        info = request.info
        program_dir = info.program_directory or info.root_directory
        typescript = _typescript(options(info)) or (Path(program_dir) / "tsconfig.json").is_file()
        imports = []
        for dep in request.packages:
            sdk = Path(dep.path) if os.path.isabs(dep.path) else Path(program_dir) / dep.path
            name = json.loads((sdk / "package.json").read_text())["name"]
            argv = ["npm", "install", "--no-audit", "--no-fund", "--save", str(sdk)]
            done = subprocess.run(argv, capture_output=True, text=True, cwd=program_dir)
            if done.returncode != 0:
                context.abort(grpc.StatusCode.UNKNOWN, f"{' '.join(argv)} exited with {done.returncode}:\n"
                                                       f"{done.stderr[-3000:]}")
            alias = _camel(dep.package.name)
            imports.append(f'  import * as {alias} from "{name}";' if typescript
                           else f'  const {alias} = require("{name}");')
        language = "TypeScript" if typescript else "JavaScript"
        return language_pb2.LinkResponse(
            import_instructions=f"You can import the SDK in your {language} code with:\n\n" + "\n".join(imports) + "\n")


def _camel(name: str) -> str:
    parts = [p for p in name.replace("_", "-").split("-") if p]
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:]) if parts else name


def main(argv: list[str] | None = None) -> None:
    main_for(NodeLanguageHost, argv)


if __name__ == "__main__":
    main()
