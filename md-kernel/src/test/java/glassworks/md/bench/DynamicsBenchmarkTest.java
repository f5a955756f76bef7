package glassworks.md.bench;

import glassworks.md.Box;
import glassworks.md.dynamics.LagGrid;
import glassworks.md.dynamics.RunDynamics;
import glassworks.md.dynamics.Trajectory;
import glassworks.md.structure.StructureFactor;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DynamicsBenchmark}: a tiny real run (N = 200, 60 frames, two thread counts) must print every documented line
 * in order, {@code dynamics: ratio=x} last, and the yardstick loop must agree with {@link RunDynamics}. No timing is
 * asserted.
 */
class DynamicsBenchmarkTest {
    private static final String NUM = "[0-9.eE+-]+";

    @Test
    void tinyRunPrintsEveryLineWithTheRatioLast() throws IOException {
        DynamicsBenchmark.Options o = DynamicsBenchmark.Options.defaults().withAtoms(200).withFrames(60)
                .withRepeats(1).withMaxThreads(2);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DynamicsBenchmark.Result r;
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            r = DynamicsBenchmark.run(o, out);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("dynamics bench: random-walk trajectory"), text);
        assertTrue(lines.get(0).contains("N=200, frames=60"), text);
        assertTrue(lines.get(1).matches("dynamics-data: file=frames-table parquet rows=12000 bytes=\\d+ write_seconds="
                + NUM), text);
        assertTrue(lines.get(2).matches("dynamics-yardstick: repeat=1 threads=1 read_seconds=" + NUM
                + " compute_seconds=" + NUM + " seconds=" + NUM), text);
        assertTrue(lines.get(3).matches("dynamics-ours: repeat=1 threads=1 read_seconds=" + NUM + " compute_seconds="
                + NUM + " seconds=" + NUM), text);
        assertTrue(lines.get(4).startsWith("dynamics-ours: repeat=1 threads=2 "), text);
        assertTrue(lines.get(5).startsWith("dynamics-check: lags="), text);
        assertTrue(lines.get(6).matches("dynamics-scaling: threads=1 seconds=" + NUM + " speedup=1.00 .*"), text);
        assertTrue(lines.get(7).matches("dynamics-scaling: threads=2 seconds=" + NUM + " speedup=" + NUM + " .*"), text);
        assertTrue(lines.get(8).startsWith("dynamics-memory: heap_after_gc_before_read="), text);
        assertTrue(lines.get(8).contains("trajectory_bytes_per_particle_frame="), text);
        assertTrue(lines.get(9).matches("dynamics: yardstick_seconds=" + NUM + " ours_seconds=" + NUM
                + " threads=2 \\(read included\\)"), text);
        String last = lines.get(lines.size() - 1);
        assertTrue(Pattern.matches("dynamics: ratio=" + NUM, last), text);
        assertEquals(11, lines.size(), text);
        assertEquals(r.ratio(), Double.parseDouble(last.substring("dynamics: ratio=".length())), 1e-3 * r.ratio());
        assertEquals(List.of(1, 2), r.threads());
    }

    @Test
    void yardstickAgreesWithRunDynamics(@TempDir java.nio.file.Path dir) throws IOException {
        int n = 150;
        int frames = 40;
        Configuration conf = new Configuration();
        Path file = new Path(dir.resolve("part-0.parquet").toUri());
        Box box = Box.cubic(Math.cbrt(n / DynamicsBenchmark.DENSITY));
        DynamicsBenchmark.writeRandomWalk(file, conf, n, frames, box, 7L);
        long[] steps = new long[frames];
        double[] times = new double[frames];
        for (int f = 0; f < frames; f++) {
            steps[f] = f * DynamicsBenchmark.FRAME_STEPS;
            times[f] = f * DynamicsBenchmark.FRAME_TIME;
        }
        for (int perDecade : new int[]{0, 5}) {
            LagGrid grid = LagGrid.linear(steps, times, 1, perDecade);
            double[][] kv = StructureFactor.vectorsNear(box, DynamicsBenchmark.K, Math.PI / box.minEdge(),
                    DynamicsBenchmark.K_VECTORS, DynamicsBenchmark.K_SEED);
            DynamicsBenchmark.Yardstick ref = DynamicsBenchmark.yardstick(
                    DynamicsBenchmark.readArrays(file, conf, n, frames), kv, grid);
            Trajectory traj = DynamicsBenchmark.readTrajectory(file, conf, n, frames);
            for (int threads : new int[]{1, 3}) {
                RunDynamics.Result ours = RunDynamics.compute(traj, grid, DynamicsBenchmark.oursOptions(threads));
                DynamicsBenchmark.check(ref, ours, kv.length, threads); // throws on disagreement
                DynamicsBenchmark.Deviation d = DynamicsBenchmark.deviation(ref, ours);
                assertTrue(d.msd() <= 1e-12 && d.fs() <= 1e-12 && d.q() <= 1e-12, d.toString());
                int all = ours.all();
                for (int l = 0; l < grid.lags(); l++) {
                    assertEquals(frames - grid.lagStep(l) / DynamicsBenchmark.FRAME_STEPS, ref.pairs()[l]);
                    assertEquals(ref.msd()[l], ours.msd()[all][l], 1e-12 * ref.msd()[l]);
                }
                // the walk moves: F_s and Q decay from ~1
                assertTrue(ref.fs()[0] > 0.9 && ref.fs()[grid.lags() - 1] < 0.5, java.util.Arrays.toString(ref.fs()));
                assertTrue(ref.overlap()[0] > 0.9, java.util.Arrays.toString(ref.overlap()));
            }
            // a different computation is caught
            DynamicsBenchmark.Yardstick off = new DynamicsBenchmark.Yardstick(ref.msd().clone(), ref.fs(),
                    ref.overlap(), ref.pairs());
            off.msd()[0] *= 1 + 1e-6;
            RunDynamics.Result ours = RunDynamics.compute(traj, grid, DynamicsBenchmark.oursOptions(1));
            assertThrows(IllegalStateException.class, () -> DynamicsBenchmark.check(off, ours, kv.length, 1));
        }
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> DynamicsBenchmark.Options.defaults().withFrames(1));
        assertThrows(IllegalArgumentException.class, () -> DynamicsBenchmark.Options.defaults().withRepeats(0));
        assertEquals(List.of(1, 2, 4, 6), DynamicsBenchmark.Options.defaults().withMaxThreads(6).threadCounts());
        assertEquals(List.of(1), DynamicsBenchmark.Options.defaults().withMaxThreads(1).threadCounts());
    }
}
