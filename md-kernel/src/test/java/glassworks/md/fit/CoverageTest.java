package glassworks.md.fit;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stated errors are honest: over 200 seeded noisy data sets the fitted parameters lie within one standard error of
 * the truth about 68% of the time (accepted: 55-80%), within three about 99.7% (accepted: at least 95%), and the mean
 * stated error matches the spread of the estimates (ratio accepted: 0.75-1.33). Noise is Gaussian on ln tau
 * (multiplicative on tau), fixed seeds.
 */
class CoverageTest {
    private static final int REPS = 200;

    /** One data set per seed, fitted. */
    private static void coverage(String label, double[] truth, Function<SplittableRandom, FitResult> fit) {
        int np = truth.length;
        int[] within1 = new int[np];
        int[] within3 = new int[np];
        double[] sum = new double[np];
        double[] sumSq = new double[np];
        double[] sumErr = new double[np];
        double sumReduced = 0;
        for (int rep = 0; rep < REPS; rep++) {
            FitResult r = fit.apply(new SplittableRandom(label.hashCode() * 1000L + rep));
            assertTrue(r.converged(), r::toString);
            sumReduced += r.reducedChiSquare();
            for (int j = 0; j < np; j++) {
                double v = r.values()[j];
                double e = r.errors()[j];
                assertTrue(e > 0 && Double.isFinite(e), r::toString);
                double z = Math.abs(v - truth[j]) / e;
                within1[j] += z <= 1 ? 1 : 0;
                within3[j] += z <= 3 ? 1 : 0;
                sum[j] += v;
                sumSq[j] += v * v;
                sumErr[j] += e;
            }
        }
        FitResult names = fit.apply(new SplittableRandom(0));
        for (int j = 0; j < np; j++) {
            double mean = sum[j] / REPS;
            double sd = Math.sqrt((sumSq[j] - REPS * mean * mean) / (REPS - 1));
            double meanErr = sumErr[j] / REPS;
            double f1 = (double) within1[j] / REPS;
            double f3 = (double) within3[j] / REPS;
            String name = names.parameterNames().get(j);
            System.out.printf(Locale.ROOT, "%-28s %-8s truth %9.5f  mean %9.5f  sd %8.5f  mean se %8.5f  "
                            + "within 1 se %4.1f%%  within 3 se %5.1f%%  <chi2/dof> %.3f%n", label, name, truth[j], mean,
                    sd, meanErr, 100 * f1, 100 * f3, sumReduced / REPS);
            assertTrue(f1 >= 0.55 && f1 <= 0.80, label + " " + name + ": " + f1 + " within 1 se");
            assertTrue(f3 >= 0.95, label + " " + name + ": " + f3 + " within 3 se");
            double ratio = meanErr / sd;
            assertTrue(ratio > 0.75 && ratio < 1.33, label + " " + name + ": mean se / sd = " + ratio);
        }
        if (names.weighted()) {
            assertEquals(1.0, sumReduced / REPS, 0.15, label + ": mean reduced chi^2 with the true sigmas");
        }
    }

    @Test
    void arrheniusUnweighted() {
        double[] t = Synthetic.grid(0.45, 1.0, 12);
        double[] tau = Synthetic.exact(t, x -> Synthetic.arrhenius(x, -2.0, 3.0));
        double[] sigma = Synthetic.constant(t.length, 0.05);
        coverage("arrhenius", new double[] {-2.0, 3.0},
                rnd -> Fits.arrhenius(t, Synthetic.multiplicative(tau, sigma, rnd), null));
    }

    @Test
    void arrheniusWeightedHeteroscedastic() {
        double[] t = Synthetic.grid(0.45, 1.0, 12);
        double[] tau = Synthetic.exact(t, x -> Synthetic.arrhenius(x, -2.0, 3.0));
        double[] sigma = Synthetic.grid(0.15, 0.02, 12); // noisiest at low T, as with few long runs
        coverage("arrhenius weighted", new double[] {-2.0, 3.0},
                rnd -> Fits.arrhenius(t, Synthetic.multiplicative(tau, sigma, rnd), sigma));
    }

    @Test
    void vft() {
        double[] t = Synthetic.grid(0.42, 1.2, 14);
        double[] tau = Synthetic.exact(t, x -> Synthetic.vft(x, -1.5, 2.0, 0.3));
        double[] sigma = Synthetic.constant(t.length, 0.03);
        coverage("vft", new double[] {-1.5, 2.0, 0.3},
                rnd -> Fits.vft(t, Synthetic.multiplicative(tau, sigma, rnd), null));
    }

    @Test
    void vftWeighted() {
        double[] t = Synthetic.grid(0.42, 1.2, 14);
        double[] tau = Synthetic.exact(t, x -> Synthetic.vft(x, -1.5, 2.0, 0.3));
        double[] sigma = Synthetic.grid(0.06, 0.02, 14);
        coverage("vft weighted", new double[] {-1.5, 2.0, 0.3},
                rnd -> Fits.vft(t, Synthetic.multiplicative(tau, sigma, rnd), sigma));
    }

    @Test
    void mct() {
        double[] t = Synthetic.grid(0.47, 1.0, 12);
        double[] tau = Synthetic.exact(t, x -> Synthetic.mct(x, 0.5, 2.5, 0.435));
        double[] sigma = Synthetic.constant(t.length, 0.05);
        coverage("mct", new double[] {0.5, 2.5, 0.435},
                rnd -> Fits.mct(t, Synthetic.multiplicative(tau, sigma, rnd), null));
    }

    @Test
    void powerLawInTime() {
        double[] time = Synthetic.logGrid(10, 1e4, 15);
        double[] l = Synthetic.exact(time, s -> Math.exp(0.2) * Math.pow(s, 1.0 / 3));
        double[] sigma = Synthetic.constant(time.length, 0.02);
        coverage("power law in time", new double[] {0.2, 1.0 / 3},
                rnd -> Fits.powerLaw(time, Synthetic.multiplicative(l, sigma, rnd), null));
    }

    @Test
    void linearAndAgainstInverseT() {
        double[] x = Synthetic.grid(0, 10, 11);
        double[] y = Synthetic.exact(x, v -> 1 + 2 * v);
        double[] sigma = Synthetic.constant(x.length, 0.5);
        coverage("linear", new double[] {1, 2}, rnd -> Fits.linear(x, Synthetic.additive(y, sigma, rnd), null));

        double[] t = Synthetic.grid(0.45, 1.0, 8);
        double[] lnP = Synthetic.exact(t, v -> 1.5 - 2.5 / v);
        double[] sigmaLnP = Synthetic.grid(0.3, 0.05, 8);
        coverage("against 1/T weighted", new double[] {1.5, -2.5},
                rnd -> Fits.againstInverseT(t, Synthetic.additive(lnP, sigmaLnP, rnd), sigmaLnP));
    }
}
