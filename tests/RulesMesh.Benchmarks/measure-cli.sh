#!/usr/bin/env bash
# Whole-process figures for the rulesmesh CLI, as a user runs it: process start, reading and validating the YAML,
# translating and writing the document. For each command, RUNS fresh processes under GNU time; prints the wall time,
# CPU time (user + system) and peak resident set size of each run, then min / median / max as a Markdown table.
#
#   tests/RulesMesh.Benchmarks/measure-cli.sh [--runs N] [--cli "command"] [--out folder] [mesh.yaml]
#
# Without --cli the CLI is published (Release, ReadyToRun, framework-dependent) into the --out folder first. Without a
# mesh file, `generate-mesh` writes the default synthetic mesh there. Needs /usr/bin/time (GNU time) and python3.
set -euo pipefail

runs=5
cli=""
out="${TMPDIR:-/tmp}/rulesmesh-measure"
mesh=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --cli) cli="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) mesh="$1"; shift ;;
  esac
done

repo="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$out"
if [[ -z "$cli" ]]; then
  rid="linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"
  echo "Publishing the CLI ($rid, ReadyToRun) to $out/cli ..." >&2
  dotnet publish "$repo/src/RulesMesh.Cli" -c Release -r "$rid" --self-contained false -o "$out/cli" >&2
  cli="$out/cli/RulesMesh.Cli"
fi

if [[ -z "$mesh" ]]; then
  mesh="$out/mesh.yaml"
  [[ -f "$mesh" ]] || $cli generate-mesh --output "$mesh"
fi

echo "CLI: $cli; input: $mesh ($(stat -c %s "$mesh") bytes); $runs runs each; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

measure() { # name, then the command's arguments
  local name="$1"; shift
  local times="$out/$name.times"
  : > "$times"
  for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -o "$times" -a -f "%e %U %S %M" $cli "$@" > /dev/null 2> "$out/$name.stderr" || {
      echo "$name failed (run $i), see $out/$name.stderr" >&2; exit 1; }
  done
  python3 - "$name" "$times" <<'PY'
import statistics, sys
name, path = sys.argv[1], sys.argv[2]
rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
wall = sorted(r[0] for r in rows)
cpu = sorted(r[1] + r[2] for r in rows)
rss = sorted(r[3] / 1024 for r in rows)
def fmt(values, unit, digits):
    return " / ".join(f"{v:.{digits}f}" for v in (values[0], statistics.median(values), values[-1])) + f" {unit}"
print(f"| {name} | {fmt(wall, 's', 2)} | {fmt(cpu, 's', 2)} | {fmt(rss, 'MB', 0)} |")
PY
}

echo "| command | wall min / median / max | CPU (user+sys) min / median / max | peak RSS min / median / max |"
echo "|---|---:|---:|---:|"
measure "translate-json" translate --format json --output "$out/out.json" "$mesh"
measure "translate-yaml" translate --format yaml --output "$out/out.yaml" "$mesh"
measure "capture" capture "$mesh"
measure "start-up (built-in sample)" translate --format json
