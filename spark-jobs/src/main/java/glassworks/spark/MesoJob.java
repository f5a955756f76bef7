package glassworks.spark;

import glassworks.md.FrameView;
import glassworks.md.io.FramesFileReader;
import glassworks.md.io.ParquetTables;
import glassworks.md.io.RowFileWriter;
import glassworks.md.dynamics.Trajectory;
import glassworks.md.io.TableFiles;
import glassworks.md.meso.CoLearning;
import glassworks.md.meso.CoreParticles;
import glassworks.md.meso.DomainTracks;
import glassworks.md.meso.MesoFrame;
import glassworks.md.meso.PeriodicDomains;
import glassworks.md.meso.SubsetDiffusion;
import glassworks.md.stats.BinAxis;
import glassworks.schema.tables.ClusteringTable;
import glassworks.schema.tables.DescriptorSetsTable;
import glassworks.schema.tables.DescriptorsTable;
import glassworks.schema.tables.DomainsTable;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.MesoIterationsTable;
import glassworks.schema.tables.MesoProfilesTable;
import glassworks.schema.tables.MesoStatesTable;
import glassworks.schema.tables.PcaTable;
import glassworks.schema.tables.RunsTable;
import glassworks.spark.ml.Unsupervised;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;

/**
 * {@code glassworks meso}: seed 000's meso-state protocol on stored descriptors, per temperature.
 *
 * <ol>
 *   <li>PCA (MLlib) of the descriptor vectors of every selected particle row of the temperature, keeping the fewest
 *       components whose cumulative explained variance reaches the threshold ({@code pca} table);</li>
 *   <li>the elbow test, K = 1 .. K_max: K-means within-cluster sum of squares, silhouettes and Gaussian-mixture BIC, with
 *       the K of lowest BIC suggested ({@code clustering});</li>
 *   <li>K-means with K states in PC space (canonical numbering by PC 1) - the initial meso-state labels;</li>
 *   <li>per frame, in Spark tasks (frames are the unit of parallel work): the co-learning loop between real space
 *       (periodic nano-domains, one Gaussian each) and PC space (a Gaussian mixture initialised from the real-space
 *       labels) until converged, then the state-resolved g(r), species fractions, feature histograms and C(r) of the
 *       state field, with the kernel's {@link MesoFrame} ({@code meso_states}, {@code domains},
 *       {@code meso_iterations}, {@code meso_profiles});</li>
 *   <li>per run, in a second pass of Spark tasks (one run per task, over the run's analysed frames in time order, the
 *       window): core particles (the same state in every analysed frame, {@code meso_states.core}), the MSD and
 *       Einstein D of the core particles of each state, each species and each large enough domain of the first frame
 *       next to those of all particles of the state, and the domains followed across frames by particle overlap
 *       ({@code domains.track}) with each track's population and its fluctuation ({@code meso_profiles}), with the
 *       kernel's {@link CoreParticles}, {@link SubsetDiffusion} and {@link DomainTracks}.</li>
 * </ol>
 * The frame's positions come from the frames table in the task that classifies it, and again, for the analysed frames of
 * a run, in the task of the run's second pass (the frames table holds unwrapped positions, so displacements are plain
 * differences). The second pass needs only the per-frame states and domain ids, carried back by the first pass, and
 * rewrites the first pass's staged meso_states rows of its run with the core flags, one file per run. A failure leaves
 * the tables as they were.
 */
public final class MesoJob {
    private final MesoOptions options;
    private final Warehouse warehouse;

    public MesoJob(MesoOptions options, Warehouse warehouse) {
        this.options = options;
        this.warehouse = warehouse;
    }

    /** Temperatures with the descriptor set (the requested ones, checked), before Spark starts. */
    public List<Double> validate() {
        options.validate();
        List<Double> ts = DescriptorSelection.temperatures(warehouse, options.model(), options.descriptor(),
                options.temperatures());
        for (double t : ts) {
            if (!options.overwrite() && warehouse.exists(warehouse.partition(MesoStatesTable.SCHEMA, options.model(), t))) {
                throw new IllegalArgumentException("meso-states of " + options.model() + " at T = "
                        + ParquetTables.partitionValue(t) + " exist; pass --overwrite to replace them");
            }
        }
        return ts;
    }

    /** A run's frames file and size, for the tasks. */
    record RunFiles(List<String> files, int n, int dims, int species, double[] masses) implements Serializable {
    }

    /**
     * What one frame gives back to the driver (its meso_states rows are staged by the task, in {@code stateFile}, with
     * core still unknown; the run's second pass rewrites them); {@code states} and {@code domainOf} per particle feed
     * the second pass.
     */
    record FrameOut(String run, int frame, double time, String stateFile, int[] states, int[] domainOf,
                    List<DomainsTable.Row> domains,
                    List<MesoIterationsTable.Row> iterations, double[] r, double[][] gState, double[] gTotal,
                    long[][] speciesInState, long[][][] histograms, double[] correlationR, double[] correlation,
                    double domainLength, double[] kmeansCorrelation, double kmeansLength, int profileState,
                    glassworks.md.meso.PressureProfile.Result profile)
            implements Serializable {
    }

    /** One task's output: its meso_states file and its frames. */
    record PartOut(String file, List<FrameOut> frames) implements Serializable {
    }

