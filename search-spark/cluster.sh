#!/usr/bin/env bash
# A Spark standalone cluster on this machine, made from the Maven artifacts (nothing downloaded
# outside the build): a master and N workers, every one bound to 127.0.0.1, then the search's
# driver on it. Maven Central has Spark's jars but not its sbin scripts, so the master and the
# workers are started with plain `java -cp`, and a stand-in SPARK_HOME whose jars/ holds Spark's
# jars lets a worker build its executors' command lines.
#
#   search-spark/cluster.sh start [WORKERS]     master + WORKERS workers (default 2), 1 core each
#   search-spark/cluster.sh run SEARCH-FLAGS    the search on it: --spark is set for you
#   search-spark/cluster.sh status              what is running
#   search-spark/cluster.sh stop                stops the workers and the master
#   search-spark/cluster.sh bench               the same small search on 1 worker, then on 2, with times
#
# Build first: mvn -B -pl search-spark -am install -DskipTests
# Settings: MVN (default "mvn -B -q"), WORKER_MEMORY (6g), EXECUTOR_MEMORY (4g), SPARK_PORT (7077).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
CLUSTER=$HERE/target/cluster
HOME_DIR=$CLUSTER/spark-home
MVN=${MVN:-mvn -B -q}
PORT=${SPARK_PORT:-7077}
MASTER_URL=spark://127.0.0.1:$PORT
WORKER_MEMORY=${WORKER_MEMORY:-6g}
EXECUTOR_MEMORY=${EXECUTOR_MEMORY:-4g}

# What every Spark JVM needs on Java 17 (the list spark-submit's launcher adds), and what Knobs needs.
JAVA17_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false)
KNOBS_FLAGS=(--add-modules=jdk.incubator.vector -Djava.awt.headless=true)

# Only this machine: every Spark process binds to and advertises the loopback address.
export SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_HOSTNAME=localhost
export SPARK_HOME=$HOME_DIR
export SPARK_SCALA_VERSION=2.13

app_jar() {
  local jar
  jar=$(ls "$HERE"/target/knobs-search-spark-*-app.jar 2>/dev/null | head -1 || true)
  if [[ -z "$jar" ]]; then
    echo "no application jar: build it first with  mvn -B -pl search-spark -am install -DskipTests" >&2
    exit 1
  fi
  echo "$jar"
}

# The stand-in SPARK_HOME: jars/ with Spark and its dependencies (not Knobs: the driver ships the
# application jar to the executors), and a RELEASE file, which tells a worker to take jars/ as is.
prepare() {
  app_jar >/dev/null
  if [[ ! -f "$HOME_DIR/RELEASE" ]]; then
    echo "preparing $HOME_DIR (Spark's jars from the Maven repository)"
    (cd "$ROOT" && $MVN -pl search-spark dependency:copy-dependencies -DincludeScope=runtime \
        -DexcludeGroupIds=dev.knobs -DoutputDirectory="$HOME_DIR/jars")
    echo "Spark from the Maven artifacts of search-spark; SPARK_SCALA_VERSION=2.13" > "$HOME_DIR/RELEASE"
  fi
  mkdir -p "$CLUSTER"
}

running() {
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

start() {
  local workers=${1:-2}
  prepare
  if running "$CLUSTER/master.pid"; then
    echo "a cluster is already running (search-spark/cluster.sh stop first)" >&2
    exit 1
  fi
  rm -f "$CLUSTER"/*.pid
  java "${JAVA17_FLAGS[@]}" -Xmx512m -cp "$HOME_DIR/jars/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$PORT" --webui-port 0 > "$CLUSTER/master.log" 2>&1 &
  echo $! > "$CLUSTER/master.pid"
  for i in $(seq 1 "$workers"); do
    mkdir -p "$CLUSTER/worker-$i"
    java "${JAVA17_FLAGS[@]}" -Xmx512m -cp "$HOME_DIR/jars/*" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores 1 --memory "$WORKER_MEMORY" --webui-port 0 --work-dir "$CLUSTER/worker-$i" \
        "$MASTER_URL" > "$CLUSTER/worker-$i.log" 2>&1 &
    echo $! > "$CLUSTER/worker-$i.pid"
  done
  for _ in $(seq 1 180); do
    if [[ $(grep -c "Registering worker" "$CLUSTER/master.log" 2>/dev/null || true) -ge $workers ]]; then
      echo "master $MASTER_URL with $workers worker(s) of 1 core each; logs in $CLUSTER"
      return 0
    fi
    sleep 1
  done
  echo "the workers did not register within 3 minutes; see $CLUSTER/*.log" >&2
  stop
  exit 1
}

stop() {
  for pid in "$CLUSTER"/worker-*.pid "$CLUSTER"/master.pid; do
    [[ -f "$pid" ]] || continue
    if running "$pid"; then
      kill "$(cat "$pid")" 2>/dev/null || true
    fi
    rm -f "$pid"
  done
  echo "cluster stopped"
}

status() {
  for pid in "$CLUSTER"/master.pid "$CLUSTER"/worker-*.pid; do
    [[ -f "$pid" ]] || continue
    if running "$pid"; then echo "$(basename "$pid" .pid): running (pid $(cat "$pid"))"; else echo "$(basename "$pid" .pid): stopped"; fi
  done
}

# The driver: the application jar (the search, the lessons, their libraries) with Spark's jars,
# run from the project folder so that trials land in the lesson's runs/ folder.
run() {
  local jar
  jar=$(app_jar)
  cd "$ROOT"
  java "${KNOBS_FLAGS[@]}" "${JAVA17_FLAGS[@]}" -Xmx4g -Dknobs.spark.executor.memory="$EXECUTOR_MEMORY" \
      -cp "$jar:$HOME_DIR/jars/*" dev.knobs.search.SearchCommand --spark "$MASTER_URL" "$@"
}

# The same small search (lesson 12 in smoke mode, 6 random configurations of 2 epochs) on 1 worker
# and on 2 workers.
bench() {
  local space="peak-lr=log(0.02,0.3) hidden-dropout=uniform(0,0.5) degrees=uniform(0,15)"
  local stamp
  stamp=$(date +%Y%m%d-%H%M%S)
  # Whatever happens to the driver, the cluster does not outlive the bench.
  trap stop EXIT
  for workers in 1 2; do
    start "$workers"
    local t0
    t0=$(date +%s)
    run --lesson 12-towards-99 --strategy random --trials 6 --epochs 2 --mode smoke --no-final \
        --space "$space" --name "cluster-$stamp-$workers-workers"
    echo "BENCH workers=$workers seconds=$(( $(date +%s) - t0 ))"
    stop
  done
  trap - EXIT
}

case "${1:-}" in
  start) shift; start "${1:-2}" ;;
  stop) stop ;;
  status) status ;;
  run) shift; run "$@" ;;
  bench) bench ;;
  *) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
