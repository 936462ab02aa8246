"""Start-up benchmark: whole `herald` processes beside `python -c pass` from the same run.

Commands: `herald --help`, `herald format` of a one-paragraph Markdown article and of a plain
text one (output to a pipe, as when redirected), and the Markdown one on a terminal (a pty, so
Rich styles it). The commands run interleaved, round after round, so a busy moment on this shared
machine hits every command alike; each row is the median wall and CPU time of the rounds and its
ratio to `python -c pass`. Then `-X importtime` of the format command: the summed top-level
import time (median) and the ten slowest top-level imports.

`--tree DIR` (repeatable) times the Herald source tree in DIR (first on PYTHONPATH, e.g. a copy
of an earlier commit: `git archive HEAD | tar -x -C /tmp/base`) instead of the installed one, so
before and after come from the same run.

Bytecode: an installed Herald has its .pyc files. When the environment sets
PYTHONDONTWRITEBYTECODE, every posts/scheduler module would be compiled from source on every run,
so by default the runs write bytecode under a private temporary PYTHONPYCACHEPREFIX (nothing is
written into the tree) after one untimed warm-up; `--no-bytecode` measures the environment as is.

    .venv/bin/python bench/bench_startup.py [--runs 9] [--no-bytecode] [--tree DIR ...]
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERALD = str(Path(sys.executable).with_name("herald"))
PARAGRAPH = (
    "The city council approved a new budget for the riverside park on Tuesday, adding lights "
    "along the footpath, two new benches near the ferry stop and a small playground that "
    "volunteers have asked for since 2019, after a vote of seven to two that ended a debate "
    "lasting most of the evening.\n"
)
GOALS = {"--help": 0.10, "format one-paragraph.md": 0.25}
_IMPORT_LINE = re.compile(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)")


class Run:
    """One command to time: its arguments, environment, and whether it writes to a terminal."""

    def __init__(self, argv: list[str], env: dict[str, str], tty: bool = False) -> None:
        self.argv, self.env, self.tty = argv, env, tty

    def once(self) -> tuple[float, float]:
        """One whole process: wall seconds and CPU seconds (user + system)."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        self._spawn()
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

    def _spawn(self) -> None:
        if not self.tty:
            subprocess.run(self.argv, env=self.env, check=True, capture_output=True)
            return
        leader, follower = pty.openpty()
        try:
            done = subprocess.Popen(self.argv, env=self.env, stdout=follower, stderr=follower)
            os.close(follower)
            while _drain(leader):
                pass
            if done.wait() != 0:
                raise SystemExit(f"{self.argv} failed")
        finally:
            os.close(leader)


def _drain(descriptor: int) -> bool:
    try:
        return bool(os.read(descriptor, 65536))
    except OSError:  # the terminal closed: the process ended
        return False


def environment(workdir: Path, bytecode: bool, tree: Path | None) -> dict[str, str]:
    """Herald on its embedded defaults in ``workdir``; bytecode in a private cache if asked."""
    env = {**os.environ, "HERALD_CONFIG": os.devnull, "HERALD_DATA_DIR": str(workdir)}
    env["HERALD_DB"] = str(workdir / "herald.db")
    env["COLUMNS"] = "80"
    env["XDG_CACHE_HOME"] = str(workdir / "cache")  # compiled templates, written by the warm-up
    if tree is not None:
        env["PYTHONPATH"] = str(tree.resolve())
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


def runs(workdir: Path, bytecode: bool, trees: list[Path | None]) -> dict[str, Run]:
    """The processes to time, by the name each row shows (prefixed by the tree if several)."""
    md, txt = workdir / "one-paragraph.md", workdir / "one-paragraph.txt"
    md.write_text(PARAGRAPH, encoding="utf-8")
    txt.write_text(PARAGRAPH, encoding="utf-8")
    found = {
        "python -c pass": Run([sys.executable, "-c", "pass"], environment(workdir, bytecode, None))
    }
    for tree in trees:
        env = environment(workdir, bytecode, tree)
        label = f"[{tree}] " if tree else ""
        found[f"{label}--help"] = Run([HERALD, "--help"], env)
        found[f"{label}format one-paragraph.md"] = Run([HERALD, "format", str(md)], env)
        found[f"{label}format one-paragraph.txt"] = Run([HERALD, "format", str(txt)], env)
        found[f"{label}format one-paragraph.md (terminal)"] = Run(
            [HERALD, "format", str(md)], env, tty=True
        )
    return found


def medians(timed: dict[str, Run], n: int) -> dict[str, tuple[float, float]]:
    """Wall and CPU medians per command, from ``n`` interleaved rounds (one warm-up first)."""
    for run in timed.values():
        run.once()
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in timed}
    for _ in range(n):
        for name, run in timed.items():
            times[name].append(run.once())
    return {
        name: (statistics.median(t[0] for t in got), statistics.median(t[1] for t in got))
        for name, got in times.items()
    }


def import_times(run: Run) -> dict[str, int]:
    """Cumulative µs of each top-level import of one ``-X importtime`` run."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *run.argv], env=run.env, capture_output=True, text=True
    )
    found: dict[str, int] = {}
    for line in done.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match and not match[2]:
            found[match[3]] = int(match[1])
    return found


def import_report(name: str, run: Run, n: int) -> None:
    """Median total top-level import time of ``run`` and its ten slowest top-level imports."""
    samples = [import_times(run) for _ in range(n)]
    total = statistics.median(sum(s.values()) for s in samples)
    each = {module: statistics.median(s.get(module, 0) for s in samples) for module in samples[0]}
    print(f"\n`-X importtime` of `herald {name}`, median of {n}: all top-level imports "
          f"{total / 1000:.1f} ms")  # fmt: skip
    print("| top-level import | cumulative ms |\n|---|---|")
    for module, us in sorted(each.items(), key=lambda item: -item[1])[:10]:
        print(f"| {module} | {us / 1000:.1f} |")


def report(results: dict[str, tuple[float, float]], n: int, bytecode: bool) -> None:
    base_wall, _ = results["python -c pass"]
    print(f"Median of {n} interleaved rounds (bytecode cached: {bytecode}):")
    print("| command | wall s | CPU s | wall / python -c pass | goal |\n|---|---|---|---|---|")
    for name, (wall, cpu) in results.items():
        goal = GOALS.get(name.split("] ")[-1])
        verdict = "–" if goal is None else f"≤ {goal} s: {'ok' if wall <= goal else 'over'}"
        print(f"| `{name}` | {wall:.3f} | {cpu:.3f} | {wall / base_wall:.1f} | {verdict} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-bytecode", dest="bytecode", action="store_false")
    parser.add_argument("--tree", type=Path, action="append", dest="trees")
    args = parser.parse_args()
    trees: list[Path | None] = list(args.trees or [None])
    with tempfile.TemporaryDirectory() as tmp:
        timed = runs(Path(tmp), args.bytecode, trees)
        report(medians(timed, args.runs), args.runs, args.bytecode)
        for name, run in timed.items():
            if name.endswith("format one-paragraph.md"):
                import_report(name, run, args.runs)


if __name__ == "__main__":
    main()
