#!/usr/bin/env python3
"""Validate the knowledge-base TOML files in this folder (see FORMAT.md).

Usage: python3 check_data.py [-v] [-q] [DIR]

Checks every ``*.toml`` file in DIR (default: the folder of this script):

* each file parses; top-level keys are only ``actor`` (``[[actor]]``) and ``role``
  (``[[role]]``, roles.toml);
* every actor has string ``id``, ``name``, ``kind``; fields are the documented ones with
  the documented types; ids are unique across all files; ``iso3`` is three upper-case
  letters; ``wikidata`` looks like ``Q123``;
* states (``kind = "country"``): UN members and observers have ``iso3``, equal to the id;
  a state without ``iso3`` has a ``note`` saying why; ``iso3`` only on states;
* ``parent`` and ``country`` point to existing actors (in any file), ``country`` to a
  country; ``affiliations`` entries have an existing ``org`` and ISO ``from``/``to``;
* persons' ``roles``: ``org`` exists (in any file), ``title`` is a key of roles.toml,
  ``from``/``to`` are ISO dates at year, month or day precision and ``from <= to``;
* names: every name, alias, demonym, capital, capital alias and metonym is turned into the
  resolver's normal form (ASCII-folded, lower case, punctuation -> space, as in
  ``src/norm.rs``) and keys shared by different actors are reported the way the resolver
  (``src/resolve.rs``) would treat them:
    - ERROR "tie": same precedence (names > aliases > metonyms > capitals > demonyms, then
      country > organisation > bloc > person) - the resolver drops such a mention;
    - note "date": only persons share it - resolved by who holds a role at the date;
    - note "precedence": one actor wins by precedence (listed with -v).
  A key equal to a role phrase of roles.toml is reported too (the actor shadows the role).

Exit status 1 when any error was found. Counts per file, kind and subkind are printed.
"""

from __future__ import annotations

import glob
import os
import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict

KINDS = {"country", "organization", "person", "place", "bloc", "other"}
SUBKINDS = {
    "igo", "ngo", "movement", "party", "armed_group", "armed_wing", "state_body", "military",
    "militia", "media", "collective", "un_member", "un_observer", "partially_recognised",
}
ACTOR_FIELDS = {
    "id": str, "name": str, "kind": str, "subkind": str, "iso3": str, "wikidata": str,
    "aliases": list, "demonyms": list, "capital": str, "capital_aliases": list,
    "metonyms": list, "parent": str, "country": str, "roles": list, "affiliations": list,
    "note": str,
}
ROLE_ENTRY_FIELDS = {"org", "title", "from", "to", "label"}
AFFILIATION_FIELDS = {"org", "from", "to"}
ROLE_DEF_FIELDS = {"key", "phrases", "rank"}
ID_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

# resolver precedence (src/resolve.rs: via_rank, kind_rank)
VIA_RANK = {"name": 5, "alias": 4, "metonym": 3, "capital": 2, "demonym": 1}
KIND_RANK = {"country": 4, "organization": 3, "bloc": 2, "person": 1}

# letters that NFKD does not decompose but deunicode folds
FOLD = {
    "ı": "i", "İ": "I", "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe",
    "Œ": "OE", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d",
    "Ð": "D", "ħ": "h", "Ħ": "H",
}


def norm_key(s: str) -> str:
    """Approximation of src/norm.rs `key`: fold, lower-case, non-alphanumerics -> one space."""
    out: list[str] = []
    for ch in s:
        ch = FOLD.get(ch, ch)
        for c in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(c):
                continue
            if c.isascii():
                out.append(c.lower() if c.isalnum() else " ")
            elif c.isalnum():
                out.append(c.lower())
            else:
                out.append(" ")
    return " ".join("".join(out).split())


class Report:
    def __init__(self, verbose: bool, quiet: bool) -> None:
        self.errors = 0
        self.warnings = 0
        self.verbose = verbose
        self.quiet = quiet

    def error(self, msg: str) -> None:
        self.errors += 1
        print(f"ERROR   {msg}")

    def warn(self, msg: str) -> None:
        self.warnings += 1
        if not self.quiet:
            print(f"warning {msg}")

    def note(self, msg: str) -> None:
        if self.verbose:
            print(f"note    {msg}")


