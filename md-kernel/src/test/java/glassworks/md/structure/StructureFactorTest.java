package glassworks.md.structure;

import glassworks.md.Box;
import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S(k) against the O(N^2) pair sum, on an ideal gas (S = 1), a simple cubic lattice (Bragg peaks of height N, zero
 * elsewhere) and a KA liquid (k* near 7.2), in 3D and 2D, with partials.
 */
class StructureFactorTest {

    /** (1/N) sum_ij cos(k.(r_i - r_j)) for k = 2 pi (nx / Lx, ny / Ly, nz / Lz): the textbook double sum. */
    private static double pairSum(FrameView f, int nx, int ny, int nz) {
        double kx = 2 * Math.PI * nx / f.boxX();
        double ky = 2 * Math.PI * ny / f.boxY();
        double kz = f.dims() == 3 ? 2 * Math.PI * nz / f.boxZ() : 0;
        double s = 0;
        for (int i = 0; i < f.n(); i++) {
            for (int j = 0; j < f.n(); j++) {
                s += Math.cos(kx * (f.x()[i] - f.x()[j]) + ky * (f.y()[i] - f.y()[j]) + kz * (f.z()[i] - f.z()[j]));
            }
        }
        return s / f.n();
    }

    private static double[] kOf(FrameView f, int nx, int ny, int nz) {
        return new double[]{2 * Math.PI * nx / f.boxX(), 2 * Math.PI * ny / f.boxY(),
                f.dims() == 3 ? 2 * Math.PI * nz / f.boxZ() : 0};
    }

    @Test
    void singleVectorEqualsThePairDoubleSum() throws Exception {
        FrameView ka = RadialFeaturesTest.kaLiquid().get(0);
        FrameView gas = NeighboursTest.randomFrame(300, 3, 7.0, 4); // unwrapped positions up to two boxes out
        FrameView flat = NeighboursTest.randomFrame(300, 2, 11.0, 6);
        int[][] vectors = {{1, 0, 0}, {0, 0, 1}, {3, -2, 5}, {7, 1, -1}, {0, 9, 2}, {-4, 4, 4}};
        for (FrameView f : List.of(ka, gas, flat)) {
            for (int[] q : vectors) {
                double want = pairSum(f, q[0], q[1], q[2]);
                double got = StructureFactor.single(f, q[0], q[1], q[2]);
                assertEquals(want, got, 1e-9 * Math.max(1, want), "n = " + q[0] + "," + q[1] + "," + q[2]);
                // S(-k) = S(k)
                assertEquals(got, StructureFactor.single(f, -q[0], -q[1], -q[2]), 1e-9 * Math.max(1, got));
            }
        }
    }

    /**
     * With every vector kept, each bin is the mean of the double sum over the half-space vectors whose |k| falls in
     * it; the partials recombine to the total.
     */
    @Test
    void binsAreMeansOfThePairSumOverTheirVectors() {
        for (int dims : new int[]{3, 2}) {
            FrameView f = NeighboursTest.randomFrame(dims == 3 ? 60 : 80, dims, dims == 3 ? 4.0 : 6.0, 21);
            double dk = 0.9;
            StructureFactor.Options o = new StructureFactor.Options(6.0, dk, 1_000_000, 1L, true);
            StructureFactor.Result r = StructureFactor.of(f, o);
            int nBins = (int) Math.round(6.0 / dk) + 1;
            double[] sum = new double[nBins];
            double[] sumK = new double[nBins];
            int[] count = new int[nBins];
            int m = 10;
            for (int nx = 0; nx <= m; nx++) {
                for (int ny = -m; ny <= m; ny++) {
                    for (int nz = dims == 3 ? -m : 0; nz <= (dims == 3 ? m : 0); nz++) {
                        boolean half = nx > 0 || (nx == 0 && ny > 0) || (nx == 0 && ny == 0 && nz > 0);
                        if (!half) {
                            continue;
                        }
                        double[] k = kOf(f, nx, ny, nz);
                        double len = Math.sqrt(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
                        int bin = (int) Math.floor(len / dk + 0.5);
                        if (bin >= 1 && bin < nBins) {
                            sum[bin] += pairSum(f, nx, ny, nz);
                            sumK[bin] += len;
                            count[bin]++;
                        }
                    }
                }
            }
            int q = 0;
            for (int b = 1; b < nBins; b++) {
                if (count[b] == 0) {
                    continue;
                }
                assertEquals(sumK[b] / count[b], r.k()[q], 1e-12, "dims " + dims + " bin " + b);
                assertEquals(sum[b] / count[b], r.s()[q], 1e-9, "dims " + dims + " bin " + b);
                assertEquals(count[b], r.samples()[q]);
                // S = sum_ab sqrt(x_a x_b) S_ab over ordered pairs (three species, pair order AA AB AC BB BC CC)
                int[] per = new int[3];
                for (int s : f.species()) {
                    per[s]++;
                }
                double recombined = 0;
                int p = 0;
                for (int a = 0; a < 3; a++) {
                    for (int c = a; c < 3; c++) {
                        double w = Math.sqrt((double) per[a] * per[c]) / f.n();
                        recombined += (a == c ? 1 : 2) * w * r.partial()[p++][q];
                    }
                }
                assertEquals(r.s()[q], recombined, 1e-9, "partials recombine, bin " + b);
                q++;
            }
            assertEquals(q, r.bins());
            assertEquals(List.of("AA", "AB", "AC", "BB", "BC", "CC"), r.pairs());
        }
    }

    @Test
    void idealGasIsOneAtEveryK() {
        for (int dims : new int[]{3, 2}) {
            List<FrameView> frames = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                frames.add(NeighboursTest.randomFrame(dims == 3 ? 1000 : 800, dims, dims == 3 ? 10.0 : 28.0, 100 + s));
            }
            StructureFactor.Result r = StructureFactor.of(frames, new StructureFactor.Options(15.0, Double.NaN, 300, 7L, true));
            for (int b = 0; b < r.bins(); b++) {
                // |rho_k|^2 / N of random phases is exponential with mean 1: the bin mean is 1 within its error
                assertEquals(1.0, r.s()[b], 4.5 * r.error()[b] + 1e-12, "dims " + dims + " k " + r.k()[b]);
                assertEquals(1.0 / Math.sqrt(r.samples()[b]), r.error()[b], 0.5 / Math.sqrt(r.samples()[b]));
                assertTrue(r.samples()[b] <= 300L * frames.size());
            }
            // the two larger bins (many samples): within a few per cent; partials: S_AA ~ 1, S_AB ~ 0
            int last = r.bins() - 1;
            assertEquals(1.0, r.s()[last], 0.1);
            assertEquals(1.0, r.partial()[0][last], 0.15);
            assertEquals(0.0, r.partial()[1][last], 0.1);
            assertEquals(2 * Math.PI / (dims == 3 ? 10.0 : 28.0), r.binWidth(), 1e-12);
        }
    }

