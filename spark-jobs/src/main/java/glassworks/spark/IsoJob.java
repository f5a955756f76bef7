package glassworks.spark;

import glassworks.md.FrameView;
import glassworks.md.PairModel;
import glassworks.md.RunConfig;
import glassworks.md.Snapshot;
import glassworks.md.io.TableFiles;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.RunsTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code glassworks iso}: isoconfigurational replicas of one stored frame. The parent's model (rebuilt from its
 * model_spec), T, dt, thermostat and skin come from the runs table; the frame is read once on the driver. Replicas run
 * in chunks, many one after another inside one Spark task (10^4 short replicas must not cost 10^4 task launches); each
 * is a run of its own (runs row with parent_run, parent_frame, replica; frames partition run=&lt;replica id&gt;),
 * committed together like simulate's runs ({@link RunOutputs}).
 */
public final class IsoJob {
    private final IsoOptions options;
    private final Warehouse warehouse;

    public IsoJob(IsoOptions options, Warehouse warehouse) {
        this.options = options;
        this.warehouse = warehouse;
    }

    /** The parent as the runs table has it: partition values and row, with its model rebuilt from model_spec. */
    public record Parent(String model, double temperature, RunsTable.Row row, PairModel pairModel) {
    }

    /** The parent run's row; refuses an unknown run id with examples of stored ones. */
    public Parent parent() {
        List<String> some = new ArrayList<>();
        for (Path f : warehouse.dataFiles(RunsTable.SCHEMA)) {
            try {
                for (RunsTable.Row r : TableFiles.readRows(RunsTable.SCHEMA, f, Warehouse.conf(), RunsTable.Row::of)) {
                    if (r.runId().equals(options.parentRun())) {
                        String t = f.getParent().getName();
                        String m = f.getParent().getParent().getName();
                        String model = m.substring(m.indexOf('=') + 1);
                        return new Parent(model, Double.parseDouble(t.substring(t.indexOf('=') + 1)), r,
                                ModelSpecs.fromSpec(model, r.modelSpec()));
                    }
                    if (some.size() < 5) {
                        some.add(r.runId());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("no run '" + options.parentRun() + "' in the runs table of " + warehouse.root()
                + (some.isEmpty() ? " (it has no runs; run glassworks simulate first)" : "; stored runs include " + some
                + " (all: glassworks sql \"SELECT run_id, n_frames FROM runs\")"));
    }

    /** Options, parent run and frame, output budget and existing replicas: all before Spark starts. */
    public void validate() {
        options.validate();
        Parent p = parent();
        RunsTable.Row r = p.row();
        checkFrame(r.nFrames());
        RunConfig base = config(p.pairModel(), p.temperature(), r.nParticles(), r.density(), r.timestep(),
                r.thermostatTau(), r.skin(), r.thermoInterval(), 1, null);
        base.validate();
        refuseExisting(base);
    }

    /**
     * The check in a campaign whose earlier stage will write the parent ({@code parent}, not stored yet): the frame
     * must be one the parent's schedule will save.
     */
    public void validatePlanned(RunConfig parent) {
        options.validate();
        checkFrame(parent.frameCount());
        RunConfig base = config(parent.model(), parent.temperature(), parent.particles(), parent.density(),
                parent.timestep(), parent.thermostatTau(), parent.skin(), parent.thermoInterval(), 1, null);
        base.validate();
        refuseExisting(base);
    }

    private void checkFrame(long nFrames) {
        if (options.frame() >= nFrames) {
            throw new IllegalArgumentException("run " + options.parentRun() + " has " + nFrames + " frame(s) (0.."
                    + (nFrames - 1) + "); --frame " + options.frame() + " does not exist");
        }
    }

    private void refuseExisting(RunConfig base) {
        if (options.overwrite()) {
            return;
        }
        Set<String> stored = new HashSet<>(warehouse.childPartitionValues(
                warehouse.partition(FramesTable.SCHEMA, base.model().name(), base.temperature()), FramesTable.RUN));
        for (int k = 0; k < options.replicas(); k++) {
            if (stored.contains(options.runId(k))) {
                throw new IllegalArgumentException("replica run(s) of " + options.parentRun() + " frame " + options.frame()
                        + " already exist in " + warehouse.root() + " (e.g. " + options.runId(k) + "); pass --overwrite "
                        + "to replace them, or change --seed for new replicas");
            }
        }
    }

    /** The replica-0 configuration at the parent's state point; other replicas differ only by id, seed (withStart). */
    private RunConfig config(PairModel model, double temperature, int n, double density, double parentDt,
                             double parentTau, double parentSkin, int parentThermo, int threads, Snapshot start) {
        double dt = Double.isNaN(options.timestep()) ? parentDt : options.timestep();
        return new RunConfig(options.runId(0), model, n, density, temperature, dt,
                StageSpec.resolve(options.effectiveStages(), temperature, dt), options.frames(),
                options.thermoInterval() > 0 ? options.thermoInterval() : parentThermo, options.replicaSeed(0),
                Double.isNaN(options.thermostatTau()) ? parentTau : options.thermostatTau(), options.pressure(),
                options.barostatTau(), Double.isNaN(options.skin()) ? parentSkin : options.skin(), threads,
                options.saveVelocities(), options.saveEnergies(), options.saveVirial(), options.maxFrames(), start);
    }

    /**
     * The start configuration as plain arrays: what a task ships instead of the kernel's {@link Snapshot}, whose
     * {@code Box} is not Serializable; the executor rebuilds the snapshot.
     */
    record StartFrame(int dims, double boxX, double boxY, double boxZ, int[] species, double[] x, double[] y, double[] z,
                      String parentRun, int parentFrame) implements Serializable {
        static StartFrame of(FrameView f, String parentRun) {
            return new StartFrame(f.dims(), f.boxX(), f.boxY(), f.boxZ(), f.species(), f.x(), f.y(), f.z(), parentRun,
                    f.frameIndex());
        }

        Snapshot snapshot() {
            FrameView f = new FrameView(parentFrame, 0, 0, species.length, dims, species, x, y, z, boxX, boxY, boxZ, null,
                    null, null, null);
            return Snapshot.positionsOf(f, parentRun);
        }
    }

    /** One task: a chunk of replicas run one after another, all from the same start. */
    record Task(RunConfig config, StartFrame start, int[] replicas, String[] runIds, long[] seeds, String[] stagingDirs)
            implements Serializable {
    }

    public List<RunsTable.Row> run(SparkSession spark, PrintStream log) {
        validate();
        Parent p = parent();
        RunsTable.Row r = p.row();
        FrameView frame = FrameReader.read(warehouse, p.model(), p.temperature(), options.parentRun(), options.frame(),
                r.nParticles(), r.dims());
        int threads = Integer.parseInt(spark.sparkContext().getConf().get("spark.task.cpus", "1"));
        StartFrame start = StartFrame.of(frame, options.parentRun());
        // checked with the snapshot on the driver; shipped without it (see StartFrame)
        RunConfig config = config(p.pairModel(), p.temperature(), r.nParticles(), r.density(), r.timestep(),
                r.thermostatTau(), r.skin(), r.thermoInterval(), threads, start.snapshot()).validate()
                .withStart(options.runId(0), options.replicaSeed(0), null);
        String jobId = "iso-" + UUID.randomUUID();
        int perTask = options.replicasPerTask(spark.sparkContext().defaultParallelism());
        List<Task> tasks = new ArrayList<>();
        for (int k0 = 0; k0 < options.replicas(); k0 += perTask) {
            int m = Math.min(perTask, options.replicas() - k0);
            int[] ks = new int[m];
            String[] ids = new String[m];
            long[] seeds = new long[m];
            String[] dirs = new String[m];
            for (int j = 0; j < m; j++) {
                ks[j] = k0 + j;
                ids[j] = options.runId(ks[j]);
                seeds[j] = options.replicaSeed(ks[j]);
                dirs[j] = RunOutputs.framesStaging(warehouse, jobId, ids[j]).toString();
            }
            tasks.add(new Task(config, start, ks, ids, seeds, dirs));
        }
        log.printf("iso: %d replica(s) of %s frame %d (%s, T=%s, N=%d) in %d Spark task(s) of up to %d%n",
                options.replicas(), options.parentRun(), options.frame(), p.model(), p.temperature(), r.nParticles(),
                tasks.size(), perTask);
        List<RunOutputs.Result> results = RunOutputs.runAndCommit(spark, warehouse, jobId, tasks, IsoJob::runTask, log);
        RunOutputs.report(results, log, 20);
        List<RunsTable.Row> rows = new ArrayList<>();
        for (RunOutputs.Result res : results) {
            rows.add(res.run());
        }
        return rows;
    }

    /** Runs a task's replicas sequentially on one executor, each into its own staging directory. */
    static Iterator<RunOutputs.Result> runTask(Task task) throws IOException {
        List<RunOutputs.Result> out = new ArrayList<>();
        Snapshot snapshot = task.start().snapshot();
        for (int j = 0; j < task.replicas().length; j++) {
            RunConfig c = task.config().withStart(task.runIds()[j], task.seeds()[j], snapshot);
            out.add(RunOutputs.execute(c, task.replicas()[j], task.stagingDirs()[j], null));
        }
        return out.iterator();
    }
}
