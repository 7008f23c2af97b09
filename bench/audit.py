"""Known vulnerabilities in the project's installed packages (`make audit`, and a `make bench` section).

pip-audit runs from its own venv (.cache/audit-venv, made here when missing): it needs a newer
`packaging` than rasa allows. It audits the exact versions installed in .venv (`pip freeze`),
asking PyPI's vulnerability data, then OSV's. A package it could not look up is counted as
such, never as safe.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIT_VENV = ROOT / ".cache" / "audit-venv"
SERVICES = ("pypi", "osv")


def pip_audit() -> Path:
    tool = AUDIT_VENV / "bin" / "pip-audit"
    if not tool.exists():
        subprocess.run(["python3", "-m", "venv", str(AUDIT_VENV)], check=True)
        subprocess.run([str(AUDIT_VENV / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                        "pip-audit"], check=True)
    return tool


def audit(service: str, requirements: Path) -> dict:
    """pip-audit's JSON report, or {"error": why} when it could not run at all."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        done = subprocess.run([str(pip_audit()), "-r", str(requirements), "--no-deps", "--disable-pip",
                               "--vulnerability-service", service, "--format", "json", "-o", report.name],
                              capture_output=True, text=True, timeout=900)
        try:
            result = json.loads(Path(report.name).read_text() or "{}")
        except ValueError:
            result = {}
    if not result.get("dependencies"):
        why = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": why.split("Caused by")[-1].strip(" ()\"")[:160]}
    return result


def section() -> str:
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True,
                            text=True, check=True).stdout
    pins = [line for line in frozen.splitlines() if "==" in line]
    lines = ["## Known vulnerabilities (pip-audit)", "",
             f"pip-audit {_version()} from its own venv, on the {len(pins)} packages installed in `.venv` "
             "(`pip freeze`, exact versions).", "",
             "| service | audited | could not be looked up | known vulnerabilities |", "| --- | --- | --- | --- |"]
    findings: dict[tuple[str, str], list[str]] = {}
    audited = 0
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as requirements:
        requirements.write("\n".join(pins) + "\n")
        requirements.flush()
        for service in SERVICES:
            report = audit(service, Path(requirements.name))
            if "error" in report:
                lines.append(f"| {service} | 0 | all: {report['error']} | unknown |")
                continue
            dependencies = report.get("dependencies", [])
            skipped = [d for d in dependencies if d.get("skip_reason")]
            vulns = [(d["name"], d["version"], v["id"]) for d in dependencies for v in d.get("vulns", [])]
            for name, version, ident in vulns:
                findings.setdefault((name, version), []).append(ident)
            looked_up = len(dependencies) - len(skipped)
            audited += looked_up
            reasons = sorted({d["skip_reason"].split(":")[0] for d in skipped})
            lines.append(f"| {service} | {looked_up} | {len(skipped)}{' (' + '; '.join(reasons) + ')' if reasons else ''} | "
                         f"{len(vulns) if looked_up else 'unknown'} |")
    lines.append("")
    if findings:
        lines += ["| package | version | advisories |", "| --- | --- | --- |"]
        lines += [f"| {name} | {version} | {', '.join(sorted(set(ids)))} |" for (name, version), ids in sorted(findings.items())]
    elif not audited:
        lines.append("**Not audited**: no vulnerability service could be reached from this machine; "
                     "run `make audit` where PyPI's JSON API or api.osv.dev answers.")
    else:
        lines.append("No advisory found for the packages that could be looked up.")
    lines.append("")
    return "\n".join(lines) + "\n"


def _version() -> str:
    done = subprocess.run([str(pip_audit()), "--version"], capture_output=True, text=True)
    return done.stdout.strip().removeprefix("pip-audit ") or "?"


if __name__ == "__main__":
    print(section())
