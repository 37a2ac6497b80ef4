"""A program that prints half a line, then crashes before registering anything."""


def build() -> None:
    print("half a line that must not reach stdout", end="")
    raise ValueError("boom: the program is broken")


build()