    /** One analysed frame of a run as the second pass needs it. */
    record RunFrame(int frame, double time, int[] states, int[] domainOf, int[] domainState, int[] domainSize,
                    String stateFile) implements Serializable {
    }

    /** The second pass's input: a run's analysed frames in time order. */
    record RunIn(String run, List<RunFrame> frames) implements Serializable {
    }

    /**
     * The second pass's output: the run's meso_states file (with core flags), the track of each domain per frame (in
     * the input's frame order), its meso_profiles rows by quantity, and counts for the log.
     */
    record RunOut(String run, String stateFile, int[][] trackOf, Map<String, List<MesoProfilesTable.Row>> profiles,
                  int coreParticles, int particles, int tracks, int longTracks) implements Serializable {
    }

    /** The settings every task needs. */
    record TaskSettings(Map<String, RunFiles> runs, MesoFrame.Settings frame, String stateRoot) implements Serializable {
    }

    public void run(SparkSession spark, PrintStream log) {
        List<Double> temperatures = validate();
        warehouse.registerViews(spark);
        String jobId = "meso-" + UUID.randomUUID();
        Commit commit = new Commit(warehouse, jobId);
        try {
            for (double t : temperatures) {
                temperature(spark, t, jobId, commit, log);
            }
            commit.apply();
        } catch (RuntimeException e) {
            commit.abandon();
            throw e;
        }
    }

