// lz-codegen: the SDK generation step of Pulumi's Node.js and Go language hosts (their GeneratePackage
// RPC), as a command, for lz/nodejs_langhost.py and lz/go_langhost.py. The Go modules of
// pulumi-language-nodejs and pulumi-language-go are not served by the module proxy these machines
// reach; the code generators they call (pkg/v3/codegen/nodejs and codegen/go) and the schema loader
// client are, so this runs the same calls the Go hosts make: schema.BindSpec against the CLI's loader,
// then the language's GeneratePackage, then writes the files.
//
// Reads one JSON request on stdin: {"language" (nodejs or go), "directory", "schema", "extraFiles"
// (path -> base64), "localDependencies", "local", "loaderTarget"}. Prints schema diagnostics on stderr;
// exits 1 on errors.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

type request struct {
	Language          string            `json:"language"`
	Directory         string            `json:"directory"`
	Schema            string            `json:"schema"`
	ExtraFiles        map[string][]byte `json:"extraFiles"`
	LocalDependencies map[string]string `json:"localDependencies"`
	Local             bool              `json:"local"`
	LoaderTarget      string            `json:"loaderTarget"`
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "lz-codegen: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail("reading the request: %v", err)
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		fail("parsing the schema: %v", err)
	}
	var loader schema.Loader
	var refLoader schema.ReferenceLoader
	if req.LoaderTarget != "" {
		client, err := schema.NewLoaderClient(req.LoaderTarget)
		if err != nil {
			fail("connecting to the schema loader at %s: %v", req.LoaderTarget, err)
		}
		defer client.Close()
		loader, refLoader = client, schema.NewCachedLoader(client)
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		fail("binding the schema: %v", err)
	}
	for _, d := range diags {
		fmt.Fprintln(os.Stderr, d.Error())
	}
	if diags.HasErrors() {
		os.Exit(1)
	}
	var files map[string][]byte
	switch req.Language {
	case "", "nodejs":
		files, err = nodejs.GeneratePackage("pulumi-language-nodejs", pkg, req.ExtraFiles, req.LocalDependencies,
			req.Local, refLoader)
	case "go":
		files, err = gogen.GeneratePackage("pulumi-language-go", pkg, req.LocalDependencies)
		for name, data := range req.ExtraFiles {
			files[name] = data
		}
	default:
		fail("unknown language %q (nodejs or go)", req.Language)
	}
	if err != nil {
		fail("generating the SDK: %v", err)
	}
	for name, data := range files {
		out := filepath.Join(req.Directory, name)
		if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
			fail("creating %s: %v", filepath.Dir(out), err)
		}
		if err := os.WriteFile(out, data, 0o600); err != nil {
			fail("writing %s: %v", out, err)
		}
	}
}
