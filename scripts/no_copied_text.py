#!/usr/bin/env python3
"""Fails when a tracked file quotes a run of N characters (default 16) from
the texts under ../shared/seeds or ../shared/corpus: the project's text must
be its own (the corpus is evaluation input only).

    scripts/no_copied_text.py [--shared ../shared] [--n 16] [FILE ...]

Without FILEs it checks every file `git ls-files` lists. White space is
ignored on both sides (a quote broken across lines still counts); runs made
only of ASCII, digits and punctuation are not counted (URLs, numbers and
code are not prose). Exit status 1 lists each quote with its file and line.
"""
import argparse
import os
import subprocess
import sys
import unicodedata


def squeeze(s):
    return "".join(s.split())


def is_prose(run):
    """A run counts when it holds at least eight Han characters."""
    return sum(1 for c in run if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf") >= 8


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--n", type=int, default=16)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    n = args.n
    sources = []
    for sub in ("seeds", "corpus"):
        root = os.path.join(args.shared, sub)
        for dirpath, _, names in os.walk(root):
            for name in sorted(names):
                if name.endswith(".txt"):
                    with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                        sources.append(squeeze(f.read()))
    if not sources:
        print(f"no texts under {args.shared}/seeds or corpus: nothing to check against", file=sys.stderr)
        return 0
    grams = set()
    for text in sources:
        for i in range(len(text) - n + 1):
            g = text[i:i + n]
            if is_prose(g):
                grams.add(g)
    files = args.files or subprocess.run(["git", "ls-files"], capture_output=True, text=True, check=True).stdout.split("\n")
    found = 0
    for path in files:
        if not path or not os.path.isfile(path):
            continue
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
        except (UnicodeDecodeError, OSError):
            continue
        # Squeeze the whole file, remembering the line of each character.
        chars, line_of = [], []
        for k, line in enumerate(lines, 1):
            for c in line:
                if not c.isspace():
                    chars.append(c)
                    line_of.append(k)
        s = "".join(chars)
        i = 0
        while i <= len(s) - n:
            if s[i:i + n] in grams:
                j = i + n
                while j < len(s) and s[j - n + 1:j + 1] in grams:
                    j += 1
                print(f"{path}:{line_of[i]}: {s[i:j]}")
                found += 1
                i = j
            else:
                i += 1
    if found:
        print(f"{found} quote(s) of {n}+ characters from ../shared texts", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
