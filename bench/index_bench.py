"""Index benchmark: parse+build, load, memory, search/mentions latency and top-1 accuracy, against a
naive difflib baseline, at 1k, 10k and 100k synthetic offers (see bench/generator.py).

Each size is measured in fresh child processes (one for parse+build, one for load+queries) so that
the RSS figures belong to that phase alone; the parent only generates the files and the queries
(not timed). `section()` returns the markdown for bench/RESULTS.md.

    python -m bench.index_bench [--sizes 1000,10000] [--queries 1000] [--code DIR] [--json FILE]

`--code DIR` measures the `offers_index` package found in DIR instead of the project's (to compare a
proposed change with the same harness); the package measured is named in the output.
"""
from __future__ import annotations

import argparse
import difflib
import gc
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 100_000)
SEED = 2025
QUERIES = 1_000  # distinct search() queries per size, and as many distinct mentions() sentences
# How many of them each slow phase runs (None: all), to keep the whole section under ~15 minutes on
# 2 cores: at 100k the difflib baseline takes ~1 s a query and mentions() ~0.2 s a sentence.
PLAN = {
    1_000: {"warm": None, "mentions": None, "baseline": None, "plain": 50},
    10_000: {"warm": None, "mentions": None, "baseline": None, "plain": 10},
    100_000: {"warm": 300, "mentions": 200, "baseline": 100, "plain": 0},
}
DEFAULT_PLAN = {"warm": None, "mentions": None, "baseline": None, "plain": 0}
FIDELITY_FIELDS = ["title", "reference", "employer", "corps", "service", "service_acronym", "location",
                   "published_on", "deadline", "respnc_job"]
TARGETS = {"search_p95_ms": {10_000: 5.0, 100_000: 30.0}, "speedup_at": 10_000, "speedup": 20.0, "build_10k_s": 10.0}

QUERY_TYPES = {  # type -> share of the search queries
    "typo": 0.30,  # whole title, 1-2 letters dropped/swapped/replaced, often lower-cased
    "case_accents": 0.15,  # whole title without accents and/or in another case
    "partial": 0.20,  # 2-4 consecutive words of the title
    "partial_typo": 0.10,  # the same with one typo
    "reference": 0.25,  # "25-58915", "réf. 25-58915", "58915"
}
MENTION_TEMPLATES = [
    "c'est quand la date limite pour le {p} ?", "je voudrais postuler au poste de {p}",
    "est-ce que l'offre {p} est encore ouverte ?", "c'est où le poste de {p} ?",
    "quelle est la référence de l'offre {p} stp", "bonjour, des infos sur le poste {p} svp",
    "il faut quel corps pour {p} ?", "je peux encore candidater pour {p} ?",
]
_GENDER_MARK = re.compile(r"\((?:e|ne|se|trice|ère|ve|le)\)")
_STOP = {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "—"}


# ------------------------------------------------------------------------------------ helpers
def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _fold_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", _strip_accents(text).lower()))


