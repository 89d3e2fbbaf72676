#!/usr/bin/env bash
# Compares the throughput of entente-bench binaries: alternating runs over one corpus, CPU
# seconds per run, then the minimum and the median per binary. Differences under ~3% need
# N >= 8 and a quiet machine (builds running beside it move the numbers by 5-10%).
#
#   N=8 scripts/bench_ab.sh CORPUS_DIR BIN_A BIN_B [BIN_C ...]
#   N=5 REPEAT=3 scripts/bench_ab.sh ...   (each run passes over the corpus 3 times: longer
#                                           runs average out a noisy host better)
#
# Keep a copy of each binary to compare (cp target/release/entente-bench /tmp/bench_x);
# make a corpus with: python3 ../shared/bench/make_corpus.py -n 5000 -o /tmp/bench_corpus
set -euo pipefail
corpus=${1:?usage: N=8 scripts/bench_ab.sh CORPUS_DIR BIN_A BIN_B ...}
shift
n=${N:-5}
repeat=${REPEAT:-1}
for _ in $(seq "$n"); do
  for b in "$@"; do
    "$b" "$corpus" --repeat "$repeat" | awk -v b="$b" '/^input/ {mb = $2} /^cpu time/ {print b, $3, mb}'
  done
done | python3 -c "
import sys, collections
runs = collections.defaultdict(list)
for line in sys.stdin:
    b, t, mb = line.split()
    runs[b].append(float(t))
    mb = float(mb)
for b, v in runs.items():
    v.sort()
    med = v[len(v) // 2]
    print(f'{b}: min {v[0]:.2f} s, median {med:.2f} s of {len(v)} runs; '
          f'{mb / v[0]:.1f} MB per CPU-second at best, {mb / med:.1f} at the median')
"
