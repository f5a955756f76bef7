package glassworks.md.structure;

import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cell-list neighbour rows equal an O(N^2) minimum-image sweep, sorted, in 3D and 2D, with species-pair cutoffs. */
class NeighboursTest {

    static FrameView randomFrame(int n, int dims, double edge, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] species = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            species[i] = rng.nextInt(3);
            // unwrapped positions up to two boxes away: the list must wrap them
            x[i] = rng.nextDouble(-2 * edge, 3 * edge);
            y[i] = rng.nextDouble(-2 * edge, 3 * edge);
            z[i] = dims == 3 ? rng.nextDouble(-2 * edge, 3 * edge) : 0;
        }
        return new FrameView(0, 0, 0, n, dims, species, x, y, z, edge, edge, dims == 3 ? edge : 0, null, null, null, null);
    }

    static double image(double d, double l) {
        return d - l * Math.rint(d / l);
    }

    private static void assertMatchesBruteForce(FrameView f, Neighbours nb, double[][] rc) {
        for (int i = 0; i < f.n(); i++) {
            List<double[]> expect = new ArrayList<>();
            for (int j = 0; j < f.n(); j++) {
                if (j == i) {
                    continue;
                }
                double dx = image(f.x()[j] - f.x()[i], f.boxX());
                double dy = image(f.y()[j] - f.y()[i], f.boxY());
                double dz = f.dims() == 3 ? image(f.z()[j] - f.z()[i], f.boxZ()) : 0;
                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (r < rc[f.species()[i]][f.species()[j]]) {
                    expect.add(new double[]{r, j, dx, dy, dz});
                }
            }
            expect.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
            assertEquals(expect.size(), nb.count(i), "neighbour count of " + i);
            for (int k = 0; k < expect.size(); k++) {
                int e = nb.start(i) + k;
                double[] w = expect.get(k);
                assertEquals((int) w[1], nb.neighbour(e));
                assertEquals(w[0], nb.distance(e), 1e-12);
                assertEquals(w[2], nb.dx(e), 1e-12);
                assertEquals(w[3], nb.dy(e), 1e-12);
                assertEquals(w[4], nb.dz(e), 1e-12);
            }
        }
    }

    @Test
    void globalCutoffEqualsBruteForce3dAnd2d() {
        for (int dims : new int[]{3, 2}) {
            FrameView f = randomFrame(dims == 3 ? 700 : 400, dims, 9.0, 11 + dims);
            double rc = 2.7;
            Neighbours nb = Neighbours.within(f, rc);
            double[][] all = {{rc, rc, rc}, {rc, rc, rc}, {rc, rc, rc}};
            assertMatchesBruteForce(f, nb, all);
            assertEquals(nb.entries(), sum(nb));
        }
    }

    @Test
    void speciesPairCutoffsEqualBruteForce() {
        FrameView f = randomFrame(600, 3, 8.0, 5);
        double[][] rc = {{1.45, 1.25, 1.7}, {1.25, 1.9, 1.1}, {1.7, 1.1, 2.2}};
        assertMatchesBruteForce(f, Neighbours.within(f, rc), rc);
    }

    @Test
    void refusesCutoffBeyondHalfBoxAndAsymmetricMatrix() {
        FrameView f = randomFrame(50, 3, 4.0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Neighbours.within(f, 2.5));
        assertTrue(e.getMessage().contains("half the shortest box edge"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Neighbours.within(f, new double[][]{{1, 1.2}, {1.1, 1}}));
    }

    private static int sum(Neighbours nb) {
        int s = 0;
        for (int i = 0; i < nb.size(); i++) {
            s += nb.count(i);
        }
        return s;
    }
}
