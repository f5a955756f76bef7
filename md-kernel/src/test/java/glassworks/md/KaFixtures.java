package glassworks.md;

import glassworks.schema.tables.ThermoTable;

import java.util.ArrayList;
import java.util.List;

/** Small deterministic KA systems and a sink that keeps copies of what a run streams. */
final class KaFixtures {
    private KaFixtures() {
    }

    /** A KA run with test-friendly defaults (tau 0.5, skin 0.3, 1 thread, velocities and energies saved). */
    static RunConfig config(int n, double density, double temperature, double dt, long equilibration, long production,
                            int frameInterval, int thermoInterval, long seed, Ensemble ensemble, int threads) {
        return new RunConfig("test-" + seed, Models.KA3D, n, density, temperature, dt, equilibration, production,
                frameInterval, thermoInterval, seed, ensemble, 0.5, 0.3, threads, true, true);
    }

    /** Copies of the frames and thermo rows of a run. */
    static final class RecordingSink implements TrajectorySink {
        final List<FrameView> frames = new ArrayList<>();
        final List<ThermoTable.Row> thermo = new ArrayList<>();

        @Override
        public void frame(FrameView f) {
            frames.add(new FrameView(f.frameIndex(), f.step(), f.time(), f.n(), f.dims(), f.species().clone(),
                    f.x().clone(), f.y().clone(), f.z().clone(), f.boxX(), f.boxY(), f.boxZ(), copy(f.vx()),
                    copy(f.vy()), copy(f.vz()), copy(f.potentialEnergy()),
                    f.virial() == null ? null : java.util.Arrays.stream(f.virial()).map(double[]::clone)
                            .toArray(double[][]::new)));
        }

        @Override
        public void thermo(ThermoTable.Row row) {
            thermo.add(row);
        }

        List<ThermoTable.Row> phase(String name) {
            return thermo.stream().filter(r -> r.phase().equals(name)).toList();
        }

        private static double[] copy(double[] a) {
            return a == null ? null : a.clone();
        }
    }

    /** Brute-force O(N^2) minimum-image potential energy and virial of a frame (unwrapped positions are fine). */
    static double[] bruteForceEnergyVirial(PairModel model, FrameView f) {
        double e = 0;
        double w = 0;
        for (int i = 0; i < f.n(); i++) {
            for (int j = i + 1; j < f.n(); j++) {
                double dx = minImage(f.x()[i] - f.x()[j], f.boxX());
                double dy = minImage(f.y()[i] - f.y()[j], f.boxY());
                double dz = minImage(f.z()[i] - f.z()[j], f.boxZ());
                double rsq = dx * dx + dy * dy + dz * dz;
                int a = f.species()[i];
                int b = f.species()[j];
                e += model.pairEnergy(a, b, rsq);
                w += rsq * model.pairForceOverR(a, b, rsq);
            }
        }
        return new double[]{e, w};
    }

    static double minImage(double d, double edge) {
        return d - edge * Math.rint(d / edge);
    }
}
