#!/usr/bin/env python3
"""Inclusive CPU share of functions, inlined ones included, from a perf profile.

With fat LTO most of the pipeline is inlined into `Pipeline::process`, so `perf report`
shows one big symbol. Record with DWARF call graphs and let this script count, for every
function on each sampled stack (inlined frames too), the share of samples it appears in:

    perf record -e cpu-clock -F 2000 --call-graph dwarf,16384 -o /tmp/p.data \\
        target/release/entente-bench /tmp/bench_corpus
    perf script -i /tmp/p.data --inline -F ip,sym > /tmp/p.txt
    python3 scripts/profile_inline.py /tmp/p.txt [--top N] [--grep WORD ...]

Standard library only.
"""

import argparse
import collections
import re


def stacks(path):
    cur = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line:
                if cur:
                    yield cur
                cur = []
                continue
            parts = line.split(None, 1)
            sym = parts[1] if len(parts) > 1 else "?"
            cur.append(re.sub(r"\+0x[0-9a-f]+$", "", sym).replace(" (inlined)", ""))
    if cur:
        yield cur


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("script", help="output of perf script --inline -F ip,sym")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--grep", nargs="*", help="only functions whose name contains one of these")
    a = ap.parse_args()
    inclusive = collections.Counter()
    n = 0
    for s in stacks(a.script):
        n += 1
        for f in set(s):
            inclusive[f] += 1
    rows = [(k, v) for k, v in inclusive.items() if not a.grep or any(g in k for g in a.grep)]
    rows.sort(key=lambda kv: -kv[1])
    print(f"{n} samples")
    for k, v in rows[: a.top]:
        print(f"{100 * v / max(n, 1):6.2f}%  {k[:150]}")


if __name__ == "__main__":
    main()
