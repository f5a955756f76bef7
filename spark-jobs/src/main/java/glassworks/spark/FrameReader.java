package glassworks.spark;

import glassworks.md.FrameView;
import glassworks.md.io.TableFiles;
import glassworks.schema.tables.FramesTable;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads one stored frame of one run on the driver, without Spark: the frames file of the run's partition, filtered to
 * the frame by a Parquet predicate (row groups of other frames are skipped). Positions come back exactly as stored.
 */
final class FrameReader {
    private FrameReader() {
    }

    /**
     * Frame {@code frame} of run {@code run} (model and T are its partition), with {@code n} particles and
     * {@code dims} dimensions; fails naming the file when the frame is missing or incomplete.
     */
    static FrameView read(Warehouse warehouse, String model, double temperature, String run, int frame, int n, int dims) {
        Path dir = warehouse.partition(FramesTable.SCHEMA, model, temperature, run);
        List<Path> files = warehouse.dataFiles(dir);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("run " + run + " has no frames in " + dir + "; it is in the runs table, so its "
                    + "frames partition was removed: re-simulate it");
        }
        int[] species = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        boolean[] seen = new boolean[n];
        long step = -1;
        double time = 0;
        double[] box = new double[3];
        int count = 0;
        try {
            for (Path f : files) {
                TableFiles.checkFooter(FramesTable.SCHEMA, f, Warehouse.conf());
                try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), f)
                        .withConf(Warehouse.conf())
                        .withFilter(FilterCompat.get(FilterApi.eq(FilterApi.intColumn(FramesTable.FRAME), frame)))
                        .build()) {
                    for (Group g = reader.read(); g != null; g = reader.read()) {
                        int i = g.getInteger(FramesTable.PARTICLE, 0);
                        if (i < 0 || i >= n || seen[i]) {
                            throw new IllegalArgumentException(f + ": frame " + frame + " has particle id " + i
                                    + " out of range or twice (runs says N=" + n + ")");
                        }
                        seen[i] = true;
                        count++;
                        species[i] = g.getInteger(FramesTable.SPECIES, 0);
                        x[i] = g.getDouble(FramesTable.X, 0);
                        y[i] = g.getDouble(FramesTable.Y, 0);
                        z[i] = g.getDouble(FramesTable.Z, 0);
                        step = g.getLong(FramesTable.STEP, 0);
                        time = g.getDouble(FramesTable.TIME, 0);
                        box[0] = g.getDouble(FramesTable.BOX_X, 0);
                        box[1] = g.getDouble(FramesTable.BOX_Y, 0);
                        box[2] = g.getDouble(FramesTable.BOX_Z, 0);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (count != n) {
            throw new IllegalArgumentException("run " + run + " frame " + frame + " has " + count + " of its " + n
                    + " particles in " + dir + "; the partition is incomplete: re-simulate the run");
        }
        return new FrameView(frame, step, time, n, dims, species, x, y, z, box[0], box[1], box[2], null, null, null, null);
    }
}
