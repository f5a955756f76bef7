package glassworks.spark;

import glassworks.md.Checkpointing;
import glassworks.md.FrameView;
import glassworks.md.MdRun;
import glassworks.md.RunConfig;
import glassworks.md.TrajectorySink;
import glassworks.md.io.CheckpointedFramesWriter;
import glassworks.md.io.TableFiles;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.ThermoTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code simulate --checkpoint-every}: a run whose earlier attempt died mid-way (here: its sink failed after a few frames,
 * leaving a committed checkpoint, as a killed executor or driver would) is resumed by the next job from that checkpoint,
 * and the committed frames and thermo rows equal an uninterrupted checkpointed run of the kernel, row for row, bit for
 * bit; the checkpoints are removed once the job has committed.
 */
@ExtendWith(SparkExtension.class)
class CheckpointedSimulateTest {
    static final int N = 256;
    static final long EVERY = 300;

    static SimulateOptions options(String checkpointDir, long every) {
        SimulateOptions plain = new SimulateOptions("ka3d", N, 1.2, List.of(1.0), 1, 0.005, 400, 1000, 100, 100, 11,
                glassworks.md.Ensemble.NVT, 0.5, 0.3, true, true, false);
        return new SimulateOptions(plain.model(), plain.particles(), plain.density(), plain.temperatures(), 1,
                plain.timestep(), plain.stages(), plain.frames(), plain.maxFrames(), plain.thermoInterval(), plain.seed(),
                plain.thermostatTau(), plain.pressure(), plain.barostatTau(), plain.skin(), plain.saveVelocities(),
                plain.saveEnergies(), false, false, every, checkpointDir);
    }

    /** Delegates to the part writer and fails after {@code limit} frames, like a process dying mid-run. */
    static final class DyingSink implements TrajectorySink {
        final CheckpointedFramesWriter parts;
        final int limit;
        int frames;

        DyingSink(CheckpointedFramesWriter parts, int limit) {
            this.parts = parts;
            this.limit = limit;
        }

        @Override
        public void frame(FrameView frame) throws IOException {
            if (++frames > limit) {
                throw new IOException("simulated crash");
            }
            parts.frame(frame);
        }

        @Override
        public void thermo(ThermoTable.Row row) throws IOException {
            parts.thermo(row);
        }

        @Override
        public void checkpoint(int sequence) throws IOException {
            parts.checkpoint(sequence);
        }

        @Override
        public void resume(int sequence) throws IOException {
            parts.resume(sequence);
        }
    }

    @Test
    void resumesAnInterruptedRunAndCommitsExactlyTheUninterruptedTrajectory(SparkSession spark) throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("glassworks-ckpt");
        Warehouse warehouse = new Warehouse(dir.resolve("warehouse").toString());
        SimulateOptions options = options(null, EVERY);
        RunConfig c = options.config(0, 0, 1);
        java.nio.file.Path root = dir.resolve("warehouse").resolve(SimulateJob.CHECKPOINTS);
        java.nio.file.Path runDir = SimulateJob.checkpointDirectory(root, c, EVERY);

        // an earlier attempt: dies after 4 of the 11 production frames, past its third checkpoint
        try (CheckpointedFramesWriter parts = new CheckpointedFramesWriter(runDir, Warehouse.conf())) {
            IOException crash = assertThrows(IOException.class,
                    () -> MdRun.run(c, new DyingSink(parts, 4), new Checkpointing(runDir, EVERY)));
            assertEquals("simulated crash", crash.getMessage());
        }
        assertTrue(new Checkpointing(runDir, EVERY).exists(), "the dead attempt left a checkpoint");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new SimulateJob(options, warehouse).run(spark, new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("resumed from its last checkpoint"), text);
        assertFalse(Files.exists(runDir), "checkpoints are removed after the commit");

        // the uninterrupted run, same interval, straight from the kernel
        java.nio.file.Path ref = dir.resolve("reference");
        try (CheckpointedFramesWriter parts = new CheckpointedFramesWriter(ref, Warehouse.conf())) {
            MdRun.run(c, parts, new Checkpointing(ref, EVERY));
        }
        List<FramesTable.Row> expected = CheckpointedFramesWriter.readFrames(ref, Warehouse.conf());
        List<Path> files = warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, "ka3d", 1.0, c.runId()));
        assertEquals(1, files.size(), "one frames file per run, parts merged");
        List<FramesTable.Row> got = TableFiles.readRows(FramesTable.SCHEMA, files.get(0), Warehouse.conf(), FramesTable.Row::of);
        assertEquals(11L * N, got.size());
        assertEquals(expected, got);

        List<ThermoTable.Row> expectedThermo = CheckpointedFramesWriter.readThermo(ref, Warehouse.conf());
        List<Path> thermoFiles = warehouse.dataFiles(warehouse.partition(ThermoTable.SCHEMA, "ka3d", 1.0));
        List<ThermoTable.Row> gotThermo = TableFiles.readRows(ThermoTable.SCHEMA, thermoFiles.get(0), Warehouse.conf(),
                ThermoTable.Row::of);
        assertEquals(expectedThermo, gotThermo);
    }

    @Test
    void checkpointOptionsAreCheckedBeforeSpark() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulateJob(options("checkpoints", 0), new Warehouse("wh")).validate());
        assertTrue(e.getMessage().contains("--checkpoint-every"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SimulateJob(options(null, -5), new Warehouse("wh")).validate());
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
        // a warehouse on HDFS has no POSIX directory for the kernel's checkpoints: refused before touching it
        e = assertThrows(IllegalArgumentException.class,
                () -> new SimulateJob(options(null, EVERY), new Warehouse("hdfs://nowhere:8020/glass")).validate());
        assertTrue(e.getMessage().contains("--checkpoint-dir"), e.getMessage());
    }
}
