package glassworks.md.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dip-test p-values: R's printed values (diptest vignette "Dip Test Distributions, P-values, and other Explorations",
 * diptest 0.77-2, and the {@code dip.test} examples), the table interpolation at its knots, and the calibration of the
 * table against dips of uniform samples computed here.
 */
class DipPValueTest {

    private static int row(int n) {
        return Arrays.binarySearch(DipTable.N, n);
    }

    private static int column(double pr) {
        for (int j = 0; j < DipTable.PR.length; j++) {
            if (DipTable.PR[j] == pr) {
                return j;
            }
        }
        throw new IllegalArgumentException("no column " + pr);
    }

    @Test
    void statFacultyAsPrintedByR() {
        // R: dip.test(statfaculty): D = 0.059524, p-value = 0.08672
        DipResult r = DipTest.test(RData.STATFACULTY);
        assertEquals(0.059524, r.dip(), 5e-7);
        assertEquals(0.08672, r.pValue(), 5e-6);
        assertEquals(DipResult.PValueMethod.TABLE, r.method());
        assertEquals(63, r.n());
        assertEquals(1 - r.pValue(), r.oneMinusP(), 0);
    }

    @Test
    void oldFaithfulWaitingAsInTheVignette() {
        // R: D <- dip(faithful$waiting); table interpolation between n = 200 and 500 gives 0.001809527;
        // mean(D <= replicate(10000, dip(runif(272)))) gave 0.0021
        DipResult r = DipTest.test(RData.FAITHFUL_WAITING);
        assertEquals(272, r.n());
        assertEquals(0.001809527, r.pValue(), 5e-10);
        DipResult sim = DipTest.testSimulated(RData.FAITHFUL_WAITING, 4000, 7L);
        assertTrue(sim.pValue() < 0.01, sim::toString);
    }

    @Test
    void perfectlyBimodalFourPointsHaveZeroP() {
        // R: d.t <- dip.test(c(0,0, 1,1)); stopifnot(d.t$p.value == 0)
        assertEquals(0.0, DipTest.test(new double[] {0, 0, 1, 1}).pValue(), 0);
    }

    @Test
    void tableKnotsGiveTheirProbabilities() {
        int i = row(100);
        for (double pr : new double[] {0.01, 0.1, 0.5, 0.9, 0.95, 0.99}) {
            double q = DipTable.Q[i][column(pr)];
            assertEquals(1 - pr, DipTest.tablePValue(q, 100), 1e-12, "Pr " + pr);
        }
        assertEquals(0.05, DipTest.tablePValue(DipTable.Q[row(1000)][column(0.95)], 1000), 1e-12);
    }

    @Test
    void interpolatesLinearlyInNOnTheSqrtNScale() {
        // n = 150 is half way between the rows n = 100 and n = 200 (R's f.n = 0.5)
        int j = column(0.9);
        double y = 0.5 * (Math.sqrt(100) * DipTable.Q[row(100)][j] + Math.sqrt(200) * DipTable.Q[row(200)][j]);
        assertEquals(0.1, DipTest.tablePValue(y / Math.sqrt(150), 150), 1e-12);
    }

    @Test
    void clampsOutsideTheTableAndExtrapolatesBeyondTheLargestN() {
        assertEquals(1.0, DipTest.tablePValue(1e-6, 500), 0);
        assertEquals(0.0, DipTest.tablePValue(0.25, 500), 0);
        // beyond n = 72000 the last row is the asymptotic law of sqrt(n) D
        double q = DipTable.Q[DipTable.N.length - 1][column(0.5)];
        assertEquals(0.5, DipTest.tablePValue(q * Math.sqrt(72000.0 / 288000), 288000), 1e-12);
        assertEquals(0.5, DipTest.tablePValue(q, 72000), 1e-12);
        assertEquals(1.0, DipTest.tablePValue(0.2, 3), 0);
    }

    @Test
    void tiedKnotsAtSmallNAreMergedAsRsApprox() {
        // n = 5: the quantiles for Pr = 0 .. 0.3 all equal 1/(2n) = 0.1; approx(ties = mean) merges them
        double meanPr = (0 + 0.01 + 0.02 + 0.05 + 0.1 + 0.2 + 0.3) / 7;
        assertEquals(1 - meanPr, DipTest.tablePValue(0.1, 5), 1e-12);
        assertEquals(0.25, DipTest.interpolate(new double[] {1, 1, 2}, new double[] {0, 0.5, 1}, 0.5), 1e-15);
        assertEquals(0.625, DipTest.interpolate(new double[] {1, 1, 2}, new double[] {0, 0.5, 1}, 1.5), 1e-15);
    }

