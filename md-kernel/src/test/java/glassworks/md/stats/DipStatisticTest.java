package glassworks.md.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dip statistic and modal interval against values printed by R's diptest (github.com/mmaechler/diptest,
 * {@code tests/ex1.Rout.save-64b} of diptest 0.77, R 4.5.1, and {@code tests/mechler-ex.Rout.save-32b}), plus closed
 * forms and invariances that follow from the definition.
 */
class DipStatisticTest {

    private static void assertDip(double expected, double lower, double upper, double[] x, double tol) {
        DipResult r = DipTest.test(x);
        assertEquals(expected, r.dip(), tol, "dip");
        assertEquals(lower, r.modalLower(), 0, "modal lower");
        assertEquals(upper, r.modalUpper(), 0, "modal upper");
    }

    @Test
    void twoPointMassHasTheLargestPossibleDip() {
        // R: stopifnot(dip(c(1,1,2,2)) == 1/4)
        assertEquals(0.25, DipTest.dip(new double[] {1, 1, 2, 2}), 0);
    }

    @Test
    void smallUnimodalExampleGivesOneOverTwoN() {
        // R: u <- cumsum(0:3); stopifnot(dip(u) == dip(-u), dip(u) == 1/(2*4))
        double[] u = {0, 1, 3, 6};
        assertEquals(0.125, DipTest.dip(u), 0);
        assertEquals(0.125, DipTest.dip(new double[] {0, -1, -3, -6}), 0);
    }

    @Test
    void mirroredFivePointExampleFromR() {
        // R: x <- c(0,2:3,5:6); dip(x, full=TRUE): 2n*D = 1.33333 -> dip 0.133, lo.hi = (4, 5), xl = 5, xu = 6
        assertDip(2.0 / 15, 5, 6, new double[] {0, 2, 3, 5, 6}, 1e-12);
        // dip(6 - x): same dip, lo.hi = (3, 4), xl = 3, xu = 4
        assertDip(2.0 / 15, 3, 4, new double[] {6, 4, 3, 1, 0}, 1e-12);
    }

    @Test
    void tiesYongLuExample() {
        // R: x2 <- c(1, rep(2, 9)); dip = 0.05, lo.hi = (2, 10), xl = xu = 2; dip(x2) == dip(3 - x2)
        double[] x2 = {1, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        assertDip(0.05, 2, 2, x2, 1e-15);
        double[] mirrored = Arrays.stream(x2).map(v -> 3 - v).toArray();
        assertEquals(DipTest.dip(x2), DipTest.dip(mirrored), 0);
    }

    @Test
    void statFacultyFromHartigans() {
        // R: dip(statfaculty, full = "all"): final 2n*D = 7.5 (n = 63), lo.hi = (7, 44), xl = 39, xu = 54
        assertDip(7.5 / 126, 39, 54, RData.STATFACULTY, 1e-12);
    }

    @Test
    void oldFaithfulEruptions() {
        // R: dip(faithful$eruptions, full = "all"): 2n*D = 50.2553 (n = 272), dip 0.0924, lo.hi = (120, 261),
        // xl = 3.83, xu = 4.83 (x[120] = 3.833, x[261] = 4.833)
        assertDip(50.2553 / 544, 3.833, 4.833, RData.FAITHFUL_ERUPTIONS, 1e-7);
    }

    @Test
    void mechlerExamples() {
        // R (diptest, tests/mechler-ex): ex1 * 10000 -> dip 0.08333333333, xl 2898, xu 5661;
        // ex2 * 10000 -> dip 0.04166666667, xl 2898, xu 3184
        double[] ex1 = {198, 198, 1961, 2898, 3184, 3687, 4336, 4987, 5661, 6530, 7476, 8555};
        double[] ex2 = {198, 1961, 2898, 3184, 3687, 4336, 4987, 5661, 6530, 7476, 8555, 9912};
        assertDip(1.0 / 12, 2898, 5661, ex1, 1e-11);
        assertDip(1.0 / 24, 2898, 3184, ex2, 1e-11);
    }

    @Test
    void fewerThanFourPointsOrAllEqualGiveOneOverTwoN() {
        assertEquals(0.5, DipTest.dip(new double[] {3.0}), 0);
        assertEquals(0.25, DipTest.dip(new double[] {3.0, -1.0}), 0);
        assertEquals(1.0 / 6, DipTest.dip(new double[] {3.0, -1.0, 10.0}), 1e-15);
        assertEquals(1.0 / 6, DipTest.dip(new double[] {0.0, 0.0, 1.0}), 1e-15);
        assertEquals(1.0 / 14, DipTest.dip(new double[] {2, 2, 2, 2, 2, 2, 2}), 1e-15);
        DipResult r = DipTest.test(new double[] {5, 1, 3});
        assertEquals(1.0, r.pValue());
        assertEquals(DipResult.PValueMethod.TRIVIAL, r.method());
        assertEquals(3, r.n());
    }

    @Test
    void exactQuantilesOfAUnimodalLawGiveOneOverTwoN() {
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        for (int n : new int[] {10, 50, 400}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = normal.inverseCumulativeProbability((i + 0.5) / n);
            }
            assertEquals(1.0 / (2 * n), DipTest.dip(x), 1e-12, "n = " + n);
        }
    }

