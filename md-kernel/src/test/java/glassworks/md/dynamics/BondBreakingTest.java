package glassworks.md.dynamics;

import glassworks.md.Box;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C_B on a rigid lattice (1 at every lag, also when some particles' unwrapped coordinates are whole boxes away), after
 * known permutations of particles (the analytic fractions), the seed-003 cutoff table, and against an O(N^2) count.
 */
class BondBreakingTest {

    private static BondBreaking.Cutoffs unit() {
        return BondBreaking.Cutoffs.seed003(new double[][]{{1.0}});
    }

    @Test
    void seed003CutoffsOfKa2d() {
        BondBreaking.Cutoffs c = BondBreaking.Cutoffs.ka2d();
        double[][] in = {{1.400, 1.120, 1.260}, {1.120, 1.232, 1.120}, {1.260, 1.120, 1.316}};
        double[][] out = {{1.800, 1.440, 1.620}, {1.440, 1.584, 1.440}, {1.620, 1.440, 1.692}};
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertEquals(in[a][b], c.inner()[a][b], 1e-12);
                assertEquals(out[a][b], c.outer()[a][b], 1e-12);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new BondBreaking.Cutoffs(new double[][]{{1, 2}, {1.5, 1}},
                new double[][]{{2, 2}, {2, 2}}));
        assertThrows(IllegalArgumentException.class, () -> new BondBreaking.Cutoffs(new double[][]{{1.5}},
                new double[][]{{1.2}}));
    }

    @Test
    void rigidLatticeKeepsEveryBondAtEveryLagAlsoAcrossImages() {
        for (int dims : new int[]{2, 3}) {
            int m = dims == 2 ? 12 : 6;
            double l = m;
            double[][] p = Synthetic.lattice(dims, m, 1.0);
            int n = p[0].length;
            List<double[][]> frames = Synthetic.repeat(p, 6);
            Random rnd = new Random(4);
            for (int f = 1; f < 6; f++) {
                double[][] q = frames.get(f);
                for (int i = 0; i < n; i++) {
                    // rigid translation plus whole-box image shifts (unwrapped coordinates of particles that crossed)
                    q[0][i] += 0.1 * f + l * (rnd.nextInt(5) - 2);
                    q[1][i] += -0.07 * f + l * (rnd.nextInt(5) - 2);
                    q[2][i] += dims == 3 ? 0.03 * f + l * (rnd.nextInt(3) - 1) : 0;
                }
            }
            Trajectory t = Synthetic.of(dims, new int[n], dims == 2 ? Box.planar(l, l) : Box.cubic(l), frames);
            BondBreaking.Bonds b = BondBreaking.initial(t.box(0), t.x(0), t.y(0), t.z(0), n, t.species(), unit());
            for (int i = 0; i < n; i++) {
                assertEquals(2 * dims, b.count(i), "square/cubic lattice: 2d nearest neighbours at 1 < 1.4 < sqrt 2");
            }
            RunDynamics.Result r = RunDynamics.compute(t, LagGrid.linear(t),
                    RunDynamics.Options.defaults(2 * Math.PI).withBonds(unit()));
            for (int lag = 0; lag < r.lags(); lag++) {
                assertEquals(1.0, r.cb()[0][lag], 0.0, dims + "D lag " + lag);
                assertEquals(0.0, r.chi4Cb()[0][lag], 1e-12);
            }
        }
    }

    @Test
    void permutingParticlesBreaksTheAnalyticFractionOfBonds() {
        for (int dims : new int[]{2, 3}) {
            int m = dims == 2 ? 12 : 8;
            double[][] p = Synthetic.lattice(dims, m, 1.0);
            int n = p[0].length;
            Box box = dims == 2 ? Box.planar(m, m) : Box.cubic(m);
            int z = 2 * dims;
            // (a) two distant particles swap: both lose all z bonds, each of their 2z neighbours loses 1 of z
            int a = 0;
            int far = n / 2 + m / 2; // a site well away from site 0 (not a neighbour)
            double[][] swapped = Synthetic.copy(p);
            swap(swapped, a, far);
            Trajectory t = Synthetic.of(dims, new int[n], box, List.of(p, swapped));
            double[] cb = BondBreaking.perParticle(t, 0, 1, unit());
            assertEquals(0.0, cb[a]);
            assertEquals(0.0, cb[far]);
            double sum = 0;
            for (double v : cb) {
                sum += v;
            }
            assertEquals((n - 2 - 2 * z + 2 * z * (z - 1.0) / z) / n, sum / n, 1e-12);
            assertEquals((n - 4.0) / n, sum / n, 1e-12);
            RunDynamics.Result r = RunDynamics.compute(t, LagGrid.linear(t),
                    RunDynamics.Options.defaults(2 * Math.PI).withBonds(unit()));
            assertEquals((n - 4.0) / n, r.cb()[0][0], 1e-12);

            // (b) two adjacent particles swap (along x): each keeps all bonds but the one opposite to the move
            // (distance 2 > 1.8; the side neighbours end at sqrt 2 < 1.8, the partner at 1); the two particles
            // beyond them along x lose their bond to the moved one. Mean C_B = (N - 4 + 4 (z - 1) / z) / N.
            int b = neighbourAlongX(p, a, m);
            double[][] adj = Synthetic.copy(p);
            swap(adj, a, b);
            Trajectory t2 = Synthetic.of(dims, new int[n], box, List.of(p, adj));
            double[] cb2 = BondBreaking.perParticle(t2, 0, 1, unit());
            assertEquals((z - 1.0) / z, cb2[a], 1e-12);
            assertEquals((z - 1.0) / z, cb2[b], 1e-12);
            double s2 = 0;
            int broken = 0;
            for (double v : cb2) {
                s2 += v;
                broken += v < 1 ? 1 : 0;
            }
            assertEquals(4, broken);
            assertEquals((n - 4 + 4 * (z - 1.0) / z) / n, s2 / n, 1e-12);
            assertEquals((n - 4.0 / z) / n, s2 / n, 1e-12); // (N - 1) / N on the square lattice
        }
    }

    private static void swap(double[][] p, int i, int j) {
        for (int a = 0; a < 3; a++) {
            double t = p[a][i];
            p[a][i] = p[a][j];
            p[a][j] = t;
        }
    }

    private static int neighbourAlongX(double[][] p, int a, int m) {
        for (int j = 0; j < p[0].length; j++) {
            if (Math.abs(p[0][j] - p[0][a] - 1) < 1e-9 && Math.abs(p[1][j] - p[1][a]) < 1e-9
                    && Math.abs(p[2][j] - p[2][a]) < 1e-9) {
                return j;
            }
        }
        throw new AssertionError("no neighbour along x in a lattice of " + m);
    }

    @Test
    void countsEqualABruteForcePairLoopOnARandomBinaryMixture() {
        Random rnd = new Random(12);
        int n = 300;
        double l = 7.0;
        BondBreaking.Cutoffs c = BondBreaking.Cutoffs.ka3d();
        int[] sp = new int[n];
        double[][] p0 = new double[3][n];
        double[][] p1 = new double[3][n];
        for (int i = 0; i < n; i++) {
            sp[i] = rnd.nextDouble() < 0.2 ? 1 : 0;
            for (int a = 0; a < 3; a++) {
                p0[a][i] = rnd.nextDouble() * l + l * (rnd.nextInt(3) - 1); // unwrapped-looking
                p1[a][i] = p0[a][i] + 0.4 * rnd.nextGaussian();
            }
        }
        Trajectory t = Synthetic.of(3, sp, Box.cubic(l), List.of(p0, p1));
        double[] cb = BondBreaking.perParticle(t, 0, 1, c);
        int defined = 0;
        for (int i = 0; i < n; i++) {
            int n0 = 0;
            int nt = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double r0 = mi(p0, i, j, l);
                if (r0 < c.inner()[sp[i]][sp[j]]) {
                    n0++;
                    if (mi(p1, i, j, l) < c.outer()[sp[i]][sp[j]]) {
                        nt++;
                    }
                }
            }
            if (n0 == 0) {
                assertTrue(Double.isNaN(cb[i]));
            } else {
                defined++;
                assertEquals((double) nt / n0, cb[i], 1e-15, "particle " + i);
            }
        }
        assertTrue(defined > n / 2);
    }

    private static double mi(double[][] p, int i, int j, double l) {
        double s = 0;
        for (int a = 0; a < 3; a++) {
            double d = p[a][j] - p[a][i];
            d -= l * Math.rint(d / l);
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
