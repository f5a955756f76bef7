package glassworks.md.io;

import glassworks.md.FrameView;
import glassworks.schema.tables.DescriptorsTable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streaming frames back from frames files by frame range; vector columns round-trip. */
class FramesFileReaderTest {
    static final Configuration CONF = new Configuration();
    static final int N = 7;

    static FrameView frame(int k, boolean energies) {
        int[] s = new int[N];
        double[] x = new double[N];
        double[] y = new double[N];
        double[] z = new double[N];
        double[] pe = energies ? new double[N] : null;
        for (int i = 0; i < N; i++) {
            s[i] = i % 2;
            x[i] = k + 0.1 * i;
            y[i] = -k + 0.2 * i;
            z[i] = 0.3 * i * k;
            if (energies) {
                pe[i] = -5 - 0.01 * i - k;
            }
        }
        return new FrameView(k, 100L * k, 0.5 * k, N, 3, s, x, y, z, 5, 5, 5, null, null, null, pe);
    }

    @Test
    void streamsARangeOfFramesInOrderWithOptionalColumns(@TempDir java.nio.file.Path dir) throws IOException {
        Path file = new Path(dir.resolve("f.parquet").toUri());
        try (FramesFileWriter w = new FramesFileWriter(file, CONF)) {
            for (int k = 0; k < 5; k++) {
                w.write(frame(k, true));
            }
        }
        List<int[]> seen = new ArrayList<>();
        int count = FramesFileReader.forEachFrame(List.of(file), CONF, N, 3, 1, 3, f -> {
            FrameView e = frame(f.frameIndex(), true);
            assertArrayEquals(e.x(), f.x());
            assertArrayEquals(e.y(), f.y());
            assertArrayEquals(e.z(), f.z());
            assertArrayEquals(e.species(), f.species());
            assertArrayEquals(e.potentialEnergy(), f.potentialEnergy());
            assertNull(f.vx());
            assertEquals(e.step(), f.step());
            assertEquals(e.time(), f.time());
            seen.add(new int[]{f.frameIndex()});
        });
        assertEquals(3, count);
        assertEquals(List.of(1, 2, 3), seen.stream().map(a -> a[0]).toList());
    }

    @Test
    void anIncompleteFrameIsRefusedNamingTheFile(@TempDir java.nio.file.Path dir) throws IOException {
        Path file = new Path(dir.resolve("f.parquet").toUri());
        try (FramesFileWriter w = new FramesFileWriter(file, CONF)) {
            w.write(frame(0, false));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FramesFileReader.forEachFrame(List.of(file), CONF, N + 1, 3, 0, 0, f -> { }));
        assertTrue(e.getMessage().contains("f.parquet") && e.getMessage().contains("re-simulate"), e.getMessage());
    }

    @Test
    void vectorColumnsRoundTrip(@TempDir java.nio.file.Path dir) throws IOException {
        Path file = new Path(dir.resolve("d.parquet").toUri());
        List<DescriptorsTable.Row> rows = List.of(
                new DescriptorsTable.Row("r", 0, 0, 1, "thermal", "gx", "00ff", new double[]{1.5, -2, 0, 1e-300}),
                new DescriptorsTable.Row("r", 0, 1, 0, "thermal", "gx", "00ff", new double[0]));
        RowFileWriter.writeFile(DescriptorsTable.SCHEMA, file, CONF, rows);
        List<DescriptorsTable.Row> back = TableFiles.readRows(DescriptorsTable.SCHEMA, file, CONF, DescriptorsTable.Row::of);
        assertEquals(2, back.size());
        assertArrayEquals(rows.get(0).features(), back.get(0).features());
        assertEquals(0, back.get(1).features().length);
        assertEquals("gx", back.get(1).family());
    }
}
