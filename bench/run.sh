#!/usr/bin/env bash
# Benchmarks Beamscope's runtime, Erlang/OTP and Apache Pekko Typed side by side (issue 5).
#
#   bench/run.sh                 full run: 2 warm-up rounds + 5 measured runs per workload and system
#   bench/run.sh --quick         1 warm-up + 3 runs, sizes / 10 (about 10 minutes; for checking)
#
# Options: --runs N  --warmup N  --heap SIZE (JVM -Xms=-Xmx for every workload; default 4g or 2g, see heap())
#          --systems beam,pekko,beamscope  --workloads spawn_1m,ping_pong,...,startup  --no-build
#          --no-wait (do not wait for a quiet machine before each run)
#          --aot (JDK 25+: each JVM side of each workload first trains an ahead-of-time cache, -XX:AOTCacheOutput,
#                 in one run with no warm-up; every run then starts with -XX:AOTCache: for the cold figures)
# Every measured run is a fresh JVM or erl. Prints the machine, the versions and a side-by-side table;
# writes every figure to bench/results/results-<date>.json and bench/results/latest.json.
# Raw lines and each run's stderr: bench/target/bench-run/.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"

MODE=full RUNS=5 WARMUP=2 HEAP= BUILD=1 WAIT=1 AOT=0
SYSTEMS=beam,pekko,beamscope
WORKLOADS=spawn_1m,spawn_run,tutorial,elixir_sleepers,elixir_ping_pong,elixir_fib,elixir_ring,ping_pong,ring,fan_in,skynet,restart,priority,monitor,dynsup,observe,record,startup
RUNS_SET= WARMUP_SET=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) MODE=quick ;;
    --runs) RUNS_SET="$2"; shift ;;
    --warmup) WARMUP_SET="$2"; shift ;;
    --heap) HEAP="$2"; shift ;;
    --systems) SYSTEMS="$2"; shift ;;
    --workloads) WORKLOADS="$2"; shift ;;
    --no-build) BUILD=0 ;;
    --no-wait) WAIT=0 ;;
    --aot) AOT=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [[ $MODE == quick ]]; then RUNS=3 WARMUP=1; fi
RUNS=${RUNS_SET:-$RUNS} WARMUP=${WARMUP_SET:-$WARMUP}
if (( RUNS < 1 )); then echo "--runs must be at least 1" >&2; exit 2; fi
if (( RUNS < 3 )); then echo "Note: $RUNS measured run(s) per cell: enough to check that everything runs, too few for a median with a spread."; fi
has() { [[ ",$1," == *",$2,"* ]]; }

