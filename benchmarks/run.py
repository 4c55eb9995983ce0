"""Time treatytrack's commands as whole processes, next to the baselines that bound them.

    python benchmarks/run.py [--startup-rounds N] [--rounds N] [--sizes 100,1000,2000,10000] [--quick]
                             [--output FILE]

Why whole processes: what a user waits for is interpreter start-up + imports + loading +
rendering, which in-process timers miss. Why baselines: `python -c pass` is the interpreter's
floor, a do-nothing Typer app the floor for any Typer CLI, and a bare libyaml parse of the same
file the floor for reading a dataset; a ratio to a floor says how much is treatytrack's own.
Why round-robin: every round runs each command once, so drift in machine load (other jobs,
thermal throttling) lands on all commands alike, and medians drop the odd slow run.
Why two phases: a multi-second parse of a large file run between two 20-ms start-ups disturbs
them (CPU caches, clock frequency), and not all of them alike; so the start-up commands alternate
among themselves first, then the dataset commands, and every ratio to a floor is taken within
one phase.
Why an emptied cache directory: a user's first run on a file parses, validates, answers and
writes the cache; `--no-cache` skips the writing, and a second run reads the cache. So the first
run points TREATYTRACK_CACHE_DIR at a directory deleted (untimed) before each of its runs.
Why byte-compile first: an installed treatytrack loads its modules from .pyc files that pip
wrote at install time; an editable install under PYTHONDONTWRITEBYTECODE=1 would compile them
from source on every run instead, a cost no user of a released package pays.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

AS_OF = "2026-11-28"
DEFAULT_STARTUP_ROUNDS, QUICK_STARTUP_ROUNDS = 30, 10  # start-up phase: cheap rounds, noisier commands
DEFAULT_ROUNDS, QUICK_ROUNDS = 15, 5  # dataset phase
DEFAULT_SIZES: tuple[int, ...] = (100, 1000, 2000, 10000)  # issue #6's targets name 2,000 and 10,000
QUICK_SIZES: tuple[int, ...] = (100, 1000)
TARGET_SIZES = (2000, 10000)  # the dataset sizes issue #6 sets targets for; others are context
MEMORY_TARGET_SIZE = 10000  # the size issue #6's peak-memory target names
MEMORY_SIZE = 2000  # peak memory is measured for this size (if it ran) as well as for the largest
TABLE_SIZE = 2000  # the size whose terminal tables are timed (or the largest size run, if smaller)
# Terminal tables of large listings (issue #15): every column's width is set before Rich draws,
# so Rich measures no cell. Repeat runs (the cache warm), COLUMNS=100, output to /dev/null.
TABLE_COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("list", ("list",)),
    ("timeline", ("timeline",)),
    ("diff", ("diff", "2016-11-28", AS_OF)),
    ("party", ("party", "USA")),
    ("limits", ("limits",)),
)
# Long views of the bundled data (issue #23), in the start-up phase: a repeat run (the cache
# warm), COLUMNS=100, output to /dev/null. Each: key, the command as shown, the arguments that
# fix its day, and its target as a multiple of the Typer command (None: timed, no target).
VIEW_COMMANDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], float | None], ...] = (
    ("view-timeline", ("timeline",), ("--as-of", AS_OF), 1.5),
    ("view-diff", ("diff", "2016-11-28", AS_OF), (), 1.3),
    ("view-parties", ("parties", "npt"), ("--as-of", AS_OF), 1.3),
    ("view-standings", ("standings", "--by", "year"), ("--as-of", AS_OF), 3.0),
    ("view-html", ("export", "html"), (), None),
)
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
    """One command to time, and which floors its ratios are taken against.

    `prepare` runs, untimed, before every run of the command (warm-up, timing, peak memory):
    it sets up the state the command is meant to meet, such as an empty cache.
    """

    key: str
    label: str
    argv: list[str]
    env: dict[str, str]
    floor_size: int | None = None  # a dataset row: compare with the bare parses of this size's file
    prepare: Callable[[], None] | None = None
    times: list[float] = field(default_factory=list)

    def run_prepare(self) -> None:
        if self.prepare is not None:
            self.prepare()

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def iqr_ms(self) -> float:
        if len(self.times) < 2:
            return 0.0
        low, _, high = statistics.quantiles(self.times, n=4)
        return (high - low) * 1000


@dataclass
class Peak:
    """One peak-memory measurement, with the dataset the command read (if any)."""

    bench: Bench
    rss: int  # bytes
    how: str
    size: int | None = None  # treaties in the dataset
    file_size: int | None = None  # bytes

    @property
    def share(self) -> float | None:
        """Peak RSS as a multiple of the file size: what issue #6's memory target is stated in."""
        return self.rss / self.file_size if self.file_size else None


