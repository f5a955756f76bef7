package glassworks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import glassworks.spark.Sessions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Executes a campaign file: a YAML mapping whose keys are stages run in file order ({@code simulate}, {@code rdf}) and
 * whose values map option names (without dashes; {@code _} or {@code -} alike) to values, exactly the options of the
 * stage's command. An optional top-level {@code warehouse} sets the warehouse. Every stage's options are checked before
 * Spark starts.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a campaign file (YAML): stages simulate and rdf with the same options as the commands.")
final class RunCommand implements Runnable {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "Campaign file, e.g. examples/quickstart.yaml.")
    File file;

    record Stage(String name, SparkCommand command) {
    }

    @Override
    public void run() {
        Campaign[] parsed = new Campaign[1];
        BadInputException.check(() -> parsed[0] = parse(file, main));
        Campaign c = parsed[0];
        Warehouse w = new Warehouse(c.warehouse);
        BadInputException.check(() -> {
            List<SparkCommand> earlier = new ArrayList<>();
            for (Stage s : c.stages) {
                s.command().validateOptions();
            }
            // every stage against the warehouse as the stages before it will leave it
            for (Stage s : c.stages) {
                s.command().validateAfter(w, earlier);
                earlier.add(s.command());
            }
        });
        SparkSession spark = Sessions.start(main.master, "glassworks run " + file.getName(), main.conf);
        try {
            for (Stage s : c.stages) {
                main.out.println("== stage " + s.name());
                s.command().execute(spark, w, main.out);
            }
        } finally {
            spark.stop();
        }
        main.out.println("campaign " + file + " done; warehouse " + w.root());
    }

    static final class Campaign {
        String warehouse;
        final List<Stage> stages = new ArrayList<>();
    }

    static Campaign parse(File file, Main main) {
        JsonNode root;
        try {
            // a repeated stage or option would otherwise silently keep only its last value
            root = new ObjectMapper(new YAMLFactory()).enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read campaign " + file + ": " + e.getMessage().split("\n")[0], e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("campaign " + file + " must be a YAML mapping of stages, e.g. 'simulate: {...}'");
        }
        Campaign c = new Campaign();
        c.warehouse = main.warehouse;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("warehouse")) {
                // an explicit --warehouse on the command line wins over the file
                if ("warehouse".equals(main.warehouse)) {
                    c.warehouse = e.getValue().asText();
                }
                continue;
            }
            SparkCommand command;
            switch (key) {
                case "simulate": command = new SimulateCommand(); break;
                case "rdf": command = new RdfCommand(); break;
                default: throw new IllegalArgumentException("campaign " + file + ": unknown stage '" + key
                        + "'; stages: simulate, rdf (and the key warehouse)");
            }
            List<String> args = arguments(file, key, e.getValue());
            try {
                new CommandLine(command).parseArgs(args.toArray(new String[0]));
            } catch (CommandLine.ParameterException ex) {
                throw new IllegalArgumentException("campaign " + file + ", stage " + key + ": " + ex.getMessage(), ex);
            }
            c.stages.add(new Stage(key, command));
        }
        if (c.stages.isEmpty()) {
            throw new IllegalArgumentException("campaign " + file + " has no stage; add e.g. 'simulate: {temperatures: [1.0]}'");
        }
        return c;
    }

    /** A stage's mapping as command-line arguments: {@code key: value} to {@code --key value}, lists comma-joined. */
    static List<String> arguments(File file, String stage, JsonNode options) {
        List<String> args = new ArrayList<>();
        if (options == null || options.isNull()) {
            return args;
        }
        if (!options.isObject()) {
            throw new IllegalArgumentException("campaign " + file + ", stage " + stage + ": expected a mapping of options");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            String name = "--" + o.getKey().replace('_', '-');
            JsonNode v = o.getValue();
            if (v.isBoolean()) {
                if (v.asBoolean()) {
                    args.add(name);
                }
            } else if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asText()));
                args.add(name);
                args.add(String.join(",", parts));
            } else {
                args.add(name);
                args.add(v.asText());
            }
        }
        return args;
    }
}
