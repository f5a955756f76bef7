package glassworks.spark.ml;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.spark.ml.clustering.GaussianMixture;
import org.apache.spark.ml.clustering.GaussianMixtureModel;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.ml.stat.distribution.MultivariateGaussian;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Unsupervised learning on per-particle feature vectors (PCA, K-means, Gaussian mixtures and the choice of K), thin
 * over MLlib's DataFrame API ({@code org.apache.spark.ml.*}), as seed 000's meso-state analysis needs it and as
 * {@code bin/glassworks bench ml} times it against scikit-learn.
 *
 * <p><b>Conventions shared by every method.</b>
 * <ul>
 *   <li>Inputs are a DataFrame and the name of an MLlib vector column ({@code VectorUDT}, dense). Nothing is written;
 *       results are immutable records (arrays are copied in and out) holding the fitted MLlib models, and the
 *       per-row results are lazy DataFrames (the input's columns plus new ones).</li>
 *   <li><b>Principal components</b> are centred projections, z = L<sup>T</sup>(x - mean) (divided by the standard
 *       deviation first when standardising), as scikit-learn's {@code PCA.transform}; MLlib's own
 *       {@code PCAModel.transform} does not centre. A component's sign is arbitrary; we fix it so that its loading of
 *       largest magnitude is positive (the first such loading on a tie), so that two fits, or MLlib and
 *       scikit-learn given the same rule, give the same coordinates.</li>
 *   <li><b>Cluster labels</b> ({@value #LABEL_COL}, an int 0..K-1) are canonical: clusters are numbered by their
 *       centre (K-means) or mean (mixture) in increasing order of the first coordinate, ties broken by the next
 *       coordinates. MLlib's own indices depend on its random start; canonical labels make two runs, or MLlib and
 *       scikit-learn, comparable up to a permutation that is the identity when both found the same clusters.</li>
 *   <li><b>Determinism.</b> A fit is a function of the data, its partitioning and the seed (MLlib's random starts
 *       draw per partition): the same seed on the same input read the same way gives the same start, the same
 *       iterations and the same labels; sums over partitions are added in task completion order, so centres, costs
 *       and likelihoods may differ between runs in the last bits.</li>
 *   <li><b>Cost.</b> Every fit runs several passes over its input (PCA: 3; K-means: one to copy the vectors, its
 *       k-means|| start, one per iteration, one for the cluster sizes; a mixture: a count, one to copy the vectors,
 *       a sample, one per iteration, one for the sizes), and the labelled DataFrames one more when used. Persist the
 *       input when it is expensive to recompute. K-means and mixtures are handed a projection of it, so that MLlib
 *       iterates over its own persisted copy of the vectors as plain Java objects (faster than decoding cached rows
 *       on every pass, even when the input is persisted).</li>
 * </ul>
 */
public final class Unsupervised {
    /** The canonical cluster label column added by {@link Clusters#label} and {@link Mixture#label}. */
    public static final String LABEL_COL = "cluster";
    /** The mixture's membership probabilities, in canonical cluster order. */
    public static final String PROBABILITY_COL = "probability";
    /**
     * K-means defaults: Lloyd iterations at most, and the largest centre movement (Euclidean, feature units) that
     * stops it (MLlib's default tolerance).
     */
    public static final int KMEANS_MAX_ITER = 100;
    public static final double KMEANS_TOL = 1e-4;
    /**
     * Mixture defaults: EM iterations at most, and the change of the mean log-likelihood per row that stops it.
     * Tighter than scikit-learn's 1e-3 / 100: MLlib's random start is poor, and EM then creeps for tens of iterations
     * (log-likelihood changes of ~1e-3 per row) before the components separate; on bench ml's two-state data 1e-3
     * stopped after 7 iterations with 62 % of labels right, where 1e-5 converges in 45-80 to the Bayes-optimal 95 %.
     */
    public static final int GMM_MAX_ITER = 200;
    public static final double GMM_TOL = 1e-5;
    /** Rows at most in the subsample on which {@link #elbow} computes silhouettes and mixtures. */
    public static final int ELBOW_MAX_ROWS = 200_000;

    private static final String PREDICTION = "_gw_prediction";
    private static final String MLLIB_PROBABILITY = "_gw_probability";

    private Unsupervised() {
    }

    // ------------------------------------------------------------------------------------------------------------ PCA

    /**
     * A principal component analysis.
     *
     * @param dimension              d, the input features
     * @param mean                   the features' mean (d)
     * @param scale                  the divisor of each centred feature: its standard deviation when standardised,
     *                               else 1 (d)
     * @param explainedVarianceRatio variance ratio of every component computed (c = min(d, maxComponents)), largest
     *                               first, relative to the total variance of all d components
     * @param cumulative             running sums of explainedVarianceRatio
     * @param loadings               d x c: column j is component j (unit length, sign fixed as in the class comment)
     * @param kept                   the fewest components whose cumulative ratio reaches the threshold (c when even
     *                               all computed components fall short)
     * @param threshold              the variance threshold asked for
     * @param scaler                 MLlib's StandardScalerModel that gave mean (and scale)
     * @param model                  MLlib's PCAModel (its pc matrix has MLlib's signs, not ours)
     */
    public record Pca(int dimension, double[] mean, double[] scale, double[] explainedVarianceRatio,
                      double[] cumulative, double[][] loadings, int kept, double threshold,
                      StandardScalerModel scaler, PCAModel model) {
        public Pca {
            mean = mean.clone();
            scale = scale.clone();
            explainedVarianceRatio = explainedVarianceRatio.clone();
            cumulative = cumulative.clone();
            loadings = deepCopy(loadings);
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] scale() {
            return scale.clone();
        }

        @Override
        public double[] explainedVarianceRatio() {
            return explainedVarianceRatio.clone();
        }

        @Override
        public double[] cumulative() {
            return cumulative.clone();
        }

        @Override
        public double[][] loadings() {
            return deepCopy(loadings);
        }

        /** Components computed (c). */
        public int computed() {
            return explainedVarianceRatio.length;
        }

        /** Whether the kept components reach the threshold (false only when maxComponents cut it short). */
        public boolean thresholdReached() {
            return cumulative[kept - 1] >= threshold;
        }

        /** The first {@code components} principal coordinates of one feature vector. */
        public double[] project(double[] x, int components) {
            checkComponents(components);
            double[] z = new double[components];
            for (int i = 0; i < dimension; i++) {
                double c = (x[i] - mean[i]) / scale[i];
                for (int j = 0; j < components; j++) {
                    z[j] += loadings[i][j] * c;
                }
            }
            return z;
        }

        /** {@code data} with {@code outputCol} appended: the {@link #kept} principal coordinates of inputCol. */
        public Dataset<Row> transform(Dataset<Row> data, String inputCol, String outputCol) {
            return transform(data, inputCol, outputCol, kept);
        }

        /** As {@link #transform(Dataset, String, String)} with the first {@code components} coordinates. */
        public Dataset<Row> transform(Dataset<Row> data, String inputCol, String outputCol, int components) {
            checkComponents(components);
            int d = dimension;
            double[] mu = mean.clone();
            double[] inv = new double[d];
            for (int i = 0; i < d; i++) {
                inv[i] = 1.0 / scale[i];
            }
            // row-major k x d, so that each coordinate is one contiguous dot product
            double[] w = new double[components * d];
            for (int j = 0; j < components; j++) {
                for (int i = 0; i < d; i++) {
                    w[j * d + i] = loadings[i][j];
                }
            }
            int k = components;
            UserDefinedFunction project = functions.udf((UDF1<Vector, Vector>) v -> {
                if (v.size() != d) {
                    throw new IllegalArgumentException("a feature vector has " + v.size() + " entries, the PCA was "
                            + "fitted on " + d);
                }
                double[] c = new double[d];
                for (int i = 0; i < d; i++) {
                    c[i] = (v.apply(i) - mu[i]) * inv[i];
                }
                double[] z = new double[k];
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    int o = j * d;
                    for (int i = 0; i < d; i++) {
                        s += w[o + i] * c[i];
                    }
                    z[j] = s;
                }
                return Vectors.dense(z);
            }, SQLDataTypes.VectorType());
            return data.withColumn(outputCol, project.apply(functions.col(inputCol)));
        }

        private void checkComponents(int components) {
            if (components < 1 || components > computed()) {
                throw new IllegalArgumentException("components must be in 1.." + computed() + ", not " + components);
            }
        }
    }

    /** {@link #pca(Dataset, String, double, int, boolean)} on centred, unscaled features (the covariance matrix). */
    public static Pca pca(Dataset<Row> data, String featuresCol, double varianceThreshold, int maxComponents) {
        return pca(data, featuresCol, varianceThreshold, maxComponents, false);
    }

    /**
     * Fits a PCA: MLlib's StandardScaler (withMean; withStd when {@code standardise}, i.e. the correlation matrix)
     * gives the mean (and scale), MLlib's PCA with k = min(d, maxComponents) gives loadings and variance ratios (the
     * eigenvectors and eigenvalues of the sample covariance of the centred, optionally scaled, features); the kept
     * components are the fewest whose cumulative ratio is {@code >= varianceThreshold} (seed 000: 0.95).
     *
     * @param varianceThreshold in (0, 1]
     * @param maxComponents     at least 1; components computed are min(d, maxComponents)
     */
    public static Pca pca(Dataset<Row> data, String featuresCol, double varianceThreshold, int maxComponents,
                          boolean standardise) {
        if (!(varianceThreshold > 0 && varianceThreshold <= 1)) {
            throw new IllegalArgumentException("the variance threshold must be in (0, 1], not " + varianceThreshold);
        }
        if (maxComponents < 1) {
            throw new IllegalArgumentException("maxComponents must be >= 1, not " + maxComponents);
        }
        String tmp = "_gw_scaled_" + UUID.randomUUID().toString().replace("-", "");
        StandardScalerModel scaler = new StandardScaler().setInputCol(featuresCol).setOutputCol(tmp)
                .setWithMean(true).setWithStd(standardise).fit(data);
        double[] mean = scaler.mean().toArray();
        int d = mean.length;
        if (d < 1) {
            throw new IllegalArgumentException("column " + featuresCol + " holds empty vectors (or no rows)");
        }
        double[] scale = new double[d];
        Arrays.fill(scale, 1.0);
        if (standardise) {
            double[] std = scaler.std().toArray();
            for (int i = 0; i < d; i++) {
                if (!(std[i] > 0)) {
                    throw new IllegalArgumentException("feature " + i + " of " + featuresCol + " is constant: it "
                            + "cannot be standardised (use standardise = false, or drop the feature)");
                }
                scale[i] = std[i];
            }
        }
        int c = Math.min(d, maxComponents);
        // MLlib centres inside its covariance; fitting on the raw column spares a scaler pass over every row
        Dataset<Row> input = standardise ? scaler.transform(data) : data;
        PCAModel model = new PCA().setInputCol(standardise ? tmp : featuresCol).setOutputCol(tmp + "_pc").setK(c)
                .fit(input);
        DenseMatrix pc = model.pc();
        double[] evr = model.explainedVariance().toArray();
        double[][] loadings = new double[d][c];
        for (int j = 0; j < c; j++) {
            int arg = 0;
            for (int i = 1; i < d; i++) {
                if (Math.abs(pc.apply(i, j)) > Math.abs(pc.apply(arg, j))) {
                    arg = i;
                }
            }
            double sign = pc.apply(arg, j) < 0 ? -1 : 1;
            for (int i = 0; i < d; i++) {
                loadings[i][j] = sign * pc.apply(i, j);
            }
        }
        double[] cumulative = new double[c];
        double s = 0;
        int kept = c;
        for (int j = 0; j < c; j++) {
            s += evr[j];
            cumulative[j] = s;
            if (kept == c && s >= varianceThreshold) {
                kept = j + 1;
            }
        }
        return new Pca(d, mean, scale, evr, cumulative, loadings, kept, varianceThreshold, scaler, model);
    }

    // ------------------------------------------------------------------------------------------------------ K-means

    /**
     * A K-means fit.
     *
     * @param k          clusters
     * @param centres    K x d centres in canonical order (row c is label c's centre)
     * @param sizes      rows per canonical label
     * @param cost       within-cluster sum of squared distances, MLlib's trainingCost (measured with the centres of
     *                   the last iteration's start; equal to the final cost once converged)
     * @param iterations Lloyd iterations run
     * @param toMllib    toMllib[c] = MLlib's cluster index of canonical label c
     * @param model      MLlib's model (its own cluster numbering)
     * @param labelled   the input with {@value #LABEL_COL} appended
     */
    public record Clusters(int k, double[][] centres, long[] sizes, double cost, int iterations, int[] toMllib,
                           KMeansModel model, Dataset<Row> labelled) {
        public Clusters {
            centres = deepCopy(centres);
            sizes = sizes.clone();
            toMllib = toMllib.clone();
        }

        @Override
        public double[][] centres() {
            return deepCopy(centres);
        }

        @Override
        public long[] sizes() {
            return sizes.clone();
        }

        @Override
        public int[] toMllib() {
            return toMllib.clone();
        }

        /** Whether Lloyd stopped on its tolerance, before its iteration limit. */
        public boolean converged() {
            return iterations < model.getMaxIter();
        }

        /** Any DataFrame with the fitted features column, {@value #LABEL_COL} appended. */
        public Dataset<Row> label(Dataset<Row> data) {
            return labelKMeans(model, toMllib, data);
        }
    }

    /** {@link #kmeans(Dataset, String, int, long, int, double)} with {@link #KMEANS_MAX_ITER}, {@link #KMEANS_TOL}. */
    public static Clusters kmeans(Dataset<Row> pcs, String col, int k, long seed) {
        return kmeans(pcs, col, k, seed, KMEANS_MAX_ITER, KMEANS_TOL);
    }

    /**
     * MLlib K-means (Euclidean, k-means|| start with 2 steps, the "row" solver: Lloyd iterations over MLlib's own
     * persisted copy of the vectors, pruned by the triangle inequality; on few dimensions it beats the "block" solver's
     * matrix products, ~0.3 s against ~0.6 s per iteration over 10^7 rows of 3 PCs on 2 cores) with K clusters; stops
     * when no centre moves by more than {@code tol} (Euclidean, feature units; 0: until no label changes) or after
     * {@code maxIter} iterations.
     */
    public static Clusters kmeans(Dataset<Row> pcs, String col, int k, long seed, int maxIter, double tol) {
        if (k < 2) {
            throw new IllegalArgumentException("K-means needs K >= 2, not " + k);
        }
        // fitted on a projection, never on pcs itself: MLlib then persists its own deserialised rows (with their
        // norms) for the row solver instead of decoding cached DataFrame rows on every pass
        KMeansModel model = kmeansEstimator(col, k, seed, maxIter, tol).fit(pcs.select(col));
        double[][] raw = new double[k][];
        for (int m = 0; m < k; m++) {
            raw[m] = model.clusterCenters()[m].toArray();
        }
        int[] toMllib = canonicalOrder(raw);
        double[][] centres = new double[k][];
        long[] sizes = new long[k];
        long[] mllibSizes = model.summary().clusterSizes();
        for (int c = 0; c < k; c++) {
            centres[c] = raw[toMllib[c]];
            sizes[c] = mllibSizes[toMllib[c]];
        }
        return new Clusters(k, centres, sizes, model.summary().trainingCost(), model.summary().numIter(), toMllib,
                model, labelKMeans(model, toMllib, pcs));
    }

    /** The estimator {@link #kmeans} fits; package-private so the benchmark can read its start (maxIter 0). */
    static KMeans kmeansEstimator(String col, int k, long seed, int maxIter, double tol) {
        return new KMeans().setFeaturesCol(col).setPredictionCol(PREDICTION).setK(k).setSeed(seed)
                .setInitMode("k-means||").setInitSteps(2).setMaxIter(maxIter).setTol(tol).setSolver("row");
    }

    // ---------------------------------------------------------------------------------------------- Gaussian mixture

    /**
     * A Gaussian mixture fit (full covariances).
     *
     * @param k             components
     * @param rows          rows fitted
     * @param weights       mixing weights, canonical order
     * @param means         K x d means, canonical order
     * @param covariances   K x d x d covariance matrices, canonical order
     * @param logLikelihood total log-likelihood of the rows as MLlib reports it: that of the last EM iteration's
     *                      start (every density plus MLlib's 2.2e-16 floor); within the tolerance of the final
     *                      model's once converged
     * @param iterations    EM iterations run
     * @param sizes         rows per canonical label (most probable component)
     * @param toMllib       toMllib[c] = MLlib's component index of canonical label c
     * @param model         MLlib's model
     * @param labelled      the input with {@value #LABEL_COL} and {@value #PROBABILITY_COL} (canonical order)
     */
    public record Mixture(int k, long rows, double[] weights, double[][] means, double[][][] covariances,
                          double logLikelihood, int iterations, long[] sizes, int[] toMllib,
                          GaussianMixtureModel model, Dataset<Row> labelled) {
        public Mixture {
            weights = weights.clone();
            means = deepCopy(means);
            covariances = Arrays.stream(covariances).map(Unsupervised::deepCopy).toArray(double[][][]::new);
            sizes = sizes.clone();
            toMllib = toMllib.clone();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }

        @Override
        public double[][] means() {
            return deepCopy(means);
        }

        @Override
        public double[][][] covariances() {
            return Arrays.stream(covariances).map(Unsupervised::deepCopy).toArray(double[][][]::new);
        }

        @Override
        public long[] sizes() {
            return sizes.clone();
        }

        @Override
        public int[] toMllib() {
            return toMllib.clone();
        }

        /** Whether EM stopped on its tolerance, before its iteration limit. */
        public boolean converged() {
            return iterations < model.getMaxIter();
        }

        /** Free parameters: K - 1 weights, K d means, K d (d + 1) / 2 covariance entries. */
        public long parameters() {
            int d = means[0].length;
            return (long) k - 1 + (long) k * d + (long) k * d * (d + 1) / 2;
        }

        /** Bayesian information criterion -2 log L + p ln n of {@link #logLikelihood} over {@link #rows}. */
        public double bic() {
            return -2 * logLikelihood + parameters() * Math.log(rows);
        }

        /** Any DataFrame with the fitted features column, {@value #LABEL_COL} and {@value #PROBABILITY_COL} added. */
        public Dataset<Row> label(Dataset<Row> data) {
            return labelMixture(model, toMllib, data);
        }
    }

    static Dataset<Row> labelKMeans(KMeansModel model, int[] toMllib, Dataset<Row> data) {
        Dataset<Row> p = model.setPredictionCol(PREDICTION).transform(data);
        return p.withColumn(LABEL_COL, canonical(functions.col(PREDICTION), toMllib)).drop(PREDICTION);
    }

    static Dataset<Row> labelMixture(GaussianMixtureModel model, int[] toMllib, Dataset<Row> data) {
        int[] order = toMllib.clone();
        UserDefinedFunction reorder = functions.udf((UDF1<Vector, Vector>) p -> {
            double[] q = new double[order.length];
            for (int c = 0; c < order.length; c++) {
                q[c] = p.apply(order[c]);
            }
            return Vectors.dense(q);
        }, SQLDataTypes.VectorType());
        Dataset<Row> p = model.setPredictionCol(PREDICTION).setProbabilityCol(MLLIB_PROBABILITY).transform(data);
        return p.withColumn(LABEL_COL, canonical(functions.col(PREDICTION), toMllib))
                .withColumn(PROBABILITY_COL, reorder.apply(functions.col(MLLIB_PROBABILITY)))
                .drop(PREDICTION, MLLIB_PROBABILITY);
    }

    /** {@link #gaussianMixture(Dataset, String, int, long, int, double)} with {@link #GMM_MAX_ITER}, {@link #GMM_TOL}. */
    public static Mixture gaussianMixture(Dataset<Row> pcs, String col, int k, long seed) {
        return gaussianMixture(pcs, col, k, seed, GMM_MAX_ITER, GMM_TOL);
    }

    /**
     * MLlib's GaussianMixture (full covariances, EM) with K components, from MLlib's seeded random start (uniform
     * weights; each mean the average of 5 rows sampled with replacement, each covariance the diagonal of those rows'
     * variances). EM stops when the mean log-likelihood per row changes by at most {@code tol} between iterations
     * (scikit-learn's criterion; MLlib's own tol is on the total, so it is given tol x rows) or after {@code maxIter}.
     * The rows are counted first (one pass). MLlib persists its own deserialised copy of the feature vectors for
     * the fit (persist {@code pcs} too when it is expensive to compute: the count, that copy and the labels read it).
     */
    public static Mixture gaussianMixture(Dataset<Row> pcs, String col, int k, long seed, int maxIter, double tol) {
        if (k < 2) {
            throw new IllegalArgumentException("a Gaussian mixture here needs K >= 2, not " + k + " (K = 1 is the "
                    + "sample mean and covariance; elbow() computes it)");
        }
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tol must be >= 0, not " + tol);
        }
        long rows = pcs.count();
        if (rows < k) {
            throw new IllegalArgumentException("a mixture of " + k + " components needs at least " + k + " rows, got "
                    + rows);
        }
        // fitted on a projection, never on pcs itself: a DataFrame that is not persisted makes MLlib persist its own
        // deserialised rows, and every EM pass then reads plain Java vectors instead of decoding cached rows
        GaussianMixtureModel model = mixtureEstimator(col, k, seed, maxIter, tol * rows).fit(pcs.select(col));
        int d = model.gaussians()[0].mean().size();
        double[][] rawMeans = new double[k][];
        for (int m = 0; m < k; m++) {
            rawMeans[m] = model.gaussians()[m].mean().toArray();
        }
        int[] toMllib = canonicalOrder(rawMeans);
        double[] weights = new double[k];
        double[][] means = new double[k][];
        double[][][] covs = new double[k][][];
        long[] sizes = new long[k];
        long[] mllibSizes = model.summary().clusterSizes();
        for (int c = 0; c < k; c++) {
            int m = toMllib[c];
            weights[c] = model.weights()[m];
            means[c] = rawMeans[m];
            covs[c] = toArray(model.gaussians()[m].cov(), d);
            sizes[c] = mllibSizes[m];
        }
        return new Mixture(k, rows, weights, means, covs, model.summary().logLikelihood(), model.summary().numIter(),
                sizes, toMllib, model, labelMixture(model, toMllib, pcs));
    }

    /** The estimator {@link #gaussianMixture} fits, tol on the total log-likelihood (MLlib's meaning). */
    static GaussianMixture mixtureEstimator(String col, int k, long seed, int maxIter, double totalTol) {
        return new GaussianMixture().setFeaturesCol(col).setPredictionCol(PREDICTION)
                .setProbabilityCol(MLLIB_PROBABILITY).setK(k).setSeed(seed).setMaxIter(maxIter).setTol(totalTol);
    }

    // ------------------------------------------------------------------------------------------------------- elbow

    /**
     * One K of an {@link Elbow}.
     *
     * @param k              clusters / components
     * @param wcss           K-means within-cluster sum of squares over all rows (K = 1: the total sum of squares
     *                       about the mean)
     * @param silhouette     mean silhouette of the K-means labels on the subsample, MLlib's ClusteringEvaluator
     *                       (squared Euclidean distance, its default; scikit-learn's default is Euclidean); NaN for
     *                       K = 1
     * @param logLikelihood  total log-likelihood of the subsample under the fitted K-component mixture (K = 1: the
     *                       maximum-likelihood Gaussian), evaluated exactly on the driver with the final parameters
     * @param bic            -2 logLikelihood + p ln(sampleRows), p = K - 1 + K d + K d (d + 1) / 2
     * @param gmmIterations  EM iterations (0 for K = 1)
     */
    public record ElbowPoint(int k, double wcss, double silhouette, double logLikelihood, double bic,
                             int gmmIterations) {
    }

    /**
     * The scan over K = 1..kMax.
     *
     * @param points        one per K
     * @param rows          rows of the input (K-means ran on all of them)
     * @param sampleRows    rows of the subsample used for silhouettes and mixtures
     * @param dimension     d
     * @param suggestedK    the K of lowest BIC (the rule: BIC, as it penalises the extra parameters of a
     *                      larger mixture; the WCSS elbow is left to the eye)
     * @param silhouetteK   the K of largest silhouette (K >= 2), for comparison
     */
    public record Elbow(List<ElbowPoint> points, long rows, long sampleRows, int dimension, int suggestedK,
                        int silhouetteK) {
        public Elbow {
            points = List.copyOf(points);
        }

        /** The rule {@link #suggestedK} follows, in words. */
        public static String rule() {
            return "K of lowest BIC of a full-covariance Gaussian mixture (silhouette argmax reported alongside)";
        }

        /** One line per K: {@code k=.. wcss=.. silhouette=.. loglik=.. bic=..}. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (ElbowPoint p : points) {
                out.add(String.format(Locale.ROOT, "k=%d wcss=%.6g silhouette=%.4f loglik=%.6g bic=%.6g%s", p.k(),
                        p.wcss(), p.silhouette(), p.logLikelihood(), p.bic(),
                        p.k() == suggestedK ? " (lowest BIC)" : ""));
            }
            return out;
        }
    }

    /** {@link #elbow(Dataset, String, int, long, int)} with a subsample of at most {@link #ELBOW_MAX_ROWS} rows. */
    public static Elbow elbow(Dataset<Row> pcs, String col, int kMax, long seed) {
        return elbow(pcs, col, kMax, seed, ELBOW_MAX_ROWS);
    }

    /**
     * For K = 1..kMax: K-means WCSS on all rows ({@link #kmeans} with the seed); silhouette of those labels and a
     * Gaussian mixture ({@link #gaussianMixture} with the seed) on a subsample of at most {@code maxRows} rows: each
     * row gets a seeded uniform key ({@code rand(seed)}, deterministic for a given partitioning) and the
     * {@code maxRows} rows of smallest key are kept (all rows when there are no more). The subsample is collected to
     * the driver too, where K = 1 (the sample mean and covariance) and every mixture's exact log-likelihood are
     * computed. The input is persisted for the scan when it is not already.
     *
     * @param kMax    largest K, at least 2
     * @param maxRows most rows in the subsample, at least 10
     */
    public static Elbow elbow(Dataset<Row> pcs, String col, int kMax, long seed, int maxRows) {
        if (kMax < 2) {
            throw new IllegalArgumentException("the elbow scan needs kMax >= 2, not " + kMax);
        }
        if (maxRows < 10) {
            throw new IllegalArgumentException("the elbow subsample needs maxRows >= 10, not " + maxRows);
        }
        Dataset<Row> all = pcs.select(col);
        boolean ownCopy = pcs.storageLevel().equals(StorageLevel.NONE());
        if (ownCopy) {
            all = all.persist(StorageLevel.MEMORY_AND_DISK());
        }
        Dataset<Row> sample = null;
        try {
            Row stats = all.select(Summarizer.metrics("count", "variance").summary(functions.col(col)).as("s"))
                    .select("s.count", "s.variance").first();
            long n = stats.getLong(0);
            if (n < 2L * kMax) {
                throw new IllegalArgumentException("the elbow scan up to K = " + kMax + " needs at least " + 2 * kMax
                        + " rows, got " + n);
            }
            double[] variance = ((Vector) stats.get(1)).toArray();
            int d = variance.length;
            double tss = 0;
            for (double v : variance) {
                tss += v * (n - 1);
            }
            String key = "_gw_key";
            Dataset<Row> keyed = all.withColumn(key, functions.rand(seed));
            if (n <= maxRows) {
                sample = all;
            } else {
                // the maxRows smallest keys: Bernoulli-thin first (generously), then an exact cut
                double f = Math.min(1.0, (maxRows + 6 * Math.sqrt(maxRows) + 100) / (double) n);
                sample = keyed.where(functions.col(key).lt(f)).orderBy(key).limit(maxRows).drop(key);
            }
            sample = sample.persist(StorageLevel.MEMORY_AND_DISK());
            double[][] x = sample.collectAsList().stream().map(r -> ((Vector) r.get(0)).toArray())
                    .toArray(double[][]::new);
            long ns = x.length;

            List<ElbowPoint> points = new ArrayList<>();
            double[] mu = new double[d];
            for (double[] r : x) {
                for (int i = 0; i < d; i++) {
                    mu[i] += r[i];
                }
            }
            for (int i = 0; i < d; i++) {
                mu[i] /= ns;
            }
            double[][] cov = new double[d][d];
            for (double[] r : x) {
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j <= i; j++) {
                        cov[i][j] += (r[i] - mu[i]) * (r[j] - mu[j]);
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i][j] /= ns;
                    cov[j][i] = cov[i][j];
                }
            }
            double ll1 = gaussianLogLikelihood(x, mu, cov);
            points.add(new ElbowPoint(1, tss, Double.NaN, ll1, bic(ll1, 1, d, ns), 0));

            ClusteringEvaluator evaluator = new ClusteringEvaluator().setFeaturesCol(col).setPredictionCol(LABEL_COL)
                    .setMetricName("silhouette");
            for (int k = 2; k <= kMax; k++) {
                Clusters km = kmeans(all, col, k, seed);
                double silhouette = evaluator.evaluate(km.label(sample));
                Mixture gm = gaussianMixture(sample, col, k, seed);
                double ll = mixtureLogLikelihood(x, gm.model());
                points.add(new ElbowPoint(k, km.cost(), silhouette, ll, bic(ll, k, d, ns), gm.iterations()));
            }
            int best = 1;
            int bestSil = 2;
            for (ElbowPoint p : points) {
                if (p.bic() < points.get(best - 1).bic()) {
                    best = p.k();
                }
                if (p.k() >= 2 && p.silhouette() > points.get(bestSil - 1).silhouette()) {
                    bestSil = p.k();
                }
            }
            return new Elbow(points, n, ns, d, best, bestSil);
        } finally {
            if (sample != null) {
                sample.unpersist();
            }
            if (ownCopy) {
                all.unpersist();
            }
        }
    }

    static double bic(double logLikelihood, int k, int d, long n) {
        double p = k - 1 + (double) k * d + (double) k * d * (d + 1) / 2;
        return -2 * logLikelihood + p * Math.log(n);
    }

    /** Sum over rows of log N(x | mu, cov); cov must be positive definite. */
    static double gaussianLogLikelihood(double[][] x, double[] mu, double[][] cov) {
        int d = mu.length;
        RealMatrix c = new Array2DRowRealMatrix(cov, true);
        CholeskyDecomposition chol = new CholeskyDecomposition(c, 1e-12, 1e-300);
        double logDet = 0;
        RealMatrix l = chol.getL();
        for (int i = 0; i < d; i++) {
            logDet += 2 * Math.log(l.getEntry(i, i));
        }
        double[][] lInv = new org.apache.commons.math3.linear.QRDecomposition(l).getSolver().getInverse().getData();
        double constant = -0.5 * (d * Math.log(2 * Math.PI) + logDet);
        double sum = 0;
        double[] y = new double[d];
        for (double[] r : x) {
            double q = 0;
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j <= i; j++) {
                    s += lInv[i][j] * (r[j] - mu[j]);
                }
                y[i] = s;
                q += s * s;
            }
            sum += constant - 0.5 * q;
        }
        return sum;
    }

    /** Sum over rows of log sum_k w_k N(x | mu_k, cov_k) of an MLlib model, by log-sum-exp. */
    static double mixtureLogLikelihood(double[][] x, GaussianMixtureModel model) {
        MultivariateGaussian[] g = model.gaussians();
        double[] w = model.weights();
        int k = g.length;
        double[] lw = new double[k];
        for (int m = 0; m < k; m++) {
            lw[m] = Math.log(w[m]);
        }
        double sum = 0;
        double[] t = new double[k];
        for (double[] r : x) {
            Vector v = Vectors.dense(r);
            double max = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                t[m] = lw[m] + g[m].logpdf(v);
                max = Math.max(max, t[m]);
            }
            double s = 0;
            for (int m = 0; m < k; m++) {
                s += Math.exp(t[m] - max);
            }
            sum += max + Math.log(s);
        }
        return sum;
    }

    // --------------------------------------------------------------------------------------------------- helpers

    /** canonical[c] = index m of the c-th smallest row in lexicographic order. */
    static int[] canonicalOrder(double[][] centres) {
        Integer[] idx = new Integer[centres.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Comparator<Integer> lex = (a, b) -> {
            for (int j = 0; j < centres[a].length; j++) {
                int c = Double.compare(centres[a][j], centres[b][j]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a, b);
        };
        Arrays.sort(idx, lex);
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** The canonical label of an MLlib index column: the position of the index in toMllib. */
    static Column canonical(Column mllibIndex, int[] toMllib) {
        int[] inverse = new int[toMllib.length];
        for (int c = 0; c < toMllib.length; c++) {
            inverse[toMllib[c]] = c;
        }
        Column[] lits = new Column[inverse.length];
        for (int m = 0; m < inverse.length; m++) {
            lits[m] = functions.lit(inverse[m]);
        }
        return functions.element_at(functions.array(lits), mllibIndex.plus(1)).cast("int");
    }

    static double[][] toArray(Matrix m, int d) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = m.apply(i, j);
            }
        }
        return a;
    }

    static double[][] deepCopy(double[][] a) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        return b;
    }

}
