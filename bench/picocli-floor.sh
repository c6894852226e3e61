#!/usr/bin/env bash
# The start-up floor of a picocli command line on this machine, beside the tool's own --help: a one-command program
# with 25 options (no subcommands, no Guice, no docker-java), declared by annotations and again through picocli's
# programmatic API, with an AppCDS archive of its own and the launcher's JVM options, runs `--help` and a parse without
# help; and a plain Java program prints a help-sized text.
# Usage: bench/picocli-floor.sh [RUNS]   (uses the picocli jar of the local Maven repository; installs hyperfine)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-20}
command -v hyperfine >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
version=$(sed -n 's:.*<picocli.version>\(.*\)</picocli.version>.*:\1:p' "$root/pom.xml")
picocli=$HOME/.m2/repository/info/picocli/picocli/$version/picocli-$version.jar
[ -f "$picocli" ] || (cd "$root" && ./mvnw -q -B dependency:get -Dartifact="info.picocli:picocli:$version" >/dev/null)
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
# The same command built through picocli's programmatic API (no annotations read by reflection).
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
java -Xshare:dump -XX:SharedClassListFile="$work/archive.list" -XX:SharedArchiveFile="$work/floor.jsa" -cp "$cp" >/dev/null 2>&1
floor="${jvm[*]} -XX:SharedArchiveFile=$work/floor.jsa -cp $cp Floor"
tool=()
if [ -f "$root/cli/target/seatable-migrate.jar" ]; then
  tool=("env SEATABLE_MIGRATE_JAR=$root/cli/target/seatable-migrate.jar $root/cli/src/dist/bin/seatable-migrate --help")
  eval "${tool[0]}" >/dev/null   # the first run in that place makes the tool's archive
fi
spec="${jvm[*]} -XX:SharedArchiveFile=$work/floor.jsa -cp $cp FloorSpec"
hyperfine -N --warmup 3 --runs "$runs" "java -version" "${jvm[*]} -cp $work/floor.jar Plain" "$floor --help" "$floor" "$spec --help" "$spec" \
  ${tool[@]+"${tool[@]}"} 2>&1 | grep -E '^Benchmark|Time \(mean'
