#!/usr/bin/env bash
# The start-up floor of a picocli command line on this machine, beside the tool's own --help: a one-command program
# with 25 options (no subcommands, no Guice, no docker-java), declared by annotations and again built in code through
# picocli's programmatic API (its standard help options still come from picocli's own annotated mixin), with an AppCDS
# archive of its own and the launcher's JVM options, runs `--help` and a parse without help; and a plain Java program
# prints a help-sized text. The tool's `--help` is measured beside them when cli/target/seatable-migrate.jar exists (as
# built, not rebuilt here). Paths with blanks are not supported (hyperfine splits its commands at blanks).
# Usage: bench/picocli-floor.sh [RUNS]   (uses the picocli jar of the local Maven repository; installs hyperfine)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-20}
command -v hyperfine >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
version=$(sed -n 's:.*<picocli.version>\(.*\)</picocli.version>.*:\1:p' "$root/pom.xml")
picocli=$HOME/.m2/repository/info/picocli/picocli/$version/picocli-$version.jar
[ -f "$picocli" ] || (cd "$root" && ./mvnw -q -B dependency:get -Dartifact="info.picocli:picocli:$version")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
options=$(for i in $(seq 1 25); do
  printf '    @Option(names = "--option-%s", paramLabel = "VALUE", description = "What option %s sets, in a sentence of about this length.") String o%s;\n' "$i" "$i" "$i"
done)
mkdir -p "$work/src" "$work/classes"
cat >"$work/src/Floor.java" <<JAVA
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "floor", mixinStandardHelpOptions = true, description = "A one-command picocli program.")
public class Floor implements Callable<Integer> {
$options
    public Integer call() { return 0; }
    public static void main(String[] args) { System.exit(new CommandLine(new Floor()).execute(args)); }
}
JAVA
# The same command built in code through picocli's programmatic API (only the standard help mixin is annotated).
cat >"$work/src/FloorSpec.java" <<'JAVA'
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

public class FloorSpec {
    public static void main(String[] args) {
        CommandSpec spec = CommandSpec.create().name("floor").mixinStandardHelpOptions(true);
        spec.usageMessage().description("A one-command picocli program.");
        for (int i = 1; i <= 25; i++) {
            spec.addOption(OptionSpec.builder("--option-" + i).paramLabel("VALUE").type(String.class)
                    .description("What option " + i + " sets, in a sentence of about this length.").build());
        }
        CommandLine line = new CommandLine(spec);
        line.setExecutionStrategy(parsed -> {
            if (parsed.isUsageHelpRequested()) {
                line.usage(System.out);
            }
            return 0;
        });
        System.exit(line.execute(args));
    }
}
JAVA
cat >"$work/src/Plain.java" <<'JAVA'
public class Plain {
    public static void main(String[] args) {
        StringBuilder help = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            help.append("      --option-").append(i).append(" VALUE   What option ").append(i).append(" sets, in a sentence.\n");
        }
        System.out.print(help);
    }
}
JAVA
javac -d "$work/classes" -cp "$picocli" "$work"/src/*.java
jar cf "$work/floor.jar" -C "$work/classes" .   # an archive takes jars only, not folders, on its class path
jvm=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xlog:cds=off -Dpicocli.disable.closures=true)
cp=$work/floor.jar:$picocli
"${jvm[@]}" -XX:DumpLoadedClassList="$work/classes.list" -cp "$cp" Floor --help >/dev/null
"${jvm[@]}" -XX:DumpLoadedClassList="$work/spec.list" -cp "$cp" FloorSpec --help >/dev/null
cat "$work/spec.list" >>"$work/classes.list"
grep -v '^@lambda-proxy.*Lpicocli/' "$work/classes.list" >"$work/archive.list" || true
java -Xshare:dump -XX:SharedClassListFile="$work/archive.list" -XX:SharedArchiveFile="$work/floor.jsa" -cp "$cp" >"$work/dump.log" 2>&1 ||
  { cat "$work/dump.log" >&2; exit 1; }
# The archive must map, or the floor would be measured without it (-Xshare:auto falls back silently).
"${jvm[@]}" -Xshare:on -XX:SharedArchiveFile="$work/floor.jsa" -cp "$cp" Floor >/dev/null
floor="${jvm[*]} -XX:SharedArchiveFile=$work/floor.jsa -cp $cp Floor"
spec="${jvm[*]} -XX:SharedArchiveFile=$work/floor.jsa -cp $cp FloorSpec"
tool=()
jar=$root/cli/target/seatable-migrate.jar
if [ -f "$jar" ]; then
  tool=("env SEATABLE_MIGRATE_JAR=$jar $root/cli/src/dist/bin/seatable-migrate --help")
  SEATABLE_MIGRATE_JAR=$jar "$root/cli/src/dist/bin/seatable-migrate" --help >/dev/null   # makes the tool's archive there
fi
if ! hyperfine -N --warmup 3 --runs "$runs" "java -version" "${jvm[*]} -cp $work/floor.jar Plain" "$floor --help" "$floor" \
  "$spec --help" "$spec" ${tool[@]+"${tool[@]}"} >"$work/hyperfine.log" 2>&1; then
  cat "$work/hyperfine.log" >&2
  exit 1
fi
grep -E '^Benchmark|Time \(mean' "$work/hyperfine.log"
