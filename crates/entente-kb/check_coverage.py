#!/usr/bin/env python3
"""Coverage of dated roles in the knowledge base (data/*.toml, see data/FORMAT.md).

Usage: python3 check_coverage.py [-q] [--from DATE] [--to DATE] [--tolerance DAYS] [DIR]

For every state in REGION and the five permanent Security Council members, and for the
offices head of state, head of government, foreign minister and defence minister, prints
the holders over the window (default 2000-01-01..2025-06-30) and every

* GAP: a period longer than the tolerance (default 31 days: hand-overs, short caretaker
  spells) that no holder covers and that is not a documented exception below;
* OVERLAP: two holders at the same time (reported, not an error: rival governments and
  formal/de facto pairs exist; a wrong `to` date shows up here too).

Dates of month or year precision are read generously for gaps (a role "to 2013-08" lasts
until 2013-08-31) and strictly for overlaps (it ends 2013-08-01), so imprecision never
produces a report by itself.

It then lists the leaders of the region's non-state groups (GROUPS) and reports a group
that has no dated leader at all.

Exit status 1 when a gap or a leaderless group remains, so that it can run in CI.
Standard library only (Python 3.11+: tomllib).
"""

from __future__ import annotations

import calendar
import datetime as dt
import glob
import os
import sys
import tomllib
from collections import defaultdict

REGION = [
    ("Iran", "IRN"), ("Iraq", "IRQ"), ("Syria", "SYR"), ("Lebanon", "LBN"), ("Israel", "ISR"),
    ("Palestine", "PSE"), ("Jordan", "JOR"), ("Egypt", "EGY"), ("Saudi Arabia", "SAU"),
    ("UAE", "ARE"), ("Qatar", "QAT"), ("Bahrain", "BHR"), ("Kuwait", "KWT"), ("Oman", "OMN"),
    ("Yemen", "YEM"), ("Turkey", "TUR"), ("Libya", "LBY"), ("Sudan", "SDN"), ("Algeria", "DZA"),
    ("Morocco", "MAR"), ("Tunisia", "TUN"), ("Afghanistan", "AFG"),
]
P5 = [("USA", "USA"), ("UK", "GBR"), ("France", "FRA"), ("Russia", "RUS"), ("China", "CHN")]

# office -> role keys of roles.toml that fill it (default for every state)
OFFICES = {
    "head_of_state": ["head_of_state", "president", "king", "emir", "sultan"],
    "head_of_government": ["prime_minister"],
    "foreign_minister": ["foreign_minister"],
    "defence_minister": ["defence_minister"],
}

# per-state deviations: (iso3, office) -> role keys (replacing the default)
TITLES = {
    # Iran: the Supreme Leader is head of state; the president heads the government (the
    # premiership was abolished in 1989)
    ("IRN", "head_of_state"): ["supreme_leader"],
    ("IRN", "head_of_government"): ["president", "prime_minister"],
    # the US president heads the government too
    ("USA", "head_of_government"): ["president"],
    # Taliban emirate (1996-2001, since 2021): the Amir al-Mu'minin is head of state
    ("AFG", "head_of_state"): ["president", "supreme_leader"],
}

# offices that a different office-holder fills by law or custom: (iso3, office) ->
# [(role keys, from, to, reason)]; a holder of those keys counts for the office then
COVERED_BY = {
    ("SDN", "head_of_government"): [(["president"], "1989-06-30", "2017-03-02",
                                     "premiership abolished; the president headed the government")],
    ("TUR", "head_of_government"): [(["president"], "2018-07-09", None,
                                     "premiership abolished in the presidential system")],
    ("AFG", "head_of_government"): [(["president"], "2001-12-22", "2021-09-07",
                                     "presidential system (the chief executive 2014-2020 is listed as prime minister)")],
    ("SYR", "head_of_government"): [(["president"], "2025-03-29", None,
                                     "transitional government without a prime minister")],
    ("JOR", "defence_minister"): [(["prime_minister"], None, None,
                                   "the prime minister holds the defence portfolio")],
    ("DZA", "defence_minister"): [(["president"], None, None,
                                   "the president holds the national defence portfolio")],
    ("QAT", "defence_minister"): [(["emir"], None, "2013-06-26",
                                   "no separate minister: the Emir held the defence portfolio")],
    ("OMN", "defence_minister"): [(["sultan"], None, "2004",
                                   "the Sultan held the defence portfolio (minister responsible for defence affairs not recorded)")],
    ("OMN", "foreign_minister"): [(["sultan"], None, "1997",
                                   "the Sultan held the foreign portfolio")],
    ("LBY", "defence_minister"): [(["head_of_state"], None, "2011-08-23",
                                   "no defence ministry under Gaddafi: he commanded the armed forces")],
}