def _typo(text: str, rng: random.Random, edits: int) -> str:
    """`edits` random letter edits (drop, swap with the next, replace) inside words of 4+ letters."""
    for _ in range(edits):
        spots = [m for m in re.finditer(r"[^\W\d_]{4,}", text)]
        if not spots:
            break
        word = rng.choice(spots)
        i = rng.randrange(word.start() + 1, word.end() - 1)  # keep the first letter, like most typos
        operation = rng.choice(["drop", "swap", "replace"])
        if operation == "drop":
            text = text[:i] + text[i + 1:]
        elif operation == "swap":
            text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
        else:
            text = text[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz".replace(text[i].lower(), "")) + text[i + 1:]
    return text


def _partial(title: str, rng: random.Random) -> str:
    """A few words of the title, gender marks and punctuation dropped: half the time the job noun's
    first word(s) and one or two later words ("technicien réseaux eau"), otherwise 2-4 consecutive
    words not starting or ending on a small word ("affaires maritimes secteur")."""
    tokens = [t for t in re.split(r"[\s()]+", _GENDER_MARK.sub("", title).replace("—", " ")) if t]
    content = [t for t in tokens if t.lower().strip("'") not in _STOP and len(t) >= 3 and "/" not in t]
    content = [re.sub(r"^[dl]'", "", t, flags=re.I) for t in content]
    if len(content) >= 3 and rng.random() < 0.5:
        lead = rng.choice([1, 1, 2])
        rest = sorted(rng.sample(range(lead, len(content)), min(len(content) - lead, rng.choice([1, 2]))))
        return " ".join(content[:lead] + [content[i] for i in rest])
    for _ in range(20):
        size = rng.randint(2, min(4, len(tokens))) if len(tokens) >= 2 else 1
        start = rng.randint(0, len(tokens) - size)
        chunk = tokens[start:start + size]
        if chunk[0].lower() in _STOP or chunk[-1].lower().strip("'") in _STOP or chunk[-1].endswith("'"):
            continue
        if any(len(t) >= 4 for t in chunk):
            return " ".join(chunk)
    return " ".join(tokens[:3])


def _case_accents(title: str, rng: random.Random) -> str:
    variant = rng.choice(["fold", "fold", "upper", "upper_plain", "lower", "plain"])
    return {"fold": _strip_accents(title).lower(), "upper": title.upper(), "upper_plain": _strip_accents(title).upper(),
            "lower": title.lower(), "plain": _strip_accents(title)}[variant]


def make_queries(specs, count: int, seed: int) -> dict:
    """Distinct search queries and mentions() sentences, each with the offer it came from."""
    rng = random.Random(f"queries:{seed}:{len(specs)}")
    number_tail = Counter(spec.reference_number.split("-")[1] for spec in specs)
    kinds = list(QUERY_TYPES)
    search, seen = [], set()
    while len(search) < count:
        spec = rng.choice(specs)
        kind = rng.choices(kinds, weights=[QUERY_TYPES[k] for k in kinds])[0]
        if kind == "typo":
            text = _typo(spec.title, rng, rng.choice([1, 1, 2]))
            text = text.lower() if rng.random() < 0.5 else text
        elif kind == "case_accents":
            text = _case_accents(spec.title, rng)
        elif kind == "partial":
            clean = text = _partial(spec.title, rng)
            text = text.lower() if rng.random() < 0.7 else text
        elif kind == "partial_typo":
            clean = _partial(spec.title, rng)
            text = _typo(clean, rng, 1).lower()
        else:
            tail = spec.reference_number.split("-")[1]
            form = rng.random()
            text = (tail if form < 0.25 and number_tail[tail] == 1
                    else f"réf. {spec.reference_number}" if form < 0.5 else spec.reference_number)
        if text not in seen:
            seen.add(text)
            search.append({"text": text, "type": kind, "ref": spec.reference_number})
            if kind.startswith("partial"):
                search[-1]["partial"] = clean
    mentions, seen = [], set()
    while len(mentions) < count:
        spec = rng.choice(specs)
        partial = _partial(spec.title, rng)
        partial = _typo(partial, rng, 1) if rng.random() < 0.3 else partial
        text = rng.choice(MENTION_TEMPLATES).format(p=partial.lower() if rng.random() < 0.7 else partial)
        if text not in seen:
            seen.add(text)
            mentions.append({"text": text, "type": "mention", "ref": spec.reference_number, "partial": partial})
    _mark_ambiguous(specs, search, mentions)
    return {"search": search, "mentions": mentions}


def _mark_ambiguous(specs, search: list[dict], mentions: list[dict]) -> None:
    """A partial query is ambiguous when its words (folded, in that order, maybe apart) occur in more
    than one distinct title: no ranking can tell which offer was meant."""
    titles = sorted({f" {_fold_words(spec.title)} " for spec in specs})
    by_word: dict[str, list[int]] = defaultdict(list)
    for position, title in enumerate(titles):
        for word in set(title.split()):
            by_word[word].append(position)
    for query in search + mentions:
        if query["type"] not in ("partial", "partial_typo", "mention"):
            continue
        words = _fold_words(query["partial"]).split()
        pattern = re.compile(" " + " (?:.* )?".join(map(re.escape, words)) + " ")
        rarest = min((by_word.get(w, []) for w in words), key=len, default=[])
        query["ambiguous"] = sum(1 for p in rarest if pattern.search(titles[p])) > 1


def _status() -> dict[str, int]:
    """VmRSS and VmHWM of this process, in KiB (Linux /proc/self/status)."""
    values = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line.split(":")[0]] = int(line.split()[1])
    return values