# Sizes per workload: the full benchmark, or a tenth of it with --quick.
params() {
  local q=$([[ $MODE == quick ]] && echo 1 || echo 0)
  case "$1" in
    spawn_1m)  ((q)) && echo "n=100000"             || echo "n=1000000" ;;
    spawn_run) ((q)) && echo "n=100000"             || echo "n=1000000" ;;
    # the tutorial's own size, also with --quick: its code is run verbatim
    tutorial)  echo "n=1000000" ;;
    ping_pong) ((q)) && echo "n=100000"             || echo "n=1000000" ;;
    # issue 14's Elixir rows: bench/elixir/NAME.exs on `elixir` and on Beamscope's interpreter (ElixirScript)
    elixir_sleepers)  ((q)) && echo "n=100000 sleep_ms=5000" || echo "n=1000000 sleep_ms=5000" ;;
    elixir_ping_pong) ((q)) && echo "n=100000"               || echo "n=1000000" ;;
    elixir_fib)       echo "n=27" ;;
    elixir_ring)      ((q)) && echo "procs=10000 hops=100000" || echo "procs=10000 hops=1000000" ;;
    ring)      ((q)) && echo "procs=1000 hops=100000" || echo "procs=1000 hops=1000000" ;;
    fan_in)    ((q)) && echo "senders=8 n=100000"   || echo "senders=8 n=1000000" ;;
    skynet)    ((q)) && echo "leaves=100000"        || echo "leaves=1000000" ;;
    restart)   ((q)) && echo "kills=1000"           || echo "kills=10000" ;;
    priority)  ((q)) && echo "samples=200"          || echo "samples=1000" ;;
    monitor)   ((q)) && echo "n=10000"              || echo "n=100000" ;;
    dynsup)    ((q)) && echo "n=10000"              || echo "n=100000" ;;
    # observe: ping-pong and ring 10x longer than rows 2-3, in blocks with and without the GUI sampler (blocks=2
    # of each); a block with it repeats them until the sampler has walked every process (at 1M, every few seconds)
    observe)   ((q)) && echo "n=100000 pp_n=1000000 ring_procs=1000 ring_hops=1000000" \
                     || echo "n=1000000 pp_n=10000000 ring_procs=1000 ring_hops=10000000" ;;
    # record: rows 2-3 in blocks with and without the window's recorder (blocks=8 of each: a ratio near 1 needs them)
    record)    ((q)) && echo "pp_n=100000 ring_procs=1000 ring_hops=100000 blocks=8" \
                     || echo "pp_n=1000000 ring_procs=1000 ring_hops=1000000 blocks=8" ;;
  esac
}
# Memory reserved up front, per workload: the JVM heap (-Xms = -Xmx, pre-touched) and the BEAM's super carrier
# (+MMscs, same size: the allocators keep it mapped, so pages the warm-up touched stay; without it the BEAM
# returned memory between rounds and spawn_1m / skynet paid page faults again, 2-3x slower on this VM).
# Room for 1M processes or queued messages where needed; pre-touching costs about 5 s per GB here.
heap() {
  if [[ -n $HEAP ]]; then echo "$HEAP"; return; fi
  case "$1" in spawn_1m|spawn_run|tutorial|elixir_sleepers|skynet|fan_in|observe|record) echo 4g ;; *) echo 2g ;; esac
}
# observe measures Beamscope's own observation API: no BEAM or Pekko counterpart. startup (the app's start,
# bench/startup.sh) runs after the table, not in these rounds. spawn_run and tutorial:
# Pekko's spawn_1m actors already run (their setup counts them), and the tutorial is Elixir code; its BEAM side
# needs `elixir`.
runs_on() {
  case $2 in
    observe|record) [[ $1 == beamscope ]] ;;
    spawn_run) [[ $1 != pekko ]] ;;
    tutorial) [[ $1 == beamscope || ( $1 == beam && -n $ELIXIR ) ]] ;;
    elixir_*) [[ $1 == beamscope || ( $1 == beam && -n $ELIXIR ) ]] ;;
    startup) false ;;
    *) true ;;
  esac
}

# ---- Erlang/OTP ----
if has "$SYSTEMS" beam && ! command -v erl >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing Erlang/OTP (erlang-nox)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq erlang-nox >/dev/null
  else
    echo "Erlang/OTP is not installed. Install it with:  sudo apt-get install -y erlang-nox" >&2
    echo "(or leave BEAM out: --systems pekko,beamscope)" >&2
    exit 1
  fi
fi

# ---- Elixir: the tutorial row runs its code verbatim; dynsup uses Elixir's own DynamicSupervisor ----
ELIXIR= ELIXIR_EBIN=
if has "$SYSTEMS" beam && { has "$WORKLOADS" tutorial || has "$WORKLOADS" dynsup || [[ ,$WORKLOADS, == *,elixir_* ]]; }; then
  if ! command -v elixir >/dev/null && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing Elixir (elixir)..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq elixir >/dev/null; } || true
  fi
  if command -v elixir >/dev/null; then
    ELIXIR=$(command -v elixir)
    ELIXIR_EBIN=$(elixir -e 'IO.puts(:code.lib_dir(:elixir))' 2>/dev/null)/ebin
  else
    echo "Elixir is not installed (sudo apt-get install -y elixir): the tutorial row runs without BEAM, and dynsup" >&2
    echo "uses OTP's simple_one_for_one supervisor instead of Elixir's DynamicSupervisor." >&2
  fi
fi

# ---- a JDK >= 21 to run the JVM sides (the Maven build finds its own through the toolchains plugin) ----
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}' | awk -F. '{print ($1 == "1") ? $2 : $1}'; }
JAVA=
for j in ${BENCH_JAVA:-} ${JAVA_HOME:+$JAVA_HOME/bin/java} "$(command -v java || true)" \
         $(ls -d /usr/lib/jvm/*/bin/java /opt/*/bin/java 2>/dev/null | sort -rV); do
  [[ -x $j ]] || continue
  m=$(java_major "$j" 2>/dev/null || true)
  if [[ $m =~ ^[0-9]+$ ]] && (( m >= 21 )); then JAVA=$j; break; fi