    private void temperature(SparkSession spark, double t, String jobId, Commit commit, PrintStream log) {
        String tv = ParquetTables.partitionValue(t);
        Dataset<Row> rows = warehouse.view(spark, DescriptorsTable.SCHEMA)
                .where(col("model").equalTo(options.model()).and(col("T").equalTo(t))
                        .and(col("descriptor").equalTo(options.descriptor())).and(col("source").equalTo("thermal")));
        if (!options.runs().isEmpty()) {
            rows = rows.where(col("run_id").isin(options.runs().toArray()));
        }
        if (options.frameStride() > 1) {
            rows = rows.where(col("frame").mod(options.frameStride()).equalTo(0));
        }
        rows = rows.select("run_id", "frame", "particle", "species", "features").persist();
        long count = rows.count();
        if (count == 0) {
            throw new IllegalArgumentException("no thermal descriptors '" + options.descriptor() + "' at T = " + tv
                    + " for the selected runs/frames; check --runs and --frame-stride");
        }
        // 1. PCA
        Unsupervised.Pca pca = Unsupervised.pca(rows, "features", options.varianceThreshold(), options.maxComponents());
        Row summary = rows.select(Summarizer.metrics("min", "max", "variance").summary(col("features")).as("s"))
                .select("s.min", "s.max", "s.variance").first();
        double[] min = ((Vector) summary.get(0)).toArray();
        double[] max = ((Vector) summary.get(1)).toArray();
        double totalVariance = java.util.Arrays.stream(((Vector) summary.get(2)).toArray()).sum();
        List<PcaTable.Row> pcaRows = new ArrayList<>();
        double[][] loadings = pca.loadings();
        double[] evr = pca.explainedVarianceRatio();
        double[] cum = pca.cumulative();
        for (int c = 0; c < evr.length; c++) {
            double[] loading = new double[loadings.length];
            for (int f = 0; f < loading.length; f++) {
                loading[f] = loadings[f][c];
            }
            pcaRows.add(new PcaTable.Row(options.descriptor(), "all", c + 1, evr[c] * totalVariance, evr[c], cum[c],
                    c < pca.kept(), loading, pca.mean(), count));
        }
        log.printf(Locale.ROOT, "  T=%s: %d particle rows of %s (%d features); PCA keeps %d component(s), cumulative "
                        + "explained variance %.3f (PC1 %.3f)%n", tv, count, options.descriptor(), loadings.length,
                pca.kept(), cum[pca.kept() - 1], evr[0]);
        Dataset<Row> pcs = pca.transform(rows, "features", "pc").persist();
        // 2. elbow and 3. K-means
        Unsupervised.Elbow elbow = Unsupervised.elbow(pcs, "pc", options.kMax(), options.seed());
        List<ClusteringTable.Row> clusteringRows = new ArrayList<>();
        for (Unsupervised.ElbowPoint p : elbow.points()) {
            clusteringRows.add(new ClusteringTable.Row(p.k(), p.wcss(), p.k() >= 2 ? finite(p.silhouette()) : null,
                    finite(p.logLikelihood()), finite(p.bic()), elbow.sampleRows(), p.k() == elbow.suggestedK(),
                    p.k() == options.k()));
        }
        log.printf(Locale.ROOT, "  T=%s: elbow K = 1..%d, lowest BIC at K = %d, largest silhouette at K = %d; using K = "
                + "%d%n", tv, options.kMax(), elbow.suggestedK(), elbow.silhouetteK(), options.k());
        Unsupervised.Clusters km = Unsupervised.kmeans(pcs, "pc", options.k(), options.seed());

        // 4. co-learning per frame, in Spark tasks
        Map<String, RunFiles> runFiles = runFiles(t, rows);
        TaskSettings settings = new TaskSettings(runFiles, new MesoFrame.Settings(
                new CoLearning.Options(options.cutoff(), options.tolerance(), options.maxIterations(),
                        glassworks.md.meso.GaussianMixtureEm.Options.defaults(),
                        glassworks.md.meso.DomainGaussians.Options.defaults(), options.spatialPrior()),
                options.k(), options.rMax(), options.bins(), axes(min, max, options.bins()),
                runFiles.values().iterator().next().masses(), t),
                new Path(warehouse.staging(jobId), "attempts-" + tv).toString());
        List<PartOut> parts = km.labelled().select("run_id", "frame", "particle", "species", "features", "pc",
                        Unsupervised.LABEL_COL).javaRDD()
                .mapToPair(r -> new Tuple2<>(r.getString(0) + "\u0000" + r.getInt(1), r))
                .groupByKey()
                .mapPartitions(it -> List.of(classify(it, settings)).iterator())
                .collect();
        rows.unpersist();
        pcs.unpersist();

        List<FrameOut> frames = new ArrayList<>();
        parts.forEach(p -> frames.addAll(p.frames()));
        frames.sort(Comparator.comparing(FrameOut::run).thenComparingInt(FrameOut::frame));

        // 5. per run, in Spark tasks: core particles, their diffusion, domain tracks (the run's frames in time order)
        Map<String, List<FrameOut>> byRun = new TreeMap<>();
        frames.forEach(f -> byRun.computeIfAbsent(f.run(), r -> new ArrayList<>()).add(f));
        List<RunIn> runInputs = new ArrayList<>();
        byRun.forEach((run, list) -> runInputs.add(new RunIn(run, list.stream().map(f -> new RunFrame(f.frame(),
                f.time(), f.states(), f.domainOf(), f.domains().stream().mapToInt(DomainsTable.Row::state).toArray(),
                f.domains().stream().mapToInt(DomainsTable.Row::size).toArray(), f.stateFile())).toList())));
        List<RunOut> runs = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(runInputs, runInputs.size()).map(in -> analyseRun(in, settings)).collect();

        // 6. the tables
        Path statesDir = new Path(new Path(warehouse.staging(jobId), MesoStatesTable.NAME), tv);
        Map<String, int[][]> tracksByRun = new TreeMap<>();
        try {
            for (RunOut r : runs) {
                warehouse.rename(new Path(r.stateFile()), new Path(statesDir, "part-" + tracksByRun.size() + ".parquet"));
                tracksByRun.put(r.run(), r.trackOf());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        commit.replaceDirectory(MesoStatesTable.SCHEMA, statesDir, warehouse.partition(MesoStatesTable.SCHEMA,
                options.model(), t));
        commit.mergePartition(PcaTable.SCHEMA, warehouse.partition(PcaTable.SCHEMA, options.model(), t,
                        MesoOptions.ANALYSIS), pcaRows, old -> false, PcaTable.Row::of,
                Comparator.comparing(PcaTable.Row::speciesGroup).thenComparingInt(PcaTable.Row::component));
        commit.mergePartition(ClusteringTable.SCHEMA, warehouse.partition(ClusteringTable.SCHEMA, options.model(), t,
                MesoOptions.ANALYSIS), clusteringRows, old -> false, ClusteringTable.Row::of,
                Comparator.comparingInt(ClusteringTable.Row::k));
        List<DomainsTable.Row> domains = new ArrayList<>();
        List<MesoIterationsTable.Row> iterations = new ArrayList<>();
        byRun.forEach((run, list) -> {
            int[][] trackOf = tracksByRun.get(run);
            for (int i = 0; i < list.size(); i++) {
                for (DomainsTable.Row d : list.get(i).domains()) {
                    domains.add(new DomainsTable.Row(d.runId(), d.frame(), d.time(), d.domain(), trackOf[i][d.domain()],
                            d.state(), d.size(), d.speciesCounts(), d.centreX(), d.centreY(), d.centreZ(),
                            d.radiusOfGyration(), d.spansBox()));
                }
                iterations.addAll(list.get(i).iterations());
            }
        });
        domains.sort(Comparator.comparing(DomainsTable.Row::runId).thenComparingInt(DomainsTable.Row::frame)
                .thenComparingInt(DomainsTable.Row::domain));
        // a staged file replacing the partition, not a merge: every old row goes anyway, and a merge would have to
        // read the old files, which a warehouse written before domains v2 cannot give it
        Path domainsDir = new Path(new Path(warehouse.staging(jobId), DomainsTable.NAME), tv);
        try {
            RowFileWriter.writeFile(DomainsTable.SCHEMA, new Path(domainsDir, "part-" + jobId + ".parquet"),
                    Warehouse.conf(), domains);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        commit.replaceDirectory(DomainsTable.SCHEMA, domainsDir, warehouse.partition(DomainsTable.SCHEMA,
                options.model(), t));
        commit.mergePartition(MesoIterationsTable.SCHEMA, warehouse.partition(MesoIterationsTable.SCHEMA, options.model(),
                t), iterations, old -> false, MesoIterationsTable.Row::of, Comparator.comparing(
                MesoIterationsTable.Row::runId).thenComparingInt(MesoIterationsTable.Row::frame)
                .thenComparingInt(MesoIterationsTable.Row::iteration));
        Map<String, List<MesoProfilesTable.Row>> profiles = profiles(frames, featureNames(spark, t), settings.frame());
        runs.forEach(r -> r.profiles().forEach((q, list) -> profiles.computeIfAbsent(q, x -> new ArrayList<>())
                .addAll(list)));
        Path atT = warehouse.partition(MesoProfilesTable.SCHEMA, options.model(), t);
        for (String old : warehouse.childPartitionValues(atT, MesoProfilesTable.QUANTITY)) {
            if (!profiles.containsKey(old)) {
                commit.removeDirectory(MesoProfilesTable.SCHEMA, warehouse.partition(MesoProfilesTable.SCHEMA,
                        options.model(), t, old));
            }
        }
        profiles.forEach((q, list) -> commit.mergePartition(MesoProfilesTable.SCHEMA, warehouse.partition(
                        MesoProfilesTable.SCHEMA, options.model(), t, q), list, old -> false, MesoProfilesTable.Row::of,
                Comparator.comparing(MesoProfilesTable.Row::runId).thenComparingInt(MesoProfilesTable.Row::state)
                        .thenComparingInt(MesoProfilesTable.Row::frame).thenComparingDouble(MesoProfilesTable.Row::x)));
        summarise(t, frames, log);
        summariseRuns(t, runs, log);
    }

    /** The frames files of the described runs. */
    private Map<String, RunFiles> runFiles(double t, Dataset<Row> rows) {
        List<String> ids = rows.select("run_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        Map<Double, List<String>> selection = Map.of(t, ids);
        RunSelection sel = new RunSelection(warehouse, options.model(), List.of(t), ids, "meso-states");
        Map<String, RunsTable.Row> runRows = sel.runRows(selection);
        Map<String, glassworks.md.PairModel> models = sel.models(selection, runRows);
        Map<String, RunFiles> out = new TreeMap<>();
        for (String id : ids) {
            RunsTable.Row r = runRows.get(id);
            if (r == null) {
                throw new IllegalArgumentException("run " + id + " has descriptors but no row in the runs table; "
                        + "re-simulate it");
            }
            List<String> files = warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, options.model(), t, id))
                    .stream().map(Path::toString).toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("run " + id + " has descriptors but no frames; re-simulate it");
            }
            out.put(id, new RunFiles(files, r.nParticles(), r.dims(), models.get(id).speciesCount(),
                    models.get(id).masses()));
        }
        return out;
    }

    /** One histogram axis per feature over the temperature's range of that feature. */
    static BinAxis[] axes(double[] min, double[] max, int bins) {
        BinAxis[] axes = new BinAxis[min.length];
        for (int f = 0; f < min.length; f++) {
            double lo = min[f];
            double hi = max[f] > min[f] ? max[f] : min[f] + 1;
            axes[f] = new BinAxis(lo, hi, bins);
        }
        return axes;
    }

    /** A task: its frames, each classified by the kernel; the particle rows into one meso_states file. */
    static PartOut classify(Iterator<Tuple2<String, Iterable<Row>>> groups, TaskSettings s) throws IOException {
        TreeMap<String, Iterable<Row>> byFrame = new TreeMap<>(Comparator.comparing((String key) -> key.split("\u0000")[0])
                .thenComparingInt(key -> Integer.parseInt(key.split("\u0000")[1])));
        groups.forEachRemaining(g -> byFrame.put(g._1(), g._2()));
        if (byFrame.isEmpty()) {
            return new PartOut(null, List.of());
        }
        org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
        String attempt = tc == null ? "local" : "p" + tc.partitionId() + "-a" + tc.attemptNumber();
        Path file = new Path(new Path(s.stateRoot(), attempt), "part.parquet");
        List<FrameOut> out = new ArrayList<>();
        try (RowFileWriter<MesoStatesTable.Row> w = new RowFileWriter<>(MesoStatesTable.SCHEMA, file, Warehouse.conf())) {
            for (Map.Entry<String, Iterable<Row>> e : byFrame.entrySet()) {
                String[] key = e.getKey().split("\u0000");
                out.add(classifyFrame(key[0], Integer.parseInt(key[1]), e.getValue(), s, w, file.toString()));
            }
        }
        return new PartOut(file.toString(), out);
    }

    private static FrameOut classifyFrame(String run, int frame, Iterable<Row> rows, TaskSettings s,
                                          RowFileWriter<MesoStatesTable.Row> w, String stateFile) throws IOException {
        RunFiles rf = s.runs().get(run);
        int n = rf.n();
        double[][] features = new double[n][];
        double[][] pcs = new double[n][];
        int[] kmeans = new int[n];
        int seen = 0;
        for (Row r : rows) {
            int i = r.getInt(2);
            features[i] = ((Vector) r.get(4)).toArray();
            pcs[i] = ((Vector) r.get(5)).toArray();
            kmeans[i] = r.getInt(6);
            seen++;
        }
        if (seen != n) {
            throw new IllegalStateException("run " + run + " frame " + frame + " has descriptors of " + seen + " of " + n
                    + " particles; re-run `glassworks descriptors` for it");
        }
        FrameView[] view = new FrameView[1];
        FramesFileReader.forEachFrame(rf.files().stream().map(Path::new).toList(), Warehouse.conf(), n, rf.dims(), frame,
                frame, f -> view[0] = f.copy());
        if (view[0] == null) {
            throw new IllegalStateException("run " + run + " has no frame " + frame + " in the frames table");
        }
        FrameView f = view[0];
        MesoFrame.Result res = MesoFrame.analyse(f, features, pcs, kmeans, rf.species(), s.frame());
        int[] species = f.species();
        for (int i = 0; i < n; i++) {
            // core is known only once every frame of the run is classified: staged as false, set by the second pass
            w.write(new MesoStatesTable.Row(run, frame, i, species[i], kmeans[i], res.labels()[i], res.domainOf()[i],
                    false, pcs[i]));
        }
        List<DomainsTable.Row> domains = new ArrayList<>();
        List<PeriodicDomains.Domain> ds = res.domains();
        for (int d = 0; d < ds.size(); d++) {
            PeriodicDomains.Domain dom = ds.get(d);
            double[] c = dom.centre();
            double[] counts = new double[dom.speciesCounts().length];
            for (int a = 0; a < counts.length; a++) {
                counts[a] = dom.speciesCounts()[a];
            }
            // track: set by the second pass
            domains.add(new DomainsTable.Row(run, frame, f.time(), d, -1, dom.state(), dom.size(), counts, c[0], c[1],
                    c.length > 2 ? c[2] : 0.0, dom.radiusOfGyration(), dom.spansBox()));
        }
        List<MesoIterationsTable.Row> its = new ArrayList<>();
        List<CoLearning.Iteration> iterations = res.iterations();
        for (int k = 0; k < iterations.size(); k++) {
            CoLearning.Iteration it = iterations.get(k);
            double[] perState = java.util.Arrays.stream(it.domainsPerState()).asDoubleStream().toArray();
            its.add(new MesoIterationsTable.Row(run, frame, it.index(), it.realRelabelled(), it.pcRelabelled(),
                    it.relabelled(), perState, it.pcLogLikelihood(), res.converged() && k == iterations.size() - 1));
        }
        return new FrameOut(run, frame, f.time(), stateFile, res.labels(), res.domainOf(), domains, its, res.r(), res.gState(), res.gTotal(),
                res.speciesInState(), res.featureHistograms(), res.correlationR(), res.correlation(), res.domainLength(),
                res.kmeansCorrelation(), res.kmeansLength(), res.profileDomain() < 0 ? -1 : res.domains().get(res.profileDomain()).state(), res.profile());
    }

    /**
     * The second pass of one run, in a Spark task: core flags from the states of every analysed frame, the run's
     * meso_states rows rewritten with them into one file, the MSD and D of core and of all particles per state and
     * species and of the core of each domain of the first frame (positions of the analysed frames from the frames
     * table), and the domain tracks with their populations.
     */
    static RunOut analyseRun(RunIn in, TaskSettings s) throws IOException {
        String run = in.run();
        RunFiles rf = s.runs().get(run);
        List<RunFrame> fr = in.frames();
        int nf = fr.size();
        int n = rf.n();
        int[][] states = new int[nf][];
        for (int f = 0; f < nf; f++) {
            states[f] = fr.get(f).states();
        }
        boolean[] core = CoreParticles.core(states);

        // meso_states: the run's staged rows with their core flags, one file
        Set<String> staged = new LinkedHashSet<>();
        fr.forEach(f -> staged.add(f.stateFile()));
        List<MesoStatesTable.Row> rows = new ArrayList<>(nf * n);
        for (String file : staged) {
            TableFiles.forEachRow(MesoStatesTable.SCHEMA, new Path(file), Warehouse.conf(), MesoStatesTable.Row::of, r -> {
                if (r.runId().equals(run)) {
                    rows.add(new MesoStatesTable.Row(r.runId(), r.frame(), r.particle(), r.species(), r.kmeansState(),
                            r.state(), r.domain(), core[r.particle()], r.pc()));
                }
            });
        }
        if (rows.size() != nf * n) {
            throw new IllegalStateException("run " + run + ": " + rows.size() + " staged meso-state rows for " + nf
                    + " frame(s) of " + n + " particles");
        }
        rows.sort(Comparator.comparingInt(MesoStatesTable.Row::frame).thenComparingInt(MesoStatesTable.Row::particle));
        org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
        String attempt = tc == null ? "local" : "p" + tc.partitionId() + "-a" + tc.attemptNumber();
        Path file = new Path(new Path(s.stateRoot(), "run-" + attempt), "part.parquet");
        RowFileWriter.writeFile(MesoStatesTable.SCHEMA, file, Warehouse.conf(), rows);

        Map<String, List<MesoProfilesTable.Row>> out = new LinkedHashMap<>();
        int k = s.frame().states();
        int speciesCount = rf.species();
        int[] first = states[0];
        int firstFrame = fr.get(0).frame();
        int[] species = null;
        Trajectory traj = null;
        if (nf >= 2) {
            // the analysed frames' unwrapped positions (the frames table stores them unwrapped)
            Set<Integer> wanted = new HashSet<>();
            fr.forEach(f -> wanted.add(f.frame()));
            Trajectory.Builder b = Trajectory.builder();
            FramesFileReader.forEachFrame(rf.files().stream().map(Path::new).toList(), Warehouse.conf(), n, rf.dims(),
                    firstFrame, fr.get(nf - 1).frame(), f -> {
                        if (wanted.contains(f.frameIndex())) {
                            b.add(f);
                        }
                    });
            if (b.frames() != nf) {
                throw new IllegalStateException("run " + run + ": " + b.frames() + " of its " + nf + " analysed frames "
                        + "in the frames table");
            }
            traj = b.build();
            species = traj.species();
        } else {
            int[] sp = new int[n];
            for (MesoStatesTable.Row r : rows) {
                sp[r.particle()] = r.species();
            }
            species = sp;
        }
        // core fraction of each state and species (state -1: of all particles)
        for (int st = -1; st < k; st++) {
            for (int a = -1; a < speciesCount; a++) {
                int all = CoreParticles.select(core, first, st, species, a, false).length;
                int c = CoreParticles.select(core, first, st, species, a, true).length;
                if (all > 0) {
                    add(out, "core_fraction", new MesoProfilesTable.Row(run, st, -1, a, (double) c / all, null));
                }
            }
        }
        if (traj != null) {
            for (int st = -1; st < k; st++) {
                for (int a = -1; a < speciesCount; a++) {
                    for (boolean coreOnly : new boolean[] {true, false}) {
                        int[] members = CoreParticles.select(core, first, st, species, a, coreOnly);
                        if (members.length == 0) {
                            continue;
                        }
                        String kind = coreOnly ? "core" : "state";
                        SubsetDiffusion.Estimate e = SubsetDiffusion.diffusion(traj, members);
                        add(out, kind + "_diffusion", new MesoProfilesTable.Row(run, st, -1, a, e.diffusion(),
                                finite(e.error())));
                        if (a < 0) {
                            SubsetDiffusion.Msd m = SubsetDiffusion.msd(traj, members);
                            for (int l = 0; l < m.lag().length; l++) {
                                add(out, kind + "_msd", new MesoProfilesTable.Row(run, st, -1, m.lag()[l], m.msd()[l],
                                        finite(m.error()[l])));
                            }
                        }
                    }
                }
            }
            // the core particles of each domain of the first frame
            int[] domainOf = fr.get(0).domainOf();
            int[] domainState = fr.get(0).domainState();
            int[] coreIn = new int[domainState.length];
            for (int i = 0; i < n; i++) {
                if (core[i]) {
                    coreIn[domainOf[i]]++;
                }
            }
            for (int d = 0; d < domainState.length; d++) {
                if (coreIn[d] < MesoOptions.DOMAIN_DIFFUSION_MIN_CORE) {
                    continue;
                }
                int[] members = new int[coreIn[d]];
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (core[i] && domainOf[i] == d) {
                        members[m++] = i;
                    }
                }
                SubsetDiffusion.Estimate e = SubsetDiffusion.diffusion(traj, members);
                add(out, "domain_diffusion", new MesoProfilesTable.Row(run, domainState[d], firstFrame, d, e.diffusion(),
                        finite(e.error())));
            }
        }
        // domain tracks and their populations
        List<int[]> domainOfs = new ArrayList<>();
        List<int[]> domainStates = new ArrayList<>();
        fr.forEach(f -> {
            domainOfs.add(f.domainOf());
            domainStates.add(f.domainState());
        });
        DomainTracks.Result tracks = DomainTracks.track(domainOfs, domainStates);
        Map<Integer, List<Double>> fluctuationByState = new TreeMap<>();
        int longTracks = 0;
        for (DomainTracks.Track tr : tracks.tracks()) {
            int m = tr.frames();
            double[] sizes = new double[m];
            for (int j = 0; j < m; j++) {
                sizes[j] = fr.get(tr.firstFrame() + j).domainSize()[tr.domains()[j]];
            }
            double mean = java.util.Arrays.stream(sizes).average().orElse(Double.NaN);
            double fluctuation = DomainTracks.populationFluctuation(sizes); // sd / mean
            int start = fr.get(tr.firstFrame()).frame();
            add(out, "domain_population", new MesoProfilesTable.Row(run, tr.state(), start, tr.id(), mean,
                    m > 1 ? fluctuation * mean / Math.sqrt(m) : null));
            if (m >= MesoOptions.FLUCTUATION_MIN_FRAMES) {
                longTracks++;
                add(out, "domain_population_fluctuation", new MesoProfilesTable.Row(run, tr.state(), start, tr.id(),
                        fluctuation, null));
                fluctuationByState.computeIfAbsent(tr.state(), x -> new ArrayList<>()).add(fluctuation);
            }
        }
        fluctuationByState.forEach((st, list) -> {
            int c = list.size();
            double mean = list.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = list.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            add(out, "domain_population_fluctuation", new MesoProfilesTable.Row(run, st, -1, -1, mean,
                    c > 1 ? Math.sqrt(ss / (c - 1) / c) : null));
        });
        int coreCount = 0;
        for (boolean c : core) {
            coreCount += c ? 1 : 0;
        }
        return new RunOut(run, file.toString(), tracks.trackOf(), out, coreCount, n, tracks.tracks().size(), longTracks);
    }