def is_abbrev(s: str) -> bool:
    """src/lib.rs: at most four letters, all upper case -> matched in exact case."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) <= 4 and all(c.isupper() for c in letters)


def alnum(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


def date_tuple(d: str) -> tuple[int, ...]:
    return tuple(int(x) for x in d.split("-"))


def check(folder: str, rep: Report) -> int:
    # translit.toml holds spelling rules, not actors (its own loader checks it)
    files = sorted(f for f in glob.glob(os.path.join(folder, "*.toml")) if os.path.basename(f) != "translit.toml")
    if not files:
        rep.error(f"no *.toml files in {folder}")
        return 1
    actors: list[tuple[str, dict]] = []  # (file, actor)
    role_defs: dict[str, dict] = {}
    per_file: Counter[str] = Counter()

    # ---- parse and per-record checks
    for path in files:
        fname = os.path.basename(path)
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            rep.error(f"{fname}: does not parse: {e}")
            continue
        for k in data:
            if k not in ("actor", "role", "honorifics"):
                rep.error(f"{fname}: unknown top-level key {k!r}")
        for r in data.get("role", []):
            if not isinstance(r, dict):
                rep.error(f"{fname}: [[role]] entry is not a table")
                continue
            key = r.get("key")
            if not isinstance(key, str) or not key:
                rep.error(f"{fname}: role without key: {r}")
                continue
            for k in r:
                if k not in ROLE_DEF_FIELDS:
                    rep.error(f"{fname}: role {key}: unknown field {k!r}")
            if key in role_defs:
                rep.error(f"{fname}: duplicate role key {key!r}")
            phrases = r.get("phrases", [])
            if not isinstance(phrases, list) or not all(isinstance(p, str) and p for p in phrases):
                rep.error(f"{fname}: role {key}: phrases must be a list of non-empty strings")
            elif any(p != p.lower() for p in phrases):
                rep.error(f"{fname}: role {key}: phrases must be lower case")
            if "rank" in r and not isinstance(r["rank"], int):
                rep.error(f"{fname}: role {key}: rank must be an integer")
            role_defs[key] = r
        for a in data.get("actor", []):
            if not isinstance(a, dict):
                rep.error(f"{fname}: [[actor]] entry is not a table")
                continue
            actors.append((fname, a))
            per_file[fname] += 1

    ids: dict[str, tuple[str, dict]] = {}
    for fname, a in actors:
        aid = a.get("id")
        where = f"{fname}: {aid or a.get('name') or '?'}"
        for req in ("id", "name", "kind"):
            if not isinstance(a.get(req), str) or not a.get(req).strip():
                rep.error(f"{where}: missing or empty {req!r}")
        for k, v in a.items():
            t = ACTOR_FIELDS.get(k)
            if t is None:
                rep.error(f"{where}: unknown field {k!r}")
            elif not isinstance(v, t):
                rep.error(f"{where}: field {k!r} must be {t.__name__}")
            elif t is list and k not in ("roles", "affiliations"):
                if not all(isinstance(s, str) and s.strip() for s in v):
                    rep.error(f"{where}: {k} must hold non-empty strings")
                elif len(set(v)) != len(v):
                    dups = [s for s, n in Counter(v).items() if n > 1]
                    rep.warn(f"{where}: {k} repeats {dups}")
        if not isinstance(aid, str):
            continue
        if not ID_RE.match(aid):
            rep.error(f"{where}: id {aid!r} is not UPPER_SNAKE")
        if aid in ids:
            rep.error(f"{where}: id {aid!r} already defined in {ids[aid][0]}")
        else:
            ids[aid] = (fname, a)
        kind = a.get("kind")
        if isinstance(kind, str) and kind not in KINDS:
            rep.error(f"{where}: unknown kind {kind!r}")
        sk = a.get("subkind")
        if isinstance(sk, str) and sk not in SUBKINDS:
            rep.warn(f"{where}: subkind {sk!r} is not one FORMAT.md lists")
        iso3 = a.get("iso3")
        if iso3 is not None and (not isinstance(iso3, str) or not ISO3_RE.match(iso3)):
            rep.error(f"{where}: iso3 {iso3!r} is not three upper-case letters")
        if kind == "country":
            if iso3 is None and sk in ("un_member", "un_observer"):
                rep.error(f"{where}: {sk} state without iso3")
            elif iso3 is None and "note" not in a:
                rep.error(f"{where}: country without iso3 and without a note saying why")
            elif isinstance(iso3, str) and iso3 != aid:
                rep.error(f"{where}: iso3 {iso3!r} differs from the id")
            if sk not in ("un_member", "un_observer", "partially_recognised"):
                rep.warn(f"{where}: country without a status subkind (un_member, un_observer, partially_recognised)")
        elif iso3 is not None:
            rep.error(f"{where}: iso3 on a {kind} (states only)")
        qid = a.get("wikidata")
        if qid is not None and (not isinstance(qid, str) or not QID_RE.match(qid)):
            rep.error(f"{where}: wikidata {qid!r} is not a Q-id")
        if "capital_aliases" in a and "capital" not in a:
            rep.error(f"{where}: capital_aliases without capital")
        if a.get("roles") and kind != "person":
            rep.warn(f"{where}: roles on a {kind}")

    # ---- references
    for fname, a in actors:
        aid = a.get("id")
        where = f"{fname}: {aid}"
        for ref in ("parent", "country"):
            r = a.get(ref)
            if isinstance(r, str):
                if r not in ids:
                    rep.error(f"{where}: {ref} {r!r} is not a known id")
                elif r == aid:
                    rep.error(f"{where}: {ref} points to itself")
                elif ref == "country" and ids[r][1].get("kind") != "country":
                    rep.warn(f"{where}: country {r!r} is a {ids[r][1].get('kind')}")
        roles = a.get("roles", [])
        if not isinstance(roles, list):
            continue
        for i, r in enumerate(roles):
            w = f"{where}: roles[{i}]"
            if not isinstance(r, dict):
                rep.error(f"{w}: not a table")
                continue
            for k in r:
                if k not in ROLE_ENTRY_FIELDS:
                    rep.error(f"{w}: unknown field {k!r}")
            org, title = r.get("org"), r.get("title")
            if not isinstance(org, str) or org not in ids:
                rep.error(f"{w}: org {org!r} is not a known id")
            if not isinstance(title, str) or (role_defs and title not in role_defs):
                rep.error(f"{w}: title {title!r} is not a key of roles.toml")
            for k in ("from", "to"):
                d = r.get(k)
                if d is not None and (not isinstance(d, str) or not DATE_RE.match(d)):
                    rep.error(f"{w}: {k} {d!r} is not an ISO date (YYYY[-MM[-DD]])")
            f_, t_ = r.get("from"), r.get("to")
            if isinstance(f_, str) and isinstance(t_, str) and DATE_RE.match(f_) and DATE_RE.match(t_):
                n = min(len(date_tuple(f_)), len(date_tuple(t_)))
                if date_tuple(f_)[:n] > date_tuple(t_)[:n]:
                    rep.error(f"{w}: from {f_} is after to {t_}")
            if "label" in r and not isinstance(r["label"], str):
                rep.error(f"{w}: label must be a string")

    # ---- dated affiliations
    for fname, a in actors:
        aid = a.get("id")
        affs = a.get("affiliations", [])
        if not isinstance(affs, list):
            continue
        for i, x in enumerate(affs):
            w = f"{fname}: {aid}: affiliations[{i}]"
            if not isinstance(x, dict):
                rep.error(f"{w}: not a table")
                continue
            for k in x:
                if k not in AFFILIATION_FIELDS:
                    rep.error(f"{w}: unknown field {k!r}")
            org = x.get("org")
            if not isinstance(org, str) or org not in ids:
                rep.error(f"{w}: org {org!r} is not a known id")
            elif org == aid:
                rep.error(f"{w}: org points to itself")
            for k in ("from", "to"):
                d = x.get(k)
                if d is not None and (not isinstance(d, str) or not DATE_RE.match(d)):
                    rep.error(f"{w}: {k} {d!r} is not an ISO date (YYYY[-MM[-DD]])")
            f_, t_ = x.get("from"), x.get("to")
            if isinstance(f_, str) and isinstance(t_, str) and DATE_RE.match(f_) and DATE_RE.match(t_):
                n = min(len(date_tuple(f_)), len(date_tuple(t_)))
                if date_tuple(f_)[:n] > date_tuple(t_)[:n]:
                    rep.error(f"{w}: from {f_} is after to {t_}")

    # ---- name keys shared by different actors
    keys: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)  # key -> (id, via, surface, kind)
    all_surfaces: dict[str, list[tuple[str, str]]] = defaultdict(list)  # key -> (id, surface)
    for _, a in actors:
        aid = a.get("id")
        if not isinstance(aid, str):
            continue
        kind = a.get("kind", "")
        surfaces: list[tuple[str, str]] = []
        if isinstance(a.get("name"), str):
            surfaces.append(("name", a["name"]))
        for field, via in (("aliases", "alias"), ("demonyms", "demonym"), ("capital_aliases", "capital"),
                           ("metonyms", "metonym")):
            for s in a.get(field, []) if isinstance(a.get(field), list) else []:
                if isinstance(s, str):
                    surfaces.append((via, s))
        if isinstance(a.get("capital"), str):
            surfaces.append(("capital", a["capital"]))
        seen: set[str] = set()
        for via, s in surfaces:
            k = norm_key(s)
            if not k:
                rep.error(f"{aid}: {via} {s!r} has no letters or digits")
                continue
            all_surfaces[k].append((aid, s))
            if k in seen:
                continue  # the resolver keeps the first target per actor
            seen.add(k)
            keys[k].append((aid, via, s, kind))

    # a short all-capitals form ("SANA", "WHO") makes the resolver match its key only in that
    # exact case, so other spellings of the same key ("Sana", "Who") can never match
    for k, surf in sorted(all_surfaces.items()):
        abbrevs = {alnum(s) for _, s in surf if is_abbrev(s)}
        if not abbrevs:
            continue
        dead = [(aid, s) for aid, s in surf if alnum(s) not in abbrevs]
        if dead:
            rep.warn(f"key {k!r}: {dead} can never match: the abbreviation {sorted(abbrevs)} makes the key case-exact")

    role_phrases = {norm_key(p): key for key, r in role_defs.items() for p in r.get("phrases", [])}
    ties = date_res = prec = 0
    for k in sorted(keys):
        targets = keys[k]
        if k in role_phrases:
            rep.warn(f"key {k!r} of {[t[0] for t in targets]} equals a phrase of role {role_phrases[k]!r}")
        if len({t[0] for t in targets}) < 2:
            continue
        desc = ", ".join(f"{aid} ({via} {s!r})" for aid, via, s, _ in targets)
        if all(t[3] == "person" for t in targets):
            date_res += 1
            rep.note(f"date: {k!r} -> {desc}")
            continue
        ranked = sorted(targets, key=lambda t: (-VIA_RANK[t[1]], -KIND_RANK.get(t[3], 0)))
        a, b = ranked[0], ranked[1]
        if VIA_RANK[a[1]] == VIA_RANK[b[1]] and KIND_RANK.get(a[3], 0) == KIND_RANK.get(b[3], 0):
            ties += 1
            rep.error(f"tie: {k!r} -> {desc} (the resolver drops it)")
        else:
            prec += 1
            rep.note(f"precedence: {k!r} -> {a[0]} wins over {desc}")

    # ---- counts
    print()
    print(f"files: {len(files)}; actors: {len(actors)}; role titles: {len(role_defs)}; name keys: {len(keys)}")
    for fname in sorted(per_file):
        sub = Counter(a.get("subkind", "-") for f, a in actors if f == fname)
        kinds = Counter(a.get("kind", "?") for f, a in actors if f == fname)
        print(f"  {fname}: {per_file[fname]} actors; kinds {dict(sorted(kinds.items()))}; "
              f"subkinds {dict(sorted(sub.items()))}")
    print(f"shared keys: {ties} ties (errors), {prec} resolved by precedence, {date_res} persons-only (by date)")
    print(f"{rep.errors} errors, {rep.warnings} warnings")
    return 1 if rep.errors else 0


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    quiet = "-q" in argv
    rest = [a for a in argv if a not in ("-v", "-q")]
    folder = rest[0] if rest else os.path.dirname(os.path.abspath(__file__))
    return check(folder, Report(verbose, quiet))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
