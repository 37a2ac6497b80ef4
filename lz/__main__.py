"""`python -m lz ...` runs the lz CLI."""

if __name__ == "__main__":  # not when a child process imports it as its main module
    from lz import interrupt

    # Before the heavy imports (pulumi, grpc): a Ctrl-C while they load ends the run the same way.
    with interrupt.handled():
        from lz.cli import main

        main()
