package glassworks.md.structure;

import glassworks.md.FrameView;
import glassworks.md.structure.WeightedCoordination.Normalisation;
import glassworks.md.structure.WeightedCoordination.Shell;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static glassworks.md.structure.RadialStructureFunctionsTest.assertClose;
import static glassworks.md.structure.RadialStructureFunctionsTest.distance;
import static glassworks.md.structure.RadialStructureFunctionsTest.randomFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 000's weighted coordination numbers: the narrow-Gaussian limit on lattices reproduces the plain shell counts,
 * an O(N^2) sum in 3D and 2D (species-blind, species-resolved, both normalisations), and the width rule of
 * {@link WeightedCoordination#shellsFromFeatures}.
 */
class WeightedCoordinationTest {
    /** Made-up but KA-like g(r) extrema (maxima and minima alternating, unequal gaps) [sigma]. */
    static final double[] FEATURES = {0.95, 1.07, 1.43, 1.97, 2.20, 2.46, 2.98, 3.40, 3.93, 4.37, 4.88, 5.10};

    /** FCC lattice of nc^3 cells of edge a, each coordinate perturbed uniformly by up to +-eps. */
    static FrameView fcc(int nc, double a, double eps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] basis = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        int n = 4 * nc * nc * nc;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int k = 0;
        for (int i = 0; i < nc; i++) {
            for (int j = 0; j < nc; j++) {
                for (int l = 0; l < nc; l++) {
                    for (double[] b : basis) {
                        x[k] = (i + b[0]) * a + (eps > 0 ? rng.nextDouble(-eps, eps) : 0);
                        y[k] = (j + b[1]) * a + (eps > 0 ? rng.nextDouble(-eps, eps) : 0);
                        z[k] = (l + b[2]) * a + (eps > 0 ? rng.nextDouble(-eps, eps) : 0);
                        k++;
                    }
                }
            }
        }
        return RadialStructureFunctionsTest.frame(3, nc * a, new int[n], x, y, z);
    }

    /** Triangular lattice, nx x ny (ny even) with spacing a in its rectangular periodic cell, perturbed by +-eps. */
    static FrameView triangular(int nx, int ny, double a, double eps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = nx * ny;
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                x[k] = (i + 0.5 * (j % 2)) * a + (eps > 0 ? rng.nextDouble(-eps, eps) : 0);
                y[k] = j * a * Math.sqrt(3) / 2 + (eps > 0 ? rng.nextDouble(-eps, eps) : 0);
                k++;
            }
        }
        return new FrameView(0, 0, 0, n, 2, new int[n], x, y, new double[n], nx * a, ny * a * Math.sqrt(3) / 2, 0,
                null, null, null, null);
    }

    /** Brute-force plain coordination numbers: neighbours j with |R_ij - c_k| < window, per shell. */
    static int[] shellCounts(FrameView f, int i, double[] centres, double window) {
        int[] c = new int[centres.length];
        for (int j = 0; j < f.n(); j++) {
            if (j == i) {
                continue;
            }
            double d = distance(f, i, j);
            for (int k = 0; k < centres.length; k++) {
                if (Math.abs(d - centres[k]) < window) {
                    c[k]++;
                }
            }
        }
        return c;
    }

    static List<Shell> narrowShells(double[] centres, double width) {
        List<Shell> s = new ArrayList<>();
        for (double c : centres) {
            s.add(new Shell(c, width));
        }
        return s;
    }

    /** Untruncated O(N^2) WCN. */
    static double[] bruteForce(FrameView f, List<Shell> shells, int nSpeciesBlocks, boolean area) {
        int kc = shells.size();
        int fc = kc * Math.max(1, nSpeciesBlocks);
        double[] out = new double[f.n() * fc];
        for (int i = 0; i < f.n(); i++) {
            for (int j = 0; j < f.n(); j++) {
                if (j == i) {
                    continue;
                }
                double d = distance(f, i, j);
                int block = nSpeciesBlocks > 0 ? f.species()[j] : 0;
                for (int k = 0; k < kc; k++) {
                    double s = shells.get(k).width();
                    double u = d - shells.get(k).centre();
                    double h = area ? 1 / (s * Math.sqrt(2 * Math.PI)) : 1;
                    out[i * fc + block * kc + k] += h * Math.exp(-u * u / (2 * s * s));
                }
            }
        }
        return out;
    }

    @Test
    void narrowGaussiansCountTheFccShells() {
        double a = 1.6;
        double[] centres = new double[6];
        for (int k = 0; k < 6; k++) {
            centres[k] = a * Math.sqrt((k + 1) / 2.0); // FCC shells: 12, 6, 24, 12, 24, 8 neighbours
        }
        WeightedCoordination w = new WeightedCoordination(narrowShells(centres, 0.005));
        for (double eps : new double[]{0, 1e-6}) {
            FrameView f = fcc(4, a, eps, 3);
            double[] out = w.compute(f);
            for (int i = 0; i < f.n(); i++) {
                int[] count = shellCounts(f, i, centres, 0.05);
                for (int k = 0; k < 6; k++) {
                    assertEquals(count[k], out[i * 6 + k], eps == 0 ? 1e-9 : 1e-4,
                            "particle " + i + " shell " + (k + 1) + ", eps " + eps);
                }
                if (i == 0) {
                    assertEquals(List.of(12, 6, 24, 12, 24, 8), List.of(count[0], count[1], count[2], count[3],
                            count[4], count[5]));
                }
            }
        }
    }

    @Test
    void narrowGaussiansCountTheTriangularLatticeShells() {
        double[] centres = {1, Math.sqrt(3), 2, Math.sqrt(7), 3, Math.sqrt(12)}; // 6, 6, 6, 12, 6, 6 neighbours
        WeightedCoordination w = new WeightedCoordination(narrowShells(centres, 0.004));
        FrameView f = triangular(12, 14, 1.0, 1e-6, 8);
        double[] out = w.compute(f);
        for (int i = 0; i < f.n(); i++) {
            int[] count = shellCounts(f, i, centres, 0.05);
            for (int k = 0; k < centres.length; k++) {
                assertEquals(count[k], out[i * centres.length + k], 1e-4, "particle " + i + " shell " + (k + 1));
            }
            if (i == 0) {
                assertEquals(List.of(6, 6, 6, 12, 6, 6), List.of(count[0], count[1], count[2], count[3], count[4],
                        count[5]));
            }
        }
    }

    @Test
    void equalsBruteForce3dAnd2dBlindResolvedPeakAndArea() {
        List<Shell> shells = WeightedCoordination.fromShellFeatures(FEATURES).shells();
        for (int dims : new int[]{3, 2}) {
            FrameView f = randomFrame(dims == 3 ? 300 : 350, dims, 13.0, 2, 70 + dims);
            WeightedCoordination blind = new WeightedCoordination(shells);
            double[] b = blind.compute(f);
            assertClose(bruteForce(f, shells, 0, false), b, f.n() * 6.2e-13, 1e-12, dims + "D blind peak");
            WeightedCoordination resolved = new WeightedCoordination(shells, List.of("A", "B"), Normalisation.PEAK, 7.5);
            double[] r = resolved.compute(f);
            assertClose(bruteForce(f, shells, 2, false), r, f.n() * 6.2e-13, 1e-12, dims + "D resolved peak");
            // the species blocks add up to the species-blind counts
            for (int i = 0; i < f.n(); i++) {
                for (int k = 0; k < 12; k++) {
                    assertEquals(b[i * 12 + k], r[i * 24 + k] + r[i * 24 + 12 + k], 1e-12 * (1 + b[i * 12 + k]));
                }
            }
            WeightedCoordination area = new WeightedCoordination(shells, List.of(), Normalisation.AREA, 7.5);
            assertClose(bruteForce(f, shells, 0, true), area.compute(f), f.n() * 1e-11, 1e-12, dims + "D blind area");
        }
    }

    @Test
    void widthRuleMakesNeighbouringGaussiansMeetAtTheIntersectionValue() {
        // equal gaps: every pair meets at its midpoint at exactly 0.25
        double[] even = {1.0, 1.5, 2.0, 2.5};
        List<Shell> s = WeightedCoordination.shellsFromFeatures(even, new double[]{0.25, 0.25, 0.25});
        for (Shell sh : s) {
            assertEquals(0.5 / (2 * Math.sqrt(2 * Math.log(4))), sh.width(), 1e-15);
        }
        assertEquals(0.25, gauss(s.get(1), 1.75), 1e-14);
        assertEquals(0.25, crossing(s.get(1), s.get(2)), 1e-12);

        // uneven gaps, the paper's 12 features
        WeightedCoordination w = WeightedCoordination.fromShellFeatures(FEATURES);
        assertEquals(WeightedCoordination.PAPER_SHELL_COUNT, w.featureCount());
        assertEquals("WCN_1(0.950)", w.featureNames().get(0));
        assertEquals("WCN_12(5.100)", w.featureNames().get(11));
        checkWidthRule(w.shells(), FEATURES, constant(FEATURES.length - 1, 0.25));

        // mixed: overlapping pairs at 0.25, separated ones at the stand-in for "0"
        double[] v = constant(FEATURES.length - 1, 0.25);
        v[0] = WeightedCoordination.SEPARATED_INTERSECTION;
        v[6] = WeightedCoordination.SEPARATED_INTERSECTION;
        checkWidthRule(WeightedCoordination.shellsFromFeatures(FEATURES, v), FEATURES, v);
    }

    private static double[] constant(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Every pair crosses at or below its value; every Gaussian reaches its value exactly at its tighter gap. */
    private static void checkWidthRule(List<Shell> shells, double[] c, double[] v) {
        int k = c.length;
        for (int i = 0; i < k; i++) {
            assertEquals(c[i], shells.get(i).centre());
            if (i < k - 1) {
                double x = crossing(shells.get(i), shells.get(i + 1));
                assertTrue(x <= v[i] + 1e-12, "pair " + i + " crosses at " + x + " > " + v[i]);
            }
            // the gap that set the width: the one with the smaller (half-gap / sqrt(2 ln 1/v))
            double best = Double.POSITIVE_INFINITY;
            double valueAtMid = Double.NaN;
            for (int g : new int[]{i - 1, i}) {
                if (g < 0 || g >= k - 1) {
                    continue;
                }
                double s = 0.5 * (c[g + 1] - c[g]) / Math.sqrt(2 * Math.log(1 / v[g]));
                if (s < best) {
                    best = s;
                    valueAtMid = gauss(shells.get(i), 0.5 * (c[g] + c[g + 1])) - v[g];
                }
            }
            assertEquals(best, shells.get(i).width(), 1e-15);
            assertEquals(0.0, valueAtMid, 1e-13, "Gaussian " + i + " at its tighter gap's midpoint");
        }
    }

    private static double gauss(Shell s, double r) {
        double u = r - s.centre();
        return Math.exp(-u * u / (2 * s.width() * s.width()));
    }

    /** Height at which two consecutive peak-normalised Gaussians cross between their centres (bisection). */
    private static double crossing(Shell a, Shell b) {
        double lo = a.centre();
        double hi = b.centre();
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (gauss(a, mid) > gauss(b, mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return gauss(a, 0.5 * (lo + hi));
    }

    @Test
    void parametersFingerprintAndValidation() {
        WeightedCoordination w = WeightedCoordination.fromShellFeatures(FEATURES);
        assertEquals("wcn", w.family());
        assertEquals(12, ((List<?>) w.parameters().get("centres")).size());
        assertEquals("peak", w.parameters().get("normalisation"));
        assertEquals(List.of(), w.parameters().get("species"));
        WeightedCoordination wider = new WeightedCoordination(List.of(new Shell(1.07, 0.11)));
        WeightedCoordination narrower = new WeightedCoordination(List.of(new Shell(1.07, 0.10)));
        assertNotEquals(wider.fingerprint(), narrower.fingerprint());
        assertEquals(narrower.fingerprint(), new WeightedCoordination(List.of(new Shell(1.07, 0.10))).fingerprint());
        assertNotEquals(w.fingerprint(), new WeightedCoordination(w.shells(), List.of(), Normalisation.AREA, 7.5)
                .fingerprint());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightedCoordination.fromShellFeatures(new double[]{1.0, 1.5, 1.4}));
        assertTrue(e.getMessage().contains("bad value 1.4 at index 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightedCoordination.fromShellFeatures(new double[]{1.0}));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WeightedCoordination.shellsFromFeatures(new double[]{1.0, 1.5}, new double[]{0.0}));
        assertTrue(e.getMessage().contains("0.01"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Shell(1.0, 0.0));
        assertTrue(e.getMessage().contains("width 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Shell(-1.0, 0.1));
        assertTrue(e.getMessage().contains("centre -1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightedCoordination(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedCoordination(w.shells(), List.of(), Normalisation.PEAK, 1.0));
        FrameView small = randomFrame(100, 3, 8.0, 2, 1);
        e = assertThrows(IllegalArgumentException.class, () -> w.compute(small));
        assertTrue(e.getMessage().contains("half the shortest box edge") && e.getMessage().startsWith("wcn"),
                e.getMessage());
        FrameView three = randomFrame(30, 3, 13.0, 3, 1);
        e = assertThrows(IllegalArgumentException.class, () -> new WeightedCoordination(w.shells(), List.of("A", "B"),
                Normalisation.PEAK, 7.5).compute(three));
        assertTrue(e.getMessage().contains("species index 2"), e.getMessage());
        // species-blind counts do not care how many species there are
        assertEquals(30 * 12, w.compute(three).length);
    }
}
