"""Time treatytrack's commands as whole processes, next to the baselines that bound them.

    python benchmarks/run.py [--rounds N] [--sizes 100,1000,10000] [--quick] [--output FILE]

Why whole processes: what a user waits for is interpreter start-up + imports + loading +
rendering, which in-process timers miss. Why baselines: `python -c pass` is the interpreter's
floor, a do-nothing Typer app the floor for any Typer CLI, and a bare libyaml parse of the same
file the floor for reading a dataset; a ratio to a floor says how much is treatytrack's own.
Why round-robin: every round runs each command once, so drift in machine load (other jobs,
thermal throttling) lands on all commands alike, and medians drop the odd slow run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

AS_OF = "2026-11-28"
GENERATOR = Path(__file__).with_name("generate.py")
GNU_TIME = "/usr/bin/time"
TYPER_APP = '''\
"""A do-nothing two-command Typer app: the start-up floor for any Typer CLI."""
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


@app.command()
def bye() -> None:
    print("bye")


if __name__ == "__main__":
    app()
'''


@dataclass
class Bench:
    """One command to time, and which floors its ratios are taken against."""

    key: str
    label: str
    argv: list[str]
    env: dict[str, str]
    floor_size: int | None = None  # a dataset row: compare with the bare parses of this size's file
    times: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def iqr_ms(self) -> float:
        if len(self.times) < 2:
            return 0.0
        low, _, high = statistics.quantiles(self.times, n=4)
        return (high - low) * 1000


def parse_sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of numbers") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive numbers, e.g. 100,1000,10000")
    return sizes


def base_env(cache_dir: Path) -> dict[str, str]:
    """The caller's environment without treatytrack settings, plus fixed terminal settings.

    A private XDG cache directory keeps a cache (if treatytrack keeps one) from leaking in from
    earlier use or out into the user's home.
    """
    env = {k: v for k, v in os.environ.items() if not k.lstrip("_").startswith("TREATYTRACK")}
    env.update(NO_COLOR="1", COLUMNS="100", XDG_CACHE_HOME=str(cache_dir))
    return env


def run_checked(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=False)


def supports_no_cache(treatytrack: str, env: dict[str, str]) -> bool:
    """Whether `list` accepts `--no-cache` (it may not exist yet): Click exits 2 on an unknown option."""
    result = run_checked([treatytrack, "list", "--no-cache", "--format", "json", "--as-of", AS_OF], env)
    if result.returncode == 0:
        return True
    if result.returncode == 2 and "--no-cache" in result.stderr:
        return False
    sys.exit(f"treatytrack list failed while probing for --no-cache:\n{result.stderr}")


def generate(sizes: tuple[int, ...], folder: Path) -> dict[int, Path]:
    """Write one synthetic dataset per size, once, before any timing."""
    files = {}
    for size in sizes:
        path = folder / f"treaties-{size}.yaml"
        subprocess.run([sys.executable, str(GENERATOR), str(size), str(path)], check=True)
        files[size] = path
    return files


def mib(size: float) -> str:
    return f"{size / 2**20:.1f} MiB"


def build_benches(
    treatytrack: str, app: Path, datasets: dict[int, Path], no_cache: bool, env: dict[str, str]
) -> list[Bench]:
    python = sys.executable
    complete_env = env | {
        "_TREATYTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": "treatytrack show new",
        "COMP_CWORD": "2",
    }
    json_list = [treatytrack, "list", "--format", "json", "--as-of", AS_OF]
    benches = [
        Bench("python", "`python -c pass`", [python, "-c", "pass"], env),
        Bench("typer", "do-nothing Typer app (`app.py hello`)", [python, str(app), "hello"], env),
        Bench("version", "`treatytrack --version`", [treatytrack, "--version"], env),
        Bench("list-json", "`treatytrack list --format json` (bundled data)", json_list, env),
        Bench(
            "list-table", "`treatytrack list` (Rich table, bundled data)", [treatytrack, "list", "--as-of", AS_OF], env
        ),
        Bench("complete", "completion of `treatytrack show new<TAB>`", [treatytrack], complete_env),
    ]
    parse = "import yaml,sys; yaml.load(open(sys.argv[1],'rb'), Loader=yaml.CSafeLoader)"
    for size, path in datasets.items():
        what = f"{size:,} treaties ({mib(path.stat().st_size)})"
        data = [*json_list, "--data", str(path)]
        first = [*data, "--no-cache"] if no_cache else data
        benches += [
            Bench(f"yaml-{size}", f"bare libyaml parse, {what}", [python, "-c", parse, str(path)], env),
            # The cyclic GC dominates a plain yaml.load of a big file; this row is the parse without it.
            Bench(
                f"yaml-nogc-{size}",
                f"bare libyaml parse, GC off, {what}",
                [python, "-c", f"import gc; gc.disable(); {parse}", str(path)],
                env,
            ),
            Bench(f"first-{size}", f"`list --format json`, {what}, first run (`--no-cache`)", first, env, size),
            Bench(f"repeat-{size}", f"`list --format json`, {what}, repeat run", data, env, size),
        ]
    return benches


def time_once(bench: Bench) -> float:
    start = time.perf_counter()
    subprocess.run(bench.argv, env=bench.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def warm_up(benches: list[Bench]) -> None:
    """One untimed round that also checks every command works: timing a failure means nothing.

    Output is discarded, not captured, so this process stays small (see `peak_rss`).
    """
    for bench in benches:
        result = subprocess.run(
            bench.argv, env=bench.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
        )
        if result.returncode != 0:
            sys.exit(f"{bench.label} failed (exit {result.returncode}):\n{result.stderr[-2000:]}")


def measure(benches: list[Bench], rounds: int) -> None:
    """Round-robin: each round runs every command once, starting one further along each time."""
    started = time.perf_counter()
    for round_no in range(rounds):
        shift = round_no % len(benches)
        for bench in benches[shift:] + benches[:shift]:
            bench.times.append(time_once(bench))
        elapsed = time.perf_counter() - started
        print(f"round {round_no + 1}/{rounds} done ({elapsed:.0f} s)", file=sys.stderr)


def peak_rss(bench: Bench) -> tuple[int, str] | None:
    """The child's peak RSS in bytes, and how it was measured.

    RUSAGE_CHILDREN keeps the maximum over all children ever waited for, so deltas of it are
    useless. GNU time reports one child's own figure. Failing that, wait4 gives it per child,
    but Linux carries the pre-exec address space's peak into it, and subprocess spawns with
    vfork, so that figure is at least this script's own peak: an upper bound for small children.
    """
    if Path(GNU_TIME).exists():
        result = subprocess.run(
            [GNU_TIME, "-f", "maxrss=%M", *bench.argv],
            env=bench.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        found = re.findall(r"^maxrss=(\d+)$", result.stderr, re.MULTILINE)
        if found:
            return int(found[-1]) * 1024, "GNU time"
    if not hasattr(os, "wait4"):
        return None
    import resource  # POSIX only, like wait4

    with subprocess.Popen(bench.argv, env=bench.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: stop Popen waiting again
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024
    return usage.ru_maxrss * scale, f"wait4, an upper bound: includes this script's own peak of {mib(own * scale)}"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ratio(value: float, floor: float | None) -> str:
    return f"{value / floor:.1f}×" if floor else "—"


def report(
    benches: list[Bench],
    rounds: int,
    version: str,
    no_cache: bool,
    memory: list[tuple[Bench, int, str]],
    file_size: int,
) -> str:
    by_key = {b.key: b for b in benches}
    python_ms, typer_ms = by_key["python"].median_ms, by_key["typer"].median_ms
    now = dt.datetime.now().astimezone()
    lines = [
        f"## treatytrack benchmarks, {now:%Y-%m-%d %H:%M %Z}",
        "",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs ({cpu_model()})",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {version}",
        f"- method: each command as a whole process (`subprocess.run`, output to /dev/null, NO_COLOR=1, "
        f"COLUMNS=100, `--as-of {AS_OF}`); 1 warm-up round, then {rounds} measured rounds with the commands "
        "alternated round-robin; wall-clock medians, IQR = interquartile range",
        "",
        "| command | median ms | IQR ms | vs `python -c pass` | vs Typer app | vs libyaml parse | vs parse, GC off |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for b in benches:
        parse = by_key[f"yaml-{b.floor_size}"].median_ms if b.floor_size else None
        parse_nogc = by_key[f"yaml-nogc-{b.floor_size}"].median_ms if b.floor_size else None
        lines.append(
            f"| {b.label} | {b.median_ms:.0f} | {b.iqr_ms:.0f} | {ratio(b.median_ms, python_ms)} | "
            f"{ratio(b.median_ms, typer_ms)} | {ratio(b.median_ms, parse)} | {ratio(b.median_ms, parse_nogc)} |"
        )
    lines += [
        "",
        "A plain `yaml.load` of a big file spends most of its time in Python's cyclic garbage collector (each "
        "new container counts towards the next collection, and full collections rescan everything built so far); "
        "the GC-off row is the parse alone.",
    ]
    if not no_cache:
        lines += [
            "",
            "`list` does not accept `--no-cache` (yet): each size's first-run and repeat-run rows ran the same "
            "command, so their difference is measurement noise.",
        ]
    if memory:
        lines += [
            "",
            f"Peak memory (max RSS of the child process, one run each); the dataset file is {mib(file_size)}.",
            "",
            "| command | peak RSS MiB | RSS ÷ file size | measured with |",
            "| --- | ---: | ---: | --- |",
        ]
        for b, rss, how in memory:
            share = ratio(rss, file_size) if b.key != "python" else "—"
            lines.append(f"| {b.label} | {rss / 2**20:.0f} | {share} | {how} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time treatytrack's commands as whole processes.")
    parser.add_argument("--rounds", type=int, help="measured rounds after 1 warm-up (default 15; 5 with --quick)")
    parser.add_argument("--sizes", type=parse_sizes, help="synthetic dataset sizes (default 100,1000,10000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 5 rounds, sizes 100,1000")
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    rounds: int = args.rounds if args.rounds is not None else (5 if args.quick else 15)
    sizes: tuple[int, ...] = (
        args.sizes if args.sizes is not None else ((100, 1000) if args.quick else (100, 1000, 10000))
    )
    if rounds < 1:
        parser.error("--rounds must be at least 1")
    # The console script of the interpreter running this file, not whatever is first on PATH.
    treatytrack = Path(sys.executable).parent / ("treatytrack.exe" if os.name == "nt" else "treatytrack")
    if not treatytrack.exists():
        parser.error(f"{treatytrack} not found; run this with the Python of the venv treatytrack is installed in")

    with tempfile.TemporaryDirectory(prefix="treatytrack-bench-") as tmp:
        folder = Path(tmp)
        env = base_env(folder / "cache")
        app = folder / "app.py"
        app.write_text(TYPER_APP, encoding="utf-8")
        datasets = generate(sizes, folder)
        no_cache = supports_no_cache(str(treatytrack), env)
        version = run_checked([str(treatytrack), "--version"], env).stdout.strip()
        benches = build_benches(str(treatytrack), app, datasets, no_cache, env)
        warm_up(benches)
        measure(benches, rounds)
        largest = max(sizes)
        memory = []
        for key in ("python", f"yaml-{largest}", f"first-{largest}", f"repeat-{largest}"):
            bench = next(b for b in benches if b.key == key)
            measured = peak_rss(bench)
            if measured is not None:
                memory.append((bench, *measured))
        text = report(benches, rounds, version, no_cache, memory, datasets[largest].stat().st_size)

    print(text)
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
