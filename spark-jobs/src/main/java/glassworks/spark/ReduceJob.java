package glassworks.spark;

import glassworks.md.PairModel;
import glassworks.md.io.ParquetTables;
import glassworks.md.io.TableFiles;
import glassworks.md.stats.BinAxis;
import glassworks.md.stats.Correlation;
import glassworks.md.stats.CovarianceAccumulator;
import glassworks.md.stats.DipResult;
import glassworks.md.stats.DipTest;
import glassworks.md.stats.PearsonResult;
import glassworks.schema.tables.DescriptorSetsTable;
import glassworks.schema.tables.DescriptorsTable;
import glassworks.schema.tables.LabelsTable;
import glassworks.schema.tables.PcMapsTable;
import glassworks.schema.tables.PcStatisticsTable;
import glassworks.schema.tables.PcaTable;
import glassworks.schema.tables.PropensityRegressionTable;
import glassworks.schema.tables.RunsTable;
import glassworks.spark.ml.Unsupervised;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;

/**
 * {@code glassworks reduce}: seed 002's dimensionality reduction of local structure, per temperature and species group.
 * <ol>
 *   <li>MLlib PCA of the descriptor vectors (centred, or z-scored with --standardise) pooled over every selected
 *   frame; the explained-variance spectrum of up to {@value ReduceOptions#EVR_COMPONENTS} components and the loadings
 *   go to the pca table.</li>
 *   <li>One Spark pass over the projected rows fills the maps (joint density of PC1 and PC2 with the mean of each local
 *   measure per bin, marginals of each analysed PC) and the co-moments of (PCs, features, measures), from which every
 *   Pearson r of a PC or a feature with z and u follows (pc_statistics, with t-test p-values and Fisher intervals).</li>
 *   <li>Hartigan's dip test of each analysed PC's marginal on a seeded subsample (pc_statistics).</li>
 *   <li>Where isoconfigurational labels exist (labels.label, e.g. propensity_msd from {@code glassworks dynamics
 *   --iso-times}), a second pass gathers the co-moments of (PCs, features, measures, label) per time t and fits the
 *   label by least squares on single PCs, the first P PCs, the full descriptor and the measures
 *   (propensity_regression).</li>
 * </ol>
 * The numerics (co-moments, least squares, dip test, Fisher intervals) are md-kernel's; this class only moves rows.
 * Isoconfigurational replicas are left out of the PCA unless named with --runs (their frames repeat the parent's
 * structure). A failure leaves the tables as they were.
 */
public final class ReduceJob {
    /** The key joining descriptor rows to measure and label rows of the same particle in the same frame. */
    private static final scala.collection.immutable.Seq<String> PARTICLE_KEY = scala.jdk.javaapi.CollectionConverters
            .asScala(List.of("run_id", "frame", "particle")).toSeq();

    private final ReduceOptions options;
    private final Warehouse warehouse;

    public ReduceJob(ReduceOptions options, Warehouse warehouse) {
        this.options = options;
        this.warehouse = warehouse;
    }

    /** Temperatures with the descriptor set (the requested ones, checked), before Spark starts. */
    public List<Double> validate() {
        options.validate();
        List<Double> ts = DescriptorSelection.temperatures(warehouse, options.model(), options.descriptor(),
                options.temperatures());
        for (double t : ts) {
            if (!options.overwrite() && warehouse.exists(warehouse.partition(PcaTable.SCHEMA, options.model(), t,
                    options.analysisName()))) {
                throw new IllegalArgumentException("analysis " + options.analysisName() + " of " + options.model()
                        + " at T = " + ParquetTables.partitionValue(t) + " exists; pass --overwrite to replace it, or "
                        + "name another with --analysis");
            }
        }
        return ts;
    }

    private Path descriptorPartition(double t, String set) {
        return warehouse.partition(DescriptorsTable.SCHEMA, options.model(), t, set);
    }