    @Test
    void simpleCubicLatticeHasBraggPeaksOfHeightN() {
        int side = 4;
        FrameView f = SannTest.lattice(new double[][]{{0, 0, 0}}, side, side, side, 1, 1, 1);
        int n = f.n();
        // every box vector up to |n| = 8 per axis: N on the reciprocal lattice (all n multiples of 4), 0 elsewhere
        for (int nx = 0; nx <= 8; nx++) {
            for (int ny = -8; ny <= 8; ny++) {
                for (int nz = -8; nz <= 8; nz++) {
                    if (nx == 0 && ny == 0 && nz == 0) {
                        continue;
                    }
                    boolean bragg = nx % side == 0 && ny % side == 0 && nz % side == 0;
                    double s = StructureFactor.single(f, nx, ny, nz);
                    assertEquals(bragg ? n : 0, s, 1e-9, "n = " + nx + "," + ny + "," + nz);
                }
            }
        }
        // bins narrow enough to separate every |n|^2 up to 1.2 x 2 pi (|n| = 4.8): the bin at 2 pi holds only (4,0,0) and
        // its permutations (16 is no other sum of three squares), the only reciprocal vectors in range
        double dk = 0.05 * 2 * Math.PI / side;
        StructureFactor.Result r = StructureFactor.of(f, new StructureFactor.Options(1.2 * 2 * Math.PI, dk, 10_000, 1L, false));
        int peaks = 0;
        for (int b = 0; b < r.bins(); b++) {
            boolean atBragg = Math.abs(r.k()[b] - 2 * Math.PI) < 1e-9;
            assertEquals(atBragg ? n : 0, r.s()[b], 1e-9, "k " + r.k()[b]);
            if (atBragg) {
                peaks++;
                assertEquals(3, r.samples()[b]);
            }
        }
        assertEquals(1, peaks);
        assertEquals(2 * Math.PI, r.firstPeak(), dk); // a single-bin spike: refinement stays inside its bin
        // 2D square lattice: the same in the plane
        int m = 5;
        double[] x = new double[m * m];
        double[] y = new double[m * m];
        for (int i = 0; i < m * m; i++) {
            x[i] = 1.3 * (i % m);
            y[i] = 1.3 * (i / m);
        }
        FrameView sq = new FrameView(0, 0, 0, m * m, 2, new int[m * m], x, y, new double[m * m], 1.3 * m, 1.3 * m, 0,
                null, null, null, null);
        assertEquals(m * m, StructureFactor.single(sq, m, 0, 0), 1e-9);
        assertEquals(m * m, StructureFactor.single(sq, m, -m, 0), 1e-9);
        assertEquals(0, StructureFactor.single(sq, 2, 1, 0), 1e-9);
    }

