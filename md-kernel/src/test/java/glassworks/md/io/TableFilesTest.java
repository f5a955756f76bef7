package glassworks.md.io;

import glassworks.md.FrameView;
import glassworks.schema.FormatVersionException;
import glassworks.schema.TableSchema;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.ThermoTable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableFilesTest {
    private final Configuration conf = new Configuration();

    private static FrameView frame(int index, boolean velocities) {
        int n = 5;
        int[] species = {0, 0, 1, 0, 1};
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double[] v = velocities ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            x[i] = i + 0.25 * index;
            y[i] = -i;
            z[i] = 100.0 + i; // unwrapped: outside the box on purpose
            if (v != null) {
                v[i] = 0.5 * i;
            }
        }
        return new FrameView(index, 10L * index, 0.05 * index, n, 3, species, x, y, z, 4, 4, 4, v, v, v, v);
    }

    @Test
    void framesRoundTripInFrameThenParticleOrder(@TempDir java.nio.file.Path dir) throws IOException {
        Path file = new Path(dir.resolve("part-0.parquet").toUri());
        try (FramesFileWriter w = new FramesFileWriter(file, conf)) {
            w.write(frame(0, true));
            w.write(frame(1, true));
            assertEquals(10, w.rows());
        }
        List<FramesTable.Row> rows = TableFiles.readRows(FramesTable.SCHEMA, file, conf, FramesTable.Row::of);
        assertEquals(10, rows.size());
        FramesTable.Row r = rows.get(7); // frame 1, particle 2
        assertEquals(1, r.frame());
        assertEquals(2, r.particle());
        assertEquals(1, r.species());
        assertEquals(10L, r.step());
        assertEquals(2.25, r.x());
        assertEquals(102.0, r.z());
        assertEquals(1.0, r.vx());
        assertEquals(4.0, r.boxY());
    }

    @Test
    void optionalColumnsAreNullWhenNotSaved(@TempDir java.nio.file.Path dir) throws IOException {
        Path file = new Path(dir.resolve("part-0.parquet").toUri());
        try (FramesFileWriter w = new FramesFileWriter(file, conf)) {
            w.write(frame(0, false));
        }
        FramesTable.Row r = TableFiles.readRows(FramesTable.SCHEMA, file, conf, FramesTable.Row::of).get(3);
        assertNull(r.vx());
        assertNull(r.pe());
        assertEquals(3.0, r.x());
    }

    @Test
    void rowsRoundTripAndFooterCarriesVersion(@TempDir java.nio.file.Path dir) throws IOException {
        Path file = new Path(dir.resolve("t.parquet").toUri());
        List<ThermoTable.Row> rows = List.of(
                new ThermoTable.Row("r1", "production", 0, 0.0, 1.0, -6.1, 1.5, -4.6, 2.3, -4.6, 1.2),
                new ThermoTable.Row("r1", "production", 100, 0.5, 0.98, -6.2, 1.47, -4.73, 2.1, -4.6, 1.2));
        RowFileWriter.writeFile(ThermoTable.SCHEMA, file, conf, rows);
        assertEquals(2, TableFiles.checkFooter(ThermoTable.SCHEMA, file, conf));
        assertEquals(rows, TableFiles.readRows(ThermoTable.SCHEMA, file, conf, ThermoTable.Row::of));
    }

    @Test
    void unknownVersionNamesFoundAndSupported(@TempDir java.nio.file.Path dir) throws IOException {
        TableSchema future = new TableSchema(ThermoTable.NAME, 99, "from the future", ThermoTable.SCHEMA.columns(),
                ThermoTable.SCHEMA.partitionColumns(), ThermoTable.SCHEMA.sortColumns());
        Path file = new Path(dir.resolve("t.parquet").toUri());
        RowFileWriter.writeFile(future, file, conf,
                List.of(new ThermoTable.Row("r1", "production", 0, 0.0, 1.0, -6.1, 1.5, -4.6, 2.3, -4.6, 1.2)));
        FormatVersionException e = assertThrows(FormatVersionException.class,
                () -> TableFiles.checkFooter(ThermoTable.SCHEMA, file, conf));
        assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
        assertTrue(e.getMessage().contains(ThermoTable.SCHEMA.supportedVersions().toString()), e.getMessage());
    }

    @Test
    void truncatedFileGetsAClearError(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path p = dir.resolve("t.parquet");
        Path file = new Path(p.toUri());
        RowFileWriter.writeFile(ThermoTable.SCHEMA, file, conf,
                List.of(new ThermoTable.Row("r1", "production", 0, 0.0, 1.0, -6.1, 1.5, -4.6, 2.3, -4.6, 1.2)));
        byte[] all = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> TableFiles.checkFooter(ThermoTable.SCHEMA, file, conf));
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void partitionDirectoriesAreCanonical() {
        assertEquals("T=0.45", ParquetTables.partitionDir("T", 0.450));
        assertEquals("T=1", ParquetTables.partitionDir("T", 1.0));
        assertEquals("model=ka3d", ParquetTables.partitionDir("model", "ka3d"));
        assertThrows(IllegalArgumentException.class, () -> ParquetTables.partitionDir("run", "a/b"));
        assertArrayEquals(new String[] {"frame", "particle"}, FramesTable.SCHEMA.sortColumns().toArray(new String[0]));
    }
}
