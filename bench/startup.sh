#!/usr/bin/env bash
# The app's start (issue 15): from the run command to a window showing the demo tree, cold, with and without
# JDK 25's ahead-of-time cache (-XX:AOTCache, JEP 483/514/515).
#
#   bench/startup.sh              build, train the cache once, then 5 starts without and 5 with it, alternating
#   bench/startup.sh --runs N     N starts of each
#   bench/startup.sh --no-build   use bench/target as it is (run.sh builds it)
#
# Each start is a fresh JVM running beamscope.app.Launcher with -Dbeamscope.startupProbe=true: the app prints
# "demo tree shown after N ms (epoch E ms)" at the first laid-out pulse whose tree holds the demo's bank account
# and exits. Two figures per start: command_ms = E - the clock just before this script ran the java command
# (the figure: run command to the window showing the demo tree), and jvm_ms = N, the app's own count from the
# process start time the OS reports (/proc, in clock ticks counted from an estimated boot time: it can be off
# by a few hundred ms either way, so it may come out below command_ms). Without a display the
# window runs on Monocle's headless platform with software rendering (as the app's tests do).
# The cache: one training run (-XX:AOTCacheOutput, the same probe run) writes bench/target/startup/app.aot;
# it is only valid for the same JDK and class path. Writes bench/results/startup-<date>.json.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
RUNS=5 BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}' | awk -F. '{print ($1 == "1") ? $2 : $1}'; }
JAVA=
for j in ${BENCH_JAVA:-} ${JAVA_HOME:+$JAVA_HOME/bin/java} "$(command -v java || true)" \
         $(ls -d /usr/lib/jvm/*/bin/java /opt/*/bin/java 2>/dev/null | sort -rV); do
  [[ -x $j ]] || continue
  m=$(java_major "$j" 2>/dev/null || true)
  if [[ $m =~ ^[0-9]+$ ]] && (( m >= 21 )); then JAVA=$j; break; fi
done
[[ -n $JAVA ]] || { echo "No JDK >= 21 found (set BENCH_JAVA=/path/to/bin/java)." >&2; exit 1; }
MAJOR=$(java_major "$JAVA")

OUT="$BENCH/target/startup"
mkdir -p "$OUT" "$BENCH/results"
if (( BUILD )); then
  echo "Building (Maven)..."
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl bench -am) >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; exit 1; }
fi
CP="$BENCH/target/beamscope-bench.jar:$BENCH/target/lib/*"
OPTS=(--enable-native-access=ALL-UNNAMED -Dbeamscope.startupProbe=true)
HEADLESS=no
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  HEADLESS=yes
  OPTS+=(-Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dprism.text=t2k -Djava.awt.headless=true)
fi

now_ms() { date +%s%3N; }
# start [extra JVM options...]: one cold start; prints "jvm_ms command_ms"
start() {
  local t0 line
  t0=$(now_ms)
  line=$(timeout 120 "$JAVA" "${OPTS[@]}" "$@" -cp "$CP" beamscope.app.Launcher 2>>"$OUT/stderr.log" | grep -m1 'demo tree shown after' || true)
  [[ -n $line ]] || { echo "FAILED"; return; }
  local jvm epoch
  jvm=$(sed -E 's/.*after ([0-9]+) ms.*/\1/' <<<"$line")
  epoch=$(sed -E 's/.*epoch ([0-9]+) ms.*/\1/' <<<"$line")
  echo "$jvm $((epoch - t0))"
}

AOT=()
if (( MAJOR >= 25 )); then
  echo "Training the AOT cache (one probe run with -XX:AOTCacheOutput)..."
  rm -f "$OUT/app.aot"
  start -XX:AOTCacheOutput="$OUT/app.aot" >/dev/null
  if [[ -f $OUT/app.aot ]]; then AOT=(-XX:AOTCache="$OUT/app.aot"); else echo "  no cache written (see $OUT/stderr.log)"; fi
else
  echo "JDK $MAJOR has no -XX:AOTCacheOutput (JDK 25+): starts without a cache only."
fi

echo "Starts: $RUNS without and $RUNS with the cache, alternating; headless=$HEADLESS; $("$JAVA" -version 2>&1 | head -1)"
declare -a plain_jvm plain_cmd aot_jvm aot_cmd
for ((i = 1; i <= RUNS; i++)); do
  read -r a b <<<"$(start)"; plain_jvm+=("$a"); plain_cmd+=("$b")
  printf '  %d without: %s ms from the command (%s ms from JVM start)\n' "$i" "${b:-?}" "$a"
  if (( ${#AOT[@]} )); then
    read -r a b <<<"$(start "${AOT[@]}")"; aot_jvm+=("$a"); aot_cmd+=("$b")
    printf '  %d with:    %s ms from the command (%s ms from JVM start)\n' "$i" "${b:-?}" "$a"
  fi
done

median() { printf '%s\n' "$@" | grep -E '^[0-9]+$' | sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "null"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
json_list() { local IFS=,; echo "[$(printf '%s\n' "$@" | grep -E '^[0-9]+$' | paste -sd, -)]"; }
STAMP=$(date +%Y-%m-%dT%H-%M-%S)
{
  echo "{"
  echo "  \"stamp\": \"$STAMP\", \"java\": \"$("$JAVA" -version 2>&1 | head -1 | sed 's/"/\\"/g')\", \"headless\": \"$HEADLESS\","
  echo "  \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"nproc\": $(nproc),"
  echo "  \"definition\": \"command_ms: from just before the java command to the first laid-out pulse showing the demo tree; jvm_ms: the same from the process start time the OS reports (coarse)\","
  echo "  \"without_cache\": {\"jvm_ms_median\": $(median "${plain_jvm[@]}"), \"command_ms_median\": $(median "${plain_cmd[@]}"), \"jvm_ms\": $(json_list "${plain_jvm[@]}"), \"command_ms\": $(json_list "${plain_cmd[@]}")},"
  if (( ${#AOT[@]} )); then
    echo "  \"with_aot_cache\": {\"jvm_ms_median\": $(median "${aot_jvm[@]}"), \"command_ms_median\": $(median "${aot_cmd[@]}"), \"jvm_ms\": $(json_list "${aot_jvm[@]}"), \"command_ms\": $(json_list "${aot_cmd[@]}")}"
  else
    echo "  \"with_aot_cache\": null"
  fi
  echo "}"
} > "$BENCH/results/startup-$STAMP.json"
echo "Median without the cache: $(median "${plain_cmd[@]}") ms from the command ($(median "${plain_jvm[@]}") ms from the JVM's start as the OS reports it)"
if (( ${#AOT[@]} )); then
  echo "Median with the cache:    $(median "${aot_cmd[@]}") ms from the command ($(median "${aot_jvm[@]}") ms from the JVM's start)"
fi
echo "Figures: $BENCH/results/startup-$STAMP.json"
