package glassworks.md.lammps;

import glassworks.md.Ensemble;
import glassworks.md.FrameView;
import glassworks.md.MdRun;
import glassworks.md.Models;
import glassworks.md.RunConfig;
import glassworks.md.TrajectorySink;
import glassworks.schema.tables.ThermoTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Physics check of the kernel against LAMMPS: a short Kob-Andersen NVT run in the kernel, its last frame written as a
 * LAMMPS data file, and LAMMPS ({@code run 0} with exactly bench/in.ka's pair settings) re-evaluating that
 * configuration. Potential energy, kinetic energy, temperature and pressure per the kernel's thermo row at the same
 * step, and the per-particle potential energies, must agree.
 *
 * <p>Pressure convention: LAMMPS's {@code press} is {@code (dof k_B T + W) / (d V) = (2 KE + W) / (3 V)}, i.e.
 * {@code ((N-1) k_B T + W/3) / V} in 3D with T = 2 KE / (3N - 3); the kernel uses the same, and the test asserts it. (The
 * thermo schema's column text says {@code (N k_B T + W/d) / V}, which would be kT/V, ~2e-4 relative, higher.) The virial
 * part is also compared on its own (LAMMPS {@code compute pressure NULL virial}).
 */
class LammpsComparisonTest {
    static final int N = 500;
    static final double RHO = 1.2;
    static final double T = 1.0;
    static final long EQUILIBRATION = 200;
    static final long PRODUCTION = 300;
    static final double TOL = 1e-6;
    /** KA masses (both 1), from the kernel's own model. */
    static final double[] KA_MASSES = LammpsDataFile.masses(Models.byName("ka3d"));

    /** Exactly bench/in.ka's interaction settings, on a configuration read from data.lmp, evaluated once. */
    static final String INPUT = String.join("\n",
            "units           lj",
            "atom_style      atomic",
            "boundary        p p p",
            "read_data       data.lmp",
            glassworks.md.bench.MdBenchmark.KA_INTERACTIONS,
            "compute         pvir all pressure NULL virial",
            "compute         pea all pe/atom",
            "dump            d all custom 1 dump.atoms id type c_pea fx fy fz",
            "dump_modify     d sort id format float %.17g",
            "thermo_style    custom step pe ke press temp etotal c_pvir",
            "thermo_modify   norm yes format float %.16g",
            "run             0",
            "");

    /** One force thread and two (the parallel force path must agree with LAMMPS just as well). */
    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2})
    void kernelMatchesLammpsOnItsOwnLastFrame(int threads) throws IOException {
        Lammps lammps = LammpsTestSupport.requireLammps();

        RunConfig cfg = new RunConfig("lammps-comparison", "ka3d", N, RHO, T, 0.005, EQUILIBRATION, PRODUCTION, 100,
                100, 20261123L, Ensemble.NVT, 0.5, 0.3, threads, true, true);
        Capture cap = new Capture();
        MdRun.run(cfg, cap);
        FrameView f = cap.last;
        assertNotNull(f, "the kernel saved no frame");
        assertEquals(PRODUCTION, f.step(), "last frame is the last production step");
        ThermoTable.Row row = cap.productionRow(f.step());
        assertNotNull(row, "no production thermo row at step " + f.step() + " (rows: " + cap.rows.size() + ")");
        assertEquals(N, f.n());
        assertNotNull(f.vx(), "saveVelocities=true but the frame has no velocities");
        assertNotNull(f.potentialEnergy(), "savePerParticleEnergy=true but the frame has no per-particle energies");

        Lammps.Run run = lammps.run(INPUT, Map.of("data.lmp", LammpsDataFile.format(f, KA_MASSES)),
                List.of("dump.atoms"), 1, Duration.ofSeconds(120));
        Map<String, Double> l = run.lastThermo().lastRow();
        double volume = f.boxX() * f.boxY() * f.boxZ();
        double pe = l.get("PotEng");
        double ke = l.get("KinEng");
        double temp = l.get("Temp");
        double press = l.get("Press");
        double pVirial = l.get("c_pvir");
        double pSchema = pVirial + N * temp / volume;
        double kernelVirial = row.pressure() - (N - 1) * row.temperature() / volume;

        // Per-particle energies from the dump: "id type c_pea fx fy fz" rows after "ITEM: ATOMS".
        double[] peAtom = new double[N];
        double maxPeDiff = 0;
        double sumPe = 0;
        boolean inAtoms = false;
        int seen = 0;
        for (String line : run.outputs().get("dump.atoms").split("\\R")) {
            if (line.startsWith("ITEM:")) {
                inAtoms = line.startsWith("ITEM: ATOMS");
                continue;
            }
            if (!inAtoms || line.isBlank()) {
                continue;
            }
            String[] t = line.trim().split("\\s+");
            int i = Integer.parseInt(t[0]) - 1;
            assertEquals(f.species()[i] + 1, Integer.parseInt(t[1]), "type of atom " + (i + 1));
            peAtom[i] = Double.parseDouble(t[2]);
            maxPeDiff = Math.max(maxPeDiff, Math.abs(peAtom[i] - f.potentialEnergy()[i]));
            sumPe += f.potentialEnergy()[i];
            seen++;
        }
        assertEquals(N, seen, "atoms in the LAMMPS dump");

        String report = String.format(Locale.ROOT, """
                        kernel (%d threads) vs LAMMPS on the kernel's frame at production step %d (N=%d, L=%.6f):
                          potential energy/particle  kernel %.15g  lammps %.15g  rel.diff %.3e
                          kinetic energy/particle    kernel %.15g  lammps %.15g  rel.diff %.3e
                          temperature (dof 3N-3)     kernel %.15g  lammps %.15g  rel.diff %.3e
                          pressure (LAMMPS press)    kernel %.15g  lammps %.15g  rel.diff %.3e
                          pressure (virial + N T/V)  kernel %.15g  lammps %.15g  rel.diff %.3e
                          virial part (P-(N-1)T/V)   kernel %.15g  lammps %.15g  rel.diff %.3e
                          per-particle energy        max |diff| %.3e; kernel sum/N %.15g (thermo %.15g)""",
                threads, f.step(), N, f.boxX(),
                row.potentialEnergy(), pe, LammpsTestSupport.rel(row.potentialEnergy(), pe),
                row.kineticEnergy(), ke, LammpsTestSupport.rel(row.kineticEnergy(), ke),
                row.temperature(), temp, LammpsTestSupport.rel(row.temperature(), temp),
                row.pressure(), press, LammpsTestSupport.rel(row.pressure(), press),
                row.pressure(), pSchema, LammpsTestSupport.rel(row.pressure(), pSchema),
                kernelVirial, pVirial, LammpsTestSupport.rel(kernelVirial, pVirial),
                maxPeDiff, sumPe / N, row.potentialEnergy());
        System.out.println(report);

        assertTrue(LammpsTestSupport.rel(row.potentialEnergy(), pe) <= TOL, "potential energy per particle\n" + report);
        assertTrue(LammpsTestSupport.rel(row.kineticEnergy(), ke) <= TOL, "kinetic energy per particle\n" + report);
        assertTrue(LammpsTestSupport.rel(row.temperature(), temp) <= TOL, "temperature (dof 3N-3)\n" + report);
        assertTrue(LammpsTestSupport.rel(kernelVirial, pVirial) <= TOL, "virial part of the pressure\n" + report);
        assertTrue(LammpsTestSupport.rel(row.pressure(), press) <= TOL,
                "pressure: kernel's thermo row vs LAMMPS press ((2 KE + W) / 3V); if it matches the 'virial + N T/V' "
                        + "line instead, the kernel uses N T/V for the kinetic part\n" + report);
        assertTrue(maxPeDiff <= 1e-9, "per-particle potential energy vs LAMMPS compute pe/atom\n" + report);
        assertTrue(LammpsTestSupport.rel(sumPe / N, row.potentialEnergy()) <= 1e-12,
                "per-particle energies sum to the thermo row's potential energy\n" + report);
    }

    /** Keeps a copy of the last frame and every thermo row. */
    static final class Capture implements TrajectorySink {
        FrameView last;
        final List<ThermoTable.Row> rows = new ArrayList<>();

        @Override
        public void frame(FrameView v) {
            last = new FrameView(v.frameIndex(), v.step(), v.time(), v.n(), v.dims(), clone(v.species()),
                    clone(v.x()), clone(v.y()), clone(v.z()), v.boxX(), v.boxY(), v.boxZ(), clone(v.vx()),
                    clone(v.vy()), clone(v.vz()), clone(v.potentialEnergy()));
        }

        @Override
        public void thermo(ThermoTable.Row row) {
            rows.add(row);
        }

        ThermoTable.Row productionRow(long step) {
            for (ThermoTable.Row r : rows) {
                if ("production".equalsIgnoreCase(r.phase()) && r.step() == step) {
                    return r;
                }
            }
            return null;
        }

        private static double[] clone(double[] a) {
            return a == null ? null : a.clone();
        }

        private static int[] clone(int[] a) {
            return a == null ? null : a.clone();
        }
    }
}
