#!/bin/sh
# Side-by-side comparison of ChainBenchmark (Java) with the plain C reference heun_plain.c
# (docs/benchmarks.md, issue 21): interleaved rounds of one Java run and one C run with the same
# chain, trajectories and steps, and the ratios of each round (Java / C): kernel against c/1
# (both: one core, pre-drawn noise) and ensemble/2 against c/2 (2 threads; the Java run draws
# its real noise). Ratios from the same minute are what to compare on a shared or drifting
# machine; absolute numbers are printed too.
#
#   mvn -B -ntp -q install -DskipTests          # once, from the project root
#   sh docs/bench/side_by_side.sh [rounds] [L] [extra ChainBenchmark options]
#
# Plain `java -cp`, no JVM options. Needs gcc with OpenMP. Set MVN_OPTS (e.g.
# "-o -Dmaven.repo.local=...") for the Maven call that computes the class path.
set -e
ROUNDS=${1:-3}
L=${2:-100}
if [ $# -ge 2 ]; then shift 2; else shift $#; fi
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${TMPDIR:-/tmp}/ness4j_heun_plain
gcc -O3 -march=native -fopenmp "$ROOT/docs/bench/heun_plain.c" -o "$BIN" -lm
CPFILE=${TMPDIR:-/tmp}/ness4j_bench_cp.txt
(cd "$ROOT" && mvn -B -q $MVN_OPTS -pl examples dependency:build-classpath \
    -Dmdep.outputFile="$CPFILE" >/dev/null)
CP="$ROOT/examples/target/classes:$(cat "$CPFILE")"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(gcc --version | head -1); $(java -version 2>&1 | head -1)"
echo "round     L  java-kernel        c/1  ratio  java-ens/2        c/2  ratio"
r=1
while [ "$r" -le "$ROUNDS" ]; do
    J=$(java -cp "$CP" \
        org.ness4j.examples.ChainBenchmark --L "$L" "$@" | awk '$1 ~ /^[0-9]+$/ {print $2, $3}')
    C=$(OMP_PROC_BIND=false "$BIN" -L "$L" | awk '{print $2, $3}')
    jk=$(echo "$J" | awk '$1 == "kernel" {print $2}')
    je=$(echo "$J" | awk '$1 == "ensemble/2" {print $2}')
    c1=$(echo "$C" | awk '$1 == "c/1" {print $2}')
    c2=$(echo "$C" | awk '$1 == "c/2" {print $2}')
    awk -v r="$r" -v L="$L" -v jk="$jk" -v c1="$c1" -v je="$je" -v c2="$c2" 'BEGIN {
        printf "%5d %5d %12.3e %10.3e %6.2f %11.3e %10.3e %6.2f\n", r, L, jk, c1, jk / c1, je, c2, je / c2 }'
    r=$((r + 1))
done