    public void run(SparkSession spark, PrintStream log) {
        List<Double> temperatures = validate();
        warehouse.registerViews(spark);
        String jobId = "reduce-" + UUID.randomUUID();
        Commit commit = new Commit(warehouse, jobId);
        try {
            for (double t : temperatures) {
                temperature(spark, t, commit, log);
            }
            commit.apply();
        } catch (RuntimeException e) {
            commit.abandon();
            throw e;
        }
    }

    /** A species group: its name and the species index it selects (-1 for every particle). */
    record Group(String name, int species) implements Serializable {
    }

    private void temperature(SparkSession spark, double t, Commit commit, PrintStream log) {
        String tv = ParquetTables.partitionValue(t);
        Dataset<Row> rows = thermal(spark, t, options.descriptor());
        Set<String> replicas = replicaRuns(t);
        if (options.runs().isEmpty() && !replicas.isEmpty()) {
            rows = rows.where(col("run_id").isin(replicas.toArray()).unary_$bang());
        } else if (!options.runs().isEmpty()) {
            rows = rows.where(col("run_id").isin(options.runs().toArray()));
        }
        rows = rows.select("run_id", "frame", "particle", "species", "features").persist();
        List<String> features = featureNames(spark, t, options.descriptor());
        List<String> measureNames = List.of();
        Dataset<Row> measures = null;
        if (options.wantsMeasures()) {
            if (warehouse.exists(descriptorPartition(t, options.measures()))) {
                measureNames = featureNames(spark, t, options.measures());
                measures = thermal(spark, t, options.measures())
                        .select(col("run_id"), col("frame"), col("particle"), col("features").as("measures"));
            } else {
                log.printf(Locale.ROOT, "  T=%s: no '%s' descriptors, so no correlations with local measures (run "
                        + "`glassworks descriptors --family zu` for z and u, or pass --measures none)%n", tv,
                        options.measures());
            }
        }
        Dataset<Row> labels = null;
        if (options.wantsLabel()) {
            if (warehouse.exists(warehouse.partition(LabelsTable.SCHEMA, options.model(), t, options.label()))) {
                labels = warehouse.view(spark, LabelsTable.SCHEMA).where(col("model").equalTo(options.model())
                                .and(col("T").equalTo(t)).and(col("label").equalTo(options.label())))
                        .select("run_id", "frame", "particle", "span", "value");
            } else {
                log.printf(Locale.ROOT, "  T=%s: no '%s' labels, so no regression (make them with `glassworks dynamics "
                        + "--iso-times ...` on isoconfigurational replicas, or pass --label none)%n", tv, options.label());
            }
        }
        List<Group> groups = groups(rows, speciesNames(t, rows));
        List<PcaTable.Row> pcaRows = new ArrayList<>();
        List<PcStatisticsTable.Row> statRows = new ArrayList<>();
        List<PcMapsTable.Row> mapRows = new ArrayList<>();
        List<PropensityRegressionTable.Row> regRows = new ArrayList<>();
        for (Group g : groups) {
            Dataset<Row> gr = g.species() < 0 ? rows : rows.where(col("species").equalTo(g.species()));
            group(t, g, gr, features, measures, measureNames, labels, pcaRows, statRows, mapRows, regRows, log);
        }
        rows.unpersist();
        String a = options.analysisName();
        commit.mergePartition(PcaTable.SCHEMA, warehouse.partition(PcaTable.SCHEMA, options.model(), t, a), pcaRows,
                old -> false, PcaTable.Row::of, Comparator.comparing(PcaTable.Row::speciesGroup)
                        .thenComparingInt(PcaTable.Row::component));
        commit.mergePartition(PcStatisticsTable.SCHEMA, warehouse.partition(PcStatisticsTable.SCHEMA, options.model(), t,
                a), statRows, old -> false, PcStatisticsTable.Row::of, Comparator.comparing(
                PcStatisticsTable.Row::speciesGroup).thenComparing(PcStatisticsTable.Row::statistic)
                .thenComparingInt(PcStatisticsTable.Row::component).thenComparing(PcStatisticsTable.Row::variable)
                .thenComparing(PcStatisticsTable.Row::against));
        commit.mergePartition(PcMapsTable.SCHEMA, warehouse.partition(PcMapsTable.SCHEMA, options.model(), t, a), mapRows,
                old -> false, PcMapsTable.Row::of, Comparator.comparing(PcMapsTable.Row::speciesGroup)
                        .thenComparingInt(PcMapsTable.Row::componentX).thenComparingInt(PcMapsTable.Row::componentY)
                        .thenComparingDouble(PcMapsTable.Row::x).thenComparingDouble(PcMapsTable.Row::y));
        Path regPartition = warehouse.partition(PropensityRegressionTable.SCHEMA, options.model(), t, a);
        if (!regRows.isEmpty()) {
            commit.mergePartition(PropensityRegressionTable.SCHEMA, regPartition, regRows, old -> false,
                    PropensityRegressionTable.Row::of, Comparator.comparing(PropensityRegressionTable.Row::speciesGroup)
                            .thenComparing(PropensityRegressionTable.Row::label)
                            .thenComparing(PropensityRegressionTable.Row::featureSet)
                            .thenComparingDouble(PropensityRegressionTable.Row::span));
        } else if (warehouse.exists(regPartition)) {
            commit.removeDirectory(PropensityRegressionTable.SCHEMA, regPartition); // a rerun without labels
        }
    }

