# Sourced by local/run and load/run (not run by itself): builds what the command's module needs when
# a source changed, then sets $java_cmd and $classpath, the latter naming copies of the project's jars.
# Expects $module_dir, the module's folder (local/ or load/), and $module_jar, the name of its jar.

root=$(dirname "$module_dir")
module=$(basename "$module_dir")
target=$module_dir/target
jar=$target/$module_jar
classpath_file=$target/classpath.txt
# Written after each successful build: sources newer than this need a new build.
stamp=$target/${module_jar%.jar}.built
command_name=$module/$(basename "$0")

# JDK 25 (issue 17): the one this kind of machine has beside its default JDK, unless JAVA_HOME says.
if [[ -z ${JAVA_HOME:-} && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v "$java_cmd" >/dev/null || { echo "$command_name needs a JDK 25 (JAVA_HOME, or java on PATH)" >&2; exit 1; }

dependencies() {
  local entries=()
  IFS=: read -r -a entries < "$classpath_file" || true # the file has no final newline
  printf '%s\n' "${entries[@]}"
}

needs_build() {
  [[ -f $stamp && -f $jar && -f $classpath_file ]] || return 0
  # A dependency gone (a module's target/ cleaned), or a source, resource or POM changed.
  local entry
  while IFS= read -r entry; do
    [[ -e $entry ]] || return 0
  done < <(dependencies)
  [[ -n $(find "$root/pom.xml" "$root/local-aws" "$root/functions" "$root/local" "$module_dir" \
    \( -name target -o -name node_modules \) -prune -o -type f \
    \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) \
    -newer "$stamp" -print -quit) ]]
}

if needs_build; then
  command -v mvn >/dev/null || { echo "$command_name needs Maven (mvn on PATH) to build" >&2; exit 1; }
  echo "Building $module and the functions (mvn -q -DskipTests install)..." >&2
  # Stamped with the time the build started: a file saved during the build triggers the next one.
  mkdir -p "$target"
  touch "$stamp.new"
  mvn -q -f "$root/pom.xml" -DskipTests install -pl "$module" -am
  mv "$stamp.new" "$stamp"
fi

# The JVMs run from copies of the project's own jars: a build in another terminal rewrites
# target/*.jar and ~/.m2's snapshots in place, which would change classes under a running JVM.
# Each copy is renamed over the previous one, so a run already going keeps the files it opened.
runtime=$target/runtime
mkdir -p "$runtime"
classpath=
while IFS= read -r entry; do
  if [[ -f $entry && ($entry == "$root"/* || $entry == */dev/contentfunctions/*) ]]; then
    copy=$runtime/$(basename "$entry")
    cp "$entry" "$copy.$$"
    mv -f "$copy.$$" "$copy"
    entry=$copy
  fi
  classpath+=${classpath:+:}$entry
done < <(echo "$jar"; dependencies)
