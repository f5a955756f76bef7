package glassworks.md;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-particle virial tensor W_i^ab = 1/2 sum_j r_ij^a f_ij^b: equal to an O(N^2) brute-force sum, its traces sum to
 * the total virial, the thread reduction handles it, and switched off it changes nothing (and holds no memory).
 */
class PerParticleVirialTest {

    @ParameterizedTest(name = "{0} side={1} threads={2}")
    @CsvSource({"ka3d, 10, 1", "ka3d, 10, 2", "ka3d, 10, 3", "ka2d, 36, 1", "ka2d, 36, 2", "ka3d-smoothed, 9, 2"})
    void tensorEqualsBruteForceAndTracesSumToTheVirial(String name, int side, int threads) {
        PairModel model = ForceBruteForceTest.model(name);
        PerturbedLattice lattice = PerturbedLattice.of(model, side, 0.08, 23);
        try (Simulation sim = lattice.simulation(threads)) {
            sim.forces.tallyPerParticleVirial(true);
            sim.computeForces(true);
            double[] w = sim.forces.perParticleVirial;
            assertNotNull(w);
            int n = sim.p.n;
            assertEquals(6 * n, w.length);
            double[][] kernel = new double[6][n];
            double trace = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 6; c++) {
                    kernel[c][i] = w[6 * i + c];
                }
                trace += w[6 * i + ForceCompute.XX] + w[6 * i + ForceCompute.YY] + w[6 * i + ForceCompute.ZZ];
            }
            PerturbedLattice.Sums ref = PerturbedLattice.bruteForce(sim);
            double err = PerturbedLattice.relativeDifference(kernel, ref.virialPerParticle());
            double traceErr = Math.abs(trace - sim.virial()) / Math.abs(sim.virial());
            System.out.printf("%s N=%d threads=%d per-particle virial vs brute force %.2e; sum of traces vs W %.2e%n",
                    name, n, threads, err, traceErr);
            assertTrue(err < 1e-12, "per-particle virial tensor vs brute force: " + err);
            assertTrue(traceErr < 1e-12, "sum_i (W_xx + W_yy + W_zz) vs the virial W: " + traceErr);
            if (model.dims() == 2) {
                for (int i = 0; i < n; i++) {
                    assertEquals(0.0, w[6 * i + ForceCompute.ZZ], 0.0);
                    assertEquals(0.0, w[6 * i + ForceCompute.XZ], 0.0);
                    assertEquals(0.0, w[6 * i + ForceCompute.YZ], 0.0);
                }
            }
        }
    }

    /** Off by default; switched on it changes no force or energy bit; switched off again it is dropped. */
    @Test
    void offByDefaultAndInvisibleToForcesAndEnergies() {
        PerturbedLattice lattice = PerturbedLattice.of(Models.kobAndersen3d(), 10, 0.08, 29);
        for (int threads : new int[]{1, 2}) {
            try (Simulation off = lattice.simulation(threads); Simulation on = lattice.simulation(threads)) {
                assertNull(off.forces.perParticleVirial);
                on.forces.tallyPerParticleVirial(true);
                assertTrue(on.forces.tallyingPerParticleVirial());
                off.computeForces(true);
                on.computeForces(true);
                assertNull(off.forces.perParticleVirial, "never allocated while off");
                assertArrayEquals(off.p.fx, on.p.fx);
                assertArrayEquals(off.p.fy, on.p.fy);
                assertArrayEquals(off.p.fz, on.p.fz);
                assertArrayEquals(off.forces.perParticleEnergy, on.forces.perParticleEnergy);
                assertEquals(off.potentialEnergy(), on.potentialEnergy(), 0.0);
                assertEquals(off.virial(), on.virial(), 0.0);
                on.forces.tallyPerParticleVirial(false);
                assertNull(on.forces.perParticleVirial);
                on.computeForces(true);
                assertEquals(off.virial(), on.virial(), 0.0);
            }
        }
    }

    /**
     * Switching the tensor on keeps the last tally's energy and virial readable (an NPT step reads the previous step's
     * virial) but marks the tally incomplete, so ensureTallied fills the tensor before a frame reads it.
     */
    @Test
    void switchingOnAsksForATallyButKeepsTheEnergies() {
        PerturbedLattice lattice = PerturbedLattice.of(Models.kobAndersen3d(), 8, 0.08, 33);
        try (Simulation sim = lattice.simulation(1)) {
            sim.computeForces(true);
            double w = sim.virial();
            assertTrue(sim.forces.tallied());
            sim.forces.tallyPerParticleVirial(true);
            assertEquals(w, sim.virial(), 0.0);
            assertEquals(false, sim.forces.tallied());
            sim.ensureTallied();
            assertTrue(sim.forces.tallied());
            double trace = 0;
            for (int i = 0; i < sim.p.n; i++) {
                trace += sim.forces.perParticleVirial[6 * i] + sim.forces.perParticleVirial[6 * i + 1]
                        + sim.forces.perParticleVirial[6 * i + 2];
            }
            assertEquals(w, trace, 1e-12 * Math.abs(w));
            sim.computeForces(false);
            assertEquals(false, sim.forces.tallied());
        }
    }

    /** Two threads reduce the tensor in member order: the same numbers as one thread up to round-off. */
    @Test
    void threadsAgree() {
        PerturbedLattice lattice = PerturbedLattice.of(Models.kobAndersen3d(), 10, 0.08, 31);
        try (Simulation one = lattice.simulation(1); Simulation two = lattice.simulation(2)) {
            one.forces.tallyPerParticleVirial(true);
            two.forces.tallyPerParticleVirial(true);
            one.computeForces(true);
            two.computeForces(true);
            double[] a = one.forces.perParticleVirial;
            double[] b = two.forces.perParticleVirial;
            double scale = 0;
            double diff = 0;
            for (int k = 0; k < a.length; k++) {
                scale = Math.max(scale, Math.abs(a[k]));
                diff = Math.max(diff, Math.abs(a[k] - b[k]));
            }
            assertTrue(diff <= 1e-13 * scale, "1 vs 2 threads: " + diff / scale);
        }
    }
}
