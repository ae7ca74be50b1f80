#!/usr/bin/env bash
# Start-up benchmark of the installed app (prints figures; asserts nothing). Compares, on an empty
# store and on a store with many tasks:
#   installed        /opt/tasklane/bin/Tasklane (jlink'd runtime + AOT cache), as the .deb installs it
#   installed-noaot  the same with -XX:AOTMode=off
#   class path       java -cp <the same jars> dev.tasklane.desktop.Launcher: what exec:exec@run starts
#   exec@run         ./mvnw -q -pl desktop -am compile exec:exec@run, wall clock from the command
# Each run is a new JVM (-Dtasklane.exitAfterStartup=true: the app prints its start-up marks and
# quits once every task is in memory); the OS file cache is warm after the first run.
# Needs: the .deb installed, installers/target/jpackage (from the installers build), a display
# (run under xvfb-run). Usage: startup-bench.sh RUNS [STORE_WITH_TASKS_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
big_store="${2:-}"
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
class_path="installers/target/jpackage/input/*:installers/target/jpackage/javafx/*"

# Runs one start; prints "firstWindowMs mainViewShownMs tasksLoadedMs wallMs".
one() {
  local store="$1"; shift
  # The empty store is a new folder each run (a first start); a store with tasks is used in place
  # (these runs only read it).
  local work="$store"
  if [ "$store" = "$empty" ]; then work="$(mktemp -d)"; fi
  local start end log
  log="$(mktemp)"
  start=$(date +%s%N)
  TASKLANE_DATA_DIR="$work" TASKLANE_NOTIFIER=in-app "$@" >"$log" 2>&1 || true
  end=$(date +%s%N)
  local first main loaded
  first=$(sed -n 's/.*tasklane.startup.firstWindowMs=\([0-9]*\).*/\1/p' "$log" | head -1)
  main=$(sed -n 's/.*tasklane.startup.mainViewShownMs=\([0-9]*\).*/\1/p' "$log" | head -1)
  loaded=$(sed -n 's/.*tasklane.startup.tasksLoadedMs=\([0-9]*\).*/\1/p' "$log" | head -1)
  echo "${first:-?} ${main:-?} ${loaded:-?} $(( (end - start) / 1000000 ))"
  if [ "$store" = "$empty" ]; then rm -rf "$work"; fi
  rm -f "$log"
}

measure() {
  local label="$1" store="$2"; shift 2
  local results=()
  for _ in $(seq 1 "$runs"); do results+=("$(one "$store" "$@")"); done
  printf '| %s | %s |' "$label" "$(if [ "$store" = "$empty" ]; then echo empty; else echo "$(basename "$store")"; fi)"
  for column in 1 2 3 4; do
    printf ' %s |' "$(printf '%s\n' "${results[@]}" | awk -v c="$column" '{print $c}' | sort -n | tr '\n' '/' | sed 's/\/$//')"
  done
  echo
}

empty="$(mktemp -d)/empty"
mkdir -p "$empty"
stores=("$empty")
if [ -n "$big_store" ]; then stores+=("$big_store"); fi

echo "Tasklane start-up: $runs runs each, $(nproc) cores, $("$java_bin" -version 2>&1 | head -1)"
echo
echo "| start | store | first window (ms) | main view (ms) | all tasks in memory (ms) | wall clock (ms) |"
echo "| --- | --- | --- | --- | --- | --- |"
for store in "${stores[@]}"; do
  measure "installed (AOT cache)" "$store" env JAVA_TOOL_OPTIONS="-Dtasklane.exitAfterStartup=true" /opt/tasklane/bin/Tasklane
  measure "installed, -XX:AOTMode=off" "$store" env JAVA_TOOL_OPTIONS="-XX:AOTMode=off -Dtasklane.exitAfterStartup=true" /opt/tasklane/bin/Tasklane
  measure "class path (as exec@run)" "$store" "$java_bin" --enable-native-access=ALL-UNNAMED -Dtasklane.exitAfterStartup=true -cp "$class_path" dev.tasklane.desktop.Launcher
  measure "./mvnw … exec:exec@run" "$store" env JAVA_TOOL_OPTIONS="-Dtasklane.exitAfterStartup=true" ./mvnw -q -pl desktop -am compile exec:exec@run
done
