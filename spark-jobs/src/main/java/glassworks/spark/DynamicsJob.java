package glassworks.spark;

import glassworks.md.Box;
import glassworks.md.FrameSchedule;
import glassworks.md.FrameView;
import glassworks.md.PairModel;
import glassworks.md.dynamics.BondBreaking;
import glassworks.md.dynamics.Isoconfigurational;
import glassworks.md.dynamics.LagGrid;
import glassworks.md.dynamics.ParticleLabels;
import glassworks.md.dynamics.RunDynamics;
import glassworks.md.dynamics.TimeScales;
import glassworks.md.dynamics.Trajectory;
import glassworks.md.io.FramesFileReader;
import glassworks.md.io.ParquetTables;
import glassworks.md.structure.StructureFactor;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.LabelsTable;
import glassworks.schema.tables.ObservablesTable;
import glassworks.schema.tables.RunsTable;
import glassworks.schema.tables.TimescalesTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code glassworks dynamics}: time correlation functions of every selected run into the {@code observables} table and
 * the time scales read off them into {@code timescales}, per run and per temperature (run_id = all, from the runs'
 * averaged curves).
 *
 * <p>Runs are the unit of parallel work: each Spark task streams one run's frames from its frames file into a
 * {@link Trajectory} and computes every observable with the kernel's {@link RunDynamics} in one pass over the
 * (origin, lag) pairs of the run's schedule (linear or logarithmic blocks; memory grows with frames + lags, never frames x
 * frames). The driver picks k* per temperature from S_AA(k) of a few frames (unless --k), averages the runs of each
 * temperature, and commits (a failure leaves the tables as they were).
 */
public final class DynamicsJob {
    private final DynamicsOptions options;
    private final Warehouse warehouse;

    public DynamicsJob(DynamicsOptions options, Warehouse warehouse) {
        this.options = options;
        this.warehouse = warehouse;
    }

    private RunSelection runs() {
        return new RunSelection(warehouse, options.model(), options.temperatures(), options.runs(), "dynamics");
    }

    private RunSelection.OutputCheck existing() {
        return (t, run) -> warehouse.exists(warehouse.partition(TimescalesTable.SCHEMA, options.model(), t));
    }

    public Map<Double, List<String>> validate() {
        options.validate();
        Map<Double, List<String>> selection = runs().validate(existing(), options.overwrite());
        if (!options.isoTimes().isEmpty()) {
            checkReplicas(selection, runs().runRows(selection));
        }
        return selection;
    }