@dataclass
class Target:
    """One of issue #6's targets: a ratio from this run against its limit."""

    name: str
    value: float | None  # None: not measured in this run
    limit: float
    strict: bool = False  # `<` rather than `≤`
    note: str = ""  # why it was not measured, or how to read the value

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value < self.limit if self.strict else self.value <= self.limit

    @property
    def result(self) -> str:
        if self.value is None:
            return f"not measured ({self.note})" if self.note else "not measured"
        shown = target_ratio(self.value, self.limit)
        return f"{shown} ({self.note})" if self.note else shown


def parse_sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of numbers") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive numbers, e.g. 100,1000,10000")
    return sizes


def byte_compile() -> None:
    """Compile the installed treatytrack package to bytecode, as pip does at install time.

    pip-installed dependencies come with .pyc files; treatytrack's own modules in an editable
    install do not, and with PYTHONDONTWRITEBYTECODE=1 each run would compile them from source
    again, timing a cost that users of an installed release never pay. The package is looked up
    with this interpreter, the venv's, so it is the copy the console script imports.
    """
    spec = importlib.util.find_spec("treatytrack")
    if spec is None:
        sys.exit(f"treatytrack is not importable by {sys.executable}")
    # A package's folders (compileall recurses into them), or a lone module's file.
    paths = list(spec.submodule_search_locations or ([spec.origin] if spec.origin else []))
    for path in paths:
        subprocess.run([sys.executable, "-m", "compileall", "-q", path], check=True)


def base_env(cache_dir: Path) -> dict[str, str]:
    """The caller's environment without treatytrack settings, plus fixed terminal settings.

    A private XDG cache directory keeps a cache (if treatytrack keeps one) from leaking in from
    earlier use or out into the user's home. Output is buffered, as in a user's shell: a
    PYTHONUNBUFFERED set for the benchmark's own sake would make every write a system call.
    """
    env = {
        k: v for k, v in os.environ.items() if not k.lstrip("_").startswith("TREATYTRACK") and k != "PYTHONUNBUFFERED"
    }
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


def first_run_cache(folder: Path, size: int) -> Path:
    """The cache directory of one size's first-run row: emptied before each of its runs."""
    return folder / f"first-run-cache-{size}"


def startup_benches(treatytrack: str, app: Path, env: dict[str, str]) -> list[Bench]:
    """Phase one: the start-up commands, tens of milliseconds each, and their floors."""
    python = sys.executable
    complete_env = env | {
        "_TREATYTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": "treatytrack show new",
        "COMP_CWORD": "2",
    }
    json_list = [treatytrack, "list", "--format", "json", "--as-of", AS_OF]
    return [
        Bench("python", "`python -c pass`", [python, "-c", "pass"], env),
        Bench("typer", "do-nothing Typer app (`app.py hello`)", [python, str(app), "hello"], env),
        Bench("version", "`treatytrack --version`", [treatytrack, "--version"], env),
        Bench("list-json", "`treatytrack list --format json` (bundled data)", json_list, env),
        Bench(
            "list-table", "`treatytrack list` (Rich table, bundled data)", [treatytrack, "list", "--as-of", AS_OF], env
        ),
        Bench("complete", "completion of `treatytrack show new<TAB>`", [treatytrack], complete_env),
        *(
            Bench(key, f"`{' '.join(args)}` (bundled data)", [treatytrack, *args, *extra], env)
            for key, args, extra, _ in VIEW_COMMANDS
        ),
    ]


