package glassworks.spark;

import glassworks.md.FrameView;
import glassworks.md.MdRun;
import glassworks.md.RunConfig;
import glassworks.md.RunSummary;
import glassworks.md.TrajectorySink;
import glassworks.md.io.FramesFileWriter;
import glassworks.md.io.ParquetTables;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.RdfTable;
import glassworks.schema.tables.RunsTable;
import glassworks.schema.tables.ThermoTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code glassworks simulate}: every (temperature, replica) is one Spark task running the kernel, which streams its frames
 * into a staging file; the driver commits all runs together once every task has succeeded.
 */
public final class SimulateJob {
    private final SimulateOptions options;
    private final Warehouse warehouse;

    public SimulateJob(SimulateOptions options, Warehouse warehouse) {
        this.options = options;
        this.warehouse = warehouse;
    }

    /** Everything that can be checked without Spark: options, and runs that exist already without --overwrite. */
    public void validate() {
        options.validate();
        if (!options.overwrite()) {
            List<String> existing = new ArrayList<>();
            for (RunConfig c : options.configs(1)) {
                if (warehouse.exists(warehouse.partition(FramesTable.SCHEMA, c.model(), c.temperature(), c.runId()))) {
                    existing.add(c.runId());
                }
            }
            if (!existing.isEmpty()) {
                throw new IllegalArgumentException(existing.size() + " run(s) already exist in " + warehouse.root() + " (e.g. "
                        + existing.get(0) + "); pass --overwrite to replace them, or change --seed for new runs");
            }
        }
    }

    /** One task's work, shipped to an executor. */
    record Task(RunConfig config, int replica, String stagingDir) implements Serializable {
    }

    /** What a task sends back: its runs row, its thermo log and the staged directory holding its frames. */
    record Result(RunsTable.Row run, double temperature, List<ThermoTable.Row> thermo, String framesDir) implements Serializable {
    }

    public List<RunsTable.Row> run(SparkSession spark, PrintStream log) {
        validate();
        int threads = Integer.parseInt(spark.sparkContext().getConf().get("spark.task.cpus", "1"));
        String jobId = "simulate-" + UUID.randomUUID();
        List<Task> tasks = new ArrayList<>();
        for (int ti = 0; ti < options.temperatures().size(); ti++) {
            for (int replica = 0; replica < options.replicas(); replica++) {
                RunConfig c = options.config(ti, replica, threads);
                Path dir = new Path(new Path(warehouse.staging(jobId), "frames"), c.runId());
                tasks.add(new Task(c, replica, dir.toString()));
            }
        }
        log.printf("simulate: %d run(s) of %s, N=%d, as %d Spark task(s)%n", tasks.size(), options.model(),
                options.particles(), tasks.size());
        Commit commit = new Commit(warehouse, jobId);
        try {
            List<Result> results = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(tasks, tasks.size())
                    .map(SimulateJob::runTask)
                    .collect();
            stage(results, commit, log);
            commit.apply();
            List<RunsTable.Row> runs = new ArrayList<>();
            for (Result r : results) {
                runs.add(r.run());
                log.printf("  %s: %d frames, %.1f s%n", r.run().runId(), r.run().nFrames(), r.run().wallSeconds());
            }
            return runs;
        } catch (Exception e) { // SparkException is a checked exception Scala throws undeclared
            commit.abandon();
            throw e;
        }
    }

    /** Runs one simulation on an executor, frames into its staging file. */
    static Result runTask(Task task) throws IOException {
        RunConfig c = task.config();
        // each attempt writes its own directory: a retried or speculative attempt never touches another's file
        TaskContext tc = TaskContext.get();
        Path dir = new Path(task.stagingDir(), "attempt-" + (tc == null ? 0 : tc.attemptNumber()));
        Path file = new Path(dir, "part-00000.parquet");
        List<ThermoTable.Row> thermo = new ArrayList<>();
        RunSummary s;
        try (FramesFileWriter frames = new FramesFileWriter(file, Warehouse.conf())) {
            s = MdRun.run(c, new TrajectorySink() {
                @Override
                public void frame(FrameView frame) throws IOException {
                    frames.write(frame);
                }

                @Override
                public void thermo(ThermoTable.Row row) {
                    thermo.add(row);
                }
            });
        }
        RunsTable.Row row = new RunsTable.Row(c.runId(), task.replica(), c.seed(), c.threads(), s.dims(), c.particles(), s.composition(), c.density(),
                s.boxX(), s.boxY(), s.boxZ(), c.savedEnsemble(), c.thermostatTau(), c.timestep(), c.skin(),
                c.totalSteps() - c.savedSteps(), c.savedSteps(), (int) c.frames().interval(), c.thermoInterval(),
                s.framesWritten(),
                s.start(), null, null, Version.VERSION, s.wallSeconds());
        return new Result(row, c.temperature(), thermo, dir.toString());
    }

    /**
     * Stages every change: each run's frames directory, runs and thermo rows merged into their temperature partitions,
     * and removal of the g(r) of every temperature whose runs changed (derived data must not outlive its inputs).
     */
    private void stage(List<Result> results, Commit commit, PrintStream log) {
        Map<Double, List<Result>> byT = new LinkedHashMap<>();
        for (Result r : results) {
            byT.computeIfAbsent(r.temperature(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<Double, List<Result>> e : byT.entrySet()) {
            Set<String> ids = new HashSet<>();
            List<RunsTable.Row> runs = new ArrayList<>();
            List<ThermoTable.Row> thermo = new ArrayList<>();
            for (Result r : e.getValue()) {
                ids.add(r.run().runId());
                runs.add(r.run());
                thermo.addAll(r.thermo());
                commit.replaceDirectory(FramesTable.SCHEMA, new Path(r.framesDir()),
                        warehouse.partition(FramesTable.SCHEMA, options.model(), r.temperature(), r.run().runId()));
            }
            commit.mergePartition(RunsTable.SCHEMA, warehouse.partition(RunsTable.SCHEMA, options.model(), e.getKey()), runs,
                    old -> !ids.contains(old.runId()), RunsTable.Row::of, Comparator.comparing(RunsTable.Row::runId));
            commit.mergePartition(ThermoTable.SCHEMA, warehouse.partition(ThermoTable.SCHEMA, options.model(), e.getKey()),
                    thermo, old -> !ids.contains(old.runId()), ThermoTable.Row::of,
                    Comparator.comparing(ThermoTable.Row::runId).thenComparing(ThermoTable.Row::phase)
                            .thenComparingLong(ThermoTable.Row::step));
            Path rdf = warehouse.partition(RdfTable.SCHEMA, options.model(), e.getKey());
            if (warehouse.exists(rdf)) {
                log.printf("  g(r) of %s at T=%s removed: its runs changed (recompute with glassworks rdf)%n", options.model(),
                        ParquetTables.partitionValue(e.getKey()));
                commit.removeDirectory(RdfTable.SCHEMA, rdf);
            }
        }
    }
}