def _percentiles(values: list[float]) -> dict:
    import numpy as np
    array = np.array(values) * 1000  # ms
    return {"n": len(values), "p50": float(np.percentile(array, 50)), "p95": float(np.percentile(array, 95)),
            "p99": float(np.percentile(array, 99)), "mean": float(array.mean()), "max": float(array.max())}


# ------------------------------------------------------------------------------------ workers
def worker_build(offers_dir: Path, index_file: Path) -> dict:
    import offers_index
    from offers_index.store import build, write_index
    gc.collect()
    before = _status()
    wall, cpu = time.perf_counter(), time.process_time()
    result = build(offers_dir)
    parse_wall, parse_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    write_index(result, index_file)
    write_wall, write_cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = _status()
    return {"package": str(Path(offers_index.__file__).parent), "offers": len(result.offers),
            "errors": [str(e) for e in result.errors[:5]], "error_count": len(result.errors),
            "parse_s": parse_wall, "parse_cpu_s": parse_cpu, "write_s": write_wall, "write_cpu_s": write_cpu,
            "peak_rss_delta_mib": (after["VmHWM"] - before["VmRSS"]) / 1024,
            "index_file_mib": index_file.stat().st_size / 2**20}


def _baseline_best(query: str, titles: list[str]) -> int:
    """Position of the title with the best difflib ratio (= get_close_matches(query, titles, n=1,
    cutoff=0), first one on ties); real_quick_ratio/quick_ratio are upper bounds of ratio, so
    skipping titles whose bound is not above the best so far changes nothing but the time."""
    matcher = difflib.SequenceMatcher(None, "", query)
    best, best_ratio = -1, -1.0
    for position, title in enumerate(titles):
        matcher.set_seq1(title)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = position, ratio
    return best


def _sample(count: int, limit: int | None, salt: str) -> list[int]:
    positions = list(range(count))
    if limit is not None and limit < count:
        positions = sorted(random.Random(f"{SEED}:{salt}").sample(positions, limit))
    return positions


