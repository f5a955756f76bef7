package glassworks.spark.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import glassworks.spark.DescriptorsScaling;
import glassworks.spark.Sessions;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.clustering.GaussianMixtureModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bin/glassworks bench ml}: seed 000's unsupervised pipeline ({@link Unsupervised}: PCA with the 95 % rule,
 * K-means K = 2, a full-covariance Gaussian mixture K = 2) on Spark MLlib against scikit-learn on the same numbers,
 * then how ours scales with cores.
 *
 * <p><b>Data.</b> A seeded synthetic two-state mixture standing in for neighbour-averaged descriptor vectors: rows
 * (default 10^7 "particles") of {@code features} (default 12, the size of seed 000's averaged WCN vectors), each row
 * from state 0 (62 %) or state 1 (38 %); within a state x = mu_s + L_s z + 0.15 eps with z 3 standard normal latent
 * factors (loadings, over s = j / (d - 1): 0.3; 0.3 cos(pi s); 0.2 cos(2 pi s); state 1 scales them by 0.8, 1.3, 0.9)
 * and eps standard normal noise per feature, so the features are strongly correlated; mu_0 = 7 - 2 s, and state 1 is
 * shifted by 3.0 along a fixed unit direction (0.8 of the all-equal direction, 0.6 of cos(pi s)): Mahalanobis distance
 * ~3.2 in the pooled covariance, i.e. ~5 % of rows are closer to the other state (realistic overlap). It is generated
 * once in Java ({@link SplittableRandom}, seed 2026) and written once as raw little-endian float64, row-major (the file
 * numpy reads), and once, from that file, as Parquet with columns {@code id} (the row index) and {@code features} (an
 * MLlib vector, as in the descriptors table), in 8 (at least 2 x cores) files of equal size, read as one partition
 * each on every core count: partitioning decides MLlib's random starts, so every core count computes the same thing.
 * Generation and writing are not timed.
 *
 * <p><b>Ours</b> (timed per stage, a fresh {@code local[k]} session each; session start-up not timed):
 * <ul>
 *   <li>read: {@code spark.read.parquet}, persisted (memory, spilling to disk) and counted;</li>
 *   <li>pca: {@link Unsupervised#pca} (threshold 0.95, all components computed), the kept principal coordinates of
 *       every row ({@link Unsupervised.Pca#transform}) persisted and counted, the input unpersisted;</li>
 *   <li>kmeans: {@link Unsupervised#kmeans} K = 2, tol 0 (until no label changes) or {@value #KMEANS_MAX_ITER}
 *       iterations, its k-means|| start included, then every row's label brought to the driver;</li>
 *   <li>gmm: {@link Unsupervised#gaussianMixture} K = 2, tol {@value #GMM_TOL} on the mean log-likelihood per row, at
 *       most {@value #GMM_MAX_ITER} iterations, its random start included, then every row's label to the driver.
 *       (Not scikit-learn's default 1e-3: from MLlib's random start, EM creeps for tens of iterations before the
 *       states separate, and at 1e-3 it stopped after 7 iterations with labels 62 % right on 2 x 10^6 rows; at
 *       1e-4 it runs ~60 and reaches the Bayes-optimal ~95 %.)</li>
 * </ul>
 * <b>scikit-learn</b> ({@code sklearn_ml.py}, run by Debian's {@code /usr/bin/python3}, or {@code GLASSWORKS_PYTHON};
 * {@code bin/install-sklearn} installs it): read = {@code np.fromfile} of the raw file; pca = {@code PCA(svd_solver=
 * "full")} (its choice for this shape) with the same rule and sign convention, and the centred projection; kmeans =
 * {@code KMeans(init=<MLlib's k-means|| centres>, n_init=1, algorithm="lloyd", tol=0)}; gmm = {@code
 * GaussianMixture(covariance_type="full", tol, reg_covar=0, max_iter, <MLlib's start>)}.fit_predict. Both run the same
 * iterations from the same start: the starts are MLlib's own, read after our timed run by fits with 0 iterations
 * (same seed, same data, same partitions), and handed to scikit-learn, whose times therefore include no
 * initialisation at all while ours include MLlib's (k-means|| passes; the mixture's sample). scikit-learn uses its
 * default threads (OpenMP and OpenBLAS: all cores). Its times are measured inside Python (interpreter start and
 * imports excluded). It runs after our all-cores run, when the JVM holds no cached data.
 *
 * <p><b>Checks</b> (the bench stops unless they hold): the explained-variance ratios of all components agree within
 * {@value #EVR_TOLERANCE} relative and the kept counts are equal; K-means labels agree on at least 99.9 % of rows and
 * mixture labels on at least 99 % (canonical numbering on both sides; agreement taken up to a swap of the two
 * labels). Agreement with the generating state is printed too.
 *
 * <p><b>Cost.</b> The mixture dominates both sides (58 EM iterations, each a pass over all rows: ~2.5 s for 10^7 rows
 * on 2 cores for MLlib and for scikit-learn alike), so the default run takes ~12 minutes on 2 cores: ~3 for ours on
 * all cores, ~2.5 for scikit-learn, ~5.5 for ours on one core (--no-scaling skips it), and ~1 for generating and
 * writing the data, warming up and reading MLlib's starts. Memory: ours fits the JVM's default heap (a quarter of
 * the RAM, 6 GB here: the input, then the PCs, persisted, and MLlib's own copy of the PCs); scikit-learn's process
 * peaks at ~7 GB (its full SVD; printed as max_rss_mb).
 *
 * <p>Output lines, in order: {@code ml bench: ...}, {@code ml-data: ...}, {@code ml-ours: ...},
 * {@code ml-sklearn: ...}, {@code ml-check: ...}, one {@code ml-scaling: cores=k ...} per core count (1, 2, 4, ... and
 * all cores), {@code ml: sklearn_seconds=X ours_seconds=Y cores=k} and last {@code ml: ratio=X/Y} (scikit-learn's
 * total over ours with all cores, reading included; higher is better).
 */
public final class MlBenchmark {
    public static final long DEFAULT_ROWS = 10_000_000L;
    public static final int DEFAULT_FEATURES = 12;
    public static final double THRESHOLD = 0.95;
    public static final int K = 2;
    public static final int KMEANS_MAX_ITER = 100;
    public static final double KMEANS_TOL = 0.0;
    public static final int GMM_MAX_ITER = 100;
    public static final double GMM_TOL = 1e-4;
    public static final long SEED = 2026L;
    public static final double EVR_TOLERANCE = 1e-6;
    public static final double KMEANS_AGREEMENT = 0.999;
    public static final double GMM_AGREEMENT = 0.99;
    /** The generating model (see the class comment). */
    public static final double STATE0_FRACTION = 0.62;
    public static final double SEPARATION = 3.0;
    public static final double NOISE = 0.15;
    static final double[] FACTOR_SCALE = {0.3, 0.3, 0.2};
    static final double[] STATE1_FACTOR_SCALE = {0.8, 1.3, 0.9};
    static final int WARMUP_ROWS = 100_000;
    static final String PYTHON = "/usr/bin/python3";
    static final String SCRIPT = "glassworks/bench/sklearn_ml.py";

    private MlBenchmark() {
    }

    /**
     * @param rows     rows (particles), default 10^7
     * @param features features per row, default 12
     * @param maxCores the largest k of local[k] (default: every core)
     * @param scaling  time ours on 1, 2, 4, .. cores too (default true)
     */
    public record Options(long rows, int features, int maxCores, boolean scaling) {
        public Options {
            if (rows < 1000 || rows > 1_000_000_000L) {
                throw new IllegalArgumentException("--rows must be in 1000..1000000000, not " + rows);
            }
            if (features < 2 || features > 200) {
                throw new IllegalArgumentException("--features must be in 2..200, not " + features);
            }
            if (maxCores < 1) {
                throw new IllegalArgumentException("cores must be >= 1, not " + maxCores);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_ROWS, DEFAULT_FEATURES, Runtime.getRuntime().availableProcessors(), true);
        }

        public Options withRows(long r) {
            return new Options(r, features, maxCores, scaling);
        }

        public Options withFeatures(int f) {
            return new Options(rows, f, maxCores, scaling);
        }

        public Options withScaling(boolean s) {
            return new Options(rows, features, maxCores, s);
        }

        /** Parquet files (= partitions on every core count): at least 8 and 2 per core, at most one per 1000 rows. */
        public int files() {
            return (int) Math.max(1, Math.min(Math.max(8, 2L * maxCores), rows / 1000));
        }
    }

    /** Seconds per stage. */
    public record Stages(double read, double pca, double kmeans, double gmm) {
        public double total() {
            return read + pca + kmeans + gmm;
        }

        String line() {
            return String.format(Locale.ROOT, "read_seconds=%.2f pca_seconds=%.2f kmeans_seconds=%.2f "
                    + "gmm_seconds=%.2f seconds=%.2f", read, pca, kmeans, gmm, total());
        }
    }

    /** The scaling rows and the headline figures. */
    public record Result(Stages ours, Stages sklearn, int cores, Map<Integer, Stages> scaling) {
        public Result {
            scaling = Map.copyOf(scaling);
        }

        /** scikit-learn seconds / ours on all cores: higher is better. */
        public double ratio() {
            return sklearn.total() / ours.total();
        }
    }

    /** One of our timed runs. */
    record Run(int cores, Stages stages, Unsupervised.Pca pca, byte[] kmeans, byte[] gmm, int kmeansIterations,
               int gmmIterations, double gmmLogLikelihood, long partitions, Starts starts) {
    }

    /** MLlib's starting points, in PC coordinates, MLlib's component order. */
    record Starts(double[][] centres, double[] weights, double[][] means, double[][][] covariances) {
    }

    /** The Python that runs the yardstick: $GLASSWORKS_PYTHON or Debian's /usr/bin/python3. */
    public static String python() {
        String p = System.getenv("GLASSWORKS_PYTHON");
        return p == null || p.isBlank() ? PYTHON : p;
    }

    /**
     * Refuses (IllegalArgumentException, naming bin/install-sklearn) when the yardstick's Python cannot import numpy
     * and scikit-learn; returns its versions otherwise.
     */
    public static String checkYardstick() {
        String py = python();
        String fix = "install it with bin/install-sklearn (Debian's python3-sklearn for /usr/bin/python3), or set "
                + "GLASSWORKS_PYTHON to a Python that has scikit-learn";
        if (!Files.isExecutable(Path.of(py))) {
            throw new IllegalArgumentException("bench ml compares against scikit-learn, but " + py + " does not exist: "
                    + fix);
        }
        try {
            Process p = new ProcessBuilder(py, "-c", "import numpy, sklearn; print('scikit-learn', sklearn.__version__,"
                    + " 'numpy', numpy.__version__)").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalArgumentException("bench ml compares against scikit-learn, but " + py + " cannot "
                        + "import it: " + fix);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalArgumentException("bench ml cannot run " + py + " (" + e.getMessage() + "): " + fix, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Everything, printed to {@code out}, {@code ml: ratio=x} last; the data live in a temporary folder. */
    public static Result run(Options o, Map<String, String> conf, PrintStream out) throws IOException {
        String versions = checkYardstick();
        Path dir = Files.createTempDirectory("glassworks-bench-ml");
        try {
            return run(o, conf, out, dir, versions);
        } finally {
            deleteRecursively(dir);
        }
    }

    static Result run(Options o, Map<String, String> conf, PrintStream out, Path dir, String versions)
            throws IOException {
        long wall0 = System.nanoTime();
        int d = o.features();
        long n = o.rows();
        int files = o.files();
        Path raw = dir.resolve("data.f64");
        Path parquet = dir.resolve("data.parquet");
        Path warm = dir.resolve("warmup.parquet");
        int cores = o.maxCores();
        out.printf(Locale.ROOT, "ml bench: seed 000's unsupervised pipeline, Spark MLlib vs %s on the same %d x %d "
                        + "rows (synthetic two-state mixture): PCA (%.0f %% rule), K-means K=%d (tol 0, max %d "
                        + "iterations), Gaussian mixture K=%d full covariance (tol %.0e per row, max %d iterations), "
                        + "same starts (MLlib's); cores=%d%n", versions, n, d, THRESHOLD * 100, K, KMEANS_MAX_ITER, K,
                GMM_TOL, GMM_MAX_ITER, cores);
        out.flush();

        long g0 = System.nanoTime();
        byte[] truth = writeRaw(raw, n, d, SEED);
        double genSeconds = (System.nanoTime() - g0) / 1e9;
        Map<String, String> sessionConf = new LinkedHashMap<>(conf);
        SparkSession spark = Sessions.start("local[" + cores + "]", "glassworks-bench-ml-data", sessionConf);
        long w0 = System.nanoTime();
        try {
            writeParquet(spark, raw, parquet, n, d, files);
            spark.read().parquet(parquet.toString()).where(functions.col("id").lt(Math.min(n, WARMUP_ROWS)))
                    .coalesce(Math.min(files, 2)).write().mode(SaveMode.Overwrite).parquet(warm.toString());
        } finally {
            spark.stop();
        }
        double writeSeconds = (System.nanoTime() - w0) / 1e9;
        long parquetBytes = sizeOf(parquet);
        long maxFile = maxParquetFile(parquet);
        // one file, one partition, whatever the core count (see the class comment)
        sessionConf.putIfAbsent("spark.sql.files.maxPartitionBytes", Long.toString(maxFile));
        long state1 = 0;
        for (byte b : truth) {
            state1 += b;
        }
        out.printf(Locale.ROOT, "ml-data: rows=%d features=%d states=%d:%d mahalanobis=%.2f raw_bytes=%d "
                        + "parquet_bytes=%d parquet_files=%d generate_seconds=%.1f write_seconds=%.1f (not timed)%n",
                n, d, n - state1, state1, mahalanobis(d), Files.size(raw), parquetBytes, files, genSeconds,
                writeSeconds);
        out.flush();

        // untimed warm-up (class loading, JIT) of the whole path on the first rows
        spark = Sessions.start("local[" + cores + "]", "glassworks-bench-ml-warmup", sessionConf);
        try {
            pipeline(spark, warm.toString(), Math.min(n, WARMUP_ROWS), d, cores, false);
        } finally {
            spark.stop();
        }

        // ours on all cores, timed; then MLlib's starts, untimed
        Run ours;
        spark = Sessions.start("local[" + cores + "]", "glassworks-bench-ml-" + cores, sessionConf);
        try {
            ours = pipeline(spark, parquet.toString(), n, d, cores, true);
        } finally {
            spark.stop();
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        out.printf(Locale.ROOT, "ml-ours: engine=spark-mllib cores=%d partitions=%d %s kept=%d "
                        + "kmeans_iterations=%d gmm_iterations=%d gmm_loglik_per_row=%.6f heap_max_mb=%.0f%n", cores,
                ours.partitions(), ours.stages().line(), ours.pca().kept(), ours.kmeansIterations(),
                ours.gmmIterations(), ours.gmmLogLikelihood() / n, Runtime.getRuntime().maxMemory() / 1048576.0);
        out.flush();

        // the yardstick
        Yardstick sk = sklearn(dir, raw, n, d, ours.pca().kept(), ours.starts());
        out.printf(Locale.ROOT, "ml-sklearn: engine=scikit-learn-%s threads=%s %s kept=%d kmeans_iterations=%d "
                        + "gmm_iterations=%d gmm_loglik_per_row=%.6f max_rss_mb=%.0f%n", sk.version(), sk.threads(),
                sk.stages().line(), sk.kept(), sk.kmeansIterations(), sk.gmmIterations(), sk.gmmMeanLogLikelihood(),
                sk.maxRssMb());
        out.flush();

        // checks
        double[] evrOurs = ours.pca().explainedVarianceRatio();
        double evrDiff = 0;
        double evrAbs = 0;
        for (int j = 0; j < d; j++) {
            evrAbs = Math.max(evrAbs, Math.abs(evrOurs[j] - sk.evr()[j]));
            evrDiff = Math.max(evrDiff, Math.abs(evrOurs[j] - sk.evr()[j]) / Math.abs(sk.evr()[j]));
        }
        double kmAgree = sk.kmeans() == null ? Double.NaN : agreement(ours.kmeans(), sk.kmeans());
        double gmAgree = sk.gmm() == null ? Double.NaN : agreement(ours.gmm(), sk.gmm());
        out.printf(Locale.ROOT, "ml-check: evr_max_rel_diff=%.3e evr_max_abs_diff=%.3e kept=%d/%d "
                        + "kmeans_agreement=%.6f gmm_agreement=%.6f kmeans_vs_truth=%.4f gmm_vs_truth=%.4f "
                        + "evr=%s%n", evrDiff, evrAbs, ours.pca().kept(), sk.kept(), kmAgree, gmAgree,
                agreement(ours.kmeans(), truth), agreement(ours.gmm(), truth), format(evrOurs));
        out.flush();
        if (!(evrDiff <= EVR_TOLERANCE)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "MLlib and scikit-learn explained-variance "
                    + "ratios differ by %.3e relative (tolerance %.0e): the benchmark would compare different "
                    + "computations", evrDiff, EVR_TOLERANCE));
        }
        if (ours.pca().kept() != sk.kept()) {
            throw new IllegalStateException("MLlib keeps " + ours.pca().kept() + " components and scikit-learn "
                    + sk.kept() + ": the benchmark would compare different computations");
        }
        if (!(kmAgree >= KMEANS_AGREEMENT)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "K-means labels agree on %.4f %% of rows only "
                    + "(required %.1f %%)", 100 * kmAgree, 100 * KMEANS_AGREEMENT));
        }
        if (!(gmAgree >= GMM_AGREEMENT)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "Gaussian-mixture labels agree on %.4f %% of "
                    + "rows only (required %.1f %%)", 100 * gmAgree, 100 * GMM_AGREEMENT));
        }

        // scaling
        Map<Integer, Stages> scaling = new LinkedHashMap<>();
        List<Integer> counts = o.scaling() ? DescriptorsScaling.coreCounts(cores) : List.of(cores);
        for (int k : counts) {
            Run r;
            if (k == cores) {
                r = ours;
            } else {
                spark = Sessions.start("local[" + k + "]", "glassworks-bench-ml-" + k, sessionConf);
                try {
                    r = pipeline(spark, parquet.toString(), n, d, k, false);
                } finally {
                    spark.stop();
                }
                if (!Arrays.equals(r.kmeans(), ours.kmeans()) || !Arrays.equals(r.gmm(), ours.gmm())) {
                    out.printf(Locale.ROOT, "ml-scaling: note: cores=%d labels differ from cores=%d's on %.6f "
                            + "(K-means) and %.6f (mixture) of rows%n", k, cores, 1 - agreement(r.kmeans(),
                            ours.kmeans()), 1 - agreement(r.gmm(), ours.gmm()));
                }
            }
            scaling.put(k, r.stages());
        }
        double one = scaling.containsKey(1) ? scaling.get(1).total() : Double.NaN;
        for (Map.Entry<Integer, Stages> e : scaling.entrySet()) {
            Stages s = e.getValue();
            out.printf(Locale.ROOT, "ml-scaling: cores=%d seconds=%.2f read=%.2f pca=%.2f kmeans=%.2f gmm=%.2f "
                            + "rows_per_s=%.0f speedup=%.2f%n", e.getKey(), s.total(), s.read(), s.pca(), s.kmeans(),
                    s.gmm(), n / s.total(), one / s.total());
        }
        Result result = new Result(ours.stages(), sk.stages(), cores, scaling);
        out.printf(Locale.ROOT, "ml: sklearn_seconds=%.2f ours_seconds=%.2f cores=%d bench_wall_seconds=%.0f%n",
                sk.stages().total(), ours.stages().total(), cores, (System.nanoTime() - wall0) / 1e9);
        out.printf(Locale.ROOT, "ml: ratio=%.3f%n", result.ratio());
        out.flush();
        return result;
    }

    /**
     * Our pipeline on one session: read, PCA, K-means, mixture, labels to the driver; timed per stage. With
     * {@code readStarts}, MLlib's starts are read afterwards (untimed) from the same PCs.
     */
    static Run pipeline(SparkSession spark, String parquet, long rows, int d, int cores, boolean readStarts) {
        long t0 = System.nanoTime();
        Dataset<Row> input = spark.read().parquet(parquet).persist(StorageLevel.MEMORY_AND_DISK());
        long count = input.count();
        if (count != rows) {
            throw new IllegalStateException("read " + count + " rows from " + parquet + ", wrote " + rows);
        }
        long partitions = input.rdd().getNumPartitions();
        long t1 = System.nanoTime();
        Unsupervised.Pca pca = Unsupervised.pca(input, "features", THRESHOLD, d);
        Dataset<Row> pcs = pca.transform(input, "features", "pc").select("id", "pc")
                .persist(StorageLevel.MEMORY_AND_DISK());
        pcs.count();
        input.unpersist();
        long t2 = System.nanoTime();
        try {
            Unsupervised.Clusters km = Unsupervised.kmeans(pcs, "pc", K, SEED, KMEANS_MAX_ITER, KMEANS_TOL);
            byte[] kmLabels = collectLabels(km.labelled(), rows);
            long t3 = System.nanoTime();
            Unsupervised.Mixture gm = Unsupervised.gaussianMixture(pcs, "pc", K, SEED, GMM_MAX_ITER, GMM_TOL);
            byte[] gmLabels = collectLabels(gm.labelled(), rows);
            long t4 = System.nanoTime();
            Starts starts = readStarts ? starts(pcs, rows) : null;
            Stages s = new Stages((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
            return new Run(cores, s, pca, kmLabels, gmLabels, km.iterations(), gm.iterations(), gm.logLikelihood(),
                    partitions, starts);
        } finally {
            pcs.unpersist();
        }
    }

    /** MLlib's starts on these PCs: the same estimators, same seed, 0 iterations. */
    static Starts starts(Dataset<Row> pcs, long rows) {
        Vector[] c = Unsupervised.kmeansEstimator("pc", K, SEED, 0, KMEANS_TOL).fit(pcs.select("pc")).clusterCenters();
        double[][] centres = Arrays.stream(c).map(Vector::toArray).toArray(double[][]::new);
        GaussianMixtureModel g = Unsupervised.mixtureEstimator("pc", K, SEED, 0, GMM_TOL * rows)
                .fit(pcs.select("pc"));
        int dim = centres[0].length;
        double[][] means = new double[K][];
        double[][][] covs = new double[K][][];
        for (int m = 0; m < K; m++) {
            means[m] = g.gaussians()[m].mean().toArray();
            covs[m] = Unsupervised.toArray(g.gaussians()[m].cov(), dim);
        }
        return new Starts(centres, g.weights().clone(), means, covs);
    }

    /** A partition's labels: row ids and canonical labels. */
    record Chunk(int[] ids, byte[] labels) implements Serializable {
    }

    /** Every row's label, indexed by id; each id exactly once. */
    static byte[] collectLabels(Dataset<Row> labelled, long rows) {
        JavaRDD<Chunk> chunks = labelled.select("id", Unsupervised.LABEL_COL).javaRDD().mapPartitions(it -> {
            int[] ids = new int[1024];
            byte[] labels = new byte[1024];
            int m = 0;
            while (it.hasNext()) {
                Row r = it.next();
                if (m == ids.length) {
                    ids = Arrays.copyOf(ids, 2 * m);
                    labels = Arrays.copyOf(labels, 2 * m);
                }
                ids[m] = Math.toIntExact(r.getLong(0));
                labels[m] = (byte) r.getInt(1);
                m++;
            }
            return List.of(new Chunk(Arrays.copyOf(ids, m), Arrays.copyOf(labels, m))).iterator();
        });
        byte[] out = new byte[Math.toIntExact(rows)];
        Arrays.fill(out, (byte) -1);
        long seen = 0;
        for (Chunk ch : chunks.collect()) {
            for (int i = 0; i < ch.ids().length; i++) {
                if (out[ch.ids()[i]] != -1) {
                    throw new IllegalStateException("row " + ch.ids()[i] + " labelled twice");
                }
                out[ch.ids()[i]] = ch.labels()[i];
                seen++;
            }
        }
        if (seen != rows) {
            throw new IllegalStateException("labelled " + seen + " rows of " + rows);
        }
        return out;
    }

    /** Fraction of equal labels, up to swapping the two. */
    static double agreement(byte[] a, byte[] b) {
        long same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return Math.max(same, a.length - same) / (double) a.length;
    }

    // ---------------------------------------------------------------------------------------------------- the data

    /** The generating model's parameters for d features: {mu0, delta, L0 (d x 3), L1 (d x 3)}. */
    static double[][][] model(int d) {
        double[] mu0 = new double[d];
        double[] delta = new double[d];
        double[][] l0 = new double[d][3];
        double[][] l1 = new double[d][3];
        double[] cos1 = new double[d];
        double norm1 = 0;
        for (int j = 0; j < d; j++) {
            double s = j / (double) (d - 1);
            mu0[j] = 7 - 2 * s;
            double[] f = {1, Math.cos(Math.PI * s), Math.cos(2 * Math.PI * s)};
            for (int q = 0; q < 3; q++) {
                l0[j][q] = FACTOR_SCALE[q] * f[q];
                l1[j][q] = l0[j][q] * STATE1_FACTOR_SCALE[q];
            }
            cos1[j] = f[1];
            norm1 += f[1] * f[1];
        }
        norm1 = Math.sqrt(norm1);
        double nd = 0;
        for (int j = 0; j < d; j++) {
            delta[j] = 0.8 / Math.sqrt(d) + 0.6 * cos1[j] / norm1;
            nd += delta[j] * delta[j];
        }
        nd = Math.sqrt(nd);
        for (int j = 0; j < d; j++) {
            delta[j] *= SEPARATION / nd;
        }
        return new double[][][] {{mu0}, {delta}, l0, l1};
    }

    /** Mahalanobis distance between the two states' means in the pooled within-state covariance. */
    static double mahalanobis(int d) {
        double[][][] m = model(d);
        double[] delta = m[1][0];
        double[][] pooled = new double[d][d];
        for (int s = 0; s < 2; s++) {
            double[][] l = m[2 + s];
            double w = s == 0 ? STATE0_FRACTION : 1 - STATE0_FRACTION;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double c = i == j ? NOISE * NOISE : 0;
                    for (int q = 0; q < 3; q++) {
                        c += l[i][q] * l[j][q];
                    }
                    pooled[i][j] += w * c;
                }
            }
        }
        RealMatrix p = new Array2DRowRealMatrix(pooled);
        double[] y = new LUDecomposition(p).getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(
                delta)).toArray();
        double q = 0;
        for (int i = 0; i < d; i++) {
            q += delta[i] * y[i];
        }
        return Math.sqrt(q);
    }

    /** Writes rows x d little-endian float64, row-major; returns each row's generating state. */
    static byte[] writeRaw(Path file, long rows, int d, long seed) throws IOException {
        double[][][] m = model(d);
        double[] mu0 = m[0][0];
        double[] delta = m[1][0];
        double[][][] l = {m[2], m[3]};
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] state = new byte[Math.toIntExact(rows)];
        int chunkRows = 8192;
        ByteBuffer buf = ByteBuffer.allocateDirect(chunkRows * d * 8).order(ByteOrder.LITTLE_ENDIAN);
        double[] z = new double[3];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long r = 0; r < rows; r++) {
                int s = rnd.nextDouble() < STATE0_FRACTION ? 0 : 1;
                state[(int) r] = (byte) s;
                for (int q = 0; q < 3; q++) {
                    z[q] = rnd.nextGaussian();
                }
                double[][] ls = l[s];
                for (int j = 0; j < d; j++) {
                    double x = mu0[j] + (s == 1 ? delta[j] : 0) + NOISE * rnd.nextGaussian();
                    for (int q = 0; q < 3; q++) {
                        x += ls[j][q] * z[q];
                    }
                    buf.putDouble(x);
                }
                if (!buf.hasRemaining()) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    buf.clear();
                }
            }
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
        return state;
    }

    /** The raw file as Parquet (id, features vector), one file per slice of equal rows. */
    static void writeParquet(SparkSession spark, Path raw, Path parquet, long rows, int d, int files) {
        String path = raw.toString();
        List<Integer> slices = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            slices.add(i);
        }
        JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(slices, files)
                .flatMap(i -> new RawRows(path, rows * i / files, rows * (i + 1) / files, d));
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("id", DataTypes.LongType, false),
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)});
        spark.createDataFrame(rdd, schema).write().mode(SaveMode.Overwrite).parquet(parquet.toString());
    }

    /** Rows [from, to) of the raw file. */
    static final class RawRows implements Iterator<Row> {
        private final FileChannel ch;
        private final ByteBuffer buf;
        private final int d;
        private long next;
        private final long to;

        RawRows(String path, long from, long to, int d) {
            try {
                this.ch = FileChannel.open(Path.of(path), StandardOpenOption.READ);
                ch.position(from * d * 8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.buf = ByteBuffer.allocate(4096 * d * 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.limit(0);
            this.d = d;
            this.next = from;
            this.to = to;
        }

        @Override
        public boolean hasNext() {
            if (next < to) {
                return true;
            }
            try {
                ch.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return false;
        }

        @Override
        public Row next() {
            if (next >= to) {
                throw new NoSuchElementException();
            }
            try {
                if (buf.remaining() < d * 8) {
                    buf.compact();
                    long want = Math.min(buf.capacity() / (d * 8L), to - next) * d * 8;
                    buf.limit((int) want);
                    while (buf.position() < want) {
                        if (ch.read(buf) < 0) {
                            throw new IOException("raw data file ends early");
                        }
                    }
                    buf.flip();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = buf.getDouble();
            }
            return RowFactory.create(next++, Vectors.dense(x));
        }
    }

    // ----------------------------------------------------------------------------------------------- the yardstick

    record Yardstick(String version, String threads, Stages stages, double[] evr, int kept, byte[] kmeans, byte[] gmm,
                     int kmeansIterations, int gmmIterations, double gmmMeanLogLikelihood, double maxRssMb) {
    }

    static Yardstick sklearn(Path dir, Path raw, long n, int d, int kept, Starts starts) throws IOException {
        Path script = dir.resolve("sklearn_ml.py");
        try (InputStream in = MlBenchmark.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the yardstick script " + SCRIPT + " is missing from the jar");
            }
            Files.copy(in, script);
        }
        Path config = dir.resolve("sklearn.json");
        Path result = dir.resolve("sklearn-result.json");
        Path kmFile = dir.resolve("sklearn-kmeans.i8");
        Path gmFile = dir.resolve("sklearn-gmm.i8");
        Path log = dir.resolve("sklearn.log");
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("data", raw.toString());
        cfg.put("rows", n);
        cfg.put("features", d);
        cfg.put("k", K);
        cfg.put("threshold", THRESHOLD);
        cfg.put("kept", kept);
        cfg.put("kmeans_max_iter", KMEANS_MAX_ITER);
        cfg.put("kmeans_init", starts.centres());
        cfg.put("gmm_tol", GMM_TOL);
        cfg.put("gmm_max_iter", GMM_MAX_ITER);
        cfg.put("gmm_weights", starts.weights());
        cfg.put("gmm_means", starts.means());
        cfg.put("gmm_covariances", starts.covariances());
        cfg.put("out", result.toString());
        cfg.put("kmeans_labels", kmFile.toString());
        cfg.put("gmm_labels", gmFile.toString());
        json.writeValue(config.toFile(), cfg);
        try {
            Process p = new ProcessBuilder(python(), script.toString(), config.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            int rc = p.waitFor();
            if (rc != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
                throw new IllegalStateException("the scikit-learn yardstick failed (exit " + rc + "):\n" + tail);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode r = json.readTree(result.toFile());
        JsonNode t = r.get("times");
        double[] evr = new double[r.get("evr").size()];
        for (int j = 0; j < evr.length; j++) {
            evr[j] = r.get("evr").get(j).asDouble();
        }
        int skKept = r.get("kept").asInt();
        List<String> pools = new ArrayList<>();
        r.get("threadpools").forEach(v -> pools.add(v.asText()));
        String threads = pools.isEmpty() ? "default" : String.join(",", pools);
        if (!r.has("gmm_iterations")) {
            // kept differs: it stopped after PCA; the checks will say so
            return new Yardstick(r.get("sklearn").asText(), threads, new Stages(t.get("read").asDouble(),
                    t.get("pca").asDouble(), Double.NaN, Double.NaN), evr, skKept, null, null, 0, 0, Double.NaN,
                    Double.NaN);
        }
        byte[] km = Files.readAllBytes(kmFile);
        byte[] gm = Files.readAllBytes(gmFile);
        if (km.length != n || gm.length != n) {
            throw new IllegalStateException("the scikit-learn yardstick wrote " + km.length + " and " + gm.length
                    + " labels for " + n + " rows");
        }
        return new Yardstick(r.get("sklearn").asText(), threads, new Stages(t.get("read").asDouble(),
                t.get("pca").asDouble(), t.get("kmeans").asDouble(), t.get("gmm").asDouble()), evr, skKept, km, gm,
                r.get("kmeans_iterations").asInt(), r.get("gmm_iterations").asInt(),
                r.get("gmm_mean_loglik").asDouble(), r.get("max_rss_mb").asDouble());
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    static String format(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", v[i]));
        }
        return b.toString();
    }

    static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static long maxParquetFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).mapToLong(p -> p.toFile().length())
                    .max().orElseThrow(() -> new IllegalStateException("no Parquet file written in " + dir));
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder only costs disk
        }
    }

    /** Entry point without the CLI: {@code MlBenchmark [rows [features]]}. */
    public static void main(String[] args) throws IOException {
        Options o = Options.defaults();
        if (args.length > 0) {
            o = o.withRows(Long.parseLong(args[0]));
        }
        if (args.length > 1) {
            o = o.withFeatures(Integer.parseInt(args[1]));
        }
        run(o, Map.of(), System.out);
    }
}
