package glassworks.md.io;

import glassworks.md.FrameView;
import glassworks.schema.Column;
import glassworks.schema.tables.FramesTable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Streams frames of one run into one Parquet file of the frames table, rows ordered by (frame, particle). Memory is
 * one row group, whatever the run length. Column order and types come from frames.yaml; a column this writer does not
 * know how to fill fails at construction, so the schema file and the writer cannot drift apart silently.
 */
public final class FramesFileWriter implements Closeable {
    /** What fills each data column of frames.yaml, in file order. */
    private enum Source { FRAME, STEP, TIME, PARTICLE, SPECIES, X, Y, Z, BOX_X, BOX_Y, BOX_Z, VX, VY, VZ, PE,
        VIRIAL_XX, VIRIAL_YY, VIRIAL_ZZ, VIRIAL_XY, VIRIAL_XZ, VIRIAL_YZ }

    private final ParquetWriter<Cursor> writer;
    private final Cursor cursor = new Cursor();
    private long rows;

    public FramesFileWriter(Path file, Configuration conf) throws IOException {
        this.writer = TableWriters.open(file, conf, new Support());
    }

    /** Appends every particle of the frame. */
    public void write(FrameView frame) throws IOException {
        cursor.frame = frame;
        for (int i = 0; i < frame.n(); i++) {
            cursor.particle = i;
            writer.write(cursor);
        }
        rows += frame.n();
        cursor.frame = null;
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Cursor {
        FrameView frame;
        int particle;
    }

    private static final class Support extends TableWriteSupport<Cursor> {
        private final Source[] sources;
        private final String[] names;

        Support() {
            super(FramesTable.SCHEMA);
            List<Column> cols = table.dataColumns();
            sources = new Source[cols.size()];
            names = new String[cols.size()];
            for (int k = 0; k < cols.size(); k++) {
                names[k] = cols.get(k).name();
                try {
                    sources[k] = Source.valueOf(names[k].toUpperCase());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("frames.yaml declares column '" + names[k]
                            + "' that FramesFileWriter cannot fill; teach it the column", e);
                }
            }
        }

        @Override
        public void write(Cursor c) {
            FrameView f = c.frame;
            int i = c.particle;
            out.startMessage();
            for (int k = 0; k < sources.length; k++) {
                String n = names[k];
                switch (sources[k]) {
                    case FRAME: putInt(n, k, f.frameIndex()); break;
                    case STEP: putLong(n, k, f.step()); break;
                    case TIME: putDouble(n, k, f.time()); break;
                    case PARTICLE: putInt(n, k, i); break;
                    case SPECIES: putInt(n, k, f.species()[i]); break;
                    case X: putDouble(n, k, f.x()[i]); break;
                    case Y: putDouble(n, k, f.y()[i]); break;
                    case Z: putDouble(n, k, f.z()[i]); break;
                    case BOX_X: putDouble(n, k, f.boxX()); break;
                    case BOX_Y: putDouble(n, k, f.boxY()); break;
                    case BOX_Z: putDouble(n, k, f.boxZ()); break;
                    case VX: if (f.vx() != null) { putDouble(n, k, f.vx()[i]); } break;
                    case VY: if (f.vy() != null) { putDouble(n, k, f.vy()[i]); } break;
                    case VZ: if (f.vz() != null) { putDouble(n, k, f.vz()[i]); } break;
                    case PE: if (f.potentialEnergy() != null) { putDouble(n, k, f.potentialEnergy()[i]); } break;
                    // the six virial components, in FrameView.VIRIAL_COMPONENTS order; null columns when not saved
                    case VIRIAL_XX: putVirial(f, 0, i, n, k); break;
                    case VIRIAL_YY: putVirial(f, 1, i, n, k); break;
                    case VIRIAL_ZZ: putVirial(f, 2, i, n, k); break;
                    case VIRIAL_XY: putVirial(f, 3, i, n, k); break;
                    case VIRIAL_XZ: putVirial(f, 4, i, n, k); break;
                    case VIRIAL_YZ: putVirial(f, 5, i, n, k); break;
                    default: throw new IllegalStateException(sources[k].toString());
                }
            }
            out.endMessage();
        }

        private void putVirial(FrameView f, int component, int i, String name, int k) {
            if (f.virial() != null) {
                putDouble(name, k, f.virial()[component][i]);
            }
        }
    }
}
