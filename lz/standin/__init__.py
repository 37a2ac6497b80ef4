"""A stand-in `pulumi-resource-aws` for the real Pulumi engine's tests and offline runs, never for deploying.

It answers from lz's own mock code and tables (lz.aws_mocks, lz.aws_invokes, lz.aws_tables), so the real
engine and lz's offline engine cannot drift. See lz/standin/README.md.
"""
