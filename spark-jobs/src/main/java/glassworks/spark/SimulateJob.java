package glassworks.spark;

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
        if (!options.overwrite()) {
            RunOutputs.refuseExisting(warehouse, options.configs(1), "change --seed for new runs");
        }
    }

    /** One task's work, shipped to an executor. */
    record Task(RunConfig config, int replica, String stagingDir) implements Serializable {
    }

    public List<RunsTable.Row> run(SparkSession spark, PrintStream log) {
        validate();
        int threads = Integer.parseInt(spark.sparkContext().getConf().get("spark.task.cpus", "1"));
        String jobId = "simulate-" + UUID.randomUUID();
        List<Task> tasks = new ArrayList<>();
        for (int ti = 0; ti < options.temperatures().size(); ti++) {
            for (int replica = 0; replica < options.replicas(); replica++) {
                RunConfig c = options.config(ti, replica, threads);
                tasks.add(new Task(c, replica, RunOutputs.framesStaging(warehouse, jobId, c.runId()).toString()));
            }
        }
        log.printf("simulate: %d run(s) of %s, N=%d, as %d Spark task(s)%n", tasks.size(), options.model().name(),
                options.particles(), tasks.size());
        List<RunOutputs.Result> results = RunOutputs.runAndCommit(spark, warehouse, jobId, tasks, SimulateJob::runTask, log);
        RunOutputs.report(results, log, 50);
        List<RunsTable.Row> runs = new ArrayList<>();
        for (RunOutputs.Result r : results) {
            runs.add(r.run());
        }
        return runs;
    }

    /** Runs one simulation on an executor, frames into its staging directory. */
    static Iterator<RunOutputs.Result> runTask(Task task) throws java.io.IOException {
        return Collections.singletonList(RunOutputs.execute(task.config(), task.replica(), task.stagingDir())).iterator();
    }
}
