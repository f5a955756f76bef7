package glassworks.md.stats;

import java.util.SplittableRandom;

import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pearson and Spearman correlation against R's printed output, a hand computation and Commons Math. */
class CorrelationTest {
    private static final double NAN = Double.NaN;

    /** Hollander &amp; Wolfe (1973), the example of R's ?cor.test. */
    private static final double[] HW_X = {44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1};
    private static final double[] HW_Y = {2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8};

    @Test
    void matchesRsCorTestOnItsHelpPageExample() {
        // R: cor.test(x, y): t = 1.8411, df = 7, p-value = 0.1082 (0.1081731),
        // 95 percent confidence interval: -0.1497426 0.8955795; cor 0.5711816
        PearsonResult r = Correlation.pearson(HW_X, HW_Y);
        assertEquals(0.5711816, r.r(), 5e-8);
        assertEquals(1.841083, r.t(), 5e-7);
        assertEquals(7, r.degreesOfFreedom());
        assertEquals(0.1081731, r.pValue(), 5e-8);
        assertEquals(-0.1497426, r.ciLower(), 5e-8);
        assertEquals(0.8955795, r.ciUpper(), 5e-8);
        assertEquals(9, r.n());
        assertEquals(0, r.dropped());
        assertEquals(0.95, r.confidenceLevel());
    }

    @Test
    void spearmanOfTheSameExample() {
        // R: cor.test(x, y, method = "spearman"): rho = 0.6 (S = 48)
        SpearmanResult s = Correlation.spearman(HW_X, HW_Y);
        assertEquals(0.6, s.rho(), 1e-12);
        // t approximation, df = 7, computed from Student's t for odd df in closed form below
        double t = 0.6 * Math.sqrt(7 / (1 - 0.36));
        assertEquals(twoSidedTOddDf(t, 7), s.pValue(), 1e-10);
    }

    @Test
    void oldFaithfulAsPrintedByR() {
        // R: cor(faithful$eruptions, faithful$waiting) = 0.90081
        PearsonResult r = Correlation.pearson(RData.FAITHFUL_ERUPTIONS, RData.FAITHFUL_WAITING);
        assertEquals(0.90081, r.r(), 5e-6);
        assertEquals(272, r.n());
        assertTrue(r.pValue() < 1e-90 && r.pValue() > 0, "p keeps its digits: " + r.pValue());
    }

    @Test
    void handComputedFivePoints() {
        // x = 1..5, y = (2, 4, 5, 4, 5): Sxy = 6, Sxx = 10, Syy = 6, r = 6 / sqrt(60), r^2 = 0.6, t = sqrt(4.5)
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {2, 4, 5, 4, 5};
        PearsonResult r = Correlation.pearson(x, y, 0.9);
        double rr = 6 / Math.sqrt(60);
        assertEquals(rr, r.r(), 1e-15);
        assertEquals(Math.sqrt(4.5), r.t(), 1e-13);
        assertEquals(twoSidedTOddDf(Math.sqrt(4.5), 3), r.pValue(), 1e-12);
        double z = 0.5 * Math.log((1 + rr) / (1 - rr));
        double half = 1.6448536269514722 / Math.sqrt(2); // normal 0.95 quantile, n - 3 = 2
        assertEquals(Math.tanh(z - half), r.ciLower(), 1e-12);
        assertEquals(Math.tanh(z + half), r.ciUpper(), 1e-12);
        assertTrue(r.ciLower() < rr && rr < r.ciUpper());
    }

