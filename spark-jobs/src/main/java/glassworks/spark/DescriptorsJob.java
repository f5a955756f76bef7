package glassworks.spark;

import glassworks.md.FrameView;
import glassworks.md.PairModel;
import glassworks.md.io.FramesFileReader;
import glassworks.md.io.ParquetTables;
import glassworks.md.io.RowFileWriter;
import glassworks.md.structure.Descriptor;
import glassworks.md.structure.DescriptorCatalog;
import glassworks.md.structure.StructureReference;
import glassworks.schema.TableSchema;
import glassworks.schema.tables.DescriptorSetsTable;
import glassworks.schema.tables.DescriptorsTable;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.InherentTable;
import glassworks.schema.tables.RunsTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code glassworks descriptors}: per-particle structural descriptors of every selected frame into the
 * {@code descriptors} table, one partition per (model, T, descriptor set), and what each set is into
 * {@code descriptor_sets}.
 *
 * <p>Work: the driver resolves each set's parameters per temperature (those found from the structure, such as g(r)
 * cutoffs and shells, from a few sampled frames: {@link StructureReference}), then ships tasks of consecutive frames of
 * one run. A task streams its frames straight from the run's frames file (Parquet row groups of other frames skipped:
 * no shuffle of positions), computes every set on each frame with the kernel's {@link Descriptor}s and writes one file
 * per set into its own attempt directory; only the files of successful attempts are moved into staging and committed
 * ({@link Commit}: a failure leaves the tables as they were). A set's partition is replaced as a whole, so one name
 * never holds two parameter choices.
 */
public final class DescriptorsJob {
    private final DescriptorsOptions options;
    private final Warehouse warehouse;

    public DescriptorsJob(DescriptorsOptions options, Warehouse warehouse) {
        this.options = options;
        this.warehouse = warehouse;
    }

    private RunSelection runs() {
        return new RunSelection(warehouse, options.model(), options.temperatures(), options.runs(), "descriptors");
    }

    /** The table whose configurations are described. */
    private TableSchema sourceTable() {
        return "inherent".equals(options.source()) ? InherentTable.SCHEMA : FramesTable.SCHEMA;
    }

    /** A set exists at (T) already: its descriptors partition. */
    private RunSelection.OutputCheck existing() {
        return (t, run) -> options.sets().stream().anyMatch(s ->
                warehouse.exists(warehouse.partition(DescriptorsTable.SCHEMA, options.model(), t, s.name())));
    }

