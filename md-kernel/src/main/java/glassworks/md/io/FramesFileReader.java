package glassworks.md.io;

import glassworks.md.FrameView;
import glassworks.schema.tables.FramesTable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Streams the stored frames of one run, frame by frame, without Spark: the run's frames files (its partition of the
 * frames table, rows ordered by frame then particle) filtered by a Parquet predicate to a range of frames, so row groups
 * of other frames are skipped. Memory: one frame's arrays, reused. Each frame is checked complete (every particle id
 * 0..N-1 exactly once) before it is handed on; a gap or a duplicate fails naming the file and the fix.
 *
 * <p>Serves every per-frame analysis that runs on an executor (descriptors, inherent structures, iso starts): one
 * reader of the frames layout.
 */
public final class FramesFileReader {
    /** Receives each frame; the view's arrays are reused for the next frame. */
    @FunctionalInterface
    public interface FrameConsumer {
        void accept(FrameView frame) throws IOException;
    }

    private FramesFileReader() {
    }

    /**
     * Streams frames {@code firstFrame .. lastFrame} (inclusive) of a run with {@code n} particles in {@code dims}
     * dimensions from {@code files} (the run's frames files in order), in frame order. Optional columns (velocities,
     * per-particle energy, virial) are passed on when the file has them. Returns the number of frames streamed.
     */
    public static int forEachFrame(List<Path> files, Configuration conf, int n, int dims, int firstFrame, int lastFrame,
                                   FrameConsumer consumer) throws IOException {
        return forEachFrame(FramesTable.SCHEMA, files, conf, n, dims, firstFrame, lastFrame, consumer);
    }

    /**
     * As {@link #forEachFrame(List, Configuration, int, int, int, int, FrameConsumer)} for any table with the frames
     * layout's configuration columns (frame, step, time, particle, species, x, y, z, box_*; optional pe): the
     * {@code inherent} table's minimised frames read the same way.
     */
    public static int forEachFrame(glassworks.schema.TableSchema table, List<Path> files, Configuration conf, int n,
                                   int dims, int firstFrame, int lastFrame, FrameConsumer consumer) throws IOException {
        Buffer b = new Buffer(n, dims);
        FilterPredicate range = FilterApi.and(
                FilterApi.gtEq(FilterApi.intColumn(FramesTable.FRAME), firstFrame),
                FilterApi.ltEq(FilterApi.intColumn(FramesTable.FRAME), lastFrame));
        int frames = 0;
        for (Path f : files) {
            TableFiles.checkFooter(table, f, conf);
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), f).withConf(conf)
                    .withFilter(FilterCompat.get(range)).build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    int frame = g.getInteger(FramesTable.FRAME, 0);
                    if (b.count > 0 && frame != b.frame) {
                        frames += b.emit(f, consumer);
                    }
                    b.add(f, g, frame);
                }
            }
        }
        if (b.count > 0) {
            frames += b.emit(files.get(files.size() - 1), consumer);
        }
        return frames;
    }

    /** One frame being assembled. */
    private static final class Buffer {
        final int n;
        final int dims;
        final int[] species;
        final double[] x;
        final double[] y;
        final double[] z;
        final boolean[] seen;
        double[] vx;
        double[] vy;
        double[] vz;
        double[] pe;
        double[][] virial;
        int frame = -1;
        long step;
        double time;
        double boxX;
        double boxY;
        double boxZ;
        int count;
        int lastEmitted = Integer.MIN_VALUE;

        Buffer(int n, int dims) {
            this.n = n;
            this.dims = dims;
            species = new int[n];
            x = new double[n];
            y = new double[n];
            z = new double[n];
            seen = new boolean[n];
        }

        void add(Path f, Group g, int frameIndex) {
            if (count == 0) {
                if (frameIndex <= lastEmitted) {
                    throw new IllegalArgumentException(f + ": frame " + frameIndex + " appears after frame " + lastEmitted
                            + " (rows must be ordered by frame; a frame split across files is a corrupt partition): "
                            + "re-simulate the run");
                }
                frame = frameIndex;
                step = g.getLong(FramesTable.STEP, 0);
                time = g.getDouble(FramesTable.TIME, 0);
                boxX = g.getDouble(FramesTable.BOX_X, 0);
                boxY = g.getDouble(FramesTable.BOX_Y, 0);
                boxZ = g.getDouble(FramesTable.BOX_Z, 0);
                Arrays.fill(seen, false);
            }
            int i = g.getInteger(FramesTable.PARTICLE, 0);
            if (i < 0 || i >= n || seen[i]) {
                throw new IllegalArgumentException(f + ": frame " + frame + " has particle id " + i
                        + " out of range or twice (runs says N=" + n + "): the partition is corrupt, re-simulate the run");
            }
            seen[i] = true;
            count++;
            species[i] = g.getInteger(FramesTable.SPECIES, 0);
            x[i] = g.getDouble(FramesTable.X, 0);
            y[i] = g.getDouble(FramesTable.Y, 0);
            z[i] = g.getDouble(FramesTable.Z, 0);
            if (g.getType().containsField(FramesTable.VX) && g.getFieldRepetitionCount(FramesTable.VX) > 0) {
                if (vx == null) {
                    vx = new double[n];
                    vy = new double[n];
                    vz = new double[n];
                }
                vx[i] = g.getDouble(FramesTable.VX, 0);
                vy[i] = g.getDouble(FramesTable.VY, 0);
                vz[i] = g.getDouble(FramesTable.VZ, 0);
            }
            if (g.getType().containsField(FramesTable.PE) && g.getFieldRepetitionCount(FramesTable.PE) > 0) {
                if (pe == null) {
                    pe = new double[n];
                }
                pe[i] = g.getDouble(FramesTable.PE, 0);
            }
            if (g.getType().containsField(FramesTable.VIRIAL_XX) && g.getFieldRepetitionCount(FramesTable.VIRIAL_XX) > 0) {
                if (virial == null) {
                    virial = new double[6][n];
                }
                String[] cols = {FramesTable.VIRIAL_XX, FramesTable.VIRIAL_YY, FramesTable.VIRIAL_ZZ,
                        FramesTable.VIRIAL_XY, FramesTable.VIRIAL_XZ, FramesTable.VIRIAL_YZ};
                for (int c = 0; c < 6; c++) {
                    virial[c][i] = g.getDouble(cols[c], 0);
                }
            }
        }

        int emit(Path f, FrameConsumer consumer) throws IOException {
            if (count != n) {
                throw new IllegalArgumentException(f + ": frame " + frame + " has " + count + " of its " + n
                        + " particles; the partition is incomplete: re-simulate the run");
            }
            consumer.accept(new FrameView(frame, step, time, n, dims, species, x, y, z, boxX, boxY, boxZ,
                    vx, vy, vz, pe, virial));
            lastEmitted = frame;
            count = 0;
            return 1;
        }
    }
}