def worker_query(index_file: Path, work: Path, plan: dict) -> dict:
    import offers_index
    from offers_index.search import OfferIndex
    from offers_index.store import read_index
    gc.collect()
    before = _status()
    wall = time.perf_counter()
    offers, _ = read_index(index_file)
    read_s = time.perf_counter() - wall
    wall = time.perf_counter()
    index = OfferIndex(offers)
    construct_s = time.perf_counter() - wall
    gc.collect()
    loaded = _status()
    out = {"package": str(Path(offers_index.__file__).parent), "read_s": read_s, "construct_s": construct_s,
           "vocabulary": len(index.vocabulary), "rss_delta_mib": (loaded["VmRSS"] - before["VmRSS"]) / 1024,
           "peak_rss_delta_mib": (loaded["VmHWM"] - before["VmRSS"]) / 1024}
    queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    by_ref = {offer.reference_number: position for position, offer in enumerate(index.offers)}

    def correct(query: dict, offer) -> bool:
        source = index.offers[by_ref[query["ref"]]]
        if offer is None:
            return False
        return offer.reference_number == source.reference_number or (
            query["type"] != "reference" and offer.title == source.title)

    def run(items, call, clear: bool):
        rows = []
        index._match_word.cache_clear()
        for query in items:
            if clear:
                index._match_word.cache_clear()
            wall, cpu = time.perf_counter(), time.thread_time()
            top = call(query["text"])
            cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
            rows.append((query, wall, correct(query, top), top is not None, cpu))
        return rows

    def search_top(text):
        hits = index.search(text, limit=10)
        return hits[0].offer if hits else None

    def mention_top(text):
        found = index.mentions(text)
        return found.offers[0].offer if found.offers else None

    search = queries["search"]
    search_rows = run(search, search_top, clear=True)
    warm_rows = run([search[i] for i in _sample(len(search), plan["warm"], "warm")], search_top, clear=False)
    mentions = queries["mentions"]
    mention_rows = run([mentions[i] for i in _sample(len(mentions), plan["mentions"], "mentions")], mention_top, clear=True)

    # Baseline: difflib over the same titles (lower-cased, accents kept: a naive implementation).
    lowered = [offer.title.lower() for offer in index.offers]
    sample = _sample(len(search), plan["baseline"], "baseline")
    baseline_rows = []
    for i in sample:
        query = search[i]
        wall, cpu = time.perf_counter(), time.thread_time()
        best = _baseline_best(query["text"].lower(), lowered)
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
        baseline_rows.append((query, wall, correct(query, index.offers[best] if best >= 0 else None), best >= 0, cpu))
    plain = []
    for i in sample[:plan["plain"]]:
        start = time.perf_counter()
        difflib.get_close_matches(search[i]["text"].lower(), lowered, n=1, cutoff=0)
        plain.append(time.perf_counter() - start)

    def summary(rows):
        by_type: dict[str, list[bool]] = defaultdict(list)
        for query, _, ok, _found, _cpu in rows:
            by_type[query["type"]].append(ok)
            if "ambiguous" in query:
                by_type[query["type"] + (":ambiguous" if query["ambiguous"] else ":unambiguous")].append(ok)
        non_ref = [row[2] for row in rows if row[0]["type"] != "reference"]
        return {"latency": _percentiles([row[1] for row in rows]), "cpu": _percentiles([row[4] for row in rows]),
                "accuracy": sum(row[2] for row in rows) / len(rows), "none_found": sum(not row[3] for row in rows) / len(rows),
                "accuracy_non_reference": sum(non_ref) / max(len(non_ref), 1), "n_non_reference": len(non_ref),
                "by_type": {kind: {"n": len(oks), "accuracy": sum(oks) / len(oks)} for kind, oks in sorted(by_type.items())}}

    out["search"] = summary(search_rows)
    out["search_warm"] = summary(warm_rows)
    out["mentions"] = summary(mention_rows)
    out["baseline"] = summary(baseline_rows)
    out["baseline"]["sampled"] = len(sample) < len(search)
    out["ours_on_baseline_sample"] = summary([search_rows[i] for i in sample])
    out["plain_difflib"] = _percentiles(plain) if plain else None
    out["fidelity"] = _fidelity(index.offers, json.loads((work / "truth.json").read_text(encoding="utf-8")))
    return out


def _canonical(truth: dict[str, dict]) -> dict[str, dict]:
    """What the generator wrote, in the index's canonical forms (one spelling per employer, communes
    by their display names); as written for a code version without them (--code)."""
    try:
        from offers_index import organisations
        from offers_index.normalize import find_communes
    except ImportError:
        return truth
    for expected in truth.values():
        known = organisations.by_name(expected["employer"] or "")
        expected["employer"] = known.name if known else expected["employer"]
        expected["location"] = ", ".join(find_communes(expected["location"] or "")) or expected["location"]
    return truth


def _fidelity(offers, truth: dict[str, dict]) -> dict:
    """Share of the generated offers whose parsed fields all equal what the generator wrote."""
    wrong, examples, exact = Counter(), {}, 0
    truth = _canonical(truth)
    for offer in offers:
        expected = truth.get(offer.reference_number)
        bad = [name for name in FIDELITY_FIELDS if expected is None or getattr(offer, name) != expected[name]]
        exact += not bad
        for name in bad:
            wrong[name] += 1
            examples.setdefault(name, [str(getattr(offer, name)), str(expected[name] if expected else None), offer.source])
    return {"all_fields_exact": exact / max(len(truth), 1), "wrong": dict(wrong), "examples": examples}


