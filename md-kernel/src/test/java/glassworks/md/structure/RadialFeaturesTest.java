package glassworks.md.structure;

import glassworks.md.Ensemble;
import glassworks.md.FrameSchedule;
import glassworks.md.FrameView;
import glassworks.md.MdRun;
import glassworks.md.Models;
import glassworks.md.RunConfig;
import glassworks.md.Stage;
import glassworks.md.TrajectorySink;
import glassworks.md.analysis.RadialDistribution;
import glassworks.schema.tables.ThermoTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Extrema of synthetic g(r) with known extrema (clean, noisy, Poisson-sampled with sparse core bins) and of a KA liquid
 * at T = 0.8 from the kernel. Also holds the shared KA fixture of the structure tests.
 */
class RadialFeaturesTest {

    private static List<FrameView> ka;

    /**
     * An equilibrated-enough KA liquid at T = 0.8, rho = 1.2, N = 800 (shared by the structure tests, made once per
     * JVM): lattice + FIRE, 5 tau at T = 2.0 to melt, 15 tau at T = 0.8 (tau_alpha there is a few tau), then 9 frames
     * 1.25 tau apart.
     */
    static synchronized List<FrameView> kaLiquid() throws Exception {
        if (ka == null) {
            List<Stage> stages = List.of(Stage.hold("melt", 1000, Ensemble.NVT, 2.0, false),
                    Stage.hold("equilibration", 3000, Ensemble.NVT, 0.8, false),
                    Stage.hold("production", 2000, Ensemble.NVT, 0.8, true));
            RunConfig config = new RunConfig("structure-fixture", Models.kobAndersen3d(), 800, 1.2, 0.8, 0.005, stages,
                    FrameSchedule.linear(250), 1000, 4242L, 0.5, Double.NaN, Double.NaN, 0.3, 1, false, false, false,
                    RunConfig.DEFAULT_MAX_FRAMES, null);
            List<FrameView> frames = new ArrayList<>();
            MdRun.run(config, new TrajectorySink() {
                @Override
                public void frame(FrameView f) {
                    frames.add(new FrameView(f.frameIndex(), f.step(), f.time(), f.n(), f.dims(), f.species().clone(),
                            f.x().clone(), f.y().clone(), f.z().clone(), f.boxX(), f.boxY(), f.boxZ(), null, null, null,
                            null));
                }

                @Override
                public void thermo(ThermoTable.Row row) {
                }
            });
            ka = Collections.unmodifiableList(frames);
        }
        return ka;
    }

