"""Time the same treatytrack commands under two installs, alternated, and print a Markdown table.

    python benchmarks/compare.py BEFORE AFTER DATAFILE [--rounds N] [--as-of YYYY-MM-DD]

BEFORE and AFTER are `treatytrack` executables (say, a venv of the main branch and one of a
branch). Each round runs every command once under each, the order of the two swapped every
other round, so that drift in machine load lands on both alike. Each install has its own cache
directory, warmed (and the command checked) by an untimed first run; the timed runs are repeat
runs, as a user's are. Reported: medians of the child's CPU time (user + system, from wait4:
what the command itself costs, and far less disturbed by other jobs on the machine than the
wall clock) and of wall-clock time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS: dict[str, list[str]] = {
    "list": ["list"],
    "timeline": ["timeline"],
    "diff": ["diff", "2016-11-28", "2026-11-28"],
    "party": ["party", "USA"],
    "limits": ["limits"],
    "parties npt": ["parties", "npt"],
    "standings --by year": ["standings", "--by", "year"],
}


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """CPU seconds (user + system), wall seconds and exit status of one run."""
    started = time.perf_counter()
    with subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as child:
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped: stop Popen waiting again
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started, child.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time commands under two treatytrack installs, alternated.")
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("data", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--as-of", default="2026-11-28")
    args = parser.parse_args(argv)
    exes = {"before": str(args.before), "after": str(args.after)}
    base = {k: v for k, v in os.environ.items() if not k.startswith("TREATYTRACK") and k != "PYTHONUNBUFFERED"}
    base |= {"NO_COLOR": "1", "COLUMNS": "100"}
    cpu: dict[tuple[str, str], list[float]] = {(e, c): [] for e in exes for c in COMMANDS}
    wall: dict[tuple[str, str], list[float]] = {(e, c): [] for e in exes for c in COMMANDS}
    with tempfile.TemporaryDirectory(prefix="treatytrack-compare-") as tmp:
        envs = {e: base | {"TREATYTRACK_CACHE_DIR": str(Path(tmp) / e)} for e in exes}

        def argv_of(exe: str, name: str) -> list[str]:
            return [exe, *COMMANDS[name], "--as-of", args.as_of, "--data", str(args.data)]

        for e, exe in exes.items():
            for name, words in COMMANDS.items():
                if run(argv_of(exe, name), envs[e])[2] != 0:
                    sys.exit(f"{exe} {' '.join(words)} failed")
        for number in range(args.rounds):
            order = list(exes) if number % 2 == 0 else list(reversed(exes))
            for name in COMMANDS:
                for e in order:
                    used, took, _ = run(argv_of(exes[e], name), envs[e])
                    cpu[e, name].append(used)
                    wall[e, name].append(took)
            print(f"round {number + 1}/{args.rounds}", file=sys.stderr)

    def ms(times: list[float]) -> float:
        return statistics.median(times) * 1000

    print("| command | before: CPU ms | before: wall ms | after: CPU ms | after: wall ms | after ÷ before (CPU) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, words in COMMANDS.items():
        before, after = ms(cpu["before", name]), ms(cpu["after", name])
        print(
            f"| `{' '.join(words)}` | {before:.0f} | {ms(wall['before', name]):.0f} | {after:.0f} | "
            f"{ms(wall['after', name]):.0f} | {after / before:.2f}× |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
