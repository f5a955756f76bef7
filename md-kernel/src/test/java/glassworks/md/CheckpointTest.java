package glassworks.md;

import glassworks.md.io.CheckpointedFramesWriter;
import glassworks.md.tools.CheckpointedRunMain;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.ThermoTable;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checkpoint/restart: a run killed at any moment and started again produces exactly the uninterrupted run's frames and
 * thermo rows, bit for bit, each once. The process tests kill a real JVM running {@link CheckpointedRunMain} with
 * SIGKILL ({@link Process#destroyForcibly()}) at a random moment; the in-process tests crash a run from its sink at
 * many points and cover a richer protocol (ramp, NVE, log frames, stage boundaries on checkpoints, two threads).
 */
class CheckpointTest {
    private static final Configuration CONF = new Configuration();
    /** The process runs: 500 equilibration + 1500 production steps (31 frames), a checkpoint every 200 steps. */
    private static final long STEPS = 2000;
    private static final long INTERVAL = 200;
    private static final long SEED = 7;

    private static Output reference;

    /** What a run left in its directory, read back. */
    record Output(List<FramesTable.Row> frames, List<ThermoTable.Row> thermo) {
        static Output of(Path dir) throws IOException {
            return new Output(CheckpointedFramesWriter.readFrames(dir, CONF), CheckpointedFramesWriter.readThermo(dir, CONF));
        }
    }

    /** The uninterrupted run of the process tests' configuration, in this JVM. */
    private static synchronized Output reference() throws IOException {
        if (reference == null) {
            Path dir = Files.createTempDirectory("ckpt-reference");
            try (CheckpointedFramesWriter sink = new CheckpointedFramesWriter(dir, CONF)) {
                MdRun.run(CheckpointedRunMain.config(STEPS, SEED, 1), sink, new Checkpointing(dir, INTERVAL));
            }
            reference = Output.of(dir);
        }
        return reference;
    }

    // ---- real processes killed with SIGKILL

    @Test
    void killedProcessResumesToTheUninterruptedTrajectory(@TempDir Path tmp) throws Exception {
        SplittableRandom rng = random();
        Path dir = tmp.resolve("run");
        Process first = launch(dir, tmp);
        waitFor(first, tmp, () -> Files.exists(dir.resolve(Checkpointing.FILE)));
        killAfterRandomDelay(first, rng, tmp);
        int sequence = Checkpoint.read(dir.resolve(Checkpointing.FILE)).sequence();
        System.out.println("checkpoint: killed after checkpoint " + sequence);
        finish(dir, tmp, "start resume");
        assertSameOutput(reference(), dir, CheckpointedRunMain.config(STEPS, SEED, 1));
    }

    @Test
    void killedTwiceInARowResumesToTheUninterruptedTrajectory(@TempDir Path tmp) throws Exception {
        SplittableRandom rng = random();
        Path dir = tmp.resolve("run");
        Path file = dir.resolve(Checkpointing.FILE);
        Process first = launch(dir, tmp);
        waitFor(first, tmp, () -> Files.exists(file));
        killAfterRandomDelay(first, rng, tmp);
        int afterFirst = Checkpoint.read(file).sequence();
        Process second = launch(dir, tmp);
        waitFor(second, tmp, () -> sequence(file) > afterFirst); // the resumed run got further, then dies too
        killAfterRandomDelay(second, rng, tmp);
        System.out.println("checkpoint: killed after checkpoints " + afterFirst + " and " + sequence(file));
        finish(dir, tmp, "start resume");
        assertSameOutput(reference(), dir, CheckpointedRunMain.config(STEPS, SEED, 1));
    }

    @Test
    void killedBeforeTheFirstCheckpointStartsFromScratch(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Process first = launch(dir, tmp);
        // the first thermo part is open (written at step 0, unfinished: no footer) long before step 250's checkpoint
        waitFor(first, tmp, () -> Files.exists(dir.resolve(CheckpointedFramesWriter.thermoPartName(0))));
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(dir.resolve(Checkpointing.FILE)), "killed too late: a checkpoint exists already");
        finish(dir, tmp, "start scratch");
        assertSameOutput(reference(), dir, CheckpointedRunMain.config(STEPS, SEED, 1));
    }

    // ---- in-process crashes: many crash points, a richer protocol

    /** NVT equilibration, a saved NVT ramp, saved NVE; log frames (several per checkpoint interval); thermo every 25. */
    private static RunConfig richConfig(int threads) {
        List<Stage> stages = List.of(Stage.hold("equilibration", 200, Ensemble.NVT, 1.0, false),
                new Stage("cooling", 300, Ensemble.NVT, 1.0, 0.6, true),
                Stage.hold("production", 200, Ensemble.NVE, 0.6, true));
        return new RunConfig("rich-" + threads, Models.byName(Models.KA3D), 500, 1.2, 0.6, 0.005, stages,
                FrameSchedule.logarithmic(5, 200), 25, 11, 0.5, Double.NaN, Double.NaN, 0.3, threads, true, true, false,
                RunConfig.DEFAULT_MAX_FRAMES, null);
    }

    @Test
    void crashesAtManyPointsResumeBitIdentically(@TempDir Path tmp) throws Exception {
        // interval 100 puts checkpoints on both stage boundaries (200, 500); 130 inside stages only, with 2 threads
        for (int variant = 0; variant < 2; variant++) {
            long interval = variant == 0 ? 100 : 130;
            RunConfig config = richConfig(variant + 1);
            Path refDir = tmp.resolve("ref-" + interval);
            try (CheckpointedFramesWriter sink = new CheckpointedFramesWriter(refDir, CONF)) {
                MdRun.run(config, sink, new Checkpointing(refDir, interval));
            }
            Output expected = Output.of(refDir);
            int calls = expected.frames().size() / config.particles() + expected.thermo().size();
            // crash after this many sink calls (counted per attempt), again in the resumed run, ..., then finish
            int[][] crashes = variant == 0
                    ? new int[][]{{0}, {9}, {calls / 3, calls / 5}, {calls / 2, calls / 4, calls / 8}, {calls - 2}}
                    : new int[][]{{calls / 3, calls / 4}};
            for (int c = 0; c < crashes.length; c++) {
                Path dir = tmp.resolve("crash-" + interval + "-" + c);
                for (int at : crashes[c]) {
                    CrashingSink sink = new CrashingSink(new CheckpointedFramesWriter(dir, CONF), at);
                    // the crashed writer is left open, as a killed process leaves its part file without a footer
                    assertThrows(Crash.class, () -> MdRun.run(config, sink, new Checkpointing(dir, interval)));
                }
                try (CheckpointedFramesWriter sink = new CheckpointedFramesWriter(dir, CONF)) {
                    MdRun.run(config, sink, new Checkpointing(dir, interval));
                }
                assertSameOutput(expected, dir, config);
            }
        }
    }

    /** NVT, then a saved NPT ramp and hold: barostat state, a box that changes every step, list replacements. */
    private static RunConfig nptConfig() {
        List<Stage> stages = List.of(Stage.hold("equilibration", 200, Ensemble.NVT, 1.0, false),
                new Stage("cooling", 300, Ensemble.NPT, 1.0, 0.8, true),
                Stage.hold("production", 200, Ensemble.NPT, 0.8, true));
        return new RunConfig("npt", Models.byName(Models.KA3D), 500, 1.2, 0.8, 0.005, stages,
                FrameSchedule.linear(20), 25, 13, 0.5, 5.0, 2.0, 0.3, 1, true, true, false,
                RunConfig.DEFAULT_MAX_FRAMES, null);
    }

    @Test
    void nptRunResumesBitIdentically(@TempDir Path tmp) throws Exception {
        RunConfig config = nptConfig();
        long interval = 100; // checkpoints in NVT, on both boundaries (200, 500) and inside the NPT stages
        Path refDir = tmp.resolve("ref");
        try (CheckpointedFramesWriter sink = new CheckpointedFramesWriter(refDir, CONF)) {
            MdRun.run(config, sink, new Checkpointing(refDir, interval));
        }
        Output expected = Output.of(refDir);
        assertTrue(expected.frames().get(0).boxX() != expected.frames().get(expected.frames().size() - 1).boxX(),
                "the barostat should have moved the box");
        int calls = expected.frames().size() / config.particles() + expected.thermo().size();
        int[][] crashes = {{calls / 3}, {calls / 2, calls / 3, calls / 5}};
        for (int c = 0; c < crashes.length; c++) {
            Path dir = tmp.resolve("crash-" + c);
            for (int at : crashes[c]) {
                CrashingSink sink = new CrashingSink(new CheckpointedFramesWriter(dir, CONF), at);
                assertThrows(Crash.class, () -> MdRun.run(config, sink, new Checkpointing(dir, interval)));
            }
            try (CheckpointedFramesWriter sink = new CheckpointedFramesWriter(dir, CONF)) {
                MdRun.run(config, sink, new Checkpointing(dir, interval));
            }
            assertSameOutput(expected, dir, config);
        }
    }

    @Test
    void checkpointOfAnotherConfigurationIsRefused(@TempDir Path tmp) throws Exception {
        RunConfig config = richConfig(1);
        Path dir = tmp.resolve("run");
        assertThrows(Crash.class, () -> MdRun.run(config, new CrashingSink(new CheckpointedFramesWriter(dir, CONF), 30),
                new Checkpointing(dir, 100)));
        assertTrue(Files.exists(dir.resolve(Checkpointing.FILE)));
        // another checkpoint interval changes the trajectory, so it counts as another configuration
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> MdRun.run(config, new KaFixtures.RecordingSink(), new Checkpointing(dir, 50)));
        assertTrue(e.getMessage().contains(dir.resolve(Checkpointing.FILE).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("delete"), e.getMessage());
        RunConfig other = config.withThreads(2);
        assertThrows(CheckpointException.class,
                () -> MdRun.run(other, new KaFixtures.RecordingSink(), new Checkpointing(dir, 100)));
    }

    @Test
    void truncatedOrCorruptCheckpointIsReportedWithTheFix(@TempDir Path tmp) throws Exception {
        RunConfig config = richConfig(1);
        Path dir = tmp.resolve("run");
        assertThrows(Crash.class, () -> MdRun.run(config, new CrashingSink(new CheckpointedFramesWriter(dir, CONF), 30),
                new Checkpointing(dir, 100)));
        Path file = dir.resolve(Checkpointing.FILE);
        byte[] good = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(good, good.length / 2));
        CheckpointException truncated = assertThrows(CheckpointException.class,
                () -> MdRun.run(config, new KaFixtures.RecordingSink(), new Checkpointing(dir, 100)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        assertTrue(truncated.getMessage().contains(file.toString()), truncated.getMessage());
        assertTrue(truncated.getMessage().contains("delete it"), truncated.getMessage());

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(file, flipped);
        CheckpointException corrupt = assertThrows(CheckpointException.class,
                () -> MdRun.run(config, new KaFixtures.RecordingSink(), new Checkpointing(dir, 100)));
        assertTrue(corrupt.getMessage().contains("corrupt"), corrupt.getMessage());

        // the fix works: without the file the run starts from scratch (and discards the old parts)
        Files.delete(file);
        try (CheckpointedFramesWriter sink = new CheckpointedFramesWriter(dir, CONF)) {
            MdRun.run(config, sink, new Checkpointing(dir, 100));
        }
        Path refDir = tmp.resolve("ref");
        try (CheckpointedFramesWriter sink = new CheckpointedFramesWriter(refDir, CONF)) {
            MdRun.run(config, sink, new Checkpointing(refDir, 100));
        }
        assertSameOutput(Output.of(refDir), dir, config);
    }

    // ---- helpers

    /** Same rows bit for bit (record equality compares doubles by their bits), each frame and thermo row once. */
    private static void assertSameOutput(Output expected, Path dir, RunConfig config) throws IOException {
        Output actual = Output.of(dir);
        int n = config.particles();
        int frameCount = config.framesToSave();
        assertEquals((long) frameCount * n, expected.frames().size(), "reference frame rows");
        assertEquals(expected.frames().size(), actual.frames().size(), "frame rows in " + dir);
        for (int k = 0; k < actual.frames().size(); k++) {
            FramesTable.Row row = actual.frames().get(k);
            // frame indices 0..F-1, each exactly once, particles 0..N-1 inside each
            assertEquals(k / n, row.frame(), "frame index of row " + k);
            assertEquals(k % n, row.particle(), "particle of row " + k);
            if (!row.equals(expected.frames().get(k))) {
                fail("frame row " + k + " differs:\n expected " + expected.frames().get(k) + "\n actual   " + row);
            }
        }
        assertEquals(expected.thermo().size(), actual.thermo().size(), "thermo rows in " + dir);
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < actual.thermo().size(); k++) {
            ThermoTable.Row row = actual.thermo().get(k);
            assertTrue(seen.add(row.phase() + "#" + row.step()), "thermo row twice: " + row);
            if (!row.equals(expected.thermo().get(k))) {
                fail("thermo row " + k + " differs:\n expected " + expected.thermo().get(k) + "\n actual   " + row);
            }
        }
    }

    private static SplittableRandom random() {
        long seed = System.nanoTime();
        System.out.println("checkpoint: kill-time seed " + seed);
        return new SplittableRandom(seed);
    }

    /** Kills the run 0..300 ms after now (it has several seconds left), making sure it was still running. */
    private static void killAfterRandomDelay(Process p, SplittableRandom rng, Path tmp) throws Exception {
        Thread.sleep(rng.nextInt(300));
        assertTrue(p.isAlive(), "the run ended before it could be killed:\n" + log(tmp));
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }

    /** Runs the program to its end in {@code dir} and checks how it started. */
    private static void finish(Path dir, Path tmp, String start) throws Exception {
        Path out = tmp.resolve("finish.log");
        Process p = command(dir).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the resumed run did not finish");
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains(start), text);
    }

    private static Process launch(Path dir, Path tmp) throws IOException {
        return command(dir).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("killed.log").toFile())).start();
    }

    private static ProcessBuilder command(Path dir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the module flags of this JVM (the kernel may use the incubating vector API), not its heap or agents
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CheckpointedRunMain.class.getName());
        cmd.add(dir.toString());
        cmd.add(Long.toString(STEPS));
        cmd.add(Long.toString(INTERVAL));
        cmd.add(Long.toString(SEED));
        return new ProcessBuilder(cmd);
    }

    private static void waitFor(Process p, Path tmp, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (!p.isAlive()) {
                fail("the run exited (" + p.exitValue() + ") before the moment to kill it:\n" + log(tmp));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                fail("timed out waiting for the run:\n" + log(tmp));
            }
            Thread.sleep(2);
        }
    }

    private static int sequence(Path file) {
        try {
            return Checkpoint.read(file).sequence();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String log(Path tmp) throws IOException {
        Path f = tmp.resolve("killed.log");
        return Files.exists(f) ? Files.readString(f) : "(no output)";
    }

    private static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash");
        }
    }

    /** Passes everything on, and throws after {@code crashAt} frames and thermo rows (a crash mid-run). */
    private static final class CrashingSink implements TrajectorySink {
        private final CheckpointedFramesWriter out;
        private int left;

        CrashingSink(CheckpointedFramesWriter out, int crashAt) {
            this.out = out;
            this.left = crashAt;
        }

        private void tick() {
            if (left-- == 0) {
                throw new Crash();
            }
        }

        @Override
        public void frame(FrameView frame) throws IOException {
            tick();
            out.frame(frame);
        }

        @Override
        public void thermo(ThermoTable.Row row) throws IOException {
            tick();
            out.thermo(row);
        }

        @Override
        public void checkpoint(int sequence) throws IOException {
            out.checkpoint(sequence);
        }

        @Override
        public void resume(int sequence) throws IOException {
            out.resume(sequence);
        }
    }
}