    /** Bin centres (k + 1/2) dr. */
    private static double[] grid(double dr, double rMax) {
        int n = (int) Math.round(rMax / dr);
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = (k + 0.5) * dr;
        }
        return r;
    }

    /** A smooth core step times a damped oscillation whose extrema (away from the step) sit at r = 1, 1.5, 2, ... */
    private static double synthetic(double r) {
        return synthetic(r, 1.0);
    }

    /**
     * A logistic core step at 0.88 times 1 + 3 exp(-r / l) sin(2 pi r + atan(2 pi l)): away from the step the
     * extrema are where tan(2 pi r + atan(2 pi l)) = 2 pi l, i.e. maxima at integers and minima at half-integers.
     */
    private static double synthetic(double r, double decay) {
        double step = 1 / (1 + Math.exp(-(r - 0.88) / 0.025));
        double phase = Math.atan(2 * Math.PI * decay);
        return step * (1 + 3 * Math.exp(-r / decay) * Math.sin(2 * Math.PI * r + phase));
    }

    private static double syntheticSlope(double r, double decay) {
        double h = 1e-6;
        return (synthetic(r + h, decay) - synthetic(r - h, decay)) / (2 * h);
    }

    /** The exact extrema of {@link #synthetic} beyond the core, by bisection on its derivative. */
    private static List<double[]> exactExtrema(double from, double to) {
        return exactExtrema(from, to, 1.0);
    }

    private static List<double[]> exactExtrema(double from, double to, double decay) {
        List<double[]> out = new ArrayList<>();
        double step = 1e-3;
        for (double a = from; a + step < to; a += step) {
            double fa = syntheticSlope(a, decay);
            double fb = syntheticSlope(a + step, decay);
            if (fa > 0 && fb <= 0 || fa < 0 && fb >= 0) {
                double lo = a;
                double hi = a + step;
                for (int it = 0; it < 60; it++) {
                    double mid = 0.5 * (lo + hi);
                    if (Math.signum(syntheticSlope(mid, decay)) == Math.signum(fa)) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                out.add(new double[]{0.5 * (lo + hi), fa > 0 ? 1 : -1});
            }
        }
        return out;
    }

    @Test
    void cleanSyntheticExtremaWithinAFractionOfABin() {
        double dr = 0.02;
        double[] r = grid(dr, 6.0);
        double[] g = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            g[k] = synthetic(r[k]);
        }
        RadialFeatures f = RadialFeatures.of(r, g);
        List<double[]> exact = exactExtrema(0.95, 6.0);
        assertEquals(1.0, exact.get(0)[0], 0.015, "the construction puts the first maximum near 1 (the step shifts it)");
        assertEquals(1.5, exact.get(1)[0], 1e-3, "and the first minimum at 1.5");
        List<RadialFeatures.Feature> found = f.features();
        // amplitude 3 exp(-r): extrema beyond ~4.6 differ by less than the default 0.02 prominence floor
        long strong = exact.stream().filter(e -> e[0] < 4.6).count();
        assertTrue(found.size() >= strong && found.size() <= exact.size(), "features " + found);
        for (int q = 0; q < found.size(); q++) {
            RadialFeatures.Feature feat = found.get(q);
            // the first peak sits on the steep core step (asymmetric): half a bin; the others within 0.3 bin
            assertEquals(exact.get(q)[0], feat.r(), (q == 0 ? 0.5 : 0.3) * dr, "extremum " + q);
            assertEquals(exact.get(q)[1] > 0 ? RadialFeatures.Kind.MAXIMUM : RadialFeatures.Kind.MINIMUM, feat.kind());
            assertEquals(synthetic(exact.get(q)[0]), feat.g(), 0.01, "value of extremum " + q);
        }
        assertTrue(f.rise() > 0.8 && f.rise() < 0.9, "rise " + f.rise());
        // a lower prominence floor recovers the weak outer extrema too
        List<RadialFeatures.Feature> all = RadialFeatures.of(r, g, new RadialFeatures.Options(0.05, 0.001, 4, 0.1)).features();
        assertEquals(exact.size(), all.size(), "features " + all);
    }

    @Test
    void noisySyntheticKeepsTheRealExtremaWithinABinAndNothingElse() {
        double dr = 0.02;
        double[] r = grid(dr, 6.0);
        double[] clean = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            clean[k] = synthetic(r[k]);
        }
        // Gaussian noise 0.01 per bin; the extrema up to r = 3 have amplitude >= 0.15, the later ones fade into it
        List<double[]> strong = exactExtrema(0.95, 3.2);
        List<double[]> all = exactExtrema(0.95, 6.0);
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] g = new double[r.length];
            for (int k = 0; k < r.length; k++) {
                g[k] = clean[k] + (clean[k] > 0.05 ? 0.01 * gaussian(rnd) : 0);
            }
            List<RadialFeatures.Feature> found = RadialFeatures.of(r, g).features();
            assertTrue(found.size() >= strong.size(), "seed " + seed + ": lost features " + found);
            for (int q = 0; q < strong.size(); q++) {
                assertEquals(strong.get(q)[0], found.get(q).r(), dr, "seed " + seed + " extremum " + q + " " + found);
            }
            // whatever else survives is a true extremum, in order, never a noise wiggle (true ones are 0.5 apart; the
            // weakest, amplitude 0.02 against noise 0.01, are located only roughly)
            assertTrue(found.size() <= all.size(), "seed " + seed + ": " + found);
            for (int q = 0; q < found.size(); q++) {
                assertEquals(all.get(q)[0], found.get(q).r(), 0.2, "seed " + seed + ": spurious feature " + found.get(q));
                assertEquals(all.get(q)[1] > 0 ? RadialFeatures.Kind.MAXIMUM : RadialFeatures.Kind.MINIMUM,
                        found.get(q).kind());
            }
        }
    }

    @Test
    void noiseOnlyWigglesAreIgnored() {
        // a single peak that relaxes monotonically to 1, then 4 sigma of pure noise (sd 0.05 per bin): one feature only
        double dr = 0.01;
        double[] r = grid(dr, 5.0);
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] g = new double[r.length];
            for (int k = 0; k < r.length; k++) {
                double step = 1 / (1 + Math.exp(-(r[k] - 0.9) / 0.02));
                double clean = step * (1 + 2 * Math.exp(-Math.pow((r[k] - 1.05) / 0.12, 2)));
                g[k] = clean + (clean > 0.05 ? 0.05 * gaussian(rnd) : 0);
            }
            List<RadialFeatures.Feature> found = RadialFeatures.of(r, g).features();
            assertEquals(1, found.size(), "seed " + seed + ": " + found);
            assertEquals(1.05, found.get(0).r(), 2 * dr);
        }
    }

    /**
     * A histogram as a simulation makes it: Poisson pair counts with mean proportional to r^2 g(r) dr, so the few bins
     * near the core are very noisy and an isolated pair inside the core shows up as a large spike of g.
     */
    @Test
    void poissonHistogramWithSparseCoreBins() {
        double dr = 0.02;
        double[] r = grid(dr, 5.0);
        List<double[]> exact = exactExtrema(0.95, 3.2);
        for (long seed = 1; seed <= 10; seed++) {
            SplittableRandom rnd = new SplittableRandom(100 + seed);
            double[] g = new double[r.length];
            double perUnit = 4000; // expected pairs in a bin at r = 1 where g = 1 (many frames accumulated)
            for (int k = 0; k < r.length; k++) {
                double mean = perUnit * r[k] * r[k] * synthetic(r[k]);
                g[k] = poisson(rnd, mean) / (perUnit * r[k] * r[k]);
            }
            // a burst of 500 pairs in one bin deep inside the core (at r = 0.7 that is g ~ 0.26, a quarter of the
            // asymptote; isolated pairs there are spikes of g too)
            int stray = (int) (0.70 / dr);
            g[stray] = 500 / (perUnit * r[stray] * r[stray]);
            RadialFeatures f = RadialFeatures.of(r, g);
            assertTrue(f.rise() > 0.8, "seed " + seed + ": rise " + f.rise());
            List<RadialFeatures.Feature> found = f.features();
            assertTrue(found.size() >= exact.size(), "seed " + seed + ": " + found);
            for (int q = 0; q < exact.size(); q++) {
                assertEquals(exact.get(q)[0], found.get(q).r(), dr, "seed " + seed + " extremum " + q);
            }
            assertEquals(exact.get(0)[0], f.firstMaximum().r(), dr);
            assertEquals(exact.get(1)[0], f.firstMinimum().r(), dr);
        }
    }

    @Test
    void shellFeaturesAreTheFirstExtremaInOrder() {
        double dr = 0.01;
        double[] r = grid(dr, 7.5);
        double[] g = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            g[k] = synthetic(r[k], 2.0);
        }
        RadialFeatures f = RadialFeatures.of(r, g);
        double[] shells = f.shellFeatures(12);
        List<double[]> exact = exactExtrema(0.95, 7.5, 2.0);
        for (int q = 0; q < 12; q++) {
            assertEquals(exact.get(q)[0], shells[q], 0.5 * dr, "shell " + q);
            assertEquals(f.features().get(q).kind(), q % 2 == 0 ? RadialFeatures.Kind.MAXIMUM : RadialFeatures.Kind.MINIMUM);
        }
        // 1, 1.5, 2, ..., 6.5 within the sub-bin accuracy
        assertEquals(6.5, shells[11], 0.02);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.shellFeatures(40));
        assertTrue(e.getMessage().contains("extend r_max"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.shellFeatures(0));
    }

    @Test
    void refusesBadGridsAndOptions() {
        assertThrows(IllegalArgumentException.class, () -> RadialFeatures.of(new double[]{1, 2, 3}, new double[]{1, 2}));
        double[] r = grid(0.1, 3.0);
        r[5] += 0.01;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RadialFeatures.of(r, new double[r.length]));
        assertTrue(e.getMessage().contains("uniform"), e.getMessage());
        double[] ok = grid(0.1, 3.0);
        e = assertThrows(IllegalArgumentException.class, () -> RadialFeatures.of(ok, new double[ok.length]));
        assertTrue(e.getMessage().contains("zero everywhere"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RadialFeatures.Options(0.05, 0.02, 4, 1.5));
        // monotone g: a maximum but no first minimum
        double[] mono = new double[ok.length];
        for (int k = 0; k < ok.length; k++) {
            mono[k] = ok[k];
        }
        RadialFeatures f = RadialFeatures.of(ok, mono);
        e = assertThrows(IllegalArgumentException.class, f::firstMinimum);
        assertTrue(e.getMessage().contains("no maximum"), e.getMessage());
        // a peak and no minimum after it
        double[] rising = new double[ok.length];
        for (int k = 0; k < ok.length; k++) {
            rising[k] = ok[k] < 0.8 ? 0 : 1 + Math.exp(-Math.pow((ok[k] - 1.2) / 0.2, 2));
        }
        RadialFeatures p = RadialFeatures.of(ok, rising);
        assertEquals(1.2, p.firstMaximum().r(), 0.05);
        e = assertThrows(IllegalArgumentException.class, p::firstMinimum);
        assertTrue(e.getMessage().contains("no minimum after its main peak"), e.getMessage());
    }

    /**
     * KA at T = 0.8, rho = 1.2: first peak of g_AA near 1.05 (the README's quickstart measures 1.05), first minimum near
     * 1.45 (partycls's KA cutoffs 1.45 / 1.25 / 1.075 for AA / AB / BB); g_AB peaks near 0.85 (sigma_AB = 0.8).
     */
    @Test
    void kaLiquidPeaksAndCutoffs() throws Exception {
        List<FrameView> frames = kaLiquid();
        double half = 0.5 * frames.get(0).boxX();
        RadialDistribution rdf = new RadialDistribution(2, Math.floor(half * 100) / 100, (int) Math.floor(half * 100));
        double[][] g = RadialFeatures.meanG(rdf, frames);
        RadialFeatures aa = RadialFeatures.of(rdf, g, rdf.pairIndex(0, 0), RadialFeatures.Options.DEFAULTS);
        RadialFeatures ab = RadialFeatures.of(rdf, g, rdf.pairIndex(0, 1), RadialFeatures.Options.DEFAULTS);
        RadialFeatures bb = RadialFeatures.of(rdf, g, rdf.pairIndex(1, 1), RadialFeatures.Options.DEFAULTS);
        RadialFeatures total = RadialFeatures.of(rdf, g, rdf.pairs() - 1, RadialFeatures.Options.DEFAULTS);
        System.out.printf("KA T=0.8 N=%d frames=%d: AA max %.3f (g %.2f) min %.3f; AB max %.3f min %.3f; BB max %.3f min %.3f;"
                        + " total features %s%n", frames.get(0).n(), frames.size(), aa.firstMaximum().r(),
                aa.firstMaximum().g(), aa.firstMinimum().r(), ab.firstMaximum().r(), ab.firstMinimum().r(),
                bb.firstMaximum().r(), bb.firstMinimum().r(),
                total.features().stream().map(x -> String.format("%.3f", x.r())).toList());
        assertEquals(1.06, aa.firstMaximum().r(), 0.03);
        assertTrue(aa.firstMaximum().g() > 2.8 && aa.firstMaximum().g() < 4.2, "g_AA peak height " + aa.firstMaximum().g());
        assertEquals(1.45, aa.firstMinimum().r(), 0.07);
        assertEquals(0.85, ab.firstMaximum().r(), 0.04);
        assertEquals(1.25, ab.firstMinimum().r(), 0.1);
        double[][] rc = RadialFeatures.cutoffs(rdf, g);
        assertEquals(aa.firstMinimum().r(), rc[0][0]);
        assertEquals(ab.firstMinimum().r(), rc[0][1]);
        assertEquals(rc[0][1], rc[1][0]);
        assertEquals(bb.firstMinimum().r(), rc[1][1]);
        // g_BB: the weak B-B contact peak near 1.0 (partycls's cutoff 1.075 sits after it) is not resolved above the
        // noise of 160 B particles x 9 frames, so the first minimum found is the one after the strong peak near 1.65
        assertTrue(rc[1][1] > 1.0 && rc[1][1] < 2.2, "BB cutoff " + rc[1][1]);
        // total g at dr = 0.01: the AB peak (0.85) stands apart from the AA peak (1.05) before the first minimum
        double[] shells = total.shellFeatures(6);
        assertEquals(0.87, shells[0], 0.04, "AB peak in the total g");
        assertTrue(shells[1] > shells[0] && shells[1] < shells[2], "dip between the AB and AA peaks " + shells[1]);
        assertEquals(1.05, shells[2], 0.04, "AA peak in the total g");
        assertTrue(shells[3] > 1.3 && shells[3] < 1.5, "total g first minimum " + shells[3]);
        assertTrue(shells[4] > 1.7 && shells[4] < 2.1 && shells[5] > 2.2 && shells[5] < 2.5, "second shell " + shells[4]
                + ", " + shells[5]);
        assertEquals(RadialFeatures.Kind.MINIMUM, total.features().get(3).kind());
        // the cutoff of the total g is the minimum after its main (AA) peak, not the AB/AA dip
        assertEquals(shells[2], total.highestMaximum().r());
        assertEquals(shells[3], total.firstMinimum().r());
        assertEquals(shells[0], total.firstMaximum().r());
        // one frame alone: the AA cutoff within a few bins of the average's; the B-B partial of one frame (a pair or
        // two per bin) is noise, and the cutoff matrix says which pair failed
        FrameView one = frames.get(frames.size() - 1);
        RadialFeatures aaOne = RadialFeatures.of(RadialFeatures.centres(rdf), rdf.compute(one).g()[rdf.pairIndex(0, 0)]);
        assertEquals(rc[0][0], aaOne.firstMinimum().r(), 0.06);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RadialFeatures.cutoffs(one, 2, rdf.binHi(rdf.bins() - 1), rdf.bins()));
        assertTrue(e.getMessage().startsWith("no cutoff for pair BB"), e.getMessage());
    }

    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static long poisson(SplittableRandom rnd, double mean) {
        if (mean < 30) {
            double l = Math.exp(-mean);
            long k = 0;
            double p = rnd.nextDouble();
            while (p > l) {
                k++;
                p *= rnd.nextDouble();
            }
            return k;
        }
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rnd)));
    }
}