    /**
     * KA at rho = 1.2, T = 0.8: first peak of S_AA at k* = 7.25 (Kob and Andersen). The total's peak sits a little
     * higher (measured 7.3 - 7.4): it is 0.8 S_AA + 0.8 S_AB + 0.2 S_BB and S_AB peaks near 7.8.
     */
    @Test
    void kaLiquidFirstPeak() throws Exception {
        List<FrameView> frames = RadialFeaturesTest.kaLiquid();
        StructureFactor.Options o = new StructureFactor.Options(12.0, Double.NaN, 500, 2026L, true);
        StructureFactor.Result r = StructureFactor.of(frames, o);
        double kTotal = r.firstPeak();
        double kAA = r.firstPeak(0);
        int top = 0;
        for (int b = 0; b < r.bins(); b++) {
            if (r.s()[b] > r.s()[top]) {
                top = b;
            }
        }
        System.out.printf("KA T=0.8 N=%d frames=%d dk=%.3f: k* total %.3f (S %.2f), k* AA %.3f%n", frames.get(0).n(),
                frames.size(), r.binWidth(), kTotal, r.s()[top], kAA);
        assertEquals(7.25, kAA, 0.02 * 7.25);
        assertEquals(7.25, kTotal, 0.035 * 7.25);
        assertTrue(kTotal >= kAA - 0.05, "the AB partial pulls the total's peak up");
        assertTrue(r.s()[top] > 2.0 && r.s()[top] < 4.0, "peak height " + r.s()[top]);
        // small k: a dense liquid is nearly incompressible
        assertTrue(r.s()[0] < 0.3, "S at the smallest k " + r.s()[0]);
        // finer bins agree
        StructureFactor.Result fine = StructureFactor.of(frames, o.withBinWidth(0.25));
        System.out.printf("KA fine bins dk=0.25: k* total %.3f, AA %.3f, AB %.3f%n", fine.firstPeak(), fine.firstPeak(0),
                fine.firstPeak(1));
        assertEquals(kTotal, fine.firstPeak(), 0.15);
        assertThrows(IllegalStateException.class, () -> StructureFactor.of(frames.get(0)).firstPeak(0));
        // a lower bound below the peak changes nothing; S_BB (a minority partial) needs one
        assertEquals(kAA, r.firstPeak(r.partial()[0], 3.0), 1e-12);
        double kBB = r.firstPeak(r.partial()[2], 3.0);
        System.out.printf("KA k* BB (k >= 3) %.3f%n", kBB);
        assertTrue(kBB > 4.5 && kBB < 8.5, "BB peak " + kBB);
    }

    @Test
    void vectorSubsetsAreDeterministicAndSeeded() throws Exception {
        FrameView f = RadialFeaturesTest.kaLiquid().get(3);
        StructureFactor.Options o = new StructureFactor.Options(10.0, Double.NaN, 40, 5L, false);
        StructureFactor.Result a = StructureFactor.of(f, o);
        StructureFactor.Result b = StructureFactor.of(f, o);
        assertArrayEquals(a.s(), b.s());
        assertArrayEquals(a.k(), b.k());
        StructureFactor.Result c = StructureFactor.of(f, new StructureFactor.Options(10.0, Double.NaN, 40, 6L, false));
        assertFalse(java.util.Arrays.equals(a.s(), c.s()), "another seed draws other vectors");
        for (long s : a.samples()) {
            assertTrue(s <= 40);
        }
        // shifting every particle by whole boxes changes nothing
        double[] x = f.x().clone();
        double[] y = f.y().clone();
        double[] z = f.z().clone();
        for (int i = 0; i < f.n(); i++) {
            x[i] += 3 * f.boxX();
            y[i] -= 2 * f.boxY();
            z[i] += 7 * f.boxZ();
        }
        FrameView shifted = new FrameView(0, 0, 0, f.n(), 3, f.species(), x, y, z, f.boxX(), f.boxY(), f.boxZ(), null,
                null, null, null);
        StructureFactor.Result d = StructureFactor.of(shifted, o);
        for (int bin = 0; bin < a.bins(); bin++) {
            assertEquals(a.s()[bin], d.s()[bin], 1e-9 * Math.max(1, a.s()[bin]));
        }
    }

    @Test
    void vectorsNearAShell() {
        Box box = Box.cubic(9.0);
        double[][] v = StructureFactor.vectorsNear(box, 7.2, 0.1, 50, 3L);
        assertEquals(50, v.length);
        for (double[] k : v) {
            double len = Math.sqrt(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
            assertEquals(7.2, len, 0.1 + 1e-12);
            for (double c : k) {
                double n = c * 9.0 / (2 * Math.PI);
                assertEquals(Math.rint(n), n, 1e-9, "box-compatible");
            }
        }
        assertArrayEquals(v, StructureFactor.vectorsNear(box, 7.2, 0.1, 50, 3L));
        double[][] all = StructureFactor.vectorsNear(box, 7.2, 0.1, 100_000, 3L);
        assertTrue(all.length > 50);
        double[][] planar = StructureFactor.vectorsNear(Box.planar(20, 20), 7.2, 0.2, 1000, 1L);
        for (double[] k : planar) {
            assertEquals(0, k[2]);
            assertTrue(k[0] > 0 || (k[0] == 0 && k[1] > 0), "half plane");
        }
        assertThrows(IllegalArgumentException.class, () -> StructureFactor.vectorsNear(box, 7.2, 0.0, 5, 1L));
    }
}