    /** Thermal descriptor rows of one set at T. */
    private Dataset<Row> thermal(SparkSession spark, double t, String set) {
        return warehouse.view(spark, DescriptorsTable.SCHEMA).where(col("model").equalTo(options.model())
                .and(col("T").equalTo(t)).and(col("descriptor").equalTo(set)).and(col("source").equalTo("thermal")));
    }

    /** Runs at T that are isoconfigurational replicas (runs.parent_run set). */
    private Set<String> replicaRuns(double t) {
        Set<String> out = new HashSet<>();
        for (Path f : warehouse.dataFiles(warehouse.partition(RunsTable.SCHEMA, options.model(), t))) {
            try {
                for (RunsTable.Row r : TableFiles.readRows(RunsTable.SCHEMA, f, Warehouse.conf(), RunsTable.Row::of)) {
                    if (r.parentRun() != null) {
                        out.add(r.runId());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return out;
    }

    /** The model's species names, from the runs table's model of one described run (or the preset). */
    private List<String> speciesNames(double t, Dataset<Row> rows) {
        List<Row> one = rows.select("run_id").limit(1).collectAsList();
        if (one.isEmpty()) {
            throw new IllegalArgumentException("no thermal descriptors '" + options.descriptor() + "' at T = "
                    + ParquetTables.partitionValue(t) + " for the selected runs (isoconfigurational replicas are left "
                    + "out unless named with --runs); check --runs");
        }
        String run = one.get(0).getString(0);
        RunSelection sel = new RunSelection(warehouse, options.model(), List.of(t), List.of(run), "reduce");
        Map<Double, List<String>> selection = Map.of(t, List.of(run));
        PairModel m = sel.models(selection).get(run);
        return m.speciesNames();
    }

    /** The species groups asked for, checked against the model and the data. */
    private List<Group> groups(Dataset<Row> rows, List<String> names) {
        List<Group> out = new ArrayList<>();
        if (options.species().isEmpty()) {
            List<Integer> present = rows.select("species").distinct().orderBy("species")
                    .as(org.apache.spark.sql.Encoders.INT()).collectAsList();
            for (int s : present) {
                out.add(new Group(s < names.size() ? names.get(s) : "species" + s, s));
            }
            return out;
        }
        for (String s : options.species()) {
            if (s.equals(ReduceOptions.ALL)) {
                out.add(new Group(ReduceOptions.ALL, -1));
            } else if (names.contains(s)) {
                out.add(new Group(s, names.indexOf(s)));
            } else {
                throw new IllegalArgumentException("--species " + s + " is not a species of " + options.model() + " "
                        + names + "; name species or all");
            }
        }
        return out;
    }

    private List<String> featureNames(SparkSession spark, double t, String set) {
        List<Row> r = warehouse.view(spark, DescriptorSetsTable.SCHEMA).where(col("model").equalTo(options.model())
                .and(col("T").equalTo(t)).and(col("descriptor").equalTo(set))).select("feature_names").collectAsList();
        return r.isEmpty() ? List.of() : List.of(r.get(0).getString(0).split(","));
    }

    /** Every output of one species group at one temperature. */
    private void group(double t, Group g, Dataset<Row> gr, List<String> featureNames, Dataset<Row> measures,
                       List<String> measureNames, Dataset<Row> labels, List<PcaTable.Row> pcaRows,
                       List<PcStatisticsTable.Row> statRows, List<PcMapsTable.Row> mapRows,
                       List<PropensityRegressionTable.Row> regRows, PrintStream log) {
        String tv = ParquetTables.partitionValue(t);
        long n = gr.count();
        if (n < 4) {
            throw new IllegalArgumentException("species group " + g.name() + " at T = " + tv + " has " + n
                    + " descriptor row(s); PCA and the dip test need at least 4 (describe more frames)");
        }
        // 1. PCA: the spectrum of up to EVR_COMPONENTS components; the first `components` are analysed
        Unsupervised.Pca pca = Unsupervised.pca(gr, "features", 1.0, ReduceOptions.EVR_COMPONENTS,
                options.standardise());
        int d = pca.dimension();
        int nc = Math.min(options.components(), pca.computed());
        List<String> names = featureNames.size() == d ? featureNames : defaultNames(d);
        // the trace of the covariance matrix, from the scaler pass the PCA already made (sample variances, as MLlib's PCA)
        double totalVariance = Arrays.stream(pca.scaler().std().toArray()).map(sd -> sd * sd).sum();
        double[][] loadings = pca.loadings();
        double[] evr = pca.explainedVarianceRatio();
        double[] cum = pca.cumulative();
        for (int c = 0; c < evr.length; c++) {
            double[] loading = new double[d];
            for (int f = 0; f < d; f++) {
                loading[f] = loadings[f][c];
            }
            // standardised: eigenvalues of the correlation matrix, whose trace is d
            double eigen = evr[c] * (options.standardise() ? d : totalVariance);
            pcaRows.add(new PcaTable.Row(options.descriptor(), g.name(), c + 1, eigen, evr[c], cum[c], c < nc, loading,
                    pca.mean(), n));
        }
        Dataset<Row> pcs = pca.transform(gr, "features", "pc", nc);
        int m = measureNames.size();
        if (measures != null) {
            pcs = pcs.join(measures, PARTICLE_KEY, "left");
        }
        pcs = pcs.persist();
        // 2. maps and co-moments in one pass (ranges first)
        Row range = pcs.select(Summarizer.metrics("min", "max").summary(col("pc")).as("s")).select("s.min", "s.max")
                .first();
        BinAxis[] axes = new BinAxis[nc];
        double[] lo = ((Vector) range.get(0)).toArray();
        double[] hi = ((Vector) range.get(1)).toArray();
        for (int j = 0; j < nc; j++) {
            axes[j] = new BinAxis(lo[j], hi[j] > lo[j] ? hi[j] : lo[j] + 1, options.bins());
        }
        boolean withMeasures = measures != null;
        MapPass pass = pcs.select(col("pc"), col("features"), withMeasures ? col("measures")
                        : org.apache.spark.sql.functions.lit(null).as("measures")).javaRDD()
                .treeAggregate(new MapPass(axes, d, m), MapPass::add, MapPass::merge);
        mapRows.addAll(pass.rows(options.descriptor(), g.name(), n));
        CovarianceAccumulator cov = pass.moments;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  T=%s %s: %d rows of %s (%d features); "
                + "explained variance PC1 %.3f, PC2 %.3f (cumulative %.3f)", tv, g.name(), n, options.descriptor(), d,
                evr[0], evr.length > 1 ? evr[1] : Double.NaN, cum[Math.min(1, cum.length - 1)]));
        if (withMeasures) {
            if (pass.missingMeasures > 0) {
                log.printf(Locale.ROOT, "  T=%s %s: %d row(s) have no '%s' values; correlations use the other %d%n", tv,
                        g.name(), pass.missingMeasures, options.measures(), cov.count());
            }
            for (int q = 0; q < m && cov.count() >= 2; q++) {
                int mq = nc + d + q;
                for (int j = 0; j < nc; j++) {
                    statRows.add(pearsonRow(g, "PC" + (j + 1), j + 1, measureNames.get(q), cov.correlation(j, mq),
                            cov.count()));
                }
                for (int f = 0; f < d; f++) {
                    statRows.add(pearsonRow(g, names.get(f), 0, measureNames.get(q), cov.correlation(nc + f, mq),
                            cov.count()));
                }
                line.append(String.format(Locale.ROOT, "; r(PC1, %s) = %.3f", measureNames.get(q),
                        cov.correlation(0, mq)));
            }
        }
        // 3. dip tests on a seeded subsample
        double fraction = Math.min(1.0, (double) options.dipRows() / n);
        List<Row> sample = (fraction < 1 ? pcs.sample(false, fraction, options.seed()) : pcs).select("pc").collectAsList();
        for (int j = 0; j < nc; j++) {
            double[] x = new double[sample.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = ((Vector) sample.get(i).get(0)).apply(j);
            }
            DipResult dip = DipTest.test(x);
            statRows.add(new PcStatisticsTable.Row(options.descriptor(), g.name(), "PC" + (j + 1), j + 1, "dip", "",
                    dip.dip(), null, null, finite(dip.pValue()), (long) dip.n()));
            if (j == 0) {
                line.append(String.format(Locale.ROOT, "; dip test of PC1 D = %.4f, p = %.3g (%s)", dip.dip(),
                        dip.pValue(), dip.pValue() < 0.05 ? "not unimodal" : "unimodal"));
            }
        }
        log.println(line);
        // 4. regressions of the label per time
        if (labels != null) {
            regressions(t, g, pcs, labels, nc, d, m, withMeasures, names, measureNames, regRows, log);
        }
        pcs.unpersist();
    }

    private void regressions(double t, Group g, Dataset<Row> pcs, Dataset<Row> labels, int nc, int d, int m,
                             boolean withMeasures, List<String> names, List<String> measureNames,
                             List<PropensityRegressionTable.Row> regRows, PrintStream log) {
        String tv = ParquetTables.partitionValue(t);
        Dataset<Row> joined = pcs.join(labels, PARTICLE_KEY, "inner");
        if (withMeasures) {
            joined = joined.where(col("measures").isNotNull());
        }
        int dim = nc + d + (withMeasures ? m : 0) + 1;
        JavaPairRDD<Double, double[]> byTime = joined.select(col("span"), col("pc"), col("features"),
                        withMeasures ? col("measures") : org.apache.spark.sql.functions.lit(null).as("measures"),
                        col("value")).javaRDD()
                .mapToPair(r -> {
                    double[] v = new double[dim];
                    int k = 0;
                    for (double x : ((Vector) r.get(1)).toArray()) {
                        v[k++] = x;
                    }
                    for (double x : ((Vector) r.get(2)).toArray()) {
                        v[k++] = x;
                    }
                    if (!r.isNullAt(3)) {
                        for (double x : ((Vector) r.get(3)).toArray()) {
                            v[k++] = x;
                        }
                    }
                    v[dim - 1] = r.getDouble(4);
                    return new Tuple2<>(r.getDouble(0), v);
                });
        TreeMap<Double, CovarianceAccumulator> moments = new TreeMap<>(byTime.aggregateByKey(new CovarianceAccumulator(dim),
                CovarianceAccumulator::add, CovarianceAccumulator::merge).collectAsMap());
        if (moments.isEmpty()) {
            log.printf(Locale.ROOT, "  T=%s %s: no '%s' label rows match the described particles (labels belong to the "
                    + "parent run's frame: describe that frame)%n", tv, g.name(), options.label());
            return;
        }
        int y = dim - 1;
        int[] pcr = range(0, options.regressPcs());
        int[] full = range(nc, nc + d);
        int[] meas = withMeasures && m > 0 ? range(nc + d, nc + d + m) : new int[0];
        List<String> pcNames = new ArrayList<>();
        for (int j = 0; j < nc; j++) {
            pcNames.add("PC" + (j + 1));
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  T=%s %s: %s regressed at %d time(s)", tv,
                g.name(), options.label(), moments.size()));
        for (Map.Entry<Double, CovarianceAccumulator> e : moments.entrySet()) {
            double span = e.getKey();
            CovarianceAccumulator acc = e.getValue();
            for (int j = 0; j < nc; j++) {
                CovarianceAccumulator.LinearFit f = acc.regress(new int[] {j}, y);
                regRows.add(regRow(g, span, "PC" + (j + 1), List.of(pcNames.get(j)), f, acc.correlation(j, y)));
            }
            regRows.add(regRow(g, span, "pcr" + pcr.length, pcNames.subList(0, pcr.length), acc.regress(pcr, y), null));
            regRows.add(regRow(g, span, "full", names, acc.regress(full, y), null));
            if (meas.length > 0) {
                regRows.add(regRow(g, span, "measures", measureNames, acc.regress(meas, y), null));
            }
        }
        Map.Entry<Double, CovarianceAccumulator> last = moments.lastEntry();
        CovarianceAccumulator acc = last.getValue();
        line.append(String.format(Locale.ROOT, "; at t = %s (%d rows): r(PC1) = %.3f, R(pcr%d) = %.3f, R(full) = %.3f",
                last.getKey(), acc.count(), acc.correlation(0, y), pcr.length, acc.regress(pcr, y).pearsonR(),
                acc.regress(full, y).pearsonR()));
        if (meas.length > 0) {
            line.append(String.format(Locale.ROOT, ", R(measures) = %.3f", acc.regress(meas, y).pearsonR()));
        }
        log.println(line);
    }

    private PropensityRegressionTable.Row regRow(Group g, double span, String set, List<String> variables,
                                                 CovarianceAccumulator.LinearFit f, Double signedR) {
        double r = signedR != null ? signedR : f.pearsonR();
        return new PropensityRegressionTable.Row(options.descriptor(), g.name(), options.label(), span, set,
                String.join(",", variables), f.rows(), f.rank(), r, f.r2(), finite(f.r2Adjusted()), f.intercept(),
                f.coefficients());
    }

    private PcStatisticsTable.Row pearsonRow(Group g, String variable, int component, String against, double r, long n) {
        PearsonResult p = Correlation.ofCoefficient(r, n, 0, Correlation.DEFAULT_CONFIDENCE);
        return new PcStatisticsTable.Row(options.descriptor(), g.name(), variable, component, "pearson", against,
                p.r(), finite(p.ciLower()), finite(p.ciUpper()), finite(p.pValue()), n);
    }

    private static List<String> defaultNames(int d) {
        List<String> out = new ArrayList<>();
        for (int f = 0; f < d; f++) {
            out.add("f" + f);
        }
        return out;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * The one-pass aggregate of a species group's projected rows: the marginal histogram of each analysed PC, the
     * joint histogram of PC1 and PC2 with per-bin sums of each local measure, and the co-moments of (PCs, features,
     * measures) over the rows that have measures.
     */
    static final class MapPass implements Serializable {
        private static final long serialVersionUID = 1L;
        final BinAxis[] axes;
        final int measures;
        final long[][] marginal;
        final long[] joint;
        final double[] jointMeasureSums;
        final CovarianceAccumulator moments;
        long missingMeasures;

        MapPass(BinAxis[] axes, int features, int measures) {
            this.axes = axes;
            this.measures = measures;
            int b = axes[0].bins();
            marginal = new long[axes.length][b];
            joint = axes.length > 1 ? new long[b * b] : new long[0];
            jointMeasureSums = axes.length > 1 ? new double[b * b * measures] : new double[0];
            moments = new CovarianceAccumulator(axes.length + features + measures);
        }

        MapPass add(Row r) {
            double[] pc = ((Vector) r.get(0)).toArray();
            for (int j = 0; j < axes.length; j++) {
                int k = axes[j].index(pc[j]);
                if (k >= 0) {
                    marginal[j][k]++;
                }
            }
            double[] meas = r.isNullAt(2) ? null : ((Vector) r.get(2)).toArray();
            int cell = -1;
            if (axes.length > 1) {
                int ix = axes[0].index(pc[0]);
                int iy = axes[1].index(pc[1]);
                if (ix >= 0 && iy >= 0) {
                    cell = ix * axes[1].bins() + iy;
                    joint[cell]++;
                }
            }
            if (measures > 0 && meas == null) {
                missingMeasures++;
                return this;
            }
            if (cell >= 0) {
                for (int q = 0; q < measures; q++) {
                    jointMeasureSums[cell * measures + q] += meas[q];
                }
            }
            double[] features = ((Vector) r.get(1)).toArray();
            double[] v = new double[moments.dimension()];
            System.arraycopy(pc, 0, v, 0, pc.length);
            System.arraycopy(features, 0, v, pc.length, features.length);
            for (int q = 0; q < measures; q++) {
                v[pc.length + features.length + q] = meas[q];
            }
            moments.add(v);
            return this;
        }

        MapPass merge(MapPass o) {
            for (int j = 0; j < marginal.length; j++) {
                for (int k = 0; k < marginal[j].length; k++) {
                    marginal[j][k] += o.marginal[j][k];
                }
            }
            for (int c = 0; c < joint.length; c++) {
                joint[c] += o.joint[c];
            }
            for (int c = 0; c < jointMeasureSums.length; c++) {
                jointMeasureSums[c] += o.jointMeasureSums[c];
            }
            moments.merge(o.moments);
            missingMeasures += o.missingMeasures;
            return this;
        }

        /** The pc_maps rows: marginals of every analysed PC, then the joint map of PC1 and PC2. */
        List<PcMapsTable.Row> rows(String descriptor, String group, long n) {
            List<PcMapsTable.Row> out = new ArrayList<>();
            for (int j = 0; j < axes.length; j++) {
                double w = axes[j].width();
                for (int k = 0; k < axes[j].bins(); k++) {
                    out.add(new PcMapsTable.Row(descriptor, group, j + 1, 0, axes[j].centre(k), 0.0, marginal[j][k],
                            marginal[j][k] / (n * w), null));
                }
            }
            if (axes.length > 1) {
                double area = axes[0].width() * axes[1].width();
                int by = axes[1].bins();
                for (int ix = 0; ix < axes[0].bins(); ix++) {
                    for (int iy = 0; iy < by; iy++) {
                        int c = ix * by + iy;
                        double[] mean = null;
                        // the measure sums hold rows that had measures: divide by those, not by every row of the bin
                        if (measures > 0 && joint[c] > 0 && missingMeasures == 0) {
                            mean = new double[measures];
                            for (int q = 0; q < measures; q++) {
                                mean[q] = jointMeasureSums[c * measures + q] / joint[c];
                            }
                        }
                        out.add(new PcMapsTable.Row(descriptor, group, 1, 2, axes[0].centre(ix), axes[1].centre(iy),
                                joint[c], joint[c] / (n * area), mean));
                    }
                }
            }
            return out;
        }
    }
}