    private static void add(Map<String, List<MesoProfilesTable.Row>> out, String quantity, MesoProfilesTable.Row row) {
        out.computeIfAbsent(quantity, q -> new ArrayList<>()).add(row);
    }

    /** The second pass in one line per temperature: core fraction, D of core and all particles per state, tracks. */
    private void summariseRuns(double t, List<RunOut> runs, PrintStream log) {
        long core = runs.stream().mapToLong(RunOut::coreParticles).sum();
        long all = runs.stream().mapToLong(RunOut::particles).sum();
        StringBuilder d = new StringBuilder();
        for (int st = 0; st < options.k(); st++) {
            int state = st;
            double dc = runs.stream().flatMap(r -> r.profiles().getOrDefault("core_diffusion", List.of()).stream())
                    .filter(r -> r.state() == state && r.x() == -1).mapToDouble(MesoProfilesTable.Row::value).average()
                    .orElse(Double.NaN);
            double da = runs.stream().flatMap(r -> r.profiles().getOrDefault("state_diffusion", List.of()).stream())
                    .filter(r -> r.state() == state && r.x() == -1).mapToDouble(MesoProfilesTable.Row::value).average()
                    .orElse(Double.NaN);
            d.append(String.format(Locale.ROOT, " state %d: %.4g / %.4g;", st, dc, da));
        }
        double fluct = runs.stream().flatMap(r -> r.profiles().getOrDefault("domain_population_fluctuation", List.of())
                .stream()).filter(r -> r.x() >= 0).mapToDouble(MesoProfilesTable.Row::value).average().orElse(Double.NaN);
        log.printf(Locale.ROOT, "  T=%s: core particles (same state in every analysed frame of their run) %.3f of "
                        + "particles; D of core / all particles [sigma^2/tau]:%s %d domain track(s), %d living >= %d "
                        + "frames, mean population std/mean %.3f%n", ParquetTables.partitionValue(t),
                all == 0 ? Double.NaN : (double) core / all, d, runs.stream().mapToInt(RunOut::tracks).sum(),
                runs.stream().mapToInt(RunOut::longTracks).sum(), MesoOptions.FLUCTUATION_MIN_FRAMES, fluct);
    }