    /** Options, input presence (and inherent structures, for that source) and existing output, before Spark. */
    public Map<Double, List<String>> validate() {
        options.validate();
        Map<Double, List<String>> selection = runs().validate(existing(), options.overwrite());
        if (options.referenceT() != null && !runs().storedTemperatures().contains(options.referenceT())) {
            throw new IllegalArgumentException("--reference-T " + ParquetTables.partitionValue(options.referenceT())
                    + " has no frames of model " + options.model() + "; stored temperatures: " + runs().storedTemperatures());
        }
        if ("inherent".equals(options.source())) {
            List<String> missing = new ArrayList<>();
            selection.forEach((t, ids) -> ids.stream()
                    .filter(r -> !warehouse.exists(warehouse.partition(InherentTable.SCHEMA, options.model(), t, r)))
                    .forEach(missing::add));
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("--source inherent needs the inherent structures of " + missing.size()
                        + " run(s) (e.g. " + missing.get(0) + "); run `glassworks inherent` on them first");
            }
        }
        return selection;
    }

    /** The campaign check: earlier stages simulate {@code planned} runs (temperature to run ids) of this model. */
    public void validatePlanned(Map<Double, ? extends Collection<String>> planned) {
        options.validate();
        runs().validatePlanned(planned, existing(), options.overwrite());
    }

    /** One stored run to describe. */
    record RunInfo(double temperature, String run, int n, int dims, int frames) implements Serializable {
    }

    /** One resolved set at one temperature. */
    record ResolvedSet(String name, Descriptor descriptor) implements Serializable {
    }

    /** Consecutive frames of one run and the sets to compute on them. */
    record Task(String model, RunInfo run, int firstFrame, int lastFrame, int every, List<String> files,
                String source, List<ResolvedSet> sets, String attemptRoot) implements Serializable {
    }

    /** A file a task wrote: set, temperature, path, rows, frames. */
    record Written(String set, double temperature, String run, int firstFrame, String file, long rows, int frames)
            implements Serializable {
    }

    /** What the job did per (T, set). */
    public record SetResult(double temperature, String descriptor, String family, String fingerprint, int features,
                            int runs, long frames, long rows, String parameters) {
    }

    public List<SetResult> run(SparkSession spark, PrintStream log) {
        Map<Double, List<String>> selection = validate();
        RunSelection sel = runs();
        Map<String, RunsTable.Row> rows = sel.runRows(selection);
        Map<String, PairModel> models = sel.models(selection, rows);
        List<RunInfo> infos = new ArrayList<>();
        for (Map.Entry<Double, List<String>> e : selection.entrySet()) {
            for (String id : e.getValue()) {
                RunsTable.Row r = rows.get(id);
                if (r == null) {
                    throw new IllegalArgumentException("run " + id + " has frames but no row in the runs table, so its N "
                            + "and frame count are unknown; re-simulate the run");
                }
                infos.add(new RunInfo(e.getKey(), id, r.nParticles(), r.dims(), r.nFrames()));
            }
        }
        // parameters per temperature (or all from the reference temperature)
        Map<Double, List<ResolvedSet>> resolved = resolve(selection, infos, models, log);
        tryOnOneFrame(resolved, infos);

        String jobId = "descriptors-" + UUID.randomUUID();
        String attemptRoot = new Path(warehouse.staging(jobId), "attempts").toString();
        int parallelism = spark.sparkContext().defaultParallelism();
        long selectedFrames = infos.stream().mapToLong(i -> framesOf(i)).sum();
        int perTask = options.framesPerTask() > 0 ? options.framesPerTask()
                : (int) Math.max(1, (selectedFrames + 4L * parallelism - 1) / (4L * parallelism));
        List<Task> tasks = new ArrayList<>();
        for (RunInfo info : infos) {
            List<String> files = warehouse.dataFiles(warehouse.partition(sourceTable(), options.model(), info.temperature(),
                    info.run())).stream().map(Path::toString).toList();
            // frames 0, k, 2k, ...: tasks of perTask selected frames each
            for (int first = 0; first < info.frames(); first += perTask * options.every()) {
                int last = Math.min(info.frames() - 1, first + perTask * options.every() - 1);
                tasks.add(new Task(options.model(), info, first, last, options.every(), files, options.source(),
                        resolved.get(info.temperature()), attemptRoot));
            }
        }
        log.printf("descriptors: %d set(s) [%s] on %d frame(s) of %d run(s) of %s (%s, every %d), as %d Spark task(s)%n",
                options.sets().size(), String.join(", ", options.sets().stream().map(DescriptorCatalog.Request::name).toList()),
                selectedFrames, infos.size(), options.model(), options.source(), options.every(), tasks.size());

        Commit commit = new Commit(warehouse, jobId);
        try {
            List<Written> written = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(tasks, Math.max(1, tasks.size()))
                    .flatMap(t -> describe(t).iterator())
                    .collect();
            List<SetResult> results = stageAndCommit(jobId, written, resolved, infos, commit);
            commit.apply();
            for (SetResult r : results) {
                log.printf(Locale.ROOT, "  T=%s %s (%s, %d features, fingerprint %s): %d frame(s) of %d run(s), %d rows%n",
                        ParquetTables.partitionValue(r.temperature()), r.descriptor(), r.family(), r.features(),
                        r.fingerprint(), r.frames(), r.runs(), r.rows());
            }
            return results;
        } catch (Exception e) { // SparkException is a checked exception Scala throws undeclared
            commit.abandon();
            throw e;
        }
    }

    private long framesOf(RunInfo i) {
        return (i.frames() + options.every() - 1) / options.every();
    }

    /**
     * Builds every set per temperature. Sets whose defaults come from the structure get a {@link StructureReference}
     * from {@code referenceFrames} frames sampled evenly over the temperature's runs (or the reference temperature's).
     */
    private Map<Double, List<ResolvedSet>> resolve(Map<Double, List<String>> selection, List<RunInfo> infos,
                                                   Map<String, PairModel> models, PrintStream log) {
        boolean needsReference = options.sets().stream().anyMatch(DescriptorCatalog::needsReference);
        Map<Double, List<ResolvedSet>> out = new TreeMap<>();
        StructureReference fixed = null;
        if (needsReference && options.referenceT() != null) {
            fixed = reference(options.referenceT(), runsAt(options.referenceT(), infos), models, log);
        }
        for (double t : selection.keySet()) {
            List<RunInfo> at = infos.stream().filter(i -> i.temperature() == t).toList();
            StructureReference ref = fixed;
            if (needsReference && ref == null) {
                ref = reference(t, at, models, log);
            }
            PairModel model = models.get(at.get(0).run());
            int dims = at.get(0).dims();
            List<ResolvedSet> sets = new ArrayList<>();
            for (DescriptorCatalog.Request r : options.sets()) {
                Descriptor d;
                try {
                    d = DescriptorCatalog.build(r, model, dims, ref);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("descriptor set " + r.name() + " at T="
                            + ParquetTables.partitionValue(t) + ": " + e.getMessage(), e);
                }
                sets.add(new ResolvedSet(r.name(), d));
            }
            out.put(t, sets);
        }
        return out;
    }

    /**
     * Computes every set on the first frame of each temperature on the driver, so a set that does not suit the system
     * (a cutoff beyond half the box, a 3D family on a 2D model) fails here with its message, before any Spark task.
     */
    private void tryOnOneFrame(Map<Double, List<ResolvedSet>> resolved, List<RunInfo> infos) {
        for (Map.Entry<Double, List<ResolvedSet>> e : resolved.entrySet()) {
            RunInfo info = infos.stream().filter(i -> i.temperature() == e.getKey()).findFirst().orElseThrow();
            List<Path> files = warehouse.dataFiles(warehouse.partition(sourceTable(), options.model(), info.temperature(),
                    info.run()));
            try {
                FramesFileReader.forEachFrame(sourceTable(), files, Warehouse.conf(), info.n(), info.dims(), 0, 0, f -> {
                    for (ResolvedSet set : e.getValue()) {
                        try {
                            set.descriptor().compute(f);
                        } catch (IllegalArgumentException ex) {
                            throw new IllegalArgumentException("descriptor set " + set.name() + " on run " + info.run()
                                    + ": " + ex.getMessage(), ex);
                        }
                    }
                });
            } catch (IOException ex) {
                throw new UncheckedIOException(ex.getMessage(), ex);
            }
        }
    }

    /** The runs at temperature t: the selected ones, or every stored run there (a reference T outside the selection). */
    private List<RunInfo> runsAt(double t, List<RunInfo> infos) {
        List<RunInfo> at = infos.stream().filter(i -> i.temperature() == t).toList();
        if (!at.isEmpty()) {
            return at;
        }
        Map<Double, List<String>> there = new TreeMap<>();
        there.put(t, new ArrayList<>(runs().storedRuns(List.of(t)).get(t)));
        Map<String, RunsTable.Row> rows = runs().runRows(there);
        List<RunInfo> out = new ArrayList<>();
        for (RunsTable.Row r : rows.values()) {
            out.add(new RunInfo(t, r.runId(), r.nParticles(), r.dims(), r.nFrames()));
        }
        out.sort(Comparator.comparing(RunInfo::run));
        return out;
    }

    /** The structure at one temperature from frames sampled evenly over its runs (read on the driver, no Spark). */
    private StructureReference reference(double t, List<RunInfo> at, Map<String, PairModel> models, PrintStream log) {
        // every run of one model name has the same species (a declared model is one definition per campaign)
        StructureReference ref = new StructureReference(models.values().iterator().next());
        int wanted = options.referenceFrames();
        long total = at.stream().mapToLong(RunInfo::frames).sum();
        int taken = 0;
        for (RunInfo info : at) {
            // this run's share of the sample, spread over its frames
            int share = (int) Math.max(1, Math.round((double) wanted * info.frames() / total));
            List<Path> files = warehouse.dataFiles(warehouse.partition(sourceTable(), options.model(), t, info.run()));
            for (int k = 0; k < share && taken < wanted; k++) {
                int frame = (int) ((long) k * info.frames() / share);
                try {
                    FramesFileReader.forEachFrame(sourceTable(), files, Warehouse.conf(), info.n(), info.dims(), frame, frame,
                            ref::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
                taken++;
            }
        }
        log.printf(Locale.ROOT, "  T=%s structure from %d frame(s): %s%n", ParquetTables.partitionValue(t), ref.frames(),
                ref.summary());
        return ref;
    }

    /** A task on an executor: stream its frames, compute every set, one file per set in the attempt's directory. */
    static List<Written> describe(Task task) throws IOException {
        TaskContext tc = TaskContext.get();
        String attempt = "task-" + task.run().run() + "-" + task.firstFrame() + "-a" + (tc == null ? 0 : tc.attemptNumber());
        int m = task.sets().size();
        List<RowFileWriter<DescriptorsTable.Row>> writers = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        long[] rows = new long[m];
        int[] frames = new int[1];
        for (ResolvedSet s : task.sets()) {
            Path p = new Path(new Path(new Path(task.attemptRoot(), attempt), s.name()), "part.parquet");
            paths.add(p);
            writers.add(new RowFileWriter<>(DescriptorsTable.SCHEMA, p, Warehouse.conf()));
        }
        double[][] out = new double[m][];
        List<Path> files = task.files().stream().map(Path::new).toList();
        TableSchema table = "inherent".equals(task.source()) ? InherentTable.SCHEMA : FramesTable.SCHEMA;
        try {
            FramesFileReader.forEachFrame(table, files, Warehouse.conf(), task.run().n(), task.run().dims(),
                    task.firstFrame(), task.lastFrame(), (FrameView f) -> {
                        if (f.frameIndex() % task.every() != 0) {
                            return;
                        }
                        frames[0]++;
                        for (int s = 0; s < m; s++) {
                            Descriptor d = task.sets().get(s).descriptor();
                            int k = d.featureCount();
                            if (out[s] == null || out[s].length < f.n() * k) {
                                out[s] = new double[f.n() * k];
                            }
                            d.compute(f, out[s]);
                            for (int i = 0; i < f.n(); i++) {
                                double[] v = java.util.Arrays.copyOfRange(out[s], i * k, (i + 1) * k);
                                writers.get(s).write(new DescriptorsTable.Row(task.run().run(), f.frameIndex(), i,
                                        f.species()[i], task.source(), d.family(), d.fingerprint(), v));
                                rows[s]++;
                            }
                        }
                    });
        } finally {
            for (RowFileWriter<DescriptorsTable.Row> w : writers) {
                w.close();
            }
        }
        List<Written> result = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            result.add(new Written(task.sets().get(s).name(), task.run().temperature(), task.run().run(), task.firstFrame(),
                    paths.get(s).toString(), rows[s], frames[0]));
        }
        return result;
    }

    /**
     * Moves each successful attempt's files into one staged directory per (T, set), named by run and first frame, and
     * stages the partition replacements and the descriptor_sets rows.
     */
    private List<SetResult> stageAndCommit(String jobId, List<Written> written, Map<Double, List<ResolvedSet>> resolved,
                                           List<RunInfo> infos, Commit commit) {
        record Key(double temperature, String set) {
        }
        Map<Key, List<Written>> byPartition = new LinkedHashMap<>();
        for (Written w : written) {
            byPartition.computeIfAbsent(new Key(w.temperature(), w.set()), k -> new ArrayList<>()).add(w);
        }
        Path stagedRoot = new Path(warehouse.staging(jobId), DescriptorsTable.NAME);
        List<SetResult> results = new ArrayList<>();
        Map<Double, List<DescriptorSetsTable.Row>> setRows = new TreeMap<>();
        try {
            for (Map.Entry<Key, List<Written>> e : byPartition.entrySet()) {
                double t = e.getKey().temperature();
                String name = e.getKey().set();
                Path dir = new Path(new Path(stagedRoot, ParquetTables.partitionValue(t)), name);
                long rowCount = 0;
                long frameCount = 0;
                Set<String> runIds = new HashSet<>();
                for (Written w : e.getValue()) {
                    if (w.rows() == 0) {
                        continue;
                    }
                    warehouse.rename(new Path(w.file()),
                            new Path(dir, String.format(Locale.ROOT, "part-%s-%06d.parquet", w.run(), w.firstFrame())));
                    rowCount += w.rows();
                    frameCount += w.frames();
                    runIds.add(w.run());
                }
                ResolvedSet set = resolved.get(t).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
                Descriptor d = set.descriptor();
                long expectedFrames = infos.stream().filter(i -> i.temperature() == t).mapToLong(this::framesOf).sum();
                if (frameCount != expectedFrames) {
                    throw new IllegalStateException("descriptor set " + name + " at T=" + ParquetTables.partitionValue(t)
                            + " covers " + frameCount + " of " + expectedFrames + " selected frames; nothing was committed");
                }
                commit.replaceDirectory(DescriptorsTable.SCHEMA, dir,
                        warehouse.partition(DescriptorsTable.SCHEMA, options.model(), t, name));
                String params = DescriptorCatalog.describeParameters(d);
                setRows.computeIfAbsent(t, k -> new ArrayList<>()).add(new DescriptorSetsTable.Row(name, d.family(),
                        d.fingerprint(), params, d.featureCount(), String.join(",", d.featureNames()), options.source(),
                        runIds.size(), frameCount, Version.VERSION));
                results.add(new SetResult(t, name, d.family(), d.fingerprint(), d.featureCount(), runIds.size(), frameCount,
                        rowCount, params));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        for (Map.Entry<Double, List<DescriptorSetsTable.Row>> e : setRows.entrySet()) {
            Set<String> names = new HashSet<>();
            e.getValue().forEach(r -> names.add(r.descriptor()));
            commit.mergePartition(DescriptorSetsTable.SCHEMA, warehouse.partition(DescriptorSetsTable.SCHEMA,
                    options.model(), e.getKey()), e.getValue(), old -> !names.contains(old.descriptor()),
                    DescriptorSetsTable.Row::of, Comparator.comparing(DescriptorSetsTable.Row::descriptor));
        }
        results.sort(Comparator.comparingDouble(SetResult::temperature).thenComparing(SetResult::descriptor));
        return results;
    }
}