done
if [[ -z $JAVA ]]; then echo "No JDK >= 21 found (set BENCH_JAVA=/path/to/bin/java)." >&2; exit 1; fi
JAVA_MAJOR=$(java_major "$JAVA")

# ---- build ----
OUT="$BENCH/target/bench-run"
mkdir -p "$OUT"
rm -rf "$OUT/aot" # a cache is valid for one class path and JDK only: trained anew in every run
BEAMSCOPE_NOTE=
if has "$SYSTEMS" beamscope && [[ ! -f $ROOT/runtime/src/main/java/beamscope/runtime/Node.java ]]; then
  BEAMSCOPE_NOTE="not run: this checkout's runtime has no Node API yet"
fi
if (( BUILD )); then
  echo "Building (Maven)..."
  # With Beamscope: the runtime and the app (observe attaches the window's sampler) are built in this
  # checkout's reactor, not installed: the bench runs this checkout's code, whatever the local Maven
  # repository holds, and leaves that repository alone. Without: the bench module alone, Pekko only.
  profile=-DskipBeamscope
  if has "$SYSTEMS" beamscope && [[ -z $BEAMSCOPE_NOTE ]]; then
    if (cd "$ROOT" && mvn -B -q -DskipTests package -pl app -am) >"$OUT/build-runtime.log" 2>&1; then
      profile=
    else
      tail -20 "$OUT/build-runtime.log" >&2
      BEAMSCOPE_NOTE="not run: the runtime or the app did not build (bench/target/bench-run/build-runtime.log)"
    fi
  fi
  # classes of an earlier build with Beamscope must not end up in a jar built without it
  if [[ -n $profile ]]; then rm -rf "$BENCH/target/classes/beamscope/bench/beamscope"; fi
  build_bench() {
    if [[ -z $profile ]]; then (cd "$ROOT" && mvn -B -q -DskipTests package -pl bench -am)
    else mvn -B -q -f "$BENCH/pom.xml" $profile package; fi
  }
  if ! build_bench >"$OUT/build-bench.log" 2>&1; then
    if [[ -z $profile ]]; then
      grep -E 'ERROR.*\.java|error:' "$OUT/build-bench.log" | head -20 >&2 || true
      BEAMSCOPE_NOTE="not run: the Beamscope workloads do not compile against this runtime and app (bench/target/bench-run/build-bench.log)"
      rm -rf "$BENCH/target/classes/beamscope/bench/beamscope"
      mvn -B -q -f "$BENCH/pom.xml" -DskipBeamscope package >"$OUT/build-bench-fallback.log" 2>&1 \
        || { tail -30 "$OUT/build-bench-fallback.log" >&2; exit 1; }
    else
      tail -30 "$OUT/build-bench.log" >&2; exit 1
    fi
  fi
  if has "$SYSTEMS" beam; then
    mkdir -p "$BENCH/target/erlang"
    erlc -o "$BENCH/target/erlang" "$BENCH/erlang/beamscope_bench.erl"
  fi
fi
CP="$BENCH/target/beamscope-bench.jar:$BENCH/target/lib/*"
if has "$SYSTEMS" beamscope && [[ -z $BEAMSCOPE_NOTE ]] \
   && [[ ! -f $BENCH/target/classes/beamscope/bench/beamscope/BeamscopeBench.class ]]; then
  BEAMSCOPE_NOTE="not run: the bench jar was built with -DskipBeamscope"
fi
if [[ -n $BEAMSCOPE_NOTE ]]; then SYSTEMS=$(echo ",$SYSTEMS," | sed 's/,beamscope,/,/; s/^,//; s/,$//'); fi

# ---- machine, versions, options ----
NPROC=$(nproc)
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
RAM_KB=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
RAM=$(awk -v kb="$RAM_KB" 'BEGIN {printf "%.1f GiB", kb / 1048576}')
if [[ -n $HEAP ]]; then
  heap_kb=$(awk -v h="$HEAP" 'BEGIN {n = h + 0; u = tolower(substr(h, length(h))); print (u == "g") ? n * 1048576 : (u == "m") ? n * 1024 : n / 1024}')
  if (( ${heap_kb%.*} > RAM_KB * 3 / 4 )); then
    HEAP="$(( RAM_KB / 2 / 1024 ))m"
    echo "Heap lowered to $HEAP (half the RAM)."
  fi
