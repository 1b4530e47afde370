"""The free blocks of a range with Python's ipaddress, for the benchmark free_vs_python.

Standard input: the range (e.g. 10.0.0.0/8) on the first line, then the used prefixes,
one a line. Standard output: `seconds BEST RUNS` (the best time of RUNS runs of the
computation alone, parsing excluded), then the free blocks, one a line, in address
order, as `str()` gives them.

The computation is `address_exclude` and `collapse_addresses`, done efficiently: the
used prefixes are collapsed and sorted; a deque of pending free blocks starts as
[range]; for each used prefix in address order the blocks that end before it are
emitted, and the front block, which then holds the used prefix, is replaced by its
`address_exclude` pieces in address order; the rest is emitted and everything is
collapsed once more into the fewest prefixes.

Usage: python3 free_ipaddress.py [RUNS] < input   (RUNS defaults to 5)
"""

import collections
import ipaddress
import sys
import time


def free(within, used):
    """The free blocks of `within` once every prefix of `used` is taken, in order."""
    same = [u for u in used if u.version == within.version and u.overlaps(within)]
    pending = collections.deque([within])
    out = []
    for u in sorted(ipaddress.collapse_addresses(same)):
        if u.supernet_of(within):
            return []
        # Collapsed prefixes are disjoint, so `u` lies in the free space, whose blocks
        # from the front on are the deque: the first one not ending before `u` holds it.
        while pending[0].broadcast_address < u.network_address:
            out.append(pending.popleft())
        block = pending.popleft()
        pending.extendleft(sorted(block.address_exclude(u), reverse=True))
    out.extend(pending)
    return sorted(ipaddress.collapse_addresses(out))


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    lines = [line.strip() for line in sys.stdin if line.strip()]
    within = ipaddress.ip_network(lines[0])
    used = [ipaddress.ip_network(line) for line in lines[1:]]
    best = float("inf")
    blocks = []
    for _ in range(runs):
        started = time.perf_counter()
        blocks = free(within, used)
        best = min(best, time.perf_counter() - started)
    out = [f"seconds {best:.9f} {runs}"]
    out.extend(str(b) for b in blocks)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
