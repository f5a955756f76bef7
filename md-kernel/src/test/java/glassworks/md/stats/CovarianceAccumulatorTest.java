package glassworks.md.stats;

import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-pass co-moments against Commons Math's two-pass covariance, correlation and OLS on the same data. */
class CovarianceAccumulatorTest {

    /** Three correlated variables with large offsets (like u ~ -7) and a response y = 2 + x0 - 3 x2 + noise. */
    private static double[][] data(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] rows = new double[n][4];
        for (int i = 0; i < n; i++) {
            double a = gauss(rnd);
            double b = gauss(rnd);
            double c = gauss(rnd);
            rows[i][0] = 1e4 + a;
            rows[i][1] = -7 + 0.5 * a + 0.2 * b;
            rows[i][2] = 3 * c - a;
            rows[i][3] = 2 + rows[i][0] - 3 * rows[i][2] + 0.7 * gauss(rnd);
        }
        return rows;
    }

    private static double gauss(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][j];
        }
        return c;
    }

    @Test
    void covarianceAndCorrelationEqualTwoPassValues() {
        double[][] rows = data(5000, 1);
        CovarianceAccumulator acc = new CovarianceAccumulator(4);
        for (double[] r : rows) {
            acc.add(r);
        }
        double[][] cov = new Covariance(rows).getCovarianceMatrix().getData();
        double[][] cor = new PearsonsCorrelation(rows).getCorrelationMatrix().getData();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(cov[i][j], acc.covariance(i, j), 1e-9 * Math.max(1, Math.abs(cov[i][j])));
                assertEquals(cor[i][j], acc.correlation(i, j), 1e-11);
            }
        }
        assertEquals(5000, acc.count());
    }

    @Test
    void mergedPartitionsEqualOneSequentialPass() {
        double[][] rows = data(3001, 2);
        CovarianceAccumulator one = new CovarianceAccumulator(4);
        CovarianceAccumulator[] parts = {new CovarianceAccumulator(4), new CovarianceAccumulator(4),
                new CovarianceAccumulator(4), new CovarianceAccumulator(4)};
        for (int i = 0; i < rows.length; i++) {
            one.add(rows[i]);
            parts[i < 7 ? 0 : i < 1500 ? 1 : 2].add(rows[i]); // uneven parts and an empty one
        }
        CovarianceAccumulator merged = new CovarianceAccumulator(4).merge(parts[3]).merge(parts[1]).merge(parts[0])
                .merge(parts[2]);
        assertEquals(one.count(), merged.count());
        for (int i = 0; i < 4; i++) {
            assertEquals(one.mean()[i], merged.mean()[i], 1e-12 * Math.max(1, Math.abs(one.mean()[i])));
            for (int j = 0; j < 4; j++) {
                assertEquals(one.covariance(i, j), merged.covariance(i, j), 1e-9 * Math.max(1, Math.abs(one.covariance(i, j))));
            }
        }
    }

    @Test
    void regressionEqualsCommonsMathOls() {
        double[][] rows = data(4000, 3);
        CovarianceAccumulator acc = new CovarianceAccumulator(4);
        for (double[] r : rows) {
            acc.add(r);
        }
        double[][] x = new double[rows.length][3];
        for (int i = 0; i < rows.length; i++) {
            x[i] = new double[] {rows[i][0], rows[i][1], rows[i][2]};
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(column(rows, 3), x);
        double[] b = ols.estimateRegressionParameters();
        CovarianceAccumulator.LinearFit fit = acc.regress(new int[] {0, 1, 2}, 3);
        assertEquals(b[0], fit.intercept(), 1e-6 * Math.abs(b[0]) + 1e-6);
        for (int k = 0; k < 3; k++) {
            assertEquals(b[k + 1], fit.coefficients()[k], 1e-8);
        }
        assertEquals(ols.calculateRSquared(), fit.r2(), 1e-10);
        assertEquals(ols.calculateAdjustedRSquared(), fit.r2Adjusted(), 1e-10);
        assertEquals(3, fit.rank());
        // Pearson of the fitted values with y equals sqrt(R^2)
        double[] fitted = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            fitted[i] = fit.intercept() + fit.coefficients()[0] * rows[i][0] + fit.coefficients()[1] * rows[i][1]
                    + fit.coefficients()[2] * rows[i][2];
        }
        assertEquals(new PearsonsCorrelation().correlation(fitted, column(rows, 3)), fit.pearsonR(), 1e-10);
        // the true model is recovered within its noise
        assertEquals(1.0, fit.coefficients()[0], 0.05);
        assertEquals(-3.0, fit.coefficients()[2], 0.05);
    }

    @Test
    void oneRegressorGivesTheSquaredCorrelation() {
        double[][] rows = data(1000, 4);
        CovarianceAccumulator acc = new CovarianceAccumulator(4);
        for (double[] r : rows) {
            acc.add(r);
        }
        double r = acc.correlation(2, 3);
        CovarianceAccumulator.LinearFit fit = acc.regress(new int[] {2}, 3);
        assertEquals(r * r, fit.r2(), 1e-12);
        assertEquals(Math.abs(r), fit.pearsonR(), 1e-12);
    }

    @Test
    void collinearPredictorsGiveTheMinimumNormSolution() {
        // x1 = 2 x0 exactly: OLS is singular; y = x0 is fitted perfectly with rank 1
        CovarianceAccumulator acc = new CovarianceAccumulator(3);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            double x = rnd.nextDouble();
            acc.add(new double[] {x, 2 * x, x});
        }
        CovarianceAccumulator.LinearFit fit = acc.regress(new int[] {0, 1}, 2);
        assertEquals(1, fit.rank());
        assertEquals(1.0, fit.r2(), 1e-12);
        // minimum norm: beta proportional to (1, 2) with beta0 + 2 beta1 = 1
        assertEquals(0.2, fit.coefficients()[0], 1e-10);
        assertEquals(0.4, fit.coefficients()[1], 1e-10);
        assertEquals(0.0, fit.intercept(), 1e-10);
    }

    @Test
    void pearsonFromMomentsMatchesThePairwiseTest() {
        double[][] rows = data(500, 6);
        CovarianceAccumulator acc = new CovarianceAccumulator(4);
        for (double[] r : rows) {
            acc.add(r);
        }
        PearsonResult direct = Correlation.pearson(column(rows, 1), column(rows, 2));
        PearsonResult moments = Correlation.ofCoefficient(acc.correlation(1, 2), acc.count(), 0, 0.95);
        assertEquals(direct.r(), moments.r(), 1e-12);
        assertEquals(direct.pValue(), moments.pValue(), 1e-12);
        assertEquals(direct.ciLower(), moments.ciLower(), 1e-12);
        assertEquals(direct.ciUpper(), moments.ciUpper(), 1e-12);
    }

    @Test
    void refusesNonFiniteValuesAndMismatchedSizes() {
        CovarianceAccumulator acc = new CovarianceAccumulator(2);
        assertThrows(IllegalArgumentException.class, () -> acc.add(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> acc.add(new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> acc.merge(new CovarianceAccumulator(3)));
        assertTrue(Double.isNaN(acc.correlation(0, 1)));
    }
}
