package glassworks.md.analysis;

import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RadialDistributionTest {

    private static FrameView random(int n, double l, int dims, long seed, double shift) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] sp = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            sp[i] = rnd.nextDouble() < 0.8 ? 0 : 1;
            x[i] = rnd.nextDouble() * l + shift;
            y[i] = rnd.nextDouble() * l - 3 * shift; // unwrapped coordinates far outside the box
            z[i] = dims == 3 ? rnd.nextDouble() * l : 0;
        }
        return new FrameView(0, 0, 0, n, dims, sp, x, y, z, l, l, dims == 3 ? l : 0, null, null, null, null);
    }

    /** O(N^2) minimum-image oracle. */
    private static long[][] bruteForce(FrameView f, RadialDistribution rdf, double rMax) {
        long[][] c = new long[rdf.pairs()][rdf.bins()];
        double[] box = {f.boxX(), f.boxY(), f.boxZ()};
        double[][] p = {f.x(), f.y(), f.z()};
        for (int i = 0; i < f.n(); i++) {
            for (int j = i + 1; j < f.n(); j++) {
                double r2 = 0;
                for (int d = 0; d < f.dims(); d++) {
                    double dx = p[d][i] - p[d][j];
                    dx -= box[d] * Math.rint(dx / box[d]);
                    r2 += dx * dx;
                }
                double r = Math.sqrt(r2);
                if (r < rMax) {
                    int k = (int) (r / (rMax / rdf.bins()));
                    c[rdf.pairIndex(f.species()[i], f.species()[j])][k]++;
                    c[rdf.pairs() - 1][k]++;
                }
            }
        }
        return c;
    }

    @Test
    void cellGridEqualsBruteForce3dAnd2d() {
        for (int dims : new int[] {3, 2}) {
            for (double rMax : new double[] {1.0, 2.5, 4.0}) { // 4.0 = half the box: fewer than 3 cells per axis
                FrameView f = random(dims == 3 ? 700 : 500, 8.0, dims, 7 + dims, 17.3);
                RadialDistribution rdf = new RadialDistribution(2, rMax, 40);
                long[][] fast = rdf.compute(f).counts();
                long[][] slow = bruteForce(f, rdf, rMax);
                for (int p = 0; p < rdf.pairs(); p++) {
                    assertArrayEquals(slow[p], fast[p], "dims " + dims + " rMax " + rMax + " pair " + rdf.pairLabel(p));
                }
            }
        }
    }

    /** 2D frames use a planar cell list: rectangular boxes, cell grids and the small-box fallback, three species. */
    @Test
    void planarCellListEqualsBruteForceInRectangles() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] shapes = {{30.0, 12.0}, {9.5, 41.0}, {7.0, 25.0}};
        for (double[] shape : shapes) {
            int n = 800;
            int[] sp = new int[n];
            double[] x = new double[n];
            double[] y = new double[n];
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                sp[i] = rnd.nextInt(3);
                x[i] = (rnd.nextDouble() * 3 - 1) * shape[0];
                y[i] = (rnd.nextDouble() * 3 - 1) * shape[1];
            }
            FrameView f = new FrameView(0, 0, 0, n, 2, sp, x, y, z, shape[0], shape[1], 0, null, null, null, null);
            for (double rMax : new double[]{1.5, 0.5 * Math.min(shape[0], shape[1])}) {
                RadialDistribution rdf = new RadialDistribution(3, rMax, 30);
                long[][] fast = rdf.compute(f).counts();
                long[][] slow = bruteForce(f, rdf, rMax);
                for (int p = 0; p < rdf.pairs(); p++) {
                    assertArrayEquals(slow[p], fast[p], "box " + shape[0] + "x" + shape[1] + " rMax " + rMax + " pair "
                            + rdf.pairLabel(p));
                }
            }
        }
    }

    @Test
    void idealGasGivesOneEverywhere() {
        RadialDistribution rdf = new RadialDistribution(2, 3.0, 10);
        double[][] sum = new double[rdf.pairs()][rdf.bins()];
        int frames = 20;
        for (int s = 0; s < frames; s++) {
            RadialDistribution.Frame f = rdf.compute(random(4000, 12.0, 3, s, 0));
            for (int p = 0; p < rdf.pairs(); p++) {
                for (int k = 0; k < rdf.bins(); k++) {
                    sum[p][k] += f.g()[p][k] / frames;
                }
            }
        }
        for (int k = 3; k < rdf.bins(); k++) { // inner bins hold few pairs: large Poisson noise
            assertEquals(1.0, sum[rdf.pairs() - 1][k], 0.03, "total g bin " + k);
            assertEquals(1.0, sum[rdf.pairIndex(0, 0)][k], 0.04, "AA g bin " + k);
            assertEquals(1.0, sum[rdf.pairIndex(0, 1)][k], 0.06, "AB g bin " + k);
        }
    }

    @Test
    void simpleCubicLatticeShellsHaveTheirCoordinationNumbers() {
        int side = 6;
        int n = side * side * side;
        int[] sp = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % side;
            y[i] = (i / side) % side;
            z[i] = i / (side * side);
        }
        FrameView f = new FrameView(0, 0, 0, n, 3, sp, x, y, z, side, side, side, null, null, null, null);
        RadialDistribution rdf = new RadialDistribution(1, 3.0, 300);
        RadialDistribution.Frame r = rdf.compute(f);
        int total = rdf.pairs() - 1;
        double[] cumulative = new double[rdf.bins()];
        double run = 0;
        for (int k = 0; k < rdf.bins(); k++) {
            run += r.partners()[total][k];
            cumulative[k] = run;
        }
        // shells of a simple cubic lattice: 6 at 1, 12 at sqrt 2, 8 at sqrt 3, 6 at 2
        assertEquals(0, cumulative[98], 1e-12);
        assertEquals(6, cumulative[101], 1e-12);
        assertEquals(18, cumulative[145], 1e-12);
        assertEquals(26, cumulative[176], 1e-12);
        assertEquals(32, cumulative[201], 1e-12);
    }

    @Test
    void refusesRMaxBeyondHalfTheBox() {
        RadialDistribution rdf = new RadialDistribution(2, 5.0, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rdf.compute(random(10, 8.0, 3, 1, 0)));
        assertTrue(e.getMessage().contains("--r-max <= 4"), e.getMessage());
        assertEquals("AB", new RadialDistribution(2, 1, 1).pairLabel(1));
        assertEquals("total", new RadialDistribution(2, 1, 1).pairLabel(3));
    }
}