    /** Feature names of the set at T (for the histogram quantities), or f1, f2, ... */
    private List<String> featureNames(SparkSession spark, double t) {
        List<Row> r = warehouse.view(spark, DescriptorSetsTable.SCHEMA).where(col("model").equalTo(options.model())
                .and(col("T").equalTo(t)).and(col("descriptor").equalTo(options.descriptor())))
                .select("feature_names").collectAsList();
        return r.isEmpty() ? List.of() : List.of(r.get(0).getString(0).split(","));
    }

    /** The meso_profiles rows: averages over frames (run_id all, frame -1) and per-frame C(r) and lengths. */
    static Map<String, List<MesoProfilesTable.Row>> profiles(List<FrameOut> frames, List<String> names,
                                                             MesoFrame.Settings s) {
        Map<String, List<MesoProfilesTable.Row>> out = new LinkedHashMap<>();
        int nf = frames.size();
        FrameOut first = frames.get(0);
        int k = s.states();
        int bins = first.r().length;
        // g(r) per state and total: mean and standard error over frames
        for (int st = -1; st < k; st++) {
            double[] sum = new double[bins];
            double[] sum2 = new double[bins];
            for (FrameOut f : frames) {
                double[] g = st < 0 ? f.gTotal() : f.gState()[st];
                for (int b = 0; b < bins; b++) {
                    sum[b] += g[b];
                    sum2[b] += g[b] * g[b];
                }
            }
            for (int b = 0; b < bins; b++) {
                double m = sum[b] / nf;
                Double err = nf > 1 ? Math.sqrt(Math.max(0, (sum2[b] / nf - m * m) / (nf - 1))) : null;
                out.computeIfAbsent(st < 0 ? "g_r_total" : "g_r", q -> new ArrayList<>()).add(
                        new MesoProfilesTable.Row("all", st, -1, first.r()[b], m, err));
            }
        }
        // fraction of each species in each state, and its fluctuation over frames
        int species = first.speciesInState().length;
        for (int st = 0; st < k; st++) {
            for (int a = -1; a < species; a++) {
                double sum = 0;
                double sum2 = 0;
                for (FrameOut f : frames) {
                    long in = 0;
                    long all = 0;
                    for (int b = 0; b < species; b++) {
                        if (a < 0 || a == b) {
                            in += f.speciesInState()[b][st];
                            for (int s2 = 0; s2 < k; s2++) {
                                all += f.speciesInState()[b][s2];
                            }
                        }
                    }
                    double frac = all == 0 ? 0 : (double) in / all;
                    sum += frac;
                    sum2 += frac * frac;
                }
                double m = sum / nf;
                double sd = nf > 1 ? Math.sqrt(Math.max(0, (sum2 / nf - m * m) * nf / (nf - 1))) : Double.NaN;
                out.computeIfAbsent("fraction", q -> new ArrayList<>()).add(new MesoProfilesTable.Row("all", st, -1, a, m,
                        nf > 1 ? sd / Math.sqrt(nf) : null));
                if (a < 0 && nf > 1) {
                    out.computeIfAbsent("population_fluctuation", q -> new ArrayList<>()).add(
                            new MesoProfilesTable.Row("all", st, -1, -1, sd, null));
                }
            }
        }
        // feature histograms per state, densities normalised over all states
        if (first.histograms() != null && s.featureAxes() != null) {
            for (int f = 0; f < s.featureAxes().length; f++) {
                BinAxis axis = s.featureAxes()[f];
                long[][] total = new long[k][axis.bins()];
                long all = 0;
                for (FrameOut fr : frames) {
                    for (int st = 0; st < k; st++) {
                        for (int b = 0; b < axis.bins(); b++) {
                            total[st][b] += fr.histograms()[f][st][b];
                            all += fr.histograms()[f][st][b];
                        }
                    }
                }
                String q = "hist_" + (f < names.size() ? names.get(f) : "f" + (f + 1)).replaceAll("[^A-Za-z0-9_.-]", "_");
                for (int st = 0; st < k; st++) {
                    for (int b = 0; b < axis.bins(); b++) {
                        out.computeIfAbsent(q, x -> new ArrayList<>()).add(new MesoProfilesTable.Row("all", st, -1,
                                axis.centre(b), all == 0 ? 0 : total[st][b] / (all * axis.width()), null));
                    }
                }
            }
        }
        // density and pressure profiles about the largest compact domain, averaged over the frames that have one
        List<FrameOut> withProfile = frames.stream().filter(f -> f.profile() != null).toList();
        if (!withProfile.isEmpty()) {
            String[] names2 = {"density_profile", "p_normal", "p_tangential", "equilibrium_residual"};
            int pb = withProfile.get(0).profile().r().length;
            for (int q = 0; q < names2.length; q++) {
                for (int b = 0; b < pb; b++) {
                    double sum = 0;
                    double sum2 = 0;
                    for (FrameOut f : withProfile) {
                        glassworks.md.meso.PressureProfile.Result p = f.profile();
                        double v = switch (q) {
                            case 0 -> p.density()[b];
                            case 1 -> p.normal()[b];
                            case 2 -> p.tangential()[b];
                            default -> p.equilibriumResidual()[b];
                        };
                        sum += v;
                        sum2 += v * v;
                    }
                    int m = withProfile.size();
                    double mean = sum / m;
                    Double err = m > 1 ? Math.sqrt(Math.max(0, (sum2 / m - mean * mean) / (m - 1))) : null;
                    // state = the state of the centre domain in the first frame that has one
                    out.computeIfAbsent(names2[q], x -> new ArrayList<>()).add(new MesoProfilesTable.Row("all",
                            withProfile.get(0).profileState(), -1, withProfile.get(0).profile().r()[b], mean, err));
                }
            }
        }
        // per frame: C(r) of the state field and the domain length
        for (FrameOut f : frames) {
            for (int b = 0; b < f.correlationR().length; b++) {
                if (Double.isFinite(f.correlation()[b])) {
                    out.computeIfAbsent("c_r", q -> new ArrayList<>()).add(new MesoProfilesTable.Row(f.run(), -1,
                            f.frame(), f.correlationR()[b], f.correlation()[b], null));
                }
            }
            for (int b = 0; b < f.correlationR().length; b++) {
                if (Double.isFinite(f.kmeansCorrelation()[b])) {
                    out.computeIfAbsent("c_r_kmeans", q -> new ArrayList<>()).add(new MesoProfilesTable.Row(f.run(), -1,
                            f.frame(), f.correlationR()[b], f.kmeansCorrelation()[b], null));
                }
            }
            if (Double.isFinite(f.kmeansLength())) {
                out.computeIfAbsent("domain_length_kmeans", q -> new ArrayList<>()).add(new MesoProfilesTable.Row(
                        f.run(), -1, f.frame(), f.time(), f.kmeansLength(), null));
            }
            if (Double.isFinite(f.domainLength())) {
                out.computeIfAbsent("domain_length", q -> new ArrayList<>()).add(new MesoProfilesTable.Row(f.run(), -1,
                        f.frame(), f.time(), f.domainLength(), null));
            }
        }
        return out;
    }