fi
JVM_OPTS="-XX:+AlwaysPreTouch"
# JDK 23+ warns on stderr when Pekko uses sun.misc.Unsafe; allowing it changes nothing else.
if (( JAVA_MAJOR >= 23 )); then JVM_OPTS="$JVM_OPTS --sun-misc-unsafe-memory-access=allow"; fi
if (( AOT && JAVA_MAJOR < 25 )); then echo "--aot needs JDK 25 or newer (this is $JAVA_MAJOR): runs without a cache."; AOT=0; fi
ERL_OPTS="+P 2000000"
mb() { awk -v h="$1" 'BEGIN {n = h + 0; u = tolower(substr(h, length(h))); print int((u == "g") ? n * 1024 : (u == "m") ? n : n / 1048576)}'; }
JAVA_VERSION=$("$JAVA" -version 2>&1 | sed -n '1,2p' | paste -sd ';' | sed 's/;/; /')
OTP_VERSION=n/a
if command -v erl >/dev/null; then
  OTP_VERSION=$(erl -noshell -eval 'R = erlang:system_info(otp_release),
    F = filename:join([code:root_dir(), "releases", R, "OTP_VERSION"]),
    V = case file:read_file(F) of {ok, B} -> string:trim(B); _ -> R end,
    io:format("~s (erts ~s)", [V, erlang:system_info(version)]), halt().')
fi
ELIXIR_VERSION=n/a
if [[ -n $ELIXIR ]]; then ELIXIR_VERSION=$("$ELIXIR" --version 2>/dev/null | sed -n 's/^Elixir //p' | head -1); fi
PEKKO_VERSION=$("$JAVA" -cp "$CP" beamscope.bench.pekko.PekkoBench version 2>/dev/null || echo n/a)
BEAMSCOPE_VERSION=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$ROOT" diff --quiet HEAD -- runtime 2>/dev/null || BEAMSCOPE_VERSION="$BEAMSCOPE_VERSION+local changes"
STAMP=$(date +%Y-%m-%dT%H-%M-%S)

META="$OUT/meta-$STAMP.properties"
{
  echo "stamp=$STAMP"; echo "mode=$MODE"; echo "runs=$RUNS"; echo "warmup=$WARMUP"
  echo "machine.loadavg_at_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "machine.nproc=$NPROC"; echo "machine.cpu=$CPU"; echo "machine.ram=$RAM"; echo "machine.kernel=$(uname -sr)"
  echo "version.java=$JAVA_VERSION"; echo "version.java_home=$(dirname "$(dirname "$(readlink -f "$JAVA")")")"
  echo "version.otp=$OTP_VERSION"; echo "version.elixir=$ELIXIR_VERSION"
  echo "version.pekko=$PEKKO_VERSION"; echo "version.beamscope=$BEAMSCOPE_VERSION"
  echo "order=per workload, per measured run: beam, pekko, beamscope (each in a fresh erl / JVM), then the next run"
  echo "options.jvm=-Xms=-Xmx ${HEAP:-4g (spawn_1m, spawn_run, tutorial, skynet, fan_in, observe) or 2g (others)} $JVM_OPTS"
  echo "options.aot=$( (( AOT )) && echo "on: per JVM system and workload, a cache trained in one run without warm-up (-XX:AOTCacheOutput), used by every run (-XX:AOTCache)" || echo off)"
  echo "options.erl=$ERL_OPTS +MMscs <same size as the JVM heap, in MB>"
  echo "options.pekko=default dispatcher: fork-join, parallelism $NPROC (one thread per core); skynet also with Pekko's own default (default_dispatcher_time_ms)"
  echo "options.tutorial=one cold run each: elixir --erl \"+P 2000000\" bench/elixir/tutorial_spawn.exs | JVM -Xmx<heap>, no -Xms, no pre-touch"
  if [[ -n $BEAMSCOPE_NOTE ]]; then echo "note.beamscope=$BEAMSCOPE_NOTE"; fi
} > "$META"
sed 's/^/  /' "$META"
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$LOAD1" -v n="$NPROC" 'BEGIN {exit !(l > n / 2)}'; then
  echo "WARNING: the machine is busy (load average $LOAD1 on $NPROC cores): the figures will spread and drift."
fi

# ---- the runs ----
# CPU idle percentage over 2 s (all cores), from /proc/stat.
cpu_idle() {
  local a b
  a=($(sed -n 's/^cpu  //p' /proc/stat)); sleep 2; b=($(sed -n 's/^cpu  //p' /proc/stat))
  local total=0 idle=$(( b[3] + b[4] - a[3] - a[4] ))
  for i in "${!a[@]}"; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * idle / total : 100 ))
}
# Before each run: wait (up to 2 minutes) until other work leaves at least 75% of the CPU idle. After three
# waits in a row that end busy, stop waiting (the machine stays busy); busy starts are still counted.
BUSY_STARTS=0 BUSY_STREAK=0
wait_quiet() {
  local idle waited=0
  (( WAIT )) || return 0
  while idle=$(cpu_idle); (( idle < 75 )); do
    if (( BUSY_STREAK >= 3 )); then BUSY_STARTS=$(( BUSY_STARTS + 1 )); return; fi
    if (( waited == 0 )); then echo "  (machine busy: ${idle}% idle; waiting up to 2 min for other work to finish)"; fi
    waited=$(( waited + 2 ))
    if (( waited >= 120 )); then
      BUSY_STARTS=$(( BUSY_STARTS + 1 )) BUSY_STREAK=$(( BUSY_STREAK + 1 ))
      echo "  (still busy: ${idle}% idle; running anyway$( (( BUSY_STREAK >= 3 )) && echo "; no more waiting"))"
      return
    fi
  done
  BUSY_STREAK=0
}