    /** --iso-times needs isoconfigurational replicas among the selected runs, at least two per start. */
    private static void checkReplicas(Map<Double, List<String>> selection, Map<String, RunsTable.Row> rows) {
        Map<String, List<String>> starts = new TreeMap<>();
        for (List<String> ids : selection.values()) {
            for (String id : ids) {
                RunsTable.Row r = rows.get(id);
                if (r != null && r.parentRun() != null) {
                    starts.computeIfAbsent(r.parentRun() + "#" + r.parentFrame(), x -> new ArrayList<>()).add(id);
                }
            }
        }
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("--iso-times: none of the selected runs is an isoconfigurational replica; "
                    + "make replicas with `glassworks iso` (or drop --iso-times)");
        }
        starts.forEach((start, ids) -> {
            if (ids.size() < 2) {
                throw new IllegalArgumentException("propensities of " + start + " need at least 2 replicas, found 1 ("
                        + ids.get(0) + "); make more with `glassworks iso --replicas R` or select them with --runs");
            }
        });
    }

    public void validatePlanned(Map<Double, ? extends Collection<String>> planned) {
        options.validate();
        runs().validatePlanned(planned, existing(), options.overwrite());
    }

    /** One run to analyse; parentRun/parentFrame are set for isoconfigurational replicas. */
    record RunInfo(double temperature, String run, int n, int dims, int frames, String schedule, String parentRun,
                   Integer parentFrame) implements Serializable {
        boolean replica() {
            return parentRun != null;
        }
    }

    /** A task: one run, its files and the parameters. */
    record Task(RunInfo run, List<String> files, double k, double overlapA, int originStride, double[][] sigma,
                List<String> species, List<String> labels, int halfWindow, int csdWindow, int dispLag, String labelRoot)
            implements Serializable {
    }

    /** An isoconfigurational task: the replicas of one (parent run, parent frame), their files and the settings. */
    record IsoTask(double temperature, String parentRun, int parentFrame, List<RunInfo> replicas,
                   List<List<String>> files, double[] times, double[][] sigma, Isoconfigurational.Event event,
                   double threshold,
                   int halfWindow, String labelRoot) implements Serializable {
    }

    /** What an iso task returns: label to file. */
    record IsoOut(double temperature, String parentRun, int parentFrame, int replicas,
                  LinkedHashMap<String, String> labelFiles) implements Serializable {
    }

    /** What a task returns: the run's rows and its curves for the temperature average. */
    record RunOut(RunInfo run, LinkedHashMap<String, String> labelFiles,
                  LinkedHashMap<String, List<ObservablesTable.Row>> observables,
                  List<TimescalesTable.Row> timescales, List<String> channels, int[] particles,
                  int[] pairs, double[] lagTimes, long[] lagSteps, double[][] fs, double[][] msd, double[][] overlap, double[][] chi4,
                  int dims)
            implements Serializable {
    }

    public List<TimescalesTable.Row> run(SparkSession spark, PrintStream log) {
        options.validate();
        RunSelection sel = runs();
        Map<Double, List<String>> selection = sel.validate(existing(), options.overwrite());
        Map<String, RunsTable.Row> rows = sel.runRows(selection);
        if (!options.isoTimes().isEmpty()) {
            checkReplicas(selection, rows);
        }
        Map<String, PairModel> models = sel.models(selection, rows);
        String jobId = "dynamics-" + UUID.randomUUID();
        String labelRoot = new Path(warehouse.staging(jobId), "attempts").toString();
        List<Task> tasks = new ArrayList<>();
        List<IsoTask> isoTasks = new ArrayList<>();
        Map<Double, Double> kStar = new TreeMap<>();
        for (Map.Entry<Double, List<String>> e : selection.entrySet()) {
            double t = e.getKey();
            List<RunInfo> infos = new ArrayList<>();
            for (String id : e.getValue()) {
                RunsTable.Row r = rows.get(id);
                if (r == null) {
                    throw new IllegalArgumentException("run " + id + " has frames but no row in the runs table; re-simulate it");
                }
                if (r.nFrames() < 3) {
                    throw new IllegalArgumentException("run " + id + " has " + r.nFrames() + " frame(s); dynamics needs at "
                            + "least 3 (simulate with more production steps or a smaller --frame-interval)");
                }
                infos.add(new RunInfo(t, id, r.nParticles(), r.dims(), r.nFrames(), r.frameSchedule(), r.parentRun(),
                        r.parentFrame()));
            }
            double k = options.k() != null ? options.k() : kStar(infos.get(0), log);
            kStar.put(t, k);
            for (RunInfo info : infos) {
                PairModel m = models.get(info.run());
                double[][] sigma = options.bondBreaking() ? sigmas(m) : null;
                List<String> files = files(info);
                if (!options.labels().isEmpty() && FrameSchedule.parse(info.schedule()).isLogarithmic()) {
                    throw new IllegalArgumentException("--labels need equally spaced frames and run " + info.run()
                            + " has " + info.schedule() + "; drop --labels or select runs with linear frames (--runs)");
                }
                tasks.add(new Task(info, files, k, options.overlapA(), options.originStride(), sigma, m.speciesNames(),
                        options.labels(), options.halfWindow(), options.csdWindow(), options.dispLag(), labelRoot));
            }
            isoTasks.addAll(isoTasks(infos, models, labelRoot));
        }

        log.printf("dynamics: %d run(s) of %s at %d temperature(s), as %d Spark task(s)%n", tasks.size(), options.model(),
                selection.size(), tasks.size());
        if (!isoTasks.isEmpty()) {
            log.printf(Locale.ROOT, "  propensities of %d isoconfigurational start(s) at t = %s, p_r event %s > %s, "
                            + "as %d Spark task(s)%n", isoTasks.size(), options.isoTimes(), options.prEvent(),
                    options.effectivePrThreshold(), isoTasks.size());
        }
        Commit commit = new Commit(warehouse, jobId);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<RunOut> outs = jsc.parallelize(tasks, Math.max(1, tasks.size())).map(DynamicsJob::analyse).collect();
            List<IsoOut> isoOuts = isoTasks.isEmpty() ? List.of()
                    : jsc.parallelize(isoTasks, isoTasks.size()).map(DynamicsJob::propensities).collect();
            Map<Double, List<RunOut>> byT = new TreeMap<>();
            outs.forEach(o -> byT.computeIfAbsent(o.run().temperature(), x -> new ArrayList<>()).add(o));
            List<TimescalesTable.Row> all = new ArrayList<>();
            for (Map.Entry<Double, List<RunOut>> e : byT.entrySet()) {
                double t = e.getKey();
                List<TimescalesTable.Row> scales = new ArrayList<>();
                Map<String, List<ObservablesTable.Row>> byObservable = new LinkedHashMap<>();
                for (RunOut o : e.getValue()) {
                    scales.addAll(o.timescales());
                    o.observables().forEach((name, list) ->
                            byObservable.computeIfAbsent(name, x -> new ArrayList<>()).addAll(list));
                }
                Averaged avg = temperatureAverage(e.getValue(), kStar.get(t));
                scales.addAll(avg.timescales());
                if (!avg.pooledChi4().isEmpty()) {
                    byObservable.put("chi4_pooled", avg.pooledChi4());
                }
                scales.sort(Comparator.comparing(TimescalesTable.Row::runId).thenComparing(TimescalesTable.Row::species)
                        .thenComparing(TimescalesTable.Row::quantity));
                // observables of an earlier analysis that this one does not produce (e.g. cb without --bond-breaking)
                Path atT = warehouse.partition(ObservablesTable.SCHEMA, options.model(), t);
                for (String old : warehouse.childPartitionValues(atT, ObservablesTable.OBSERVABLE)) {
                    if (!byObservable.containsKey(old)) {
                        commit.removeDirectory(ObservablesTable.SCHEMA,
                                warehouse.partition(ObservablesTable.SCHEMA, options.model(), t, old));
                    }
                }
                // rows of runs this job did not analyse stay; its own runs' rows and the temperature average are replaced
                java.util.Set<String> analysed = new java.util.HashSet<>();
                e.getValue().forEach(o -> analysed.add(o.run().run()));
                analysed.add("all");
                for (Map.Entry<String, List<ObservablesTable.Row>> ob : byObservable.entrySet()) {
                    Path p = warehouse.partition(ObservablesTable.SCHEMA, options.model(), t, ob.getKey());
                    commit.mergePartition(ObservablesTable.SCHEMA, p, ob.getValue(), old -> !analysed.contains(old.runId()),
                            ObservablesTable.Row::of,
                            Comparator.comparing(ObservablesTable.Row::runId).thenComparing(ObservablesTable.Row::species)
                                    .thenComparingLong(ObservablesTable.Row::lagSteps)
                                    .thenComparing(r -> r.r() == null ? 0.0 : r.r())
                                    .thenComparing(r -> r.k() == null ? 0.0 : r.k()));
                }
                List<Map.Entry<String, LinkedHashMap<String, String>>> labelFiles = new ArrayList<>();
                e.getValue().forEach(o -> labelFiles.add(Map.entry(o.run().run(), o.labelFiles())));
                isoOuts.stream().filter(o -> o.temperature() == t).forEach(o -> labelFiles.add(
                        Map.entry(o.parentRun() + "-f" + o.parentFrame(), o.labelFiles())));
                stageLabels(labelFiles, t, jobId, commit);
                commit.mergePartition(TimescalesTable.SCHEMA, warehouse.partition(TimescalesTable.SCHEMA, options.model(), t),
                        scales, old -> !analysed.contains(old.runId()), TimescalesTable.Row::of,
                        Comparator.comparing(TimescalesTable.Row::runId).thenComparing(TimescalesTable.Row::species)
                                .thenComparing(TimescalesTable.Row::quantity));
                all.addAll(scales);
                for (TimescalesTable.Row r : scales) {
                    if (r.runId().equals("all") && (r.quantity().equals("tau_alpha") || r.quantity().equals("diffusion"))) {
                        log.printf(Locale.ROOT, "  T=%s %s %s = %.5g +- %.2g%n", ParquetTables.partitionValue(t),
                                r.species(), r.quantity(), r.value(), r.error() == null ? Double.NaN : r.error());
                    }
                }
            }
            commit.apply();
            return all;
        } catch (Exception e) { // SparkException is a checked exception Scala throws undeclared
            commit.abandon();
            throw e;
        }
    }

    private static double[][] sigmas(PairModel m) {
        double[][] sigma = new double[m.speciesCount()][m.speciesCount()];
        for (int a = 0; a < sigma.length; a++) {
            for (int b = 0; b < sigma.length; b++) {
                sigma[a][b] = m.sigma(a, b);
            }
        }
        return sigma;
    }

    private List<String> files(RunInfo info) {
        return warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, options.model(), info.temperature(),
                info.run())).stream().map(Path::toString).toList();
    }

    /**
     * One task per isoconfigurational start (parent run, parent frame) among the temperature's selected runs, when
     * --iso-times asks for propensities; each start needs at least two replicas, and p_hop events need linear frames.
     */
    private List<IsoTask> isoTasks(List<RunInfo> infos, Map<String, PairModel> models, String labelRoot) {
        if (options.isoTimes().isEmpty()) {
            return List.of();
        }
        Map<String, List<RunInfo>> starts = new TreeMap<>();
        for (RunInfo info : infos) {
            if (info.replica()) {
                starts.computeIfAbsent(info.parentRun() + "#" + info.parentFrame(), x -> new ArrayList<>()).add(info);
            }
        }
        double[] times = options.isoTimes().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Isoconfigurational.Event event = switch (options.prEvent()) {
            case "phop" -> Isoconfigurational.Event.PHOP;
            case "phop-any" -> Isoconfigurational.Event.PHOP_ANY;
            default -> Isoconfigurational.Event.DISPLACEMENT;
        };
        List<IsoTask> out = new ArrayList<>();
        for (Map.Entry<String, List<RunInfo>> e : starts.entrySet()) {
            List<RunInfo> reps = e.getValue();
            RunInfo first = reps.get(0);
            for (RunInfo r : reps) {
                if (event != Isoconfigurational.Event.DISPLACEMENT && FrameSchedule.parse(r.schedule()).isLogarithmic()) {
                    throw new IllegalArgumentException("--pr-event " + options.prEvent() + " needs equally spaced frames "
                            + "and replica " + r.run() + " has " + r.schedule() + "; use --pr-event displacement "
                            + "--pr-threshold D or replicas with linear frames");
                }
            }
            PairModel m = models.get(first.run());
            out.add(new IsoTask(first.temperature(), first.parentRun(), first.parentFrame(), reps,
                    reps.stream().map(this::files).toList(), times, options.bondBreaking() ? sigmas(m) : null, event,
                    options.effectivePrThreshold(), options.halfWindow(), labelRoot));
        }
        return out;
    }

    /**
     * A task on an executor: the replicas of one start, streamed one at a time into the kernel's
     * {@link Isoconfigurational} (memory per-particle sums, never replicas x particles), written as the labels
     * propensity_msd, propensity_cb (with --bond-breaking) and p_r, one row per particle and time (span = t).
     */
    static IsoOut propensities(IsoTask task) throws IOException {
        Isoconfigurational.Options o = Isoconfigurational.Options.defaults(task.times())
                .withEvent(task.event(), task.threshold())
                .withPHopWindow(task.halfWindow(), true);
        if (task.sigma() != null) {
            o = o.withBonds(BondBreaking.Cutoffs.seed003(task.sigma()));
        }
        Isoconfigurational iso = new Isoconfigurational(o);
        int[] species = null;
        for (int r = 0; r < task.replicas().size(); r++) {
            RunInfo info = task.replicas().get(r);
            Trajectory.Builder b = Trajectory.builder();
            FramesFileReader.forEachFrame(task.files().get(r).stream().map(Path::new).toList(), Warehouse.conf(), info.n(),
                    info.dims(), 0, info.frames() - 1, f -> b.add(f));
            Trajectory traj = b.build();
            species = traj.species();
            try {
                iso.add(traj);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("replica " + info.run() + ": " + e.getMessage(), e);
            }
        }
        Isoconfigurational.Result res = iso.result();
        org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
        String attempt = "iso-" + task.parentRun() + "-f" + task.parentFrame() + "-a" + (tc == null ? 0 : tc.attemptNumber());
        LinkedHashMap<String, double[][]> labels = new LinkedHashMap<>();
        labels.put("propensity_msd", res.msd());
        if (res.cb() != null) {
            labels.put("propensity_cb", res.cb());
        }
        labels.put("p_r", res.pr());
        LinkedHashMap<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : labels.entrySet()) {
            Path file = new Path(new Path(new Path(task.labelRoot(), attempt), e.getKey()), "part.parquet");
            double[][] v = e.getValue();
            try (glassworks.md.io.RowFileWriter<LabelsTable.Row> w = new glassworks.md.io.RowFileWriter<>(
                    LabelsTable.SCHEMA, file, Warehouse.conf())) {
                for (int i = 0; i < v[0].length; i++) {
                    for (int k = 0; k < res.times().length; k++) {
                        if (Double.isFinite(v[k][i])) { // C_B is undefined for a particle without initial bonds
                            w.write(new LabelsTable.Row(task.parentRun(), task.parentFrame(), i, species[i],
                                    res.times()[k], v[k][i]));
                        }
                    }
                }
            }
            files.put(e.getKey(), file.toString());
        }
        return new IsoOut(task.temperature(), task.parentRun(), task.parentFrame(), res.replicas(), files);
    }

    /** k* of S_AA(k) (species 0) from the first frame of one run at this temperature. */
    private double kStar(RunInfo info, PrintStream log) {
        List<Path> files = warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, options.model(), info.temperature(),
                info.run()));
        List<FrameView> frames = new ArrayList<>();
        try {
            FramesFileReader.forEachFrame(files, Warehouse.conf(), info.n(), info.dims(), 0, Math.min(2, info.frames() - 1),
                    f -> frames.add(f.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        StructureFactor.Result s = StructureFactor.of(frames, StructureFactor.Options.DEFAULTS.withPartials(true));
        double k = s.firstPeak(0);
        log.printf(Locale.ROOT, "  T=%s k* = %.4f (first peak of S_AA(k), %d frame(s))%n",
                ParquetTables.partitionValue(info.temperature()), k, frames.size());
        return k;
    }

    /** A task on an executor: the run's trajectory, every observable, its rows. */
    static RunOut analyse(Task task) throws IOException {
        RunInfo info = task.run();
        Trajectory.Builder b = Trajectory.builder();
        FramesFileReader.forEachFrame(task.files().stream().map(Path::new).toList(), Warehouse.conf(), info.n(), info.dims(),
                0, info.frames() - 1, f -> b.add(f));
        Trajectory traj = b.build();
        LagGrid grid = LagGrid.forSchedule(traj, FrameSchedule.parse(info.schedule()), task.originStride());
        RunDynamics.Options o = RunDynamics.Options.defaults(task.k()).withOverlap(task.overlapA());
        if (task.sigma() != null) {
            o = o.withBonds(BondBreaking.Cutoffs.seed003(task.sigma()));
        }
        RunDynamics.Result r = RunDynamics.compute(traj, grid, o);
        List<String> channels = new ArrayList<>(task.species());
        channels.add("all");
        LinkedHashMap<String, List<ObservablesTable.Row>> obs = new LinkedHashMap<>();
        String run = info.run();
        for (int c = 0; c < r.channels(); c++) {
            if (r.particles()[c] == 0) {
                continue;
            }
            String sp = channels.get(c);
            for (int l = 0; l < r.lags(); l++) {
                long steps = r.lagSteps()[l];
                double t = r.lagTimes()[l];
                int pairs = r.pairs()[l];
                add(obs, "msd", run, sp, steps, t, r.msd()[c][l], r.msdError()[c][l], pairs, null, null);
                add(obs, "alpha2", run, sp, steps, t, r.alpha2()[c][l], null, pairs, null, null);
                add(obs, "fs", run, sp, steps, t, r.fs()[c][l], r.fsError()[c][l], pairs, r.k(), null);
                add(obs, "overlap", run, sp, steps, t, r.overlap()[c][l], r.overlapError()[c][l], pairs, null, null);
                add(obs, "chi4", run, sp, steps, t, r.chi4()[c][l], null, pairs, null, null);
                if (task.sigma() != null) {
                    add(obs, "cb", run, sp, steps, t, r.cb()[c][l], r.cbError()[c][l], pairs, null, null);
                    add(obs, "chi4_cb", run, sp, steps, t, r.chi4Cb()[c][l], null, pairs, null, null);
                }
                double[] g = r.selfVanHove(c, l);
                double[] rr = r.vanHoveR();
                for (int bin = 0; bin < g.length; bin++) {
                    add(obs, "vanhove", run, sp, steps, t, g[bin], null, pairs, null, rr[bin]);
                }
                for (int q = 0; q < r.s4Q().length; q++) {
                    add(obs, "s4", run, sp, steps, t, r.s4()[c][l][q], null, pairs, r.s4Q()[q], null);
                }
                if (r.s4Q().length > 0) {
                    // xi(t) only where the box resolves it (q_min xi <= 1 and q_max xi >= 0.5)
                    glassworks.md.dynamics.FourPoint.OzFit oz = r.dynamicLength(c, l);
                    if (oz.resolved()) {
                        add(obs, "xi4", run, sp, steps, t, oz.xi(), oz.xiError(), pairs, null, null);
                    }
                }
            }
        }
        List<TimescalesTable.Row> scales = new ArrayList<>();
        for (int c = 0; c < r.channels(); c++) {
            if (r.particles()[c] == 0) {
                continue;
            }
            scales.addAll(timescales(run, channels.get(c), 1, r.lagTimes(), r.fs()[c], r.fsError()[c], r.msd()[c],
                    r.chi4()[c], r.dims(), r.k()));
            if (task.sigma() != null) {
                TimeScales.Crossing cb = r.tauBondBreaking(c);
                if (!Double.isNaN(cb.time())) {
                    scales.add(new TimescalesTable.Row(run, channels.get(c), "tau_cb", cb.time(), nan(cb.error()),
                            null, null, "C_B = 1/2 (cutoffs 1.4 / 1.8 sigma_ab), log-t interpolation", 1));
                }
            }
        }
        List<String> present = new ArrayList<>();
        for (int c = 0; c < r.channels(); c++) {
            present.add(r.particles()[c] == 0 ? null : channels.get(c));
        }
        return new RunOut(info, writeLabels(task, traj), obs, scales, present, r.particles(), r.pairs(), r.lagTimes(), r.lagSteps(),
                r.fs(), r.msd(), r.overlap(), r.chi4(), r.dims());
    }

    /**
     * Per-particle labels of every frame where they are defined (p_hop: frames h .. F-1-h; csd: frames W .. F-1; disp:
     * origins 0 .. F-1-L), one file per label in this attempt's directory; returns label to file.
     */
    static LinkedHashMap<String, String> writeLabels(Task task, Trajectory traj) throws IOException {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        if (task.labels().isEmpty()) {
            return out;
        }
        org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
        String attempt = "labels-" + task.run().run() + "-a" + (tc == null ? 0 : tc.attemptNumber());
        int n = traj.n();
        int[] species = traj.species();
        double[] values = new double[n];
        for (String label : task.labels()) {
            Path file = new Path(new Path(new Path(task.labelRoot(), attempt), label), "part.parquet");
            int frames = traj.frames();
            // first and last frame the label is defined at, and the window or lag it spans (in frames)
            int first;
            int last;
            int window;
            switch (label) {
                case "p_hop" -> {
                    window = 2 * task.halfWindow();
                    first = task.halfWindow();
                    last = frames - 1 - task.halfWindow();
                }
                case "csd" -> {
                    window = task.csdWindow();
                    first = task.csdWindow();
                    last = frames - 1;
                }
                default -> {
                    window = task.dispLag();
                    first = 0;
                    last = frames - 1 - task.dispLag();
                }
            }
            double span = traj.time(Math.min(window, frames - 1)) - traj.time(0);
            try (glassworks.md.io.RowFileWriter<LabelsTable.Row> w = new glassworks.md.io.RowFileWriter<>(
                    LabelsTable.SCHEMA, file, Warehouse.conf())) {
                for (int f = first; f <= last; f++) {
                    double[] v = switch (label) {
                        case "p_hop" -> ParticleLabels.pHop(traj, f, task.halfWindow(), true, values);
                        case "csd" -> ParticleLabels.csd(traj, f, task.csdWindow());
                        default -> ParticleLabels.displacement(traj, f, f + task.dispLag());
                    };
                    for (int i = 0; i < n; i++) {
                        w.write(new LabelsTable.Row(task.run().run(), f, i, species[i], span, v[i]));
                    }
                }
            }
            out.put(label, file.toString());
        }
        return out;
    }

    /**
     * Moves the label files of each source (a run, or an isoconfigurational start) into one staged directory per label
     * and stages the partition replacements.
     */
    private void stageLabels(List<Map.Entry<String, LinkedHashMap<String, String>>> sources, double t, String jobId,
                             Commit commit) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, LinkedHashMap<String, String>> src : sources) {
                for (Map.Entry<String, String> e : src.getValue().entrySet()) {
                    Path dir = dirs.computeIfAbsent(e.getKey(), l -> new Path(new Path(new Path(warehouse.staging(jobId),
                            LabelsTable.NAME), ParquetTables.partitionValue(t)), l));
                    warehouse.rename(new Path(e.getValue()), new Path(dir, "part-" + src.getKey() + ".parquet"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        dirs.forEach((label, dir) -> commit.replaceDirectory(LabelsTable.SCHEMA, dir,
                warehouse.partition(LabelsTable.SCHEMA, options.model(), t, label)));
    }

    /** tau_alpha, D and the chi4 peak of one set of curves. */
    static List<TimescalesTable.Row> timescales(String run, String species, int nRuns, double[] t, double[] fs,
                                                double[] fsErr, double[] msd, double[] chi4, int dims, double k) {
        List<TimescalesTable.Row> out = new ArrayList<>();
        TimeScales.Crossing tau = TimeScales.crossing(t, fs, fsErr, Math.exp(-1));
        if (!Double.isNaN(tau.time())) {
            out.add(new TimescalesTable.Row(run, species, "tau_alpha", tau.time(), nan(tau.error()),
                    t[Math.max(0, tau.bracket() - 1)], t[tau.bracket()],
                    String.format(Locale.ROOT, "F_s(k=%.4f) = 1/e, log-t interpolation", k), nRuns));
        }
        TimeScales.Diffusion d = TimeScales.diffusion(t, msd, dims);
        if (!Double.isNaN(d.d())) {
            out.add(new TimescalesTable.Row(run, species, "diffusion", d.d(), nan(d.error()), d.tFrom(), d.tTo(),
                    "MSD = 2 d D t + c over lags with log-log slope within 0.1 of 1 (" + d.points() + " points)", nRuns));
        }
        TimeScales.Peak p = TimeScales.peak(t, chi4);
        if (p.interior()) {
            out.add(new TimescalesTable.Row(run, species, "chi4_peak_time", p.time(), nan(p.timeError()), null, null,
                    "parabola in ln t through the largest chi4(t) point and its neighbours", nRuns));
            out.add(new TimescalesTable.Row(run, species, "chi4_peak", p.height(), nan(p.heightError()), null, null,
                    "chi4 = N [<Q^2> - <Q>^2] over time origins" + (nRuns > 1 ? " of every run (pooled)" : "")
                            + ", Q with a = overlap cutoff", nRuns));
        }
        return out;
    }

    /**
     * The temperature average: time scales of the averaged curves, and with several runs the pooled chi_4 rows
     * (observable chi4_pooled, run_id = all).
     */
    record Averaged(List<TimescalesTable.Row> timescales, List<ObservablesTable.Row> pooledChi4) {
    }

    /**
     * The temperature's runs together: averaged curves (when their lag grids agree) and their time scales.
     * Isoconfigurational replicas share their start, so they are not independent samples of the temperature: they are
     * averaged only where the temperature has no other runs.
     *
     * <p>chi_4 of the average pools every (run, time origin) sample of Q(t): with the same origins per lag in every run
     * (same schedule), N Var_pooled(Q) = mean over runs of the within-run chi_4 + N Var_runs(mean Q of a run), so
     * run-to-run fluctuations of the mobility count; a single run keeps its own chi_4.
     */
    static Averaged temperatureAverage(List<RunOut> all, double k) {
        List<RunOut> independent = all.stream().filter(o -> !o.run().replica()).toList();
        List<RunOut> outs = independent.isEmpty() ? all : independent;
        RunOut first = outs.get(0);
        for (RunOut o : outs) {
            if (!java.util.Arrays.equals(o.lagSteps(), first.lagSteps())) {
                return new Averaged(List.of(), List.of()); // different schedules: per-run rows only
            }
        }
        int channels = first.fs().length;
        int lags = first.lagTimes().length;
        int runs = outs.size();
        List<TimescalesTable.Row> out = new ArrayList<>();
        List<ObservablesTable.Row> pooled = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double[] fs = new double[lags];
            double[] fsErr = runs > 1 ? new double[lags] : null;
            double[] msd = new double[lags];
            double[] chi4 = new double[lags];
            for (int l = 0; l < lags; l++) {
                double s = 0;
                double s2 = 0;
                double q = 0;
                double q2 = 0;
                for (RunOut o : outs) {
                    s += o.fs()[c][l];
                    s2 += o.fs()[c][l] * o.fs()[c][l];
                    msd[l] += o.msd()[c][l] / runs;
                    chi4[l] += o.chi4()[c][l] / runs;
                    q += o.overlap()[c][l];
                    q2 += o.overlap()[c][l] * o.overlap()[c][l];
                }
                fs[l] = s / runs;
                if (fsErr != null) {
                    fsErr[l] = Math.sqrt(Math.max(0, (s2 / runs - fs[l] * fs[l]) / (runs - 1)));
                }
                if (runs > 1) {
                    double qm = q / runs;
                    chi4[l] += first.particles()[c] * Math.max(0, q2 / runs - qm * qm);
                }
            }
            String species = first.channels().get(c);
            if (species == null) {
                continue; // a species with no particles
            }
            if (runs > 1) {
                for (int l = 0; l < lags; l++) {
                    pooled.add(new ObservablesTable.Row("all", species, first.lagSteps()[l], first.lagTimes()[l], chi4[l],
                            null, runs * first.pairs()[l], null, null));
                }
            }
            List<TimescalesTable.Row> here = timescales("all", species, runs, first.lagTimes(), fs, fsErr, msd, chi4,
                    first.dims(), k);
            out.addAll(here);
            TimescalesTable.Row tau = here.stream().filter(r -> r.quantity().equals("tau_alpha")).findFirst().orElse(null);
            TimescalesTable.Row d = here.stream().filter(r -> r.quantity().equals("diffusion")).findFirst().orElse(null);
            if (tau != null && d != null) {
                double t = first.run().temperature();
                double se = d.value() * tau.value() / t;
                Double err = tau.error() == null || d.error() == null ? null
                        : se * Math.hypot(tau.error() / tau.value(), d.error() / d.value());
                out.add(new TimescalesTable.Row("all", species, "stokes_einstein", se, err, null, null,
                        "D tau_alpha / T (constant where Stokes-Einstein holds)", runs));
            }
        }
        return new Averaged(out, pooled);
    }

    private static Double nan(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Adds one row under its observable (the table's partition). */
    private static void add(Map<String, List<ObservablesTable.Row>> obs, String observable, String run, String species,
                            long steps, double t, double value, Double error, int origins, Double k, Double r) {
        obs.computeIfAbsent(observable, x -> new ArrayList<>()).add(new ObservablesTable.Row(run, species, steps, t, value,
                error == null || !Double.isFinite(error) ? null : error, origins, k, r));
    }
}
