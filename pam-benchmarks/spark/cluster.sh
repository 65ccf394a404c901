#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# A Spark standalone cluster on this machine, from Spark's own jars (Maven Central; no Spark tarball needed), and
# `pamlearn compare --runner spark` submitted to it. Loopback only. See docs/SPARK.md.
#
#   pam-benchmarks/spark/cluster.sh start            master on spark://127.0.0.1:7077, two workers of 1 core each
#   pam-benchmarks/spark/cluster.sh submit ARGS...   spark-submit pamlearn.jar compare --runner spark ARGS...
#   pam-benchmarks/spark/cluster.sh stop             kills the master and workers that start started
#
# Run from the repository root after `./mvnw -B -ntp package -pl examples -am -DskipTests` (examples/target/
# pamlearn.jar). Everything goes to pam-benchmarks/spark/target/: spark.classpath, a SPARK_HOME of symlinks to the
# jars (the workers build their executors' classpath from SPARK_HOME/jars), the daemons' logs and pids.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target="$here/target"
home="$target/spark-home"
master=spark://127.0.0.1:7077
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# What Spark's launcher gives its JVMs on Java 17 (JavaModuleOptions; spark.java.options in the parent pom).
opens="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
opens="$opens -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
# Every socket and web UI of the daemons, the driver and the executors on the loopback interface.
export SPARK_LOCAL_IP=127.0.0.1 SPARK_HOME="$home"
# Without it Spark's launcher looks for a source build's directories to learn the Scala version.
export SPARK_SCALA_VERSION=2.13

classpath() {
  if [ ! -s "$target/spark.classpath" ]; then
    mkdir -p "$target"
    "$root/mvnw" -B -ntp -q -f "$here/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$target/spark.classpath"
  fi
  if [ ! -f "$home/RELEASE" ]; then
    mkdir -p "$home/jars"
    tr ':' '\n' < "$target/spark.classpath" | while read -r jar; do ln -sf "$jar" "$home/jars/"; done
    # A RELEASE file makes Spark's launcher take SPARK_HOME/jars as a distribution's jars directory.
    echo "Spark 4.0.1 jars from Maven Central (pam-benchmarks/spark/cluster.sh)" > "$home/RELEASE"
  fi
  cat "$target/spark.classpath"
}

daemon() { # name, main class, arguments...
  name=$1
  shift
  "$java" -Xmx512m $opens -cp "$(classpath)" "$@" > "$target/$name.log" 2>&1 &
  echo $! > "$target/$name.pid"
}

case "${1:-}" in
  start)
    classpath > /dev/null
    daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 8080
    for w in 1 2; do
      daemon worker$w org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
        --webui-port $((8080 + w)) --work-dir "$target/work$w" $master
    done
    # The workers retry until the master is up; wait (up to a minute) until both have registered.
    n=0
    while [ "$(grep -c 'Registering worker' "$target/master.log")" -lt 2 ] && [ $n -lt 60 ]; do
      sleep 1
      n=$((n + 1))
    done
    grep -h "Starting Spark master\|Registering worker" "$target/master.log"
    ;;
  submit)
    shift
    exec "$java" $opens -cp "$(classpath)" org.apache.spark.deploy.SparkSubmit --master $master \
      --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
      --conf spark.driver.userClassPathFirst=true --conf spark.executor.userClassPathFirst=true \
      --class org.pamlearn.examples.cli.CompareMain "$root/examples/target/pamlearn.jar" --runner spark "$@"
    ;;
  stop)
    for name in worker1 worker2 master; do
      if [ -f "$target/$name.pid" ]; then
        kill "$(cat "$target/$name.pid")" 2> /dev/null || true
        rm -f "$target/$name.pid"
      fi
    done
    ;;
  *)
    echo "usage: $0 start | submit COMPARE-OPTIONS... | stop" >&2
    exit 2
    ;;
esac
