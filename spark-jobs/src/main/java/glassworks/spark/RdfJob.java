package glassworks.spark;

import glassworks.md.FrameView;
import glassworks.md.Models;
import glassworks.md.analysis.RadialDistribution;
import glassworks.md.io.ParquetTables;
import glassworks.schema.tables.FramesTable;
import glassworks.md.io.TableFiles;
import glassworks.schema.tables.RdfTable;
import glassworks.schema.tables.RunsTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;

/**
 * {@code glassworks rdf}: partial and total g(r) per temperature, averaged over every frame of every run. Frames are the
 * unit of parallel work: each (run, frame) group is histogrammed by the kernel's {@link RadialDistribution}, then Spark
 * averages the per-frame g(r) per (T, pair, bin).
 */
public final class RdfJob {
    private final RdfOptions options;
    private final Warehouse warehouse;

    public RdfJob(RdfOptions options, Warehouse warehouse) {
        this.options = options;
        this.warehouse = warehouse;
    }

    /** Temperatures to compute: the requested ones, or every T stored for the model. */
    public List<Double> temperatures() {
        if (!options.temperatures().isEmpty()) {
            return options.temperatures();
        }
        List<Double> ts = new ArrayList<>();
        for (String v : warehouse.childPartitionValues(warehouse.partition(FramesTable.SCHEMA, options.model()), FramesTable.T)) {
            ts.add(Double.parseDouble(v));
        }
        ts.sort(null);
        return ts;
    }

    /** Options, input presence and existing output, all before Spark starts. */
    public void validate() {
        options.validate();
        List<Double> ts = temperatures();
        if (ts.isEmpty()) {
            throw new IllegalArgumentException("no frames of model " + options.model() + " in " + warehouse.root()
                    + "; run `glassworks simulate` first");
        }
        for (double t : ts) {
            if (!warehouse.exists(warehouse.partition(FramesTable.SCHEMA, options.model(), t))) {
                throw new IllegalArgumentException("no frames of model " + options.model() + " at T=" + ParquetTables.partitionValue(t)
                        + " in " + warehouse.root() + "; stored temperatures: " + warehouse.childPartitionValues(
                        warehouse.partition(FramesTable.SCHEMA, options.model()), FramesTable.T));
            }
            double halfBox = 0.5 * smallestBoxEdge(t);
            if (options.rMax() > halfBox + 1e-12) {
                throw new IllegalArgumentException("--r-max " + options.rMax() + " exceeds half the smallest box edge at T="
                        + ParquetTables.partitionValue(t) + " (" + halfBox + "); choose --r-max <= " + Math.floor(halfBox * 1000) / 1000);
            }
            if (!options.overwrite() && warehouse.exists(warehouse.partition(RdfTable.SCHEMA, options.model(), t))) {
                throw new IllegalArgumentException("rdf of " + options.model() + " at T=" + ParquetTables.partitionValue(t)
                        + " already exists in " + warehouse.root() + "; pass --overwrite to recompute it");
            }
        }
    }

