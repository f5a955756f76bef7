package glassworks.md.meso;

import glassworks.md.Box;
import glassworks.md.dynamics.Trajectory;
import glassworks.md.dynamics.Unwrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MSD and D of particle subsets from stored-style trajectories written wrapped into the box and unwrapped by the
 * kernel's {@link Unwrapper}: ballistic particles crossing the boundary give MSD = v^2 t^2 exactly, and random walks
 * with a known D give D back within its standard error.
 */
class SubsetDiffusionTest {
    private static final double L = 5.0;

    private static double wrap(double x) {
        return x - L * Math.floor(x / L);
    }

    /** A trajectory of positions p[frame][axis][particle], wrapped into [0, L), then unwrapped by the kernel. */
    private static Trajectory wrappedThenUnwrapped(int dims, double[] times, double[][][] p) {
        int frames = times.length;
        int n = p[0][0].length;
        long[] steps = new long[frames];
        Box[] boxes = new Box[frames];
        double[][][] w = new double[3][frames][n];
        for (int f = 0; f < frames; f++) {
            steps[f] = f;
            boxes[f] = dims == 3 ? Box.cubic(L) : Box.planar(L, L);
            for (int a = 0; a < dims; a++) {
                for (int i = 0; i < n; i++) {
                    w[a][f][i] = wrap(p[f][a][i]);
                }
            }
        }
        Trajectory wrapped = Trajectory.ofArrays(dims, new int[n], steps, times, boxes, w[0], w[1], dims == 3 ? w[2] : null);
        return Unwrapper.unwrap(wrapped);
    }

    @ParameterizedTest(name = "{0}D")
    @ValueSource(ints = {2, 3})
    void ballisticParticlesAcrossTheBoundaryGiveVSquaredTSquared(int dims) {
        // velocities up to 2 sigma/tau, frames 0.5 tau apart: every particle crosses the boundary, none jumps L/2
        double[][] v = {{2.0, -1.5, 0.3, -2.0}, {-1.0, 2.0, 0.0, 1.2}, {0.5, 0.5, -1.9, 0.0}};
        int n = v[0].length;
        int frames = 11;
        double dt = 0.5;
        double[] times = new double[frames];
        double[][][] p = new double[frames][3][n];
        for (int f = 0; f < frames; f++) {
            times[f] = 100 + f * dt; // a time origin other than 0: lags are t - t_0
            for (int a = 0; a < 3; a++) {
                for (int i = 0; i < n; i++) {
                    p[f][a][i] = 4.9 - i + v[a][i] * f * dt;
                }
            }
        }
        Trajectory t = wrappedThenUnwrapped(dims, times, p);
        int[] subset = {0, 1, 3};
        double v2 = 0;
        for (int i : subset) {
            for (int a = 0; a < dims; a++) {
                v2 += v[a][i] * v[a][i];
            }
        }
        v2 /= subset.length;
        SubsetDiffusion.Msd msd = SubsetDiffusion.msd(t, subset);
        assertEquals(frames - 1, msd.lag().length);
        for (int k = 0; k < msd.lag().length; k++) {
            double lag = (k + 1) * dt;
            assertEquals(lag, msd.lag()[k], 1e-12);
            assertEquals(v2 * lag * lag, msd.msd()[k], 1e-9 * v2 * lag * lag, "MSD at lag " + lag);
        }
        // line through the origin of MSD = v2 t^2 at t = 0.5 f, f = 1..10: slope = v2 * 0.5 * sum f^3 / sum f^2
        // = v2 * 0.5 * 3025 / 385, D = slope / (2 d)
        SubsetDiffusion.Estimate d = SubsetDiffusion.diffusion(t, subset);
        assertEquals(v2 * 0.5 * 3025.0 / 385.0 / (2 * dims), d.diffusion(), 1e-9);
        assertEquals(3, d.particles());
        assertEquals(10, d.lags());
        // each particle's own D_i: its own v_i^2, and the error is their spread
        for (int k = 0; k < subset.length; k++) {
            double vi2 = 0;
            for (int a = 0; a < dims; a++) {
                vi2 += v[a][subset[k]] * v[a][subset[k]];
            }
            assertEquals(vi2 * 0.5 * 3025.0 / 385.0 / (2 * dims), d.perParticle()[k], 1e-9);
        }
        assertTrue(d.error() > 0);
    }

    @ParameterizedTest(name = "{0}D")
    @ValueSource(ints = {2, 3})
    void randomWalksGiveTheirDiffusionConstantWithinTheError(int dims) {
        // two populations, D = 0.05 and 0.2 sigma^2/tau; Gaussian steps of variance 2 D dt per axis
        double[] dOf = {0.05, 0.2};
        int n = 4000;
        int frames = 21;
        double dt = 0.4;
        Random rng = new Random(20261123L + dims);
        double[] times = new double[frames];
        double[][][] p = new double[frames][3][n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                p[0][a][i] = L * rng.nextDouble();
            }
        }
        for (int f = 1; f < frames; f++) {
            times[f] = f * dt;
            for (int i = 0; i < n; i++) {
                double s = Math.sqrt(2 * dOf[i % 2] * dt);
                for (int a = 0; a < 3; a++) {
                    p[f][a][i] = p[f - 1][a][i] + s * rng.nextGaussian();
                }
            }
        }
        Trajectory t = wrappedThenUnwrapped(dims, times, p);
        for (int g = 0; g < 2; g++) {
            int[] subset = new int[n / 2];
            for (int k = 0; k < subset.length; k++) {
                subset[k] = 2 * k + g;
            }
            SubsetDiffusion.Estimate e = SubsetDiffusion.diffusion(t, subset);
            assertEquals(dOf[g], e.diffusion(), 4 * e.error(), "D of population " + g + " = " + e.diffusion()
                    + " +- " + e.error());
            // the error is a few per cent for 2000 particles, not an artefact of 0 or of a huge spread
            assertTrue(e.error() > 0.005 * dOf[g] && e.error() < 0.05 * dOf[g], "error " + e.error());
            SubsetDiffusion.Msd msd = SubsetDiffusion.msd(t, subset);
            for (int k = 0; k < msd.lag().length; k++) {
                assertEquals(2 * dims * dOf[g] * msd.lag()[k], msd.msd()[k], 5 * msd.error()[k], "MSD at lag "
                        + msd.lag()[k]);
            }
        }
    }

    @Test
    void oneFrameOrNoParticlesAreRefused() {
        Trajectory one = Trajectory.ofArrays(2, new int[2], new long[] {0}, new double[] {0}, new Box[] {Box.planar(L, L)},
                new double[][] {{1, 2}}, new double[][] {{1, 2}}, null);
        assertThrows(IllegalArgumentException.class, () -> SubsetDiffusion.diffusion(one, new int[] {0}));
        Trajectory two = Trajectory.ofArrays(2, new int[2], new long[] {0, 1}, new double[] {0, 1},
                new Box[] {Box.planar(L, L), Box.planar(L, L)}, new double[][] {{1, 2}, {1, 2}},
                new double[][] {{1, 2}, {1, 2}}, null);
        assertThrows(IllegalArgumentException.class, () -> SubsetDiffusion.diffusion(two, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> SubsetDiffusion.msd(two, new int[] {2}));
    }
}
