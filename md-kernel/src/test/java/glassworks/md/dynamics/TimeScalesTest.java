package glassworks.md.dynamics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tau_alpha, D and the chi_4 peak recovered from synthetic curves within the errors the estimators state. */
class TimeScalesTest {

    private static double[] logGrid(double from, double to, int perDecade) {
        int m = (int) Math.round(Math.log10(to / from) * perDecade) + 1;
        double[] t = new double[m];
        for (int j = 0; j < m; j++) {
            t[j] = from * Math.pow(10, (double) j / perDecade);
        }
        return t;
    }

    @Test
    void tauOfStretchedExponentialsWithinTheStatedInterpolationError() {
        for (double beta : new double[]{1.0, 0.6, 0.4}) {
            for (int perDecade : new int[]{3, 5, 10}) {
                for (double tau : new double[]{37, 2.2e3}) {
                    double[] t = logGrid(0.01, 1e6, perDecade);
                    double[] f = new double[t.length];
                    for (int j = 0; j < t.length; j++) {
                        f[j] = 0.8 * Math.exp(-Math.pow(t[j] / tau, beta)) + 0.2 * Math.exp(-t[j] / 0.05);
                    }
                    // F_s with a fast 20 % initial decay then alpha relaxation: the 1/e crossing of the full curve
                    double want = bisect(tt -> 0.8 * Math.exp(-Math.pow(tt / tau, beta)) + 0.2 * Math.exp(-tt / 0.05)
                            - Math.exp(-1), 1e-3, 1e7);
                    TimeScales.Crossing c = TimeScales.crossing(t, f, null, Math.exp(-1));
                    String at = "beta " + beta + " per decade " + perDecade + " tau " + tau + ": " + c;
                    assertTrue(Math.abs(c.time() - want) <= c.error() * 1.0001 + 1e-9 * want, at + " want " + want);
                    assertTrue(c.error() < 0.2 * want, at);
                    if (perDecade == 10) {
                        assertEquals(want, c.time(), 0.02 * want, at);
                    }
                }
            }
        }
    }

    private interface Fn {
        double at(double x);
    }