def dataset_benches(
    treatytrack: str, datasets: dict[int, Path], no_cache: bool, env: dict[str, str], folder: Path
) -> list[Bench]:
    """Phase two: each synthetic file's bare parses and treatytrack's runs on it.

    Three runs of the same `list`: the first run (its own cache directory, emptied before each
    run, so it parses, validates, answers and writes the cache as a user's first run does);
    every run with `--no-cache` (parses and validates, writes nothing); and the repeat run (the
    shared cache, which the warm-up round fills).
    """
    python = sys.executable
    parse = "import yaml,sys; yaml.load(open(sys.argv[1],'rb'), Loader=yaml.CSafeLoader)"
    benches = []
    for size, path in datasets.items():
        what = f"{size:,} treaties ({mib(path.stat().st_size)})"
        data = [treatytrack, "list", "--format", "json", "--as-of", AS_OF, "--data", str(path)]
        cache = first_run_cache(folder, size)
        benches += [
            Bench(f"yaml-{size}", f"bare libyaml parse, {what}", [python, "-c", parse, str(path)], env),
            # The cyclic GC dominates a plain yaml.load of a big file; this row is the parse without it.
            Bench(
                f"yaml-nogc-{size}",
                f"bare libyaml parse, GC off, {what}",
                [python, "-c", f"import gc; gc.disable(); {parse}", str(path)],
                env,
            ),
            Bench(
                f"first-{size}",
                f"`list --format json`, {what}, first run (empty cache)",
                data,
                env | {"TREATYTRACK_CACHE_DIR": str(cache)},
                size,
                prepare=partial(shutil.rmtree, cache, ignore_errors=True),
            ),
        ]
        if no_cache:
            benches.append(
                Bench(
                    f"nocache-{size}",
                    f"`list --format json`, {what}, every run without the cache (`--no-cache`)",
                    [*data, "--no-cache"],
                    env,
                    size,
                )
            )
        benches.append(Bench(f"repeat-{size}", f"`list --format json`, {what}, repeat run", data, env, size))
    table_size = table_size_of(tuple(datasets))
    for name, args in TABLE_COMMANDS:
        path = datasets[table_size]
        what = f"{table_size:,} treaties ({mib(path.stat().st_size)})"
        argv = [treatytrack, *args, "--as-of", AS_OF, "--data", str(path)]
        benches.append(Bench(f"table-{name}", f"`{' '.join(args)}` (Rich table), {what}, repeat run", argv, env))
    return benches


def table_size_of(sizes: tuple[int, ...]) -> int:
    """The size whose tables are timed: TABLE_SIZE if it runs, else the largest size below it, else the smallest."""
    below = [size for size in sizes if size <= TABLE_SIZE]
    return max(below) if below else min(sizes)


def check_first_runs_cache(folder: Path, sizes: tuple[int, ...]) -> None:
    """Stop if a first run wrote no cache where it was told to: its row would time something else.

    Called after the warm-up round, whose first runs each wrote their cache (or should have).
    """
    for size in sizes:
        cache = first_run_cache(folder, size)
        if not cache.is_dir() or not any(cache.iterdir()):
            sys.exit(
                f"the first run on {treaties(size)} wrote no cache into TREATYTRACK_CACHE_DIR={cache}: "
                "its row would not time a first run"
            )


