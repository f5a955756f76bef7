package glassworks.md;

import glassworks.schema.tables.ThermoTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thermo rows and frames: the schedule, and observables equal to brute-force sums over the saved configuration. */
class ThermoAndFramesTest {

    @Test
    void scheduleAndObservablesMatchBruteForce() throws Exception {
        RunConfig c = KaFixtures.config(500, 1.2, 0.9, 0.005, 250, 300, 100, 50, 61, Ensemble.NVT, 1);
        KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
        RunSummary summary = MdRun.run(c, sink);
        PairModel ka = Models.kobAndersen3d();

        // schedule: equilibration 0, 50, ..., 250; production 0, 50, ..., 300; frames 0, 100, 200, 300
        List<ThermoTable.Row> eq = sink.phase("equilibration");
        List<ThermoTable.Row> prod = sink.phase("production");
        assertEquals(6, eq.size());
        assertEquals(7, prod.size());
        for (int k = 0; k < prod.size(); k++) {
            assertEquals(50L * k, prod.get(k).step());
            assertEquals(50 * k * 0.005, prod.get(k).time(), 1e-12);
            assertEquals(c.runId(), prod.get(k).runId());
        }
        assertEquals(c.frameCount(), sink.frames.size());
        assertEquals(4, summary.framesWritten());
        // production step 0 is the last equilibration configuration
        ThermoTable.Row lastEq = eq.get(eq.size() - 1);
        assertEquals(lastEq.potentialEnergy(), prod.get(0).potentialEnergy(), 0.0);
        assertEquals(lastEq.kineticEnergy(), prod.get(0).kineticEnergy(), 0.0);

        double volume = summary.boxX() * summary.boxY() * summary.boxZ();
        for (FrameView f : sink.frames) {
            assertEquals(f.frameIndex() * 100L, f.step());
            assertEquals(f.step() * 0.005, f.time(), 1e-12);
            ThermoTable.Row row = prod.stream().filter(r -> r.step() == f.step()).findFirst().orElseThrow();
            int n = f.n();
            // per-particle energies sum to the potential energy
            double sumPe = 0;
            for (double e : f.potentialEnergy()) {
                sumPe += e;
            }
            assertEquals(row.potentialEnergy(), sumPe / n, 1e-12);
            // brute-force O(N^2) energy and virial of the saved (unwrapped) positions
            double[] ew = KaFixtures.bruteForceEnergyVirial(ka, f);
            assertEquals(ew[0] / n, row.potentialEnergy(), 1e-10);
            double twoKe = 0;
            for (int i = 0; i < n; i++) {
                twoKe += f.vx()[i] * f.vx()[i] + f.vy()[i] * f.vy()[i] + f.vz()[i] * f.vz()[i];
            }
            assertEquals(twoKe / (3.0 * n - 3.0), row.temperature(), 1e-12);
            assertEquals(0.5 * twoKe / n, row.kineticEnergy(), 1e-12);
            // LAMMPS compute pressure: (dof k T + W) / (3 V) with dof = 3N - 3, i.e. (2 KE + W) / (3 V)
            double pressure = (twoKe + ew[1]) / (3.0 * volume);
            assertEquals(pressure, row.pressure(), 1e-9 * Math.abs(pressure));
            assertEquals(row.potentialEnergy() + row.kineticEnergy(), row.totalEnergy(), 1e-12);
            // per-particle energies themselves: half of each pair energy
            double[] eatom = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dx = KaFixtures.minImage(f.x()[i] - f.x()[j], f.boxX());
                    double dy = KaFixtures.minImage(f.y()[i] - f.y()[j], f.boxY());
                    double dz = KaFixtures.minImage(f.z()[i] - f.z()[j], f.boxZ());
                    double e = ka.pairEnergy(f.species()[i], f.species()[j], dx * dx + dy * dy + dz * dz);
                    eatom[i] += 0.5 * e;
                    eatom[j] += 0.5 * e;
                }
            }
            assertArrayEquals(eatom, f.potentialEnergy(), 1e-10);
        }
        // unwrapped coordinates: frame to frame displacements are small and continuous (no jumps of a box edge)
        for (int k = 1; k < sink.frames.size(); k++) {
            FrameView a = sink.frames.get(k - 1);
            FrameView b = sink.frames.get(k);
            for (int i = 0; i < a.n(); i++) {
                double d = Math.abs(b.x()[i] - a.x()[i]) + Math.abs(b.y()[i] - a.y()[i]) + Math.abs(b.z()[i] - a.z()[i]);
                assertTrue(d < 0.5 * a.boxX(), "particle " + i + " jumped by " + d);
            }
        }
    }
}
