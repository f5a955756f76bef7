package glassworks.md;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lattice + FIRE start survives dense states; bad options are refused with a message naming them. */
class StartAndValidationTest {

    @Test
    void denseStartRunsWithoutBlowingUp() throws Exception {
        // rho = 1.3, T = 0.5; N = 1000 is no 4 k^3, so this is the simple-cubic start with vacancies spread out
        RunConfig c = KaFixtures.config(1000, 1.3, 0.5, 0.005, 300, 200, 100, 50, 41, Ensemble.NVT, 1);
        KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
        RunSummary s = MdRun.run(c, sink);
        assertEquals("sc-lattice+FIRE", s.start());
        assertEquals("A:800,B:200", s.composition());
        assertEquals(3, s.framesWritten());
        assertEquals(Math.cbrt(1000 / 1.3), s.boxX(), 1e-12);
        for (var row : sink.thermo) {
            assertTrue(Double.isFinite(row.potentialEnergy()) && row.potentialEnergy() < 0, "PE " + row);
        }
        // the start is at the target temperature exactly
        assertEquals(0.5, sink.thermo.get(0).temperature(), 1e-12);
    }

    @Test
    void fccStartWhenNIsFourCubes() throws Exception {
        RunConfig c = KaFixtures.config(500, 1.2, 1.0, 0.005, 0, 0, 1, 1, 1, Ensemble.NVE, 1);
        assertEquals("fcc-lattice+FIRE", MdRun.run(c, new KaFixtures.RecordingSink()).start());
        assertEquals("A:400,B:100", Models.kobAndersen3d().compositionLabel(Models.kobAndersen3d().composition(500)));
        assertEquals("A:3,B:1", Models.kobAndersen3d().compositionLabel(Models.kobAndersen3d().composition(4)));
    }

    @Test
    void unknownModelListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.byName("lj2d"));
        assertEquals("unknown model 'lj2d'; valid models: ka3d, ka3d-uniform, ka2d, wahnstrom (or declare one under "
                + "models: in the campaign file)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> with(KaFixtures.config(500, 1.2, 1.0, 0.005, 0, 0, 1, 1, 1,
                Ensemble.NVT, 1), "kob", 500, 1.2, 1, 0.005, 1, 1, 0, 0, 1, 0.3, 0.5));
        assertEquals(java.util.List.of("ka3d", "ka3d-uniform", "ka2d", "wahnstrom"), Models.names());
    }

    @Test
    void badOptionsAreNamedInTheMessage() {
        RunConfig ok = KaFixtures.config(500, 1.2, 1.0, 0.005, 10, 10, 1, 1, 1, Ensemble.NVT, 1);
        ok.validate();
        expect("particles", ok, c -> with(c, 0, 1.2, 1, 0.005, 1, 1, 0, 0, 1, 0.3, 0.5));
        expect("density", ok, c -> with(c, 500, -1, 1, 0.005, 1, 1, 0, 0, 1, 0.3, 0.5));
        expect("temperature", ok, c -> with(c, 500, 1.2, 0, 0.005, 1, 1, 0, 0, 1, 0.3, 0.5));
        expect("timestep", ok, c -> with(c, 500, 1.2, 1, Double.NaN, 1, 1, 0, 0, 1, 0.3, 0.5));
        expect("thermoInterval", ok, c -> with(c, 500, 1.2, 1, 0.005, 1, -5, 0, 0, 1, 0.3, 0.5));
        expect("stage 1 (equilibration): steps", ok, c -> with(c, 500, 1.2, 1, 0.005, 1, 1, -1, 0, 1, 0.3, 0.5));
        expect("stage 2 (production): steps", ok, c -> with(c, 500, 1.2, 1, 0.005, 1, 1, 0, -1, 1, 0.3, 0.5));
        expect("threads", ok, c -> with(c, 500, 1.2, 1, 0.005, 1, 1, 0, 0, 0, 0.3, 0.5));
        expect("skin", ok, c -> with(c, 500, 1.2, 1, 0.005, 1, 1, 0, 0, 1, -0.1, 0.5));
        expect("thermostatTau", ok, c -> with(c, 500, 1.2, 1, 0.005, 1, 1, 0, 0, 1, 0.3, 0));
        // a frame interval of 0 is refused when the schedule is built, with the fix
        String interval = assertThrows(IllegalArgumentException.class,
                () -> with(ok, 500, 1.2, 1, 0.005, 0, 1, 0, 0, 1, 0.3, 0.5)).getMessage();
        assertTrue(interval.startsWith("frame interval must be > 0"), interval);
        // a box too small for the minimum image convention says how many particles it needs
        String small = assertThrows(IllegalArgumentException.class,
                () -> with(ok, 100, 1.2, 1, 0.005, 1, 1, 0, 0, 1, 0.3, 0.5).validate()).getMessage();
        assertTrue(small.contains("use particles >= 211"), small);
        // the output budget is checked before anything runs, with the fix
        String budget = assertThrows(IllegalArgumentException.class,
                () -> with(ok, 500, 1.2, 1, 0.005, 1, 1, 0, 200_000, 1, 0.3, 0.5).validate()).getMessage();
        assertTrue(budget.contains("would save 200001 frames") && budget.contains("raise the frame interval"), budget);
        // MdRun validates too, before doing anything
        assertThrows(IllegalArgumentException.class,
                () -> MdRun.run(with(ok, -3, 1.2, 1, 0.005, 1, 1, 0, 0, 1, 0.3, 0.5), new KaFixtures.RecordingSink()));
    }

    private static void expect(String option, RunConfig ok, Function<RunConfig, RunConfig> change) {
        String msg = assertThrows(IllegalArgumentException.class, () -> change.apply(ok).validate()).getMessage();
        assertTrue(msg.startsWith("invalid run configuration: " + option + " must be"), msg);
    }

    private static RunConfig with(RunConfig c, int n, double density, double t, double dt, int frameInterval,
                                  int thermoInterval, long equilibration, long production, int threads, double skin,
                                  double tau) {
        return with(c, c.model().name(), n, density, t, dt, frameInterval, thermoInterval, equilibration, production,
                threads, skin, tau);
    }

    private static RunConfig with(RunConfig c, String model, int n, double density, double t, double dt,
                                  int frameInterval, int thermoInterval, long equilibration, long production,
                                  int threads, double skin, double tau) {
        return new RunConfig(c.runId(), model, n, density, t, dt, equilibration, production, frameInterval,
                thermoInterval, c.seed(), Ensemble.NVT, tau, skin, threads, true, true);
    }

    @Test
    void absurdTimeStepIsReportedAsABlowUp() {
        // dt = 0.1 at T = 5: particles fly into each other's cores within a few steps
        RunConfig c = KaFixtures.config(500, 1.2, 5.0, 0.1, 1000, 1000, 100, 100, 51, Ensemble.NVE, 1);
        SimulationBlowUpException e = assertThrows(SimulationBlowUpException.class,
                () -> MdRun.run(c, new KaFixtures.RecordingSink()));
        assertTrue(e.getMessage().contains("likely cause: time step too large (dt = 0.1)"), e.getMessage());
        assertTrue(e.getMessage().contains("at step " + e.step()), e.getMessage());
        assertTrue(e.particleId() >= 0 && e.getMessage().contains("particle id " + e.particleId()), e.getMessage());
        assertTrue(e.step() < 1000);
    }
}
