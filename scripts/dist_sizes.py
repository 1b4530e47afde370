"""The size of the built site: every file of a dist directory, raw and gzip -9, and a total.

Prints a table of every file under the directory (its path relative to it; hidden
folders such as Trunk's .stage are left out), its size in bytes and its size compressed with gzip at level 9 (`gzip.compress(data, 9,
mtime=0)`, so the figure does not depend on the time), then a total line. With
`--budget-kb N` it also checks the total gzip size against N x 1,024 bytes: over it,
it says by how much and exits with status 1; within it, it says by how much.

Usage: python3 scripts/dist_sizes.py [DIST] [--budget-kb N]   (DIST defaults to dist)
"""

import argparse
import gzip
import os
import sys


def sizes(root):
    """(relative path, raw bytes, gzip -9 bytes) of every file under `root`, by path."""
    rows = []
    for folder, dirs, files in os.walk(root):
        # Trunk's staging folder (.stage) is left behind by a failed build; not shipped.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                data = f.read()
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            rows.append((rel, len(data), len(gzip.compress(data, 9, mtime=0))))
    return sorted(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", nargs="?", default="dist", help="the directory (default: dist)")
    parser.add_argument(
        "--budget-kb",
        type=float,
        metavar="N",
        help="fail when the total gzip size is over N x 1,024 bytes",
    )
    args = parser.parse_args()
    if not os.path.isdir(args.dist):
        print(f"dist_sizes: {args.dist} is not a directory; build the site first (make build)", file=sys.stderr)
        return 1
    rows = sizes(args.dist)
    if not rows:
        print(f"dist_sizes: {args.dist} holds no files", file=sys.stderr)
        return 1

    total_raw = sum(raw for _, raw, _ in rows)
    total_gz = sum(gz for _, _, gz in rows)
    files = f"total ({len(rows):,} file{'s' if len(rows) != 1 else ''})"
    width = max(len(files), *(len(path) for path, _, _ in rows))
    print(f"{'file':<{width}}  {'bytes':>12}  {'gzip -9':>12}")
    for path, raw, gz in rows:
        print(f"{path:<{width}}  {raw:>12,}  {gz:>12,}")
    print(f"{files:<{width}}  {total_raw:>12,}  {total_gz:>12,}")

    if args.budget_kb is not None:
        budget = int(args.budget_kb * 1024)
        if total_gz > budget:
            print(
                f"over budget: {total_gz:,} bytes gzip -9 in {args.dist}, "
                f"{total_gz - budget:,} bytes over the budget of {budget:,} bytes ({args.budget_kb:g} KB)"
            )
            return 1
        print(
            f"within budget: {total_gz:,} bytes gzip -9 in {args.dist}, "
            f"{budget - total_gz:,} bytes under the budget of {budget:,} bytes ({args.budget_kb:g} KB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
