package glassworks.md.io;

import glassworks.schema.Column;
import glassworks.schema.TableRow;
import glassworks.schema.TableSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Writes generated row records ({@code RunsTable.Row}, {@code ThermoTable.Row}, ...) of one table into one file. */
public final class RowFileWriter<R extends TableRow> implements Closeable {
    private final ParquetWriter<R> writer;

    public RowFileWriter(TableSchema table, Path file, Configuration conf) throws IOException {
        this.writer = TableWriters.open(file, conf, new Support<>(table));
    }

    public void write(R row) throws IOException {
        writer.write(row);
    }

    public void writeAll(Iterable<? extends R> rows) throws IOException {
        for (R r : rows) {
            writer.write(r);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** Writes the rows into a new file and closes it. */
    public static <R extends TableRow> void writeFile(TableSchema table, Path file, Configuration conf, Iterable<? extends R> rows)
            throws IOException {
        try (RowFileWriter<R> w = new RowFileWriter<>(table, file, conf)) {
            w.writeAll(rows);
        }
    }

    private static final class Support<R extends TableRow> extends TableWriteSupport<R> {
        private final List<Column> columns;

        Support(TableSchema table) {
            super(table);
            this.columns = table.dataColumns();
        }

        @Override
        public void write(R row) {
            out.startMessage();
            for (int k = 0; k < columns.size(); k++) {
                Column c = columns.get(k);
                Object v = row.value(k);
                if (v == null) {
                    if (!c.nullable()) {
                        throw new IllegalArgumentException(table.name() + "." + c.name() + " is required but the row has null");
                    }
                    continue;
                }
                out.startField(c.name(), k);
                switch (c.type()) {
                    case STRING: out.addBinary(Binary.fromString((String) v)); break;
                    case INT32: out.addInteger((Integer) v); break;
                    case INT64: out.addLong((Long) v); break;
                    case DOUBLE: out.addDouble((Double) v); break;
                    case BOOLEAN: out.addBoolean((Boolean) v); break;
                    case VECTOR: writeDenseVector((double[]) v); break;
                    default: throw new IllegalStateException(c.type().toString());
                }
                out.endField(c.name(), k);
            }
            out.endMessage();
        }

        /** A dense vector in {@link ParquetTables#vectorType}'s layout: type 1 and the values list. */
        private void writeDenseVector(double[] values) {
            out.startGroup();
            out.startField("type", 0);
            out.addInteger(ParquetTables.DENSE_VECTOR);
            out.endField("type", 0);
            out.startField("values", 3);
            out.startGroup();
            if (values.length > 0) {
                out.startField("list", 0);
                for (double x : values) {
                    out.startGroup();
                    out.startField("element", 0);
                    out.addDouble(x);
                    out.endField("element", 0);
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
            out.endField("values", 3);
            out.endGroup();
        }
    }
}
