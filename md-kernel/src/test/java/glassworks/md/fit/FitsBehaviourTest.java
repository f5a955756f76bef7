package glassworks.md.fit;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Error conventions against closed forms, VFT on Arrhenius data, Stokes–Einstein, L ~ t^(1/3), predictions. */
class FitsBehaviourTest {

    @Test
    void unweightedLineErrorsEqualTheTextbookFormulas() {
        double[] x = Synthetic.grid(0, 10, 11);
        double[] y = Synthetic.additive(Synthetic.exact(x, v -> 1 + 2 * v), Synthetic.constant(11, 0.5),
                new SplittableRandom(7));
        FitResult r = Fits.linear(x, y, null);
        int n = x.length;
        double xm = 0;
        double ym = 0;
        for (int i = 0; i < n; i++) {
            xm += x[i] / n;
            ym += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - xm) * (x[i] - xm);
            sxy += (x[i] - xm) * (y[i] - ym);
        }
        double b = sxy / sxx;
        double a = ym - b * xm;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            rss += Math.pow(y[i] - a - b * x[i], 2);
        }
        double s2 = rss / (n - 2);
        assertEquals(a, r.value("a"), 1e-10);
        assertEquals(b, r.value("b"), 1e-10);
        assertEquals(rss, r.chiSquare(), 1e-10);
        assertEquals(s2, r.reducedChiSquare(), 1e-10);
        assertEquals(Math.sqrt(s2 / sxx), r.error("b"), 1e-10);
        assertEquals(Math.sqrt(s2 * (1.0 / n + xm * xm / sxx)), r.error("a"), 1e-10);
        assertEquals(-s2 * xm / sxx, r.covariance()[0][1], 1e-10);
        // prediction error = sqrt(var a + 2 x cov + x^2 var b)
        double x0 = 13;
        assertEquals(Math.sqrt(s2 * (1.0 / n + (x0 - xm) * (x0 - xm) / sxx)), r.predictionError(x0), 1e-10);
        assertEquals(a + b * x0, r.predict(x0), 1e-10);
    }

    @Test
    void weightedErrorsTrustTheSigmasAndUnweightedErrorsFollowTheScatter() {
        double[] t = Synthetic.grid(0.45, 1.0, 10);
        double[] tau = Synthetic.exact(t, x -> Synthetic.arrhenius(x, -2.0, 3.0));
        double[] sigma = Synthetic.constant(10, 0.05);
        double[] noisy = Synthetic.multiplicative(tau, sigma, new SplittableRandom(3));
        FitResult w1 = Fits.arrhenius(t, noisy, sigma);
        double[] doubled = Synthetic.constant(10, 0.1);
        FitResult w2 = Fits.arrhenius(t, noisy, doubled);
        // same values; errors proportional to the stated sigmas, whatever the scatter; chi^2 / 4
        assertArrayEquals(w1.values(), w2.values(), 1e-12);
        assertEquals(2 * w1.error("E"), w2.error("E"), 1e-12);
        assertEquals(w1.chiSquare() / 4, w2.chiSquare(), 1e-12);
        // weighted (unscaled) errors for equal sigmas equal the unweighted ones times sigma / s
        FitResult u = Fits.arrhenius(t, noisy, null);
        assertEquals(u.error("E") / Math.sqrt(u.reducedChiSquare()) * 0.05, w1.error("E"), 1e-12);
        // doubling the noise doubles the unweighted errors
        double[] noisier = Synthetic.multiplicative(tau, doubled, new SplittableRandom(3));
        FitResult u2 = Fits.arrhenius(t, noisier, null);
        assertEquals(2 * u.error("E"), u2.error("E"), 1e-9);
        assertTrue(!u.weighted() && w1.weighted());
    }

    @Test
    void vftOnArrheniusDataFindsT0NearZeroAndSaysSo() {
        double[] t = Synthetic.grid(0.45, 1.0, 12);
        double[] tau = Synthetic.exact(t, x -> Synthetic.arrhenius(x, -2.0, 3.0));
        // noise-free: T0 = 0 exactly (VFT is Arrhenius there), D = B / T0 infinite, B = E
        FitResult exact = Fits.vft(t, tau, null);
        assertTrue(exact.converged(), exact::toString);
        assertEquals(0, exact.value("T0"), 1e-8);
        assertEquals(3.0, exact.fitParameters()[1], 1e-8);
        assertTrue(Math.abs(exact.value("D")) > 1e6, exact::toString);
        assertTrue(exact.message().contains("consistent with 0"), exact::message);
        assertEquals(tau[3], exact.predict(t[3]), 1e-9 * tau[3]);
        // noisy: T0 is within its (large) error of 0, B ~ E, the fragility D is undetermined. Over 1000 seeds of this
        // design 66% of the T0 lie within 1 se of 0 and 97.8% within 3 se (heavier tails than Gaussian: VFT is strongly
        // nonlinear at T0 ~ 0), 92% are flagged; on 20 seeds allow two outliers.
        int consistent = 0;
        int flagged = 0;
        for (int seed = 0; seed < 20; seed++) {
            double[] noisy = Synthetic.multiplicative(tau, Synthetic.constant(12, 0.05), new SplittableRandom(seed));
            FitResult r = Fits.vft(t, noisy, null);
            assertTrue(r.converged(), r::toString);
            double seB = Math.sqrt(r.fitCovariance()[1][1]);
            boolean zeroT0 = Math.abs(r.value("T0")) < 3 * r.error("T0");
            boolean undeterminedD = Math.abs(r.value("D")) < 3 * r.error("D");
            boolean bIsE = Math.abs(r.fitParameters()[1] - 3.0) < 3 * seB; // B = D T0 plays the Arrhenius E
            consistent += zeroT0 && undeterminedD && bIsE ? 1 : 0;
            flagged += r.message().contains("consistent with 0") ? 1 : 0;
        }
        assertTrue(consistent >= 18, consistent + " of 20 noisy Arrhenius sets with T0 ~ 0, D undetermined, B ~ E");
        assertTrue(flagged >= 15, flagged + " of 20 noisy Arrhenius sets flagged");
    }

    @Test
    void stokesEinsteinProduct() {
        double[] t = {0.45, 0.6, 1.0, 2.0};
        double[] tau = {900, 40, 3, 0.8};
        double[] d = new double[4];
        for (int i = 0; i < 4; i++) {
            d[i] = 0.25 * t[i] / tau[i];
        }
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, Fits.stokesEinstein(t, d, tau), 1e-15);
        assertArrayEquals(new double[] {2 * 3 / 0.5}, Fits.stokesEinstein(new double[] {0.5}, new double[] {2},
                new double[] {3}), 1e-15);
    }

    @Test
    void domainGrowthExponentOneThird() {
        double[] time = Synthetic.logGrid(5, 2e4, 25);
        double[] l = Synthetic.exact(time, s -> 1.7 * Math.cbrt(s));
        double[] noisy = Synthetic.multiplicative(l, Synthetic.constant(25, 0.03), new SplittableRandom(42));
        FitResult r = Fits.powerLaw(time, noisy, null);
        assertTrue(r.converged());
        assertEquals(1.0 / 3, r.value("n"), 3 * r.error("n"), r::toString);
        assertEquals(1.0 / 3, r.value("n"), 0.01, r::toString);
        assertEquals(1.7, r.expEstimate("ln_A").value(), 3 * r.expEstimate("ln_A").error(), r::toString);
        assertEquals("power_law_t", r.modelName());
        assertEquals(5, r.rangeMin(), 1e-12);
        assertEquals(2e4, r.rangeMax(), 1e-9);
        assertTrue(r.rSquared() > 0.99);
    }

    @Test
    void energyBarrierFromAgainstInverseT() {
        // ln P = Sigma - Delta_E / T with binomial errors var(ln P) = (1 - P) / (n P)
        double sigmaEntropic = 2.0;
        double barrier = 3.0;
        double[] t = Synthetic.grid(0.45, 0.8, 7);
        int samples = 20000;
        SplittableRandom rnd = new SplittableRandom(11);
        double[] lnP = new double[t.length];
        double[] sig = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double p = Math.exp(sigmaEntropic - barrier / t[i]);
            int events = 0;
            for (int k = 0; k < samples; k++) {
                events += rnd.nextDouble() < p ? 1 : 0;
            }
            double ph = (double) events / samples;
            lnP[i] = Math.log(ph);
            sig[i] = Math.sqrt((1 - ph) / (samples * ph));
        }
        FitResult r = Fits.againstInverseT(t, lnP, sig);
        assertEquals(-barrier, r.value("b"), 3 * r.error("b"), r::toString);
        assertEquals(sigmaEntropic, r.value("a"), 3 * r.error("a"), r::toString);
        assertEquals("inverse_t_linear", r.modelName());
    }

    @Test
    void resultAccessorsAndDefensiveCopies() {
        double[] t = Synthetic.grid(0.42, 1.2, 14);
        double[] tau = Synthetic.multiplicative(Synthetic.exact(t, x -> Synthetic.vft(x, -1.5, 2.0, 0.3)),
                Synthetic.constant(14, 0.03), new SplittableRandom(5));
        FitResult r = Fits.vft(t, tau, null);
        assertEquals(java.util.List.of("ln_tau0", "D", "T0"), r.parameterNames());
        assertEquals(r.values()[1], r.value("D"));
        assertEquals(Math.sqrt(r.covariance()[2][2]), r.error("T0"), 1e-15);
        assertEquals(r.fitParameters()[1], r.value("D") * r.value("T0"), 1e-12);
        r.values()[0] = 99;
        assertTrue(r.values()[0] != 99);
        assertEquals(11, r.degreesOfFreedom());
        assertTrue(r.iterations() >= 1, r::toString);
        assertTrue(r.message().isEmpty(), r::message);
        // predict and its relative error, e.g. an extrapolation to lower T
        assertEquals(Math.exp(r.predictFitted(0.38)), r.predict(0.38), 1e-9 * r.predict(0.38));
        assertTrue(r.predictionError(0.38) > r.predictionError(0.8));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> r.value("E"));
        assertTrue(e.getMessage().contains("[ln_tau0, D, T0]"));
    }
}