    private static double bisect(Fn f, double lo, double hi) {
        for (int i = 0; i < 200; i++) {
            double mid = Math.sqrt(lo * hi);
            if (f.at(mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.sqrt(lo * hi);
    }

    @Test
    void noisyCurvesCoverTheTruthAtTheStatedError() {
        double tau = 120;
        double sigma = 0.004;
        int within2 = 0;
        int trials = 60;
        for (int s = 0; s < trials; s++) {
            Random rnd = new Random(100 + s);
            double[] t = logGrid(0.1, 1e5, 8);
            double[] f = new double[t.length];
            double[] e = new double[t.length];
            for (int j = 0; j < t.length; j++) {
                f[j] = Math.exp(-Math.pow(t[j] / tau, 0.7)) + sigma * rnd.nextGaussian();
                e[j] = sigma;
            }
            TimeScales.Crossing c = TimeScales.crossing(t, f, e, Math.exp(-1));
            assertTrue(c.statisticalError() > 0);
            double z = Math.abs(c.time() - tau) / c.error();
            assertTrue(z < 4.5, "trial " + s + ": " + c);
            within2 += z <= 2 ? 1 : 0;
        }
        assertTrue(within2 >= 0.85 * trials, within2 + " of " + trials + " within 2 sigma");
    }

    @Test
    void curvesThatDoNotCrossGiveNaNWithAReason() {
        double[] t = {1, 2, 4, 8};
        TimeScales.Crossing never = TimeScales.crossing(t, new double[]{0.99, 0.9, 0.8, 0.7}, null, Math.exp(-1));
        assertTrue(Double.isNaN(never.time()));
        assertNotNull(never.reason());
        TimeScales.Crossing already = TimeScales.crossing(t, new double[]{0.3, 0.2, 0.1, 0.0}, null, Math.exp(-1));
        assertTrue(Double.isNaN(already.time()));
        TimeScales.Crossing half = TimeScales.crossing(t, new double[]{0.9, 0.7, 0.3, 0.1}, null, 0.5);
        assertEquals(Math.exp(Math.log(2) + 0.5 * Math.log(2)), half.time(), 1e-12); // halfway in ln t
    }

    /** Langevin MSD: ballistic below tau_c, 2 d D (t - tau_c) at long times. */
    private static double langevin(double t, int d, double dc, double tc) {
        return 2 * d * dc * (t - tc * (1 - Math.exp(-t / tc)));
    }

    @Test
    void diffusionConstantFromTheLongTimeWindow() {
        int d = 3;
        double dc = 0.13;
        double tc = 0.5;
        double[] t = logGrid(0.001, 1000, 10);
        double[] msd = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            msd[j] = langevin(t[j], d, dc, tc);
        }
        TimeScales.Diffusion exact = TimeScales.diffusion(t, msd, d);
        assertEquals(dc, exact.d(), 1e-6 * dc, exact.toString());
        assertEquals(-2 * d * dc * tc, exact.intercept(), 1e-3);
        assertTrue(exact.tFrom() > 5 && exact.tTo() == 1000, "window " + exact);
        int covered = 0;
        int trials = 40;
        for (int s = 0; s < trials; s++) {
            Random rnd = new Random(s);
            double[] noisy = new double[t.length];
            for (int j = 0; j < t.length; j++) {
                noisy[j] = msd[j] * (1 + 0.01 * rnd.nextGaussian());
            }
            TimeScales.Diffusion f = TimeScales.diffusion(t, noisy, d);
            assertEquals(dc, f.d(), 0.03 * dc, f.toString());
            double z = Math.abs(f.d() - dc) / f.error();
            assertTrue(z < 4.5, "trial " + s + " " + f);
            covered += z <= 2 ? 1 : 0;
        }
        assertTrue(covered >= 0.85 * trials, covered + " of " + trials);
        // 2D, linear grid
        double[] tl = new double[200];
        double[] ml = new double[200];
        for (int j = 0; j < 200; j++) {
            tl[j] = 0.05 * (j + 1);
            ml[j] = langevin(tl[j], 2, 0.4, 0.2);
        }
        assertEquals(0.4, TimeScales.diffusion(tl, ml, 2).d(), 1e-5);
        // subdiffusive (MSD ~ t^0.5 at long times): no window
        double[] sub = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            sub[j] = Math.sqrt(t[j]);
        }
        TimeScales.Diffusion none = TimeScales.diffusion(t, sub, d);
        assertTrue(Double.isNaN(none.d()));
        assertNotNull(none.reason());
    }

    @Test
    void chi4PeakTimeAndHeightWithinTheStatedErrors() {
        for (int perDecade : new int[]{4, 6, 10}) {
            double[] t = logGrid(0.01, 1e5, perDecade);
            double[] g = new double[t.length];
            double[] k = new double[t.length];
            for (int j = 0; j < t.length; j++) {
                double x = Math.log(t[j] / 50.0);
                g[j] = 7 * Math.exp(-x * x / (2 * 0.8 * 0.8)); // Gaussian in ln t
                double u = t[j] / 30.0;
                k[j] = 12 * u * u / (1 + u * u * u); // skewed: peak at u = 2^(1/3), height 12 2^(2/3) / 3
            }
            TimeScales.Peak pg = TimeScales.peak(t, g);
            assertTrue(pg.interior());
            assertTrue(Math.abs(pg.time() - 50) <= pg.timeError() * 1.0001 + 1e-9, perDecade + " " + pg);
            assertTrue(Math.abs(pg.height() - 7) <= pg.heightError() * 1.0001 + 1e-9, perDecade + " " + pg);
            TimeScales.Peak pk = TimeScales.peak(t, k);
            double tWant = 30 * Math.cbrt(2);
            double hWant = 12 * Math.pow(2, 2.0 / 3) / 3;
            assertTrue(Math.abs(pk.time() - tWant) <= pk.timeError() * 1.0001, perDecade + " " + pk + " want "
                    + tWant);
            assertTrue(Math.abs(pk.height() - hWant) <= pk.heightError() * 1.0001, perDecade + " " + pk + " want "
                    + hWant);
            assertTrue(pk.timeError() < 0.25 * tWant);
        }
        TimeScales.Peak edge = TimeScales.peak(new double[]{1, 2, 3}, new double[]{1, 2, 3});
        assertFalse(edge.interior());
        assertEquals(3, edge.time());
    }
}