RAW="$OUT/raw-$STAMP.jsonl"
: > "$RAW"
run_one() { # system workload run
  local system=$1 workload=$2 run=$3 cmd log="$OUT/$1-$2-$3.log" out="$OUT/$1-$2-$3.out" rc=0
  read -r -a p <<< "$(params "$workload")"
  local h; h=$(heap "$workload")
  local extra=()
  if [[ $workload == dynsup && -n $ELIXIR_EBIN ]]; then extra=(-pa "$ELIXIR_EBIN"); fi
  case $system in
    beam)      cmd=(erl -noshell $ERL_OPTS +MMscs "$(mb "$h")" -pa "$BENCH/target/erlang" "${extra[@]}" -run beamscope_bench main "$workload" "warmup=$WARMUP" "${p[@]}") ;;
    pekko)     cmd=("$JAVA" -Xms$h -Xmx$h $JVM_OPTS -cp "$CP" beamscope.bench.pekko.PekkoBench "$workload" "warmup=$WARMUP" "${p[@]}") ;;
    beamscope) cmd=("$JAVA" -Xms$h -Xmx$h $JVM_OPTS -cp "$CP" beamscope.bench.beamscope.BeamscopeBench "$workload" "warmup=$WARMUP" "${p[@]}") ;;
  esac
  # The tutorial as a user runs it: one cold run, its code verbatim on Elixir; the JVM without a pre-touched heap
  # (its peak RSS is a figure of the row).
  if [[ $workload == tutorial ]]; then
    case $system in
      beam)      cmd=("$ELIXIR" --erl "+P 2000000" "$BENCH/elixir/tutorial_spawn.exs") ;;
      beamscope) cmd=("$JAVA" -Xmx$h ${JVM_OPTS/-XX:+AlwaysPreTouch/} -cp "$CP" beamscope.bench.beamscope.BeamscopeBench tutorial warmup=0 "${p[@]}") ;;
    esac
  fi
  # Issue 14's Elixir rows: the same script on `elixir` and on Beamscope's Elixir interpreter (in this JVM); the
  # script does its own warm-up rounds and timing and prints the result lines.
  if [[ $workload == elixir_* ]]; then
    case $system in
      beam)      cmd=("$ELIXIR" --erl "+P 2000000" "$BENCH/elixir/${workload#elixir_}.exs" "warmup=$WARMUP" "${p[@]}") ;;
      beamscope) cmd=("$JAVA" -Xms$h -Xmx$h $JVM_OPTS -cp "$CP" beamscope.bench.beamscope.ElixirScript "$BENCH/elixir/${workload#elixir_}.exs" "warmup=$WARMUP" "${p[@]}") ;;
    esac
  fi
  if (( AOT )) && [[ $system != beam ]]; then
    local cache="$OUT/aot/$system-$workload.aot"
    if [[ ! -f $cache ]]; then
      mkdir -p "$OUT/aot"
      local train=("${cmd[@]}")
      train=("${train[0]}" -XX:AOTCacheOutput="$cache" "${train[@]:1}")
      train=("${train[@]/warmup=$WARMUP/warmup=0}")
      printf '  %-9s %-9s training the AOT cache...\n' "$system" "$workload"
      timeout 900 "${train[@]}" >"$OUT/aot/$system-$workload.train.out" 2>"$OUT/aot/$system-$workload.train.log" || true
    fi
    if [[ -f $cache ]]; then cmd=("${cmd[0]}" -XX:AOTCache="$cache" "${cmd[@]:1}"); fi
  fi
  wait_quiet
  local t0=$SECONDS
  timeout 900 "${cmd[@]}" >"$out" 2>"$log" || rc=$?
  grep '^{"system"' "$out" >> "$RAW" || true
  if (( rc != 0 )) || ! grep -q '"phase":"measure"' "$out"; then
    local why="exit code $rc"; (( rc == 124 )) && why="timed out after 900 s"
    printf '{"system":"%s","workload":"%s","run":%d,"error":"%s, see %s"}\n' "$system" "$workload" "$run" "$why" "$log" >> "$RAW"
    printf '  %-9s %-9s run %d/%d FAILED (%s)\n' "$system" "$workload" "$run" "$RUNS" "$why"
  else
    printf '  %-9s %-9s run %d/%d  %3ds  %s\n' "$system" "$workload" "$run" "$RUNS" $((SECONDS - t0)) \
      "$(grep '"phase":"measure"' "$out" | sed 's/.*"metrics":{\(.*\)}}$/\1/; s/"//g')"
  fi
}