    @Test
    void twoEqualPointMassesHaveDipOneQuarter() {
        // R (diptest vignette): the maximal dip 1/4 is reached by (0, ..., 0, 1, ..., 1) with equal masses
        for (int m = 1; m <= 40; m++) {
            double[] x = new double[2 * m];
            Arrays.fill(x, m, 2 * m, 1.0);
            assertEquals(0.25, DipTest.dip(x), 1e-15, "m = " + m);
        }
    }

    @Test
    void twoEqualClustersFarApartComparedWithTheirWidthHaveDipNearOneQuarter() {
        // m evenly spaced points per cluster, width m - 1, gap 1e6 m: dip = 1/4 - O(width / gap) for every m
        for (int m : new int[] {2, 5, 50, 1000}) {
            double[] x = new double[2 * m];
            for (int i = 0; i < m; i++) {
                x[i] = i;
                x[m + i] = 1e6 * m + i;
            }
            double d = DipTest.dip(x);
            assertTrue(d <= 0.25 && 0.25 - d < 1e-6, "m = " + m + ": " + d);
        }
        // as the clusters move together the dip falls towards the unimodal floor
        double previous = 0.25;
        for (double gap : new double[] {1e3, 30, 10, 3, 1, 0}) {
            double[] x = new double[400];
            for (int i = 0; i < 200; i++) {
                x[i] = i / 200.0;
                x[200 + i] = 1 + gap + i / 200.0;
            }
            double d = DipTest.dip(x);
            assertTrue(d <= previous + 1e-12, "gap " + gap + ": " + d + " after " + previous);
            previous = d;
        }
        assertEquals(1.0 / 800, previous, 1e-12, "one uniform block: the floor 1/(2n)");
    }

    @Test
    void invariantUnderOrderMirrorAndAffineMaps() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = 4 + random.nextInt(200);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                // a mixture with ties (rounded) so both generic and tied cases are exercised
                double v = random.nextBoolean() ? random.nextGaussian() : 2.5 + 0.7 * random.nextGaussian();
                x[i] = trial % 2 == 0 ? v : Math.rint(v * 4) / 4;
            }
            double d = DipTest.dip(x);
            assertTrue(d >= 1.0 / (2 * n) - 1e-15 && d <= 0.25 + 1e-15, "bounds: " + d);
            double[] mirrored = Arrays.stream(x).map(v -> -v).toArray();
            double[] affine = Arrays.stream(x).map(v -> 3 + 0.5 * v).toArray();
            double[] reversed = new double[n];
            for (int i = 0; i < n; i++) {
                reversed[i] = x[n - 1 - i];
            }
            assertEquals(d, DipTest.dip(mirrored), 1e-12, "mirror, trial " + trial);
            assertEquals(d, DipTest.dip(affine), 1e-12, "affine, trial " + trial);
            assertEquals(d, DipTest.dip(reversed), 0, "order, trial " + trial);
        }
    }

    @Test
    void nanValuesAreDroppedAndCounted() {
        double[] x = {0, 2, Double.NaN, 3, 5, 6, Double.NaN};
        DipResult r = DipTest.test(x);
        assertEquals(5, r.n());
        assertEquals(2.0 / 15, r.dip(), 1e-12);
    }

    @Test
    void refusesEmptyAllNanAndInfiniteSamples() {
        assertThrows(IllegalArgumentException.class, () -> DipTest.dip(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> DipTest.dip(new double[] {Double.NaN, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> DipTest.test(new double[] {1, 2, Double.POSITIVE_INFINITY}));
    }
}
