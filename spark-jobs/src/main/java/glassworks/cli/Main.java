package glassworks.cli;

import glassworks.schema.TableSchema;
import glassworks.schema.tables.Tables;
import glassworks.spark.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** The {@code glassworks} command line: one small class per subcommand, options checked before Spark starts. */
@Command(name = "glassworks", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
        description = "Simulate glass-forming liquids, store trajectories as Parquet tables, analyse them on Apache Spark.",
        subcommands = {SimulateCommand.class, IsoCommand.class, RdfCommand.class, InherentCommand.class, DescriptorsCommand.class, DynamicsCommand.class, MesoCommand.class, ReduceCommand.class, FitCommand.class, PlotCommand.class, SqlCommand.class, DescribeCommand.class, RunCommand.class,
                BenchCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {
    /** Exit code for refused input (bad options, existing output, unreadable campaign). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a job that started and failed. */
    public static final int EXIT_FAILED = 1;

    @Option(names = "--warehouse", defaultValue = "warehouse", paramLabel = "DIR",
            description = "Warehouse root: a local directory or a Hadoop URI such as hdfs://nn/glass (default: ./warehouse).")
    String warehouse;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A Spark setting, repeatable, e.g. --conf spark.task.cpus=2 (force threads per simulation).")
    java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. spark://host:7077 (default: spark-submit's, else embedded local[*]).")
    String master;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where commands print their results (System.out, or a test's buffer). */
    PrintStream out = System.out;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line and returns its exit code (tests call this in-process). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        Main main = new Main();
        main.out = out;
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = rootMessage(ex);
            boolean badInput = cause instanceof BadInputException || cause instanceof glassworks.schema.FormatVersionException;
            err.println("glassworks " + commandLine.getCommandName() + ": " + describe(cause));
            return badInput ? EXIT_BAD_INPUT : EXIT_FAILED;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("glassworks: " + ex.getMessage());
            String name = ex.getCommandLine().getCommandName();
            err.println("Try 'glassworks " + ("glassworks".equals(name) ? "" : name + " ") + "--help' for the options.");
            return EXIT_BAD_INPUT;
        });
        return cl.execute(args);
    }

    /**
     * The cause worth showing: our own refusal (it already names the problem and the fix); else the outermost exception
     * raised by Glassworks code itself (it says what to do, where the library exception beneath it does not); else the
     * most specific message, since Spark wraps task failures several layers deep.
     */
    static Throwable rootMessage(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof BadInputException || c instanceof glassworks.schema.FormatVersionException) {
                return c;
            }
        }
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            StackTraceElement[] st = c.getStackTrace();
            if (!(c instanceof java.io.UncheckedIOException) && c.getMessage() != null && st.length > 0
                    && st[0].getClassName().startsWith("glassworks.")) {
                return c;
            }
        }
        Throwable best = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                best = c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return best;
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getName();
        }
        // Spark puts the task's own exception text after "Job aborted due to stage failure: ... : <class>: <message>"
        int i = m.lastIndexOf("Exception: ");
        if (m.startsWith("Job aborted") && i > 0) {
            m = m.substring(i + "Exception: ".length());
            int nl = m.indexOf('\n');
            m = nl > 0 ? m.substring(0, nl) : m;
        }
        return m;
    }

    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "glassworks " + Version.VERSION,
                "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Scala " + scala.util.Properties.versionNumberString(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                "table formats: " + Tables.ALL.stream().map(t -> t.name() + " v" + t.version()).collect(Collectors.joining(", "))
            };
        }
    }

    static String tableList() {
        return Tables.ALL.stream().map(TableSchema::name).collect(Collectors.joining(", "));
    }
}