echo "Running $MODE mode: $WARMUP warm-up round(s) + 1 measured round per process, $RUNS processes per cell"
IFS=, read -r -a wl <<< "$WORKLOADS"
IFS=, read -r -a sys <<< "$SYSTEMS"
for workload in "${wl[@]}"; do
  for ((run = 1; run <= RUNS; run++)); do
    for system in "${sys[@]}"; do
      if runs_on "$system" "$workload"; then run_one "$system" "$workload" "$run"; fi
    done
  done
done

{ echo "machine.loadavg_at_end=$(cut -d' ' -f1-3 /proc/loadavg)"; echo "runs_started_busy=$( (( WAIT )) && echo "$BUSY_STARTS" || echo off)"; } >> "$META"
"$JAVA" -cp "$CP" beamscope.bench.Harness "$RAW" "$META" "$BENCH/targets.properties" "$BENCH/results"

# ---- microbenchmarks (JMH) ----
# The observation calls timed as JMH averages over many calls, after warm-up, in a fork of their own (the
# observe rows above take a median of five single calls). Beamscope only; with the observe workload.
if has "$SYSTEMS" beamscope && has "$WORKLOADS" observe; then
  n=$([[ $MODE == quick ]] && echo 100000 || echo 1000000)
  h=$(heap observe)
  echo
  echo "Microbenchmarks (JMH): observation calls on a node of $n idle processes (1 fork, 3 x 1 s warm-up, 5 x 1 s measured)"
  wait_quiet
  if "$JAVA" -Xmx1g -cp "$CP" org.openjdk.jmh.Main 'beamscope.bench.beamscope.ObservationMicro' -p n=$n \
       -f 1 -wi 3 -w 1s -i 5 -r 1s -jvmArgs "-Xms$h -Xmx$h $JVM_OPTS" \
       -rf json -rff "$BENCH/results/jmh-$STAMP.json" >"$OUT/jmh-$STAMP.log" 2>&1; then
    sed -n '/^Benchmark .*Mode/,/^$/p' "$OUT/jmh-$STAMP.log" | sed 's/^/  /'
    echo "JMH figures: $BENCH/results/jmh-$STAMP.json"
  else
    echo "  JMH FAILED, see $OUT/jmh-$STAMP.log"
  fi
fi

# ---- the app's start (bench/startup.sh) ----
# From the run command to a window showing the demo tree, cold, with and without a JDK 25 AOT cache.
if has "$SYSTEMS" beamscope && has "$WORKLOADS" startup; then
  echo
  echo "The app's start: run command to a window showing the demo tree ($RUNS starts without and $RUNS with an AOT cache)"
  wait_quiet
  "$BENCH/startup.sh" --no-build --runs "$RUNS" | sed 's/^/  /' || echo "  startup FAILED, see $BENCH/target/startup/stderr.log"
fi