    /**
     * The model as the runs table stores it (runs.model_spec), so a model declared in a campaign file is analysed with
     * its own species and dimension.
     */
    private glassworks.md.PairModel storedModel(double t) {
        for (Path f : warehouse.dataFiles(warehouse.partition(RunsTable.SCHEMA, options.model(), t))) {
            try {
                for (RunsTable.Row r : TableFiles.readRows(RunsTable.SCHEMA, f, Warehouse.conf(), RunsTable.Row::of)) {
                    return ModelSpecs.fromSpec(options.model(), r.modelSpec());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return Models.byName(options.model());
    }

    /** Smallest box edge among the stored runs at T (from the runs table's footers and rows; no Spark needed). */
    private double smallestBoxEdge(double t) {
        double min = Double.POSITIVE_INFINITY;
        for (Path f : warehouse.dataFiles(warehouse.partition(RunsTable.SCHEMA, options.model(), t))) {
            try {
                for (RunsTable.Row r : TableFiles.readRows(RunsTable.SCHEMA, f, Warehouse.conf(), RunsTable.Row::of)) {
                    min = Math.min(min, Math.min(r.boxX(), r.dims() == 3 ? Math.min(r.boxY(), r.boxZ()) : r.boxY()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return min;
    }

    /**
     * The check for a campaign whose earlier stages simulate {@code simulated} temperatures of this model: refuses g(r)
     * partitions it would recompute without --overwrite, except at the simulated temperatures (simulate removes those,
     * since their runs change).
     */
    public void validatePlanned(java.util.Collection<Double> simulated) {
        options.validate();
        if (options.overwrite()) {
            return;
        }
        java.util.TreeSet<Double> planned = new java.util.TreeSet<>(options.temperatures());
        if (planned.isEmpty()) {
            planned.addAll(temperatures());
            planned.addAll(simulated);
        }
        for (double t : planned) {
            if (!simulated.contains(t) && warehouse.exists(warehouse.partition(RdfTable.SCHEMA, options.model(), t))) {
                throw new IllegalArgumentException("rdf of " + options.model() + " at T=" + ParquetTables.partitionValue(t)
                        + " already exists in " + warehouse.root() + "; add overwrite: true to the rdf stage to recompute it");
            }
        }
    }

    private static final StructType PER_FRAME = new StructType()
            .add("T", DataTypes.DoubleType, false)
            .add("run", DataTypes.StringType, false)
            .add("pair", DataTypes.IntegerType, false)
            .add("bin", DataTypes.IntegerType, false)
            .add("g", DataTypes.DoubleType, false)
            .add("partners", DataTypes.DoubleType, false)
            .add("count", DataTypes.LongType, false);

    public List<RdfTable.Row> run(SparkSession spark, PrintStream log) {
        validate();
        List<Double> ts = temperatures();
        glassworks.md.PairModel model = storedModel(ts.get(0));
        int species = model.speciesCount();
        double rMax = options.rMax();
        int bins = options.bins();
        Dataset<Row> frames = warehouse.view(spark, FramesTable.SCHEMA)
                .where(col(FramesTable.MODEL).equalTo(options.model()).and(col(FramesTable.T).isin(ts.toArray())))
                .select(FramesTable.T, FramesTable.RUN, FramesTable.FRAME, FramesTable.PARTICLE, FramesTable.SPECIES,
                        FramesTable.X, FramesTable.Y, FramesTable.Z, FramesTable.BOX_X, FramesTable.BOX_Y, FramesTable.BOX_Z);
        int dims = model.dims();
        Dataset<Row> perFrame = frames
                .groupByKey((MapFunction<Row, String>) r -> r.getString(1) + "#" + r.getInt(2), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, rows) ->
                        frameRows(rows, species, dims, rMax, bins), Encoders.row(PER_FRAME));
        List<Row> averaged = perFrame.groupBy("T", "pair", "bin")
                .agg(avg("g").as("g"), avg("partners").as("partners"), sum("count").as("count"),
                        count("g").as("frames"), countDistinct("run").as("runs"))
                .collectAsList();
        RadialDistribution rdf = new RadialDistribution(species, rMax, bins);
        Map<Double, List<RdfTable.Row>> byT = new TreeMap<>();
        Map<String, double[]> cumulative = new TreeMap<>();
        List<Row> sorted = new ArrayList<>(averaged);
        sorted.sort(Comparator.comparingDouble((Row r) -> r.getDouble(0)).thenComparingInt(r -> r.getInt(1))
                .thenComparingInt(r -> r.getInt(2)));
        for (Row r : sorted) {
            double t = r.getDouble(0);
            int pair = r.getInt(1);
            int bin = r.getInt(2);
            double[] run = cumulative.computeIfAbsent(t + "#" + pair, k -> new double[1]);
            run[0] += r.getDouble(4);
            byT.computeIfAbsent(t, k -> new ArrayList<>()).add(new RdfTable.Row(rdf.pairLabel(pair),
                    0.5 * (rdf.binLo(bin) + rdf.binHi(bin)), rdf.binLo(bin), rdf.binHi(bin), r.getDouble(3), run[0],
                    r.getLong(5), r.getLong(6), (int) r.getLong(7)));
        }
        String jobId = "rdf-" + UUID.randomUUID();
        List<RdfTable.Row> all = new ArrayList<>();
        Commit commit = new Commit(warehouse, jobId);
        try {
            for (Map.Entry<Double, List<RdfTable.Row>> e : byT.entrySet()) {
                Path dir = warehouse.partition(RdfTable.SCHEMA, options.model(), e.getKey());
                // a recomputed temperature replaces its whole partition
                commit.mergePartition(RdfTable.SCHEMA, dir, e.getValue(), old -> false, RdfTable.Row::of,
                        Comparator.comparing(RdfTable.Row::pair).thenComparingDouble(RdfTable.Row::r));
                all.addAll(e.getValue());
            }
            commit.apply();
        } catch (Exception e) { // SparkException is a checked exception Scala throws undeclared
            commit.abandon();
            throw e;
        }
        for (Map.Entry<Double, List<RdfTable.Row>> e : byT.entrySet()) {
            log.printf("rdf: %s T=%s from %d frame(s) of %d run(s)%n", options.model(),
                    ParquetTables.partitionValue(e.getKey()), e.getValue().get(0).nFrames(), e.getValue().get(0).nRuns());
        }
        return all;
    }

    /** The kernel on one frame's rows: one output row per (pair, bin). */
    static Iterator<Row> frameRows(Iterator<Row> rows, int species, int dims, double rMax, int bins) {
        List<Row> in = new ArrayList<>();
        rows.forEachRemaining(in::add);
        int n = in.size();
        int[] sp = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = in.get(i);
            sp[i] = r.getInt(4);
            x[i] = r.getDouble(5);
            y[i] = r.getDouble(6);
            z[i] = r.getDouble(7);
        }
        Row first = in.get(0);
        FrameView f = new FrameView(first.getInt(2), 0, 0, n, dims, sp, x, y, z, first.getDouble(8), first.getDouble(9),
                first.getDouble(10), null, null, null, null);
        RadialDistribution rdf = new RadialDistribution(species, rMax, bins);
        RadialDistribution.Frame g = rdf.compute(f);
        List<Row> out = new ArrayList<>(rdf.pairs() * bins);
        for (int p = 0; p < rdf.pairs(); p++) {
            for (int k = 0; k < bins; k++) {
                out.add(RowFactory.create(first.getDouble(0), first.getString(1), p, k, g.g()[p][k], g.partners()[p][k],
                        g.counts()[p][k]));
            }
        }
        return out.iterator();
    }
}