# ------------------------------------------------------------------------------------ driver
def _child(args: list[str], code: Path | None, cwd: Path) -> dict:
    """Run a worker in a fresh interpreter; `code` first on the path when given (cwd has no package)."""
    path = [str(code)] if code else []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path + [str(ROOT)])}
    out = cwd / f"out-{args[0]}.json"
    subprocess.run([sys.executable, "-m", "bench.index_bench", *args, "--out", str(out)], cwd=cwd, env=env, check=True)
    try:
        return json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def measure(size: int, queries: int = QUERIES, code: Path | None = None, log=print) -> dict:
    from .generator import generate, title_stats, write_offers
    plan = PLAN.get(size, DEFAULT_PLAN)
    work = Path(tempfile.mkdtemp(prefix=f"bench-index-{size}-"))
    try:
        started = time.perf_counter()
        specs = generate(size, SEED)
        write_offers(specs, work / "offers")
        query_set = make_queries(specs, queries, SEED)
        (work / "queries.json").write_text(json.dumps(query_set, ensure_ascii=False), encoding="utf-8")
        truth = {spec.reference_number: {name: getattr(spec, name) for name in FIDELITY_FIELDS} for spec in specs}
        (work / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
        result = {"size": size, "titles": title_stats(specs), "plan": plan, "load_before": _loadavg()}
        del specs, truth
        log(f"[index {size:,}] offres et requêtes générées en {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        result["build"] = _child(["_build", str(work / "offers"), str(work / "index.json")], code, work)
        log(f"[index {size:,}] construction {result['build']['parse_s'] + result['build']['write_s']:.1f} s "
            f"({result['build']['package']})")
        shutil.rmtree(work / "offers", ignore_errors=True)
        result["query"] = _child(["_query", str(work / "index.json"), str(work), "--plan", json.dumps(plan)], code, work)
        result["load_after"] = _loadavg()
        log(f"[index {size:,}] requêtes mesurées en {time.perf_counter() - started:.0f} s (charge {result['load_after']})")
        partials = [q for q in query_set["search"] if "ambiguous" in q]
        result["ambiguous_partial_share"] = sum(q["ambiguous"] for q in partials) / max(len(partials), 1)
        result["ambiguous_mentions_share"] = sum(q["ambiguous"] for q in query_set["mentions"]) / max(len(query_set["mentions"]), 1)
        result["examples"] = {kind: [q["text"] for q in query_set["search"] if q["type"] == kind][:2] for kind in QUERY_TYPES}
        result["examples"]["mention"] = [q["text"] for q in query_set["mentions"][:2]]
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ------------------------------------------------------------------------------------ markdown
def _ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def _yes(ok: bool) -> str:
    return "**met**" if ok else "**NOT met**"


def targets(results: dict[int, dict]) -> list[tuple[str, str, bool]]:
    rows = []
    for size, limit in TARGETS["search_p95_ms"].items():
        if size in results:
            s = results[size]["query"]["search"]
            rows.append((f"`search()` p95 < {limit:g} ms at {size:,} offers", f"{_ms(s['latency']['p95'])} "
                         f"(CPU time p95 {_ms(s['cpu']['p95'])})", s["latency"]["p95"] < limit))
    size = TARGETS["speedup_at"]
    if size in results:
        q = results[size]["query"]
        ours, base = q["ours_on_baseline_sample"]["latency"], q["baseline"]["latency"]
        p50, p95 = base["p50"] / ours["p50"], base["p95"] / ours["p95"]
        rows.append((f"≥ {TARGETS['speedup']:g}× faster than the baseline at {size:,} (p50 and p95)",
                     f"p50 {p50:.0f}×, p95 {p95:.0f}×", min(p50, p95) >= TARGETS["speedup"]))
    for size, result in sorted(results.items()):
        q = result["query"]
        ours, base = q["ours_on_baseline_sample"], q["baseline"]
        rows.append((f"top-1 accuracy ≥ baseline at {size:,} (all queries / without reference queries"
                     f"{'; baseline sample of ' + str(base['latency']['n']) if base['sampled'] else ''})",
                     f"{_pct(ours['accuracy'])} vs {_pct(base['accuracy'])} / "
                     f"{_pct(ours['accuracy_non_reference'])} vs {_pct(base['accuracy_non_reference'])}",
                     ours["accuracy"] >= base["accuracy"] and ours["accuracy_non_reference"] >= base["accuracy_non_reference"]))
    if 10_000 in results:
        b = results[10_000]["build"]
        rows.append((f"build of 10,000 offers < {TARGETS['build_10k_s']:g} s (`build(dir)` + `write_index`)",
                     f"{b['parse_s'] + b['write_s']:.1f} s (CPU {b['parse_cpu_s'] + b['write_cpu_s']:.1f} s)",
                     b["parse_s"] + b["write_s"] < TARGETS["build_10k_s"]))
    return rows


def _latency(stats: dict, cpu: dict | None = None) -> str:
    text = f"{_ms(stats['p50'])} / **{_ms(stats['p95'])}** (p99 {_ms(stats['p99'])}, max {_ms(stats['max'])})"
    return text + (f"; CPU {_ms(cpu['p50'])} / {_ms(cpu['p95'])}" if cpu else "")


def _size_table(result: dict) -> str:
    size, b, q, t = result["size"], result["build"], result["query"], result["titles"]
    s, w, m, base, plain = q["search"], q["search_warm"], q["mentions"], q["baseline"], q["plain_difflib"]
    ours = q["ours_on_baseline_sample"]
    sampled = f" — sample of {base['latency']['n']}" if base["sampled"] else ""
    lines = [f"### {size:,} offers", "",
             f"Load average {result['load_before']} before, {result['load_after']} after.", "",
             "| Measure | Ours (`OfferIndex`) | Baseline (difflib) |", "|---|---|---|",
             f"| Offers indexed / files | {b['offers']:,} / {size:,} ({b['error_count']} skipped) | same titles |",
             f"| Distinct titles | {t['distinct_titles']:,} = **{_pct(t['distinct_ratio'])}** (largest group of identical titles: {t['largest_duplicate_group']}) | |",
             f"| Parser fidelity (10 fields equal to what the generator wrote) | {_pct(q['fidelity']['all_fields_exact'])} of offers | |",
             f"| Parse: `build(dir)` | {b['parse_s']:.2f} s ({b['parse_cpu_s']:.2f} s CPU; {1000 * b['parse_s'] / size:.2f} ms/offer) | |",
             f"| `write_index` | {b['write_s']:.2f} s ({b['index_file_mib']:.1f} MiB of JSON) | |",
             f"| **Build** (parse + write) | **{b['parse_s'] + b['write_s']:.2f} s** | |",
             f"| Peak RSS delta during build | {b['peak_rss_delta_mib']:.0f} MiB | |",
             f"| **Load**: `read_index` + `OfferIndex(offers)` | {q['read_s']:.2f} s + {q['construct_s']:.2f} s = **{q['read_s'] + q['construct_s']:.2f} s** (vocabulary {q['vocabulary']:,} words) | |",
             f"| Memory after load: RSS delta (peak RSS delta) | {q['rss_delta_mib']:.0f} MiB ({q['peak_rss_delta_mib']:.0f} MiB) | |",
             f"| **`search()`** p50 / p95, cold word cache, {s['latency']['n']} queries | {_latency(s['latency'], s['cpu'])} | "
             f"{_ms(base['latency']['p50'])} / {_ms(base['latency']['p95'])}{sampled} |",
             f"| `search()` p50 / p95, word cache kept, {w['latency']['n']} queries | {_latency(w['latency'])} | |",
             f"| Speed-up on the baseline's queries, p50 / p95 | **{base['latency']['p50'] / ours['latency']['p50']:.0f}× / {base['latency']['p95'] / ours['latency']['p95']:.0f}×** | 1× |",
             f"| **`mentions()`** p50 / p95, cold word cache, {m['latency']['n']} sentences | {_latency(m['latency'], m['cpu'])} | — |",
             f"| **Top-1 accuracy**, all queries{sampled} | **{_pct(ours['accuracy'])}**{' (all 1,000: ' + _pct(s['accuracy']) + ')' if base['sampled'] else ''} | **{_pct(base['accuracy'])}** |",
             f"| Top-1 accuracy without reference queries{sampled} | {_pct(ours['accuracy_non_reference'])}{' (all: ' + _pct(s['accuracy_non_reference']) + ')' if base['sampled'] else ''} | {_pct(base['accuracy_non_reference'])} |"]
    for kind in list(QUERY_TYPES) + ["partial:ambiguous", "partial:unambiguous", "partial_typo:ambiguous", "partial_typo:unambiguous"]:
        if kind in ours["by_type"]:
            base_kind = base["by_type"].get(kind)
            lines.append(f"| — {kind}{sampled} | {_pct(ours['by_type'][kind]['accuracy'])} (n={ours['by_type'][kind]['n']}) | "
                         + (f"{_pct(base_kind['accuracy'])} (n={base_kind['n']})" if base_kind else "—") + " |")
    unambiguous = m["by_type"].get("mention:unambiguous")
    lines.append(f"| `mentions()` top-1 accuracy ({_pct(result['ambiguous_mentions_share'])} of the partial titles are ambiguous) | "
                 f"{_pct(m['accuracy'])}" + (f" (unambiguous ones: {_pct(unambiguous['accuracy'])})" if unambiguous else "")
                 + f"; no offer found: {_pct(m['none_found'])} | — |")
    if plain:
        lines.append(f"| Un-pruned `get_close_matches(q, titles, n=1, cutoff=0)`, p50 over {plain['n']} queries | | {_ms(plain['p50'])} |")
    if q["fidelity"]["wrong"]:
        lines += ["", f"Parser mismatches by field: {q['fidelity']['wrong']}; first example of each (parsed, generated, file): "
                  f"{q['fidelity']['examples']}"]
    lines += ["", "Query examples: " + "; ".join(f"{kind}: " + ", ".join(f"`{e}`" for e in texts)
                                              for kind, texts in result["examples"].items()),
              "", f"{_pct(result['ambiguous_partial_share'])} of the partial search queries are ambiguous (their words, "
                  f"in order, occur in several distinct titles), which caps the accuracy reachable on them."]
    return "\n".join(lines)


def _code_version(package: str) -> str:
    """The project's commit, and whether offers_index differs from it (others may be editing it)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "offers_index"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"`{package}`"
    if Path(package).resolve() != (ROOT / "offers_index").resolve():
        return f"`{package}` (not the project's package; project at commit {commit})"
    return f"`offers_index` at commit {commit}" + (" with uncommitted changes" if dirty else "")


def markdown(results: dict[int, dict], elapsed: float) -> str:
    first = next(iter(results.values()))
    plan = "; ".join(f"{size:,}: " + ", ".join(f"{k} {v}" for k, v in PLAN.get(size, DEFAULT_PLAN).items() if v is not None)
                     for size in sorted(results))
    parts = ["## Index: parse, build, load, search", "",
             f"Sizes {', '.join(f'{s:,}' for s in sorted(results))}; code measured: {_code_version(first['build']['package'])}; "
             f"this section took {elapsed / 60:.1f} min.", "",
             "### Targets", "", "| Target | Measured | Status |", "|---|---|---|"]
    parts += [f"| {name} | {value} | {_yes(ok)} |" for name, value, ok in targets(results)]
    parts += ["", _METHOD.format(queries=QUERIES, plan=plan or "none",
                                  shares=", ".join(f"{k} {int(v * 100)} %" for k, v in QUERY_TYPES.items())), ""]
    for size in sorted(results):
        parts += [_size_table(results[size]), ""]
    return "\n".join(parts)


_METHOD = """How it is measured:
- **Files**: `bench/generator.py` writes synthetic offers in the portal's text format (`# Label` + value on the next line, inline `Label : value`, the "Service … (ACRONYM)" line, French date forms), so `build(dir)` runs the real parser; generation is not timed. Each size runs in two fresh child processes: build, then load + queries.
- **Memory**: Linux RSS from `/proc/self/status`, relative to the child's RSS after imports: *RSS delta* = VmRSS after load and `gc.collect()` − before; *peak* = VmHWM − RSS before (includes the transient JSON parsing). Not tracemalloc.
- **Queries**: {queries} distinct `search()` queries per size derived from the generated offers ({shares}), and {queries} distinct `mentions()` sentences embedding a partial title (30 % with a typo), e.g. "c'est quand la date limite pour le … ?". Fewer for the slow phases (seeded samples): {plan}.
- **No result cache**: `OfferIndex._match_word` (the only cache, an `lru_cache` on word matching) is cleared before every timed call (*cold*, the figure the targets use). The *word cache kept* row replays the distinct queries with the cache cleared once at the start, as in a long-running bot.
- **Top-1 accuracy**: correct when the first hit is the offer the query was derived from, or, for a non-reference query, an offer whose title is exactly the same text (the generator posts some titles several times, e.g. "Chef de service", as real portals do); a reference query must find that very offer. Bare 5-digit reference queries are only generated when the digits are unique in the set.
- **Baseline**: difflib `SequenceMatcher.ratio` between the lower-cased query and every lower-cased title (accents kept), top-1 = best ratio (first on ties) = `get_close_matches(q, titles, n=1, cutoff=0)`. To keep the run short it skips titles whose `real_quick_ratio`/`quick_ratio` upper bound cannot beat the best so far: same answer, faster baseline, so the speed-up is conservative (the un-pruned call is timed on a few queries for reference). Speed-up and accuracy are compared on the same queries.
- **Latency**: `time.perf_counter()` (wall) around each single call, one call at a time, GC on; CPU time (`time.thread_time()`) alongside, as the machine is shared (load average per size below)."""


HOSTILE_LINES = {"[": "[", "[a](": "[a](", "Service : ": "Service : ", "Direction ": "Direction ",
                 "Durée de résidence exigée ": "Durée de résidence exigée ", "candidature ": "candidature ",
                 "x + saut de ligne": "x\n"}


def hostile_parse(lengths=(5_000, 50_000)) -> str:
    """Parse time of one notice holding a hostile line of each length: linear means ×10, not ×100."""
    from offers_index.parser import parse_text
    rows = ["### Hostile lines", "",
            "One notice (title, deadline, corps) plus one line repeating the piece to the length given; best of 3 "
            "parses (`time.perf_counter()`), current code.", "",
            "| piece repeated | " + " | ".join(f"{n:,} characters" for n in lengths) + " | ratio |",
            "|---|" + "---|" * (len(lengths) + 1)]
    for label, piece in HOSTILE_LINES.items():
        times = []
        for length in lengths:
            text = "# Juriste\n\nDate limite de candidature : 8 août 2025\nCorps : attaché\n" + piece * (length // len(piece)) + "\n"
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                parse_text(text)
                best = min(best, time.perf_counter() - started)
            times.append(best)
        rows.append(f"| `{label}` | " + " | ".join(_ms(1000 * t) for t in times) + f" | ×{times[-1] / times[0]:.1f} |")
    return "\n".join(rows)


def section(sizes=SIZES, queries: int = QUERIES, code: Path | None = None) -> str:
    started = time.perf_counter()
    results = {}
    for size in sizes:
        results[size] = measure(size, queries, code, log=lambda text: print(text, file=sys.stderr, flush=True))
    _LAST_RESULTS.clear()
    _LAST_RESULTS.update(results)
    return markdown(results, time.perf_counter() - started) + "\n\n" + hostile_parse()


_LAST_RESULTS: dict[int, dict] = {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.index_bench")
    parser.add_argument("command", nargs="?", default="run", choices=["run", "_build", "_query"])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--out")
    parser.add_argument("--plan")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument("--code", type=Path, help="folder holding the offers_index package to measure")
    parser.add_argument("--json", help="also write the raw results to this file")
    args = parser.parse_args(argv)
    if args.command == "_build":
        result = worker_build(Path(args.paths[0]), Path(args.paths[1]))
    elif args.command == "_query":
        result = worker_query(Path(args.paths[0]), Path(args.paths[1]), json.loads(args.plan))
    else:
        print(section(tuple(int(s) for s in args.sizes.split(",")), args.queries, args.code))
        if args.json:
            Path(args.json).write_text(json.dumps(_LAST_RESULTS, indent=1, ensure_ascii=False))
        return 0
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