    @Test
    void tableIsMonotoneAndStartsAtOneOverTwoN() {
        for (int i = 0; i < DipTable.N.length; i++) {
            for (int j = 1; j < DipTable.PR.length; j++) {
                assertTrue(DipTable.Q[i][j] >= DipTable.Q[i][j - 1], "row " + DipTable.N[i] + " col " + j);
            }
            if (DipTable.N[i] <= 10) {
                assertEquals(1.0 / (2 * DipTable.N[i]), DipTable.Q[i][0], 1e-15);
            }
        }
        // spot values as printed by the second transcription (kjohnsson/modality)
        assertEquals(0.0354621760592113, DipTable.Q[row(100)][column(0.5)], 0);
        assertEquals(0.0120380990328341, DipTable.Q[row(2000)][column(0.95)], 0);
        assertEquals(0.00376331697005859, DipTable.Q[row(72000)][column(1)], 0);
    }

    @Test
    void tableAgreesWithDipsOfUniformSamplesComputedHere() {
        // 4000 uniform samples of n = 100: the fraction of dips <= the table's Pr-quantile must be ~Pr
        // (binomial sd <= 0.008; 4 sd allowed). R's tests/sim1 (9999 draws) printed the same quantiles.
        SplittableRandom random = new SplittableRandom(2024);
        int draws = 4000;
        int n = 100;
        double[] dips = new double[draws];
        double[] u = new double[n];
        int below05 = 0;
        for (int b = 0; b < draws; b++) {
            for (int i = 0; i < n; i++) {
                u[i] = random.nextDouble();
            }
            dips[b] = DipTest.dip(u);
            if (DipTest.tablePValue(dips[b], n) < 0.05) {
                below05++;
            }
        }
        for (double pr : new double[] {0.1, 0.3, 0.5, 0.8, 0.95}) {
            double q = DipTable.Q[row(n)][column(pr)];
            long atMost = Arrays.stream(dips).filter(d -> d <= q).count();
            double sd = Math.sqrt(pr * (1 - pr) / draws);
            assertEquals(pr, (double) atMost / draws, 4 * sd, "Pr " + pr);
        }
        // p-values of null samples are uniform: P(p < 0.05) = 0.05
        assertEquals(0.05, (double) below05 / draws, 4 * Math.sqrt(0.05 * 0.95 / draws));
    }

    @Test
    void bimodalGaussianMixtureIsSignificant() {
        double[] x = mixture(2000, 3.0, 99L);
        DipResult table = DipTest.test(x);
        assertTrue(table.pValue() < 0.01, table::toString);
        // the modal interval is the one around one of the two modes
        assertTrue(Math.abs(Math.abs(0.5 * (table.modalLower() + table.modalUpper())) - 3) < 1.5, table::toString);
        DipResult sim = DipTest.testSimulated(x, 500, 5L);
        assertTrue(sim.pValue() < 0.01, sim::toString);
        assertEquals(DipResult.PValueMethod.SIMULATED, sim.method());
        assertEquals(500, sim.draws());
        assertEquals(table.dip(), sim.dip(), 0);
    }

    @Test
    void unimodalNormalSampleIsNotSignificant() {
        double[] x = mixture(2000, 0.0, 123L);
        DipResult table = DipTest.test(x);
        assertTrue(table.pValue() > 0.05, table::toString);
        DipResult sim = DipTest.testSimulated(x, 500, 5L);
        assertTrue(sim.pValue() > 0.05, sim::toString);
    }

    @Test
    void simulatedPValueIsReproducibleAndOnTheOneOverDrawsGrid() {
        DipResult a = DipTest.testSimulated(RData.STATFACULTY, 1000, 42L);
        DipResult b = DipTest.testSimulated(RData.STATFACULTY, 1000, 42L);
        assertEquals(a, b);
        double k = a.pValue() * 1000;
        assertEquals(Math.rint(k), k, 1e-9);
        // and it agrees with the table (R: 0.08672) within Monte Carlo error (sd ~ 0.009)
        assertEquals(0.08672, a.pValue(), 0.04);
        assertEquals(DipResult.PValueMethod.TRIVIAL, DipTest.testSimulated(new double[] {1, 2}, 10, 1L).method());
    }

    /** n values from an equal mixture of N(-shift, 1) and N(+shift, 1) (shift 0: one standard normal). */
    private static double[] mixture(int n, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (random.nextBoolean() ? shift : -shift) + random.nextGaussian();
        }
        return x;
    }
}
