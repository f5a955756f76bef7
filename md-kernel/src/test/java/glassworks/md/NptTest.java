package glassworks.md;

import glassworks.schema.tables.ThermoTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Physics of the NPT stages without LAMMPS (LammpsNptTest checks the integrator step by step against LAMMPS): the
 * time-averaged pressure matches the target, the extended energy (with the barostat's kinetic, P V and chain terms) is
 * conserved, a P = 0 quench settles at the density seed 000 reports, 2D works, and frames and thermo rows describe the
 * current box.
 */
class NptTest {

    /** A run of {@code model} with the given stages, thermostat tau 0.5, barostat tau {@code ptau}, skin 0.3. */
    static RunConfig config(PairModel model, int n, double density, double temperature, double pressure, double ptau,
                            List<Stage> stages, int frameInterval, int thermoInterval, long seed) {
        return new RunConfig("npt-" + seed, model, n, density, temperature, 0.005, stages,
                FrameSchedule.linear(frameInterval), thermoInterval, seed, 0.5, pressure, ptau, 0.3, 1, false, false,
                false, RunConfig.DEFAULT_MAX_FRAMES, null);
    }

    @Test
    void pressureAveragesToTargetAndExtendedEnergyIsConserved3d() throws Exception {
        check(Models.byName(Models.KA3D), 1.2, 1.0, 2.0, 41);
    }

    /** 2D (iso couples x and y; the pressure is (2 KE + W) / (2 A)): the binary KA mixture in the plane. */
    @Test
    void pressureAveragesToTargetAndExtendedEnergyIsConserved2d() throws Exception {
        check(ka2dBinary(), 1.2, 1.0, 3.0, 43);
    }

    /** The ka2d preset (ternary, smoothed cutoff) at its default density, barostatted to P = 10 (NVT there: ~12.5). */
    @Test
    void pressureAveragesToTargetAndExtendedEnergyIsConservedKa2d() throws Exception {
        PairModel ka2d = Models.byName(Models.KA2D);
        check(ka2d, ka2d.defaultDensity(), 1.0, 10.0, 47);
    }

    /** 2D binary KA (65:35) with the 3D KA pair parameters, cut at 2.5 sigma_ab and shifted. */
    static PairModel ka2dBinary() {
        double[][] eps = {{1.0, 1.5}, {1.5, 0.5}};
        double[][] sig = {{1.0, 0.8}, {0.8, 0.88}};
        double[][] cut = {{2.5, 2.0}, {2.0, 2.2}};
        return new PairModel("ka2d-binary", 2, List.of("A", "B"), new double[]{1, 1}, new double[]{0.65, 0.35}, eps,
                sig, cut, PairModel.CutoffMode.SHIFTED, 1.2);
    }

    private void check(PairModel model, double density, double temperature, double pressure, long seed)
            throws Exception {
        int n = 500;
        int dims = model.dims();
        // NVT at the start density, NPT to the target pressure's density, then 100 tau of NPT production
        List<Stage> stages = List.of(Stage.hold("equilibration", 2000, Ensemble.NVT, temperature, false),
                Stage.hold("settle", 6000, Ensemble.NPT, temperature, false),
                Stage.hold("production", 20_000, Ensemble.NPT, temperature, true));
        KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
        MdRun.run(config(model, n, density, temperature, pressure, 2.0, stages, 100, 10, seed), sink);
        List<ThermoTable.Row> rows = sink.phase("production");
        assertEquals(2001, rows.size());

        double[] p = blockMean(rows, ThermoTable.Row::pressure, 10);
        double meanT = EnergyConservationTest.mean(rows, ThermoTable.Row::temperature);
        double c0 = rows.get(0).conserved();
        double maxDev = 0;
        for (ThermoTable.Row r : rows) {
            maxDev = Math.max(maxDev, Math.abs(r.conserved() - c0));
        }
        double drift = EnergyConservationTest.slope(rows, ThermoTable.Row::conserved) * rows.get(rows.size() - 1).time();
        // density from the frames' boxes
        double sumRho = 0;
        double minRho = Double.MAX_VALUE;
        double maxRho = 0;
        for (FrameView f : sink.frames) {
            assertEquals(dims, f.dims());
            double v = dims == 2 ? f.boxX() * f.boxY() : f.boxX() * f.boxY() * f.boxZ();
            if (dims == 2) {
                assertEquals(0.0, f.boxZ(), "2D box keeps lz = 0");
            }
            assertEquals(f.boxX(), f.boxY(), 1e-12 * f.boxX(), "iso keeps the box square/cubic");
            double rho = n / v;
            sumRho += rho;
            minRho = Math.min(minRho, rho);
            maxRho = Math.max(maxRho, rho);
        }
        double meanRho = sumRho / sink.frames.size();
        System.out.printf(java.util.Locale.ROOT, "NPT %dD N=%d T=%.2f P=%.2f (Pdamp 2): <P> = %.4f +- %.4f (block "
                        + "error), <T> = %.4f, <rho> = %.4f (min %.4f, max %.4f), max |H-H0| = %.3g per particle, "
                        + "drift %.3g over %.0f tau%n", dims, n, temperature, pressure, p[0], p[1], meanT, meanRho,
                minRho, maxRho, maxDev, drift, rows.get(rows.size() - 1).time());
        // the barostat's target: within 4 block errors (and the block error itself must be small enough to mean it)
        assertTrue(p[1] < 0.05 * Math.max(1, pressure), "pressure average too noisy to test: " + p[1]);
        assertEquals(pressure, p[0], 4 * p[1] + 1e-3, "time-averaged pressure vs the target");
        assertEquals(temperature, meanT, 0.015 * temperature, "time-averaged temperature vs the target");
        // the box moved away from the start density and fluctuates (a barostat that does nothing would fail here)
        assertTrue(maxRho - minRho > 1e-3, "density does not fluctuate: " + minRho + " .. " + maxRho);
        // extended energy: the NVT bound of EnergyConservationTest (velocity-Verlet shadow-energy fluctuation and
        // cutoff-crossing kicks) holds with the barostat terms included
        assertTrue(maxDev < 3e-3 * Math.max(1, temperature), "max |H(t) - H(0)| per particle " + maxDev);
        assertTrue(Math.abs(drift) < 1e-3 * Math.max(1, temperature), "systematic drift of the extended energy " + drift);
    }

    /**
     * Seed 000's situation: a KA liquid cooled at P = 0 in NPT. From rho = 1.2 at T = 0.5 (NVT), an NPT ramp to
     * T = 0.3 at P = 0 and a hold there: the box must settle at a stable density in the range seed 000 reports after
     * its quench (rho ~ 1.14-1.19 at T = 0.37-0.2).
     */
    @Test
    void zeroPressureQuenchSettlesAtGlassDensity() throws Exception {
        int n = 500;
        List<Stage> stages = List.of(Stage.hold("equilibration", 2000, Ensemble.NVT, 0.5, false),
                new Stage("quench", 10_000, Ensemble.NPT, 0.5, 0.3, true),
                Stage.hold("hold", 10_000, Ensemble.NPT, 0.3, true));
        KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
        MdRun.run(config(Models.byName(Models.KA3D), n, 1.2, 0.3, 0.0, 2.0, stages, 200, 20, 51), sink);
        List<FrameView> frames = sink.frames;
        assertEquals(101, frames.size());
        int half = frames.size() - 25; // hold stage: frames 51..100; compare its two halves
        double early = 0;
        double late = 0;
        for (int k = 51; k < half; k++) {
            early += rho(frames.get(k));
        }
        early /= half - 51;
        for (int k = half; k < frames.size(); k++) {
            late += rho(frames.get(k));
        }
        late /= frames.size() - half;
        double[] p = blockMean(sink.phase("hold"), ThermoTable.Row::pressure, 5);
        System.out.printf(java.util.Locale.ROOT, "NPT P=0 quench 0.5 -> 0.3 (N=%d): rho %.4f at the start, %.4f after "
                        + "the ramp, %.4f / %.4f in the two halves of the hold, <P> = %.4f +- %.4f%n", n,
                rho(frames.get(0)), rho(frames.get(50)), early, late, p[0], p[1]);
        assertTrue(late > 1.12 && late < 1.22, "density at P = 0, T = 0.3: " + late);
        assertEquals(early, late, 0.005 * late, "density still drifting during the hold");
        assertEquals(0.0, p[0], 4 * p[1] + 0.02, "pressure during the hold");
    }

    private static double rho(FrameView f) {
        return f.n() / (f.boxX() * f.boxY() * f.boxZ());
    }

    /**
     * The engine directly: frames record the current box, the thermo row's pressure uses the current volume, the
     * unwrapped positions follow the box, and the thermo row's conserved column includes the barostat's energy.
     */
    @Test
    void framesAndThermoDescribeTheCurrentBox() throws Exception {
        RunConfig c = config(Models.byName(Models.KA3D), 500, 1.2, 1.0, 0.0, 1.0,
                List.of(Stage.hold("npt", 400, Ensemble.NPT, 1.0, true)), 50, 50, 61);
        MdRun.Start start = MdRun.prepare(c);
        try (Simulation sim = start.simulation()) {
            Box before = sim.box;
            KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
            new MdRun.Driver(c, sim, sink).runStages();
            Box after = sim.box;
            assertTrue(after.lx() > before.lx() * 1.01, "P = 0 from rho = 1.2, T = 1: the box expands");
            FrameView last = sink.frames.get(sink.frames.size() - 1);
            assertEquals(after.lx(), last.boxX(), 0.0);
            assertEquals(after.ly(), last.boxY(), 0.0);
            assertEquals(after.lz(), last.boxZ(), 0.0);
            ThermoTable.Row row = sink.thermo.get(sink.thermo.size() - 1);
            double press = (sim.p.twiceKinetic() + sim.virial()) / (3 * after.volume());
            assertEquals(press, row.pressure(), 1e-12 * Math.abs(press));
            assertEquals(sim.pressure(), row.pressure(), 0.0);
            double conserved = sim.potentialEnergy() + sim.kineticEnergy() + sim.thermostat().energy()
                    + sim.barostat().energy(after.volume());
            assertEquals(conserved / 500, row.conserved(), 1e-12);
            assertEquals(500 / after.volume(), row.density(), 1e-15, "thermo density is the current box's");
            assertTrue(row.density() < 1.2 / 1.03, "the expanded box's density is logged: " + row.density());
            // unwrapped positions = wrapped + image * current edge: their spread follows the box
            double[] e = KaFixtures.bruteForceEnergyVirial(sim.model, last);
            assertEquals(sim.potentialEnergy(), e[0], 1e-9 * Math.abs(e[0]), "energy of the frame in its own box");
            assertEquals(sim.virial(), e[1], 1e-9 * Math.abs(e[1]), "virial of the frame in its own box");
        }
    }

    /**
     * The neighbour list stays complete while the box strains between builds: at every step of a fast expansion the
     * kernel's energy and virial equal an O(N^2) minimum-image sum over the current box.
     */
    @Test
    void neighbourListStaysCompleteUnderBoxStrain() throws Exception {
        // a fast barostat from a compressed start: large strain rates between list builds
        int n = 500;
        RunConfig c = config(Models.byName(Models.KA3D), n, 1.3, 1.0, 0.0, 0.5,
                List.of(Stage.hold("npt", 0, Ensemble.NPT, 1.0, false)), 1000, 1, 71);
        MdRun.Start start = MdRun.prepare(c);
        try (Simulation sim = start.simulation()) {
            new MdRun.Driver(c, sim, new KaFixtures.RecordingSink()).runStages(); // sets up thermostat and barostat
            double v0 = sim.box.volume();
            int stepsWithoutBuild = 0;
            double maxErr = 0;
            for (int s = 0; s < 300; s++) {
                int builds = sim.listBuilds();
                sim.step(true);
                if (sim.listBuilds() == builds) {
                    stepsWithoutBuild++;
                }
                double[] e = KaFixtures.bruteForceEnergyVirial(sim.model, frameOf(sim));
                maxErr = Math.max(maxErr, Math.abs(sim.potentialEnergy() - e[0]) / Math.abs(e[0]));
                maxErr = Math.max(maxErr, Math.abs(sim.virial() - e[1]) / Math.abs(e[1]));
            }
            System.out.printf(java.util.Locale.ROOT, "NPT list under strain: V/V0 = %.4f after 300 steps, %d of them "
                    + "without a list build; max rel. error of energy and virial vs O(N^2): %.2e%n",
                    sim.box.volume() / v0, stepsWithoutBuild, maxErr);
            assertTrue(sim.box.volume() > 1.03 * v0, "box expanded: " + sim.box.volume() / v0);
            assertTrue(stepsWithoutBuild > 100, "the list must be kept across strained steps: " + stepsWithoutBuild);
            assertTrue(maxErr < 1e-10, "energy/virial with the kept list vs brute force: " + maxErr);
        }
    }

    /** The engine's current configuration as a frame (unwrapped positions by id, current box). */
    private static FrameView frameOf(Simulation sim) {
        Particles p = sim.p;
        double[] x = new double[p.n];
        double[] y = new double[p.n];
        double[] z = new double[p.n];
        int[] species = new int[p.n];
        Box b = sim.box;
        for (int i = 0; i < p.n; i++) {
            int id = p.id[i];
            x[id] = p.x[i] + p.imageX[i] * b.lx();
            y[id] = p.y[i] + p.imageY[i] * b.ly();
            z[id] = p.z[i] + p.imageZ[i] * b.lz();
            species[id] = p.species[i];
        }
        return new FrameView(0, 0, 0, p.n, sim.dims, species, x, y, z, b.lx(), b.ly(), b.lz(), null, null, null, null);
    }

    @Test
    void nptNeedsPressureAndBarostatTau() {
        RunConfig c = config(Models.byName(Models.KA3D), 500, 1.2, 1.0, Double.NaN, 1.0,
                List.of(Stage.hold("npt", 10, Ensemble.NPT, 1.0, false)), 10, 10, 1);
        assertThrows(IllegalArgumentException.class, c::validate);
    }

    /** Mean and its standard error from {@code blocks} consecutive block means. */
    static double[] blockMean(List<ThermoTable.Row> rows, ToDoubleFunction<ThermoTable.Row> f, int blocks) {
        int per = rows.size() / blocks;
        double[] m = new double[blocks];
        double mean = 0;
        for (int b = 0; b < blocks; b++) {
            for (int k = b * per; k < (b + 1) * per; k++) {
                m[b] += f.applyAsDouble(rows.get(k));
            }
            m[b] /= per;
            mean += m[b];
        }
        mean /= blocks;
        double var = 0;
        for (double x : m) {
            var += (x - mean) * (x - mean);
        }
        return new double[]{mean, Math.sqrt(var / (blocks - 1) / blocks)};
    }

    /**
     * A KA liquid at T = 2 and P = 0 boils: the barostat expands the box without bound. The run stops once the volume
     * has grown 8-fold, naming the cause and the fix, instead of writing a gas as if it were a glass former.
     */
    @Test
    void boilingUnderNptStopsWithTheCause() throws Exception {
        RunConfig c = config(Models.byName(Models.KA3D), 256, 1.2, 2.0, 0.0, 0.5,
                List.of(Stage.hold("boil", 200_000, Ensemble.NPT, 2.0, false)), 1000, 1000, 83);
        MdRun.Start start = MdRun.prepare(c);
        try (Simulation sim = start.simulation()) {
            SimulationBlowUpException e = assertThrows(SimulationBlowUpException.class,
                    () -> new MdRun.Driver(c, sim, new KaFixtures.RecordingSink()).runStages());
            assertTrue(e.getMessage().contains("boiled") && e.getMessage().contains("NVT stage"), e.getMessage());
            assertTrue(sim.box.volume() > Simulation.MAX_EXPANSION * 256 / 1.2, "stopped after an 8-fold expansion");
        }
    }
}
