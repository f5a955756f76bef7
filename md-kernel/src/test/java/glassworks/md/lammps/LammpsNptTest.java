package glassworks.md.lammps;

import glassworks.md.Box;
import glassworks.md.Ensemble;
import glassworks.md.FrameSchedule;
import glassworks.md.FrameView;
import glassworks.md.MdRun;
import glassworks.md.Models;
import glassworks.md.PairModel;
import glassworks.md.RunConfig;
import glassworks.md.Snapshot;
import glassworks.md.Stage;
import glassworks.md.TrajectorySink;
import glassworks.schema.tables.ThermoTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NPT integrator against LAMMPS, step by step: an equilibrated N = 500 Kob-Andersen liquid (kernel NVT, its last
 * frame with velocities written by {@link LammpsDataFile}) is integrated by the kernel's NPT stage and by LAMMPS
 * {@code fix npt temp 1.0 1.0 0.5 iso P P 5.0} with exactly bench/in.ka's pair settings, from the same positions and
 * velocities, in 3D and in 2D ({@code dimension 2}). Potential and kinetic energy, pressure, volume and the conserved
 * quantity (LAMMPS econserve = etotal + ecouple less the (d - 1) kT etap_0 that LAMMPS over-credits, see
 * {@link glassworks.md.MtkBarostat}; the kernel's thermo conserved column) must agree at every step of the first 100 to
 * 1e-8 relative: any error in the splitting order, the MTK terms, the masses or the chain forces shows at the
 * 1e-4..1e-6 level within a few steps (measured: ~1e-14). Later steps are printed only: the trajectories are chaotic
 * and round-off differences grow.
 */
class LammpsNptTest {
    static final int N = 500;
    static final double DT = 0.005;
    static final int STEPS = 200;
    static final int COMPARED = 100;
    static final double TOL = 1e-8;

    @Test
    void npt3dMatchesLammpsStepByStepAtZeroPressure() throws IOException {
        compare(Models.byName("ka3d"), 0.0, 1.2, 1.0);
    }

    /** At a positive target pressure and a density at which the liquid compresses (the box shrinks). */
    @Test
    void npt3dMatchesLammpsStepByStepCompressing() throws IOException {
        compare(Models.byName("ka3d"), 8.0, 1.1, 1.0);
    }

    /**
     * 2D (LAMMPS {@code dimension 2}: iso couples x and y, the pressure and the MTK terms use d = 2 and the area): the
     * 65:35 KA mixture of Bruening et al. with the 3D KA pair parameters, so LAMMPS takes the same pair settings.
     */
    @Test
    void npt2dMatchesLammpsStepByStep() throws IOException {
        compare(ka2dBinary(), 1.0, 1.2, 1.0);
    }

    /** 2D binary KA (65:35), the 3D KA pair parameters, cut at 2.5 sigma_ab and shifted (= MdBenchmark.KA_INTERACTIONS). */
    static PairModel ka2dBinary() {
        double[][] eps = {{1.0, 1.5}, {1.5, 0.5}};
        double[][] sig = {{1.0, 0.8}, {0.8, 0.88}};
        double[][] cut = {{2.5, 2.0}, {2.0, 2.2}};
        return new PairModel("ka2d-binary", 2, List.of("A", "B"), new double[]{1, 1}, new double[]{0.65, 0.35}, eps,
                sig, cut, PairModel.CutoffMode.SHIFTED, 1.2);
    }

    private void compare(PairModel model, double pressure, double density, double temperature) throws IOException {
        Lammps lammps = LammpsTestSupport.requireLammps();
        int dims = model.dims();
        double[] masses = LammpsDataFile.masses(model);

        // an equilibrated liquid with velocities: 400 NVT steps, the production stage's frame 0
        RunConfig eq = new RunConfig("npt-eq", model, N, density, temperature, DT,
                List.of(Stage.hold("equilibration", 400, Ensemble.NVT, temperature, false),
                        Stage.hold("production", 0, Ensemble.NVT, temperature, true)),
                FrameSchedule.linear(1), 100, 4242L, 0.5, Double.NaN, Double.NaN, 0.3, 1, true, false, false,
                RunConfig.DEFAULT_MAX_FRAMES, null);
        Capture start = new Capture();
        MdRun.run(eq, start);
        FrameView f0 = start.frames.get(0);

        // the kernel's NPT stage from that frame
        Box box0 = dims == 2 ? Box.planar(f0.boxX(), f0.boxY()) : new Box(f0.boxX(), f0.boxY(), f0.boxZ());
        Snapshot snap = new Snapshot(box0, f0.species(), f0.x(), f0.y(), f0.z(), f0.vx(), f0.vy(), f0.vz(), "npt-eq", 0);
        RunConfig npt = new RunConfig("npt", model, N, density, temperature, DT,
                List.of(Stage.hold("npt", STEPS, Ensemble.NPT, temperature, true)), FrameSchedule.linear(1), 1, 1L,
                0.5, pressure, 5.0, 0.3, 1, false, false, false, RunConfig.DEFAULT_MAX_FRAMES, snap);
        Capture kernel = new Capture();
        MdRun.run(npt, kernel);
        assertEquals(STEPS + 1, kernel.rows.size(), "kernel thermo rows");
        assertEquals(STEPS + 1, kernel.frames.size(), "kernel frames");

        String input = String.join("\n",
                "units           lj",
                "dimension       " + dims,
                "atom_style      atomic",
                "boundary        p p p",
                "read_data       data.lmp",
                glassworks.md.bench.MdBenchmark.KA_INTERACTIONS,
                "timestep        " + DT,
                String.format(Locale.ROOT, "fix             1 all npt temp %s %s 0.5 iso %s %s 5.0", temperature,
                        temperature, pressure, pressure),
                dims == 2 ? "fix             2 all enforce2d" : "",
                // norm no: this LAMMPS (29 Sep 2021) divides etotal but not ecouple by N under norm yes;
                // f_1[7] and f_1[9] are FixNH's omega and etap[0] (compute_vector order: eta, eta_dot, omega,
                // omega_dot, etap, etap_dot)
                "thermo_style    custom step pe ke press vol etotal ecouple econserve f_1[7] f_1[9]",
                "thermo_modify   norm no format float %.17g",
                "thermo          1",
                "run             " + STEPS,
                "");
        Lammps.Run run = lammps.run(input, Map.of("data.lmp", LammpsDataFile.format(f0, masses, true)), List.of(), 1,
                Duration.ofSeconds(120));
        List<Map<String, Double>> l = run.lastThermo().maps();
        assertEquals(STEPS + 1, l.size(), "LAMMPS thermo rows");

        String[] names = {"pe", "ke", "press", "vol", "econserve", "ecouple"};
        double[] maxEarly = new double[names.length];
        double[] maxLate = new double[names.length];
        double maxLammpsDrift = 0;
        double maxKernelDrift = 0;
        for (int s = 0; s <= STEPS; s++) {
            ThermoTable.Row r = kernel.rows.get(s);
            FrameView f = kernel.frames.get(s);
            Map<String, Double> m = l.get(s);
            assertEquals(s, r.step());
            assertEquals(s, m.get("Step").longValue());
            double vol = dims == 2 ? f.boxX() * f.boxY() : f.boxX() * f.boxY() * f.boxZ();
            double etotal = r.totalEnergy();
            double[] k = {r.potentialEnergy(), r.kineticEnergy(), r.pressure(), vol, r.conserved(),
                    r.conserved() - etotal};
            // LAMMPS credits the barostat chain's etap_0 with pdim kT where the dynamics conserve kT etap_0 (see
            // MtkBarostat): the kernel's conserved quantity is LAMMPS's econserve less (pdim - 1) kT etap_0
            double lammpsExtra = (dims - 1) * temperature * m.get("f_1[9]");
            double[] x = {m.get("PotEng") / N, m.get("KinEng") / N, m.get("Press"), m.get("Volume"),
                    (m.get("Econserve") - lammpsExtra) / N, (m.get("Ecouple") - lammpsExtra) / N};
            // pressure near 0 and ecouple (0 at the start): relative to the scale of the quantities they change
            double[] scale = {0, 0, Math.max(1.0, Math.abs(x[2])), 0, 0, Math.max(Math.abs(m.get("TotEng") / N), 1.0)};
            // LAMMPS's omega is the log-strain per axis: checks that f_1[7], f_1[9] are the columns meant
            assertEquals(Math.log(m.get("Volume") / l.get(0).get("Volume")) / dims, m.get("f_1[7]"), 1e-9, "omega");
            maxLammpsDrift = Math.max(maxLammpsDrift, Math.abs(m.get("Econserve") - l.get(0).get("Econserve")) / N);
            maxKernelDrift = Math.max(maxKernelDrift, Math.abs(r.conserved() - kernel.rows.get(0).conserved()));
            for (int q = 0; q < names.length; q++) {
                double d = scale[q] > 0 ? Math.abs(k[q] - x[q]) / scale[q] : LammpsTestSupport.rel(k[q], x[q]);
                if (s <= COMPARED) {
                    maxEarly[q] = Math.max(maxEarly[q], d);
                } else {
                    maxLate[q] = Math.max(maxLate[q], d);
                }
            }
        }
        Map<String, Double> first = l.get(0);
        Map<String, Double> last = l.get(STEPS);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "kernel NPT vs LAMMPS fix npt (%s %dD N=%d, T=%.2f, P=%.2f, Tdamp 0.5, Pdamp 5, dt %.3f): volume %.6f -> "
                        + "%.6f, press %.4f -> %.4f; max |drift| per particle over %d steps: kernel conserved %.3e, "
                        + "LAMMPS econserve %.3e%n", model.name(), dims, N, temperature, pressure, DT,
                first.get("Volume"), last.get("Volume"), first.get("Press"), last.get("Press"), STEPS, maxKernelDrift,
                maxLammpsDrift));
        for (int q = 0; q < names.length; q++) {
            report.append(String.format(Locale.ROOT, "  %-10s max rel.diff steps 0..%d: %.3e   steps %d..%d: %.3e%n",
                    names[q], COMPARED, maxEarly[q], COMPARED + 1, STEPS, maxLate[q]));
        }
        System.out.print(report);
        for (int q = 0; q < names.length; q++) {
            assertTrue(maxEarly[q] <= TOL, names[q] + " disagrees with LAMMPS\n" + report);
        }
        // the run must actually have exercised the barostat
        assertTrue(Math.abs(last.get("Volume") / first.get("Volume") - 1) > 1e-3, "volume barely moved\n" + report);
    }

    /** Copies of every frame and thermo row. */
    static final class Capture implements TrajectorySink {
        final List<FrameView> frames = new ArrayList<>();
        final List<ThermoTable.Row> rows = new ArrayList<>();

        @Override
        public void frame(FrameView v) {
            frames.add(new FrameView(v.frameIndex(), v.step(), v.time(), v.n(), v.dims(), v.species().clone(),
                    v.x().clone(), v.y().clone(), v.z().clone(), v.boxX(), v.boxY(), v.boxZ(),
                    v.vx() == null ? null : v.vx().clone(), v.vy() == null ? null : v.vy().clone(),
                    v.vz() == null ? null : v.vz().clone(), null));
        }

        @Override
        public void thermo(ThermoTable.Row row) {
            rows.add(row);
        }
    }
}