def time_once(bench: Bench) -> float:
    bench.run_prepare()
    start = time.perf_counter()
    subprocess.run(bench.argv, env=bench.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def warm_up(benches: list[Bench]) -> None:
    """One untimed round that also checks every command works: timing a failure means nothing.

    Output is discarded, not captured, so this process stays small (see `peak_rss`).
    """
    for bench in benches:
        bench.run_prepare()
        result = subprocess.run(
            bench.argv, env=bench.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
        )
        if result.returncode != 0:
            sys.exit(f"{bench.label} failed (exit {result.returncode}):\n{result.stderr[-2000:]}")


def measure(benches: list[Bench], rounds: int, phase: str) -> None:
    """Round-robin: each round runs every command once, starting one further along each time."""
    started = time.perf_counter()
    for round_no in range(rounds):
        shift = round_no % len(benches)
        for bench in benches[shift:] + benches[:shift]:
            bench.times.append(time_once(bench))
        elapsed = time.perf_counter() - started
        print(f"{phase}: round {round_no + 1}/{rounds} done ({elapsed:.0f} s)", file=sys.stderr)


def peak_rss(bench: Bench) -> tuple[int, str] | None:
    """The child's peak RSS in bytes, and how it was measured.

    RUSAGE_CHILDREN keeps the maximum over all children ever waited for, so deltas of it are
    useless. GNU time reports one child's own figure. Failing that, wait4 gives it per child,
    but Linux carries the pre-exec address space's peak into it, and subprocess spawns with
    vfork, so that figure is at least this script's own peak: an upper bound for small children.
    """
    if Path(GNU_TIME).exists():
        bench.run_prepare()
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

    bench.run_prepare()  # again, should GNU time have run the command
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


def target_ratio(value: float, limit: float) -> str:
    """A ratio like `ratio()`'s, with more digits where one would round it onto the limit.

    Otherwise 1.14 would show as "1.1×" next to "no" for a limit of 1.1, and 3.96 as "4.0×"
    next to "yes" for a limit of 4.
    """
    for digits in (1, 2):
        shown = f"{value:.{digits}f}"
        if shown != f"{limit:.{digits}f}":
            break
    return f"{shown}×"


def duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def treaties(size: int) -> str:
    return f"{size:,} treaties"


def targets(benches: list[Bench], memory: list[Peak], file_sizes: dict[int, int]) -> list[Target]:
    """Issue #6's and #23's targets, against this run's medians; a size that did not run is "not measured".

    Only the sizes the issue names are held to its targets; other sizes are context in the timings.
    Every ratio divides by a floor from the same phase (start-up or datasets).
    """
    medians = {b.key: b.median_ms for b in benches}
    typer_ms = medians["typer"]

    def over(key: str, floor_key: str) -> float | None:
        value, floor = medians.get(key), medians.get(floor_key)
        return value / floor if value is not None and floor else None

    result = [
        Target("`treatytrack --version` ≤ 1.1× the do-nothing Typer command", medians["version"] / typer_ms, 1.1),
        Target("`list --format json` (bundled data) ≤ 1.2× the Typer command", medians["list-json"] / typer_ms, 1.2),
        Target("`list` as a Rich table ≤ 1.4× the Typer command", medians["list-table"] / typer_ms, 1.4),
        Target("completion of a treaty name ≤ 1.2× the Typer command", medians["complete"] / typer_ms, 1.2),
    ]
    for key, args, _, limit in VIEW_COMMANDS:
        if limit is not None:
            name = f"`{' '.join(args)}` (bundled data, issue #23) ≤ {limit:g}× the Typer command"
            result.append(Target(name, medians[key] / typer_ms, limit))
    per_size = (
        ("first", "yaml", 1.0, "first run (empty cache) ≤ 1.0× a bare libyaml parse of the same file"),
        ("repeat", "first", 0.2, "repeat run ≤ 0.2× the first run (empty cache)"),
    )
    for run, floor, limit, name in per_size:
        for size in TARGET_SIZES:
            note = "" if size in file_sizes else "size not run"
            value = None if note else over(f"{run}-{size}", f"{floor}-{size}")
            result.append(Target(f"{treaties(size)}: {name}", value, limit, note=note))
    size = MEMORY_TARGET_SIZE
    what = f"{treaties(size)}, {mib(file_sizes[size])}" if size in file_sizes else treaties(size)
    for run, label in (("first", "first run (empty cache)"), ("repeat", "repeat run")):
        peak = next((m for m in memory if m.bench.key == f"{run}-{size}"), None)
        if size not in file_sizes:
            note = "size not run"
        elif peak is None:
            note = "no way to measure it here"
        elif peak.how != "GNU time":
            note = "an upper bound, from wait4"
        else:
            note = ""
        result.append(
            Target(
                f"peak memory of `list --format json` on {what}, {label} < 4× the file size",
                None if peak is None else peak.share,
                4.0,
                strict=True,
                note=note,
            )
        )
    return result


def report(
    startup: list[Bench],
    datasets: list[Bench],
    startup_rounds: int,
    rounds: int,
    version: str,
    no_cache: bool,
    memory: list[Peak],
    file_sizes: dict[int, int],
    elapsed: float,
) -> str:
    benches = startup + datasets
    by_key = {b.key: b for b in benches}
    python_ms, typer_ms = by_key["python"].median_ms, by_key["typer"].median_ms
    now = dt.datetime.now().astimezone()
    lines = [
        f"## treatytrack benchmarks, {now:%Y-%m-%d %H:%M %Z}",
        "",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs ({cpu_model()})",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {version}",
        f"- method: treatytrack's modules byte-compiled first, as pip does on install; each command as a whole "
        f"process (`subprocess.run`, output to /dev/null, buffered as in a shell, NO_COLOR=1, COLUMNS=100, "
        f"`--as-of {AS_OF}`); "
        f"two phases, each 1 warm-up round and then measured rounds with its commands alternated round-robin: "
        f"start-up (the first {len(startup)} rows, {startup_rounds} rounds), then datasets (the rest, "
        f"{rounds} rounds), because a multi-second parse run between two 20-ms start-ups would disturb them "
        "(CPU caches, clock frequency), and unequally; a first run (empty cache) has its own "
        "TREATYTRACK_CACHE_DIR, deleted untimed before each run, and a repeat run reads the cache the warm-up "
        "round wrote; wall-clock medians, IQR = interquartile range",
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
        "The libyaml columns compare rows of the dataset phase with parses timed in the same phase; the "
        "`python -c pass` and Typer-app columns of dataset rows divide by the start-up phase's medians, "
        "for reference.",
        "",
        "A plain `yaml.load` of a big file spends most of its time in Python's cyclic garbage collector (each "
        "new container counts towards the next collection, and full collections rescan everything built so far); "
        "the GC-off row is the parse alone.",
    ]
    if not no_cache:
        lines += [
            "",
            "`list` does not accept `--no-cache` (yet): the rows for every run without the cache are left out.",
        ]
    if memory:
        measured_sizes = " and ".join(f"{size:,}" for size in sorted({m.size for m in memory if m.size}))
        lines += [
            "",
            f"Peak memory (max RSS of the child process, one run each) with {measured_sizes} treaties; "
            "RSS ÷ file size divides by the size of the file that row's command read. The first run starts "
            "from an empty cache, as in the timings; the `--no-cache` rows are for information (no target).",
            "",
            "| command | file MiB | peak RSS MiB | RSS ÷ file size | measured with |",
            "| --- | ---: | ---: | ---: | --- |",
        ]
        for m in memory:
            size = f"{m.file_size / 2**20:.1f}" if m.file_size else "—"
            share = ratio(m.rss, m.file_size)
            lines.append(f"| {m.bench.label} | {size} | {m.rss / 2**20:.0f} | {share} | {m.how} |")
    goals = targets(benches, memory, file_sizes)
    lines += [
        "",
        "### Against the targets of issues #6 and #23 (this run)",
        "",
        "| target | result | met |",
        "| --- | --- | --- |",
    ]
    for goal in goals:
        met = {True: "yes", False: "no", None: "—"}[goal.met]
        lines.append(f"| {goal.name} | {goal.result} | {met} |")
    unmet = [goal.name for goal in goals if goal.met is False]
    unmeasured = [goal.name for goal in goals if goal.met is None]
    lines.append("")
    if unmet:
        lines.append("Not met: " + "; ".join(unmet) + ".")
    elif unmeasured:
        lines.append("Every target measured was met.")
    else:
        lines.append("Every target met.")
    if unmeasured:
        lines.append(f"Not measured in this run: {len(unmeasured)} of {len(goals)} targets (see the table).")
    default_sizes = ", ".join(f"{size:,}" for size in DEFAULT_SIZES)
    lines += [
        "",
        f"Regenerate with `.venv/bin/python benchmarks/run.py --output benchmarks/RESULTS.md` "
        f"({DEFAULT_STARTUP_ROUNDS} start-up rounds, {DEFAULT_ROUNDS} dataset rounds, sizes {default_sizes}; "
        f"`--quick` for a smoke run). This run took {duration(elapsed)}.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    parser = argparse.ArgumentParser(description="Time treatytrack's commands as whole processes.")
    parser.add_argument(
        "--startup-rounds",
        type=int,
        help=f"measured rounds of the start-up phase after 1 warm-up "
        f"(default {DEFAULT_STARTUP_ROUNDS}; {QUICK_STARTUP_ROUNDS} with --quick)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        help=f"measured rounds of the dataset phase after 1 warm-up "
        f"(default {DEFAULT_ROUNDS}; {QUICK_ROUNDS} with --quick)",
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        help=f"synthetic dataset sizes (default {','.join(map(str, DEFAULT_SIZES))})",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke run: {QUICK_STARTUP_ROUNDS} start-up rounds, {QUICK_ROUNDS} dataset rounds, "
        f"sizes {','.join(map(str, QUICK_SIZES))}",
    )
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    startup_rounds: int = (
        args.startup_rounds
        if args.startup_rounds is not None
        else (QUICK_STARTUP_ROUNDS if args.quick else DEFAULT_STARTUP_ROUNDS)
    )
    rounds: int = args.rounds if args.rounds is not None else (QUICK_ROUNDS if args.quick else DEFAULT_ROUNDS)
    sizes: tuple[int, ...] = args.sizes if args.sizes is not None else (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    if startup_rounds < 1:
        parser.error("--startup-rounds must be at least 1")
    if rounds < 1:
        parser.error("--rounds must be at least 1")
    # The console script of the interpreter running this file, not whatever is first on PATH.
    treatytrack = Path(sys.executable).parent / ("treatytrack.exe" if os.name == "nt" else "treatytrack")
    if not treatytrack.exists():
        parser.error(f"{treatytrack} not found; run this with the Python of the venv treatytrack is installed in")
    byte_compile()

    with tempfile.TemporaryDirectory(prefix="treatytrack-bench-") as tmp:
        folder = Path(tmp)
        env = base_env(folder / "cache")
        app = folder / "app.py"
        app.write_text(TYPER_APP, encoding="utf-8")
        datasets = generate(sizes, folder)
        file_sizes = {size: path.stat().st_size for size, path in datasets.items()}
        no_cache = supports_no_cache(str(treatytrack), env)
        version = run_checked([str(treatytrack), "--version"], env).stdout.strip()
        startup = startup_benches(str(treatytrack), app, env)
        warm_up(startup)
        measure(startup, startup_rounds, "start-up")
        data_benches = dataset_benches(str(treatytrack), datasets, no_cache, env, folder)
        warm_up(data_benches)
        check_first_runs_cache(folder, sizes)
        measure(data_benches, rounds, "datasets")
        by_key = {b.key: b for b in startup + data_benches}
        memory = []
        measured = peak_rss(by_key["python"])
        if measured is not None:
            memory.append(Peak(by_key["python"], *measured))
        for size in sorted({max(sizes), MEMORY_SIZE, MEMORY_TARGET_SIZE} & set(sizes)):
            for key in (f"yaml-{size}", f"first-{size}", f"nocache-{size}", f"repeat-{size}"):
                if key not in by_key:  # no --no-cache row
                    continue
                measured = peak_rss(by_key[key])
                if measured is not None:
                    memory.append(Peak(by_key[key], *measured, size=size, file_size=file_sizes[size]))
        elapsed = time.perf_counter() - started
        text = report(startup, data_benches, startup_rounds, rounds, version, no_cache, memory, file_sizes, elapsed)

    print(text)
    if args.output is not None:
        write_section(args.output, "run", text)
    return 0


def write_section(path: Path, name: str, text: str) -> None:
    """Put `text` in `path` between its section's markers, keeping the other scripts' sections
    (run.py's and states.py's share benchmarks/RESULTS.md); a file without them gets it appended."""
    begin, end = f"<!-- begin {name} (written by benchmarks/) -->", f"<!-- end {name} -->"
    block = f"{begin}\n{text.rstrip()}\n{end}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        new = head + block + rest.split(end, 1)[1].lstrip("\n")
    else:
        new = (old.rstrip() + "\n\n" if old.strip() else "") + block
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
