package glassworks.md.dynamics;

import glassworks.md.Box;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * chi_4 of independent particles (p (1 - p), small) and of a fully correlated system (N p (1 - p)) through the run
 * dynamics; S_4 of a synthetic field with an exact Ornstein-Zernike spectrum (xi recovered); the shells.
 */
class FourPointTest {

    /**
     * Frames where between consecutive frames each particle either stays or jumps by 1 (&gt; a = 0.3): lag-1 overlap per
     * origin is the fraction that stayed. Returns the trajectory and the realised lag-1 Q per origin.
     */
    private static Object[] hops(int n, int frames, double p, boolean together, long seed) {
        Random rnd = new Random(seed);
        double l = 10;
        double[][] base = new double[3][n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                base[a][i] = rnd.nextDouble() * l;
            }
        }
        List<double[][]> fr = new ArrayList<>();
        fr.add(Synthetic.copy(base));
        double[] q = new double[frames - 1];
        for (int f = 1; f < frames; f++) {
            double[][] prev = fr.get(f - 1);
            double[][] next = Synthetic.copy(prev);
            boolean allMove = rnd.nextDouble() < p;
            int stayed = 0;
            for (int i = 0; i < n; i++) {
                boolean move = together ? allMove : rnd.nextDouble() < p;
                if (move) {
                    next[0][i] += 1.0;
                } else {
                    stayed++;
                }
            }
            q[f - 1] = (double) stayed / n;
            fr.add(next);
        }
        return new Object[]{Synthetic.of(3, new int[n], Box.cubic(l), fr), q};
    }

    @Test
    void chi4OfIndependentParticlesIsSmallAndOfACorrelatedSystemIsNTimesTheVariance() {
        int n = 500;
        for (boolean together : new boolean[]{false, true}) {
            Object[] h = hops(n, 401, 0.5, together, together ? 2 : 1);
            Trajectory t = (Trajectory) h[0];
            double[] q = (double[]) h[1];
            RunDynamics.Result r = RunDynamics.compute(t, LagGrid.linear(t.steps(), t.times(), 1, 1),
                    RunDynamics.Options.defaults(2.0).withS4(0, 1, 3, RunDynamics.S4Field.OVERLAP));
            assertEquals(1, r.lagSteps()[0]);
            double chi = r.chi4()[0][0];
            assertEquals(FourPoint.chi4(q, n), chi, 1e-9, "chi_4 over origins = N var(Q)");
            double mean = 0;
            for (double v : q) {
                mean += v / q.length;
            }
            if (together) {
                assertEquals(n * mean * (1 - mean), chi, 1e-9); // Q in {0, 1}: N p (1 - p)
                assertTrue(chi > 100, "correlated chi_4 " + chi);
            } else {
                // independent: N var(Q) = p (1 - p) = 0.25, sampling error of a variance over 400 origins ~ 7 %
                assertEquals(0.25, chi, 0.25 * 4 * Math.sqrt(2.0 / 400), "independent chi_4 " + chi);
            }
        }
    }

    @Test
    void chi4OverRunsIsNTimesTheVarianceAcrossRuns() {
        double[][] q = {{1.0, 0.5, 0.2}, {1.0, 0.7, 0.4}, {1.0, 0.6, 0.0}};
        double[] chi = FourPoint.chi4OverRuns(q, 100);
        assertEquals(0, chi[0], 1e-12);
        assertEquals(100 * (0.25 + 0.49 + 0.36) / 3 - 100 * 0.36, chi[1], 1e-9);
        assertEquals(100 * (0.04 + 0.16) / 3 - 100 * 0.04, chi[2], 1e-9);
        assertThrows(IllegalArgumentException.class, () -> FourPoint.chi4OverRuns(new double[][]{{1}}, 3));
    }

    @Test
    void smallestShellsOfACubeAndASquare() {
        FourPoint.Shells c = FourPoint.smallestShells(Box.cubic(10), 8, 1000, 1);
        int[] n2 = {1, 2, 3, 4, 5, 6, 8, 9};
        int[] half = {3, 6, 4, 3, 12, 12, 6, 15}; // half-space vectors with |n|^2 = n2
        for (int s = 0; s < 8; s++) {
            assertEquals(2 * Math.PI / 10 * Math.sqrt(n2[s]), c.q()[s], 1e-12);
            assertEquals(half[s], c.counts()[s], "shell " + s);
        }
        FourPoint.Shells sq = FourPoint.smallestShells(Box.planar(10, 10), 5, 1000, 1);
        int[] n2d = {1, 2, 4, 5, 8};
        int[] half2 = {2, 2, 2, 4, 2};
        for (int s = 0; s < 5; s++) {
            assertEquals(2 * Math.PI / 10 * Math.sqrt(n2d[s]), sq.q()[s], 1e-12);
            assertEquals(half2[s], sq.counts()[s]);
        }
        FourPoint.Shells capped = FourPoint.smallestShells(Box.cubic(10), 8, 4, 1);
        assertEquals(4, capped.counts()[4]);
    }

    /**
     * A field phi_i = sum_q A_q cos(q.r_i + theta_q) on a lattice with A_q = 2 sqrt(P(q) / N): by lattice orthogonality
     * |W(q)|^2 / N = P(q) exactly, so S_4 reproduces P(q) = chi / (1 + (q xi)^2) and the OZ fit returns xi.
     */
    @Test
    void s4OfAFieldWithAnOrnsteinZernikeSpectrumReturnsItsCorrelationLength() {
        for (int dims : new int[]{2, 3}) {
            int m = dims == 2 ? 64 : 24;
            double xi = dims == 2 ? 3.0 : 2.0;
            double chi = 5.0;
            double[][] p = Synthetic.lattice(dims, m, 1.0);
            int n = p[0].length;
            Box box = dims == 2 ? Box.planar(m, m) : Box.cubic(m);
            FourPoint.Shells shells = FourPoint.smallestShells(box, 8, 10000, 3);
            double[] field = new double[n];
            Random rnd = new Random(8);
            for (double[] q : shells.vectors()) {
                double k2 = q[0] * q[0] + q[1] * q[1] + q[2] * q[2];
                double amp = 2 * Math.sqrt(chi / (1 + k2 * xi * xi) / n);
                double th = 2 * Math.PI * rnd.nextDouble();
                for (int i = 0; i < n; i++) {
                    field[i] += amp * Math.cos(q[0] * p[0][i] + q[1] * p[1][i] + q[2] * p[2][i] + th);
                }
            }
            double[] s4 = FourPoint.s4(box, p[0], p[1], p[2], n, field, 0.0, null, shells);
            for (int s = 0; s < 8; s++) {
                double q = shells.q()[s];
                assertEquals(chi / (1 + q * q * xi * xi), s4[s], 1e-9, dims + "D shell " + s);
            }
            FourPoint.OzFit fit = FourPoint.ornsteinZernike(shells.q(), s4, 6);
            assertEquals(xi, fit.xi(), 1e-6);
            assertEquals(chi, fit.s4Zero(), 1e-6);
            assertEquals(6, fit.points());
            assertTrue(fit.resolved(), "q range " + fit.qMin() + " .. " + fit.qMax());
            assertEquals(0, fit.xiError(), 1e-6);
            // a constant offset of the field does not change S_4 when the mean is subtracted
            double[] shifted = field.clone();
            for (int i = 0; i < n; i++) {
                shifted[i] += 0.7;
            }
            double[] s4b = FourPoint.s4(box, p[0], p[1], p[2], n, shifted, 0.7, null, shells);
            assertEquals(s4[0], s4b[0], 1e-9);
        }
    }

    @Test
    void whiteNoiseHasNoResolvedLength() {
        int m = 40;
        double[][] p = Synthetic.lattice(2, m, 1.0);
        int n = p[0].length;
        Random rnd = new Random(5);
        double[] field = new double[n];
        for (int i = 0; i < n; i++) {
            field[i] = rnd.nextGaussian();
        }
        Box box = Box.planar(m, m);
        FourPoint.Shells shells = FourPoint.smallestShells(box, 6, 100, 1);
        double[] s4 = FourPoint.s4(box, p[0], p[1], p[2], n, field, 0, null, shells);
        FourPoint.OzFit fit = FourPoint.ornsteinZernike(shells.q(), s4, 6);
        // flat spectrum: either no positive slope or a length far below the q range's resolution
        assertFalse(fit.resolved() && fit.xi() > 1.0, "white noise gave xi = " + fit.xi());
        FourPoint.OzFit few = FourPoint.ornsteinZernike(new double[]{0.1, 0.2}, new double[]{1, 0.5}, 6);
        assertTrue(Double.isNaN(few.xi()));
    }
}
