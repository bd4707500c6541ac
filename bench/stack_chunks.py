"""Does this Python thrash its frame stack at a chunk's edge? (CPython gh-142183; README, Performance.)

Run: .venv/bin/python bench/stack_chunks.py   (optionally under `strace -c -e trace=mmap,munmap`)

CPython keeps frames in 16 KB chunks and, before the fix, freed a chunk as soon as the stack unwound out of
it: a loop calling across the edge maps and unmaps 16 KB on every call. This walks a loop of small calls down
to every depth from 0 to 400 and prints the slowest depth against the median: a ratio far above 1 means the
interpreter has the bug, and a page whose template loop sits at that depth pays a system call per call.
"""

from __future__ import annotations

import statistics
import sys
import time


def down(depth: int) -> None:
    if depth:
        down(depth - 1)
    else:
        for _ in range(2000):
            small(8)


def small(k: int) -> int:
    return 0 if k == 0 else small(k - 1)


def main() -> None:
    timings = {}
    for depth in range(0, 400, 5):
        start = time.perf_counter()
        down(depth)
        timings[depth] = time.perf_counter() - start
    median = statistics.median(timings.values())
    depth, slowest = max(timings.items(), key=lambda item: item[1])
    print(f"Python {sys.version.split()[0]}: median {median * 1000:.1f} ms, slowest at depth {depth}: "
          f"{slowest * 1000:.1f} ms ({slowest / median:.0f}x the median)")


if __name__ == "__main__":
    main()
