package glassworks.spark;

import glassworks.md.FrameView;
import glassworks.md.io.FramesFileWriter;
import glassworks.md.io.TableFiles;
import glassworks.schema.tables.FramesTable;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** frames v2: the six per-particle virial columns are written from FrameView.virial and are null when not saved. */
class FramesVirialColumnsTest {
    static FrameView frame(boolean withVirial) {
        int n = 4;
        double[] x = {0.5, 1.5, 2.5, 3.5};
        double[][] w = null;
        if (withVirial) {
            w = new double[6][n];
            for (int c = 0; c < 6; c++) {
                for (int i = 0; i < n; i++) {
                    w[c][i] = 10 * c + i + 0.25;
                }
            }
        }
        return new FrameView(0, 0, 0, n, 3, new int[] {0, 0, 0, 1}, x, x, x, 4, 4, 4, null, null, null, null, w);
    }

    @Test
    void virialComponentsRoundTripInSchemaOrder(@TempDir java.nio.file.Path dir) throws IOException {
        Path file = new Path(dir.resolve("v.parquet").toUri());
        try (FramesFileWriter out = new FramesFileWriter(file, Warehouse.conf())) {
            out.write(frame(true));
        }
        List<FramesTable.Row> rows = TableFiles.readRows(FramesTable.SCHEMA, file, Warehouse.conf(), FramesTable.Row::of);
        FramesTable.Row r = rows.get(2);
        assertEquals(2.25, r.virialXx());
        assertEquals(12.25, r.virialYy());
        assertEquals(22.25, r.virialZz());
        assertEquals(32.25, r.virialXy());
        assertEquals(42.25, r.virialXz());
        assertEquals(52.25, r.virialYz());
        double trace = 0;
        for (FramesTable.Row row : rows) {
            trace += row.virialXx() + row.virialYy() + row.virialZz();
        }
        assertTrue(Double.isFinite(trace));
        assertEquals(2, FramesTable.VERSION);
    }

    @Test
    void virialColumnsAreNullWhenNotSaved(@TempDir java.nio.file.Path dir) throws IOException {
        Path file = new Path(dir.resolve("v.parquet").toUri());
        try (FramesFileWriter out = new FramesFileWriter(file, Warehouse.conf())) {
            out.write(frame(false));
        }
        FramesTable.Row r = TableFiles.readRows(FramesTable.SCHEMA, file, Warehouse.conf(), FramesTable.Row::of).get(1);
        assertNull(r.virialXx());
        assertNull(r.virialYz());
        assertEquals(1.5, r.x());
    }
}