    private void summarise(double t, List<FrameOut> frames, PrintStream log) {
        int k = options.k();
        double[] iterations = frames.stream().mapToDouble(f -> f.iterations().size()).toArray();
        long converged = frames.stream().filter(f -> !f.iterations().isEmpty()
                && f.iterations().get(f.iterations().size() - 1).converged()).count();
        StringBuilder states = new StringBuilder();
        for (int st = 0; st < k; st++) {
            long a = 0;
            long b = 0;
            long all = 0;
            for (FrameOut f : frames) {
                a += f.speciesInState()[0][st];
                b += f.speciesInState().length > 1 ? f.speciesInState()[1][st] : 0;
                for (long[] row : f.speciesInState()) {
                    all += row[st];
                }
            }
            long total = frames.stream().mapToLong(f -> java.util.Arrays.stream(f.speciesInState())
                    .mapToLong(row -> java.util.Arrays.stream(row).sum()).sum()).sum();
            states.append(String.format(Locale.ROOT, " state %d: %.3f of particles, A/B = %.2f;", st,
                    (double) all / total, b == 0 ? Double.NaN : (double) a / b));
        }
        log.printf(Locale.ROOT, "  T=%s: %d frame(s) classified, co-learning converged in %d (mean %.1f iterations);%s%n",
                ParquetTables.partitionValue(t), frames.size(), converged,
                java.util.Arrays.stream(iterations).average().orElse(Double.NaN), states);
        // a state emptied by the loop: the K-means states gave real space nothing to separate (e.g. both percolate)
        long collapsed = frames.stream().filter(f -> {
            long[] perState = new long[k];
            for (long[] row : f.speciesInState()) {
                for (int st = 0; st < k; st++) {
                    perState[st] += row[st];
                }
            }
            return java.util.Arrays.stream(perState).anyMatch(c -> c == 0);
        }).count();
        if (collapsed > 0) {
            double spanning = frames.stream().filter(f -> f.iterations().size() > 0).mapToDouble(f ->
                    f.domains().stream().filter(DomainsTable.Row::spansBox).count()).average().orElse(Double.NaN);
            log.printf(Locale.ROOT, "  T=%s: co-learning left a state empty in %d of %d frame(s) (%.1f spanning "
                            + "domain(s) per frame): the K-means states did not form compact nano-domains, so the "
                            + "real-space step merged them; see meso_profiles c_r_kmeans for their spatial correlation%n",
                    ParquetTables.partitionValue(t), collapsed, frames.size(), spanning);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
