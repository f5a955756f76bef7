package glassworks.spark;

import glassworks.md.FrameView;
import glassworks.md.io.FramesFileReader;
import glassworks.md.io.ParquetTables;
import glassworks.md.io.RowFileWriter;
import glassworks.md.meso.CoLearning;
import glassworks.md.meso.MesoFrame;
import glassworks.md.meso.PeriodicDomains;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *       {@code meso_iterations}, {@code meso_profiles}).</li>
 * </ol>
 * The frame's positions come from the frames table in the task that classifies it. A failure leaves the tables as they
 * were.
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
        List<Double> ts = new ArrayList<>();
        Path base = warehouse.partition(DescriptorsTable.SCHEMA, options.model());
        if (options.temperatures().isEmpty()) {
            for (String v : warehouse.childPartitionValues(base, DescriptorsTable.T)) {
                if (warehouse.exists(warehouse.partition(DescriptorsTable.SCHEMA, options.model(), Double.parseDouble(v),
                        options.descriptor()))) {
                    ts.add(Double.parseDouble(v));
                }
            }
            if (ts.isEmpty()) {
                throw new IllegalArgumentException("no descriptors '" + options.descriptor() + "' of model "
                        + options.model() + " in " + warehouse.root() + "; run `glassworks descriptors --family wcn-avg` "
                        + "first (or name the set with --descriptor)");
            }
        } else {
            for (double t : options.temperatures()) {
                if (!warehouse.exists(warehouse.partition(DescriptorsTable.SCHEMA, options.model(), t,
                        options.descriptor()))) {
                    throw new IllegalArgumentException("no descriptors '" + options.descriptor() + "' of model "
                            + options.model() + " at T = " + ParquetTables.partitionValue(t) + "; run `glassworks "
                            + "descriptors` there first, or drop that temperature");
                }
                ts.add(t);
            }
        }
        ts.sort(null);
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

    /** What one frame gives back to the driver (its meso_states rows are written by the task). */
    record FrameOut(String run, int frame, double time, List<DomainsTable.Row> domains,
                    List<MesoIterationsTable.Row> iterations, double[] r, double[][] gState, double[] gTotal,
                    long[][] speciesInState, long[][][] histograms, double[] correlationR, double[] correlation,
                    double domainLength, double[] kmeansCorrelation, double kmeansLength, int profileState,
                    glassworks.md.meso.PressureProfile.Result profile)
            implements Serializable {
    }

    /** One task's output: its meso_states file and its frames. */
    record PartOut(String file, List<FrameOut> frames) implements Serializable {
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

        // 5. the tables
        Path statesDir = new Path(new Path(warehouse.staging(jobId), MesoStatesTable.NAME), tv);
        List<FrameOut> frames = new ArrayList<>();
        try {
            for (PartOut p : parts) {
                if (p.file() != null) {
                    warehouse.rename(new Path(p.file()), new Path(statesDir, "part-" + frames.size() + ".parquet"));
                }
                frames.addAll(p.frames());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        frames.sort(Comparator.comparing(FrameOut::run).thenComparingInt(FrameOut::frame));
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
        frames.forEach(f -> {
            domains.addAll(f.domains());
            iterations.addAll(f.iterations());
        });
        commit.mergePartition(DomainsTable.SCHEMA, warehouse.partition(DomainsTable.SCHEMA, options.model(), t), domains,
                old -> false, DomainsTable.Row::of, Comparator.comparing(DomainsTable.Row::runId)
                        .thenComparingInt(DomainsTable.Row::frame).thenComparingInt(DomainsTable.Row::domain));
        commit.mergePartition(MesoIterationsTable.SCHEMA, warehouse.partition(MesoIterationsTable.SCHEMA, options.model(),
                t), iterations, old -> false, MesoIterationsTable.Row::of, Comparator.comparing(
                MesoIterationsTable.Row::runId).thenComparingInt(MesoIterationsTable.Row::frame)
                .thenComparingInt(MesoIterationsTable.Row::iteration));
        Map<String, List<MesoProfilesTable.Row>> profiles = profiles(frames, featureNames(spark, t), settings.frame());
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
                out.add(classifyFrame(key[0], Integer.parseInt(key[1]), e.getValue(), s, w));
            }
        }
        return new PartOut(file.toString(), out);
    }

    private static FrameOut classifyFrame(String run, int frame, Iterable<Row> rows, TaskSettings s,
                                          RowFileWriter<MesoStatesTable.Row> w) throws IOException {
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
            w.write(new MesoStatesTable.Row(run, frame, i, species[i], kmeans[i], res.labels()[i], res.domainOf()[i],
                    pcs[i]));
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
            domains.add(new DomainsTable.Row(run, frame, f.time(), d, dom.state(), dom.size(), counts, c[0], c[1],
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
        return new FrameOut(run, frame, f.time(), domains, its, res.r(), res.gState(), res.gTotal(),
                res.speciesInState(), res.featureHistograms(), res.correlationR(), res.correlation(), res.domainLength(),
                res.kmeansCorrelation(), res.kmeansLength(), res.profileDomain() < 0 ? -1 : res.domains().get(res.profileDomain()).state(), res.profile());
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
