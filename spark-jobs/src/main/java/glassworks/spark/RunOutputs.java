package glassworks.spark;

import glassworks.md.Box;
import glassworks.md.Checkpointing;
import glassworks.md.Ensemble;
import glassworks.md.FrameView;
import glassworks.md.MdRun;
import glassworks.md.RunConfig;
import glassworks.md.RunSummary;
import glassworks.md.Stage;
import glassworks.md.TrajectorySink;
import glassworks.md.io.CheckpointedFramesWriter;
import glassworks.md.io.FramesFileWriter;
import glassworks.md.io.ParquetTables;
import glassworks.schema.tables.DescriptorSetsTable;
import glassworks.schema.tables.DescriptorsTable;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.InherentTable;
import glassworks.schema.tables.RdfTable;
import glassworks.schema.tables.RunsTable;
import glassworks.schema.tables.ThermoTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
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

/**
 * What every job that runs the kernel shares (simulate, iso), so the runs table and the commit are written one way:
 * running one configuration on an executor with its frames streamed into staging, building its runs row, refusing runs
 * that exist already, and staging + committing frames, runs and thermo with {@link Commit}.
 */
final class RunOutputs {
    private RunOutputs() {
    }

    /**
     * What one run sends back: its runs row, its partition (model, T), thermo log, the staged frames directory, and
     * whether it resumed from a checkpoint.
     */
    record Result(RunsTable.Row run, String model, double temperature, List<ThermoTable.Row> thermo, String framesDir,
                  boolean resumed) implements Serializable {
    }

    /** Staging directory of one run's frames inside a job's staging area. */
    static Path framesStaging(Warehouse warehouse, String jobId, String runId) {
        return new Path(new Path(warehouse.staging(jobId), "frames"), runId);
    }

    /**
     * Refuses, without --overwrite, runs whose frames partition exists already (one message with the count and an
     * example, and the fix).
     */
    static void refuseExisting(Warehouse warehouse, List<RunConfig> configs, String newRunsHint) {
        List<String> existing = new ArrayList<>();
        for (RunConfig c : configs) {
            if (warehouse.exists(warehouse.partition(FramesTable.SCHEMA, c.model().name(), c.temperature(), c.runId()))) {
                existing.add(c.runId());
            }
        }
        if (!existing.isEmpty()) {
            throw new IllegalArgumentException(existing.size() + " run(s) already exist in " + warehouse.root() + " (e.g. "
                    + existing.get(0) + "); pass --overwrite to replace them, or " + newRunsHint);
        }
    }

    /**
     * Runs one configuration (on an executor), its frames into {@code stagingDir}/attempt-k: each attempt writes its
     * own directory, so a retried or speculative attempt never touches another's file. With {@code checkpointing}
     * (null: none) the kernel writes part files and checkpoints into that run's directory, resuming from its last
     * checkpoint when an earlier attempt left one; the parts are then streamed into the one frames file.
     */
    static Result execute(RunConfig c, int replica, String stagingDir, Checkpointing checkpointing) throws IOException {
        TaskContext tc = TaskContext.get();
        Path dir = new Path(stagingDir, "attempt-" + (tc == null ? 0 : tc.attemptNumber()));
        Path file = new Path(dir, "part-00000.parquet");
        List<ThermoTable.Row> thermo = new ArrayList<>();
        RunSummary s;
        boolean resumed = false;
        if (checkpointing == null) {
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
        } else {
            resumed = checkpointing.exists();
            try (CheckpointedFramesWriter parts = new CheckpointedFramesWriter(checkpointing.directory(), Warehouse.conf())) {
                s = MdRun.run(c, parts, checkpointing);
            }
            thermo.addAll(CheckpointedFramesWriter.readThermo(checkpointing.directory(), Warehouse.conf()));
            CheckpointedFramesWriter.mergeFrames(checkpointing.directory(), file, Warehouse.conf());
        }
        return new Result(row(c, replica, s), c.model().name(), c.temperature(), thermo, dir.toString(), resumed);
    }

