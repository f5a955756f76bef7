package glassworks.md.structure;

import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * G_X against the thesis's isolated-pair check (digest D3), an O(N^2) minimum-image sum in 3D and 2D, its stated
 * truncation bound, and translation / rotation / relabelling invariance. The static helpers serve the other descriptor
 * tests of this package.
 */
class RadialStructureFunctionsTest {
    static final List<String> AB = List.of("A", "B");

    // ---------------------------------------------------------------- shared helpers

    static FrameView frame(int dims, double edge, int[] species, double[] x, double[] y, double[] z) {
        return new FrameView(0, 0, 0, species.length, dims, species, x, y, z, edge, edge, dims == 3 ? edge : 0,
                null, null, null, null);
    }

    /** n particles uniformly in a periodic box, unwrapped up to two boxes away, species drawn from 0..nSpecies-1. */
    static FrameView randomFrame(int n, int dims, double edge, int nSpecies, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] s = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = rng.nextInt(nSpecies);
            x[i] = rng.nextDouble(-2 * edge, 3 * edge);
            y[i] = rng.nextDouble(-2 * edge, 3 * edge);
            z[i] = dims == 3 ? rng.nextDouble(-2 * edge, 3 * edge) : 0;
        }
        return frame(dims, edge, s, x, y, z);
    }

    /** Minimum-image distance of i and j, straight from the definition (orthorhombic box). */
    static double distance(FrameView f, int i, int j) {
        double dx = image(f.x()[j] - f.x()[i], f.boxX());
        double dy = image(f.y()[j] - f.y()[i], f.boxY());
        double dz = f.dims() == 3 ? image(f.z()[j] - f.z()[i], f.boxZ()) : 0;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    static double image(double d, double l) {
        return d - l * Math.rint(d / l);
    }

    /** The same frame with every position shifted by (sx, sy, sz). */
    static FrameView translated(FrameView f, double sx, double sy, double sz) {
        int n = f.n();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = f.x()[i] + sx;
            y[i] = f.y()[i] + sy;
            z[i] = f.dims() == 3 ? f.z()[i] + sz : 0;
        }
        return frame(f.dims(), f.boxX(), f.species().clone(), x, y, z);
    }

    /** Particle perm[i] of the result is particle i of f. */
    static FrameView permuted(FrameView f, int[] perm) {
        int n = f.n();
        int[] s = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            s[perm[i]] = f.species()[i];
            x[perm[i]] = f.x()[i];
            y[perm[i]] = f.y()[i];
            z[perm[i]] = f.z()[i];
        }
        return frame(f.dims(), f.boxX(), s, x, y, z);
    }

    static int[] randomPermutation(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    /**
     * A cluster of n particles within radius 2 of the centre of a box of edge {@code edge} (no periodic image within
     * reach), and the same cluster rotated about the centre by a random rotation (3D) or angle (2D).
     */
    static FrameView[] clusterAndRotated(int n, int dims, double edge, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] s = new int[n];
        double[][] p = new double[n][3];
        for (int i = 0; i < n; i++) {
            s[i] = rng.nextInt(2);
            do {
                for (int a = 0; a < dims; a++) {
                    p[i][a] = rng.nextDouble(-2, 2);
                }
            } while (p[i][0] * p[i][0] + p[i][1] * p[i][1] + p[i][2] * p[i][2] > 4);
        }
        double[][] rot;
        if (dims == 3) {
            // random unit quaternion -> rotation matrix
            double q0 = rng.nextDouble(-1, 1);
            double q1 = rng.nextDouble(-1, 1);
            double q2 = rng.nextDouble(-1, 1);
            double q3 = rng.nextDouble(-1, 1);
            double nq = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3);
            q0 /= nq;
            q1 /= nq;
            q2 /= nq;
            q3 /= nq;
            rot = new double[][]{
                    {1 - 2 * (q2 * q2 + q3 * q3), 2 * (q1 * q2 - q0 * q3), 2 * (q1 * q3 + q0 * q2)},
                    {2 * (q1 * q2 + q0 * q3), 1 - 2 * (q1 * q1 + q3 * q3), 2 * (q2 * q3 - q0 * q1)},
                    {2 * (q1 * q3 - q0 * q2), 2 * (q2 * q3 + q0 * q1), 1 - 2 * (q1 * q1 + q2 * q2)}};
        } else {
            double t = rng.nextDouble(0, 2 * Math.PI);
            rot = new double[][]{{Math.cos(t), -Math.sin(t), 0}, {Math.sin(t), Math.cos(t), 0}, {0, 0, 1}};
        }
        double c = edge / 2;
        double[][] a = new double[3][n];
        double[][] b = new double[3][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                double r = 0;
                for (int m = 0; m < 3; m++) {
                    r += rot[k][m] * p[i][m];
                }
                boolean used = k < dims;
                a[k][i] = used ? c + p[i][k] : 0;
                b[k][i] = used ? c + r : 0;
            }
        }
        return new FrameView[]{frame(dims, edge, s, a[0], a[1], a[2]), frame(dims, edge, s.clone(), b[0], b[1], b[2])};
    }

    static void assertClose(double[] expect, double[] actual, double abs, double rel, String what) {
        assertEquals(expect.length, actual.length, what + ": length");
        for (int k = 0; k < expect.length; k++) {
            double tol = abs + rel * Math.abs(expect[k]);
            if (!(Math.abs(expect[k] - actual[k]) <= tol)) {
                throw new AssertionError(what + ": entry " + k + " expected " + expect[k] + " got " + actual[k]
                        + " (diff " + Math.abs(expect[k] - actual[k]) + " > " + tol + ")");
            }
        }
    }

    // ---------------------------------------------------------------- G_X

    /** O(N^2) minimum-image G_X without truncation. */
    static double[] bruteForce(FrameView f, RadialStructureFunctions g) {
        double[] r = g.radii();
        int m = r.length;
        int ns = g.species().size();
        double[] out = new double[f.n() * ns * m];
        double twoD2 = 2 * g.delta() * g.delta();
        for (int i = 0; i < f.n(); i++) {
            for (int j = 0; j < f.n(); j++) {
                if (j == i) {
                    continue;
                }
                double d = distance(f, i, j);
                for (int k = 0; k < m; k++) {
                    out[i * ns * m + f.species()[j] * m + k] += Math.exp(-(r[k] - d) * (r[k] - d) / twoD2);
                }
            }
        }
        return out;
    }

    @Test
    void paperDefaultsGiveHundredNamedFeaturesAndCutoff() {
        RadialStructureFunctions g = new RadialStructureFunctions(AB);
        assertEquals(100, g.featureCount());
        assertEquals("G_A(0.00)", g.featureNames().get(0));
        assertEquals("G_A(1.30)", g.featureNames().get(13));
        assertEquals("G_A(4.90)", g.featureNames().get(49));
        assertEquals("G_B(0.00)", g.featureNames().get(50));
        assertEquals("G_B(4.90)", g.featureNames().get(99));
        assertEquals("gx", g.family());
        assertEquals(6.4, g.neighbourCutoff(), 1e-12);
        assertEquals(0.2, g.parameters().get("delta"));
        assertEquals(50, g.parameters().get("r_count"));
        assertEquals(AB, g.parameters().get("species"));
        assertEquals(7.5, g.parameters().get("truncation_deltas"));
        // the documented truncation: each omitted term below 1e-12
        assertTrue(Math.exp(-7.5 * 7.5 / 2) < 1e-12);
        assertEquals(new RadialStructureFunctions(AB).fingerprint(), g.fingerprint());
    }

    /** Digest check D3: an isolated pair at distance d gives G(r) = exp(-(r - d)^2 / 0.08), maximum 1 at r = d. */
    @Test
    void isolatedPairIsOneGaussianPeakingAtOne() {
        RadialStructureFunctions g = new RadialStructureFunctions(AB);
        double[] r = g.radii();
        for (int dims : new int[]{3, 2}) {
            for (double d : new double[]{1.3, 1.37, 0.04, 4.9, 5.6}) {
                // along a skew direction, across the periodic boundary, unwrapped
                double ux = 0.6;
                double uy = 0.8 * (dims == 3 ? 0.6 : 1.0);
                double uz = dims == 3 ? 0.8 * 0.8 : 0;
                double edge = 20;
                FrameView f = frame(dims, edge, new int[]{0, 1}, new double[]{19.5, 19.5 + d * ux + 40},
                        new double[]{0.25, 0.25 + d * uy}, new double[]{dims == 3 ? 7.0 : 0, dims == 3 ? 7.0 + d * uz - 20 : 0});
                double[] out = g.compute(f);
                // the pair's separation as stored (rounding of the offsets moves it by ~1e-14, which would show
                // at 1e-12 relative in the far tails)
                double dd = distance(f, 0, 1);
                assertEquals(d, dd, 1e-13);
                for (int m = 0; m < 50; m++) {
                    double expect = Math.exp(-(r[m] - dd) * (r[m] - dd) / 0.08);
                    // particle 0 (A) sees one B neighbour, particle 1 (B) one A neighbour
                    assertEquals(0.0, out[m], "G_A of the A particle, r = " + r[m]);
                    assertEquals(0.0, out[100 + 50 + m], "G_B of the B particle, r = " + r[m]);
                    assertEquals(expect, out[50 + m], 1e-12 * expect + 1e-300, "G_B(" + r[m] + "), d = " + d);
                    assertEquals(expect, out[100 + m], 1e-12 * expect + 1e-300, "G_A(" + r[m] + "), d = " + d);
                }
                if (d == 1.3) {
                    int best = 0;
                    for (int m = 1; m < 50; m++) {
                        best = out[50 + m] > out[50 + best] ? m : best;
                    }
                    assertEquals(13, best, "maximum at r = d");
                    assertEquals(1.0, out[50 + 13], 1e-14, "maximum equals 1");
                }
            }
        }
    }

    @Test
    void equalsBruteForceMinimumImageSum3dAnd2d() {
        RadialStructureFunctions g = new RadialStructureFunctions(AB);
        for (int dims : new int[]{3, 2}) {
            FrameView f = randomFrame(dims == 3 ? 300 : 400, dims, 13.0, 2, 40 + dims);
            double[] expect = bruteForce(f, g);
            double[] got = g.compute(f);
            // truncation: each of < N omitted terms is below 6.1e-13
            assertClose(expect, got, f.n() * 6.2e-13, 1e-12, dims + "D gx");
        }
    }

    @Test
    void nonDefaultGridThreeSpeciesEqualsBruteForce() {
        // 120 radii: the recurrence runs over many re-anchoring blocks; a grid starting above 0 (pairs below it)
        RadialStructureFunctions g = new RadialStructureFunctions(List.of("A", "B", "C"), 0.15, 0.5, 0.05, 120, 7.5);
        assertEquals(360, g.featureCount());
        assertEquals("G_C(6.45)", g.featureNames().get(359));
        FrameView f = randomFrame(250, 3, 15.5, 3, 9);
        assertClose(bruteForce(f, g), g.compute(f), f.n() * 6.2e-13, 1e-12, "3 species, fine grid");
    }

    /** The stated bound: t = 7.5 against t = 12 in a dense liquid differs by far less than 1e-12 relative. */
    @Test
    void truncationErrorIsBelowStatedBoundInDenseLiquid() {
        int n = 2000;
        double edge = Math.cbrt(n / 1.2);
        FrameView f = randomFrame(n, 3, edge, 2, 77);
        RadialStructureFunctions shortTail = new RadialStructureFunctions(AB, 0.2, 0.0, 0.1, 30, 7.5);
        RadialStructureFunctions longTail = new RadialStructureFunctions(AB, 0.2, 0.0, 0.1, 30, 12.0);
        double[] a = shortTail.compute(f);
        double[] b = longTail.compute(f);
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1.0, b[k]));
        }
        assertTrue(worst < 1e-12, "truncation error " + worst);
        // the two descriptors are different parameter sets
        assertTrue(!shortTail.fingerprint().equals(longTail.fingerprint()));
    }

    @Test
    void invariantUnderTranslationRelabellingAndRotation() {
        RadialStructureFunctions g = new RadialStructureFunctions(AB);
        for (int dims : new int[]{3, 2}) {
            FrameView f = randomFrame(300, dims, 13.0, 2, 5 + dims);
            double[] base = g.compute(f);
            assertClose(base, g.compute(translated(f, 3.7, -11.2, 0.9)), 1e-11, 1e-12, dims + "D translation");
            int[] perm = randomPermutation(f.n(), 3);
            double[] p = g.compute(permuted(f, perm));
            int fc = g.featureCount();
            double[] back = new double[p.length];
            for (int i = 0; i < f.n(); i++) {
                System.arraycopy(p, perm[i] * fc, back, i * fc, fc);
            }
            assertClose(base, back, 1e-11, 1e-12, dims + "D relabelling");
            FrameView[] c = clusterAndRotated(40, dims, 20.0, 11 + dims);
            assertClose(g.compute(c[0]), g.compute(c[1]), 1e-11, 1e-11, dims + "D rotation of a cluster");
        }
    }

    @Test
    void refusesBadParametersAndFramesNamingTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RadialStructureFunctions(AB, 0.0, 0.0, 0.1, 50, 7.5));
        assertTrue(e.getMessage().contains("delta = 0.0") && e.getMessage().contains("0.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RadialStructureFunctions(AB, 0.2, 0.0, -0.1, 50, 7.5));
        assertTrue(e.getMessage().contains("rStep = -0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RadialStructureFunctions(AB, 0.2, 0.0, 0.1, 0, 7.5));
        assertTrue(e.getMessage().contains("rCount = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RadialStructureFunctions(AB, 0.2, 0.0, 0.1, 50, 2.0));
        assertTrue(e.getMessage().contains("truncationDeltas = 2.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RadialStructureFunctions(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RadialStructureFunctions(List.of("A", "A")));
        // N = 1000 at rho 1.2: edge 9.41 < 2 * 6.4
        FrameView small = randomFrame(1000, 3, Math.cbrt(1000 / 1.2), 2, 1);
        e = assertThrows(IllegalArgumentException.class, () -> new RadialStructureFunctions(AB).compute(small));
        assertTrue(e.getMessage().contains("half the shortest box edge") && e.getMessage().startsWith("gx"),
                e.getMessage());
        FrameView three = randomFrame(50, 3, 13.0, 3, 2);
        e = assertThrows(IllegalArgumentException.class, () -> new RadialStructureFunctions(AB).compute(three));
        assertTrue(e.getMessage().contains("species index 2"), e.getMessage());
        FrameView ok = randomFrame(10, 3, 13.0, 2, 2);
        e = assertThrows(IllegalArgumentException.class, () -> new RadialStructureFunctions(AB).compute(ok, new double[5]));
        assertTrue(e.getMessage().contains("shorter than"), e.getMessage());
    }
}
