package glassworks.md;

import glassworks.schema.tables.ThermoTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multi-stage protocols: ramps and cycles of the thermostat target, frame schedules, snapshot starts. */
class ProtocolTest {

    static RunConfig run(List<Stage> stages, FrameSchedule frames, long seed, Snapshot start, int n) {
        return new RunConfig("proto-" + seed, Models.kobAndersen3d(), n, 1.2, 0.51, 0.005, stages, frames, 50, seed, 0.5,
                Double.NaN, Double.NaN, 0.3, 1, true, true, false, RunConfig.DEFAULT_MAX_FRAMES, start);
    }

    @Test
    void stageTargetsAreLinearInTheStep() {
        Stage ramp = new Stage("quench", 400, Ensemble.NVT, 2.0, 0.3, false);
        assertEquals(2.0, ramp.temperatureAt(0), 0);
        assertEquals(2.0 - 1.7 * 100 / 400.0, ramp.temperatureAt(100), 1e-15);
        assertEquals(0.3, ramp.temperatureAt(400), 1e-15);
        assertEquals(0.8, Stage.hold("h", 10, Ensemble.NVT, 0.8, true).temperatureAt(7), 0);
    }

    @Test
    void thermalCycleFollowsItsTargets() throws Exception {
        // seed 004's cycle, shortened: hold 0.51, ramp to 0.56, hold, ramp back, hold; tau = 0.5
        List<Stage> cycle = List.of(Stage.hold("equilibration", 2000, Ensemble.NVT, 0.51, false),
                Stage.hold("hold-low", 4000, Ensemble.NVT, 0.51, true),
                new Stage("heat", 1000, Ensemble.NVT, 0.51, 0.56, true),
                Stage.hold("hold-high", 4000, Ensemble.NVT, 0.56, true),
                new Stage("cool", 1000, Ensemble.NVT, 0.56, 0.51, true),
                Stage.hold("after", 4000, Ensemble.NVT, 0.51, true));
        KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
        RunSummary s = MdRun.run(run(cycle, FrameSchedule.linear(1000), 4, null, 864), sink);
        // frames run over the saving stages without a gap or a repeat: 14000 saved steps / 1000 + 1
        assertEquals(15, s.framesWritten());
        for (int k = 0; k < sink.frames.size(); k++) {
            assertEquals(k, sink.frames.get(k).frameIndex());
            assertEquals(1000L * k, sink.frames.get(k).step());
            assertEquals(5.0 * k, sink.frames.get(k).time(), 1e-12);
        }
        double low = mean(sink.phase("hold-low"));
        double high = mean(sink.phase("hold-high"));
        double after = mean(sink.phase("after"));
        System.out.printf("cycle <T>: hold-low %.4f hold-high %.4f after %.4f%n", low, high, after);
        assertEquals(0.51, low, 0.015);
        assertEquals(0.56, high, 0.015);
        assertEquals(0.51, after, 0.015);
        assertTrue(high - low > 0.03, "the hot hold is hotter");
        // thermo rows are per stage, step counted within it
        assertEquals(0L, sink.phase("heat").get(0).step());
        assertEquals(1000L, sink.phase("heat").get(sink.phase("heat").size() - 1).step());
    }

    @Test
    void quenchRampTracksTheLinearTarget() throws Exception {
        List<Stage> quench = List.of(Stage.hold("melt", 1000, Ensemble.NVT, 2.0, false),
                new Stage("quench", 8000, Ensemble.NVT, 2.0, 0.4, true));
        KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
        MdRun.run(run(quench, FrameSchedule.linear(4000), 5, null, 500), sink);
        List<ThermoTable.Row> rows = sink.phase("quench");
        // with tau = 0.5 the kinetic temperature lags the target by little; average over windows of 1000 steps
        for (int w = 1; w < 8; w++) {
            double sum = 0;
            int count = 0;
            for (ThermoTable.Row r : rows) {
                if (r.step() > w * 1000 && r.step() <= (w + 1) * 1000) {
                    sum += r.temperature();
                    count++;
                }
            }
            double target = 2.0 - 1.6 * (w + 0.5) / 8.0;
            assertEquals(target, sum / count, 0.06 * target, "window " + w);
        }
    }

