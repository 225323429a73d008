"""Benchmark harness: the atlas extension against plain Sphinx and sphinxcontrib-bibtex.

Generates a corpus (:mod:`corpus`), builds each variant with ``python -m sphinx -b html``
in fresh folders under ``benchmarks/_work/`` and reports medians, with every time also
given as a ratio to the floor (the plain variant) measured in the same run.  See
benchmarks/README.md for what each column means.

    make bench BENCH_ARGS="--preset small"
    .venv/bin/python benchmarks/run.py --pages 30 --entries 200 --themes basic --repeat 1
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

WORK = HERE / "_work"
RESULTS = HERE / "results"

READ_RE = re.compile(r"^reading sources\.\.\.\s*\[\s*\d+%\]\s+(\S+)\s*$")
WRITE_RE = re.compile(r"^writing output\.\.\.\s*\[\s*\d+%\]\s+(\S+)\s*$")
SUMMARY_RE = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")

PRESETS = {
    # name: list of (pages, entries, variants); "bibtex-extrapolate" adds small bibtex sizes
    "small": {"sizes": [(60, 400, ("plain", "bibtex", "atlas"))]},
    "medium": {"sizes": [(120, 800, ("plain", "bibtex", "atlas"))]},
    "target": {"sizes": [(600, 4000, ("plain", "atlas"))], "extrapolate": [(60, 400), (120, 800)]},
    "scale": {"sizes": [(600, 4000, ("plain", "atlas")), (2400, 20000, ("plain", "atlas"))]},
}

TARGETS = {"clean": 1.15, "noop": 1.2}


@dataclass
class Run:
    """One sphinx-build invocation."""

    wall: float
    cpu: float  # user + system of the build and its workers
    maxrss_mb: float  # the largest process of the build
    returncode: int
    warnings: int
    errors: int
    read: list[str] = field(default_factory=list)
    written: int = 0
    changed: int | None = None  # Sphinx's "N changed" (includes env-get-outdated)


def sphinx_build(src: Path, out: Path, theme: str, jobs: int, log: Path) -> Run:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", str(src), str(out / "html"),
           "-d", str(out / "doctrees"), "-j", str(jobs), "-D", f"html_theme={theme}"]
    env = dict(os.environ, NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log.with_suffix(".out"), "wb") as fo, open(log.with_suffix(".err"), "wb") as fe:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fo, stderr=fe, env=env)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = log.with_suffix(".out").read_text(encoding="utf-8", errors="replace")
    stderr = log.with_suffix(".err").read_text(encoding="utf-8", errors="replace")
    read, written, changed = [], 0, None
    for line in stdout.splitlines():
        if m := READ_RE.match(line):
            read.append(m.group(1))
        elif WRITE_RE.match(line):
            written += 1
        elif "updating environment" in line and (m := SUMMARY_RE.search(line)):
            changed = int(m.group(1)) + int(m.group(2))
    return Run(
        wall=wall,
        cpu=ru.ru_utime + ru.ru_stime,
        maxrss_mb=ru.ru_maxrss / 1024,  # Linux: kilobytes
        returncode=proc.returncode,
        warnings=sum("WARNING" in line for line in stderr.splitlines()),
        errors=sum("ERROR" in line or "Exception occurred" in line for line in stderr.splitlines()),
        read=read,
        written=written,
        changed=changed,
    )


_EDITS = iter(range(1, 1_000_000))


def edit_page(src: Path, docname: str, rep: int) -> None:
    rep = next(_EDITS)  # every edit changes the bytes, whatever the theme and repetition
    path = src / f"{docname}.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):  # the first paragraph: a changed sentence
        if line and not line.startswith(("#", "`", ":", "-")):
            lines[i] = f"Benchmark edit {rep}: " + re.sub(r"^Benchmark edit \d+: ", "", line)
            break
    path.write_text("\n".join(lines), encoding="utf-8")


def edit_entry(src: Path, manifest: dict, rep: int) -> None:
    rep = next(_EDITS)
    path = src / "citations" / manifest["edit_key_file"]
    text = path.read_text(encoding="utf-8")
    head = "@article{" + manifest["edit_key"] + ","
    start = text.find(head)
    if start < 0:
        start = text.find("{" + manifest["edit_key"] + ",")
    end = text.find("\n}\n", start)
    entry = text[start:end]
    new = re.sub(r"title = \{(.*?)( \(revised \d+\))?\},", lambda m: f"title = {{{m.group(1)} (revised {rep})}},",
                 entry, count=1)
    assert new != entry, manifest["edit_key"]
    path.write_text(text[:start] + new + text[end:], encoding="utf-8")


def extension_digest() -> str:
    """A digest of the extension's source, to notice it changing in the middle of a run."""
    import hashlib

    h = hashlib.sha1()
    for path in sorted((HERE.parent / "extensions" / "sphinxcontrib-atlas" / "src").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(HERE.parent)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


# -- one size ------------------------------------------------------------------------


def measure_size(pages: int, entries: int, variants: tuple[str, ...], themes: list[str], repeat: int,
                 jobs: list[int], seed: int, ops: set[str], pathways: bool, tag: str) -> dict:
    base = WORK / f"{tag}-{pages}x{entries}"
    if base.exists():
        shutil.rmtree(base)
    gen = base / "corpus"
    t0 = time.perf_counter()
    manifest = corpus.generate(gen, pages, entries, seed=seed, variants=variants)
    srcs = {v: gen / v for v in variants}
    manifests = {v: manifest for v in variants}
    if pathways and "atlas" in variants:
        if pathways_available(base / "probe"):
            manifests["atlas+pathways"] = corpus.generate(base / "corpus-pathways", pages, entries, seed=seed,
                                                          variants=("atlas",), pathways=True)
            srcs["atlas+pathways"] = base / "corpus-pathways" / "atlas"
        else:
            print("   pathways: the `pathway` directive is not available in atlas yet; skipped", flush=True)
    print(f"== {pages} pages / {entries} entries: corpus in {time.perf_counter() - t0:.1f} s "
          f"({manifest['citations']} citations; edit key {manifest['edit_key']} cited on "
          f"{len(manifest['edit_key_citing'])} pages)", flush=True)
    results: dict = {"pages": pages, "entries": entries, "manifest": manifest, "themes": {}}
    for theme in themes:
        runs: dict[str, dict[str, list[dict]]] = {v: {} for v in srcs}
        for rep in range(1, repeat + 1):
            for variant, src in srcs.items():  # interleaved, so load drift hits all variants alike
                out = base / "build" / theme / variant
                logs = base / "logs" / theme / variant
                record = runs[variant]

                def go(op: str, outdir: Path, j: int, _variant=variant, _record=record, _logs=logs,
                       _src=src, _rep=rep, _theme=theme) -> Run:
                    r = sphinx_build(_src, outdir, _theme, j, _logs / f"{op}-{_rep}")
                    _record.setdefault(op, []).append(asdict(r))
                    status = "" if r.returncode == 0 else f" (exit {r.returncode})"
                    print(f"   {_theme:5} {_variant:15} {op:11} rep {_rep}: {r.wall:7.2f} s  cpu {r.cpu:7.2f} s  "
                          f"read {len(r.read):4}  written {r.written:4}  rss {r.maxrss_mb:6.0f} MB  "
                          f"warnings {r.warnings}{status}", flush=True)
                    return r

                if "clean" in ops or not (out / "html").exists():
                    shutil.rmtree(out, ignore_errors=True)
                    go("clean-j1", out, 1)  # also the base of the incremental builds below
                if "noop" in ops:
                    go("noop", out, 1)
                if "page" in ops:
                    edit_page(src, manifest["edit_page"], rep)
                    go("page-edit", out, 1)
                if "entry" in ops and variant != "plain":
                    edit_entry(src, manifests[variant], rep)
                    go("entry-edit", out, 1)
                if "clean" in ops:
                    for j in jobs:
                        if j == 1:
                            continue
                        outj = base / "build" / theme / f"{variant}-j{j}"
                        shutil.rmtree(outj, ignore_errors=True)
                        go(f"clean-j{j}", outj, j)
                        shutil.rmtree(outj, ignore_errors=True)
        results["themes"][theme] = summarise(runs, manifests)
        partial = RESULTS / f"{tag}-{pages}x{entries}.partial.tmp"  # survives a crash later in the run
        RESULTS.mkdir(exist_ok=True)
        partial.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if not KEEP:
        shutil.rmtree(base / "build", ignore_errors=True)
    return results


def pathways_available(probe: Path) -> bool:
    corpus.generate(probe, 3, 20, seed=1, variants=("atlas",), pathways=True)
    r = sphinx_build(probe / "atlas", probe / "build", "basic", 1, probe / "log")
    err = (probe / "log.err").read_text(encoding="utf-8", errors="replace")
    return r.returncode == 0 and "Unknown directive type" not in err and r.warnings == 0


def summarise(runs: dict, manifests: dict) -> dict:
    """Medians per variant and operation, ratios to the plain variant of the same run."""
    out: dict = {}
    for variant, ops in runs.items():
        expected_entry = len(manifests[variant]["edit_key_citing"])
        row: dict = {}
        for op, rs in ops.items():
            row[op] = {
                "wall": median([r["wall"] for r in rs]),
                "cpu": median([r["cpu"] for r in rs]),
                "maxrss_mb": max(r["maxrss_mb"] for r in rs),
                "warnings": max(r["warnings"] for r in rs),
                "errors": max(r["errors"] for r in rs),
                "returncodes": sorted({r["returncode"] for r in rs}),
                "read": [len(r["read"]) for r in rs],
                "read_docs": rs[-1]["read"][:20],
                "written": [r["written"] for r in rs],
                "n": len(rs),
            }
        if "entry-edit" in row:
            row["entry-edit"]["expected_read"] = expected_entry
        if "page-edit" in row:
            row["page-edit"]["expected_read"] = 1
        out[variant] = row
    floor = out.get("plain", {})
    for variant, row in out.items():
        for op, m in row.items():
            f = floor.get(op)
            if f and f["wall"] and m["wall"] is not None:
                m["ratio_wall"] = m["wall"] / f["wall"]
                m["ratio_cpu"] = m["cpu"] / f["cpu"] if f["cpu"] else None
            a = out.get("atlas", {}).get(op)
            if variant == "atlas+pathways" and a and a["wall"]:
                m["ratio_vs_atlas"] = m["wall"] / a["wall"]
    return out


# -- extrapolation (sphinxcontrib-bibtex at the target size) --------------------------


def extrapolate(small: list[dict], target: dict, theme: str, op: str) -> dict | None:
    """Fit the bibtex excess over the floor, E(n) = c * n^k, on two measured sizes and
    apply it to the target size: T_est = T_plain(target, measured) + E(target)."""
    pts = []
    for res in small:
        row = res["themes"].get(theme, {})
        b, p = row.get("bibtex", {}).get(op), row.get("plain", {}).get(op)
        if not b or not p:
            return None
        pts.append((res["pages"], b["wall"] - p["wall"], b["wall"] / p["wall"]))
    if len(pts) < 2 or pts[0][1] <= 0 or pts[1][1] <= 0:
        return None
    (n1, e1, _), (n2, e2, _) = pts[0], pts[-1]
    k = math.log(e2 / e1) / math.log(n2 / n1)
    n_t = target["pages"]
    floor = target["themes"][theme]["plain"][op]["wall"]
    est_excess = e2 * (n_t / n2) ** k
    return {"op": op, "points": [{"pages": n, "excess_s": e, "ratio": r} for n, e, r in pts], "exponent": k,
            "target_pages": n_t, "floor_s": floor, "estimate_s": floor + est_excess,
            "ratio": (floor + est_excess) / floor}


# -- report --------------------------------------------------------------------------

VARIANT_ORDER = ("plain", "bibtex", "atlas", "atlas+pathways")
OPS = ("clean-j1", "clean-j2", "noop", "page-edit", "entry-edit")


def fmt_time(m: dict | None, floor: bool) -> str:
    if not m or m["wall"] is None:
        return "–"
    bad = "" if m["returncodes"] == [0] else " ✗"
    if floor or "ratio_wall" not in m:
        return f"{m['wall']:.1f} s{bad}"
    cpu = f", CPU {m['ratio_cpu']:.2f}×" if m.get("ratio_cpu") else ""
    return f"{m['wall']:.1f} s (**{m['ratio_wall']:.2f}×**{cpu}){bad}"


def fmt_read(m: dict | None) -> str:
    if not m:
        return "–"
    counts = sorted(set(m["read"]))
    got = "/".join(str(c) for c in counts)
    exp = m.get("expected_read")
    return f"{got} (expect {exp})" if exp is not None else got


def markdown(report: dict) -> str:
    lines = [f"# Benchmark: preset {report['preset']}", "",
             f"{report['date']} · {report['machine']} · Python {report['python']} · Sphinx {report['sphinx']} · "
             f"repeat {report['repeat']} (medians) · extension "
             f"{report.get('extension_digest_start', '?')}"
             + ("" if report.get("extension_digest_end") == report.get("extension_digest_start")
                else f" → {report.get('extension_digest_end', '?')} (CHANGED during the run)"), ""]
    for res in report["sizes"]:
        for theme in [t for t in report["themes"] if t in res["themes"]]:
            rows = {v: res["themes"][theme][v] for v in VARIANT_ORDER if v in res["themes"][theme]}
            lines += [f"## {res['pages']} pages / {res['entries']} entries — theme {theme}", "",
                      "| variant | clean -j1 | clean -j2 | no-op | page edit | re-read | entry edit | re-read "
                      "| CPU clean -j1 | peak RSS | warnings |",
                      "|---|---|---|---|---|---|---|---|---|---|---|"]
            for variant, row in rows.items():
                is_floor = variant == "plain"
                clean = row.get("clean-j1")
                cpu = "–"
                if clean:
                    cpu = f"{clean['cpu']:.1f} s"
                    if not is_floor and clean.get("ratio_cpu"):
                        cpu += f" ({clean['ratio_cpu']:.2f}×)"
                rss = max((m["maxrss_mb"] for m in row.values()), default=0)
                warns = max((m["warnings"] for m in row.values()), default=0)
                lines.append(
                    f"| {variant} | {fmt_time(row.get('clean-j1'), is_floor)} | {fmt_time(row.get('clean-j2'), is_floor)}"
                    f" | {fmt_time(row.get('noop'), is_floor)} | {fmt_time(row.get('page-edit'), is_floor)}"
                    f" | {fmt_read(row.get('page-edit'))} | {fmt_time(row.get('entry-edit'), True)}"
                    f" | {fmt_read(row.get('entry-edit'))} | {cpu} | {rss:.0f} MB | {warns} |")
            pw = rows.get("atlas+pathways")
            if pw:
                lines.append("")
                parts = [f"{op} {m['ratio_vs_atlas']:.2f}×" for op, m in pw.items() if m.get("ratio_vs_atlas")]
                lines.append("atlas+pathways (3 pathway pages of 10, 50, 200 edges, 120 entities) vs atlas: "
                             + ", ".join(parts) + "; no-op rebuild wrote " + "/".join(
                                 str(w) for w in sorted(set(pw.get("noop", {}).get("written", [])))) + " pages.")
                lines.append("")
            lines.append("")
    for ex in report.get("extrapolations", []):
        pts = ", ".join(f"{p['pages']} pages: +{p['excess_s']:.1f} s ({p['ratio']:.1f}×)" for p in ex["points"])
        lines.append(f"- sphinxcontrib-bibtex, {ex['theme']}, {ex['op']}: measured excess over the floor {pts}; "
                     f"excess ∝ pages^{ex['exponent']:.2f} → at {ex['target_pages']} pages about "
                     f"{ex['estimate_s']:.0f} s = **{ex['ratio']:.0f}×** the floor measured in this run "
                     f"({ex['floor_s']:.1f} s) — an estimate, not a measurement.")
    if report.get("extrapolations"):
        lines.append("")
    if report.get("targets"):
        lines += ["## Targets (atlas vs the floor)", ""]
        for t in report["targets"]:
            lines.append(f"- {t}")
        lines.append("")
    return "\n".join(lines)


def check_targets(res: dict) -> list[str]:
    out = []
    for theme, rows in res["themes"].items():
        atlas = rows.get("atlas")
        if not atlas:
            continue
        where = f"{res['pages']}/{res['entries']}, {theme}"
        for op, limit in (("clean-j1", TARGETS["clean"]), ("clean-j2", TARGETS["clean"]), ("noop", TARGETS["noop"])):
            m = atlas.get(op)
            if m and "ratio_wall" in m:
                r = m["ratio_wall"]
                verdict = "met" if r <= limit else f"missed by {100 * (r / limit - 1):.1f}%"
                out.append(f"{where}: {op} {r:.2f}× (target ≤ {limit}×, CPU {m['ratio_cpu']:.2f}×): {verdict}")
        for op in ("page-edit", "entry-edit"):
            m = atlas.get(op)
            if m:
                ok = all(c == m["expected_read"] for c in m["read"])
                out.append(f"{where}: {op} re-read {fmt_read(m)}: {'met' if ok else 'MISSED'}")
        warns = max((m["warnings"] for m in atlas.values()), default=0)
        out.append(f"{where}: warnings {warns}: {'met' if warns == 0 else 'MISSED'}")
    return out


KEEP = False


def main(argv: list[str] | None = None) -> int:
    global KEEP
    ap = argparse.ArgumentParser(description="Benchmark the atlas extension (see benchmarks/README.md).")
    ap.add_argument("--preset", choices=sorted(PRESETS), help="a named set of sizes (overrides --pages/--entries)")
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--entries", type=int, default=400)
    ap.add_argument("--variants", default="plain,bibtex,atlas", help="for --pages/--entries runs")
    ap.add_argument("--themes", default="furo,basic", help="comma-separated html themes (default: furo,basic)")
    ap.add_argument("--theme", dest="themes", help="alias of --themes")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", default="1,2", help="parallelism of the clean builds (default 1,2)")
    ap.add_argument("--ops", default="clean,noop,page,entry", help="which operations to measure")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--pathways", action="store_true", help="also build the atlas variant with pathway pages")
    ap.add_argument("--extrapolate-ops", default="clean,noop",
                    help="operations measured for the bibtex extrapolation of --preset target (default clean,noop)")
    ap.add_argument("--keep", action="store_true", help="keep the build folders under benchmarks/_work/")
    ap.add_argument("--render", type=Path, metavar="JSON", help="only re-print the tables of a results file")
    ap.add_argument("--name", help="results file name (default: the preset, or custom-<pages>x<entries>)")
    args = ap.parse_args(argv)
    KEEP = args.keep
    if args.render:
        print(markdown(json.loads(args.render.read_text(encoding="utf-8"))))
        return 0
    themes = [t for t in args.themes.split(",") if t]
    jobs = [int(j) for j in args.jobs.split(",") if j]
    ops = set(args.ops.split(","))
    if args.preset:
        preset = PRESETS[args.preset]
        sizes = preset["sizes"]
        name = args.name or args.preset
    else:
        preset = {}
        sizes = [(args.pages, args.entries, tuple(v for v in args.variants.split(",") if v))]
        name = args.name or f"custom-{args.pages}x{args.entries}"
    import sphinx

    started = time.perf_counter()
    report = {
        "preset": name, "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores ({platform.system()})",
        "python": platform.python_version(), "sphinx": sphinx.__version__, "repeat": args.repeat,
        "themes": themes, "sizes": [], "extrapolations": [], "targets": [],
        "extension_digest_start": extension_digest(),
    }
    for pages, entries, variants in sizes:
        res = measure_size(pages, entries, variants, themes, args.repeat, jobs, args.seed, ops, args.pathways,
                           args.preset or "custom")
        report["sizes"].append(res)
        report["targets"] += check_targets(res)
    if preset.get("extrapolate"):
        small = []
        for pages, entries in preset["extrapolate"]:
            small.append(measure_size(pages, entries, ("plain", "bibtex"), themes, 1, [1], args.seed,
                                      set(args.extrapolate_ops.split(",")), False, f"{args.preset}-bibtex"))
        report["bibtex_points"] = small
        for theme in themes:
            for op in ("clean-j1", "noop"):
                ex = extrapolate(small, report["sizes"][0], theme, op)
                if ex:
                    ex["theme"] = theme
                    report["extrapolations"].append(ex)
    report["total_wall_s"] = time.perf_counter() - started
    report["extension_digest_end"] = extension_digest()
    if report["extension_digest_end"] != report["extension_digest_start"]:
        report["targets"].append("CAUTION: the extension changed during this run; atlas numbers mix two versions")
    RESULTS.mkdir(exist_ok=True)
    for partial in RESULTS.glob("*.partial.tmp"):
        partial.unlink()
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    md = markdown(report)
    (RESULTS / f"{name}.md").write_text(md + "\n", encoding="utf-8")
    print()
    print(md)
    print(f"(total {report['total_wall_s'] / 60:.1f} min; results in {RESULTS / name}.json and .md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
