package glassworks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import glassworks.md.Models;
import glassworks.md.PairModel;
import glassworks.spark.Sessions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes a campaign file: a YAML mapping whose keys are stages run in file order ({@code simulate}, {@code iso},
 * {@code rdf}) and whose values map option names (without dashes; {@code _} or {@code -} alike) to values, exactly the
 * options of the stage's command; a nested value (a {@code stages:} list of mappings) is passed as its YAML/JSON text.
 * An optional top-level {@code warehouse} sets the warehouse, and {@code models:} declares models by name
 * ({@link Models#fromSpec}) that the stages' {@code model:} may name. Every stage's options are checked before Spark
 * starts; {@code --dry-run} stops there.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a campaign file (YAML): stages simulate, iso and rdf with the same options as the commands, and "
                + "models: declarations.")
final class RunCommand implements Runnable {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "Campaign file, e.g. examples/quickstart.yaml.")
    File file;

    @Option(names = "--dry-run", description = "Check every stage (options, and the warehouse as the stages before it will "
            + "leave it) and stop before Spark starts.")
    boolean dryRun;

    record Stage(String name, SparkCommand command) {
    }

    @Override
    public void run() {
        Campaign[] parsed = new Campaign[1];
        BadInputException.check(() -> parsed[0] = parse(file, main));
        Campaign c = parsed[0];
        Warehouse w = new Warehouse(c.warehouse);
        BadInputException.check(() -> validate(c, w));
        if (dryRun) {
            main.out.println("campaign " + file + ": " + c.stages.size() + " stage(s) checked, nothing run (--dry-run)");
            return;
        }
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

    /** Every stage's options, then every stage against the warehouse as the stages before it will leave it. */
    static void validate(Campaign c, Warehouse w) {
        List<SparkCommand> earlier = new ArrayList<>();
        for (Stage s : c.stages) {
            try {
                s.command().validateOptions();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("stage " + s.name() + ": " + e.getMessage(), e);
            }
        }
        for (Stage s : c.stages) {
            try {
                s.command().validateAfter(w, earlier);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("stage " + s.name() + ": " + e.getMessage(), e);
            }
            earlier.add(s.command());
        }
    }

    static final class Campaign {
        String warehouse;
        final Map<String, PairModel> models = new LinkedHashMap<>();
        final List<Stage> stages = new ArrayList<>();
    }

    /** The campaign's {@code models:} mapping, name to spec, each parsed by {@link Models#fromSpec}. */
    static void parseModels(File file, JsonNode node, Map<String, PairModel> into) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("campaign " + file + ": models must map names to definitions, e.g. "
                    + "'models: {ka-rc25: {preset: ka3d, cutoff: {uniform: 2.5}}}'");
        }
        ObjectMapper json = new ObjectMapper();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isObject()) {
                throw new IllegalArgumentException("campaign " + file + ": model '" + m.getKey() + "' must be a mapping "
                        + "(preset: ... with overrides, or dims, species, pairs, ...)");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = json.convertValue(m.getValue(), Map.class);
            try {
                into.put(m.getKey(), Models.fromSpec(m.getKey(), spec));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("campaign " + file + ", models: " + e.getMessage(), e);
            }
        }
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
        if (root.has("models")) {
            parseModels(file, root.get("models"), c.models);
        }
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
            if (key.equals("models")) {
                continue;
            }
            SparkCommand command;
            switch (key) {
                case "simulate": command = new SimulateCommand(); break;
                case "iso": command = new IsoCommand(); break;
                case "rdf": command = new RdfCommand(); break;
                case "inherent": command = new InherentCommand(); break;
                case "descriptors": command = new DescriptorsCommand(); break;
                case "dynamics": command = new DynamicsCommand(); break;
                case "meso": command = new MesoCommand(); break;
                case "reduce": command = new ReduceCommand(); break;
                case "fit": command = new FitCommand(); break;
                case "plot": command = new PlotCommand(); break;
                default: throw new IllegalArgumentException("campaign " + file + ": unknown stage '" + key
                        + "'; stages: simulate, iso, rdf, inherent, descriptors, dynamics, meso, reduce, fit, plot (and the keys warehouse, models)");
            }
            List<String> args = arguments(file, key, e.getValue());
            try {
                new CommandLine(command).parseArgs(args.toArray(new String[0]));
            } catch (CommandLine.ParameterException ex) {
                throw new IllegalArgumentException("campaign " + file + ", stage " + key + ": " + ex.getMessage(), ex);
            }
            if (command instanceof SimulateCommand sim) {
                sim.declaredModels = c.models;
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
            } else if (v.isObject() || v.isArray() && v.size() > 0 && v.get(0).isContainerNode()) {
                // nested structure (a stages: list of mappings): the option takes its YAML text, and JSON is YAML
                args.add(name);
                args.add(v.toString());
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