    /** The runs row of a finished run: its configuration, what the kernel reported, and its lineage. */
    static RunsTable.Row row(RunConfig c, int replica, RunSummary s) {
        boolean npt = c.stages().stream().map(Stage::ensemble).anyMatch(e -> e == Ensemble.NPT);
        Box start = c.initialBox();
        return new RunsTable.Row(c.runId(), replica, c.seed(), c.threads(), s.dims(), c.particles(), s.composition(),
                c.model().describe(), c.particles() / start.volume(), s.boxX(), s.boxY(), s.boxZ(), c.describeStages(),
                c.savedEnsemble(), c.thermostatTau(), npt ? c.pressure() : null, npt ? c.barostatTau() : null,
                c.timestep(), c.skin(), c.totalSteps(), c.savedSteps(), c.frames().describe(),
                c.frames().isLogarithmic() ? null : c.frames().interval(), c.thermoInterval(), s.framesWritten(), s.start(),
                c.start() == null ? null : c.start().parentRun(), c.start() == null ? null : c.start().parentFrame(),
                Version.VERSION, s.wallSeconds());
    }

    /**
     * Runs {@code tasks} as Spark tasks (one partition each), then stages and commits every result; on failure the
     * staging area is dropped (before applying) and the tables are as they were.
     */
    static <T extends Serializable> List<Result> runAndCommit(SparkSession spark, Warehouse warehouse, String jobId,
                                                             List<T> tasks, FlatMapFunction<T, Result> work,
                                                             PrintStream log) {
        Commit commit = new Commit(warehouse, jobId);
        try {
            List<Result> results = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(tasks, Math.max(1, tasks.size()))
                    .flatMap(work)
                    .collect();
            stage(warehouse, results, commit, log);
            commit.apply();
            return results;
        } catch (Exception e) { // SparkException is a checked exception Scala throws undeclared
            commit.abandon();
            throw e;
        }
    }