# periods in which an office was vacant, abolished or not yet created (these are not gaps)
EXEMPT = [
    ("IRQ", "*", "2003-04-09", "2004-06-28", "US occupation: Coalition Provisional Authority and Governing Council"),
    ("IRQ", "foreign_minister", "2003-04-09", "2003-09-03", "no minister before the Governing Council's cabinet"),
    ("IRQ", "defence_minister", "2018-10-25", "2019-06-24", "vacant until parliament approved a minister"),
    ("LBN", "head_of_state", "2007-11-24", "2008-05-25", "presidential vacancy"),
    ("LBN", "head_of_state", "2014-05-25", "2016-10-31", "presidential vacancy"),
    ("LBN", "head_of_state", "2022-10-30", "2025-01-09", "presidential vacancy"),
    ("PSE", "head_of_government", None, "2003-04-30", "office created in 2003"),
    ("PSE", "defence_minister", None, None, "no defence ministry"),
    ("PSE", "foreign_minister", None, "2003-04-30", "no foreign ministry of the Palestinian Authority before 2003"),
    ("TUN", "head_of_government", "2021-07-25", "2021-10-11", "prime minister dismissed; office vacant"),
    ("SDN", "head_of_government", "2022-01-02", "2025-05-19", "acting prime ministers only (not recorded)"),
    ("SDN", "head_of_government", "2019-04-11", "2019-08-21", "Transitional Military Council: no prime minister"),
    ("IRQ", "foreign_minister", "2014-07-11", "2014-09-08", "acting minister only (not recorded)"),
    ("IRQ", "defence_minister", "2014-09-08", "2014-10-18", "vacant until parliament approved a minister"),
    ("IRQ", "defence_minister", "2016-08-25", "2017-01-30", "vacant after parliament dismissed the minister"),
    ("YEM", "head_of_government", "2014-09-24", "2014-11-09", "caretaker and designate period"),
    ("AFG", "head_of_state", "2001-11-13", "2001-12-22", "interregnum between the Taliban and the Interim Administration"),
    ("AFG", "head_of_government", "2001-04-16", "2001-12-22", "acting chairman of the Taliban council only (not recorded)"),
    ("AFG", "foreign_minister", "2001-11-13", "2001-12-22", "interregnum between the Taliban and the Interim Administration"),
    ("AFG", "foreign_minister", "2019-01", "2020-03", "acting ministers only (not recorded)"),
    ("AFG", "foreign_minister", "2021-08-15", "2021-09-07", "Taliban takeover before their cabinet"),
    ("AFG", "defence_minister", "2001-11-13", "2001-12-22", "interregnum between the Taliban and the Interim Administration"),
    ("AFG", "defence_minister", "2021-08-15", "2021-09-07", "Taliban takeover before their cabinet"),
    ("LBY", "foreign_minister", "2023-08-27", None, "acting ministers only (not recorded)"),
    ("CHN", "defence_minister", "2023-10-24", "2023-12-29", "vacant after Li Shangfu's removal"),
    ("YEM", "defence_minister", "2015-03-25", "2018-11-07", "vacant while the minister al-Subaihi was held by the Houthis; al-Maqdashi acting (not recorded)"),
    ("SDN", "foreign_minister", "2019-04-11", "2019-09-08", "Transitional Military Council: cabinet dissolved, no minister"),
    ("SDN", "defence_minister", "2019-04-11", "2019-09-08", "Transitional Military Council: cabinet dissolved, no minister"),
    ("SDN", "foreign_minister", "2021-10-25", "2022-01-20", "cabinet dissolved in the coup; the undersecretary acting only (not recorded)"),
    ("TUN", "defence_minister", "2021-07-26", "2021-10-11", "minister dismissed; no minister until the Bouden government"),
    ("LBY", "foreign_minister", "2012-11-14", "2013-01-07", "nominee Ali Aujali cleared but declined the post; no minister"),
    ("LBY", "defence_minister", "2014-09-22", "2016-01-05", "al-Thinni's House of Representatives government had no defence minister (the chief of staff ran the army)"),
    ("LBY", "defence_minister", "2018-07-29", "2020-08-29", "vacant after Mahdi al-Barghathi's removal; deputy minister al-Namroush acting (not recorded)"),
]

