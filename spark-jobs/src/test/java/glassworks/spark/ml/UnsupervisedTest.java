package glassworks.spark.ml;

import glassworks.spark.SparkExtension;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Unsupervised} on two well separated Gaussian blobs in 6-D with a known, anisotropic covariance (the same for
 * both: eigenvalues 4, 2, 1, 0.5, 0.25, 0.1 along a seeded random rotation), 60:40, their means 12 apart: the PCA
 * against an independent eigen-decomposition (Commons Math) of the sample covariance, the kept-component rule,
 * K-means and mixture labels against the blobs, BIC's choice of K, and determinism.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsupervisedTest {
    static final int D = 6;
    static final int N = 4000;
    static final double[] EIGEN = {4, 2, 1, 0.5, 0.25, 0.1};

    SparkSession spark;
    double[][] x;
    int[] blob;
    Dataset<Row> data;

    @BeforeAll
    void setUp(SparkSession spark) {
        this.spark = spark;
        SplittableRandom rnd = new SplittableRandom(2026);
        double[][] rotation = randomRotation(rnd);
        double[] shift = new double[D];
        double[] dir = {1, -1, 0.5, 0.3, -0.2, 0.1};
        double norm = Math.sqrt(Arrays.stream(dir).map(v -> v * v).sum());
        for (int i = 0; i < D; i++) {
            shift[i] = 12 * dir[i] / norm;
        }
        x = new double[N][D];
        blob = new int[N];
        List<Row> rows = new ArrayList<>();
        for (int n = 0; n < N; n++) {
            blob[n] = rnd.nextDouble() < 0.6 ? 0 : 1;
            double[] z = new double[D];
            for (int j = 0; j < D; j++) {
                z[j] = Math.sqrt(EIGEN[j]) * rnd.nextGaussian();
            }
            for (int i = 0; i < D; i++) {
                double s = 5.0 + i;
                for (int j = 0; j < D; j++) {
                    s += rotation[i][j] * z[j];
                }
                x[n][i] = s + (blob[n] == 1 ? shift[i] : 0);
            }
            rows.add(RowFactory.create((long) n, Vectors.dense(x[n])));
        }
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("id", DataTypes.LongType, false),
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)});
        data = spark.createDataFrame(rows, schema).repartition(3).cache();
        data.count();
    }

    @AfterAll
    void tearDown() {
        data.unpersist();
    }

    @Test
    void pcaMatchesTheEigenvaluesOfTheSampleCovariance() {
        Unsupervised.Pca pca = Unsupervised.pca(data, "features", 0.95, 10);
        assertEquals(D, pca.dimension());
        assertEquals(D, pca.computed());
        RealMatrix cov = new Covariance(x, true).getCovarianceMatrix();
        EigenDecomposition eig = new EigenDecomposition(cov);
        double[] lambda = eig.getRealEigenvalues().clone();
        Arrays.sort(lambda);
        double total = Arrays.stream(lambda).sum();
        double[] evr = pca.explainedVarianceRatio();
        for (int j = 0; j < D; j++) {
            assertEquals(lambda[D - 1 - j] / total, evr[j], 1e-9, "EVR of component " + j);
        }
        double[] mean = new double[D];
        for (double[] r : x) {
            for (int i = 0; i < D; i++) {
                mean[i] += r[i] / N;
            }
        }
        assertArrayEquals(mean, pca.mean(), 1e-9);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, pca.scale(), 0);

        // kept: the fewest components whose cumulative ratio reaches 95 %
        double[] cum = pca.cumulative();
        int kept = pca.kept();
        assertTrue(cum[kept - 1] >= 0.95, "cumulative " + cum[kept - 1] + " at kept = " + kept);
        assertTrue(kept == 1 || cum[kept - 2] < 0.95, "one fewer component already reaches 95 %");
        assertTrue(pca.thresholdReached());
        assertEquals(1.0, cum[D - 1], 1e-12);
        // the between-blob separation dominates: more than one component still needed for 95 %
        assertTrue(kept >= 2 && kept < D, "kept = " + kept);
        assertEquals(1, Unsupervised.pca(data, "features", evr[0] / 2, 10).kept());
        assertEquals(D, Unsupervised.pca(data, "features", 1.0, 10).kept());

        // loadings: unit eigenvectors of the covariance, largest-magnitude entry positive
        double[][] l = pca.loadings();
        for (int j = 0; j < D; j++) {
            double[] col = new double[D];
            for (int i = 0; i < D; i++) {
                col[i] = l[i][j];
            }
            double[] cv = cov.operate(col);
            double lj = lambda[D - 1 - j];
            for (int i = 0; i < D; i++) {
                assertEquals(lj * col[i], cv[i], 1e-9 * lambda[D - 1], "eigenvector " + j);
            }
            int arg = 0;
            for (int i = 1; i < D; i++) {
                if (Math.abs(col[i]) > Math.abs(col[arg])) {
                    arg = i;
                }
            }
            assertTrue(col[arg] > 0, "sign convention of component " + j);
        }

        // the transform is the centred projection (scikit-learn's transform)
        Dataset<Row> pcs = pca.transform(data, "features", "pc");
        for (Row r : pcs.select("id", "pc").collectAsList()) {
            int n = (int) r.getLong(0);
            double[] z = ((Vector) r.get(1)).toArray();
            assertEquals(kept, z.length);
            for (int j = 0; j < kept; j++) {
                double s = 0;
                for (int i = 0; i < D; i++) {
                    s += l[i][j] * (x[n][i] - mean[i]);
                }
                assertEquals(s, z[j], 1e-9);
            }
            assertArrayEquals(pca.project(x[n], kept), z, 1e-12);
        }
    }

    @Test
    void pcaWithFewerComponentsAndStandardised() {
        Unsupervised.Pca all = Unsupervised.pca(data, "features", 0.95, 10);
        Unsupervised.Pca two = Unsupervised.pca(data, "features", 0.9999, 2);
        assertEquals(2, two.computed());
        assertEquals(2, two.kept());
        assertTrue(!two.thresholdReached());
        assertArrayEquals(Arrays.copyOf(all.explainedVarianceRatio(), 2), two.explainedVarianceRatio(), 1e-9);

        Unsupervised.Pca std = Unsupervised.pca(data, "features", 0.95, 10, true);
        RealMatrix corr = new PearsonsCorrelation(x).getCorrelationMatrix();
        double[] lambda = new EigenDecomposition(corr).getRealEigenvalues().clone();
        Arrays.sort(lambda);
        for (int j = 0; j < D; j++) {
            assertEquals(lambda[D - 1 - j] / D, std.explainedVarianceRatio()[j], 1e-9);
        }
        double[] sd = new Covariance(x, true).getCovarianceMatrix().getRow(0);
        assertEquals(Math.sqrt(sd[0]), std.scale()[0], 1e-9);
    }

    @Test
    void kmeansAndMixtureRecoverTheBlobsDeterministically() {
        Unsupervised.Pca pca = Unsupervised.pca(data, "features", 0.95, 10);
        Dataset<Row> pcs = pca.transform(data, "features", "pc").cache();
        try {
            Unsupervised.Clusters km = Unsupervised.kmeans(pcs, "pc", 2, 7);
            int[] labels = labels(km.labelled());
            assertTrue(agreement(labels, blob) >= 0.999, "K-means agreement " + agreement(labels, blob));
            assertEquals(N, km.sizes()[0] + km.sizes()[1]);
            double[][] c = km.centres();
            assertTrue(c[0][0] < c[1][0], "canonical order: first coordinate increasing");
            assertEquals(Arrays.stream(labels).filter(v -> v == 0).count(), km.sizes()[0]);

            Unsupervised.Clusters again = Unsupervised.kmeans(pcs, "pc", 2, 7);
            // same seed: same start and iterations; Spark sums partition results in task completion order, so
            // sums may differ in the last bit
            for (int c2 = 0; c2 < 2; c2++) {
                assertArrayEquals(km.centres()[c2], again.centres()[c2], 1e-12);
            }
            assertEquals(km.iterations(), again.iterations());
            assertArrayEquals(labels, labels(again.labelled()));
            assertEquals(km.cost(), again.cost(), 1e-12 * km.cost());

            Unsupervised.Mixture gm = Unsupervised.gaussianMixture(pcs, "pc", 2, 7);
            int[] gl = labels(gm.labelled());
            assertTrue(agreement(gl, blob) >= 0.999, "mixture agreement " + agreement(gl, blob));
            assertArrayEquals(labels, gl, "both find the blobs, and canonical labels agree");
            assertEquals(N, gm.rows());
            assertTrue(km.converged() && gm.converged());
            double w1 = Arrays.stream(blob).filter(v -> v == 1).count() / (double) N;
            double[] w = gm.weights();
            assertEquals(1.0, w[0] + w[1], 1e-12);
            assertTrue(Math.abs(w[0] - (1 - w1)) < 1e-3 || Math.abs(w[0] - w1) < 1e-3, Arrays.toString(w));
            assertTrue(gm.means()[0][0] < gm.means()[1][0]);
            assertEquals(2 - 1 + 2 * pca.kept() + pca.kept() * (pca.kept() + 1), gm.parameters());
            Row p = gm.labelled().select(Unsupervised.LABEL_COL, Unsupervised.PROBABILITY_COL).first();
            double[] prob = ((Vector) p.get(1)).toArray();
            assertTrue(prob[p.getInt(0)] > 0.5, "probability in canonical order");

            Unsupervised.Mixture gm2 = Unsupervised.gaussianMixture(pcs, "pc", 2, 7);
            assertArrayEquals(gm.weights(), gm2.weights(), 1e-12);
            for (int c2 = 0; c2 < 2; c2++) {
                assertArrayEquals(gm.means()[c2], gm2.means()[c2], 1e-9);
                for (int i = 0; i < pca.kept(); i++) {
                    assertArrayEquals(gm.covariances()[c2][i], gm2.covariances()[c2][i], 1e-9);
                }
            }
            assertEquals(gm.iterations(), gm2.iterations());
            assertEquals(gm.logLikelihood(), gm2.logLikelihood(), 1e-9 * Math.abs(gm.logLikelihood()));
            assertArrayEquals(gl, labels(gm2.labelled()));
        } finally {
            pcs.unpersist();
        }
    }

    @Test
    void elbowSuggestsTwo() {
        Unsupervised.Pca pca = Unsupervised.pca(data, "features", 0.95, 10);
        Dataset<Row> pcs = pca.transform(data, "features", "pc");
        Unsupervised.Elbow e = Unsupervised.elbow(pcs, "pc", 4, 11, 3000);
        assertEquals(4, e.points().size());
        assertEquals(N, e.rows());
        assertEquals(3000, e.sampleRows());
        assertEquals(2, e.suggestedK(), String.join("\n", e.lines()));
        assertEquals(2, e.silhouetteK(), String.join("\n", e.lines()));
        assertTrue(Double.isNaN(e.points().get(0).silhouette()));
        for (int i = 1; i < 4; i++) {
            assertTrue(e.points().get(i).wcss() < e.points().get(i - 1).wcss(), "WCSS falls with K");
        }
        // the K = 1 WCSS is the total sum of squares about the mean
        double[] z = new double[pca.kept()];
        double tss = 0;
        double[][] proj = new double[N][];
        for (int n = 0; n < N; n++) {
            proj[n] = pca.project(x[n], pca.kept());
            for (int j = 0; j < z.length; j++) {
                tss += proj[n][j] * proj[n][j];
            }
        }
        assertEquals(tss, e.points().get(0).wcss(), 1e-9 * tss);
        Unsupervised.Elbow again = Unsupervised.elbow(pcs, "pc", 4, 11, 3000);
        assertEquals(e.suggestedK(), again.suggestedK());
        for (int i = 0; i < 4; i++) {
            Unsupervised.ElbowPoint a = e.points().get(i);
            Unsupervised.ElbowPoint b = again.points().get(i);
            assertEquals(a.wcss(), b.wcss(), 1e-9 * a.wcss(), "same seed, same scan (to summation order)");
            assertEquals(a.bic(), b.bic(), 1e-9 * Math.abs(a.bic()));
            assertEquals(a.gmmIterations(), b.gmmIterations());
        }
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Unsupervised.pca(data, "features", 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Unsupervised.pca(data, "features", 1.5, 3));
        assertThrows(IllegalArgumentException.class, () -> Unsupervised.pca(data, "features", 0.9, 0));
        assertThrows(IllegalArgumentException.class, () -> Unsupervised.kmeans(data, "features", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Unsupervised.gaussianMixture(data, "features", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Unsupervised.elbow(data, "features", 1, 1));
    }

    static int[] labels(Dataset<Row> labelled) {
        int[] out = new int[N];
        for (Row r : labelled.select("id", Unsupervised.LABEL_COL).collectAsList()) {
            out[(int) r.getLong(0)] = r.getInt(1);
        }
        return out;
    }

    /** Fraction of equal labels, up to swapping the two. */
    static double agreement(int[] a, int[] b) {
        long same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return Math.max(same, a.length - same) / (double) a.length;
    }

    /** A seeded random orthogonal matrix (QR of a Gaussian matrix, via Commons Math's eigenvectors of A A^T). */
    static double[][] randomRotation(SplittableRandom rnd) {
        double[][] a = new double[D][D];
        for (double[] r : a) {
            for (int j = 0; j < D; j++) {
                r[j] = rnd.nextGaussian();
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(a);
        return new EigenDecomposition(m.multiply(m.transpose())).getV().getData();
    }
}