    @Test
    void agreesWithCommonsMathOnRandomData() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + random.nextInt(300);
            double[][] m = new double[n][2];
            double[] x = new double[n];
            double[] y = new double[n];
            double c = random.nextDouble() * 2 - 1;
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
                y[i] = c * x[i] + random.nextGaussian();
                m[i][0] = x[i];
                m[i][1] = y[i];
            }
            PearsonsCorrelation cm = new PearsonsCorrelation(new BlockRealMatrix(m));
            PearsonResult r = Correlation.pearson(x, y);
            assertEquals(cm.getCorrelationMatrix().getEntry(0, 1), r.r(), 1e-13);
            assertEquals(cm.getCorrelationPValues().getEntry(0, 1), r.pValue(), 1e-9 * Math.max(1e-3, r.pValue()));
            assertEquals(new SpearmansCorrelation().correlation(x, y), Correlation.spearman(x, y).rho(), 1e-13);
        }
    }

    @Test
    void olsPredictionAgainstTruthIsSqrtRSquaredInSample() {
        // seed 002's regression quality measure without a new class: Commons Math OLS + Pearson of prediction vs truth
        SplittableRandom random = new SplittableRandom(5);
        int n = 500;
        double[][] features = new double[n][3];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                features[i][j] = random.nextGaussian();
            }
            mu[i] = 0.3 + 0.8 * features[i][0] - 0.2 * features[i][2] + random.nextGaussian();
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(mu, features);
        double[] beta = ols.estimateRegressionParameters(); // intercept first
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = beta[0] + beta[1] * features[i][0] + beta[2] * features[i][1] + beta[3] * features[i][2];
        }
        assertEquals(Math.sqrt(ols.calculateRSquared()), Correlation.pearson(predicted, mu).r(), 1e-12);
        assertTrue(ols.calculateAdjustedRSquared() < ols.calculateRSquared());
    }

    @Test
    void nanPairsAreDroppedAndCounted() {
        double[] x = {44.4, NAN, 45.9, 41.9, 53.3, 44.7, 7.0, 44.1, 50.7, 45.2, 60.1};
        double[] y = {2.6, 1.0, 3.1, 2.5, 5.0, 3.6, NAN, 4.0, 5.2, 2.8, 3.8};
        PearsonResult r = Correlation.pearson(x, y);
        PearsonResult clean = Correlation.pearson(HW_X, HW_Y);
        assertEquals(9, r.n());
        assertEquals(2, r.dropped());
        assertEquals(clean.r(), r.r(), 1e-15);
        assertEquals(clean.ciUpper(), r.ciUpper(), 1e-15);
        SpearmanResult s = Correlation.spearman(x, y);
        assertEquals(9, s.n());
        assertEquals(2, s.dropped());
        assertEquals(0.6, s.rho(), 1e-12);
    }

    @Test
    void perfectAndDegenerateCases() {
        PearsonResult perfect = Correlation.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {-2, -4, -6, -8, -10});
        assertEquals(-1.0, perfect.r(), 0);
        assertEquals(0.0, perfect.pValue(), 0);
        assertEquals(-1.0, perfect.ciLower(), 0);
        assertEquals(-1.0, perfect.ciUpper(), 0);

        PearsonResult three = Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2});
        assertEquals(0.5, three.r(), 1e-15);
        assertTrue(Double.isFinite(three.pValue()));
        assertTrue(Double.isNaN(three.ciLower()) && Double.isNaN(three.ciUpper()), "no interval for n < 4");

        PearsonResult two = Correlation.pearson(new double[] {1, 2}, new double[] {3, 1});
        assertEquals(-1.0, two.r(), 1e-15);
        assertTrue(Double.isNaN(two.pValue()));

        PearsonResult one = Correlation.pearson(new double[] {1, NAN}, new double[] {3, 1});
        assertTrue(Double.isNaN(one.r()));
        assertEquals(1, one.n());

        PearsonResult constant = Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {5, 5, 5, 5});
        assertTrue(Double.isNaN(constant.r()) && Double.isNaN(constant.pValue()) && Double.isNaN(constant.ciLower()));
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Correlation.pearson(new double[3], new double[4]));
        assertThrows(IllegalArgumentException.class,
                () -> Correlation.pearson(new double[] {1, 2, Double.POSITIVE_INFINITY}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class,
                () -> Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 1.0));
    }

    /**
     * Two-sided p of Student's t for odd df in closed form (Abramowitz &amp; Stegun 26.7.3):
     * A(t|df) = (2/pi) [theta + sin(theta) (cos(theta) + (2/3) cos^3(theta) + (2 4)/(3 5) cos^5(theta) + ...)], up to
     * cos^(df-2), with theta = atan(t / sqrt(df)); p = 1 - A.
     */
    private static double twoSidedTOddDf(double t, int df) {
        double theta = Math.atan(Math.abs(t) / Math.sqrt(df));
        double c = Math.cos(theta);
        double sum = 0;
        if (df > 1) {
            double term = c;
            sum = term;
            for (int k = 3; k <= df - 2; k += 2) {
                term *= c * c * (k - 1) / k;
                sum += term;
            }
        }
        double a = 2 / Math.PI * (theta + Math.sin(theta) * sum);
        return 1 - a;
    }
}
