package glassworks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import glassworks.md.structure.DescriptorCatalog;
import glassworks.spark.DescriptorsJob;
import glassworks.spark.DescriptorsOptions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Command(name = "descriptors", mixinStandardHelpOptions = true,
        description = "Per-particle structural descriptors of stored frames (frames are the unit of parallel work) into the "
                + "descriptors table, one partition per descriptor set, ready for MLlib.")
final class DescriptorsCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--model", defaultValue = "ka3d", description = "Model whose frames are described (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = {"-T", "--temperatures"}, split = ",", converter = Converters.FiniteDouble.class, paramLabel = "T",
            description = "Temperatures to process (default: every stored temperature).")
    List<Double> temperatures;
    @Option(names = "--runs", split = ",", paramLabel = "RUN",
            description = "Run ids to process (default: every run at the chosen temperatures).")
    List<String> runs;
    @Option(names = "--every", defaultValue = "1",
            description = "Describe every k-th frame of a run: frames 0, k, 2k, ... (default: ${DEFAULT-VALUE}).")
    int every;
    @Option(names = "--family", split = ",", paramLabel = "FAMILY",
            description = "Descriptor families with their defaults, each a set named after it: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Families.class)
    List<String> families;
    @Option(names = "--param", paramLabel = "FAMILY.KEY=VALUE",
            description = "A parameter of a --family set, e.g. --param bo.l_max=12 (repeatable; `glassworks descriptors "
                    + "--list` shows every family's parameters).")
    List<String> params;
    @Option(names = "--sets", paramLabel = "YAML",
            description = "Descriptor sets as a YAML/JSON list of {family, name (default: the family), parameters...}, "
                    + "e.g. '[{family: bo, name: bo12, l_max: 12}, {family: wcn}]'; a campaign's sets: list.")
    String sets;
    @Option(names = "--source", defaultValue = "thermal",
            description = "Configurations described: thermal (the frames) or inherent (their inherent structures, after "
                    + "glassworks inherent) (default: ${DEFAULT-VALUE}).")
    String source;
    @Option(names = "--reference-T", converter = Converters.FiniteDouble.class,
            description = "Take the parameters found from g(r) (cutoffs, shells) at this temperature for every temperature "
                    + "(default: each temperature its own).")
    Double referenceT;
    @Option(names = "--reference-frames", defaultValue = "4",
            description = "Frames sampled for that g(r) (default: ${DEFAULT-VALUE}).")
    int referenceFrames;
    @Option(names = "--frames-per-task", defaultValue = "0",
            description = "Frames per Spark task (default: 0, about four tasks per core).")
    int framesPerTask;
    @Option(names = "--overwrite", description = "Replace descriptor sets that exist already.")
    boolean overwrite;
    @Option(names = "--list", description = "Print every family with its parameters and defaults, and exit.")
    boolean list;

    /** picocli completion candidates: the catalog's families. */
    static final class Families extends ArrayList<String> {
        Families() {
            super(DescriptorCatalog.families());
        }
    }

    DescriptorsOptions options() {
        List<DescriptorCatalog.Request> requests = new ArrayList<>();
        if (sets != null) {
            if (families != null || params != null) {
                throw new IllegalArgumentException("--sets replaces --family and --param; give one or the other");
            }
            requests.addAll(parseSets(sets));
        } else if (families != null) {
            Map<String, Map<String, String>> byFamily = new LinkedHashMap<>();
            for (String f : families) {
                byFamily.put(f.trim(), new TreeMap<>());
            }
            for (String p : params == null ? List.<String>of() : params) {
                int dot = p.indexOf('.');
                int eq = p.indexOf('=');
                if (dot < 1 || eq < dot + 2) {
                    throw new IllegalArgumentException("--param '" + p + "' is not FAMILY.KEY=VALUE, e.g. --param bo.l_max=12");
                }
                String family = p.substring(0, dot);
                if (!byFamily.containsKey(family)) {
                    throw new IllegalArgumentException("--param " + p + " names family '" + family + "', which is not in "
                            + "--family " + String.join(",", byFamily.keySet()));
                }
                byFamily.get(family).put(p.substring(dot + 1, eq), p.substring(eq + 1));
            }
            byFamily.forEach((f, ps) -> requests.add(new DescriptorCatalog.Request(f, f, ps)));
        } else if (params != null) {
            throw new IllegalArgumentException("--param needs --family");
        }
        return new DescriptorsOptions(model, temperatures, runs, every, requests, source, referenceT, referenceFrames,
                framesPerTask, overwrite);
    }

    /** The --sets YAML: a list of mappings with family, optional name, and parameters. */
    static List<DescriptorCatalog.Request> parseSets(String yaml) {
        Object parsed;
        try {
            parsed = new ObjectMapper(new YAMLFactory()).readValue(yaml, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("--sets is not a YAML list: " + e.getMessage().split("\n")[0]
                    + "; e.g. '[{family: bo, l_max: 12}, {family: wcn}]'", e);
        }
        if (!(parsed instanceof List<?> items) || items.isEmpty()) {
            throw new IllegalArgumentException("--sets must be a non-empty list of {family: ..., name: ..., parameters}, "
                    + "e.g. '[{family: bo}, {family: wcn}]'");
        }
        List<DescriptorCatalog.Request> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m) || !(m.get("family") instanceof String family)) {
                throw new IllegalArgumentException("each descriptor set needs a family, e.g. {family: bo}; got " + item);
            }
            String name = m.get("name") == null ? family : String.valueOf(m.get("name"));
            Map<String, String> ps = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (!k.equals("family") && !k.equals("name")) {
                    Object v = e.getValue();
                    ps.put(k, v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                            : String.valueOf(v));
                }
            }
            out.add(new DescriptorCatalog.Request(name, family, ps));
        }
        return out;
    }

    @Override
    public void validateOptions() {
        if (!list) {
            options().validate();
        }
    }

    @Override
    public void validate(Warehouse warehouse) {
        new DescriptorsJob(options(), warehouse).validate();
    }

    @Override
    public void validateAfter(Warehouse warehouse, List<SparkCommand> earlier) {
        Map<Double, List<String>> planned = SparkCommand.plannedRuns(earlier, model);
        if (planned.isEmpty()) {
            validate(warehouse);
        } else {
            new DescriptorsJob(options(), warehouse).validatePlanned(planned);
        }
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        new DescriptorsJob(options(), warehouse).run(spark, out);
    }

    @Override
    public void run() {
        if (list) {
            main.out.print(DescriptorCatalog.manual());
            return;
        }
        GlobalOptions.runWithSpark(main, "descriptors", this, main.out);
    }
}
