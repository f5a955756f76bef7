package glassworks.md.meso;

import glassworks.md.FrameView;
import glassworks.md.analysis.RadialDistribution;
import glassworks.md.stats.BinAxis;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-frame analysis on the synthetic slab liquid (state 1 = |x| &lt; 4 across the boundary): states recovered and
 * numbered by mean PC 1, the states' g(r) add up to the total g(r) of an independent computation, species fractions
 * add up, histograms count every particle once, and C(r) of the slab field follows the slab's analytic isotropic average.
 */
class MesoFrameTest {
    private static final int M = 16;

    @Test
    void statesGrAndDomainCorrelationOfATwoPhaseSlab() {
        double[][] p = TwoPhase.lattice(3, M, 0.2, 41);
        int n = p[0].length;
        int[] truth = TwoPhase.slab(p[0], M, 0.0, 4.0);
        double[][] cov = TwoPhase.tilted(1.0, 0.09, 0.25);
        // state 1 (slab) has the larger PC 1: after renumbering by mean PC 1 it must be state 1 again
        double[][] pcs = TwoPhase.features(truth, new double[][]{{0, 0, 0}, {2.8, 0, 0}}, new double[][][]{cov, cov}, 42);
        int[] kmeans = GaussianMixtureEm.kMeans(pcs, 2, 1, 300);
        int[] kmeansSwapped = kmeans.clone();
        for (int i = 0; i < n; i++) {
            kmeansSwapped[i] = 1 - kmeans[i];
        }
        int[] species = new int[n];
        for (int i = 0; i < n; i++) {
            species[i] = i % 5 == 0 ? 1 : 0;
        }
        double[] x = p[0].clone();
        for (int i = 0; i < n; i++) {
            x[i] = ((x[i] % M) + M) % M; // frames store any periodic image; wrap for the g(r) oracle
        }
        FrameView f = new FrameView(0, 0, 0.0, n, 3, species, x, p[1], p[2], M, M, M, null, null, null, null);
        BinAxis[] axes = {new BinAxis(-4, 7, 22), new BinAxis(-3, 3, 12)};
        MesoFrame.Settings s = new MesoFrame.Settings(CoLearning.Options.defaults(1.5), 2, 6.0, 60, axes,
                new double[]{1, 1}, 1.0);
        MesoFrame.Result r = MesoFrame.analyse(f, pcs, pcs, kmeansSwapped, 2, s);

        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += r.labels()[i] == truth[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.99 * n, "states numbered by mean PC 1 and recovered: " + correct + " of " + n);
        assertTrue(r.converged());

        RadialDistribution rdf = new RadialDistribution(1, 6.0, 60);
        double[] oracle = rdf.compute(new FrameView(0, 0, 0.0, n, 3, new int[n], x, p[1], p[2], M, M, M, null, null, null,
                null)).g()[0];
        for (int b = 0; b < 60; b++) {
            assertEquals(oracle[b], r.gTotal()[b], 1e-9 * Math.max(1, oracle[b]), "total g(r) bin " + b);
            assertEquals(r.gTotal()[b], r.gState()[0][b] + r.gState()[1][b], 1e-12);
        }
        long a = r.speciesInState()[0][0] + r.speciesInState()[0][1];
        long b = r.speciesInState()[1][0] + r.speciesInState()[1][1];
        assertEquals(n - (n + 4) / 5, a, "A count");
        assertEquals((n + 4) / 5, b, "B count");
        long counted = 0;
        for (long[] row : r.featureHistograms()[1]) {
            for (long c : row) {
                counted += c;
            }
        }
        assertTrue(counted <= n && counted > 0.99 * n, "feature 2 histogram counts each particle in range once");
        // half-filled slabs of period 16 along x: c(u) = 1 - |u|/4 along x, so the isotropic average is
        // C(r) = int_0^1 (1 - r mu / 4) d mu = 1 - r/8 up to r = 8 (the zero falls at the half box, beyond rMax = 6)
        double[] cr = r.correlationR();
        for (int bin = 10; bin < cr.length; bin += 10) {
            assertEquals(1 - cr[bin] / 8, r.correlation()[bin], 0.05, "C(r) at r = " + cr[bin]);
        }
        assertTrue(Double.isNaN(r.domainLength()), "no zero crossing inside rMax: " + r.domainLength());
        int states = r.domains().stream().mapToInt(PeriodicDomains.Domain::state).max().orElse(-1) + 1;
        assertEquals(2, states, "domains carry the renumbered states");
        assertEquals(1, r.domains().stream().filter(d -> d.state() == 1 && d.size() > 100).count(), "one slab domain");
        assertEquals(null, r.profile(), "no virials, no pressure profile");
    }

    /**
     * A compact ball of state 1 in a state-0 matrix, frames with a uniform isotropic virial w per particle and no
     * velocities: the pressure profile is centred on the ball (its domain) and reads P_N = P_T = rho (T + w) in the
     * shells, the ideal-gas kinetic part at the given T.
     */
    @Test
    void pressureProfileIsCentredOnTheLargestCompactDomain() {
        double[][] p = TwoPhase.lattice(3, M, 0.0, 7);
        int n = p[0].length;
        glassworks.md.Box box = glassworks.md.Box.cubic(M);
        int[] truth = TwoPhase.ball(p, box, new double[]{8, 8, 8}, 4.0);
        double[][] pcs = TwoPhase.features(truth, new double[][]{{0, 0}, {6, 0}}, new double[][][]{
                {{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}}, 3);
        double w = 2.0;
        double[][] virial = new double[6][n];
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(virial[c], w);
        }
        FrameView f = new FrameView(0, 0, 0.0, n, 3, new int[n], p[0], p[1], p[2], M, M, M, null, null, null, null,
                virial);
        MesoFrame.Settings s = new MesoFrame.Settings(CoLearning.Options.defaults(1.1), 2, 6.0, 12, null,
                new double[]{1}, 0.5);
        MesoFrame.Result r = MesoFrame.analyse(f, null, pcs, truth, 1, s);
        assertTrue(r.profile() != null && r.profileDomain() >= 0);
        PeriodicDomains.Domain centre = r.domains().get(r.profileDomain());
        assertEquals(1, centre.state(), "the ball is the compact domain");
        assertEquals(8.0, centre.centre()[0], 0.1);
        assertEquals(8.0, centre.centre()[2], 0.1);
        for (int b = 2; b < 12; b++) {
            double rho = r.profile().density()[b];
            assertEquals(rho * (0.5 + w), r.profile().normal()[b], 1e-9, "P_N shell " + b);
            assertEquals(rho * (0.5 + w), r.profile().tangential()[b], 1e-9, "P_T shell " + b);
        }
        double counted = 0;
        double volume = 0;
        for (int b = 0; b < 12; b++) {
            counted += r.profile().counts()[b];
            volume += r.profile().shellVolume()[b];
        }
        assertEquals(1.0, counted / volume, 0.05, "unit-density lattice within 6 sigma of the centre");
    }
}
