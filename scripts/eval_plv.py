#!/usr/bin/env python3
"""Scores `entente classify` on the PLV development set (../shared/eval/plover/PLV_train.tsv).

Converts the TSV to JSON lines (sentence, source, target, id), runs the classifier, and
prints root-type accuracy, macro-F1 over the 15 root classes, quad-class accuracy, the
time per sentence and the most frequent confusions. Standard library only.

The rows are split deterministically by sentence_id: DEV (even ids) and CHECK (odd ids).
Scores are printed for DEV; with --heldout for ALL and CHECK too (run that for reports,
not while tuning: every look at CHECK makes it less of a held-out estimate). Error analysis (confusions, --errors, --dump)
covers DEV only unless --split says otherwise: rules are tuned on DEV and CHECK is the
held-out estimate, never looked at row by row.

    python3 scripts/eval_plv.py [--tsv PATH] [--bin target/release/entente] [--errors N]
        [--dump FILE] [--split dev|check|all] [--heldout]

Exits 0 without scoring when the data set is absent (a checkout without ../shared).
"""

import argparse
import collections
import csv
import json
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_TSV = os.path.join(ROOT, "..", "shared", "eval", "plover", "PLV_train.tsv")


def load(path):
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append(r)
    return rows


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tsv", default=DEFAULT_TSV)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "entente"))
    ap.add_argument("--errors", type=int, default=0, help="print N misclassified rows")
    ap.add_argument("--dump", help="write gold and predictions as JSON lines to FILE")
    ap.add_argument("--marked", action="store_true", help="send the marked sentence instead of texts")
    ap.add_argument("--split", choices=["dev", "check", "all"], default="dev",
                    help="rows for confusions, --errors and --dump (default dev; check is held out)")
    ap.add_argument("--heldout", action="store_true",
                    help="also score CHECK and ALL: the held-out estimate, for reports, not for tuning")
    a = ap.parse_args()
    if a.split != "dev" and not a.heldout:
        print("eval_plv: --split check/all needs --heldout (CHECK is held out)", file=sys.stderr)
        return 2
    if not os.path.exists(a.tsv):
        print(f"eval_plv: {a.tsv} not found; skipping", file=sys.stderr)
        return 0
    if not os.path.exists(a.bin):
        print(f"eval_plv: {a.bin} not found; run cargo build --release --locked", file=sys.stderr)
        return 2
    rows = load(a.tsv)
    lines = []
    for i, r in enumerate(rows):
        if a.marked:
            lines.append(json.dumps({"id": i, "sentence": r["marked_sentence"]}))
        else:
            # the marked form fixes which occurrence is meant; the texts are sent too
            lines.append(json.dumps({"id": i, "sentence": r["marked_sentence"],
                                     "source": r["source"], "target": r["target"]}))
    t0 = time.perf_counter()
    p = subprocess.run([a.bin, "classify"], input="\n".join(lines) + "\n", capture_output=True,
                       text=True)
    dt = time.perf_counter() - t0
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    by_id = {o["id"]: o for o in out if "id" in o}
    preds_all = [by_id.get(i, {}) for i in range(len(rows))]

    def part(r):
        return "dev" if int(r["sentence_id"]) % 2 == 0 else "check"

    def score(idx):
        golds = [rows[i]["gold_root"] for i in idx]
        preds = [preds_all[i].get("root", "NONE") for i in idx]
        n = max(len(idx), 1)
        acc = sum(g == p for g, p in zip(golds, preds)) / n
        qacc = sum(int(rows[i]["gold_penta"]) == preds_all[i].get("quad", 0) for i in idx) / n
        f1s = {}
        for lab in sorted(set(golds)):
            tp = sum(g == lab and p == lab for g, p in zip(golds, preds))
            fp = sum(g != lab and p == lab for g, p in zip(golds, preds))
            fn = sum(g == lab and p != lab for g, p in zip(golds, preds))
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / (tp + fn) if tp + fn else 0.0
            f1s[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        macro = sum(f1s.values()) / max(len(f1s), 1)
        return acc, macro, qacc, f1s, golds, preds

    n = len(rows)
    parts = {"all": list(range(n)),
             "dev": [i for i in range(n) if part(rows[i]) == "dev"],
             "check": [i for i in range(n) if part(rows[i]) == "check"]}
    via = collections.Counter(
        ("trigger" if str(o.get("rule", "")).startswith("trigger") else str(o.get("rule", "none")).split(":")[0])
        for o in by_id.values())
    print(f"PLV_train: {n} pairs, {len(out)} outputs, exit {p.returncode}")
    print(f"{'split':6} {'pairs':>5} {'root acc':>8} {'macro-F1':>8} {'quad acc':>8}")
    for name in ("all", "dev", "check") if a.heldout else ("dev",):
        acc, macro, qacc, _, _, _ = score(parts[name])
        print(f"{name.upper():6} {len(parts[name]):5} {acc:8.3f} {macro:8.3f} {qacc:8.3f}")
    print(f"time           {dt:.2f} s total, {1e3 * dt / max(n, 1):.3f} ms per pair (process start-up included)")
    print("decided by     " + ", ".join(f"{k} {v}" for k, v in via.most_common()))
    idx = parts[a.split]
    _, _, _, f1s, golds, preds = score(idx)
    print(f"per-class F1 ({a.split.upper()}) " + " ".join(f"{k}:{v:.2f}" for k, v in sorted(f1s.items())))
    conf = collections.Counter((g, p) for g, p in zip(golds, preds) if g != p)
    print(f"top confusions on {a.split.upper()} (gold -> predicted: count):")
    for (g, pr), c in conf.most_common(15):
        print(f"  {g:10} -> {pr:10} {c}")
    errors = [(rows[i], preds_all[i]) for i in idx if rows[i]["gold_root"] != preds_all[i].get("root", "NONE")]
    for r, o in errors[: a.errors]:
        print(f"\n[{r['gold_root']} -> {o.get('root')}] {r['marked_sentence']}\n    {o.get('rule')}")
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for i in idx:
                r, o = rows[i], preds_all[i]
                f.write(json.dumps({"gold": r["gold_root"], "pred": o.get("root"), "rule": o.get("rule"),
                                    "marked": r["marked_sentence"]}) + "\n")
    if p.stderr.strip():
        print(p.stderr.strip()[:2000], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
