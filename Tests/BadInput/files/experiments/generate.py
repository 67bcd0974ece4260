"""Writes the experiment files too large or too deep to commit: generate.py KIND PATH.

KIND is one of: brackets (100,000 nested '['), dashes (a compact sequence 100,000 deep), dashes-crlf
(the same with Windows line ends, which a line count split on "\n" alone would miss), aliases (a
chain of 40,000 aliases, each wrapping the last, in block style so that no bracket counts): each of
these made Yams' recursive parser overflow the stack (a segfault with no message). indented (60
mappings, each indented one space more) goes past the nesting limit by indentation alone; large (a valid
file padded with comments past 1 MiB) goes past the size limit.
"""
import sys

HEADER = "name: deep\nquestion: Is it refused before parsing?\nkind: autoencoder\ndataset: fashion-mnist\nseed: 0\n"


def generate(kind):
    if kind == "brackets":
        return HEADER + "model: " + "[" * 100_000 + "]" * 100_000 + "\n"
    if kind == "dashes":
        return HEADER.replace("seed: 0\n", "seed: 0\nmodel:\n") + "  " + "- " * 100_000 + "x\n"
    if kind == "dashes-crlf":
        return generate("dashes").replace("\n", "\r\n")
    if kind == "indented":
        return HEADER + "model:\n" + "".join(" " * depth + f"k{depth}:\n" for depth in range(1, 61))
    if kind == "aliases":
        return HEADER + "a0: &a0 1\n" + "".join(f"a{i}: &a{i}\n- *a{i - 1}\n" for i in range(1, 40_000))
    if kind == "large":
        return HEADER + ("# padding\n" * 110_000)
    raise SystemExit(f"generate.py: unknown kind {kind}")


if __name__ == "__main__":
    kind, path = sys.argv[1:]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(generate(kind))
