package glassworks.spark;

import glassworks.md.Box;
import glassworks.md.InherentStructures;
import glassworks.md.Models;
import glassworks.md.PairModel;
import glassworks.md.Snapshot;
import glassworks.md.io.ParquetTables;
import glassworks.md.io.RowFileWriter;
import glassworks.md.io.TableFiles;
import glassworks.schema.Column;
import glassworks.schema.TableSchema;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.InherentTable;
import glassworks.schema.tables.RunsTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;

/**
 * {@code glassworks inherent}: the inherent structure of stored frames, every k-th frame of the selected runs, written to
 * the {@code inherent} table (one file per run, like frames).
 *
 * <p>Frames are the unit of parallel work: the selected frames' rows are hash-partitioned by (run, frame) into as many
 * partitions as there are frames, so each Spark task minimises about one frame with the kernel's
 * {@link InherentStructures} (FIRE 2.0, {@code spark.task.cpus} force threads). An explicit partition count, unlike a
 * {@code groupByKey}, is kept by adaptive query execution, which would otherwise coalesce the small frame rows into a few
 * CPU-bound tasks. A second shuffle by run writes one staged file per run; the driver then commits all runs together
 * (two-phase {@link Commit}: a failure before the swap leaves the table as it was). With {@code --overwrite} a run's
 * inherent partition is replaced as a whole, so repeating the job never doubles rows.
 */
public final class InherentJob {
    private final InherentOptions options;
    private final Warehouse warehouse;

    public InherentJob(InherentOptions options, Warehouse warehouse) {
        this.options = options;
        this.warehouse = warehouse;
    }

    /** What the job did for one run. */
    public record RunResult(double temperature, String run, int frames, long rows, double meanEnergy, int notConverged,
                            int maxIterations) implements Serializable {
    }

    private RunSelection runs() {
        return new RunSelection(warehouse, options.model(), options.temperatures(), options.runs(), "inherent structures");
    }

    /** Temperatures to process: the requested ones, or every T stored in frames for the model. */
    public List<Double> temperatures() {
        return runs().effectiveTemperatures();
    }

    /** The runs to minimise per temperature, from the frames table's partition directories (no Spark). */
    public Map<Double, List<String>> selection() {
        return runs().selection(runs().partitionExists(InherentTable.SCHEMA), options.overwrite());
    }

    /** Options, input presence and existing output, all before Spark starts. */
    public void validate() {
        options.validate();
        runs().validate(runs().partitionExists(InherentTable.SCHEMA), options.overwrite());
    }

    /**
     * The check for a campaign whose earlier stages simulate {@code planned} runs (temperature to run ids) of this model:
     * their frames do not exist yet but will.
     */
    public void validatePlanned(Map<Double, ? extends Collection<String>> planned) {
        options.validate();
        runs().validatePlanned(planned, runs().partitionExists(InherentTable.SCHEMA), options.overwrite());
    }

    /** Rows written back per run by the write stage. */
    private static final StructType WRITTEN = new StructType()
            .add("T", DataTypes.DoubleType, false)
            .add("run", DataTypes.StringType, false)
            .add("dir", DataTypes.StringType, false)
            .add("rows", DataTypes.LongType, false)
            .add("frames", DataTypes.IntegerType, false)
            .add("e_is_sum", DataTypes.DoubleType, false)
            .add("not_converged", DataTypes.IntegerType, false)
            .add("max_iterations", DataTypes.IntegerType, false);