# non-state groups: label -> group ids (any of them); their leaders are listed
GROUPS = [
    ("Hamas", ["HAMAS"]), ("Qassam Brigades", ["QASSAM_BRIGADES"]),
    ("Palestinian Islamic Jihad", ["PIJ"]), ("Fatah", ["FATAH"]), ("PLO", ["PLO"]),
    ("PFLP", ["PFLP"]), ("Hezbollah", ["HEZBOLLAH"]), ("Amal", ["AMAL"]),
    ("Houthis (Ansar Allah)", ["HOUTHIS"]), ("Kataib Hezbollah", ["KATAIB_HEZBOLLAH"]),
    ("Badr Organization", ["BADR_ORGANIZATION"]), ("Asaib Ahl al-Haq", ["ASAIB_AHL_AL_HAQ"]),
    ("Popular Mobilization Forces", ["PMF"]), ("ISIS", ["ISIS", "AL_QAEDA_IN_IRAQ"]),
    ("al-Qaeda", ["AL_QAEDA"]), ("HTS / Nusra", ["HTS", "JABHAT_AL_NUSRA"]), ("PKK", ["PKK"]),
    ("PYD / YPG / SDF", ["PYD", "YPG", "SDF"]), ("KDP", ["KDP"]), ("PUK", ["PUK"]),
    ("Muslim Brotherhood", ["MUSLIM_BROTHERHOOD"]), ("Taliban", ["TALIBAN"]),
    ("Polisario", ["POLISARIO"]), ("IRGC", ["IRGC"]), ("Quds Force", ["QUDS_FORCE"]),
    ("AQAP", ["AQAP"]),
]
LEADER_TITLES = {"leader", "secretary_general", "political_bureau_chief", "commander", "president",
                 "supreme_leader", "gaza_leader"}


