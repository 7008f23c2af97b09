"""Run the benchmarks and write bench/RESULTS.md (`make bench`).

    python -m bench.run                 # every registered section
    python -m bench.run index           # only the named section(s); the others keep their last results

Each section is a function returning markdown, registered in SECTIONS. RESULTS.md holds a header
(machine, date) and one block per section between `<!-- section:NAME -->` markers, so running one
section rewrites only its own block. To add a section: write `def my_section() -> str` somewhere in
bench/ and add it to SECTIONS.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

RESULTS = Path(__file__).resolve().with_name("RESULTS.md")
ROOT = RESULTS.parent.parent


def _index() -> str:
    """Sizes and package can be overridden for a quick or comparative run:
    BENCH_SIZES=1000,10000 and BENCH_CODE=/folder/holding/another/offers_index."""
    from .index_bench import SIZES, section
    sizes = tuple(int(s) for s in os.environ.get("BENCH_SIZES", "").split(",") if s.strip()) or SIZES
    code = Path(os.environ["BENCH_CODE"]) if os.environ.get("BENCH_CODE") else None
    return section(sizes, code=code)


def _nlu() -> str:
    from .nlu_bench import section
    return section()


def _rest() -> str:
    from .rest_bench import section
    return section()


def _load() -> str:
    from .load_bench import section
    return section()


def _dialogues() -> str:
    from .dialogue_bench import section
    return section()


def _startup() -> str:
    from .startup_bench import section
    return section()


def _audit() -> str:
    from .audit import section
    return section()


SECTIONS: dict[str, Callable[[], str]] = {
    "index": _index,
    "nlu": _nlu,
    "rest": _rest,
    "load": _load,
    "dialogues": _dialogues,
    "startup": _startup,
    "audit": _audit,
}


def machine() -> list[str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    versions = []
    for name in ("numpy", "rapidfuzz"):
        try:
            versions.append(f"{name} {__import__(name).__version__}")
        except ImportError:
            pass
    return [f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {ram}",
            f"- Python {platform.python_version()} ({platform.python_implementation()}), {', '.join(versions)}; {platform.platform()}"]


def commit() -> str:
    """The commit measured, and whether the working tree differed from it (outside bench/RESULTS.md)."""
    import subprocess
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                  ":!bench/RESULTS.md"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit (no git)"
    return f"commit {sha}" + (" with uncommitted changes" if changed else "")


def header(ran: list[str]) -> str:
    now = datetime.now(timezone.utc)
    noumea = now.astimezone(ZoneInfo("Pacific/Noumea"))
    return "\n".join([
        "# Benchmarks", "",
        "Written by `make bench` (`python -m bench.run [section...]`); do not edit by hand.", "",
        f"- Last run: {now:%Y-%m-%d %H:%M} UTC = {noumea:%Y-%m-%d %H:%M} Nouméa; sections run: {', '.join(ran)}",
        *machine(), ""])


_BLOCK = re.compile(r"<!-- section:(?P<name>[\w-]+) -->\n.*?<!-- /section:(?P=name) -->\n", re.S)


def write(results: dict[str, str], ran: list[str], path: Path = RESULTS) -> None:
    """Rewrite the header and the blocks of the sections just run; keep the other sections' blocks."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    blocks = {m.group("name"): m.group(0) for m in _BLOCK.finditer(old)}
    measured = f"_Measured on {commit()}, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {machine()[0][2:]}._"
    for name, text in results.items():
        blocks[name] = f"<!-- section:{name} -->\n{text.rstrip()}\n\n{measured}\n<!-- /section:{name} -->\n"
    ordered = [blocks[name] for name in SECTIONS if name in blocks] + \
              [block for name, block in blocks.items() if name not in SECTIONS]
    path.write_text(header(ran) + "\n" + "\n".join(ordered), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sections", nargs="*", help=f"sections to run (default: all): {', '.join(SECTIONS)}")
    args = parser.parse_args(argv)
    unknown = [name for name in args.sections if name not in SECTIONS]
    if unknown:
        parser.error(f"section(s) inconnue(s) : {', '.join(unknown)} (connues : {', '.join(SECTIONS)})")
    names = list(dict.fromkeys(args.sections)) or list(SECTIONS)
    results = {}
    for name in names:
        started = time.perf_counter()
        print(f"[bench] section {name}…", file=sys.stderr, flush=True)
        results[name] = SECTIONS[name]()
        print(f"[bench] section {name} : {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    write(results, names)
    print(f"[bench] résultats écrits dans {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