    public List<RunResult> run(SparkSession spark, PrintStream log) {
        validate();
        Map<Double, List<String>> selection = selection();
        List<Double> ts = new ArrayList<>(selection.keySet());
        List<String> runIds = new ArrayList<>();
        selection.values().forEach(runIds::addAll);
        Map<String, PairModel> models = runs().models(selection);
        int threads = Integer.parseInt(spark.sparkContext().getConf().get("spark.task.cpus", "1"));
        InherentStructures.Options kernel = options.kernel(threads);
        String jobId = "inherent-" + UUID.randomUUID();
        String stagingRoot = new Path(warehouse.staging(jobId), InherentTable.NAME).toString();

        Dataset<Row> frames = warehouse.view(spark, FramesTable.SCHEMA)
                .where(col(FramesTable.MODEL).equalTo(options.model()).and(col(FramesTable.T).isin(ts.toArray()))
                        .and(col(FramesTable.RUN).isin(runIds.toArray()))
                        .and(col(FramesTable.FRAME).mod(options.every()).equalTo(0)))
                .select(FramesTable.T, FramesTable.RUN, FramesTable.FRAME, FramesTable.STEP, FramesTable.TIME,
                        FramesTable.PARTICLE, FramesTable.SPECIES, FramesTable.X, FramesTable.Y, FramesTable.Z,
                        FramesTable.BOX_X, FramesTable.BOX_Y, FramesTable.BOX_Z);
        long nFrames = frames.select(FramesTable.RUN, FramesTable.FRAME).distinct().count();
        if (nFrames == 0) {
            throw new IllegalStateException("the selected runs " + runIds + " hold no frames; the frames table may be "
                    + "incomplete: re-simulate them");
        }
        log.printf("inherent: %d frame(s) of %d run(s) of %s (every %d), FIRE to max |F| < %s, as %d Spark task(s)%n",
                nFrames, runIds.size(), options.model(), options.every(), options.forceTolerance(), nFrames);
        String modelName = options.model();
        Dataset<Row> minimised = frames
                .repartition((int) Math.min(nFrames, Integer.MAX_VALUE), col(FramesTable.RUN), col(FramesTable.FRAME))
                .sortWithinPartitions(FramesTable.RUN, FramesTable.FRAME, FramesTable.PARTICLE)
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> minimiseFrames(rows, models, modelName, kernel),
                        Encoders.row(SparkSchemas.of(InherentTable.SCHEMA)));
        Commit commit = new Commit(warehouse, jobId);
        try {
            List<Row> written = minimised
                    .repartition(runIds.size(), col(InherentTable.RUN))
                    .sortWithinPartitions(InherentTable.RUN, InherentTable.FRAME, InherentTable.PARTICLE)
                    .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> writeRuns(rows, stagingRoot),
                            Encoders.row(WRITTEN))
                    .collectAsList();
            List<RunResult> results = new ArrayList<>();
            for (Row w : written) {
                double t = w.getDouble(0);
                String run = w.getString(1);
                commit.replaceDirectory(InherentTable.SCHEMA, new Path(w.getString(2)),
                        warehouse.partition(InherentTable.SCHEMA, options.model(), t, run));
                results.add(new RunResult(t, run, w.getInt(4), w.getLong(3), w.getDouble(5) / w.getInt(4), w.getInt(6),
                        w.getInt(7)));
            }
            if (results.size() != runIds.size()) {
                throw new IllegalStateException("inherent structures were computed for " + results.size() + " of "
                        + runIds.size() + " selected runs; nothing was committed");
            }
            commit.apply();
            results.sort(java.util.Comparator.comparingDouble(RunResult::temperature).thenComparing(RunResult::run));
            for (RunResult r : results) {
                log.printf(Locale.ROOT, "  %s: %d frame(s), mean e_IS %.6f, max %d iterations%s%n", r.run(), r.frames(),
                        r.meanEnergy(), r.maxIterations(), r.notConverged() == 0 ? ""
                                : ", " + r.notConverged() + " frame(s) NOT converged (raise --max-iterations)");
            }
            return results;
        } catch (Exception e) { // SparkException is a checked exception Scala throws undeclared
            commit.abandon();
            throw e;
        }
    }

    /**
     * The kernel on every frame of one partition (rows sorted by run, frame, particle): one output row per particle, in
     * the inherent table's column order.
     */
    static Iterator<Row> minimiseFrames(Iterator<Row> rows, Map<String, PairModel> models, String modelName,
                                        InherentStructures.Options kernel) {
        List<Row> out = new ArrayList<>();
        List<Row> frame = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            if (!frame.isEmpty() && !(frame.get(0).getString(1).equals(r.getString(1))
                    && frame.get(0).getInt(2) == r.getInt(2))) {
                minimiseFrame(frame, models.get(frame.get(0).getString(1)), modelName, kernel, out);
                frame.clear();
            }
            frame.add(r);
        }
        if (!frame.isEmpty()) {
            minimiseFrame(frame, models.get(frame.get(0).getString(1)), modelName, kernel, out);
        }
        return out.iterator();
    }

    /** One frame's rows (T, run, frame, step, time, particle, species, x, y, z, box_x, box_y, box_z), sorted by particle. */
    private static void minimiseFrame(List<Row> in, PairModel model, String modelName, InherentStructures.Options kernel,
                                      List<Row> out) {
        int n = in.size();
        Row first = in.get(0);
        String run = first.getString(1);
        int frameIndex = first.getInt(2);
        int[] species = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = in.get(i);
            if (r.getInt(5) != i) {
                throw new IllegalStateException("frame " + frameIndex + " of run " + run + " has particle ids that are not "
                        + "0.." + (n - 1) + " (found " + r.getInt(5) + " at position " + i + "); the frames table may be "
                        + "corrupt: re-simulate the run");
            }
            species[i] = r.getInt(6);
            x[i] = r.getDouble(7);
            y[i] = r.getDouble(8);
            z[i] = r.getDouble(9);
        }
        double lx = first.getDouble(10);
        double ly = first.getDouble(11);
        double lz = first.getDouble(12);
        Box box = model.dims() == 2 ? Box.planar(lx, ly) : new Box(lx, ly, lz);
        Snapshot s = new Snapshot(box, species, x, y, z, null, null, null, run, frameIndex);
        InherentStructures.Result res;
        try {
            res = InherentStructures.minimize(model, s, kernel);
        } catch (RuntimeException e) {
            throw new IllegalStateException("minimising frame " + frameIndex + " of run " + run + " failed: "
                    + e.getMessage(), e);
        }
        Map<String, Object> partition = Map.of(InherentTable.MODEL, modelName, InherentTable.T, first.getDouble(0),
                InherentTable.RUN, run);
        for (int i = 0; i < n; i++) {
            InherentTable.Row row = new InherentTable.Row(frameIndex, first.getLong(3), first.getDouble(4), i, species[i],
                    res.x()[i], res.y()[i], res.z()[i], lx, ly, lz, res.perParticleEnergy()[i], res.energyPerParticle(),
                    res.maxForce(), res.iterations(), res.converged());
            out.add(sparkRow(InherentTable.SCHEMA, partition, row));
        }
    }

    /** A generated row plus its partition values as a Spark row of the table's full schema, in schema-file order. */
    static Row sparkRow(TableSchema table, Map<String, Object> partition, glassworks.schema.TableRow row) {
        List<Column> cols = table.columns();
        Object[] v = new Object[cols.size()];
        int k = 0;
        for (int c = 0; c < cols.size(); c++) {
            v[c] = cols.get(c).partition() ? partition.get(cols.get(c).name()) : row.value(k++);
        }
        return RowFactory.create(v);
    }

    /** The data-column values of a Spark row of the table's full schema, in file order. */
    static Object[] dataValues(TableSchema table, Row r) {
        List<Column> cols = table.columns();
        Object[] v = new Object[table.dataColumns().size()];
        int k = 0;
        for (int c = 0; c < cols.size(); c++) {
            if (!cols.get(c).partition()) {
                v[k++] = r.get(c);
            }
        }
        return v;
    }

    /**
     * Writes the partition's rows (sorted by run, frame, particle) into one staged file per run, each attempt in its own
     * directory, and returns one summary row per run.
     */
    static Iterator<Row> writeRuns(Iterator<Row> rows, String stagingRoot) throws IOException {
        TableSchema table = InherentTable.SCHEMA;
        int runCol = table.columns().indexOf(table.column(InherentTable.RUN));
        int tCol = table.columns().indexOf(table.column(InherentTable.T));
        TaskContext tc = TaskContext.get();
        String attempt = "attempt-" + (tc == null ? 0 : tc.attemptNumber());
        List<Row> out = new ArrayList<>();
        RowFileWriter<InherentTable.Row> writer = null;
        String run = null;
        double t = 0;
        Path dir = null;
        long count = 0;
        int frames = 0;
        int lastFrame = -1;
        double eSum = 0;
        int notConverged = 0;
        int maxIterations = 0;
        try {
            while (rows.hasNext()) {
                Row r = rows.next();
                String rr = r.getString(runCol);
                if (!rr.equals(run)) {
                    if (writer != null) {
                        writer.close();
                        out.add(RowFactory.create(t, run, dir.toString(), count, frames, eSum, notConverged, maxIterations));
                    }
                    run = rr;
                    t = r.getDouble(tCol);
                    dir = new Path(new Path(stagingRoot, run), attempt);
                    writer = new RowFileWriter<>(table, new Path(dir, "part-00000.parquet"), Warehouse.conf());
                    count = 0;
                    frames = 0;
                    lastFrame = -1;
                    eSum = 0;
                    notConverged = 0;
                    maxIterations = 0;
                }
                InherentTable.Row row = InherentTable.Row.of(dataValues(table, r));
                writer.write(row);
                count++;
                if (row.frame() != lastFrame) {
                    lastFrame = row.frame();
                    frames++;
                    eSum += row.eIs();
                    notConverged += row.converged() ? 0 : 1;
                    maxIterations = Math.max(maxIterations, row.iterations());
                }
            }
            if (writer != null) {
                writer.close();
                writer = null;
                out.add(RowFactory.create(t, run, dir.toString(), count, frames, eSum, notConverged, maxIterations));
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        return out.iterator();
    }
}