    @Test
    void logScheduleOffsetsAndCounts() {
        FrameSchedule log = FrameSchedule.logarithmic(4, 1000);
        assertArrayEquals(new long[]{0, 1, 2, 3, 6, 10, 18, 32, 56, 100, 178, 316, 562}, log.blockOffsets());
        FrameSchedule.Cursor cursor = log.cursor();
        List<Long> steps = new ArrayList<>();
        for (long s = 0; s <= 2500; s++) {
            if (cursor.isFrame(s)) {
                steps.add(s);
            }
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 6L, 10L, 18L, 32L, 56L, 100L, 178L, 316L, 562L, 1000L, 1001L, 1002L, 1003L,
                1006L, 1010L, 1018L, 1032L, 1056L, 1100L, 1178L, 1316L, 1562L, 2000L, 2001L, 2002L, 2003L, 2006L, 2010L,
                2018L, 2032L, 2056L, 2100L, 2178L, 2316L), steps);
        assertEquals(steps.size(), log.count(2500));
        assertEquals(101, FrameSchedule.linear(10).count(1000));
        assertThrows(IllegalArgumentException.class, () -> FrameSchedule.logarithmic(0, 10));
    }

    @Test
    void logFramesSpanDecadesInOneRun() throws Exception {
        List<Stage> stages = RunConfig.twoStages(200, 2000, Ensemble.NVT, 0.8);
        KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
        RunConfig c = new RunConfig("log", Models.kobAndersen3d(), 500, 1.2, 0.8, 0.005, stages,
                FrameSchedule.logarithmic(5, 2000), 100, 9, 0.5, Double.NaN, Double.NaN, 0.3, 1, false, false, false,
                1000, null);
        MdRun.run(c, sink);
        long[] expected = FrameSchedule.logarithmic(5, 2000).blockOffsets();
        assertEquals(expected.length + 1, sink.frames.size()); // the block's offsets, then step 2000 opens the next
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], sink.frames.get(k).step());
        }
        assertEquals(2000, sink.frames.get(expected.length).step());
        assertEquals(c.frameCount(), sink.frames.size());
    }

    @Test
    void snapshotStartKeepsPositionsAndReplicasDifferOnlyByVelocities() throws Exception {
        KaFixtures.RecordingSink parent = new KaFixtures.RecordingSink();
        MdRun.run(KaFixtures.config(500, 1.2, 0.8, 0.005, 500, 0, 1, 100, 3, Ensemble.NVT, 1), parent);
        Snapshot snap = Snapshot.positionsOf(parent.frames.get(0), "parent-run");
        List<Stage> iso = List.of(Stage.hold("iso", 200, Ensemble.NVT, 0.8, true));
        RunConfig base = run(iso, FrameSchedule.linear(100), 0, null, 500);
        KaFixtures.RecordingSink a = new KaFixtures.RecordingSink();
        KaFixtures.RecordingSink a2 = new KaFixtures.RecordingSink();
        KaFixtures.RecordingSink b = new KaFixtures.RecordingSink();
        RunSummary sa = MdRun.run(base.withStart("iso-0", 100, snap), a);
        MdRun.run(base.withStart("iso-0", 100, snap), a2);
        MdRun.run(base.withStart("iso-1", 101, snap), b);
        assertEquals("snapshot:parent-run#0", sa.start());
        // frame 0 of every replica is the stored configuration itself, not a relaxed one
        assertArrayEquals(snap.x(), a.frames.get(0).x());
        assertArrayEquals(snap.x(), b.frames.get(0).x());
        assertArrayEquals(snap.species(), b.frames.get(0).species());
        // fresh velocities: at the target T, different per replica seed, identical for the same seed
        assertNotEquals(a.frames.get(0).vx()[0], b.frames.get(0).vx()[0]);
        assertArrayEquals(a.frames.get(2).x(), a2.frames.get(2).x());
        assertNotEquals(a.frames.get(2).x()[0], b.frames.get(2).x()[0]);
        assertEquals(0.8, a.thermo.get(0).temperature(), 1e-12);
    }

    @Test
    void overlappingSnapshotIsReportedAsABlowUp() {
        KaFixtures.RecordingSink parent = new KaFixtures.RecordingSink();
        try {
            MdRun.run(KaFixtures.config(500, 1.2, 0.8, 0.005, 0, 0, 1, 100, 3, Ensemble.NVT, 1), parent);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Snapshot snap = Snapshot.positionsOf(parent.frames.get(0), "p");
        // put particle 1 almost on top of particle 0
        snap.x()[1] = snap.x()[0] + 0.05;
        snap.y()[1] = snap.y()[0];
        snap.z()[1] = snap.z()[0];
        RunConfig c = run(List.of(Stage.hold("iso", 100, Ensemble.NVE, 0.8, true)), FrameSchedule.linear(10), 1, null,
                500).withStart("bad", 1, snap);
        SimulationBlowUpException e = assertThrows(SimulationBlowUpException.class,
                () -> MdRun.run(c, new KaFixtures.RecordingSink()));
        assertTrue(e.getMessage().contains("overlapping particles"), e.getMessage());
        assertTrue(e.particleId() == 0 || e.particleId() == 1, e.getMessage());
    }

    @Test
    void framesCarryThePerParticleVirialWhoseTraceSumsToThePressureVirial() throws Exception {
        RunConfig c = new RunConfig("virial", Models.kobAndersen3d(), 500, 1.2, 0.8, 0.005,
                RunConfig.twoStages(100, 200, Ensemble.NVT, 0.8), FrameSchedule.linear(100), 100, 12, 0.5, Double.NaN,
                Double.NaN, 0.3, 1, false, false, true, 1000, null);
        KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
        MdRun.run(c, sink);
        List<ThermoTable.Row> production = sink.phase("production");
        assertEquals(3, sink.frames.size());
        for (int k = 0; k < 3; k++) {
            double[][] w = sink.frames.get(k).virial();
            assertTrue(w != null && w.length == 6, "virial saved");
            double trace = 0;
            for (int i = 0; i < 500; i++) {
                trace += w[0][i] + w[1][i] + w[2][i];
            }
            // thermo at the same step: P = (2 KE + W) / (3 V)
            ThermoTable.Row row = production.get(k);
            assertEquals(100L * k, row.step());
            double volume = 500 / 1.2;
            double expected = 3 * volume * row.pressure() - 2 * 500 * row.kineticEnergy();
            assertEquals(expected, trace, 1e-9 * Math.abs(expected), "frame " + k);
        }
        assertEquals(null, sink.frames.get(0).potentialEnergy());
    }

    private static double mean(List<ThermoTable.Row> rows) {
        return rows.stream().mapToDouble(ThermoTable.Row::temperature).average().orElseThrow();
    }
}
