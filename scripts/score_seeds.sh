#!/usr/bin/env bash
# Scores `entente extract` on the seed articles against the shared gold annotation.
# Usage: scripts/score_seeds.sh [--verbose]   (needs ../shared beside the project)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
[ -d "$shared/corpus/seeds" ] || { echo "no ../shared/corpus/seeds here" >&2; exit 0; }
cargo build --release --locked -q
out=$(mktemp)
target/release/entente extract "$shared/corpus/seeds" --json --out "$out"
python3 "$shared/eval/score.py" --gold "$shared/eval/seeds_gold" --system "$out" "$@"
rm -f "$out"
