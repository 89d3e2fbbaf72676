#!/usr/bin/env python3
"""Validate samples/expected.toml against the sample articles.

Checks:
  * every listed file exists, every sample .txt file is listed exactly once;
  * `published` parses (YYYY, YYYY-MM or YYYY-MM-DD), `published_basis` is stated|inferred,
    a `published_window` (if any) is two full dates around `published`;
  * every event has the required fields; type / polarity / modality / tier are valid
    (also in `type_alt`, `modality_alt`); polarity agrees with the type's usual sign
    (REQUEST may be either);
  * `when` parses: a point at any precision or a range `A/B` where either end may be `..`;
  * for asserted / reported / denied events, `when` does not start after publication;
  * `evidence` (and each `evidence_alt`) is an exact substring of the article and occurs
    in the body, i.e. before the `----` line that opens the trailing page chrome;
  * forbidden entries have source, target and note, and valid optional type / modality.

Usage: python3 samples/check_expected.py [path/to/expected.toml]
Exit status 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
POSITIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
MODALITIES = {"asserted", "expected", "denied", "hypothetical", "reported"}
FORWARD = {"expected", "hypothetical"}
TIERS = {"core", "optional"}
BASES = {"stated", "inferred"}
EVENT_REQUIRED = ("source", "target", "type", "polarity", "when", "modality", "evidence", "tier")
SEPARATOR = "\n----\n"

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_point(s: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day covered by a date at year, month or day precision."""
    m = DATE_RE.match(s)
    if not m:
        raise ValueError(f"bad date {s!r}")
    y = int(m.group(1))
    if m.group(2) is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    mo = int(m.group(2))
    if m.group(3) is None:
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    d = dt.date(y, mo, int(m.group(3)))
    return d, d


def parse_when(s: str) -> tuple[dt.date | None, dt.date | None]:
    """Parse a point or an `A/B` range; `..` marks an open end."""
    if "/" in s:
        a, b = s.split("/", 1)
        lo = None if a == ".." else parse_point(a)[0]
        hi = None if b == ".." else parse_point(b)[1]
        if lo is None and hi is None:
            raise ValueError(f"range with two open ends {s!r}")
        if lo and hi and lo > hi:
            raise ValueError(f"range ends before it starts {s!r}")
        return lo, hi
    return parse_point(s)


