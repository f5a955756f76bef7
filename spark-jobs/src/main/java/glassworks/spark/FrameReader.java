package glassworks.spark;

import glassworks.md.FrameView;
import glassworks.md.io.FramesFileReader;
import glassworks.schema.tables.FramesTable;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads one stored frame of one run on the driver, without Spark ({@link FramesFileReader} on the run's partition, row
 * groups of other frames skipped). Positions come back exactly as stored.
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
        FrameView[] found = new FrameView[1];
        try {
            FramesFileReader.forEachFrame(files, Warehouse.conf(), n, dims, frame, frame, f -> found[0] = f);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (found[0] == null) {
            throw new IllegalArgumentException("run " + run + " has no frame " + frame + " in " + dir
                    + " (runs.n_frames gives its frames, 0-based)");
        }
        FrameView f = found[0];
        // the positions only: a start configuration or a minimisation needs no velocities or energies
        return new FrameView(f.frameIndex(), f.step(), f.time(), n, dims, f.species(), f.x(), f.y(), f.z(), f.boxX(),
                f.boxY(), f.boxZ(), null, null, null, null);
    }
}