    /**
     * Stages every change: each run's frames directory, runs and thermo rows merged into their (model, T) partitions,
     * and removal of what was derived from replaced runs (derived data must not outlive its inputs): their iso replicas
     * (frames, runs and thermo rows), inherent structures, and the g(r) and descriptor sets of every (model, T) whose
     * runs changed.
     */
    static void stage(Warehouse warehouse, List<Result> results, Commit commit, PrintStream log) {
        record Key(String model, double temperature) {
        }
        Map<Key, List<Result>> byPartition = new LinkedHashMap<>();
        Set<String> replaced = new HashSet<>();
        for (Result r : results) {
            byPartition.computeIfAbsent(new Key(r.model(), r.temperature()), k -> new ArrayList<>()).add(r);
            replaced.add(r.run().runId());
        }
        // isoconfigurational replicas started from a replaced run's frames: their starting configurations are gone
        Map<Key, Set<String>> orphans = new LinkedHashMap<>();
        for (String model : byPartition.keySet().stream().map(Key::model).distinct().toList()) {
            for (Map.Entry<Double, List<RunsTable.Row>> e : storedRuns(warehouse, model).entrySet()) {
                for (RunsTable.Row row : e.getValue()) {
                    if (row.parentRun() != null && replaced.contains(row.parentRun()) && !replaced.contains(row.runId())) {
                        orphans.computeIfAbsent(new Key(model, e.getKey()), k -> new java.util.TreeSet<>()).add(row.runId());
                    }
                }
            }
        }
        Set<Key> touched = new java.util.LinkedHashSet<>(byPartition.keySet());
        touched.addAll(orphans.keySet());
        for (Key key : touched) {
            String model = key.model();
            double t = key.temperature();
            List<Result> here = byPartition.getOrDefault(key, List.of());
            Set<String> gone = orphans.getOrDefault(key, Set.of());
            Set<String> ids = new HashSet<>();
            List<RunsTable.Row> runs = new ArrayList<>();
            List<ThermoTable.Row> thermo = new ArrayList<>();
            for (Result r : here) {
                ids.add(r.run().runId());
                runs.add(r.run());
                thermo.addAll(r.thermo());
                commit.replaceDirectory(FramesTable.SCHEMA, new Path(r.framesDir()),
                        warehouse.partition(FramesTable.SCHEMA, model, t, r.run().runId()));
            }
            Set<String> changed = new HashSet<>(ids);
            changed.addAll(gone);
            for (String run : gone) {
                log.printf("  iso replica %s removed: the frame it started from was re-simulated (run glassworks iso "
                        + "again)%n", run);
                commit.removeDirectory(FramesTable.SCHEMA, warehouse.partition(FramesTable.SCHEMA, model, t, run));
            }
            for (String run : changed) {
                // inherent structures minimised from the old frames of this run must go with them
                Path inherent = warehouse.partition(InherentTable.SCHEMA, model, t, run);
                if (warehouse.exists(inherent)) {
                    log.printf("  inherent structures of %s removed: its frames changed (recompute with glassworks "
                            + "inherent)%n", run);
                    commit.removeDirectory(InherentTable.SCHEMA, inherent);
                }
            }
            commit.mergePartition(RunsTable.SCHEMA, warehouse.partition(RunsTable.SCHEMA, model, t), runs,
                    old -> !changed.contains(old.runId()), RunsTable.Row::of, Comparator.comparing(RunsTable.Row::runId));
            commit.mergePartition(ThermoTable.SCHEMA, warehouse.partition(ThermoTable.SCHEMA, model, t),
                    thermo, old -> !changed.contains(old.runId()), ThermoTable.Row::of,
                    Comparator.comparing(ThermoTable.Row::runId).thenComparing(ThermoTable.Row::phase)
                            .thenComparingLong(ThermoTable.Row::step));
            Path rdf = warehouse.partition(RdfTable.SCHEMA, model, t);
            if (warehouse.exists(rdf)) {
                log.printf("  g(r) of %s at T=%s removed: its runs changed (recompute with glassworks rdf)%n", model,
                        ParquetTables.partitionValue(t));
                commit.removeDirectory(RdfTable.SCHEMA, rdf);
            }
            // descriptor sets of the temperature: their rows and parameters (cutoffs from g(r)) came from the old runs
            Path descriptors = warehouse.partition(DescriptorsTable.SCHEMA, model, t);
            if (warehouse.exists(descriptors)) {
                log.printf("  descriptors of %s at T=%s removed: its runs changed (recompute with glassworks "
                        + "descriptors)%n", model, ParquetTables.partitionValue(t));
                commit.removeDirectory(DescriptorsTable.SCHEMA, descriptors);
                commit.removeDirectory(DescriptorSetsTable.SCHEMA, warehouse.partition(DescriptorSetsTable.SCHEMA, model, t));
            }
        }
    }

    /** The runs rows of a model, per temperature partition (driver side, no Spark). */
    static Map<Double, List<RunsTable.Row>> storedRuns(Warehouse warehouse, String model) {
        Map<Double, List<RunsTable.Row>> out = new java.util.TreeMap<>();
        for (String v : warehouse.childPartitionValues(warehouse.partition(RunsTable.SCHEMA, model), RunsTable.T)) {
            double t = Double.parseDouble(v);
            for (Path f : warehouse.dataFiles(warehouse.partition(RunsTable.SCHEMA, model, t))) {
                try {
                    out.computeIfAbsent(t, k -> new ArrayList<>()).addAll(
                            glassworks.md.io.TableFiles.readRows(RunsTable.SCHEMA, f, Warehouse.conf(), RunsTable.Row::of));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** Prints one line per run (or a summary beyond {@code detailed} runs). */
    static void report(List<Result> results, PrintStream log, int detailed) {
        int shown = 0;
        for (Result r : results) {
            if (shown++ < detailed) {
                log.printf("  %s: %d frames, %.1f s%s%n", r.run().runId(), r.run().nFrames(), r.run().wallSeconds(),
                        r.resumed() ? " (resumed from its last checkpoint)" : "");
            }
        }
        if (results.size() > detailed) {
            log.printf("  ... and %d more run(s)%n", results.size() - detailed);
        }
    }
}