def main() -> int:
    here = Path(__file__).resolve().parent
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "expected.toml"
    base = path.parent
    errors: list[str] = []

    def err(where: str, msg: str) -> None:
        errors.append(f"{where}: {msg}")

    with open(path, "rb") as fh:
        data = tomllib.load(fh)

    articles = data.get("article", [])
    if not articles:
        err(str(path), "no [[article]] tables")

    seen = Counter(a.get("file", "") for a in articles)
    for name, n in seen.items():
        if n > 1:
            err(name, f"listed {n} times")
    for txt in sorted(base.glob("*.txt")):
        if txt.name not in seen:
            err(txt.name, "sample file not listed in expected.toml")

    totals = Counter()
    rows = []
    for art in articles:
        name = art.get("file", "<missing file key>")
        fpath = base / name
        if not fpath.is_file():
            err(name, "file does not exist")
            continue
        text = fpath.read_text(encoding="utf-8")
        sep = text.find(SEPARATOR)
        body_end = sep if sep >= 0 else len(text)

        basis = art.get("published_basis")
        if basis not in BASES:
            err(name, f"published_basis {basis!r} not in {sorted(BASES)}")
        try:
            pub_lo, pub_hi = parse_point(str(art.get("published", "")))
        except ValueError as e:
            err(name, f"published: {e}")
            continue
        window = art.get("published_window")
        if window is not None:
            try:
                w = [parse_point(x) for x in window]
                if len(w) != 2 or w[0][0] != w[0][1] or w[1][0] != w[1][1]:
                    raise ValueError("must be two full dates")
                if w[0][0] > w[1][0]:
                    raise ValueError("window ends before it starts")
                if w[0][0] < pub_lo or w[1][0] > pub_hi:
                    raise ValueError("window lies outside `published`")
                pub_hi = min(pub_hi, w[1][0])
            except (ValueError, TypeError) as e:
                err(name, f"published_window: {e}")

        events = art.get("event", [])
        forbidden = art.get("forbidden", [])
        n_core = n_opt = 0
        for i, ev in enumerate(events, 1):
            where = f"{name} event {i} ({ev.get('source')} -> {ev.get('target')})"
            missing = [k for k in EVENT_REQUIRED if k not in ev]
            if missing:
                err(where, f"missing fields {missing}")
                continue
            t = ev["type"]
            if t not in TYPES:
                err(where, f"type {t!r} invalid")
            for alt in ev.get("type_alt", []):
                if alt not in TYPES:
                    err(where, f"type_alt {alt!r} invalid")
            pol = ev["polarity"]
            if pol not in ("+", "-"):
                err(where, f"polarity {pol!r} invalid")
            elif t in TYPES and t != "REQUEST":
                want = "+" if t in POSITIVE else "-"
                if pol != want:
                    err(where, f"polarity {pol} disagrees with {t} (usually {want})")
            mod = ev["modality"]
            if mod not in MODALITIES:
                err(where, f"modality {mod!r} invalid")
            for alt in ev.get("modality_alt", []):
                if alt not in MODALITIES:
                    err(where, f"modality_alt {alt!r} invalid")
            if ev["tier"] not in TIERS:
                err(where, f"tier {ev['tier']!r} invalid")
            try:
                lo, _hi = parse_when(str(ev["when"]))
                if mod not in FORWARD and lo is not None and lo > pub_hi:
                    err(where, f"when {ev['when']} starts after publication")
            except ValueError as e:
                err(where, f"when: {e}")
            for key in ("source", "target"):
                if not isinstance(ev[key], str) or not ev[key].strip():
                    err(where, f"{key} must be a non-empty string")
                for alt in ev.get(f"{key}_alt", []):
                    if not isinstance(alt, str) or not alt.strip():
                        err(where, f"{key}_alt entries must be non-empty strings")
            quotes = [ev["evidence"], *ev.get("evidence_alt", [])]
            for q in quotes:
                pos = text.find(q)
                if not q or pos < 0:
                    err(where, f"evidence not found verbatim: {q!r}")
                elif pos >= body_end:
                    err(where, f"evidence lies in the trailing chrome: {q!r}")
            if ev["tier"] == "core":
                n_core += 1
            else:
                n_opt += 1
            totals[f"type:{t}"] += 1
            totals[f"modality:{mod}"] += 1
        for j, fb in enumerate(forbidden, 1):
            where = f"{name} forbidden {j}"
            for key in ("source", "target", "note"):
                if not isinstance(fb.get(key), str) or not fb[key].strip():
                    err(where, f"missing or empty {key}")
            if "type" in fb and fb["type"] not in TYPES:
                err(where, f"type {fb['type']!r} invalid")
            if "modality" in fb and fb["modality"] not in MODALITIES:
                err(where, f"modality {fb['modality']!r} invalid")
        if n_core == 0:
            err(name, "no core events")
        totals["core"] += n_core
        totals["optional"] += n_opt
        totals["forbidden"] += len(forbidden)
        totals[f"basis:{basis}"] += 1
        rows.append((name, art.get("published"), basis, n_core, n_opt, len(forbidden)))

    print(f"{'file':45} {'published':10} {'basis':8} core opt forb")
    for r in rows:
        print(f"{r[0]:45} {str(r[1]):10} {str(r[2]):8} {r[3]:4} {r[4]:3} {r[5]:4}")
    print(
        f"\n{len(rows)} articles, {totals['core']} core + {totals['optional']} optional events, "
        f"{totals['forbidden']} forbidden; {totals['basis:inferred']} with inferred dates"
    )
    print("types:", ", ".join(f"{k[5:]}={v}" for k, v in sorted(totals.items()) if k.startswith("type:")))
    print("modalities:", ", ".join(f"{k[9:]}={v}" for k, v in sorted(totals.items()) if k.startswith("modality:")))

    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
