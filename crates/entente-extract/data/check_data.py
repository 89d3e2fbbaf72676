#!/usr/bin/env python3
"""Validate the event-coder data files: plover.toml, triggers.toml and cues.toml.

Usage: python3 check_data.py [-v] [DATA_DIR]   (default: the folder this script lives in;
-v also prints informational notes)

Exit status 0 when every check passes, 1 otherwise. Errors are printed one per line,
followed by a short summary (trigger counts per PLOVER type). See FORMAT.md for the
formats being checked.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

PLOVER_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
QUAD_CLASSES = {"verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"}
POLARITIES = {"+", "-"}
POS_VALUES = {"verb", "noun", "adj"}
# Prepositions a trigger may name as the place of its source or target party.
PREPOSITIONS = {
    "to", "with", "for", "against", "on", "of", "into", "from", "by", "at", "in",
    "toward", "towards", "over", "between", "among", "about", "behind", "near",
    "along", "outside", "upon", "onto", "across", "inside", "within",
}
SLOTS = {"subj", "obj", "poss"}
CAMEO_ROOTS = [f"{i:02d}" for i in range(1, 21)]
MIN_TRIGGERS = 350

TYPE_KEYS = {"name", "description", "quad_class", "polarity", "intensity", "cameo_roots", "modes"}
MODE_KEYS = {"name", "description", "intensity", "cameo", "extension"}
CAMEO_KEYS = {"code", "name", "type", "also", "dropped", "note"}
TRIGGER_REQUIRED = {"pattern", "pos", "type"}
TRIGGER_OPTIONAL = {
    "mode", "polarity", "source", "target", "symmetric", "weak", "agent", "alt_types", "note",
}
WORD_RE = re.compile(r"^[a-z][a-z0-9]*$")
MODE_NAME_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
CAMEO_CODE_RE = re.compile(r"^[0-9]{3,4}$")
CUE_RE = re.compile(r"^[a-z0-9' -]+$")
FORM_RE = re.compile(r"^[a-z]+$")


class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.notes: list[str] = []

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def note(self, msg: str) -> None:
        self.notes.append(msg)


def load(path: Path, ck: Checker) -> dict | None:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        ck.err(path.name, "file not found")
    except tomllib.TOMLDecodeError as e:
        ck.err(path.name, f"does not parse: {e}")
    return None


def is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def sign_ok(value: float, polarity: str) -> bool:
    return value == 0 or (value > 0) == (polarity == "+")


def check_plover(doc: dict, ck: Checker) -> dict[str, dict]:
    """Check plover.toml; return {type name: type table} for the other checks."""
    where = "plover.toml"
    types: dict[str, dict] = {}
    for i, t in enumerate(doc.get("type", [])):
        name = t.get("name")
        w = f"{where} type[{i}] {name}"
        if name not in PLOVER_TYPES:
            ck.err(w, "name is not a PLOVER 2.0 type")
            continue
        if name in types:
            ck.err(w, "duplicate type")
        types[name] = t
        for k in set(t) - TYPE_KEYS:
            ck.err(w, f"unknown field {k!r}")
        for k in TYPE_KEYS - set(t):
            ck.err(w, f"missing field {k!r}")
        if not isinstance(t.get("description"), str) or not t.get("description", "").strip():
            ck.err(w, "description must be a non-empty string")
        if t.get("quad_class") not in QUAD_CLASSES:
            ck.err(w, f"quad_class {t.get('quad_class')!r} invalid")
        pol = t.get("polarity")
        if pol not in POLARITIES:
            ck.err(w, f"polarity {pol!r} invalid")
        cls = t.get("quad_class", "")
        if pol in POLARITIES and cls in QUAD_CLASSES and cls.endswith("cooperation") != (pol == "+"):
            ck.err(w, f"polarity {pol} disagrees with quad_class {cls}")
        inten = t.get("intensity")
        if not is_number(inten) or not -10 <= inten <= 10:
            ck.err(w, f"intensity {inten!r} must be a number in [-10, 10]")
        elif pol in POLARITIES and not sign_ok(inten, pol):
            ck.err(w, f"intensity {inten} has the wrong sign for polarity {pol}")
        roots = t.get("cameo_roots", [])
        if not isinstance(roots, list) or not all(r in CAMEO_ROOTS for r in roots):
            ck.err(w, f"cameo_roots {roots!r} must list codes 01..20")
        modes = t.get("modes", [])
        if not isinstance(modes, list):
            ck.err(w, "modes must be a list")
            modes = []
        seen_modes: set[str] = set()
        for j, m in enumerate(modes):
            mw = f"{w} mode[{j}] {m.get('name')}"
            for k in set(m) - MODE_KEYS:
                ck.err(mw, f"unknown field {k!r}")
            for k in ("name", "description", "intensity", "cameo"):
                if k not in m:
                    ck.err(mw, f"missing field {k!r}")
            mname = m.get("name", "")
            if not isinstance(mname, str) or not MODE_NAME_RE.match(mname):
                ck.err(mw, "mode name must be lower-case letters, digits, '-' or '_'")
            if mname in seen_modes:
                ck.err(mw, "duplicate mode name within the type")
            seen_modes.add(mname)
            mi = m.get("intensity")
            if not is_number(mi) or not -10 <= mi <= 10:
                ck.err(mw, f"intensity {mi!r} must be a number in [-10, 10]")
            elif pol in POLARITIES and not sign_ok(mi, pol):
                ck.err(mw, f"intensity {mi} has the wrong sign for polarity {pol}")
            if "extension" in m and not isinstance(m["extension"], bool):
                ck.err(mw, "extension must be a boolean")
            codes = m.get("cameo", [])
            if not isinstance(codes, list):
                ck.err(mw, "cameo must be a list")
                codes = []
            for c in codes:
                if not isinstance(c, str) or not CAMEO_CODE_RE.match(c) or c[:2] not in CAMEO_ROOTS:
                    ck.err(mw, f"cameo code {c!r} must be a 3- or 4-digit CAMEO code")
                elif c[:2] not in roots:
                    ck.note(f"{name}/{mname} borrows CAMEO {c} from root {c[:2]}")
    for name in PLOVER_TYPES:
        if name not in types:
            ck.err(where, f"type {name} missing")

    # CAMEO root crosswalk.
    cameo: dict[str, dict] = {}
    for i, c in enumerate(doc.get("cameo", [])):
        code = c.get("code")
        w = f"{where} cameo[{i}] {code}"
        for k in set(c) - CAMEO_KEYS:
            ck.err(w, f"unknown field {k!r}")
        if code not in CAMEO_ROOTS:
            ck.err(w, "code must be a root 01..20")
            continue
        if code in cameo:
            ck.err(w, "root mapped twice")
        cameo[code] = c
        if not isinstance(c.get("name"), str) or not c["name"].strip():
            ck.err(w, "name must be a non-empty string")
        if c.get("type") not in types:
            ck.err(w, f"type {c.get('type')!r} is not defined")
        also = c.get("also", [])
        if not isinstance(also, list) or not all(a in types for a in also):
            ck.err(w, f"also {also!r} must list defined types")
        if "dropped" in c and not isinstance(c["dropped"], bool):
            ck.err(w, "dropped must be a boolean")
    for root in CAMEO_ROOTS:
        if root not in cameo:
            ck.err(where, f"CAMEO root {root} is not mapped")
    # The two directions of the crosswalk must agree.
    for root, c in cameo.items():
        for tname in [c.get("type")] + list(c.get("also", [])):
            if tname in types and root not in types[tname].get("cameo_roots", []):
                ck.err(where, f"cameo {root} -> {tname}, but {tname}.cameo_roots lacks {root}")
    for tname, t in types.items():
        for root in t.get("cameo_roots", []):
            c = cameo.get(root)
            if c and tname != c.get("type") and tname not in c.get("also", []):
                ck.err(where, f"{tname}.cameo_roots has {root}, but [[cameo]] {root} does not name {tname}")
    return types


def check_cues(doc: dict, ck: Checker) -> set[str]:
    """Check cues.toml; return the set of inflected forms (keys of the form tables)."""
    where = "cues.toml"
    mod = doc.get("modality")
    if not isinstance(mod, dict):
        ck.err(where, "[modality] missing")
        mod = {}
    for k in ("expected", "hypothetical", "denied", "reported"):
        if k not in mod:
            ck.err(where, f"modality.{k} missing")
    for k, lst in mod.items():
        w = f"{where} modality.{k}"
        if not isinstance(lst, list) or not lst:
            ck.err(w, "must be a non-empty list")
            continue
        seen: set[str] = set()
        for cue in lst:
            if not isinstance(cue, str) or cue != cue.strip() or not CUE_RE.match(cue):
                ck.err(w, f"cue {cue!r} must be lower-case words")
            if cue in seen:
                ck.err(w, f"duplicate cue {cue!r}")
            seen.add(cue)
    att = doc.get("attribution")
    if not isinstance(att, dict) or not isinstance(att.get("speech_verbs"), list):
        ck.err(where, "[attribution] speech_verbs missing")
    else:
        for k, lst in att.items():
            if not isinstance(lst, list):
                ck.err(f"{where} attribution.{k}", "must be a list")
                continue
            if len(set(lst)) != len(lst):
                ck.err(f"{where} attribution.{k}", "has duplicates")
            for v in lst:
                if not isinstance(v, str) or not CUE_RE.match(v):
                    ck.err(f"{where} attribution.{k}", f"entry {v!r} must be lower-case words")
    forms: set[str] = set()
    if not isinstance(doc.get("irregular"), dict) or not doc["irregular"]:
        ck.err(where, "[irregular] missing or empty")
    for table in ("irregular", "inflection", "noun_forms"):
        tbl = doc.get(table, {})
        if not isinstance(tbl, dict):
            ck.err(where, f"[{table}] must be a table")
            continue
        for form, lemma in tbl.items():
            w = f"{where} {table}.{form}"
            if not FORM_RE.match(form):
                ck.err(w, "form must be lower-case letters")
            if not isinstance(lemma, str) or not FORM_RE.match(lemma):
                ck.err(w, f"lemma {lemma!r} must be lower-case letters")
            elif table != "noun_forms" and lemma == form:
                ck.err(w, "form equals its lemma (leave it out)")
            if table != "noun_forms":
                forms.add(form)
    # A form listed in two tables must map to the same lemma.
    irr, inf = doc.get("irregular", {}), doc.get("inflection", {})
    for form in set(irr) & set(inf):
        if irr[form] != inf[form]:
            ck.err(where, f"{form!r} maps to {irr[form]!r} and {inf[form]!r}")
    return forms


def check_triggers(doc: dict, types: dict[str, dict], verb_forms: set[str], ck: Checker) -> Counter:
    where = "triggers.toml"
    counts: Counter = Counter()
    seen: set[tuple[str, str]] = set()
    trigs = doc.get("trigger", [])
    if not isinstance(trigs, list):
        ck.err(where, "[[trigger]] must be an array of tables")
        return counts
    for i, t in enumerate(trigs):
        pat = t.get("pattern")
        w = f"{where} trigger[{i}] {pat!r}"
        for k in TRIGGER_REQUIRED - set(t):
            ck.err(w, f"missing field {k!r}")
        for k in set(t) - TRIGGER_REQUIRED - TRIGGER_OPTIONAL:
            ck.err(w, f"unknown field {k!r}")
        # Pattern shape.
        if not isinstance(pat, str):
            ck.err(w, "pattern must be a string")
            continue
        words = pat.split(" ")
        if pat != pat.strip() or "" in words:
            ck.err(w, "pattern must be single-space separated with no outer spaces")
        if "'s" in pat or re.search(r"[^a-z0-9* ]", pat):
            ck.err(w, "pattern may hold only lower-case lemmas and '*' (no punctuation, no 's)")
        if words and words[0] == "*":
            ck.err(w, "pattern must start with a word (the head), not '*'")
        if words and words[-1] == "*":
            ck.err(w, "pattern must not end with '*'")
        for a, b in zip(words, words[1:]):
            if a == b == "*":
                ck.err(w, "two '*' in a row")
        pos = t.get("pos")
        for word in words:
            if word != "*" and not WORD_RE.match(word):
                ck.err(w, f"bad word {word!r}")
            # Verb patterns must use base forms; nouns and adjectives may legitimately look
            # like verb forms ("kidnapping", "allied", "spat").
            if pos == "verb" and word in verb_forms:
                ck.err(w, f"word {word!r} is an inflected form in cues.toml, not a lemma")
        if pos not in POS_VALUES:
            ck.err(w, f"pos {pos!r} must be one of {sorted(POS_VALUES)}")
        key = (pat, pos)
        if key in seen:
            ck.err(w, f"duplicate (pattern, pos) {key}")
        seen.add(key)
        # Type, mode, polarity.
        typ = t.get("type")
        if typ not in types:
            ck.err(w, f"type {typ!r} is not defined in plover.toml")
        else:
            counts[typ] += 1
            if "mode" in t:
                mode_names = {m.get("name") for m in types[typ].get("modes", [])}
                if t["mode"] not in mode_names:
                    ck.err(w, f"mode {t['mode']!r} is not a mode of {typ}")
        if "polarity" in t and t["polarity"] not in POLARITIES:
            ck.err(w, f"polarity {t['polarity']!r} must be '+' or '-'")
        # Argument places.
        src = t.get("source", "subj")
        if not isinstance(src, str) or (src not in SLOTS and src not in PREPOSITIONS):
            ck.err(w, f"source {src!r} must be subj/obj/poss or a preposition")
        tgt = t.get("target", [])
        if not isinstance(tgt, list):
            ck.err(w, "target must be a list")
            tgt = []
        for x in tgt:
            if not isinstance(x, str) or (x not in SLOTS and x not in PREPOSITIONS):
                ck.err(w, f"target {x!r} must be subj/obj/poss or a preposition")
        if len(set(tgt)) != len(tgt):
            ck.err(w, "target has duplicates")
        if isinstance(src, str) and src in tgt:
            ck.err(w, f"source {src!r} is also listed as a target")
        for k in ("symmetric", "weak", "agent"):
            if k in t and not isinstance(t[k], bool):
                ck.err(w, f"{k} must be a boolean")
        if t.get("agent") and pos != "noun":
            ck.err(w, "agent = true only makes sense for nouns")
        alt = t.get("alt_types", [])
        if not isinstance(alt, list) or not all(a in types for a in alt):
            ck.err(w, f"alt_types {alt!r} must list defined types")
        elif typ in alt:
            ck.err(w, "alt_types repeats the trigger's own type")
        if "note" in t and not isinstance(t["note"], str):
            ck.err(w, "note must be a string")
    if len(trigs) < MIN_TRIGGERS:
        ck.err(where, f"only {len(trigs)} triggers; at least {MIN_TRIGGERS} expected")
    for typ in PLOVER_TYPES:
        if counts[typ] == 0:
            ck.err(where, f"no trigger for type {typ}")
    return counts


def main(argv: list[str]) -> int:
    paths = [a for a in argv[1:] if not a.startswith("-")]
    data = Path(paths[0]) if paths else Path(__file__).resolve().parent
    ck = Checker()
    plover = load(data / "plover.toml", ck)
    triggers = load(data / "triggers.toml", ck)
    cues = load(data / "cues.toml", ck)
    types = check_plover(plover, ck) if plover is not None else {}
    forms = check_cues(cues, ck) if cues is not None else set()
    counts = check_triggers(triggers, types, forms, ck) if triggers is not None and types else Counter()

    for e in ck.errors:
        print(f"ERROR {e}")
    if "-v" in argv or "--verbose" in argv:
        for n in ck.notes:
            print(f"note  {n}")
    total = sum(counts.values())
    print(f"triggers: {total}")
    for typ in PLOVER_TYPES:
        print(f"  {typ:<10} {counts[typ]}")
    if cues is not None:
        print(
            "cues: "
            + ", ".join(f"{k}={len(v)}" for k, v in cues.get("modality", {}).items())
            + f", irregular={len(cues.get('irregular', {}))}"
        )
    print("OK" if not ck.errors else f"FAILED: {len(ck.errors)} error(s)")
    return 0 if not ck.errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
