package glassworks.md.structure;

import glassworks.md.Box;
import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SANN on perfect and thermally perturbed lattices (counts derived by hand in {@link Sann}'s Javadoc), against an
 * O(N^2) oracle on a KA liquid from the kernel and on a 2D random configuration, under relabelling, with cutoff growth.
 */
class SannTest {

    /** A frame from lattice sites: basis (in cell units) repeated nx x ny x nz times in cells of edges (ax, ay, az). */
    static FrameView lattice(double[][] basis, int nx, int ny, int nz, double ax, double ay, double az) {
        List<double[]> sites = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                for (int k = 0; k < nz; k++) {
                    for (double[] b : basis) {
                        sites.add(new double[]{(i + b[0]) * ax, (j + b[1]) * ay, (k + b[2]) * az});
                    }
                }
            }
        }
        int n = sites.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int p = 0; p < n; p++) {
            x[p] = sites.get(p)[0];
            y[p] = sites.get(p)[1];
            z[p] = sites.get(p)[2];
        }
        return new FrameView(0, 0, 0, n, 3, new int[n], x, y, z, nx * ax, ny * ay, nz * az, null, null, null, null);
    }

    static FrameView fcc(int cells, double a) {
        return lattice(new double[][]{{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}, cells, cells, cells, a, a, a);
    }

    private static void assertAll(Sann.Result s, int count, double radius) {
        for (int i = 0; i < s.size(); i++) {
            assertEquals(count, s.count(i), "particle " + i);
            assertEquals(radius, s.radius(i), 1e-9, "R of particle " + i);
        }
    }

    @Test
    void fccHasTwelve() {
        double a = 1.5;
        double d = a / Math.sqrt(2);
        Sann.Result s = Sann.compute(fcc(4, a));
        assertAll(s, 12, 12 * d / 10); // R^(12) = 12 d / 10 = 1.2 d < sqrt 2 d
        assertEquals(0, s.asymmetricPairs());
        for (int k = 0; k < 12; k++) {
            assertEquals(d, s.rows().distance(s.entry(0, k)), 1e-12);
        }
    }

    @Test
    void bccHasFourteen() {
        double a = 1.2;
        double d = Math.sqrt(3) / 2 * a;
        Sann.Result s = Sann.compute(lattice(new double[][]{{0, 0, 0}, {0.5, 0.5, 0.5}}, 5, 5, 5, a, a, a));
        // 8 at d and 6 at a: R^(14) = (8 d + 6 a) / 12 < sqrt 2 a
        assertAll(s, 14, (8 * d + 6 * a) / 12);
        assertEquals(0, s.asymmetricPairs());
    }

    @Test
    void hcpHasTwelve() {
        double a = 1.1;
        double c = Math.sqrt(8.0 / 3.0) * a;
        // orthorhombic cell a x sqrt3 a x c with four sites
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 1.0 / 6.0, 0.5}, {0, 2.0 / 3.0, 0.5}};
        FrameView f = lattice(basis, 6, 4, 4, a, Math.sqrt(3) * a, c);
        Sann.Result s = Sann.compute(f);
        assertAll(s, 12, 1.2 * a);
    }

    /** Not 6: the six at d give R^(6) = 1.5 d, which is not below the twelve at sqrt 2 d (see {@link Sann}). */
    @Test
    void simpleCubicHasEighteen() {
        FrameView f = lattice(new double[][]{{0, 0, 0}}, 6, 6, 6, 1, 1, 1);
        Sann.Result s = Sann.compute(f);
        assertAll(s, 18, (6 + 12 * Math.sqrt(2)) / 16);
        assertEquals(0, s.asymmetricPairs());
    }

    @Test
    void thermalNoiseKeepsFccAtTwelve() {
        double a = 1.5;
        double d = a / Math.sqrt(2);
        FrameView f = fcc(5, a);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < f.n(); i++) {
            // Gaussian displacements of rms 0.03 d per axis (5 % of d in 3D): pair distances scatter by 0.04 d, and a
            // second neighbour would have to come 0.21 d (5 sd) closer to beat R = 1.2 d. (At 0.04 d per axis one
            // particle in 500 does take a 13th.)
            f.x()[i] += 0.03 * d * RadialFeaturesTest.gaussian(rnd);
            f.y()[i] += 0.03 * d * RadialFeaturesTest.gaussian(rnd);
            f.z()[i] += 0.03 * d * RadialFeaturesTest.gaussian(rnd);
        }
        Sann.Result s = Sann.compute(f);
        for (int i = 0; i < f.n(); i++) {
            assertEquals(12, s.count(i), "particle " + i);
        }
    }

    @Test
    void triangularLatticeHasSixIn2d() {
        int nx = 12;
        int ny = 8;
        double d = 1.05;
        int n = 2 * nx * ny;
        double[] x = new double[n];
        double[] y = new double[n];
        int p = 0;
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                x[p] = i * d;
                y[p++] = j * Math.sqrt(3) * d;
                x[p] = (i + 0.5) * d;
                y[p++] = (j + 0.5) * Math.sqrt(3) * d;
            }
        }
        Sann.Result s = Sann.compute(Box.planar(nx * d, ny * Math.sqrt(3) * d), x, y, new double[n], n, Double.NaN);
        for (int i = 0; i < n; i++) {
            assertEquals(6, s.count(i));
            assertEquals(d / Math.cos(Math.PI / 6), s.radius(i), 1e-9); // six arcs of 2 pi / 6
        }
    }

    /** The rule applied to every other particle's minimum image, no cutoff: {count, R}, and the neighbour ids. */
    private static double[] bruteForce(FrameView f, int i, List<Integer> ids) {
        int n = f.n();
        double[][] cand = new double[n - 1][];
        int q = 0;
        for (int j = 0; j < n; j++) {
            if (j == i) {
                continue;
            }
            double dx = NeighboursTest.image(f.x()[j] - f.x()[i], f.boxX());
            double dy = NeighboursTest.image(f.y()[j] - f.y()[i], f.boxY());
            double dz = f.dims() == 3 ? NeighboursTest.image(f.z()[j] - f.z()[i], f.boxZ()) : 0;
            cand[q++] = new double[]{Math.sqrt(dx * dx + dy * dy + dz * dz), j};
        }
        Arrays.sort(cand, (u, v) -> u[0] != v[0] ? Double.compare(u[0], v[0]) : Double.compare(u[1], v[1]));
        for (int m = 3; m < cand.length; m++) {
            double next = cand[m][0];
            boolean closes;
            double radius;
            if (f.dims() == 3) {
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    sum += cand[k][0];
                }
                radius = sum / (m - 2);
                closes = radius < next;
            } else {
                double arcs = 0;
                for (int k = 0; k < m; k++) {
                    arcs += Math.acos(Math.min(1, cand[k][0] / next));
                }
                closes = arcs > Math.PI;
                double lo = cand[m - 1][0];
                double hi = next;
                for (int it = 0; it < 200; it++) { // sum of arcs = pi by bisection
                    double mid = 0.5 * (lo + hi);
                    double s = 0;
                    for (int k = 0; k < m; k++) {
                        s += Math.acos(Math.min(1, cand[k][0] / mid));
                    }
                    if (s > Math.PI) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                radius = 0.5 * (lo + hi);
            }
            if (closes) {
                for (int k = 0; k < m; k++) {
                    ids.add((int) cand[k][1]);
                }
                return new double[]{m, radius};
            }
        }
        throw new AssertionError("brute-force shell of " + i + " does not close");
    }

    private static void assertMatchesBruteForce(FrameView f, Sann.Result s) {
        for (int i = 0; i < f.n(); i++) {
            List<Integer> ids = new ArrayList<>();
            double[] want = bruteForce(f, i, ids);
            assertEquals((int) want[0], s.count(i), "count of " + i);
            assertEquals(want[1], s.radius(i), 1e-9 * want[1], "R of " + i);
            int[] got = s.neighboursOf(i);
            assertArrayEquals(ids.stream().mapToInt(Integer::intValue).toArray(), got, "shell of " + i);
        }
    }

    @Test
    void kaLiquidEqualsBruteForceAndIsNotSymmetric() throws Exception {
        FrameView f = RadialFeaturesTest.kaLiquid().get(0);
        Sann.Result s = Sann.compute(f);
        assertMatchesBruteForce(f, s);
        int[] histogram = new int[40];
        for (int i = 0; i < f.n(); i++) {
            histogram[s.count(i)]++;
        }
        long asym = s.asymmetricPairs();
        System.out.printf("SANN KA T=0.8 N=%d: mean m %.3f, histogram %s, asymmetric ordered pairs %d of %d, cutoff %.3f"
                + " after %d rebuilds%n", f.n(), s.meanCount(), Arrays.toString(histogram), asym,
                Arrays.stream(s.counts()).sum(), s.cutoff(), s.rebuilds());
        // a dense LJ mixture: about 12 on average, the small B particles fewer than the A
        double[] mean = new double[2];
        int[] per = new int[2];
        for (int i = 0; i < f.n(); i++) {
            mean[f.species()[i]] += s.count(i);
            per[f.species()[i]]++;
        }
        System.out.printf("SANN KA mean m: A %.3f, B %.3f%n", mean[0] / per[0], mean[1] / per[1]);
        assertTrue(s.meanCount() > 10.5 && s.meanCount() < 14, "mean SANN count " + s.meanCount());
        assertTrue(mean[1] / per[1] < mean[0] / per[0], "B shells should be smaller");
        // each particle's own R_i: the relation is not symmetric in a liquid
        assertTrue(asym > 0, "expected some j in N(i) with i not in N(j)");
        // R_i lies in [r_{i,m}, r_{i,m+1}): j is in i's shell exactly when r_ij <= R_i, so (i, j) is one-sided exactly
        // when R_j < r_ij <= R_i
        Neighbours rows = s.rows();
        for (int i = 0; i < f.n(); i++) {
            for (int e = rows.start(i); e < rows.start(i + 1); e++) {
                int j = rows.neighbour(e);
                assertEquals(rows.distance(e) <= s.radius(i), s.contains(i, j), "pair " + i + ", " + j);
            }
        }
    }

    @Test
    void randomPlanarConfigurationEqualsBruteForce() {
        FrameView f = NeighboursTest.randomFrame(500, 2, 20.0, 17);
        assertMatchesBruteForce(f, Sann.compute(f));
    }

    @Test
    void growsTheCutoffWhenShellsDoNotClose() throws Exception {
        FrameView f = RadialFeaturesTest.kaLiquid().get(1);
        Sann.Result generous = Sann.compute(f);
        Sann.Result tight = Sann.compute(f, 0.9); // no shell closes inside 0.9 sigma
        assertTrue(tight.rebuilds() > 0, "rebuilds " + tight.rebuilds());
        assertArrayEquals(generous.counts(), tight.counts());
        assertArrayEquals(generous.radii(), tight.radii());
        // a cutoff beyond half the box is clipped to it
        assertEquals(0.5 * f.boxX(), Sann.compute(f, 100).cutoff(), 1e-12);
        // an ideal gas has shells of all sizes: growth from a tiny start still matches the oracle
        FrameView gas = NeighboursTest.randomFrame(400, 3, 9.0, 5);
        Sann.Result g = Sann.compute(gas, 0.3);
        assertTrue(g.rebuilds() > 3);
        assertMatchesBruteForce(gas, g);
    }

    /**
     * The shell can close against the cutoff: fcc of 2 x 2 x 2 cells (edge 2a) allows candidates below a only, so the
     * second shell at a is never seen, yet R = 1.2 d = 0.85 a &lt; a decides; a simple cubic 2 x 2 x 2 box (half box 1
     * = d) sees nothing and must fail with a clear message.
     */
    @Test
    void closesAgainstTheCutoffAndFailsClearlyWhenItCannot() {
        double a = 1.0;
        Sann.Result s = Sann.compute(fcc(2, a));
        assertAll(s, 12, 1.2 * a / Math.sqrt(2));
        FrameView sc = lattice(new double[][]{{0, 0, 0}}, 2, 2, 2, 1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sann.compute(sc));
        assertTrue(e.getMessage().contains("does not close within half the shortest box edge"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sann.compute(Box.cubic(5), new double[3], new double[3],
                new double[3], 3, Double.NaN));
    }

    @Test
    void relabellingPermutesTheShells() throws Exception {
        FrameView f = RadialFeaturesTest.kaLiquid().get(2);
        int n = f.n();
        int[] perm = new int[n]; // new index of old particle i
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] sp = new int[n];
        for (int i = 0; i < n; i++) {
            x[perm[i]] = f.x()[i];
            y[perm[i]] = f.y()[i];
            z[perm[i]] = f.z()[i];
            sp[perm[i]] = f.species()[i];
        }
        FrameView g = new FrameView(0, 0, 0, n, 3, sp, x, y, z, f.boxX(), f.boxY(), f.boxZ(), null, null, null, null);
        Sann.Result a = Sann.compute(f);
        Sann.Result b = Sann.compute(g);
        for (int i = 0; i < n; i++) {
            assertEquals(a.count(i), b.count(perm[i]));
            assertEquals(a.radius(i), b.radius(perm[i]), 1e-12);
            int[] mapped = Arrays.stream(a.neighboursOf(i)).map(j -> perm[j]).sorted().toArray();
            int[] direct = Arrays.stream(b.neighboursOf(perm[i])).sorted().toArray();
            assertArrayEquals(mapped, direct, "shell of " + i);
        }
    }
}
