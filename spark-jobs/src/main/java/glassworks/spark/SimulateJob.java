package glassworks.spark;

import glassworks.md.Checkpointing;
import glassworks.md.RunConfig;
import glassworks.schema.tables.RunsTable;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * {@code glassworks simulate}: every (temperature, replica) is one Spark task running the kernel, which streams its frames
 * into a staging file; the driver commits all runs together once every task has succeeded ({@link RunOutputs}).
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
        checkpointRoot();
        if (!options.overwrite()) {
            RunOutputs.refuseExisting(warehouse, options.configs(1), "change --seed for new runs");
        }
    }

    /**
     * One task's work, shipped to an executor; {@code checkpointDir} (null: no checkpoints) is the run's own directory,
     * named after its configuration's fingerprint so every attempt of the task, and the same job submitted again,
     * finds it, and a changed configuration never does.
     */
    record Task(RunConfig config, int replica, String stagingDir, String checkpointDir, long checkpointEvery)
            implements Serializable {
        Checkpointing checkpointing() {
            return checkpointDir == null ? null : new Checkpointing(java.nio.file.Path.of(checkpointDir), checkpointEvery);
        }
    }

    /**
     * Root directory of this job's checkpoints, or null without {@code --checkpoint-every}. The kernel writes them
     * with plain file I/O, so they need a POSIX directory every executor sees: the warehouse's own when it is local,
     * else {@code --checkpoint-dir}.
     */
    java.nio.file.Path checkpointRoot() {
        if (options.checkpointEvery() == 0) {
            return null;
        }
        if (options.checkpointDir() != null) {
            return java.nio.file.Path.of(options.checkpointDir()).toAbsolutePath();
        }
        java.nio.file.Path local = warehouse.localRoot();
        if (local == null) {
            throw new IllegalArgumentException("checkpoints need a POSIX directory and the warehouse " + warehouse.root()
                    + " is not on the local file system; pass --checkpoint-dir on a file system every worker mounts");
        }
        return local.resolve(CHECKPOINTS);
    }

    /** Directory of the checkpoints under a local warehouse. */
    public static final String CHECKPOINTS = "_checkpoints";

    /** The checkpoint directory of one run under {@code root}: run id plus its trajectory fingerprint. */
    static java.nio.file.Path checkpointDirectory(java.nio.file.Path root, RunConfig c, long interval) {
        return root.resolve(c.runId() + "-" + Checkpointing.fingerprint(c, interval));
    }

    public List<RunsTable.Row> run(SparkSession spark, PrintStream log) {
        validate();
        int threads = Integer.parseInt(spark.sparkContext().getConf().get("spark.task.cpus", "1"));
        String jobId = "simulate-" + UUID.randomUUID();
        java.nio.file.Path checkpoints = checkpointRoot();
        List<Task> tasks = new ArrayList<>();
        for (int ti = 0; ti < options.temperatures().size(); ti++) {
            for (int replica = 0; replica < options.replicas(); replica++) {
                RunConfig c = options.config(ti, replica, threads);
                String ck = checkpoints == null ? null
                        : checkpointDirectory(checkpoints, c, options.checkpointEvery()).toString();
                tasks.add(new Task(c, replica, RunOutputs.framesStaging(warehouse, jobId, c.runId()).toString(), ck,
                        options.checkpointEvery()));
            }
        }
        log.printf("simulate: %d run(s) of %s, N=%d, as %d Spark task(s)%n", tasks.size(), options.model().name(),
                options.particles(), tasks.size());
        if (checkpoints != null) {
            log.printf("simulate: checkpoints every %d steps under %s%n", options.checkpointEvery(), checkpoints);
        }
        List<RunOutputs.Result> results = RunOutputs.runAndCommit(spark, warehouse, jobId, tasks, SimulateJob::runTask, log);
        RunOutputs.report(results, log, 50);
        // committed: the checkpoints have served (a failed job keeps them, so running it again resumes)
        for (Task t : tasks) {
            if (t.checkpointDir() != null) {
                deleteRecursively(java.nio.file.Path.of(t.checkpointDir()));
            }
        }
        List<RunsTable.Row> runs = new ArrayList<>();
        for (RunOutputs.Result r : results) {
            runs.add(r.run());
        }
        return runs;
    }

    /** Runs one simulation on an executor, frames into its staging directory. */
    static Iterator<RunOutputs.Result> runTask(Task task) throws java.io.IOException {
        return Collections.singletonList(RunOutputs.execute(task.config(), task.replica(), task.stagingDir(),
                task.checkpointing())).iterator();
    }

    private static void deleteRecursively(java.nio.file.Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a leftover checkpoint only costs disk: it belongs to this exact configuration and is never misread
        }
    }
}