def parse(d: str, end: bool) -> dt.date:
    """A date at year, month or day precision: its first day, or its last day if `end`."""
    parts = [int(x) for x in d.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    if len(parts) == 2:
        y, m = parts
        return dt.date(y, m, calendar.monthrange(y, m)[1]) if end else dt.date(y, m, 1)
    return dt.date(*parts)


def load(folder: str) -> dict[str, dict]:
    actors: dict[str, dict] = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.toml"))):
        with open(path, "rb") as f:
            for a in tomllib.load(f).get("actor", []):
                actors[a["id"]] = a
    return actors


class Holding:
    __slots__ = ("pid", "title", "raw_from", "raw_to", "lo", "hi", "slo", "shi")

    def __init__(self, pid: str, title: str, f: str | None, t: str | None, win: tuple[dt.date, dt.date]):
        self.pid, self.title, self.raw_from, self.raw_to = pid, title, f, t
        # generous interval (for gaps) and strict interval (for overlaps)
        self.lo = parse(f, False) if f else dt.date.min
        self.hi = parse(t, True) if t else win[1]
        self.slo = parse(f, True) if f else dt.date.min
        self.shi = parse(t, False) if t else win[1]


def clip(lo: dt.date | None, hi: dt.date | None, win: tuple[dt.date, dt.date]):
    return max(lo or win[0], win[0]), min(hi or win[1], win[1])


def office_report(iso: str, office: str, by_org: dict, win, tol: int):
    """-> (holdings in the window, gaps [(lo, hi)], overlaps [(a, b, lo, hi)], notes)"""
    keys = TITLES.get((iso, office), OFFICES[office])
    hs = [h for h in by_org.get(iso, []) if h.title in keys]
    notes: list[str] = []
    for cov_keys, f, t, why in COVERED_BY.get((iso, office), []):
        lo, hi = clip(parse(f, False) if f else None, parse(t, True) if t else None, win)
        for h in by_org.get(iso, []):
            if h.title in cov_keys and h.title not in keys and h.hi >= lo and h.lo <= hi:
                c = Holding(h.pid, h.title, h.raw_from, h.raw_to, win)
                c.lo, c.hi = max(c.lo, lo), min(c.hi, hi)
                c.slo, c.shi = max(c.slo, lo), min(c.shi, hi)
                hs.append(c)
        notes.append(f"{office} covered by {'/'.join(cov_keys)} {f or '...'}..{t or '...'}: {why}")
    hs = [h for h in hs if h.hi >= win[0] and h.lo <= win[1]]
    hs.sort(key=lambda h: (h.lo, h.hi))
    exempt = []
    for e_iso, e_off, f, t, why in EXEMPT:
        if e_iso == iso and e_off in ("*", office):
            exempt.append(clip(parse(f, False) if f else None, parse(t, True) if t else None, win))
            notes.append(f"{office} exempt {f or '...'}..{t or '...'}: {why}")
    # covered intervals: holders + exemptions; gaps are what remains of the window
    spans = sorted([(max(h.lo, win[0]), min(h.hi, win[1])) for h in hs] + exempt)
    gaps = []
    cur = win[0]
    for lo, hi in spans:
        if lo > cur and (lo - cur).days > tol:
            gaps.append((cur, lo))
        cur = max(cur, hi)
    if cur < win[1] and (win[1] - cur).days > tol:
        gaps.append((cur, win[1]))
    overlaps = []
    for i, a in enumerate(hs):
        for b in hs[i + 1:]:
            if a.pid == b.pid:
                continue
            lo, hi = max(a.slo, b.slo, win[0]), min(a.shi, b.shi, win[1])
            if hi > lo:
                overlaps.append((a, b, lo, hi))
    return hs, gaps, overlaps, notes


def fmt_h(h: Holding, actors) -> str:
    name = actors.get(h.pid, {}).get("name", h.pid)
    return f"{name} [{h.pid}] {h.title} {h.raw_from or '?'}..{h.raw_to or ''}"


def main(argv: list[str]) -> int:
    quiet = "-q" in argv
    args = [a for a in argv if a != "-q"]
    opts = {"--from": "2000-01-01", "--to": "2025-06-30", "--tolerance": "31"}
    rest = []
    i = 0
    while i < len(args):
        if args[i] in opts and i + 1 < len(args):
            opts[args[i]] = args[i + 1]
            i += 2
        else:
            rest.append(args[i])
            i += 1
    folder = rest[0] if rest else os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
    win = (parse(opts["--from"], False), parse(opts["--to"], True))
    tol = int(opts["--tolerance"])
    actors = load(folder)

    by_org: dict[str, list[Holding]] = defaultdict(list)
    persons_with_roles = 0
    for a in actors.values():
        if a.get("kind") == "person" and any(r.get("from") or r.get("to") for r in a.get("roles", [])):
            persons_with_roles += 1
        for r in a.get("roles", []):
            by_org[r["org"]].append(Holding(a["id"], r["title"], r.get("from"), r.get("to"), win))

    total_gaps = total_overlaps = 0
    table = []
    print(f"window {win[0]}..{win[1]}, gap tolerance {tol} days")
    for label, iso in REGION + P5:
        row = [label]
        for office in OFFICES:
            hs, gaps, overlaps, notes = office_report(iso, office, by_org, win, tol)
            total_gaps += len(gaps)
            total_overlaps += len(overlaps)
            row.append(f"{len({h.pid for h in hs})}/{len(gaps)}/{len(overlaps)}")
            if quiet and not gaps:
                continue
            print(f"\n== {label} ({iso}) {office}")
            if not quiet:
                for h in hs:
                    print(f"   {fmt_h(h, actors)}")
                for n in notes:
                    print(f"   note    {n}")
            for lo, hi in gaps:
                print(f"   GAP     {lo}..{hi} ({(hi - lo).days} days)")
            for a, b, lo, hi in overlaps if not quiet else []:
                print(f"   OVERLAP {lo}..{hi}: {a.pid} / {b.pid}")
        table.append(row)

    print("\n== non-state group leaders")
    leaderless = 0
    for label, ids in GROUPS:
        hs = [h for g in ids for h in by_org.get(g, []) if h.title in LEADER_TITLES]
        missing = [g for g in ids if g not in actors]
        if not hs:
            leaderless += 1
            print(f"   {label}: NO LEADER" + (f" (unknown ids {missing})" if missing else ""))
            continue
        hs.sort(key=lambda h: h.lo)
        if quiet:
            continue
        print(f"   {label}:")
        for h in hs:
            print(f"      {fmt_h(h, actors)} ({next(g for g in ids if h in by_org.get(g, []))})")

    print("\n== summary: holders/gaps/overlaps per office")
    head = ["state"] + list(OFFICES)
    w = [max(len(r[i]) for r in table + [head]) for i in range(len(head))]
    print("   " + "  ".join(c.ljust(w[i]) for i, c in enumerate(head)))
    for r in table:
        print("   " + "  ".join(c.ljust(w[i]) for i, c in enumerate(r)))
    print(f"\npersons with dated roles: {persons_with_roles}")
    print(f"gaps: {total_gaps}; overlaps: {total_overlaps}; leaderless groups: {leaderless}")
    return 1 if total_gaps or leaderless else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
